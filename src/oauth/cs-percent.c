/* cs-percent.c — RFC 5849 §3.6 percent-encoding and form-encoded parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-percent-private.h"

/* The unreserved set of RFC 3986 §2.3, the only bytes RFC 5849 leaves as they are, as a
 * constant expression: every table of the codec is built from it at compile time. */
#define UNRESERVED(b) \
  (((b) >= 'A' && (b) <= 'Z') || ((b) >= 'a' && (b) <= 'z') || ((b) >= '0' && (b) <= '9') || \
   (b) == '-' || (b) == '.' || (b) == '_' || (b) == '~')
#define HEX(n) ((char) ((n) < 10 ? '0' + (n) : 'A' + (n) - 10))

/* A cell (see cs-percent-private.h): the byte itself, or its escape, then the length. */
#define CELL_ONCE(b) \
  { { UNRESERVED (b) ? (char) (b) : '%', UNRESERVED (b) ? 0 : HEX ((b) >> 4), \
      UNRESERVED (b) ? 0 : HEX ((b) & 0xf), 0, 0, 0, 0, UNRESERVED (b) ? 1 : 3 } }
#define CELL_TWICE(b) \
  { { UNRESERVED (b) ? (char) (b) : '%', UNRESERVED (b) ? 0 : '2', UNRESERVED (b) ? 0 : '5', \
      UNRESERVED (b) ? 0 : HEX ((b) >> 4), UNRESERVED (b) ? 0 : HEX ((b) & 0xf), 0, 0, \
      UNRESERVED (b) ? 1 : 5 } }

/* M (0), M (1) … M (255). */
#define EACH_4(M, b)  M (b), M ((b) + 1), M ((b) + 2), M ((b) + 3)
#define EACH_16(M, b) EACH_4 (M, b), EACH_4 (M, (b) + 4), EACH_4 (M, (b) + 8), EACH_4 (M, (b) + 12)
#define EACH_64(M, b) \
  EACH_16 (M, b), EACH_16 (M, (b) + 16), EACH_16 (M, (b) + 32), EACH_16 (M, (b) + 48)
#define EACH_BYTE(M)  EACH_64 (M, 0), EACH_64 (M, 64), EACH_64 (M, 128), EACH_64 (M, 192)

const guint8 cs_percent_unreserved[256] = { EACH_BYTE (UNRESERVED) };
const CsPercentCell cs_percent_once[256] = { EACH_BYTE (CELL_ONCE) };
const CsPercentCell cs_percent_twice[256] = { EACH_BYTE (CELL_TWICE) };

/* The value of a hex digit plus one; 0 for anything else. */
static const guint8 hex_plus_one[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
  ['8'] = 9, ['9'] = 10,
  ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
  ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

void
cs_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
cs_wiped_string_free (GString *string)
{
  if (string == NULL)
    return;
  explicit_bzero (string->str, string->allocated_len);
  g_string_free (string, TRUE);
}

/* Bytes 0x20 (space) to 0x7e: what a consumer key or a nonce may hold. */
gboolean
cs_is_printable_ascii (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const guchar *p = (const guchar *) text; *p; p++)
    if ((guchar) (*p - 0x20) > 0x7e - 0x20)
      return FALSE;
  return TRUE;
}

CsParam *
cs_param_new (const char *name,
              const char *value)
{
  CsParam *param;

  g_return_val_if_fail (name != NULL, NULL);

  param = g_new0 (CsParam, 1);
  param->name = g_strdup (name);
  param->value = g_strdup (value ? value : "");
  return param;
}

void
cs_param_free (CsParam *param)
{
  if (param == NULL)
    return;
  g_free (param->name);
  /* Values are often secrets (oauth_token_secret); wipe them, past any decoded %00 too. */
  if (param->value != NULL)
    {
      explicit_bzero (param->value, MAX (param->value_len, strlen (param->value)));
      g_free (param->value);
    }
  g_free (param);
}

GPtrArray *
cs_param_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cs_param_free);
}

