/* test-account.c — what the window does after a failed access token, and with the account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A wrong PIN: the demo forgets the request token, as oauthlib's providers do. Back (the
 * error's advice) and Retry then get a new request token and link, and say so, and the flow
 * ends with an access token. Test Credentials names the account that the access token
 * answer did not: the keyring, the saved list and the exports name it from then on, and a
 * second authorization of an unknown account does not replace the first.
 */
#include "config.h"

#include <string.h>

#include "cs-test-keyring.h"
#include "cs-ui-flow.h"

#define WRONG_PIN "0000000"

/* Steps 1 to 4 in PIN mode with a wrong PIN: step 4 shows the refusal. Returns the request
 * token that step 2 showed. */
static char *
wrong_pin_to_result (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);
  char *request_token;

  browser_reset ("allow");
  request_token_with_demo (window, 0);
  request_token = g_strdup (shown_value (window, "oauth_token"));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_nonnull (browser.pin);
  cs_ui_type (window, "PIN", WRONG_PIN);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "The Provider Refused the Request"));
  g_assert_true (cs_ui_text_shown (window, "This request token is used up now"));
  return request_token;
}

/* Step 3: the browser opens the link shown and the PIN it shows is entered. */
static void
enter_new_pin (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  /* The old link's token is gone at the provider: only a new link shows a PIN. */
  g_assert_nonnull (browser.pin);
  cs_ui_type (window, "PIN", browser.pin);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (cs_application_get_demo_provider (
                     cs_ui_app, NULL)));
}

/* The advice says press Back to enter the PIN again: Back fetches a new request token and
 * link, says so, and the new PIN works. */
static void
test_wrong_pin_back (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  g_autofree char *old_token = NULL;

  old_token = wrong_pin_to_result (window);
  g_assert_true (cs_ui_text_shown (window, "press Back"));
  screenshot (window, "wrong-pin.png");
  cs_ui_audit_names (window);

  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "this is a new link"));
  g_assert_cmpstr (cs_ui_text (window, "PIN"), !=, WRONG_PIN);
  enter_new_pin (window);

  cs_ui_close_window (window);
  current_window = NULL;
}

/* Retry would send the same verifier again: it starts over with a new request token. */
static void
test_wrong_pin_start_over (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  g_autofree char *old_token = NULL;

  old_token = wrong_pin_to_result (window);
  g_assert_null (cs_ui_try_find (window, "Retry"));
  cs_ui_click (window, "Start Over With a New Request Token");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "this is a new one"));
  g_assert_nonnull (shown_value (window, "oauth_token"));
  g_assert_cmpstr (shown_value (window, "oauth_token"), !=, old_token);

  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  enter_new_pin (window);
  cs_ui_close_window (window);
  current_window = NULL;
}

/* In custom-URL mode there is no PIN: the advice after a wrong verifier, and the note on the
 * new link after Back, speak of the callback address the user pastes (issue 12 tour). */
static void
browser_to_callback (CsWindow *window)
{
  browser_reset ("allow");
  browser.no_redirect = TRUE;
  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_nonnull (browser.location);
}

static void
test_wrong_verifier_custom_url (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 0);
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  custom_url_to_authorize (window);
  browser_to_callback (window);
  cs_ui_type (window, "Callback Address or Verifier", WRONG_PIN);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "This request token is used up now"));
  g_assert_true (cs_ui_text_shown (window, "To paste a callback address again, press Back"));
  g_assert_false (cs_ui_text_shown (window, "enter a PIN"));

  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "paste the new callback address"));
  g_assert_false (cs_ui_text_shown (window, "the new PIN"));
  browser_to_callback (window);
  cs_ui_type (window, "Callback Address or Verifier", browser.location);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (cs_application_get_demo_provider (
                     cs_ui_app, NULL)));
  cs_ui_close_window (window);
  current_window = NULL;
}

static GPtrArray *
demo_tokens (void)
{
  g_autoptr (GPtrArray) all = keyring_list ();
  GPtrArray *demo = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_stored_token_unref);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (cs_stored_token_get_provider_id (all->pdata[i]), "demo") == 0)
      g_ptr_array_add (demo, cs_stored_token_ref (all->pdata[i]));
  return demo;
}

