/* cs-auth-header.c — writing and reading the OAuth `Authorization` header (RFC 5849 §3.5.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-auth-header.h"
#include "cs-auth-header-private.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-percent-private.h"

/* The realm as a quoted-string: `"` and `\` escaped. */
static char *
put_realm (char       *q,
           const char *realm)
{
  q = CS_PUT_LITERAL (q, "realm=\"");
  for (const char *p = realm; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        *q++ = '\\';
      *q++ = *p;
    }
  *q++ = '"';
  return q;
}

/* One allocation, sized first. */
char *
cs_auth_header_build (const char            *realm,
                      const CsProtocolParam *pp)
{
  gsize size = 6 + CS_PERCENT_SLACK;
  char *header;
  char *q;

  if (realm != NULL)
    size += 7 + 2 * strlen (realm) + 1;
  for (guint i = 0; i < CS_N_PP; i++)
    if (pp[i].value != NULL)
      size += 2 + pp[i].name_len + 2 + 3 * pp[i].value_len + 1;

  header = g_malloc (size);
  q = CS_PUT_LITERAL (header, "OAuth ");
  if (realm != NULL)
    q = put_realm (q, realm);
  for (guint i = 0; i < CS_N_PP; i++)
    {
      if (pp[i].value == NULL)
        continue;
      if (q > header + 6)
        q = CS_PUT_LITERAL (q, ", ");
      q = cs_put_bytes (q, pp[i].name, pp[i].name_len);
      q = CS_PUT_LITERAL (q, "=\"");
      if (pp[i].clean)
        q = cs_put_bytes (q, pp[i].value, pp[i].value_len);
      else
        q = cs_percent_put_encoded (q, cs_percent_once, pp[i].value, pp[i].value_len);
      *q++ = '"';
    }
  *q = '\0';
  /* Table writes may have left encoded bytes (of the token) past the end: wipe them. */
  explicit_bzero (q + 1, MIN (CS_PERCENT_SLACK, size - (gsize) (q + 1 - header)));
  return header;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads name="value" at @p into @params (decoded) or *@realm; returns where the next
 * parameter may start (after spaces), or NULL with @error set. */
static const char *
parse_param (const char *p,
             GPtrArray  *params,
             char      **realm,
             GError    **error)
{
  const char *name = p;
  gsize name_len;
  g_autoptr(CsWipedString) raw = g_string_new (NULL);

  while (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
    p++;
  name_len = p - name;
  p = skip_spaces (p);
  if (name_len == 0 || *p != '=' || p[1] != '"')
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The Authorization header is malformed: expected name=\"value\""));
      return NULL;
    }
  for (p += 2; *p && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (raw, *p);
    }
  if (*p != '"')
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The Authorization header has an unterminated quoted value"));
      return NULL;
    }

  if (name_len == 5 && strncmp (name, "realm", 5) == 0)
    {
      g_free (*realm);
      *realm = g_strndup (raw->str, raw->len);
    }
  else
    {
      g_autofree char *key = g_strndup (name, name_len);
      char *value = cs_percent_decode (raw->str, raw->len, FALSE, NULL, error);

      if (value == NULL)
        return NULL;
      cs_param_list_add (params, key, value);
      cs_secret_free (value);
    }
  return skip_spaces (p + 1);
}

GPtrArray *
cs_authorization_header_parse (const char *header,
                               char      **realm,
                               GError    **error)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_autofree char *realm_value = NULL;
  const char *p;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  p = skip_spaces (header);
  if (g_ascii_strncasecmp (p, "OAuth", 5) != 0 || (p[5] != ' ' && p[5] != '\0'))
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The Authorization header does not use the OAuth scheme"));
      return NULL;
    }
  for (p = skip_spaces (p + 5); *p; )
    {
      if ((p = parse_param (p, params, &realm_value, error)) == NULL)
        return NULL;
      if (*p == ',')
        p = skip_spaces (p + 1);
      else if (*p != '\0')
        {
          g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The Authorization header is malformed: expected a comma"));
          return NULL;
        }
    }

  if (realm != NULL)
    *realm = g_steal_pointer (&realm_value);
  return g_steal_pointer (&params);
}