void
cs_param_list_add (GPtrArray  *list,
                   const char *name,
                   const char *value)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (name != NULL);

  g_ptr_array_add (list, cs_param_new (name, value));
}

/* Returns the value of the first parameter called @name. */
const char *
cs_param_list_get (GPtrArray  *list,
                   const char *name)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const CsParam *param = g_ptr_array_index (list, i);

      if (strcmp (param->name, name) == 0)
        return param->value;
    }
  return NULL;
}

guint
cs_param_list_count (GPtrArray  *list,
                     const char *name)
{
  guint n = 0;

  g_return_val_if_fail (list != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  for (guint i = 0; i < list->len; i++)
    {
      const CsParam *param = g_ptr_array_index (list, i);

      if (strcmp (param->name, name) == 0)
        n++;
    }
  return n;
}

char *
cs_percent_put_encoded (char                *q,
                        const CsPercentCell *table,
                        const char          *data,
                        gsize                len)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + len;

  /* Most of what is signed (keys, nonces, tokens, names) is unreserved: copy runs whole. */
  while ((p = cs_percent_copy_unreserved (&q, p, end)) < end)
    q = cs_percent_put_cell (q, table, *p++);
  return q;
}

char *
cs_percent_put_form_twice (char       *q,
                           const char *p,
                           const char *end)
{
  while ((p = (const char *) cs_percent_copy_unreserved (&q, (const guchar *) p,
                                                         (const guchar *) end)) < end)
    {
      guchar b = (guchar) *p++;

      if (b == '%')
        {
          guint hi;
          guint lo;

          if (end - p < 2)
            return NULL;
          hi = hex_plus_one[(guchar) p[0]];
          lo = hex_plus_one[(guchar) p[1]];
          if (hi == 0 || lo == 0)
            return NULL;
          b = (guchar) ((hi - 1) << 4 | (lo - 1));
          p += 2;
        }
      else if (b == '+')
        b = ' ';
      q = cs_percent_put_cell (q, cs_percent_twice, b);
    }
  return q;
}

/* Appends @data encoded with the RFC 5849 set. @out grows only when it has less room than
 * the worst case (three bytes a byte) plus CS_PERCENT_SLACK: a caller that sizes it so for a
 * secret is never reallocated, which would free a copy without wiping it. */
void
cs_percent_encode_append (GString    *out,
                          const char *data,
                          gssize      len)
{
  gsize old_len;
  char *end;

  g_return_if_fail (out != NULL);
  g_return_if_fail (data != NULL || len == 0);

  if (len < 0)
    len = strlen (data);
  old_len = out->len;
  g_string_set_size (out, old_len + 3 * len + CS_PERCENT_SLACK);
  end = cs_percent_put_encoded (out->str + old_len, cs_percent_once, data, len);
  /* The cells leave parts of the encoded text past the end. */
  memset (end, 0, CS_PERCENT_SLACK);
  g_string_truncate (out, end - out->str);
}

char *
cs_percent_encode (const char *data)
{
  GString *out;

  g_return_val_if_fail (data != NULL, NULL);

  /* Never reallocated: the value may be a secret, and a reallocation frees a copy. */
  out = g_string_sized_new (strlen (data) * 3 + CS_PERCENT_SLACK + 1);
  cs_percent_encode_append (out, data, -1);
  return g_string_free (out, FALSE);
}

/**
 * cs_percent_decode:
 * @data: the encoded text
 * @len: its length, or -1 when nul-terminated
 * @plus_is_space: whether `+` stands for a space (form encoding)
 * @out_len: (out) (optional): the decoded length (the result may hold nul bytes)
 * @error: set to %CS_OAUTH_ERROR_INVALID_INPUT for a `%` not followed by two hex digits
 *
 * Decodes escapes in either case, so that Twitter's `%2b` and `%2B` mean the same.
 */
