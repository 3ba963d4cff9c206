/* cs-oauth2-token.c — a token answer (RFC 6749 §5.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-json.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-token.h"
#include "cs-percent.h"

/* A longer number of seconds is not a lifetime (over 3000 years). */
#define MAX_EXPIRES_IN G_GINT64_CONSTANT (100000000000)

struct _CsOAuth2Token
{
  gatomicrefcount ref_count;
  GPtrArray *names;   /* char *, NULL-terminated */
  GPtrArray *values;  /* char *, wiped, in the order of @names */
  gint64 expires_at;
  gint64 expires_in;
};

G_DEFINE_BOXED_TYPE (CsOAuth2Token, cs_oauth2_token, cs_oauth2_token_ref, cs_oauth2_token_unref)

static CsOAuth2Token *
token_alloc (void)
{
  CsOAuth2Token *self = g_new0 (CsOAuth2Token, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_secret_free);
  g_ptr_array_add (self->names, NULL);
  self->expires_in = -1;
  return self;
}

static void
token_set (CsOAuth2Token *self,
           const char    *name,
           char          *value)
{
  for (guint i = 0; i + 1 < self->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->names, i), name) == 0)
      {
        cs_secret_free (g_ptr_array_index (self->values, i));
        self->values->pdata[i] = value;
        return;
      }
  /* Keep the trailing NULL. */
  self->names->pdata[self->names->len - 1] = g_strdup (name);
  g_ptr_array_add (self->names, NULL);
  g_ptr_array_add (self->values, value);
}

CsOAuth2Token *
cs_oauth2_token_ref (CsOAuth2Token *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cs_oauth2_token_unref (CsOAuth2Token *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->values);
  g_free (self);
}

const char *
cs_oauth2_token_get_field (CsOAuth2Token *self,
                           const char    *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i + 1 < self->names->len; i++)
    if (strcmp (g_ptr_array_index (self->names, i), name) == 0)
      return g_ptr_array_index (self->values, i);
  return NULL;
}

const char * const *
cs_oauth2_token_get_field_names (CsOAuth2Token *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->names->pdata;
}

const char *
cs_oauth2_token_get_access_token (CsOAuth2Token *self)
{
  return cs_oauth2_token_get_field (self, "access_token");
}

const char *
cs_oauth2_token_get_token_type (CsOAuth2Token *self)
{
  return cs_oauth2_token_get_field (self, "token_type");
}

const char *
cs_oauth2_token_get_refresh_token (CsOAuth2Token *self)
{
  return cs_oauth2_token_get_field (self, "refresh_token");
}

const char *
cs_oauth2_token_get_scope (CsOAuth2Token *self)
{
  return cs_oauth2_token_get_field (self, "scope");
}

gint64
cs_oauth2_token_get_expires_at (CsOAuth2Token *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->expires_at;
}

gint64
cs_oauth2_token_get_expires_in (CsOAuth2Token *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->expires_in;
}

gboolean
cs_oauth2_field_is_secret (const char *name)
{
  return g_strcmp0 (name, "access_token") == 0 ||
         g_strcmp0 (name, "refresh_token") == 0 ||
         g_strcmp0 (name, "id_token") == 0;
}

CsOAuth2Token *
cs_oauth2_token_new (const char *access_token,
                     const char *token_type,
                     const char *refresh_token,
                     const char *scope,
                     gint64      expires_at)
{
  CsOAuth2Token *self;

  g_return_val_if_fail (access_token != NULL, NULL);

  self = token_alloc ();
  token_set (self, "access_token", g_strdup (access_token));
  token_set (self, "token_type", g_strdup (token_type != NULL ? token_type : "bearer"));
  if (refresh_token != NULL && *refresh_token != '\0')
    token_set (self, "refresh_token", g_strdup (refresh_token));
  if (scope != NULL)
    token_set (self, "scope", g_strdup (scope));
  self->expires_at = expires_at > 0 ? expires_at : 0;
  return self;
}

/* A member's value as text: strings as they are, integers in decimal, the rest as JSON. */
static char *
node_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        default:
          break;
        }
    }
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  return json_to_string (node, FALSE);
}

static gboolean
bad (GError    **error,
     const char *message)
{
  g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE, message);
  return FALSE;
}

/* expires_in: a JSON integer or a string of at most 18 digits, not negative. */
static gboolean
read_expires_in (JsonNode *node,
                 gint64   *out)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return *out >= 0 && *out <= MAX_EXPIRES_IN;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      gsize len = strlen (text);

      if (len == 0 || len > 18 || strspn (text, "0123456789") != len)
        return FALSE;
      *out = g_ascii_strtoll (text, NULL, 10);
      return *out <= MAX_EXPIRES_IN;
    }
  return FALSE;
}

static gboolean
is_string_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static CsOAuth2Token *
bad_token (GError    **error,
           const char *message)
{
  bad (error, message);
  return NULL;
}

static gboolean
check_members (JsonObject *object,
               GError    **error)
{
  const char *type;

  if (!json_object_has_member (object, "access_token"))
    return bad (error, _("The token answer has no access_token."));
  if (!is_string_member (object, "access_token") ||
      *json_object_get_string_member (object, "access_token") == '\0')
    return bad (error, _("The token answer's access_token is not a text."));
  if (!json_object_has_member (object, "token_type"))
    return bad (error, _("The token answer has no token_type."));
  if (!is_string_member (object, "token_type"))
    return bad (error, _("The token answer's token_type is not a text."));
  type = json_object_get_string_member (object, "token_type");
  if (g_ascii_strcasecmp (type, "bearer") != 0)
    return bad (error, _("The token answer's token_type is not “bearer”: Countersign only "
                         "uses bearer tokens."));
  if (json_object_has_member (object, "refresh_token") &&
      !is_string_member (object, "refresh_token"))
    return bad (error, _("The token answer's refresh_token is not a text."));
  if (json_object_has_member (object, "scope") && !is_string_member (object, "scope"))
    return bad (error, _("The token answer's scope is not a text."));
  return TRUE;
}

static gboolean
looks_like_html (const char *body,
                 gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (body[i]))
    i++;
  return i < length && body[i] == '<';
}

static gboolean
body_is_blank (const char *body,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (body[i]))
      return FALSE;
  return TRUE;
}

CsOAuth2Token *
cs_oauth2_token_parse (const char *body,
                       gsize       length,
                       gint64      now,
                       GError    **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (CsOAuth2Token) self = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (body != NULL || length == 0, NULL);

  if (body == NULL || body_is_blank (body, length))
    return bad_token (error, _("The token answer is empty."));
  root = cs_json_parse_object (body, length);
  if (root == NULL)
    {
      if (looks_like_html (body, length))
        return bad_token (error, _("The token answer is a web page, not JSON: the token URL may be "
                             "wrong."));
      return bad_token (error, _("The token answer is not a JSON object."));
    }
  object = json_node_get_object (root);
  if (!check_members (object, error))
    return NULL;

  self = token_alloc ();
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (strcmp (name, "expires_in") == 0)
        {
          if (!read_expires_in (member, &self->expires_in))
            return bad_token (error, _("The token answer's expires_in is not a number of "
                                 "seconds."));
          self->expires_at = now > 0 ? now + self->expires_in : 0;
        }
      token_set (self, name, node_to_text (member));
    }
  return g_steal_pointer (&self);
}
