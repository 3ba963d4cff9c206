/* cs-oauth2-request.h — one authorization request: PKCE, state, redirect_uri
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * A request makes its own code_verifier (RFC 7636) and state from a CSPRNG, builds the
 * authorization URL (RFC 6749 §4.1.1) and checks the redirect the browser comes back with
 * (§4.1.2): matched by state, for its own redirect_uri, once. It never exchanges anything:
 * that is cs_oauth2_client_exchange_code_async ().
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CS_TYPE_OAUTH2_REQUEST (cs_oauth2_request_get_type ())

G_DECLARE_FINAL_TYPE (CsOAuth2Request, cs_oauth2_request, CS, OAUTH2_REQUEST, GObject)

/* Fresh verifier and state. @scope: space-separated, nullable. @authorize_url: http(s),
 * with a host; @redirect_uri: an absolute URI without a fragment. Errors: INVALID_URL. */
CsOAuth2Request *cs_oauth2_request_new         (const char       *authorize_url,
                                                const char       *client_id,
                                                const char       *redirect_uri,
                                                const char       *scope,
                                                GError          **error);
/* response_type=code, client_id, redirect_uri, scope (when given), state, code_challenge,
 * code_challenge_method=S256, after the authorize URL's own query if it has one. */
const char *cs_oauth2_request_get_url          (CsOAuth2Request  *self);
const char *cs_oauth2_request_get_state        (CsOAuth2Request  *self);
const char *cs_oauth2_request_get_redirect_uri (CsOAuth2Request  *self);
const char *cs_oauth2_request_get_client_id    (CsOAuth2Request  *self);
/* NULL when none was asked for. */
const char *cs_oauth2_request_get_scope        (CsOAuth2Request  *self);
/* A secret: never shown or logged. */
const char *cs_oauth2_request_get_code_verifier(CsOAuth2Request  *self);
/* Whether the request has given out its code already. */
gboolean    cs_oauth2_request_get_used         (CsOAuth2Request  *self);

/* The redirect the browser came back with (a whole address, or just its query): returns the
 * code (free with cs_secret_free) when the state matches and a code is there; else NULL and
 * DENIED (error=access_denied), REJECTED (another error=, with error_description and what to
 * change), CALLBACK (state missing or wrong, no code, an address for another redirect_uri, a
 * malformed query, or a second redirect: a request gives out its code once). A redirect whose
 * state matches ends the request, whatever it says. Never exchanges anything. */
char       *cs_oauth2_request_take_redirect    (CsOAuth2Request  *self,
                                                const char       *address_or_query,
                                                GError          **error);

G_END_DECLS
