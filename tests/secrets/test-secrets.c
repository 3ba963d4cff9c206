/* test-secrets.c — no secret in anything Countersign prints, logs or reports as an error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the CLI with G_MESSAGES_DEBUG=all and captures stdout and stderr. Only the output
 * a command exists to print (a PLAINTEXT signature, the tokens of request-token and
 * access-token) may hold a secret; everything else — debug messages, warnings, every error
 * message — must not. The library's CS_OAUTH_ERROR messages are checked directly too.
 */
#include <string.h>
#include <glib.h>

#include "cs-demo-provider.h"
#include "cs-test-http.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"
#include "cs-test-cli.h"
#include "cs-test-wait.h"

/* Distinctive values: any of them in the output is a leak, never a coincidence. The token
 * secret has characters that percent-encoding changes, so both spellings are looked for. */
#define CONSUMER_SECRET "Cs9consumer-SECRET-q7Zr4Wx2"
#define TOKEN_SECRET    "Tk4token SECRET/r8&Yb1=Vn6"
#define CONSUMER_KEY    "secrets-test-consumer"
#define TOKEN           "1234-secrets-test-token"


/* Returns the secret found in @text (raw, percent-encoded once or twice), or NULL. */
static const char *
find_secret (const char        *text,
             const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    {
      g_autofree char *encoded = cs_percent_encode (needles[i]);
      g_autofree char *twice = cs_percent_encode (encoded);

      if (strstr (text, needles[i]) != NULL || strstr (text, encoded) != NULL ||
          strstr (text, twice) != NULL)
        return needles[i];
    }
  return NULL;
}

static void
assert_no_secret (const char         *what,
                  const char         *text,
                  const char * const *needles)
{
  const char *found = find_secret (text, needles);

  if (found != NULL)
    {
      g_test_message ("%s holds the secret “%s”:\n%s", what, found, text);
      g_test_fail ();
    }
}

static const char * const all_secrets[] = { CONSUMER_SECRET, TOKEN_SECRET, NULL };

static const char * const debug_env[] = {
  "G_MESSAGES_DEBUG=all",
  "COUNTERSIGN_CONSUMER_SECRET=" CONSUMER_SECRET,
  "COUNTERSIGN_TOKEN_SECRET=" TOKEN_SECRET,
  NULL
};

/* The search itself works: a PLAINTEXT signature is the secrets (that is its job), so the
 * search must find them in its stdout — and still nowhere in stderr. */