char *
cs_percent_decode (const char *data,
                   gssize      len,
                   gboolean    plus_is_space,
                   gsize      *out_len,
                   GError    **error)
{
  char *out;
  char *q;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = strlen (data);

  out = g_malloc (len + 1);
  q = out;
  for (gssize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '%')
        {
          if (i + 2 >= len || !g_ascii_isxdigit (data[i + 1]) ||
              !g_ascii_isxdigit (data[i + 2]))
            {
              g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("“%%” at position %d is not followed by two hexadecimal digits"),
                           (int) i + 1);
              /* What was decoded so far may be part of a secret. */
              explicit_bzero (out, q - out);
              g_free (out);
              return NULL;
            }
          *q++ = (char) (g_ascii_xdigit_value (data[i + 1]) << 4 |
                         g_ascii_xdigit_value (data[i + 2]));
          i += 2;
        }
      else if (c == '+' && plus_is_space)
        *q++ = ' ';
      else
        *q++ = c;
    }
  *q = '\0';
  if (out_len != NULL)
    *out_len = q - out;
  return out;
}

/**
 * cs_form_parse_append:
 * @list: where the parameters go, in order
 * @form: an `application/x-www-form-urlencoded` text (or a URL query)
 * @len: its length, or -1
 * @error: a malformed escape
 *
 * Empty segments (`a=1&&b=2`) are skipped; a bare name has the empty value; duplicates are
 * kept in order. On error @list is left as it was.
 */
gboolean
cs_form_parse_append (GPtrArray  *list,
                      const char *form,
                      gssize      len,
                      GError    **error)
{
  guint old_len;
  const char *p;
  const char *end;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (form != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len < 0)
    len = strlen (form);
  old_len = list->len;
  p = form;
  end = form + len;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *seg_end = amp ? amp : end;
      const char *eq = memchr (p, '=', seg_end - p);
      const char *name_end = eq ? eq : seg_end;

      if (seg_end > p)
        {
          CsParam *param = g_new0 (CsParam, 1);

          param->name = cs_percent_decode (p, name_end - p, TRUE, &param->name_len, error);
          if (param->name != NULL)
            param->value = eq ? cs_percent_decode (eq + 1, seg_end - eq - 1, TRUE,
                                                   &param->value_len, error)
                              : g_strdup ("");
          if (param->name == NULL || param->value == NULL)
            {
              cs_param_free (param);
              g_ptr_array_set_size (list, old_len);
              return FALSE;
            }
          g_ptr_array_add (list, param);
        }
      p = seg_end + 1;
    }
  return TRUE;
}

GPtrArray *
cs_form_parse (const char *form,
               gssize      len,
               GError    **error)
{
  g_autoptr(GPtrArray) list = cs_param_list_new ();

  if (!cs_form_parse_append (list, form, len, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Encodes with the RFC 5849 set, which every form decoder accepts. */
char *
cs_form_encode (GPtrArray *list)
{
  GString *out;
  gsize size = 1 + CS_PERCENT_SLACK;

  g_return_val_if_fail (list != NULL, NULL);

  /* Sized for the worst case (every byte encoded in three) and the encoder's slack, so that it
   * is never reallocated: a reallocation would free a copy of the values (often secrets)
   * without wiping it. */
  for (guint i = 0; i < list->len; i++)
    {
      const CsParam *param = g_ptr_array_index (list, i);

      size += 2 + 3 * (param->name_len ? param->name_len : strlen (param->name)) +
              3 * (param->value_len ? param->value_len : strlen (param->value));
    }
  out = g_string_sized_new (size);
  for (guint i = 0; i < list->len; i++)
    {
      const CsParam *param = g_ptr_array_index (list, i);

      if (i > 0)
        g_string_append_c (out, '&');
      cs_percent_encode_append (out, param->name,
                                param->name_len ? (gssize) param->name_len : -1);
      g_string_append_c (out, '=');
      cs_percent_encode_append (out, param->value,
                                param->value_len ? (gssize) param->value_len : -1);
    }
  return g_string_free (out, FALSE);
}
