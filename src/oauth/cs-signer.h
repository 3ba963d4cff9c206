/* cs-signer.h — OAuth 1.0a request signing (RFC 5849 §3.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_sign() signs one request, from its method, URL, form body and credentials to the
 * finished `Authorization` header. It ties the parts of the signer, whose headers this one
 * includes: the URL and its base string URI (cs-url.h), the base string (cs-base-string.h),
 * the signature methods (cs-signature.h) and the header (cs-auth-header.h), all written with
 * the one percent codec (cs-percent.h).
 */
#pragma once

#include <glib.h>

#include "cs-auth-header.h"
#include "cs-base-string.h"
#include "cs-percent.h"
#include "cs-signature.h"
#include "cs-url.h"

G_BEGIN_DECLS

/**
 * CsSignOptions:
 * @consumer_key: the consumer key (printable ASCII)
 * @consumer_secret: the consumer secret, or %NULL for ""
 * @token: the request or access token, or %NULL to send no `oauth_token`
 * @token_secret: its secret, or %NULL for ""
 * @callback: `oauth_callback` (a URL or `oob`), or %NULL to send none
 * @verifier: `oauth_verifier`, or %NULL to send none
 * @realm: the header's `realm`, or %NULL; never signed
 * @method: the signature method
 * @private_key_pem: for RSA-SHA1 and RSA-SHA256, the PEM private key (PKCS#1 or PKCS#8)
 * @nonce: a fixed nonce (ASCII), or %NULL for a fresh random one
 * @timestamp: a fixed timestamp, or %NULL for now plus @timestamp_offset
 * @timestamp_offset: seconds added to the local clock (clock-skew correction)
 * @omit_version: do not send `oauth_version="1.0"`
 * @body_hash: `oauth_body_hash` (from cs_body_hash_compute()) for a body that is not
 *   form-encoded, or %NULL to send none; it is signed like every protocol parameter
 *
 * Initialise with cs_sign_options_init(); the strings are borrowed.
 */
typedef struct
{
  const char        *consumer_key;
  const char        *consumer_secret;
  const char        *token;
  const char        *token_secret;
  const char        *callback;
  const char        *verifier;
  const char        *realm;
  CsSignatureMethod  method;
  const char        *private_key_pem;
  const char        *nonce;
  const char        *timestamp;
  gint64             timestamp_offset;
  gboolean           omit_version;
  const char        *body_hash;
} CsSignOptions;

/**
 * CsSignature:
 * @header: the `Authorization` header value, starting with `OAuth `
 * @base_string: the signature base string
 * @signature: the raw signature (base64 for HMAC and RSA; `secret&secret` for PLAINTEXT)
 * @nonce: the nonce that was used
 * @timestamp: the timestamp that was used
 */
typedef struct
{
  char *header;
  char *base_string;
  char *signature;
  char *nonce;
  char *timestamp;
} CsSignature;

void         cs_sign_options_init            (CsSignOptions       *options);

CsSignature *cs_sign                         (const char          *http_method,
                                              const char          *url,
                                              const char          *form_body,
                                              const CsSignOptions *options,
                                              GError             **error);
void         cs_signature_free               (CsSignature         *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSignature, cs_signature_free)

G_END_DECLS
