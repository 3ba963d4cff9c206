/* test-dialogs.c — the about window and the shortcuts window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process of its own: these two windows bring in enough GTK types to push a process past
 * GLib's first block of quarks, whose replacement LeakSanitizer would report as a leak.
 */
#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  if (g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_KEYRING"), "1") != 0)
    {
      g_printerr ("Run this through tests/ui/ui-session (meson test --suite ui).\n");
      return 1;
    }

  cs_ui_init (&argc, &argv);
  g_test_add_func ("/ui/app/about-and-shortcuts", test_about_and_shortcuts);
  return g_test_run ();
}
