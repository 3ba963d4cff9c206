/* cs-a11y.c — what GTK 4.8 and libadwaita 1.2 do not say to assistive technologies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cs-a11y.h"

static void
visible_child_cb (GtkStack *stack)
{
  GtkWidget *shown = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != shown, -1);
}

void
cs_a11y_follow_stack (GtkStack *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack));

  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (visible_child_cb), NULL);
  visible_child_cb (stack);
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  /* The shown one: an entry row also holds a hidden apply button. */
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
cs_a11y_name_reveal_button (GtkWidget *password_row)
{
  GtkWidget *button;
  g_autofree char *name = NULL;

  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (password_row));

  button = find_button (password_row);
  if (button == NULL)
    return;
  /* Translators: %s is the name of a value, e.g. “oauth_token_secret”. */
  name = g_strdup_printf (_("Reveal %s"),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (password_row)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
name_toast_buttons (GtkWidget *widget,
                    gboolean   in_toast)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  in_toast = in_toast || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
  /* libadwaita's own word for it, in libadwaita's translations. */
  if (tooltip == NULL)
    tooltip = g_dgettext ("libadwaita", "Dismiss");
  if (in_toast && GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_toast_buttons (child, in_toast);
}

static gboolean
name_toast_buttons_cb (gpointer user_data)
{
  GtkWidget *overlay = user_data;
  guint runs = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (overlay), "cs-a11y-runs"));

  name_toast_buttons (overlay, FALSE);
  g_object_set_data (G_OBJECT (overlay), "cs-a11y-runs", GUINT_TO_POINTER (runs + 1));
  return runs < 10 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
cs_a11y_name_toast_buttons (GtkWidget *toast_overlay)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toast_overlay));

  name_toast_buttons (toast_overlay, FALSE);
  /* A toast that replaces a shown one gets its widget once the old one has gone: look again,
   * five times a second for two seconds. */
  g_object_set_data (G_OBJECT (toast_overlay), "cs-a11y-runs", GUINT_TO_POINTER (0));
  g_timeout_add_full (G_PRIORITY_DEFAULT, 200, name_toast_buttons_cb,
                      g_object_ref (toast_overlay), g_object_unref);
}
