/* cs-store-schema.c — the libsecret schema of the store, and reading an item's secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One schema, io.github.countersign.Countersign.Credentials, for every item the store
 * writes; the kind attribute says what an item holds (CS_STORE_KIND_*). What the other
 * attributes, the label and the secret of one kind of item are is in that kind's file
 * (cs-oauth1-item.c, cs-oauth2-item.c); a new kind of item adds its attributes here and its
 * own file there. An OAuth 2.0 item is told from an OAuth 1.0a one by its protocol attribute.
 */
#include "config.h"

#include <string.h>

#include "cs-percent.h"
#include "cs-token-store-private.h"

const SecretSchema *
cs_token_store_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.countersign.Countersign.Credentials",
    SECRET_SCHEMA_NONE,
    {
      { CS_STORE_ATTR_PROVIDER, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_HOST, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_CONSUMER_KEY, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_ACCOUNT, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_KIND, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_ITEM, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_PROTOCOL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_CLIENT_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_SCOPES, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CS_STORE_ATTR_EXPIRES, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

GHashTable *
cs_store_kind_attributes_new (const char *kind)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_assert (kind != NULL);

  g_hash_table_insert (attributes, (gpointer) CS_STORE_ATTR_KIND, g_strdup (kind));
  return attributes;
}

/* libsecret's buffer is not ours to wipe; the copy is. */
char *
cs_store_secret_dup_text (SecretValue *value)
{
  gsize length = 0;
  const char *data;

  if (value == NULL)
    return NULL;
  data = secret_value_get (value, &length);
  if (data == NULL || memchr (data, '\0', length) != NULL)
    return NULL;
  return g_strndup (data, length);
}

GPtrArray *
cs_store_secret_fields (SecretValue *value)
{
  char *text = cs_store_secret_dup_text (value);
  GPtrArray *fields;

  g_clear_pointer (&value, secret_value_unref);
  fields = text != NULL ? cs_form_parse (text, -1, NULL) : NULL;
  cs_secret_free (text);
  return fields;
}

char *
cs_store_secret_encode (const char *name,
                        const char *value,
                        const char *name2,
                        const char *value2)
{
  g_autoptr(GPtrArray) fields = cs_param_list_new ();

  cs_param_list_add (fields, name, value);
  if (name2 != NULL)
    cs_param_list_add (fields, name2, value2);
  return cs_form_encode (fields);
}
