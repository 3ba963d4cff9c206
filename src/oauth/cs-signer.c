/* cs-signer.c — OAuth 1.0a request signing (RFC 5849 §3.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define NONCE_LENGTH 32

#ifdef __SSE2__
/* Unaligned 16-byte moves (through void * so that no alignment is implied). */
static inline __m128i
load16 (const void *p)
{
  return _mm_loadu_si128 ((const __m128i *) p);
}

static inline void
store16 (void    *p,
         __m128i  x)
{
  _mm_storeu_si128 ((__m128i *) p, x);
}
#endif

typedef struct
{
  const char *scheme;
  gsize       scheme_len;
  const char *host;
  gsize       host_len;
  int         port;         /* -1 when the URL names none */
  const char *path;
  gsize       path_len;
  const char *query;        /* NULL when there is no '?' */
  gsize       query_len;
} UrlParts;

static const char *method_names[] = {
  [CS_SIGNATURE_METHOD_HMAC_SHA1] = "HMAC-SHA1",
  [CS_SIGNATURE_METHOD_HMAC_SHA256] = "HMAC-SHA256",
  [CS_SIGNATURE_METHOD_PLAINTEXT] = "PLAINTEXT",
  [CS_SIGNATURE_METHOD_RSA_SHA1] = "RSA-SHA1",
};

void
cs_sign_options_init (CsSignOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->method = CS_SIGNATURE_METHOD_HMAC_SHA1;
}

const char *
cs_signature_method_to_string (CsSignatureMethod method)
{
  g_return_val_if_fail (method <= CS_SIGNATURE_METHOD_RSA_SHA1, NULL);

  return method_names[method];
}

gboolean
cs_signature_method_from_string (const char        *name,
                                 CsSignatureMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (g_ascii_strcasecmp (name, method_names[i]) == 0)
      {
        *method = (CsSignatureMethod) i;
        return TRUE;
      }
  return FALSE;
}

void
cs_signature_free (CsSignature *signature)
{
  if (signature == NULL)
    return;
  /* The header holds the access token and, for PLAINTEXT, the secrets themselves; the base
   * string holds the access token (and whatever secret a form body carried). */
  cs_secret_free (signature->header);
  cs_secret_free (signature->base_string);
  /* A PLAINTEXT signature is the secrets themselves. */
  cs_secret_free (signature->signature);
  g_free (signature->nonce);
  g_free (signature->timestamp);
  g_free (signature);
}

gboolean
cs_is_printable_ascii (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const guchar *p = (const guchar *) text; *p; p++)
    if ((guchar) (*p - 0x20) > 0x7e - 0x20)
      return FALSE;
  return TRUE;
}

/* 32 letters and digits from GnuTLS's CSPRNG; rejection sampling keeps them uniform. */
char *
cs_nonce_new (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *nonce = g_malloc (NONCE_LENGTH + 1);
  guint n = 0;

  while (n < NONCE_LENGTH)
    {
      guchar buf[48];

      if (gnutls_rnd (GNUTLS_RND_NONCE, buf, sizeof buf) < 0)
        g_error ("The system random number generator failed");
      for (guint i = 0; i < sizeof buf && n < NONCE_LENGTH; i++)
        if (buf[i] < 248) /* 248 = 4 × 62 */
          nonce[n++] = alphabet[buf[i] % 62];
    }
  nonce[NONCE_LENGTH] = '\0';
  return nonce;
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
      __m128i x = load16 (p);
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
      __m128i x = load16 (p);
      guint mask = (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (x, va),
                                                            _mm_or_si128 (_mm_cmpeq_epi8 (x, vb),
                                                                          _mm_cmpeq_epi8 (x, vc))));

      if (mask != 0)
        return p + __builtin_ctz (mask);
    }
#endif
  for (; p < end; p++)
    if (*p == a || *p == b || *p == c)
      return p;
  return end;
}

static gboolean
url_split (const char *url,
           UrlParts   *parts,
           GError    **error)
{
  const char *p;
  const char *end;
  const char *auth_end;
  const char *host_end;
  const char *colon = NULL;
  gboolean at = FALSE;
  gsize len;
  gssize known_scheme_len = -1;

  memset (parts, 0, sizeof *parts);
  parts->port = -1;

  if (has_space_or_control (url, &len))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL contains a space or a control character"));
      return FALSE;
    }

  end = url + len;
  /* The usual case without a search; anything else as before. */
  if (len >= 7 && (url[0] | 0x20) == 'h' && (url[1] | 0x20) == 't' && (url[2] | 0x20) == 't' &&
      (url[3] | 0x20) == 'p' && memcmp (url + 4, "://", 3) == 0)
    p = url + (known_scheme_len = 4);
  else if (len >= 8 && (url[0] | 0x20) == 'h' && (url[1] | 0x20) == 't' &&
           (url[2] | 0x20) == 't' && (url[3] | 0x20) == 'p' && (url[4] | 0x20) == 's' &&
           memcmp (url + 5, "://", 3) == 0)
    p = url + (known_scheme_len = 5);
  else
    p = strstr (url, "://");
  if (p == NULL || p == url)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL must start with http:// or https://"));
      return FALSE;
    }
  parts->scheme = url;
  parts->scheme_len = p - url;
  if (p - url != known_scheme_len &&
      !(parts->scheme_len == 4 && g_ascii_strncasecmp (url, "http", 4) == 0) &&
      !(parts->scheme_len == 5 && g_ascii_strncasecmp (url, "https", 5) == 0))
    {
      g_autofree char *scheme = g_strndup (url, MIN (parts->scheme_len, 20));

      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL scheme “%s” is not supported: use http or https"),
                   g_utf8_validate (scheme, -1, NULL) ? scheme : "?");
      return FALSE;
    }

  parts->host = p + 3;
  auth_end = find_any (parts->host, end, '/', '?', '#');
  at = memchr (parts->host, '@', auth_end - parts->host) != NULL;
  colon = memchr (parts->host, ':', auth_end - parts->host);
  if (at)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL must not contain a user name or password"));
      return FALSE;
    }

  if (*parts->host == '[')
    {
      const char *close = memchr (parts->host, ']', auth_end - parts->host);

      if (close == NULL)
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                       _("The URL’s IPv6 address has no closing “]”"));
          return FALSE;
        }
      host_end = close + 1;
      if (host_end != auth_end && *host_end != ':')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                       _("The URL’s host is malformed"));
          return FALSE;
        }
    }
  else
    host_end = colon ? colon : auth_end;
  parts->host_len = host_end - parts->host;
  if (parts->host_len == 0 || (*parts->host == '[' && parts->host_len <= 2))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL has no host name"));
      return FALSE;
    }

  if (host_end < auth_end && host_end + 1 < auth_end)
    {
      int port = 0;

      for (p = host_end + 1; p < auth_end; p++)
        {
          if (!g_ascii_isdigit (*p) || port > 65535)
            {
              g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                           _("The URL’s port is not a number from 1 to 65535"));
              return FALSE;
            }
          port = port * 10 + (*p - '0');
        }
      if (port < 1 || port > 65535)
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                       _("The URL’s port is not a number from 1 to 65535"));
          return FALSE;
        }
      parts->port = port;
    }

  parts->path = auth_end;
  p = find_any (auth_end, end, '?', '#', '#');
  parts->path_len = p - auth_end;
  /* The path is signed as sent, so a malformed escape would be signed as a literal `%`
   * (`%25`) while the server sees something else: refuse it, as in the query. */
  for (const char *e = memchr (auth_end, '%', parts->path_len); e != NULL;
       e = memchr (e + 1, '%', p - (e + 1)))
    if (p - e < 3 || !g_ascii_isxdigit (e[1]) || !g_ascii_isxdigit (e[2]))
      {
        g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                     _("“%%” at position %d is not followed by two hexadecimal digits"),
                     (int) (e - url) + 1);
        return FALSE;
      }
  if (p < end && *p == '?')
    {
      const char *hash;

      parts->query = ++p;
      hash = memchr (p, '#', end - p);
      parts->query_len = (hash ? hash : end) - p;
    }
  return TRUE;
}

