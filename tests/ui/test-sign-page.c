/* test-sign-page.c — "Sign a Request" driven like a user would (issue 14, points 5 and 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened from the main menu's action; bad input (no consumer key, a URL that is not one, an
 * RSA method without its key file) gets its own message and every entry keeps its text; a
 * NetSuite-style request (HMAC-SHA512, realm, a fixed token) with a JSON body and its body
 * hash is signed, shown and sent to the independent oauthlib provider, whose answer is shown;
 * the demo provider asked for debug_sbs refuses, and the page shows both base strings with
 * the first difference marked, and so does the wizard's error view for a Custom provider.
 */
#include "config.h"

#include <string.h>

#include "cs-test-providers.h"
#include "cs-ui-flow.h"

static const char *
oauthlib_one_legged (void)
{
  static char *url;

  if (url == NULL)
    url = g_strconcat (cs_test_oauthlib_base_url (), "/one-legged?limit=5", NULL);
  return url;
}

static CsWindow *
open_sign_page (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-request", NULL));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Signature Method") != NULL);
  return window;
}

static void
close_page (CsWindow *window)
{
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Signature Method") == NULL);
  cs_ui_close_window (window);
  current_window = NULL;
}

static void
test_bad_input (void)
{
  CsWindow *window = open_sign_page ();

  cs_ui_audit_names (window);
  cs_ui_type (window, "URL", "https://api.example.com/r");
  cs_ui_type (window, "Consumer Secret", "keep-this-secret");
  cs_ui_click (window, "Sign");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Enter the consumer key"));
  g_assert_cmpstr (cs_ui_text (window, "URL"), ==, "https://api.example.com/r");
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, "keep-this-secret");
  g_assert_false (cs_ui_text_shown (window, "Authorization Header"));

  cs_ui_type (window, "Consumer Key", "some-key");
  cs_ui_type (window, "URL", "example.com/no-scheme");
  cs_ui_click (window, "Send");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "The URL is not valid"));
  g_assert_false (cs_ui_text_shown (window, "Enter the consumer key"));
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "some-key");
  g_assert_cmpstr (cs_ui_text (window, "URL"), ==, "example.com/no-scheme");

  cs_ui_type (window, "URL", "https://api.example.com/r");
  choose (window, "Signature Method", 5); /* RSA-SHA256 */
  cs_ui_click (window, "Sign");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "needs the private key file"));
  cs_ui_type (window, "Private Key File (RSA)", "/nonexistent/key.pem");
  cs_ui_click (window, "Sign");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "The private key file cannot be read"));
  g_assert_false (cs_ui_text_shown (window, "keep-this-secret"));
  close_page (window);
}

/* NetSuite's way to the oauthlib provider: signed, shown, sent, answered. */
static void
test_sign_and_send (void)
{
  CsWindow *window = open_sign_page ();

  cs_ui_type (window, "Consumer Key", "sha512-client-key-0001");
  cs_ui_type (window, "Consumer Secret", "sha512-secret");
  cs_ui_type (window, "Token (Optional)", "fixed-access-token-0001");
  cs_ui_type (window, "Token Secret (Optional)", "fixed-access-secret");
  choose (window, "Signature Method", 4); /* HMAC-SHA512 */
  cs_ui_type (window, "Realm (Optional)", "123456_SB1");
  choose (window, "HTTP Method", 1); /* POST */
  cs_ui_type (window, "URL", oauthlib_one_legged ());
  cs_ui_type (window, "Body", "{\"name\":\"Acme\"}");
  gtk_widget_activate (cs_ui_find (window, "Body Hash"));

  cs_ui_click (window, "Sign");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "OAuth realm=\"123456_SB1\", oauth_body_hash=\""));
  g_assert_true (cs_ui_text_shown (window, "oauth_signature_method=\"HMAC-SHA512\""));
  g_assert_true (cs_ui_text_shown (window, "POST&http%3A%2F%2F127.0.0.1"));
  g_assert_true (cs_ui_text_shown (window, "--data-binary '{\"name\":\"Acme\"}'"));
  cs_ui_click (window, "Copy Curl Command");
  {
    g_autofree char *copied = cs_ui_clipboard_text (window);

    g_assert_true (g_str_has_prefix (copied, "curl --request 'POST' --header 'Authorization: "
                                             "OAuth realm="));
  }

  cs_ui_click (window, "Send");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "HTTP 200"));
  g_assert_true (cs_ui_text_shown (window, "\"realm\": \"123456_SB1\""));
  g_assert_true (cs_ui_text_shown (window, "\"body_hash_ok\": true"));
  g_assert_true (cs_ui_text_shown (window, "\"signature_method\": \"HMAC-SHA512\""));
  close_page (window);
}

