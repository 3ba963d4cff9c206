/* test-cli-one-legged.c — `countersign-cli call` and `sign` with a token the user already has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 14, points 5 and 6, end to end through the CLI: the independent python3-oauthlib
 * provider (tests/providers/oauthlib_provider.py, its /one-legged endpoint) verifies
 * HMAC-SHA512 with a realm and RSA-SHA256 with oauth_body_hash of a JSON body; the demo
 * provider, asked for debug_sbs, refuses a signature as PECL-based providers do, and stderr
 * shows both base strings with the first difference marked.
 */
#include <signal.h>
#include <string.h>
#include <gio/gio.h>

#include "cs-test-cli.h"
#include "cs-test-providers.h"

#define FIXED_TOKEN "fixed-access-token-0001"
#define FIXED_SECRET "COUNTERSIGN_TOKEN_SECRET=fixed-access-secret"

static const char *
oauthlib_url (void)
{
  static char *url;

  if (url == NULL)
    url = g_strconcat (cs_test_oauthlib_base_url (), "/one-legged", NULL);
  return url;
}

/* NetSuite's way: HMAC-SHA512, the account ID as realm, a token made in the settings. */
static void
test_hmac_sha512_realm (void)
{
  g_auto(CsCliRun) run = { 0 };
  g_autofree char *url = g_strconcat (oauthlib_url (), "?limit=5", NULL);

  cs_cli_run_full (&run, (const char * const[]) {
                     "COUNTERSIGN_CONSUMER_SECRET=sha512-secret", FIXED_SECRET, NULL }, NULL,
                   (const char * const[]) { "call", "--url", url, "--consumer-key",
                                            "sha512-client-key-0001", "--signature-method",
                                            "HMAC-SHA512", "--token", FIXED_TOKEN, "--realm",
                                            "123456_SB1", NULL });
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"signature_method\": \"HMAC-SHA512\""));
  g_assert_nonnull (strstr (run.out, "\"realm\": \"123456_SB1\""));
}

/* Mastercard's way: RSA-SHA256 and the SHA-256 body hash of a JSON POST. */
static void
test_rsa_sha256_body_hash (void)
{
  g_auto(CsCliRun) run = { 0 };
  g_auto(CsCliRun) curl = { 0 };
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "rsa-wiki-testcases.pem",
                                                NULL);

  cs_cli_run (&run, "call", "--method", "POST", "--url", oauthlib_url (), "--consumer-key",
              "rsa256-client-key-0001", "--signature-method", "RSA-SHA256", "--private-key",
              key, "--token", FIXED_TOKEN, "--body", "{\"amount\":42}", "--body-hash");
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"signature_method\": \"RSA-SHA256\""));
  g_assert_nonnull (strstr (run.out, "\"body_hash_ok\": true"));
  g_assert_nonnull (strstr (run.out, "\"content_type\": \"application/json\""));
  g_assert_nonnull (strstr (run.out, "\"body\": \"{\\\"amount\\\":42}\""));

  /* The same request as a curl command. */
  cs_cli_run (&curl, "sign", "--method", "POST", "--url", oauthlib_url (), "--consumer-key",
              "rsa256-client-key-0001", "--signature-method", "RSA-SHA256", "--private-key",
              key, "--body", "{\"amount\":42}", "--body-hash", "--print", "curl");
  g_assert_cmpint (curl.status, ==, 0);
  g_assert_nonnull (strstr (curl.out, "oauth_body_hash=\""));
  g_assert_nonnull (strstr (curl.out, "--header 'Content-Type: application/json' "
                                      "--data-binary '{\"amount\":42}'"));
}

