/* test-cli-flow.c — the whole OAuth 1.0a flow through countersign-cli, against the built-in
 * demo provider and against an independent python3-oauthlib provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the user: it reads the authorize URL the CLI prints, opens it as a browser
 * would, presses Allow, and types the PIN (or lets the redirect reach the loopback callback).
 */
#include <signal.h>
#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "cs-demo-provider.h"
#include "cs-test-http.h"
#include "cs-percent.h"
#include "cs-test-cli.h"
#include "cs-test-providers.h"

#define URL_PREFIX "http://127.0.0.1:"

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("COUNTERSIGN_CLI");

  g_assert_nonnull (cli);
  return cli;
}

/* argv for the CLI: its path, then @args. */
static GPtrArray *
cli_argv (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
start_cli (CsProc             *p,
           const char * const *env,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = cli_argv (args);

  cs_proc_start (p, env, (const char * const *) argv->pdata);
}

/* What a person does on the authorize page: open it and press @button. */
static void
browser_press (CsHttpReply *reply,
               const char  *authorize_url,
               const char  *button)
{
  g_auto(CsHttpReply) page = { 0 };
  g_autofree char *token = cs_url_query_value (authorize_url, "oauth_token");
  g_autofree char *action = g_strndup (authorize_url, strcspn (authorize_url, "?"));
  g_autofree char *form = g_strdup_printf ("oauth_token=%s&action=%s", token, button);

  g_assert_nonnull (token);
  cs_http_send (&page, "GET", authorize_url, NULL, NULL);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.body, "Allow"));
  g_assert_nonnull (strstr (page.body, "Deny"));
  cs_http_send (reply, "POST", action, NULL, form);
}

/* Presses Allow for an oob request and returns the PIN shown. */
static char *
browser_allow_pin (const char *authorize_url)
{
  g_auto(CsHttpReply) reply = { 0 };
  char *pin;

  browser_press (&reply, authorize_url, "allow");
  g_assert_cmpuint (reply.status, ==, 200);
  pin = cs_html_element_text (reply.body, "pin");
  g_assert_nonnull (pin);
  g_assert_cmpstr (pin, !=, "");
  return pin;
}

/* The CLI printed nothing of its own on stderr: GLib's debug and info lines (when the run
 * has G_MESSAGES_DEBUG set, as CI's secret scan does) are not the CLI's. */
static void
assert_quiet_stderr (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && strstr (lines[i], "-DEBUG: ") == NULL &&
        strstr (lines[i], "-INFO: ") == NULL)
      g_error ("The CLI printed on stderr: %s", err);
}

static void
assert_no_secret (const char *text,
                  const char *secret)
{
  if (secret != NULL && *secret != '\0' && strstr (text, secret) != NULL)
    g_error ("A secret appeared on stderr:\n%s", text);
}

/* The demo provider through `countersign-cli authorize --provider demo`. */

static void
test_demo_pin (void)
{
  const char *args[] = { "authorize", "--provider", "demo", "--no-browser", "--no-store", NULL };
  g_auto(CsProc) p = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *stdin_text = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  start_cli (&p, NULL, args);
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  g_assert_nonnull (strstr (url, "/oauth/authorize?oauth_token="));
  pin = browser_allow_pin (url);
  stdin_text = g_strconcat (pin, "\n", NULL);
  cs_proc_finish (&p, stdin_text);

  g_assert_cmpint (p.status, ==, 0);
  fields = cs_parse_lines (p.out);
  g_assert_cmpuint (fields->len, ==, 4);
  g_assert_cmpstr (((CsParam *) fields->pdata[0])->name, ==, "oauth_token");
  g_assert_true (g_str_has_prefix (((CsParam *) fields->pdata[0])->value, CS_DEMO_USER_ID "-"));
  g_assert_cmpstr (((CsParam *) fields->pdata[1])->name, ==, "oauth_token_secret");
  g_assert_cmpstr (cs_param_list_get (fields, "user_id"), ==, CS_DEMO_USER_ID);
  g_assert_cmpstr (cs_param_list_get (fields, "screen_name"), ==, CS_DEMO_SCREEN_NAME);
  assert_no_secret (p.err_text->str, cs_param_list_get (fields, "oauth_token_secret"));
  assert_no_secret (p.err_text->str, CS_DEMO_CONSUMER_SECRET);
}

