/* test-one-legged.c — what the one-legged APIs need beyond RFC 5849, and the base string diff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HMAC-SHA512 with a realm (NetSuite token-based authentication), RSA-SHA256 with a SHA-256
 * oauth_body_hash of a JSON body (Mastercard), the body hash values of the draft, the
 * requests that cannot be sent, and cs-base-string-diff (issue 14, points 5 and 6). The
 * expected values were computed with python3-oauthlib 3.2 (tests/crosscheck checks many more).
 */
#include <string.h>
#include <glib.h>

#include "cs-base-string-diff.h"
#include "cs-oauth-error.h"
#include "cs-signed-request.h"

static void
test_netsuite_hmac_sha512 (void)
{
  CsSignOptions options;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(GError) error = NULL;

  cs_sign_options_init (&options);
  options.consumer_key = "ck-netsuite";
  options.consumer_secret = "cs-secret";
  options.token = "tk-token";
  options.token_secret = "ts-secret";
  options.method = CS_SIGNATURE_METHOD_HMAC_SHA512;
  options.realm = "123456_SB1";
  options.nonce = "nonce123";
  options.timestamp = "1700000000";
  sig = cs_sign ("GET", "https://123456-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/"
                 "customer?limit=5", NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sig->signature, ==,
                   "6hMSFIg3BvLzGptqpvJm+2HfsFvj5yjNvIYFgnPxP1lMwOHeFgQ2IALnRioqKgJEFQDw7PWYSp"
                   "MrCA2wxySzzQ==");
  /* The realm leads the header and is not signed. */
  g_assert_true (g_str_has_prefix (sig->header, "OAuth realm=\"123456_SB1\", "));
  g_assert_null (strstr (sig->base_string, "realm"));
  g_assert_nonnull (strstr (sig->header, "oauth_signature_method=\"HMAC-SHA512\""));
  g_assert_true (cs_signature_verify (CS_SIGNATURE_METHOD_HMAC_SHA512, sig->base_string,
                                      sig->signature, "cs-secret", "ts-secret"));
}

static void
test_mastercard_rsa_sha256_body_hash (void)
{
  CsSignedRequest request;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "rsa-wiki-testcases.pem", NULL);

  g_assert_true (g_file_get_contents (path, &pem, NULL, NULL));
  cs_signed_request_init (&request);
  request.sign.consumer_key = "mc-key";
  request.sign.method = CS_SIGNATURE_METHOD_RSA_SHA256;
  request.sign.private_key_pem = pem;
  request.sign.nonce = "nonce456";
  request.sign.timestamp = "1700000001";
  request.http_method = "POST";
  request.url = "https://sandbox.api.mastercard.com/fraud/merchant/v3/termination-inquiry"
                "?Format=JSON";
  request.body = "{\"a\":1}";
  request.body_hash = TRUE;
  sig = cs_signed_request_sign (&request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sig->base_string, ==,
                   "POST&https%3A%2F%2Fsandbox.api.mastercard.com%2Ffraud%2Fmerchant%2Fv3%2F"
                   "termination-inquiry&Format%3DJSON%26oauth_body_hash%3DAVq9f1zFei3ZS3WQ8ErY"
                   "CEJzkF7jPsXOvq5iJ2qX%252BGI%253D%26oauth_consumer_key%3Dmc-key%26oauth_non"
                   "ce%3Dnonce456%26oauth_signature_method%3DRSA-SHA256%26oauth_timestamp%3D17"
                   "00000001%26oauth_version%3D1.0");
  g_assert_cmpstr (sig->signature, ==,
                   "L+/HfFjVz2SoEUV4nVvWapHY5uly9zKqGdm0VJ/G+AofntLAqm4dr/jogy6TLrxKnkR8y4Eaj8"
                   "YtxSomqECRbWuhwkbOoBhjvOZCKwilfKeWQE/IDVy3SOaAUvepZsNgD3Bz5Dr3mk3xJqZ/glo"
                   "zlc7U58QIeLFuzxZQerUzA6k=");
  g_assert_true (g_str_has_prefix (sig->header, "OAuth oauth_body_hash=\"AVq9f1zFei3ZS3WQ8ErY"
                                                "CEJzkF7jPsXOvq5iJ2qX%2BGI%3D\", "));
  /* An RSA signature is never accepted by the shared-secret check. */
  g_assert_false (cs_signature_verify (CS_SIGNATURE_METHOD_RSA_SHA256, sig->base_string,
                                       sig->signature, NULL, NULL));
}

