/* test-oauth2-window.c — the window's OAuth 2.0 flow against python3-oauthlib (issue 15,
 * point 7), by keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The independent provider (tests/providers/oauthlib_oauth2_provider.py) runs with the test's
 * loopback redirect registered; the window knows it only from user provider files written in
 * the test's own config folder before the window opens: "Oauthlib Test" (its endpoints) and
 * "Oauthlib Hang" (a token endpoint that never answers). The test plays the browser (the
 * application's launcher hook): it fetches the consent page and submits Allow or Deny; the
 * provider's redirect goes to the window's loopback server, as a browser would follow it.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-oauth2-result-page.h"
#include "cs-test-providers.h"
#include "cs-ui-flow.h"
#include "cs-ui-keyboard.h"

#define PUBLIC_CLIENT       "public-client-0001"
#define CONFIDENTIAL_CLIENT "confidential-client-0001"
#define CONFIDENTIAL_SECRET "confidential-secret"
#define PORT_FIELD          "Loopback Port (empty: any free port)"
#define ADDRESS_FIELD       "Address the Browser Was Sent To"

static guint loopback_port;
static char *port_text;

/* The test's browser (cs-ui-flow.c) presses browser.action; this fault goes with the request
 * of the consent page's form (X-Countersign-Fault), for that one request. */
static const char *consent_fault;

static void
consent_reset (const char *action,
               const char *fault,
               gboolean    no_redirect)
{
  browser_reset (action);
  browser.no_redirect = no_redirect;
  consent_fault = fault;
}

/* The consent page was shown (Allow and Deny); its form posts the button pressed back
 * to the address of the request. */
static void
consent_page_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);
  g_autofree char *page = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  g_assert_no_error (error);
  page = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_nonnull (strstr (page, "id=\"allow\""));
  g_assert_nonnull (strstr (page, "id=\"deny\""));
  msg = soup_message_new_from_encoded_form ("POST", uri,
                                            soup_form_encode ("action", browser.action, NULL));
  if (consent_fault != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg), "X-Countersign-Fault",
                                 consent_fault);
  browser_send (msg);
}

static void
launch (const char *uri,
        gpointer    user_data)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);

  g_assert_nonnull (msg);
  g_assert_nonnull (strstr (uri, "code_challenge_method=S256"));
  browser.launches++;
  soup_session_send_and_read_async (browser.session, msg, G_PRIORITY_DEFAULT, NULL,
                                    consent_page_cb, g_strdup (uri));
}

/* For a failure: what the window said (concealed values are shown as dots). */
static void
dump_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget))
    g_printerr ("# label: %s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_labels (child);
}

static void
diagnose_labels (void)
{
  diagnose ();
  if (current_window != NULL)
    dump_labels (GTK_WIDGET (current_window));
}

/* ------------------------------------------------------------------ the provider files */

static void
write_provider (const char *file,
                const char *name,
                const char *base,
                const char *token_url)
{
  g_autofree char *dir = g_build_filename (cs_ui_config_dir, "countersign", "providers", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *text = g_strdup_printf ("[Provider]\nId=%.*s\nName=%s\n"
                                           "OAuth2AuthorizeURL=%s/authorize\n"
                                           "OAuth2TokenURL=%s\n"
                                           "OAuth2RevokeURL=%s/revoke\n"
                                           "OAuth2Scopes=read;write;offline_access\n"
                                           "OAuth2DefaultScopes=read;offline_access\n"
                                           "VerifyCredentialsURL=%s/me\n",
                                           (int) (strlen (file) - strlen (".provider")), file,
                                           name, base, token_url, base, base);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
write_providers (void)
{
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", loopback_port);
  const char *args[] = { "--redirect-uri", redirect, NULL };
  const char *base = cs_test_oauthlib2_start_with (args);
  g_autofree char *token_url = g_strconcat (base, "/token", NULL);
  g_autofree char *hang_url = g_strconcat (base, "/fault/hang-token/token", NULL);

  write_provider ("oauthlib.provider", "Oauthlib Test", base, token_url);
  write_provider ("oauthlibhang.provider", "Oauthlib Hang", base, hang_url);
}

/* ------------------------------------------------------------------ steps by keyboard */

static void
press_continue (CsWindow *window)
{
  gtk_widget_grab_focus (cs_ui_find (window, "Continue"));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
}

/* Types @text (digits, lowercase letters, '-', '.') into the field named @name by key
 * presses; what was there is selected first. */
static void
type_into (CsWindow   *window,
           const char *name,
           const char *text)
{
  GtkWidget *field = cs_ui_find (window, name);
  GtkWidget *text_widget = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field)));

  gtk_widget_grab_focus (field);
  CS_UI_WAIT_FOR (gtk_widget_has_focus (text_widget));
  gtk_editable_select_region (GTK_EDITABLE (field), 0, -1);
  if (*text == '\0')
    cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_BackSpace, FALSE);
  else
    cs_ui_type_keys (GTK_WINDOW (window), text);
  cs_ui_spin (100);
  g_assert_cmpstr (cs_ui_text (window, name), ==, text);
}

