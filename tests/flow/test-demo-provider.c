/* test-demo-provider.c — the demo provider, spoken to as a client and a browser would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests are signed with the signer and sent with plain libsoup, so these tests pin down
 * the provider's own checks independently of Countersign's client.
 */
#include <string.h>
#include <glib.h>

#include "cs-callback-server.h"
#include "cs-demo-provider.h"
#include "cs-test-http.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"

typedef struct
{
  CsDemoProvider *demo;
  const char     *base;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->demo = cs_demo_provider_new ();
  g_assert_true (cs_demo_provider_start (f->demo, 0, &error));
  g_assert_no_error (error);
  f->base = cs_demo_provider_get_base_url (f->demo);
  g_assert_true (g_str_has_prefix (f->base, "http://127.0.0.1:"));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  cs_demo_provider_stop (f->demo);
  g_clear_object (&f->demo);
}

static void
demo_options (CsSignOptions *o)
{
  cs_sign_options_init (o);
  o->consumer_key = CS_DEMO_CONSUMER_KEY;
  o->consumer_secret = CS_DEMO_CONSUMER_SECRET;
}

/* Signs with @o and sends; returns the Authorization header used (for replays). */
static char *
send_signed (Fixture             *f,
             CsHttpReply         *reply,
             const char          *method,
             const char          *path_and_query,
             const char          *form_body,
             const CsSignOptions *o)
{
  g_autofree char *url = g_strconcat (f->base, path_and_query, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSignature) sig = cs_sign (method, url, form_body, o, &error);

  g_assert_no_error (error);
  cs_http_send (reply, method, url, sig->header, form_body);
  return g_strdup (sig->header);
}

static void
assert_twitter_error (const CsHttpReply *reply,
                      guint              status,
                      int                code)
{
  g_autofree char *needle = g_strdup_printf ("{\"errors\":[{\"code\":%d,\"message\":\"", code);

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_true (g_str_has_prefix (reply->body, needle));
}

/* A request token for @callback; returns its form fields. */
static GPtrArray *
get_request_token (Fixture    *f,
                   const char *callback)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *header = NULL;
  CsSignOptions o;
  GPtrArray *fields;

  demo_options (&o);
  o.callback = callback;
  header = send_signed (f, &reply, "POST", "/oauth/request_token", NULL, &o);
  g_assert_cmpuint (reply.status, ==, 200);
  fields = cs_form_parse (reply.body, -1, NULL);
  g_assert_nonnull (fields);
  g_assert_cmpuint (fields->len, ==, 3);
  g_assert_cmpstr (((CsParam *) fields->pdata[0])->name, ==, "oauth_token");
  g_assert_cmpstr (((CsParam *) fields->pdata[1])->name, ==, "oauth_token_secret");
  g_assert_cmpstr (cs_param_list_get (fields, "oauth_callback_confirmed"), ==, "true");
  g_assert_cmpuint (strlen (cs_param_list_get (fields, "oauth_token")), >=, 32);
  return fields;
}

/* Opens the authorize page as a browser does and presses @button; returns the reply. */
static void
press (Fixture     *f,
       CsHttpReply *reply,
       const char  *token,
       const char  *button)
{
  g_auto(CsHttpReply) page = { 0 };
  g_autofree char *url = g_strconcat (f->base, "/oauth/authorize?oauth_token=", token, NULL);
  g_autofree char *form = g_strconcat ("oauth_token=", token, "&action=", button, NULL);
  g_autofree char *action = g_strconcat (f->base, "/oauth/authorize", NULL);

  cs_http_send (&page, "GET", url, NULL, NULL);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.body, "<form"));
  g_assert_nonnull (strstr (page.body, "method=\"post\" action=\"/oauth/authorize\""));
  g_assert_nonnull (strstr (page.body, ">Allow</button>"));
  g_assert_nonnull (strstr (page.body, ">Deny</button>"));
  g_assert_nonnull (strstr (page.body, token));
  cs_http_send (reply, "POST", action, NULL, form);
}

