/* test-wizard.c — the wizard driven like a user would, against the demo provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Controls are found by their accessible names (cs-ui-test.h); the browser, the demo
 * provider's first steps and a provider that never answers are in cs-ui-flow.h. The window
 * tests are in test-app.c and the dialogs in test-dialogs.c: smaller processes stay below
 * the number of GLib quarks at which GLib drops its first quark block (2048), which
 * LeakSanitizer would report as a leak.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cs-test-keyring.h"
#include "cs-test-wait.h"
#include "cs-ui-flow.h"

static gboolean
clipboard_holds (CsWindow   *window,
                 const char *text)
{
  g_autofree char *copied = cs_ui_clipboard_text (window);

  return g_strcmp0 (copied, text) == 0;
}

/* Copy: the value on the clipboard and a toast; a copied secret goes away by itself
 * (COUNTERSIGN_CLIPBOARD_CLEAR_MS=200 here), a copied user id does not. */
static void
check_copy_and_export (CsWindow *window)
{
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  const char *secret = shown_value (window, "oauth_token_secret");
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *copied = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;

  cs_ui_click (window, "Copy oauth_token_secret");
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, secret);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Copied oauth_token_secret"));
  CS_UI_WAIT_FOR (!clipboard_holds (window, secret));

  /* The access token is a secret too, though shown; the user id is not. */
  cs_ui_click (window, "Copy oauth_token");
  g_clear_pointer (&copied, g_free);
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, cs_demo_provider_get_last_access_token (demo));
  CS_UI_WAIT_FOR (!clipboard_holds (window, cs_demo_provider_get_last_access_token (demo)));
  cs_ui_click (window, "Copy user_id");
  cs_ui_spin (400);
  g_assert_true (clipboard_holds (window, CS_DEMO_USER_ID));

  /* With the preference off, a copied secret stays. */
  g_settings_set_boolean (settings, "clear-clipboard", FALSE);
  cs_ui_click (window, "Copy oauth_token_secret");
  cs_ui_spin (400);
  g_clear_pointer (&copied, g_free);
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, secret);
  g_settings_reset (settings, "clear-clipboard");

  /* Export as JSON: the token and the secret are in it. */
  g_assert_nonnull (cs_ui_find (window, "Export"));
  gtk_widget_activate_action (cs_window_get_wizard (window), "wizard.export", "s", "json");
  exported = cs_ui_clipboard_text (window);
  g_assert_nonnull (exported);
  g_assert_nonnull (strstr (exported, cs_demo_provider_get_last_access_token (demo)));
  g_assert_nonnull (strstr (exported, secret));
  g_assert_nonnull (strstr (exported, CS_DEMO_CONSUMER_KEY));
  g_clear_pointer (&exported, g_free);
  gtk_widget_activate_action (cs_window_get_wizard (window), "wizard.export", "s", "env");
  exported = cs_ui_clipboard_text (window);
  expected = g_strdup_printf ("%s", cs_demo_provider_get_last_access_token (demo));
  g_assert_true (g_str_has_prefix (exported, "export "));
  g_assert_nonnull (strstr (exported, expected));
}

/* ------------------------------------------------------------------ tests */

static void
test_flow_pin (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 0);

  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (cs_ui_text_shown (window, "Step 3 of 4"));
  g_assert_nonnull (cs_ui_find (window, "Copy Link"));
  g_assert_false (cs_ui_can_click (window, "Continue")); /* no PIN yet */

  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_cmpuint (browser.launches, ==, 1);
  g_assert_nonnull (browser.pin);

  cs_ui_type (window, "PIN", browser.pin);
  screenshot (window, "03-authorize.png");
  cs_ui_audit_names (window);

  /* A PIN pasted with spaces around it still works. */
  {
    g_autofree char *padded = g_strdup_printf (" %s ", browser.pin);

    cs_ui_type (window, "PIN", padded);
  }
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_press_enter_in (window, "PIN");
  finish_and_check (window);
  check_copy_and_export (window);
  done_and_listed (window);

  cs_ui_close_window (window);
}