static void
test_demo_loopback (void)
{
  const char *args[] = { "authorize", "--provider", "demo", "--callback", "loopback",
                         "--no-browser", "--no-store", "--format", "json", NULL };
  g_auto(CsProc) p = { 0 };
  g_auto(CsHttpReply) redirect = { 0 };
  g_auto(CsHttpReply) landing = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  JsonObject *object;

  start_cli (&p, NULL, args);
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  browser_press (&redirect, url, "allow");
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_true (g_str_has_prefix (redirect.location, URL_PREFIX));
  g_assert_nonnull (strstr (redirect.location, "/callback?"));
  g_assert_nonnull (strstr (redirect.location, "oauth_verifier="));
  /* The browser follows the redirect to the CLI's loopback server. */
  cs_http_send (&landing, "GET", redirect.location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
  cs_proc_finish (&p, NULL);

  g_assert_cmpint (p.status, ==, 0);
  json_parser_load_from_data (parser, p.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "screen_name"), ==,
                   CS_DEMO_SCREEN_NAME);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "oauth_token"),
                                   CS_DEMO_USER_ID "-"));
  assert_no_secret (p.err_text->str,
                    json_object_get_string_member (object, "oauth_token_secret"));
}

static void
test_demo_denied (void)
{
  const char *args[] = { "authorize", "--provider", "demo", "--callback", "loopback",
                         "--no-browser", "--no-store", NULL };
  g_auto(CsProc) p = { 0 };
  g_auto(CsHttpReply) redirect = { 0 };
  g_auto(CsHttpReply) landing = { 0 };
  g_autofree char *url = NULL;

  start_cli (&p, NULL, args);
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  browser_press (&redirect, url, "deny");
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_nonnull (strstr (redirect.location, "denied="));
  cs_http_send (&landing, "GET", redirect.location, NULL, NULL);
  cs_proc_finish (&p, NULL);
  g_assert_cmpint (p.status, ==, 4);
  g_assert_cmpstr (p.out, ==, "");
}

/* The keyring is unreachable: exit 5 with the reason, and the tokens still printed. */
static void
test_demo_keyring_failure (void)
{
  const char *env[] = { "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/countersign-test",
                        NULL };
  const char *args[] = { "authorize", "--provider", "demo", "--no-browser", "--format", "env",
                         NULL };
  g_auto(CsProc) p = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *stdin_text = NULL;

  start_cli (&p, env, args);
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  pin = browser_allow_pin (url);
  stdin_text = g_strconcat (pin, "\n", NULL);
  cs_proc_finish (&p, stdin_text);

  g_assert_cmpint (p.status, ==, 5);
  g_assert_true (g_str_has_prefix (p.out, "export COUNTERSIGN_TOKEN='" CS_DEMO_USER_ID "-"));
  g_assert_nonnull (strstr (p.out, "\nexport COUNTERSIGN_TOKEN_SECRET='"));
  g_assert_nonnull (strstr (p.out, "\nexport COUNTERSIGN_SCREEN_NAME='demo_user'\n"));
  g_assert_nonnull (strstr (p.err_text->str, "keyring"));
}

/* Inside build-aux/with-keyring, the default stores the token. */
static void
test_demo_keyring_store (void)
{
  const char *args[] = { "authorize", "--provider", "demo", "--no-browser", NULL };
  g_auto(CsProc) p = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *stdin_text = NULL;

  if (g_getenv ("COUNTERSIGN_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs build-aux/with-keyring");
      return;
    }
  start_cli (&p, NULL, args);
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  pin = browser_allow_pin (url);
  stdin_text = g_strconcat (pin, "\n", NULL);
  cs_proc_finish (&p, stdin_text);
  g_assert_cmpint (p.status, ==, 0);
  g_assert_nonnull (strstr (p.err_text->str, "Saved in the keyring"));
}

/* `authorize --store-consumer-secret` stores the consumer secret too, so that the stored
 * credentials can be exported as a signed curl command. */
static void
test_demo_keyring_consumer_secret (void)
{
  const char *args[] = { "authorize", "--provider", "demo", "--no-browser",
                         "--store-consumer-secret", NULL };
  g_auto(CsProc) p = { 0 };
  g_auto(CsCliRun) help = { 0 };
  g_auto(CsCliRun) show = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *stdin_text = NULL;
  g_autofree char *id = NULL;
  const char *saved;

  cs_cli_run (&help, "authorize", "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--store-consumer-secret"));
  if (g_getenv ("COUNTERSIGN_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs build-aux/with-keyring");
      return;
    }
  start_cli (&p, NULL, args);
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  pin = browser_allow_pin (url);
  stdin_text = g_strconcat (pin, "\n", NULL);
  cs_proc_finish (&p, stdin_text);
  g_assert_cmpint (p.status, ==, 0);
  saved = strstr (p.err_text->str, "Saved in the keyring as ");
  g_assert_nonnull (saved);
  saved += strlen ("Saved in the keyring as ");
  id = g_strndup (saved, strcspn (saved, " \n"));
  g_assert_cmpstr (id, !=, "");

  cs_cli_run (&show, "show", id, "--format", "curl");
  g_test_message ("show --format curl: exit %d", show.status);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_true (g_str_has_prefix (show.out, "curl --header 'Authorization: OAuth "));
  g_assert_nonnull (strstr (show.out, "oauth_consumer_key=\"" CS_DEMO_CONSUMER_KEY "\""));
  g_assert_nonnull (strstr (show.out, "oauth_signature=\""));
  /* Signed with it, never showing it. */
  assert_no_secret (show.out, CS_DEMO_CONSUMER_SECRET);
}