static void
test_pin_flow (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GPtrArray) rt = get_request_token (f, "oob");
  g_auto(CsHttpReply) pin_page = { 0 };
  g_auto(CsHttpReply) access = { 0 };
  g_auto(CsHttpReply) again = { 0 };
  g_auto(CsHttpReply) verify = { 0 };
  g_autoptr(GPtrArray) at = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *h3 = NULL;
  CsSignOptions o;

  press (f, &pin_page, cs_param_list_get (rt, "oauth_token"), "allow");
  g_assert_cmpuint (pin_page.status, ==, 200);
  pin = cs_html_element_text (pin_page.body, "pin");
  g_assert_nonnull (pin);
  g_assert_cmpuint (strlen (pin), ==, 7);
  for (const char *p = pin; *p; p++)
    g_assert_true (g_ascii_isdigit (*p));

  demo_options (&o);
  o.token = cs_param_list_get (rt, "oauth_token");
  o.token_secret = cs_param_list_get (rt, "oauth_token_secret");
  o.verifier = pin;
  h1 = send_signed (f, &access, "POST", "/oauth/access_token", NULL, &o);
  g_assert_cmpuint (access.status, ==, 200);
  at = cs_form_parse (access.body, -1, NULL);
  g_assert_cmpstr (cs_param_list_get (at, "user_id"), ==, CS_DEMO_USER_ID);
  g_assert_cmpstr (cs_param_list_get (at, "screen_name"), ==, CS_DEMO_SCREEN_NAME);
  g_assert_cmpstr (cs_param_list_get (at, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (f->demo));
  g_assert_cmpstr (cs_param_list_get (at, "oauth_token"), !=, o.token);

  /* The request token and its verifier work once. */
  h2 = send_signed (f, &again, "POST", "/oauth/access_token", NULL, &o);
  assert_twitter_error (&again, 401, 89);

  demo_options (&o);
  o.token = cs_param_list_get (at, "oauth_token");
  o.token_secret = cs_param_list_get (at, "oauth_token_secret");
  h3 = send_signed (f, &verify, "GET", "/1.1/account/verify_credentials.json?include_email=false",
                    NULL, &o);
  g_assert_cmpuint (verify.status, ==, 200);
  g_assert_nonnull (strstr (verify.body, "\"id_str\":\"" CS_DEMO_USER_ID "\""));
  g_assert_nonnull (strstr (verify.body, "\"screen_name\":\"" CS_DEMO_SCREEN_NAME "\""));
  g_assert_nonnull (strstr (verify.body, "\"name\":\"Demo User\""));
}

static void
test_callback_flow (Fixture      *f,
                    gconstpointer data)
{
  const char *callback = "http://127.0.0.1:9/cb?state=a%20b";
  g_autoptr(GPtrArray) rt = get_request_token (f, callback);
  g_autoptr(GPtrArray) refused = get_request_token (f, callback);
  g_auto(CsHttpReply) redirect = { 0 };
  g_auto(CsHttpReply) denied = { 0 };
  g_auto(CsHttpReply) access = { 0 };
  g_autofree char *verifier = NULL;
  g_autofree char *token = NULL;
  g_autofree char *denied_token = NULL;
  g_autofree char *state = NULL;
  g_autofree char *h = NULL;
  CsSignOptions o;

  press (f, &redirect, cs_param_list_get (rt, "oauth_token"), "allow");
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_true (g_str_has_prefix (redirect.location, "http://127.0.0.1:9/cb?state=a%20b&"));
  token = cs_url_query_value (redirect.location, "oauth_token");
  verifier = cs_url_query_value (redirect.location, "oauth_verifier");
  state = cs_url_query_value (redirect.location, "state");
  g_assert_cmpstr (token, ==, cs_param_list_get (rt, "oauth_token"));
  g_assert_cmpstr (state, ==, "a b");
  g_assert_nonnull (verifier);

  press (f, &denied, cs_param_list_get (refused, "oauth_token"), "deny");
  g_assert_cmpuint (denied.status, ==, 302);
  denied_token = cs_url_query_value (denied.location, "denied");
  g_assert_cmpstr (denied_token, ==, cs_param_list_get (refused, "oauth_token"));
  g_assert_null (cs_url_query_value (denied.location, "oauth_verifier"));

  demo_options (&o);
  o.token = cs_param_list_get (rt, "oauth_token");
  o.token_secret = cs_param_list_get (rt, "oauth_token_secret");
  o.verifier = verifier;
  h = send_signed (f, &access, "POST", "/oauth/access_token", NULL, &o);
  g_assert_cmpuint (access.status, ==, 200);
}

