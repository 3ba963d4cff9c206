/* cs-base-string-diff.c — our signature base string beside the one the provider signed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-base-string-diff.h"
#include "cs-percent.h"

/* The longest base string looked at; a provider's body is capped long before this. */
#define MAX_SBS (1024 * 1024)

gssize
cs_base_string_diff_offset (const char *ours,
                            const char *theirs)
{
  gsize i = 0;

  g_return_val_if_fail (ours != NULL && theirs != NULL, -1);

  while (ours[i] != '\0' && ours[i] == theirs[i])
    i++;
  return ours[i] == theirs[i] ? -1 : (gssize) i;
}

/* The raw form: the rest of the body is METHOD&encoded-URI&encoded-parameters. */
static gboolean
looks_raw (const char *value,
           gsize       len)
{
  const char *amp = memchr (value, '&', len);

  return amp != NULL && (gsize) (amp - value) < 32 &&
         g_ascii_strncasecmp (amp + 1, "http", MIN (4, len - (amp + 1 - value))) == 0 &&
         memchr (amp + 1, '&', len - (amp + 1 - value)) != NULL;
}

char *
cs_base_string_diff_debug_sbs (const char *body,
                               gsize       len)
{
  const char *p = NULL;
  const char *end;
  gsize value_len;

  if (body == NULL || len > MAX_SBS)
    return NULL;
  for (const char *q = body; (q = g_strstr_len (q, len - (q - body), "debug_sbs=")) != NULL;
       q += 10)
    if (q == body || q[-1] == '&')
      {
        p = q + 10;
        break;
      }
  if (p == NULL)
    return NULL;
  end = body + len;
  while (end > p && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
    end--;
  value_len = end - p;
  if (!looks_raw (p, value_len))
    {
      const char *amp = memchr (p, '&', value_len);
      g_autofree char *form = NULL;
      char *decoded;
      gsize decoded_len = 0;

      if (amp != NULL)
        value_len = amp - p;
      form = g_strndup (p, value_len);
      /* Form decoding: `+` is a space; a base string has no NUL. */
      decoded = cs_percent_decode (form, -1, TRUE, &decoded_len, NULL);
      if (decoded != NULL && strlen (decoded) != decoded_len)
        g_clear_pointer (&decoded, g_free);
      return decoded;
    }
  if (memchr (p, '\0', value_len) != NULL)
    return NULL;
  return g_strndup (p, value_len);
}

char *
cs_base_string_diff_hide (const char         *text,
                          const char * const *hide,
                          const char         *replacement)
{
  GString *out = g_string_new (text);

  for (guint i = 0; hide != NULL && hide[i] != NULL; i++)
    {
      g_autofree char *once = NULL;
      g_autofree char *twice = NULL;

      if (strlen (hide[i]) < 4)
        continue;
      once = cs_percent_encode (hide[i]);
      twice = cs_percent_encode (once);
      g_string_replace (out, twice, replacement, 0);
      g_string_replace (out, once, replacement, 0);
      g_string_replace (out, hide[i], replacement, 0);
    }
  return g_string_free (out, FALSE);
}

/* The window [@from, @from + @n) of @s, printable ASCII, with `...` where it is cut (ASCII
 * too, so that a column is a byte in any locale). */
static void
append_window (GString    *out,
               const char *s,
               gsize       from,
               gsize       n)
{
  gsize len = strlen (s);

  if (from > 0)
    g_string_append (out, "...");
  for (gsize i = from; i < len && i < from + n; i++)
    g_string_append_c (out, s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?');
  if (from + n < len)
    g_string_append (out, "...");
  g_string_append_c (out, '\n');
}

char *
cs_base_string_diff_describe (const char         *ours,
                              const char         *theirs,
                              const char * const *hide)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  /* Both labels are padded to one width, so the windows line up. */
  g_autofree char *label_ours = NULL;
  g_autofree char *label_theirs = NULL;
  glong width;
  GString *out;
  gssize offset;
  gsize from;
  gsize column;

  g_return_val_if_fail (ours != NULL && theirs != NULL, NULL);

  a = cs_base_string_diff_hide (ours, hide, "[hidden]");
  b = cs_base_string_diff_hide (theirs, hide, "[hidden]");
  offset = cs_base_string_diff_offset (a, b);
  if (offset < 0)
    return g_strdup (_("The provider signed the same base string as Countersign: the "
                       "signature differs because a secret or the key differs."));

  label_ours = g_strdup (_("Countersign:"));
  label_theirs = g_strdup (_("Provider:"));
  width = MAX (g_utf8_strlen (label_ours, -1), g_utf8_strlen (label_theirs, -1)) + 1;
  from = (gsize) offset > CS_BASE_STRING_DIFF_CONTEXT ? offset - CS_BASE_STRING_DIFF_CONTEXT
                                                      : 0;
  column = width + (from > 0 ? 3 : 0) + (offset - from);

  out = g_string_new (NULL);
  g_string_append_printf (out, _("The base strings differ from character %lu on:"),
                          (gulong) offset + 1);
  g_string_append_c (out, '\n');
  g_string_append (out, label_ours);
  for (glong i = g_utf8_strlen (label_ours, -1); i < width; i++)
    g_string_append_c (out, ' ');
  append_window (out, a, from, 2 * CS_BASE_STRING_DIFF_CONTEXT);
  g_string_append (out, label_theirs);
  for (glong i = g_utf8_strlen (label_theirs, -1); i < width; i++)
    g_string_append_c (out, ' ');
  append_window (out, b, from, 2 * CS_BASE_STRING_DIFF_CONTEXT);
  for (gsize i = 0; i < column; i++)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '^');
  return g_string_free (out, FALSE);
}

char *
cs_base_string_diff_split (const char  *message,
                           char       **diff)
{
  const char *sep;
  const char *last_line;

  g_return_val_if_fail (message != NULL && diff != NULL, NULL);

  *diff = NULL;
  sep = g_strrstr (message, "\n\n");
  last_line = strrchr (message, '\n');
  if (sep == NULL || last_line == NULL || last_line <= sep + 1)
    return g_strdup (message);
  /* The caret line: spaces, then one `^`. */
  for (const char *p = last_line + 1; *p != '\0'; p++)
    if (*p != ' ' && !(*p == '^' && p[1] == '\0'))
      return g_strdup (message);
  if (last_line[strlen (last_line) - 1] != '^')
    return g_strdup (message);
  *diff = g_strdup (sep + 2);
  return g_strndup (message, sep - message);
}

char *
cs_base_string_diff_for_body (const char *ours,
                              GBytes     *body,
                              const char *token,
                              const char *verifier)
{
  const char * const hide[] = { token != NULL ? token : verifier, verifier, NULL };
  g_autofree char *theirs = NULL;

  if (ours == NULL || body == NULL)
    return NULL;
  theirs = cs_base_string_diff_debug_sbs (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (theirs == NULL)
    return NULL;
  return cs_base_string_diff_describe (ours, theirs, hide);
}