static void
test_body_hash_values (void)
{
  const struct { CsSignatureMethod method; const char *body; const char *hash; } cases[] = {
    /* The draft's empty body, and oauthlib's SHA-1 of {"a":1}. */
    { CS_SIGNATURE_METHOD_HMAC_SHA1, "", "2jmj7l5rSw0yVb/vlWAYkK/YBwk=" },
    { CS_SIGNATURE_METHOD_RSA_SHA1, "{\"a\":1}", "n4nHQM60bXQYySSnisV5QdXpZSA=" },
    { CS_SIGNATURE_METHOD_PLAINTEXT, "{\"a\":1}", "n4nHQM60bXQYySSnisV5QdXpZSA=" },
    { CS_SIGNATURE_METHOD_HMAC_SHA256, "", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" },
    { CS_SIGNATURE_METHOD_RSA_SHA256, "{\"a\":1}",
      "AVq9f1zFei3ZS3WQ8ErYCEJzkF7jPsXOvq5iJ2qX+GI=" },
    { CS_SIGNATURE_METHOD_HMAC_SHA512, "",
      "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hash = cs_body_hash_compute (cases[i].method, cases[i].body,
                                                    strlen (cases[i].body));

      g_assert_cmpstr (hash, ==, cases[i].hash);
    }
  g_assert_cmpstr (cs_signature_method_to_string (CS_SIGNATURE_METHOD_HMAC_SHA512), ==,
                   "HMAC-SHA512");
  {
    CsSignatureMethod m;

    g_assert_true (cs_signature_method_from_string ("rsa-sha256", &m));
    g_assert_cmpint (m, ==, CS_SIGNATURE_METHOD_RSA_SHA256);
    g_assert_true (cs_signature_method_is_rsa (m));
    g_assert_false (cs_signature_method_is_rsa (CS_SIGNATURE_METHOD_HMAC_SHA512));
  }
}

/* Combinations that cannot be sent get a specific error; a GET's form goes into the query. */
static void
test_request_errors (void)
{
  CsSignedRequest request;
  g_autoptr(CsSignature) sig = NULL;
  g_autofree char *wire = NULL;
  GError *error = NULL;

  cs_signed_request_init (&request);
  request.sign.consumer_key = "key";
  request.url = "https://example.com/a";
  request.http_method = "POST";
  request.form_body = "a=1";
  request.body = "{}";
  g_assert_null (cs_signed_request_sign (&request, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "not both"));
  g_clear_error (&error);

  request.body = NULL;
  request.body_hash = TRUE;
  g_assert_null (cs_signed_request_sign (&request, &error));
  g_assert_nonnull (strstr (error->message, "oauth_body_hash"));
  g_clear_error (&error);

  request.form_body = NULL;
  request.body = "a=1";
  request.content_type = "application/x-www-form-urlencoded; charset=utf-8";
  g_assert_null (cs_signed_request_sign (&request, &error));
  g_assert_nonnull (strstr (error->message, "form body"));
  g_clear_error (&error);

  request.body = NULL;
  request.content_type = NULL;
  request.body_hash = FALSE;
  request.http_method = "GET";
  request.form_body = "b=2";
  wire = cs_signed_request_wire_url (&request);
  g_assert_cmpstr (wire, ==, "https://example.com/a?b=2");
  sig = cs_signed_request_sign (&request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sig->base_string, "&b%3D2%26"));
}

static void
test_diff_offset (void)
{
  g_assert_cmpint (cs_base_string_diff_offset ("GET&a&b", "GET&a&b"), ==, -1);
  g_assert_cmpint (cs_base_string_diff_offset ("GET&a&b", "POST&a&b"), ==, 0);
  g_assert_cmpint (cs_base_string_diff_offset ("GET&a&b", "GET&a&c"), ==, 6);
  g_assert_cmpint (cs_base_string_diff_offset ("GET&a", "GET&a&b"), ==, 5);
  g_assert_cmpint (cs_base_string_diff_offset ("", ""), ==, -1);
}

