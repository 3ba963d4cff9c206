/* cs-base-string.h — the signature base string of RFC 5849 §3.4.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request parameters (§3.4.1.3: query, form body, protocol parameters) are encoded,
 * sorted by name and then value in byte order, joined and encoded again after the upper-cased
 * method and the base string URI. `oauth_signature` is never signed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * cs_signature_base_string:
 * @http_method: the HTTP method (upper-cased and encoded here)
 * @base_uri: the base string URI, from cs_base_string_uri()
 * @params: every decoded parameter (CsParam: query, body, protocol); `oauth_signature` is
 *   skipped
 *
 * Returns: the signature base string of RFC 5849 §3.4.1.
 */
char *cs_signature_base_string (const char *http_method,
                                const char *base_uri,
                                GPtrArray  *params);

G_END_DECLS
