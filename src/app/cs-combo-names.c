/* cs-combo-names.c — a combo row's popover that shows each item whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-combo-names.h"

/* The popover's items: the whole name, wrapped when the window is narrow (libadwaita's own
 * items cut "Demo (local, no account needed)" short), and the check on the chosen one. */
static void
update_check (AdwComboRow *row,
              GParamSpec  *pspec,
              GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = box != NULL ? gtk_widget_get_last_child (box) : NULL;

  if (check != NULL)
    gtk_widget_set_opacity (check,
                            gtk_list_item_get_position (item) == adw_combo_row_get_selected (row));
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  /* Only a mark: the list item says "selected". */
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE, "icon-name", "object-select-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (update_check), item, 0);
}

/* The first widget of @type under @widget (the row's popover, the popover's list). */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child
                                                                   : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The popover and its list are named for the row. They are found from the row: on GTK 4.12
 * and later an item is bound before it is placed in the list. */
static void
name_popover (AdwComboRow *row)
{
  GtkWidget *popover = find_descendant (GTK_WIDGET (row), GTK_TYPE_POPOVER);
  GtkWidget *list = popover != NULL ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  if (list != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
  if (popover != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title, -1);
}

/* GTK 4.8 gives a list item no name of its own: AT-SPI read the provider list's items as
 * unnamed (issue 12 tour). Each is named for its text. */
static void
name_item (AdwComboRow *row,
           GtkListItem *item,
           const char  *text)
{
#if GTK_CHECK_VERSION(4, 12, 0)
  gtk_list_item_set_accessible_label (item, text);
#else
  GtkWidget *item_widget = gtk_widget_get_parent (gtk_list_item_get_child (item));

  if (item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item_widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text, -1);
#endif
  name_popover (row);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AdwComboRow              *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (name));
  update_check (row, NULL, item);
  name_item (row, item, gtk_string_object_get_string (name));
}

void
cs_combo_names_show_whole (AdwComboRow *row)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  /* The factory lives as long as the row, which it holds no reference to. */
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), row);
  adw_combo_row_set_list_factory (row, factory);
}
