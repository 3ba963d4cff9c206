/* cs-url.c — splitting a request URL, and its base string URI (RFC 5849 §3.4.1.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-percent-private.h"
#include "cs-url.h"
#include "cs-url-private.h"

static gboolean
invalid_url (GError    **error,
             const char *message)
{
  g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL, message);
  return FALSE;
}

/* Whether @text holds a byte <= 0x20 or 0x7F; sets *@len to its length. */
static gboolean
has_space_or_control (const char *text,
                      gsize      *len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + (*len = strlen (text));

#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      __m128i x = cs_load16 (p);
      /* v <= 0x20 unsigned is (v + 0x80) < -128 + 0x21 signed. */
      __m128i low = _mm_cmplt_epi8 (_mm_add_epi8 (x, _mm_set1_epi8 ((char) 0x80)),
                                    _mm_set1_epi8 (-128 + 0x21));
      __m128i del = _mm_cmpeq_epi8 (x, _mm_set1_epi8 (0x7f));

      if (_mm_movemask_epi8 (_mm_or_si128 (low, del)) != 0)
        return TRUE;
    }
#endif
  for (; p < end; p++)
    if (*p <= 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* The first of @a, @b, @c in [@p, @end), or @end. */
static const char *
find_any (const char *p,
          const char *end,
          char        a,
          char        b,
          char        c)
{
#ifdef __SSE2__
  __m128i va = _mm_set1_epi8 (a);
  __m128i vb = _mm_set1_epi8 (b);
  __m128i vc = _mm_set1_epi8 (c);

  for (; end - p >= 16; p += 16)
    {
      __m128i x = cs_load16 (p);
      __m128i hit = _mm_or_si128 (_mm_cmpeq_epi8 (x, va),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (x, vb), _mm_cmpeq_epi8 (x, vc)));
      guint mask = (guint) _mm_movemask_epi8 (hit);

      if (mask != 0)
        return p + __builtin_ctz (mask);
    }
#endif
  for (; p < end; p++)
    if (*p == a || *p == b || *p == c)
      return p;
  return end;
}

/* Whether @url starts with @prefix ("http://" or "https://") in any case. Folding with 0x20
 * is exact here: the only other bytes it maps onto these are control bytes, refused already. */
static inline gboolean
has_prefix_folded (const char *url,
                   gsize       len,
                   const char *prefix,
                   gsize       prefix_len)
{
  if (len < prefix_len)
    return FALSE;
  for (gsize i = 0; i < prefix_len; i++)
    if ((url[i] | 0x20) != prefix[i])
      return FALSE;
  return TRUE;
}

static gboolean
split_scheme (const char *url,
              gsize       len,
              CsUrlParts *parts,
              GError    **error)
{
  const char *sep;
  g_autofree char *scheme = NULL;

  parts->scheme = url;
  if (has_prefix_folded (url, len, "http://", 7))
    parts->scheme_len = 4;
  else if (has_prefix_folded (url, len, "https://", 8))
    parts->scheme_len = 5;
  if (parts->scheme_len > 0)
    return TRUE;

  sep = strstr (url, "://");
  if (sep == NULL || sep == url)
    return invalid_url (error, _("The URL must start with http:// or https://"));
  scheme = g_strndup (url, MIN (sep - url, 20));
  g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
               _("The URL scheme “%s” is not supported: use http or https"),
               g_utf8_validate (scheme, -1, NULL) ? scheme : "?");
  return FALSE;
}

/* The host, up to the port's colon or @auth_end; sets *@host_end where it stops. */
static gboolean
split_host (CsUrlParts  *parts,
            const char  *auth_end,
            const char **host_end,
            GError     **error)
{
  const char *host = parts->host;
  const char *end;

  if (memchr (host, '@', auth_end - host) != NULL)
    return invalid_url (error, _("The URL must not contain a user name or password"));
  if (*host == '[')
    {
      const char *close = memchr (host, ']', auth_end - host);

      if (close == NULL)
        return invalid_url (error, _("The URL’s IPv6 address has no closing “]”"));
      end = close + 1;
      if (end != auth_end && *end != ':')
        return invalid_url (error, _("The URL’s host is malformed"));
    }
  else
    {
      end = memchr (host, ':', auth_end - host);
      if (end == NULL)
        end = auth_end;
    }
  parts->host_len = end - host;
  if (parts->host_len == 0 || (*host == '[' && parts->host_len <= 2))
    return invalid_url (error, _("The URL has no host name"));
  *host_end = end;
  return TRUE;
}

/* The port between @host_end (its colon) and @auth_end; none when it is empty. */
static gboolean
split_port (CsUrlParts *parts,
            const char *host_end,
            const char *auth_end,
            GError    **error)
{
  const char *p = host_end + 1;
  int port = 0;

  if (p >= auth_end)
    return TRUE;
  for (; p < auth_end && port <= 65535 && g_ascii_isdigit (*p); p++)
    port = port * 10 + (*p - '0');
  if (p < auth_end || port < 1 || port > 65535)
    return invalid_url (error, _("The URL’s port is not a number from 1 to 65535"));
  parts->port = port;
  return TRUE;
}

