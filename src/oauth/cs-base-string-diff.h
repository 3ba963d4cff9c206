/* cs-base-string-diff.h — our signature base string beside the one the provider signed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Providers built on PHP's PECL OAuth extension answer a bad signature with
 * `oauth_problem=signature_invalid&debug_sbs=…`: the base string they computed. Put beside
 * ours, the first byte where the two part ways says what went wrong (a parameter missing, a
 * port kept, an encoding twice applied). Pure functions over untrusted bytes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters shown on either side of the first difference. */
#define CS_BASE_STRING_DIFF_CONTEXT 32

/**
 * cs_base_string_diff_offset:
 *
 * Returns: the byte offset of the first difference between @ours and @theirs (the length of
 *   the shorter one when it is a prefix of the other), or -1 when they are equal
 */
gssize  cs_base_string_diff_offset      (const char         *ours,
                                         const char         *theirs);

/**
 * cs_base_string_diff_debug_sbs:
 * @body: (array length=len) (nullable): a provider's error body, any bytes
 *
 * Returns: (nullable): the base string the provider says it signed (`debug_sbs`, sent
 *   form-encoded or, as the PECL extension does, raw at the end of the body), or %NULL
 */
char   *cs_base_string_diff_debug_sbs   (const char         *body,
                                         gsize               len);

/* @text with each value of @hide (NULL-terminated; values shorter than 4 bytes are kept)
 * replaced by @replacement, raw and percent-encoded once or twice. */
char   *cs_base_string_diff_hide        (const char         *text,
                                         const char * const *hide,
                                         const char         *replacement);

/**
 * cs_base_string_diff_describe:
 * @ours: the base string we signed
 * @theirs: the one the provider signed
 * @hide: (array zero-terminated=1) (nullable): values (tokens) to show as `[hidden]` in
 *   both strings, raw or percent-encoded once or twice
 *
 * Returns: lines for a terminal or a monospace label: where the strings first differ, then
 *   `ours:` and `provider:` with a window of %CS_BASE_STRING_DIFF_CONTEXT characters around
 *   that place (`...` where cut), then a `^` under it; "identical" when they are equal.
 *   Bytes that are not printable ASCII are shown as `?`.
 */
char   *cs_base_string_diff_describe    (const char         *ours,
                                         const char         *theirs,
                                         const char * const *hide);

/* cs_base_string_diff_describe() of @ours and the debug_sbs of @body (hiding @token and
 * @verifier, both nullable), or %NULL when @body has none. */
char   *cs_base_string_diff_for_body    (const char         *ours,
                                         GBytes             *body,
                                         const char         *token,
                                         const char         *verifier);

/**
 * cs_base_string_diff_split:
 * @message: an error message that may end with "\n\n" and a cs_base_string_diff_describe()
 *   text whose last line is the caret
 * @diff: (out): that text, or %NULL
 *
 * Returns: the message before it (the whole message when there is none)
 */
char   *cs_base_string_diff_split       (const char         *message,
                                         char              **diff);

G_END_DECLS
