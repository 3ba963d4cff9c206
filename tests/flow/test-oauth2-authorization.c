/* test-oauth2-authorization.c — the flow layer's OAuth 2.0 objects against the independent
 * python3-oauthlib provider: CsOAuth2Authorization (loopback and pasted redirects, hostile
 * redirects never exchanged) and the stored credential kept fresh (cs_credential_fresh_async
 * rotating the keyring item, cs_credential_revoke_async), with a throw-away keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-demo-account.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-authorization.h"
#include "cs-oauth2-credential.h"
#include "cs-test-cli.h"
#include "cs-test-http.h"
#include "cs-test-keyring.h"
#include "cs-test-providers.h"
#include "cs-test-wait.h"

#define PUBLIC_CLIENT "public-client-0001"
#define APP_REDIRECT  "io.github.countersign.countersign:/callback"

static guint loopback_port;

static CsProvider *
oauthlib_provider (void)
{
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", loopback_port);
  const char *args[] = { "--redirect-uri", redirect, NULL };
  const char *base = cs_test_oauthlib2_start_with (args);
  g_autofree char *authorize = g_strconcat (base, "/authorize", NULL);
  g_autofree char *token = g_strconcat (base, "/token", NULL);
  g_autofree char *revoke = g_strconcat (base, "/revoke", NULL);
  g_autofree char *me = g_strconcat (base, "/me", NULL);
  CsProvider *provider = cs_provider_new ("o2test", "OAuth 2.0 Test");

  cs_provider_set_oauth2_authorize_url (provider, authorize);
  cs_provider_set_oauth2_token_url (provider, token);
  cs_provider_set_oauth2_revoke_url (provider, revoke);
  cs_provider_set_verify_url (provider, me);
  return provider;
}

/* The browser: the authorize URL with auto=@answer; returns the redirect's address. */
static char *
browser (const char *url,
         const char *answer)
{
  g_autofree char *auto_url = g_strconcat (url, "&auto=", answer, NULL);
  g_auto(CsHttpReply) reply = { 0 };

  cs_http_send (&reply, "GET", auto_url, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 302);
  g_assert_nonnull (reply.location);
  return g_steal_pointer (&reply.location);
}

/* Loopback: the browser comes back to the server, the code is exchanged, the token saved
 * under the account that the bearer's test call names. */