/* Encoding tables. Each byte's encoded text (up to 5 bytes) sits in an 8-byte cell whose
 * last byte is its length, so a writer stores the whole cell at once and advances by the
 * length: no branch per byte. Buffers written this way keep ENC_SLACK bytes spare. */
#define ENC_SLACK 8

typedef struct
{
  char text[8];
} Encoding;

static Encoding encoded_once[256];  /* RFC 5849 §3.6 */
static Encoding encoded_twice[256]; /* §3.6 applied twice: what the base string holds */

/* The value of a hex digit plus one; 0 for anything else. */
static const guint8 hex_plus_one[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
  ['8'] = 9, ['9'] = 10,
  ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
  ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

static void
encoding_tables_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      static const char hex[] = "0123456789ABCDEF";

      for (guint b = 0; b < 256; b++)
        {
          Encoding *once = &encoded_once[b];
          Encoding *twice = &encoded_twice[b];

          if (cs_percent_unreserved[b])
            {
              once->text[0] = twice->text[0] = (char) b;
              once->text[7] = twice->text[7] = 1;
              continue;
            }
          memcpy (once->text, (char[]) { '%', hex[b >> 4], hex[b & 0xf] }, 3);
          once->text[7] = 3;
          memcpy (twice->text, (char[]) { '%', '2', '5', hex[b >> 4], hex[b & 0xf] }, 5);
          twice->text[7] = 5;
        }
      g_once_init_leave (&done, 1);
    }
}

static inline char *
put_encoded (char           *q,
             const Encoding *table,
             guchar          b)
{
  memcpy (q, table[b].text, 8);
  return q + table[b].text[7];
}

/* memcpy() for the short names and values that make up a request, without a call for each:
 * two (or four) overlapping fixed-size moves cover any length from 4 to 64. */
static inline char *
put_bytes (char       *q,
           const char *src,
           gsize       n)
{
  if (n > 16 && n <= 32)
    {
      memcpy (q, src, 16);
      memcpy (q + n - 16, src + n - 16, 16);
    }
  else if (n > 32 && n <= 64)
    {
      memcpy (q, src, 32);
      memcpy (q + n - 32, src + n - 32, 32);
    }
  else if (n >= 8 && n <= 16)
    {
      memcpy (q, src, 8);
      memcpy (q + n - 8, src + n - 8, 8);
    }
  else if (n >= 4 && n < 8)
    {
      memcpy (q, src, 4);
      memcpy (q + n - 4, src + n - 4, 4);
    }
  else if (n > 16)
    memcpy (q, src, n);
  else
    for (gsize i = 0; i < n; i++)
      q[i] = src[i];
  return q + n;
}

#ifdef __SSE2__
/* Bit i set when byte i of @x is unreserved. Unsigned range checks in signed arithmetic:
 * v in [lo, lo + n) is (v + 0x80 - lo) < -128 + n. */
static inline guint
unreserved_mask (__m128i x)
{
  __m128i folded = _mm_or_si128 (x, _mm_set1_epi8 (0x20)); /* A-Z onto a-z, and only they */
  __m128i letter = _mm_cmplt_epi8 (_mm_add_epi8 (folded, _mm_set1_epi8 ((char) (0x80 - 'a'))),
                                   _mm_set1_epi8 (-128 + 26));
  __m128i digit = _mm_cmplt_epi8 (_mm_add_epi8 (x, _mm_set1_epi8 ((char) (0x80 - '0'))),
                                  _mm_set1_epi8 (-128 + 10));
  __m128i dash_dot = _mm_cmplt_epi8 (_mm_add_epi8 (x, _mm_set1_epi8 ((char) (0x80 - '-'))),
                                     _mm_set1_epi8 (-128 + 2));
  __m128i under_tilde = _mm_or_si128 (_mm_cmpeq_epi8 (x, _mm_set1_epi8 ('_')),
                                      _mm_cmpeq_epi8 (x, _mm_set1_epi8 ('~')));

  return (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (letter, digit),
                                                  _mm_or_si128 (dash_dot, under_tilde)));
}
#endif

/* The length of the run of unreserved bytes at @p (up to @end). */
static inline gsize
unreserved_span (const guchar *p,
                 const guchar *end)
{
  const guchar *start = p;

#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      guint mask = unreserved_mask (load16 (p));

      if (mask != 0xffff)
        return p - start + __builtin_ctz (~mask);
    }
