/* cs-oauth2-grants.c — the requests of a CsOAuth2Client: code, refresh, client credentials,
 * X's OAuth 1.0a exchange, revocation and calls with the bearer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-oauth2-client-private.h"

const char *
cs_oauth2_exchange_kind_name (CsOAuth2ExchangeKind kind)
{
  switch (kind)
    {
    case CS_OAUTH2_EXCHANGE_TOKEN:
      return "token";
    case CS_OAUTH2_EXCHANGE_REVOKE:
      return "revocation";
    case CS_OAUTH2_EXCHANGE_CALL:
    default:
      return "API";
    }
}

/* RFC 6749 §4.1.3, with RFC 7636 §4.5's code_verifier. */
void
cs_oauth2_client_exchange_code_async (CsOAuth2Client      *self,
                                      const char          *token_url,
                                      CsOAuth2Request     *request,
                                      const char          *code,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CsOAuth2Exchange *exchange;

  g_return_if_fail (CS_IS_OAUTH2_CLIENT (self));
  g_return_if_fail (token_url != NULL);
  g_return_if_fail (CS_IS_OAUTH2_REQUEST (request));
  g_return_if_fail (code != NULL);

  exchange = cs_oauth2_exchange_new (self, CS_OAUTH2_EXCHANGE_TOKEN, "POST", token_url);
  cs_oauth2_exchange_add_secret (exchange, code);
  cs_oauth2_exchange_add_secret (exchange, cs_oauth2_request_get_code_verifier (request));
  cs_oauth2_exchange_add (exchange, "grant_type", "authorization_code");
  cs_oauth2_exchange_add (exchange, "code", code);
  /* §4.1.3: REQUIRED when it was in the authorization request, identical to it. */
  cs_oauth2_exchange_add (exchange, "redirect_uri", cs_oauth2_request_get_redirect_uri (request));
  cs_oauth2_exchange_set_redirect_uri (exchange, cs_oauth2_request_get_redirect_uri (request));
  cs_oauth2_exchange_add (exchange, "code_verifier", cs_oauth2_request_get_code_verifier (request));
  cs_oauth2_exchange_start (exchange, cs_oauth2_client_exchange_code_async, cancellable,
                            callback, user_data);
}

/* RFC 6749 §6. */
void
cs_oauth2_client_refresh_async (CsOAuth2Client      *self,
                                const char          *token_url,
                                const char          *refresh_token,
                                const char          *scope,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CsOAuth2Exchange *exchange;

  g_return_if_fail (CS_IS_OAUTH2_CLIENT (self));
  g_return_if_fail (token_url != NULL);
  g_return_if_fail (refresh_token != NULL);

  exchange = cs_oauth2_exchange_new (self, CS_OAUTH2_EXCHANGE_TOKEN, "POST", token_url);
  cs_oauth2_exchange_add_secret (exchange, refresh_token);
  cs_oauth2_exchange_add (exchange, "grant_type", "refresh_token");
  cs_oauth2_exchange_add (exchange, "refresh_token", refresh_token);
  if (scope != NULL && *scope != '\0')
    cs_oauth2_exchange_add (exchange, "scope", scope);
  cs_oauth2_exchange_start (exchange, cs_oauth2_client_refresh_async, cancellable, callback,
                            user_data);
}

/* RFC 6749 §4.4 (X: POST https://api.x.com/oauth2/token with Basic). */
void
cs_oauth2_client_client_credentials_async (CsOAuth2Client      *self,
                                           const char          *token_url,
                                           const char          *scope,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  CsOAuth2Exchange *exchange;

  g_return_if_fail (CS_IS_OAUTH2_CLIENT (self));
  g_return_if_fail (token_url != NULL);

  exchange = cs_oauth2_exchange_new (self, CS_OAUTH2_EXCHANGE_TOKEN, "POST", token_url);
  cs_oauth2_exchange_add (exchange, "grant_type", "client_credentials");
  if (scope != NULL && *scope != '\0')
    cs_oauth2_exchange_add (exchange, "scope", scope);
  cs_oauth2_exchange_start (exchange, cs_oauth2_client_client_credentials_async, cancellable,
                            callback, user_data);
}