static void
test_demo_cancel (void)
{
  const char *args[] = { "authorize", "--provider", "demo", "--no-browser", "--no-store", NULL };
  g_auto(CsProc) p = { 0 };
  g_autofree char *url = NULL;

  start_cli (&p, NULL, args);
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  /* The CLI now waits for the PIN; Ctrl+C. */
  g_subprocess_send_signal (p.proc, SIGINT);
  /* Wait before closing stdin, so that the exit is the signal's and not the end of input. */
  g_subprocess_wait (p.proc, NULL, NULL);
  cs_proc_finish (&p, NULL);
  g_assert_cmpint (p.status, ==, 130);
  g_assert_nonnull (strstr (p.err_text->str, "Cancelled"));
}

/* `countersign-cli demo-provider` in the foreground, used step by step by other CLI runs. */

typedef struct
{
  GSubprocess *proc;
  char        *request_token_url;
  char        *authorize_url;
  char        *access_token_url;
  char        *verify_url;
  char        *base;
} DemoServer;

static void
demo_server_start (DemoServer *d)
{
  g_autofree char *text = cs_test_demo_cli_start (&d->proc);

  d->request_token_url = cs_test_value_after_label (text, "Request token URL:");
  d->authorize_url = cs_test_value_after_label (text, "Authorize URL:");
  d->access_token_url = cs_test_value_after_label (text, "Access token URL:");
  d->verify_url = cs_test_value_after_label (text, "Verify credentials:");
  d->base = cs_test_value_after_label (text, "listening on");
  g_assert_true (g_str_has_prefix (d->request_token_url, d->base));
  g_assert_nonnull (strstr (text, CS_DEMO_CONSUMER_KEY));
  g_assert_nonnull (strstr (text, CS_DEMO_CONSUMER_SECRET));
}

static void
demo_server_stop (DemoServer *d)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (d->proc, SIGINT);
  g_subprocess_wait (d->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (d->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (d->proc), ==, 0);
  g_clear_object (&d->proc);
  g_free (d->request_token_url);
  g_free (d->authorize_url);
  g_free (d->access_token_url);
  g_free (d->verify_url);
  g_free (d->base);
}

