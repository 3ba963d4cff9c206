/* test-cli-hostile.c — countersign-cli against badly behaved providers on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hostile provider of test-hostile.c, driven through the CLI the way a script runs it:
 * `countersign-cli request-token --request-token-url … --consumer-key … --timeout 2`, with
 * the consumer secret in the environment. Each case asserts the exit status (cs-cli.h: 3 for
 * the network, 4 for a provider's refusal or a bad answer), the specific words of the message
 * on stderr, that no secret is on stderr or stdout, and that nothing hangs past the timeout.
 */
#include "config.h"

#include "cs-hostile.h"
#include "cs-test-cli.h"

#define CONSUMER_KEY    "cli-hostile-consumer-key"
#define CONSUMER_SECRET "cli-hostile-consumer-s3cret-4Kp"
#define TOKEN_SECRET    "cli-hostile-token-s3cret-8Rv"

typedef struct
{
  char    *out;
  char    *err;
  GError  *error;
  gboolean done;
} Communicated;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, &c->err,
                                        &c->error);
  c->done = TRUE;
  g_main_context_wakeup (NULL);
}

/* Runs `countersign-cli request-token` against @url, iterating the main context meanwhile so
 * that the providers in this process answer. Returns the seconds it took. */
static double
run_request_token (CsCliRun   *run,
                   const char *url)
{
  const char *cli = g_getenv ("COUNTERSIGN_CLI");
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Communicated c = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (cli);
  g_subprocess_launcher_setenv (launcher, "COUNTERSIGN_CONSUMER_SECRET", CONSUMER_SECRET, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "COUNTERSIGN_TOKEN_SECRET");
  proc = g_subprocess_launcher_spawn (launcher, &error, cli, "request-token",
                                      "--request-token-url", url,
                                      "--consumer-key", CONSUMER_KEY,
                                      "--timeout", "2", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, communicated_cb, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (c.error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
  run->out = c.out;
  run->err = c.err;
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The CLI's own message on stderr, among debug lines if any (G_MESSAGES_DEBUG=all, as in
 * CI's secret scan, makes the CLI print those too). */
static char *
cli_message (const CsCliRun *run)
{
  const char *message = g_str_has_prefix (run->err, "countersign-cli: ")
                          ? run->err : strstr (run->err, "\ncountersign-cli: ");

  if (message == NULL)
    g_error ("No message from countersign-cli on stderr: %s", run->err);
  message += *message == '\n';
  return g_strndup (message, strcspn (message, "\n"));
}

/* The exit status, the words stderr must have, and no secret anywhere in the output. */
static void
assert_cli_error (const CsCliRun *run,
                  int             status,
                  ...)
{
  va_list args;
  const char *word;
  g_autofree char *line = cli_message (run);

  /* All of stderr goes to the log, for CI's secret scan. */
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
  g_assert_cmpint (run->status, ==, status);
  va_start (args, status);
  while ((word = va_arg (args, const char *)) != NULL)
    if (strstr (line, word) == NULL)
      g_error ("“%s” is not in the message: %s", word, line);
  va_end (args);
  g_assert_true (g_utf8_validate (run->err, -1, NULL));
  g_assert_cmpstr (run->out, ==, "");
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? run->err : run->out;

      if (strstr (text, CONSUMER_SECRET) != NULL || strstr (text, TOKEN_SECRET) != NULL)
        g_error ("A secret is in the CLI's output: exit %d", run->status);
    }
}

static Hostile *
hostile_answering (guint       status,
                   const char *content_type,
                   const char *body)
{
  Hostile *h = hostile_new ();

  hostile_script (h, status, content_type, body, -1);
  return h;
}

static void
run_against (CsCliRun *run,
             Hostile  *h)
{
  g_autofree char *url = hostile_url (h, "/oauth/request_token");

  run_request_token (run, url);
  g_assert_cmpuint (h->requests, ==, 1);
  /* It was signed with the secret, which never travels in the clear itself. */
  g_assert_true (g_str_has_prefix (h->authorizations->pdata[0], "OAuth "));
  g_assert_null (strstr (h->authorizations->pdata[0], CONSUMER_SECRET));
}

static void
test_401_json_32 (void)
{
  g_autoptr(Hostile) h = hostile_answering (401, "application/json; charset=utf-8",
                                            "{\"errors\":[{\"code\":32,\"message\":"
                                            "\"Could not authenticate you.\"}]}");
  g_auto(CsCliRun) run = { 0 };

  run_against (&run, h);
  assert_cli_error (&run, 4, "HTTP 401", "Could not authenticate you.", "32",
                    "consumer key and secret", NULL);
}

static void
test_401_xml (void)
{
  g_autoptr(Hostile) h = hostile_answering (401, "application/xml",
                                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                            "<errors>\n  <error code=\"89\">Invalid or expired "
                                            "token</error>\n</errors>\n");
  g_auto(CsCliRun) run = { 0 };

  run_against (&run, h);
  assert_cli_error (&run, 4, "HTTP 401", "Invalid or expired token", "89", "authorize again",
                    NULL);
  {
    g_autofree char *message = cli_message (&run);

    g_assert_null (strstr (message, "<error"));
  }
}

static void
test_403_415 (void)
{
  g_autoptr(Hostile) h = hostile_answering (403, "application/json",
                                            "{\"errors\":[{\"code\":415,\"message\":\"Callback "
                                            "URL not approved for this client application.\"}]}");
  g_auto(CsCliRun) run = { 0 };

  run_against (&run, h);
  assert_cli_error (&run, 4, "HTTP 403", "Callback URL not approved", "415",
                    "callback URL is not approved", NULL);
}

static void
test_500_html (void)
{
  g_autoptr(Hostile) h = hostile_answering (500, "text/html",
                                            "<!DOCTYPE html>\n<html><head><title>Something is "
                                            "technically wrong</title></head><body><h1>Oops"
                                            "</h1><script>x()</script></body></html>");
  g_auto(CsCliRun) run = { 0 };

  run_against (&run, h);
  assert_cli_error (&run, 4, "HTTP 500", "Internal Server Error",
                    "Something is technically wrong", NULL);
  {
    g_autofree char *message = cli_message (&run);

    g_assert_null (strstr (message, "<"));
  }
}

static void
test_empty_body (void)
{
  g_autoptr(Hostile) h = hostile_answering (200, "application/x-www-form-urlencoded", "");
  g_auto(CsCliRun) run = { 0 };

  run_against (&run, h);
  assert_cli_error (&run, 4, "empty body", NULL);
}

static void
test_no_token_secret (void)
{
  g_autoptr(Hostile) h = hostile_answering (200, "application/x-www-form-urlencoded",
                                            "oauth_token=abc&oauth_callback_confirmed=true");
  g_auto(CsCliRun) run = { 0 };

  run_against (&run, h);
  assert_cli_error (&run, 4, "lacks", "oauth_token_secret", NULL);
}

static void
test_callback_not_confirmed (void)
{
  g_autoptr(Hostile) h = hostile_answering (200, "application/x-www-form-urlencoded",
                                            "oauth_token=abc&oauth_token_secret=" TOKEN_SECRET
                                            "&oauth_callback_confirmed=false");
  g_auto(CsCliRun) run = { 0 };

  run_against (&run, h);
  assert_cli_error (&run, 4, "oauth_callback_confirmed=false", "did not accept the callback",
                    NULL);
}

static void
test_never_answers (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autofree char *url = hostile_url (h, "/oauth/request_token");
  g_auto(CsCliRun) run = { 0 };
  double seconds;

  h->mode = HOSTILE_STALL;
  seconds = run_request_token (&run, url);
  assert_cli_error (&run, 3, "did not answer within 2 seconds", NULL);
  g_test_message ("gave up after %.2f s", seconds);
  g_assert_cmpfloat (seconds, >=, 1.5);
  /* Process start-up included; far below a hang. */
  g_assert_cmpfloat (seconds, <, 6);
}

static void
test_redirect_elsewhere (void)
{
  g_autoptr(Hostile) h = hostile_answering (302, "text/plain", "");
  g_autoptr(Hostile) thief = hostile_new_full (0, "127.0.0.2");
  g_autofree char *target = hostile_url (thief, "/steal");
  g_auto(CsCliRun) run = { 0 };

  h->location = g_strdup (target);
  hostile_script (thief, 200, "application/x-www-form-urlencoded",
                  "oauth_token=a&oauth_token_secret=" TOKEN_SECRET
                  "&oauth_callback_confirmed=true", -1);
  run_against (&run, h);
  assert_cli_error (&run, 3, "HTTP 302", target, "never followed", NULL);
  /* The other host heard nothing, so above all no Authorization header. */
  for (guint i = 0; i < thief->authorizations->len; i++)
    g_assert_cmpstr (thief->authorizations->pdata[i], ==, "");
  g_assert_cmpuint (thief->requests, ==, 0);
}

static void
test_tls_self_signed (void)
{
  g_autoptr(Hostile) h = NULL;
  g_autofree char *url = NULL;
  g_auto(CsCliRun) run = { 0 };

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking)");
      return;
    }
  h = hostile_new_full (1, "127.0.0.1");
  hostile_script (h, 200, "application/x-www-form-urlencoded",
                  "oauth_token=a&oauth_token_secret=" TOKEN_SECRET
                  "&oauth_callback_confirmed=true", -1);
  url = hostile_url (h, "/oauth/request_token");
  run_request_token (&run, url);
  assert_cli_error (&run, 3, "TLS certificate", "127.0.0.1", "refused",
                    "not signed by a trusted authority", NULL);
  /* The handshake failed: no request, so no Authorization header, reached the server. */
  g_assert_cmpuint (h->requests, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-hostile/rejected/401-json-32", test_401_json_32);
  g_test_add_func ("/cli-hostile/rejected/401-xml", test_401_xml);
  g_test_add_func ("/cli-hostile/rejected/403-415", test_403_415);
  g_test_add_func ("/cli-hostile/rejected/500-html", test_500_html);
  g_test_add_func ("/cli-hostile/bad-response/empty-body", test_empty_body);
  g_test_add_func ("/cli-hostile/bad-response/no-token-secret", test_no_token_secret);
  g_test_add_func ("/cli-hostile/bad-response/callback-not-confirmed",
                   test_callback_not_confirmed);
  g_test_add_func ("/cli-hostile/transport/never-answers", test_never_answers);
  g_test_add_func ("/cli-hostile/transport/redirect-elsewhere", test_redirect_elsewhere);
  g_test_add_func ("/cli-hostile/transport/tls-self-signed", test_tls_self_signed);

  return g_test_run ();
}
