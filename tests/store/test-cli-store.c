/* test-cli-store.c — countersign-cli list, show and forget against a real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cs-test-cli.h"
#include "cs-test-keyring.h"
#include "cs-test-wait.h"
#include "cs-token-store.h"

#define TOKEN        "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"
#define TOKEN_SECRET "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"
#define CONSUMER_KEY "xvz1evFS4wEEPTGEFPHBog"
#define CONSUMER_SECRET "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"

/* Stores jane's credentials through the library; returns the id. */
static char *
store_jane (const char *consumer_secret)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com", CONSUMER_KEY, "jane",
                               TOKEN, TOKEN_SECRET);
  g_assert_true (cs_test_save (store, token, consumer_secret, &error));
  g_assert_no_error (error);
  return g_strdup (cs_stored_token_get_id (token));
}

static void
test_list (void)
{
  g_auto(CsCliRun) run = { 0 };
  g_auto(CsCliRun) empty = { 0 };
  g_autofree char *id = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GRegex) date = g_regex_new ("^20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]$",
                                        0, 0, NULL);

  cs_test_clear_keyring ();
  cs_cli_run (&empty, "list");
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_cmpstr (empty.out, ==, "");
  g_assert_nonnull (strstr (empty.err, "No credentials"));

  id = store_jane (CONSUMER_SECRET);
  cs_cli_run (&run, "list");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 4);
  g_assert_cmpstr (fields[0], ==, id);
  /* The provider's name as the window shows it now, not the one stored with the token. */
  g_assert_cmpstr (fields[1], ==, "X (Twitter)");
  g_assert_cmpstr (fields[2], ==, "@jane");
  g_assert_true (g_regex_match (date, fields[3], 0, NULL));
  /* No secret in a list: not the token, not its secret, not the consumer secret. */
  g_assert_null (strstr (run.out, TOKEN));
  g_assert_null (strstr (run.out, TOKEN_SECRET));
  g_assert_null (strstr (run.out, CONSUMER_SECRET));
  g_assert_null (strstr (run.err, TOKEN_SECRET));
}

static void
test_show (void)
{
  g_auto(CsCliRun) run = { 0 };
  g_autofree char *id = NULL;

  cs_test_clear_keyring ();
  id = store_jane (NULL);
  cs_cli_run (&run, "show", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out,
                                   "provider=twitter\n"
                                   "provider_name=X (Twitter)\n"
                                   "host=api.twitter.com\n"
                                   "account=jane\n"
                                   "consumer_key=" CONSUMER_KEY "\n"
                                   "access_token=" TOKEN "\n"
                                   "access_token_secret=" TOKEN_SECRET "\n"
                                   "stored=20"));
  g_assert_null (strstr (run.out, "consumer_secret="));
}

/* Two authorizations whose accounts are not known, with the same consumer key: both listed.
 * The account learned later (Test Credentials) names the profile of the twurl export. */
static void
test_list_unknown_accounts (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) first = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                        CONSUMER_KEY, NULL, "first-token",
                                                        TOKEN_SECRET);
  g_autoptr(CsStoredToken) second = cs_stored_token_new ("twitter", "Twitter",
                                                         "api.twitter.com", CONSUMER_KEY, NULL,
                                                         "second-token", TOKEN_SECRET);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jane_id = NULL;
  g_auto(CsCliRun) run = { 0 };
  g_auto(CsCliRun) before = { 0 };
  g_auto(CsCliRun) twurl = { 0 };
  g_auto(GStrv) lines = NULL;

  cs_test_clear_keyring ();
  g_assert_true (cs_test_save (store, first, CONSUMER_SECRET, &error));
  g_assert_true (cs_test_save (store, second, NULL, &error));
  g_assert_no_error (error);

  cs_cli_run (&run, "list");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (run.out, cs_stored_token_get_id (first)));
  g_assert_nonnull (strstr (run.out, cs_stored_token_get_id (second)));

  /* Before: twurl's placeholder profile; after: the account. */
  cs_cli_run (&before, "show", cs_stored_token_get_id (first), "--format", "twurlrc");
  g_assert_nonnull (strstr (before.out, "username: \"default\""));
  cs_token_store_set_account_async (store, cs_stored_token_get_id (first), "gui_tester", NULL,
                                    cs_test_on_result, &result);
  jane_id = cs_token_store_set_account_finish (store, cs_test_await (&result), &error);
  g_assert_no_error (error);
  cs_cli_run (&twurl, "show", jane_id, "--format", "twurlrc");
  g_assert_cmpint (twurl.status, ==, 0);
  g_assert_nonnull (strstr (twurl.out, "      username: \"gui_tester\"\n"));
  g_assert_null (strstr (twurl.out, "default\"\n  - "));
  g_assert_nonnull (strstr (twurl.out, "token: \"first-token\""));
}

