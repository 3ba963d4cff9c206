/* test-oauth2-hostile.c — the OAuth 2.0 client against badly behaved token endpoints, and
 * what each grant sends (client authentication, parameters), seen by a loopback SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The providers are tests/support/cs-hostile.c. Every error is checked for its code, for
 * words the user can act on, and for the absence of every secret the request carried.
 */
#include <string.h>
#include <glib.h>

#include "cs-hostile.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-client.h"
#include "cs-oauth2-error.h"
#include "cs-percent.h"
#include "cs-test-wait.h"

#define CLIENT_ID      "id:with%odd chars"
#define CLIENT_SECRET  "s3cret:with%odd+chars"
#define CODE           "authcode-Zq81x"
#define REFRESH        "refresh-token-R7Jk2"
#define OAUTH1_TOKEN   "1234-oauth1-token-Hh3"
#define OAUTH1_SECRET  "oauth1-token-secret-Yy6"
#define TIMEOUT        2
#define GOOD_ANSWER \
  "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"access-Ab1\"," \
  "\"scope\":\"tweet.read offline.access\",\"refresh_token\":\"refresh-Cd2\"}"

static CsOAuth2Client *
new_client (gboolean confidential)
{
  g_autoptr(CsTransport) transport = cs_transport_new ();

  cs_transport_set_timeout (transport, TIMEOUT);
  return cs_oauth2_client_new (transport, CLIENT_ID, confidential ? CLIENT_SECRET : NULL);
}

static CsOAuth2Request *
new_request (void)
{
  g_autoptr(GError) error = NULL;
  CsOAuth2Request *request = cs_oauth2_request_new ("https://provider.example/authorize",
                                                    CLIENT_ID, "http://127.0.0.1:8765/callback",
                                                    "tweet.read offline.access", &error);

  g_assert_no_error (error);
  return request;
}

static CsOAuth2Token *
exchange_code (CsOAuth2Client  *client,
               CsOAuth2Request *request,
               Hostile         *h,
               GError         **error)
{
  g_autofree char *url = hostile_url (h, "/2/oauth2/token");
  g_auto(CsWait) w = CS_WAIT_INIT;

  cs_oauth2_client_exchange_code_async (client, url, request, CODE, NULL, cs_wait_cb, &w);
  return cs_oauth2_client_token_finish (client, cs_wait_run (&w), error);
}

/* No secret of the exchange in what the user is told. */
static void
assert_no_secret (const char      *text,
                  CsOAuth2Request *request)
{
  const char *secrets[] = { CLIENT_SECRET, CODE, REFRESH, OAUTH1_TOKEN, OAUTH1_SECRET,
                            "access-Ab1", "refresh-Cd2",
                            request != NULL ? cs_oauth2_request_get_code_verifier (request) : NULL };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (secrets[i] != NULL)
      g_assert_null (strstr (text, secrets[i]));
}

typedef struct
{
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  int         code;
  const char *says;
} BadAnswer;

static const BadAnswer bad_answers[] = {
  { "html", 200, "text/html", "<!DOCTYPE html><html><body><h1>Log in</h1></body></html>",
    CS_OAUTH_ERROR_BAD_RESPONSE, "web page" },
  { "empty", 200, "application/json", "", CS_OAUTH_ERROR_BAD_RESPONSE, "empty" },
  { "no-token-type", 200, "application/json", "{\"access_token\":\"access-Ab1\"}",
    CS_OAUTH_ERROR_BAD_RESPONSE, "token_type" },
  { "expires-in-text", 200, "application/json",
    "{\"access_token\":\"access-Ab1\",\"token_type\":\"bearer\",\"expires_in\":\"soon\"}",
    CS_OAUTH_ERROR_BAD_RESPONSE, "expires_in" },
  { "html-500", 500, "text/html", "<html><head><title>Internal Server Error</title></head></html>",
    CS_OAUTH_ERROR_REJECTED, "500" },
  { "invalid-grant", 400, "application/json",
    "{\"error\":\"invalid_grant\",\"error_description\":\"Value passed for the authorization code was invalid.\"}",
    CS_OAUTH_ERROR_REJECTED, "authorize again" },
  /* X's wording when a confidential client leaves out the Basic header. */
  { "unauthorized-client", 401, "application/json",
    "{\"error\":\"unauthorized_client\",\"error_description\":\"Missing valid authorization header\"}",
    CS_OAUTH_ERROR_REJECTED, "public client" },
  /* X's answer to a redirect_uri that is not the authorization's: the message names ours. */
  { "redirect-mismatch", 400, "application/json",
    "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the redirect uri did not match the uri of the authorization code.\"}",
    CS_OAUTH_ERROR_REJECTED, "The redirect URI sent was http://127.0.0.1:8765/callback." },
  /* A provider that quotes the code back: the message scrubs it. */
  { "echoes-code", 400, "application/json",
    "{\"error\":\"invalid_grant\",\"error_description\":\"code " CODE " is unknown\"}",
    CS_OAUTH_ERROR_REJECTED, "[secret]" },
};