/* The demo provider behind a "TLS proxy" says what it signed: both base strings, marked. */
static void
test_debug_sbs_diff (void)
{
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_autofree char *url = g_strconcat (cs_demo_provider_get_base_url (demo),
                                      "/oauth/request_token?debug_sbs=proxy", NULL);
  CsWindow *window = open_sign_page ();

  cs_ui_type (window, "Consumer Key", CS_DEMO_CONSUMER_KEY);
  cs_ui_type (window, "Consumer Secret", CS_DEMO_CONSUMER_SECRET);
  choose (window, "HTTP Method", 1); /* POST */
  cs_ui_type (window, "URL", url);
  cs_ui_click (window, "Send");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "The base strings differ from character 10 on:"));
  g_assert_true (cs_ui_text_shown (window, "signature_invalid"));
  g_assert_true (cs_ui_text_shown (window, "Countersign: POST&http%3A%2F%2F127.0.0.1"));
  g_assert_true (cs_ui_text_shown (window, "Provider:    POST&https%3A%2F%2F127.0.0.1"));
  g_assert_true (cs_ui_text_shown (window, "          ^"));
  /* The entries stay for the next try. */
  g_assert_cmpstr (cs_ui_text (window, "URL"), ==, url);
  close_page (window);
}

/* The wizard's step 2 against the same provider: the error view shows both base strings. */
static void
test_wizard_debug_sbs (void)
{
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  const char *base = cs_demo_provider_get_base_url (demo);
  g_autofree char *request = g_strconcat (base, "/oauth/request_token?debug_sbs=proxy", NULL);
  g_autofree char *authorize = g_strconcat (base, "/oauth/authorize", NULL);
  g_autofree char *access = g_strconcat (base, "/oauth/access_token", NULL);
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  AdwComboRow *providers;

  open_wizard (window);
  providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
  choose (window, "Provider", g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1);
  choose (window, "Callback", 0);
  cs_ui_type (window, "Request Token URL", request);
  cs_ui_type (window, "Authorize URL", authorize);
  cs_ui_type (window, "Access Token URL", access);
  cs_ui_type (window, "Consumer Key", CS_DEMO_CONSUMER_KEY);
  cs_ui_type (window, "Consumer Secret", CS_DEMO_CONSUMER_SECRET);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_true (cs_ui_text_shown (window, "signature_invalid"));
  g_assert_true (cs_ui_text_shown (window, "The base strings differ from character 10 on:"));
  g_assert_true (cs_ui_text_shown (window, "Provider:    POST&https%3A%2F%2F127.0.0.1"));
  g_assert_false (cs_ui_text_shown (window, CS_DEMO_CONSUMER_SECRET));
  cs_ui_close_window (window);
  current_window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cs_ui_flow_start (&argc, &argv, FALSE);

  g_test_add_func ("/ui/sign-page/bad-input", test_bad_input);
  g_test_add_func ("/ui/sign-page/sign-and-send", test_sign_and_send);
  g_test_add_func ("/ui/sign-page/debug-sbs-diff", test_debug_sbs_diff);
  g_test_add_func ("/ui/sign-page/wizard-debug-sbs", test_wizard_debug_sbs);

  status = g_test_run ();

  cs_ui_flow_stop ();
  cs_test_oauthlib_stop ();
  return status;
}
