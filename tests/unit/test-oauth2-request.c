/* test-oauth2-request.c — the authorization request and the redirect it ends with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 6749 §4.1.1 (the URL), §4.1.2 and §4.1.2.1 (the redirect), RFC 7636 §4.3.
 */
#include <string.h>
#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-error.h"
#include "cs-oauth2-pkce.h"
#include "cs-oauth2-redirect.h"
#include "cs-oauth2-request.h"
#include "cs-percent.h"

#define REDIRECT "http://127.0.0.1:8765/callback"

static CsOAuth2Request *
new_request (void)
{
  g_autoptr(GError) error = NULL;
  CsOAuth2Request *request = cs_oauth2_request_new ("https://x.com/i/oauth2/authorize",
                                                    "client id", REDIRECT,
                                                    "tweet.read users.read offline.access",
                                                    &error);

  g_assert_no_error (error);
  return request;
}

static GPtrArray *
url_params (const char *url,
            const char *expected_base)
{
  const char *query = strchr (url, '?');
  g_autoptr(GError) error = NULL;
  GPtrArray *params;

  g_assert_nonnull (query);
  g_assert_cmpint (query - url, ==, strlen (expected_base));
  g_assert_true (strncmp (url, expected_base, query - url) == 0);
  params = cs_form_parse (query + 1, -1, &error);
  g_assert_no_error (error);
  return params;
}

static void
test_authorize_url (void)
{
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autoptr(GPtrArray) params = url_params (cs_oauth2_request_get_url (request),
                                            "https://x.com/i/oauth2/authorize");
  g_autofree char *challenge =
    cs_oauth2_code_challenge (cs_oauth2_request_get_code_verifier (request));

  g_assert_cmpuint (params->len, ==, 7);
  g_assert_cmpstr (cs_param_list_get (params, "response_type"), ==, "code");
  g_assert_cmpstr (cs_param_list_get (params, "client_id"), ==, "client id");
  g_assert_cmpstr (cs_param_list_get (params, "redirect_uri"), ==, REDIRECT);
  g_assert_cmpstr (cs_param_list_get (params, "scope"), ==,
                   "tweet.read users.read offline.access");
  g_assert_cmpstr (cs_param_list_get (params, "state"), ==, cs_oauth2_request_get_state (request));
  g_assert_cmpstr (cs_param_list_get (params, "code_challenge"), ==, challenge);
  g_assert_cmpstr (cs_param_list_get (params, "code_challenge_method"), ==, "S256");
  /* The verifier itself never leaves: only its hash. */
  g_assert_null (strstr (cs_oauth2_request_get_url (request),
                         cs_oauth2_request_get_code_verifier (request)));
  /* Spaces as %20, the redirect URI's ':' and '/' escaped. */
  g_assert_nonnull (strstr (cs_oauth2_request_get_url (request),
                            "scope=tweet.read%20users.read%20offline.access"));
  g_assert_nonnull (strstr (cs_oauth2_request_get_url (request),
                            "redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback"));
}

static void
test_authorize_url_with_query (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Request) request =
    cs_oauth2_request_new ("https://example.com/auth?tenant=a", "id", REDIRECT, NULL, &error);
  g_autoptr(GPtrArray) params = NULL;

  g_assert_no_error (error);
  params = url_params (cs_oauth2_request_get_url (request), "https://example.com/auth");
  g_assert_cmpstr (cs_param_list_get (params, "tenant"), ==, "a");
  g_assert_cmpuint (cs_param_list_count (params, "scope"), ==, 0);
  g_assert_cmpuint (cs_param_list_count (params, "response_type"), ==, 1);
}

static void
test_requests_differ (void)
{
  g_autoptr(CsOAuth2Request) a = new_request ();
  g_autoptr(CsOAuth2Request) b = new_request ();

  g_assert_cmpstr (cs_oauth2_request_get_state (a), !=, cs_oauth2_request_get_state (b));
  g_assert_cmpstr (cs_oauth2_request_get_code_verifier (a), !=,
                   cs_oauth2_request_get_code_verifier (b));
  g_assert_true (cs_oauth2_verifier_is_valid (cs_oauth2_request_get_code_verifier (a)));
}

