/* cs-base-string.c — collecting, sorting and joining the parameters (RFC 5849 §3.4.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-base-string.h"
#include "cs-base-string-private.h"
#include "cs-percent.h"
#include "cs-percent-private.h"

#define PAIR_NAME(pair)  ((const char *) (pair)->name)
#define PAIR_VALUE(pair) ((const char *) (pair)->value)

void
cs_collector_init (CsCollector *c)
{
  c->buf = c->stack_buf;
  c->len = 0;
  c->cap = sizeof c->stack_buf;
  c->pairs = c->stack_pairs;
  c->n_pairs = 0;
  c->cap_pairs = G_N_ELEMENTS (c->stack_pairs);
  c->sorted_from = G_MAXUINT;
}

void
cs_collector_clear (CsCollector *c)
{
  /* The collected parameters include the access token and any secret in a form body. Table
   * writes reach CS_PERCENT_SLACK bytes past the end; a skipped oauth_signature, or a pair
   * cut short, was wiped already. */
  explicit_bzero (c->buf, MIN (c->cap, c->len + CS_PERCENT_SLACK));
  if (c->buf != c->stack_buf)
    g_free (c->buf);
  if (c->pairs != c->stack_pairs)
    g_free (c->pairs);
}

/* Makes room for @extra more bytes, and the slack that table writes need. */
static void
collector_reserve (CsCollector *c,
                   gsize        extra)
{
  gsize cap;
  char *buf;

  if (c->len + extra + CS_PERCENT_SLACK <= c->cap)
    return;
  cap = MAX (c->cap * 2, c->len + extra + CS_PERCENT_SLACK);
  /* Not g_realloc(): the old block would be freed with the parameters still in it. */
  buf = g_malloc (cap);
  memcpy (buf, c->buf, c->len);
  explicit_bzero (c->buf, MIN (c->cap, c->len + CS_PERCENT_SLACK));
  if (c->buf != c->stack_buf)
    g_free (c->buf);
  c->buf = buf;
  c->cap = cap;
}

/* Makes room for @extra more pairs. */
static void
collector_reserve_pairs (CsCollector *c,
                         guint        extra)
{
  if (c->n_pairs + extra <= c->cap_pairs)
    return;
  c->cap_pairs = MAX (c->cap_pairs * 2, c->n_pairs + extra);
  if (c->pairs == c->stack_pairs)
    c->pairs = g_memdup2 (c->stack_pairs, sizeof c->stack_pairs[0] * c->n_pairs);
  c->pairs = g_renew (CsPair, c->pairs, c->cap_pairs);
}

/* Wipes what was written past the committed bytes, up to @end and the slack after it. */
static void
collector_wipe_from_len (CsCollector *c,
                         const char  *end)
{
  explicit_bzero (c->buf + c->len,
                  MIN (c->cap - c->len, (gsize) (end - c->buf) - c->len + CS_PERCENT_SLACK));
}

/* Keeps the pair that ends at @end, unless it is `oauth_signature` (§3.4.1.3.1). */
static void
collector_commit (CsCollector *c,
                  CsPair       pair,
                  char        *end)
{
  if (pair.name_len == 15 && memcmp (c->buf + pair.name, "oauth_signature", 15) == 0)
    {
      /* Its bytes stay past c->len, where cs_collector_clear() would not look. */
      collector_wipe_from_len (c, end);
      return;
    }
  collector_reserve_pairs (c, 1);
  c->pairs[c->n_pairs++] = pair;
  c->len = end - c->buf;
}

/* Adds a decoded name and value. */
static void
collector_add (CsCollector *c,
               const char  *name,
               gsize        name_len,
               const char  *value,
               gsize        value_len)
{
  CsPair pair;
  char *q;

  collector_reserve (c, 5 * (name_len + value_len));
  pair.flags = CS_PAIR_NAME_IN_BUF | CS_PAIR_VALUE_IN_BUF;
  pair.name = c->len;
  q = cs_percent_put_encoded (c->buf + c->len, cs_percent_twice, name, name_len);
  pair.name_len = (q - c->buf) - pair.name;
  pair.value = q - c->buf;
  q = cs_percent_put_encoded (q, cs_percent_twice, value, value_len);
  pair.value_len = (q - c->buf) - pair.value;
  collector_commit (c, pair, q);
}

