/* test-keep.c — what the window keeps: the saved list, an unsaved token, the account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start page follows the keyring whenever it is shown; a wizard holding an access token
 * that is not in the keyring asks before letting it go; "Save in Keyring" is for this
 * authorization only; what Test Credentials learns is stored.
 */
#include "config.h"

#include <string.h>

#include "cs-test-keyring.h"
#include "cs-ui-flow.h"

/* Back from a finished wizard: the list shows what was just saved, without Done. */
static void
test_back_reloads_list (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsStartPage *start_page = CS_START_PAGE (cs_window_get_start_page (window));
  CsWizard *wizard = wizard_of (window);

  cs_test_clear_keyring ();
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (start_page));
  loopback_flow_to_result (window);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));

  /* Step 4 → step 1 → the start page. */
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (start_page)));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (start_page));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) != NULL);
  g_assert_false (cs_ui_text_shown (window, "No Saved Credentials"));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* "Save in Keyring" switched off and Continue pressed at once, before the switch's
 * animation ends: nothing is saved, and the Preferences' default stays as it was. */
static void
test_store_switch_at_once (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GPtrArray) tokens = NULL;
  GtkWidget *store;

  cs_test_clear_keyring ();
  g_settings_set_boolean (settings, "store-credentials", TRUE);
  g_settings_reset (settings, "last-provider");
  browser_reset ("allow");
  open_wizard (window);
  choose (window, "Callback", 1);
  store = cs_ui_find (window, "Save in Keyring");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (store)));

  /* As a user sees it: the switch slides. The row is what a click or Space activates. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  gtk_widget_activate (gtk_widget_get_ancestor (store, GTK_TYPE_LIST_BOX_ROW));
  cs_ui_click (window, "Continue");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));

  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  /* Loopback: the window opens the browser by itself once it listens. */
  CS_UI_WAIT_FOR (browser.launches >= 1);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "saving in the keyring was switched off"));
  cs_ui_spin (300);
  tokens = keyring_list ();
  g_assert_cmpuint (tokens->len, ==, 0);

  /* The switch was for this authorization: the default is still on, and the next one
   * starts with it. */
  g_assert_true (g_settings_get_boolean (settings, "store-credentials"));
  cs_ui_close_window (window);
  window = current_window = cs_ui_open_window ();
  open_wizard (window);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "Save in Keyring"))));
  cs_ui_close_window (window);
  current_window = NULL;
}

/* The dialog that asks about an unsaved token is up: answers it with the button that reads
 * @response. */
static void
answer_unsaved (const char *response,
                const char *screenshot_name)
{
  GtkWidget *dialog;

  CS_UI_WAIT_FOR ((dialog = cs_ui_find_dialog ("Keep the Access Token?")) != NULL);
  CS_UI_WAIT_FOR (cs_ui_text_shown (dialog, "it cannot be shown again"));
  g_assert_true (cs_ui_has_button (dialog, "Save"));
  g_assert_true (cs_ui_has_button (dialog, "Copy"));
  g_assert_true (cs_ui_has_button (dialog, "Discard"));
  g_assert_true (cs_ui_has_button (dialog, "Cancel"));
  if (screenshot_name != NULL)
    screenshot ((CsWindow *) gtk_widget_get_native (dialog), screenshot_name); /* any GtkNative */
  /* A press of the button: the response, then the dialog closes. */
  cs_ui_respond (dialog, response);
  CS_UI_WAIT_FOR (cs_ui_find_dialog ("Keep the Access Token?") == NULL);
}

/* Step 4 with an access token that is not in the keyring (Save in Keyring off). */
static CsDemoProvider *
flow_unsaved (CsWindow *window)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  CsDemoProvider *demo;

  g_settings_set_boolean (settings, "store-credentials", FALSE);
  demo = loopback_flow_to_result (window);
  g_settings_set_boolean (settings, "store-credentials", TRUE);
  g_assert_true (cs_ui_text_shown (window, "saving in the keyring was switched off"));
  return demo;
}

/* Done, Back to the start page, Ctrl+N and closing the window all ask before an unsaved
 * access token goes: Cancel stays, Discard and Copy leave, Save keeps it and then leaves. */
static void
test_unsaved_token_asks (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  GtkWidget *start_page = cs_window_get_start_page (window);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GPtrArray) tokens = NULL;
  g_autofree char *copied = NULL;
  CsDemoProvider *demo;

  cs_test_clear_keyring ();
  g_settings_set_boolean (settings, "clear-clipboard", FALSE);
  flow_unsaved (window);

  cs_ui_click (window, "Done");
  answer_unsaved ("Cancel", "unsaved-dialog.png");
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 4);
  g_assert_true (cs_wizard_get_unsaved (wizard));
  cs_ui_click (window, "Done");
  answer_unsaved ("Discard", NULL);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));

  /* Back to step 1, then Back to the start page: Copy leaves the token on the clipboard. */
  demo = flow_unsaved (window);
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  cs_ui_click (window, "Back");
  answer_unsaved ("Copy", NULL);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  copied = cs_ui_clipboard_text (window);
  g_assert_nonnull (copied);
  g_assert_nonnull (strstr (copied, cs_demo_provider_get_last_access_token (demo)));

  /* Ctrl+N: Save puts it in the keyring, then the new authorization starts. */
  flow_unsaved (window);
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  answer_unsaved ("Save", NULL);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  tokens = keyring_list ();
  g_assert_cmpuint (tokens->len, ==, 1);

  /* Closing the window: Discard closes it. */
  flow_unsaved (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  answer_unsaved ("Discard", NULL);
  CS_UI_WAIT_FOR (window == NULL);
  current_window = NULL;
  g_settings_reset (settings, "clear-clipboard");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("COUNTERSIGN_CLIPBOARD_CLEAR_MS", "200", TRUE);
  cs_ui_flow_start (&argc, &argv, FALSE);

  g_test_add_func ("/ui/keep/back-reloads-list", test_back_reloads_list);
  g_test_add_func ("/ui/keep/store-switch-at-once", test_store_switch_at_once);
  g_test_add_func ("/ui/keep/unsaved-token-asks", test_unsaved_token_asks);

  status = g_test_run ();

  cs_ui_flow_stop ();
  return status;
}