#endif
  while (p < end && cs_percent_unreserved[*p])
    p++;
  return p - start;
}

/* Copies the run of unreserved bytes at @p (up to @end) to *@q and returns where it stops.
 * *@q must have room for 16 bytes more than the run when 16 or more input bytes remain,
 * which every buffer here has: each input byte gets at least one output byte. With SSE2
 * (every x86-64) sixteen bytes are classified at once. */
static inline const guchar *
copy_unreserved (char         **q,
                 const guchar  *p,
                 const guchar  *end)
{
  char *out = *q;

  /* Escapes often follow each other ("%20%2B"): no vector work for an empty run. */
  if (p < end && !cs_percent_unreserved[*p])
    return p;
#ifdef __SSE2__
  while (end - p >= 16)
    {
      __m128i x = load16 (p);
      guint mask = unreserved_mask (x);

      store16 (out, x);
      if (mask != 0xffff)
        {
          guint n = (guint) __builtin_ctz (~mask);

          *q = out + n;
          return p + n;
        }
      p += 16;
      out += 16;
    }
#endif
  while (p < end && cs_percent_unreserved[*p])
    *out++ = (char) *p++;
  *q = out;
  return p;
}

/* Writes @len bytes of @data encoded with @table; @q needs 3 (once) or 5 (twice) bytes per
 * input byte, plus ENC_SLACK. */
