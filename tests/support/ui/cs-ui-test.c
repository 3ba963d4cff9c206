/* cs-ui-test.c — driving the real window in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cs-ui-test.h"
#include "cs-a11y.h"

#include "cs-compat.h"
#include "cs-start-page.h"

CsApplication *cs_ui_app;
char *cs_ui_config_dir;
void (*cs_ui_diagnose) (void);

static gboolean
cs_ui_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
cs_ui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
cs_ui_remove_config_dir (void)
{
  const char *argv[] = { "rm", "-rf", cs_ui_config_dir, NULL };

  if (cs_ui_config_dir != NULL)
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
}

/* GTK 4.2x under Xvfb warns from its frame clock when a popover maps or a window closes
 * ("gdk_frame_timings_submitted() called on submitted frame", "gdk_frame_timings_throttling_hint:
 * runtime check failed"; a GDK frame-clock bug without a compositor, not the app's): those
 * are printed but not fatal here; every other warning and critical stays fatal. */
static gboolean
is_frame_clock_warning (const char *domain,
                        const char *message)
{
  return g_strcmp0 (domain, "Gdk") == 0 && message != NULL
         && (strstr (message, "gdk_frame_timings") != NULL
             || strstr (message, "gdk_frame_clock") != NULL);
}

static GLogWriterOutput
cs_ui_log_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;
    else if (strcmp (fields[i].key, "MESSAGE") == 0)
      message = fields[i].value;
  if (is_frame_clock_warning (domain, message))
    {
      g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

      g_printerr ("%s (a GTK warning under Xvfb, not fatal in the UI tests)\n", line);
      return G_LOG_WRITER_HANDLED;
    }
  /* Every other warning is fatal, here rather than through GLib's always-fatal mask: GLib
   * aborts a g_warn_if_fail() of that mask before a writer or a fatal handler can spare it. */
  g_log_writer_default (log_level, fields, n_fields, user_data);
  if (log_level & G_LOG_LEVEL_WARNING)
    abort ();
  return G_LOG_WRITER_HANDLED;
}

void
cs_ui_init (int    *argc,
            char ***argv)
{
  const char *localedir = g_getenv ("COUNTERSIGN_LOCALEDIR");
  g_autoptr (GError) error = NULL;

  /* Never the user's own keyring: the throw-away one of tests/ui/ui-session, or none at all
   * (its --no-keyring). */
  if (g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_KEYRING"), "1") != 0
      && g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_NO_KEYRING"), "1") != 0)
    {
      g_printerr ("Run this through tests/ui/ui-session (meson test --suite ui): it needs a "
                  "display and a throw-away keyring.\n");
      exit (1);
    }

  g_log_set_writer_func (cs_ui_log_writer, NULL, NULL);

  /* Never the user's own settings folder: saved providers go to a throw-away one. */
  cs_ui_config_dir = g_dir_make_tmp ("countersign-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", cs_ui_config_dir, TRUE);
  atexit (cs_ui_remove_config_dir);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
  /* Criticals stay fatal through GLib; warnings through cs_ui_log_writer. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_init ();
  adw_init ();

  /* As UI tests do: no animations, so that what is checked is the final state. (It also
   * keeps a software-rendered spinner under Xvfb from painting frames back to back, which
   * starves idle-priority sources such as the callback server's completion.) */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  cs_ui_app = cs_application_new ();
  /* CS_UI_UNIQUE: the test's application is the one on its private session bus, so an app
   * link that the desktop hands to "countersign" reaches it (test-callbacks.c). */
  g_application_set_flags (G_APPLICATION (cs_ui_app),
                           (g_getenv ("CS_UI_UNIQUE") != NULL ? 0 : G_APPLICATION_NON_UNIQUE) |
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (cs_ui_app), NULL, &error))
    g_error ("register: %s", error->message);
  g_application_hold (G_APPLICATION (cs_ui_app));

  /* Wakes the loop up regularly, so CS_UI_WAIT_FOR re-checks its condition. */
  g_timeout_add (20, cs_ui_tick_cb, NULL);
}

CsWindow *
cs_ui_open_window (void)
{
  CsWindow *window = cs_window_new (GTK_APPLICATION (cs_ui_app));

  gtk_window_present (GTK_WINDOW (window));
  CS_UI_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* The list's first reading of the keyring ends before a test changes the keyring: libsecret
   * (0.20.5, 0.21.x) returns its search's GTask once per item when items vanish while it
   * loads them, a critical that aborts the test (seen in test-advice, which clears the keyring
   * right after opening its window). */
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (cs_window_get_start_page (window))));
  cs_ui_spin (100);
  return window;
}

void
cs_ui_close_window (CsWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  cs_ui_spin (50);
}

