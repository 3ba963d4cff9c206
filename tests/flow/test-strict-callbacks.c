/* test-strict-callbacks.c — callbacks that strict providers accept (issue 14, points 1, 3): the
 * demo app's registered callback URLs matched as X matches them, the loopback server on a
 * fixed port, and `countersign-cli authorize --callback loopback:PORT | URL`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI's demo provider runs in the CLI's process: a test registers its callback URL there
 * with COUNTERSIGN_DEMO_CALLBACKS, as a developer adds it in the app's settings.
 */
#include "config.h"

#include <string.h>

#include "cs-callback-server.h"
#include "cs-demo-provider.h"
#include "cs-hostile.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-test-cli.h"
#include "cs-test-http.h"
#include "cs-test-wait.h"

#define X_415 "Callback URL not approved for this client application. Approved callback URLs " \
              "can be adjusted in your application settings"

/* The demo's answer to a request token for @callback: NULL with the error when refused. */
static CsCredentials *
request_token (CsDemoProvider *demo,
               const char     *callback,
               GError        **error)
{
  const CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_auto(CsWait) w = CS_WAIT_INIT;

  cs_oauth_client_request_token_async (client, cs_demo_provider_get_provider (demo), &consumer,
                                       callback, NULL, NULL, cs_wait_cb, &w);
  return cs_oauth_client_request_token_finish (client, cs_wait_run (&w), error);
}

static void
assert_refused (CsDemoProvider *demo,
                const char     *callback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = request_token (demo, callback, &error);
  g_autofree char *sent = g_strdup_printf ("The callback URL sent was “%s”", callback);

  g_assert_null (token);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "HTTP 403"));
  g_assert_nonnull (strstr (error->message, X_415));
  g_assert_nonnull (strstr (error->message, "(error code 415)"));
  g_assert_nonnull (strstr (error->message, sent));
  g_assert_nonnull (strstr (error->message, "app’s settings"));
}

static void
assert_approved (CsDemoProvider *demo,
                 const char     *callback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = request_token (demo, callback, &error);

  g_assert_no_error (error);
  g_assert_true (cs_credentials_get_callback_confirmed (token));
}

