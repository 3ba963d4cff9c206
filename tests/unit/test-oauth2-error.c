/* test-oauth2-error.c — error answers explained (RFC 6749 §5.2, §4.1.2.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-error.h"

typedef struct
{
  const char *name;
  guint       status;
  const char *body;
  const char *code;         /* the provider's error, as kept for the CLI */
  const char *advice;       /* a part of the sentence that says what to change */
} Answer;

static const Answer answers[] = {
  { "invalid-grant", 400,
    "{\"error\":\"invalid_grant\",\"error_description\":\"Value passed for the authorization code was invalid.\"}",
    "invalid_grant", "authorize again" },
  { "invalid-client", 401, "{\"error\":\"invalid_client\"}", "invalid_client",
    "not the OAuth 1.0a consumer key" },
  /* X's answer when a confidential client sends no Basic header. */
  { "unauthorized-client-x", 401,
    "{\"error\":\"unauthorized_client\",\"error_description\":\"Missing valid authorization header\"}",
    "unauthorized_client", "a native or single-page app is a public client" },
  { "invalid-scope", 400, "{\"error\":\"invalid_scope\",\"error_description\":\"Unknown scope\"}",
    "invalid_scope", "fewer scopes" },
  { "access-denied", 403, "{\"error\":\"access_denied\"}", "access_denied", "choose Allow" },
  { "redirect-mismatch-description", 400,
    "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the redirect uri did not match the uri of the authorization code.\"}",
    "invalid_request", "exactly as shown" },
  { "redirect-uri-mismatch", 400, "{\"error\":\"redirect_uri_mismatch\"}", "redirect_uri_mismatch",
    "exactly as shown" },
  { "unsupported-grant", 400, "{\"error\":\"unsupported_grant_type\"}", "unsupported_grant_type",
    "enable it" },
  { "server-error", 503, "{\"error\":\"temporarily_unavailable\"}", "temporarily_unavailable",
    "try again later" },
};

static void
test_answer (gconstpointer data)
{
  const Answer *answer = data;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = cs_oauth2_error_from_answer (answer->status, answer->body,
                                                         strlen (answer->body), "api.x.com",
                                                         &code, &description);
  g_autoptr(GError) copy = g_error_copy (error);

  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_true (g_str_has_prefix (error->message, "api.x.com refused: "));
  g_assert_nonnull (strstr (error->message, answer->code));
  g_assert_nonnull (strstr (error->message, answer->advice));
  g_assert_cmpstr (code, ==, answer->code);
  if (description != NULL)
    g_assert_nonnull (strstr (error->message, description));
  /* The provider's words stay readable from the error, and from a copy of it. */
  g_assert_cmpstr (cs_oauth2_error_get_code (copy), ==, answer->code);
  g_assert_cmpstr (cs_oauth2_error_get_description (copy), ==, description);
}

static void
test_not_oauth2 (void)
{
  const char *html = "<html><head><title>502 Bad Gateway</title></head></html>";
  g_autofree char *code = NULL;
  g_autoptr(GError) error = cs_oauth2_error_from_answer (502, html, strlen (html), "api.x.com",
                                                         &code, NULL);
  g_autoptr(GError) empty = cs_oauth2_error_from_answer (500, "", 0, NULL, NULL, NULL);

  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "502"));
  g_assert_nonnull (strstr (error->message, "api.x.com"));
  g_assert_null (code);
  g_assert_null (cs_oauth2_error_get_code (error));
  g_assert_error (empty, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (empty->message, "500"));
}

/* A description is provider text: one line, bounded, no control characters. */
static void
test_hostile_description (void)
{
  g_autoptr(GString) body = g_string_new ("{\"error\":\"invalid_grant\",\"error_description\":\"");
  g_autoptr(GError) error = NULL;

  g_string_append (body, "line one\\nline two\\u0007\\u202e");
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (body, 'x');
  g_string_append (body, "\"}");
  error = cs_oauth2_error_from_answer (400, body->str, body->len, "h", NULL, NULL);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\a'));
  g_assert_null (strstr (error->message, "\u202e"));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 1000);
}

static void
test_from_redirect (void)
{
  g_autoptr(GError) error = cs_oauth2_error_from_redirect ("invalid_scope", "no such scope");

  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "invalid_scope"));
  g_assert_nonnull (strstr (error->message, "no such scope"));
  g_assert_nonnull (strstr (error->message, "fewer scopes"));
  g_assert_null (cs_oauth2_error_advice ("made_up_error", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oauth2/error/%s", answers[i].name);

      g_test_add_data_func (path, &answers[i], test_answer);
    }
  g_test_add_func ("/oauth2/error/not-oauth2", test_not_oauth2);
  g_test_add_func ("/oauth2/error/hostile-description", test_hostile_description);
  g_test_add_func ("/oauth2/error/from-redirect", test_from_redirect);
  return g_test_run ();
}
