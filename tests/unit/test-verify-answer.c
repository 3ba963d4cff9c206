/* test-verify-answer.c — what Test Credentials makes of a provider's verify answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_verify_answer_parse: the account of each preset's answer where its shape is known, and a
 * refusal when the body says the call failed even though the HTTP status is 200.
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-verify-answer.h"

static char *
parse (const char  *body,
       guint        status,
       GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

  return cs_verify_answer_parse (bytes, status, error);
}

static void
assert_account (const char *body,
                const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *account = parse (body, 200, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (account, ==, expected);
}

static void
assert_refused (const char *body,
                guint       status,
                const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *account = parse (body, status, &error);

  g_assert_null (account);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "refused these credentials"));
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_accounts (void)
{
  /* Twitter (and the demo): the screen name, else the id. */
  assert_account ("{\"id_str\":\"12\",\"screen_name\":\"jack\"}", "@jack");
  assert_account ("{\"id_str\":\"12\"}", "12");
  /* X API v2 GET /2/users/me (the preset's Test Credentials since issue 14) */
  assert_account ("{\"data\":{\"id\":\"2244994945\",\"name\":\"X Dev\","
                  "\"username\":\"TwitterDev\"}}", "@TwitterDev");
  assert_account ("{\"data\":{\"id\":\"2244994945\",\"username\":\"TwitterDev\"},"
                  "\"errors\":[{\"detail\":\"partial\"}]}", "@TwitterDev");
  assert_account ("{\"data\":{\"id\":\"2244994945\"}}", "2244994945");
  /* Jira /rest/api/2/myself, Confluence /rest/api/user/current, Garmin user/id */
  assert_account ("{\"self\":\"x\",\"key\":\"JIRAUSER1\",\"name\":\"jdoe\"}", "jdoe");
  assert_account ("{\"type\":\"known\",\"username\":\"cdoe\"}", "cdoe");
  assert_account ("{\"userId\":\"d3315b1072421d0dd7c8f6b8e1de4df8\"}",
                  "d3315b1072421d0dd7c8f6b8e1de4df8");
  /* Flickr flickr.test.login */
  assert_account ("{\"user\":{\"id\":\"1@N0\",\"username\":{\"_content\":\"flickrer\"}},"
                  "\"stat\":\"ok\"}", "flickrer");
  /* Tumblr /v2/user/info */
  assert_account ("{\"meta\":{\"status\":200,\"msg\":\"OK\"},"
                  "\"response\":{\"user\":{\"name\":\"tumblrer\",\"likes\":3}}}", "tumblrer");
  /* Trello /1/members/me, Discogs /oauth/identity */
  assert_account ("{\"id\":\"5a\",\"username\":\"trelloer\",\"fullName\":\"T\"}", "trelloer");
  assert_account ("{\"id\":1,\"username\":\"discogser\",\"resource_url\":\"x\"}", "discogser");
  /* SmugMug !authuser */
  assert_account ("{\"Response\":{\"User\":{\"NickName\":\"smugger\",\"Name\":\"S\"}},"
                  "\"Code\":200,\"Message\":\"Ok\"}", "smugger");
  /* "error": false is not an error. */
  assert_account ("{\"error\":false,\"username\":\"fine\"}", "fine");
  /* Answers of another shape: the call worked, the account is not known. */
  assert_account ("{\"ok\":true}", "an account (HTTP 200)");
  assert_account ("not json", "an account (HTTP 200)");
}

static void
test_refusals (void)
{
  /* Flickr says "fail" with HTTP 200. */
  assert_refused ("{\"stat\":\"fail\",\"code\":98,\"message\":\"Invalid auth token\"}", 200,
                  "Invalid auth token");
  /* Tumblr: the status in meta. */
  assert_refused ("{\"meta\":{\"status\":401,\"msg\":\"Not Authorized\"},\"response\":[]}", 200,
                  "Not Authorized");
  /* SmugMug: Code and Message. */
  assert_refused ("{\"Code\":401,\"Message\":\"Unauthorized\"}", 200, "Unauthorized");
  /* Twitter's error list, and a plain "error". */
  assert_refused ("{\"errors\":[{\"code\":89,\"message\":\"Invalid or expired token.\"}]}", 200,
                  "Invalid or expired token.");
  /* X API v2: errors without data, in its "detail" words (not the JSON). */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *account = parse ("{\"errors\":[{\"title\":\"Forbidden\","
                                      "\"detail\":\"Token revoked\"}]}", 200, &error);

    g_assert_null (account);
    g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
    g_assert_true (g_str_has_suffix (error->message, ": Token revoked"));
  }
  assert_refused ("{\"error\":\"invalid token\"}", 200, "invalid token");
  /* A failing HTTP status quotes the body. */
  assert_refused ("Unauthorized here", 401, "HTTP 401");
}

/* The account as the keyring keeps it: no "@", nothing when unknown or refused. */
static void
test_stored_account (void)
{
  const struct { const char *body; guint status; const char *account; } cases[] = {
    { "{\"id_str\":\"12\",\"screen_name\":\"jack\"}", 200, "jack" },
    { "{\"id_str\":\"12\"}", 200, "12" },
    { "{\"id\":1,\"username\":\"discogser\"}", 200, "discogser" },
    { "{\"ok\":true}", 200, NULL },
    { "not json", 200, NULL },
    { "{\"error\":\"invalid token\",\"screen_name\":\"jack\"}", 200, NULL },
    { "{\"screen_name\":\"jack\"}", 401, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (cases[i].body, strlen (cases[i].body));
      g_autofree char *account = cs_verify_answer_account (bytes, cases[i].status);

      g_assert_cmpstr (account, ==, cases[i].account);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/verify-answer/accounts", test_accounts);
  g_test_add_func ("/verify-answer/refusals", test_refusals);
  g_test_add_func ("/verify-answer/stored-account", test_stored_account);
  return g_test_run ();
}
