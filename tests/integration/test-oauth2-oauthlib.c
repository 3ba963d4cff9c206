/* test-oauth2-oauthlib.c — the OAuth 2.0 library against an independent provider:
 * python3-oauthlib's WebApplicationServer (code + PKCE S256, refresh, revocation) and
 * BackendApplicationServer (client credentials), tests/providers/oauthlib_oauth2_provider.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the browser: it GETs the authorization URL with auto=allow (or deny), and
 * GETs the redirect it is sent to on Countersign's own loopback callback server, which hands
 * the query to the request (state checked) before the code is exchanged.
 */
#include <string.h>
#include <glib.h>

#include "cs-callback-server.h"
#include "cs-hostile.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-client.h"
#include "cs-oauth2-error.h"
#include "cs-percent.h"
#include "cs-test-http.h"
#include "cs-test-providers.h"
#include "cs-test-wait.h"

#define PUBLIC_CLIENT       "public-client-0001"
#define CONFIDENTIAL_CLIENT "confidential-client-0001"
#define CONFIDENTIAL_SECRET "confidential-secret"

static guint callback_port;

static const char *
provider (void)
{
  g_autofree char *redirect = cs_callback_loopback_url (callback_port);
  const char *args[] = { "--redirect-uri", redirect, NULL };

  return cs_test_oauthlib2_start_with (args);
}

static char *
endpoint (const char *path)
{
  return g_strconcat (provider (), path, NULL);
}

static CsOAuth2Client *
new_client (gboolean confidential)
{
  return cs_oauth2_client_new (NULL, confidential ? CONFIDENTIAL_CLIENT : PUBLIC_CLIENT,
                               confidential ? CONFIDENTIAL_SECRET : NULL);
}

static CsOAuth2Request *
new_request (const char *client_id,
             const char *scope)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *authorize = endpoint ("/authorize");
  g_autofree char *redirect = cs_callback_loopback_url (callback_port);
  CsOAuth2Request *request = cs_oauth2_request_new (authorize, client_id, redirect, scope,
                                                    &error);

  g_assert_no_error (error);
  return request;
}

/* The browser: the authorize URL (with @answer, "allow" or "deny"), then the redirect it was
 * sent to, on the loopback callback server. Returns what the request makes of it: the code,
 * or NULL and @error. */
static char *
authorize (CsOAuth2Request *request,
           const char      *answer,
           GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CsCallbackServer) server = cs_callback_server_new_on_port (callback_port,
                                                                       &local_error);
  g_autofree char *url = g_strconcat (cs_oauth2_request_get_url (request), "&auto=", answer,
                                      NULL);
  g_auto(CsHttpReply) consent = { 0 };
  g_auto(CsHttpReply) landing = { 0 };
  g_auto(CsWait) w = CS_WAIT_INIT;
  char *query;
  char *code;

  g_assert_no_error (local_error);
  cs_callback_server_wait_redirect_async (server, cs_oauth2_request_get_state (request), 10,
                                          NULL, cs_wait_cb, &w);
  cs_http_send (&consent, "GET", url, NULL, NULL);
  g_assert_cmpuint (consent.status, ==, 302);
  g_assert_true (g_str_has_prefix (consent.location, cs_oauth2_request_get_redirect_uri (request)));
  cs_http_send (&landing, "GET", consent.location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
  query = cs_callback_server_wait_redirect_finish (server, cs_wait_run (&w), &local_error);
  g_assert_no_error (local_error);
  code = cs_oauth2_request_take_redirect (request, query, error);
  cs_secret_free (query);
  return code;
}

static CsOAuth2Token *
exchange (CsOAuth2Client  *client,
          CsOAuth2Request *request,
          const char      *code,
          GError         **error)
{
  g_autofree char *token_url = endpoint ("/token");
  g_auto(CsWait) w = CS_WAIT_INIT;

  cs_oauth2_client_exchange_code_async (client, token_url, request, code, NULL, cs_wait_cb, &w);
  return cs_oauth2_client_token_finish (client, cs_wait_run (&w), error);
}

static CsOAuth2Token *
refresh (CsOAuth2Client *client,
         const char     *refresh_token,
         GError        **error)
{
  g_autofree char *token_url = endpoint ("/token");
  g_auto(CsWait) w = CS_WAIT_INIT;

  cs_oauth2_client_refresh_async (client, token_url, refresh_token, NULL, NULL, cs_wait_cb, &w);
  return cs_oauth2_client_token_finish (client, cs_wait_run (&w), error);
}

static gboolean
revoke_token (CsOAuth2Client *client,
              const char     *token,
              const char     *hint,
              GError        **error)
{
  g_autofree char *revoke_url = endpoint ("/revoke");
  g_auto(CsWait) w = CS_WAIT_INIT;

  cs_oauth2_client_revoke_async (client, revoke_url, token, hint, NULL, cs_wait_cb, &w);
  return cs_oauth2_client_revoke_finish (client, cs_wait_run (&w), error);
}