/* X's "Migrating OAuth 1.0a user tokens to OAuth 2.0"
 * (https://docs.x.com/fundamentals/authentication/oauth-2-0/oauth-1-0a-token-exchange, read
 * as xdevplatform/docs fundamentals/authentication/oauth-2-0/oauth-1-0a-token-exchange.mdx):
 * one POST to the token endpoint refreshes use, application/x-www-form-urlencoded, with
 *   grant_type=urn:ietf:params:oauth:grant-type:token-exchange
 *   subject_token=<the OAuth 1.0a access token>
 *   subject_token_type=urn:x:params:oauth:token-type:oauth1_token
 *   oauth_token_secret=<its token secret>
 *   (scope: optional, a subset of what the 1.0a permission maps to; not sent here)
 * Confidential clients: Basic with the OAuth 2.0 client ID and secret; public clients:
 * client_id in the body. No OAuth 1.0a signature: the consumer key and secret are not used. */
void
cs_oauth2_client_exchange_oauth1_async (CsOAuth2Client      *self,
                                        const char          *token_url,
                                        const char          *consumer_key,
                                        const char          *consumer_secret,
                                        const char          *token,
                                        const char          *token_secret,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  CsOAuth2Exchange *exchange;

  g_return_if_fail (CS_IS_OAUTH2_CLIENT (self));
  g_return_if_fail (token_url != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (token_secret != NULL);

  exchange = cs_oauth2_exchange_new (self, CS_OAUTH2_EXCHANGE_TOKEN, "POST", token_url);
  cs_oauth2_exchange_add_secret (exchange, token);
  cs_oauth2_exchange_add_secret (exchange, token_secret);
  cs_oauth2_exchange_add_secret (exchange, consumer_secret);
  cs_oauth2_exchange_add (exchange, "grant_type", CS_OAUTH2_TOKEN_EXCHANGE_GRANT);
  cs_oauth2_exchange_add (exchange, "subject_token", token);
  cs_oauth2_exchange_add (exchange, "subject_token_type", CS_OAUTH2_X_OAUTH1_TOKEN_TYPE);
  cs_oauth2_exchange_add (exchange, "oauth_token_secret", token_secret);
  cs_oauth2_exchange_start (exchange, cs_oauth2_client_exchange_oauth1_async, cancellable,
                            callback, user_data);
}

/* RFC 7009 §2.1. */
void
cs_oauth2_client_revoke_async (CsOAuth2Client      *self,
                               const char          *revoke_url,
                               const char          *token,
                               const char          *hint,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CsOAuth2Exchange *exchange;

  g_return_if_fail (CS_IS_OAUTH2_CLIENT (self));
  g_return_if_fail (revoke_url != NULL);
  g_return_if_fail (token != NULL);

  exchange = cs_oauth2_exchange_new (self, CS_OAUTH2_EXCHANGE_REVOKE, "POST", revoke_url);
  cs_oauth2_exchange_add_secret (exchange, token);
  cs_oauth2_exchange_add (exchange, "token", token);
  if (hint != NULL && *hint != '\0')
    cs_oauth2_exchange_add (exchange, "token_type_hint", hint);
  cs_oauth2_exchange_start (exchange, cs_oauth2_client_revoke_async, cancellable, callback,
                            user_data);
}

/* X's POST oauth2/invalidate_token: access_token=BEARER, the app's credentials in Basic. */
void
cs_oauth2_client_invalidate_async (CsOAuth2Client      *self,
                                   const char          *invalidate_url,
                                   const char          *bearer,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CsOAuth2Exchange *exchange;

  g_return_if_fail (CS_IS_OAUTH2_CLIENT (self));
  g_return_if_fail (invalidate_url != NULL);
  g_return_if_fail (bearer != NULL);

  exchange = cs_oauth2_exchange_new (self, CS_OAUTH2_EXCHANGE_REVOKE, "POST", invalidate_url);
  cs_oauth2_exchange_add_secret (exchange, bearer);
  cs_oauth2_exchange_add (exchange, "access_token", bearer);
  cs_oauth2_exchange_start (exchange, cs_oauth2_client_invalidate_async, cancellable, callback,
                            user_data);
}

void
cs_oauth2_client_call_async (CsOAuth2Client      *self,
                             const char          *method,
                             const char          *url,
                             const char          *bearer,
                             const char          *body,
                             const char          *content_type,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CsOAuth2Exchange *exchange;

  g_return_if_fail (CS_IS_OAUTH2_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (bearer != NULL);

  exchange = cs_oauth2_exchange_new (self, CS_OAUTH2_EXCHANGE_CALL,
                                     method != NULL ? method : "GET", url);
  cs_oauth2_exchange_set_call (exchange, bearer, body, content_type);
  cs_oauth2_exchange_start (exchange, cs_oauth2_client_call_async, cancellable, callback,
                            user_data);
}