/* The path from @auth_end, then the query (without the fragment). The path is signed as
 * sent, so a malformed escape would be signed as a literal `%` (`%25`) while the server sees
 * something else: refuse it, as in the query. */
static gboolean
split_path_query (CsUrlParts *parts,
                  const char *url,
                  const char *auth_end,
                  const char *end,
                  GError    **error)
{
  const char *path_end = find_any (auth_end, end, '?', '#', '#');

  parts->path = auth_end;
  parts->path_len = path_end - auth_end;
  for (const char *e = memchr (auth_end, '%', parts->path_len); e != NULL;
       e = memchr (e + 1, '%', path_end - (e + 1)))
    if (path_end - e < 3 || !g_ascii_isxdigit (e[1]) || !g_ascii_isxdigit (e[2]))
      {
        g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                     _("“%%” at position %d is not followed by two hexadecimal digits"),
                     (int) (e - url) + 1);
        return FALSE;
      }
  if (path_end < end && *path_end == '?')
    {
      const char *hash;

      parts->query = path_end + 1;
      hash = memchr (parts->query, '#', end - parts->query);
      parts->query_len = (hash ? hash : end) - parts->query;
    }
  return TRUE;
}

gboolean
cs_url_split (const char *url,
              CsUrlParts *parts,
              GError    **error)
{
  gsize len;
  const char *auth_end;
  const char *host_end;

  memset (parts, 0, sizeof *parts);
  parts->port = -1;
  if (has_space_or_control (url, &len))
    return invalid_url (error, _("The URL contains a space or a control character"));
  if (!split_scheme (url, len, parts, error))
    return FALSE;
  parts->host = url + parts->scheme_len + 3;
  auth_end = find_any (parts->host, url + len, '/', '?', '#');
  return split_host (parts, auth_end, &host_end, error) &&
         split_port (parts, host_end, auth_end, error) &&
         split_path_query (parts, url, auth_end, url + len, error);
}

/* Scheme, "://", host, ":65535", path or "/". */
gsize
cs_url_base_uri_max_len (const CsUrlParts *parts)
{
  return parts->scheme_len + 3 + parts->host_len + 6 + MAX (parts->path_len, 1);
}

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline char *
put_lower (char       *out,
           const char *text,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    out[i] = ascii_lower (text[i]);
  return out + len;
}

char *
cs_url_write_base_uri (char             *out,
                       const CsUrlParts *parts,
                       gboolean          encoded)
{
  int default_port = parts->scheme_len == 5 ? 443 : 80;
  const guchar *host = (const guchar *) parts->host;

  out = put_lower (out, parts->scheme, parts->scheme_len);
  out = encoded ? CS_PUT_LITERAL (out, "%3A%2F%2F") : CS_PUT_LITERAL (out, "://");
  /* Host names are letters, digits, dots and dashes (which lower case keeps unreserved):
   * encode only when something else turns up (IPv6). */
  if (!encoded || cs_percent_unreserved_span (host, host + parts->host_len) == parts->host_len)
    out = put_lower (out, parts->host, parts->host_len);
  else
    for (gsize i = 0; i < parts->host_len; i++)
      out = cs_percent_put_cell (out, cs_percent_once, (guchar) ascii_lower ((char) host[i]));
  if (parts->port > 0 && parts->port != default_port)
    out += encoded ? g_snprintf (out, 9, "%%3A%d", parts->port)
                   : g_snprintf (out, 7, ":%d", parts->port);
  if (parts->path_len == 0)
    return encoded ? CS_PUT_LITERAL (out, "%2F") : CS_PUT_LITERAL (out, "/");
  if (encoded)
    return cs_percent_put_encoded (out, cs_percent_once, parts->path, parts->path_len);
  memcpy (out, parts->path, parts->path_len);
  return out + parts->path_len;
}

char *
cs_base_string_uri (const char *url,
                    GError    **error)
{
  CsUrlParts parts;
  char *out;

  g_return_val_if_fail (url != NULL, NULL);

  if (!cs_url_split (url, &parts, error))
    return NULL;
  out = g_malloc (cs_url_base_uri_max_len (&parts) + 1);
  *cs_url_write_base_uri (out, &parts, FALSE) = '\0';
  return out;
}

gboolean
cs_url_collect_params (const char *url,
                       GPtrArray  *params,
                       GError    **error)
{
  CsUrlParts parts;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (!cs_url_split (url, &parts, error))
    return FALSE;
  if (parts.query == NULL)
    return TRUE;
  if (!cs_form_parse_append (params, parts.query, parts.query_len, error))
    {
      g_prefix_error (error, _("In the URL’s query: "));
      return FALSE;
    }
  return TRUE;
}
