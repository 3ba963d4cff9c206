/* cs-auth-header.h — the OAuth `Authorization` header (RFC 5849 §3.5.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_sign() writes the header: `OAuth `, an optional `realm="…"` (a quoted-string, never
 * signed), then the protocol parameters in sorted order as name="value", each value
 * percent-encoded once, separated by ", ". The parser below reads what a client sends.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * cs_authorization_header_parse:
 * @header: an `Authorization` header value (`OAuth name="value", …`)
 * @realm: (out) (optional): the realm, when given
 * @error: a malformed header (%CS_OAUTH_ERROR_INVALID_INPUT)
 *
 * Returns: the decoded protocol parameters (CsParam), in the header's order, `realm`
 *   excluded.
 */
GPtrArray *cs_authorization_header_parse (const char *header,
                                          char      **realm,
                                          GError    **error);

G_END_DECLS
