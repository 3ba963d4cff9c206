/* cs-provider-error.h — what a provider says when it refuses a request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over untrusted bytes (they are fuzzed): any input, no crash, bounded work.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most characters of provider text that go into a message. */
#define CS_PROVIDER_ERROR_MAX_TEXT 300

/**
 * cs_provider_error_parse_full:
 * @body: (array length=len): the response body, any bytes
 * @len: its length
 * @content_type: (nullable): the Content-Type header, used as a hint
 * @code: (out) (optional): the provider's error code, or -1
 * @problem: (out) (optional): the OAuth Problem Reporting `oauth_problem`, or %NULL
 * @message: (out) (optional): the provider's own text (valid UTF-8, one line, at most
 *   %CS_PROVIDER_ERROR_MAX_TEXT characters), or %NULL
 *
 * Understands Twitter's JSON `{"errors":[{"code":…,"message":…}]}` (and `{"error":…}`),
 * XML `<errors><error code="…">…</error></errors>`, `<hash><error>…</error></hash>`,
 * Flickr's `<rsp><err code="…" msg="…"/></rsp>`, form-encoded `oauth_problem=…` with
 * `oauth_problem_advice`, the title of an HTML page and short plain text.
 *
 * Returns: whether anything was found
 */
gboolean    cs_provider_error_parse_full (const char  *body,
                                          gsize        len,
                                          const char  *content_type,
                                          int         *code,
                                          char       **problem,
                                          char       **message);

/* The same, with @problem folded into @message when there is no other text. */
gboolean    cs_provider_error_parse      (const char  *body,
                                          gsize        len,
                                          const char  *content_type,
                                          int         *code,
                                          char       **message);

/**
 * cs_provider_error_explain:
 * @code: a Twitter error code, or -1
 * @problem: (nullable): an `oauth_problem` value
 *
 * Returns: (nullable): a translated sentence that says what to do, or %NULL when there is
 * nothing useful to add
 */
const char *cs_provider_error_explain    (int          code,
                                          const char  *problem);

/**
 * cs_provider_error_describe:
 * @status: the HTTP status
 * @body: (array length=len) (nullable): the response body
 *
 * Returns: the whole user-facing text: “HTTP 401 Unauthorized”, the provider's text and
 * code, and the explanation.
 */
char       *cs_provider_error_describe   (guint        status,
                                          const char  *body,
                                          gsize        len,
                                          const char  *content_type);

/* When @body is the refusal of an unregistered callback (code 415) and @callback (what was
 * sent as oauth_callback) is not "oob": a translated sentence that names @callback and says
 * to add it in the app's settings. NULL otherwise. */
char       *cs_provider_error_callback_advice (const char  *body,
                                               gsize        len,
                                               const char  *content_type,
                                               const char  *callback);

/* Makes @text safe to show: valid UTF-8, control characters as spaces, runs of spaces as
 * one, at most @max_chars characters (an ellipsis marks a cut). */
char       *cs_provider_error_sanitize   (const char  *text,
                                          gssize       len,
                                          guint        max_chars);

G_END_DECLS