static char *
put_encoded_len (char           *q,
                 const Encoding *table,
                 const char     *data,
                 gsize           len)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + len;

  /* Most of what is signed (keys, nonces, tokens, names) is unreserved: copy runs whole. */
  while ((p = copy_unreserved (&q, p, end)) < end)
    q = put_encoded (q, table, *p++);
  return q;
}

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline char
ascii_upper (char c)
{
  return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* The longest base string URI @parts can give: scheme, "://", host, ":65535", path or "/". */
static gsize
base_uri_max_len (const UrlParts *parts)
{
  return parts->scheme_len + 3 + parts->host_len + 6 + MAX (parts->path_len, 1);
}

/* Writes the base string URI of §3.4.1.2 at @out (base_uri_max_len() bytes); returns its end. */
static char *
write_base_uri (char           *out,
                const UrlParts *parts)
{
  gboolean https = parts->scheme_len == 5;

  for (gsize i = 0; i < parts->scheme_len; i++)
    *out++ = ascii_lower (parts->scheme[i]);
  memcpy (out, "://", 3);
  out += 3;
  for (gsize i = 0; i < parts->host_len; i++)
    *out++ = ascii_lower (parts->host[i]);
  if (parts->port > 0 && !(https && parts->port == 443) && !(!https && parts->port == 80))
    out += g_snprintf (out, 7, ":%d", parts->port);
  if (parts->path_len == 0)
    *out++ = '/';
  else
    {
      memcpy (out, parts->path, parts->path_len);
      out += parts->path_len;
    }
  return out;
}

/* The base string URI already encoded once (§3.4.1.1), at @out (3 × base_uri_max_len()
 * + ENC_SLACK bytes): one pass instead of writing it and encoding it again. */
static char *
write_base_uri_encoded (char           *out,
                        const UrlParts *parts)
{
  gboolean https = parts->scheme_len == 5;

  for (gsize i = 0; i < parts->scheme_len; i++)
    *out++ = ascii_lower (parts->scheme[i]);
  memcpy (out, "%3A%2F%2F", 9);
  out += 9;
  /* Host names are letters, digits, dots and dashes: lower-case them in one plain pass
   * (which compilers vectorize) and encode only when something else turns up (IPv6). */
  for (gsize i = 0; i < parts->host_len; i++)
    out[i] = ascii_lower (parts->host[i]);
  if (G_LIKELY (unreserved_span ((const guchar *) out, (const guchar *) out + parts->host_len) ==
                parts->host_len))
    out += parts->host_len;
  else
    {
      char lower[256];
      gsize n = MIN (parts->host_len, sizeof lower);

      memcpy (lower, out, n);
      out = put_encoded_len (out, encoded_once, lower, n);
      for (gsize i = n; i < parts->host_len; i++)
        out = put_encoded (out, encoded_once, (guchar) ascii_lower (parts->host[i]));
    }
  if (parts->port > 0 && !(https && parts->port == 443) && !(!https && parts->port == 80))
    out += g_snprintf (out, 9, "%%3A%d", parts->port);
  if (parts->path_len == 0)
    {
      memcpy (out, "%2F", 3);
      out += 3;
    }
  else
    out = put_encoded_len (out, encoded_once, parts->path, parts->path_len);
  return out;
}

char *
cs_base_string_uri (const char *url,
                    GError    **error)
{
  UrlParts parts;
  char *out;

  g_return_val_if_fail (url != NULL, NULL);

  if (!url_split (url, &parts, error))
    return NULL;
  out = g_malloc (base_uri_max_len (&parts) + 1);
  *write_base_uri (out, &parts) = '\0';
  return out;
}

/* Adds the URL's query parameters to @params (decoded, `+` as space). */
gboolean
cs_url_collect_params (const char *url,
                       GPtrArray  *params,
                       GError    **error)
{
  UrlParts parts;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (!url_split (url, &parts, error))
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

/* A parameter's twice-encoded name and value. Encoding twice (§3.4.1.3.2 encodes names and
 * values, §3.4.1.1 the normalized string again) only turns `%` into `%25`, and `%` sorts
 * below every unreserved byte, so twice-encoded strings sort exactly as once-encoded ones
 * do. While parameters are collected, @name and @value are offsets into Collector.buf
 * (which may move) when PAIR_*_IN_BUF says so, else addresses of text that is its own
 * encoding (protocol names, unreserved values); collector_resolve() makes them all
 * addresses. */
typedef struct
{
  gsize   name;
  gsize   value;
  guint32 name_len;
  guint32 value_len;
  guint32 flags;
} Pair;

enum
{
  PAIR_NAME_IN_BUF = 1 << 0,
  PAIR_VALUE_IN_BUF = 1 << 1,
};

#define PAIR_NAME(pair)  ((const char *) (pair)->name)
#define PAIR_VALUE(pair) ((const char *) (pair)->value)

#define COLLECTOR_STACK_BYTES 2048
#define COLLECTOR_STACK_PAIRS 32
#define MAX_INPUT_BYTES       (G_MAXUINT32 / 8)

/* The request parameters of §3.4.1.3, collected straight into their base string form: one
 * decoding and encoding pass over each byte, no allocation for ordinary requests. */
typedef struct
{
  char  *buf;
  gsize  len;
  gsize  cap;
  Pair  *pairs;
  guint  n_pairs;
  guint  cap_pairs;
  guint  sorted_from;  /* pairs from here on were added in order */
  char   stack_buf[COLLECTOR_STACK_BYTES];
  Pair   stack_pairs[COLLECTOR_STACK_PAIRS];
} Collector;

static void
collector_init (Collector *c)
{
  encoding_tables_init ();
  c->buf = c->stack_buf;
  c->len = 0;
  c->cap = sizeof c->stack_buf;
  c->pairs = c->stack_pairs;
  c->n_pairs = 0;
  c->cap_pairs = G_N_ELEMENTS (c->stack_pairs);
  c->sorted_from = G_MAXUINT;
}

static void
collector_clear (Collector *c)
{
  /* The collected parameters include the access token and any secret in a form body. Table
   * writes reach ENC_SLACK bytes past the end; a skipped oauth_signature was wiped already. */
  explicit_bzero (c->buf, MIN (c->cap, c->len + ENC_SLACK));
  if (c->buf != c->stack_buf)
    g_free (c->buf);
  if (c->pairs != c->stack_pairs)
    g_free (c->pairs);
}

/* Makes room for @extra more bytes, and the slack that table writes need. */
static void
collector_reserve (Collector *c,
                   gsize      extra)
{
  gsize cap;

  if (c->len + extra + ENC_SLACK <= c->cap)
    return;
  cap = MAX (c->cap * 2, c->len + extra + ENC_SLACK);
  {
    /* Not g_realloc(): the old block would be freed with the parameters still in it. */
    char *buf = g_malloc (cap);

    memcpy (buf, c->buf, c->len);
    explicit_bzero (c->buf, MIN (c->cap, c->len + ENC_SLACK));
    if (c->buf != c->stack_buf)
      g_free (c->buf);
    c->buf = buf;
  }
  c->cap = cap;
}

/* Keeps the pair that ends at @end, unless it is `oauth_signature` (§3.4.1.3.1). */
static void
collector_commit (Collector *c,
                  Pair       pair,
                  char      *end)
{
  if (pair.name_len == 15 && memcmp (c->buf + pair.name, "oauth_signature", 15) == 0)
    {
      /* Its bytes stay past c->len, where collector_clear() would not look: wipe them. */
      explicit_bzero (c->buf + c->len,
                      MIN (c->cap - c->len, (gsize) (end - c->buf) - c->len + ENC_SLACK));
      return;
    }
  if (c->n_pairs == c->cap_pairs)
    {
      c->cap_pairs *= 2;
      if (c->pairs == c->stack_pairs)
        c->pairs = g_memdup2 (c->stack_pairs, sizeof c->stack_pairs[0] * c->n_pairs);
      c->pairs = g_renew (Pair, c->pairs, c->cap_pairs);
    }
  c->pairs[c->n_pairs++] = pair;
  c->len = end - c->buf;
}

/* Adds a decoded name and value. */
static void
collector_add (Collector  *c,
               const char *name,
               gsize       name_len,
               const char *value,
               gsize       value_len)
{
  Pair pair;
  char *q;

  collector_reserve (c, 5 * (name_len + value_len));
  pair.flags = PAIR_NAME_IN_BUF | PAIR_VALUE_IN_BUF;
  pair.name = c->len;
  q = put_encoded_len (c->buf + c->len, encoded_twice, name, name_len);
  pair.name_len = (q - c->buf) - pair.name;
  pair.value = q - c->buf;
  q = put_encoded_len (q, encoded_twice, value, value_len);
  pair.value_len = (q - c->buf) - pair.value;
  collector_commit (c, pair, q);
}

/* Form-decodes [@p, @end) (`+` is a space) and writes it encoded twice at @q; NULL when a
 * `%` is not followed by two hex digits. */
static char *
decode_encode_twice (char       *q,
                     const char *p,
                     const char *end)
{
  while ((p = (const char *) copy_unreserved (&q, (const guchar *) p, (const guchar *) end)) < end)
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
      q = put_encoded (q, encoded_twice, b);
    }
  return q;
}

/* The parameters of an `application/x-www-form-urlencoded` text (or a query), read as
 * cs_form_parse_append() reads it; FALSE for a malformed escape. */
static gboolean
collector_add_form (Collector  *c,
                    const char *form,
                    gsize       len)
{
  const char *p = form;
  const char *end = form + len;

  collector_reserve (c, 5 * len);
  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *seg_end = amp ? amp : end;

      if (seg_end > p)
        {
          const char *eq = memchr (p, '=', seg_end - p);
          char *q;
          Pair pair;

          pair.flags = PAIR_NAME_IN_BUF | PAIR_VALUE_IN_BUF;
          pair.name = c->len;
          q = decode_encode_twice (c->buf + c->len, p, eq ? eq : seg_end);
          if (q == NULL)
            return FALSE;
          pair.name_len = (q - c->buf) - pair.name;
          pair.value = q - c->buf;
          if (eq != NULL && (q = decode_encode_twice (q, eq + 1, seg_end)) == NULL)
            return FALSE;
          pair.value_len = (q - c->buf) - pair.value;
          collector_commit (c, pair, q);
        }
      p = seg_end + 1;
    }
  return TRUE;
}

static inline int
compare_bytes (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  gsize n = MIN (a_len, b_len);
  gsize i = 0;

  /* Names share "oauth_": compare eight bytes at a time, big-endian so that the first
   * differing byte decides. */
  for (; i + 8 <= n; i += 8)
    {
      guint64 x;
      guint64 y;

      memcpy (&x, a + i, 8);
      memcpy (&y, b + i, 8);
      if (x != y)
        {
          x = GUINT64_FROM_BE (x);
          y = GUINT64_FROM_BE (y);
          return x < y ? -1 : 1;
        }
    }
  for (; i < n; i++)
    if (a[i] != b[i])
      return (guchar) a[i] - (guchar) b[i];
  return (a_len > b_len) - (a_len < b_len);
}

