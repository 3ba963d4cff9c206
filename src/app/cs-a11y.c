/* cs-a11y.c — what GTK 4.8 and libadwaita 1.2 do not say to assistive technologies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
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

static void
switch_active_cb (GtkSwitch *toggle,
                  GParamSpec *pspec,
                  GtkWidget *row)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_switch_get_active (toggle) ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                              : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

/* GTK 4.10 and later set a widget's hidden state as it is mapped: hidden again, after. */
static void
switch_mapped_cb (GtkWidget *toggle)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

void
cs_a11y_switch_row (GtkWidget *row,
                    GtkSwitch *toggle)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (GTK_IS_SWITCH (toggle));

  /* The row says its title and the state; a second control by the same name would only be
   * one more stop that cannot be reached. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_signal_connect (toggle, "map", G_CALLBACK (switch_mapped_cb), NULL);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_active_cb), row, 0);
  switch_active_cb (toggle, NULL, row);
}

static void
entry_row_title_cb (GtkWidget *row)
{
  /* A relation wins over a label: libadwaita's says the title and the text field. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

void
cs_a11y_name_entry_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_ENTRY_ROW (root) && g_object_get_data (G_OBJECT (root), "cs-a11y-named") == NULL)
    {
      /* Its title, once. */
      g_object_set_data (G_OBJECT (root), "cs-a11y-named", GINT_TO_POINTER (TRUE));
      g_signal_connect (root, "notify::title", G_CALLBACK (entry_row_title_cb), NULL);
      entry_row_title_cb (root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cs_a11y_name_entry_rows (child);
}

/* A GtkEntryBuffer that reads as one bullet a character while concealed. */
#define CS_TYPE_CONCEALED_BUFFER (cs_concealed_buffer_get_type ())
G_DECLARE_FINAL_TYPE (CsConcealedBuffer, cs_concealed_buffer, CS, CONCEALED_BUFFER, GtkEntryBuffer)

struct _CsConcealedBuffer
{
  GtkEntryBuffer parent_instance;
  gboolean       concealed;
  char          *bullets;
};

G_DEFINE_FINAL_TYPE (CsConcealedBuffer, cs_concealed_buffer, GTK_TYPE_ENTRY_BUFFER)

#define BULLET "\u2022"

static const char *
cs_concealed_buffer_get_text (GtkEntryBuffer *buffer,
                              gsize          *n_bytes)
{
  CsConcealedBuffer *self = CS_CONCEALED_BUFFER (buffer);
  guint length = gtk_entry_buffer_get_length (buffer);

  if (!self->concealed)
    return GTK_ENTRY_BUFFER_CLASS (cs_concealed_buffer_parent_class)->get_text (buffer, n_bytes);

  if (self->bullets == NULL || strlen (self->bullets) != length * strlen (BULLET))
    {
      GString *bullets = g_string_sized_new (length * strlen (BULLET));

      for (guint i = 0; i < length; i++)
        g_string_append (bullets, BULLET);
      g_free (self->bullets);
      self->bullets = g_string_free (bullets, FALSE);
    }
  if (n_bytes != NULL)
    *n_bytes = strlen (self->bullets);
  return self->bullets;
}

static void
cs_concealed_buffer_finalize (GObject *object)
{
  g_free (CS_CONCEALED_BUFFER (object)->bullets);

  G_OBJECT_CLASS (cs_concealed_buffer_parent_class)->finalize (object);
}

static void
cs_concealed_buffer_class_init (CsConcealedBufferClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_concealed_buffer_finalize;
  GTK_ENTRY_BUFFER_CLASS (klass)->get_text = cs_concealed_buffer_get_text;
}

static void
cs_concealed_buffer_init (CsConcealedBuffer *self)
{
  self->concealed = TRUE;
}