/* GET /me with the bearer: the HTTP status, and the body in *@body. */
static guint
me (CsOAuth2Client *client,
    const char     *access_token,
    char          **body)
{
  g_autofree char *url = endpoint ("/me");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;
  guint status = 0;

  cs_oauth2_client_call_async (client, "GET", url, access_token, NULL, NULL, NULL, cs_wait_cb,
                               &w);
  bytes = cs_oauth2_client_call_finish (client, cs_wait_run (&w), &status, NULL, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return status;
}

static CsOAuth2Token *
full_flow (CsOAuth2Client *client,
           const char     *scope)
{
  g_autoptr(CsOAuth2Request) request = new_request (cs_oauth2_client_get_client_id (client),
                                                    scope);
  g_autoptr(GError) error = NULL;
  char *code = authorize (request, "allow", &error);
  CsOAuth2Token *token;

  g_assert_no_error (error);
  g_assert_nonnull (code);
  token = exchange (client, request, code, &error);
  g_assert_no_error (error);
  cs_secret_free (code);
  return token;
}

static void
test_code_flow (gconstpointer data)
{
  gboolean confidential = GPOINTER_TO_INT (data);
  g_autoptr(CsOAuth2Client) client = new_client (confidential);
  g_autoptr(CsOAuth2Token) token = full_flow (client, "read offline_access");
  g_autofree char *body = NULL;

  g_assert_cmpint (g_ascii_strcasecmp (cs_oauth2_token_get_token_type (token), "bearer"), ==, 0);
  g_assert_nonnull (cs_oauth2_token_get_refresh_token (token));
  g_assert_cmpint (cs_oauth2_token_get_expires_in (token), >, 0);
  g_assert_cmpuint (me (client, cs_oauth2_token_get_access_token (token), &body), ==, 200);
  g_assert_nonnull (strstr (body, "oauthlib_user"));
}

/* Without offline_access, no refresh token (as X). */
static void
test_no_offline_access (void)
{
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autoptr(CsOAuth2Token) token = full_flow (client, "read");

  g_assert_null (cs_oauth2_token_get_refresh_token (token));
}

static void
test_refresh_rotation (void)
{
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autoptr(CsOAuth2Token) first = full_flow (client, "read offline_access");
  g_autoptr(CsOAuth2Token) second = NULL;
  g_autoptr(CsOAuth2Token) again = NULL;
  g_autoptr(GError) error = NULL;

  second = refresh (client, cs_oauth2_token_get_refresh_token (first), &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_oauth2_token_get_refresh_token (second));
  g_assert_cmpstr (cs_oauth2_token_get_refresh_token (second), !=,
                   cs_oauth2_token_get_refresh_token (first));
  g_assert_cmpstr (cs_oauth2_token_get_access_token (second), !=,
                   cs_oauth2_token_get_access_token (first));
  g_assert_cmpuint (me (client, cs_oauth2_token_get_access_token (second), NULL), ==, 200);

  /* Single-use: the old refresh token is refused, in words that say what to do. */
  again = refresh (client, cs_oauth2_token_get_refresh_token (first), &error);
  g_assert_null (again);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_cmpstr (cs_oauth2_client_get_last_error_code (client), ==, "invalid_grant");
  g_assert_nonnull (strstr (error->message, "authorize again"));
  g_assert_null (strstr (error->message, cs_oauth2_token_get_refresh_token (first)));
}

static void
test_revoke (gconstpointer data)
{
  gboolean confidential = GPOINTER_TO_INT (data);
  g_autoptr(CsOAuth2Client) client = new_client (confidential);
  g_autoptr(CsOAuth2Token) token = full_flow (client, "read offline_access");
  g_autoptr(CsOAuth2Token) refreshed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (revoke_token (client, cs_oauth2_token_get_access_token (token), "access_token",
                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (me (client, cs_oauth2_token_get_access_token (token), NULL), ==, 401);

  g_assert_true (revoke_token (client, cs_oauth2_token_get_refresh_token (token), "refresh_token",
                         &error));
  g_assert_no_error (error);
  refreshed = refresh (client, cs_oauth2_token_get_refresh_token (token), &error);
  g_assert_null (refreshed);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
}

static void
test_client_credentials (void)
{
  g_autoptr(CsOAuth2Client) client = new_client (TRUE);
  g_autoptr(CsOAuth2Client) public_client = new_client (FALSE);
  g_autofree char *token_url = endpoint ("/token");
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsOAuth2Token) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;
  g_auto(CsWait) w2 = CS_WAIT_INIT;

  cs_oauth2_client_client_credentials_async (client, token_url, "read", NULL, cs_wait_cb, &w);
  token = cs_oauth2_client_token_finish (client, cs_wait_run (&w), &error);
  g_assert_no_error (error);
  g_assert_null (cs_oauth2_token_get_refresh_token (token));
  /* A valid bearer without a user: 403 where a made-up one gets 401 (as X answers). */
  g_assert_cmpuint (me (client, cs_oauth2_token_get_access_token (token), NULL), ==, 403);
  g_assert_cmpuint (me (client, "made-up-token", NULL), ==, 401);

  /* A public client has no credentials to present. */
  cs_oauth2_client_client_credentials_async (public_client, token_url, "read", NULL, cs_wait_cb,
                                             &w2);
  refused = cs_oauth2_client_token_finish (public_client, cs_wait_run (&w2), &error);
  g_assert_null (refused);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (cs_oauth2_client_get_last_error_code (public_client));
}

static void
test_access_denied (void)
{
  g_autoptr(CsOAuth2Request) request = new_request (PUBLIC_CLIENT, "read");
  g_autoptr(GError) error = NULL;
  char *code = authorize (request, "deny", &error);

  g_assert_null (code);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "access_denied"));
}

