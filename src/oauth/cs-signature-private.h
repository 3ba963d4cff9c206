/* cs-signature-private.h — signing a base string of known length
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_sign() knows the length of the base string it has just written.
 */
#pragma once

#include <glib.h>

#include "cs-signature.h"

G_BEGIN_DECLS

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
