/* test-authorization.c — CsAuthorization (src/flow) against the demo provider, in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the user in the browser (the authorize page, Allow or Deny, the redirect
 * to the loopback server) and the front end (the PIN, Cancel, Retry), and checks what a
 * user would see: the tokens, the steps the progress went through, the errors.
 */
#include <string.h>
#include <glib.h>

#include "cs-authorization.h"
#include "cs-hostile.h"
#include "cs-test-http.h"
#include "cs-oauth-error.h"
#include "cs-provider-registry.h"

typedef struct
{
  CsProviderRegistry *registry;
  CsOAuthClient      *client;
  CsAuthorization    *auth;
  GCancellable       *cancellable;
  GAsyncResult       *result;
  GString            *progress;     /* "step:state " for each change */
  const char         *button;       /* what the browser presses: "allow" or "deny" */
  gboolean            cancel_when_waiting;
  guint               need_verifier;
} Fixture;

static const char *
nick (GType  type,
      int    value)
{
  GEnumClass *klass = g_type_class_peek (type);

  return g_enum_get_value (klass, value)->value_nick;
}

static void
progress_cb (CsAuthorization *auth,
             GParamSpec      *pspec,
             Fixture         *f)
{
  g_string_append_printf (f->progress, "%s:%s ",
                          nick (CS_TYPE_AUTHORIZATION_STEP, cs_authorization_get_step (auth)),
                          nick (CS_TYPE_AUTHORIZATION_STATE, cs_authorization_get_state (auth)));
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CsProvider *demo;
  CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };

  f->registry = cs_provider_registry_new ();
  demo = cs_provider_registry_find (f->registry, "demo", &error);
  g_assert_no_error (error);
  /* The running demo, not the preset that stands for it. */
  g_assert_true (g_str_has_prefix (cs_provider_get_request_token_url (demo),
                                   "http://127.0.0.1:"));
  f->client = cs_oauth_client_new ();
  f->auth = cs_authorization_new (f->client, demo, &consumer);
  f->cancellable = g_cancellable_new ();
  f->progress = g_string_new (NULL);
  f->button = "allow";
  g_signal_connect (f->auth, "notify::state", G_CALLBACK (progress_cb), f);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->auth);
  g_clear_object (&f->client);
  g_clear_object (&f->cancellable);
  g_clear_object (&f->registry);
  g_string_free (f->progress, TRUE);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  g_clear_object (&f->result);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static gboolean
run (Fixture  *f,
     GError  **error)
{
  cs_authorization_run_async (f->auth, f->cancellable, done_cb, f);
  return cs_authorization_run_finish (f->auth, wait_result (f), error);
}

/* The browser: opens the authorize page, then sends the demo provider's form with @button
 * pressed; @reply is the provider's answer (a page with the PIN for oob, else a redirect). */
static void
browser_press (Fixture     *f,
               CsHttpReply *reply,
               const char  *button)
{
  CsDemoProvider *demo = cs_provider_registry_get_demo (f->registry, NULL);
  CsCredentials *rt = cs_authorization_get_request_token (f->auth);
  g_autofree char *form = g_strdup_printf ("oauth_token=%s&action=%s",
                                           cs_credentials_get_token (rt), button);
  g_autofree char *form_url = g_strconcat (cs_demo_provider_get_base_url (demo),
                                           "/oauth/authorize", NULL);
  g_auto(CsHttpReply) page = { 0 };

  cs_http_send (&page, "GET", cs_authorization_get_authorize_url (f->auth), NULL, NULL);
  g_assert_cmpuint (page.status, ==, 200);
  cs_http_send (reply, "POST", form_url, NULL, form);
}

static char *
browser_pin (Fixture *f)
{
  g_auto(CsHttpReply) reply = { 0 };
  char *pin;

  browser_press (f, &reply, "allow");
  g_assert_cmpuint (reply.status, ==, 200);
  pin = cs_html_element_text (reply.body, "pin");
  g_assert_nonnull (pin);
  return pin;
}

/* The user types the PIN, with the blanks a paste brings along. */
static void
need_verifier_cb (CsAuthorization *auth,
                  Fixture         *f)
{
  g_autofree char *pin = NULL;
  g_autofree char *typed = NULL;
  g_autoptr(GError) error = NULL;

  f->need_verifier++;
  g_assert_cmpint (cs_authorization_get_state (auth), ==, CS_AUTHORIZATION_STATE_WAITING);
  if (f->cancel_when_waiting)
    {
      g_cancellable_cancel (f->cancellable);
      return;
    }
  pin = browser_pin (f);
  typed = g_strdup_printf (" %s\n", pin);
  g_assert_true (cs_authorization_submit_verifier (auth, typed, &error));
  g_assert_no_error (error);
}