static void
test_flow_loopback (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 1);

  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (cs_ui_text_shown (window, "Waiting for approval in the browser"));
  screenshot (window, "03-waiting.png");
  cs_ui_audit_names (window);
  g_assert_null (cs_ui_try_find (window, "PIN"));

  /* The callback comes back by itself; no PIN, no Continue. */
  /* Loopback: the window opens the browser by itself once it listens. */
  CS_UI_WAIT_FOR (browser.launches >= 1);
  finish_and_check (window);
  done_and_listed (window);
  g_assert_null (browser.pin);

  cs_ui_close_window (window);
}

/* A callback URL of the developer's own: the browser lands there, and the whole address
 * pasted into the verifier field is enough. */
static void
test_flow_custom_callback (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);

  browser_reset ("allow");
  browser.no_redirect = TRUE;
  open_wizard (window);
  choose (window, "Provider", 0);
  choose (window, "Callback", 2);
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Callback URL", "http://127.0.0.1:9/my-app/callback");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);

  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_true (g_str_has_prefix (browser.location, "http://127.0.0.1:9/my-app/callback?"));
  /* Another authorization's address: said under the field, where it stays readable, and
   * what was pasted stays. */
  cs_ui_type (window, "Callback Address or Verifier",
              "http://127.0.0.1:9/my-app/callback?oauth_token=other&oauth_verifier=v");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "This address belongs to another authorization"));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 3);
  g_assert_true (g_str_has_suffix (cs_ui_text (window, "Callback Address or Verifier"),
                                   "oauth_token=other&oauth_verifier=v"));
  cs_ui_type (window, "Callback Address or Verifier", browser.location);
  g_assert_false (cs_ui_text_shown (window, "This address belongs to another authorization"));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));

  cs_ui_close_window (window);
}

static void
test_loopback_denied (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("deny");
  request_token_with_demo (window, 1);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  /* Loopback: the window opens the browser by itself once it listens. */
  CS_UI_WAIT_FOR (browser.launches >= 1);

  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Access Denied"));
  g_assert_false (cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 3);
  g_assert_true (cs_ui_can_click (window, "Back"));

  cs_ui_close_window (window);
}

static void
test_wrong_secret (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  open_wizard (window);
  choose (window, "Callback", 0);
  cs_ui_type (window, "Consumer Secret", "not-the-demo-secret");
  cs_ui_click (window, "Continue");

  /* The provider's own words, the explanation, and Retry. */
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 2);
  g_assert_true (cs_ui_text_shown (window, "Could not authenticate you"));
  screenshot (window, "08-refused.png");
  cs_ui_audit_names (window);
  g_assert_false (cs_ui_can_click (window, "Continue"));
  g_assert_false (cs_ui_text_shown (window, "not-the-demo-secret"));

  /* Retry asks again (and fails again), Back finds every input as it was. */
  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, "not-the-demo-secret");
  g_assert_true (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
}

static void
test_input_validation (void)
{
  CsWindow *window = cs_ui_open_window ();

  open_wizard (window);
  choose (window, "Callback", 0);
  g_assert_true (cs_ui_can_click (window, "Continue"));

  /* Pasted with whitespace: trimmed. */
  cs_ui_type (window, "Consumer Key", "  pasted-key\n");
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "pasted-key");

  /* Not ASCII: an inline message, and no Continue. */
  cs_ui_type (window, "Consumer Key", "k\xc3\xa9y");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  g_assert_true (cs_ui_text_shown (window, "not ASCII"));
  cs_ui_type (window, "Consumer Key", "");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Consumer Key", "key");
  g_assert_true (cs_ui_can_click (window, "Continue"));
  /* The signer's rule, printable ASCII with the space: what the page takes, the signer signs. */
  cs_ui_type (window, "Consumer Key", "a key");
  g_assert_true (cs_ui_can_click (window, "Continue"));
  g_assert_false (cs_ui_text_shown (window, "not ASCII"));
  cs_ui_type (window, "Consumer Key", "key");

  /* Custom: the three endpoints appear; plain http to another host needs a confirmation. */
  {
    AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
    guint custom = g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1;

    g_assert_null (cs_ui_try_find (window, "Request Token URL"));
    choose (window, "Provider", custom);
  }
  cs_ui_type (window, "Request Token URL", "https://api.example.com/oauth/request_token");
  cs_ui_type (window, "Authorize URL", "https://api.example.com/oauth/authorize");
  cs_ui_type (window, "Access Token URL", "https://api.example.com/oauth/access_token");
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Access Token URL", "http://api.example.com/oauth/access_token");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  gtk_switch_set_active (GTK_SWITCH (cs_ui_find (window, "Allow Unencrypted HTTP")), TRUE);
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Access Token URL", "http://127.0.0.1:8080/oauth/access_token");
  g_assert_null (cs_ui_try_find (window, "Allow Unencrypted HTTP"));
  g_assert_true (cs_ui_can_click (window, "Continue"));
  /* The client's URL rules: an address with a user name, which it refuses, is refused here. */
  cs_ui_type (window, "Request Token URL", "https://user@api.example.com/oauth/request_token");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Request Token URL", "https://api.example.com/oauth/request_token");
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Authorize URL", "not a url");
  g_assert_false (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
}

