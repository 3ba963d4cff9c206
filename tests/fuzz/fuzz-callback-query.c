/* fuzz-callback-query.c — the query a browser brings back to the loopback callback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks: a verifier callback gives a token and a verifier that are non-empty, valid UTF-8
 * without control characters, and are the single `oauth_token` and `oauth_verifier` of the
 * query; a denial gives the token and no verifier; anything else gives nothing; the length
 * and the nul-terminated forms agree; the same query pasted as a whole address says the same
 * (cs_callback_parse_address).
 */
#include "cs-callback-server.h"
#include "cs-oauth-error.h"
#include "cs-test-fuzz.h"
#include "cs-percent.h"

static void
assert_clean (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
}

/* @query pasted after an address, with @token as the request token being waited for. */
static void
assert_address_agrees (const char     *query,
                       CsCallbackKind  kind,
                       const char     *token,
                       const char     *verifier)
{
  g_autofree char *address = g_strconcat ("http://127.0.0.1:8080/callback?", query, NULL);
  g_autoptr(GError) error = NULL;
  char *from_address;

  from_address = cs_callback_parse_address (address, token != NULL ? token : "", &error);
  g_assert_cmpstr (from_address, ==, verifier);
  if (kind == CS_CALLBACK_DENIED)
    g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED);
  else
    g_assert_no_error (error);
  cs_secret_free (from_address);

  /* Waiting for another token: a verifier is refused, a denial is still a denial. */
  if (kind == CS_CALLBACK_VERIFIER)
    {
      g_autofree char *other = g_strconcat (token, "-other", NULL);

      from_address = cs_callback_parse_address (address, other, &error);
      g_assert_null (from_address);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;
  char *verifier = NULL;
  char *verifier2 = NULL;
  g_autoptr(GPtrArray) params = NULL;
  char *query;
  char *terminated;
  CsCallbackKind kind;
  CsCallbackKind kind2;

  cs_fuzz_init ();
  query = cs_fuzz_dup_exact (data, size);
  kind = cs_callback_parse_query (query, size, &token, &verifier);
  params = cs_form_parse (query, size, NULL);

  switch (kind)
    {
    case CS_CALLBACK_VERIFIER:
      g_assert_nonnull (params);
      assert_clean (token);
      assert_clean (verifier);
      g_assert_cmpstr (token, !=, "");
      g_assert_cmpstr (verifier, !=, "");
      g_assert_cmpuint (cs_param_list_count (params, "oauth_token"), ==, 1);
      g_assert_cmpuint (cs_param_list_count (params, "oauth_verifier"), ==, 1);
      g_assert_cmpuint (cs_param_list_count (params, "denied"), ==, 0);
      g_assert_cmpstr (cs_param_list_get (params, "oauth_token"), ==, token);
      g_assert_cmpstr (cs_param_list_get (params, "oauth_verifier"), ==, verifier);
      break;
    case CS_CALLBACK_DENIED:
      g_assert_nonnull (params);
      assert_clean (token);
      g_assert_null (verifier);
      g_assert_cmpstr (cs_param_list_get (params, "denied"), ==, token);
      break;
    case CS_CALLBACK_INVALID:
      g_assert_null (token);
      g_assert_null (verifier);
      break;
    default:
      g_assert_not_reached ();
    }

  /* The nul-terminated form (the server passes the query so) says the same. */
  terminated = g_strndup (query, size);
  if (strlen (terminated) == size)
    {
      kind2 = cs_callback_parse_query (terminated, -1, &token2, &verifier2);
      g_assert_cmpint (kind2, ==, kind);
      g_assert_cmpstr (token2, ==, token);
      g_assert_cmpstr (verifier2, ==, verifier);
      if (strchr (terminated, '#') == NULL)
        assert_address_agrees (terminated, kind, token, verifier);
    }
  cs_secret_free (verifier);
  cs_secret_free (verifier2);
  g_free (terminated);
  free (query);
  return 0;
}