static void
assert_demo_access_token (Fixture *f)
{
  CsCredentials *at = cs_authorization_get_access_token (f->auth);
  CsProvider *provider = cs_authorization_get_provider (f->auth);
  CsDemoProvider *demo = cs_provider_registry_get_demo (f->registry, NULL);

  g_assert_nonnull (at);
  g_assert_true (provider == cs_demo_provider_get_provider (demo));
  g_assert_cmpstr (cs_credentials_get_token (at), ==,
                   cs_demo_provider_get_last_access_token (demo));
  g_assert_cmpstr (cs_credentials_get_screen_name (at), ==, CS_DEMO_SCREEN_NAME);
  g_assert_cmpstr (cs_authorization_get_account (f->auth), ==, CS_DEMO_SCREEN_NAME);
  g_assert_cmpint (cs_authorization_get_step (f->auth), ==, CS_AUTHORIZATION_STEP_ACCESS_TOKEN);
  g_assert_cmpint (cs_authorization_get_state (f->auth), ==, CS_AUTHORIZATION_STATE_DONE);
}

static void
test_pin_run (Fixture      *f,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStoredToken) stored = NULL;
  g_autofree char *expected_url = NULL;
  CsDemoProvider *demo = cs_provider_registry_get_demo (f->registry, NULL);
  CsCredentials *rt;

  g_signal_connect (f->auth, "need-verifier", G_CALLBACK (need_verifier_cb), f);
  g_assert_true (run (f, &error));
  g_assert_no_error (error);

  assert_demo_access_token (f);
  g_assert_cmpuint (f->need_verifier, ==, 1);
  g_assert_cmpstr (cs_authorization_get_callback_url (f->auth), ==, "oob");
  rt = cs_authorization_get_request_token (f->auth);
  expected_url = g_strdup_printf ("%s/oauth/authorize?oauth_token=%s",
                                  cs_demo_provider_get_base_url (demo),
                                  cs_credentials_get_token (rt));
  g_assert_cmpstr (cs_authorization_get_authorize_url (f->auth), ==, expected_url);
  g_assert_cmpstr (f->progress->str, ==,
                   "request-token:running request-token:done authorize:waiting authorize:done "
                   "access-token:running access-token:done ");
  /* What the keyring would get: the demo's host, the consumer key and the account. */
  stored = cs_authorization_dup_stored_token (f->auth);
  g_assert_cmpstr (cs_stored_token_get_provider_id (stored), ==, "demo");
  g_assert_cmpstr (cs_stored_token_get_host (stored), ==, "127.0.0.1");
  g_assert_cmpstr (cs_stored_token_get_consumer_key (stored), ==, CS_DEMO_CONSUMER_KEY);
  g_assert_cmpstr (cs_stored_token_get_account (stored), ==, CS_DEMO_SCREEN_NAME);
}

static gboolean
access_token (Fixture  *f,
              GError  **error)
{
  cs_authorization_access_token_async (f->auth, f->cancellable, done_cb, f);
  return cs_authorization_access_token_finish (f->auth, wait_result (f), error);
}

static void
request_token_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  cs_authorization_request_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_request_token_finish (f->auth, wait_result (f), &error));
  g_assert_no_error (error);
}

/* A wrong PIN: the demo forgets the request token, as oauthlib's providers do. The flow says
 * it is used up; the right PIN for it fails too; a new request token, a new link and its PIN
 * work. */
