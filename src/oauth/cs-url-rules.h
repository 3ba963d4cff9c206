/* cs-url-rules.h — what an endpoint URL must be before anything is sent to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * One set of rules for every place that takes an endpoint URL (the client before it signs,
 * the transport before it sends, the provider page as the user types): an absolute http or
 * https URL with a host, no user name or password in it, and https unless the host is
 * loopback or insecure http was explicitly allowed. Errors are in CS_OAUTH_ERROR
 * (CS_OAUTH_ERROR_INVALID_URL, CS_OAUTH_ERROR_INSECURE) and are meant for the user.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @url's host is 127.0.0.0/8, ::1 or localhost. */
gboolean  cs_url_is_loopback       (const char  *url);
/* Whether @url is plain http to a host that is not loopback: allowed only on request. */
gboolean  cs_url_is_insecure_http  (const char  *url);
/* The host (with the port, when the URL names one) to name in messages; "the provider"
 * when @url has none. */
char     *cs_url_display_host      (const char  *url);
/* The host alone (no port, an IPv6 address without brackets), or NULL when @url has none. */
char     *cs_url_host              (const char  *url);
/* Whether @url may be used as an endpoint; sets @error with the reason when not. */
gboolean  cs_endpoint_url_check    (const char  *url,
                                    gboolean     allow_insecure_http,
                                    GError     **error);

G_END_DECLS