static void
test_demo_step_by_step (void)
{
  const char *consumer_env[] = { "COUNTERSIGN_CONSUMER_SECRET=" CS_DEMO_CONSUMER_SECRET, NULL };
  DemoServer d = { 0 };
  g_auto(CsCliRun) rt_run = { 0 };
  g_auto(CsCliRun) at_run = { 0 };
  g_auto(CsCliRun) again = { 0 };
  g_auto(CsCliRun) verify = { 0 };
  g_auto(CsCliRun) update = { 0 };
  g_auto(CsCliRun) rejected = { 0 };
  g_autoptr(GPtrArray) rt = NULL;
  g_autoptr(GPtrArray) at = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *rt_secret_env = NULL;
  g_autofree char *at_secret_env = NULL;
  g_autofree char *update_url = NULL;

  demo_server_start (&d);

  cs_cli_run_full (&rt_run, consumer_env, NULL,
                   (const char * const[]) { "request-token", "--request-token-url",
                                            d.request_token_url, "--consumer-key",
                                            CS_DEMO_CONSUMER_KEY, "--timeout", "10", NULL });
  g_assert_cmpint (rt_run.status, ==, 0);
  rt = cs_parse_lines (rt_run.out);
  g_assert_cmpstr (cs_param_list_get (rt, "oauth_callback_confirmed"), ==, "true");

  authorize = g_strconcat (d.authorize_url, "?oauth_token=", cs_param_list_get (rt, "oauth_token"),
                           NULL);
  pin = browser_allow_pin (authorize);

  rt_secret_env = g_strconcat ("COUNTERSIGN_TOKEN_SECRET=",
                               cs_param_list_get (rt, "oauth_token_secret"), NULL);
  {
    const char *env[] = { consumer_env[0], rt_secret_env, NULL };
    const char *args[] = { "access-token", "--access-token-url", d.access_token_url,
                           "--consumer-key", CS_DEMO_CONSUMER_KEY, "--token",
                           cs_param_list_get (rt, "oauth_token"), "--verifier", pin, NULL };

    cs_cli_run_full (&at_run, env, NULL, args);
    g_assert_cmpint (at_run.status, ==, 0);
    /* The request token works once. */
    cs_cli_run_full (&again, env, NULL, args);
    g_assert_cmpint (again.status, ==, 4);
    g_assert_nonnull (strstr (again.err, "401"));
    g_assert_nonnull (strstr (again.err, "Invalid or expired token"));
    assert_no_secret (again.err, cs_param_list_get (rt, "oauth_token_secret"));
  }
  at = cs_parse_lines (at_run.out);
  g_assert_cmpstr (cs_param_list_get (at, "screen_name"), ==, CS_DEMO_SCREEN_NAME);

  at_secret_env = g_strconcat ("COUNTERSIGN_TOKEN_SECRET=",
                               cs_param_list_get (at, "oauth_token_secret"), NULL);
  update_url = g_strconcat (d.base, "/1.1/statuses/update.json", NULL);
  {
    const char *env[] = { consumer_env[0], at_secret_env, NULL };

    cs_cli_run_full (&verify, env, NULL,
                     (const char * const[]) { "call", "--url", d.verify_url, "--consumer-key",
                                              CS_DEMO_CONSUMER_KEY, "--token",
                                              cs_param_list_get (at, "oauth_token"), NULL });
    g_assert_cmpint (verify.status, ==, 0);
    g_assert_nonnull (strstr (verify.out, "\"screen_name\":\"demo_user\""));

    cs_cli_run_full (&update, env, NULL,
                     (const char * const[]) { "call", "--method", "POST", "--url", update_url,
                                              "--data", "status=Hello%20from%20the%20CLI%21",
                                              "--consumer-key", CS_DEMO_CONSUMER_KEY, "--token",
                                              cs_param_list_get (at, "oauth_token"), NULL });
    g_assert_cmpint (update.status, ==, 0);
    g_assert_nonnull (strstr (update.out, "Hello from the CLI!"));
  }
  /* A call the provider refuses: the body on stdout as it came, and on stderr the status,
   * the provider's message and code, and what to do about it. */
  {
    const char *env[] = { "COUNTERSIGN_CONSUMER_SECRET=wrong-env-secret-value", at_secret_env,
                          NULL };

    cs_cli_run_full (&rejected, env, NULL,
                     (const char * const[]) { "call", "--url", d.verify_url, "--consumer-key",
                                              CS_DEMO_CONSUMER_KEY, "--token",
                                              cs_param_list_get (at, "oauth_token"), NULL });
    g_test_message ("call refused: %s", rejected.err);
    g_assert_cmpint (rejected.status, ==, 4);
    g_assert_nonnull (strstr (rejected.out, "\"code\":32"));
    g_assert_nonnull (strstr (rejected.err, "127.0.0.1 refused the request: HTTP 401 "
                                            "Unauthorized"));
    g_assert_nonnull (strstr (rejected.err, "Could not authenticate you."));
    g_assert_nonnull (strstr (rejected.err, "(error code 32)"));
    /* Code 32's explanation (quotes and apostrophes depend on the locale's charset). */
    g_assert_nonnull (strstr (rejected.err, "check the consumer key and secret"));
    assert_no_secret (rejected.err, "wrong-env-secret-value");
    assert_no_secret (rejected.err, cs_param_list_get (at, "oauth_token_secret"));
  }

  demo_server_stop (&d);
}

/* A wrong consumer secret, from an option or from the environment: exit 4 with the
 * provider's message, never the secret. */
static void
test_demo_bad_signature (void)
{
  DemoServer d = { 0 };
  g_auto(CsCliRun) opt = { 0 };
  g_auto(CsCliRun) env = { 0 };
  const char *env_secret[] = { "COUNTERSIGN_CONSUMER_SECRET=wrong-env-secret-value", NULL };

  demo_server_start (&d);
  cs_cli_run (&opt, "request-token", "--request-token-url", d.request_token_url,
              "--consumer-key", CS_DEMO_CONSUMER_KEY, "--consumer-secret",
              "wrong-option-secret-value");
  g_assert_cmpint (opt.status, ==, 4);
  g_assert_cmpstr (opt.out, ==, "");
  g_assert_nonnull (strstr (opt.err, "401"));
  g_assert_nonnull (strstr (opt.err, "Could not authenticate you."));
  assert_no_secret (opt.err, "wrong-option-secret-value");

  cs_cli_run_full (&env, env_secret, NULL,
                   (const char * const[]) { "request-token", "--request-token-url",
                                            d.request_token_url, "--consumer-key",
                                            CS_DEMO_CONSUMER_KEY, NULL });
  g_assert_cmpint (env.status, ==, 4);
  g_assert_nonnull (strstr (env.err, "401"));
  assert_no_secret (env.err, "wrong-env-secret-value");
  demo_server_stop (&d);
}

