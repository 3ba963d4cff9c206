/* test-issued-secrets.c — the secrets the OAuth 2.0 test providers issue are scanned for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15: the oauthlib OAuth 2.0 provider (tests/providers/oauthlib_oauth2_provider.py,
 * started by cs_test_oauthlib2_start) appends every secret it issues or accepts to
 * $CS_ISSUED_SECRETS_FILE, and build-aux/scan-secrets --issued refuses each of them in a log
 * or a file, as it is or percent-encoded, without printing it. Checked end to end here: a
 * real token from the provider, a log that holds it, the scan's verdict.
 */
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cs-test-http.h"
#include "cs-test-providers.h"

#define CLIENT_BASIC "Basic Y29uZmlkZW50aWFsLWNsaWVudC0wMDAxOmNvbmZpZGVudGlhbC1zZWNyZXQ="

static char *tmp_dir;

/* The value of the JSON string member @name in @body (our provider's flat answers). */
static char *
json_string (const char *body,
             const char *name)
{
  g_autofree char *key = g_strdup_printf ("\"%s\": \"", name);
  const char *p = strstr (body, key);
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (key);
  end = strchr (p, '"');
  return end ? g_strndup (p, end - p) : NULL;
}

static gboolean
file_has_line (const char *path,
               const char *line)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  return g_strv_contains ((const char * const *) lines, line);
}

static char *
client_credentials_token (const char *base)
{
  g_autofree char *url = g_strconcat (base, "/token", NULL);
  g_auto(CsHttpReply) reply = { 0 };

  cs_http_send (&reply, "POST", url, CLIENT_BASIC, "grant_type=client_credentials");
  g_assert_cmpuint (reply.status, ==, 200);
  return json_string (reply.body, "access_token");
}

/* Runs build-aux/scan-secrets; its exit status, its stderr in *@err. */
static int
run_scan (const char * const *args,
          char              **err)
{
  g_autofree char *scan = g_test_build_filename (G_TEST_DIST, "..", "build-aux", "scan-secrets",
                                                 NULL);
  g_autofree char *known = g_test_build_filename (G_TEST_DIST, "secrets", "known-secrets.txt",
                                                  NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  g_ptr_array_add (argv, scan);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) (strcmp (args[i], "KNOWN") == 0 ? known : args[i]));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static char *
write_tmp (const char *name,
           const char *text)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A token the provider issued is in the issued file; a log with it (as it is or
 * percent-encoded) fails the scan, which names the line but never prints the token; the same
 * log without it passes. */
static void
test_issued_token_is_scanned (void)
{
  const char *issued = g_getenv ("CS_ISSUED_SECRETS_FILE");
  g_autofree char *token = client_credentials_token (cs_test_oauthlib2_start ());
  g_autofree char *text = NULL;
  g_autofree char *leak = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err_clean = NULL;

  g_assert_nonnull (token);
  g_assert_true (file_has_line (issued, token));
  g_assert_true (file_has_line (issued, "confidential-secret"));

  text = g_strdup_printf ("test: leak\nDEBUG: Authorization: Bearer %s\n", token);
  leak = write_tmp ("leak.log", text);
  clean = write_tmp ("clean.log", "test: clean\nDEBUG: Authorization: Bearer [hidden]\n");
  g_assert_cmpint (run_scan ((const char *[]) { "--issued", issued, "KNOWN", leak, NULL }, &err),
                   ==, 1);
  g_assert_nonnull (strstr (err, "leak.log:2 (test leak)"));
  g_assert_null (strstr (err, token));
  g_assert_cmpint (run_scan ((const char *[]) { "--issued", issued, "KNOWN", clean, NULL },
                             &err_clean), ==, 0);
  g_assert_cmpstr (err_clean, ==, "");
}

/* A file written outside the keyring (a directory given with --tree) is scanned too; the
 * keyring's own files (encrypted) are not read. */