static void
test_bad_answer (gconstpointer data)
{
  const BadAnswer *bad = data;
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (TRUE);
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;

  hostile_script (h, bad->status, bad->content_type, bad->body, -1);
  token = exchange_code (client, request, h, &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, bad->says));
  assert_no_secret (error->message, request);
  g_assert_cmpuint (h->requests, ==, 1);
  if (bad->code == CS_OAUTH_ERROR_REJECTED && bad->body[0] == '{')
    {
      /* The provider's own words, for the CLI's stderr. */
      g_assert_nonnull (cs_oauth2_client_get_last_error_code (client));
      g_assert_cmpstr (cs_oauth2_error_get_code (error), ==,
                       cs_oauth2_client_get_last_error_code (client));
      assert_no_secret (cs_oauth2_client_get_last_error_description (client), request);
    }
}

static void
test_huge_body (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;

  h->mode = HOSTILE_HUGE;
  token = exchange_code (client, request, h, &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "1 MiB"));
  g_assert_cmpuint (h->huge_sent, <, 16 * 1024 * 1024);
}

static void
test_redirect_not_followed (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(Hostile) thief = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (TRUE);
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;

  hostile_script (h, 302, "text/html", "", -1);
  h->location = hostile_url (thief, "/steal");
  hostile_script (thief, 200, "application/json", GOOD_ANSWER, -1);
  token = exchange_code (client, request, h, &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REDIRECT);
  g_assert_nonnull (strstr (error->message, "/steal"));
  assert_no_secret (error->message, request);
  /* Neither the code nor the client secret went anywhere else. */
  g_assert_cmpuint (thief->requests, ==, 0);
}

static void
test_never_answers (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autofree char *url = hostile_url (h, "/2/oauth2/token");
  g_auto(CsWait) w = CS_WAIT_INIT;

  h->mode = HOSTILE_STALL;
  cs_oauth2_client_refresh_async (client, url, REFRESH, NULL, NULL, cs_wait_cb, &w);
  token = cs_oauth2_client_token_finish (client, cs_wait_run (&w), &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  assert_no_secret (error->message, NULL);
}

static GPtrArray *
received_form (Hostile *h,
               guint    i)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *params = cs_form_parse (g_ptr_array_index (h->bodies, i), -1, &error);

  g_assert_no_error (error);
  return params;
}

/* RFC 6749 §2.3.1: Basic over the form-urlencoded id and secret; no client_id in the body. */
static void
test_confidential_basic (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (TRUE);
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(GPtrArray) form = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *b64 = NULL;
  const char *authorization;

  hostile_script (h, 200, "application/json", GOOD_ANSWER, -1);
  token = exchange_code (client, request, h, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_token_get_access_token (token), ==, "access-Ab1");
  g_assert_cmpstr (cs_oauth2_token_get_refresh_token (token), ==, "refresh-Cd2");
  g_assert_true (cs_oauth2_client_is_confidential (client));

  b64 = g_base64_encode ((const guchar *) "id%3Awith%25odd%20chars:s3cret%3Awith%25odd%2Bchars",
                         strlen ("id%3Awith%25odd%20chars:s3cret%3Awith%25odd%2Bchars"));
  expected = g_strconcat ("Basic ", b64, NULL);
  authorization = g_ptr_array_index (h->authorizations, 0);
  g_assert_cmpstr (authorization, ==, expected);
  g_assert_cmpstr (g_ptr_array_index (h->methods, 0), ==, "POST");
  form = received_form (h, 0);
  g_assert_cmpuint (cs_param_list_count (form, "client_id"), ==, 0);
  g_assert_cmpuint (cs_param_list_count (form, "client_secret"), ==, 0);
  g_assert_cmpstr (cs_param_list_get (form, "grant_type"), ==, "authorization_code");
  g_assert_cmpstr (cs_param_list_get (form, "code"), ==, CODE);
  g_assert_cmpstr (cs_param_list_get (form, "redirect_uri"), ==, "http://127.0.0.1:8765/callback");
  g_assert_cmpstr (cs_param_list_get (form, "code_verifier"), ==,
                   cs_oauth2_request_get_code_verifier (request));
}

