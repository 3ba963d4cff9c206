/* fuzz-oauth2-error.c — an OAuth 2.0 error answer, whatever the provider sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks an HTTP status; the rest is the body. Checks: always REJECTED; the
 * message is valid UTF-8 without a line break or control character and names the host;
 * the provider's code and description, when found, are one clean line each and are what the
 * GError keeps; the same body gives the same answer twice.
 */
#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-error.h"

static const guint statuses[] = { 400, 400, 401, 403, 500, 503 };

static void
assert_clean (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_true (c != 0x2028 && c != 0x2029);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  guint status;
  char *copy;

  cs_fuzz_init ();
  if (size < 1)
    return 0;
  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  copy = cs_fuzz_dup_exact (data + 1, size - 1);
  error = cs_oauth2_error_from_answer (status, copy, size - 1, "provider.example", &code,
                                       &description);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  assert_clean (error->message);
  g_assert_true (g_str_has_prefix (error->message, "provider.example refused: "));
  if (code != NULL)
    {
      assert_clean (code);
      g_assert_cmpstr (cs_oauth2_error_get_code (error), ==, code);
      g_assert_cmpstr (cs_oauth2_error_get_description (error), ==, description);
    }
  else
    g_assert_null (description);
  if (description != NULL)
    assert_clean (description);

  error2 = cs_oauth2_error_from_answer (status, copy, size - 1, "provider.example", NULL, NULL);
  g_assert_cmpstr (error2->message, ==, error->message);
  free (copy);
  return 0;
}