static void
test_demo_rejected_callback (void)
{
  DemoServer d = { 0 };
  g_auto(CsCliRun) run = { 0 };
  const char *env[] = { "COUNTERSIGN_CONSUMER_SECRET=" CS_DEMO_CONSUMER_SECRET, NULL };

  demo_server_start (&d);
  cs_cli_run_full (&run, env, NULL,
                   (const char * const[]) { "request-token", "--request-token-url",
                                            d.request_token_url, "--consumer-key",
                                            CS_DEMO_CONSUMER_KEY, "--callback",
                                            "ftp://127.0.0.1/cb", NULL });
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.err, "403"));
  g_assert_nonnull (strstr (run.err, "Callback URL not approved"));
  demo_server_stop (&d);
}

/* The in-process demo provider dies with the command, so only `authorize` (the whole flow)
 * may start it: the other commands' tokens would be useless. */
static void
test_demo_only_authorize (void)
{
  static const char * const cases[][10] = {
    { "request-token", "--provider", "demo", NULL },
    { "access-token", "--provider", "demo", "--token", "t", "--verifier", "v", NULL },
    { "call", "--provider", "demo", "--url", "http://127.0.0.1:1/1.1/account.json", "--token",
      "t", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CsCliRun) run = { 0 };

      cs_cli_run_full (&run, NULL, NULL, cases[i]);
      g_test_message ("%s: %s", cases[i][0], run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "countersign-cli: --provider: "));
      g_assert_nonnull (strstr (run.err, "countersign-cli demo-provider"));
      g_assert_nonnull (strstr (run.err, "authorize --provider demo"));
      g_assert_nonnull (strstr (run.err, "--request-token-url"));
    }
  /* --help says so too, and does not offer the demo default consumer key. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CsCliRun) help = { 0 };

      cs_cli_run (&help, cases[i][0], "--help");
      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, "countersign-cli demo-provider"));
      g_assert_null (strstr (help.out, "demo starts"));
      g_assert_null (strstr (help.out, "default with --provider demo"));
    }
}

/* A header signed once (by `countersign-cli sign`) and sent twice: the nonce is spent. */
static void
test_demo_replayed_nonce (void)
{
  DemoServer d = { 0 };
  g_auto(CsCliRun) sign = { 0 };
  g_auto(CsHttpReply) first = { 0 };
  g_auto(CsHttpReply) replay = { 0 };
  const char *env[] = { "COUNTERSIGN_CONSUMER_SECRET=" CS_DEMO_CONSUMER_SECRET, NULL };
  g_autofree char *timestamp = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                g_get_real_time () / G_USEC_PER_SEC);

  demo_server_start (&d);
  cs_cli_run_full (&sign, env, NULL,
                   (const char * const[]) { "sign", "--method", "POST", "--url",
                                            d.request_token_url, "--consumer-key",
                                            CS_DEMO_CONSUMER_KEY, "--callback", "oob",
                                            "--nonce", "replayedNonce0123456789abcdefXYZ",
                                            "--timestamp", timestamp, NULL });
  g_assert_cmpint (sign.status, ==, 0);
  g_strchomp (sign.out);

  cs_http_send (&first, "POST", d.request_token_url, sign.out, NULL);
  g_assert_cmpuint (first.status, ==, 200);
  cs_http_send (&replay, "POST", d.request_token_url, sign.out, NULL);
  g_assert_cmpuint (replay.status, ==, 401);
  g_assert_nonnull (strstr (replay.body, "\"code\":32"));
  g_assert_nonnull (strstr (replay.body, "nonce"));
  demo_server_stop (&d);
}

static void
test_providers (void)
{
  g_auto(CsCliRun) run = { 0 };

  cs_cli_run (&run, "providers");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "demo "));
  g_assert_nonnull (strstr (run.out, "\ntwitter "));
  g_assert_nonnull (strstr (run.out, "\nflickr "));
}