/* §3.4.1.3.2: by name, then by value, in byte order. */
static int
compare_pairs (gconstpointer a,
               gconstpointer b,
               gpointer      buf)
{
  const Pair *pa = a;
  const Pair *pb = b;
  int r = compare_bytes (PAIR_NAME (pa), pa->name_len, PAIR_NAME (pb), pb->name_len);

  if (r != 0)
    return r;
  return compare_bytes (PAIR_VALUE (pa), pa->value_len, PAIR_VALUE (pb), pb->value_len);
}

static void
insertion_sort (Pair       *pairs,
                guint       n,
                const char *buf)
{
  for (guint i = 1; i < n; i++)
    {
      Pair pair = pairs[i];
      guint j = i;

      while (j > 0 && compare_pairs (&pairs[j - 1], &pair, (gpointer) buf) > 0)
        {
          pairs[j] = pairs[j - 1];
          j--;
        }
      pairs[j] = pair;
    }
}

/* Turns buffer offsets into addresses, once the buffer no longer moves. */
static void
collector_resolve (Collector *c)
{
  for (guint i = 0; i < c->n_pairs; i++)
    {
      Pair *pair = &c->pairs[i];

      if (pair->flags & PAIR_NAME_IN_BUF)
        pair->name += (gsize) c->buf;
      if (pair->flags & PAIR_VALUE_IN_BUF)
        pair->value += (gsize) c->buf;
      pair->flags = 0;
    }
}

static void
collector_sort (Collector *c)
{
  guint n = c->n_pairs;
  guint k = MIN (c->sorted_from, n);
  Pair merged[COLLECTOR_STACK_PAIRS];
  guint i = 0;
  guint j = k;
  guint m = 0;

  if (n > COLLECTOR_STACK_PAIRS)
    {
      g_qsort_with_data (c->pairs, n, sizeof (Pair), compare_pairs, c->buf);
      return;
    }
  /* A request has a dozen parameters or so: insertion sort beats a general sort there.
   * The protocol parameters come last and already in order: sort the others, then merge. */
  insertion_sort (c->pairs, k, c->buf);
  if (k == 0 || k == n)
    return;
  while (i < k && j < n)
    merged[m++] = compare_pairs (&c->pairs[j], &c->pairs[i], c->buf) < 0 ? c->pairs[j++]
                                                                          : c->pairs[i++];
  while (i < k)
    merged[m++] = c->pairs[i++];
  /* What is left of the protocol run is already in place. */
  memcpy (c->pairs, merged, m * sizeof (Pair));
}

/* §3.4.1.1: METHOD&encoded-URI&encoded-parameters, in one allocation. The method is
 * upper-cased and, as a custom method must be, encoded. */
static char *
build_base_string (const char *http_method,
                   const char *base_uri,
                   gsize       base_uri_len,
                   gboolean    uri_encoded,
                   Collector  *c,
                   gsize      *out_len)
{
  gsize method_len = strlen (http_method);
  gsize size = 3 * method_len + 1 + 3 * base_uri_len + 1 + 6 * c->n_pairs + ENC_SLACK;
  char *out;
  char *q;

  for (guint i = 0; i < c->n_pairs; i++)
    size += c->pairs[i].name_len + c->pairs[i].value_len;
  collector_resolve (c);
  collector_sort (c);
  out = g_malloc (size);
  q = out;
  for (gsize i = 0; i < method_len; i++)
    q = put_encoded (q, encoded_once, (guchar) ascii_upper (http_method[i]));
  *q++ = '&';
  if (uri_encoded)
    q = put_bytes (q, base_uri, base_uri_len);
  else
    q = put_encoded_len (q, encoded_once, base_uri, base_uri_len);
  *q++ = '&';
  for (guint i = 0; i < c->n_pairs; i++)
    {
      const Pair *pair = &c->pairs[i];

      if (i > 0)
        {
          memcpy (q, "%26", 3);
          q += 3;
        }
      q = put_bytes (q, PAIR_NAME (pair), pair->name_len);
      memcpy (q, "%3D", 3);
      q += 3;
      q = put_bytes (q, PAIR_VALUE (pair), pair->value_len);
    }
  *q = '\0';
  if (out_len != NULL)
    *out_len = q - out;
  return out;
}

/**
 * cs_signature_base_string:
 * @http_method: the HTTP method (upper-cased and encoded here)
 * @base_uri: the base string URI, from cs_base_string_uri()
 * @params: every decoded parameter (query, body, protocol); `oauth_signature` is skipped
 *
 * Returns: the signature base string of RFC 5849 §3.4.1.
 */
char *
cs_signature_base_string (const char *http_method,
                          const char *base_uri,
                          GPtrArray  *params)
{
  Collector c;
  char *result;

  g_return_val_if_fail (http_method != NULL, NULL);
  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  collector_init (&c);
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);

      collector_add (&c, param->name, param->name_len ? param->name_len : strlen (param->name),
                     param->value,
                     param->value_len ? param->value_len : strlen (param->value));
    }
  result = build_base_string (http_method, base_uri, strlen (base_uri), FALSE, &c, NULL);
  collector_clear (&c);
  return result;
}

/* The key of §3.4.2 and §3.4.4, encoded secret & encoded secret, in @stack when it fits.
 * Wipe and free it with key_free(). */
static char *
signing_key (const char *consumer_secret,
             const char *token_secret,
             char       *stack,
             gsize       stack_size,
             gsize      *out_len)
{
  gsize cs_len;
  gsize ts_len;
  gsize size;
  char *key;
  char *q;

  encoding_tables_init ();
  consumer_secret = consumer_secret ? consumer_secret : "";
  token_secret = token_secret ? token_secret : "";
  cs_len = strlen (consumer_secret);
  ts_len = strlen (token_secret);
  size = 3 * (cs_len + ts_len) + 1 + ENC_SLACK;
  key = size <= stack_size ? stack : g_malloc (size);
  q = put_encoded_len (key, encoded_once, consumer_secret, cs_len);
  *q++ = '&';
  q = put_encoded_len (q, encoded_once, token_secret, ts_len);
  *out_len = q - key;
  /* Table writes may have left encoded bytes past the end: wipe those too. */
  explicit_bzero (q, MIN (ENC_SLACK, size - *out_len));
  *q = '\0';
  return key;
}