/* The demo's access token answer names no account: the token is saved as an unknown one. */
static void
unknown_account_saved (CsWindow *window)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "store-credentials", TRUE);
  loopback_flow_to_result (window);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  g_assert_null (cs_ui_try_find (window, "screen_name"));
}

/* Test Credentials learns "@demo_user": the keyring, the export and the list say so. */
static void
test_test_credentials_stores_account (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  CsStartPage *start_page = CS_START_PAGE (cs_window_get_start_page (window));
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) both = NULL;
  g_autoptr (GPtrArray) named = NULL;
  g_autofree char *copied = NULL;

  cs_test_clear_keyring ();
  g_settings_set_boolean (settings, "clear-clipboard", FALSE);
  cs_demo_provider_set_hide_account (demo, TRUE);

  /* Two authorizations with the same consumer key, neither account known: both kept. */
  unknown_account_saved (window);
  first = demo_tokens ();
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_account (first->pdata[0]), ==, "");
  cs_ui_click (window, "Done");
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (start_page)
                  && cs_ui_try_find (window, "Unknown account") != NULL);
  unknown_account_saved (window);
  both = demo_tokens ();
  g_assert_cmpuint (both->len, ==, 2);

  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring, with the account"));
  g_assert_true (cs_ui_text_shown (window, "@" CS_DEMO_SCREEN_NAME));
  named = demo_tokens ();
  g_assert_cmpuint (named->len, ==, 2);
  g_assert_true (g_strcmp0 (cs_stored_token_get_account (named->pdata[0]), CS_DEMO_SCREEN_NAME)
                 == 0
                 || g_strcmp0 (cs_stored_token_get_account (named->pdata[1]),
                               CS_DEMO_SCREEN_NAME) == 0);

  /* The export names the account too. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.export", "s", "json");
  copied = cs_ui_clipboard_text (window);
  g_assert_nonnull (copied);
  /* The answer had no user id or screen name: the account is what Test Credentials said. */
  g_assert_nonnull (strstr (copied, "\"" CS_DEMO_SCREEN_NAME "\""));

  /* Done: the list shows the account, and still the first, unknown one. */
  cs_ui_click (window, "Done");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (start_page)));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (start_page)
                  && cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) != NULL);
  g_assert_nonnull (cs_ui_try_find (window, "Unknown account"));
  screenshot (window, "account-learned.png");

  /* Test Credentials from the list learns the other one's account too: the same account, so
   * its token replaces the first (an update), and no entry is unknown any more. */
  {
    g_autoptr (GPtrArray) listed = demo_tokens ();
    g_autoptr (GPtrArray) after = NULL;
    const char *unknown = NULL;

    for (guint i = 0; i < listed->len; i++)
      if (g_strcmp0 (cs_stored_token_get_account (listed->pdata[i]), "") == 0)
        unknown = cs_stored_token_get_id (listed->pdata[i]);
    g_assert_nonnull (unknown);
    gtk_widget_activate_action (GTK_WIDGET (start_page), "saved.test", "s", unknown);
    CS_UI_WAIT_FOR (cs_ui_try_find (window, "Unknown account") == NULL
                    && cs_start_page_get_loaded (start_page));
    after = demo_tokens ();
    g_assert_cmpuint (after->len, ==, 1);
    g_assert_cmpstr (cs_stored_token_get_account (after->pdata[0]), ==, CS_DEMO_SCREEN_NAME);
  }

  cs_demo_provider_set_hide_account (demo, FALSE);
  g_settings_reset (settings, "clear-clipboard");
  cs_ui_close_window (window);
  current_window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cs_ui_flow_start (&argc, &argv, FALSE);

  g_test_add_func ("/ui/account/wrong-pin-back", test_wrong_pin_back);
  g_test_add_func ("/ui/account/wrong-pin-start-over", test_wrong_pin_start_over);
  g_test_add_func ("/ui/account/wrong-verifier-custom-url", test_wrong_verifier_custom_url);
  g_test_add_func ("/ui/account/test-credentials-stores-account",
                   test_test_credentials_stores_account);

  status = g_test_run ();
  cs_ui_flow_stop ();
  return status;
}