static void
test_cancel_mid_request (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  Hostile *silent = hostile_new ();

  silent->mode = HOSTILE_STALL;
  open_wizard (window);
  fill_custom (window, silent);

  /* Pressed twice before the UI could react: one request. */
  {
    GtkWidget *button = cs_ui_find (window, "Continue");

    g_signal_emit_by_name (button, "clicked");
    g_signal_emit_by_name (button, "clicked");
  }
  CS_UI_WAIT_FOR (silent->requests == 1);
  g_assert_true (cs_wizard_get_busy (wizard));
  g_assert_null (cs_ui_try_find (window, "Continue"));
  g_assert_false (cs_ui_can_click (window, "Back"));
  cs_ui_spin (300);
  g_assert_cmpuint (silent->requests, ==, 1);

  /* Cancel: back on step 1, usable, inputs kept. */
  cs_ui_click (window, "Cancel");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  g_assert_false (cs_wizard_get_busy (wizard));
  g_assert_null (cs_ui_try_find (window, "Cancel"));
  g_assert_true (cs_ui_can_click (window, "Continue"));
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "silent-key");

  /* And the flow can go again. */
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (silent->requests == 2);
  cs_ui_click (window, "Cancel");
  CS_UI_WAIT_FOR (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
  hostile_free (silent);
}

static void
test_close_mid_request (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_autoptr (GtkWidget) wizard = g_object_ref (cs_window_get_wizard (window));
  Hostile *silent = hostile_new ();

  silent->mode = HOSTILE_STALL;
  open_wizard (window);
  fill_custom (window, silent);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (silent->requests == 1);

  /* The window goes away while the request runs: the request is cancelled, nothing crashes,
   * and the wizard (still referenced here) stays quiet. */
  gtk_window_close (GTK_WINDOW (window));
  cs_ui_spin (300);
  g_assert_false (cs_wizard_get_busy (CS_WIZARD (wizard)));
  hostile_free (silent);
  cs_ui_spin (100);
}

/* Empties the throw-away keyring. */
static void
keyring_clear (void)
{
  g_autoptr (CsTokenStore) store = cs_token_store_new ();
  g_autoptr (GPtrArray) tokens = keyring_list ();

  for (guint i = 0; i < tokens->len; i++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;

      cs_token_store_delete_async (store, cs_stored_token_get_id (g_ptr_array_index (tokens, i)),
                                   NULL, cs_test_on_result, &result);
      CS_UI_WAIT_FOR (result != NULL);
      g_assert_true (cs_token_store_delete_finish (store, result, &error));
      g_assert_no_error (error);
    }
}

/* What a flow saves, written straight into the keyring. */
static void
keyring_save (CsStoredToken *token)
{
  g_autoptr (CsTokenStore) store = cs_token_store_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  cs_token_store_save_async (store, token, NULL, NULL, cs_test_on_result, &result);
  CS_UI_WAIT_FOR (result != NULL);
  g_assert_true (cs_token_store_save_finish (store, result, &error));
  g_assert_no_error (error);
}

/* From an empty keyring: the empty state and its button; then one entry (whose provider
 * did not say the account) is listed, and Forget calls it "an unknown account". */
