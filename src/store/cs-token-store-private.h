/* cs-token-store-private.h — what the files of the token store share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is split by job:
 *   cs-token-store.c         the CsTokenStore type
 *   cs-store-error.c         CS_STORE_ERROR: what a libsecret or D-Bus error means for the user
 *   cs-store-schema.c        the libsecret schema, its attributes and item kinds
 *   cs-oauth1-item.c         the OAuth 1.0a items: attributes, label and secret of a token
 *   cs-oauth2-item.c         the OAuth 2.0 items, the same for an OAuth 2.0 token
 *   cs-store-item.c          which of the two a token or a found item is (protocol dispatch)
 *   cs-store-search.c        finding (and unlocking) the stored access items
 *   cs-token-store-save.c, -list.c, -lookup.c, -delete.c, -account.c, -update.c
 *                            the async operations (-update.c: OAuth 2.0 rotation)
 *   cs-stored-token.c        the CsStoredToken boxed type
 *
 * Everything here is internal to the store (and its tests); the public API is
 * cs-token-store.h. None of these functions puts a secret into an error or a log.
 */
#pragma once

#include <libsecret/secret.h>

#include "cs-token-store.h"

G_BEGIN_DECLS

/* ---- CsStoredToken (cs-stored-token.c) ------------------------------------------------- */

/* @item: NULL, or the item id of an unknown account's item (CS_STORE_ATTR_ITEM). */
char *cs_stored_token_compute_id          (const char    *provider_id,
                                           const char    *host,
                                           const char    *consumer_key,
                                           const char    *account,
                                           const char    *item);
/* The id of an OAuth 2.0 token: never the same bytes hashed as for an OAuth 1.0a one. */
char *cs_stored_token_compute_oauth2_id   (const char    *provider_id,
                                           const char    *host,
                                           const char    *client_id,
                                           const char    *account,
                                           const char    *item);
void  cs_stored_token_set_scopes          (CsStoredToken *self,
                                           const char    *scopes);
void  cs_stored_token_set_expires_at      (CsStoredToken *self,
                                           gint64         expires_at);
/* The item id that keeps an unknown account's item apart from the others; NULL for a known
 * account and for items saved before item ids existed. Setting it changes the id. */
const char *cs_stored_token_get_item      (CsStoredToken *self);
void  cs_stored_token_set_item            (CsStoredToken *self,
                                           const char    *item);
void  cs_stored_token_set_modified        (CsStoredToken *self,
                                           gint64         modified);
void  cs_stored_token_set_has_consumer_secret (CsStoredToken *self,
                                              gboolean       has_consumer_secret);
/* Takes ownership of @secret (wiped when replaced or freed). */
void  cs_stored_token_take_consumer_secret (CsStoredToken *self,
                                            char          *secret);
void  cs_stored_token_take_secrets        (CsStoredToken *self,
                                           char          *token,
                                           char          *token_secret);

/* ---- errors (cs-store-error.c) --------------------------------------------------------- */

/* Takes @error; returns it unchanged when it is our own G_IO_ERROR_CANCELLED, else the
 * CS_STORE_ERROR that says what to do. */
GError *cs_store_error_from           (GError     *error);
/* g_task_return_error (task, cs_store_error_from (error)). */
void    cs_store_task_return_error    (GTask      *task,
                                       GError     *error);
GError *cs_store_error_new_locked     (void);
GError *cs_store_error_new_not_found  (const char *id);

/* ---- schema (cs-store-schema.c) -------------------------------------------------------- */

#define CS_STORE_ATTR_PROVIDER     "provider"
#define CS_STORE_ATTR_HOST         "host"
#define CS_STORE_ATTR_CONSUMER_KEY "consumer_key"
#define CS_STORE_ATTR_ACCOUNT      "account"
#define CS_STORE_ATTR_KIND         "kind"
/* Only on the access item of an unknown account, which then has no account attribute: a
 * random id, so that a second authorization with the same consumer key whose account is not
 * known either is a second item, not a replacement (see cs-oauth1-item.c). */
#define CS_STORE_ATTR_ITEM         "item"
/* OAuth 2.0 items (cs-oauth2-item.c). An item without a protocol attribute is OAuth 1.0a. */
#define CS_STORE_ATTR_PROTOCOL     "protocol"
#define CS_STORE_ATTR_CLIENT_ID    "client_id"
#define CS_STORE_ATTR_SCOPES       "scopes"
#define CS_STORE_ATTR_EXPIRES      "expires"

#define CS_STORE_PROTOCOL_OAUTH1   "oauth1"
#define CS_STORE_PROTOCOL_OAUTH2   "oauth2"