/* Where @name is in the Provider list (it must be there). */
static guint
provider_position (CsWindow   *window,
                   const char *name)
{
  GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (cs_ui_find (window, "Provider")));

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      return i;
  g_error ("No provider “%s” in the list", name);
}

/* Ctrl+N, the user's provider @name, Enter: the client page. */
static void
open_client_page (CsWindow   *window,
                  const char *name)
{
  CsWizard *wizard = wizard_of (window);

  cs_ui_focus_window (GTK_WINDOW (window));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_n, TRUE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Provider") != NULL);
  /* The user's providers are loaded when the window opens. */
  CS_UI_WAIT_FOR (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (
    cs_ui_find (window, "Provider")))) > 2 && cs_ui_text_shown (window, "Step 1 of"));
  choose (window, "Provider", provider_position (window, name));
  /* OAuth 2.0 only: no consumer fields, no protocol to choose. */
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Consumer Key") == NULL);
  g_assert_null (cs_ui_try_find (window, "Protocol"));
  press_continue (window);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2);
  cs_ui_audit_names (window);
}

/* The client page by keys: @client_id, @secret (NULL: none), the registered loopback port. */
static void
fill_client (CsWindow   *window,
             const char *client_id,
             const char *secret)
{
  type_into (window, "Client ID", client_id);
  if (secret != NULL)
    type_into (window, "Client Secret (optional)", secret);
  g_assert_true (cs_ui_text_shown (window, secret != NULL ? "confidential client"
                                                          : "public client"));
  type_into (window, PORT_FIELD, port_text);
  {
    g_autofree char *hint = g_strdup_printf ("Add this redirect URI to your app’s settings: "
                                             "http://127.0.0.1:%u/callback", loopback_port);

    g_assert_true (cs_ui_text_shown (window, hint));
  }
}

/* Client → scopes (the defaults) → authorize: loopback, the browser opened by the window. */
static void
authorize (CsWindow   *window,
           const char *client_id,
           const char *secret)
{
  CsWizard *wizard = wizard_of (window);

  fill_client (window, client_id, secret);
  press_continue (window);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "offline_access"))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "read"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "write"))));
  cs_ui_audit_names (window);
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) >= 4);
}

/* A new window through the loopback flow with @provider and the client, the browser pressing
 * @action, until the window has the answer. */
static CsWindow *
open_and_authorize (const char *provider,
                    const char *action,
                    const char *client_id,
                    const char *secret)
{
  CsWindow *window = current_window = cs_ui_open_window ();

  consent_reset (action, NULL, FALSE);
  open_client_page (window, provider);
  authorize (window, client_id, secret);
  CS_UI_WAIT_FOR (browser.done && !cs_wizard_get_busy (wizard_of (window)));
  g_assert_cmpuint (browser.launches, ==, 1);
  return window;
}

/* Back to the client page: what was entered is still there. */
static void
back_to_client (CsWindow   *window,
                const char *client_id,
                const char *secret)
{
  CsWizard *wizard = wizard_of (window);

  while (cs_wizard_get_step (wizard) > 2)
    {
      guint step = cs_wizard_get_step (wizard);

      cs_ui_click (window, "Back");
      CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) < step);
    }
  g_assert_cmpstr (cs_ui_text (window, "Client ID"), ==, client_id);
  if (secret != NULL)
    g_assert_cmpstr (cs_ui_text (window, "Client Secret (optional)"), ==, secret);
  g_assert_cmpstr (cs_ui_text (window, PORT_FIELD), ==, port_text);
}

