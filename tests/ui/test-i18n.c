/* test-i18n.c — the window speaks German when asked to (LANGUAGE=de, catalogs of the build)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "cs-ui-test.h"
#include "cs-wizard.h"

static void
test_german_continue (void)
{
  CsWindow *window = cs_ui_open_window ();
  const char *continue_de = g_dgettext (GETTEXT_PACKAGE, "Continue");
  const char *step_de = g_dgettext (GETTEXT_PACKAGE, "Step %u of %u");
  /* The words before the first number, e.g. "Schritt ". */
  g_autofree char *step_text = g_strndup (step_de, strcspn (step_de, "%"));

  g_assert_cmpstr (continue_de, !=, "Continue");
  g_assert_cmpstr (step_text, !=, "Step ");

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_wizard (window)));

  /* The button shows the translation, and is named by it. */
  g_assert_nonnull (cs_ui_find (window, continue_de));
  g_assert_null (cs_ui_try_find (window, "Continue"));
  g_assert_true (cs_ui_text_shown (window, step_text));

  cs_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* A real German locale: glibc 2.37 and later ignore LANGUAGE under C.UTF-8. */
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The locale de_DE.UTF-8 is not installed: build-aux/test generates it");
  cs_ui_init (&argc, &argv);

  g_test_add_func ("/ui/i18n/german", test_german_continue);

  return g_test_run ();
}
