/* test-cli-sign.c — `countersign-cli sign`, as scripts and external checks use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "cs-test-cli.h"
#include "cs-test-vectors.h"

static void
add_opt (GPtrArray  *args,
         const char *option,
         const char *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (args, g_strdup (option));
  g_ptr_array_add (args, g_strdup (value));
}

/* Every vector through the CLI: base string, signature and a header that carries it. */
static void
test_vectors (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *vectors = cs_test_load_vectors (&parser);

  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      const char *prints[] = { "base-string", "signature", "header" };

      g_test_message ("vector %s", cs_test_member (v, "name"));
      for (guint j = 0; j < G_N_ELEMENTS (prints); j++)
        {
          g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
          g_auto(CsCliRun) run = { 0 };
          g_autofree char *key_path = NULL;
          g_autofree char *env_secret = NULL;
          const char *env[] = { NULL, NULL };

          g_ptr_array_add (args, g_strdup ("sign"));
          add_opt (args, "--url", cs_test_member (v, "url"));
          add_opt (args, "--method", cs_test_member (v, "method"));
          add_opt (args, "--data", cs_test_member (v, "body"));
          add_opt (args, "--consumer-key", cs_test_member (v, "consumer_key"));
          add_opt (args, "--token", cs_test_member (v, "token"));
          add_opt (args, "--token-secret", cs_test_member (v, "token_secret"));
          add_opt (args, "--callback", cs_test_member (v, "callback"));
          add_opt (args, "--verifier", cs_test_member (v, "verifier"));
          add_opt (args, "--realm", cs_test_member (v, "realm"));
          add_opt (args, "--nonce", cs_test_member (v, "nonce"));
          add_opt (args, "--timestamp", cs_test_member (v, "timestamp"));
          add_opt (args, "--signature-method", cs_test_member (v, "signature_method"));
          add_opt (args, "--print", prints[j]);
          if (cs_test_member (v, "private_key_file"))
            {
              key_path = g_test_build_filename (G_TEST_DIST, "data",
                                                cs_test_member (v, "private_key_file"), NULL);
              add_opt (args, "--private-key", key_path);
            }
          if (cs_test_member (v, "version") == NULL)
            g_ptr_array_add (args, g_strdup ("--no-version"));
          /* The consumer secret goes through the environment, as the README advises. */
          if (cs_test_member (v, "consumer_secret"))
            {
              env_secret = g_strconcat ("COUNTERSIGN_CONSUMER_SECRET=",
                                        cs_test_member (v, "consumer_secret"), NULL);
              env[0] = env_secret;
            }
          g_ptr_array_add (args, NULL);

          cs_cli_run_full (&run, env, NULL, (const char * const *) args->pdata);
          g_assert_cmpstr (run.err, ==, "");
          g_assert_cmpint (run.status, ==, 0);
          if (j == 0)
            {
              g_autofree char *expected = g_strconcat (cs_test_member (v, "base_string"), "\n", NULL);
              g_assert_cmpstr (run.out, ==, expected);
            }
          else if (j == 1)
            {
              g_autofree char *expected = g_strconcat (cs_test_member (v, "signature"), "\n", NULL);
              g_assert_cmpstr (run.out, ==, expected);
            }
          else
            {
              g_assert_true (g_str_has_prefix (run.out, "OAuth "));
              g_assert_nonnull (strstr (run.out, "oauth_signature=\""));
              g_assert_cmpuint (strchr (run.out, '\n') - run.out + 1, ==, strlen (run.out));
            }
        }
    }
}