static void
test_loopback_save (void)
{
  g_autoptr(CsProvider) provider = oauthlib_provider ();
  g_autoptr(CsOAuth2Authorization) auth = NULL;
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStoredToken) stored = NULL;
  g_auto(CsWait) wait = CS_WAIT_INIT;
  g_auto(CsWait) save = CS_WAIT_INIT;
  g_auto(CsWait) lookup = CS_WAIT_INIT;
  g_auto(CsHttpReply) landing = { 0 };
  g_autofree char *location = NULL;
  g_autofree char *id = NULL;
  const char *url;

  cs_test_clear_keyring ();
  auth = cs_oauth2_authorization_new (provider, PUBLIC_CLIENT, NULL, "read offline_access");
  cs_oauth2_authorization_set_redirect (auth, CS_OAUTH2_REDIRECT_LOOPBACK, loopback_port, NULL);
  cs_oauth2_authorization_set_store (auth, store);
  url = cs_oauth2_authorization_begin (auth, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  g_assert_nonnull (strstr (cs_oauth2_authorization_get_redirect_uri (auth), "/callback"));

  cs_oauth2_authorization_wait_async (auth, NULL, cs_wait_cb, &wait);
  location = browser (url, "allow");
  cs_http_send (&landing, "GET", location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
  token = cs_oauth2_authorization_token_finish (auth, cs_wait_run (&wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_oauth2_token_get_refresh_token (token));
  g_assert_cmpint (cs_oauth2_authorization_get_step (auth), ==, CS_OAUTH2_STEP_SAVE);

  cs_oauth2_authorization_save_async (auth, FALSE, NULL, cs_wait_cb, &save);
  id = cs_oauth2_authorization_save_finish (auth, cs_wait_run (&save), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_authorization_get_account (auth), ==, "oauthlib_user");
  cs_token_store_lookup_async (store, id, NULL, cs_wait_cb, &lookup);
  stored = cs_token_store_lookup_finish (store, cs_wait_run (&lookup), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_stored_token_get_protocol (stored), ==, CS_STORED_OAUTH2);
  g_assert_cmpstr (cs_stored_token_get_account (stored), ==, "oauthlib_user");
  g_assert_cmpstr (cs_stored_token_get_access_token (stored), ==,
                   cs_oauth2_token_get_access_token (token));
  g_assert_cmpstr (cs_stored_token_get_refresh_token (stored), ==,
                   cs_oauth2_token_get_refresh_token (token));
  g_assert_cmpstr (cs_stored_token_get_client_id (stored), ==, PUBLIC_CLIENT);
}

/* The app link / pasted address: a redirect with another state is refused and nothing is
 * exchanged; the right one then works once; access_denied says so. */
static void
test_pasted_redirects (void)
{
  g_autoptr(CsProvider) provider = oauthlib_provider ();
  g_autoptr(CsOAuth2Authorization) auth = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsOAuth2Token) again = NULL;
  g_autoptr(CsOAuth2Token) wrong = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w1 = CS_WAIT_INIT;
  g_auto(CsWait) w2 = CS_WAIT_INIT;
  g_auto(CsWait) w3 = CS_WAIT_INIT;
  g_autofree char *location = NULL;
  g_autofree char *forged = NULL;
  const char *url;

  auth = cs_oauth2_authorization_new (provider, PUBLIC_CLIENT, NULL, "read");
  cs_oauth2_authorization_set_redirect (auth, CS_OAUTH2_REDIRECT_APP_LINK, 0, NULL);
  url = cs_oauth2_authorization_begin (auth, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_authorization_get_redirect_uri (auth), ==, APP_REDIRECT);
  location = browser (url, "allow");
  g_assert_true (g_str_has_prefix (location, APP_REDIRECT "?"));
  g_assert_true (cs_oauth2_authorization_owns_redirect (auth, location));

  forged = g_strdup (APP_REDIRECT "?code=forged-code&state=not-this-one");
  g_assert_false (cs_oauth2_authorization_owns_redirect (auth, forged));
  cs_oauth2_authorization_submit_redirect_async (auth, forged, NULL, cs_wait_cb, &w1);
  wrong = cs_oauth2_authorization_token_finish (auth, cs_wait_run (&w1), &error);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
  g_assert_null (wrong);
  g_clear_error (&error);

  cs_oauth2_authorization_submit_redirect_async (auth, location, NULL, cs_wait_cb, &w2);
  token = cs_oauth2_authorization_token_finish (auth, cs_wait_run (&w2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_oauth2_token_get_access_token (token));

  /* A second redirect: never a second exchange. */
  cs_oauth2_authorization_submit_redirect_async (auth, location, NULL, cs_wait_cb, &w3);
  again = cs_oauth2_authorization_token_finish (auth, cs_wait_run (&w3), &error);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
  g_assert_null (again);
}

static void
test_denied (void)
{
  g_autoptr(CsProvider) provider = oauthlib_provider ();
  g_autoptr(CsOAuth2Authorization) auth = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) wait = CS_WAIT_INIT;
  g_autofree char *location = NULL;
  const char *url;

  auth = cs_oauth2_authorization_new (provider, PUBLIC_CLIENT, NULL, "read");
  cs_oauth2_authorization_set_redirect (auth, CS_OAUTH2_REDIRECT_APP_LINK, 0, NULL);
  url = cs_oauth2_authorization_begin (auth, &error);
  g_assert_no_error (error);
  location = browser (url, "deny");
  cs_oauth2_authorization_submit_redirect_async (auth, location, NULL, cs_wait_cb, &wait);
  token = cs_oauth2_authorization_token_finish (auth, cs_wait_run (&wait), &error);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED);
  g_assert_null (token);
}