/* The switch a row carries as its suffix: the one it activates, or its only GtkSwitch. */
static GtkWidget *
cs_ui_row_switch (GtkWidget *row)
{
  GtkWidget *activatable = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  GtkWidget *child;

  if (GTK_IS_SWITCH (activatable))
    return activatable;
  for (child = gtk_widget_get_first_child (row); child != NULL; )
    {
      if (GTK_IS_SWITCH (child))
        return child;
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != row && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == row ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  return NULL;
}

/* With no label of its own, a row is named by its title, and a row's switch by the row's
 * title (libadwaita labels them by the title label); the row is then not the control, its
 * switch is. */
static gboolean
cs_ui_has_title_name (GtkWidget  *widget,
                      const char *name)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  if (ADW_IS_ACTION_ROW (widget) && cs_ui_row_switch (widget) != NULL)
    return FALSE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0;
  if (GTK_IS_SWITCH (widget) && row != NULL && cs_ui_row_switch (row) == widget)
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0;
  return FALSE;
}

static gboolean
cs_ui_has_name (GtkWidget  *widget,
                const char *name)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return cs_ui_has_title_name (widget, name);

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  return mismatch == NULL;
}

static void
cs_ui_collect (GtkWidget  *widget,
               const char *name,
               GPtrArray  *found)
{
  if (!gtk_widget_is_drawable (widget))
    return;

  /* Labels are named by their own text; controls are what we look for. */
  if (!GTK_IS_LABEL (widget) && cs_ui_has_name (widget, name))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cs_ui_collect (child, name, found);
}

/* The visible label the user reads next to (or on) the control. */
static const char *
cs_ui_visible_label (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  /* An icon button: its tooltip is what a sighted user reads. */
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    return gtk_widget_get_tooltip_text (widget);
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_SWITCH (widget))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

      return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
    }
  return NULL;
}

GtkWidget *
cs_ui_find (gpointer    root,
            const char *name)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  GtkWidget *widget;

  cs_ui_collect (GTK_WIDGET (root), name, found);
  /* An icon button can share its name with a labelled one: the labelled one is meant. */
  for (guint i = found->len; found->len > 1 && i > 0; i--)
    {
      GtkWidget *candidate = g_ptr_array_index (found, i - 1);

      if (GTK_IS_BUTTON (candidate) && gtk_button_get_label (GTK_BUTTON (candidate)) == NULL)
        g_ptr_array_remove_index (found, i - 1);
    }
  for (guint i = 0; found->len != 1 && i < found->len; i++)
    g_printerr ("  %s named “%s”\n", G_OBJECT_TYPE_NAME (g_ptr_array_index (found, i)), name);
  if (found->len != 1)
    g_error ("expected one control named “%s” on screen, found %u", name, found->len);

  widget = g_ptr_array_index (found, 0);
  g_assert_cmpstr (cs_ui_visible_label (widget), ==, name);
  return widget;
}

GtkWidget *
cs_ui_try_find (gpointer    root,
                const char *name)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  cs_ui_collect (GTK_WIDGET (root), name, found);
  return found->len == 1 ? g_ptr_array_index (found, 0) : NULL;
}

gboolean
cs_ui_can_click (gpointer    root,
                 const char *name)
{
  GtkWidget *widget = cs_ui_try_find (root, name);

  return widget != NULL && gtk_widget_is_sensitive (widget);
}

