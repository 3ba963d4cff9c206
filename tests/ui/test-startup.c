/* test-startup.c — what a new window builds before its first frame (issue 13, point 6): the
 * list of saved credentials, not the wizard's four steps nor Sign a Request, which come
 * complete when they are first opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-sign-page.h"
#include "cs-ui-flow.h"

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

static void
test_built_when_opened (void)
{
  CsWindow *window = cs_ui_open_window ();

  /* The first frame is drawn: the start page is there, nothing of the wizard. */
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "New Authorization") != NULL);
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

  if (g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_KEYRING"), "1") != 0)
    {
      g_printerr ("Run this through tests/ui/ui-session (meson test --suite ui).\n");
      return 1;
    }
  cs_ui_flow_start (&argc, &argv, FALSE);
  g_test_add_func ("/ui/startup/built-when-opened", test_built_when_opened);
  status = g_test_run ();
  cs_ui_flow_stop ();
  return status;
}
