/* test-lifetime.c — requests that are cancelled, doubled or orphaned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a window does to the client: cancels a request mid-flight, starts a second one while
 * the first runs, drops the client while a request is on the wire. Each callback must come
 * exactly once, say what happened (cancelled is cancelled, never a result), and nothing may
 * outlive its owner. Run under ASan in CI, which catches a callback into freed memory.
 */
#include <signal.h>
#include <string.h>
#include <gio/gio.h>

#include "cs-callback-server.h"
#include "cs-demo-provider.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"

/* A loopback server that accepts connections, reads nothing, and never answers. */
typedef struct
{
  GSocketService *service;
  GPtrArray      *connections;
  guint16         port;
} SilentServer;

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  SilentServer *s = data;

  g_ptr_array_add (s->connections, g_object_ref (connection));
  return TRUE;
}

static void
silent_server_start (SilentServer *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  s->service = g_socket_service_new ();
  s->connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_socket_listener_add_address (G_SOCKET_LISTENER (s->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  s->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (s->service, "incoming", G_CALLBACK (on_incoming), s);
  g_socket_service_start (s->service);
}

static void
silent_server_stop (SilentServer *s)
{
  g_socket_service_stop (s->service);
  g_socket_listener_close (G_SOCKET_LISTENER (s->service));
  g_clear_object (&s->service);
  g_clear_pointer (&s->connections, g_ptr_array_unref);
}

static CsProvider *
silent_provider (SilentServer *s)
{
  CsProvider *provider = cs_provider_new ("silent", "Silent");
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", s->port);
  g_autofree char *rt = g_strconcat (base, "/oauth/request_token", NULL);
  g_autofree char *at = g_strconcat (base, "/oauth/access_token", NULL);

  cs_provider_set_request_token_url (provider, rt);
  cs_provider_set_access_token_url (provider, at);
  return provider;
}

/* What a page keeps about its request: how often the callback came, and with what. */
typedef struct
{
  guint          calls;
  CsCredentials *credentials;
  GError        *error;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->credentials, cs_credentials_unref);
  g_clear_error (&o->error);
}

/* Every request-token callback, whichever request it was for. */
static guint total_calls;

static void
on_request_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Outcome *o = data;

  o->calls++;
  total_calls++;
  g_assert_true (CS_IS_OAUTH_CLIENT (source));
  o->credentials = cs_oauth_client_request_token_finish (CS_OAUTH_CLIENT (source), result,
                                                         &o->error);
  g_assert_true ((o->credentials == NULL) != (o->error == NULL));
}

static void
on_access_token (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Outcome *o = data;

  o->calls++;
  o->credentials = cs_oauth_client_access_token_finish (CS_OAUTH_CLIENT (source), result,
                                                        &o->error);
  g_assert_true ((o->credentials == NULL) != (o->error == NULL));
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until *@counter reaches @target or @max_ms pass; returns whether it did. */
static gboolean
iterate_until (guint *counter,
               guint  target,
               guint  max_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (max_ms, set_flag, &expired);

  while (*counter < target && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return *counter >= target;
}

/* Lets a few more iterations run: a second callback would show up here. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static const CsConsumer demo_consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };

/* Cancel once the request is on the wire: CANCELLED at once, not after the timeout. */
static void
test_cancel_mid_flight (void)
{
  SilentServer s = { 0 };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 };
  gint64 start;

  silent_server_start (&s);
  provider = silent_provider (&s);
  cs_oauth_client_set_timeout (client, 30);
  cs_oauth_client_request_token_async (client, provider, &demo_consumer, "oob", NULL,
                                       cancellable, on_request_token, &o);
  g_assert_true (iterate_until (&s.connections->len, 1, 5000));
  g_assert_cmpuint (o.calls, ==, 0);

  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_assert_true (iterate_until (&o.calls, 1, 5000));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  settle (100);
  g_assert_cmpuint (o.calls, ==, 1);

  outcome_clear (&o);
  silent_server_stop (&s);
}

/* A cancellable that is already cancelled: no connection at all. */
static void
test_cancel_before_start (void)
{
  SilentServer s = { 0 };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 };

  silent_server_start (&s);
  provider = silent_provider (&s);
  g_cancellable_cancel (cancellable);
  cs_oauth_client_request_token_async (client, provider, &demo_consumer, "oob", NULL,
                                       cancellable, on_request_token, &o);
  /* GTask convention: the callback never runs before the call returns. */
  g_assert_cmpuint (o.calls, ==, 0);
  g_assert_true (iterate_until (&o.calls, 1, 2000));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  settle (100);
  g_assert_cmpuint (o.calls, ==, 1);
  g_assert_cmpuint (s.connections->len, ==, 0);

  outcome_clear (&o);
  silent_server_stop (&s);
}