static void
test_show_formats (void)
{
  g_auto(CsCliRun) json = { 0 };
  g_auto(CsCliRun) env = { 0 };
  g_auto(CsCliRun) twurl = { 0 };
  g_auto(CsCliRun) bad = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  cs_test_clear_keyring ();
  id = store_jane (CONSUMER_SECRET);

  cs_cli_run (&json, "show", id, "--format", "json");
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "twitter");
  g_assert_cmpstr (json_object_get_string_member (object, "consumer_secret"), ==, CONSUMER_SECRET);
  g_assert_cmpstr (json_object_get_string_member (object, "access_token"), ==, TOKEN);
  g_assert_cmpstr (json_object_get_string_member (object, "access_token_secret"), ==, TOKEN_SECRET);
  g_assert_cmpstr (json_object_get_string_member (object, "account"), ==, "jane");

  cs_cli_run (&env, "show", "--format=env", id);
  g_assert_cmpint (env.status, ==, 0);
  g_assert_nonnull (strstr (env.out, "export TWITTER_ACCESS_TOKEN_SECRET='" TOKEN_SECRET "'\n"));

  cs_cli_run (&twurl, "show", id, "--format", "twurlrc");
  g_assert_cmpint (twurl.status, ==, 0);
  g_assert_nonnull (strstr (twurl.out, "      secret: \"" TOKEN_SECRET "\"\n"));

  cs_cli_run (&bad, "show", id, "--format", "xml");
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--format"));
  g_assert_cmpstr (bad.out, ==, "");
}

/* curl needs the consumer secret: without it the command says why instead of printing a
 * header that cannot verify. */
static void
test_show_curl (void)
{
  g_auto(CsCliRun) run = { 0 };
  g_auto(CsCliRun) refused = { 0 };
  g_autofree char *id = NULL;

  cs_test_clear_keyring ();
  id = store_jane (NULL);
  cs_cli_run (&refused, "show", id, "--format", "curl");
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "consumer secret"));
  g_assert_cmpstr (refused.out, ==, "");

  g_free (id);
  id = store_jane (CONSUMER_SECRET);
  cs_cli_run (&run, "show", id, "--format", "curl");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "curl --header 'Authorization: OAuth "));
  g_assert_nonnull (strstr (run.out, "oauth_token=\"" TOKEN "\""));
  /* The preset's Test Credentials call: X API v2 GET /2/users/me (issue 14). */
  g_assert_nonnull (strstr (run.out, "https://api.x.com/2/users/me"));
}

static void
test_forget (void)
{
  g_auto(CsCliRun) forget = { 0 };
  g_auto(CsCliRun) list = { 0 };
  g_auto(CsCliRun) again = { 0 };
  g_auto(CsCliRun) show = { 0 };
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  CsStoredToken *token;

  cs_test_clear_keyring ();
  id = store_jane (CONSUMER_SECRET);
  cs_cli_run (&forget, "forget", id);
  g_assert_cmpint (forget.status, ==, 0);
  g_assert_nonnull (strstr (forget.out, id));

  cs_cli_run (&list, "list");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.out, ==, "");
  token = cs_test_lookup (store, id, &error);
  g_assert_null (token);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  /* Nothing of ours left in the keyring, the consumer secret included. */
  out = cs_test_secret_tool_search ("xdg:schema", "io.github.countersign.Countersign.Credentials");
  g_assert_cmpuint (cs_test_count (out, "label = "), ==, 0);

  /* An unknown id is an error, not an empty success. */
  cs_cli_run (&again, "forget", id);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, id));
  g_assert_nonnull (strstr (again.err, "No stored credentials"));
  cs_cli_run (&show, "show", id);
  g_assert_cmpint (show.status, ==, 2);
  g_assert_cmpstr (show.out, ==, "");
}

