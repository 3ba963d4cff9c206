/* cs-signature.c — HMAC-SHA1/256/512, RSA-SHA1/256 and PLAINTEXT (RFC 5849 §3.4.2–3.4.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-percent-private.h"
#include "cs-signature.h"
#include "cs-signature-private.h"

#define NONCE_LENGTH 32

static gsize base64_encode (const guchar *data, gsize len, char *out);

static const char *method_names[] = {
  [CS_SIGNATURE_METHOD_HMAC_SHA1] = "HMAC-SHA1",
  [CS_SIGNATURE_METHOD_HMAC_SHA256] = "HMAC-SHA256",
  [CS_SIGNATURE_METHOD_PLAINTEXT] = "PLAINTEXT",
  [CS_SIGNATURE_METHOD_RSA_SHA1] = "RSA-SHA1",
  [CS_SIGNATURE_METHOD_HMAC_SHA512] = "HMAC-SHA512",
  [CS_SIGNATURE_METHOD_RSA_SHA256] = "RSA-SHA256",
};

const char *
cs_signature_method_to_string (CsSignatureMethod method)
{
  g_return_val_if_fail (method <= CS_SIGNATURE_METHOD_LAST, NULL);

  return method_names[method];
}

gboolean
cs_signature_method_is_rsa (CsSignatureMethod method)
{
  return method == CS_SIGNATURE_METHOD_RSA_SHA1 || method == CS_SIGNATURE_METHOD_RSA_SHA256;
}

char *
cs_body_hash_compute (CsSignatureMethod  method,
                      const void        *body,
                      gsize              len)
{
  gnutls_digest_algorithm_t algorithm = GNUTLS_DIG_SHA1;
  guchar digest[64];
  char b64[96];

  if (method == CS_SIGNATURE_METHOD_HMAC_SHA256 || method == CS_SIGNATURE_METHOD_RSA_SHA256)
    algorithm = GNUTLS_DIG_SHA256;
  else if (method == CS_SIGNATURE_METHOD_HMAC_SHA512)
    algorithm = GNUTLS_DIG_SHA512;
  if (gnutls_hash_fast (algorithm, body != NULL ? body : "", len, digest) < 0)
    g_error ("The hash function failed");
  base64_encode (digest, gnutls_hash_get_len (algorithm), b64);
  return g_strdup (b64);
}

gboolean
cs_signature_method_from_string (const char        *name,
                                 CsSignatureMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (g_ascii_strcasecmp (name, method_names[i]) == 0)
      {
        *method = (CsSignatureMethod) i;
        return TRUE;
      }
  return FALSE;
}

/* Rejection sampling keeps the letters and digits uniform. */
char *
cs_nonce_new (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *nonce = g_malloc (NONCE_LENGTH + 1);
  guint n = 0;

  while (n < NONCE_LENGTH)
    {
      guchar buf[48];

      if (gnutls_rnd (GNUTLS_RND_NONCE, buf, sizeof buf) < 0)
        g_error ("The system random number generator failed");
      for (guint i = 0; i < sizeof buf && n < NONCE_LENGTH; i++)
        if (buf[i] < 248) /* 248 = 4 × 62 */
          nonce[n++] = alphabet[buf[i] % 62];
    }
  nonce[NONCE_LENGTH] = '\0';
  return nonce;
}

/* The key of §3.4.2 and §3.4.4, encoded secret & encoded secret, in @stack when it fits.
 * Wipe and free it with key_free(). */
static char *
signing_key (const char *consumer_secret,
             const char *token_secret,
             char       *stack,
             gsize       stack_size,
             gsize      *out_len)
{
  gsize cs_len;
  gsize ts_len;
  gsize size;
  char *key;
  char *q;

  consumer_secret = consumer_secret ? consumer_secret : "";
  token_secret = token_secret ? token_secret : "";
  cs_len = strlen (consumer_secret);
  ts_len = strlen (token_secret);
  size = 3 * (cs_len + ts_len) + 1 + CS_PERCENT_SLACK;
  key = size <= stack_size ? stack : g_malloc (size);
  q = cs_percent_put_encoded (key, cs_percent_once, consumer_secret, cs_len);
  *q++ = '&';
  q = cs_percent_put_encoded (q, cs_percent_once, token_secret, ts_len);
  *out_len = q - key;
  /* Table writes may have left encoded bytes past the end: wipe those too. */
  explicit_bzero (q, MIN (CS_PERCENT_SLACK, size - *out_len));
  *q = '\0';
  return key;
}

static void
key_free (char *key,
          gsize key_len,
          char *stack)
{
  explicit_bzero (key, key_len + 1);
  if (key != stack)
    g_free (key);
}

/* Standard base64 with padding (RFC 4648 §4), of at most 64 bytes, into @out. */
static gsize
base64_encode (const guchar *data,
               gsize         len,
               char         *out)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char *q = out;
  gsize i = 0;

  for (; i + 3 <= len; i += 3)
    {
      guint32 v = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8 | data[i + 2];

      *q++ = alphabet[v >> 18];
      *q++ = alphabet[(v >> 12) & 63];
      *q++ = alphabet[(v >> 6) & 63];
      *q++ = alphabet[v & 63];
    }
  if (i < len)
    {
      guint32 v = (guint32) data[i] << 16 | (i + 1 < len ? (guint32) data[i + 1] << 8 : 0);

      *q++ = alphabet[v >> 18];
      *q++ = alphabet[(v >> 12) & 63];
      *q++ = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
      *q++ = '=';
    }
  *q = '\0';
  return q - out;
}

