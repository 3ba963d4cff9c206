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
      gtk_widget_activate_action (widget, "win.toast", "s", error->message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_str_equal (export_formats[i].name, format_name))
      cs_clipboard_copy (widget, text, TRUE, _(export_formats[i].toast));

  cs_secret_free (text);
}

/* The string at @path (member names, "0" for an array's first element), or NULL. */
static const char *
json_string_at (JsonNode   *node,
                const char *first,
                ...)
{
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL && node != NULL; name = va_arg (args, const char *))
    {
      if (JSON_NODE_HOLDS_ARRAY (node) && g_str_equal (name, "0"))
        {
          JsonArray *array = json_node_get_array (node);

          node = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), name))
        node = json_object_get_member (json_node_get_object (node), name);
      else
        node = NULL;
    }
  va_end (args);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A number at the top level or one below (Tumblr's meta.status, SmugMug's Code). */
static gint64
json_int_at (JsonObject *object,
             const char *parent,
             const char *name)
{
  JsonNode *node;

  if (parent != NULL)
    {
      if (!json_object_has_member (object, parent)
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, parent)))
        return 0;
      object = json_object_get_object_member (object, parent);
    }
  if (!json_object_has_member (object, name))
    return 0;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* Reads a JSON answer: the account, or (returned in @refusal) the provider's own words when
 * the body says the call failed although the HTTP status did not. FALSE: not JSON. */
static gboolean
parse_verify_json (GBytes  *body,
                   char   **account,
                   char   **refusal)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  JsonNode *root;
  JsonObject *object;
  const char *name;
  const char *stat;

  *account = NULL;
  *refusal = NULL;
  if (data == NULL || !json_parser_load_from_data (parser, data, length, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  object = json_node_get_object (root);

  /* Errors in the body: Flickr's "stat": "fail", Tumblr's meta.status, SmugMug's Code, an
   * "errors" list (Twitter) or an "error" member (many others). */
  stat = json_string_at (root, "stat", NULL);
  if (g_strcmp0 (stat, "fail") == 0 || json_int_at (object, "meta", "status") >= 400
      || json_int_at (object, NULL, "Code") >= 400
      || (json_object_has_member (object, "errors")
          && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "errors")))
      || (json_object_has_member (object, "error")
          && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "error"))
          && !(JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "error"))
               && json_node_get_value_type (json_object_get_member (object, "error")) == G_TYPE_BOOLEAN
               && !json_object_get_boolean_member (object, "error"))))
    {
      const char *message = json_string_at (root, "message", NULL);

      if (message == NULL)
        message = json_string_at (root, "errors", "0", "message", NULL);
      if (message == NULL)
        message = json_string_at (root, "meta", "msg", NULL);
      if (message == NULL)
        message = json_string_at (root, "Message", NULL);
      if (message == NULL)
        message = json_string_at (root, "error", NULL);
      if (message == NULL)
        message = json_string_at (root, "error", "message", NULL);
      *refusal = g_utf8_make_valid (message != NULL ? message : data,
                                    message != NULL ? -1 : (gssize) MIN (length, 300));
      return TRUE;
    }

  /* Twitter and the demo: the screen name, else the user id. */
  if ((name = json_string_at (root, "screen_name", NULL)) != NULL)
    *account = g_strdup_printf ("@%s", name);
  else if ((name = json_string_at (root, "id_str", NULL)) != NULL)
    *account = g_strdup (name);
  /* Flickr, Tumblr, SmugMug, then Trello and Discogs. */
  else if ((name = json_string_at (root, "user", "username", "_content", NULL)) != NULL
           || (name = json_string_at (root, "response", "user", "name", NULL)) != NULL
           || (name = json_string_at (root, "Response", "User", "NickName", NULL)) != NULL
           || (name = json_string_at (root, "username", NULL)) != NULL)
    *account = g_strdup (name);

  return TRUE;
}

char *
cs_share_parse_verify (GBytes  *body,
                       guint    status,
                       GError **error)
{
  g_autofree char *account = NULL;
  g_autofree char *refusal = NULL;

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

  parse_verify_json (body, &account, &refusal);
  if (refusal != NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED,
                   _("The provider refused these credentials: %s"), refusal);
      return NULL;
    }

  if (account == NULL)
    /* Translators: the provider answered, but not with an account we recognise. */
    account = g_strdup_printf (_("an account (HTTP %u)"), status);

  return g_steal_pointer (&account);
}

char *
cs_share_verify_finish (CsOAuthClient  *client,
                        GAsyncResult   *result,
                        GError        **error)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *account = NULL;
  guint status = 0;

  g_return_val_if_fail (CS_IS_OAUTH_CLIENT (client), NULL);

  body = cs_oauth_client_call_finish (client, result, &status, error);
  if (body == NULL || (account = cs_share_parse_verify (body, status, error)) == NULL)
    return NULL;

  /* Translators: %s is an account, e.g. "@demo_user". */
  return g_strdup_printf (_("The tokens work: they belong to %s"), account);
}