static void
test_issued_in_tree (void)
{
  const char *issued = g_getenv ("CS_ISSUED_SECRETS_FILE");
  g_autofree char *token = client_credentials_token (cs_test_oauthlib2_start ());
  g_autofree char *tree = g_build_filename (tmp_dir, "home", NULL);
  g_autofree char *keyrings = g_build_filename (tree, "keyrings", NULL);
  g_autofree char *keyring = g_build_filename (keyrings, "login.keyring", NULL);
  g_autofree char *config = g_build_filename (tree, "countersign.ini", NULL);
  g_autofree char *body = g_strdup_printf ("[x]\nsecret=%s\n", token);
  g_autofree char *empty = write_tmp ("empty.log", "");
  g_autofree char *err_tree = NULL;
  g_autofree char *err_keyring = NULL;

  g_assert_cmpint (g_mkdir_with_parents (keyrings, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyring, body, -1, NULL));
  g_assert_cmpint (run_scan ((const char *[]) { "--issued", issued, "--tree", tree, "KNOWN",
                                                empty, NULL }, &err_keyring), ==, 0);
  g_assert_true (g_file_set_contents (config, body, -1, NULL));
  g_assert_cmpint (run_scan ((const char *[]) { "--issued", issued, "--tree", tree, "KNOWN",
                                                empty, NULL }, &err_tree), ==, 1);
  g_assert_nonnull (strstr (err_tree, "countersign.ini:2"));
  g_assert_null (strstr (err_tree, "login.keyring"));
  g_assert_null (strstr (err_tree, token));
  g_assert_cmpint (g_remove (config), ==, 0);
  g_assert_cmpint (g_remove (keyring), ==, 0);
}

/* Runs @script (sh) under build-aux/with-keyring in a private session: its exit status. */
static int
run_with_keyring (const char *script,
                  const char *token)
{
  g_autofree char *with_keyring = g_test_build_filename (G_TEST_DIST, "..", "build-aux",
                                                         "with-keyring", NULL);
  g_autofree char *conf = g_test_build_filename (G_TEST_DIST, "store", "session.conf", NULL);
  g_autofree char *conf_arg = g_strconcat ("--config-file=", conf, NULL);
  const char *argv[] = { "dbus-run-session", conf_arg, "--", with_keyring, "sh", "-c", script,
                         "sh", token, NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

/* build-aux/with-keyring (the suite's and each store test's keyring) fails a command that
 * wrote an issued secret into a file of its throw-away home; the keyring itself may hold it. */
static void
test_issued_in_keyring_home (void)
{
  g_autofree char *token = client_credentials_token (cs_test_oauthlib2_start ());
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");

  if (daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }
  g_assert_cmpint (run_with_keyring ("exit 0", token), ==, 0);
  g_assert_cmpint (run_with_keyring ("mkdir -p \"$XDG_DATA_HOME/keyrings\" && "
                                     "echo \"$1\" > \"$XDG_DATA_HOME/keyrings/x.keyring\"",
                                     token), ==, 0);
  g_assert_cmpint (run_with_keyring ("mkdir -p \"$XDG_CONFIG_HOME/countersign\" && "
                                     "echo \"secret=$1\" > \"$XDG_CONFIG_HOME/countersign/a.ini\"",
                                     token), ==, 1);
  g_assert_cmpint (run_with_keyring ("exit 3", token), ==, 3);
}

/* cs_test_oauthlib2_start_with restarts the provider with other options (a fault for the
 * whole run), and cs_test_oauthlib2_start goes back to the plain one. */
static void
test_starter_options (void)
{
  g_autofree char *faulty = g_strconcat (cs_test_oauthlib2_start_with (
                                           (const char *[]) { "--fault", "html-token", NULL }),
                                         "/token", NULL);
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *token = NULL;

  cs_http_send (&reply, "POST", faulty, CLIENT_BASIC, "grant_type=client_credentials");
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (g_str_has_prefix (reply.body, "<!DOCTYPE html>"));
  token = client_credentials_token (cs_test_oauthlib2_start ());
  g_assert_nonnull (token);
}

static void
remove_tmp_dir (void)
{
  const char *names[] = { "leak.log", "clean.log", "empty.log", "issued-secrets.txt",
                          "home/keyrings", "home", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_file = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("cs-issued-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  /* build-aux/test sets it for the whole suite; a plain `meson test` gets one of its own. */
  if (g_getenv ("CS_ISSUED_SECRETS_FILE") == NULL)
    {
      own_file = write_tmp ("issued-secrets.txt", "");
      g_setenv ("CS_ISSUED_SECRETS_FILE", own_file, TRUE);
    }

  g_test_add_func ("/secrets/issued/token-scanned", test_issued_token_is_scanned);
  g_test_add_func ("/secrets/issued/tree", test_issued_in_tree);
  g_test_add_func ("/secrets/issued/keyring-home", test_issued_in_keyring_home);
  g_test_add_func ("/secrets/issued/starter-options", test_starter_options);
  status = g_test_run ();

  cs_test_oauthlib2_stop ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
