/* fuzz-verify-answer.c — what Test Credentials makes of a verify answer, whatever it says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks an HTTP status (mostly 200: the body decides); the rest is the body.
 * Checks: an account or a refusal, never both, never neither; a refusal is
 * CS_OAUTH_ERROR_REJECTED and names the status when it failed; what reaches the user is
 * valid UTF-8 on one line without control characters, within the length limit; the same
 * body gives the same answer twice.
 */
#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-provider-error.h"
#include "cs-verify-answer.h"

static const guint statuses[] = { 200, 200, 200, 200, 201, 401, 403, 500 };

static void
assert_showable (const char *text)
{
  g_assert_nonnull (text);
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
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *account = NULL;
  g_autofree char *account2 = NULL;
  guint status;
  char *copy;

  cs_fuzz_init ();
  if (size < 1)
    return 0;
  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  /* Without a terminator: a read past the body's end is caught. */
  copy = cs_fuzz_dup_exact (data + 1, size - 1);
  body = g_bytes_new_with_free_func (copy, size - 1, free, copy);

  account = cs_verify_answer_parse (body, status, &error);
  g_assert_true ((account == NULL) != (error == NULL));
  if (account != NULL)
    {
      g_assert_cmpuint (status, <, 400);
      assert_showable (account);
      /* The limit, an "@" before a screen name and the ellipsis that marks a cut. */
      g_assert_cmpint (g_utf8_strlen (account, -1), <=, CS_PROVIDER_ERROR_MAX_TEXT + 2);
    }
  else
    {
      g_autofree char *status_text = g_strdup_printf ("(HTTP %u)", status);

      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
      assert_showable (error->message);
      if (status >= 400)
        g_assert_nonnull (strstr (error->message, status_text));
    }

  account2 = cs_verify_answer_parse (body, status, &error2);
  g_assert_cmpstr (account2, ==, account);
  g_assert_cmpstr (error2 != NULL ? error2->message : NULL, ==,
                   error != NULL ? error->message : NULL);
  return 0;
}