static void
test_exit_codes (void)
{
  g_auto(CsCliRun) insecure = { 0 };
  g_auto(CsCliRun) refused = { 0 };
  g_auto(CsCliRun) unknown = { 0 };
  g_auto(CsCliRun) missing = { 0 };

  /* Plain http to a host that is not loopback is refused before anything is sent. */
  cs_cli_run (&insecure, "request-token", "--request-token-url",
              "http://api.example.invalid/oauth/request_token", "--consumer-key", "k");
  g_assert_cmpint (insecure.status, ==, 2);
  /* Nothing listens on port 1. */
  cs_cli_run (&refused, "request-token", "--request-token-url",
              "http://127.0.0.1:1/oauth/request_token", "--consumer-key", "k",
              "--timeout", "5");
  g_assert_cmpint (refused.status, ==, 3);
  cs_cli_run (&unknown, "authorize", "--provider", "no-such-provider", "--consumer-key", "k");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "--provider"));
  cs_cli_run (&missing, "access-token", "--provider", "demo", "--token", "t");
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--verifier"));
}

/* --timeout takes a positive number of seconds; 0 or less is refused before anything is
 * sent (and 0 does not quietly mean the default). */
static void
test_timeout_option (void)
{
  static const char * const values[] = { "0", "-5" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_auto(CsCliRun) run = { 0 };

      cs_cli_run (&run, "request-token", "--request-token-url",
                  "http://127.0.0.1:1/oauth/request_token", "--consumer-key", "k",
                  "--timeout", values[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "--timeout: "));
    }
}

/* Plain http to a host that is not loopback: refused (2) by every network command without
 * --allow-insecure-http; with it the request is really attempted, and fails as a network
 * error (3) because the .invalid name never resolves. */
static void
test_allow_insecure_http (void)
{
  static const char * const commands[][16] = {
    { "request-token", "--request-token-url", "http://api.example.invalid/rt",
      "--consumer-key", "k", "--timeout", "10", NULL },
    { "access-token", "--access-token-url", "http://api.example.invalid/at", "--consumer-key",
      "k", "--token", "t", "--verifier", "v", "--timeout", "10", NULL },
    { "call", "--url", "http://api.example.invalid/1.1/account.json", "--consumer-key", "k",
      "--token", "t", "--timeout", "10", NULL },
    { "authorize", "--request-token-url", "http://api.example.invalid/rt", "--authorize-url",
      "http://api.example.invalid/az", "--access-token-url", "http://api.example.invalid/at",
      "--consumer-key", "k", "--no-browser", "--no-store", "--timeout", "10", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) allowed_args = g_ptr_array_new ();
      g_auto(CsCliRun) refused = { 0 };
      g_auto(CsCliRun) allowed = { 0 };
      g_auto(CsCliRun) help = { 0 };

      cs_cli_run_full (&refused, NULL, NULL, commands[i]);
      g_test_message ("%s without the option: %s", commands[i][0], refused.err);
      g_assert_cmpint (refused.status, ==, 2);
      g_assert_nonnull (strstr (refused.err, "plain http"));

      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (allowed_args, (gpointer) commands[i][j]);
      g_ptr_array_add (allowed_args, (gpointer) "--allow-insecure-http");
      g_ptr_array_add (allowed_args, NULL);
      cs_cli_run_full (&allowed, NULL, NULL, (const char * const *) allowed_args->pdata);
      g_test_message ("%s with the option: %s", commands[i][0], allowed.err);
      g_assert_cmpint (allowed.status, ==, 3);
      g_assert_null (strstr (allowed.err, "plain http"));
      g_assert_nonnull (strstr (allowed.err, "api.example.invalid"));

      cs_cli_run (&help, commands[i][0], "--help");
      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, "--allow-insecure-http"));
    }
}

/* The independent provider: python3-oauthlib's endpoints. */

static const char *
oauthlib_base_url (void)
{
  return cs_test_oauthlib_base_url ();
}

typedef struct
{
  const char *method;
  const char *key;
  const char *secret;
} OauthlibClient;

static const OauthlibClient oauthlib_clients[] = {
  { "HMAC-SHA1", "sha1-client-key-0001", "sha1-secret" },
  { "HMAC-SHA256", "sha256-client-key-0001", "sha256-secret" },
  { "PLAINTEXT", "plain-client-key-00001", "plain-secret" },
};

static void
oauthlib_url (char      **out,
              const char *path)
{
  *out = g_strconcat (oauthlib_base_url (), path, NULL);
}

