/* test-app.c — the application and the window around the wizard: narrow and dark, size
 * remembered, command line, about and shortcuts, first-frame exit, and the whole flow with
 * real key presses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-sign-page.h"
#include "cs-ui-flow.h"
#include "cs-ui-keyboard.h"

/* No widget on any step asks for more than 360 pixels: the window fits a phone. */
static void
test_narrow (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  browser_reset ("allow");
  request_token_with_demo (window, 0);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  cs_ui_click (window, "Back");
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  {
    AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));

    choose (window, "Provider", g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1);
  }
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  /* And it is drawn that narrow, in the dark style, for the record. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  choose (window, "Provider", 0);
  CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 400);
  screenshot (window, "06-narrow-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  cs_ui_close_window (window);
}

/* The whole flow with real key presses only: Ctrl+N, Enter on each step, the PIN typed,
 * Enter on Done. */
static void
test_keyboard_only (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  GtkWidget *start_page = cs_window_get_start_page (window);
  CsDemoProvider *demo;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-provider");
  g_settings_reset (settings, "callback-mode");
  browser_reset ("allow");
  cs_ui_focus_window (GTK_WINDOW (window));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_n, TRUE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (
    GTK_EDITABLE (cs_ui_find (window, "Consumer Key"))))));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);

  /* Enter on Open in Browser, then the PIN where the focus went. */
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (browser.done);
  cs_ui_type_keys (GTK_WINDOW (window), browser.pin);
  CS_UI_WAIT_FOR (g_strcmp0 (cs_ui_text (window, "PIN"), browser.pin) == 0);
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);

  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) != NULL);

  cs_ui_close_window (window);
  current_window = NULL;
}

/* Escape cancels a running request, wherever the focus is. */
static void
test_keyboard_escape (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  Hostile *silent = hostile_new ();

  silent->mode = HOSTILE_STALL;
  cs_ui_focus_window (GTK_WINDOW (window));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_n, TRUE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  fill_custom (window, silent);
  gtk_widget_grab_focus (cs_ui_find (window, "Consumer Key"));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (silent->requests == 1 && cs_wizard_get_busy (wizard));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Escape, FALSE);
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "silent-key");

  /* Not busy: Escape does nothing to the wizard. */
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Escape, FALSE);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  g_assert_true (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
  hostile_free (silent);
}

/* `countersign --provider twitter --consumer-key KEY` opens step 1 with both filled in. */
static void
test_command_line_prefill (void)
{
  g_autoptr (GApplicationCommandLine) command_line = NULL;
  g_autoptr (GVariantDict) options = g_variant_dict_new (NULL);
  const char *args[] = { "countersign", "--provider", "twitter", "--consumer-key", "cli-key", NULL };
  GtkWindow *window;
  int status = -1;

  g_variant_dict_insert (options, "provider", "s", "twitter");
  g_variant_dict_insert (options, "consumer-key", "s", "cli-key");
  command_line = g_object_new (G_TYPE_APPLICATION_COMMAND_LINE,
                               "arguments", g_variant_new_bytestring_array (args, -1),
                               "options", g_variant_dict_end (options),
                               NULL);
  g_signal_emit_by_name (cs_ui_app, "command-line", command_line, &status);
  g_assert_cmpint (status, ==, 0);

  window = gtk_application_get_active_window (GTK_APPLICATION (cs_ui_app));
  g_assert_true (CS_IS_WINDOW (window));
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_wizard (CS_WINDOW (window))));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Consumer Key") != NULL);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "cli-key");
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, "");
  {
    AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
    g_autoptr (GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (providers),
                                                              adw_combo_row_get_selected (providers));

    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "X (Twitter)");
  }

  cs_ui_close_window (CS_WINDOW (window));
}

/* The size is remembered; Ctrl+W's action closes the window. */
static void
test_window_size_saved (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  /* Held only so that closing the window does not finalize it before the checks. */
  G_GNUC_UNUSED g_autoptr (GtkWidget) keep = g_object_ref (GTK_WIDGET (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 700);
  CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 520);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  CS_UI_WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 500);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  window = cs_ui_open_window ();
  {
    int width = 0;
    int height = 0;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 500);
    g_assert_cmpint (height, ==, 700);
  }
  cs_ui_close_window (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* COUNTERSIGN_EXIT_AFTER_FIRST_FRAME=1: the real program quits after its first frame. */
static void
test_exit_after_first_frame (void)
{
  const char *program = g_getenv ("COUNTERSIGN_APP");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  char *argv[] = { NULL, NULL };
  int wait_status = 0;
  gint64 start;

  g_assert_nonnull (program);
  argv[0] = (char *)program;
  env = g_environ_setenv (env, "COUNTERSIGN_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_test_message ("start-up to first frame and exit: %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
}

/* How many widgets of @type are in the tree under @root, shown or not. */
static guint
count_type (GtkWidget *root,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_type (child, type);
  return n;
}

/* Before the first frame a new window builds the list, not the wizard's four steps nor Sign a
 * Request: they are built when first opened, complete, and once (issue 13, point 6). */
static void
test_built_when_opened (void)
{
  CsWindow *window = cs_ui_open_window ();

  /* The first frame is drawn: the start page is there, nothing of the wizard. */
  CS_UI_WAIT_FOR (gtk_widget_get_mapped (cs_window_get_start_page (window)));
  g_assert_cmpuint (count_type (GTK_WIDGET (window), CS_TYPE_WIZARD), ==, 0);
  g_assert_cmpuint (count_type (GTK_WIDGET (window), CS_TYPE_SIGN_PAGE), ==, 0);
  g_assert_null (cs_ui_try_find (window, "Consumer Key"));

  /* Ctrl+N: the wizard, on its first step, with the providers the window knows. */
  open_wizard (window);
  g_assert_cmpuint (count_type (GTK_WIDGET (window), CS_TYPE_WIZARD), ==, 1);
  g_assert_cmpuint (cs_wizard_get_step (wizard_of (window)), ==, 1);
  {
    AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));

    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (providers)), >, 1);
  }

  /* Back to the list and into the wizard again: the same wizard, not a second one. */
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (!gtk_widget_is_drawable (cs_window_get_wizard (window)));
  open_wizard (window);
  g_assert_cmpuint (count_type (GTK_WIDGET (window), CS_TYPE_WIZARD), ==, 1);
  cs_ui_close_window (window);

  /* Sign a Request from a new window's menu: its page, complete. */
  window = cs_ui_open_window ();
  g_assert_cmpuint (count_type (GTK_WIDGET (window), CS_TYPE_SIGN_PAGE), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-request", NULL));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Signature Method") != NULL);
  g_assert_cmpuint (count_type (GTK_WIDGET (window), CS_TYPE_SIGN_PAGE), ==, 1);
  cs_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("COUNTERSIGN_CLIPBOARD_CLEAR_MS", "200", TRUE);
  cs_ui_flow_start (&argc, &argv, FALSE);

  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/size-saved", test_window_size_saved);
  g_test_add_func ("/ui/app/exit-after-first-frame", test_exit_after_first_frame);
  g_test_add_func ("/ui/app/pages-built-when-opened", test_built_when_opened);
  g_test_add_func ("/ui/app/command-line", test_command_line_prefill);
  g_test_add_func ("/ui/keyboard/whole-flow", test_keyboard_only);
  g_test_add_func ("/ui/keyboard/escape-cancels", test_keyboard_escape);

  status = g_test_run ();

  cs_ui_flow_stop ();
  return status;
}
