/* test-proxy-resolver.c — no proxy lookup for loopback, the system's resolver for the rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether the default resolver was touched is observed from outside: a subprocess runs with
 * GIO_USE_PROXY_RESOLVER naming a resolver that does not exist, so the first
 * g_proxy_resolver_get_default () warns "Can't find module", which the test framework makes
 * fatal. A control proves that the detector fires.
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "cs-oauth-client.h"
#include "cs-proxy-resolver.h"

#define NO_SUCH_RESOLVER "cs-no-such-resolver"
#define FALLBACK_PROXY   "http://proxy.invalid:3128"

static const char *const loopback_uris[] = {
  "http://127.0.0.1:8080/oauth/request_token",
  "http://127.45.6.7/",
  "https://[::1]:443/x",
  "http://localhost/",
  "http://LOCALHOST:99/",
  "none://localhost:80",
  "none://[::1]:8080",
};

static const char *const other_uris[] = {
  "https://api.twitter.com/oauth/request_token",
  "http://128.0.0.1/",
  "http://localhost.example.com/",
  "none://192.0.2.1:80",
  "https://[2001:db8::1]:443/",
};

/* Waiting */

static void
wait_for (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static char **
lookup_async (GProxyResolver *resolver,
              const char     *uri,
              GError        **error)
{
  Wait wait = { 0 };
  char **proxies;

  g_proxy_resolver_lookup_async (resolver, uri, NULL, wait_cb, &wait);
  wait_for (&wait.done);
  proxies = g_proxy_resolver_lookup_finish (resolver, wait.result, error);
  g_object_unref (wait.result);
  return proxies;
}

static void
assert_proxies (char       **proxies,
                const char  *expected,
                const char  *uri)
{
  g_assert_nonnull (proxies);
  if (g_strv_length (proxies) != 1 || strcmp (proxies[0], expected) != 0)
    g_error ("%s: expected only %s, got %s", uri, expected, proxies[0] ? proxies[0] : "none");
}

static CsProxyResolver *
resolver_with_fallback (void)
{
  CsProxyResolver *resolver = cs_proxy_resolver_new ();
  g_autoptr(GProxyResolver) fallback = g_simple_proxy_resolver_new (FALLBACK_PROXY, NULL);

  cs_proxy_resolver_set_fallback (resolver, fallback);
  return resolver;
}

/* The resolver alone */

static void
test_loopback_is_direct (void)
{
  g_autoptr(CsProxyResolver) resolver = resolver_with_fallback ();

  for (guint i = 0; i < G_N_ELEMENTS (loopback_uris); i++)
    {
      g_auto(GStrv) sync = NULL;
      g_auto(GStrv) async = NULL;
      g_autoptr(GError) error = NULL;

      sync = g_proxy_resolver_lookup (G_PROXY_RESOLVER (resolver), loopback_uris[i], NULL,
                                      &error);
      g_assert_no_error (error);
      assert_proxies (sync, "direct://", loopback_uris[i]);
      async = lookup_async (G_PROXY_RESOLVER (resolver), loopback_uris[i], &error);
      g_assert_no_error (error);
      assert_proxies (async, "direct://", loopback_uris[i]);
    }
}

static void
test_others_delegated (void)
{
  g_autoptr(CsProxyResolver) resolver = resolver_with_fallback ();

  g_assert_true (g_proxy_resolver_is_supported (G_PROXY_RESOLVER (resolver)));
  for (guint i = 0; i < G_N_ELEMENTS (other_uris); i++)
    {
      g_auto(GStrv) sync = NULL;
      g_auto(GStrv) async = NULL;
      g_autoptr(GError) error = NULL;

      sync = g_proxy_resolver_lookup (G_PROXY_RESOLVER (resolver), other_uris[i], NULL, &error);
      g_assert_no_error (error);
      assert_proxies (sync, FALLBACK_PROXY, other_uris[i]);
      async = lookup_async (G_PROXY_RESOLVER (resolver), other_uris[i], &error);
      g_assert_no_error (error);
      assert_proxies (async, FALLBACK_PROXY, other_uris[i]);
    }
}

static void
test_cancelled (void)
{
  g_autoptr(CsProxyResolver) resolver = resolver_with_fallback ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = NULL;

  g_cancellable_cancel (cancellable);
  proxies = g_proxy_resolver_lookup (G_PROXY_RESOLVER (resolver), loopback_uris[0], cancellable,
                                     &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (proxies);
}

/* A token endpoint on loopback; also usable as an HTTP proxy (requests with an absolute URI). */

typedef struct
{
  SoupServer *server;
  char       *base;
  GPtrArray  *hosts;   /* the host of each request's URI */
} Server;

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  const char *body = "oauth_token=t0k3n&oauth_token_secret=s3cr3t&oauth_callback_confirmed=true";

  g_ptr_array_add (server->hosts, g_strdup (g_uri_get_host (soup_server_message_get_uri (msg))));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/x-www-form-urlencoded", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

static void
server_start (Server *server)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  server->server = soup_server_new (NULL, NULL);
  server->hosts = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (server->server, NULL, server_cb, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->server);
  server->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
server_stop (Server *server)
{
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_clear_pointer (&server->base, g_free);
  g_clear_pointer (&server->hosts, g_ptr_array_unref);
}

/* Asks @url for a request token; returns the token or NULL with @error. */
static char *
request_token (CsOAuthClient *client,
               const char    *url,
               GError       **error)
{
  g_autoptr(CsProvider) provider = cs_provider_new ("test", "Test");
  g_autoptr(CsCredentials) token = NULL;
  CsConsumer consumer = { "consumer-key", "consumer-secret", NULL };
  Wait wait = { 0 };

  cs_provider_set_request_token_url (provider, url);
  cs_oauth_client_request_token_async (client, provider, &consumer, "oob", NULL, NULL, wait_cb,
                                       &wait);
  wait_for (&wait.done);
  token = cs_oauth_client_request_token_finish (client, wait.result, error);
  g_object_unref (wait.result);
  return token != NULL ? g_strdup (cs_credentials_get_token (token)) : NULL;
}

/* The default resolver, observed from a subprocess */

static void
test_default_untouched (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CsProxyResolver) resolver = cs_proxy_resolver_new ();
      g_autoptr(CsOAuthClient) client = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;
      g_autofree char *token = NULL;
      Server server = { 0 };

      g_setenv ("GIO_USE_PROXY_RESOLVER", NO_SUCH_RESOLVER, TRUE);

      for (guint i = 0; i < G_N_ELEMENTS (loopback_uris); i++)
        {
          g_auto(GStrv) sync = NULL;
          g_auto(GStrv) async = NULL;

          sync = g_proxy_resolver_lookup (G_PROXY_RESOLVER (resolver), loopback_uris[i], NULL,
                                          &error);
          g_assert_no_error (error);
          assert_proxies (sync, "direct://", loopback_uris[i]);
          async = lookup_async (G_PROXY_RESOLVER (resolver), loopback_uris[i], &error);
          g_assert_no_error (error);
          assert_proxies (async, "direct://", loopback_uris[i]);
        }
      g_assert_false (cs_proxy_resolver_has_fallback (resolver));

      /* The whole client: construction and a request to loopback. */
      server_start (&server);
      client = cs_oauth_client_new ();
      url = g_strconcat (server.base, "/oauth/request_token", NULL);
      token = request_token (client, url, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (token, ==, "t0k3n");
      g_assert_cmpuint (server.hosts->len, ==, 1);
      g_assert_false (cs_proxy_resolver_has_fallback (cs_proxy_resolver_get_shared ()));
      server_stop (&server);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_stderr_unmatched ("*Can't find module*");
  g_test_trap_assert_passed ();
}

/* The control: the detector fires, and the client does consult the system's resolver for a
 * host that is not loopback. */
static void
test_default_used_for_others (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CsOAuthClient) client = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;

      g_setenv ("GIO_USE_PROXY_RESOLVER", NO_SUCH_RESOLVER, TRUE);
      client = cs_oauth_client_new ();
      cs_oauth_client_set_allow_insecure_http (client, TRUE);
      cs_oauth_client_set_timeout (client, 5);
      /* TEST-NET-1: never answers; the warning comes before any connection. */
      token = request_token (client, "http://192.0.2.1:9/oauth/request_token", &error);
      g_test_message ("not reached: %s", error ? error->message : token);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Can't find module '" NO_SUCH_RESOLVER "'*");
}

/* Through the client: other hosts go through the fallback's proxy, loopback never does. */
static void
test_client_proxies_others (void)
{
  g_autoptr(GProxyResolver) fallback = NULL;
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  Server proxy = { 0 };
  Server provider = { 0 };

  server_start (&proxy);
  server_start (&provider);
  fallback = g_simple_proxy_resolver_new (proxy.base, NULL);
  cs_proxy_resolver_set_fallback (cs_proxy_resolver_get_shared (), fallback);
  cs_oauth_client_set_allow_insecure_http (client, TRUE);
  cs_oauth_client_set_timeout (client, 10);

  /* Loopback first: direct, whatever the fallback says. */
  url = g_strconcat (provider.base, "/oauth/request_token", NULL);
  token = request_token (client, url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "t0k3n");
  g_assert_cmpuint (provider.hosts->len, ==, 1);
  g_assert_cmpuint (proxy.hosts->len, ==, 0);
  g_clear_pointer (&token, g_free);

  /* A name that does not resolve: only the proxy can have answered. */
  token = request_token (client, "http://countersign.invalid/oauth/request_token", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "t0k3n");
  g_assert_cmpuint (proxy.hosts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (proxy.hosts, 0), ==, "countersign.invalid");
  g_clear_pointer (&token, g_free);

  /* Loopback again, now that proxies are on: still direct. */
  token = request_token (client, url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (provider.hosts->len, ==, 2);
  g_assert_cmpuint (proxy.hosts->len, ==, 1);

  cs_proxy_resolver_set_fallback (cs_proxy_resolver_get_shared (), NULL);
  server_stop (&proxy);
  server_stop (&provider);
}

int
main (int   argc,
      char *argv[])
{
  /* GLib builds a GProxyAddressEnumerator that loads the default resolver for every proxied
   * connection; libproxy's start-up would only slow this test down. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proxy-resolver/loopback-is-direct", test_loopback_is_direct);
  g_test_add_func ("/proxy-resolver/others-delegated", test_others_delegated);
  g_test_add_func ("/proxy-resolver/cancelled", test_cancelled);
  g_test_add_func ("/proxy-resolver/default-untouched", test_default_untouched);
  g_test_add_func ("/proxy-resolver/default-used-for-others", test_default_used_for_others);
  g_test_add_func ("/proxy-resolver/client-proxies-others", test_client_proxies_others);

  return g_test_run ();
}