/* Adds the pair of the segment [@p, @seg_end) of a form; FALSE for a malformed escape. */
static gboolean
collector_add_segment (CsCollector *c,
                       const char  *p,
                       const char  *seg_end)
{
  const char *eq = memchr (p, '=', seg_end - p);
  char *q;
  CsPair pair;

  pair.flags = CS_PAIR_NAME_IN_BUF | CS_PAIR_VALUE_IN_BUF;
  pair.name = c->len;
  q = cs_percent_put_form_twice (c->buf + c->len, p, eq ? eq : seg_end);
  if (q == NULL)
    return FALSE;
  pair.name_len = (q - c->buf) - pair.name;
  pair.value = q - c->buf;
  if (eq != NULL && (q = cs_percent_put_form_twice (q, eq + 1, seg_end)) == NULL)
    return FALSE;
  pair.value_len = (q - c->buf) - pair.value;
  collector_commit (c, pair, q);
  return TRUE;
}

gboolean
cs_collector_add_form (CsCollector *c,
                       const char  *form,
                       gsize        len)
{
  const char *p = form;
  const char *end = form + len;

  collector_reserve (c, 5 * len);
  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *seg_end = amp ? amp : end;

      if (seg_end > p && !collector_add_segment (c, p, seg_end))
        {
          /* How far the pair cut short got is not known: wipe all that is not committed. */
          explicit_bzero (c->buf + c->len, c->cap - c->len);
          return FALSE;
        }
      p = seg_end + 1;
    }
  return TRUE;
}

/* The protocol parameters, in their (sorted) order, after the others: their names are
 * unreserved, and so, usually, are their values, which are then not copied at all. */
void
cs_collector_add_protocol (CsCollector           *c,
                           const CsProtocolParam *pp)
{
  gsize total = 0;
  char *q;

  g_assert (c->sorted_from == G_MAXUINT);
  for (guint i = 0; i < CS_N_PP; i++)
    if (!pp[i].clean)
      total += 5 * pp[i].value_len;
  collector_reserve (c, total);
  collector_reserve_pairs (c, CS_N_PP);

  c->sorted_from = c->n_pairs;
  q = c->buf + c->len;
  for (guint i = 0; i < CS_N_PP; i++)
    {
      CsPair *pair = &c->pairs[c->n_pairs];

      if (pp[i].value == NULL)
        continue;
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
          pair->flags = CS_PAIR_VALUE_IN_BUF;
          pair->value = q - c->buf;
          q = cs_percent_put_encoded (q, cs_percent_twice, pp[i].value, pp[i].value_len);
          pair->value_len = (q - c->buf) - pair->value;
        }
      c->n_pairs++;
    }
  c->len = q - c->buf;
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
        return GUINT64_FROM_BE (x) < GUINT64_FROM_BE (y) ? -1 : 1;
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
               gpointer      unused)
{
  const CsPair *pa = a;
  const CsPair *pb = b;
  int r = compare_bytes (PAIR_NAME (pa), pa->name_len, PAIR_NAME (pb), pb->name_len);

  if (r != 0)
    return r;
  return compare_bytes (PAIR_VALUE (pa), pa->value_len, PAIR_VALUE (pb), pb->value_len);
}

static void
insertion_sort (CsPair *pairs,
                guint   n)
{
  for (guint i = 1; i < n; i++)
    {
      CsPair pair = pairs[i];
      guint j = i;

      for (; j > 0 && compare_pairs (&pairs[j - 1], &pair, NULL) > 0; j--)
        pairs[j] = pairs[j - 1];
      pairs[j] = pair;
    }
}

/* Turns buffer offsets into addresses, once the buffer no longer moves. */
static void
collector_resolve (CsCollector *c)
{
  for (guint i = 0; i < c->n_pairs; i++)
    {
      CsPair *pair = &c->pairs[i];

      if (pair->flags & CS_PAIR_NAME_IN_BUF)
        pair->name += (gsize) c->buf;
      if (pair->flags & CS_PAIR_VALUE_IN_BUF)
        pair->value += (gsize) c->buf;
      pair->flags = 0;
    }
}