/* A provider without OAuth 2.0 endpoints: a clear error, no request. */
static void
test_no_endpoints (void)
{
  g_autoptr(CsProvider) provider = cs_provider_new ("plain", "Plain OAuth 1.0a");
  g_autoptr(CsOAuth2Authorization) auth = cs_oauth2_authorization_new (provider, "c", NULL,
                                                                        NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (cs_oauth2_authorization_begin (auth, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "OAuth 2.0"));
}

/* A stored credential: forced refresh rotates the item; revocation ends the access token. */
static void
test_fresh_revoke (void)
{
  g_autoptr(CsProvider) provider = oauthlib_provider ();
  g_autoptr(CsProviderRegistry) registry = cs_provider_registry_new ();
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsOAuth2Authorization) auth = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsStoredToken) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) wait = CS_WAIT_INIT;
  g_auto(CsWait) save = CS_WAIT_INIT;
  g_auto(CsWait) refresh = CS_WAIT_INIT;
  g_auto(CsWait) revoke = CS_WAIT_INIT;
  g_auto(CsHttpReply) landing = { 0 };
  g_auto(CsHttpReply) me = { 0 };
  g_autofree char *location = NULL;
  g_autofree char *id = NULL;
  g_autofree char *bearer = NULL;

  cs_test_clear_keyring ();
  auth = cs_oauth2_authorization_new (provider, PUBLIC_CLIENT, NULL, "read offline_access");
  cs_oauth2_authorization_set_redirect (auth, CS_OAUTH2_REDIRECT_LOOPBACK, loopback_port, NULL);
  cs_oauth2_authorization_set_store (auth, store);
  g_assert_nonnull (cs_oauth2_authorization_begin (auth, &error));
  cs_oauth2_authorization_wait_async (auth, NULL, cs_wait_cb, &wait);
  location = browser (cs_oauth2_authorization_get_authorize_url (auth), "allow");
  cs_http_send (&landing, "GET", location, NULL, NULL);
  token = cs_oauth2_authorization_token_finish (auth, cs_wait_run (&wait), &error);
  g_assert_no_error (error);
  cs_oauth2_authorization_save_async (auth, FALSE, NULL, cs_wait_cb, &save);
  id = cs_oauth2_authorization_save_finish (auth, cs_wait_run (&save), &error);
  g_assert_no_error (error);

  /* The registry does not know o2test: the provider is given. */
  cs_credential_fresh_full_async (store, registry, NULL, provider, id, TRUE, NULL, NULL,
                                  cs_wait_cb, &refresh);
  fresh = cs_credential_fresh_finish (cs_wait_run (&refresh), &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_credential_fresh_get_answer (refresh.result));
  g_assert_cmpstr (cs_stored_token_get_access_token (fresh), !=,
                   cs_oauth2_token_get_access_token (token));
  g_assert_cmpstr (cs_stored_token_get_refresh_token (fresh), !=,
                   cs_oauth2_token_get_refresh_token (token));
  g_assert_cmpstr (cs_stored_token_get_refresh_token (fresh), ==,
                   cs_oauth2_token_get_refresh_token (cs_credential_fresh_get_answer (
                                                        refresh.result)));
  g_assert_cmpstr (cs_stored_token_get_id (fresh), ==, id);

  /* Revocation needs the provider from the registry: unknown here, a clear error. */
  cs_credential_revoke_async (store, registry, id, NULL, cs_wait_cb, &revoke);
  g_assert_false (cs_credential_revoke_finish (cs_wait_run (&revoke), &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  bearer = g_strconcat ("Bearer ", cs_stored_token_get_access_token (fresh), NULL);
  cs_http_send (&me, "GET", cs_provider_get_verify_url (provider), bearer, NULL);
  g_assert_cmpuint (me.status, ==, 200);
}

/* A demo OAuth 1.0a access token, through the OAuth 1.0a client and the demo's PIN page. */
static CsCredentials *
demo_oauth1_credential (CsProvider *demo)
{
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w1 = CS_WAIT_INIT;
  g_auto(CsWait) w2 = CS_WAIT_INIT;
  g_auto(CsHttpReply) page = { 0 };
  g_autofree char *form = NULL;
  g_autofree char *pin = NULL;
  CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  CsCredentials *at;

  cs_oauth_client_request_token_async (client, demo, &consumer, "oob", NULL, NULL, cs_wait_cb,
                                       &w1);
  rt = cs_oauth_client_request_token_finish (client, cs_wait_run (&w1), &error);
  g_assert_no_error (error);
  form = g_strconcat ("oauth_token=", cs_credentials_get_token (rt), "&action=allow", NULL);
  cs_http_send (&page, "POST", cs_provider_get_authorize_url (demo), NULL, form);
  pin = cs_html_element_text (page.body, "pin");
  g_assert_nonnull (pin);
  cs_oauth_client_access_token_async (client, demo, &consumer, rt, pin, NULL, cs_wait_cb, &w2);
  at = cs_oauth_client_access_token_finish (client, cs_wait_run (&w2), &error);
  g_assert_no_error (error);
  return at;
}

/* "Move to OAuth 2.0": the stored demo OAuth 1.0a credential exchanged, tested (the account
 * learned) and saved as a new OAuth 2.0 item; the OAuth 1.0a item stays. */
static void
test_migrate (void)
{
  g_autoptr(CsProviderRegistry) registry = cs_provider_registry_new ();
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(CsStoredToken) oauth1 = NULL;
  g_autoptr(CsStoredToken) moved = NULL;
  g_autoptr(CsStoredToken) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) migrate = CS_WAIT_INIT;
  g_autofree char *id = NULL;
  CsProvider *demo;

  cs_test_clear_keyring ();
  demo = cs_provider_registry_find (registry, "demo", &error);
  g_assert_no_error (error);
  at = demo_oauth1_credential (demo);
  oauth1 = cs_stored_token_new ("demo", cs_provider_get_name (demo), "127.0.0.1",
                                CS_DEMO_CONSUMER_KEY, "demo_user",
                                cs_credentials_get_token (at),
                                cs_credentials_get_token_secret (at));
  g_assert_true (cs_test_save (store, oauth1, CS_DEMO_CONSUMER_SECRET, &error));
  g_assert_no_error (error);

  cs_credential_migrate_async (store, registry, cs_stored_token_get_id (oauth1),
                               CS_DEMO_CLIENT_ID, NULL, NULL, NULL, cs_wait_cb, &migrate);
  id = cs_credential_migrate_finish (cs_wait_run (&migrate), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, !=, cs_stored_token_get_id (oauth1));
  moved = cs_test_lookup (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_stored_token_get_protocol (moved), ==, CS_STORED_OAUTH2);
  g_assert_cmpstr (cs_stored_token_get_account (moved), ==, "demo_user");
  g_assert_cmpstr (cs_stored_token_get_client_id (moved), ==, CS_DEMO_CLIENT_ID);
  g_assert_nonnull (cs_stored_token_get_refresh_token (moved));
  kept = cs_test_lookup (store, cs_stored_token_get_id (oauth1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_stored_token_get_protocol (kept), ==, CS_STORED_OAUTH1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();
  loopback_port = cs_test_free_port ();

  g_test_add_func ("/oauth2-authorization/no-endpoints", test_no_endpoints);
  g_test_add_func ("/oauth2-authorization/loopback-save", test_loopback_save);
  g_test_add_func ("/oauth2-authorization/pasted-redirects", test_pasted_redirects);
  g_test_add_func ("/oauth2-authorization/denied", test_denied);
  g_test_add_func ("/oauth2-authorization/fresh-revoke", test_fresh_revoke);
  g_test_add_func ("/oauth2-authorization/migrate", test_migrate);

  status = g_test_run ();
  cs_test_oauthlib2_stop ();
  return status;
}
