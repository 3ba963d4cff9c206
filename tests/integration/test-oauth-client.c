/* test-oauth-client.c — the OAuth client (cs-oauth-client.c) against well and badly behaved
 * providers on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case asserts the error a user would see (its code and key words of its text), that
 * no secret used in the request is in it, and that nothing hangs past the timeout. The
 * scripted providers are the table of tests/support/cs-hostile-cases.c, which the CLI and
 * the window run too; the cases below the table need more than a scripted answer.
 */
#include "config.h"

#include "cs-hostile-cases.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"
#include "cs-test-wait.h"

#define CONSUMER_KEY    "hostile-consumer-key"
#define CONSUMER_SECRET "consumer-s3cret-7Qx"
#define TOKEN_SECRET    CS_HOSTILE_TOKEN_SECRET
#define SHORT_TIMEOUT   2

static const CsConsumer consumer = { CONSUMER_KEY, CONSUMER_SECRET, NULL };

static CsProvider *
provider_for (const char *base)
{
  CsProvider *provider = cs_provider_new ("hostile", "Hostile");
  g_autofree char *rt = g_strconcat (base, "/oauth/request_token", NULL);
  g_autofree char *at = g_strconcat (base, "/oauth/access_token", NULL);
  g_autofree char *az = g_strconcat (base, "/oauth/authorize", NULL);

  cs_provider_set_request_token_url (provider, rt);
  cs_provider_set_access_token_url (provider, at);
  cs_provider_set_authorize_url (provider, az);
  return provider;
}

static CsCredentials *
request_token (CsOAuthClient *client,
               const char    *base,
               GError       **error)
{
  g_autoptr(CsProvider) provider = provider_for (base);
  g_auto(CsWait) w = CS_WAIT_INIT;

  cs_oauth_client_request_token_async (client, provider, &consumer, "oob", NULL, NULL,
                                       cs_wait_cb, &w);
  return cs_oauth_client_request_token_finish (client, cs_wait_run (&w), error);
}

static CsCredentials *
request_token_from (Hostile *h,
                    guint    timeout,
                    GError **error)
{
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();

  if (timeout > 0)
    cs_oauth_client_set_timeout (client, timeout);
  return request_token (client, h->base, error);
}

static CsCredentials *
make_request_token (void)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();

  cs_param_list_add (params, "oauth_token", "request-token-1");
  cs_param_list_add (params, "oauth_token_secret", TOKEN_SECRET);
  cs_param_list_add (params, "oauth_callback_confirmed", "true");
  return cs_credentials_new (params);
}

/* The error's code, the words its text must have, and no secret in it. */
static void
assert_error (const GError *error,
              int           code,
              ...)
{
  va_list args;
  const char *word;

  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, CS_OAUTH_ERROR, code);
  va_start (args, code);
  while ((word = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, word) == NULL)
      g_error ("“%s” is not in the message “%s”", word, error->message);
  va_end (args);
  g_assert_null (strstr (error->message, CONSUMER_SECRET));
  g_assert_null (strstr (error->message, TOKEN_SECRET));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Happy paths: what reaches the provider */

