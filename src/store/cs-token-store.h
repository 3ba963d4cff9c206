/* cs-token-store.h — credentials in the system keyring (libsecret, async only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Schema io.github.countersign.Countersign.Credentials; attributes provider, host,
 * consumer_key, account, item, kind ("access" | "consumer" | "client"), and for OAuth 2.0
 * protocol, client_id, scopes, expires. Errors in CS_STORE_ERROR, whose messages say what is
 * wrong with the keyring and never contain a secret (nor does a log line).
 *
 * OAuth 1.0a items (no protocol attribute; items written before OAuth 2.0 existed keep
 * working, ids unchanged):
 *
 * - Access items hold `oauth_token=…&oauth_token_secret=…` (form-encoded), labelled
 *   "Countersign: @account on Provider". Saving again with the same provider, host,
 *   consumer key and account replaces the item. A token whose account is not known is a new
 *   item (attribute item, a random id, instead of account), so a second authorization never
 *   replaces the first; cs_token_store_set_account_async() later names its account.
 * - A consumer item (`oauth_consumer_secret=…`, no account attribute) exists only when a
 *   save was given a consumer secret; it is shared by the accounts of that consumer key and
 *   deleted with the last of them.
 * - The id is the first 8 hex digits of SHA-256(provider NUL host NUL consumer_key NUL
 *   account NUL), followed by the item id and NUL for an unknown account's item: stable, and
 *   unchanged by an update.
 *
 * OAuth 2.0 items (protocol=oauth2), beside them in the same schema:
 * - Access items: attributes protocol, provider, host, client_id, account (or item, as
 *   above), scopes (space-separated), expires (seconds since the epoch, decimal; "0"
 *   unknown), kind=access; the tokens only in the secret, `access_token=…&refresh_token=…`
 *   (refresh_token omitted when there is none); label "Countersign: @account on Provider
 *   (OAuth 2.0)". Saving again for the same provider, host, client id and account rewrites
 *   that item (whatever its scopes and expiry).
 * - A client item (kind=client, `client_secret=…`, no account) exists only when a save was
 *   given a client secret (a confidential client); shared by the accounts of that client id
 *   and deleted with the last of them.
 * - The id: the first 8 hex digits of SHA-256("oauth2" NUL provider NUL host NUL client_id
 *   NUL account NUL item NUL), item "" when there is none: six parts where an OAuth 1.0a id
 *   hashes four or five, so the two never hash the same bytes.
 * - Rotation (cs_token_store_update_oauth2_async) writes both new tokens to the existing
 *   item in one secret write, then its attributes: never the old refresh token gone and the
 *   new one not stored; the id and the number of items stay.
 *
 * Both protocols:
 * - List finishes with both, newest first; lookup, delete and set_account work on both.
 * - The account is "" when it is not known.
 * - Cancelling through the GCancellable gives G_IO_ERROR_CANCELLED, not a CS_STORE_ERROR.
 *   libsecret cannot tell a dismissed unlock prompt from one that could not be shown: both
 *   give CS_STORE_ERROR_LOCKED (CS_STORE_ERROR_CANCELLED is not produced).
 * - Only libsecret's backend-neutral API is used, so inside Flatpak the Secret portal works
 *   without --talk-name=org.freedesktop.secrets. There is no plain-text fallback.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CS_STORE_ERROR (cs_store_error_quark ())

typedef enum
{
  CS_STORE_ERROR_UNAVAILABLE, /* no Secret Service (no daemon, no portal) */
  CS_STORE_ERROR_LOCKED,      /* the collection is locked and was not unlocked */
  CS_STORE_ERROR_CANCELLED,   /* the user dismissed the unlock prompt */
  CS_STORE_ERROR_NOT_FOUND,   /* no item with that id */
  CS_STORE_ERROR_FAILED,
} CsStoreError;

GQuark cs_store_error_quark (void);

#define CS_TYPE_STORED_TOKEN (cs_stored_token_get_type ())

/* One stored access token. Boxed, reference counted; the secrets are wiped when freed. */
typedef struct _CsStoredToken CsStoredToken;

GType          cs_stored_token_get_type          (void) G_GNUC_CONST;
CsStoredToken *cs_stored_token_new               (const char    *provider_id,
                                                  const char    *provider_name,
                                                  const char    *host,
                                                  const char    *consumer_key,
                                                  const char    *account,
                                                  const char    *token,
                                                  const char    *token_secret);
CsStoredToken *cs_stored_token_ref               (CsStoredToken *self);
void           cs_stored_token_unref             (CsStoredToken *self);
/* A short stable id (for `countersign-cli show ID`), derived from the attributes. */
const char    *cs_stored_token_get_id            (CsStoredToken *self);
const char    *cs_stored_token_get_provider_id   (CsStoredToken *self);
const char    *cs_stored_token_get_provider_name (CsStoredToken *self);
const char    *cs_stored_token_get_host          (CsStoredToken *self);
const char    *cs_stored_token_get_consumer_key  (CsStoredToken *self);
const char    *cs_stored_token_get_account       (CsStoredToken *self);
/* Seconds since the epoch when the item was created or last updated (0 when unknown). */
gint64         cs_stored_token_get_modified      (CsStoredToken *self);
/* NULL until loaded: list results carry no secrets; lookup results do. */
const char    *cs_stored_token_get_token         (CsStoredToken *self);
const char    *cs_stored_token_get_token_secret  (CsStoredToken *self);
/* The consumer secret, when the user chose to store it (kind=consumer item), else NULL. */
const char    *cs_stored_token_get_consumer_secret (CsStoredToken *self);
/* Whether the keyring holds the consumer secret of its consumer key: known without loading
 * it in list results (and lookup results). */
