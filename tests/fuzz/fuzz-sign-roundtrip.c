/* fuzz-sign-roundtrip.c — sign, parse the header back, check it as a provider would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is two flag bytes and nul-separated fields (method, URL, body, consumer key and
 * secret, token and secret, callback, verifier, realm, nonce, timestamp). When cs_sign()
 * accepts them: the header parses, every oauth_* value in it is the one given (once), the
 * base string rebuilt from the URL, the body and the header is the signed one, and the
 * signature verifies (RSA-SHA1 with the public half of the test key).
 */
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>

#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"

enum
{
  HAS_TOKEN = 1 << 2,
  HAS_CALLBACK = 1 << 3,
  HAS_VERIFIER = 1 << 4,
  HAS_REALM = 1 << 5,
  OMIT_VERSION = 1 << 6,
  FIXED_NONCE = 1 << 7,
};

static char *rsa_key_pem;

static const char *
or_default (const char *field,
            const char *fallback)
{
  return field != NULL ? field : fallback;
}

static void
load_rsa_key (void)
{
  g_autoptr(GError) error = NULL;

  if (rsa_key_pem != NULL)
    return;
  g_file_get_contents (CS_FUZZ_RSA_KEY, &rsa_key_pem, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_rsa_verifies (const char *base_string,
                     const char *signature)
{
  gnutls_privkey_t priv;
  gnutls_pubkey_t pub;
  gnutls_datum_t pem = { (unsigned char *) rsa_key_pem, strlen (rsa_key_pem) };
  gnutls_datum_t data = { (unsigned char *) base_string, strlen (base_string) };
  gnutls_datum_t sig;
  gsize sig_len;
  guchar *raw = g_base64_decode (signature, &sig_len);

  sig.data = raw;
  sig.size = sig_len;
  g_assert_cmpint (gnutls_privkey_init (&priv), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509_raw (priv, &pem, GNUTLS_X509_FMT_PEM, NULL, 0),
                   ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&pub), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pub, priv, 0, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_verify_data2 (pub, GNUTLS_SIGN_RSA_SHA1,
                                               GNUTLS_VERIFY_ALLOW_BROKEN, &data, &sig),
                   >=, 0);
  gnutls_pubkey_deinit (pub);
  gnutls_privkey_deinit (priv);
  g_free (raw);
}

static void
assert_param (GPtrArray  *params,
              const char *name,
              const char *expected)
{
  if (expected == NULL)
    {
      g_assert_cmpuint (cs_param_list_count (params, name), ==, 0);
      return;
    }
  g_assert_cmpuint (cs_param_list_count (params, name), ==, 1);
  g_assert_cmpstr (cs_param_list_get (params, name), ==, expected);
}

/* The provider's side: the base string from what travels on the wire. */
static char *
rebuild_base_string (const char *http_method,
                     const char *url,
                     const char *body,
                     GPtrArray  *header_params)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = cs_base_string_uri (url, &error);

  g_assert_no_error (error);
  g_assert_true (cs_url_collect_params (url, params, &error));
  if (body != NULL)
    g_assert_true (cs_form_parse_append (params, body, -1, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < header_params->len; i++)
    {
      const CsParam *p = g_ptr_array_index (header_params, i);

      cs_param_list_add (params, p->name, p->value);
    }
  return cs_signature_base_string (http_method, base_uri, params);
}

static void
check_signature (const char          *http_method,
                 const char          *url,
                 const char          *body,
                 const CsSignOptions *options,
                 const CsSignature   *sig)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *realm = NULL;
  g_autofree char *rebuilt = NULL;
  const char *method_name = cs_signature_method_to_string (options->method);

  g_assert_true (g_str_has_prefix (sig->header, "OAuth "));
  params = cs_authorization_header_parse (sig->header, &realm, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (realm, ==, options->realm);

  assert_param (params, "oauth_consumer_key", options->consumer_key);
  assert_param (params, "oauth_token", options->token);
  assert_param (params, "oauth_callback", options->callback);
  assert_param (params, "oauth_verifier", options->verifier);
  assert_param (params, "oauth_signature_method", method_name);
  assert_param (params, "oauth_nonce", sig->nonce);
  assert_param (params, "oauth_timestamp", sig->timestamp);
  assert_param (params, "oauth_signature", sig->signature);
  assert_param (params, "oauth_version", options->omit_version ? NULL : "1.0");
  if (options->nonce != NULL)
    g_assert_cmpstr (sig->nonce, ==, options->nonce);
  if (options->timestamp != NULL)
    g_assert_cmpstr (sig->timestamp, ==, options->timestamp);
  g_assert_cmpuint (params->len, ==, 5 + (options->token != NULL) + (options->callback != NULL) +
                                       (options->verifier != NULL) + !options->omit_version);

  rebuilt = rebuild_base_string (http_method, url, body, params);
  g_assert_cmpstr (rebuilt, ==, sig->base_string);

  if (options->method == CS_SIGNATURE_METHOD_RSA_SHA1)
    assert_rsa_verifies (sig->base_string, sig->signature);
  else
    {
      g_autofree char *tampered = g_strconcat (sig->base_string, "x", NULL);

      g_assert_true (cs_signature_verify (options->method, rebuilt, sig->signature,
                                          options->consumer_secret, options->token_secret));
      if (options->method != CS_SIGNATURE_METHOD_PLAINTEXT)
        g_assert_false (cs_signature_verify (options->method, tampered, sig->signature,
                                             options->consumer_secret, options->token_secret));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  CsFuzzReader reader;
  CsSignOptions options;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(GError) error = NULL;
  const char *http_method;
  const char *url;
  const char *body;
  const char *field;
  guint8 flags;
  guint8 flags2;

  cs_fuzz_init ();
  load_rsa_key ();
  cs_fuzz_reader_init (&reader, data, size);
  cs_sign_options_init (&options);

  flags = cs_fuzz_reader_byte (&reader);
  flags2 = cs_fuzz_reader_byte (&reader);
  options.method = (CsSignatureMethod) (flags & 3);
  http_method = or_default (cs_fuzz_reader_string (&reader), "POST");
  if (*http_method == '\0')
    http_method = "GET";
  url = or_default (cs_fuzz_reader_string (&reader), "https://api.twitter.com/oauth/request_token");
  body = cs_fuzz_reader_string (&reader);
  if (!(flags2 & 2))
    body = NULL;
  options.consumer_key = or_default (cs_fuzz_reader_string (&reader), "cChZNFj6T5R0TigYB9yd1w");
  options.consumer_secret = cs_fuzz_reader_string (&reader);
  field = cs_fuzz_reader_string (&reader);
  options.token = (flags & HAS_TOKEN) ? or_default (field, "") : NULL;
  options.token_secret = cs_fuzz_reader_string (&reader);
  field = cs_fuzz_reader_string (&reader);
  options.callback = (flags & HAS_CALLBACK) ? or_default (field, "oob") : NULL;
  field = cs_fuzz_reader_string (&reader);
  options.verifier = (flags & HAS_VERIFIER) ? or_default (field, "") : NULL;
  field = cs_fuzz_reader_string (&reader);
  options.realm = (flags & HAS_REALM) ? or_default (field, "") : NULL;
  field = cs_fuzz_reader_string (&reader);
  options.nonce = (flags & FIXED_NONCE) ? or_default (field, "n") : NULL;
  field = cs_fuzz_reader_string (&reader);
  options.timestamp = (flags2 & 1) ? or_default (field, "1318622958") : NULL;
  options.omit_version = (flags & OMIT_VERSION) != 0;
  if (options.method == CS_SIGNATURE_METHOD_RSA_SHA1)
    options.private_key_pem = rsa_key_pem;

  sig = cs_sign (http_method, url, body, &options, &error);
  if (sig == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CS_OAUTH_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_assert_no_error (error);
      check_signature (http_method, url, body, &options, sig);
    }

  cs_fuzz_reader_clear (&reader);
  return 0;
}
