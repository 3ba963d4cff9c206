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

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"
#include "cs-test-cli.h"

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
      gboolean has_url = strcmp (cases[i][0], "--url") == 0;

      const char *common[] = { "sign", "--consumer-key", CONSUMER_KEY, "--token", TOKEN,
                               has_url ? NULL : "--url", "https://api.example.com/x" };

      for (guint j = 0; j < G_N_ELEMENTS (common) && common[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) common[j]);
      for (guint j = 0; j < 4 && cases[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i][j]);
      g_ptr_array_add (args, NULL);

      cs_cli_run_full (&run, debug_env, NULL, (const char * const *) args->pdata);
      g_test_message ("sign %s %s → %d %s", cases[i][0], cases[i][1], run.status, run.err);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/search-finds-plaintext", test_search_finds_plaintext);
  g_test_add_func ("/secrets/sign/output", test_sign_prints_no_secret);
  g_test_add_func ("/secrets/sign/errors", test_sign_errors_hold_no_secret);
  g_test_add_func ("/secrets/signer/errors", test_signer_errors_hold_no_secret);
  return g_test_run ();
}