static void
test_usage (void)
{
  g_auto(CsCliRun) no_id = { 0 };
  g_auto(CsCliRun) two_ids = { 0 };
  g_auto(CsCliRun) help = { 0 };

  cs_cli_run (&no_id, "show");
  g_assert_cmpint (no_id.status, ==, 2);
  cs_cli_run (&two_ids, "forget", "a", "b");
  g_assert_cmpint (two_ids.status, ==, 2);
  cs_cli_run (&help, "show", "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "5  keyring error"));
  g_assert_nonnull (strstr (help.out, "no stored credentials with that id"));
}

/* Runs the CLI under @wrapper (NULL-terminated) with DBUS_SESSION_BUS_ADDRESS set as given
 * (NULL: left as the wrapper sets it) and no display to autolaunch a bus from. */
static void
run_cli_without_keyring (CsCliRun           *run,
                         const char         *bus_address,
                         const char * const *wrapper,
                         const char         *command)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; wrapper != NULL && wrapper[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) wrapper[i]);
  g_ptr_array_add (argv, (gpointer) g_getenv ("COUNTERSIGN_CLI"));
  g_ptr_array_add (argv, (gpointer) command);
  if (g_str_equal (command, "show") || g_str_equal (command, "forget"))
    g_ptr_array_add (argv, (gpointer) "0123abcd");
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");
  if (bus_address != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

/* A session bus with no Secret Service on it and none that can be started: every keyring
 * command exits 5 and says what to do. */
static void
test_no_keyring_service (void)
{
  g_autofree char *conf = g_test_build_filename (G_TEST_DIST, "store", "session.conf", NULL);
  g_autofree char *conf_arg = g_strconcat ("--config-file=", conf, NULL);
  const char *wrapper[] = { "dbus-run-session", conf_arg, "--", NULL };
  const char *commands[] = { "list", "show", "forget" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CsCliRun) run = { 0 };

      run_cli_without_keyring (&run, NULL, wrapper, commands[i]);
      g_test_message ("%s: %s", commands[i], run.err);
      g_assert_cmpint (run.status, ==, 5);
      g_assert_nonnull (strstr (run.err, "No keyring service is running: start GNOME Keyring or "
                                         "another Secret Service, then retry"));
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* No session bus at all (nothing listens at the address). */
static void
test_no_session_bus (void)
{
  g_autofree char *dir = g_dir_make_tmp ("countersign-nobus-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix:path=%s/bus", dir);
  g_auto(CsCliRun) run = { 0 };

  run_cli_without_keyring (&run, address, NULL, "list");
  g_assert_cmpint (run.status, ==, 5);
  g_assert_nonnull (strstr (run.err, "No keyring service is running"));
  g_rmdir (dir);
}

/* A token saved for the user's provider: list, show and the export variables use the name the
 * user gave it (and gives it again in Preferences), not the host it was first named after. */
static void
test_user_provider_name (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_dir_make_tmp ("countersign-cli-XXXXXX", &error);
  g_autofree char *dir = g_build_filename (config, "countersign", "providers", NULL);
  g_autofree char *file = g_build_filename (dir, "127.0.0.1.provider", NULL);
  g_autofree char *xdg = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
  const char *env[] = { xdg, NULL };
  g_auto(CsCliRun) list = { 0 };
  g_auto(CsCliRun) show = { 0 };
  g_auto(CsCliRun) exported = { 0 };
  g_auto(CsCliRun) providers = { 0 };

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "[Provider]\nId=127.0.0.1\nName=My Test Server\n"
                                      "RequestTokenURL=http://127.0.0.1:9/request\n"
                                      "AuthorizeURL=http://127.0.0.1:9/authorize\n"
                                      "AccessTokenURL=http://127.0.0.1:9/access\n", -1, NULL));
  cs_test_clear_keyring ();
  token = cs_stored_token_new ("127.0.0.1", "127.0.0.1", "127.0.0.1", CONSUMER_KEY, "jane",
                               TOKEN, TOKEN_SECRET);
  g_assert_true (cs_test_save (store, token, CONSUMER_SECRET, &error));
  g_assert_no_error (error);

  cs_cli_run_full (&list, env, NULL, (const char * const[]) { "list", NULL });
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "\tMy Test Server\t@jane\t"));
  cs_cli_run_full (&show, env, NULL,
                   (const char * const[]) { "show", cs_stored_token_get_id (token), NULL });
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "provider_name=My Test Server\n"));
  g_assert_null (strstr (show.out, "provider_name=127"));
  cs_cli_run_full (&exported, env, NULL,
                   (const char * const[]) { "show", cs_stored_token_get_id (token), "--format",
                                            "env", NULL });
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_true (g_str_has_prefix (exported.out, "export MY_TEST_SERVER_CONSUMER_KEY="));
  g_assert_null (strstr (exported.out, "OAUTH_127"));
  cs_cli_run_full (&providers, env, NULL, (const char * const[]) { "providers", NULL });
  g_assert_nonnull (strstr (providers.out, "My Test Server"));

  cs_test_clear_keyring ();
  g_assert_cmpint (g_remove (file), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();

  g_test_add_func ("/cli-store/list", test_list);
  g_test_add_func ("/cli-store/list/unknown-accounts", test_list_unknown_accounts);
  g_test_add_func ("/cli-store/show", test_show);
  g_test_add_func ("/cli-store/user-provider-name", test_user_provider_name);
  g_test_add_func ("/cli-store/show/formats", test_show_formats);
  g_test_add_func ("/cli-store/show/curl", test_show_curl);
  g_test_add_func ("/cli-store/forget", test_forget);
  g_test_add_func ("/cli-store/usage", test_usage);
  g_test_add_func ("/cli-store/no-keyring-service", test_no_keyring_service);
  g_test_add_func ("/cli-store/no-session-bus", test_no_session_bus);
  return g_test_run ();
}
