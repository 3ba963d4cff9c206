/* test-advice.c — what the window says, and where: short toasts that never cover Back and
 * Done nor come back on a later page, advice where it stays readable, actions that cannot
 * work disabled with the reason, and the smaller words of issue 12 (points 4 and 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-test-keyring.h"
#include "cs-ui-flow.h"
#include "cs-ui-keyboard.h"

/* ------------------------------------------------------------------ helpers */

static GtkWidget *
find_of_type (GtkWidget  *widget,
              const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the first label under @widget. */
static const char *
label_under (GtkWidget *widget)
{
  GtkWidget *label = find_of_type (widget, "GtkLabel");

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* The toast on screen (not one on its way out), or NULL. */
static GtkWidget *
shown_toast (CsWindow *window)
{
  GtkWidget *overlay = find_of_type (GTK_WIDGET (window), "AdwToastOverlay");

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget")
        && gtk_widget_get_can_target (child) && gtk_widget_get_mapped (child))
      return child;
  return NULL;
}

static graphene_rect_t
bounds_of (GtkWidget *widget,
           CsWindow  *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  return bounds;
}

/* The menu item labelled @text in @popover (a GtkModelButton), or NULL. */
static GtkWidget *
menu_item (GtkWidget  *widget,
           const char *text)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    {
      g_autofree char *label = NULL;

      g_object_get (widget, "text", &label, NULL);
      if (g_strcmp0 (label, text) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = menu_item (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
item_enabled (GtkWidget  *menu_button,
              const char *text)
{
  GtkWidget *item = menu_item (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                               text);

  g_assert_nonnull (item);
  return gtk_widget_get_sensitive (item);
}

/* The demo through Custom, with its endpoints but no verify URL, to step 4 (loopback). */
static void
custom_demo_to_result (CsWindow *window)
{
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  CsProvider *endpoints = cs_demo_provider_get_provider (demo);
  AdwComboRow *providers;
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  open_wizard (window);
  providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
  choose (window, "Provider", g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1);
  cs_ui_type (window, "Request Token URL", cs_provider_get_request_token_url (endpoints));
  cs_ui_type (window, "Authorize URL", cs_provider_get_authorize_url (endpoints));
  cs_ui_type (window, "Access Token URL", cs_provider_get_access_token_url (endpoints));
  cs_ui_type (window, "Consumer Key", CS_DEMO_CONSUMER_KEY);
  cs_ui_type (window, "Consumer Secret", CS_DEMO_CONSUMER_SECRET);
  choose (window, "Callback", 1);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  /* Loopback: the window opens the browser by itself (a click would open it twice). */
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));
}

/* ------------------------------------------------------------------ toasts */

/* At 360 px a toast is as wide as the window: it sits above the bar with Back and Done. */
static void
test_toast_clear_of_buttons (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  GtkWidget *toast;
  graphene_rect_t toast_box;
  graphene_rect_t back_box;
  graphene_rect_t done_box;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 400);
  loopback_flow_to_result (window);
  cs_ui_click (window, "Copy oauth_token");
  CS_UI_WAIT_FOR ((toast = shown_toast (window)) != NULL);
  cs_ui_spin (200);
  screenshot (window, "toast-360.png");

  toast_box = bounds_of (toast, window);
  back_box = bounds_of (cs_ui_find (window, "Back"), window);
  done_box = bounds_of (cs_ui_find (window, "Done"), window);
  g_assert_cmpfloat (toast_box.size.width, >, 200);
  g_assert_false (graphene_rect_intersection (&toast_box, &back_box, NULL));
  g_assert_false (graphene_rect_intersection (&toast_box, &done_box, NULL));
  /* Back and Done still take the click. */
  g_assert_true (cs_ui_can_click (window, "Back"));
  g_assert_true (cs_ui_can_click (window, "Done"));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* Copies made on step 4, then Back: no "Copied …" toast follows to step 1, now or after the
 * one shown is closed (a queued toast would come next). */
static void
test_no_stale_toasts (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  const char *names[] = { "oauth_token", "oauth_token_secret", "user_id", "screen_name" };
  GtkWidget *toast;

  loopback_flow_to_result (window);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *copy = g_strdup_printf ("Copy %s", names[i]);

      cs_ui_click (window, copy);
    }
  CS_UI_WAIT_FOR ((toast = shown_toast (window)) != NULL);
  g_assert_cmpstr (label_under (toast), ==, "Copied screen_name");
  cs_ui_spin (100); /* a person's next click comes in a later main loop iteration */

  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  cs_ui_spin (100);
  for (guint closed = 0; (toast = shown_toast (window)) != NULL; closed++)
    {
      GtkWidget *close = find_of_type (toast, "GtkButton");

      g_assert_false (g_str_has_prefix (label_under (toast), "Copied"));
      g_assert_cmpuint (closed, <, 5);
      gtk_widget_activate (close);
      cs_ui_spin (50);
    }

  cs_ui_close_window (window);
  current_window = NULL;
}

/* ------------------------------------------------------------------ what cannot work */

/* A provider without a verify URL: Test Credentials and the curl export are disabled on
 * step 4, and the page says why. */
static void
test_no_verify_url (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  GtkWidget *test;

  custom_demo_to_result (window);
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard_of (window)));
  test = cs_ui_find (window, "Test Credentials");
  g_assert_false (gtk_widget_is_sensitive (test));
  g_assert_true (cs_ui_text_shown (window, "has no address to test credentials with"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (test), "no address to test"));
  g_assert_false (item_enabled (cs_ui_find (window, "Export"), "curl Command"));
  g_assert_true (item_enabled (cs_ui_find (window, "Export"), "JSON"));

  cs_ui_close_window (window);
  current_window = NULL;
}