void
cs_ui_click (gpointer    root,
             const char *name)
{
  GtkWidget *button = cs_ui_find (root, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

void
cs_ui_type (gpointer    root,
            const char *name,
            const char *text)
{
  GtkWidget *entry = cs_ui_find (root, name);

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

const char *
cs_ui_text (gpointer    root,
            const char *name)
{
  /* What the user typed, also in a concealed entry (whose buffer reads as bullets). */
  return cs_a11y_clear_text (cs_ui_find (root, name));
}

void
cs_ui_press_enter_in (gpointer    root,
                      const char *name)
{
  GtkWidget *entry = cs_ui_find (root, name);
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  g_assert_true (GTK_IS_TEXT (delegate));
  gtk_widget_grab_focus (GTK_WIDGET (delegate));
  g_signal_emit_by_name (delegate, "activate");
}

static gboolean
cs_ui_label_shown_collect (GtkWidget  *widget,
                           const char *needle)
{
  if (!gtk_widget_is_drawable (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (cs_ui_label_shown_collect (child, needle))
      return TRUE;

  return FALSE;
}

gboolean
cs_ui_text_shown (gpointer    root,
                  const char *needle)
{
  return cs_ui_label_shown_collect (GTK_WIDGET (root), needle);
}

/* A button of @widget's is drawn: an AdwDialog (libadwaita 1.5+) is mapped before its
 * contents, which it maps once it has chosen where to show itself; a window maps them with
 * itself. Until then nothing in it can be read or pressed. */
static gboolean
cs_ui_has_drawn_button (GtkWidget *widget)
{
  if (!gtk_widget_is_drawable (widget))
    return FALSE;
  if (GTK_IS_BUTTON (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (cs_ui_has_drawn_button (child))
      return TRUE;
  return FALSE;
}

static GtkWidget *
cs_ui_dialog_collect (GtkWidget  *widget,
                      const char *name)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (cs_compat_is_dialog (widget)
      && gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
      && (mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                         name)) == NULL)
    return cs_ui_has_drawn_button (widget) ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cs_ui_dialog_collect (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cs_ui_find_dialog (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = cs_ui_dialog_collect (window, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
cs_ui_button_collect (GtkWidget  *widget,
                      const char *label,
                      GPtrArray  *found)
{
  if (!gtk_widget_is_drawable (widget))
    return;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr (GString) text = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
        g_string_replace (text, "_", "", 0);
      if (g_str_equal (text->str, label))
        g_ptr_array_add (found, widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cs_ui_button_collect (child, label, found);
}

gboolean
cs_ui_has_button (GtkWidget  *dialog,
                  const char *label)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  cs_ui_button_collect (dialog, label, found);
  return found->len == 1;
}

gboolean
cs_ui_button_sensitive (GtkWidget  *dialog,
                        const char *label)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  CS_UI_WAIT_FOR (cs_ui_has_button (dialog, label));
  cs_ui_button_collect (dialog, label, found);
  return gtk_widget_is_sensitive (g_ptr_array_index (found, 0));
}

void
cs_ui_respond (GtkWidget  *dialog,
               const char *label)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  /* An AdwDialog maps its buttons once it has chosen where to show itself. */
  CS_UI_WAIT_FOR (cs_ui_has_button (dialog, label));
  cs_ui_button_collect (dialog, label, found);
  g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (found, 0)));
  gtk_widget_activate (g_ptr_array_index (found, 0));
}

void
cs_ui_close_dialog (GtkWidget *dialog)
{
  /* Held until it is gone from the screen: a closed dialog may be freed at once. */
  g_autoptr (GtkWidget) held = g_object_ref (dialog);

  cs_compat_dialog_close (held);
  CS_UI_WAIT_FOR (!gtk_widget_get_mapped (held));
}

char *
cs_ui_clipboard_text (gpointer widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (widget));
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_auto (GValue) value = G_VALUE_INIT;

  if (content == NULL)
    return NULL;

  g_value_init (&value, G_TYPE_STRING);
  if (!gdk_content_provider_get_value (content, &value, NULL))
    return NULL;

  return g_value_dup_string (&value);
}

/* Controls whose insides belong to GTK or libadwaita, not to us. */
static gboolean
cs_ui_is_internal (GtkWidget *widget)
{
  for (GtkWidget *parent = gtk_widget_get_parent (widget);
       parent != NULL;
       parent = gtk_widget_get_parent (parent))
    if (GTK_IS_WINDOW_CONTROLS (parent) || ADW_IS_ENTRY_ROW (parent) || ADW_IS_COMBO_ROW (parent)
        || GTK_IS_MENU_BUTTON (parent) || GTK_IS_POPOVER (parent)
        || g_str_equal (G_OBJECT_TYPE_NAME (parent), "AdwToastWidget"))
      return TRUE;

  return FALSE;
}

static void
cs_ui_audit_collect (GtkWidget *widget,
                     GString   *problems)
{
  gboolean control = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget)
                     || ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget);

  if (!gtk_widget_is_drawable (widget))
    return;

  if (control && !cs_ui_is_internal (widget))
    {
      const char *label = cs_ui_visible_label (widget);

      if (label == NULL || *label == '\0')
        g_string_append_printf (problems, "  %s in %s in %s without a visible label\n",
                                G_OBJECT_TYPE_NAME (widget),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (
                                  gtk_widget_get_parent (widget))));
      else if (!cs_ui_has_name (widget, label))
        g_string_append_printf (problems, "  %s “%s”: its accessible name differs\n",
                                G_OBJECT_TYPE_NAME (widget), label);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cs_ui_audit_collect (child, problems);
}

void
cs_ui_audit_names (gpointer root)
{
  g_autoptr (GString) problems = g_string_new (NULL);

  cs_ui_audit_collect (GTK_WIDGET (root), problems);
  if (problems->len > 0)
    g_error ("controls without a matching visible label and accessible name:\n%s", problems->str);
}