static void
key_free (char *key,
          gsize key_len,
          char *stack)
{
  explicit_bzero (key, key_len + 1);
  if (key != stack)
    g_free (key);
}

/* Standard base64 with padding (RFC 4648 §4), of at most 48 bytes, into @out. */
static gsize
base64_encode (const guchar *data,
               gsize         len,
               char         *out)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char *q = out;
  gsize i = 0;

  for (; i + 3 <= len; i += 3)
    {
      guint32 v = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8 | data[i + 2];

      *q++ = alphabet[v >> 18];
      *q++ = alphabet[(v >> 12) & 63];
      *q++ = alphabet[(v >> 6) & 63];
      *q++ = alphabet[v & 63];
    }
  if (i < len)
    {
      guint32 v = (guint32) data[i] << 16 | (i + 1 < len ? (guint32) data[i + 1] << 8 : 0);

      *q++ = alphabet[v >> 18];
      *q++ = alphabet[(v >> 12) & 63];
      *q++ = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
      *q++ = '=';
    }
  *q = '\0';
  return q - out;
}

static char *
sign_rsa_sha1 (const char *base_string,
               const char *private_key_pem,
               GError    **error)
{
  gnutls_privkey_t key = NULL;
  gnutls_datum_t pem;
  gnutls_datum_t data;
  gnutls_datum_t sig = { NULL, 0 };
  char *result = NULL;
  int ret;

  if (private_key_pem == NULL || *private_key_pem == '\0')
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("RSA-SHA1 needs a PEM private key"));
      return NULL;
    }

  pem.data = (unsigned char *) private_key_pem;
  pem.size = strlen (private_key_pem);
  data.data = (unsigned char *) base_string;
  data.size = strlen (base_string);

  if ((ret = gnutls_privkey_init (&key)) < 0 ||
      (ret = gnutls_privkey_import_x509_raw (key, &pem, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("The private key is not a readable PEM RSA key: %s"),
                   gnutls_strerror (ret));
      goto out;
    }
  if (gnutls_privkey_get_pk_algorithm (key, NULL) != GNUTLS_PK_RSA)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("The private key is not an RSA key"));
      goto out;
    }
  if ((ret = gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA1, 0, &data, &sig)) < 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("Signing with the RSA key failed: %s"), gnutls_strerror (ret));
      goto out;
    }
  result = g_base64_encode (sig.data, sig.size);

out:
  gnutls_free (sig.data);
  if (key != NULL)
    gnutls_privkey_deinit (key);
  return result;
}


static char *
compute_signature (CsSignatureMethod method,
                   const char       *base_string,
                   gsize             base_len,
                   const char       *consumer_secret,
                   const char       *token_secret,
                   const char       *private_key_pem,
                   GError          **error)
{
  char stack_key[256];
  guchar digest[32];
  char b64[48];
  char *key;
  gsize key_len;
  char *result;
  gnutls_mac_algorithm_t mac;
  gsize digest_len;
  int ret;

  switch (method)
    {
    case CS_SIGNATURE_METHOD_PLAINTEXT:
      key = signing_key (consumer_secret, token_secret, stack_key, sizeof stack_key, &key_len);
      result = g_strndup (key, key_len);
      key_free (key, key_len, stack_key);
      return result;
    case CS_SIGNATURE_METHOD_RSA_SHA1:
      return sign_rsa_sha1 (base_string, private_key_pem, error);
    case CS_SIGNATURE_METHOD_HMAC_SHA1:
      mac = GNUTLS_MAC_SHA1;
      digest_len = 20;
      break;
    case CS_SIGNATURE_METHOD_HMAC_SHA256:
      mac = GNUTLS_MAC_SHA256;
      digest_len = 32;
      break;
    default:
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_UNSUPPORTED_METHOD,
                   _("Unknown signature method"));
      return NULL;
    }

  key = signing_key (consumer_secret, token_secret, stack_key, sizeof stack_key, &key_len);
  ret = gnutls_hmac_fast (mac, key, key_len, base_string, base_len, digest);
  key_free (key, key_len, stack_key);
  if (ret < 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY, _("HMAC computation failed"));
      return NULL;
    }
  result = g_memdup2 (b64, base64_encode (digest, digest_len, b64) + 1);
  explicit_bzero (digest, sizeof digest);
  return result;
}

/**
 * cs_signature_compute:
 *
 * Returns: the raw signature of @base_string: base64 for HMAC and RSA, the signing key
 *   itself for PLAINTEXT. Free with cs_secret_free().
 */
char *
cs_signature_compute (CsSignatureMethod method,
                      const char       *base_string,
                      const char       *consumer_secret,
                      const char       *token_secret,
                      const char       *private_key_pem,
                      GError          **error)
{
  g_return_val_if_fail (base_string != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return compute_signature (method, base_string, strlen (base_string), consumer_secret,
                            token_secret, private_key_pem, error);
}

/* Constant-time comparison of the expected and the received signature (HMAC, PLAINTEXT). */
gboolean
cs_signature_verify (CsSignatureMethod method,
                     const char       *base_string,
                     const char       *signature,
                     const char       *consumer_secret,
                     const char       *token_secret)
{
  g_autoptr(GError) error = NULL;
  char *expected;
  gsize a_len;
  gsize b_len;
  guchar diff;

  g_return_val_if_fail (base_string != NULL, FALSE);

  if (signature == NULL || method == CS_SIGNATURE_METHOD_RSA_SHA1)
    return FALSE;
  expected = cs_signature_compute (method, base_string, consumer_secret, token_secret, NULL,
                                   &error);
  if (expected == NULL)
    return FALSE;

  a_len = strlen (expected);
  b_len = strlen (signature);
  diff = a_len != b_len;
  for (gsize i = 0; i < MIN (a_len, b_len); i++)
    diff |= (guchar) expected[i] ^ (guchar) signature[i];
  cs_secret_free (expected);
  return diff == 0;
}

/* A protocol parameter; @value NULL when it is not sent. */
#define protocol_param_set(pp, name, value) \
  protocol_param_set_len ((pp), "" name "", sizeof (name) - 1, (value))

typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;
  gsize       value_len;
  gboolean    clean;      /* all unreserved: its encoded forms are the value itself */
} ProtocolParam;