static void
test_bad_urls (void)
{
  const char *bad_authorize[] = { "ftp://x.com/a", "not a url", "https:///nohost", "https://x.com/a#f" };
  const char *bad_redirect[] = { "/callback", "http://127.0.0.1/cb#frag", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_authorize); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsOAuth2Request) request =
        cs_oauth2_request_new (bad_authorize[i], "id", REDIRECT, NULL, &error);

      g_assert_null (request);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_redirect); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsOAuth2Request) request =
        cs_oauth2_request_new ("https://x.com/a", "id", bad_redirect[i], NULL, &error);

      g_assert_null (request);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL);
    }
}

static char *
redirect_for (CsOAuth2Request *request,
              const char      *rest)
{
  return g_strdup_printf (REDIRECT "?state=%s&%s", cs_oauth2_request_get_state (request), rest);
}

static void
test_redirect_code (void)
{
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autofree char *address = redirect_for (request, "code=VGNibzFW%2Bx");
  g_autoptr(GError) error = NULL;
  char *code = cs_oauth2_request_take_redirect (request, address, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "VGNibzFW+x");
  g_assert_true (cs_oauth2_request_get_used (request));
  cs_secret_free (code);
}

static void
test_redirect_query_only (void)
{
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autofree char *query = g_strdup_printf ("code=abc&state=%s",
                                            cs_oauth2_request_get_state (request));
  g_autoptr(GError) error = NULL;
  char *code = cs_oauth2_request_take_redirect (request, query, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "abc");
  cs_secret_free (code);
}

/* A second redirect, even a right one, never gives out a code again. */
static void
test_redirect_second (void)
{
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autofree char *address = redirect_for (request, "code=abc");
  g_autoptr(GError) error = NULL;
  char *code = cs_oauth2_request_take_redirect (request, address, &error);

  g_assert_nonnull (code);
  cs_secret_free (code);
  code = cs_oauth2_request_take_redirect (request, address, &error);
  g_assert_null (code);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
  g_assert_nonnull (strstr (error->message, "second redirect"));
}

typedef struct
{
  const char *name;
  const char *rest;     /* after "state=<the right one>&", or a whole query when no_state */
  gboolean    own_state;
  int         code;
  const char *says;
} BadRedirect;

static const BadRedirect bad_redirects[] = {
  { "wrong-state", "state=forged&code=abc", FALSE, CS_OAUTH_ERROR_CALLBACK, "state is not" },
  { "missing-state", "code=abc", FALSE, CS_OAUTH_ERROR_CALLBACK, "no state" },
  { "two-states", "state=x&code=abc", TRUE, CS_OAUTH_ERROR_CALLBACK, "malformed" },
  { "no-code", "foo=bar", TRUE, CS_OAUTH_ERROR_CALLBACK, "no authorization code" },
  { "empty-code", "code=", TRUE, CS_OAUTH_ERROR_CALLBACK, "no authorization code" },
  { "two-codes", "code=a&code=b", TRUE, CS_OAUTH_ERROR_CALLBACK, "malformed" },
  { "bad-escape", "code=%zz", TRUE, CS_OAUTH_ERROR_CALLBACK, "malformed" },
  { "nul-code", "code=a%00b", TRUE, CS_OAUTH_ERROR_CALLBACK, "malformed" },
  { "denied", "error=access_denied&error_description=The+user+denied", TRUE,
    CS_OAUTH_ERROR_DENIED, "access_denied" },
  { "denied-with-code", "error=access_denied&code=abc", TRUE, CS_OAUTH_ERROR_DENIED,
    "access_denied" },
  { "invalid-scope", "error=invalid_scope&error_description=Unknown+scope", TRUE,
    CS_OAUTH_ERROR_REJECTED, "invalid_scope" },
  { "forged-error", "state=forged&error=access_denied", FALSE, CS_OAUTH_ERROR_CALLBACK,
    "state is not" },
};