/* Exactly as registered, port included; only the query may vary; oob needs nothing. */
static void
test_demo_exact_match (void)
{
  g_autoptr(CsDemoProvider) demo = cs_demo_provider_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_demo_provider_start (demo, 0, &error));
  cs_demo_provider_clear_callbacks (demo);
  g_assert_true (cs_demo_provider_register_callback (demo, "http://127.0.0.1:8000/callback",
                                                     &error));
  assert_approved (demo, "oob");
  assert_approved (demo, "http://127.0.0.1:8000/callback");
  assert_approved (demo, "http://127.0.0.1:8000/callback?source=countersign");
  assert_refused (demo, "http://127.0.0.1:8001/callback");
  assert_refused (demo, "http://localhost:8000/callback");
  assert_refused (demo, "http://127.0.0.1:8000/callback/");
  assert_refused (demo, "https://127.0.0.1:8000/callback");
  assert_refused (demo, CS_CALLBACK_APP_URL);

  /* A registered URL has no query string, and there are at most 10. */
  g_assert_false (cs_demo_provider_register_callback (demo, "https://app.example/cb?x=1",
                                                      &error));
  g_clear_error (&error);
  for (guint i = 1; i < 10; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://app.example/cb%u", i);

      g_assert_true (cs_demo_provider_register_callback (demo, url, &error));
    }
  g_assert_false (cs_demo_provider_register_callback (demo, "https://app.example/eleven",
                                                      &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

/* From the start the demo app has its preset's loopback port and the app link. */
static void
test_demo_defaults (void)
{
  g_autoptr(CsDemoProvider) demo = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("COUNTERSIGN_DEMO_CALLBACKS", "", TRUE);
  demo = cs_demo_provider_new ();
  g_assert_true (cs_demo_provider_start (demo, 0, &error));
  g_assert_cmpuint (cs_provider_get_callback_port (cs_demo_provider_get_provider (demo)), ==,
                    CS_DEMO_CALLBACK_PORT);
  assert_approved (demo, "http://127.0.0.1:8765/callback");
  assert_approved (demo, CS_CALLBACK_APP_URL "?from=test");
  assert_refused (demo, "http://127.0.0.1:8766/callback");
}

/* A fixed port: the URL to register; a port in use: said, with the port; a finished server
 * of this process gives the port up at once (Retry). */
static void
test_server_fixed_port (void)
{
  guint port = unused_port ();
  g_autofree char *url = cs_callback_loopback_url (port);
  g_autofree char *taken = g_strdup_printf ("Port %u on 127.0.0.1 is already in use", port);
  g_autoptr(CsCallbackServer) first = NULL;
  g_autoptr(CsCallbackServer) second = NULL;
  g_autoptr(CsCallbackServer) third = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;
  char *verifier;

  first = cs_callback_server_new_on_port (port, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_callback_server_get_url (first), ==, url);
  cs_callback_server_wait_async (first, "rt", 0, cancellable, cs_wait_cb, &w);

  /* A second one while the first waits: refused, with the port and what to do. */
  second = cs_callback_server_new_on_port (port, &error);
  g_assert_null (second);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
  g_assert_nonnull (strstr (error->message, taken));
  g_assert_nonnull (strstr (error->message, "choose another port"));
  g_clear_error (&error);

  /* Cancelled (the cancellation not yet delivered): the port is free again at once. */
  g_cancellable_cancel (cancellable);
  third = cs_callback_server_new_on_port (port, &error);
  g_assert_no_error (error);
  verifier = cs_callback_server_wait_finish (first, cs_wait_run (&w), &error);
  g_assert_null (verifier);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The browser: Allow on the authorize page; returns the address the demo sends it to. */
static char *
allow (const char *authorize_url)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *token = cs_url_query_value (authorize_url, "oauth_token");
  g_autofree char *form = g_strdup_printf ("oauth_token=%s&action=allow", token);
  g_autofree char *endpoint = g_strndup (authorize_url, strcspn (authorize_url, "?"));

  cs_http_send (&reply, "POST", endpoint, NULL, form);
  g_assert_cmpuint (reply.status, ==, 302);
  return g_strdup (reply.location);
}

static const char *
cli (void)
{
  return g_getenv ("COUNTERSIGN_CLI");
}

/* `authorize --callback loopback:PORT` with that URL registered: the redirect comes back. */
static void
test_cli_registered_port (void)
{
  guint port = unused_port ();
  g_autofree char *option = g_strdup_printf ("loopback:%u", port);
  g_autofree char *url = cs_callback_loopback_url (port);
  g_autofree char *env_entry = g_strconcat ("COUNTERSIGN_DEMO_CALLBACKS=", url, NULL);
  const char *env[] = { env_entry, NULL };
  const char *argv[] = { cli (), "authorize", "--provider", "demo", "--callback", option,
                         "--no-browser", "--no-store", NULL };
  g_auto(CsProc) p = { 0 };
  g_auto(CsHttpReply) landing = { 0 };
  g_autofree char *authorize_url = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *location = NULL;

  cs_proc_start (&p, env, argv);
  authorize_url = cs_proc_err_line_with_prefix (&p, "http://127.0.0.1:");
  waiting = cs_proc_err_line_with_prefix (&p, "Waiting for the browser to come back to ");
  g_assert_nonnull (strstr (waiting, url));
  location = allow (authorize_url);
  g_assert_true (g_str_has_prefix (location, url));
  cs_http_send (&landing, "GET", location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
  cs_proc_finish (&p, NULL);
  g_assert_cmpint (p.status, ==, 0);
  g_assert_nonnull (strstr (p.out, "screen_name=" CS_DEMO_SCREEN_NAME));
}

/* An unregistered port: exit 4, X's words, the URL sent and where to add it. */
static void
test_cli_unregistered_port (void)
{
  guint port = unused_port ();
  g_autofree char *option = g_strdup_printf ("loopback:%u", port);
  g_autofree char *sent = g_strdup_printf ("The callback URL sent was "
                                           "“http://127.0.0.1:%u/callback”", port);
  g_auto(CsCliRun) run = { 0 };

  cs_cli_run_full (&run, (const char * const[]) { "COUNTERSIGN_DEMO_CALLBACKS=", NULL }, NULL,
                   (const char * const[]) { "authorize", "--provider", "demo", "--callback",
                                            option, "--no-browser", "--no-store", NULL });
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.err, X_415));
  g_assert_nonnull (strstr (run.err, sent));
  g_assert_nonnull (strstr (run.err, "to the callback URLs in the app’s settings"));
  g_assert_cmpstr (run.out, ==, "");
}

/* `--callback URL` (help and behaviour agree): the address the browser was sent to, pasted. */
static void
test_cli_url (void)
{
  const char *env[] = { "COUNTERSIGN_DEMO_CALLBACKS=https://app.example/callback", NULL };
  const char *argv[] = { cli (), "authorize", "--provider", "demo", "--callback",
                         "https://app.example/callback", "--no-browser", "--no-store", NULL };
  g_auto(CsProc) p = { 0 };
  g_auto(CsCliRun) help = { 0 };
  g_autofree char *authorize_url = NULL;
  g_autofree char *location = NULL;
  g_autofree char *pasted = NULL;

  cs_cli_run (&help, "authorize", "--help");
  g_assert_nonnull (strstr (help.out, "oob|loopback[:PORT]|URL"));

  cs_proc_start (&p, env, argv);
  authorize_url = cs_proc_err_line_with_prefix (&p, "http://127.0.0.1:");
  location = allow (authorize_url);
  g_assert_true (g_str_has_prefix (location, "https://app.example/callback?"));
  /* Another authorization's address first: said, and asked again. */
  pasted = g_strdup_printf ("https://app.example/callback?oauth_token=other&oauth_verifier=1\n"
                            "%s\n", location);
  cs_proc_finish (&p, pasted);
  g_assert_cmpint (p.status, ==, 0);
  g_assert_nonnull (strstr (p.err_text->str, "Paste the address it was sent to"));
  g_assert_nonnull (strstr (p.err_text->str, "belongs to another authorization"));
  g_assert_nonnull (strstr (p.out, "screen_name=" CS_DEMO_SCREEN_NAME));
}

static void
test_cli_bad_option (void)
{
  g_auto(CsCliRun) port = { 0 };
  g_auto(CsCliRun) url = { 0 };

  cs_cli_run (&port, "authorize", "--provider", "demo", "--callback", "loopback:99999");
  g_assert_cmpint (port.status, ==, 2);
  g_assert_nonnull (strstr (port.err, "--callback"));
  g_assert_nonnull (strstr (port.err, "loopback:8765"));
  cs_cli_run (&url, "authorize", "--provider", "demo", "--callback", "not a url");
  g_assert_cmpint (url.status, ==, 2);
  g_assert_nonnull (strstr (url.err, "is not oob, loopback, loopback:PORT or an absolute URL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/callbacks/demo/exact-match", test_demo_exact_match);
  g_test_add_func ("/callbacks/demo/defaults", test_demo_defaults);
  g_test_add_func ("/callbacks/server/fixed-port", test_server_fixed_port);
  g_test_add_func ("/callbacks/cli/registered-port", test_cli_registered_port);
  g_test_add_func ("/callbacks/cli/unregistered-port", test_cli_unregistered_port);
  g_test_add_func ("/callbacks/cli/url", test_cli_url);
  g_test_add_func ("/callbacks/cli/bad-option", test_cli_bad_option);
  return g_test_run ();
}
