/* cs-token-store-private.h — what the files of the token store share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is split by job:
 *   cs-token-store.c         the CsTokenStore type
 *   cs-store-error.c         CS_STORE_ERROR: what a libsecret or D-Bus error means for the user
 *   cs-store-schema.c        the libsecret schema, its attributes and item kinds
 *   cs-oauth1-item.c         the OAuth 1.0a items: attributes, label and secret of a token
 *   cs-store-search.c        finding (and unlocking) the stored access items
 *   cs-token-store-save.c, -list.c, -lookup.c, -delete.c, -account.c   the async operations
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

/* Values of the kind attribute: what an item holds. */
#define CS_STORE_KIND_ACCESS   "access"   /* an account's access token (cs-oauth1-item.c) */
#define CS_STORE_KIND_CONSUMER "consumer" /* a consumer key's secret (cs-oauth1-item.c) */

/* Every item label starts with it. Not translated: labels are read back. */
#define CS_STORE_LABEL_PREFIX "Countersign: "

/* The libsecret schema io.github.countersign.Countersign.Credentials (for tests). */
const SecretSchema *cs_token_store_get_schema    (void);
/* Attributes (static keys, owned values) that match every item of @kind. */
GHashTable         *cs_store_kind_attributes_new (const char  *kind);
/* The secret's text in memory we own (wipe it with cs_secret_free); NULL when @value is
 * NULL or not text. */
char               *cs_store_secret_dup_text     (SecretValue *value);

/* ---- the OAuth 1.0a items (cs-oauth1-item.c) ------------------------------------------- */

/* One kind of item per file: its attributes, label and secret encoding, and the way back to
 * a token. A second kind (OAuth 2.0) goes beside it with its own kind value; the schema,
 * errors and search serve it as they are, and tokens_from_search (cs-store-search.c) is the
 * one place that turns a found item into a token. */

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
/* A token without secrets from a found access item; NULL when the item is not ours. */
CsStoredToken *cs_oauth1_item_to_token              (SecretRetrievable  *item);

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
  gboolean           last_of_consumer_key; /* no other account uses the consumer key */
} CsStoreFind;

/* Starts finding the access item with @id (blanks stripped) for a new task tagged
 * @source_tag, whose data is a CsStoreFind; @searched completes the search with
 * cs_store_find_finish. */
void      cs_store_find_async  (CsTokenStore        *self,
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