static void
test_start_page_empty_then_listed (void)
{
  g_autoptr (CsStoredToken) token = NULL;
  CsWindow *window;
  GtkWidget *start_page;
  GtkWidget *row;
  GtkWidget *dialog;
  g_autofree char *id = NULL;

  keyring_clear ();
  window = cs_ui_open_window ();
  start_page = cs_window_get_start_page (window);

  /* The list is read after the first frame, asynchronously. */
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_cmpuint (cs_start_page_get_n_items (CS_START_PAGE (start_page)), ==, 0);
  g_assert_true (cs_ui_text_shown (window, "No Saved Credentials"));
  screenshot (window, "00-empty.png");
  cs_ui_audit_names (window);
  cs_ui_click (window, "New Authorization");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_wizard (window)));
  cs_ui_close_window (window);

  token = cs_stored_token_new ("demo", "Countersign Demo", "127.0.0.1", CS_DEMO_CONSUMER_KEY, "",
                               "listed-token", "listed-token-secret");
  keyring_save (token);

  window = cs_ui_open_window ();
  start_page = cs_window_get_start_page (window);
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_cmpuint (cs_start_page_get_n_items (CS_START_PAGE (start_page)), ==, 1);
  g_assert_false (cs_ui_text_shown (window, "No Saved Credentials"));
  row = cs_ui_find (window, "Unknown account");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  id = g_strdup (gtk_widget_get_name (row));
  cs_ui_audit_names (window);

  /* Forget names the account it does not know as such, never as an empty string. */
  gtk_widget_activate_action (start_page, "saved.forget", "s", id);
  CS_UI_WAIT_FOR ((dialog = cs_ui_find_dialog ("Forget Credentials?")) != NULL);
  CS_UI_WAIT_FOR (cs_ui_text_shown (dialog, "The access token for an unknown account on "
                                            "Countersign Demo is removed"));
  cs_ui_respond (dialog, "Forget");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Forgot the credentials"));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page))
                  && cs_ui_text_shown (window, "No Saved Credentials"));
  g_assert_cmpuint (cs_start_page_get_n_items (CS_START_PAGE (start_page)), ==, 0);

  cs_ui_close_window (window);
}

static GtkWidget *
saved_row (CsWindow *window)
{
  GtkWidget *row = cs_ui_find (window, "@" CS_DEMO_SCREEN_NAME);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return row;
}

/* The saved list after a flow: copy, test, authorize again, forget (which asks first). */
static void
test_start_page_actions (void)
{
  CsWindow *window;
  CsWizard *wizard;
  GtkWidget *start_page;
  CsDemoProvider *demo;
  g_autofree char *id = NULL;
  g_autofree char *copied = NULL;
  GtkWidget *dialog;

  /* Something saved to act on: a flow of its own when run alone. */
  test_flow_pin ();
  window = cs_ui_open_window ();
  wizard = wizard_of (window);
  start_page = cs_window_get_start_page (window);
  demo = cs_application_get_demo_provider (cs_ui_app, NULL);

  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_nonnull (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME));
  id = g_strdup (gtk_widget_get_name (saved_row (window)));
  g_assert_nonnull (cs_ui_find (window, "Actions for @" CS_DEMO_SCREEN_NAME));

  /* Copy loads the secret from the keyring. */
  gtk_widget_activate_action (start_page, "saved.copy-token", "s", id);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Copied the access token"));
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, cs_demo_provider_get_last_access_token (demo));

  /* Copy Token Secret and Export read the keyring too (the clipboard is not cleared here, so
   * that what is checked is what was put there). */
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);
    g_autoptr (CsStoredToken) stored = keyring_lookup (id);
    g_autofree char *secret = NULL;
    g_autofree char *json = NULL;
    g_autofree char *env = NULL;

    g_settings_set_boolean (settings, "clear-clipboard", FALSE);
    gtk_widget_activate_action (start_page, "saved.copy-secret", "s", id);
    CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Copied the token secret"));
    secret = cs_ui_clipboard_text (window);
    g_assert_cmpstr (secret, ==, cs_stored_token_get_token_secret (stored));
    g_assert_cmpstr (secret, !=, cs_stored_token_get_token (stored));

    gtk_widget_activate_action (start_page, "saved.export", "(ss)", id, "json");
    CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Copied as JSON"));
    json = cs_ui_clipboard_text (window);
    g_assert_nonnull (json);
    g_assert_nonnull (strstr (json, cs_demo_provider_get_last_access_token (demo)));
    g_assert_nonnull (strstr (json, cs_stored_token_get_token_secret (stored)));
    g_assert_nonnull (strstr (json, CS_DEMO_CONSUMER_KEY));

    gtk_widget_activate_action (start_page, "saved.export", "(ss)", id, "env");
    CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Copied as shell variables"));
    env = cs_ui_clipboard_text (window);
    g_assert_true (g_str_has_prefix (env, "export "));
    g_assert_nonnull (strstr (env, cs_demo_provider_get_last_access_token (demo)));
    g_settings_reset (settings, "clear-clipboard");
  }

  gtk_widget_activate_action (start_page, "saved.test", "s", id);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "they belong to @" CS_DEMO_SCREEN_NAME));

  /* Authorize again: a new flow with the stored consumer key. */
  gtk_widget_activate_action (start_page, "saved.again", "s", id);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));

  /* Forget asks first; Cancel keeps the entry, Forget removes it from list and keyring. */
  gtk_widget_activate_action (start_page, "saved.forget", "s", id);
  CS_UI_WAIT_FOR ((dialog = cs_ui_find_dialog ("Forget Credentials?")) != NULL);
  cs_ui_respond (dialog, "Cancel");
  cs_ui_spin (300);
  g_assert_nonnull (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME));

  gtk_widget_activate_action (start_page, "saved.forget", "s", id);
  CS_UI_WAIT_FOR ((dialog = cs_ui_find_dialog ("Forget Credentials?")) != NULL);
  cs_ui_respond (dialog, "Forget");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Forgot the credentials"));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page))
                  && cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) == NULL);
  {
    g_autoptr (GPtrArray) tokens = keyring_list ();

    for (guint i = 0; i < tokens->len; i++)
      g_assert_cmpstr (cs_stored_token_get_id (g_ptr_array_index (tokens, i)), !=, id);
  }

  cs_ui_close_window (window);
}

