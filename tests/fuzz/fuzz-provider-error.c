/* fuzz-provider-error.c — what a provider says when it refuses, whatever it says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks a Content-Type and the second an HTTP status; the rest is the body.
 * Checks: the text that reaches the user is valid UTF-8 on one line, without control or
 * format characters and within the length limit; the description names the status.
 */
#include "cs-test-fuzz.h"
#include "cs-provider-error.h"

static const char *content_types[] = {
  NULL,
  "application/json",
  "application/json; charset=utf-8",
  "text/xml",
  "application/xml; charset=UTF-8",
  "application/x-www-form-urlencoded",
  "text/html; charset=utf-8",
  "text/plain",
};

static void
assert_showable (const char *text,
                 guint       max_chars)
{
  if (text == NULL)
    return;
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* The limit, plus the ellipsis that marks a cut. */
  g_assert_cmpint (g_utf8_strlen (text, -1), <=, max_chars + 1);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_true (c != 0x2028 && c != 0x2029);
      g_assert_true (g_unichar_type (c) != G_UNICODE_FORMAT);
    }
  g_assert_null (strstr (text, "  "));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *problem = NULL;
  g_autofree char *message = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *description = NULL;
  g_autofree char *status_text = NULL;
  const char *content_type;
  const char *body;
  gsize len;
  guint status;
  int code = -2;
  int code2 = -2;

  cs_fuzz_init ();
  if (size < 2)
    return 0;
  content_type = content_types[data[0] % G_N_ELEMENTS (content_types)];
  status = 400 + data[1];
  body = (const char *) data + 2;
  len = size - 2;

  if (cs_provider_error_parse_full (body, len, content_type, &code, &problem, &message))
    g_assert_true (problem != NULL || message != NULL || code >= 0);
  else
    g_assert_true (problem == NULL && message == NULL);
  g_assert_cmpint (code, >=, -1);
  assert_showable (message, CS_PROVIDER_ERROR_MAX_TEXT);
  if (problem != NULL)
    g_assert_true (g_utf8_validate (problem, -1, NULL));

  cs_provider_error_parse (body, len, content_type, &code2, &folded);
  g_assert_cmpint (code2, ==, code);
  if (message == NULL && problem != NULL)
    g_assert_nonnull (folded);

  description = cs_provider_error_describe (status, body, len, content_type);
  g_assert_true (g_utf8_validate (description, -1, NULL));
  g_assert_null (strchr (description, '\n'));
  status_text = g_strdup_printf ("HTTP %u", status);
  g_assert_true (g_str_has_prefix (description, status_text));
  cs_provider_error_explain (code, problem);

  for (guint max = 0; max <= 8; max += 4)
    {
      g_autofree char *clean = cs_provider_error_sanitize (body, len, max);

      assert_showable (clean, max);
    }
  return 0;
}
