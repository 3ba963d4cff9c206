/* cs-saved-row.c — what the start page's row of one saved credential offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The menu names the start page's saved.* actions with the entry's id. Test Credentials
 * and the curl export are the row's own entry.* actions instead, so that they can be
 * disabled for this entry alone; the row's subtitle then says why.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-saved-row.h"
#include "cs-share.h"

GMenuModel *
cs_saved_row_menu_new (const char *id,
                       const char *provider_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) copy = g_menu_new ();
  g_autoptr (GMenu) export = g_menu_new ();
  g_autoptr (GMenu) other = g_menu_new ();
  g_autoptr (GMenu) forget = g_menu_new ();
  g_autoptr (GMenuModel) formats = cs_share_export_menu_new_full ("saved.export", "entry.curl",
                                                                  provider_id);
  g_autoptr (GMenuItem) item = NULL;

  item = g_menu_item_new (_("Copy Access Token"), NULL);
  g_menu_item_set_action_and_target (item, "saved.copy-token", "s", id);
  g_menu_append_item (copy, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Copy Token Secret"), NULL);
  g_menu_item_set_action_and_target (item, "saved.copy-secret", "s", id);
  g_menu_append_item (copy, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));

  /* The export formats, each with this id. */
  for (int i = 0; i < g_menu_model_get_n_items (formats); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr (GVariant) target = NULL;

      g_menu_model_get_item_attribute (formats, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      target = g_menu_model_get_item_attribute_value (formats, i, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE_STRING);
      item = g_menu_item_new (label, NULL);
      /* curl, like Test Credentials, is this entry's own action: it may be disabled. */
      if (target == NULL)
        g_menu_item_set_detailed_action (item, "entry.curl");
      else
        g_menu_item_set_action_and_target (item, "saved.export", "(ss)", id,
                                           g_variant_get_string (target, NULL));
      g_menu_append_item (export, item);
      g_clear_object (&item);
    }
  g_menu_append_submenu (menu, _("Export"), G_MENU_MODEL (export));

  item = g_menu_item_new (_("Test Credentials"), "entry.test");
  g_menu_append_item (other, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Authorize Again"), NULL);
  g_menu_item_set_action_and_target (item, "saved.again", "s", id);
  g_menu_append_item (other, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));

  item = g_menu_item_new (_("Forget…"), NULL);
  g_menu_item_set_action_and_target (item, "saved.forget", "s", id);
  g_menu_append_item (forget, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (forget));

  return G_MENU_MODEL (menu);
}

static void
entry_test_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWidget *row = user_data;

  gtk_widget_activate_action (row, "saved.test", "s", gtk_widget_get_name (row));
}

static void
entry_curl_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWidget *row = user_data;

  gtk_widget_activate_action (row, "saved.export", "(ss)", gtk_widget_get_name (row), "curl");
}

void
cs_saved_row_setup (AdwActionRow *row,
                    const char   *subtitle,
                    const char   *unavailable)
{
  static const GActionEntry entries[] = {
    { "test", entry_test_cb, NULL, NULL, NULL, { 0 } },
    { "curl", entry_curl_cb, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();

  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  g_return_if_fail (subtitle != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), row);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), entries[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), unavailable == NULL);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (row), "entry", G_ACTION_GROUP (group));

  adw_action_row_set_subtitle_lines (row, 0);
  g_object_set_data_full (G_OBJECT (row), "cs-subtitle", g_strdup (subtitle), g_free);
  cs_saved_row_set_note (row, unavailable);
}

/* What the row says under its title: the provider and date, then @note (or NULL). */
void
cs_saved_row_set_note (AdwActionRow *row,
              const char   *note)
{
  const char *base = g_object_get_data (G_OBJECT (row), "cs-subtitle");
  g_autofree char *subtitle = note != NULL ? g_strdup_printf ("%s\n%s", base, note)
                                           : g_strdup (base);

  adw_action_row_set_subtitle (row, subtitle);
}