/* What cannot be sent is refused before anything is: a specific message for each. */
static void
test_bad_body_options (void)
{
  static const char * const cases[][12] = {
    { "--data", "a=1", "--body", "{}", NULL },
    { "--data", "a=1", "--body-hash", NULL },
    { "--content-type", "text/plain", NULL },
    { "--body", "a=1", "--content-type", "application/x-www-form-urlencoded", NULL },
    { "--signature-method", "HMAC-MD5", NULL },
  };
  static const char * const expected[] = {
    "--body: cannot be given with --data", "--body-hash: is for a body",
    "--content-type: is the type of --body", "--content-type: a form-encoded body",
    "HMAC-SHA512, PLAINTEXT, RSA-SHA1 or RSA-SHA256",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint command = 0; command < 2; command++)
      {
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        g_auto(CsCliRun) run = { 0 };

        g_ptr_array_add (args, (gpointer) (command == 0 ? "sign" : "call"));
        g_ptr_array_add (args, (gpointer) "--url");
        g_ptr_array_add (args, (gpointer) "https://api.example.invalid/r");
        g_ptr_array_add (args, (gpointer) "--consumer-key");
        g_ptr_array_add (args, (gpointer) "k");
        for (guint j = 0; cases[i][j] != NULL; j++)
          g_ptr_array_add (args, (gpointer) cases[i][j]);
        g_ptr_array_add (args, NULL);
        cs_cli_run_full (&run, NULL, NULL, (const char * const *) args->pdata);
        g_test_message ("%s: %s", (char *) args->pdata[0], run.err);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_nonnull (strstr (run.err, expected[i]));
      }
}

/* The demo provider asked for debug_sbs, behind a "TLS proxy": both base strings on stderr,
 * the caret under the `s` of https. */
static void
test_debug_sbs_diff (void)
{
  g_autoptr(GSubprocess) demo = NULL;
  g_autofree char *text = cs_test_demo_cli_start (&demo);
  g_autofree char *rt_url = cs_test_value_after_label (text, "Request token URL:");
  g_autofree char *url = g_strconcat (rt_url, "?debug_sbs=proxy", NULL);
  g_auto(CsCliRun) run = { 0 };
  g_auto(CsCliRun) same = { 0 };
  g_auto(GStrv) lines = NULL;

  cs_cli_run_full (&run, (const char * const[]) {
                     "COUNTERSIGN_CONSUMER_SECRET=countersign-demo-secret", NULL }, NULL,
                   (const char * const[]) { "call", "--method", "POST", "--url", url,
                                            "--consumer-key", "countersign-demo-consumer",
                                            NULL });
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.out, "oauth_problem=signature_invalid&debug_sbs=POST&https"));
  g_assert_nonnull (strstr (run.err, "The base strings differ from character 10 on:"));
  lines = g_strsplit (strstr (run.err, "Countersign: "), "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Countersign: POST&http%3A%2F%2F127.0.0.1"));
  g_assert_true (g_str_has_prefix (lines[1], "Provider:    POST&https%3A%2F%2F127.0.0.1"));
  g_assert_cmpuint (strchr (lines[2], '^') - lines[2], ==, strlen ("Countersign: POST&http"));
  g_assert_null (strstr (run.err, "countersign-demo-secret"));

  /* The same base string, a wrong secret: it says so. */
  g_free (url);
  url = g_strconcat (rt_url, "?debug_sbs=1", NULL);
  cs_cli_run_full (&same, (const char * const[]) { "COUNTERSIGN_CONSUMER_SECRET=wrong", NULL },
                   NULL, (const char * const[]) { "call", "--method", "POST", "--url", url,
                                                  "--consumer-key",
                                                  "countersign-demo-consumer", NULL });
  g_assert_cmpint (same.status, ==, 4);
  g_assert_nonnull (strstr (same.err, "same base string"));

  g_subprocess_send_signal (demo, SIGINT);
  g_subprocess_wait (demo, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/one-legged/hmac-sha512-realm", test_hmac_sha512_realm);
  g_test_add_func ("/cli/one-legged/rsa-sha256-body-hash", test_rsa_sha256_body_hash);
  g_test_add_func ("/cli/one-legged/bad-body-options", test_bad_body_options);
  g_test_add_func ("/cli/one-legged/debug-sbs-diff", test_debug_sbs_diff);
  status = g_test_run ();
  cs_test_oauthlib_stop ();
  return status;
}