/* Values of the kind attribute: what an item holds. */
#define CS_STORE_KIND_ACCESS   "access"   /* an account's access token (cs-oauth1-item.c) */
#define CS_STORE_KIND_CONSUMER "consumer" /* a consumer key's secret (cs-oauth1-item.c) */
#define CS_STORE_KIND_CLIENT   "client"   /* an OAuth 2.0 client secret (cs-oauth2-item.c) */

/* Every item label starts with it. Not translated: labels are read back. */
#define CS_STORE_LABEL_PREFIX "Countersign: "

/* The libsecret schema io.github.countersign.Countersign.Credentials (for tests). */
const SecretSchema *cs_token_store_get_schema    (void);
/* Attributes (static keys, owned values) that match every item of @kind. */
GHashTable         *cs_store_kind_attributes_new (const char  *kind);
/* The secret's text in memory we own (wipe it with cs_secret_free); NULL when @value is
 * NULL or not text. */
char               *cs_store_secret_dup_text     (SecretValue *value);
/* The form-encoded fields of a secret (cs-percent.h param list); NULL when it is not text.
 * Takes @value. */
GPtrArray          *cs_store_secret_fields       (SecretValue *value);
/* Form-encodes one or two fields (@name2 nullable) into memory the caller wipes. */
char               *cs_store_secret_encode       (const char  *name,
                                                  const char  *value,
                                                  const char  *name2,
                                                  const char  *value2);

/* ---- the OAuth 1.0a items (cs-oauth1-item.c) ------------------------------------------- */

/* One protocol's items per file: their attributes, label and secret encoding. OAuth 2.0
 * (cs-oauth2-item.c) goes beside it, told apart by the protocol attribute; the schema,
 * errors and search serve both, the operations reach both through cs-store-item.c, and
 * cs_store_item_to_token is the one place that turns a found item into a token. */

/* FALSE (and @error, CS_STORE_ERROR_FAILED) when @token cannot be stored: a secret is missing
 * or an attribute is not valid UTF-8. */
gboolean       cs_oauth1_item_check_storable        (CsStoredToken      *token,
                                                     GError            **error);
/* The access item of @token: one per provider, host, consumer key and account. */
GHashTable    *cs_oauth1_item_access_attributes     (CsStoredToken      *token);
char          *cs_oauth1_item_access_label          (CsStoredToken      *token);
/* The form-encoded token and token secret; wipe with cs_secret_free. */
char          *cs_oauth1_item_access_secret         (CsStoredToken      *token);
/* Loads the token and token secret from an access item's secret into @token; takes @value.
 * FALSE when the secret holds no access token. */
gboolean       cs_oauth1_item_take_access_secret    (CsStoredToken      *token,
                                                     SecretValue        *value);
/* The consumer item of @token's consumer key, shared by its accounts (no account). */
GHashTable    *cs_oauth1_item_consumer_attributes   (CsStoredToken      *token);
char          *cs_oauth1_item_consumer_label        (CsStoredToken      *token);
/* The form-encoded consumer secret; wipe with cs_secret_free. */
char          *cs_oauth1_item_consumer_secret       (const char         *consumer_secret);
/* Loads the consumer secret, when the secret holds one, into @token; takes @value. */
void           cs_oauth1_item_take_consumer_secret  (CsStoredToken      *token,
                                                     SecretValue        *value);

/* ---- the OAuth 2.0 items (cs-oauth2-item.c) ------------------------------------------- */

/* The access item (kind=access, protocol=oauth2): provider, host, client_id, account (or
 * item), scopes, expires; secret `access_token=…&refresh_token=…`. The client item
 * (kind=client): provider, host, client_id; secret `client_secret=…`. */
gboolean       cs_oauth2_item_check_storable        (CsStoredToken      *token,
                                                     GError            **error);
/* Every attribute of the access item (what is written). */
GHashTable    *cs_oauth2_item_access_attributes     (CsStoredToken      *token);
/* The attributes that make the access item unique (no scopes, no expires): what finds and
 * clears it whatever its expiry. */
GHashTable    *cs_oauth2_item_identity_attributes   (CsStoredToken      *token);
char          *cs_oauth2_item_access_label          (CsStoredToken      *token);
char          *cs_oauth2_item_access_secret         (CsStoredToken      *token);
gboolean       cs_oauth2_item_take_access_secret    (CsStoredToken      *token,
                                                     SecretValue        *value);
GHashTable    *cs_oauth2_item_client_attributes     (CsStoredToken      *token);
char          *cs_oauth2_item_client_label          (CsStoredToken      *token);
char          *cs_oauth2_item_client_secret         (const char         *client_secret);
void           cs_oauth2_item_take_client_secret    (CsStoredToken      *token,
                                                     SecretValue        *value);
