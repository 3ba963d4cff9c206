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
#include "cs-a11y.h"
#include "cs-share.h"

/* The export formats, each with the entry's id; only the formats that fit @provider_id (NULL:
 * none of twurl's). */
static GMenu *
export_menu_new (const char *id,
                 const char *provider_id)
{
  GMenu *export = g_menu_new ();
  g_autoptr (GMenuModel) formats = cs_share_export_menu_new_full ("saved.export", "entry.curl",
                                                                  provider_id);
  g_autoptr (GMenuItem) item = NULL;

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
  return export;
}

static void
append_item (GMenu      *section,
             const char *label,
             const char *action,
             const char *id)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  if (id != NULL)
    g_menu_item_set_action_and_target (item, action, "s", id);
  else
    g_menu_item_set_detailed_action (item, action);
  g_menu_append_item (section, item);
}

/* Copy, Export, Test and Forget: what an OAuth 2.0 entry offers. */
static GMenuModel *
oauth2_menu_new (const char *id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) copy = g_menu_new ();
  g_autoptr (GMenu) export = NULL;
  g_autoptr (GMenu) other = g_menu_new ();
  g_autoptr (GMenu) forget = g_menu_new ();

  append_item (copy, _("Copy Access Token"), "saved.copy-token", id);
  append_item (copy, _("Copy Refresh Token"), "saved.copy-secret", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));
  export = export_menu_new (id, NULL);
  g_menu_append_submenu (menu, _("Export"), G_MENU_MODEL (export));
  append_item (other, _("Test Credentials"), "entry.test", NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  append_item (forget, _("Forget…"), "saved.forget", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (forget));
  return G_MENU_MODEL (menu);
}

GMenuModel *
cs_saved_row_menu_new_full (const char       *id,
                            const char       *provider_id,
                            CsStoredProtocol  protocol,
                            gboolean          can_migrate)
{
  GMenuModel *menu;
  g_autoptr (GMenu) move = NULL;

  if (protocol == CS_STORED_OAUTH2)
    return oauth2_menu_new (id);
  menu = cs_saved_row_menu_new (id, provider_id);
  if (!can_migrate)
    return menu;
  /* Before Forget: the OAuth 1.0a entry stays until the new one is saved and tested. */
  move = g_menu_new ();
  append_item (move, _("Move to OAuth 2.0"), "saved.migrate", id);
  g_menu_insert_section (G_MENU (menu), g_menu_model_get_n_items (menu) - 1, NULL,
                         G_MENU_MODEL (move));
  return menu;
}

GMenuModel *
cs_saved_row_menu_new (const char *id,
                       const char *provider_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) copy = g_menu_new ();
  g_autoptr (GMenu) export = NULL;
  g_autoptr (GMenu) other = g_menu_new ();
  g_autoptr (GMenu) forget = g_menu_new ();
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

  export = export_menu_new (id, provider_id);
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

static char *
row_title (CsStoredToken *token)
{
  const char *account = cs_stored_token_get_account (token);

  if (account == NULL || *account == '\0')
    return g_strdup (_("Unknown account"));
  if (g_ascii_isdigit (*account))
    return g_strdup (account);
  return g_strdup_printf ("@%s", account);
}

static char *
row_subtitle (CsStoredToken *token,
              const char    *provider_name)
{
  g_autofree char *date = NULL;

  if (cs_stored_token_get_modified (token) > 0)
    {
      g_autoptr (GDateTime) time =
        g_date_time_new_from_unix_local (cs_stored_token_get_modified (token));

      /* Translators: a date as in g_date_time_format(), e.g. "29 November 2026". */
      date = g_date_time_format (time, _("%-d %B %Y"));
    }
  /* Translators: a saved credential's provider and date, e.g. "X (Twitter) · 29 November 2026". */
  return date != NULL ? g_strdup_printf (_("%s · %s"), provider_name, date)
                      : g_strdup (provider_name);
}

/* "OAuth 2.0" or "OAuth 1.0a", beside the menu: the two kinds are listed together. */
static GtkWidget *
protocol_tag_new (CsStoredToken *token)
{
  GtkWidget *tag = gtk_label_new (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2
                                  ? "OAuth 2.0" : "OAuth 1.0a");

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "cs-protocol");
  gtk_widget_add_css_class (tag, "caption");
  return tag;
}

GtkWidget *
cs_saved_row_new (CsStoredToken *token,
                  const char    *provider_name,
                  const char    *unavailable,
                  gboolean       can_migrate)
{
  g_autofree char *title = row_title (token);
  g_autofree char *subtitle = row_subtitle (token, provider_name);
  g_autofree char *menu_name = NULL;
  g_autoptr (GMenuModel) menu =
    cs_saved_row_menu_new_full (cs_stored_token_get_id (token),
                                cs_stored_token_get_provider_id (token),
                                cs_stored_token_get_protocol (token), can_migrate);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, cs_stored_token_get_id (token));
  cs_saved_row_setup (ADW_ACTION_ROW (row), subtitle, unavailable);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), protocol_tag_new (token));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  cs_a11y_name_menu_items (button);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* The same account may have an entry of each protocol: their menus are told apart. */
  if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
    /* Translators: %s is an account, e.g. "@demo_user". */
    menu_name = g_strdup_printf (_("Actions for %s (OAuth 2.0)"), title);
  else
    /* Translators: %s is an account, e.g. "@demo_user". */
    menu_name = g_strdup_printf (_("Actions for %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_name, -1);
  gtk_widget_set_tooltip_text (button, menu_name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  /* "Actions for …" already says the title that libadwaita would label the button with. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  return row;
}
