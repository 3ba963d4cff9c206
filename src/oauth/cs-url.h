/* cs-url.h — a request URL as the signer reads it: its base string URI and its query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only http and https URLs with a host are accepted, without a user name or password, a
 * space or a control byte, and without a `%` in the path that is not followed by two hex
 * digits (the path is signed as sent); anything else is %CS_OAUTH_ERROR_INVALID_URL. The
 * fragment is ignored.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 5849 §3.4.1.2: scheme and host in lower case, the port only when it is not the
 * scheme's default, the path as sent ("/" when empty), no query. */
char     *cs_base_string_uri    (const char *url,
                                 GError    **error);
/* Adds the URL's query parameters to @params (CsParam, decoded, `+` as space). */
gboolean  cs_url_collect_params (const char *url,
                                 GPtrArray  *params,
                                 GError    **error);

G_END_DECLS