gboolean       cs_stored_token_get_has_consumer_secret (CsStoredToken *self);

/* ---- OAuth 2.0 (issue 15) ----
 * An OAuth 2.0 token uses the same slots: the client id is the consumer key, the access
 * token the token, the refresh token the token secret, the client secret the consumer
 * secret; the getters below name them. For an OAuth 1.0a token the OAuth 2.0 getters give
 * "" (scopes), 0 (expiry), NULL (refresh token, client secret) and FALSE. */
typedef enum
{
  CS_STORED_OAUTH1,
  CS_STORED_OAUTH2,
} CsStoredProtocol;

CsStoredToken   *cs_stored_token_new_oauth2           (const char    *provider_id,
                                                       const char    *provider_name,
                                                       const char    *host,
                                                       const char    *client_id,
                                                       const char    *account,
                                                       const char    *scopes,
                                                       gint64         expires_at,
                                                       const char    *access_token,
                                                       const char    *refresh_token);
CsStoredProtocol cs_stored_token_get_protocol         (CsStoredToken *self);
/* = cs_stored_token_get_consumer_key */
const char      *cs_stored_token_get_client_id        (CsStoredToken *self);
/* Space-separated; "" when none. */
const char      *cs_stored_token_get_scopes           (CsStoredToken *self);
/* Seconds since the epoch when the access token expires; 0 when unknown. */
gint64           cs_stored_token_get_expires_at       (CsStoredToken *self);
/* = cs_stored_token_get_token; NULL until loaded. */
const char      *cs_stored_token_get_access_token     (CsStoredToken *self);
/* NULL when there is none, or not loaded (list results). */
const char      *cs_stored_token_get_refresh_token    (CsStoredToken *self);
/* The client secret of a confidential client, when stored (kind=client item); lookup only. */
const char      *cs_stored_token_get_client_secret    (CsStoredToken *self);
/* Whether the keyring holds the client secret: known in list results too. */
gboolean         cs_stored_token_get_has_client_secret (CsStoredToken *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsStoredToken, cs_stored_token_unref)

#define CS_TYPE_TOKEN_STORE (cs_token_store_get_type ())

G_DECLARE_FINAL_TYPE (CsTokenStore, cs_token_store, CS, TOKEN_STORE, GObject)

CsTokenStore  *cs_token_store_new                (void);

/* Creates or updates (same provider, consumer key and account) the access item; with
 * @consumer_secret non-NULL also stores the consumer item. A @token without an account
 * gets its item id here (cs_stored_token_get_id() changes): a new item, or an update of the
 * one this same @token was saved as before. */
void           cs_token_store_save_async         (CsTokenStore        *self,
                                                  CsStoredToken       *token,
                                                  const char          *consumer_secret,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       cs_token_store_save_finish        (CsTokenStore        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Finishes with a GPtrArray of CsStoredToken (no secrets loaded), newest first. */
void           cs_token_store_list_async         (CsTokenStore        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray     *cs_token_store_list_finish        (CsTokenStore        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Finishes with the token, its secrets (and the consumer secret, if stored) loaded. */
void           cs_token_store_lookup_async       (CsTokenStore        *self,
                                                  const char          *id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CsStoredToken *cs_token_store_lookup_finish      (CsTokenStore        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void           cs_token_store_delete_async       (CsTokenStore        *self,
                                                  const char          *id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       cs_token_store_delete_finish      (CsTokenStore        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* The account learned after saving (Test Credentials): the token of @id is stored under
 * @account, its id, attributes and label following; finishes with the new id. */
void           cs_token_store_set_account_async  (CsTokenStore        *self,
                                                  const char          *id,
                                                  const char          *account,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char          *cs_token_store_set_account_finish (CsTokenStore        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Rotation (OAuth 2.0 only): the item of @id gets the new access token, refresh token, scopes
 * and expiry. The secret (both tokens) is written in one write to the existing item, then
 * its attributes: there is no moment with the old refresh token gone and the new one not
 * stored. @refresh_token NULL keeps the stored one (the provider sent none); @scopes NULL
 * keeps the stored scopes. The id does not change. Finishes TRUE. */
void           cs_token_store_update_oauth2_async  (CsTokenStore        *self,
                                                    const char          *id,
                                                    const char          *access_token,
                                                    const char          *refresh_token,
                                                    const char          *scopes,
                                                    gint64               expires_at,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       cs_token_store_update_oauth2_finish (CsTokenStore        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
