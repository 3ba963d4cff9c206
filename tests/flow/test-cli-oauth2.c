/* test-cli-oauth2.c — countersign-cli's OAuth 2.0 commands end to end, against the
 * independent python3-oauthlib provider (tests/providers/oauthlib_oauth2_provider.py) and the
 * built-in demo provider, with a real keyring (run through keyring-session)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the browser: it reads the authorize URL the CLI prints on stderr and GETs it
 * (oauthlib with auto=allow answers the redirect at once; the demo's consent form is
 * submitted), then follows the redirect to the CLI's loopback server.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cs-percent.h"
#include "cs-test-cli.h"
#include "cs-test-http.h"
#include "cs-test-keyring.h"
#include "cs-test-providers.h"

#define PUBLIC_CLIENT       "public-client-0001"
#define CONFIDENTIAL_CLIENT "confidential-client-0001"
#define CONFIDENTIAL_SECRET "confidential-secret"

static guint loopback_port;
static char *config_home;

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("COUNTERSIGN_CLI");

  g_assert_nonnull (cli);
  return cli;
}

/* A loopback port nothing listens on now, for --redirect loopback:PORT. */
/* The oauthlib provider with the test's loopback redirect registered (and @extra). */
static const char *
oauthlib (const char *extra)
{
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", loopback_port);
  const char *args[] = { "--redirect-uri", redirect, extra, extra ? "30" : NULL, NULL };

  return cs_test_oauthlib2_start_with (args);
}

static char *
url_at (const char *base,
        const char *path)
{
  return g_strconcat (base, path, NULL);
}

/* Runs the CLI with @args, the test's config folder and @env (may be NULL). */
static void
run_cli (CsCliRun           *run,
         const char         *env,
         const char * const *args)
{
  g_autofree char *home = g_strconcat ("XDG_CONFIG_HOME=", config_home, NULL);
  const char *full_env[] = { home, env, NULL };

  cs_cli_run_full (run, full_env, NULL, args);
}

static void
start_cli (CsProc             *p,
           const char         *env,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *home = g_strconcat ("XDG_CONFIG_HOME=", config_home, NULL);
  const char *full_env[] = { home, env, NULL };

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  cs_proc_start (p, full_env, (const char * const *) argv->pdata);
}

