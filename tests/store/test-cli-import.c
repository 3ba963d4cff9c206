/* test-cli-import.c — countersign-cli import twurl|xurl against a real keyring (issue 14
 * point 7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample files (tests/data/import) become keyring items as X credentials; the secrets
 * leave the file only when the user says so (--remove-secrets here: the prompt needs a
 * terminal), only after the keyring writes, and nothing else in the file changes.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "cs-test-cli.h"
#include "cs-test-keyring.h"
#include "cs-token-store.h"

/* A copy of the sample @name in a fresh directory, mode 0600 as the tools leave it. */
static char *
sample_copy (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autofree char *dir = g_dir_make_tmp ("cs-import-XXXXXX", NULL);
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));
  return path;
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* The stored item of @account, secrets loaded. */
static CsStoredToken *
stored (const char *account)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(GPtrArray) tokens = cs_test_list (store, NULL);

  for (guint i = 0; tokens != NULL && i < tokens->len; i++)
    {
      CsStoredToken *t = g_ptr_array_index (tokens, i);

      if (g_strcmp0 (cs_stored_token_get_account (t), account) == 0)
        return cs_test_lookup (store, cs_stored_token_get_id (t), NULL);
    }
  return NULL;
}

static guint
n_stored (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(GPtrArray) tokens = cs_test_list (store, NULL);

  return tokens != NULL ? tokens->len : 0;
}

static void
test_twurl_keep (void)
{
  g_autofree char *path = sample_copy ("twurlrc");
  g_autofree char *before = read_text (path);
  g_autofree char *after = NULL;
  g_autoptr(CsStoredToken) jack = NULL;
  g_autoptr(CsStoredToken) jill = NULL;
  g_auto(CsCliRun) dry = { 0 };
  g_auto(CsCliRun) run = { 0 };

  cs_test_clear_keyring ();
  /* Listed first; a dry run changes nothing. */
  cs_cli_run (&dry, "import", "twurl", "--file", path, "--dry-run");
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "twurl profile jack (jack, consumer key abcConsumerKey1)"));
  g_assert_nonnull (strstr (dry.out, "twurl profile jill (jill, consumer key abcConsumerKey1)"));
  g_assert_nonnull (strstr (dry.out, "Dry run"));
  g_assert_null (strstr (dry.out, "jackTokenSecret"));
  g_assert_cmpuint (n_stored (), ==, 0);

  /* Not a terminal and no flag: imported, and the file is left as it was, with a hint. */
  cs_cli_run (&run, "import", "twurl", "--file", path);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--remove-secrets"));
  g_assert_null (strstr (run.out, "12-jackAccessToken"));
  g_assert_null (strstr (run.err, "jackTokenSecret"));
  after = read_text (path);
  g_assert_cmpstr (after, ==, before);

  jack = stored ("jack");
  jill = stored ("jill");
  g_assert_nonnull (jack);
  g_assert_nonnull (jill);
  g_assert_cmpstr (cs_stored_token_get_provider_id (jack), ==, "twitter");
  g_assert_cmpstr (cs_stored_token_get_host (jack), ==, "api.x.com");
  g_assert_cmpstr (cs_stored_token_get_consumer_key (jack), ==, "abcConsumerKey1");
  g_assert_cmpstr (cs_stored_token_get_token (jack), ==, "12-jackAccessToken");
  g_assert_cmpstr (cs_stored_token_get_token_secret (jack), ==, "jackTokenSecret");
  /* Not asked for: the consumer secret is not stored. */
  g_assert_null (cs_stored_token_get_consumer_secret (jack));
  g_assert_cmpstr (cs_stored_token_get_token (jill), ==, "34-jillAccessToken");
}

