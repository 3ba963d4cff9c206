/* cs-verify-answer.c — whose tokens they are, from a provider's verify-credentials answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-json.h"
#include "cs-oauth-error.h"
#include "cs-provider-error.h"
#include "cs-verify-answer.h"

/* A number at the top level or one below (Tumblr's meta.status, SmugMug's Code); else 0. */
static gint64
int_at (JsonObject *object,
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

/* An "errors" or "error" member that is there, not null, and (for "error") not false. */
static gboolean
has_error_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    return FALSE;
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  return !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
           && !json_node_get_boolean (node));
}

/* Errors in the body: Flickr's "stat": "fail", Tumblr's meta.status, SmugMug's Code, an
 * "errors" list (Twitter) or an "error" member (many others). */
static gboolean
says_refused (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);

  /* X API v2 may list partial "errors" beside the user it found. */
  if (cs_json_string_at (root, "data", "username", NULL) != NULL)
    return FALSE;
  return g_strcmp0 (cs_json_string_at (root, "stat", NULL), "fail") == 0
         || int_at (object, "meta", "status") >= 400 || int_at (object, NULL, "Code") >= 400
         || has_error_member (object, "errors") || has_error_member (object, "error");
}

/* The provider's own words for a refusal, or NULL. */
static const char *
refusal_words (JsonNode *root)
{
  const char *message = cs_json_string_at (root, "message", NULL);

  if (message == NULL)
    message = cs_json_string_at (root, "errors", "0", "message", NULL);
  if (message == NULL)
    message = cs_json_string_at (root, "errors", "0", "detail", NULL);
  if (message == NULL)
    message = cs_json_string_at (root, "detail", NULL);
  if (message == NULL)
    message = cs_json_string_at (root, "meta", "msg", NULL);
  if (message == NULL)
    message = cs_json_string_at (root, "Message", NULL);
  if (message == NULL)
    message = cs_json_string_at (root, "error", NULL);
  if (message == NULL)
    message = cs_json_string_at (root, "error", "message", NULL);
  return message;
}

/* After the screen name: the user id (v1.1's id_str, X API v2's data.id), else Flickr's,
 * Tumblr's, SmugMug's, Trello's and Discogs's, Confluence's (username), Garmin's (userId) and
 * Jira's (name) user names. NULL when the answer has none of them. */
static char *
other_account_of (JsonNode *root)
{
  const char *name;

  if ((name = cs_json_string_at (root, "id_str", NULL)) != NULL
      || (name = cs_json_string_at (root, "data", "id", NULL)) != NULL
      || (name = cs_json_string_at (root, "user", "username", "_content", NULL)) != NULL
      || (name = cs_json_string_at (root, "response", "user", "name", NULL)) != NULL
      || (name = cs_json_string_at (root, "Response", "User", "NickName", NULL)) != NULL
      || (name = cs_json_string_at (root, "username", NULL)) != NULL
      || (name = cs_json_string_at (root, "userId", NULL)) != NULL
      || (name = cs_json_string_at (root, "name", NULL)) != NULL)
    return cs_provider_error_sanitize (name, -1, CS_PROVIDER_ERROR_MAX_TEXT);
  return NULL;
}

/* Twitter v1.1 and the demo: "@screen_name"; X API v2 (GET /2/users/me): "@" data.username;
 * else other_account_of. */
static char *
account_of (JsonNode *root)
{
  const char *name;

  if ((name = cs_json_string_at (root, "screen_name", NULL)) != NULL
      || (name = cs_json_string_at (root, "data", "username", NULL)) != NULL)
    {
      g_autofree char *account = g_strdup_printf ("@%s", name);

      return cs_provider_error_sanitize (account, -1, CS_PROVIDER_ERROR_MAX_TEXT);
    }
  return other_account_of (root);
}

static void
set_refused (GError    **error,
             guint       status,
             const char *words,
             gssize      len)
{
  g_autofree char *text = cs_provider_error_sanitize (words, len, CS_PROVIDER_ERROR_MAX_TEXT);

  if (status >= 400)
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED,
                 _("The provider refused these credentials (HTTP %u): %s"), status, text);
  else
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED,
                 _("The provider refused these credentials: %s"), text);
}

char *
cs_verify_answer_parse (GBytes  *body,
                        guint    status,
                        GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  char *account = NULL;
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (body, &len);
  if (data == NULL)
    {
      data = "";
      len = 0;
    }
  if (status >= 400)
    {
      set_refused (error, status, data, len);
      return NULL;
    }

  root = cs_json_parse_object (data, len);
  if (root != NULL && says_refused (root))
    {
      const char *words = refusal_words (root);

      set_refused (error, status, words != NULL ? words : data, words != NULL ? -1 : (gssize) len);
      return NULL;
    }
  if (root != NULL)
    account = account_of (root);
  if (account == NULL)
    /* Translators: the provider answered, but not with an account we recognise. */
    account = g_strdup_printf (_("an account (HTTP %u)"), status);
  return account;
}

char *
cs_verify_answer_account (GBytes *body,
                          guint   status)
{
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  const char *name;
  gsize len = 0;

  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &len);
  if (status >= 400 || data == NULL || (root = cs_json_parse_object (data, len)) == NULL
      || says_refused (root))
    return NULL;
  if ((name = cs_json_string_at (root, "screen_name", NULL)) != NULL)
    return cs_provider_error_sanitize (name, -1, CS_PROVIDER_ERROR_MAX_TEXT);
  return other_account_of (root);
}