/* The browser at oauthlib: the authorize URL with auto=allow, then the redirect to the CLI. */
static void
oauthlib_browser (CsProc     *p,
                  const char *base)
{
  g_autofree char *url = cs_proc_err_line_with_prefix (p, base);
  g_autofree char *allow = g_strconcat (url, "&auto=allow", NULL);
  g_auto(CsHttpReply) redirect = { 0 };
  g_auto(CsHttpReply) landing = { 0 };

  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  cs_http_send (&redirect, "GET", allow, NULL, NULL);
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_nonnull (redirect.location);
  g_assert_true (g_str_has_prefix (redirect.location, "http://127.0.0.1:"));
  cs_http_send (&landing, "GET", redirect.location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
}

static JsonObject *
parse_json (JsonParser *parser,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The id after "Saved in the keyring as ". */
static char *
saved_id (const char *err)
{
  const char *at = strstr (err, "Saved in the keyring as ");

  g_assert_nonnull (at);
  at += strlen ("Saved in the keyring as ");
  return g_strndup (at, strcspn (at, " \n"));
}

/* One authorization through the CLI; returns the JSON it printed (the id in @id). */
static JsonObject *
authorize (JsonParser *parser,
           const char *base,
           const char *client,
           const char *secret_env,
           const char *provider_or_null,
           char      **id)
{
  g_autofree char *authorize_url = url_at (base, "/authorize");
  g_autofree char *token_url = url_at (base, "/token");
  g_autofree char *redirect = g_strdup_printf ("loopback:%u", loopback_port);
  const char *args[] = { "oauth2", "authorize", "--client-id", client, "--scope",
                         "read offline_access", "--redirect", redirect, "--no-browser",
                         "--format", "json", "--timeout", "20",
                         provider_or_null ? "--provider" : "--authorize-url",
                         provider_or_null ? provider_or_null : authorize_url,
                         provider_or_null ? NULL : "--token-url", token_url, NULL };
  g_auto(CsProc) p = { 0 };
  JsonObject *object;

  start_cli (&p, secret_env, args);
  oauthlib_browser (&p, base);
  cs_proc_finish (&p, NULL);
  g_test_message ("stderr: %s", p.err_text->str);
  g_assert_cmpint (p.status, ==, 0);
  object = parse_json (parser, p.out);
  g_assert_nonnull (json_object_get_string_member (object, "access_token"));
  g_assert_cmpstr (json_object_get_string_member (object, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (object, "expires_in"), >, 0);
  g_assert_nonnull (json_object_get_string_member (object, "refresh_token"));
  cs_assert_no_secret (p.err_text->str, json_object_get_string_member (object, "access_token"));
  cs_assert_no_secret (p.err_text->str, json_object_get_string_member (object, "refresh_token"));
  cs_assert_no_secret (p.err_text->str, CONFIDENTIAL_SECRET);
  *id = saved_id (p.err_text->str);
  return object;
}

static const char *
show_field (CsCliRun   *run,
            const char *id,
            const char *name,
            GPtrArray **fields)
{
  run_cli (run, NULL, (const char *[]) { "show", id, NULL });
  g_assert_cmpint (run->status, ==, 0);
  *fields = cs_parse_lines (run->out);
  return cs_param_list_get (*fields, name);
}

/* Authorize (public and confidential), then refresh rotates the stored item. */
static void
test_authorize_refresh (gconstpointer data)
{
  gboolean confidential = GPOINTER_TO_INT (data);
  const char *client = confidential ? CONFIDENTIAL_CLIENT : PUBLIC_CLIENT;
  const char *env = confidential ? "COUNTERSIGN_CLIENT_SECRET=" CONFIDENTIAL_SECRET : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *old_refresh = NULL;
  g_autofree char *token_url = NULL;
  g_auto(CsCliRun) refresh = { 0 };
  g_auto(CsCliRun) reused = { 0 };
  g_auto(CsCliRun) show1 = { 0 };
  g_auto(CsCliRun) show2 = { 0 };
  JsonObject *first;
  JsonObject *second;

  cs_test_clear_keyring ();
  first = authorize (parser, oauthlib (NULL), client, env, NULL, &id);
  old_refresh = g_strdup (json_object_get_string_member (first, "refresh_token"));
  g_assert_cmpstr (show_field (&show1, id, "access_token", &before), ==,
                   json_object_get_string_member (first, "access_token"));

  /* No --refresh-token: the stored one, and the stored item rotates. */
  token_url = url_at (oauthlib (NULL), "/token");
  run_cli (&refresh, env, (const char *[]) { "oauth2", "refresh", "--token-url", token_url,
                                             "--client-id", client, "--format", "json", NULL });
  g_test_message ("refresh: %s", refresh.err);
  g_assert_cmpint (refresh.status, ==, 0);
  second = parse_json (parser2, refresh.out);
  g_assert_cmpstr (json_object_get_string_member (second, "access_token"), !=,
                   json_object_get_string_member (first, "access_token"));
  g_assert_cmpstr (json_object_get_string_member (second, "refresh_token"), !=, old_refresh);
  cs_assert_no_secret (refresh.err, old_refresh);
  cs_assert_no_secret (refresh.err, json_object_get_string_member (second, "refresh_token"));
  g_assert_cmpstr (show_field (&show2, id, "refresh_token", &after), ==,
                   json_object_get_string_member (second, "refresh_token"));

  /* The old refresh token is spent: refused (4), the provider's error on stderr. */
  run_cli (&reused, env, (const char *[]) { "oauth2", "refresh", "--token-url", token_url,
                                            "--client-id", client, "--refresh-token",
                                            old_refresh, "--no-store", NULL });
  g_assert_cmpint (reused.status, ==, 4);
  g_assert_cmpstr (reused.out, ==, "");
  g_assert_nonnull (strstr (reused.err, "invalid_grant"));
  cs_assert_no_secret (reused.err, old_refresh);
}

/* --no-store prints the tokens and leaves the keyring as it was. */
static void
test_no_store (void)
{
  const char *base = oauthlib (NULL);
  g_autofree char *authorize_url = url_at (base, "/authorize");
  g_autofree char *token_url = url_at (base, "/token");
  g_autofree char *redirect = g_strdup_printf ("loopback:%u", loopback_port);
  g_auto(CsProc) p = { 0 };
  g_auto(CsCliRun) list = { 0 };
  g_autoptr(GPtrArray) fields = NULL;

  cs_test_clear_keyring ();
  start_cli (&p, NULL, (const char *[]) { "oauth2", "authorize", "--authorize-url",
                                          authorize_url, "--token-url", token_url,
                                          "--client-id", PUBLIC_CLIENT, "--redirect", redirect,
                                          "--no-browser", "--no-store", NULL });
  oauthlib_browser (&p, base);
  cs_proc_finish (&p, NULL);
  g_assert_cmpint (p.status, ==, 0);
  fields = cs_parse_lines (p.out);
  /* lines: the fields in the order received, decoded. */
  g_assert_cmpuint (fields->len, >=, 3);
  g_assert_nonnull (cs_param_list_get (fields, "access_token"));
  g_assert_cmpstr (cs_param_list_get (fields, "token_type"), ==, "Bearer");
  g_assert_null (strstr (p.err_text->str, "Saved in the keyring"));
  cs_assert_no_secret (p.err_text->str, cs_param_list_get (fields, "access_token"));
  run_cli (&list, NULL, (const char *[]) { "list", NULL });
  g_assert_cmpstr (list.out, ==, "");
}

/* A provider of the user's (its OAuth 2.0 URLs and /me to learn the account). */
static void
write_user_provider (const char *base)
{
  g_autofree char *dir = g_build_filename (config_home, "countersign", "providers", NULL);
  g_autofree char *path = g_build_filename (dir, "o2test.provider", NULL);
  g_autofree char *text = g_strdup_printf ("[Provider]\nId=o2test\nName=OAuth 2.0 Test\n"
                                           "OAuth2AuthorizeURL=%s/authorize\n"
                                           "OAuth2TokenURL=%s/token\n"
                                           "OAuth2RevokeURL=%s/revoke\n"
                                           "VerifyCredentialsURL=%s/me\n",
                                           base, base, base, base);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* token --account and call --account, list/show/export of the stored item; an access token
 * that expires within the minute is refreshed before it is printed or used. */
static void
test_stored_account (void)
{
  const char *base = oauthlib ("--expires-in");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;
  g_autofree char *me = url_at (base, "/me");
  g_auto(CsCliRun) token = { 0 };
  g_auto(CsCliRun) call = { 0 };
  g_auto(CsCliRun) list = { 0 };
  g_auto(CsCliRun) curl = { 0 };
  g_auto(CsCliRun) json = { 0 };
  g_auto(CsCliRun) env = { 0 };
  g_auto(CsCliRun) dotenv = { 0 };
  g_auto(CsCliRun) lines = { 0 };
  g_auto(CsCliRun) twurl = { 0 };
  JsonObject *first;

  cs_test_clear_keyring ();
  write_user_provider (base);
  first = authorize (parser, base, PUBLIC_CLIENT, NULL, "o2test", &id);

  run_cli (&list, NULL, (const char *[]) { "list", NULL });
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, id));
  g_assert_nonnull (strstr (list.out, "\tOAuth 2.0 Test (OAuth 2.0)\t@oauthlib_user\t"));

  run_cli (&token, NULL, (const char *[]) { "token", "--account", "oauthlib_user", NULL });
  g_test_message ("token: %s", token.err);
  g_assert_cmpint (token.status, ==, 0);
  g_assert_true (g_str_has_suffix (token.out, "\n"));
  g_assert_null (strchr (token.out, '='));
  /* Expires in 30 s, within the minute: refreshed first. */
  g_assert_cmpstr (g_strchomp (token.out), !=,
                   json_object_get_string_member (first, "access_token"));

  run_cli (&call, NULL, (const char *[]) { "call", "--account", "oauthlib_user", "--url", me,
                                           NULL });
  g_test_message ("call: %s", call.err);
  g_assert_cmpint (call.status, ==, 0);
  g_assert_nonnull (strstr (call.out, "\"username\": \"oauthlib_user\"") ?:
                    strstr (call.out, "\"username\":\"oauthlib_user\""));

  run_cli (&curl, NULL, (const char *[]) { "show", id, "--format", "curl", NULL });
  g_assert_cmpint (curl.status, ==, 0);
  g_assert_nonnull (strstr (curl.out, "Authorization: Bearer "));
  g_assert_nonnull (strstr (curl.out, "/me"));
  run_cli (&json, NULL, (const char *[]) { "show", id, "--format", "json", NULL });
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"access_token\""));
  g_assert_nonnull (strstr (json.out, "\"refresh_token\""));
  run_cli (&env, NULL, (const char *[]) { "show", id, "--format", "env", NULL });
  g_assert_cmpint (env.status, ==, 0);
  g_assert_nonnull (strstr (env.out, "_ACCESS_TOKEN='"));
  g_assert_nonnull (strstr (env.out, "_REFRESH_TOKEN='"));
  run_cli (&dotenv, NULL, (const char *[]) { "show", id, "--format", "dotenv", NULL });
  g_assert_cmpint (dotenv.status, ==, 0);
  g_assert_true (g_str_has_prefix (dotenv.out, "OAUTH_2_0_TEST_CLIENT_ID='" PUBLIC_CLIENT "'\n"));
  run_cli (&lines, NULL, (const char *[]) { "show", id, NULL });
  g_assert_cmpint (lines.status, ==, 0);
  g_assert_true (g_str_has_prefix (lines.out, "protocol=oauth2\nprovider=o2test\n"));
  g_assert_nonnull (strstr (lines.out, "\naccount=oauthlib_user\n"));
  g_assert_nonnull (strstr (lines.out, "\nclient_id=" PUBLIC_CLIENT "\n"));
  run_cli (&twurl, NULL, (const char *[]) { "show", id, "--format", "twurlrc", NULL });
  g_assert_cmpint (twurl.status, ==, 2);
  g_assert_nonnull (strstr (twurl.err, "OAuth 2.0"));
}

