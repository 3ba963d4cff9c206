/* cs-oauth1-item.c — how an OAuth 1.0a token is kept in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two kinds of item, both in the store's schema:
 * - the access item (kind=access) of one account: attributes provider, host, consumer_key,
 *   account; label "Countersign: @account on Provider" (the provider's name is read back from
 *   it); secret `oauth_token=…&oauth_token_secret=…`. When the account is not known, the item
 *   has no account attribute but an item attribute (a random id): libsecret matches
 *   attributes as a subset, so two such items never replace each other, and neither is
 *   matched by the attributes of an item with a known account, nor by those of an item saved
 *   before item ids existed (whose account attribute is "").
 * - the consumer item (kind=consumer) of one consumer key, shared by its accounts: the same
 *   attributes without account; secret `oauth_consumer_secret=…`.
 * Secrets are form-encoded (cs-percent.h) and wiped from memory we own.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-credentials.h"
#include "cs-percent.h"
#include "cs-token-store-private.h"

#define CONSUMER_SECRET_FIELD "oauth_consumer_secret"

/* The attributes of @token's items; without the account when @account is NULL. */
static GHashTable *
attributes_new (CsStoredToken *token,
                const char    *account,
                const char    *kind)
{
  GHashTable *attributes = cs_store_kind_attributes_new (kind);

  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_PROVIDER,
                       g_strdup (cs_stored_token_get_provider_id (token)));
  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_HOST,
                       g_strdup (cs_stored_token_get_host (token)));
  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_CONSUMER_KEY,
                       g_strdup (cs_stored_token_get_consumer_key (token)));
  if (account != NULL)
    g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_ACCOUNT, g_strdup (account));
  return attributes;
}

gboolean
cs_oauth1_item_check_storable (CsStoredToken  *token,
                               GError        **error)
{
  const char *fields[] = {
    cs_stored_token_get_provider_id (token),
    cs_stored_token_get_provider_name (token),
    cs_stored_token_get_host (token),
    cs_stored_token_get_consumer_key (token),
    cs_stored_token_get_account (token),
  };

  if (cs_stored_token_get_token (token) == NULL ||
      cs_stored_token_get_token_secret (token) == NULL)
    {
      g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                           _("Nothing to store: the access token or its secret is missing"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!g_utf8_validate (fields[i], -1, NULL))
      {
        g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                             _("Cannot store these credentials: the provider, host, consumer "
                               "key or account is not valid UTF-8"));
        return FALSE;
      }
  return TRUE;
}

/* ---- the access item ----------------------------------------------------------------- */

GHashTable *
cs_oauth1_item_access_attributes (CsStoredToken *token)
{
  const char *item = cs_stored_token_get_item (token);
  GHashTable *attributes;

  if (item == NULL)
    return attributes_new (token, cs_stored_token_get_account (token), CS_STORE_KIND_ACCESS);
  attributes = attributes_new (token, NULL, CS_STORE_KIND_ACCESS);
  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_ITEM, g_strdup (item));
  return attributes;
}

char *
cs_oauth1_item_access_label (CsStoredToken *token)
{
  const char *account = cs_stored_token_get_account (token);
  const char *provider_name = cs_stored_token_get_provider_name (token);

  /* Not translated: the provider name is read back from it (see provider_name_from_label). */
  if (account != NULL && *account != '\0')
    return g_strdup_printf (CS_STORE_LABEL_PREFIX "@%s on %s", account, provider_name);
  return g_strdup_printf (CS_STORE_LABEL_PREFIX "%s", provider_name);
}

char *
cs_oauth1_item_access_secret (CsStoredToken *token)
{
  return cs_store_secret_encode (CS_CREDENTIALS_TOKEN, cs_stored_token_get_token (token),
                        CS_CREDENTIALS_TOKEN_SECRET, cs_stored_token_get_token_secret (token));
}

gboolean
cs_oauth1_item_take_access_secret (CsStoredToken *token,
                                   SecretValue   *value)
{
  g_autoptr(GPtrArray) fields = cs_store_secret_fields (value);
  const char *access_token = fields ? cs_param_list_get (fields, CS_CREDENTIALS_TOKEN) : NULL;
  const char *token_secret = fields ? cs_param_list_get (fields, CS_CREDENTIALS_TOKEN_SECRET)
                                    : NULL;

  if (access_token == NULL || token_secret == NULL)
    return FALSE;
  cs_stored_token_take_secrets (token, g_strdup (access_token), g_strdup (token_secret));
  return TRUE;
}

/* ---- the consumer item --------------------------------------------------------------- */

/* The consumer secret belongs to the consumer key, not to one account: one item per key,
 * without the account attribute, shared by every account authorized with that key. */
GHashTable *
cs_oauth1_item_consumer_attributes (CsStoredToken *token)
{
  return attributes_new (token, NULL, CS_STORE_KIND_CONSUMER);
}

char *
cs_oauth1_item_consumer_label (CsStoredToken *token)
{
  return g_strdup_printf (CS_STORE_LABEL_PREFIX "consumer secret for %s on %s",
                          cs_stored_token_get_consumer_key (token),
                          cs_stored_token_get_provider_name (token));
}

char *
cs_oauth1_item_consumer_secret (const char *consumer_secret)
{
  return cs_store_secret_encode (CONSUMER_SECRET_FIELD, consumer_secret, NULL, NULL);
}

void
cs_oauth1_item_take_consumer_secret (CsStoredToken *token,
                                     SecretValue   *value)
{
  g_autoptr(GPtrArray) fields = cs_store_secret_fields (value);
  const char *secret = fields ? cs_param_list_get (fields, CONSUMER_SECRET_FIELD) : NULL;

  if (secret != NULL)
    cs_stored_token_take_consumer_secret (token, g_strdup (secret));
}