static char *
save_entry (const char *account,
            const char *consumer_secret)
{
  g_autoptr (CsTokenStore) store = cs_token_store_new ();
  g_autoptr (CsStoredToken) token = NULL;
  g_autoptr (GError) error = NULL;

  /* The consumer secret belongs to the consumer key: one key per entry. */
  token = cs_stored_token_new ("twitter", "X (Twitter)", "api.x.com", account, account,
                               "advice-token", "advice-token-secret");
  g_assert_true (cs_test_save (store, token, consumer_secret, &error));
  g_assert_no_error (error);
  return g_strdup (cs_stored_token_get_id (token));
}

/* A saved entry without its consumer secret: Test Credentials and curl are disabled in its
 * menu, the row says why; another entry with the secret keeps them. Made to run anyway,
 * the curl export explains itself in a dialog, not in a toast. */
static void
test_saved_without_secret (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  GtkWidget *start_page = cs_window_get_start_page (window);
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;
  GtkWidget *dialog;
  GtkWidget *toast;

  cs_test_clear_keyring ();
  without = save_entry ("no_secret", NULL);
  with = save_entry ("with_secret", "advice-consumer-secret");
  cs_window_show_saved (window, NULL);
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page))
                  && cs_ui_try_find (window, "Actions for @with_secret") != NULL);

  g_assert_false (item_enabled (cs_ui_find (window, "Actions for @no_secret"), "Test Credentials"));
  g_assert_false (item_enabled (cs_ui_find (window, "Actions for @no_secret"), "curl Command"));
  g_assert_true (item_enabled (cs_ui_find (window, "Actions for @no_secret"), "JSON"));
  g_assert_true (item_enabled (cs_ui_find (window, "Actions for @with_secret"), "Test Credentials"));
  g_assert_true (item_enabled (cs_ui_find (window, "Actions for @with_secret"), "curl Command"));
  g_assert_true (cs_ui_text_shown (window, "The consumer secret was not saved"));
  screenshot (window, "saved-without-secret.png");

  gtk_widget_activate_action (start_page, "saved.export", "(ss)", without, "curl");
  CS_UI_WAIT_FOR ((dialog = cs_ui_find_dialog ("Nothing Was Copied")) != NULL);
  g_assert_true (cs_ui_text_shown (dialog, "consumer secret"));
  toast = shown_toast (window);
  g_assert_true (toast == NULL || strlen (label_under (toast)) <= 30);
  cs_ui_close_dialog (dialog);

  cs_test_clear_keyring ();
  cs_ui_close_window (window);
  current_window = NULL;
}

/* ------------------------------------------------------------------ the smaller words */