static void
test_request_token_ok (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = provider_for (h->base);
  g_autoptr(CsCredentials) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;

  hostile_script (h, 200, "application/x-www-form-urlencoded",
                  "oauth_token=Z6eEdO8MOmk394WozF5oKyuAv855l4Mlqo7hhlSLik&oauth_token_secret="
                  "Kd75W4OQfb2oJTV0vzGzeXftVAwgMnEK9MumzYcM&oauth_callback_confirmed=true", -1);
  cs_oauth_client_request_token_async (client, provider, &consumer, "oob", "read", NULL,
                                       cs_wait_cb, &w);
  token = cs_oauth_client_request_token_finish (client, cs_wait_run (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_credentials_get_token (token), ==,
                   "Z6eEdO8MOmk394WozF5oKyuAv855l4Mlqo7hhlSLik");
  g_assert_cmpstr (cs_credentials_get_token_secret (token), ==,
                   "Kd75W4OQfb2oJTV0vzGzeXftVAwgMnEK9MumzYcM");
  g_assert_true (cs_credentials_get_callback_confirmed (token));

  /* POST, empty body, the access type as a (signed) query parameter, oob callback. */
  g_assert_cmpuint (h->requests, ==, 1);
  g_assert_cmpstr (h->methods->pdata[0], ==, "POST");
  g_assert_cmpstr (h->bodies->pdata[0], ==, "");
  g_assert_cmpstr (h->queries->pdata[0], ==, "x_auth_access_type=read");
  params = cs_authorization_header_parse (h->authorizations->pdata[0], NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_param_list_get (params, "oauth_callback"), ==, "oob");
  g_assert_cmpstr (cs_param_list_get (params, "oauth_consumer_key"), ==, CONSUMER_KEY);
  g_assert_cmpstr (cs_param_list_get (params, "oauth_signature_method"), ==, "HMAC-SHA1");
  g_assert_null (cs_param_list_get (params, "oauth_token"));
}

static void
test_access_token_ok (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = provider_for (h->base);
  g_autoptr(CsCredentials) request = make_request_token ();
  g_autoptr(CsCredentials) access = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;
  GPtrArray *fields;

  hostile_script (h, 200, "text/html",
                  "oauth_token=6253282-eWudHldSbIaelX7swmsiHImEL4KinwaGloHANdrY&"
                  "oauth_token_secret=2EEfA6BG3ly3sR3RjE0IBSnlQu4ZrUzPiYKmrkVU&"
                  "user_id=6253282&screen_name=twitterapi", -1);
  cs_oauth_client_access_token_async (client, provider, &consumer, request, " 1234567\n", NULL,
                                      cs_wait_cb, &w);
  access = cs_oauth_client_access_token_finish (client, cs_wait_run (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_credentials_get_user_id (access), ==, "6253282");
  g_assert_cmpstr (cs_credentials_get_screen_name (access), ==, "twitterapi");
  fields = cs_credentials_get_params (access);
  g_assert_cmpuint (fields->len, ==, 4);
  g_assert_cmpstr (((CsParam *) fields->pdata[3])->name, ==, "screen_name");

  params = cs_authorization_header_parse (h->authorizations->pdata[0], NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_param_list_get (params, "oauth_token"), ==, "request-token-1");
  g_assert_cmpstr (cs_param_list_get (params, "oauth_verifier"), ==, "1234567");
  g_assert_null (cs_param_list_get (params, "oauth_callback"));
  g_assert_null (strstr (h->authorizations->pdata[0], TOKEN_SECRET));
}

static void
test_call (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = provider_for (h->base);
  g_autoptr(CsCredentials) access = make_request_token ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = hostile_url (h, "/1.1/statuses/update.json?include_entities=true");
  guint status = 0;

  {
    g_auto(CsWait) w = CS_WAIT_INIT;

    hostile_script (h, 200, "application/json", "{\"id\":1}", -1);
    cs_oauth_client_call_async (client, provider, &consumer, access, "POST", url,
                                "status=Hello%20Ladies%20%2B%20Gentlemen", NULL, cs_wait_cb, &w);
    body = cs_oauth_client_call_finish (client, cs_wait_run (&w), &status, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "{\"id\":1}", 8);
    g_assert_cmpstr (h->bodies->pdata[0], ==, "status=Hello%20Ladies%20%2B%20Gentlemen");
    g_assert_cmpstr (h->queries->pdata[0], ==, "include_entities=true");
  }
  g_clear_pointer (&body, g_bytes_unref);
  {
    g_auto(CsWait) w = CS_WAIT_INIT;

    /* A status of 400 or more is the caller's business, not an error; GET data goes in the
     * query. */
    hostile_script (h, 404, "application/json", "{\"errors\":[{\"code\":34}]}", -1);
    cs_oauth_client_call_async (client, provider, &consumer, access, "get", url, "a=1", NULL,
                                cs_wait_cb, &w);
    body = cs_oauth_client_call_finish (client, cs_wait_run (&w), &status, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, 404);
    g_assert_cmpstr (h->methods->pdata[1], ==, "GET");
    g_assert_cmpstr (h->queries->pdata[1], ==, "include_entities=true&a=1");
    g_assert_cmpstr (h->bodies->pdata[1], ==, "");
  }
}

/* Issue 12: a bare 401 on the access token step (a wrong PIN, as oauthlib answers it) says
 * to check the PIN, not the consumer secret; the request token step's advice is a row of the
 * hostile table (rejected/401-empty). */
static void
test_access_token_bare_401 (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = provider_for (h->base);
  g_autoptr(CsCredentials) request = make_request_token ();
  g_autoptr(CsCredentials) access = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;

  hostile_script (h, 401, "text/plain", "", 0);
  cs_oauth_client_access_token_async (client, provider, &consumer, request, "1234567", NULL,
                                      cs_wait_cb, &w);
  access = cs_oauth_client_access_token_finish (client, cs_wait_run (&w), &error);
  g_assert_null (access);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "refused the request: HTTP 401"));
  /* Said without knowing where the verifier came from: a PIN or a callback address. */
  g_assert_nonnull (strstr (error->message, "Check the verifier (a PIN, or the code in the "
                                            "callback address)"));
  g_assert_null (strstr (error->message, "consumer secret"));
}

