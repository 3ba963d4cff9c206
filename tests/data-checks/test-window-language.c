/* test-window-language.c — the real window in German: what a user with LANGUAGE=de sees
 *
 * Runs with LANGUAGE=de and COUNTERSIGN_LOCALEDIR pointing at the catalogs built in po/.
 * Every text drawn on screen must be German where the catalog has a translation: a label
 * that still shows an English message the catalog translates is a string that escaped
 * gettext (a missing _(), a template without the translation domain, a string set before
 * the locale).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cs-application.h"
#include "cs-window.h"

static CsApplication *app;
static CsWindow *window;

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Lets the main loop run for @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

/* The drawn button whose label is @label, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (!gtk_widget_is_drawable (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean have_display;

/* Texts drawn on screen: tooltips, labels, button labels, row titles and subtitles, window titles. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_is_drawable (widget))
    return;

  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_widget_get_tooltip_text (widget));
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_button_get_label (GTK_BUTTON (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_ptr_array_add (texts, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
    g_ptr_array_add (texts, (gpointer) adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_WINDOW_TITLE (widget))
    g_ptr_array_add (texts, (gpointer) adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    {
      g_ptr_array_add (texts, (gpointer) adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      if (adw_status_page_get_description (ADW_STATUS_PAGE (widget)) != NULL)
        g_ptr_array_add (texts,
                         (gpointer) adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
text_shown (GtkWidget  *root,
            const char *text)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();

  collect_texts (root, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* Asserts that nothing on screen is an English message the German catalog translates;
 * returns how many texts were checked. */
static guint
assert_no_english (GtkWidget  *root,
                   const char *where)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  g_autoptr (GString) english = g_string_new (NULL);

  collect_texts (root, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      const char *german;

      if (text == NULL || *text == '\0')
        continue;
      german = g_dgettext (GETTEXT_PACKAGE, text);
      if (german != text && g_strcmp0 (german, text) != 0)
        g_string_append_printf (english, "\n  “%s” (German: “%s”)", text, german);
    }
  if (english->len > 0)
    g_error ("%s shows English where German exists:%s", where, english->str);
  return texts->len;
}

static void
test_catalog_is_german (void)
{
  /* The catalog is found and in use: without it, every other check would pass vacuously. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "New Authorization"), ==, "Neue Autorisierung");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Continue"), ==, "Weiter");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Back"), ==, "Zurück");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Cancel"), ==, "Abbrechen");
}

static void
test_start_page_german (void)
{
  if (!have_display)
    {
      g_test_skip ("no display: run under xvfb-run (build-aux/test does)");
      return;
    }
  /* The saved-credentials page settles (a list, the empty state or a keyring error). */
  spin (500);
  g_assert_true (text_shown (GTK_WIDGET (window), "Neue Autorisierung"));
  g_assert_false (text_shown (GTK_WIDGET (window), "New Authorization"));
  g_assert_cmpuint (assert_no_english (GTK_WIDGET (window), "The start page"), >, 0);
}

static void
test_wizard_german (void)
{
  if (!have_display)
    {
      g_test_skip ("no display: run under xvfb-run (build-aux/test does)");
      return;
    }
  cs_window_start_authorization (window, "demo", NULL, NULL);
  spin (300);
  g_assert_nonnull (find_button (GTK_WIDGET (window), "Weiter"));
  g_assert_null (find_button (GTK_WIDGET (window), "Continue"));
  assert_no_english (GTK_WIDGET (window), "The wizard’s first step");
}

/* The application and its one window, as a user starts them (the window is not destroyed:
 * what happens on closing is the UI suite's business). */
static void
open_window (void)
{
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_init ();
  adw_init ();
  app = cs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  g_application_hold (G_APPLICATION (app));
  g_timeout_add (20, tick_cb, NULL);

  window = cs_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the window was not shown within 20 s");
      g_main_context_iteration (NULL, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("COUNTERSIGN_LOCALEDIR");

  /* As main() does: the catalogs of the build tree through COUNTERSIGN_LOCALEDIR. */
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The locale %s is not installed: build-aux/test generates it", g_getenv ("LC_ALL"));
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  have_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
  if (have_display)
    open_window ();

  g_test_add_func ("/window-language/catalog", test_catalog_is_german);
  g_test_add_func ("/window-language/start-page", test_start_page_german);
  g_test_add_func ("/window-language/wizard", test_wizard_german);
  return g_test_run ();
}
