/* cs-oauth2-redirect.h — the query of the redirect an authorization ends with (RFC 6749 §4.1.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure, fuzzed: any bytes, no crash, bounded work.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Splits @query (a leading '?' is skipped, a '#fragment' ignored; @len -1: nul-terminated)
 * into the parameters of RFC 6749 §4.1.2 and §4.1.2.1. Each out (nullable) gets its decoded
 * value or NULL when absent; @code is a secret (free with cs_secret_free). FALSE, with every
 * out NULL, for a query that is malformed (a bad escape, a nul byte) or names one of these
 * parameters twice (§3.1: "MUST NOT be included more than once"). */
gboolean cs_oauth2_parse_redirect_query (const char  *query,
                                         gssize       len,
                                         char       **code,
                                         char       **state,
                                         char       **error_code,
                                         char       **error_description);

G_END_DECLS
