/* test-signer.c — the published signature vectors, header format, nonces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"
#include "cs-test-vectors.h"

static CsSignature *
sign_vector (JsonObject *v,
             GError    **error)
{
  CsSignOptions options;
  g_autofree char *pem = NULL;
  const char *key_file = cs_test_member (v, "private_key_file");
  CsSignature *sig;

  cs_sign_options_init (&options);
  options.consumer_key = cs_test_member (v, "consumer_key");
  options.consumer_secret = cs_test_member (v, "consumer_secret");
  options.token = cs_test_member (v, "token");
  options.token_secret = cs_test_member (v, "token_secret");
  options.callback = cs_test_member (v, "callback");
  options.verifier = cs_test_member (v, "verifier");
  options.realm = cs_test_member (v, "realm");
  options.nonce = cs_test_member (v, "nonce");
  options.timestamp = cs_test_member (v, "timestamp");
  options.omit_version = cs_test_member (v, "version") == NULL;
  g_assert_true (cs_signature_method_from_string (cs_test_member (v, "signature_method"),
                                                  &options.method));
  if (key_file != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", key_file, NULL);

      g_assert_true (g_file_get_contents (path, &pem, NULL, NULL));
      options.private_key_pem = pem;
    }
  sig = cs_sign (cs_test_member (v, "method"), cs_test_member (v, "url"),
                 cs_test_member (v, "body"), &options, error);
  return sig;
}

static void
test_vectors (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *vectors = cs_test_load_vectors (&parser);

  g_assert_cmpuint (json_array_get_length (vectors), >=, 7);
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsSignature) sig = NULL;
      g_autoptr(GPtrArray) parsed = NULL;
      g_autofree char *realm = NULL;

      g_test_message ("vector %s", cs_test_member (v, "name"));
      sig = sign_vector (v, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sig->base_string, ==, cs_test_member (v, "base_string"));
      g_assert_cmpstr (sig->signature, ==, cs_test_member (v, "signature"));

      /* The header carries the same signature, once more encoded, and the realm. */
      parsed = cs_authorization_header_parse (sig->header, &realm, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cs_param_list_get (parsed, "oauth_signature"), ==, sig->signature);
      g_assert_cmpstr (realm, ==, cs_test_member (v, "realm"));
      g_assert_cmpuint (cs_param_list_count (parsed, "oauth_version"), ==,
                        cs_test_member (v, "version") ? 1 : 0);
    }
}

static void
test_header_format (void)
{
  CsSignOptions options;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(GError) error = NULL;

  cs_sign_options_init (&options);
  options.consumer_key = "dpf43f3p2l4k3l03";
  options.consumer_secret = "kd94hf93k423kf44";
  options.method = CS_SIGNATURE_METHOD_PLAINTEXT;
  options.realm = "Photos";
  options.callback = "http://printer.example.com/ready";
  options.nonce = "wIjqoS";
  options.timestamp = "137131200";
  sig = cs_sign ("post", "https://photos.example.net/initiate", NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sig->signature, ==, "kd94hf93k423kf44&");
  g_assert_cmpstr (sig->header, ==,
                   "OAuth realm=\"Photos\", "
                   "oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\", "
                   "oauth_consumer_key=\"dpf43f3p2l4k3l03\", "
                   "oauth_nonce=\"wIjqoS\", "
                   "oauth_signature=\"kd94hf93k423kf44%26\", "
                   "oauth_signature_method=\"PLAINTEXT\", "
                   "oauth_timestamp=\"137131200\", "
                   "oauth_version=\"1.0\"");
  g_assert_true (g_str_has_prefix (sig->base_string, "POST&"));
}

/* The seed: header-based OAuth puts no oauth_* parameter into the body or the query, and
 * nothing but the header changes; the signature of the seed's request verifies. */