/* revoke: the access token no longer works at the provider. */
static void
test_revoke (void)
{
  const char *base = oauthlib (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;
  g_autofree char *revoke_url = url_at (base, "/revoke");
  g_autofree char *me = url_at (base, "/me");
  g_autofree char *bearer = NULL;
  g_auto(CsCliRun) revoke = { 0 };
  g_auto(CsCliRun) bad_hint = { 0 };
  g_auto(CsHttpReply) before = { 0 };
  g_auto(CsHttpReply) after = { 0 };
  JsonObject *object;

  cs_test_clear_keyring ();
  object = authorize (parser, base, PUBLIC_CLIENT, NULL, NULL, &id);
  bearer = g_strconcat ("Bearer ", json_object_get_string_member (object, "access_token"), NULL);
  cs_http_send (&before, "GET", me, bearer, NULL);
  g_assert_cmpuint (before.status, ==, 200);
  run_cli (&revoke, NULL, (const char *[]) { "oauth2", "revoke", "--revoke-url", revoke_url,
                                             "--client-id", PUBLIC_CLIENT, "--token",
                                             json_object_get_string_member (object,
                                                                            "access_token"),
                                             "--token-type-hint", "access_token", NULL });
  g_assert_cmpint (revoke.status, ==, 0);
  g_assert_cmpstr (revoke.out, ==, "");
  cs_http_send (&after, "GET", me, bearer, NULL);
  g_assert_cmpuint (after.status, ==, 401);

  run_cli (&bad_hint, NULL, (const char *[]) { "oauth2", "revoke", "--revoke-url", revoke_url,
                                               "--client-id", PUBLIC_CLIENT, "--token", "t",
                                               "--token-type-hint", "id_token", NULL });
  g_assert_cmpint (bad_hint.status, ==, 2);
}

static void
test_client_credentials (void)
{
  const char *base = oauthlib (NULL);
  g_autofree char *token_url = url_at (base, "/token");
  g_auto(CsCliRun) ok = { 0 };
  g_auto(CsCliRun) no_secret = { 0 };
  g_auto(CsCliRun) wrong = { 0 };
  g_autoptr(GPtrArray) fields = NULL;

  run_cli (&ok, "COUNTERSIGN_CLIENT_SECRET=" CONFIDENTIAL_SECRET,
           (const char *[]) { "oauth2", "client-credentials", "--token-url", token_url,
                              "--client-id", CONFIDENTIAL_CLIENT, "--format", "env", NULL });
  g_test_message ("client-credentials: %s", ok.err);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_true (g_str_has_prefix (ok.out, "export COUNTERSIGN_ACCESS_TOKEN='"));
  g_assert_nonnull (strstr (ok.out, "export COUNTERSIGN_TOKEN_TYPE='Bearer'"));
  cs_assert_no_secret (ok.err, CONFIDENTIAL_SECRET);

  run_cli (&no_secret, NULL, (const char *[]) { "oauth2", "client-credentials", "--token-url",
                                                token_url, "--client-id", CONFIDENTIAL_CLIENT,
                                                NULL });
  g_assert_cmpint (no_secret.status, ==, 2);
  g_assert_nonnull (strstr (no_secret.err, "--client-secret"));

  /* A wrong secret: refused with the provider's error. */
  run_cli (&wrong, "COUNTERSIGN_CLIENT_SECRET=not-the-secret",
           (const char *[]) { "oauth2", "client-credentials", "--token-url", token_url,
                              "--client-id", CONFIDENTIAL_CLIENT, NULL });
  g_assert_cmpint (wrong.status, ==, 4);
  g_assert_nonnull (strstr (wrong.err, "invalid_client"));
  g_assert_cmpstr (wrong.out, ==, "");
  cs_assert_no_secret (wrong.err, "not-the-secret");
  (void) fields;
}

/* A token endpoint that never answers: exit 3 after --timeout. */
static void
test_timeout (void)
{
  const char *base = oauthlib (NULL);
  g_autofree char *token_url = url_at (base, "/fault/hang-token/token");
  g_auto(CsCliRun) run = { 0 };

  run_cli (&run, NULL, (const char *[]) { "oauth2", "refresh", "--token-url", token_url,
                                          "--client-id", PUBLIC_CLIENT, "--refresh-token",
                                          "some-refresh-token", "--no-store", "--timeout", "2",
                                          NULL });
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "");
  cs_assert_no_secret (run.err, "some-refresh-token");
}

