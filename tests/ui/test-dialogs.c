/* test-dialogs.c — the about, shortcuts and preferences dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process of its own: these dialogs bring in enough GTK types to push a process past
 * GLib's first block of quarks, whose replacement LeakSanitizer would report as a leak.
 */
#include "config.h"

#include "cs-clipboard.h"
#include "cs-ui-test.h"

/* The about dialog (version, licence, website) and the shortcuts dialog, with the
 * accelerators set at start-up: found by their names, whichever widgets the build uses. */
static void
test_about_and_shortcuts (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_auto (GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app), "app.quit");
  g_auto (GStrv) fresh = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app),
                                                                "app.new-authorization");
  g_auto (GStrv) close = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app), "win.close");
  g_autofree char *website = NULL;
  GtkLicense license = GTK_LICENSE_UNKNOWN;
  GtkWidget *about;
  GtkWidget *shortcuts;

  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (fresh[0], ==, "<Control>n");
  g_assert_cmpstr (close[0], ==, "<Control>w");

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "about", NULL);
  CS_UI_WAIT_FOR ((about = cs_ui_find_dialog ("About Countersign")) != NULL);
  /* An AdwDialog maps its page once it has chosen where to show it. */
  CS_UI_WAIT_FOR (cs_ui_text_shown (about, PACKAGE_VERSION));
  g_object_get (about, "license-type", &license, "website", &website, NULL);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (website, ==, PACKAGE_WEBSITE);
  cs_ui_close_dialog (about);

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "shortcuts", NULL);
  CS_UI_WAIT_FOR ((shortcuts = cs_ui_find_dialog ("Keyboard Shortcuts")) != NULL);
  cs_ui_close_dialog (shortcuts);

  cs_ui_close_window (window);
}

/* The texts of the labels drawn under @widget, in reading order, except @skip; without the
 * spaces and "+" signs between keys, which differ between GTK versions. */
static void
append_drawn_keys (GtkWidget  *widget,
                   GtkWidget  *skip,
                   GString    *keys)
{
  if (!gtk_widget_get_mapped (widget) || widget == skip)
    return;
  if (GTK_IS_LABEL (widget))
    for (const char *c = gtk_label_get_text (GTK_LABEL (widget)); *c != '\0'; c++)
      if (*c != ' ' && *c != '+')
        g_string_append_c (keys, *c);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_drawn_keys (child, skip, keys);
}

/* The drawn labels that read @title. */
static void
collect_labels (GtkWidget  *widget,
                const char *title,
                GPtrArray  *labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), title) == 0)
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, title, labels);
}

/* The keys drawn next to the entry titled @title: the text beside the title in the nearest
 * box around it (GtkShortcutsShortcut, AdwShortcutsDialog's row), never more than three levels
 * up, so that a heading with the same words is not taken for an entry. */
static char *
keys_of_entry (GtkWidget  *dialog,
               const char *title)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  char *keys = NULL;

  collect_labels (dialog, title, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *entry = labels->pdata[i];

      for (guint level = 0; level < 3 && entry != dialog; level++)
        {
          g_autoptr (GString) drawn = g_string_new (NULL);

          entry = gtk_widget_get_parent (entry);
          append_drawn_keys (entry, labels->pdata[i], drawn);
          if (drawn->len == 0)
            continue;
          g_assert_null (keys); /* one entry of that title */
          keys = g_string_free (g_steal_pointer (&drawn), FALSE);
          break;
        }
    }
  return keys;
}

/* What a user reads in the shortcuts dialog: its title, and next to every entry the keys
 * that the application binds, not an empty space. */
static void
test_shortcuts_show_keys (void)
{
  static const struct
  {
    const char *title;
    const char *action;
    const char *accel;
    const char *keys;
  } entries[] = {
    { "New Authorization", "app.new-authorization", "<Control>n", "CtrlN" },
    { "Keyboard Shortcuts", "app.shortcuts", "<Control>question", "Ctrl?" },
    { "Preferences", "app.preferences", "<Control>comma", "Ctrl," },
    { "Close Window", "win.close", "<Control>w", "CtrlW" },
    { "Quit", "app.quit", "<Control>q", "CtrlQ" },
    { "Continue", NULL, NULL, "\u23ce" }, /* ⏎ */
    { "Cancel a Running Request", NULL, NULL, "Escape" },
  };
  CsWindow *window = cs_ui_open_window ();
  GtkWidget *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "shortcuts", NULL);
  CS_UI_WAIT_FOR ((dialog = cs_ui_find_dialog ("Keyboard Shortcuts")) != NULL);
  CS_UI_WAIT_FOR (cs_ui_text_shown (dialog, "Cancel a Running Request"));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *keys = keys_of_entry (dialog, entries[i].title);

      g_test_message ("%s: %s", entries[i].title, keys);
      g_assert_cmpstr (keys, ==, entries[i].keys);
      /* The keys shown are the ones the application binds to the entry's action. */
      if (entries[i].action != NULL)
        {
          g_auto (GStrv) bound = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app),
                                                                        entries[i].action);

          g_assert_cmpuint (g_strv_length (bound), ==, 1);
          g_assert_cmpstr (bound[0], ==, entries[i].accel);
        }
    }

  cs_ui_close_dialog (dialog);
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
preferences_switch (GtkWidget  *preferences,
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
  GtkWidget *preferences;
  GtkSwitch *clear;
  GtkSwitch *store;
  g_autofree char *held = NULL;

  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "preferences", NULL);
  CS_UI_WAIT_FOR ((preferences = cs_ui_find_dialog ("Preferences")) != NULL);
  CS_UI_WAIT_FOR (cs_ui_try_find (preferences, "Clear Copied Secrets") != NULL);
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
  cs_ui_close_dialog (preferences);
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Save in Keyring") != NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "Save in Keyring"))));

  /* And on again, from the Preferences window while the wizard is open. */
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "preferences", NULL);
  CS_UI_WAIT_FOR ((preferences = cs_ui_find_dialog ("Preferences")) != NULL);
  CS_UI_WAIT_FOR (cs_ui_try_find (preferences, "Save New Credentials in the Keyring") != NULL);
  store = preferences_switch (preferences, "Save New Credentials in the Keyring");
  g_assert_false (gtk_switch_get_active (store));
  gtk_widget_activate (GTK_WIDGET (store));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "Save in Keyring"))));
  cs_ui_close_dialog (preferences);

  cs_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{

  g_setenv ("COUNTERSIGN_CLIPBOARD_CLEAR_MS", "200", TRUE);
  cs_ui_init (&argc, &argv);
  g_test_add_func ("/ui/app/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/ui/app/shortcuts-show-keys", test_shortcuts_show_keys);
  g_test_add_func ("/ui/app/preferences", test_preferences);
  return g_test_run ();
}
