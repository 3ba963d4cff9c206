/* test-crosscheck.c — cs_sign() and countersign-cli against python3-oauthlib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gen_requests.py makes random requests (methods, hosts, ports, paths, queries and form
 * bodies with UTF-8, reserved characters, `+`, empty values, bare and duplicate names) and
 * signs them with oauthlib's RFC 5849 functions. Every one must give the same base string,
 * signature and Authorization header here. One fixed seed always runs, and one fresh seed,
 * printed, so that each run also looks somewhere new. The requests include HMAC-SHA512,
 * RSA-SHA1 and RSA-SHA256 (the key in tests/data), realms and raw JSON bodies with their
 * oauth_body_hash (issue 14).
 */
#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cs-signer.h"
#include "cs-test-cli.h"

#define FIXED_SEED    5849
#define N_REQUESTS    600
#define N_CLI_SAMPLES 50
#define MAX_REPORTED  5

static JsonParser *
generate (guint seed)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_arg = g_strdup_printf ("%u", seed);
  g_autofree char *count_arg = g_strdup_printf ("%d", N_REQUESTS);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonParser *parser;

  g_test_message ("oauthlib cross-check seed %u (rerun with CS_CROSSCHECK_SEED=%u)",
                  seed, seed);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, CS_PYTHON3, CS_CROSSCHECK_GEN, "--seed", seed_arg,
                           "--count", count_arg, "--key", CS_CROSSCHECK_KEY, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("gen_requests.py failed (is python3-oauthlib installed for %s?):\n%s",
             CS_PYTHON3, err);

  parser = json_parser_new ();
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return parser;
}

static JsonArray *
requests_of (JsonParser *parser)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonArray *requests = json_object_get_array_member (root, "requests");

  g_assert_cmpuint (json_array_get_length (requests), ==, N_REQUESTS);
  return requests;
}

/* A string member, or NULL for JSON null. */
static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static char *
describe (JsonObject *r)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, r);
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static void
report (JsonObject *r,
        const char *what,
        const char *ours,
        const char *theirs,
        guint      *mismatches)
{
  if (++*mismatches <= MAX_REPORTED)
    {
      g_autofree char *text = describe (r);

      g_test_message ("request %" G_GINT64_FORMAT ": %s differs\n  ours:    %s\n"
                      "  oauthlib: %s\n%s",
                      json_object_get_int_member (r, "index"), what,
                      ours ? ours : "(error)", theirs, text);
    }
}

static const char *
private_key (void)
{
  static char *pem;

  if (pem == NULL)
    g_assert_true (g_file_get_contents (CS_CROSSCHECK_KEY, &pem, NULL, NULL));
  return pem;
}

/* The body hash of the raw body, which must be oauthlib's. */
static gboolean
check_body_hash (JsonObject        *r,
                 CsSignatureMethod  method,
                 char             **hash,
                 guint             *mismatches)
{
  const char *raw = member (r, "raw_body");

  if (raw == NULL)
    return TRUE;
  *hash = cs_body_hash_compute (method, raw, strlen (raw));
  if (g_strcmp0 (*hash, member (r, "body_hash")) == 0)
    return TRUE;
  report (r, "body hash", *hash, member (r, "body_hash"), mismatches);
  return FALSE;
}

static guint
check_library (JsonArray *requests)
{
  guint mismatches = 0;
  guint rsa = 0;
  guint sha512 = 0;
  guint hashed = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);
      g_autoptr(CsSignature) sig = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = NULL;
      CsSignOptions options;

      cs_sign_options_init (&options);
      options.consumer_key = member (r, "consumer_key");
      options.consumer_secret = member (r, "consumer_secret");
      options.token = member (r, "token");
      options.token_secret = member (r, "token_secret");
      options.callback = member (r, "callback");
      options.verifier = member (r, "verifier");
      options.realm = member (r, "realm");
      options.nonce = member (r, "nonce");
      options.timestamp = member (r, "timestamp");
      options.omit_version = json_object_get_boolean_member (r, "omit_version");
      g_assert_true (cs_signature_method_from_string (member (r, "signature_method"),
                                                      &options.method));
      if (cs_signature_method_is_rsa (options.method))
        {
          options.private_key_pem = private_key ();
          rsa++;
        }
      sha512 += options.method == CS_SIGNATURE_METHOD_HMAC_SHA512;
      if (!check_body_hash (r, options.method, &hash, &mismatches))
        continue;
      options.body_hash = hash;
      hashed += hash != NULL;

      sig = cs_sign (member (r, "method"), member (r, "url"), member (r, "body"), &options,
                     &error);
      if (sig == NULL)
        {
          report (r, "cs_sign() fails", error->message, "signs it", &mismatches);
          continue;
        }
      if (g_strcmp0 (sig->base_string, member (r, "base_string")) != 0)
        report (r, "base string", sig->base_string, member (r, "base_string"), &mismatches);
      else if (g_strcmp0 (sig->signature, member (r, "signature")) != 0)
        report (r, "signature", sig->signature, member (r, "signature"), &mismatches);
      else if (g_strcmp0 (sig->header, member (r, "header")) != 0)
        report (r, "header", sig->header, member (r, "header"), &mismatches);
    }
  /* Each extension is there in every run. */
  g_assert_cmpuint (rsa, >, 10);
  g_assert_cmpuint (sha512, >, 10);
  g_assert_cmpuint (hashed, >, 10);
  return mismatches;
}