/* The stored OAuth 2.0 item of "oauthlib" for @client_id. */
static CsStoredToken *
stored_oauth2 (const char *client_id)
{
  g_autoptr (GPtrArray) tokens = keyring_list ();

  for (guint i = 0; i < tokens->len; i++)
    {
      CsStoredToken *token = g_ptr_array_index (tokens, i);

      if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2
          && g_strcmp0 (cs_stored_token_get_provider_id (token), "oauthlib") == 0
          && g_strcmp0 (cs_stored_token_get_client_id (token), client_id) == 0)
        return keyring_lookup (cs_stored_token_get_id (token));
    }
  return NULL;
}

/* ------------------------------------------------------------------ the cases */

/* The tokens with expiry and scopes, kept in the keyring; Refresh rotates both; Revoke. */
static void
run_flow (const char *client_id,
          const char *secret)
{
  CsWindow *window = open_and_authorize ("Oauthlib Test", "allow", client_id, secret);
  CsWizard *wizard = wizard_of (window);
  GtkWidget *page;
  g_autoptr (CsStoredToken) stored = NULL;
  g_autoptr (CsStoredToken) rotated = NULL;
  g_autofree char *first_access = NULL;
  const char *expiry;

  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 5 && !cs_wizard_get_busy (wizard));

  page = gtk_widget_get_ancestor (cs_ui_find (window, "Access Token"),
                                  CS_TYPE_OAUTH2_RESULT_PAGE);
  first_access = g_strdup (shown_value (window, "Access Token"));
  g_assert_cmpuint (strlen (first_access), >, 0);
  g_assert_nonnull (shown_value (window, "Refresh Token"));
  expiry = cs_oauth2_result_page_get_expiry_text (CS_OAUTH2_RESULT_PAGE (page));
  g_assert_nonnull (strstr (expiry, "left, until"));
  g_assert_cmpstr (shown_value (window, "Scopes"), ==, "read offline_access");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  stored = stored_oauth2 (client_id);
  g_assert_nonnull (stored);
  g_assert_cmpstr (cs_stored_token_get_access_token (stored), ==, first_access);
  g_assert_cmpint (cs_stored_token_get_expires_at (stored), >,
                   g_get_real_time () / G_USEC_PER_SEC + 7000);
  cs_ui_audit_names (window);

  /* Refresh: new tokens on screen and in the keyring; the old refresh token is spent. */
  cs_ui_click (window, "Refresh");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard)
                  && cs_ui_text_shown (window, "Refreshed: a new access token"));
  g_assert_cmpstr (shown_value (window, "Access Token"), !=, first_access);
  rotated = keyring_lookup (cs_stored_token_get_id (stored));
  g_assert_cmpstr (cs_stored_token_get_access_token (rotated), ==,
                   shown_value (window, "Access Token"));
  g_assert_cmpstr (cs_stored_token_get_refresh_token (rotated), ==,
                   shown_value (window, "Refresh Token"));
  g_assert_cmpstr (cs_stored_token_get_refresh_token (rotated), !=,
                   cs_stored_token_get_refresh_token (stored));

  /* Test Credentials with the bearer: oauthlib's user. */
  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "@oauthlib_user"));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring, with the account"));

  /* Revoke: refused afterwards by the provider; the tokens stay on screen. */
  cs_ui_click (window, "Revoke");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Revoked: the provider no longer accepts"));
  g_assert_false (cs_ui_can_click (window, "Refresh"));
  g_assert_cmpstr (shown_value (window, "Access Token"), ==,
                   cs_stored_token_get_access_token (rotated));
  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard)
                  && !cs_ui_text_shown (window, "Calling with the bearer token"));
  g_assert_false (cs_ui_text_shown (window, "The tokens work"));

  cs_ui_close_window (window);
  current_window = NULL;
}

static void
test_confidential (void)
{
  run_flow (CONFIDENTIAL_CLIENT, CONFIDENTIAL_SECRET);
}

static void
test_public (void)
{
  run_flow (PUBLIC_CLIENT, NULL);
}