enum
{
  PP_CALLBACK,
  PP_CONSUMER_KEY,
  PP_NONCE,
  PP_SIGNATURE,
  PP_SIGNATURE_METHOD,
  PP_TIMESTAMP,
  PP_TOKEN,
  PP_VERIFIER,
  PP_VERSION,
  N_PP
};

static void
protocol_param_set_len (ProtocolParam *pp,
                        const char    *name,
                        gsize          name_len,
                        const char    *value)
{
  pp->name = name;
  pp->name_len = name_len;
  pp->value = value;
  pp->value_len = value ? strlen (value) : 0;
  pp->clean = value != NULL &&
              unreserved_span ((const guchar *) value,
                               (const guchar *) value + pp->value_len) == pp->value_len;
}

/* Adds the protocol parameters, in their (sorted) order, after the others: their names are
 * unreserved, and so, usually, are their values. */
static void
collector_add_protocol (Collector           *c,
                        const ProtocolParam *pp)
{
  gsize total = 0;
  char *q;

  for (guint i = 0; i < N_PP; i++)
    if (!pp[i].clean)
      total += 5 * pp[i].value_len;
  collector_reserve (c, total);
  if (c->n_pairs + N_PP > c->cap_pairs)
    {
      c->cap_pairs = c->n_pairs + N_PP;
      if (c->pairs == c->stack_pairs)
        c->pairs = g_memdup2 (c->stack_pairs, sizeof c->stack_pairs[0] * c->n_pairs);
      c->pairs = g_renew (Pair, c->pairs, c->cap_pairs);
    }

  c->sorted_from = c->n_pairs;
  q = c->buf + c->len;
  for (guint i = 0; i < N_PP; i++)
    {
      Pair *pair = &c->pairs[c->n_pairs];

      if (pp[i].value == NULL)
        continue;
      /* Names, and clean values, are their own encoding: point at them, copy nothing. */
      pair->name = (gsize) pp[i].name;
      pair->name_len = pp[i].name_len;
      if (pp[i].clean)
        {
          pair->flags = 0;
          pair->value = (gsize) pp[i].value;
          pair->value_len = pp[i].value_len;
        }
      else
        {
          pair->flags = PAIR_VALUE_IN_BUF;
          pair->value = q - c->buf;
          q = put_encoded_len (q, encoded_twice, pp[i].value, pp[i].value_len);
          pair->value_len = (q - c->buf) - pair->value;
        }
      c->n_pairs++;
    }
  c->len = q - c->buf;
}

static gboolean
check_options (const CsSignOptions *options,
               ProtocolParam       *pp,
               GError             **error)
{
  if (options->consumer_key == NULL || *options->consumer_key == '\0')
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The consumer key is empty"));
      return FALSE;
    }
  /* The consumer key's and a fixed nonce's lengths and encodings are worked out once here. */
  protocol_param_set (&pp[PP_CONSUMER_KEY], "oauth_consumer_key", options->consumer_key);
  if (!pp[PP_CONSUMER_KEY].clean && !cs_is_printable_ascii (options->consumer_key))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The consumer key contains a character that is not printable ASCII; "
                     "consumer keys are plain letters and digits"));
      return FALSE;
    }
  protocol_param_set (&pp[PP_NONCE], "oauth_nonce", options->nonce);
  if (options->nonce != NULL && (*options->nonce == '\0' ||
                                 (!pp[PP_NONCE].clean && !cs_is_printable_ascii (options->nonce))))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The nonce must be non-empty printable ASCII"));
      return FALSE;
    }
  if (options->method > CS_SIGNATURE_METHOD_RSA_SHA1)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_UNSUPPORTED_METHOD,
                   _("Unknown signature method"));
      return FALSE;
    }
  if (options->realm != NULL && !g_utf8_validate (options->realm, -1, NULL))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The realm is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
}

/* The header value of §3.5.1: realm (a quoted-string), then the protocol parameters in the
 * order they sort in (the enum's), each value encoded once. One allocation, sized first. */
static char *
build_header (const char          *realm,
              const ProtocolParam *pp)
{
  gsize size = 6 + ENC_SLACK;
  char *header;
  char *q;

  if (realm != NULL)
    size += 7 + 2 * strlen (realm) + 1;
  for (guint i = 0; i < N_PP; i++)
    if (pp[i].value != NULL)
      size += 2 + pp[i].name_len + 2 + 3 * pp[i].value_len + 1;

  header = g_malloc (size);
  memcpy (header, "OAuth ", 6);
  q = header + 6;
  if (realm != NULL)
    {
      memcpy (q, "realm=\"", 7);
      q += 7;
      for (const char *p = realm; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            *q++ = '\\';
          *q++ = *p;
        }
      *q++ = '"';
    }
  for (guint i = 0; i < N_PP; i++)
    {
      if (pp[i].value == NULL)
        continue;
      if (q > header + 6)
        {
          memcpy (q, ", ", 2);
          q += 2;
        }
      q = put_bytes (q, pp[i].name, pp[i].name_len);
      memcpy (q, "=\"", 2);
      q += 2;
      if (pp[i].clean)
        {
          q = put_bytes (q, pp[i].value, pp[i].value_len);
        }
      else
        q = put_encoded_len (q, encoded_once, pp[i].value, pp[i].value_len);
      *q++ = '"';
    }
  *q = '\0';
  /* Table writes may have left encoded bytes (of the token) past the end: wipe them. */
  explicit_bzero (q + 1, MIN (ENC_SLACK, size - (gsize) (q + 1 - header)));
  return header;
}

/* Sets @error for a query or body the fast path refused, with cs_form_parse_append()'s
 * message (which names the position). */
