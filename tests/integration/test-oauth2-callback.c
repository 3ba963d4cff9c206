/* test-oauth2-callback.c — the loopback callback's OAuth 2.0 wait, driven by a real browser
 * side, and what a request makes of each redirect (RFC 6749 §4.1.2, RFC 8252 §7.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A redirect with another or no state is answered 400 and never ends the wait; the right one
 * ends it with its query; one after that is refused; error= reaches the request, which says
 * what it means; nothing is exchanged in any of these (there is no token endpoint here).
 */
#include <string.h>
#include <glib.h>

#include "cs-callback-server.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-request.h"
#include "cs-percent.h"
#include "cs-test-http.h"
#include "cs-test-wait.h"

typedef struct
{
  CsCallbackServer *server;
  CsOAuth2Request  *request;
  CsWait            wait;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = cs_callback_server_new (&error);
  g_assert_no_error (error);
  f->request = cs_oauth2_request_new ("https://provider.example/authorize", "client",
                                      cs_callback_server_get_url (f->server), "read", &error);
  g_assert_no_error (error);
  f->wait = (CsWait) CS_WAIT_INIT;
  cs_callback_server_wait_redirect_async (f->server, cs_oauth2_request_get_state (f->request),
                                          30, NULL, cs_wait_cb, &f->wait);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_wait_clear (&f->wait);
  g_clear_object (&f->request);
  g_clear_object (&f->server);
}

static guint
browse (Fixture    *f,
        const char *query,
        char      **body)
{
  g_autofree char *url = g_strconcat (cs_callback_server_get_url (f->server), "?", query, NULL);
  g_auto(CsHttpReply) reply = { 0 };

  cs_http_send (&reply, "GET", url, NULL, NULL);
  if (body != NULL)
    *body = g_steal_pointer (&reply.body);
  return reply.status;
}

static char *
with_state (Fixture    *f,
            const char *rest)
{
  return g_strdup_printf ("%s&state=%s", rest, cs_oauth2_request_get_state (f->request));
}

static void
test_code (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *right = with_state (f, "code=the-code-5");
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  char *query;
  char *code;

  /* Another state, no state: 400, and the wait goes on. */
  g_assert_cmpuint (browse (f, "code=stolen&state=forged", &page), ==, 400);
  g_assert_nonnull (strstr (page, "state"));
  g_assert_cmpuint (browse (f, "code=stolen", NULL), ==, 400);
  g_assert_null (f->wait.result);

  g_assert_cmpuint (browse (f, right, NULL), ==, 200);
  query = cs_callback_server_wait_redirect_finish (f->server, cs_wait_run (&f->wait), &error);
  g_assert_no_error (error);
  code = cs_oauth2_request_take_redirect (f->request, query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "the-code-5");
  cs_secret_free (code);

  /* A second redirect, even with the right state: the request gives out no second code. */
  g_assert_null (cs_oauth2_request_take_redirect (f->request, query, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
  cs_secret_free (query);
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *denied = with_state (f, "error=access_denied&error_description=Nope");
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  char *query;

  g_assert_cmpuint (browse (f, denied, &page), ==, 200);
  g_assert_nonnull (strstr (page, "Return to Countersign"));
  query = cs_callback_server_wait_redirect_finish (f->server, cs_wait_run (&f->wait), &error);
  g_assert_no_error (error);
  g_assert_null (cs_oauth2_request_take_redirect (f->request, query, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "Nope"));
  cs_secret_free (query);
}

/* The OAuth 1.0a wait is not confused by an OAuth 2.0 redirect, nor the other way. */
static void
test_oauth1_query_ignored (Fixture       *f,
                           gconstpointer  data)
{
  g_assert_cmpuint (browse (f, "oauth_token=t&oauth_verifier=v", NULL), ==, 400);
  g_assert_null (f->wait.result);
}

static void
test_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCallbackServer) server = cs_callback_server_new (&error);
  g_auto(CsWait) w = CS_WAIT_INIT;
  char *query;

  cs_callback_server_wait_redirect_async (server, "some-state", 1, NULL, cs_wait_cb, &w);
  query = cs_callback_server_wait_redirect_finish (server, cs_wait_run (&w), &error);
  g_assert_null (query);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_TIMEOUT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/oauth2/callback/code", Fixture, NULL, fixture_setup, test_code,
              fixture_teardown);
  g_test_add ("/oauth2/callback/denied", Fixture, NULL, fixture_setup, test_denied,
              fixture_teardown);
  g_test_add ("/oauth2/callback/oauth1-query-ignored", Fixture, NULL, fixture_setup,
              test_oauth1_query_ignored, fixture_teardown);
  g_test_add_func ("/oauth2/callback/timeout", test_timeout);
  return g_test_run ();
}