/* A provider typed in is named by its host while it is asked, as in its errors. */
static void
test_busy_names_host (void)
{
  g_autoptr (Hostile) h = hostile_new ();
  CsWindow *window = current_window = cs_ui_open_window ();
  g_autofree char *host = g_strdup (h->base + strlen ("http://"));
  g_autofree char *expected = g_strdup_printf ("Asking %s for a request token", host);

  h->mode = HOSTILE_STALL;
  open_wizard (window);
  fill_custom (window, h);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (h->requests == 1);
  g_assert_true (cs_ui_text_shown (window, expected));
  g_assert_false (cs_ui_text_shown (window, "Asking Custom"));
  cs_ui_click (window, "Cancel");

  cs_ui_close_window (window);
  current_window = NULL;
}

/* oauth_authorized_realms= (what oauthlib sends) is not listed: an empty value says nothing. */
static void
test_empty_field_hidden (void)
{
  g_autoptr (Hostile) h = hostile_new ();
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  hostile_script (h, 200, "application/x-www-form-urlencoded",
                  "oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true"
                  "&oauth_authorized_realms=", -1);
  open_wizard (window);
  fill_custom (window, h);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "oauth_token") != NULL);
  g_assert_cmpstr (shown_value (window, "oauth_callback_confirmed"), ==, "true");
  g_assert_null (cs_ui_try_find (window, "oauth_authorized_realms"));
  g_assert_false (cs_ui_text_shown (window, "oauth_authorized_realms"));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* Step 3 names the field for what goes in it: a PIN, or the address the browser reached. */
static void
test_verifier_label (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 0);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_nonnull (cs_ui_try_find (window, "PIN"));
  /* A greyed Continue says what it waits for, in the words of the mode (issue 12 tour). */
  g_assert_false (cs_ui_can_click (window, "Continue"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cs_ui_find (window, "Continue")), ==,
                   "Enter the PIN the provider shows");
  cs_ui_type (window, "PIN", "1234567");
  g_assert_null (gtk_widget_get_tooltip_text (cs_ui_find (window, "Continue")));

  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2);
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  custom_url_to_authorize (window);
  g_assert_null (cs_ui_try_find (window, "PIN"));
  g_assert_nonnull (cs_ui_try_find (window, "Callback Address or Verifier"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cs_ui_find (window, "Continue")), ==,
                   "Paste the address the browser was sent to, or the verifier");

  cs_ui_close_window (window);
  current_window = NULL;
}

/* From Done, real Tab presses reach Test Credentials in a few steps: each value is one stop
 * (its Copy button, and Reveal for a secret), not its row as well. */
static void
test_result_tab_stops (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  const char *copies[] = { "Copy oauth_token", "Copy oauth_token_secret", "Copy user_id",
                           "Copy screen_name" };
  GtkWidget *test;
  gboolean reached[G_N_ELEMENTS (copies)] = { FALSE };
  guint presses = 0;

  loopback_flow_to_result (window);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  test = cs_ui_find (window, "Test Credentials");
  cs_ui_focus_window (GTK_WINDOW (window));
  gtk_widget_grab_focus (cs_ui_find (window, "Done"));
  while (gtk_window_get_focus (GTK_WINDOW (window)) != test)
    {
      GtkWidget *focus;

      cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Tab, FALSE);
      presses++;
      g_assert_cmpuint (presses, <=, 30);
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
        if (focus == cs_ui_find (window, copies[i]))
          reached[i] = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    g_assert_true (reached[i]);
  /* The main menu, Export, four Copy buttons and one Reveal, Test Credentials. */
  g_assert_cmpuint (presses, <=, 8);

  cs_ui_close_window (window);
  current_window = NULL;
}

/* The controls that real @keyval presses visit from Done until focus comes back to it (with
 * Shift when @shift), each named by its accessible label or its class. */
static GPtrArray *
focus_cycle (CsWindow *window,
             gboolean  shift)
{
  GtkWidget *done = cs_ui_find (window, "Done");
  GPtrArray *cycle = g_ptr_array_new ();

  gtk_widget_grab_focus (done);
  CS_UI_WAIT_FOR (gtk_window_get_focus (GTK_WINDOW (window)) == done);
  do
    {
      if (shift)
        cs_ui_press_key_shift (GTK_WINDOW (window), GDK_KEY_Tab);
      else
        cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Tab, FALSE);
      g_assert_nonnull (gtk_window_get_focus (GTK_WINDOW (window)));
      g_ptr_array_add (cycle, gtk_window_get_focus (GTK_WINDOW (window)));
      g_assert_cmpuint (cycle->len, <=, 40);
    }
  while (gtk_window_get_focus (GTK_WINDOW (window)) != done);
  return cycle;
}