/* A public client: client_id in the body, no Authorization header at all. */
static void
test_public_body (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(GPtrArray) form = NULL;

  hostile_script (h, 200, "application/json", GOOD_ANSWER, -1);
  token = exchange_code (client, request, h, &error);
  g_assert_no_error (error);
  g_assert_false (cs_oauth2_client_is_confidential (client));
  g_assert_cmpstr (g_ptr_array_index (h->authorizations, 0), ==, "");
  form = received_form (h, 0);
  g_assert_cmpstr (cs_param_list_get (form, "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (cs_param_list_get (form, "code_verifier"), ==,
                   cs_oauth2_request_get_code_verifier (request));
}

static void
test_other_grants (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autofree char *url = hostile_url (h, "/token");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refresh = NULL;
  g_autoptr(GPtrArray) app_only = NULL;
  g_autoptr(GPtrArray) revoke = NULL;
  g_autoptr(GPtrArray) invalidate = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsOAuth2Token) bearer = NULL;
  g_auto(CsWait) w1 = CS_WAIT_INIT;
  g_auto(CsWait) w2 = CS_WAIT_INIT;
  g_auto(CsWait) w3 = CS_WAIT_INIT;
  g_auto(CsWait) w4 = CS_WAIT_INIT;

  hostile_script (h, 200, "application/json", GOOD_ANSWER, -1);
  cs_oauth2_client_refresh_async (client, url, REFRESH, "tweet.read", NULL, cs_wait_cb, &w1);
  token = cs_oauth2_client_token_finish (client, cs_wait_run (&w1), &error);
  g_assert_no_error (error);
  refresh = received_form (h, 0);
  g_assert_cmpstr (cs_param_list_get (refresh, "grant_type"), ==, "refresh_token");
  g_assert_cmpstr (cs_param_list_get (refresh, "refresh_token"), ==, REFRESH);
  g_assert_cmpstr (cs_param_list_get (refresh, "scope"), ==, "tweet.read");
  g_assert_cmpstr (cs_param_list_get (refresh, "client_id"), ==, CLIENT_ID);

  hostile_script (h, 200, "application/json",
                  "{\"token_type\":\"bearer\",\"access_token\":\"AAAA%2FAAA%3DAAAA\"}", -1);
  cs_oauth2_client_client_credentials_async (client, url, NULL, NULL, cs_wait_cb, &w2);
  bearer = cs_oauth2_client_token_finish (client, cs_wait_run (&w2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_token_get_access_token (bearer), ==, "AAAA%2FAAA%3DAAAA");
  app_only = received_form (h, 1);
  g_assert_cmpstr (cs_param_list_get (app_only, "grant_type"), ==, "client_credentials");
  g_assert_cmpuint (cs_param_list_count (app_only, "scope"), ==, 0);

  /* RFC 7009: 200 with any body is success. */
  hostile_script (h, 200, "application/json", "{\"revoked\":true}", -1);
  cs_oauth2_client_revoke_async (client, url, REFRESH, "refresh_token", NULL, cs_wait_cb, &w3);
  g_assert_true (cs_oauth2_client_revoke_finish (client, cs_wait_run (&w3), &error));
  g_assert_no_error (error);
  revoke = received_form (h, 2);
  g_assert_cmpstr (cs_param_list_get (revoke, "token"), ==, REFRESH);
  g_assert_cmpstr (cs_param_list_get (revoke, "token_type_hint"), ==, "refresh_token");

  /* X's invalidate_token: access_token=the bearer. */
  hostile_script (h, 200, "application/json", "{\"access_token\":\"AAAA%2FAAA%3DAAAA\"}", -1);
  cs_oauth2_client_invalidate_async (client, url, "AAAA/AAA=AAAA", NULL, cs_wait_cb, &w4);
  g_assert_true (cs_oauth2_client_revoke_finish (client, cs_wait_run (&w4), &error));
  invalidate = received_form (h, 3);
  g_assert_cmpstr (cs_param_list_get (invalidate, "access_token"), ==, "AAAA/AAA=AAAA");
}

static void
test_revoke_refused (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (TRUE);
  g_autofree char *url = hostile_url (h, "/revoke");
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;

  hostile_script (h, 400, "application/json", "{\"error\":\"unsupported_token_type\"}", -1);
  cs_oauth2_client_revoke_async (client, url, REFRESH, NULL, NULL, cs_wait_cb, &w);
  g_assert_false (cs_oauth2_client_revoke_finish (client, cs_wait_run (&w), &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "cannot revoke"));
  assert_no_secret (error->message, NULL);
}

/* X's "Migrating OAuth 1.0a user tokens to OAuth 2.0": exactly its parameters. */
static void
test_oauth1_exchange (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) public_client = new_client (FALSE);
  g_autoptr(CsOAuth2Client) confidential = new_client (TRUE);
  g_autofree char *url = hostile_url (h, "/2/oauth2/token");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsOAuth2Token) token2 = NULL;
  g_autoptr(GPtrArray) form = NULL;
  g_autoptr(GPtrArray) form2 = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;
  g_auto(CsWait) w2 = CS_WAIT_INIT;

  hostile_script (h, 200, "application/json", GOOD_ANSWER, -1);
  cs_oauth2_client_exchange_oauth1_async (public_client, url, "consumer-key", "consumer-secret-Qq",
                                          OAUTH1_TOKEN, OAUTH1_SECRET, NULL, cs_wait_cb, &w);
  token = cs_oauth2_client_token_finish (public_client, cs_wait_run (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_token_get_refresh_token (token), ==, "refresh-Cd2");
  form = received_form (h, 0);
  g_assert_cmpuint (form->len, ==, 5);
  g_assert_cmpstr (cs_param_list_get (form, "grant_type"), ==,
                   "urn:ietf:params:oauth:grant-type:token-exchange");
  g_assert_cmpstr (cs_param_list_get (form, "subject_token"), ==, OAUTH1_TOKEN);
  g_assert_cmpstr (cs_param_list_get (form, "subject_token_type"), ==,
                   "urn:x:params:oauth:token-type:oauth1_token");
  g_assert_cmpstr (cs_param_list_get (form, "oauth_token_secret"), ==, OAUTH1_SECRET);
  g_assert_cmpstr (cs_param_list_get (form, "client_id"), ==, CLIENT_ID);
  /* Not signed with OAuth 1.0a: the consumer credentials go nowhere. */
  g_assert_cmpstr (g_ptr_array_index (h->authorizations, 0), ==, "");
  g_assert_null (strstr (g_ptr_array_index (h->bodies, 0), "consumer"));

  cs_oauth2_client_exchange_oauth1_async (confidential, url, NULL, NULL, OAUTH1_TOKEN,
                                          OAUTH1_SECRET, NULL, cs_wait_cb, &w2);
  token2 = cs_oauth2_client_token_finish (confidential, cs_wait_run (&w2), &error);
  g_assert_no_error (error);
  form2 = received_form (h, 1);
  g_assert_cmpuint (form2->len, ==, 4);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (h->authorizations, 1), "Basic "));
}

