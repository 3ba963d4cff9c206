/* cs-signature.h — the signature methods of RFC 5849 §3.4.2–3.4.4, and nonces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HMAC-SHA1, HMAC-SHA256 and RSA-SHA1 sign the base string; PLAINTEXT sends the signing key
 * (encoded consumer secret `&` encoded token secret) itself. Signatures are secrets as long
 * as PLAINTEXT is possible: free them with cs_secret_free().
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

/* "HMAC-SHA1", "HMAC-SHA256", "PLAINTEXT", "RSA-SHA1"; from_string() ignores case. */
const char *cs_signature_method_to_string   (CsSignatureMethod  method);
gboolean    cs_signature_method_from_string (const char        *name,
                                             CsSignatureMethod *method);

/* 32 letters and digits from the system's CSPRNG. */
char       *cs_nonce_new                    (void);

/**
 * cs_signature_compute:
 * @private_key_pem: for RSA-SHA1, the PEM private key (PKCS#1 or PKCS#8)
 * @error: %CS_OAUTH_ERROR_KEY for an unusable key
 *
 * Returns: the raw signature of @base_string: base64 for HMAC and RSA, the signing key
 *   itself for PLAINTEXT. Free with cs_secret_free().
 */
char       *cs_signature_compute            (CsSignatureMethod  method,
                                             const char        *base_string,
                                             const char        *consumer_secret,
                                             const char        *token_secret,
                                             const char        *private_key_pem,
                                             GError           **error);
/* Compares the expected and the received signature in constant time (HMAC, PLAINTEXT; an
 * RSA-SHA1 signature is never accepted here). */
gboolean    cs_signature_verify             (CsSignatureMethod  method,
                                             const char        *base_string,
                                             const char        *signature,
                                             const char        *consumer_secret,
                                             const char        *token_secret);

G_END_DECLS