static void
test_signature_methods (Fixture      *f,
                        gconstpointer data)
{
  const CsSignatureMethod methods[] = {
    CS_SIGNATURE_METHOD_HMAC_SHA1, CS_SIGNATURE_METHOD_HMAC_SHA256,
    CS_SIGNATURE_METHOD_PLAINTEXT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_auto(CsHttpReply) ok = { 0 };
      g_auto(CsHttpReply) bad = { 0 };
      g_autofree char *h1 = NULL;
      g_autofree char *h2 = NULL;
      CsSignOptions o;

      demo_options (&o);
      o.method = methods[i];
      o.callback = "oob";
      h1 = send_signed (f, &ok, "POST", "/oauth/request_token?x_auth_access_type=read", NULL,
                        &o);
      g_assert_cmpuint (ok.status, ==, 200);

      o.consumer_secret = "not-the-demo-secret";
      h2 = send_signed (f, &bad, "POST", "/oauth/request_token", NULL, &o);
      assert_twitter_error (&bad, 401, 32);
      g_assert_nonnull (strstr (bad.body, "Could not authenticate you."));
      /* Nothing secret comes back in the error. */
      g_assert_null (strstr (bad.body, "secret"));
    }
}

/* What is signed is what is checked: the query, the form body, the method and the URL. */
static void
test_tampering (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GPtrArray) rt = get_request_token (f, "oob");
  g_autoptr(GPtrArray) at = NULL;
  g_auto(CsHttpReply) pin_page = { 0 };
  g_auto(CsHttpReply) access = { 0 };
  g_auto(CsHttpReply) update = { 0 };
  g_auto(CsHttpReply) tampered = { 0 };
  g_auto(CsHttpReply) wrong_key = { 0 };
  g_autofree char *pin = NULL;
  g_autofree char *h = NULL;
  g_autofree char *url = g_strconcat (f->base, "/1.1/statuses/update.json", NULL);
  g_autoptr(CsSignature) sig = NULL;
  CsSignOptions o;

  press (f, &pin_page, cs_param_list_get (rt, "oauth_token"), "allow");
  pin = cs_html_element_text (pin_page.body, "pin");
  demo_options (&o);
  o.token = cs_param_list_get (rt, "oauth_token");
  o.token_secret = cs_param_list_get (rt, "oauth_token_secret");
  o.verifier = pin;
  g_free (send_signed (f, &access, "POST", "/oauth/access_token", NULL, &o));
  at = cs_form_parse (access.body, -1, NULL);

  demo_options (&o);
  o.token = cs_param_list_get (at, "oauth_token");
  o.token_secret = cs_param_list_get (at, "oauth_token_secret");
  h = send_signed (f, &update, "POST", "/1.1/statuses/update.json",
                   "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
                   &o);
  g_assert_cmpuint (update.status, ==, 200);
  g_assert_nonnull (strstr (update.body, "Hello Ladies + Gentlemen, a signed OAuth request!"));

  /* The same header with a different body. */
  sig = cs_sign ("POST", url, "status=original", &o, NULL);
  cs_http_send (&tampered, "POST", url, sig->header, "status=changed");
  assert_twitter_error (&tampered, 401, 32);

  o.consumer_key = "someone-else";
  g_free (send_signed (f, &wrong_key, "POST", "/1.1/statuses/update.json", "status=x", &o));
  assert_twitter_error (&wrong_key, 401, 32);
}

static void
test_nonce_replay (Fixture      *f,
                   gconstpointer data)
{
  g_auto(CsHttpReply) first = { 0 };
  g_auto(CsHttpReply) replay = { 0 };
  g_autofree char *url = g_strconcat (f->base, "/oauth/request_token", NULL);
  g_autofree char *header = NULL;
  CsSignOptions o;

  demo_options (&o);
  o.callback = "oob";
  header = send_signed (f, &first, "POST", "/oauth/request_token", NULL, &o);
  g_assert_cmpuint (first.status, ==, 200);
  cs_http_send (&replay, "POST", url, header, NULL);
  assert_twitter_error (&replay, 401, 32);
  g_assert_nonnull (strstr (replay.body, "nonce"));
}

static void
test_clock (Fixture      *f,
            gconstpointer data)
{
  g_auto(CsHttpReply) skewed = { 0 };
  g_auto(CsHttpReply) corrected = { 0 };
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autoptr(GDateTime) date = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CsSignOptions o;

  cs_demo_provider_set_clock_offset (f->demo, 3600);
  demo_options (&o);
  o.callback = "oob";
  h1 = send_signed (f, &skewed, "POST", "/oauth/request_token", NULL, &o);
  assert_twitter_error (&skewed, 401, 135);
  g_assert_nonnull (skewed.date);
  date = soup_date_time_new_from_http_string (skewed.date);
  g_assert_nonnull (date);
  g_assert_cmpint (ABS (g_date_time_to_unix (date) - (now + 3600)), <=, 5);

  o.timestamp_offset = 3600;
  h2 = send_signed (f, &corrected, "POST", "/oauth/request_token", NULL, &o);
  g_assert_cmpuint (corrected.status, ==, 200);
}

