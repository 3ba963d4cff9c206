/* test-oauth2-pkce.c — PKCE (RFC 7636) and the state parameter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "cs-oauth2-pkce.h"
#include "cs-percent.h"

#define UNRESERVED \
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

/* RFC 7636 Appendix B: the verifier and the S256 challenge of its example. */
static void
test_appendix_b (void)
{
  g_autofree char *challenge =
    cs_oauth2_code_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_verifier_shape (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[256] = { 0 };

  for (guint i = 0; i < 200; i++)
    {
      char *verifier = cs_oauth2_new_code_verifier ();
      gsize len = strlen (verifier);
      g_autofree char *challenge = cs_oauth2_code_challenge (verifier);

      /* RFC 7636 §4.1: 43 to 128 characters of the unreserved set. */
      g_assert_cmpuint (len, >=, 43);
      g_assert_cmpuint (len, <=, 128);
      g_assert_cmpuint (strspn (verifier, UNRESERVED), ==, len);
      g_assert_true (cs_oauth2_verifier_is_valid (verifier));
      /* §4.2: base64url of 32 bytes without padding, 43 characters. */
      g_assert_cmpuint (strlen (challenge), ==, 43);
      g_assert_cmpuint (strspn (challenge, UNRESERVED), ==, 43);
      g_assert_null (strchr (challenge, '.'));
      g_assert_null (strchr (challenge, '~'));
      for (const char *p = verifier; *p; p++)
        counts[(guchar) *p]++;
      g_assert_true (g_hash_table_add (seen, verifier));
    }
  /* 12 800 characters from a uniform draw over 66: each one turns up (a fixed or
   * low-entropy source would not). */
  for (const char *p = UNRESERVED; *p; p++)
    g_assert_cmpuint (counts[(guchar) *p], >, 0);
}

static void
test_verifier_validity (void)
{
  g_assert_false (cs_oauth2_verifier_is_valid (NULL));
  g_assert_false (cs_oauth2_verifier_is_valid ("short"));
  g_assert_false (cs_oauth2_verifier_is_valid ("0123456789012345678901234567890123456789 12"));
  g_assert_true (cs_oauth2_verifier_is_valid ("0123456789012345678901234567890123456789-12"));
}

static void
test_state_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *state = cs_oauth2_new_state ();

      g_assert_cmpuint (strlen (state), ==, CS_OAUTH2_STATE_LENGTH);
      g_assert_cmpuint (strspn (state, UNRESERVED), ==, CS_OAUTH2_STATE_LENGTH);
      g_assert_true (g_hash_table_add (seen, state));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth2/pkce/rfc7636-appendix-b", test_appendix_b);
  g_test_add_func ("/oauth2/pkce/verifier-shape", test_verifier_shape);
  g_test_add_func ("/oauth2/pkce/verifier-validity", test_verifier_validity);
  g_test_add_func ("/oauth2/pkce/state-unique", test_state_unique);
  return g_test_run ();
}