/* PECL's answer has the base string raw at its end; others send it form-encoded. */
static void
test_debug_sbs (void)
{
  const char *pecl = "oauth_problem=signature_invalid&debug_sbs=GET&https%3A%2F%2Fapi.example."
                     "com%2Fr&oauth_consumer_key%3Dk%26oauth_nonce%3Dn\n";
  const char *encoded = "debug_sbs=GET%26https%253A%252F%252Fx%26a%253D1&oauth_problem="
                        "signature_invalid";
  g_autofree char *a = cs_base_string_diff_debug_sbs (pecl, strlen (pecl));
  g_autofree char *b = cs_base_string_diff_debug_sbs (encoded, strlen (encoded));

  g_assert_cmpstr (a, ==, "GET&https%3A%2F%2Fapi.example.com%2Fr&oauth_consumer_key%3Dk%26"
                          "oauth_nonce%3Dn");
  g_assert_cmpstr (b, ==, "GET&https%3A%2F%2Fx&a%3D1");
  g_assert_null (cs_base_string_diff_debug_sbs ("oauth_problem=signature_invalid", 31));
  g_assert_null (cs_base_string_diff_debug_sbs ("x_debug_sbs=GET", 15));
  g_assert_null (cs_base_string_diff_debug_sbs (NULL, 0));
  g_assert_null (cs_base_string_diff_debug_sbs ("debug_sbs=%00", 13));
}

static void
test_diff_describe (void)
{
  const char *ours = "POST&https%3A%2F%2Fapi.example.com%2F1.1%2Fstatuses%2Fupdate.json&"
                     "include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1%26oauth_token%3D"
                     "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26status%3DHello";
  const char *theirs = "POST&https%3A%2F%2Fapi.example.com%3A443%2F1.1%2Fstatuses%2Fupdate.json&"
                       "include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1%26oauth_token%3D"
                       "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26status%3DHello";
  const char * const hide[] = { "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", NULL };
  g_autofree char *text = cs_base_string_diff_describe (ours, theirs, hide);
  g_autofree char *same = cs_base_string_diff_describe (ours, ours, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *caret;
  gsize column;

  g_test_message ("%s", text);
  /* Where, both windows, and the caret under the first difference (":443" kept). */
  g_assert_nonnull (strstr (lines[0], "character 36"));
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[1], "Countersign: ...T&https"));
  g_assert_true (g_str_has_prefix (lines[2], "Provider:    ...T&https"));
  caret = strchr (lines[3], '^');
  g_assert_nonnull (caret);
  g_assert_cmpstr (caret, ==, "^");
  column = caret - lines[3];
  g_assert_cmpuint (strlen (lines[1]), >, column);
  g_assert_true (g_str_has_prefix (lines[1] + column, "2F1.1"));
  g_assert_true (g_str_has_prefix (lines[2] + column, "3A443"));
  /* The token is in neither window. */
  g_assert_null (strstr (text, "GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"));
  g_assert_nonnull (strstr (same, "same base string"));
}

/* The wizard gets the comparison at the end of an error message, and takes it apart. */
static void
test_diff_in_message (void)
{
  const char *body_text = "oauth_problem=signature_invalid&debug_sbs=GET&https%3A%2F%2Fx&"
                          "oauth_token%3Dsecret-token-1";
  g_autoptr(GBytes) body = g_bytes_new_static (body_text, strlen (body_text));
  g_autofree char *diff = cs_base_string_diff_for_body ("GET&http%3A%2F%2Fx&oauth_token%3D"
                                                        "secret-token-1", body,
                                                        "secret-token-1", NULL);
  g_autofree char *message = g_strconcat ("x refused the request: HTTP 401.\n\n", diff, NULL);
  g_autofree char *found = NULL;
  g_autofree char *head = cs_base_string_diff_split (message, &found);
  g_autofree char *plain_diff = NULL;
  g_autofree char *plain = cs_base_string_diff_split ("a\n\nb\nc", &plain_diff);

  g_assert_nonnull (diff);
  g_assert_null (strstr (diff, "secret-token-1"));
  g_assert_cmpstr (head, ==, "x refused the request: HTTP 401.");
  g_assert_cmpstr (found, ==, diff);
  g_assert_cmpstr (plain, ==, "a\n\nb\nc");
  g_assert_null (plain_diff);
  {
    g_autoptr(GBytes) none = g_bytes_new_static ("oauth_problem=signature_invalid", 31);

    g_assert_null (cs_base_string_diff_for_body ("GET&a&b", none, NULL, NULL));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/one-legged/netsuite-hmac-sha512", test_netsuite_hmac_sha512);
  g_test_add_func ("/one-legged/mastercard-rsa-sha256", test_mastercard_rsa_sha256_body_hash);
  g_test_add_func ("/one-legged/body-hash-values", test_body_hash_values);
  g_test_add_func ("/one-legged/request-errors", test_request_errors);
  g_test_add_func ("/base-string-diff/offset", test_diff_offset);
  g_test_add_func ("/base-string-diff/debug-sbs", test_debug_sbs);
  g_test_add_func ("/base-string-diff/describe", test_diff_describe);
  g_test_add_func ("/base-string-diff/in-message", test_diff_in_message);
  return g_test_run ();
}
