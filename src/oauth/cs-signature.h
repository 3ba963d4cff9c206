/* cs-signature.h — the signature methods of RFC 5849 §3.4.2–3.4.4, and nonces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 (NetSuite), RSA-SHA1 and RSA-SHA256 (Mastercard) sign
 * the base string; PLAINTEXT sends the signing key
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
  CS_SIGNATURE_METHOD_HMAC_SHA512,
  CS_SIGNATURE_METHOD_RSA_SHA256,
} CsSignatureMethod;

#define CS_SIGNATURE_METHOD_LAST CS_SIGNATURE_METHOD_RSA_SHA256

/* "HMAC-SHA1", "HMAC-SHA256", "PLAINTEXT", "RSA-SHA1", "HMAC-SHA512", "RSA-SHA256";
 * from_string() ignores case. */
const char *cs_signature_method_to_string   (CsSignatureMethod  method);
gboolean    cs_signature_method_from_string (const char        *name,
                                             CsSignatureMethod *method);

/* RSA-SHA1 and RSA-SHA256 sign with a private key rather than the secrets. */
gboolean    cs_signature_method_is_rsa      (CsSignatureMethod  method);

/**
 * cs_body_hash_compute:
 * @method: the signature method whose hash is used: SHA-1 for HMAC-SHA1, RSA-SHA1 and
 *   PLAINTEXT, SHA-256 for HMAC-SHA256 and RSA-SHA256, SHA-512 for HMAC-SHA512
 * @body: (array length=len) (nullable): the raw body, as it is sent
 *
 * Returns: the `oauth_body_hash` value of the OAuth Request Body Hash draft (§3.2): base64 of
 *   the hash of the body, for a request whose body is not form-encoded.
 */
char       *cs_body_hash_compute            (CsSignatureMethod  method,
                                             const void        *body,
                                             gsize              len);

/* 32 letters and digits from the system's CSPRNG. */
char       *cs_nonce_new                    (void);

/**
 * cs_signature_compute:
 * @private_key_pem: for RSA-SHA1 and RSA-SHA256, the PEM private key (PKCS#1 or PKCS#8)
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
 * RSA signature is never accepted here). */
gboolean    cs_signature_verify             (CsSignatureMethod  method,
                                             const char        *base_string,
                                             const char        *signature,
                                             const char        *consumer_secret,
                                             const char        *token_secret);

G_END_DECLS
