/* cs-percent.h — RFC 5849 §3.6 percent-encoding and form-encoded parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one percent codec: cs_percent_encode() and the signer (through cs-percent-private.h)
 * write with the same tables. Encoding uses the unreserved set of RFC 3986 §2.3 and upper-case
 * hex; decoding accepts either case. cs_is_printable_ascii() is the check, 0x20–0x7e, that a
 * consumer key or a nonce must pass wherever it is typed or read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CsParam:
 * @name: the decoded name
 * @value: the decoded value (never %NULL; a bare name has "")
 * @name_len: the length of @name, or 0 for strlen()
 * @value_len: the length of @value, or 0 for strlen()
 *
 * One parameter. Names and values are byte strings: they are usually UTF-8, but a
 * provider may send anything, so callers that show them must validate. A decoded `%00`
 * is kept: the lengths then say where the name or value really ends (the signer signs
 * all of it, as RFC 5849 asks); code that treats them as C strings sees them cut short.
 */
typedef struct
{
  char *name;
  char *value;
  gsize name_len;
  gsize value_len;
} CsParam;

CsParam   *cs_param_new             (const char *name,
                                     const char *value);
void       cs_param_free            (CsParam    *param);

GPtrArray *cs_param_list_new        (void);
void       cs_param_list_add        (GPtrArray  *list,
                                     const char *name,
                                     const char *value);
const char *cs_param_list_get       (GPtrArray  *list,
                                     const char *name);
guint      cs_param_list_count      (GPtrArray  *list,
                                     const char *name);

void       cs_percent_encode_append (GString    *out,
                                     const char *data,
                                     gssize      len);
char      *cs_percent_encode        (const char *data);
char      *cs_percent_decode        (const char *data,
                                     gssize      len,
                                     gboolean    plus_is_space,
                                     gsize      *out_len,
                                     GError    **error);
gboolean   cs_form_parse_append     (GPtrArray  *list,
                                     const char *form,
                                     gssize      len,
                                     GError    **error);
GPtrArray *cs_form_parse            (const char *form,
                                     gssize      len,
                                     GError    **error);
char      *cs_form_encode           (GPtrArray  *list);

gboolean   cs_is_printable_ascii    (const char *text);

void       cs_secret_free           (char       *secret);

/* A GString that held a secret: g_autoptr(CsWipedString) wipes it before freeing. */
typedef GString CsWipedString;
void       cs_wiped_string_free     (GString    *string);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsParam, cs_param_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsWipedString, cs_wiped_string_free)

G_END_DECLS
