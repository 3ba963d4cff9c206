/* fuzz-oauth2-token.c — a token answer, whatever the token endpoint sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks: a token or BAD_RESPONSE, never both, never neither; a token has a non-empty
 * access_token, a bearer token_type and field names that list each field once; expires_at
 * is now + expires_in; the message never quotes the body; the same body gives the same
 * answer twice.
 */
#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-token.h"

#define NOW G_GINT64_CONSTANT (1800000000)

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsOAuth2Token) token2 = NULL;
  char *copy;

  cs_fuzz_init ();
  /* Without a terminator: a read past the body's end is caught. */
  copy = cs_fuzz_dup_exact (data, size);
  token = cs_oauth2_token_parse (copy, size, NOW, &error);
  g_assert_true ((token == NULL) != (error == NULL));
  if (token != NULL)
    {
      const char * const *names = cs_oauth2_token_get_field_names (token);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_nonnull (cs_oauth2_token_get_access_token (token));
      g_assert_cmpstr (cs_oauth2_token_get_access_token (token), !=, "");
      g_assert_cmpint (g_ascii_strcasecmp (cs_oauth2_token_get_token_type (token), "bearer"),
                       ==, 0);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_assert_true (g_hash_table_add (seen, (gpointer) names[i]));
          g_assert_nonnull (cs_oauth2_token_get_field (token, names[i]));
        }
      if (cs_oauth2_token_get_expires_in (token) >= 0)
        g_assert_cmpint (cs_oauth2_token_get_expires_at (token), ==,
                         NOW + cs_oauth2_token_get_expires_in (token));
      else
        g_assert_cmpint (cs_oauth2_token_get_expires_at (token), ==, 0);
    }
  else
    {
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  token2 = cs_oauth2_token_parse (copy, size, NOW, &error2);
  g_assert_true ((token2 == NULL) == (token == NULL));
  g_assert_cmpstr (error2 != NULL ? error2->message : NULL, ==,
                   error != NULL ? error->message : NULL);
  free (copy);
  return 0;
}