/* The scopes and expiry of a found access item's @attributes into @token. */
void           cs_oauth2_item_read_attributes       (CsStoredToken      *token,
                                                     GHashTable         *attributes);
/* The end of an OAuth 2.0 access item's label (not translated: labels are read back). */
#define CS_OAUTH2_LABEL_SUFFIX " (OAuth 2.0)"

/* ---- either protocol (cs-store-item.c) ------------------------------------------------- */

/* The cs_oauth1_item_* or cs_oauth2_item_* function for @token's protocol. "owner" is the
 * consumer item (OAuth 1.0a) or the client item (OAuth 2.0). */
gboolean       cs_store_item_check_storable         (CsStoredToken      *token,
                                                     GError            **error);
GHashTable    *cs_store_item_access_attributes      (CsStoredToken      *token);
/* The attributes that find (and clear) @token's access item. */
GHashTable    *cs_store_item_identity_attributes    (CsStoredToken      *token);
char          *cs_store_item_access_label           (CsStoredToken      *token);
char          *cs_store_item_access_secret          (CsStoredToken      *token);
gboolean       cs_store_item_take_access_secret     (CsStoredToken      *token,
                                                     SecretValue        *value);
GHashTable    *cs_store_item_owner_attributes       (CsStoredToken      *token);
char          *cs_store_item_owner_label            (CsStoredToken      *token);
char          *cs_store_item_owner_secret           (CsStoredToken      *token,
                                                     const char         *secret);
void           cs_store_item_take_owner_secret      (CsStoredToken      *token,
                                                     SecretValue        *value);
/* Whether the found item with @attributes is @token's consumer or client item. */
gboolean       cs_store_item_is_owner_of            (GHashTable         *attributes,
                                                     CsStoredToken      *token);
/* Whether @a and @b share a consumer or client item (same protocol, provider, host, key). */
gboolean       cs_store_item_same_owner             (CsStoredToken      *a,
                                                     CsStoredToken      *b);
/* A token without secrets from a found access item of either protocol; NULL when not ours. */
CsStoredToken *cs_store_item_to_token               (SecretRetrievable  *item);

/* Writes @token's secret (one write: both tokens), then its attributes and label, to the
 * existing @item; completes @task's step with @callback (finish with
 * cs_store_item_rewrite_finish). Where items cannot be changed (the Secret portal's file
 * backend), stores the new item first and then clears the old one. */
void           cs_store_item_rewrite_async          (SecretRetrievable  *item,
                                                     CsStoredToken      *token,
                                                     GTask              *task,
                                                     GAsyncReadyCallback callback);
/* FALSE (and @task returned) on error. */
gboolean       cs_store_item_rewrite_finish         (GTask              *task,
                                                     GAsyncResult       *result);

/* ---- finding access items (cs-store-search.c) ------------------------------------------ */

/* Searches every access item, asking to unlock locked ones; @callback gets @task (and the
 * reference to it) as its user data and completes it with cs_store_search_access_finish. */
void       cs_store_search_access_items  (GTask               *task,
                                          GAsyncReadyCallback  callback);
/* The found items as tokens (without secrets), newest first; the matching items (same
 * order) in @items_out when asked for. NULL (and @task returned) on error, with
 * CS_STORE_ERROR_LOCKED when an item stayed locked. */
GPtrArray *cs_store_search_access_finish (GTask               *task,
                                          GAsyncResult        *result,
                                          GPtrArray          **items_out);
/* Completes any secret_password_search: FALSE (and @task returned) on error. */
gboolean   cs_store_search_finish        (GTask               *task,
                                          GAsyncResult        *result,
                                          GList              **found);

/* The task data of a lookup or delete: the item with one id. */
typedef struct
{
  char              *id;
  CsStoredToken     *token;
  SecretRetrievable *item;
  gboolean           last_of_consumer_key; /* no other account uses the consumer key (or
                                            * the OAuth 2.0 client id) */
  gpointer           extra;                /* the operation's own data, freed with */
  GDestroyNotify     extra_free;           /* extra_free (may be NULL) */
} CsStoreFind;

/* Starts finding the access item with @id (blanks stripped) for a new task tagged
 * @source_tag, whose data is the CsStoreFind returned (the caller may set its extra);
 * @searched completes the search with cs_store_find_finish. */
CsStoreFind *cs_store_find_async  (CsTokenStore        *self,
                                   const char          *id,
                                   gpointer             source_tag,
                                   GAsyncReadyCallback  searched,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Fills the task's CsStoreFind; FALSE (and the task returned) on error or when no item has
 * that id. */
gboolean  cs_store_find_finish (GTask               *task,
                                GAsyncResult        *result);

G_END_DECLS
