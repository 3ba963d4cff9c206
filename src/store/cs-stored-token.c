/* cs-stored-token.c — one access token as kept in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-percent.h"
#include "cs-token-store-private.h"

struct _CsStoredToken
{
  gatomicrefcount  ref_count;
  char            *id;
  char            *provider_id;
  char            *provider_name;
  char            *host;
  char            *consumer_key;     /* OAuth 2.0: the client id */
  char            *account;
  char            *item;             /* an unknown account's item id, or NULL */
  gint64           modified;
  char            *token;            /* secret; OAuth 2.0: the access token */
  char            *token_secret;     /* secret; OAuth 2.0: the refresh token, or NULL */
  char            *consumer_secret;  /* secret; OAuth 2.0: the client secret */
  gboolean         has_consumer_secret;
  CsStoredProtocol protocol;
  char            *scopes;           /* OAuth 2.0: space-separated, "" when none */
  gint64           expires_at;       /* OAuth 2.0: seconds since the epoch, 0 unknown */
};

G_DEFINE_BOXED_TYPE (CsStoredToken, cs_stored_token, cs_stored_token_ref, cs_stored_token_unref)

/**
 * cs_stored_token_compute_id:
 *
 * The id is the first 8 hex digits of the SHA-256 of the attributes that make an item
 * unique (provider, host, consumer key, account, NUL-separated, then the item id of an
 * unknown account's item when it has one): short enough to type, stable across runs and
 * machines, and the same for an item that was updated. Items saved before item ids existed
 * keep the id they had.
 */
char *
cs_stored_token_compute_id (const char *provider_id,
                            const char *host,
                            const char *consumer_key,
                            const char *account,
                            const char *item)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { provider_id, host, consumer_key, account, item };

  for (guint i = 0; i < G_N_ELEMENTS (parts) && (i < 4 || item != NULL); i++)
    {
      const char *part = parts[i] ? parts[i] : "";

      /* The terminating NUL separates the fields, so ("ab","c") differs from ("a","bc"). */
      g_checksum_update (checksum, (const guchar *) part, strlen (part) + 1);
    }
  return g_strndup (g_checksum_get_string (checksum), 8);
}

/**
 * cs_stored_token_compute_oauth2_id:
 *
 * Like cs_stored_token_compute_id(), over a leading "oauth2" part and always six parts (the
 * item "" when there is none): an OAuth 1.0a id hashes four or five NUL-terminated parts, so
 * the two never hash the same bytes.
 */
char *
cs_stored_token_compute_oauth2_id (const char *provider_id,
                                   const char *host,
                                   const char *client_id,
                                   const char *account,
                                   const char *item)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { CS_STORE_PROTOCOL_OAUTH2, provider_id, host, client_id, account, item };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = parts[i] ? parts[i] : "";

      g_checksum_update (checksum, (const guchar *) part, strlen (part) + 1);
    }
  return g_strndup (g_checksum_get_string (checksum), 8);
}

static char *
compute_id (CsStoredToken *self)
{
  if (self->protocol == CS_STORED_OAUTH2)
    return cs_stored_token_compute_oauth2_id (self->provider_id, self->host, self->consumer_key,
                                              self->account, self->item);
  return cs_stored_token_compute_id (self->provider_id, self->host, self->consumer_key,
                                     self->account, self->item);
}

/**
 * cs_stored_token_new:
 * @provider_id: the provider's id (`twitter`)
 * @provider_name: (nullable): its display name; the id when %NULL
 * @host: (nullable): the provider's API host
 * @consumer_key: the consumer key
 * @account: (nullable): the screen name or user id, when known
 * @token: (nullable): the access token
 * @token_secret: (nullable): its secret
 *
 * Returns: (transfer full): a new token, whose secrets are copied and wiped when freed
 */
