/* cs-auth-header-private.h — the protocol parameters, and writing the header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_sign() sets the protocol parameters (§3.4.1.3.1's oauth_*) once: the base string signs
 * them and the header carries them. Their values are borrowed.
 */
#pragma once

#include <glib.h>

#include "cs-percent-private.h"

G_BEGIN_DECLS

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
  CS_PP_BODY_HASH,
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

G_END_DECLS
