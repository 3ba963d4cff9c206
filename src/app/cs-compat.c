/* cs-compat.c — libadwaita 1.2 / GTK 4.8 or the newer widgets, chosen here only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-compat.h"

static void
name_dialog (GtkWidget  *dialog,
             const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

GtkWidget *
cs_compat_alert_new (const char *heading,
                     const char *body)
{
  GtkWidget *alert;

  g_return_val_if_fail (heading != NULL, NULL);

#ifdef CS_ADW_1_5
  alert = GTK_WIDGET (adw_alert_dialog_new (heading, body));
#else
  alert = adw_message_dialog_new (NULL, heading, body);
#endif
  /* Neither names itself by its heading; a screen reader says it first. */
  name_dialog (alert, heading);
  return alert;
}

void
cs_compat_alert_add_response (GtkWidget             *alert,
                              const char            *id,
                              const char            *label,
                              AdwResponseAppearance  appearance)
{
#ifdef CS_ADW_1_5
  g_return_if_fail (ADW_IS_ALERT_DIALOG (alert));

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), id, label);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), id, appearance);
#else
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (alert));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), id, label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), id, appearance);
#endif
}

void
cs_compat_alert_set_defaults (GtkWidget  *alert,
                              const char *default_id,
                              const char *close_id)
{
#ifdef CS_ADW_1_5
  g_return_if_fail (ADW_IS_ALERT_DIALOG (alert));

  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), default_id);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), close_id);
#else
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (alert));

  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (alert), default_id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (alert), close_id);
#endif
}

void
cs_compat_alert_set_extra_child (GtkWidget *alert,
                                 GtkWidget *child)
{
#ifdef CS_ADW_1_5
  g_return_if_fail (ADW_IS_ALERT_DIALOG (alert));

  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (alert), child);
#else
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (alert));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (alert), child);
#endif
}

void
cs_compat_alert_set_response_enabled (GtkWidget  *alert,
                                      const char *id,
                                      gboolean    enabled)
{
#ifdef CS_ADW_1_5
  g_return_if_fail (ADW_IS_ALERT_DIALOG (alert));

  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (alert), id, enabled);
#else
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (alert));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (alert), id, enabled);
#endif
}

void
cs_compat_alert_respond (GtkWidget  *alert,
                         const char *id)
{
  g_return_if_fail (cs_compat_is_dialog (alert));

  /* As a click on the button does: the response, then the dialog closes. */
  g_signal_emit_by_name (alert, "response", id);
  cs_compat_dialog_close (alert);
}

GType
cs_compat_about_get_type (void)
{
#ifdef CS_ADW_1_5
  return ADW_TYPE_ABOUT_DIALOG;
#else
  return ADW_TYPE_ABOUT_WINDOW;
#endif
}

GtkWidget *
cs_compat_preferences_new (void)
{
  GtkWidget *preferences;

#ifdef CS_ADW_1_5
  preferences = GTK_WIDGET (adw_preferences_dialog_new ());
  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (preferences), FALSE);
  adw_dialog_set_content_width (ADW_DIALOG (preferences), 480);
#else
  preferences = adw_preferences_window_new ();
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (preferences), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 480, 320);
#endif
  g_object_set (preferences, "title", _("Preferences"), NULL);
  return preferences;
}

void
cs_compat_preferences_add (GtkWidget          *preferences,
                           AdwPreferencesPage *page)
{
#ifdef CS_ADW_1_5
  g_return_if_fail (ADW_IS_PREFERENCES_DIALOG (preferences));

  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (preferences), page);
#else
  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (preferences));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences), page);
#endif
}

void
cs_compat_preferences_show_page (GtkWidget  *preferences,
                                 const char *name)
{
#ifdef CS_ADW_1_5
  g_return_if_fail (ADW_IS_PREFERENCES_DIALOG (preferences));

  adw_preferences_dialog_set_visible_page_name (ADW_PREFERENCES_DIALOG (preferences), name);
#else
  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (preferences));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), name);
#endif
}