static char *
sign_rsa (gnutls_digest_algorithm_t digest,
          const char               *base_string,
          gsize                     base_len,
          const char               *private_key_pem,
          GError                  **error)
{
  gnutls_privkey_t key = NULL;
  gnutls_datum_t pem;
  gnutls_datum_t data = { (unsigned char *) base_string, base_len };
  gnutls_datum_t sig = { NULL, 0 };
  char *result = NULL;
  int ret;

  if (private_key_pem == NULL || *private_key_pem == '\0')
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                           digest == GNUTLS_DIG_SHA1
                             ? _("RSA-SHA1 needs a PEM private key")
                             : _("RSA-SHA256 needs a PEM private key"));
      return NULL;
    }

  pem.data = (unsigned char *) private_key_pem;
  pem.size = strlen (private_key_pem);
  if ((ret = gnutls_privkey_init (&key)) < 0 ||
      (ret = gnutls_privkey_import_x509_raw (key, &pem, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                 _("The private key is not a readable PEM RSA key: %s"), gnutls_strerror (ret));
  else if (gnutls_privkey_get_pk_algorithm (key, NULL) != GNUTLS_PK_RSA)
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                 _("The private key is not an RSA key"));
  else if ((ret = gnutls_privkey_sign_data (key, digest, 0, &data, &sig)) < 0)
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                 _("Signing with the RSA key failed: %s"), gnutls_strerror (ret));
  else
    result = g_base64_encode (sig.data, sig.size);

  gnutls_free (sig.data);
  if (key != NULL)
    gnutls_privkey_deinit (key);
  return result;
}

static char *
sign_hmac (gnutls_mac_algorithm_t mac,
           gsize                  digest_len,
           const char            *base_string,
           gsize                  base_len,
           const char            *consumer_secret,
           const char            *token_secret,
           GError               **error)
{
  char stack_key[256];
  guchar digest[64];
  char b64[96];
  char *key;
  gsize key_len;
  int ret;

  key = signing_key (consumer_secret, token_secret, stack_key, sizeof stack_key, &key_len);
  ret = gnutls_hmac_fast (mac, key, key_len, base_string, base_len, digest);
  key_free (key, key_len, stack_key);
  if (ret < 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY, _("HMAC computation failed"));
      return NULL;
    }
  base64_encode (digest, digest_len, b64);
  explicit_bzero (digest, sizeof digest);
  return g_strdup (b64);
}

char *
cs_signature_compute_len (CsSignatureMethod method,
                          const char       *base_string,
                          gsize             base_len,
                          const char       *consumer_secret,
                          const char       *token_secret,
                          const char       *private_key_pem,
                          GError          **error)
{
  char stack_key[256];
  char *key;
  gsize key_len;
  char *result;

  switch (method)
    {
    case CS_SIGNATURE_METHOD_HMAC_SHA1:
      return sign_hmac (GNUTLS_MAC_SHA1, 20, base_string, base_len, consumer_secret,
                        token_secret, error);
    case CS_SIGNATURE_METHOD_HMAC_SHA256:
      return sign_hmac (GNUTLS_MAC_SHA256, 32, base_string, base_len, consumer_secret,
                        token_secret, error);
    case CS_SIGNATURE_METHOD_PLAINTEXT:
      key = signing_key (consumer_secret, token_secret, stack_key, sizeof stack_key, &key_len);
      result = g_strndup (key, key_len);
      key_free (key, key_len, stack_key);
      return result;
    case CS_SIGNATURE_METHOD_HMAC_SHA512:
      return sign_hmac (GNUTLS_MAC_SHA512, 64, base_string, base_len, consumer_secret,
                        token_secret, error);
    case CS_SIGNATURE_METHOD_RSA_SHA1:
      return sign_rsa (GNUTLS_DIG_SHA1, base_string, base_len, private_key_pem, error);
    case CS_SIGNATURE_METHOD_RSA_SHA256:
      return sign_rsa (GNUTLS_DIG_SHA256, base_string, base_len, private_key_pem, error);
    default:
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_UNSUPPORTED_METHOD,
                   _("Unknown signature method"));
      return NULL;
    }
}

char *
cs_signature_compute (CsSignatureMethod method,
                      const char       *base_string,
                      const char       *consumer_secret,
                      const char       *token_secret,
                      const char       *private_key_pem,
                      GError          **error)
{
  g_return_val_if_fail (base_string != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return cs_signature_compute_len (method, base_string, strlen (base_string), consumer_secret,
                                   token_secret, private_key_pem, error);
}

gboolean
cs_signature_verify (CsSignatureMethod method,
                     const char       *base_string,
                     const char       *signature,
                     const char       *consumer_secret,
                     const char       *token_secret)
{
  char *expected;
  gsize a_len;
  gsize b_len;
  guchar diff;

  g_return_val_if_fail (base_string != NULL, FALSE);

  if (signature == NULL || cs_signature_method_is_rsa (method))
    return FALSE;
  expected = cs_signature_compute (method, base_string, consumer_secret, token_secret, NULL,
                                   NULL);
  if (expected == NULL)
    return FALSE;

  a_len = strlen (expected);
  b_len = strlen (signature);
  diff = a_len != b_len;
  for (gsize i = 0; i < MIN (a_len, b_len); i++)
    diff |= (guchar) expected[i] ^ (guchar) signature[i];
  cs_secret_free (expected);
  return diff == 0;
}