static char *
describe_cycle (GPtrArray *cycle)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cycle->len; i++)
    {
      GtkWidget *widget = cycle->pdata[i];
      const char *name = gtk_widget_get_tooltip_text (widget);

      if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        name = gtk_button_get_label (GTK_BUTTON (widget));
      g_string_append_printf (out, "%s%s “%s”", i > 0 ? ", " : "", G_OBJECT_TYPE_NAME (widget),
                              name != NULL ? name : "");
    }
  return g_string_free (out, FALSE);
}

/* Step 4: Shift+Tab visits the controls Tab visits, in the opposite order; it skipped Test
 * Credentials (issue 12 tour). Real key presses. */
static void
test_result_tab_back (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  g_autoptr (GPtrArray) forward = NULL;
  g_autoptr (GPtrArray) backward = NULL;
  g_autofree char *forward_text = NULL;
  g_autofree char *backward_text = NULL;
  GtkWidget *test;

  loopback_flow_to_result (window);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  test = cs_ui_find (window, "Test Credentials");
  cs_ui_focus_window (GTK_WINDOW (window));
  forward = focus_cycle (window, FALSE);
  backward = focus_cycle (window, TRUE);
  forward_text = describe_cycle (forward);
  /* Both end on Done: the controls before it, in reverse. */
  for (guint i = 0; i < backward->len / 2; i++)
    {
      gpointer swap = backward->pdata[i];

      backward->pdata[i] = backward->pdata[backward->len - 2 - i];
      backward->pdata[backward->len - 2 - i] = swap;
    }
  backward_text = describe_cycle (backward);
  g_test_message ("Tab: %s", forward_text);
  g_test_message ("Shift+Tab, reversed: %s", backward_text);
  g_assert_true (g_ptr_array_find (forward, test, NULL));
  g_assert_true (g_ptr_array_find (backward, test, NULL));
  g_assert_cmpstr (backward_text, ==, forward_text);

  cs_ui_close_window (window);
  current_window = NULL;
}

static void
count_labels (GtkWidget  *widget,
              const char *needle,
              guint      *count)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_autofree char *text = g_utf8_strdown (gtk_label_get_text (GTK_LABEL (widget)), -1);

      *count += cs_test_count (text, needle);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_labels (child, needle, count);
}

/* The locked keyring's page says it once, then what to do. (Last: it stays locked.) */
static void
test_locked_says_once (void)
{
  CsWindow *window;
  guint count = 0;

  g_free (save_entry ("locked_out", NULL));
  cs_test_lock_keyring ();
  window = current_window = cs_ui_open_window ();
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "The Keyring Is Locked"));
  count_labels (cs_window_get_start_page (window), "locked", &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (cs_ui_text_shown (window, "Retry"));
  screenshot (window, "locked.png");

  cs_ui_close_window (window);
  current_window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("COUNTERSIGN_TIMEOUT", "30", TRUE);
  cs_ui_flow_start (&argc, &argv, FALSE);

  g_test_add_func ("/ui/advice/toast-clear-of-buttons", test_toast_clear_of_buttons);
  g_test_add_func ("/ui/advice/no-stale-toasts", test_no_stale_toasts);
  g_test_add_func ("/ui/advice/no-verify-url", test_no_verify_url);
  g_test_add_func ("/ui/advice/saved-without-secret", test_saved_without_secret);
  g_test_add_func ("/ui/advice/busy-names-host", test_busy_names_host);
  g_test_add_func ("/ui/advice/empty-field-hidden", test_empty_field_hidden);
  g_test_add_func ("/ui/advice/verifier-label", test_verifier_label);
  g_test_add_func ("/ui/advice/result-tab-stops", test_result_tab_stops);
  g_test_add_func ("/ui/advice/result-tab-back", test_result_tab_back);
  g_test_add_func ("/ui/advice/z-locked-says-once", test_locked_says_once);

  status = g_test_run ();

  cs_ui_flow_stop ();
  return status;
}
