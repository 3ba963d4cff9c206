/* cs-percent-private.h — the percent codec's fast writers, for the signer's buffers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one RFC 5849 §3.6 encoder of cs-percent.c, as the signer uses it: writing into a
 * buffer it has sized in advance instead of a GString. Each byte's encoded text sits in an
 * 8-byte cell whose last byte is its length, so a writer stores the whole cell at once and
 * advances by the length, with no branch per byte; runs of unreserved bytes are copied 16 at a
 * time with SSE2 (a scalar loop elsewhere).
 *
 * Contract of every writer here: the buffer has room for what is written (3 bytes per input
 * byte encoded once, 5 twice) plus CS_PERCENT_SLACK bytes, which may be overwritten with
 * parts of the encoded text. A buffer that holds a secret must wipe its slack too.
 */
#pragma once

#include <string.h>
#include <glib.h>

#include "cs-percent.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

G_BEGIN_DECLS

#define CS_PERCENT_SLACK 8

/* RFC 3986 §2.3 unreserved bytes (A-Z a-z 0-9 - . _ ~), which RFC 5849 §3.6 leaves alone. */
G_GNUC_INTERNAL extern const guint8 cs_percent_unreserved[256];

typedef struct
{
  char text[8];
} CsPercentCell;

/* §3.6 once, and twice (what the base string holds: `%` becomes `%25`). */
G_GNUC_INTERNAL extern const CsPercentCell cs_percent_once[256];
G_GNUC_INTERNAL extern const CsPercentCell cs_percent_twice[256];

/* Writes @len bytes of @data encoded with @table at @q; returns the end. */
G_GNUC_INTERNAL
char *cs_percent_put_encoded      (char                *q,
                                   const CsPercentCell *table,
                                   const char          *data,
                                   gsize                len);

/* Form-decodes [@p, @end) (`+` is a space) and writes it encoded twice at @q (5 bytes per
 * input byte); returns the end, or NULL when a `%` is not followed by two hex digits. */
G_GNUC_INTERNAL
char *cs_percent_put_form_twice   (char                *q,
                                   const char          *p,
                                   const char          *end);

static inline char *
cs_percent_put_cell (char                *q,
                     const CsPercentCell *table,
                     guchar               b)
{
  memcpy (q, table[b].text, 8);
  return q + table[b].text[7];
}

/* Appends a string literal at @q; evaluates to the end. */
#define CS_PUT_LITERAL(q, literal) \
  (memcpy ((q), literal, sizeof (literal) - 1), (q) + sizeof (literal) - 1)

/* memcpy() for the short names and values that make up a request, without a call for each:
 * two overlapping moves of a fixed size cover any length from 4 to 64. */
static inline char *
cs_put_bytes (char       *q,
              const char *src,
              gsize       n)
{
#define CS_PUT_OVERLAPPING(size) \
  (memcpy (q, src, size), memcpy (q + n - (size), src + n - (size), size))
  /* The most frequent lengths first. */
  if (n > 16 && n <= 32)
    CS_PUT_OVERLAPPING (16);
  else if (n > 32 && n <= 64)
    CS_PUT_OVERLAPPING (32);
  else if (n >= 8 && n <= 16)
    CS_PUT_OVERLAPPING (8);
  else if (n >= 4 && n < 8)
    CS_PUT_OVERLAPPING (4);
  else if (n > 64)
    memcpy (q, src, n);
  else
    for (gsize i = 0; i < n; i++)
      q[i] = src[i];
#undef CS_PUT_OVERLAPPING
  return q + n;
}

#ifdef __SSE2__
/* Unaligned 16-byte moves (through void * so that no alignment is implied). */
static inline __m128i
cs_load16 (const void *p)
{
  return _mm_loadu_si128 ((const __m128i *) p);
}

static inline void
cs_store16 (void    *p,
            __m128i  x)
{
  _mm_storeu_si128 ((__m128i *) p, x);
}

/* Bit i set when byte i of @x is unreserved. Unsigned range checks in signed arithmetic:
 * v in [lo, lo + n) is (v + 0x80 - lo) < -128 + n. */
static inline guint
cs_percent_unreserved_mask (__m128i x)
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
cs_percent_unreserved_span (const guchar *p,
                            const guchar *end)
{
  const guchar *start = p;

#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      guint mask = cs_percent_unreserved_mask (cs_load16 (p));

      if (mask != 0xffff)
        return p - start + __builtin_ctz (~mask);
    }
#endif
  while (p < end && cs_percent_unreserved[*p])
    p++;
  return p - start;
}

/* Copies the run of unreserved bytes at @p (up to @end) to *@q, advances *@q past it and
 * returns where the run stops. With SSE2 it stores 16 bytes at a time, so *@q needs room for
 * 16 bytes more than the run when 16 or more input bytes remain: every buffer here has it,
 * since each input byte gets at least one output byte. */
static inline const guchar *
cs_percent_copy_unreserved (char         **q,
                            const guchar  *p,
                            const guchar  *end)
{
  char *out = *q;

  /* Escapes often follow each other ("%20%2B"): no vector work for an empty run. */
  if (p < end && !cs_percent_unreserved[*p])
    return p;
#ifdef __SSE2__
  for (; end - p >= 16; p += 16, out += 16)
    {
      __m128i x = cs_load16 (p);
      guint mask = cs_percent_unreserved_mask (x);

      cs_store16 (out, x);
      if (mask != 0xffff)
        {
          guint n = (guint) __builtin_ctz (~mask);

          *q = out + n;
          return p + n;
        }
    }
#endif
  while (p < end && cs_percent_unreserved[*p])
    *out++ = (char) *p++;
  *q = out;
  return p;
}

G_END_DECLS