/* Two request tokens at once on one client (Continue pressed twice, or two windows): both
 * finish, each once, with different tokens. */
static void
test_two_at_once (void)
{
  g_autoptr(CsDemoProvider) demo = cs_demo_provider_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  Outcome a = { 0 };
  Outcome b = { 0 };
  guint before;
  CsProvider *provider;

  cs_demo_provider_start (demo, 0, &error);
  g_assert_no_error (error);
  provider = cs_demo_provider_get_provider (demo);

  before = total_calls;
  cs_oauth_client_request_token_async (client, provider, &demo_consumer, "oob", NULL, NULL,
                                       on_request_token, &a);
  cs_oauth_client_request_token_async (client, provider, &demo_consumer, "oob", NULL, NULL,
                                       on_request_token, &b);
  g_assert_true (iterate_until (&total_calls, before + 2, 10000));
  g_assert_cmpuint (a.calls, ==, 1);
  g_assert_cmpuint (b.calls, ==, 1);
  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  g_assert_cmpstr (cs_credentials_get_token (a.credentials), !=,
                   cs_credentials_get_token (b.credentials));
  settle (100);
  g_assert_cmpuint (a.calls + b.calls, ==, 2);

  outcome_clear (&a);
  outcome_clear (&b);
  cs_demo_provider_stop (demo);
}

/* Many requests, each cancelled after a different delay, some before and some after the
 * answer: every callback exactly once, either a result or CANCELLED. */
static void
test_cancel_races (void)
{
  g_autoptr(CsDemoProvider) demo = cs_demo_provider_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  enum { N = 24 };
  Outcome outcomes[N] = { { 0 } };
  GCancellable *cancellables[N];
  guint finished = 0;
  guint cancelled = 0;
  CsProvider *provider;

  cs_demo_provider_start (demo, 0, &error);
  g_assert_no_error (error);
  provider = cs_demo_provider_get_provider (demo);

  for (guint i = 0; i < N; i++)
    {
      cancellables[i] = g_cancellable_new ();
      cs_oauth_client_request_token_async (client, provider, &demo_consumer, "oob", NULL,
                                           cancellables[i], on_request_token, &outcomes[i]);
    }
  for (guint i = 0; i < N; i++)
    {
      /* Cancel i after i iterations of the loop. */
      for (guint k = 0; k < i; k++)
        g_main_context_iteration (NULL, FALSE);
      g_cancellable_cancel (cancellables[i]);
    }
  for (guint i = 0; i < N; i++)
    g_assert_true (iterate_until (&outcomes[i].calls, 1, 10000));
  settle (100);

  for (guint i = 0; i < N; i++)
    {
      g_assert_cmpuint (outcomes[i].calls, ==, 1);
      if (outcomes[i].error != NULL)
        {
          g_assert_error (outcomes[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          cancelled++;
        }
      else
        g_assert_nonnull (cs_credentials_get_token (outcomes[i].credentials));
      finished++;
      outcome_clear (&outcomes[i]);
      g_object_unref (cancellables[i]);
    }
  g_test_message ("%u requests, %u cancelled in flight", finished, cancelled);
  g_assert_cmpuint (cancelled, >, 0);
  cs_demo_provider_stop (demo);
}

/* The window drops its client while a request is on the wire, cancelling as dispose does:
 * the callback says CANCELLED and the client is finalized afterwards. */
static void
test_drop_client_and_cancel (void)
{
  SilentServer s = { 0 };
  CsOAuthClient *client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 };

  silent_server_start (&s);
  provider = silent_provider (&s);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);
  cs_oauth_client_request_token_async (client, provider, &demo_consumer, "oob", NULL,
                                       cancellable, on_request_token, &o);
  g_assert_true (iterate_until (&s.connections->len, 1, 5000));
  g_object_unref (client);
  g_cancellable_cancel (cancellable);

  g_assert_true (iterate_until (&o.calls, 1, 5000));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  settle (200);
  g_assert_null (client);
  g_assert_cmpuint (o.calls, ==, 1);

  outcome_clear (&o);
  silent_server_stop (&s);
}

/* Dropped without cancelling: the request still ends (here by its timeout) and reports once;
 * then the client goes away. */
