/* cs-oauth2-item.c — how an OAuth 2.0 token is kept in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beside the OAuth 1.0a items (cs-oauth1-item.c), in the same schema, told apart by the
 * protocol attribute (oauth2; an item without it is OAuth 1.0a):
 * - the access item (kind=access) of one account: attributes protocol, provider, host,
 *   client_id, account (or item, a random id, when the account is not known: see
 *   cs-oauth1-item.c), scopes (space-separated) and expires (seconds since the epoch,
 *   decimal; "0" unknown); label "Countersign: @account on Provider (OAuth 2.0)"; secret
 *   `access_token=…&refresh_token=…` (refresh_token omitted when there is none). The tokens
 *   are only in the secret.
 * - the client item (kind=client) of a confidential client, shared by its accounts:
 *   protocol, provider, host, client_id; secret `client_secret=…`.
 * The OAuth 1.0a attribute consumer_key is never written here, and client_id never there, so
 * the attributes of one protocol's item never match the other's (libsecret matches a subset).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-percent.h"
#include "cs-token-store-private.h"

#define ACCESS_TOKEN_FIELD  "access_token"
#define REFRESH_TOKEN_FIELD "refresh_token"
#define CLIENT_SECRET_FIELD "client_secret"

static GHashTable *
attributes_new (CsStoredToken *token,
                const char    *kind)
{
  GHashTable *attributes = cs_store_kind_attributes_new (kind);

  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_PROTOCOL,
                       g_strdup (CS_STORE_PROTOCOL_OAUTH2));
  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_PROVIDER,
                       g_strdup (cs_stored_token_get_provider_id (token)));
  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_HOST,
                       g_strdup (cs_stored_token_get_host (token)));
  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_CLIENT_ID,
                       g_strdup (cs_stored_token_get_client_id (token)));
  return attributes;
}

gboolean
cs_oauth2_item_check_storable (CsStoredToken  *token,
                               GError        **error)
{
  const char *fields[] = {
    cs_stored_token_get_provider_id (token),
    cs_stored_token_get_provider_name (token),
    cs_stored_token_get_host (token),
    cs_stored_token_get_client_id (token),
    cs_stored_token_get_account (token),
    cs_stored_token_get_scopes (token),
  };

  if (cs_stored_token_get_access_token (token) == NULL ||
      *cs_stored_token_get_access_token (token) == '\0')
    {
      g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                           _("Nothing to store: the OAuth 2.0 access token is missing"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!g_utf8_validate (fields[i], -1, NULL))
      {
        g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                             _("Cannot store these credentials: the provider, host, client "
                               "ID, account or scopes are not valid UTF-8"));
        return FALSE;
      }
  return TRUE;
}

/* ---- the access item ----------------------------------------------------------------- */

GHashTable *
cs_oauth2_item_identity_attributes (CsStoredToken *token)
{
  GHashTable *attributes = attributes_new (token, CS_STORE_KIND_ACCESS);
  const char *item = cs_stored_token_get_item (token);

  if (item != NULL)
    g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_ITEM, g_strdup (item));
  else
    g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_ACCOUNT,
                         g_strdup (cs_stored_token_get_account (token)));
  return attributes;
}

GHashTable *
cs_oauth2_item_access_attributes (CsStoredToken *token)
{
  GHashTable *attributes = cs_oauth2_item_identity_attributes (token);

  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_SCOPES,
                       g_strdup (cs_stored_token_get_scopes (token)));
  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_EXPIRES,
                       g_strdup_printf ("%" G_GINT64_FORMAT,
                                        cs_stored_token_get_expires_at (token)));
  return attributes;
}

char *
cs_oauth2_item_access_label (CsStoredToken *token)
{
  const char *account = cs_stored_token_get_account (token);
  const char *provider_name = cs_stored_token_get_provider_name (token);

  /* Not translated: the provider name is read back from it. */
  if (*account != '\0')
    return g_strdup_printf (CS_STORE_LABEL_PREFIX "@%s on %s" CS_OAUTH2_LABEL_SUFFIX, account,
                            provider_name);
  return g_strdup_printf (CS_STORE_LABEL_PREFIX "%s" CS_OAUTH2_LABEL_SUFFIX, provider_name);
}

char *
cs_oauth2_item_access_secret (CsStoredToken *token)
{
  const char *refresh_token = cs_stored_token_get_refresh_token (token);

  return cs_store_secret_encode (ACCESS_TOKEN_FIELD, cs_stored_token_get_access_token (token),
                                 refresh_token != NULL ? REFRESH_TOKEN_FIELD : NULL,
                                 refresh_token);
}

gboolean
cs_oauth2_item_take_access_secret (CsStoredToken *token,
                                   SecretValue   *value)
{
  g_autoptr(GPtrArray) fields = cs_store_secret_fields (value);
  const char *access_token = fields ? cs_param_list_get (fields, ACCESS_TOKEN_FIELD) : NULL;
  const char *refresh_token = fields ? cs_param_list_get (fields, REFRESH_TOKEN_FIELD) : NULL;

  if (access_token == NULL || *access_token == '\0')
    return FALSE;
  cs_stored_token_take_secrets (token, g_strdup (access_token),
                                refresh_token != NULL && *refresh_token != '\0'
                                ? g_strdup (refresh_token) : NULL);
  return TRUE;
}

/* "0", or a decimal number of seconds; anything else is unknown (0). */
static gint64
expires_from_attribute (const char *text)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return 0;
  return (gint64) value;
}

void
cs_oauth2_item_read_attributes (CsStoredToken *token,
                                GHashTable    *attributes)
{
  cs_stored_token_set_scopes (token, g_hash_table_lookup (attributes, CS_STORE_ATTR_SCOPES));
  cs_stored_token_set_expires_at (token, expires_from_attribute (
                                    g_hash_table_lookup (attributes, CS_STORE_ATTR_EXPIRES)));
}

/* ---- the client item ----------------------------------------------------------------- */

GHashTable *
cs_oauth2_item_client_attributes (CsStoredToken *token)
{
  return attributes_new (token, CS_STORE_KIND_CLIENT);
}

char *
cs_oauth2_item_client_label (CsStoredToken *token)
{
  return g_strdup_printf (CS_STORE_LABEL_PREFIX "client secret for %s on %s" CS_OAUTH2_LABEL_SUFFIX,
                          cs_stored_token_get_client_id (token),
                          cs_stored_token_get_provider_name (token));
}

char *
cs_oauth2_item_client_secret (const char *client_secret)
{
  return cs_store_secret_encode (CLIENT_SECRET_FIELD, client_secret, NULL, NULL);
}

void
cs_oauth2_item_take_client_secret (CsStoredToken *token,
                                   SecretValue   *value)
{
  g_autoptr(GPtrArray) fields = cs_store_secret_fields (value);
  const char *secret = fields ? cs_param_list_get (fields, CLIENT_SECRET_FIELD) : NULL;

  if (secret != NULL)
    cs_stored_token_take_consumer_secret (token, g_strdup (secret));
}