static void
test_callback_checks (Fixture      *f,
                      gconstpointer data)
{
  const char *rejected[] = { "ftp://127.0.0.1/cb", "myapp:callback", "http://", "oob " };
  g_auto(CsHttpReply) none = { 0 };
  CsSignOptions o;

  demo_options (&o);
  g_free (send_signed (f, &none, "POST", "/oauth/request_token", NULL, &o));
  assert_twitter_error (&none, 400, 215);
  g_assert_nonnull (strstr (none.body, "oauth_callback"));

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_auto(CsHttpReply) reply = { 0 };

      o.callback = rejected[i];
      g_free (send_signed (f, &reply, "POST", "/oauth/request_token", NULL, &o));
      assert_twitter_error (&reply, 403, 415);
    }
}

static void
test_verifier_single_use (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr(GPtrArray) rt = get_request_token (f, "oob");
  g_auto(CsHttpReply) pin_page = { 0 };
  g_auto(CsHttpReply) wrong = { 0 };
  g_auto(CsHttpReply) right = { 0 };
  g_auto(CsHttpReply) page_again = { 0 };
  g_autofree char *pin = NULL;
  g_autofree char *url = NULL;
  CsSignOptions o;

  press (f, &pin_page, cs_param_list_get (rt, "oauth_token"), "allow");
  pin = cs_html_element_text (pin_page.body, "pin");
  demo_options (&o);
  o.token = cs_param_list_get (rt, "oauth_token");
  o.token_secret = cs_param_list_get (rt, "oauth_token_secret");
  o.verifier = "0000000";
  if (g_strcmp0 (pin, o.verifier) == 0)
    o.verifier = "1111111";
  g_free (send_signed (f, &wrong, "POST", "/oauth/access_token", NULL, &o));
  assert_twitter_error (&wrong, 401, 89);
  /* A wrong guess burns the request token: the right PIN no longer works either. */
  o.verifier = pin;
  g_free (send_signed (f, &right, "POST", "/oauth/access_token", NULL, &o));
  assert_twitter_error (&right, 401, 89);

  url = g_strconcat (f->base, "/oauth/authorize?oauth_token=", o.token, NULL);
  cs_http_send (&page_again, "GET", url, NULL, NULL);
  g_assert_cmpuint (page_again.status, ==, 400);
}

static void
test_missing_header (Fixture      *f,
                     gconstpointer data)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_auto(CsHttpReply) unknown = { 0 };
  g_autofree char *url = g_strconcat (f->base, "/oauth/request_token", NULL);
  g_autofree char *other = g_strconcat (f->base, "/nowhere", NULL);

  cs_http_send (&reply, "POST", url, NULL, NULL);
  assert_twitter_error (&reply, 400, 215);
  cs_http_send (&unknown, "GET", other, NULL, NULL);
  g_assert_cmpuint (unknown.status, ==, 404);
}

static void
test_provider_object (Fixture      *f,
                      gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  g_autofree char *rt = g_strconcat (f->base, "/oauth/request_token", NULL);
  g_autofree char *at = g_strconcat (f->base, "/oauth/access_token", NULL);
  g_autofree char *az = g_strconcat (f->base, "/oauth/authorize", NULL);

  g_assert_cmpstr (cs_provider_get_id (provider), ==, "demo");
  g_assert_cmpstr (cs_provider_get_request_token_url (provider), ==, rt);
  g_assert_cmpstr (cs_provider_get_access_token_url (provider), ==, at);
  g_assert_cmpstr (cs_provider_get_authorize_url (provider), ==, az);
  g_assert_true (g_str_has_prefix (cs_provider_get_verify_url (provider), f->base));
}

/* The same provider through Countersign's own client, as the app uses it. */

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static CsCredentials *
client_request_token (CsOAuthClient    *client,
                      CsProvider       *provider,
                      const CsConsumer *consumer,
                      const char       *callback,
                      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_oauth_client_request_token_async (client, provider, consumer, callback, NULL, NULL,
                                       store_result, &result);
  return cs_oauth_client_request_token_finish (client, wait_result (&result), error);
}

static CsCredentials *
client_access_token (CsOAuthClient    *client,
                     CsProvider       *provider,
                     const CsConsumer *consumer,
                     CsCredentials    *rt,
                     const char       *verifier,
                     GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_oauth_client_access_token_async (client, provider, consumer, rt, verifier, NULL,
                                      store_result, &result);
  return cs_oauth_client_access_token_finish (client, wait_result (&result), error);
}