static void
test_redirect_bad (gconstpointer data)
{
  const BadRedirect *bad = data;
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autofree char *address = bad->own_state ? redirect_for (request, bad->rest)
                                            : g_strdup_printf (REDIRECT "?%s", bad->rest);
  g_autoptr(GError) error = NULL;
  char *code = cs_oauth2_request_take_redirect (request, address, &error);

  g_assert_null (code);
  g_assert_error (error, CS_OAUTH_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, bad->says));
  /* Never the code in a message. */
  g_assert_null (strstr (error->message, "abc"));
}

static void
test_redirect_other_uri (void)
{
  g_autoptr(CsOAuth2Request) request = new_request ();
  const char *others[] = { "http://127.0.0.1:8766/callback", "http://localhost:8765/callback",
                           "http://127.0.0.1:8765/callback/", "https://evil.example/callback" };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *address = g_strdup_printf ("%s?state=%s&code=abc", others[i],
                                                  cs_oauth2_request_get_state (request));
      g_autoptr(GError) error = NULL;

      g_assert_null (cs_oauth2_request_take_redirect (request, address, &error));
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
      g_assert_nonnull (strstr (error->message, REDIRECT));
    }
  /* None of them used the request up. */
  g_assert_false (cs_oauth2_request_get_used (request));
}

static void
test_redirect_app_link (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Request) request =
    cs_oauth2_request_new ("https://x.com/i/oauth2/authorize", "id",
                           "io.github.countersign.countersign:/callback", NULL, &error);
  g_autofree char *address =
    g_strdup_printf ("io.github.countersign.countersign:/callback?code=xyz&state=%s#_=_",
                     cs_oauth2_request_get_state (request));
  char *code = cs_oauth2_request_take_redirect (request, address, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "xyz");
  cs_secret_free (code);
}

static void
test_parse_query (void)
{
  char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *err = NULL;
  g_autofree char *description = NULL;

  g_assert_true (cs_oauth2_parse_redirect_query ("?code=a%20b&state=s#frag", -1, &code, &state,
                                                 &err, &description));
  g_assert_cmpstr (code, ==, "a b");
  g_assert_cmpstr (state, ==, "s");
  g_assert_null (err);
  g_assert_null (description);
  cs_secret_free (code);
  g_clear_pointer (&state, g_free);
  g_assert_true (cs_oauth2_parse_redirect_query ("error=access_denied&error_description=No+way",
                                                 -1, &code, &state, &err, &description));
  g_assert_null (code);
  g_assert_cmpstr (err, ==, "access_denied");
  g_assert_cmpstr (description, ==, "No way");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&description, g_free);
  g_clear_pointer (&state, g_free);
  g_assert_false (cs_oauth2_parse_redirect_query ("state=a&state=b", -1, &code, &state, &err,
                                                  &description));
  g_assert_null (state);
  g_assert_false (cs_oauth2_parse_redirect_query (NULL, -1, &code, &state, NULL, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth2/request/authorize-url", test_authorize_url);
  g_test_add_func ("/oauth2/request/authorize-url-with-query", test_authorize_url_with_query);
  g_test_add_func ("/oauth2/request/requests-differ", test_requests_differ);
  g_test_add_func ("/oauth2/request/bad-urls", test_bad_urls);
  g_test_add_func ("/oauth2/redirect/code", test_redirect_code);
  g_test_add_func ("/oauth2/redirect/query-only", test_redirect_query_only);
  g_test_add_func ("/oauth2/redirect/second", test_redirect_second);
  for (guint i = 0; i < G_N_ELEMENTS (bad_redirects); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oauth2/redirect/bad/%s", bad_redirects[i].name);

      g_test_add_data_func (path, &bad_redirects[i], test_redirect_bad);
    }
  g_test_add_func ("/oauth2/redirect/other-uri", test_redirect_other_uri);
  g_test_add_func ("/oauth2/redirect/app-link", test_redirect_app_link);
  g_test_add_func ("/oauth2/redirect/parse-query", test_parse_query);
  return g_test_run ();
}