static void
set_form_error (const char *form,
                gsize       len,
                const char *prefix,
                GError    **error)
{
  g_autoptr(GPtrArray) scratch = cs_param_list_new ();
  GError *local = NULL;

  if (cs_form_parse_append (scratch, form, len, &local))
    g_set_error_literal (&local, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                         _("Malformed percent-encoding"));
  g_prefix_error (&local, "%s", prefix);
  g_propagate_error (error, local);
}

/**
 * cs_sign:
 * @http_method: GET, POST…
 * @url: the request URL, query included, as it will be sent
 * @form_body: (nullable): the `application/x-www-form-urlencoded` body as it will be sent
 * @options: credentials and options
 * @error: bad input (%CS_OAUTH_ERROR_INVALID_URL, %CS_OAUTH_ERROR_INVALID_INPUT…)
 *
 * Signs one request. Pure function of its arguments (and the clock and the CSPRNG when the
 * nonce or timestamp are not fixed): safe to call from any thread.
 *
 * The query and the body are decoded and encoded again in one pass, straight into their
 * base string form, on the stack for ordinary requests; each result string is allocated
 * once, at its final size.
 */
CsSignature *
cs_sign (const char          *http_method,
         const char          *url,
         const char          *form_body,
         const CsSignOptions *options,
         GError             **error)
{
  CsSignature *sig;
  Collector c;
  UrlParts parts;
  ProtocolParam pp[N_PP];
  char uri_stack[512];
  char *uri;
  gsize uri_len;
  gsize base_len;
  gsize body_len;

  g_return_val_if_fail (http_method != NULL && *http_method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_options (options, pp, error) || !url_split (url, &parts, error))
    return NULL;
  body_len = form_body ? strlen (form_body) : 0;
  if (parts.query_len + body_len > MAX_INPUT_BYTES)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The request is too large to sign"));
      return NULL;
    }

  collector_init (&c);
  if (parts.query != NULL && !collector_add_form (&c, parts.query, parts.query_len))
    {
      /* A pair cut short by the bad escape was never committed: wipe all of the buffer. */
      explicit_bzero (c.buf, c.cap);
      collector_clear (&c);
      set_form_error (parts.query, parts.query_len, _("In the URL’s query: "), error);
      return NULL;
    }
  if (form_body != NULL && !collector_add_form (&c, form_body, body_len))
    {
      /* A pair cut short by the bad escape was never committed: wipe all of the buffer. */
      explicit_bzero (c.buf, c.cap);
      collector_clear (&c);
      set_form_error (form_body, body_len, _("In the form body: "), error);
      return NULL;
    }

  sig = g_new (CsSignature, 1);
  sig->header = NULL;
  sig->base_string = NULL;
  sig->signature = NULL;
  if (options->nonce != NULL)
    sig->nonce = g_memdup2 (options->nonce, pp[PP_NONCE].value_len + 1);
  else
    {
      sig->nonce = cs_nonce_new ();
      protocol_param_set (&pp[PP_NONCE], "oauth_nonce", sig->nonce);
    }
  sig->timestamp = options->timestamp
                     ? g_strdup (options->timestamp)
                     : g_strdup_printf ("%" G_GINT64_FORMAT,
                                        g_get_real_time () / G_USEC_PER_SEC +
                                          options->timestamp_offset);

  protocol_param_set (&pp[PP_CALLBACK], "oauth_callback", options->callback);
  pp[PP_NONCE].value = sig->nonce;
  protocol_param_set (&pp[PP_SIGNATURE], "oauth_signature", NULL);
  /* Constant, unreserved values need no scan. */
  pp[PP_SIGNATURE_METHOD] = (ProtocolParam) { "oauth_signature_method", 22,
                                              method_names[options->method],
                                              strlen (method_names[options->method]), TRUE };
  protocol_param_set (&pp[PP_TIMESTAMP], "oauth_timestamp", sig->timestamp);
  protocol_param_set (&pp[PP_TOKEN], "oauth_token", options->token);
  protocol_param_set (&pp[PP_VERIFIER], "oauth_verifier", options->verifier);
  pp[PP_VERSION] = (ProtocolParam) { "oauth_version", 13, options->omit_version ? NULL : "1.0",
                                     3, !options->omit_version };
  collector_add_protocol (&c, pp);

  uri = 3 * base_uri_max_len (&parts) + ENC_SLACK <= sizeof uri_stack
          ? uri_stack
          : g_malloc (3 * base_uri_max_len (&parts) + ENC_SLACK);
  uri_len = write_base_uri_encoded (uri, &parts) - uri;
  sig->base_string = build_base_string (http_method, uri, uri_len, TRUE, &c, &base_len);
  if (uri != uri_stack)
    g_free (uri);
  collector_clear (&c);

  sig->signature = compute_signature (options->method, sig->base_string, base_len,
                                      options->consumer_secret, options->token_secret,
                                      options->private_key_pem, error);
  if (sig->signature == NULL)
    {
      cs_signature_free (sig);
      return NULL;
    }
  protocol_param_set (&pp[PP_SIGNATURE], "oauth_signature", sig->signature);
  sig->header = build_header (options->realm, pp);
  return sig;
}


static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/**
 * cs_authorization_header_parse:
 * @header: an `Authorization` header value (`OAuth name="value", …`)
 * @realm: (out) (optional): the realm, when given
 * @error: a malformed header
 *
 * Returns: the decoded protocol parameters, in the header's order, `realm` excluded.
 */
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
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The Authorization header does not use the OAuth scheme"));
      return NULL;
    }
  p = skip_spaces (p + 5);

  while (*p)
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
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
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
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                       _("The Authorization header has an unterminated quoted value"));
          return NULL;
        }
      p = skip_spaces (p + 1);

      if (name_len == 5 && strncmp (name, "realm", 5) == 0)
        {
          g_free (realm_value);
          realm_value = g_strndup (raw->str, raw->len);
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

      if (*p == ',')
        p = skip_spaces (p + 1);
      else if (*p != '\0')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                       _("The Authorization header is malformed: expected a comma"));
          return NULL;
        }
    }

  if (realm != NULL)
    *realm = g_steal_pointer (&realm_value);
  return g_steal_pointer (&params);
}