static void
test_drop_client_without_cancel (void)
{
  SilentServer s = { 0 };
  CsOAuthClient *client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = NULL;
  Outcome o = { 0 };

  silent_server_start (&s);
  provider = silent_provider (&s);
  cs_oauth_client_set_timeout (client, 1);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);
  cs_oauth_client_request_token_async (client, provider, &demo_consumer, "oob", NULL, NULL,
                                       on_request_token, &o);
  g_object_unref (client);

  g_assert_true (iterate_until (&o.calls, 1, 10000));
  g_assert_error (o.error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_TIMEOUT);
  settle (200);
  g_assert_null (client);
  g_assert_cmpuint (o.calls, ==, 1);

  outcome_clear (&o);
  silent_server_stop (&s);
}

/* The access token step cancelled mid-flight, too. */
static void
test_cancel_access_token (void)
{
  SilentServer s = { 0 };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_autoptr(CsCredentials) request_token = NULL;
  Outcome o = { 0 };

  silent_server_start (&s);
  provider = silent_provider (&s);
  cs_param_list_add (params, "oauth_token", "request-token");
  cs_param_list_add (params, "oauth_token_secret", "request-token-secret");
  request_token = cs_credentials_new (params);
  cs_oauth_client_access_token_async (client, provider, &demo_consumer, request_token,
                                      "123456", cancellable, on_access_token, &o);
  g_assert_true (iterate_until (&s.connections->len, 1, 5000));
  g_assert_cmpuint (o.calls, ==, 0);
  g_cancellable_cancel (cancellable);
  g_assert_true (iterate_until (&o.calls, 1, 5000));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  settle (100);
  g_assert_cmpuint (o.calls, ==, 1);

  outcome_clear (&o);
  silent_server_stop (&s);
}

static void
on_wait (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Outcome *o = data;
  char *verifier;

  o->calls++;
  verifier = cs_callback_server_wait_finish (CS_CALLBACK_SERVER (source), result, &o->error);
  g_assert_null (verifier);
}

/* The loopback callback server: cancelled while waiting, then dropped; it stops listening. */
static void
test_callback_server_cancel (void)
{
  g_autoptr(GError) error = NULL;
  CsCallbackServer *server = cs_callback_server_new (&error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = NULL;
  Outcome o = { 0 };

  g_assert_no_error (error);
  uri = g_uri_parse (cs_callback_server_get_url (server), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (server), (gpointer *) &server);
  cs_callback_server_wait_async (server, "request-token", 60, cancellable, on_wait, &o);
  settle (50);
  g_cancellable_cancel (cancellable);
  g_assert_true (iterate_until (&o.calls, 1, 2000));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (server);
  /* It keeps itself alive a moment to finish the page it is serving, then stops. */
  settle (500);
  g_assert_null (server);
  g_assert_cmpuint (o.calls, ==, 1);

  /* Nobody listens there any more. */
  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1",
                                                g_uri_get_port (uri), NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  outcome_clear (&o);
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  guint *done = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "Cancelled"));
  (*done)++;
}

/* Ctrl+C while countersign-cli waits for a provider: it stops at once with status 130. */
static void
test_cli_interrupted (void)
{
  SilentServer s = { 0 };
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint done = 0;
  gint64 start;

  silent_server_start (&s);
  url = g_strdup_printf ("http://127.0.0.1:%u/oauth/request_token", s.port);
  g_subprocess_launcher_setenv (launcher, "COUNTERSIGN_CONSUMER_SECRET",
                                CS_DEMO_CONSUMER_SECRET, TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("COUNTERSIGN_CLI"),
                                     "request-token", "--request-token-url", url,
                                     "--consumer-key", CS_DEMO_CONSUMER_KEY, "--timeout", "30",
                                     NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (cli, NULL, NULL, on_communicated, &done);
  g_assert_true (iterate_until (&s.connections->len, 1, 10000));

  start = g_get_monotonic_time ();
  g_subprocess_send_signal (cli, SIGINT);
  g_assert_true (iterate_until (&done, 1, 10000));
  g_subprocess_wait (cli, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_true (g_subprocess_get_if_exited (cli));
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 130);

  silent_server_stop (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lifetime/cancel/mid-flight", test_cancel_mid_flight);
  g_test_add_func ("/lifetime/cancel/before-start", test_cancel_before_start);
  g_test_add_func ("/lifetime/cancel/access-token", test_cancel_access_token);
  g_test_add_func ("/lifetime/cancel/races", test_cancel_races);
  g_test_add_func ("/lifetime/concurrent/two-at-once", test_two_at_once);
  g_test_add_func ("/lifetime/drop-client/cancelled", test_drop_client_and_cancel);
  g_test_add_func ("/lifetime/drop-client/not-cancelled", test_drop_client_without_cancel);
  g_test_add_func ("/lifetime/callback-server/cancel", test_callback_server_cancel);
  g_test_add_func ("/lifetime/cli/interrupted", test_cli_interrupted);
  return g_test_run ();
}