static void
test_twurl_remove (void)
{
  g_autofree char *path = sample_copy ("twurlrc");
  g_autofree char *after = NULL;
  g_autoptr(CsStoredToken) jill = NULL;
  g_auto(CsCliRun) run = { 0 };
  GStatBuf st;

  cs_test_clear_keyring ();
  cs_cli_run (&run, "import", "twurl", "--file", path, "--store-consumer-secret",
              "--remove-secrets");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Removed the tokens, token secrets and consumer secrets"));
  jill = stored ("jill");
  g_assert_cmpstr (cs_stored_token_get_consumer_secret (jill), ==, "jill'sConsumerSecret");

  /* Only the secret lines went; the rest (keys, usernames, the default) is as it was. */
  after = read_text (path);
  g_assert_cmpstr (after, ==,
                   "---\nprofiles:\n  jack:\n    abcConsumerKey1:\n      username: jack\n"
                   "      consumer_key: abcConsumerKey1\n  \"jill\":\n    abcConsumerKey1:\n"
                   "      username: jill\n      consumer_key: abcConsumerKey1\n"
                   "configuration:\n  default_profile:\n  - jack\n  - abcConsumerKey1\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_xurl (void)
{
  g_autofree char *path = sample_copy ("xurl-auth.yml");
  g_autofree char *after = NULL;
  g_autoptr(CsStoredToken) app = NULL;
  g_auto(CsCliRun) run = { 0 };

  cs_test_clear_keyring ();
  cs_cli_run (&run, "import", "xurl", "--file", path, "--remove-secrets");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "xurl app my-app, OAuth 2.0 token of @alice: OAuth 2.0 "
                                     "tokens cannot be imported yet"));
  g_assert_nonnull (strstr (run.out, "(the consumer secrets stay: they were not stored)"));
  g_assert_cmpuint (n_stored (), ==, 1);
  app = stored ("");
  g_assert_cmpstr (cs_stored_token_get_consumer_key (app), ==, "xurlConsumerKey");
  g_assert_cmpstr (cs_stored_token_get_token (app), ==, "56-xurlAccessToken");
  g_assert_cmpstr (cs_stored_token_get_token_secret (app), ==, "xurlTokenSecret");

  /* The OAuth 1.0a token and secret are gone; the consumer secret (not stored), the OAuth 2.0
   * tokens (not imported) and the rest stay. */
  after = read_text (path);
  g_assert_null (strstr (after, "56-xurlAccessToken"));
  g_assert_null (strstr (after, "xurlTokenSecret"));
  g_assert_nonnull (strstr (after, "consumer_secret: xurlConsumerSecret\n"));
  g_assert_nonnull (strstr (after, "access_token: aliceOAuth2Token\n"));
  g_assert_nonnull (strstr (after, "bearer: AAAAbearer\n"));
}

static void
test_hostile (void)
{
  static const struct
  {
    const char *file;
    const char *tool;
    const char *words;
  } cases[] = {
    { "hostile-flow.yml", "twurl", "line 2: flow collections" },
    { "hostile-wrong-type.yml", "twurl", "line 6: “token” must be text" },
    { "hostile-anchor.yml", "twurl", "line 3: flow collections, anchors" },
    { "hostile-tab.yml", "twurl", "line 2: a tab in the indentation" },
    { "hostile-duplicate.yml", "twurl", "line 5: a key that is already in this mapping" },
    { "hostile-missing-token.yml", "twurl", "line 3: “token” is missing or empty" },
    { "hostile-xurl-unterminated.yml", "xurl", "line 6: a quoted value must end on its line" },
  };

  cs_test_clear_keyring ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = sample_copy (cases[i].file);
      g_autofree char *before = read_text (path);
      g_autofree char *after = NULL;
      g_auto(CsCliRun) run = { 0 };

      cs_cli_run (&run, "import", cases[i].tool, "--file", path, "--remove-secrets");
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].words));
      after = read_text (path);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_cmpuint (n_stored (), ==, 0);
}

static void
test_huge_and_usage (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cs-import-XXXXXX", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge", NULL);
  g_autofree char *big = g_malloc (2 * 1024 * 1024);
  g_auto(CsCliRun) run = { 0 };
  g_auto(CsCliRun) missing = { 0 };
  g_auto(CsCliRun) tool = { 0 };
  g_auto(CsCliRun) both = { 0 };

  memset (big, 'a', 2 * 1024 * 1024);
  g_assert_true (g_file_set_contents (huge, big, 2 * 1024 * 1024, NULL));
  cs_cli_run (&run, "import", "twurl", "--file", huge);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "larger than 1 MiB"));

  cs_cli_run (&missing, "import", "xurl", "--file", "/nonexistent/auth.yml");
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/auth.yml"));

  cs_cli_run (&tool, "import", "curl");
  g_assert_cmpint (tool.status, ==, 2);
  g_assert_nonnull (strstr (tool.err, "countersign-cli import twurl"));
  cs_cli_run (&both, "import", "twurl", "--remove-secrets", "--keep-secrets");
  g_assert_cmpint (both.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();
  g_test_add_func ("/cli-import/twurl-keep", test_twurl_keep);
  g_test_add_func ("/cli-import/twurl-remove", test_twurl_remove);
  g_test_add_func ("/cli-import/xurl", test_xurl);
  g_test_add_func ("/cli-import/hostile", test_hostile);
  g_test_add_func ("/cli-import/huge-and-usage", test_huge_and_usage);
  return g_test_run ();
}
