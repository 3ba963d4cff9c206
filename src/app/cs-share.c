/* cs-share.c — what the wizard and the saved list both do with credentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cs-clipboard.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-share.h"
#include "cs-window.h"

static const struct
{
  const char *name;
  const char *label;
  const char *toast;
} export_formats[] = {
  { "env", N_("Shell Variables"), N_("Copied as shell variables") },
  { "dotenv", N_(".env File"), N_("Copied as .env lines") },
  { "json", N_("JSON"), N_("Copied as JSON") },
  { "curl", N_("curl Command"), N_("Copied a curl command") },
  { "twurlrc", N_("twurl Profile"), N_("Copied a .twurlrc profile") },
};

GMenuModel *
cs_share_export_menu_new (const char *action)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_(export_formats[i].label), NULL);

      g_menu_item_set_action_and_target (item, action, "s", export_formats[i].name);
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

void
cs_share_export_to_clipboard (GtkWidget          *widget,
                              const CsExportData *data,
                              const char         *format_name)
{
  g_autoptr (GError) error = NULL;
  CsExportFormat format;
  char *text;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (data != NULL);

  if (!cs_export_format_from_string (format_name, &format))
    g_return_if_reached ();

  text = cs_export (data, format, &error);
  if (text == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      if (CS_IS_WINDOW (root))
        cs_window_add_toast (CS_WINDOW (root), error->message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_str_equal (export_formats[i].name, format_name))
      cs_clipboard_copy (widget, text, TRUE, _(export_formats[i].toast));

  cs_secret_free (text);
}

static char *
account_from_json (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  JsonNode *root;
  JsonObject *object;

  if (data == NULL || !json_parser_load_from_data (parser, data, length, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (json_object_has_member (object, "screen_name")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "screen_name")))
    return g_strdup_printf ("@%s", json_object_get_string_member (object, "screen_name"));
  if (json_object_has_member (object, "id_str")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "id_str")))
    return g_strdup (json_object_get_string_member (object, "id_str"));

  return NULL;
}

char *
cs_share_parse_verify (GBytes  *body,
                       guint    status,
                       GError **error)
{
  char *account;

  g_return_val_if_fail (body != NULL, NULL);

  if (status >= 400)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (body, &length);
      g_autofree char *text = g_utf8_make_valid (data != NULL ? data : "", MIN (length, 300));

      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED,
                   _("The provider refused these credentials (HTTP %u): %s"), status, text);
      return NULL;
    }

  account = account_from_json (body);
  if (account == NULL)
    /* Translators: the provider answered, but not with an account we recognise. */
    account = g_strdup_printf (_("an account (HTTP %u)"), status);

  return account;
}