/* The exact interface's usage errors: exit 2, a message naming the option, nothing sent. */
static void
test_usage (void)
{
  static const char * const cases[][16] = {
    { "oauth2", NULL },
    { "oauth2", "no-such-sub-command", NULL },
    { "oauth2", "authorize", "--client-id", "c", NULL },
    { "oauth2", "authorize", "--authorize-url", "http://127.0.0.1:1/a", "--token-url",
      "http://127.0.0.1:1/t", NULL },
    { "oauth2", "authorize", "--authorize-url", "http://127.0.0.1:1/a", "--token-url",
      "http://127.0.0.1:1/t", "--client-id", "c", "--redirect", "loopback:0", NULL },
    { "oauth2", "authorize", "--authorize-url", "http://127.0.0.1:1/a", "--token-url",
      "http://127.0.0.1:1/t", "--client-id", "c", "--redirect", "nowhere", NULL },
    { "oauth2", "authorize", "--authorize-url", "http://127.0.0.1:1/a", "--token-url",
      "http://127.0.0.1:1/t", "--client-id", "c", "--format", "xml", NULL },
    { "oauth2", "refresh", "--token-url", "http://127.0.0.1:1/t", "--client-id", "c",
      "--refresh-token", "r", "--timeout", "0", NULL },
    { "oauth2", "refresh", "--client-id", "c", "--refresh-token", "r", NULL },
    { "oauth2", "revoke", "--revoke-url", "http://127.0.0.1:1/r", "--client-id", "c", NULL },
    { "oauth2", "client-credentials", "--token-url", "http://127.0.0.1:1/t", NULL },
    { "oauth2", "exchange", "--token-url", "http://127.0.0.1:1/t", "--token", "t", NULL },
    { "oauth2", "authorize", "--provider", "no-such-provider", "--client-id", "c", NULL },
    { "token", NULL },
    { "token", "--account", "nobody-stored", NULL },
    { "oauth2", "refresh", "--token-url", "http://127.0.0.1:1/t", "--client-id", "c",
      "stray-argument", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CsCliRun) run = { 0 };

      run_cli (&run, NULL, cases[i]);
      g_test_message ("%s %s: %d %s", cases[i][0], cases[i][1] ?: "", run.status, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "countersign-cli"));
    }
}