/* Bad input: one line on stderr naming the option, exit status 2. */
static void
test_bad_input (void)
{
  static const struct { const char *option; const char *args[12]; } cases[] = {
    { "--url", { "--consumer-key", "k" } },
    { "--url", { "--url", "not a url", "--consumer-key", "k" } },
    { "--url", { "--url", "ftp://example.com/", "--consumer-key", "k" } },
    { "--url", { "--url", "https://example.com/?a=%G0", "--consumer-key", "k" } },
    { "--url", { "--url", "https://example.com/%zz", "--consumer-key", "k" } },
    { "--data", { "--url", "https://example.com/", "--data", "a=%", "--consumer-key", "k" } },
    { "--signature-method", { "--url", "https://example.com/", "--consumer-key", "k",
                              "--signature-method", "MD5" } },
    { "--private-key", { "--url", "https://example.com/", "--consumer-key", "k",
                         "--signature-method", "RSA-SHA1" } },
    { "--private-key", { "--url", "https://example.com/", "--consumer-key", "k",
                         "--signature-method", "RSA-SHA1", "--private-key", "/nonexistent.pem" } },
    { "--consumer-key", { "--url", "https://example.com/", "--consumer-key", "kéy" } },
    { "--consumer-key", { "--url", "https://example.com/" } },
    { "--print", { "--url", "https://example.com/", "--consumer-key", "k", "--print", "x" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(CsCliRun) run = { 0 };

      g_ptr_array_add (args, (gpointer) "sign");
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);
      cs_cli_run_full (&run, NULL, NULL, (const char * const *) args->pdata);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, cases[i].option));
      g_assert_nonnull (strchr (run.err, '\n'));
      g_assert_cmpuint (strchr (run.err, '\n') - run.err + 1, ==, strlen (run.err));
    }
}

/* A secret from the environment signs like the same secret given as an option. */
static void
test_secret_from_env (void)
{
  g_auto(CsCliRun) a = { 0 };
  g_auto(CsCliRun) b = { 0 };
  g_auto(CsCliRun) c = { 0 };
  const char *env[] = { "COUNTERSIGN_CONSUMER_SECRET=cs", "COUNTERSIGN_TOKEN_SECRET=ts", NULL };

  cs_cli_run (&a, "sign", "--url", "https://example.com/", "--consumer-key", "k",
              "--consumer-secret", "cs", "--token", "t", "--token-secret", "ts",
              "--nonce", "n", "--timestamp", "1", "--print", "signature");
  cs_cli_run_full (&b, env, NULL, (const char * const[]) {
                     "sign", "--url", "https://example.com/", "--consumer-key", "k",
                     "--token", "t", "--nonce", "n", "--timestamp", "1", "--print", "signature",
                     NULL });
  cs_cli_run (&c, "sign", "--url", "https://example.com/", "--consumer-key", "k",
              "--token", "t", "--nonce", "n", "--timestamp", "1", "--print", "signature");
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_cmpstr (a.out, !=, c.out);
}

static void
test_help_and_curl (void)
{
  g_auto(CsCliRun) help = { 0 };
  g_auto(CsCliRun) curl = { 0 };
  const char *options[] = { "--url", "--method", "--data", "--consumer-key", "--consumer-secret",
                            "--token", "--token-secret", "--callback", "--verifier", "--realm",
                            "--signature-method", "--private-key", "--nonce", "--timestamp",
                            "--no-version", "--print" };

  cs_cli_run (&help, "sign", "--help");
  g_assert_cmpint (help.status, ==, 0);
  /* The usage line names the command. */
  g_assert_nonnull (strstr (help.out, "countersign-cli sign [OPTION"));
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (help.out, options[i]));

  cs_cli_run (&curl, "sign", "--method", "POST", "--url", "https://example.com/x",
              "--data", "a=b c", "--consumer-key", "k", "--print", "curl");
  g_assert_cmpint (curl.status, ==, 0);
  g_assert_true (g_str_has_prefix (curl.out, "curl --request 'POST' --header 'Authorization: OAuth "));
  g_assert_nonnull (strstr (curl.out, "--data-raw 'a=b c' 'https://example.com/x'"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/sign/vectors", test_vectors);
  g_test_add_func ("/cli/sign/bad-input", test_bad_input);
  g_test_add_func ("/cli/sign/secret-from-env", test_secret_from_env);
  g_test_add_func ("/cli/sign/help-and-curl", test_help_and_curl);
  return g_test_run ();
}
