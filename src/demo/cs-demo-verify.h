/* cs-demo-verify.h — the demo provider checks a signed OAuth 1.0a request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a strict provider checks, in Twitter's order and with Twitter's answers:
 * 1. an Authorization header that parses, each protocol parameter in it once
 *    (else 400, code 215 "Bad Authentication data.");
 * 2. the demo consumer key, a signature, a nonce, a signature method the demo takes (not
 *    RSA-SHA1), and oauth_version absent or "1.0" (else 401, code 32);
 * 3. oauth_timestamp within CS_DEMO_TIMESTAMP_WINDOW of the provider's clock (else 401,
 *    code 135);
 * 4. the token the endpoint needs, known (else 401, code 89);
 * 5. the signature, recomputed from what was received: the URL as the client addressed us,
 *    the query, a form body, and the header's parameters (else 401, code 32);
 * 6. a nonce not used before with that timestamp (else 401, code 32). Only a correctly
 *    signed request uses up its nonce; nonces are forgotten once their timestamp has left
 *    the window, as then they cannot be replayed anyway.
 * A request whose query has `debug_sbs=1` is refused at step 5 as PECL-based providers do:
 * 401 `oauth_problem=signature_invalid&debug_sbs=` and the base string the demo signed;
 * `debug_sbs=proxy` also signs as a provider behind a TLS proxy would (https:// for the
 * http:// it was sent), so that the base strings differ (issue 14, point 6).
 */
#pragma once

#include <libsoup/soup.h>

#include "cs-demo-private.h"
#include "cs-demo-tokens.h"

G_BEGIN_DECLS

/* What one request carried, once it checked out. */
typedef struct
{
  GPtrArray  *oauth;   /* protocol parameters from the header */
  const char *token;   /* oauth_token, borrowed from @oauth; may be NULL for CS_DEMO_TOKEN_NONE */
  char       *base_string; /* the demo's, kept for a debug_sbs answer */
} CsDemoVerified;

void     cs_demo_verified_clear (CsDemoVerified *verified);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsDemoVerified, cs_demo_verified_clear)

/* Checks @msg for an endpoint that takes a token of @kind. On success fills @out (which
 * starts zeroed; clear it with cs_demo_verified_clear()); on failure sends the error answer
 * and returns FALSE. */
gboolean cs_demo_verify_request (CsDemoProvider    *self,
                                 SoupServerMessage *msg,
                                 CsDemoTokenKind    kind,
                                 CsDemoVerified    *out);

G_END_DECLS