static void
test_search_finds_plaintext (void)
{
  g_auto(CsCliRun) run = { 0 };

  cs_cli_run_full (&run, debug_env, NULL, (const char * const[]) {
                     "sign", "--url", "https://api.example.com/1/x", "--consumer-key",
                     CONSUMER_KEY, "--token", TOKEN, "--signature-method", "PLAINTEXT",
                     "--print", "signature", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (find_secret (run.out, (const char * const[]) { CONSUMER_SECRET, NULL }));
  g_assert_nonnull (find_secret (run.out, (const char * const[]) { TOKEN_SECRET, NULL }));
  assert_no_secret ("stderr of sign --signature-method PLAINTEXT", run.err, all_secrets);
}

/* Every --print of an HMAC signature, secrets from the environment and from options. */
static void
test_sign_prints_no_secret (void)
{
  const char *prints[] = { "header", "base-string", "signature", "curl" };
  const char *methods[] = { "HMAC-SHA1", "HMAC-SHA256" };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    for (guint p = 0; p < G_N_ELEMENTS (prints); p++)
      {
        g_auto(CsCliRun) from_env = { 0 };
        g_auto(CsCliRun) from_options = { 0 };

        cs_cli_run_full (&from_env, debug_env, NULL, (const char * const[]) {
                           "sign", "--method", "POST", "--url",
                           "https://api.example.com/1.1/statuses/update.json?a=b",
                           "--data", "status=hello%20there", "--consumer-key", CONSUMER_KEY,
                           "--token", TOKEN, "--callback", "oob", "--signature-method",
                           methods[m], "--print", prints[p], NULL });
        g_assert_cmpint (from_env.status, ==, 0);
        g_assert_cmpstr (from_env.out, !=, "");
        assert_no_secret ("stdout of sign", from_env.out, all_secrets);
        assert_no_secret ("stderr of sign", from_env.err, all_secrets);

        cs_cli_run_full (&from_options,
                         (const char * const[]) { "G_MESSAGES_DEBUG=all", NULL }, NULL,
                         (const char * const[]) {
                           "sign", "--url", "http://127.0.0.1:8080/oauth/access_token",
                           "--consumer-key", CONSUMER_KEY, "--consumer-secret",
                           CONSUMER_SECRET, "--token", TOKEN, "--token-secret", TOKEN_SECRET,
                           "--verifier", "123456", "--signature-method", methods[m],
                           "--print", prints[p], NULL });
        g_assert_cmpint (from_options.status, ==, 0);
        assert_no_secret ("stdout of sign (options)", from_options.out, all_secrets);
        assert_no_secret ("stderr of sign (options)", from_options.err, all_secrets);
      }
}

/* Refused input: one line naming the problem, never the secrets that came with it. */
static void
test_sign_errors_hold_no_secret (void)
{
  const char *cases[][4] = {
    { "--url", "ftp://api.example.com/x", NULL, NULL },
    { "--url", "https://user:pw@api.example.com/x", NULL, NULL },
    { "--url", "https://api.example.com/x?a=%zz", NULL, NULL },
    { "--data", "a=%4", NULL, NULL },
    { "--signature-method", "HMAC-MD5", NULL, NULL },
    { "--signature-method", "RSA-SHA1", NULL, NULL },
    { "--signature-method", "RSA-SHA1", "--private-key", "/nonexistent/key.pem" },
    { "--nonce", "n\xc3\xa9", NULL, NULL },
    { "--print", "secrets", NULL, NULL },
    { "--realm", "\xff", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(CsCliRun) run = { 0 };
      g_autofree char *shown = NULL;
      gboolean has_url = strcmp (cases[i][0], "--url") == 0;

      const char *common[] = { "sign", "--consumer-key", CONSUMER_KEY, "--token", TOKEN,
                               has_url ? NULL : "--url", "https://api.example.com/x" };

      for (guint j = 0; j < G_N_ELEMENTS (common) && common[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) common[j]);
      for (guint j = 0; j < 4 && cases[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i][j]);
      g_ptr_array_add (args, NULL);

      cs_cli_run_full (&run, debug_env, NULL, (const char * const *) args->pdata);
      shown = g_utf8_make_valid (cases[i][1], -1);
      g_test_message ("sign %s %s → %d %s", cases[i][0], shown, run.status, run.err);
      g_assert_cmpint (run.status, !=, 0);
      g_assert_cmpstr (run.err, !=, "");
      assert_no_secret ("stdout of a refused sign", run.out, all_secrets);
      assert_no_secret ("stderr of a refused sign", run.err, all_secrets);
    }
}

/* The library's own error messages, for each CS_OAUTH_ERROR the signer can raise. */
static void
test_signer_errors_hold_no_secret (void)
{
  struct
  {
    const char       *url;
    const char       *body;
    const char       *consumer_key;
    const char       *nonce;
    CsSignatureMethod method;
    const char       *pem;
    CsOAuthError      code;
  } cases[] = {
    { "gopher://x/", NULL, "k", NULL, CS_SIGNATURE_METHOD_HMAC_SHA1, NULL,
      CS_OAUTH_ERROR_INVALID_URL },
    { "https://x/?a=%g0", NULL, "k", NULL, CS_SIGNATURE_METHOD_HMAC_SHA1, NULL,
      CS_OAUTH_ERROR_INVALID_INPUT },
    { "https://x/", "b=%", "k", NULL, CS_SIGNATURE_METHOD_HMAC_SHA1, NULL,
      CS_OAUTH_ERROR_INVALID_INPUT },
    { "https://x/", NULL, "", NULL, CS_SIGNATURE_METHOD_HMAC_SHA1, NULL,
      CS_OAUTH_ERROR_INVALID_INPUT },
    { "https://x/", NULL, "k", "\t", CS_SIGNATURE_METHOD_HMAC_SHA1, NULL,
      CS_OAUTH_ERROR_INVALID_INPUT },
    { "https://x/", NULL, "k", NULL, CS_SIGNATURE_METHOD_RSA_SHA1, NULL, CS_OAUTH_ERROR_KEY },
    { "https://x/", NULL, "k", NULL, CS_SIGNATURE_METHOD_RSA_SHA1,
      "-----BEGIN PRIVATE KEY-----\n" CONSUMER_SECRET "\n-----END PRIVATE KEY-----\n",
      CS_OAUTH_ERROR_KEY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsSignature) sig = NULL;
      CsSignOptions options;

      cs_sign_options_init (&options);
      options.consumer_key = cases[i].consumer_key;
      options.consumer_secret = CONSUMER_SECRET;
      options.token = TOKEN;
      options.token_secret = TOKEN_SECRET;
      options.nonce = cases[i].nonce;
      options.method = cases[i].method;
      options.private_key_pem = cases[i].pem;
      sig = cs_sign ("POST", cases[i].url, cases[i].body, &options, &error);
      g_assert_null (sig);
      g_assert_error (error, CS_OAUTH_ERROR, (int) cases[i].code);
      assert_no_secret ("a cs_sign() error", error->message, all_secrets);
    }
}

/* The demo provider in a thread of its own, so that this thread may block on the CLI. */
typedef struct
{
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  CsDemoProvider *demo;
  char           *base;
  GMutex          lock;
  GCond           ready;
  gboolean        started;
} DemoThread;

static gpointer
demo_thread_run (gpointer data)
{
  DemoThread *d = data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (d->context);
  d->demo = cs_demo_provider_new ();
  cs_demo_provider_start (d->demo, 0, &error);
  g_assert_no_error (error);
  g_mutex_lock (&d->lock);
  d->base = g_strdup (cs_demo_provider_get_base_url (d->demo));
  d->started = TRUE;
  g_cond_signal (&d->ready);
  g_mutex_unlock (&d->lock);

  g_main_loop_run (d->loop);
  cs_demo_provider_stop (d->demo);
  g_clear_object (&d->demo);
  g_main_context_pop_thread_default (d->context);
  return NULL;
}

static void
demo_thread_start (DemoThread *d)
{
  memset (d, 0, sizeof *d);
  g_mutex_init (&d->lock);
  g_cond_init (&d->ready);
  d->context = g_main_context_new ();
  d->loop = g_main_loop_new (d->context, FALSE);
  d->thread = g_thread_new ("demo-provider", demo_thread_run, d);
  g_mutex_lock (&d->lock);
  while (!d->started)
    g_cond_wait (&d->ready, &d->lock);
  g_mutex_unlock (&d->lock);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
demo_thread_stop (DemoThread *d)
{
  g_main_context_invoke (d->context, quit_loop, d->loop);
  g_thread_join (d->thread);
  g_main_loop_unref (d->loop);
  g_main_context_unref (d->context);
  g_free (d->base);
  g_mutex_clear (&d->lock);
  g_cond_clear (&d->ready);
}

static char *
demo_url (DemoThread *d,
          const char *path)
{
  return g_strconcat (d->base, path, NULL);
}

/* What a person does on the authorize page: Allow, then read the PIN. */
static char *
browser_allow (const char *authorize_url)
{
  g_auto(CsHttpReply) page = { 0 };
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *token = cs_url_query_value (authorize_url, "oauth_token");
  g_autofree char *action = g_strndup (authorize_url, strcspn (authorize_url, "?"));
  g_autofree char *form = g_strdup_printf ("oauth_token=%s&action=allow", token);
  char *pin;

  cs_http_send (&page, "GET", authorize_url, NULL, NULL);
  g_assert_cmpuint (page.status, ==, 200);
  cs_http_send (&reply, "POST", action, NULL, form);
  g_assert_cmpuint (reply.status, ==, 200);
  pin = cs_html_element_text (reply.body, "pin");
  g_assert_nonnull (pin);
  return pin;
}

static char *
env_pair (const char *name,
          const char *value)
{
  return g_strconcat (name, "=", value, NULL);
}

/* request-token → Allow → access-token → call, step by step, debug output on. Only the
 * token lines that request-token and access-token print may hold the tokens. */
static void
test_flow_step_by_step (void)
{
  DemoThread d;
  g_auto(CsCliRun) rt_run = { 0 };
  g_auto(CsCliRun) at_run = { 0 };
  g_auto(CsCliRun) call_run = { 0 };
  g_autoptr(GPtrArray) rt = NULL;
  g_autoptr(GPtrArray) at = NULL;
  g_autofree char *rt_url = NULL;
  g_autofree char *at_url = NULL;
  g_autofree char *verify_url = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *rt_secret_env = NULL;
  g_autofree char *at_secret_env = NULL;
  const char *consumer_env = "COUNTERSIGN_CONSUMER_SECRET=" CS_DEMO_CONSUMER_SECRET;

  demo_thread_start (&d);
  rt_url = demo_url (&d, "/oauth/request_token");
  at_url = demo_url (&d, "/oauth/access_token");
  verify_url = demo_url (&d, "/1.1/account/verify_credentials.json");

  cs_cli_run_full (&rt_run, (const char * const[]) { "G_MESSAGES_DEBUG=all", consumer_env,
                                                      NULL }, NULL,
                   (const char * const[]) { "request-token", "--request-token-url", rt_url,
                                            "--consumer-key", CS_DEMO_CONSUMER_KEY,
                                            "--callback", "oob", NULL });
  g_assert_cmpint (rt_run.status, ==, 0);
  rt = cs_parse_lines (rt_run.out);
  g_assert_nonnull (cs_param_list_get (rt, "oauth_token_secret"));
  assert_no_secret ("stdout of request-token",
                    rt_run.out, (const char * const[]) { CS_DEMO_CONSUMER_SECRET, NULL });
  assert_no_secret ("stderr of request-token", rt_run.err,
                    (const char * const[]) { CS_DEMO_CONSUMER_SECRET,
                                             cs_param_list_get (rt, "oauth_token_secret"),
                                             NULL });

  authorize = g_strconcat (d.base, "/oauth/authorize?oauth_token=",
                           cs_param_list_get (rt, "oauth_token"), NULL);
  pin = browser_allow (authorize);

  rt_secret_env = env_pair ("COUNTERSIGN_TOKEN_SECRET", cs_param_list_get (rt, "oauth_token_secret"));
  cs_cli_run_full (&at_run, (const char * const[]) { "G_MESSAGES_DEBUG=all", consumer_env,
                                                      rt_secret_env, NULL }, NULL,
                   (const char * const[]) { "access-token", "--access-token-url", at_url,
                                            "--consumer-key", CS_DEMO_CONSUMER_KEY, "--token",
                                            cs_param_list_get (rt, "oauth_token"),
                                            "--verifier", pin, NULL });
  g_assert_cmpint (at_run.status, ==, 0);
  at = cs_parse_lines (at_run.out);
  g_assert_cmpstr (cs_param_list_get (at, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (d.demo));
  assert_no_secret ("stdout of access-token", at_run.out,
                    (const char * const[]) { CS_DEMO_CONSUMER_SECRET,
                                             cs_param_list_get (rt, "oauth_token_secret"),
                                             NULL });
  assert_no_secret ("stderr of access-token", at_run.err,
                    (const char * const[]) { CS_DEMO_CONSUMER_SECRET,
                                             cs_param_list_get (rt, "oauth_token_secret"),
                                             cs_param_list_get (at, "oauth_token"),
                                             cs_param_list_get (at, "oauth_token_secret"),
                                             NULL });

  /* A signed call prints the provider's answer and nothing of ours. */
  at_secret_env = env_pair ("COUNTERSIGN_TOKEN_SECRET", cs_param_list_get (at, "oauth_token_secret"));
  cs_cli_run_full (&call_run, (const char * const[]) { "G_MESSAGES_DEBUG=all", consumer_env,
                                                        at_secret_env, NULL }, NULL,
                   (const char * const[]) { "call", "--url", verify_url, "--consumer-key",
                                            CS_DEMO_CONSUMER_KEY, "--token",
                                            cs_param_list_get (at, "oauth_token"), NULL });
  g_assert_cmpint (call_run.status, ==, 0);
  g_assert_nonnull (strstr (call_run.out, CS_DEMO_SCREEN_NAME));
  {
    const char * const all[] = { CS_DEMO_CONSUMER_SECRET,
                                 cs_param_list_get (rt, "oauth_token_secret"),
                                 cs_param_list_get (at, "oauth_token"),
                                 cs_param_list_get (at, "oauth_token_secret"), NULL };

    assert_no_secret ("stdout of call", call_run.out, all);
    assert_no_secret ("stderr of call", call_run.err, all);
  }

  demo_thread_stop (&d);
}

#define WRONG_SECRET "Wr0ng-secret-XkQ93mZp/&="

/* Wrong secrets: the provider refuses, the CLI says so, and neither the wrong secret nor
 * the right one is in what it prints. */
static void
test_flow_wrong_secrets (void)
{
  DemoThread d;
  g_auto(CsCliRun) rt_run = { 0 };
  g_auto(CsCliRun) bad_consumer = { 0 };
  g_auto(CsCliRun) bad_token = { 0 };
  g_autoptr(GPtrArray) rt = NULL;
  g_autofree char *rt_url = NULL;
  g_autofree char *at_url = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *pin = NULL;
  const char *consumer_env = "COUNTERSIGN_CONSUMER_SECRET=" CS_DEMO_CONSUMER_SECRET;

  demo_thread_start (&d);
  rt_url = demo_url (&d, "/oauth/request_token");
  at_url = demo_url (&d, "/oauth/access_token");

  cs_cli_run_full (&bad_consumer,
                   (const char * const[]) { "G_MESSAGES_DEBUG=all",
                                            "COUNTERSIGN_CONSUMER_SECRET=" WRONG_SECRET, NULL },
                   NULL,
                   (const char * const[]) { "request-token", "--request-token-url", rt_url,
                                            "--consumer-key", CS_DEMO_CONSUMER_KEY, NULL });
  g_assert_cmpint (bad_consumer.status, ==, 4);
  g_assert_nonnull (strstr (bad_consumer.err, "401"));
  assert_no_secret ("stderr of request-token with a wrong secret", bad_consumer.err,
                    (const char * const[]) { WRONG_SECRET, CS_DEMO_CONSUMER_SECRET, NULL });
  assert_no_secret ("stdout of request-token with a wrong secret", bad_consumer.out,
                    (const char * const[]) { WRONG_SECRET, CS_DEMO_CONSUMER_SECRET, NULL });

  cs_cli_run_full (&rt_run, (const char * const[]) { consumer_env, NULL }, NULL,
                   (const char * const[]) { "request-token", "--request-token-url", rt_url,
                                            "--consumer-key", CS_DEMO_CONSUMER_KEY, NULL });
  g_assert_cmpint (rt_run.status, ==, 0);
  rt = cs_parse_lines (rt_run.out);
  authorize = g_strconcat (d.base, "/oauth/authorize?oauth_token=",
                           cs_param_list_get (rt, "oauth_token"), NULL);
  pin = browser_allow (authorize);

  cs_cli_run_full (&bad_token,
                   (const char * const[]) { "G_MESSAGES_DEBUG=all", consumer_env,
                                            "COUNTERSIGN_TOKEN_SECRET=" WRONG_SECRET, NULL },
                   NULL,
                   (const char * const[]) { "access-token", "--access-token-url", at_url,
                                            "--consumer-key", CS_DEMO_CONSUMER_KEY, "--token",
                                            cs_param_list_get (rt, "oauth_token"),
                                            "--verifier", pin, NULL });
  g_assert_cmpint (bad_token.status, ==, 4);
  assert_no_secret ("stderr of access-token with a wrong token secret", bad_token.err,
                    (const char * const[]) { WRONG_SECRET, CS_DEMO_CONSUMER_SECRET,
                                             cs_param_list_get (rt, "oauth_token_secret"),
                                             NULL });
  g_assert_cmpstr (bad_token.out, ==, "");

  demo_thread_stop (&d);
}

/* `authorize --provider demo` (PIN and loopback callback), debug output on: stderr never
 * holds the access token or a secret, whichever way the verifier comes back. */
static void
test_flow_authorize (void)
{
  const char *modes[] = { "oob", "loopback" };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_auto(CsProc) p = { 0 };
      g_autoptr(GPtrArray) fields = NULL;
      g_autofree char *url = NULL;
      g_autofree char *stdin_text = NULL;
      const char *args[] = { "authorize", "--provider", "demo", "--callback", modes[m],
                             "--no-browser", "--no-store" };

      g_ptr_array_add (argv, (gpointer) g_getenv ("COUNTERSIGN_CLI"));
      for (guint i = 0; i < G_N_ELEMENTS (args); i++)
        g_ptr_array_add (argv, (gpointer) args[i]);
      g_ptr_array_add (argv, NULL);
      cs_proc_start (&p, (const char * const[]) { "G_MESSAGES_DEBUG=all", NULL },
                     (const char * const *) argv->pdata);
      url = cs_proc_err_line_with_prefix (&p, "http://127.0.0.1:");
      if (m == 0)
        {
          g_autofree char *pin = browser_allow (url);

          stdin_text = g_strconcat (pin, "\n", NULL);
        }
      else
        {
          g_auto(CsHttpReply) page = { 0 };
          g_auto(CsHttpReply) redirect = { 0 };
          g_auto(CsHttpReply) landing = { 0 };
          g_autofree char *token = cs_url_query_value (url, "oauth_token");
          g_autofree char *action = g_strndup (url, strcspn (url, "?"));
          g_autofree char *form = g_strdup_printf ("oauth_token=%s&action=allow", token);

          cs_http_send (&page, "GET", url, NULL, NULL);
          cs_http_send (&redirect, "POST", action, NULL, form);
          g_assert_cmpuint (redirect.status, ==, 302);
          cs_http_send (&landing, "GET", redirect.location, NULL, NULL);
          g_assert_cmpuint (landing.status, ==, 200);
          assert_no_secret ("the callback page", landing.body,
                            (const char * const[]) { CS_DEMO_CONSUMER_SECRET, NULL });
        }
      cs_proc_finish (&p, stdin_text);
      g_assert_cmpint (p.status, ==, 0);
      fields = cs_parse_lines (p.out);
      g_assert_nonnull (cs_param_list_get (fields, "oauth_token_secret"));
      assert_no_secret ("stderr of authorize", p.err_text->str,
                        (const char * const[]) { CS_DEMO_CONSUMER_SECRET,
                                                 cs_param_list_get (fields, "oauth_token"),
                                                 cs_param_list_get (fields,
                                                                    "oauth_token_secret"),
                                                 NULL });
    }
}

/* The client's own errors (CS_OAUTH_ERROR_REJECTED, _INSECURE, _NETWORK, _INVALID_URL),
 * each raised with distinctive secrets in hand. */
static void
assert_request_token_error (CsOAuthClient *client,
                            CsProvider    *provider,
                            CsOAuthError   code)
{
  CsConsumer consumer = { CS_DEMO_CONSUMER_KEY, CONSUMER_SECRET, NULL };
  g_autoptr(CsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsWait) w = CS_WAIT_INIT;

  cs_oauth_client_request_token_async (client, provider, &consumer, "oob", NULL, NULL,
                                       cs_wait_cb, &w);
  credentials = cs_oauth_client_request_token_finish (client, cs_wait_run (&w), &error);
  g_assert_null (credentials);
  g_test_message ("%s", error->message);
  g_assert_error (error, CS_OAUTH_ERROR, (int) code);
  assert_no_secret ("a client error", error->message, all_secrets);
}

static void
test_client_errors_hold_no_secret (void)
{
  DemoThread d;
  g_autoptr(CsOAuthClient) client = cs_oauth_client_new ();
  g_autoptr(CsProvider) provider = cs_provider_new ("secrets-test", "Secrets test");
  g_autofree char *rt_url = NULL;

  demo_thread_start (&d);
  rt_url = demo_url (&d, "/oauth/request_token");
  cs_oauth_client_set_timeout (client, 5);

  cs_provider_set_request_token_url (provider, rt_url);
  assert_request_token_error (client, provider, CS_OAUTH_ERROR_REJECTED);
  cs_provider_set_request_token_url (provider, "http://api.example.invalid/oauth/request_token");
  assert_request_token_error (client, provider, CS_OAUTH_ERROR_INSECURE);
  cs_provider_set_request_token_url (provider, "http://127.0.0.1:1/oauth/request_token");
  assert_request_token_error (client, provider, CS_OAUTH_ERROR_NETWORK);
  cs_provider_set_request_token_url (provider, "gopher://127.0.0.1/x");
  assert_request_token_error (client, provider, CS_OAUTH_ERROR_INVALID_URL);

  demo_thread_stop (&d);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/search-finds-plaintext", test_search_finds_plaintext);
  g_test_add_func ("/secrets/sign/output", test_sign_prints_no_secret);
  g_test_add_func ("/secrets/sign/errors", test_sign_errors_hold_no_secret);
  g_test_add_func ("/secrets/signer/errors", test_signer_errors_hold_no_secret);
  g_test_add_func ("/secrets/flow/step-by-step", test_flow_step_by_step);
  g_test_add_func ("/secrets/flow/wrong-secrets", test_flow_wrong_secrets);
  g_test_add_func ("/secrets/flow/authorize", test_flow_authorize);
  g_test_add_func ("/secrets/client/errors", test_client_errors_hold_no_secret);
  return g_test_run ();
}
