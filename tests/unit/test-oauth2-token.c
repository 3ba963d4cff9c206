/* test-oauth2-token.c — token answers (RFC 6749 §5.1), good and bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-token.h"

#define NOW G_GINT64_CONSTANT (1800000000)

static CsOAuth2Token *
parse (const char *body,
       GError    **error)
{
  return cs_oauth2_token_parse (body, strlen (body), NOW, error);
}

/* X's answer to a code exchange, as its docs show it. */
static void
test_x_answer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token =
    parse ("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"AT-1\","
           "\"scope\":\"tweet.read users.read offline.access\",\"refresh_token\":\"RT-1\"}",
           &error);
  const char * const *names;

  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_token_get_access_token (token), ==, "AT-1");
  g_assert_cmpstr (cs_oauth2_token_get_token_type (token), ==, "bearer");
  g_assert_cmpstr (cs_oauth2_token_get_refresh_token (token), ==, "RT-1");
  g_assert_cmpstr (cs_oauth2_token_get_scope (token), ==, "tweet.read users.read offline.access");
  g_assert_cmpint (cs_oauth2_token_get_expires_in (token), ==, 7200);
  g_assert_cmpint (cs_oauth2_token_get_expires_at (token), ==, NOW + 7200);
  /* The fields in the order received, numbers in decimal: what `--format lines` prints. */
  names = cs_oauth2_token_get_field_names (token);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 5);
  g_assert_cmpstr (names[0], ==, "token_type");
  g_assert_cmpstr (names[1], ==, "expires_in");
  g_assert_cmpstr (names[2], ==, "access_token");
  g_assert_cmpstr (names[3], ==, "scope");
  g_assert_cmpstr (names[4], ==, "refresh_token");
  g_assert_cmpstr (cs_oauth2_token_get_field (token, "expires_in"), ==, "7200");
  g_assert_true (cs_oauth2_field_is_secret ("access_token"));
  g_assert_true (cs_oauth2_field_is_secret ("refresh_token"));
  g_assert_true (cs_oauth2_field_is_secret ("id_token"));
  g_assert_false (cs_oauth2_field_is_secret ("scope"));
}

static void
test_minimal_and_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) app_only =
    parse ("{\"token_type\":\"bearer\",\"access_token\":\"AAAA%2FAAA%3DAAAA\"}", &error);
  g_autoptr(CsOAuth2Token) string_expiry = NULL;
  g_autoptr(CsOAuth2Token) cased = NULL;

  /* X's app-only bearer: no expiry, no refresh token, no scope. */
  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_token_get_access_token (app_only), ==, "AAAA%2FAAA%3DAAAA");
  g_assert_null (cs_oauth2_token_get_refresh_token (app_only));
  g_assert_null (cs_oauth2_token_get_scope (app_only));
  g_assert_cmpint (cs_oauth2_token_get_expires_in (app_only), ==, -1);
  g_assert_cmpint (cs_oauth2_token_get_expires_at (app_only), ==, 0);

  /* Some providers send expires_in as a string of digits (Xero's "1800"). */
  string_expiry = parse ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"1800\"}",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_oauth2_token_get_expires_at (string_expiry), ==, NOW + 1800);

  cased = parse ("  {\"access_token\":\"a\",\"token_type\":\"BEARER\"}\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cased);
}

typedef struct
{
  const char *name;
  const char *body;
  const char *says;  /* a part of the message */
} Bad;

static const Bad bad_answers[] = {
  { "empty", "", "empty" },
  { "blank", " \r\n\t ", "empty" },
  { "html", "<!DOCTYPE html><html><body>Sign in</body></html>", "web page" },
  { "html-indented", "\n  <html>oops</html>", "web page" },
  { "form", "access_token=a&token_type=bearer", "not a JSON object" },
  { "array", "[{\"access_token\":\"a\",\"token_type\":\"bearer\"}]", "not a JSON object" },
  { "string", "\"access_token\"", "not a JSON object" },
  { "number", "7200", "not a JSON object" },
  { "null", "null", "not a JSON object" },
  { "truncated", "{\"access_token\":\"a\",\"token_type\":", "not a JSON object" },
  { "not-utf8", "{\"access_token\":\"\xff\xfe\",\"token_type\":\"bearer\"}", "not a JSON object" },
  { "no-access-token", "{\"token_type\":\"bearer\"}", "no access_token" },
  { "error-answer", "{\"error\":\"invalid_grant\"}", "no access_token" },
  { "access-token-number", "{\"access_token\":5,\"token_type\":\"bearer\"}", "access_token" },
  { "access-token-empty", "{\"access_token\":\"\",\"token_type\":\"bearer\"}", "access_token" },
  { "no-token-type", "{\"access_token\":\"a\"}", "no token_type" },
  { "token-type-number", "{\"access_token\":\"a\",\"token_type\":1}", "token_type" },
  { "token-type-mac", "{\"access_token\":\"a\",\"token_type\":\"mac\"}", "bearer" },
  { "expires-in-text", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":\"two hours\"}",
    "expires_in" },
  { "expires-in-float", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":7200.5}",
    "expires_in" },
  { "expires-in-negative", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":-1}",
    "expires_in" },
  { "expires-in-huge", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":99999999999999999999}",
    "expires_in" },
  { "expires-in-null", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":null}",
    "expires_in" },
  { "expires-in-empty-string", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":\"\"}",
    "expires_in" },
  { "refresh-token-object", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"refresh_token\":{}}",
    "refresh_token" },
  { "scope-array", "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"scope\":[\"read\"]}",
    "scope" },
};

static void
test_bad (gconstpointer data)
{
  const Bad *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = parse (bad->body, &error);

  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, bad->says));
  /* Never a value of the answer in the message. */
  g_assert_null (strstr (error->message, "\"a\""));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) body = g_string_new ("{\"access_token\":\"a\",\"token_type\":\"bearer\",\"x\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (body, '[');
  token = cs_oauth2_token_parse (body->str, body->len, NOW, &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE);
}

static void
test_new (void)
{
  g_autoptr(CsOAuth2Token) token = cs_oauth2_token_new ("AT", "bearer", "RT", "read", NOW + 60);
  g_autoptr(CsOAuth2Token) bare = cs_oauth2_token_new ("AT", NULL, "", NULL, 0);

  g_assert_cmpstr (cs_oauth2_token_get_refresh_token (token), ==, "RT");
  g_assert_cmpint (cs_oauth2_token_get_expires_at (token), ==, NOW + 60);
  g_assert_cmpstr (cs_oauth2_token_get_token_type (bare), ==, "bearer");
  g_assert_null (cs_oauth2_token_get_refresh_token (bare));
  g_assert_cmpstr (cs_oauth2_token_get_field_names (token)[0], ==, "access_token");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth2/token/x-answer", test_x_answer);
  g_test_add_func ("/oauth2/token/variants", test_minimal_and_variants);
  for (guint i = 0; i < G_N_ELEMENTS (bad_answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oauth2/token/bad/%s", bad_answers[i].name);

      g_test_add_data_func (path, &bad_answers[i], test_bad);
    }
  g_test_add_func ("/oauth2/token/deep-nesting", test_deep_nesting);
  g_test_add_func ("/oauth2/token/new", test_new);
  return g_test_run ();
}
