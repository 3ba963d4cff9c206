/* fuzz-percent-decode.c — cs_percent_decode() and cs_percent_encode_append()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks: the decoder fails exactly on a malformed escape; the decoded length is right
 * (nul bytes included); encoding gives only unreserved bytes and upper-case escapes, and
 * decoding that gives the bytes back.
 */
#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"

static gboolean
is_unreserved (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static gsize
expected_length (const char *data,
                 size_t      size,
                 gboolean   *valid)
{
  gsize n = 0;

  *valid = TRUE;
  for (size_t i = 0; i < size; i++, n++)
    if (data[i] == '%')
      {
        if (i + 2 >= size || !g_ascii_isxdigit (data[i + 1]) || !g_ascii_isxdigit (data[i + 2]))
          {
            *valid = FALSE;
            return 0;
          }
        i += 2;
      }
  return n;
}

static void
check_encoding (const char *bytes,
                gsize       len)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;
  gsize back_len = 0;

  cs_percent_encode_append (out, bytes, len);
  for (gsize i = 0; i < out->len; i++)
    {
      if (out->str[i] == '%')
        {
          g_assert_cmpuint (i + 2, <, out->len);
          g_assert_true (g_ascii_isxdigit (out->str[i + 1]) && !g_ascii_islower (out->str[i + 1]));
          g_assert_true (g_ascii_isxdigit (out->str[i + 2]) && !g_ascii_islower (out->str[i + 2]));
          /* An unreserved byte is never escaped (RFC 5849 §3.6). */
          g_assert_false (is_unreserved ((char) (g_ascii_xdigit_value (out->str[i + 1]) << 4 |
                                                 g_ascii_xdigit_value (out->str[i + 2]))));
          i += 2;
        }
      else
        g_assert_true (is_unreserved (out->str[i]));
    }

  back = cs_percent_decode (out->str, out->len, FALSE, &back_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (back, back_len, bytes, len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *text;
  gboolean valid;
  gsize expected;

  cs_fuzz_init ();
  text = cs_fuzz_dup_exact (data, size);
  expected = expected_length (text, size, &valid);

  for (int plus = 0; plus <= 1; plus++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *decoded = NULL;
      gsize len = G_MAXSIZE;

      decoded = cs_percent_decode (text, size, plus, &len, &error);
      if (!valid)
        {
          g_assert_null (decoded);
          g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (len, ==, expected);
      g_assert_cmpint (decoded[len], ==, '\0');
      /* Without escapes, form decoding leaves no `+`. */
      if (plus && memchr (text, '%', size) == NULL)
        g_assert_null (memchr (decoded, '+', len));
      check_encoding (decoded, len);
    }

  /* The input itself as raw bytes. */
  check_encoding (text, size);
  free (text);
  return 0;
}
