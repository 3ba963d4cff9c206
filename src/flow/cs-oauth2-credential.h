/* cs-oauth2-credential.h — a stored OAuth 2.0 credential in use (CLI token/call/show, the app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The provider of a stored item is found in the CsProviderRegistry by the item's provider id
 * (a preset or one of the user's providers, loaded here when needed); its OAuth 2.0 URLs are
 * the ones used. A refresh rotates the stored item in one write
 * (cs_token_store_update_oauth2_async()) before the old refresh token is dropped. Nothing
 * here logs a secret.
 */
#pragma once

#include <gio/gio.h>

#include "cs-oauth2-token.h"
#include "cs-provider-registry.h"
#include "cs-token-store.h"
#include "cs-transport.h"

G_BEGIN_DECLS

/* Seconds before its expiry that an access token counts as expired. */
#define CS_CREDENTIAL_EXPIRY_MARGIN 60

/* Whether @token (OAuth 2.0) has expired or expires within the margin at @now. */
gboolean       cs_credential_is_expired    (CsStoredToken       *token,
                                            gint64               now);

/* Looks up @id; if its access token has expired (or expires within 60 s) and it has a refresh
 * token, or @force_refresh, refreshes it (with the stored client secret when there is one)
 * and rotates the stored item before finishing. Finishes with the CsStoredToken, secrets
 * loaded. OAuth 1.0a ids finish unchanged. */
void           cs_credential_fresh_async   (CsTokenStore        *store,
                                            CsProviderRegistry  *registry,
                                            const char          *id,
                                            gboolean             force_refresh,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The same over @transport (nullable: a default one), with @provider's URLs (nullable: the
 * registry's provider of the item's provider id) and @client_secret (nullable: the stored
 * one). */
void           cs_credential_fresh_full_async (CsTokenStore        *store,
                                               CsProviderRegistry  *registry,
                                               CsTransport         *transport,
                                               CsProvider          *provider,
                                               const char          *id,
                                               gboolean             force_refresh,
                                               const char          *client_secret,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CsStoredToken *cs_credential_fresh_finish  (GAsyncResult        *result,
                                            GError             **error);
/* (transfer none) (nullable): the token answer of the refresh that the fresh call just
 * made, NULL when none was needed: for `oauth2 refresh` to print the provider's fields. */
CsOAuth2Token *cs_credential_fresh_get_answer (GAsyncResult     *result);

/* Revokes the stored tokens of @id at the provider (refresh token, then access token). */
void           cs_credential_revoke_async  (CsTokenStore        *store,
                                            CsProviderRegistry  *registry,
                                            const char          *id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The same with @provider's URLs (nullable: the registry's) and @client_secret (nullable: the
 * stored one), for a confidential client whose secret was not kept. */
void           cs_credential_revoke_full_async (CsTokenStore        *store,
                                                CsProviderRegistry  *registry,
                                                CsProvider          *provider,
                                                const char          *id,
                                                const char          *client_secret,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean       cs_credential_revoke_finish (GAsyncResult        *result,
                                            GError             **error);

/* "Move to OAuth 2.0": exchanges the stored OAuth 1.0a credential @oauth1_id (its consumer
 * secret from the keyring or @consumer_secret) for an OAuth 2.0 pair, tests it (the
 * provider's verify URL with the bearer, learning the account), saves it; the OAuth 1.0a
 * item stays. Finishes with the new id. */
void           cs_credential_migrate_async (CsTokenStore        *store,
                                            CsProviderRegistry  *registry,
                                            const char          *oauth1_id,
                                            const char          *client_id,
                                            const char          *client_secret,
                                            const char          *consumer_secret,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char          *cs_credential_migrate_finish (GAsyncResult       *result,
                                             GError            **error);

/* Test Credentials for OAuth 2.0: GET the provider's verify URL with the bearer; finishes
 * with the account (NULL without an error when the answer names none). */
void           cs_oauth2_learn_account_async  (CsProvider          *provider,
                                               const char          *access_token,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The same over @transport (nullable). */
void           cs_oauth2_learn_account_full_async (CsProvider          *provider,
                                                   CsTransport         *transport,
                                                   const char          *access_token,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char          *cs_oauth2_learn_account_finish (GAsyncResult        *result,
                                               GError             **error);
/* (transfer full) (nullable): the URL Test Credentials calls with the bearer: the demo's
 * /2/users/me, else the provider's verify URL. */
char          *cs_oauth2_verify_url           (CsProvider          *provider);
/* (transfer full): the host of @url ("" when it has none), for the stored item. */
char          *cs_oauth2_url_host             (const char          *url);

G_END_DECLS