static GtkText *
text_of (GtkWidget *editable)
{
  GtkEditable *delegate = GTK_EDITABLE (editable);

  /* An entry row hands its editing to a GtkText, perhaps through another delegate. */
  for (guint i = 0; delegate != NULL && !GTK_IS_TEXT (delegate) && i < 4; i++)
    delegate = gtk_editable_get_delegate (delegate);
  return GTK_IS_TEXT (delegate) ? GTK_TEXT (delegate) : NULL;
}

static void
visibility_cb (GtkText           *text,
               GParamSpec        *pspec,
               CsConcealedBuffer *buffer)
{
  buffer->concealed = !gtk_text_get_visibility (text);
}

/* GTK's AT-SPI bridge sends what the "insert-text" signal carries (after its default
 * handler): while concealed, the text goes into the buffer directly, as GtkText would put
 * it, and the signal stops here. */
static void
insert_text_cb (GtkEditable       *text,
                const char        *new_text,
                int                length,
                int               *position,
                CsConcealedBuffer *buffer)
{
  guint inserted;

  if (!buffer->concealed)
    return;
  g_signal_stop_emission_by_name (text, "insert-text");
  inserted = gtk_entry_buffer_insert_text (GTK_ENTRY_BUFFER (buffer), (guint) *position, new_text,
                                           (int) g_utf8_strlen (new_text, length));
  *position += (int) inserted;
  gtk_widget_queue_resize (GTK_WIDGET (text));
}

void
cs_a11y_conceal_text (GtkWidget *password_row)
{
  GtkText *text;
  g_autoptr (CsConcealedBuffer) buffer = NULL;

  g_return_if_fail (GTK_IS_EDITABLE (password_row));

  text = text_of (password_row);
  g_return_if_fail (text != NULL);
  buffer = g_object_new (CS_TYPE_CONCEALED_BUFFER, NULL);
  gtk_entry_buffer_set_text (GTK_ENTRY_BUFFER (buffer),
                             gtk_editable_get_text (GTK_EDITABLE (text)), -1);
  gtk_text_set_buffer (text, GTK_ENTRY_BUFFER (buffer));
  g_signal_connect_object (text, "notify::visibility", G_CALLBACK (visibility_cb), buffer, 0);
  g_signal_connect_object (text, "insert-text", G_CALLBACK (insert_text_cb), buffer, 0);
  visibility_cb (text, NULL, buffer);
}

const char *
cs_a11y_clear_text (GtkWidget *editable)
{
  GtkText *text;
  GtkEntryBuffer *buffer;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  text = text_of (editable);
  buffer = text != NULL ? gtk_text_get_buffer (text) : NULL;
  if (buffer == NULL || !CS_IS_CONCEALED_BUFFER (buffer))
    return gtk_editable_get_text (GTK_EDITABLE (editable));
  return GTK_ENTRY_BUFFER_CLASS (cs_concealed_buffer_parent_class)->get_text (buffer, NULL);
}

static void
mapped_cb (GtkWidget *widget)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN,
                               !gtk_widget_get_mapped (widget), -1);
}

/* "_Forget" as a screen reader should say it: "Forget". */
static char *
without_mnemonic (const char *label)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    if (*p != '_' || p[1] == '_')
      g_string_append_c (plain, *p == '_' ? *++p : *p);
  return g_string_free (plain, FALSE);
}

/* An icon button says its tooltip; a button holding a label, the label's text. GTK's
 * shortcuts window's search button has neither: it says GTK's words for the search. */
static void
name_unlabelled_button (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));
  const char *name = gtk_widget_get_tooltip_text (button);

  if (name == NULL && GTK_IS_LABEL (child))
    name = gtk_label_get_text (GTK_LABEL (child));
  if (name == NULL && GTK_IS_IMAGE (child)
      && gtk_widget_get_ancestor (button, GTK_TYPE_SHORTCUTS_WINDOW) != NULL
      && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), "edit-find-symbolic") == 0)
    name = g_dgettext ("gtk40", "Search Shortcuts");
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