/* request-token, a browser's Allow, access-token, then signed GET and POST calls. */
static void
test_oauthlib_steps (gconstpointer data)
{
  const OauthlibClient *c = data;
  g_autofree char *rt_url = NULL;
  g_autofree char *at_url = NULL;
  g_autofree char *resource = NULL;
  g_autofree char *consumer_env = g_strconcat ("COUNTERSIGN_CONSUMER_SECRET=", c->secret, NULL);
  g_autofree char *authorize = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *rt_secret_env = NULL;
  g_autofree char *at_secret_env = NULL;
  g_auto(CsCliRun) rt_run = { 0 };
  g_auto(CsCliRun) at_run = { 0 };
  g_auto(CsCliRun) get = { 0 };
  g_auto(CsCliRun) post = { 0 };
  g_auto(CsCliRun) wrong = { 0 };
  g_autoptr(GPtrArray) rt = NULL;
  g_autoptr(GPtrArray) at = NULL;
  g_autofree char *get_url = NULL;
  g_autofree char *expected_method = NULL;

  oauthlib_url (&rt_url, "/request_token");
  oauthlib_url (&at_url, "/access_token");
  oauthlib_url (&resource, "/resource");

  cs_cli_run_full (&rt_run, (const char * const[]) { consumer_env, NULL }, NULL,
                   (const char * const[]) { "request-token", "--request-token-url", rt_url,
                                            "--consumer-key", c->key, "--signature-method",
                                            c->method, "--callback", "oob", NULL });
  assert_quiet_stderr (rt_run.err);
  g_assert_cmpint (rt_run.status, ==, 0);
  rt = cs_parse_lines (rt_run.out);
  g_assert_cmpstr (cs_param_list_get (rt, "oauth_callback_confirmed"), ==, "true");

  authorize = g_strconcat (oauthlib_base_url (), "/authorize?oauth_token=",
                           cs_param_list_get (rt, "oauth_token"), NULL);
  pin = browser_allow_pin (authorize);

  rt_secret_env = g_strconcat ("COUNTERSIGN_TOKEN_SECRET=",
                               cs_param_list_get (rt, "oauth_token_secret"), NULL);
  cs_cli_run_full (&at_run, (const char * const[]) { consumer_env, rt_secret_env, NULL }, NULL,
                   (const char * const[]) { "access-token", "--access-token-url", at_url,
                                            "--consumer-key", c->key, "--signature-method",
                                            c->method, "--token",
                                            cs_param_list_get (rt, "oauth_token"),
                                            "--verifier", pin, NULL });
  g_assert_cmpint (at_run.status, ==, 0);
  at = cs_parse_lines (at_run.out);
  g_assert_cmpstr (cs_param_list_get (at, "screen_name"), ==, "oauthlib_user");
  g_assert_cmpstr (cs_param_list_get (at, "user_id"), ==, "4242");

  at_secret_env = g_strconcat ("COUNTERSIGN_TOKEN_SECRET=",
                               cs_param_list_get (at, "oauth_token_secret"), NULL);
  get_url = g_strconcat (resource, "?count=2&q=caf%C3%A9%20%2B%20tea&empty=", NULL);
  expected_method = g_strdup_printf ("\"signature_method\": \"%s\"", c->method);
  cs_cli_run_full (&get, (const char * const[]) { consumer_env, at_secret_env, NULL }, NULL,
                   (const char * const[]) { "call", "--url", get_url, "--consumer-key", c->key,
                                            "--signature-method", c->method, "--token",
                                            cs_param_list_get (at, "oauth_token"), NULL });
  g_assert_cmpint (get.status, ==, 0);
  g_assert_nonnull (strstr (get.out, "\"method\": \"GET\""));
  g_assert_nonnull (strstr (get.out,
                            "\"query\": [[\"count\", \"2\"], [\"q\", \"café + tea\"], "
                            "[\"empty\", \"\"]]"));
  g_assert_nonnull (strstr (get.out, expected_method));

  cs_cli_run_full (&post, (const char * const[]) { consumer_env, at_secret_env, NULL }, NULL,
                   (const char * const[]) { "call", "--method", "POST", "--url", resource,
                                            "--data", "status=Hello%20Ladies+%2b%20Gentlemen&n=1",
                                            "--consumer-key", c->key, "--signature-method",
                                            c->method, "--token",
                                            cs_param_list_get (at, "oauth_token"), NULL });
  g_assert_cmpint (post.status, ==, 0);
  g_assert_nonnull (strstr (post.out, "\"method\": \"POST\""));
  g_assert_nonnull (strstr (post.out,
                            "\"form\": [[\"status\", \"Hello Ladies + Gentlemen\"], "
                            "[\"n\", \"1\"]]"));

  /* The same call with a wrong consumer secret. */
  cs_cli_run_full (&wrong, (const char * const[]) { "COUNTERSIGN_CONSUMER_SECRET=wrong-secret",
                                                    at_secret_env, NULL }, NULL,
                   (const char * const[]) { "call", "--url", get_url, "--consumer-key", c->key,
                                            "--signature-method", c->method, "--token",
                                            cs_param_list_get (at, "oauth_token"), NULL });
  g_assert_cmpint (wrong.status, ==, 4);
  g_assert_nonnull (strstr (wrong.err, "401"));
  g_assert_nonnull (strstr (wrong.out, "signature_invalid"));
  g_assert_nonnull (strstr (wrong.err, "signature_invalid"));
  assert_no_secret (wrong.err, "wrong-secret");
  assert_no_secret (wrong.err, cs_param_list_get (at, "oauth_token_secret"));
}