static void
test_client_pin (Fixture      *f,
                 gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  const CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(GAsyncResult) call = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *pin = NULL;
  g_auto(CsHttpReply) pin_page = { 0 };
  guint status = 0;

  rt = client_request_token (client, provider, &consumer, "oob", &error);
  g_assert_no_error (error);
  g_assert_true (cs_credentials_get_callback_confirmed (rt));
  url = cs_oauth_authorize_url (provider, rt, FALSE, FALSE, NULL);
  token = cs_url_query_value (url, "oauth_token");
  g_assert_cmpstr (token, ==, cs_credentials_get_token (rt));
  press (f, &pin_page, token, "allow");
  pin = cs_html_element_text (pin_page.body, "pin");

  at = client_access_token (client, provider, &consumer, rt, pin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_credentials_get_screen_name (at), ==, CS_DEMO_SCREEN_NAME);
  g_assert_cmpstr (cs_credentials_get_user_id (at), ==, CS_DEMO_USER_ID);
  g_assert_cmpstr (cs_credentials_get_token (at), ==,
                   cs_demo_provider_get_last_access_token (f->demo));

  cs_oauth_client_call_async (client, provider, &consumer, at, "GET",
                              cs_provider_get_verify_url (provider), NULL, NULL, store_result,
                              &call);
  body = cs_oauth_client_call_finish (client, wait_result (&call), &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"screen_name\":\"demo_user\""));

  /* Reusing the request token: rejected, with the provider's words and the status. */
  g_clear_pointer (&at, cs_credentials_unref);
  at = client_access_token (client, provider, &consumer, rt, pin, &error);
  g_assert_null (at);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_nonnull (strstr (error->message, "Invalid or expired token"));
}

static void
test_client_loopback (Fixture      *f,
                      gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  const CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsCallbackServer) server = NULL;
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verifier = NULL;
  g_auto(CsHttpReply) redirect = { 0 };
  g_auto(CsHttpReply) landing = { 0 };

  server = cs_callback_server_new (&error);
  g_assert_no_error (error);
  rt = client_request_token (client, provider, &consumer, cs_callback_server_get_url (server),
                             &error);
  g_assert_no_error (error);
  cs_callback_server_wait_async (server, cs_credentials_get_token (rt), 30, NULL, store_result,
                                 &waited);
  press (f, &redirect, cs_credentials_get_token (rt), "allow");
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_true (g_str_has_prefix (redirect.location, cs_callback_server_get_url (server)));
  cs_http_send (&landing, "GET", redirect.location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
  verifier = cs_callback_server_wait_finish (server, wait_result (&waited), &error);
  g_assert_no_error (error);

  at = client_access_token (client, provider, &consumer, rt, verifier, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_credentials_get_screen_name (at), ==, CS_DEMO_SCREEN_NAME);
}

static void
test_client_errors (Fixture      *f,
                    gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  const CsConsumer wrong = { CS_DEMO_CONSUMER_KEY, "a-wrong-consumer-secret", NULL };
  const CsConsumer right = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(GError) error = NULL;

  rt = client_request_token (client, provider, &wrong, "oob", &error);
  g_assert_null (rt);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_nonnull (strstr (error->message, "Could not authenticate you."));
  g_assert_null (strstr (error->message, "a-wrong-consumer-secret"));
  g_clear_error (&error);

  rt = client_request_token (client, provider, &right, "ftp://127.0.0.1/cb", &error);
  g_assert_null (rt);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "403"));
  g_assert_nonnull (strstr (error->message, "Callback URL not approved"));
}

/* The provider's clock is an hour ahead: the client learns the offset and retries once. */
static void
test_client_clock (Fixture      *f,
                   gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  const CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(GError) error = NULL;

  cs_demo_provider_set_clock_offset (f->demo, 3600);
  rt = client_request_token (client, provider, &consumer, "oob", &error);
  g_assert_no_error (error);
  g_assert_nonnull (rt);
  g_assert_cmpint (ABS (cs_oauth_client_get_clock_offset (client) - 3600), <=, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/demo-provider/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("pin-flow", test_pin_flow);
  ADD ("callback-flow", test_callback_flow);
  ADD ("signature-methods", test_signature_methods);
  ADD ("tampering", test_tampering);
  ADD ("nonce-replay", test_nonce_replay);
  ADD ("clock", test_clock);
  ADD ("callback-checks", test_callback_checks);
  ADD ("verifier-single-use", test_verifier_single_use);
  ADD ("missing-header", test_missing_header);
  ADD ("provider-object", test_provider_object);
  ADD ("client/pin", test_client_pin);
  ADD ("client/loopback", test_client_loopback);
  ADD ("client/errors", test_client_errors);
  ADD ("client/clock", test_client_clock);
#undef ADD

  return g_test_run ();
}