CsStoredToken *
cs_stored_token_new (const char *provider_id,
                     const char *provider_name,
                     const char *host,
                     const char *consumer_key,
                     const char *account,
                     const char *token,
                     const char *token_secret)
{
  CsStoredToken *self;

  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (consumer_key != NULL, NULL);

  self = g_new0 (CsStoredToken, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->provider_id = g_strdup (provider_id);
  self->provider_name = g_strdup (provider_name ? provider_name : provider_id);
  self->host = g_strdup (host ? host : "");
  self->consumer_key = g_strdup (consumer_key);
  self->account = g_strdup (account ? account : "");
  self->token = g_strdup (token);
  self->token_secret = g_strdup (token_secret);
  self->scopes = g_strdup ("");
  self->id = compute_id (self);
  return self;
}

/**
 * cs_stored_token_new_oauth2:
 * @provider_id: the provider's id (`twitter`)
 * @provider_name: (nullable): its display name; the id when %NULL
 * @host: (nullable): the provider's API host
 * @client_id: the OAuth 2.0 client id
 * @account: (nullable): the account, when known
 * @scopes: (nullable): the granted scopes, space-separated
 * @expires_at: when the access token expires (seconds since the epoch), 0 when unknown
 * @access_token: (nullable): the access token
 * @refresh_token: (nullable): the refresh token, when the provider gave one
 *
 * Returns: (transfer full): a new OAuth 2.0 token, whose secrets are copied and wiped when
 * freed
 */
CsStoredToken *
cs_stored_token_new_oauth2 (const char *provider_id,
                            const char *provider_name,
                            const char *host,
                            const char *client_id,
                            const char *account,
                            const char *scopes,
                            gint64      expires_at,
                            const char *access_token,
                            const char *refresh_token)
{
  CsStoredToken *self;

  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = cs_stored_token_new (provider_id, provider_name, host, client_id, account,
                              access_token, refresh_token);
  self->protocol = CS_STORED_OAUTH2;
  cs_stored_token_set_scopes (self, scopes);
  self->expires_at = MAX (expires_at, 0);
  g_free (self->id);
  self->id = compute_id (self);
  return self;
}

CsStoredToken *
cs_stored_token_ref (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cs_stored_token_unref (CsStoredToken *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->provider_id);
  g_free (self->provider_name);
  g_free (self->host);
  g_free (self->consumer_key);
  g_free (self->account);
  g_free (self->item);
  g_free (self->scopes);
  cs_secret_free (self->token);
  cs_secret_free (self->token_secret);
  cs_secret_free (self->consumer_secret);
  g_free (self);
}

const char *
cs_stored_token_get_id (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
cs_stored_token_get_provider_id (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->provider_id;
}

const char *
cs_stored_token_get_provider_name (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->provider_name;
}

const char *
cs_stored_token_get_host (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host;
}

const char *
cs_stored_token_get_consumer_key (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->consumer_key;
}

/* "" when the account is not known. */
const char *
cs_stored_token_get_account (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->account;
}

gint64
cs_stored_token_get_modified (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->modified;
}

const char *
cs_stored_token_get_token (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->token;
}

const char *
cs_stored_token_get_token_secret (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->token_secret;
}

const char *
cs_stored_token_get_consumer_secret (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->consumer_secret;
}

gboolean
cs_stored_token_get_has_consumer_secret (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_consumer_secret || self->consumer_secret != NULL;
}

void
cs_stored_token_set_has_consumer_secret (CsStoredToken *self,
                                         gboolean       has_consumer_secret)
{
  g_return_if_fail (self != NULL);
  self->has_consumer_secret = !!has_consumer_secret;
}

void
cs_stored_token_set_modified (CsStoredToken *self,
                              gint64         modified)
{
  g_return_if_fail (self != NULL);
  self->modified = modified;
}

void
cs_stored_token_take_consumer_secret (CsStoredToken *self,
                                      char          *secret)
{
  g_return_if_fail (self != NULL);

  cs_secret_free (self->consumer_secret);
  self->consumer_secret = secret;
}

void
cs_stored_token_take_secrets (CsStoredToken *self,
                              char          *token,
                              char          *token_secret)
{
  g_return_if_fail (self != NULL);

  cs_secret_free (self->token);
  cs_secret_free (self->token_secret);
  self->token = token;
  self->token_secret = token_secret;
}

const char *
cs_stored_token_get_item (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->item;
}

void
cs_stored_token_set_item (CsStoredToken *self,
                          const char    *item)
{
  g_return_if_fail (self != NULL);

  g_free (self->item);
  self->item = g_strdup (item);
  g_free (self->id);
  self->id = compute_id (self);
}

CsStoredProtocol
cs_stored_token_get_protocol (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, CS_STORED_OAUTH1);
  return self->protocol;
}

const char *
cs_stored_token_get_client_id (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->consumer_key;
}

/* "" when none (and for OAuth 1.0a). */
const char *
cs_stored_token_get_scopes (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scopes;
}

gint64
cs_stored_token_get_expires_at (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->expires_at;
}

const char *
cs_stored_token_get_access_token (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->token;
}

/* NULL for OAuth 1.0a, when there is none, and until loaded. */
const char *
cs_stored_token_get_refresh_token (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->protocol == CS_STORED_OAUTH2 ? self->token_secret : NULL;
}

const char *
cs_stored_token_get_client_secret (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->protocol == CS_STORED_OAUTH2 ? self->consumer_secret : NULL;
}

gboolean
cs_stored_token_get_has_client_secret (CsStoredToken *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->protocol == CS_STORED_OAUTH2 && cs_stored_token_get_has_consumer_secret (self);
}

void
cs_stored_token_set_scopes (CsStoredToken *self,
                            const char    *scopes)
{
  g_return_if_fail (self != NULL);

  g_free (self->scopes);
  self->scopes = g_strdup (scopes ? scopes : "");
}

void
cs_stored_token_set_expires_at (CsStoredToken *self,
                                gint64         expires_at)
{
  g_return_if_fail (self != NULL);
  self->expires_at = MAX (expires_at, 0);
}