/* ------------------------------------------------------------------ without a keyring */

static void
test_no_keyring_start_page (void)
{
  CsWindow *window = cs_ui_open_window ();
  GtkWidget *start_page = cs_window_get_start_page (window);

  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_true (cs_ui_text_shown (window, "No Keyring Available"));
  g_assert_true (cs_ui_text_shown (window, "No keyring service is running"));
  screenshot (window, "07-no-keyring.png");
  cs_ui_audit_names (window);

  /* Retry asks again, and says so again. */
  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_true (cs_ui_text_shown (window, "No Keyring Available"));

  cs_ui_close_window (window);
}

/* The flow succeeds, saving fails: a clear message, Retry, and the tokens stay usable. */
static void
test_no_keyring_flow (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  CsDemoProvider *demo;
  g_autofree char *copied = NULL;

  demo = loopback_flow_to_result (window);
  g_assert_true (cs_ui_text_shown (window, "No keyring service is running"));
  g_assert_true (cs_ui_can_click (window, "Retry"));
  cs_ui_click (window, "Copy oauth_token");
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, cs_demo_provider_get_last_access_token (demo));

  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_true (cs_ui_text_shown (window, "No keyring service is running"));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));

  cs_ui_close_window (window);
}

/* A locked keyring whose unlock prompt cannot be answered: saving says so, with Retry, and
 * the tokens stay on screen. (Runs last: the keyring stays locked.) */
static void
test_locked_keyring (void)
{
  CsWindow *window = cs_ui_open_window ();

  cs_test_lock_keyring ();
  loopback_flow_to_result (window);
  g_assert_true (cs_ui_text_shown (window, "locked"));
  g_assert_true (cs_ui_can_click (window, "Retry"));
  g_assert_false (cs_ui_text_shown (window, "Saved in the keyring"));

  cs_ui_close_window (window);
}

/* ------------------------------------------------------------------ the user's providers */

static GtkStringList *
provider_names (CsWindow *window)
{
  return GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (cs_ui_find (window, "Provider"))));
}

/* Where @name is in the Provider list, or -1. */
static int
provider_position (CsWindow   *window,
                   const char *name)
{
  GtkStringList *names = provider_names (window);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (names, i), name) == 0)
      return (int) i;
  return -1;
}

/* "Save This Provider?": the name is prefilled with the host; an empty name or one another
 * provider has is refused with the reason, and Save stays off. */
