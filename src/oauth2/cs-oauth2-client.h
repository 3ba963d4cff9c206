/* cs-oauth2-client.h — the OAuth 2.0 grants, on the shared CsTransport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Every request goes through a CsTransport (TLS verified, redirects refused, 1 MiB cap,
 * timeouts). A public client sends its client_id in the body; a confidential one
 * authenticates with HTTP Basic over the form-urlencoded id and secret (RFC 6749 §2.3.1).
 * Error messages never carry a secret: the client secret, the code, the verifier and every
 * token sent are scrubbed from them.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "cs-oauth2-request.h"
#include "cs-oauth2-token.h"
#include "cs-transport.h"

G_BEGIN_DECLS

/* RFC 8693's grant, and X's subject token type for its OAuth 1.0a → 2.0 exchange. */
#define CS_OAUTH2_TOKEN_EXCHANGE_GRANT "urn:ietf:params:oauth:grant-type:token-exchange"
#define CS_OAUTH2_X_OAUTH1_TOKEN_TYPE  "urn:x:params:oauth:token-type:oauth1_token"

#define CS_TYPE_OAUTH2_CLIENT (cs_oauth2_client_get_type ())

G_DECLARE_FINAL_TYPE (CsOAuth2Client, cs_oauth2_client, CS, OAUTH2_CLIENT, GObject)

/* @client_secret NULL or "": a public client; else confidential. @transport nullable (a new
 * one). */
CsOAuth2Client *cs_oauth2_client_new               (CsTransport         *transport,
                                                    const char          *client_id,
                                                    const char          *client_secret);
CsTransport    *cs_oauth2_client_get_transport     (CsOAuth2Client      *self);
gboolean        cs_oauth2_client_is_confidential   (CsOAuth2Client      *self);
const char     *cs_oauth2_client_get_client_id     (CsOAuth2Client      *self);
/* The provider's `error` / `error_description` of the last refusal, NULL when the last
 * request was not refused with them. */
const char     *cs_oauth2_client_get_last_error_code        (CsOAuth2Client *self);
const char     *cs_oauth2_client_get_last_error_description (CsOAuth2Client *self);

/* Each finishes with a CsOAuth2Token (cs_oauth2_client_token_finish for all four). */
void cs_oauth2_client_exchange_code_async      (CsOAuth2Client      *self,
                                                const char          *token_url,
                                                CsOAuth2Request     *request,
                                                const char          *code,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void cs_oauth2_client_refresh_async            (CsOAuth2Client      *self,
                                                const char          *token_url,
                                                const char          *refresh_token,
                                                const char          *scope,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void cs_oauth2_client_client_credentials_async (CsOAuth2Client      *self,
                                                const char          *token_url,
                                                const char          *scope,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* X's exchange of an OAuth 1.0a access token (and its secret) for an OAuth 2.0 pair, as X's
 * "Migrating OAuth 1.0a user tokens to OAuth 2.0" page says (see cs-oauth2-grants.c). The
 * request is not signed with OAuth 1.0a: @consumer_key and @consumer_secret are not sent
 * (nullable; only scrubbed from messages); the client authenticates as for any grant. */
void cs_oauth2_client_exchange_oauth1_async    (CsOAuth2Client      *self,
                                                const char          *token_url,
                                                const char          *consumer_key,
                                                const char          *consumer_secret,
                                                const char          *token,
                                                const char          *token_secret,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CsOAuth2Token *cs_oauth2_client_token_finish   (CsOAuth2Client      *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* RFC 7009; @hint nullable ("access_token" | "refresh_token"). */
void     cs_oauth2_client_revoke_async         (CsOAuth2Client      *self,
                                                const char          *revoke_url,
                                                const char          *token,
                                                const char          *hint,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* X's POST oauth2/invalidate_token for an app-only bearer (access_token in the body). */
void     cs_oauth2_client_invalidate_async     (CsOAuth2Client      *self,
                                                const char          *invalidate_url,
                                                const char          *bearer,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean cs_oauth2_client_revoke_finish        (CsOAuth2Client      *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* A request with `Authorization: Bearer` (Test Credentials, `call`); @body nullable (with
 * @content_type, default application/x-www-form-urlencoded). Finishes like
 * cs_transport_send_finish (): any status is returned, not an error. */
void     cs_oauth2_client_call_async           (CsOAuth2Client      *self,
                                                const char          *method,
                                                const char          *url,
                                                const char          *bearer,
                                                const char          *body,
                                                const char          *content_type,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GBytes  *cs_oauth2_client_call_finish          (CsOAuth2Client      *self,
                                                GAsyncResult        *result,
                                                guint               *status,
                                                SoupMessageHeaders **headers,
                                                GError             **error);

/* The Authorization header of a confidential client: "Basic " and the base64 of the
 * form-urlencoded id, ':' and the form-urlencoded secret (RFC 6749 §2.3.1). A secret: free
 * with cs_secret_free (). */
char    *cs_oauth2_basic_authorization         (const char          *client_id,
                                                const char          *client_secret);

G_END_DECLS