static void
test_library_fixed_seed (void)
{
  g_autoptr(JsonParser) parser = generate (FIXED_SEED);

  g_assert_cmpuint (check_library (requests_of (parser)), ==, 0);
}

static void
test_library_fresh_seed (void)
{
  const char *env = g_getenv ("CS_CROSSCHECK_SEED");
  guint seed = env ? (guint) g_ascii_strtoull (env, NULL, 10)
                   : (guint) (g_get_real_time () % G_MAXINT32);
  g_autoptr(JsonParser) parser = generate (seed);

  g_assert_cmpuint (check_library (requests_of (parser)), ==, 0);
}

static char *
cli_print (JsonObject *r,
           const char *what,
           gboolean    secrets_in_env)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);
  g_auto(CsCliRun) run = { 0 };
  const struct { const char *option; const char *member; } plain[] = {
    { "--method", "method" }, { "--url", "url" }, { "--data", "body" },
    { "--consumer-key", "consumer_key" }, { "--token", "token" },
    { "--callback", "callback" }, { "--verifier", "verifier" }, { "--realm", "realm" },
    { "--signature-method", "signature_method" }, { "--nonce", "nonce" },
    { "--timestamp", "timestamp" }, { "--body", "raw_body" },
  };
  const char *consumer_secret = member (r, "consumer_secret");
  const char *token_secret = member (r, "token_secret");

  g_ptr_array_add (args, g_strdup ("sign"));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (member (r, plain[i].member) != NULL)
      g_ptr_array_add (args, g_strdup_printf ("%s=%s", plain[i].option,
                                              member (r, plain[i].member)));
  if (json_object_get_boolean_member (r, "omit_version"))
    g_ptr_array_add (args, g_strdup ("--no-version"));
  if (member (r, "raw_body") != NULL)
    g_ptr_array_add (args, g_strdup ("--body-hash"));
  if (g_str_has_prefix (member (r, "signature_method"), "RSA"))
    g_ptr_array_add (args, g_strdup ("--private-key=" CS_CROSSCHECK_KEY));
  g_ptr_array_add (args, g_strdup_printf ("--print=%s", what));

  if (secrets_in_env)
    {
      if (consumer_secret != NULL)
        g_ptr_array_add (env, g_strdup_printf ("COUNTERSIGN_CONSUMER_SECRET=%s",
                                               consumer_secret));
      if (token_secret != NULL)
        g_ptr_array_add (env, g_strdup_printf ("COUNTERSIGN_TOKEN_SECRET=%s", token_secret));
    }
  else
    {
      if (consumer_secret != NULL)
        g_ptr_array_add (args, g_strdup_printf ("--consumer-secret=%s", consumer_secret));
      if (token_secret != NULL)
        g_ptr_array_add (args, g_strdup_printf ("--token-secret=%s", token_secret));
    }
  g_ptr_array_add (args, NULL);
  g_ptr_array_add (env, NULL);

  cs_cli_run_full (&run, (const char * const *) env->pdata, NULL,
                   (const char * const *) args->pdata);
  if (run.status != 0)
    return g_strdup_printf ("(exit status %d: %s)", run.status, run.err);
  return g_steal_pointer (&run.out);
}

/* A sample through `countersign-cli sign`, the interface scripts and external checks use. */
static void
test_cli_sample (void)
{
  g_autoptr(JsonParser) parser = generate (FIXED_SEED);
  JsonArray *requests = requests_of (parser);
  guint mismatches = 0;
  guint step = N_REQUESTS / N_CLI_SAMPLES;

  for (guint n = 0; n < N_CLI_SAMPLES; n++)
    {
      JsonObject *r = json_array_get_object_element (requests, n * step);
      g_autofree char *base_string = cli_print (r, "base-string", n % 2 == 0);
      g_autofree char *header = cli_print (r, "header", n % 2 == 1);
      g_autofree char *want_base = g_strconcat (member (r, "base_string"), "\n", NULL);
      g_autofree char *want_header = g_strconcat (member (r, "header"), "\n", NULL);

      if (strcmp (base_string, want_base) != 0)
        report (r, "CLI base string", base_string, want_base, &mismatches);
      else if (strcmp (header, want_header) != 0)
        report (r, "CLI header", header, want_header, &mismatches);
    }
  g_assert_cmpuint (mismatches, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crosscheck/oauthlib/library/fixed-seed", test_library_fixed_seed);
  g_test_add_func ("/crosscheck/oauthlib/library/fresh-seed", test_library_fresh_seed);
  g_test_add_func ("/crosscheck/oauthlib/cli-sample", test_cli_sample);

  return g_test_run ();
}