static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
name_custom_provider (CsWindow   *window,
                      const char *name)
{
  GtkWidget *dialog;
  GtkWidget *list;
  g_autofree char *label_problem = NULL;

  CS_UI_WAIT_FOR ((dialog = cs_ui_find_dialog ("Save This Provider?")) != NULL);
  g_assert_cmpstr (cs_ui_text (dialog, "Name"), ==, "127.0.0.1");
  /* The list holding the name has a name of its own: not "GtkListBox" (issue 12 tour). */
  list = find_list_box (dialog);
  g_assert_nonnull (list);
  label_problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (list),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                      "Provider");
  g_assert_null (label_problem);
  g_assert_true (cs_ui_button_sensitive (dialog, "Save"));
  cs_ui_type (dialog, "Name", "  ");
  g_assert_false (cs_ui_button_sensitive (dialog, "Save"));
  g_assert_true (cs_ui_text_shown (dialog, "Enter a name for the provider."));
  cs_ui_type (dialog, "Name", "x (twitter)");
  g_assert_false (cs_ui_button_sensitive (dialog, "Save"));
  g_assert_true (cs_ui_text_shown (dialog, "is already the name of another provider"));
  cs_ui_type (dialog, "Name", name);
  g_assert_true (cs_ui_button_sensitive (dialog, "Save"));
  g_assert_false (cs_ui_text_shown (dialog, "already the name"));
  cs_ui_respond (dialog, "Save");
}

/* A Custom provider that works is saved under the name the user gives it, is in the list at
 * once and in every new window (after the presets, before Custom), and its Verify
 * Credentials URL makes Test Credentials work. */
static void
test_custom_provider_saved (void)
{
  g_autoptr (CsDemoProvider) demo = cs_demo_provider_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  CsWindow *window;
  CsWindow *second;
  CsWizard *wizard;
  CsProvider *endpoints;
  guint n;

  g_assert_true (cs_demo_provider_start (demo, 0, &error));
  g_assert_no_error (error);
  endpoints = cs_demo_provider_get_provider (demo);

  window = current_window = cs_ui_open_window ();
  wizard = wizard_of (window);
  browser_reset ("allow");
  open_wizard (window);
  g_assert_cmpint (provider_position (window, "My Test Server"), ==, -1);

  n = g_list_model_get_n_items (G_LIST_MODEL (provider_names (window)));
  choose (window, "Provider", n - 1);
  g_assert_cmpstr (gtk_string_list_get_string (provider_names (window), n - 1), ==, "Custom");
  cs_ui_type (window, "Request Token URL", cs_provider_get_request_token_url (endpoints));
  cs_ui_type (window, "Authorize URL", cs_provider_get_authorize_url (endpoints));
  cs_ui_type (window, "Access Token URL", cs_provider_get_access_token_url (endpoints));
  /* Optional, but checked when given. */
  cs_ui_type (window, "Verify Credentials URL (optional)", "not a URL");
  cs_ui_type (window, "Consumer Key", CS_DEMO_CONSUMER_KEY);
  cs_ui_type (window, "Consumer Secret", CS_DEMO_CONSUMER_SECRET);
  choose (window, "Callback", 1);
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Verify Credentials URL (optional)", cs_provider_get_verify_url (endpoints));
  g_assert_true (cs_ui_can_click (window, "Continue"));

  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  /* Loopback: the window opens the browser by itself once it listens. */
  CS_UI_WAIT_FOR (browser.launches >= 1);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));

  /* Saved under the name the user gives it: the dialog asks, prefilled with the host. */
  name_custom_provider (window, "My Test Server");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Provider “My Test Server” saved"));
  path = g_build_filename (cs_ui_config_dir, "countersign", "providers", "127.0.0.1.provider",
                           NULL);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, cs_provider_get_verify_url (endpoints)));
  g_assert_nonnull (strstr (data, "Name=My Test Server\n"));
  g_assert_null (strstr (data, CS_DEMO_CONSUMER_SECRET));

  /* The verify URL given is the one Test Credentials asks. */
  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "@" CS_DEMO_SCREEN_NAME));

  cs_ui_click (window, "Done");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_start_page (window)));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (cs_window_get_start_page (window))));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "My Test Server"));

  /* The keyring entry names the saved provider, so Authorize Again selects it. */
  open_wizard (window);
  n = g_list_model_get_n_items (G_LIST_MODEL (provider_names (window)));
  g_assert_cmpint (provider_position (window, "My Test Server"), ==, (int) n - 2);
  /* A new authorization starts on it too, not on "Custom" (issue 12 tour). */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cs_ui_find (window, "Provider"))),
                    ==, n - 2);
  cs_ui_close_window (window);

  /* A new window loads it from the file. */
  second = current_window = cs_ui_open_window ();
  open_wizard (second);
  CS_UI_WAIT_FOR (provider_position (second, "My Test Server") >= 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (provider_names (second)));
  g_assert_cmpint (provider_position (second, "My Test Server"), ==, (int) n - 2);
  g_assert_cmpstr (gtk_string_list_get_string (provider_names (second), n - 1), ==, "Custom");

  /* Chosen, it is used as it is: no endpoint fields, and the flow runs against it. */
  choose (second, "Provider", n - 2);
  g_assert_null (cs_ui_try_find (second, "Request Token URL"));
  cs_ui_type (second, "Consumer Key", CS_DEMO_CONSUMER_KEY);
  cs_ui_type (second, "Consumer Secret", CS_DEMO_CONSUMER_SECRET);
  choose (second, "Callback", 0);
  cs_ui_click (second, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard_of (second)) == 2
                  && !cs_wizard_get_busy (wizard_of (second)));
  g_assert_cmpstr (shown_value (second, "oauth_callback_confirmed"), ==, "true");
  cs_ui_close_window (second);
  current_window = NULL;
  cs_demo_provider_stop (demo);
}