static void
test_code_reused (void)
{
  g_autoptr(CsOAuth2Client) client = new_client (TRUE);
  g_autoptr(CsOAuth2Request) request = new_request (CONFIDENTIAL_CLIENT, "read");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsOAuth2Token) again = NULL;
  char *code = authorize (request, "allow", &error);

  g_assert_no_error (error);
  token = exchange (client, request, code, &error);
  g_assert_no_error (error);
  again = exchange (client, request, code, &error);
  g_assert_null (again);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_cmpstr (cs_oauth2_client_get_last_error_code (client), ==, "invalid_grant");
  g_assert_null (strstr (error->message, code));
  cs_secret_free (code);
}

static void
test_wrong_verifier (void)
{
  g_autoptr(CsOAuth2Client) client = new_client (FALSE);
  g_autoptr(CsOAuth2Request) request = new_request (PUBLIC_CLIENT, "read");
  g_autoptr(CsOAuth2Request) other = new_request (PUBLIC_CLIENT, "read");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  char *code = authorize (request, "allow", &error);

  g_assert_no_error (error);
  /* The code of one request with the verifier of another. */
  token = exchange (client, other, code, &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_cmpstr (cs_oauth2_client_get_last_error_code (client), ==, "invalid_grant");
  g_assert_null (strstr (error->message, cs_oauth2_request_get_code_verifier (other)));
  cs_secret_free (code);
}

/* A confidential client's secret, sent as a public client would not: the provider refuses
 * a Basic header it does not know (X's public/confidential mix-up). */
static void
test_wrong_secret (void)
{
  g_autoptr(CsOAuth2Client) client = cs_oauth2_client_new (NULL, CONFIDENTIAL_CLIENT,
                                                           "not-the-secret");
  g_autoptr(CsOAuth2Request) request = new_request (CONFIDENTIAL_CLIENT, "read");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  char *code = authorize (request, "allow", &error);

  g_assert_no_error (error);
  token = exchange (client, request, code, &error);
  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_null (strstr (error->message, "not-the-secret"));
  g_assert_nonnull (cs_oauth2_client_get_last_error_code (client));
  cs_secret_free (code);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  callback_port = unused_port ();
  g_test_add_data_func ("/oauth2/oauthlib/code-flow/public", GINT_TO_POINTER (FALSE),
                        test_code_flow);
  g_test_add_data_func ("/oauth2/oauthlib/code-flow/confidential", GINT_TO_POINTER (TRUE),
                        test_code_flow);
  g_test_add_func ("/oauth2/oauthlib/no-offline-access", test_no_offline_access);
  g_test_add_func ("/oauth2/oauthlib/refresh-rotation", test_refresh_rotation);
  g_test_add_data_func ("/oauth2/oauthlib/revoke/public", GINT_TO_POINTER (FALSE), test_revoke);
  g_test_add_data_func ("/oauth2/oauthlib/revoke/confidential", GINT_TO_POINTER (TRUE),
                        test_revoke);
  g_test_add_func ("/oauth2/oauthlib/client-credentials", test_client_credentials);
  g_test_add_func ("/oauth2/oauthlib/access-denied", test_access_denied);
  g_test_add_func ("/oauth2/oauthlib/code-reused", test_code_reused);
  g_test_add_func ("/oauth2/oauthlib/wrong-verifier", test_wrong_verifier);
  g_test_add_func ("/oauth2/oauthlib/wrong-secret", test_wrong_secret);
  status = g_test_run ();
  cs_test_oauthlib2_stop ();
  return status;
}