void
cs_compat_shortcuts_present (GtkWidget *parent)
{
#ifdef CS_ADW_1_8
  const char *path = RESOURCE_PREFIX "/cs-shortcuts-dialog.ui";
#else
  const char *path = RESOURCE_PREFIX "/cs-shortcuts-window.ui";
#endif
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (path);
  GtkWidget *shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts"));

#ifdef CS_ADW_1_8
  /* libadwaita 1.8 leaves its rows unnamed for a screen reader. */
  cs_a11y_name_rows_when_shown (shortcuts);
#endif
  /* Presented, it is held by its parent (a dialog) or by GTK (a window), not the builder. */
  cs_compat_dialog_present (shortcuts, parent);
}

void
cs_compat_dialog_present (GtkWidget *dialog,
                          GtkWidget *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (cs_compat_is_dialog (dialog));

  /* Named by its title, whichever widget it is (an alert is named by its heading). */
  g_object_get (dialog, "title", &title, NULL);
  if (title != NULL && *title != '\0')
    name_dialog (dialog, title);
#ifdef CS_ADW_1_5
  if (ADW_IS_DIALOG (dialog))
    adw_dialog_present (ADW_DIALOG (dialog), GTK_IS_WIDGET (root) ? GTK_WIDGET (root) : NULL);
  else
#endif
    {
      gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
      gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  /* Buttons, lists and hidden parts named once for a screen reader (cs-a11y.c), once it is
   * on screen. */
  cs_a11y_tidy_dialog (dialog);
  cs_compat_name_entry_rows (dialog);
}

void
cs_compat_dialog_close (GtkWidget *dialog)
{
  g_return_if_fail (cs_compat_is_dialog (dialog));

#ifdef CS_ADW_1_5
  if (ADW_IS_DIALOG (dialog))
    {
      adw_dialog_force_close (ADW_DIALOG (dialog));
      return;
    }
#endif
  gtk_window_destroy (GTK_WINDOW (dialog));
}

gboolean
cs_compat_is_dialog (GtkWidget *widget)
{
#ifdef CS_ADW_1_5
  if (ADW_IS_DIALOG (widget))
    return TRUE;
#endif
  return GTK_IS_WINDOW (widget);
}

void
cs_compat_use_toolbar_view (GtkWidget *box)
{
#ifdef CS_ADW_1_4
  GtkWidget *parent = gtk_widget_get_parent (box);
  GtkWidget *header = gtk_widget_get_first_child (box);
  GtkWidget *content = gtk_widget_get_next_sibling (header);
  GtkWidget *view = adw_toolbar_view_new ();

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (parent) && content != NULL
                    && gtk_widget_get_next_sibling (content) == NULL);

  g_object_ref (header);
  g_object_ref (content);
  gtk_box_remove (GTK_BOX (box), header);
  gtk_box_remove (GTK_BOX (box), content);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), header);
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), content);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (parent), view);
  g_object_unref (header);
  g_object_unref (content);
#else
  g_return_if_fail (GTK_IS_BOX (box));
#endif
}

#ifdef CS_GTK_4_10
static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* As gtk_show_uri does: the desktop says when it has no handler. */
  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error))
    g_debug ("Could not open a link: %s", error->message);
}
#endif

void
cs_compat_show_uri (GtkWidget  *parent,
                    const char *uri)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  g_return_if_fail (uri != NULL);

#ifdef CS_GTK_4_10
  {
    g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, window, NULL, launch_cb, NULL);
  }
#else
  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
#endif
}

GtkWidget *
cs_compat_spinner_new (void)
{
#ifdef CS_ADW_1_6
  return adw_spinner_new ();
#else
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  return spinner;
#endif
}

void
cs_compat_toast (GtkWidget  *near,
                 const char *text)
{
  GtkWidget *preferences;

  g_return_if_fail (GTK_IS_WIDGET (near));

#ifdef CS_ADW_1_5
  preferences = gtk_widget_get_ancestor (near, ADW_TYPE_PREFERENCES_DIALOG);
  if (preferences != NULL)
    {
      adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (preferences),
                                        adw_toast_new (text));
      return;
    }
#else
  preferences = GTK_WIDGET (gtk_widget_get_root (near));
  if (ADW_IS_PREFERENCES_WINDOW (preferences))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (preferences),
                                        adw_toast_new (text));
      return;
    }
#endif
  gtk_widget_activate_action (near, "win.toast", "s", text);
}

void
cs_compat_name_entry_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* The library the app runs with, not the headers it was built with. */
  if (adw_get_major_version () > 1 || adw_get_minor_version () >= 5)
    cs_a11y_name_entry_rows (root);
}
