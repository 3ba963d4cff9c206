/* test-cli-hostile.c — countersign-cli against badly behaved providers on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hostile providers of tests/support/cs-hostile-cases.c (the table test-oauth-client.c
 * runs against the library), driven through the CLI the way a script runs it:
 * `countersign-cli request-token --request-token-url … --consumer-key … --timeout 2`, with
 * the consumer secret in the environment. Each case asserts the exit status (cs-cli.h: 3 for
 * the network, 4 for a provider's refusal or a bad answer), the specific words of the message
 * on stderr, that no secret is on stderr or stdout, and that nothing hangs past the timeout.
 */
#include "config.h"

#include "cs-hostile-cases.h"
#include "cs-test-cli.h"

#define CONSUMER_KEY    "cli-hostile-consumer-key"
#define CONSUMER_SECRET "cli-hostile-consumer-s3cret-4Kp"
#define TOKEN_SECRET    CS_HOSTILE_TOKEN_SECRET

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

/* Runs `countersign-cli @args`, iterating the main context meanwhile so that the providers
 * in this process answer. Returns the seconds it took. */
static double
run_cli (CsCliRun          *run,
         const char *const *args)
{
  const char *cli = g_getenv ("COUNTERSIGN_CLI");
  const char *env[] = { "COUNTERSIGN_CONSUMER_SECRET=" CONSUMER_SECRET,
                        "COUNTERSIGN_TOKEN_SECRET=" TOKEN_SECRET, NULL };
  g_autoptr(GSubprocessLauncher) launcher =
    cs_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, env);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  Communicated c = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
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

/* `countersign-cli request-token` against @url. */
static double
run_request_token (CsCliRun   *run,
                   const char *url)
{
  return run_cli (run, (const char * const[]) { "request-token", "--request-token-url", url,
                                                "--consumer-key", CONSUMER_KEY,
                                                "--timeout", "2", NULL });
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

/* One row of the table: exit status and message, and what reached the provider. */
static void
test_hostile_case (gconstpointer data)
{
  const CsHostileCase *c = data;
  g_autoptr(Hostile) thief = NULL;
  g_autoptr(Hostile) h = cs_hostile_case_serve (c, &thief);
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  g_auto(CsCliRun) run = { 0 };
  double seconds;

  if (h == NULL)
    {
      g_test_skip ("No TLS backend (glib-networking)");
      return;
    }
  url = hostile_url (h, "/oauth/request_token");
  seconds = run_request_token (&run, url);
  assert_cli_error (&run, c->cli_status, NULL);
  message = cli_message (&run);
  cs_hostile_case_assert_told (c, message, thief);
  if (c->tls)
    {
      /* The handshake failed: no request, so no Authorization header, reached the server. */
      g_assert_cmpuint (h->requests, ==, 0);
    }
  else
    {
      g_assert_cmpuint (h->requests, ==, 1);
      /* It was signed with the secret, which never travels in the clear itself. */
      g_assert_true (g_str_has_prefix (h->authorizations->pdata[0], "OAuth "));
      g_assert_null (strstr (h->authorizations->pdata[0], CONSUMER_SECRET));
    }
  if (cs_hostile_case_times_out (c))
    {
      g_test_message ("gave up after %.2f s", seconds);
      g_assert_cmpfloat (seconds, >=, 1.5);
      /* Process start-up included; far below a hang. */
      g_assert_cmpfloat (seconds, <, 6);
    }
}

/* Issue 12: a bare 401 to `access-token` (a wrong PIN, as oauthlib answers it): exit 4, the
 * message starts as before, and the advice after it is about the verifier. */
static void
test_access_token_bare_401 (void)
{
  g_autoptr(Hostile) h = hostile_new ();
  g_autofree char *url = hostile_url (h, "/oauth/access_token");
  g_autofree char *message = NULL;
  g_auto(CsCliRun) run = { 0 };

  hostile_script (h, 401, "text/plain", "", 0);
  run_cli (&run, (const char * const[]) { "access-token", "--access-token-url", url,
                                          "--consumer-key", CONSUMER_KEY, "--token", "rt",
                                          "--verifier", "1234567", "--timeout", "2", NULL });
  assert_cli_error (&run, 4, "refused the request: HTTP 401", "Check the verifier", NULL);
  message = cli_message (&run);
  g_assert_null (strstr (message, "consumer secret"));
  g_assert_cmpuint (h->requests, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < cs_hostile_n_cases; i++)
    {
      g_autofree char *path = NULL;

      if (cs_hostile_cases[i].cli_status == 0)
        continue;
      path = g_strconcat ("/cli-hostile/", cs_hostile_cases[i].name, NULL);
      g_test_add_data_func (path, &cs_hostile_cases[i], test_hostile_case);
    }

  g_test_add_func ("/cli-hostile/access-token/bare-401", test_access_token_bare_401);

  return g_test_run ();
}