static void
collector_sort (CsCollector *c)
{
  guint n = c->n_pairs;
  guint k = MIN (c->sorted_from, n);
  CsPair merged[CS_COLLECTOR_STACK_PAIRS];
  guint i = 0;
  guint j = k;
  guint m = 0;

  if (n > CS_COLLECTOR_STACK_PAIRS)
    {
      /* Both are stable merge sorts; g_qsort_with_data is deprecated from GLib 2.82. */
#if GLIB_VERSION_MAX_ALLOWED >= G_ENCODE_VERSION (2, 82) && GLIB_CHECK_VERSION (2, 82, 0)
      g_sort_array (c->pairs, n, sizeof (CsPair), compare_pairs, NULL);
#else
      g_qsort_with_data (c->pairs, n, sizeof (CsPair), compare_pairs, NULL);
#endif
      return;
    }
  /* A request has a dozen parameters or so: insertion sort beats a general sort there.
   * The protocol parameters come last and already in order: sort the others, then merge. */
  insertion_sort (c->pairs, k);
  if (k == 0 || k == n)
    return;
  while (i < k && j < n)
    merged[m++] = compare_pairs (&c->pairs[j], &c->pairs[i], NULL) < 0 ? c->pairs[j++]
                                                                       : c->pairs[i++];
  while (i < k)
    merged[m++] = c->pairs[i++];
  /* What is left of the protocol run is already in place. */
  memcpy (c->pairs, merged, m * sizeof (CsPair));
}

static inline char
ascii_upper (char c)
{
  return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* METHOD&encoded-URI&encoded-parameters, in one allocation. The method is upper-cased and,
 * as a custom method must be, encoded. */
char *
cs_collector_base_string (CsCollector *c,
                          const char  *http_method,
                          const char  *base_uri,
                          gsize        base_uri_len,
                          gboolean     uri_encoded,
                          gsize       *out_len)
{
  gsize method_len = strlen (http_method);
  gsize size = 3 * method_len + 1 + 3 * base_uri_len + 1 + 6 * c->n_pairs + CS_PERCENT_SLACK;
  char *out;
  char *q;

  for (guint i = 0; i < c->n_pairs; i++)
    size += c->pairs[i].name_len + c->pairs[i].value_len;
  collector_resolve (c);
  collector_sort (c);
  q = out = g_malloc (size);
  for (gsize i = 0; i < method_len; i++)
    q = cs_percent_put_cell (q, cs_percent_once, (guchar) ascii_upper (http_method[i]));
  *q++ = '&';
  q = uri_encoded ? cs_put_bytes (q, base_uri, base_uri_len)
                  : cs_percent_put_encoded (q, cs_percent_once, base_uri, base_uri_len);
  *q++ = '&';
  for (guint i = 0; i < c->n_pairs; i++)
    {
      const CsPair *pair = &c->pairs[i];

      if (i > 0)
        q = CS_PUT_LITERAL (q, "%26");
      q = cs_put_bytes (q, PAIR_NAME (pair), pair->name_len);
      q = CS_PUT_LITERAL (q, "%3D");
      q = cs_put_bytes (q, PAIR_VALUE (pair), pair->value_len);
    }
  *q = '\0';
  if (out_len != NULL)
    *out_len = q - out;
  return out;
}

char *
cs_signature_base_string (const char *http_method,
                          const char *base_uri,
                          GPtrArray  *params)
{
  CsCollector c;
  char *result;

  g_return_val_if_fail (http_method != NULL, NULL);
  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  cs_collector_init (&c);
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);

      collector_add (&c, param->name, param->name_len ? param->name_len : strlen (param->name),
                     param->value, param->value_len ? param->value_len : strlen (param->value));
    }
  result = cs_collector_base_string (&c, http_method, base_uri, strlen (base_uri), FALSE, NULL);
  cs_collector_clear (&c);
  return result;
}