/* A broken provider file: skipped, and a toast names the file and the line. */
static void
test_custom_provider_broken_file (void)
{
  g_autofree char *dir = g_build_filename (cs_ui_config_dir, "countersign", "providers", NULL);
  g_autofree char *path = g_build_filename (dir, "zz-broken.provider", NULL);
  CsWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "[Provider]\nId=broken\nthis is not a key file\n",
                                      -1, NULL));
  window = cs_ui_open_window ();
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "zz-broken.provider"));
  g_assert_true (cs_ui_text_shown (window, "Provider file skipped"));
  g_assert_true (cs_ui_text_shown (window, ":3"));
  open_wizard (window);
  g_assert_cmpint (provider_position (window, "broken"), ==, -1);
  cs_ui_close_window (window);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gboolean no_keyring = g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_NO_KEYRING"), "1") == 0;
  int status;

  g_setenv ("COUNTERSIGN_CLIPBOARD_CLEAR_MS", "200", TRUE);
  cs_ui_flow_start (&argc, &argv, FALSE);

  if (no_keyring)
    {
      g_test_add_func ("/ui/no-keyring/start-page", test_no_keyring_start_page);
      g_test_add_func ("/ui/no-keyring/flow", test_no_keyring_flow);
    }
  else
    {
      g_test_add_func ("/ui/start-page/empty", test_start_page_empty_then_listed);
      g_test_add_func ("/ui/wizard/validation", test_input_validation);
      g_test_add_func ("/ui/wizard/flow-pin", test_flow_pin);
      g_test_add_func ("/ui/wizard/flow-loopback", test_flow_loopback);
      g_test_add_func ("/ui/wizard/saved-actions", test_start_page_actions);
      g_test_add_func ("/ui/wizard/custom-callback", test_flow_custom_callback);
      g_test_add_func ("/ui/wizard/loopback-denied", test_loopback_denied);
      g_test_add_func ("/ui/wizard/wrong-secret", test_wrong_secret);
      g_test_add_func ("/ui/wizard/cancel-mid-request", test_cancel_mid_request);
      g_test_add_func ("/ui/wizard/close-mid-request", test_close_mid_request);
      g_test_add_func ("/ui/wizard/custom-provider-saved", test_custom_provider_saved);
      g_test_add_func ("/ui/wizard/custom-provider-broken-file", test_custom_provider_broken_file);
      g_test_add_func ("/ui/wizard/z-locked-keyring", test_locked_keyring);
    }

  status = g_test_run ();

  cs_ui_flow_stop ();
  return status;
}