/* `authorize` end to end, then a wrong consumer secret on the request token. */
static void
test_oauthlib_authorize (gconstpointer data)
{
  const OauthlibClient *c = data;
  g_autofree char *rt_url = NULL;
  g_autofree char *az_url = NULL;
  g_autofree char *at_url = NULL;
  g_autofree char *consumer_env = g_strconcat ("COUNTERSIGN_CONSUMER_SECRET=", c->secret, NULL);
  g_auto(CsProc) p = { 0 };
  g_auto(CsCliRun) wrong = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *stdin_text = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  oauthlib_url (&rt_url, "/request_token");
  oauthlib_url (&az_url, "/authorize");
  oauthlib_url (&at_url, "/access_token");

  start_cli (&p, (const char * const[]) { consumer_env, NULL },
             (const char * const[]) { "authorize", "--request-token-url", rt_url,
                                      "--authorize-url", az_url, "--access-token-url", at_url,
                                      "--consumer-key", c->key, "--signature-method", c->method,
                                      "--no-browser", "--no-store", NULL });
  url = cs_proc_err_line_with_prefix (&p, URL_PREFIX);
  pin = browser_allow_pin (url);
  stdin_text = g_strconcat (pin, "\n", NULL);
  cs_proc_finish (&p, stdin_text);
  g_assert_cmpint (p.status, ==, 0);
  fields = cs_parse_lines (p.out);
  g_assert_cmpstr (cs_param_list_get (fields, "screen_name"), ==, "oauthlib_user");
  assert_no_secret (p.err_text->str, c->secret);
  assert_no_secret (p.err_text->str, cs_param_list_get (fields, "oauth_token_secret"));

  cs_cli_run_full (&wrong, (const char * const[]) { "COUNTERSIGN_CONSUMER_SECRET=wrong", NULL },
                   NULL,
                   (const char * const[]) { "request-token", "--request-token-url", rt_url,
                                            "--consumer-key", c->key, "--signature-method",
                                            c->method, NULL });
  g_assert_cmpint (wrong.status, ==, 4);
  g_assert_nonnull (strstr (wrong.err, "401"));
  g_assert_nonnull (strstr (wrong.err, "signature_invalid"));
  g_assert_cmpstr (wrong.out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-flow/demo/pin", test_demo_pin);
  g_test_add_func ("/cli-flow/demo/loopback", test_demo_loopback);
  g_test_add_func ("/cli-flow/demo/denied", test_demo_denied);
  g_test_add_func ("/cli-flow/demo/keyring-failure", test_demo_keyring_failure);
  g_test_add_func ("/cli-flow/demo/keyring-store", test_demo_keyring_store);
  g_test_add_func ("/cli-flow/demo/keyring-consumer-secret", test_demo_keyring_consumer_secret);
  g_test_add_func ("/cli-flow/demo/bad-signature", test_demo_bad_signature);
  g_test_add_func ("/cli-flow/demo/rejected-callback", test_demo_rejected_callback);
  g_test_add_func ("/cli-flow/demo/cancel", test_demo_cancel);
  g_test_add_func ("/cli-flow/demo/only-authorize", test_demo_only_authorize);
  g_test_add_func ("/cli-flow/demo/step-by-step", test_demo_step_by_step);
  g_test_add_func ("/cli-flow/demo/replayed-nonce", test_demo_replayed_nonce);
  g_test_add_func ("/cli-flow/providers", test_providers);
  g_test_add_func ("/cli-flow/exit-codes", test_exit_codes);
  g_test_add_func ("/cli-flow/timeout-option", test_timeout_option);
  g_test_add_func ("/cli-flow/allow-insecure-http", test_allow_insecure_http);
  for (guint i = 0; i < G_N_ELEMENTS (oauthlib_clients); i++)
    {
      g_autofree char *steps = g_strdup_printf ("/cli-flow/oauthlib/%s/steps",
                                                oauthlib_clients[i].method);
      g_autofree char *whole = g_strdup_printf ("/cli-flow/oauthlib/%s/authorize",
                                                oauthlib_clients[i].method);

      g_test_add_data_func (steps, &oauthlib_clients[i], test_oauthlib_steps);
      g_test_add_data_func (whole, &oauthlib_clients[i], test_oauthlib_authorize);
    }

  status = g_test_run ();
  cs_test_oauthlib_stop ();
  return status;
}
