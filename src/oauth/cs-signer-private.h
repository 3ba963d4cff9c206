/* cs-signer-private.h — what the parts of the signer hand each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_sign() (cs-signer.c) splits the URL once (cs-url.c), collects the query, the body and
 * the protocol parameters straight into their base string form (cs-base-string.c), signs
 * (cs-signature.c) and writes the header (cs-auth-header.c). Buffers are sized in advance and
 * written with the percent codec's cells (cs-percent-private.h): each leaves
 * CS_PERCENT_SLACK bytes spare, and each that held a secret is wiped, slack included.
 */
#pragma once

#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-percent-private.h"
#include "cs-signer.h"

G_BEGIN_DECLS

/* Sets @error (a CS_OAUTH_ERROR) to a message without format; FALSE, for `return fail (…)`. */
static inline gboolean
cs_signer_fail (GError    **error,
                int         code,
                const char *message)
{
  g_set_error_literal (error, CS_OAUTH_ERROR, code, message);
  return FALSE;
}

/* ---- cs-url.c ---------------------------------------------------------------------------- */

/* A URL cut into the pieces the base string URI is made of; every pointer is into the URL. */
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
} CsUrlParts;

/* Checks and splits an http or https URL (no user name, no control bytes, no bad escape in
 * the path); %CS_OAUTH_ERROR_INVALID_URL otherwise. */
G_GNUC_INTERNAL
gboolean cs_url_split                  (const char       *url,
                                        CsUrlParts       *parts,
                                        GError          **error);
/* The longest base string URI @parts can give, before encoding. */
G_GNUC_INTERNAL
gsize    cs_url_base_uri_max_len       (const CsUrlParts *parts);
/* Writes the base string URI of §3.4.1.2 at @out, or with @encoded that URI encoded once as
 * §3.4.1.1 puts it in the base string (3 × cs_url_base_uri_max_len () + CS_PERCENT_SLACK
 * bytes); returns its end. */
G_GNUC_INTERNAL
char    *cs_url_write_base_uri         (char             *out,
                                        const CsUrlParts *parts,
                                        gboolean          encoded);

/* ---- cs-auth-header.c: the protocol parameters ------------------------------------------- */

typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;      /* NULL when it is not sent */
  gsize       value_len;
  gboolean    clean;      /* all unreserved: its encoded forms are the value itself */
} CsProtocolParam;

/* In the order they sort in, which is the order of the header too. */
enum
{
  CS_PP_CALLBACK,
  CS_PP_CONSUMER_KEY,
  CS_PP_NONCE,
  CS_PP_SIGNATURE,
  CS_PP_SIGNATURE_METHOD,
  CS_PP_TIMESTAMP,
  CS_PP_TOKEN,
  CS_PP_VERIFIER,
  CS_PP_VERSION,
  CS_N_PP
};

static inline void
cs_protocol_param_set_len (CsProtocolParam *pp,
                           const char      *name,
                           gsize            name_len,
                           const char      *value)
{
  pp->name = name;
  pp->name_len = name_len;
  pp->value = value;
  pp->value_len = value ? strlen (value) : 0;
  pp->clean = value != NULL &&
              cs_percent_unreserved_span ((const guchar *) value,
                                          (const guchar *) value + pp->value_len) ==
                pp->value_len;
}

/* Sets a protocol parameter named by a literal; @value (borrowed) NULL when it is not sent. */
#define cs_protocol_param_set(pp, name, value) \
  cs_protocol_param_set_len ((pp), "" name "", sizeof (name) - 1, (value))

/* The header value of §3.5.1 for @realm (or %NULL) and the CS_N_PP parameters at @pp. */
G_GNUC_INTERNAL
char    *cs_auth_header_build          (const char            *realm,
                                        const CsProtocolParam *pp);

/* ---- cs-base-string.c: the collector ----------------------------------------------------- */

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

/* ---- cs-signature.c ---------------------------------------------------------------------- */

/* cs_signature_compute() for a base string whose length is known. */
G_GNUC_INTERNAL
char    *cs_signature_compute_len      (CsSignatureMethod      method,
                                        const char            *base_string,
                                        gsize                  base_len,
                                        const char            *consumer_secret,
                                        const char            *token_secret,
                                        const char            *private_key_pem,
                                        GError               **error);

G_END_DECLS