static void
test_bearer_call (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autofree char *url = hostile_url (h, "/2/users/me");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;
  guint status = 0;

  /* A refusal is the caller's to read, not an error. */
  hostile_script (h, 401, "application/json", "{\"title\":\"Unauthorized\"}", -1);
  cs_oauth2_client_call_async (client, "GET", url, "access-Ab1", NULL, NULL, NULL, cs_wait_cb, &w);
  body = cs_oauth2_client_call_finish (client, cs_wait_run (&w), &status, &headers, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 401);
  g_assert_nonnull (headers);
  g_assert_cmpstr (g_ptr_array_index (h->authorizations, 0), ==, "Bearer access-Ab1");
  g_assert_cmpstr (g_ptr_array_index (h->methods, 0), ==, "GET");
}

/* TLS is verified: a self-signed certificate lets nothing through. */
static void
test_self_signed (void)
{
  g_autoptr(Hostile) h = hostile_new_full (1, "127.0.0.1");
  g_autoptr(CsOAuth2Client) client = new_client (TRUE);
  g_autoptr(CsOAuth2Request) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;

  hostile_script (h, 200, "application/json", GOOD_ANSWER, -1);
  token = exchange_code (client, request, h, &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_TLS);
  g_assert_cmpuint (h->requests, ==, 0);
  assert_no_secret (error->message, request);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad_answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oauth2/hostile/%s", bad_answers[i].name);

      g_test_add_data_func (path, &bad_answers[i], test_bad_answer);
    }
  g_test_add_func ("/oauth2/hostile/huge-body", test_huge_body);
  g_test_add_func ("/oauth2/hostile/redirect-not-followed", test_redirect_not_followed);
  g_test_add_func ("/oauth2/hostile/never-answers", test_never_answers);
  g_test_add_func ("/oauth2/hostile/self-signed", test_self_signed);
  g_test_add_func ("/oauth2/client/confidential-basic", test_confidential_basic);
  g_test_add_func ("/oauth2/client/public-body", test_public_body);
  g_test_add_func ("/oauth2/client/other-grants", test_other_grants);
  g_test_add_func ("/oauth2/client/revoke-refused", test_revoke_refused);
  g_test_add_func ("/oauth2/client/oauth1-exchange", test_oauth1_exchange);
  g_test_add_func ("/oauth2/client/bearer-call", test_bearer_call);
  return g_test_run ();
}
