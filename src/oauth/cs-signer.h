/* cs-signer.h — OAuth 1.0a request signing (RFC 5849 §3.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CS_SIGNATURE_METHOD_HMAC_SHA1,
  CS_SIGNATURE_METHOD_HMAC_SHA256,
  CS_SIGNATURE_METHOD_PLAINTEXT,
  CS_SIGNATURE_METHOD_RSA_SHA1,
} CsSignatureMethod;

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
 * @private_key_pem: for RSA-SHA1, the PEM private key (PKCS#1 or PKCS#8)
 * @nonce: a fixed nonce (ASCII), or %NULL for a fresh random one
 * @timestamp: a fixed timestamp, or %NULL for now plus @timestamp_offset
 * @timestamp_offset: seconds added to the local clock (clock-skew correction)
 * @omit_version: do not send `oauth_version="1.0"`
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

const char  *cs_signature_method_to_string   (CsSignatureMethod    method);
gboolean     cs_signature_method_from_string (const char          *name,
                                              CsSignatureMethod   *method);

char        *cs_nonce_new                    (void);

char        *cs_base_string_uri              (const char          *url,
                                              GError             **error);
gboolean     cs_url_collect_params           (const char          *url,
                                              GPtrArray           *params,
                                              GError             **error);
char        *cs_signature_base_string        (const char          *http_method,
                                              const char          *base_uri,
                                              GPtrArray           *params);
char        *cs_signature_compute            (CsSignatureMethod    method,
                                              const char          *base_string,
                                              const char          *consumer_secret,
                                              const char          *token_secret,
                                              const char          *private_key_pem,
                                              GError             **error);
gboolean     cs_signature_verify             (CsSignatureMethod    method,
                                              const char          *base_string,
                                              const char          *signature,
                                              const char          *consumer_secret,
                                              const char          *token_secret);

GPtrArray   *cs_authorization_header_parse   (const char          *header,
                                              char               **realm,
                                              GError             **error);

gboolean     cs_is_printable_ascii           (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSignature, cs_signature_free)

G_END_DECLS
