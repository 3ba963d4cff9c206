/* cs-percent.h — RFC 5849 §3.6 percent-encoding and form-encoded parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CsParam:
 * @name: the decoded name
 * @value: the decoded value (never %NULL; a bare name has "")
 *
 * One parameter. Names and values are byte strings: they are usually UTF-8, but a
 * provider may send anything, so callers that show them must validate.
 */
typedef struct
{
  char *name;
  char *value;
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

void       cs_secret_free           (char       *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsParam, cs_param_free)

G_END_DECLS