static void
test_seed_request (void)
{
  CsSignOptions options;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;

  cs_sign_options_init (&options);
  options.consumer_key = "OqEqJeafRSF11jBMStrZz";
  options.consumer_secret = "not-the-real-secret";
  options.callback = "http://myapp.com:3005/twitter/process_callback";
  sig = cs_sign ("POST", "https://api.twitter.com/oauth/request_token", NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sig->header, "OAuth oauth_callback=\"http%3A%2F%2Fmyapp.com"
                                                "%3A3005%2Ftwitter%2Fprocess_callback\", "));
  g_assert_nonnull (strstr (sig->header, "oauth_signature_method=\"HMAC-SHA1\""));
  parsed = cs_authorization_header_parse (sig->header, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 7);
  g_assert_true (cs_signature_verify (CS_SIGNATURE_METHOD_HMAC_SHA1, sig->base_string,
                                      cs_param_list_get (parsed, "oauth_signature"),
                                      "not-the-real-secret", NULL));
  g_assert_false (cs_signature_verify (CS_SIGNATURE_METHOD_HMAC_SHA1, sig->base_string,
                                       cs_param_list_get (parsed, "oauth_signature"),
                                       "wrong-secret", NULL));
}

static void
test_timestamp_offset (void)
{
  CsSignOptions options;
  g_autoptr(CsSignature) sig = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 ts;

  cs_sign_options_init (&options);
  options.consumer_key = "key";
  options.timestamp_offset = 3600;
  sig = cs_sign ("GET", "https://example.com/", NULL, &options, NULL);
  ts = g_ascii_strtoll (sig->timestamp, NULL, 10);
  g_assert_cmpint (ts, >=, now + 3600);
  g_assert_cmpint (ts, <=, now + 3602);
}

static void
test_nonces (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 100000; i++)
    {
      char *nonce = cs_nonce_new ();

      g_assert_cmpuint (strlen (nonce), >=, 32);
      for (const char *p = nonce; *p; p++)
        g_assert_true (g_ascii_isalnum (*p));
      g_assert_false (g_hash_table_contains (seen, nonce));
      g_hash_table_add (seen, nonce);
    }
}

static void
test_bad_input (void)
{
  CsSignOptions options;
  g_autoptr(GError) error = NULL;

  cs_sign_options_init (&options);
  options.consumer_key = "kéy";
  g_assert_null (cs_sign ("GET", "https://example.com/", NULL, &options, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  options.consumer_key = "key";
  g_assert_null (cs_sign ("GET", "https://example.com/?a=%zz", NULL, &options, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "query"));
  g_clear_error (&error);

  g_assert_null (cs_sign ("POST", "https://example.com/", "a=%", &options, &error));
  g_assert_nonnull (strstr (error->message, "body"));
  g_clear_error (&error);

  options.method = CS_SIGNATURE_METHOD_RSA_SHA1;
  g_assert_null (cs_sign ("GET", "https://example.com/", NULL, &options, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY);
  g_clear_error (&error);

  options.private_key_pem = "-----BEGIN RSA PRIVATE KEY-----\nnonsense\n-----END RSA PRIVATE KEY-----\n";
  g_assert_null (cs_sign ("GET", "https://example.com/", NULL, &options, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY);
}

static void
test_header_parse_errors (void)
{
  static const char *bad[] = {
    "Basic abc", "OAuth a", "OAuth a=b", "OAuth a=\"b", "OAuth a=\"b\" c=\"d\"",
    "OAuth a=\"%zz\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (cs_authorization_header_parse (bad[i], NULL, &error));
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/signer/vectors", test_vectors);
  g_test_add_func ("/signer/header-format", test_header_format);
  g_test_add_func ("/signer/seed-request", test_seed_request);
  g_test_add_func ("/signer/timestamp-offset", test_timestamp_offset);
  g_test_add_func ("/signer/nonces", test_nonces);
  g_test_add_func ("/signer/bad-input", test_bad_input);
  g_test_add_func ("/signer/header-parse-errors", test_header_parse_errors);
  return g_test_run ();
}