/* Deny on the consent page: said on the page, no exchange; Back keeps the client. */
static void
test_deny (void)
{
  CsWindow *window = open_and_authorize ("Oauthlib Test", "deny", PUBLIC_CLIENT, NULL);
  CsWizard *wizard = wizard_of (window);

  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 4);
  g_assert_true (cs_ui_text_shown (window, "Access Denied"));
  screenshot (window, "oauth2-denied.png");
  g_assert_true (cs_ui_text_shown (window, "The authorization was denied in the browser"));
  g_assert_null (cs_ui_try_find (window, "Access Token"));
  back_to_client (window, PUBLIC_CLIENT, NULL);

  cs_ui_close_window (window);
  current_window = NULL;
}

/* Whether all of @widget is inside the part of its scrolled page on screen. */
static gboolean
message_in_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (widget, scroller, &bounds) && bounds.origin.y >= 0
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* The provider's redirect with another state, pasted: said under the field, which keeps it. */
static void
test_state_mismatch (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", loopback_port);
  GtkWidget *field;

  consent_reset ("allow", "state-mismatch", TRUE);
  open_client_page (window, "Oauthlib Test");
  fill_client (window, PUBLIC_CLIENT, NULL);
  choose (window, "Redirect", 2);
  cs_ui_type (window, "Redirect URI", redirect);
  press_continue (window);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4);
  g_assert_cmpuint (browser.launches, ==, 0);
  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_cmpuint (browser.status, ==, 302);
  g_assert_true (g_str_has_prefix (browser.location, redirect));
  g_assert_nonnull (strstr (browser.location, "code="));

  /* Pasted, as a person would. */
  cs_ui_type (window, ADDRESS_FIELD, browser.location);
  press_continue (window);
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 4);
  field = cs_ui_find (window, ADDRESS_FIELD);
  g_assert_cmpstr (cs_ui_text (window, ADDRESS_FIELD), ==, browser.location);
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  screenshot (window, "oauth2-state-mismatch.png");
  g_assert_true (cs_ui_text_shown (window, "The redirect's state is not this authorization's"));
  /* The message has the focus, so it is in view (the field above it) and read out. */
  CS_UI_WAIT_FOR (GTK_IS_LABEL (gtk_root_get_focus (GTK_ROOT (window)))
                  && strstr (gtk_label_get_text (GTK_LABEL (gtk_root_get_focus (GTK_ROOT (window)))),
                             "state is not this authorization") != NULL);
  CS_UI_WAIT_FOR (message_in_view (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_null (cs_ui_try_find (window, "Access Token"));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* A token endpoint that never answers: a timeout message, not a wait without end; the
 * entries stay. */
static void
test_hang_token (void)
{
  CsWindow *window = open_and_authorize ("Oauthlib Hang", "allow", CONFIDENTIAL_CLIENT,
                                         CONFIDENTIAL_SECRET);
  CsWizard *wizard = wizard_of (window);

  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 5 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "did not answer"));
  screenshot (window, "oauth2-timeout.png");
  g_assert_null (cs_ui_try_find (window, "Access Token"));

  /* Retry: a new request and consent (the code was sent), timing out the same way. */
  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (browser.launches == 2 && cs_wizard_get_step (wizard) == 5
                  && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "did not answer"));
  back_to_client (window, CONFIDENTIAL_CLIENT, CONFIDENTIAL_SECRET);

  cs_ui_close_window (window);
  current_window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test hook for the requests' timeout: the hanging token endpoint fails after 2 s. */
  g_setenv ("COUNTERSIGN_TIMEOUT", "2", TRUE);
  cs_ui_flow_start (&argc, &argv, TRUE);
  cs_application_set_uri_launcher (cs_ui_app, launch, NULL);
  cs_ui_diagnose = diagnose_labels;
  loopback_port = unused_port ();
  port_text = g_strdup_printf ("%u", loopback_port);
  write_providers ();

  g_test_add_func ("/ui/oauth2-oauthlib/confidential", test_confidential);
  g_test_add_func ("/ui/oauth2-oauthlib/public", test_public);
  g_test_add_func ("/ui/oauth2-oauthlib/deny", test_deny);
  g_test_add_func ("/ui/oauth2-oauthlib/state-mismatch", test_state_mismatch);
  g_test_add_func ("/ui/oauth2-oauthlib/hang-token", test_hang_token);
  status = g_test_run ();

  cs_test_oauthlib2_stop ();
  cs_ui_flow_stop ();
  g_free (port_text);
  return status;
}
