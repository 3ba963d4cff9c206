/* cs-oauth2-error.h — an OAuth 2.0 error answer, in words the user can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Pure, fuzzed: an error answer (RFC 6749 §5.2 JSON from the token endpoint, or the error=
 * of a redirect, §4.1.2.1) becomes CS_OAUTH_ERROR_REJECTED whose message has the provider's
 * `error`, its `error_description` when sent (cleaned: one line, at most 300 characters) and
 * what to change in the app's settings. The provider's code and description stay readable
 * from the GError (cs_oauth2_error_get_code ()), for the CLI's stderr.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @status: the HTTP status (0 for a redirect); @body: any bytes; @host: for the message.
 * @error_code / @error_description (nullable outs) get the provider's `error` and
 * `error_description` (cleaned), NULL when not sent. */
GError     *cs_oauth2_error_from_answer      (guint         status,
                                              const char   *body,
                                              gsize         length,
                                              const char   *host,
                                              char        **error_code,
                                              char        **error_description);
/* The same for the error= of a redirect (RFC 6749 §4.1.2.1). */
GError     *cs_oauth2_error_from_redirect    (const char   *error_code,
                                              const char   *error_description);
/* What to change for the provider's @error_code (and, for a redirect_uri mismatch, its
 * @description): a translated sentence, or NULL when there is nothing to add. */
const char *cs_oauth2_error_advice           (const char   *error_code,
                                              const char   *description);
/* Whether @error_code (and its @description) says the redirect URI is not a registered one. */
gboolean    cs_oauth2_error_is_redirect_mismatch (const char *error_code,
                                                  const char *description);
/* A CS_OAUTH_ERROR @code error with @message, remembering @error_code and @description. */
GError     *cs_oauth2_error_new              (int           code,
                                              const char   *message,
                                              const char   *error_code,
                                              const char   *description);
/* The provider's `error` and `error_description` of an error made here (or a copy of one
 * with the same message); NULL when @error is not one or they were not sent. */
const char *cs_oauth2_error_get_code         (const GError *error);
const char *cs_oauth2_error_get_description  (const GError *error);

G_END_DECLS
