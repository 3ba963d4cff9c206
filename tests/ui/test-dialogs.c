/* test-dialogs.c — the about, shortcuts and preferences windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process of its own: these two windows bring in enough GTK types to push a process past
 * GLib's first block of quarks, whose replacement LeakSanitizer would report as a leak.
 */
#include "config.h"

#include "cs-clipboard.h"
#include "cs-ui-test.h"

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

/* The about window (version, licence, website) and the shortcuts window, with the
 * accelerators set at start-up. */
static void
test_about_and_shortcuts (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_auto (GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app), "app.quit");
  g_auto (GStrv) fresh = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app),
                                                                "app.new-authorization");
  g_auto (GStrv) close = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app), "win.close");
  GtkWindow *about;
  GtkWindow *shortcuts;

  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (fresh[0], ==, "<Control>n");
  g_assert_cmpstr (close[0], ==, "<Control>w");

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "about", NULL);
  CS_UI_WAIT_FOR ((about = find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_WEBSITE);
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "shortcuts", NULL);
  CS_UI_WAIT_FOR ((shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL);
  gtk_window_destroy (shortcuts);

  cs_ui_close_window (window);
}

/* The texts of the labels drawn under @widget, in reading order, except @skip; without the
 * spaces and "+" signs between keys, which differ between GTK versions. */
static void
append_drawn_keys (GtkWidget  *widget,
                   const char *skip,
                   GString    *keys)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), skip) != 0)
    for (const char *c = gtk_label_get_text (GTK_LABEL (widget)); *c != '\0'; c++)
      if (*c != ' ' && *c != '+')
        g_string_append_c (keys, *c);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_drawn_keys (child, skip, keys);
}

/* The entries on screen (the search page holds copies of them, not drawn until a search). */
static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, GTK_TYPE_SHORTCUTS_SHORTCUT))
    g_ptr_array_add (shortcuts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

/* An entry's accelerator is the one the application binds to its action. */
static void
assert_bound (GtkWidget *shortcut)
{
  g_autofree char *accelerator = NULL;
  g_autofree char *action = NULL;
  g_auto (GStrv) bound = NULL;
  g_autofree char *joined = NULL;

  g_object_get (shortcut, "accelerator", &accelerator, "action-name", &action, NULL);
  if (action == NULL)
    return;
  bound = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app), action);
  joined = g_strjoinv (" ", bound);
  g_assert_cmpstr (accelerator, ==, joined);
}

/* What a user reads in the shortcuts window: its title, and next to every entry the keys
 * that the application binds, not an empty space. */
static void
test_shortcuts_show_keys (void)
{
  static const struct
  {
    const char *title;
    const char *keys;
  } entries[] = {
    { "New Authorization", "CtrlN" },
    { "Keyboard Shortcuts", "Ctrl?" },
    { "Preferences", "Ctrl," },
    { "Close Window", "CtrlW" },
    { "Quit", "CtrlQ" },
    { "Continue", "\u23ce" }, /* ⏎ */
    { "Cancel a Running Request", "Escape" },
  };
  CsWindow *window = cs_ui_open_window ();
  g_autoptr (GPtrArray) shortcuts = g_ptr_array_new ();
  GtkWindow *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "shortcuts", NULL);
  CS_UI_WAIT_FOR ((dialog = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL);
  CS_UI_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Keyboard Shortcuts");

  collect_shortcuts (GTK_WIDGET (dialog), shortcuts);
  g_assert_cmpuint (shortcuts->len, ==, G_N_ELEMENTS (entries));
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autoptr (GString) drawn = g_string_new (NULL);

      g_object_get (shortcuts->pdata[i], "title", &title, NULL);
      g_assert_cmpstr (title, ==, entries[i].title);
      assert_bound (shortcuts->pdata[i]);
      append_drawn_keys (shortcuts->pdata[i], title, drawn);
      g_test_message ("%s: %s", title, drawn->str);
      g_assert_cmpstr (drawn->str, ==, entries[i].keys);
    }

  gtk_window_destroy (dialog);
  cs_ui_close_window (window);
}

static gboolean
clipboard_is (CsWindow   *window,
              const char *text)
{
  g_autofree char *held = cs_ui_clipboard_text (window);

  return g_strcmp0 (held, text) == 0;
}

static GtkSwitch *
preferences_switch (GtkWindow  *preferences,
                    const char *name)
{
  GtkWidget *widget = cs_ui_find (preferences, name);

  g_assert_true (GTK_IS_SWITCH (widget));
  return GTK_SWITCH (widget);
}

/* Preferences (Ctrl+comma, in the main menu): two switches bound to the settings, and what
 * they change — the clipboard is cleared after a copied secret or not, and Save in Keyring
 * starts on or off in a new authorization. */
static void
test_preferences (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app),
                                                                 "app.preferences");
  GtkWindow *preferences;
  GtkSwitch *clear;
  GtkSwitch *store;
  g_autofree char *held = NULL;

  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "preferences", NULL);
  CS_UI_WAIT_FOR ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL);
  CS_UI_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  clear = preferences_switch (preferences, "Clear Copied Secrets");
  store = preferences_switch (preferences, "Save New Credentials in the Keyring");
  g_assert_true (gtk_switch_get_active (clear));
  g_assert_true (gtk_switch_get_active (store));

  /* Off: a copied secret stays on the clipboard. */
  gtk_widget_activate (GTK_WIDGET (clear));
  g_assert_false (gtk_switch_get_active (clear));
  g_assert_false (g_settings_get_boolean (settings, "clear-clipboard"));
  cs_clipboard_copy (GTK_WIDGET (window), "kept-secret", TRUE, "Copied");
  cs_ui_spin (600);
  held = cs_ui_clipboard_text (window);
  g_assert_cmpstr (held, ==, "kept-secret");
  g_clear_pointer (&held, g_free);

  /* On again: it is cleared (COUNTERSIGN_CLIPBOARD_CLEAR_MS is short here). */
  gtk_widget_activate (GTK_WIDGET (clear));
  g_assert_true (g_settings_get_boolean (settings, "clear-clipboard"));
  cs_clipboard_copy (GTK_WIDGET (window), "cleared-secret", TRUE, "Copied");
  held = cs_ui_clipboard_text (window);
  g_assert_cmpstr (held, ==, "cleared-secret");
  CS_UI_WAIT_FOR (!clipboard_is (window, "cleared-secret"));

  /* Off: a new authorization starts with Save in Keyring off. */
  gtk_widget_activate (GTK_WIDGET (store));
  g_assert_false (g_settings_get_boolean (settings, "store-credentials"));
  gtk_window_destroy (preferences);
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Save in Keyring") != NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "Save in Keyring"))));

  /* And on again, from the Preferences window while the wizard is open. */
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "preferences", NULL);
  CS_UI_WAIT_FOR ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL);
  CS_UI_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  store = preferences_switch (preferences, "Save New Credentials in the Keyring");
  g_assert_false (gtk_switch_get_active (store));
  gtk_widget_activate (GTK_WIDGET (store));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "Save in Keyring"))));
  gtk_window_destroy (preferences);

  cs_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_KEYRING"), "1") != 0)
    {
      g_printerr ("Run this through tests/ui/ui-session (meson test --suite ui).\n");
      return 1;
    }

  g_setenv ("COUNTERSIGN_CLIPBOARD_CLEAR_MS", "200", TRUE);
  cs_ui_init (&argc, &argv);
  g_test_add_func ("/ui/app/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/ui/app/shortcuts-show-keys", test_shortcuts_show_keys);
  g_test_add_func ("/ui/app/preferences", test_preferences);
  return g_test_run ();
}
