/* cs-base-string-private.h — the collector behind the base string, for cs_sign()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_sign() collects the query, the body and the protocol parameters straight into their
 * base string form (one decoding and encoding pass over each byte, on the stack for
 * ordinary requests), then sorts and joins them. Buffers are written with the percent
 * codec's cells and keep CS_PERCENT_SLACK bytes spare; cs_collector_clear() wipes them.
 */
#pragma once

#include <glib.h>

#include "cs-auth-header-private.h"

G_BEGIN_DECLS

/* A parameter's twice-encoded name and value. Encoding twice (§3.4.1.3.2 encodes names and
 * values, §3.4.1.1 the normalized string again) only turns `%` into `%25`, and `%` sorts
 * below every unreserved byte, so twice-encoded strings sort exactly as once-encoded ones
 * do. While parameters are collected, @name and @value are offsets into CsCollector.buf
 * (which may move) when CS_PAIR_*_IN_BUF says so, else addresses of text that is its own
 * encoding (protocol names, unreserved values). */
typedef struct
{
  gsize   name;
  gsize   value;
  guint32 name_len;
  guint32 value_len;
  guint32 flags;
} CsPair;

enum
{
  CS_PAIR_NAME_IN_BUF = 1 << 0,
  CS_PAIR_VALUE_IN_BUF = 1 << 1,
};

#define CS_COLLECTOR_STACK_BYTES 2048
#define CS_COLLECTOR_STACK_PAIRS 32
/* The most query and body bytes one request may have (lengths are 32 bits, encoded twice). */
#define CS_COLLECTOR_MAX_INPUT   (G_MAXUINT32 / 8)

/* The request parameters of §3.4.1.3, collected straight into their base string form: one
 * decoding and encoding pass over each byte, no allocation for ordinary requests. Lives on
 * the stack; cs_collector_clear() wipes it. */
typedef struct
{
  char   *buf;
  gsize   len;
  gsize   cap;
  CsPair *pairs;
  guint   n_pairs;
  guint   cap_pairs;
  guint   sorted_from;  /* pairs from here on were added in order */
  char    stack_buf[CS_COLLECTOR_STACK_BYTES];
  CsPair  stack_pairs[CS_COLLECTOR_STACK_PAIRS];
} CsCollector;

G_GNUC_INTERNAL
void     cs_collector_init             (CsCollector           *c);
G_GNUC_INTERNAL
void     cs_collector_clear            (CsCollector           *c);
/* Adds the parameters of a form-encoded text (or a query), read as cs_form_parse_append()
 * reads it; FALSE for a malformed escape, with the bytes of the pair cut short wiped. */
G_GNUC_INTERNAL
gboolean cs_collector_add_form         (CsCollector           *c,
                                        const char            *form,
                                        gsize                  len);
/* Adds the protocol parameters that are sent, after the others and once only. */
G_GNUC_INTERNAL
void     cs_collector_add_protocol     (CsCollector           *c,
                                        const CsProtocolParam *pp);
/* Sorts and writes the signature base string of §3.4.1.1, in one allocation; @base_uri is
 * the base string URI, already encoded once when @uri_encoded. */
G_GNUC_INTERNAL
char    *cs_collector_base_string      (CsCollector           *c,
                                        const char            *http_method,
                                        const char            *base_uri,
                                        gsize                  base_uri_len,
                                        gboolean               uri_encoded,
                                        gsize                 *out_len);

G_END_DECLS
