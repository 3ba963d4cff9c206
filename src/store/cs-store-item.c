/* cs-store-item.c — an item of either protocol: which file knows its layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operations (save, list, lookup, delete, account, update) work on a token of either
 * protocol through these functions; the layouts themselves are in cs-oauth1-item.c and
 * cs-oauth2-item.c. A found item is OAuth 2.0 when its protocol attribute says so, and
 * OAuth 1.0a otherwise (items written before OAuth 2.0 existed have no protocol attribute).
 */
#include "config.h"

#include <string.h>

#include "cs-token-store-private.h"

static gboolean
is_oauth2 (CsStoredToken *token)
{
  return cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2;
}

gboolean
cs_store_item_check_storable (CsStoredToken  *token,
                              GError        **error)
{
  return is_oauth2 (token) ? cs_oauth2_item_check_storable (token, error)
                           : cs_oauth1_item_check_storable (token, error);
}

GHashTable *
cs_store_item_access_attributes (CsStoredToken *token)
{
  return is_oauth2 (token) ? cs_oauth2_item_access_attributes (token)
                           : cs_oauth1_item_access_attributes (token);
}

GHashTable *
cs_store_item_identity_attributes (CsStoredToken *token)
{
  return is_oauth2 (token) ? cs_oauth2_item_identity_attributes (token)
                           : cs_oauth1_item_access_attributes (token);
}

char *
cs_store_item_access_label (CsStoredToken *token)
{
  return is_oauth2 (token) ? cs_oauth2_item_access_label (token)
                           : cs_oauth1_item_access_label (token);
}

char *
cs_store_item_access_secret (CsStoredToken *token)
{
  return is_oauth2 (token) ? cs_oauth2_item_access_secret (token)
                           : cs_oauth1_item_access_secret (token);
}

gboolean
cs_store_item_take_access_secret (CsStoredToken *token,
                                  SecretValue   *value)
{
  return is_oauth2 (token) ? cs_oauth2_item_take_access_secret (token, value)
                           : cs_oauth1_item_take_access_secret (token, value);
}

GHashTable *
cs_store_item_owner_attributes (CsStoredToken *token)
{
  return is_oauth2 (token) ? cs_oauth2_item_client_attributes (token)
                           : cs_oauth1_item_consumer_attributes (token);
}

char *
cs_store_item_owner_label (CsStoredToken *token)
{
  return is_oauth2 (token) ? cs_oauth2_item_client_label (token)
                           : cs_oauth1_item_consumer_label (token);
}

char *
cs_store_item_owner_secret (CsStoredToken *token,
                            const char    *secret)
{
  return is_oauth2 (token) ? cs_oauth2_item_client_secret (secret)
                           : cs_oauth1_item_consumer_secret (secret);
}

void
cs_store_item_take_owner_secret (CsStoredToken *token,
                                 SecretValue   *value)
{
  if (is_oauth2 (token))
    cs_oauth2_item_take_client_secret (token, value);
  else
    cs_oauth1_item_take_consumer_secret (token, value);
}

gboolean
cs_store_item_is_owner_of (GHashTable    *attributes,
                           CsStoredToken *token)
{
  g_autoptr(GHashTable) wanted = cs_store_item_owner_attributes (token);
  GHashTableIter iter;
  gpointer key, value;

  /* Every attribute the owner item of @token is written with; an OAuth 1.0a token's
   * consumer item has no protocol attribute (or protocol=oauth1). */
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (attributes, key), value) != 0)
      return FALSE;
  return is_oauth2 (token) ||
         g_strcmp0 (g_hash_table_lookup (attributes, CS_STORE_ATTR_PROTOCOL),
                    CS_STORE_PROTOCOL_OAUTH2) != 0;
}

gboolean
cs_store_item_same_owner (CsStoredToken *a,
                          CsStoredToken *b)
{
  return cs_stored_token_get_protocol (a) == cs_stored_token_get_protocol (b) &&
         g_str_equal (cs_stored_token_get_provider_id (a), cs_stored_token_get_provider_id (b)) &&
         g_str_equal (cs_stored_token_get_host (a), cs_stored_token_get_host (b)) &&
         g_str_equal (cs_stored_token_get_consumer_key (a), cs_stored_token_get_consumer_key (b));
}

/* "Countersign: @jane on X (OAuth 2.0)" → "X" (@suffix " (OAuth 2.0)"); the provider id
 * when the label is not one of ours. */
static char *
provider_name_from_label (const char *label,
                          const char *account,
                          const char *provider_id,
                          const char *suffix)
{
  g_autofree char *prefix = NULL;
  gsize prefix_len, label_len, suffix_len = strlen (suffix);

  if (label == NULL || !g_str_has_suffix (label, suffix))
    return g_strdup (provider_id);
  prefix = *account != '\0' ? g_strdup_printf (CS_STORE_LABEL_PREFIX "@%s on ", account)
                            : g_strdup (CS_STORE_LABEL_PREFIX);
  prefix_len = strlen (prefix);
  label_len = strlen (label);
  if (!g_str_has_prefix (label, prefix) || label_len <= prefix_len + suffix_len)
    return g_strdup (provider_id);
  return g_strndup (label + prefix_len, label_len - prefix_len - suffix_len);
}

/* Both layouts share the provider, host, account and item attributes and the label's
 * shape; the key is consumer_key (OAuth 1.0a) or client_id (OAuth 2.0). */
CsStoredToken *
cs_store_item_to_token (SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  g_autofree char *label = secret_retrievable_get_label (item);
  g_autofree char *provider_name = NULL;
  gboolean oauth2 = g_strcmp0 (g_hash_table_lookup (attributes, CS_STORE_ATTR_PROTOCOL),
                               CS_STORE_PROTOCOL_OAUTH2) == 0;
  const char *provider_id = g_hash_table_lookup (attributes, CS_STORE_ATTR_PROVIDER);
  const char *host = g_hash_table_lookup (attributes, CS_STORE_ATTR_HOST);
  const char *key = g_hash_table_lookup (attributes, oauth2 ? CS_STORE_ATTR_CLIENT_ID
                                                            : CS_STORE_ATTR_CONSUMER_KEY);
  const char *account = g_hash_table_lookup (attributes, CS_STORE_ATTR_ACCOUNT);
  const char *item_id = g_hash_table_lookup (attributes, CS_STORE_ATTR_ITEM);
  CsStoredToken *token;

  if (provider_id == NULL || key == NULL)
    return NULL;
  if (account == NULL)
    account = "";
  provider_name = provider_name_from_label (label, account, provider_id,
                                            oauth2 ? CS_OAUTH2_LABEL_SUFFIX : "");
  if (oauth2)
    {
      token = cs_stored_token_new_oauth2 (provider_id, provider_name, host, key, account, NULL,
                                          0, NULL, NULL);
      cs_oauth2_item_read_attributes (token, attributes);
    }
  else
    token = cs_stored_token_new (provider_id, provider_name, host, key, account, NULL, NULL);
  cs_stored_token_set_modified (token, (gint64) secret_retrievable_get_modified (item));
  if (item_id != NULL)
    cs_stored_token_set_item (token, item_id);
  return token;
}