/* --help of every sub-command lists --timeout; `oauth2 --help` the sub-commands. */
static void
test_help (void)
{
  static const char * const subs[] = { "authorize", "refresh", "revoke", "client-credentials",
                                       "exchange" };
  g_auto(CsCliRun) top = { 0 };
  g_auto(CsCliRun) main_help = { 0 };

  run_cli (&top, NULL, (const char *[]) { "oauth2", "--help", NULL });
  g_assert_cmpint (top.status, ==, 0);
  run_cli (&main_help, NULL, (const char *[]) { "--help", NULL });
  g_assert_nonnull (strstr (main_help.out, "  oauth2 "));
  g_assert_nonnull (strstr (main_help.out, "  token "));
  for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
    {
      g_auto(CsCliRun) run = { 0 };

      g_assert_nonnull (strstr (top.out, subs[i]));
      run_cli (&run, NULL, (const char *[]) { "oauth2", subs[i], "--help", NULL });
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "countersign-cli oauth2 "));
      g_assert_nonnull (strstr (run.out, "--timeout"));
    }
}

/* --redirect URL: the address the browser was sent to, pasted on stdin; a keyring that
 * cannot be reached: exit 5, the tokens printed all the same. */
static void
test_pasted_keyring_failure (void)
{
  const char *base = oauthlib (NULL);
  g_autofree char *authorize_url = url_at (base, "/authorize");
  g_autofree char *token_url = url_at (base, "/token");
  g_autofree char *home = g_strconcat ("XDG_CONFIG_HOME=", config_home, NULL);
  const char *env[] = { home, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/cs-test", NULL };
  const char *argv[] = { cli_path (), "oauth2", "authorize", "--authorize-url", authorize_url,
                         "--token-url", token_url, "--client-id", PUBLIC_CLIENT, "--redirect",
                         "io.github.countersign.countersign:/callback", "--no-browser",
                         "--format", "env", NULL };
  g_auto(CsProc) p = { 0 };
  g_auto(CsHttpReply) redirect = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *allow = NULL;
  g_autofree char *pasted = NULL;

  cs_proc_start (&p, env, argv);
  url = cs_proc_err_line_with_prefix (&p, base);
  allow = g_strconcat (url, "&auto=allow", NULL);
  cs_http_send (&redirect, "GET", allow, NULL, NULL);
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_true (g_str_has_prefix (redirect.location, "io.github.countersign.countersign:/"));
  pasted = g_strconcat (redirect.location, "\n", NULL);
  cs_proc_finish (&p, pasted);
  g_test_message ("stderr: %s", p.err_text->str);
  g_assert_cmpint (p.status, ==, 5);
  g_assert_true (g_str_has_prefix (p.out, "export COUNTERSIGN_ACCESS_TOKEN='"));
  g_assert_nonnull (strstr (p.out, "\nexport COUNTERSIGN_TOKEN_TYPE='Bearer'\n"));
  g_assert_nonnull (strstr (p.err_text->str, "keyring"));
}

/* The demo provider: `oauth2 authorize --provider demo`, the browser submitting its consent
 * form. */

/* Opens the demo's consent page and presses @button; returns the redirect's address. */
static char *
demo_consent (const char *authorize_url,
              const char *button)
{
  g_auto(CsHttpReply) page = { 0 };
  g_auto(CsHttpReply) reply = { 0 };
  g_autoptr(GRegex) regex = g_regex_new ("name=\"consent\" value=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *action = g_strndup (authorize_url, strcspn (authorize_url, "?"));
  g_autofree char *form = NULL;

  cs_http_send (&page, "GET", authorize_url, NULL, NULL);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.body, "id=\"allow\""));
  g_assert_nonnull (strstr (page.body, "id=\"deny\""));
  g_assert_true (g_regex_match (regex, page.body, 0, &match));
  consent = g_match_info_fetch (match, 1);
  form = g_strdup_printf ("consent=%s&action=%s", consent, button);
  cs_http_send (&reply, "POST", action, NULL, form);
  g_assert_cmpuint (reply.status, ==, 302);
  g_assert_nonnull (reply.location);
  return g_steal_pointer (&reply.location);
}