/* Issue 12 tour: the advice names what the user handed over, a PIN only in PIN mode. */
static void
test_access_token_bare_401_words (void)
{
  static const struct { CsVerifierSource source; const char *advice; } cases[] = {
    { CS_VERIFIER_SOURCE_PIN, "Check the PIN (the verifier): it may be mistyped" },
    { CS_VERIFIER_SOURCE_LOOPBACK, "Check the verifier (the code the browser returned)" },
    { CS_VERIFIER_SOURCE_CALLBACK_URL, "Check the callback address and the verifier in it" },
  };
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = provider_for (h->base);
  g_autoptr(CsCredentials) request = make_request_token ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsCredentials) access = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(CsWait) w = CS_WAIT_INIT;

      hostile_script (h, 401, "text/plain", "", 0);
      cs_oauth_client_access_token_from_async (client, provider, &consumer, request, "1234567",
                                               cases[i].source, NULL, cs_wait_cb, &w);
      access = cs_oauth_client_access_token_finish (client, cs_wait_run (&w), &error);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
      g_assert_nonnull (strstr (error->message, cases[i].advice));
      if (cases[i].source != CS_VERIFIER_SOURCE_PIN)
        g_assert_null (strstr (error->message, "PIN"));
    }
}

/* One row of the table: the error the user gets, and what reached the provider. */
static void
test_hostile_case (gconstpointer data)
{
  const CsHostileCase *c = data;
  g_autoptr(Hostile) thief = NULL;
  g_autoptr(Hostile) h = cs_hostile_case_serve (c, &thief);
  g_autoptr(CsCredentials) token = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  if (h == NULL)
    {
      g_test_skip ("No TLS backend (glib-networking)");
      return;
    }
  token = request_token_from (h, cs_hostile_case_times_out (c) ? SHORT_TIMEOUT : 0, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (token);
  assert_error (error, c->code, NULL);
  cs_hostile_case_assert_told (c, error->message, thief);
  /* A refused certificate: the handshake failed, so no request reached the provider. */
  g_assert_cmpuint (h->requests, ==, c->tls ? 0 : 1);
  if (cs_hostile_case_times_out (c))
    {
      g_assert_cmpint (elapsed, >=, (SHORT_TIMEOUT - 0.5) * G_USEC_PER_SEC);
      g_assert_cmpint (elapsed, <, (SHORT_TIMEOUT + 1.5) * G_USEC_PER_SEC);
    }
}

/* A provider that echoes the request: the PLAINTEXT signature carries both secrets. */
static void
test_echoed_secrets (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = provider_for (h->base);
  g_autoptr(CsCredentials) request = make_request_token ();
  g_autoptr(CsCredentials) access = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;

  h->status = 401;
  h->echo_authorization = TRUE;
  cs_provider_set_signature_method (provider, CS_SIGNATURE_METHOD_PLAINTEXT);
  cs_oauth_client_access_token_async (client, provider, &consumer, request, "v", NULL,
                                      cs_wait_cb, &w);
  access = cs_oauth_client_access_token_finish (client, cs_wait_run (&w), &error);
  g_assert_nonnull (strstr (h->authorizations->pdata[0], CONSUMER_SECRET));
  assert_error (error, CS_OAUTH_ERROR_REJECTED, "HTTP 401", "You sent", NULL);

  /* A secret with reserved characters: not raw, nor encoded once or twice. */
  {
    static const char secret[] = "p@ss w&rd+/=%";
    const CsConsumer odd = { CONSUMER_KEY, secret, NULL };
    g_autofree char *once = cs_percent_encode (secret);
    g_autofree char *twice = cs_percent_encode (once);
    g_auto(CsWait) w2 = CS_WAIT_INIT;

    g_clear_error (&error);
    cs_oauth_client_access_token_async (client, provider, &odd, request, "v", NULL,
                                        cs_wait_cb, &w2);
    access = cs_oauth_client_access_token_finish (client, cs_wait_run (&w2), &error);
    g_assert_nonnull (strstr (h->authorizations->pdata[1], twice));
    assert_error (error, CS_OAUTH_ERROR_REJECTED, "You sent", NULL);
    g_assert_null (strstr (error->message, secret));
    g_assert_null (strstr (error->message, once));
    g_assert_null (strstr (error->message, twice));
  }
}

/* Transport */

static void
test_body_over_limit (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;
  g_autofree char *big = g_malloc0 (2 * 1024 * 1024);
  gint64 start = g_get_monotonic_time ();

  /* Chunked, 64 MiB: reading stops at 1 MiB. */
  h->mode = HOSTILE_HUGE;
  token = request_token_from (h, 0, &error);
  assert_error (error, CS_OAUTH_ERROR_TOO_LARGE, "larger than 1 MiB", NULL);
  g_assert_cmpuint (h->huge_sent, <, 16 * 1024 * 1024);

  /* Announced by Content-Length: not read at all. */
  g_clear_error (&error);
  memset (big, 'a', 2 * 1024 * 1024);
  hostile_script (h, 200, "text/plain", big, 2 * 1024 * 1024);
  token = request_token_from (h, 0, &error);
  assert_error (error, CS_OAUTH_ERROR_TOO_LARGE, "larger than 1 MiB", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_connection_reset (void)
{
  g_autoptr(RawServer) raw = raw_server_new ("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n"
                                             "Content-Type: text/plain\r\n\r\noauth_tok", TRUE);
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;

  cs_oauth_client_set_timeout (client, SHORT_TIMEOUT);
  token = request_token (client, raw->base, &error);
  assert_error (error, CS_OAUTH_ERROR_NETWORK, "127.0.0.1", NULL);
  g_assert_cmpint (g_atomic_int_get (&raw->connections), >=, 1);
}

static void
test_not_http (void)
{
  g_autoptr(RawServer) raw = raw_server_new ("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"
                                             "\x01\x02\x03\xff garbage\r\n\r\n", FALSE);
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;

  cs_oauth_client_set_timeout (client, SHORT_TIMEOUT);
  token = request_token (client, raw->base, &error);
  assert_error (error, CS_OAUTH_ERROR_NETWORK, "HTTP", "127.0.0.1", NULL);
}

static void
test_nothing_listens (void)
{
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;

  token = request_token (client, base, &error);
  assert_error (error, CS_OAUTH_ERROR_NETWORK, "Could not talk to 127.0.0.1", "refused", NULL);
}

static void
assert_clock_corrected (gint64 provider_offset,
                        int    style)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  h->mode = HOSTILE_CLOCK;
  h->clock_offset = provider_offset;
  h->clock_style = style;
  token = request_token (client, h->base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_credentials_get_token (token), ==, "clock-token");
  g_assert_cmpuint (h->requests, ==, 2);
  g_assert_cmpint (ABS (cs_oauth_client_get_clock_offset (client) - provider_offset), <=, 5);

  /* The retry is a new request: a fresh nonce and a corrected timestamp. */
  first = cs_authorization_header_parse (h->authorizations->pdata[0], NULL, NULL);
  second = cs_authorization_header_parse (h->authorizations->pdata[1], NULL, NULL);
  g_assert_cmpstr (cs_param_list_get (first, "oauth_nonce"), !=,
                   cs_param_list_get (second, "oauth_nonce"));

  /* The next request uses the offset straight away. */
  g_clear_pointer (&token, cs_credentials_unref);
  token = request_token (client, h->base, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (h->requests, ==, 3);
}

static void
test_clock_ahead (void)
{
  assert_clock_corrected (3600, 1);
  assert_clock_corrected (3600, 2);
}

static void
test_clock_behind (void)
{
  assert_clock_corrected (-3600, 0);
}

/* A provider whose clock check never passes: one retry, then the error. */
static void
test_clock_retry_once (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

  hostile_script (h, 401, "application/json",
                  "{\"errors\":[{\"code\":135,\"message\":\"Timestamp out of bounds.\"}]}", -1);
  h->date = g_steal_pointer (&date);
  token = request_token_from (h, 0, &error);
  assert_error (error, CS_OAUTH_ERROR_REJECTED, "HTTP 401", "135", "clock", NULL);
  g_assert_cmpuint (h->requests, ==, 2);
}

/* Code 135 from a provider whose Date agrees with our clock: a retry would not help. */
static void
test_clock_no_pointless_retry (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;

  hostile_script (h, 401, "application/json",
                  "{\"errors\":[{\"code\":135,\"message\":\"Timestamp out of bounds.\"}]}", -1);
  token = request_token_from (h, 0, &error);
  assert_error (error, CS_OAUTH_ERROR_REJECTED, "HTTP 401", "135", "clock", NULL);
  g_assert_cmpuint (h->requests, ==, 1);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = provider_for (h->base);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CsCredentials) token = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;
  gint64 start = g_get_monotonic_time ();

  h->mode = HOSTILE_STALL;
  g_timeout_add (200, cancel_cb, cancellable);
  cs_oauth_client_request_token_async (client, provider, &consumer, "oob", NULL, cancellable,
                                       cs_wait_cb, &w);
  token = cs_oauth_client_request_token_finish (client, cs_wait_run (&w), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpuint (h->requests, ==, 1);
}

static void
test_insecure_http (void)
{
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCredentials) token = NULL;

  token = request_token (client, "http://api.example.com", &error);
  assert_error (error, CS_OAUTH_ERROR_INSECURE, "plain http", "api.example.com", "https", NULL);

  g_assert_true (cs_url_is_loopback ("http://127.0.0.1:8080/x"));
  g_assert_true (cs_url_is_loopback ("http://127.45.6.7/"));
  g_assert_true (cs_url_is_loopback ("http://[::1]:99/"));
  g_assert_true (cs_url_is_loopback ("http://LOCALHOST/"));
  g_assert_false (cs_url_is_loopback ("http://128.0.0.1/"));
  g_assert_false (cs_url_is_loopback ("http://localhost.example.com/"));
  g_assert_false (cs_url_is_loopback ("http://127.0.0.1.nip.io/"));
  g_assert_false (cs_url_is_loopback ("not a url"));
}

static void
test_authorize_url (void)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  CsProvider *twitter = cs_provider_list_lookup (presets, "twitter");
  CsProvider *flickr = cs_provider_list_lookup (presets, "flickr");
  g_autoptr(CsCredentials) token = make_request_token ();
  g_autofree char *a = cs_oauth_authorize_url (twitter, token, FALSE, FALSE, NULL);
  g_autofree char *b = cs_oauth_authorize_url (twitter, token, TRUE, TRUE, "jack d");
  g_autofree char *c = cs_oauth_authorize_url (flickr, token, TRUE, TRUE, "jack");

  g_assert_cmpstr (a, ==, "https://api.x.com/oauth/authorize?oauth_token=request-token-1");
  g_assert_cmpstr (b, ==, "https://api.x.com/oauth/authenticate?oauth_token=request-token-1"
                          "&force_login=true&screen_name=jack%20d");
  g_assert_cmpstr (c, ==, "https://www.flickr.com/services/oauth/authorize?"
                          "oauth_token=request-token-1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/ok/request-token", test_request_token_ok);
  g_test_add_func ("/hostile/ok/access-token", test_access_token_ok);
  g_test_add_func ("/hostile/access-token/bare-401", test_access_token_bare_401);
  g_test_add_func ("/hostile/access-token/bare-401-words",
                   test_access_token_bare_401_words);
  g_test_add_func ("/hostile/ok/call", test_call);
  g_test_add_func ("/hostile/ok/authorize-url", test_authorize_url);
  g_test_add_func ("/hostile/rejected/echoed-secrets", test_echoed_secrets);
  for (guint i = 0; i < cs_hostile_n_cases; i++)
    {
      g_autofree char *path = g_strconcat ("/hostile/", cs_hostile_cases[i].name, NULL);

      g_test_add_data_func (path, &cs_hostile_cases[i], test_hostile_case);
    }
  g_test_add_func ("/hostile/transport/body-over-limit", test_body_over_limit);
  g_test_add_func ("/hostile/transport/connection-reset", test_connection_reset);
  g_test_add_func ("/hostile/transport/not-http", test_not_http);
  g_test_add_func ("/hostile/transport/nothing-listens", test_nothing_listens);
  g_test_add_func ("/hostile/transport/cancel", test_cancel);
  g_test_add_func ("/hostile/transport/insecure-http", test_insecure_http);
  g_test_add_func ("/hostile/clock/ahead", test_clock_ahead);
  g_test_add_func ("/hostile/clock/behind", test_clock_behind);
  g_test_add_func ("/hostile/clock/retry-once", test_clock_retry_once);
  g_test_add_func ("/hostile/clock/no-pointless-retry", test_clock_no_pointless_retry);

  return g_test_run ();
}