static void
test_wrong_pin_spends (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *first_token = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *new_pin = NULL;

  request_token_ok (f);
  g_assert_false (cs_authorization_get_request_token_spent (f->auth));
  first_token = g_strdup (cs_credentials_get_token (cs_authorization_get_request_token (f->auth)));
  first_url = g_strdup (cs_authorization_get_authorize_url (f->auth));
  pin = browser_pin (f);

  g_assert_true (cs_authorization_submit_verifier (f->auth, "0000000", &error));
  g_assert_false (access_token (f, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_true (cs_authorization_get_request_token_spent (f->auth));

  /* What Back and the right PIN did before: refused, the token is gone at the provider. */
  g_assert_true (cs_authorization_submit_verifier (f->auth, pin, &error));
  g_assert_false (access_token (f, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_true (cs_authorization_get_request_token_spent (f->auth));

  /* What can still work: a new request token and link, and the PIN shown for them. */
  request_token_ok (f);
  g_assert_false (cs_authorization_get_request_token_spent (f->auth));
  g_assert_cmpstr (cs_credentials_get_token (cs_authorization_get_request_token (f->auth)), !=,
                   first_token);
  g_assert_cmpstr (cs_authorization_get_authorize_url (f->auth), !=, first_url);
  new_pin = browser_pin (f);
  g_assert_true (cs_authorization_submit_verifier (f->auth, new_pin, &error));
  g_assert_true (access_token (f, &error));
  g_assert_no_error (error);
  assert_demo_access_token (f);
  /* Taken: it cannot be exchanged twice. */
  g_assert_true (cs_authorization_get_request_token_spent (f->auth));
}

/* An access token request that never reached the provider leaves the request token usable:
 * the same verifier can be sent again. */
static void
test_unreached_keeps_request_token (Fixture      *f,
                                    gconstpointer data)
{
  CsProvider *demo = cs_authorization_get_provider (f->auth);
  g_autoptr(CsProvider) unreachable = cs_provider_new ("unreachable", "Unreachable");
  g_autofree char *nowhere = g_strdup_printf ("http://127.0.0.1:%u/oauth/access_token",
                                              unused_port ());
  CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *pin = NULL;

  cs_provider_set_request_token_url (unreachable, cs_provider_get_request_token_url (demo));
  cs_provider_set_authorize_url (unreachable, cs_provider_get_authorize_url (demo));
  cs_provider_set_access_token_url (unreachable, nowhere);
  g_clear_object (&f->auth);
  f->auth = cs_authorization_new (f->client, unreachable, &consumer);

  request_token_ok (f);
  pin = browser_pin (f);
  g_assert_true (cs_authorization_submit_verifier (f->auth, pin, &error));
  g_assert_false (access_token (f, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_NETWORK);
  g_assert_false (cs_authorization_get_request_token_spent (f->auth));
}

/* A bare 401 on the access token step (oauthlib's answer to a wrong verifier) gets advice in
 * the words of the callback mode: only in PIN mode is there a PIN to check (issue 12 tour).
 * The demo gives the request token; the access token URL is a hostile provider's. */
typedef struct
{
  CsAuthorizationCallback  callback;
  const char              *url;
  const char              *advice;   /* in the refusal */
  const char              *empty;    /* the error for an empty verifier */
} VerifierWords;

static void
test_wrong_verifier_words (Fixture      *f,
                           gconstpointer data)
{
  const VerifierWords *words = data;
  CsProvider *demo = cs_authorization_get_provider (f->auth);
  g_autoptr(Hostile) h = hostile_new ();
  g_autoptr(CsProvider) refusing = cs_provider_new ("refusing", "Refusing");
  g_autofree char *access_url = hostile_url (h, "/oauth/access_token");
  CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, NULL };
  g_autoptr(GError) error = NULL;

  cs_provider_set_request_token_url (refusing, cs_provider_get_request_token_url (demo));
  cs_provider_set_authorize_url (refusing, cs_provider_get_authorize_url (demo));
  cs_provider_set_access_token_url (refusing, access_url);
  g_clear_object (&f->auth);
  f->auth = cs_authorization_new (f->client, refusing, &consumer);
  cs_authorization_set_callback (f->auth, words->callback, words->url);
  request_token_ok (f);

  g_assert_false (cs_authorization_submit_verifier (f->auth, " ", &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, words->empty);
  g_clear_error (&error);

  hostile_script (h, 401, "text/plain", "", 0);
  g_assert_true (cs_authorization_submit_verifier (f->auth, "0000000", &error));
  g_assert_false (access_token (f, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "refused the request: HTTP 401"));
  g_assert_nonnull (strstr (error->message, words->advice));
  if (words->callback != CS_AUTHORIZATION_CALLBACK_OOB)
    g_assert_null (strstr (error->message, "PIN"));
}

static const VerifierWords pin_words = {
  CS_AUTHORIZATION_CALLBACK_OOB, NULL,
  "Check the PIN (the verifier): it may be mistyped, or already used.",
  "The verifier (PIN) is empty",
};
static const VerifierWords loopback_words = {
  CS_AUTHORIZATION_CALLBACK_LOOPBACK, NULL,
  "Check the verifier (the code the browser returned)",
  "The verifier (the code the browser returned) is empty",
};
static const VerifierWords url_words = {
  CS_AUTHORIZATION_CALLBACK_URL, "https://app.example/callback",
  "Check the callback address and the verifier in it",
  "The callback address (or its verifier) is empty",
};

/* What Test Credentials learns is the account from then on: for the export and the keyring. */
static void
test_learn_account (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStoredToken) stored = NULL;

  g_signal_connect (f->auth, "need-verifier", G_CALLBACK (need_verifier_cb), f);
  g_assert_true (run (f, &error));
  g_assert_cmpstr (cs_authorization_get_account (f->auth), ==, CS_DEMO_SCREEN_NAME);

  cs_authorization_learn_account_async (f->auth, "gui_tester", f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_learn_account_finish (f->auth, wait_result (f), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cs_authorization_get_account (f->auth), ==, "gui_tester");
  stored = cs_authorization_dup_stored_token (f->auth);
  g_assert_cmpstr (cs_stored_token_get_account (stored), ==, "gui_tester");
  /* Nothing was saved: nothing to rename. */
  g_assert_null (cs_authorization_get_saved_id (f->auth));
}

/* The wizard's way: one step at a time, with mistakes and a Retry. */
static void
test_pin_steps (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first_token = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *other = NULL;

  cs_authorization_request_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_request_token_finish (f->auth, wait_result (f), &error));
  g_assert_no_error (error);
  first_token = g_strdup (cs_credentials_get_token (cs_authorization_get_request_token (f->auth)));

  /* Retry of the first step: a new request token replaces the old one. */
  cs_authorization_request_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_request_token_finish (f->auth, wait_result (f), &error));
  g_assert_cmpstr (cs_credentials_get_token (cs_authorization_get_request_token (f->auth)), !=,
                   first_token);

  g_assert_false (cs_authorization_submit_verifier (f->auth, "  \n", &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  other = g_strdup_printf ("https://app.example/cb?oauth_token=%s&oauth_verifier=123",
                           first_token);
  g_assert_false (cs_authorization_submit_verifier (f->auth, other, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
  g_clear_error (&error);

  pin = browser_pin (f);
  g_assert_true (cs_authorization_submit_verifier (f->auth, pin, &error));
  cs_authorization_access_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_access_token_finish (f->auth, wait_result (f), &error));
  g_assert_no_error (error);
  assert_demo_access_token (f);

  /* The request token is used up: a second exchange is refused, and the old tokens go. */
  cs_authorization_access_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_false (cs_authorization_access_token_finish (f->auth, wait_result (f), &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_null (cs_authorization_get_access_token (f->auth));
  g_assert_cmpint (cs_authorization_get_state (f->auth), ==, CS_AUTHORIZATION_STATE_FAILED);
}

/* A callback URL of the developer's: the user pastes the address the browser was sent to. */
static void
test_pasted_address (Fixture      *f,
                     gconstpointer data)
{
  g_auto(CsHttpReply) redirect = { 0 };
  g_autoptr(GError) error = NULL;

  cs_authorization_set_callback (f->auth, CS_AUTHORIZATION_CALLBACK_URL,
                                 "https://app.example/callback");
  cs_authorization_request_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_request_token_finish (f->auth, wait_result (f), &error));
  g_assert_cmpstr (cs_authorization_get_callback_url (f->auth), ==,
                   "https://app.example/callback");
  browser_press (f, &redirect, "allow");
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_true (g_str_has_prefix (redirect.location, "https://app.example/callback?"));

  g_assert_true (cs_authorization_submit_verifier (f->auth, redirect.location, &error));
  cs_authorization_access_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_access_token_finish (f->auth, wait_result (f), &error));
  g_assert_no_error (error);
  assert_demo_access_token (f);
}

/* The browser, once the loopback server waits: presses the button and follows the redirect. */
static gboolean
browser_loopback_idle (gpointer user_data)
{
  Fixture *f = user_data;
  g_auto(CsHttpReply) redirect = { 0 };
  g_auto(CsHttpReply) landing = { 0 };

  browser_press (f, &redirect, f->button);
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_true (g_str_has_prefix (redirect.location,
                                   cs_authorization_get_callback_url (f->auth)));
  cs_http_send (&landing, "GET", redirect.location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
  return G_SOURCE_REMOVE;
}

static void
waiting_cb (CsAuthorization *auth,
            GParamSpec      *pspec,
            Fixture         *f)
{
  if (cs_authorization_get_state (auth) != CS_AUTHORIZATION_STATE_WAITING)
    return;
  if (f->cancel_when_waiting)
    g_cancellable_cancel (f->cancellable);
  else if (f->button != NULL)
    g_idle_add (browser_loopback_idle, f);
}

static void
test_loopback_run (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  cs_authorization_set_callback (f->auth, CS_AUTHORIZATION_CALLBACK_LOOPBACK, NULL);
  g_signal_connect (f->auth, "notify::state", G_CALLBACK (waiting_cb), f);
  g_signal_connect (f->auth, "need-verifier", G_CALLBACK (need_verifier_cb), f);
  g_assert_true (run (f, &error));
  g_assert_no_error (error);

  assert_demo_access_token (f);
  g_assert_cmpuint (f->need_verifier, ==, 0);
  g_assert_true (g_str_has_prefix (cs_authorization_get_callback_url (f->auth),
                                   "http://127.0.0.1:"));
  g_assert_cmpstr (f->progress->str, ==,
                   "request-token:running request-token:done authorize:running "
                   "authorize:waiting authorize:done access-token:running access-token:done ");
}

static void
test_loopback_denied (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->button = "deny";
  cs_authorization_set_callback (f->auth, CS_AUTHORIZATION_CALLBACK_LOOPBACK, NULL);
  g_signal_connect (f->auth, "notify::state", G_CALLBACK (waiting_cb), f);
  g_assert_false (run (f, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED);
  g_assert_cmpint (cs_authorization_get_step (f->auth), ==, CS_AUTHORIZATION_STEP_AUTHORIZE);
  g_assert_cmpint (cs_authorization_get_state (f->auth), ==, CS_AUTHORIZATION_STATE_FAILED);
  g_assert_null (cs_authorization_get_access_token (f->auth));
}

/* The browser never comes back. */
static void
test_loopback_timeout (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->button = NULL;
  cs_authorization_set_callback (f->auth, CS_AUTHORIZATION_CALLBACK_LOOPBACK, NULL);
  cs_authorization_set_callback_timeout (f->auth, 1);
  g_signal_connect (f->auth, "notify::state", G_CALLBACK (waiting_cb), f);
  g_assert_false (run (f, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_TIMEOUT);
  g_assert_cmpint (cs_authorization_get_step (f->auth), ==, CS_AUTHORIZATION_STEP_AUTHORIZE);
}

/* Cancel while the flow waits for the user (@data: loopback or not), then start again. */
static void
test_cancel_waiting (Fixture      *f,
                     gconstpointer data)
{
  gboolean loopback = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_callback = NULL;

  f->cancel_when_waiting = TRUE;
  if (loopback)
    cs_authorization_set_callback (f->auth, CS_AUTHORIZATION_CALLBACK_LOOPBACK, NULL);
  g_signal_connect (f->auth, "notify::state", G_CALLBACK (waiting_cb), f);
  g_signal_connect (f->auth, "need-verifier", G_CALLBACK (need_verifier_cb), f);
  g_assert_false (run (f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (cs_authorization_get_step (f->auth), ==, CS_AUTHORIZATION_STEP_AUTHORIZE);
  g_assert_cmpint (cs_authorization_get_state (f->auth), ==, CS_AUTHORIZATION_STATE_FAILED);
  g_assert_null (cs_authorization_get_access_token (f->auth));
  first_callback = g_strdup (cs_authorization_get_callback_url (f->auth));

  /* Start over with a fresh cancellable: a new request token (and loopback server). */
  g_clear_object (&f->cancellable);
  f->cancellable = g_cancellable_new ();
  cs_authorization_request_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_request_token_finish (f->auth, wait_result (f), &error));
  g_assert_no_error (error);
  if (loopback)
    g_assert_cmpstr (cs_authorization_get_callback_url (f->auth), !=, first_callback);
}

/* Cancel while the request token is on its way: nothing arrives afterwards. */
static void
test_cancel_request (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  cs_authorization_run_async (f->auth, f->cancellable, done_cb, f);
  g_assert_cmpint (cs_authorization_get_state (f->auth), ==, CS_AUTHORIZATION_STATE_RUNNING);
  g_cancellable_cancel (f->cancellable);
  g_assert_false (cs_authorization_run_finish (f->auth, wait_result (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cs_authorization_get_step (f->auth), ==, CS_AUTHORIZATION_STEP_REQUEST_TOKEN);
  g_assert_cmpint (cs_authorization_get_state (f->auth), ==, CS_AUTHORIZATION_STATE_FAILED);
  g_assert_null (cs_authorization_get_request_token (f->auth));
}

static void
superseded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (cs_authorization_request_token_finish (CS_AUTHORIZATION (source), result,
                                                         error));
}

/* A step started while another runs: the older one ends as cancelled and changes nothing. */
static void
test_superseded (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GError) error = NULL;

  cs_authorization_request_token_async (f->auth, NULL, superseded_cb, &first_error);
  cs_authorization_request_token_async (f->auth, f->cancellable, done_cb, f);
  g_assert_true (cs_authorization_request_token_finish (f->auth, wait_result (f), &error));
  while (first_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (first_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cs_authorization_get_state (f->auth), ==, CS_AUTHORIZATION_STATE_DONE);
  g_assert_nonnull (cs_authorization_get_request_token (f->auth));
}

static void
no_pin_cb (CsAuthorization *auth,
           Fixture         *f)
{
  cs_authorization_fail_verifier (auth, g_error_new_literal (CS_OAUTH_ERROR,
                                                             CS_OAUTH_ERROR_INVALID_INPUT,
                                                             "No PIN was entered"));
}

/* The front end has no verifier to give: the run ends with its error. */
static void
test_fail_verifier (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->auth, "need-verifier", G_CALLBACK (no_pin_cb), f);
  g_assert_false (run (f, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "No PIN was entered");
  g_assert_cmpint (cs_authorization_get_step (f->auth), ==, CS_AUTHORIZATION_STEP_AUTHORIZE);
}

/* The registry: presets first, the demo started once, unknown ids refused. */
static void
test_registry (void)
{
  g_autoptr(CsProviderRegistry) registry = cs_provider_registry_new ();
  g_autoptr(GError) error = NULL;
  CsProvider *preset = cs_provider_registry_lookup (registry, "demo");
  CsProvider *running;

  g_assert_nonnull (preset);
  g_assert_true (cs_provider_get_is_demo (preset));
  g_assert_nonnull (cs_provider_registry_lookup (registry, "twitter"));
  running = cs_provider_registry_resolve (registry, preset, &error);
  g_assert_no_error (error);
  g_assert_true (running != preset);
  g_assert_true (cs_provider_registry_find (registry, "demo", NULL) == running);
  g_assert_true (cs_provider_registry_resolve (registry, running, NULL) == running);
  g_assert_null (cs_provider_registry_find (registry, "no-such-provider", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/authorization/" path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("pin/run", test_pin_run, NULL);
  ADD ("pin/steps", test_pin_steps, NULL);
  ADD ("pin/pasted-address", test_pasted_address, NULL);
  ADD ("pin/no-pin", test_fail_verifier, NULL);
  ADD ("pin/wrong-pin-spends-request-token", test_wrong_pin_spends, NULL);
  ADD ("pin/unreached-keeps-request-token", test_unreached_keeps_request_token, NULL);
  ADD ("pin/wrong-verifier-words", test_wrong_verifier_words, &pin_words);
  ADD ("loopback/wrong-verifier-words", test_wrong_verifier_words, &loopback_words);
  ADD ("url/wrong-verifier-words", test_wrong_verifier_words, &url_words);
  ADD ("learn-account", test_learn_account, NULL);
  ADD ("loopback/run", test_loopback_run, NULL);
  ADD ("loopback/denied", test_loopback_denied, NULL);
  ADD ("loopback/timeout", test_loopback_timeout, NULL);
  ADD ("cancel/pin", test_cancel_waiting, GINT_TO_POINTER (FALSE));
  ADD ("cancel/loopback", test_cancel_waiting, GINT_TO_POINTER (TRUE));
  ADD ("cancel/request-token", test_cancel_request, NULL);
  ADD ("cancel/superseded", test_superseded, NULL);
#undef ADD
  g_test_add_func ("/authorization/registry", test_registry);

  return g_test_run ();
}