/* A list with no heading (the about window's) is named by what its rows say; a list of one
 * row is not, or the row's title would be said twice. */
static void
name_list (GtkWidget *list)
{
  g_autoptr (GString) name = g_string_new (NULL);
  GtkWidget *group = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *first = gtk_widget_get_first_child (list);

  if (group != NULL && *adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) != '\0')
    return;  /* labelled by the group's title */
  if (first == NULL || gtk_widget_get_next_sibling (first) == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_string_append_printf (name, "%s%s", name->len > 0 ? ", " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  if (name->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name->str, -1);
}

static void
tidy (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget))
      && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *name = without_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    name_unlabelled_button (widget);
  else if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      if (placeholder != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        placeholder, -1);
    }
  /* A message dialog holds each response twice, for its two layouts, and shows one; a
   * preferences window its search bar, folded away. */
  else if (GTK_IS_LIST_BOX (widget))
    name_list (widget);
  if (GTK_IS_STACK (widget))
    cs_a11y_follow_stack (GTK_STACK (widget));
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_EDITABLE (widget)
      || GTK_IS_LIST_BOX (widget) || GTK_IS_TEXT_VIEW (widget))
    {
      g_signal_connect (widget, "map", G_CALLBACK (mapped_cb), NULL);
      g_signal_connect (widget, "unmap", G_CALLBACK (mapped_cb), NULL);
      mapped_cb (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tidy (child);
}

/* The text of the first label under @widget, or NULL. */
static const char *
first_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = first_label_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* Names @widget and everything under it that @name_of gives a name, that name alone. */
static void
name_tree (GtkWidget    *widget,
           const char *(*name_of) (GtkWidget *widget))
{
  const char *text = name_of (widget);

  if (text != NULL && *text != '\0')
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text, -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_tree (child, name_of);
}

/* A menu item says the text it shows. */
static const char *
menu_item_name (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (role == GTK_ACCESSIBLE_ROLE_MENU_ITEM || role == GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX
      || role == GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO)
    return first_label_text (widget);
  return NULL;
}

/* When the menu opens again: a menu model's changes rebuild its items. */
static void
menu_mapped_cb (GtkWidget *popover)
{
  name_tree (popover, menu_item_name);
}

void
cs_a11y_name_menu_items (GtkWidget *menu_button)
{
  GtkPopover *popover;

  g_return_if_fail (GTK_IS_MENU_BUTTON (menu_button));

  /* The popover and its items, submenus included, are built with the menu model. */
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  if (popover == NULL)
    return;
  name_tree (GTK_WIDGET (popover), menu_item_name);
  g_signal_connect (popover, "map", G_CALLBACK (menu_mapped_cb), NULL);
}

/* Each row of a list (AdwShortcutsDialog's AdwShortcutRow: a title, then the keys) says its
 * title, or else its first label. */
static const char *
row_name (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return GTK_IS_LIST_BOX_ROW (widget) ? first_label_text (widget) : NULL;
}

static gboolean
name_plain_rows_cb (gpointer widget)
{
  name_tree (widget, row_name);
  return G_SOURCE_REMOVE;
}

static void
rows_mapped_cb (GtkWidget *widget)
{
  name_tree (widget, row_name);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_plain_rows_cb, g_object_ref (widget),
                   g_object_unref);
}

void
cs_a11y_name_rows_when_shown (GtkWidget *dialog)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));

  /* Its rows are made when it is shown. */
  g_signal_connect (dialog, "map", G_CALLBACK (rows_mapped_cb), NULL);
  if (gtk_widget_get_mapped (dialog))
    rows_mapped_cb (dialog);
}

void
cs_a11y_tidy_dialog (GtkWidget *dialog)
{
  /* A window, or an AdwDialog (libadwaita 1.5 and later: cs-compat.c). */
  g_return_if_fail (GTK_IS_WIDGET (dialog));

  tidy (dialog);
}