/* Public (the default client) and confidential (its secret from the demo preset) clients;
 * the confidential run stores the tokens under the account the bearer's test call names. */
static void
test_demo_authorize (gconstpointer data)
{
  gboolean confidential = GPOINTER_TO_INT (data);
  g_autofree char *redirect = g_strdup_printf ("loopback:%u", loopback_port);
  const char *args[] = { "oauth2", "authorize", "--provider", "demo", "--redirect", redirect,
                         "--no-browser", "--format", "json",
                         confidential ? "--client-id" : "--no-store",
                         confidential ? "countersign-demo-confidential" : NULL, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CsProc) p = { 0 };
  g_auto(CsHttpReply) landing = { 0 };
  g_auto(CsCliRun) list = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  JsonObject *object;

  cs_test_clear_keyring ();
  start_cli (&p, NULL, args);
  url = cs_proc_err_line_with_prefix (&p, "http://127.0.0.1:");
  g_assert_nonnull (strstr (url, "/oauth2/authorize?"));
  g_assert_nonnull (strstr (url, confidential ? "client_id=countersign-demo-confidential"
                                              : "client_id=countersign-demo-client"));
  location = demo_consent (url, "allow");
  cs_http_send (&landing, "GET", location, NULL, NULL);
  g_assert_cmpuint (landing.status, ==, 200);
  cs_proc_finish (&p, NULL);
  g_test_message ("stderr: %s", p.err_text->str);
  g_assert_cmpint (p.status, ==, 0);
  object = parse_json (parser, p.out);
  g_assert_cmpint (json_object_get_int_member (object, "expires_in"), ==, 7200);
  g_assert_nonnull (json_object_get_string_member (object, "refresh_token"));
  cs_assert_no_secret (p.err_text->str, json_object_get_string_member (object, "access_token"));
  cs_assert_no_secret (p.err_text->str, json_object_get_string_member (object, "refresh_token"));
  cs_assert_no_secret (p.err_text->str, "countersign-demo-client-secret");
  run_cli (&list, NULL, (const char *[]) { "list", NULL });
  if (confidential)
    g_assert_nonnull (strstr (list.out, "@demo_user"));
  else
    g_assert_cmpstr (list.out, ==, "");
}

