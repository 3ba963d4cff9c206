/* cs-oauth-client.h — the OAuth 1.0a exchanges (request token, access token, signed calls)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Each exchange is signed (cs-signer), sent through the client's CsTransport (one
 * SoupSession and its policy: TLS, redirects, body cap, timeouts, proxies; see
 * cs-transport.h), and its answer parsed (cs-token-answer). An answer that says our clock is
 * off (the provider's Date header) is signed again with the corrected timestamp and sent once
 * more.
 *
 * Errors are in CS_OAUTH_ERROR. Their messages are meant for the user as they are: they
 * name the HTTP status, quote the provider's own text and add an explanation of what to do
 * (Twitter codes 32, 89, 135, 215, 415, 416, 417…). They never contain a secret.
 */
#pragma once

#include <gio/gio.h>

#include "cs-credentials.h"
#include "cs-provider.h"
#include "cs-transport.h"
#include "cs-url-rules.h"
#include "cs-verifier-advice.h"

G_BEGIN_DECLS

#define CS_TYPE_OAUTH_CLIENT (cs_oauth_client_get_type ())

G_DECLARE_FINAL_TYPE (CsOAuthClient, cs_oauth_client, CS, OAUTH_CLIENT, GObject)

/* The consumer side of every request. */
typedef struct
{
  const char *key;
  const char *secret;
  const char *private_key_pem; /* RSA-SHA1 only */
} CsConsumer;

CsOAuthClient *cs_oauth_client_new                      (void);
/* The transport the client sends through (transfer none): its timeout and insecure-http
 * setting are the ones below. */
CsTransport   *cs_oauth_client_get_transport            (CsOAuthClient *self);
/* Seconds; 30 by default. */
void           cs_oauth_client_set_timeout              (CsOAuthClient *self,
                                                         guint          seconds);
guint          cs_oauth_client_get_timeout              (CsOAuthClient *self);
/* Plain http to a host that is not loopback is refused unless this is set. */
void           cs_oauth_client_set_allow_insecure_http  (CsOAuthClient *self,
                                                         gboolean       allow);
/* The clock-skew correction learnt from the provider's Date header, in seconds. */
gint64         cs_oauth_client_get_clock_offset         (CsOAuthClient *self);
void           cs_oauth_client_set_clock_offset         (CsOAuthClient *self,
                                                         gint64         offset);

/* @callback: "oob" or a URL; @access_type: NULL, "read" or "write". */
void           cs_oauth_client_request_token_async      (CsOAuthClient       *self,
                                                         CsProvider          *provider,
                                                         const CsConsumer    *consumer,
                                                         const char          *callback,
                                                         const char          *access_type,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback_func,
                                                         gpointer             user_data);
CsCredentials *cs_oauth_client_request_token_finish     (CsOAuthClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void           cs_oauth_client_access_token_async       (CsOAuthClient       *self,
                                                         CsProvider          *provider,
                                                         const CsConsumer    *consumer,
                                                         CsCredentials       *request_token,
                                                         const char          *verifier,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback_func,
                                                         gpointer             user_data);
/* The same, saying where @verifier came from (a PIN, the loopback callback, a callback
 * address), so that a refusal's advice and the empty-verifier error use those words; the
 * plain call says CS_VERIFIER_SOURCE_UNKNOWN. Finish with cs_oauth_client_access_token_finish. */
void           cs_oauth_client_access_token_from_async  (CsOAuthClient       *self,
                                                         CsProvider          *provider,
                                                         const CsConsumer    *consumer,
                                                         CsCredentials       *request_token,
                                                         const char          *verifier,
                                                         CsVerifierSource     source,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback_func,
                                                         gpointer             user_data);
CsCredentials *cs_oauth_client_access_token_finish      (CsOAuthClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* A signed call with the access token (test credentials, `countersign-cli call`).
 * Finishes with the body; @status gets the HTTP status. A status ≥ 400 is not an error
 * here: the caller decides. */
void           cs_oauth_client_call_async               (CsOAuthClient       *self,
                                                         CsProvider          *provider,
                                                         const CsConsumer    *consumer,
                                                         CsCredentials       *access_token,
                                                         const char          *http_method,
                                                         const char          *url,
                                                         const char          *form_body,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback_func,
                                                         gpointer             user_data);
GBytes        *cs_oauth_client_call_finish              (CsOAuthClient       *self,
                                                         GAsyncResult        *result,
                                                         guint               *status,
                                                         GError             **error);

/* The authorize (or, with @authenticate, authenticate) URL with oauth_token appended,
 * plus force_login / screen_name where the provider has them (@screen_name may be NULL). */
char          *cs_oauth_authorize_url                   (CsProvider          *provider,
                                                         CsCredentials       *request_token,
                                                         gboolean             authenticate,
                                                         gboolean             force_login,
                                                         const char          *screen_name);

G_END_DECLS