/* Deny: exit 4, the provider's error on stderr, nothing on stdout. */
static void
test_demo_denied (void)
{
  g_autofree char *redirect = g_strdup_printf ("loopback:%u", loopback_port);
  g_auto(CsProc) p = { 0 };
  g_auto(CsHttpReply) landing = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;

  start_cli (&p, NULL, (const char *[]) { "oauth2", "authorize", "--provider", "demo",
                                          "--redirect", redirect, "--no-browser", "--no-store",
                                          NULL });
  url = cs_proc_err_line_with_prefix (&p, "http://127.0.0.1:");
  location = demo_consent (url, "deny");
  g_assert_nonnull (strstr (location, "error=access_denied"));
  cs_http_send (&landing, "GET", location, NULL, NULL);
  cs_proc_finish (&p, NULL);
  g_assert_cmpint (p.status, ==, 4);
  g_assert_cmpstr (p.out, ==, "");
  g_assert_nonnull (strstr (p.err_text->str, "access_denied"));
}

static void
write_oauth1_provider (const char *request_url,
                       const char *authorize_url,
                       const char *access_url,
                       const char *verify_url)
{
  g_autofree char *dir = g_build_filename (config_home, "countersign", "providers", NULL);
  g_autofree char *path = g_build_filename (dir, "demo1.provider", NULL);
  g_autofree char *text = g_strdup_printf ("[Provider]\nId=demo1\nName=Demo One\n"
                                           "RequestTokenURL=%s\nAuthorizeURL=%s\n"
                                           "AccessTokenURL=%s\nVerifyCredentialsURL=%s\n",
                                           request_url, authorize_url, access_url, verify_url);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* A demo OAuth 1.0a credential (from a demo provider that outlives the commands) exchanged
 * for an OAuth 2.0 pair. */
static void
test_demo_exchange (void)
{
  g_autoptr(GSubprocess) demo = NULL;
  g_autofree char *info = cs_test_demo_cli_start (&demo);
  g_autofree char *request_url = cs_test_value_after_label (info, "Request token URL:");
  g_autofree char *authorize_url = cs_test_value_after_label (info, "Authorize URL:");
  g_autofree char *access_url = cs_test_value_after_label (info, "Access token URL:");
  g_autofree char *token_url = cs_test_value_after_label (info, "OAuth 2.0 token:");
  g_autofree char *verify_url = cs_test_value_after_label (info, "Verify credentials:");
  g_auto(CsCliRun) signed_call = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) oauth1 = NULL;
  g_auto(CsProc) p = { 0 };
  g_auto(CsCliRun) exchange = { 0 };
  g_auto(CsHttpReply) page = { 0 };
  g_auto(CsHttpReply) pin_page = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *form = NULL;
  g_autofree char *action = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *stdin_text = NULL;
  g_autofree char *secret_env = NULL;
  JsonObject *object;

  /* Saved under a provider of the user's with these endpoints, so that call --account finds
   * them again. */
  cs_test_clear_keyring ();
  write_oauth1_provider (request_url, authorize_url, access_url, verify_url);
  start_cli (&p, "COUNTERSIGN_CONSUMER_SECRET=countersign-demo-secret",
             (const char *[]) { "authorize", "--request-token-url", request_url,
                                "--authorize-url", authorize_url, "--access-token-url",
                                access_url, "--consumer-key", "countersign-demo-consumer",
                                "--no-browser", "--store-consumer-secret", NULL });
  url = cs_proc_err_line_with_prefix (&p, "http://127.0.0.1:");
  token = cs_url_query_value (url, "oauth_token");
  action = g_strndup (url, strcspn (url, "?"));
  form = g_strdup_printf ("oauth_token=%s&action=allow", token);
  cs_http_send (&page, "GET", url, NULL, NULL);
  cs_http_send (&pin_page, "POST", action, NULL, form);
  pin = cs_html_element_text (pin_page.body, "pin");
  g_assert_nonnull (pin);
  stdin_text = g_strconcat (pin, "\n", NULL);
  cs_proc_finish (&p, stdin_text);
  g_assert_cmpint (p.status, ==, 0);
  oauth1 = cs_parse_lines (p.out);

  /* call --account with the stored OAuth 1.0a credential: signed, accepted. */
  run_cli (&signed_call, NULL, (const char *[]) { "call", "--account", "demo_user", "--url",
                                                  verify_url, NULL });
  g_test_message ("call: %s", signed_call.err);
  g_assert_cmpint (signed_call.status, ==, 0);
  g_assert_nonnull (strstr (signed_call.out, "demo_user"));

  secret_env = g_strconcat ("COUNTERSIGN_TOKEN_SECRET=",
                            cs_param_list_get (oauth1, "oauth_token_secret"), NULL);
  run_cli (&exchange, secret_env,
           (const char *[]) { "oauth2", "exchange", "--token-url", token_url, "--consumer-key",
                              "countersign-demo-consumer", "--client-id",
                              "countersign-demo-client", "--token",
                              cs_param_list_get (oauth1, "oauth_token"), "--format", "json",
                              NULL });
  g_test_message ("exchange: %s", exchange.err);
  g_assert_cmpint (exchange.status, ==, 0);
  object = parse_json (parser, exchange.out);
  g_assert_nonnull (json_object_get_string_member (object, "access_token"));
  g_assert_nonnull (json_object_get_string_member (object, "refresh_token"));
  cs_assert_no_secret (exchange.err, cs_param_list_get (oauth1, "oauth_token_secret"));
  g_subprocess_send_signal (demo, SIGINT);
  g_subprocess_wait (demo, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();
  tmp = g_dir_make_tmp ("cs-cli-oauth2-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  config_home = tmp;
  loopback_port = cs_test_free_port ();

  g_test_add_func ("/cli-oauth2/usage", test_usage);
  g_test_add_func ("/cli-oauth2/help", test_help);
  g_test_add_data_func ("/cli-oauth2/oauthlib/public/authorize-refresh", GINT_TO_POINTER (FALSE),
                        test_authorize_refresh);
  g_test_add_data_func ("/cli-oauth2/oauthlib/confidential/authorize-refresh",
                        GINT_TO_POINTER (TRUE), test_authorize_refresh);
  g_test_add_func ("/cli-oauth2/oauthlib/no-store", test_no_store);
  g_test_add_func ("/cli-oauth2/oauthlib/revoke", test_revoke);
  g_test_add_func ("/cli-oauth2/oauthlib/client-credentials", test_client_credentials);
  g_test_add_func ("/cli-oauth2/oauthlib/stored-account", test_stored_account);
  g_test_add_func ("/cli-oauth2/oauthlib/timeout", test_timeout);
  g_test_add_func ("/cli-oauth2/oauthlib/pasted-keyring-failure", test_pasted_keyring_failure);
  g_test_add_data_func ("/cli-oauth2/demo/public", GINT_TO_POINTER (FALSE), test_demo_authorize);
  g_test_add_data_func ("/cli-oauth2/demo/confidential", GINT_TO_POINTER (TRUE),
                        test_demo_authorize);
  g_test_add_func ("/cli-oauth2/demo/denied", test_demo_denied);
  g_test_add_func ("/cli-oauth2/demo/exchange", test_demo_exchange);

  status = g_test_run ();
  cs_test_oauthlib2_stop ();
  return status;
}
