/* cs-json.h — reading a provider's JSON answer without trusting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provider answers are untrusted bytes. json-glib's parser recurses once per level of
 * nesting, so a body of a million '[' would take the stack: the body is checked first (valid
 * UTF-8, at most CS_JSON_MAX_NESTING levels) and only then handed to json-glib. Pure, no I/O;
 * used by the fuzzed parsers (cs-provider-error.c, cs-verify-answer.c).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects read. */
#define CS_JSON_MAX_NESTING 32

/* The top-level object of @body (@len bytes, any bytes), or NULL when @body is not valid
 * UTF-8, nests too deep, is not JSON or holds something else at the top. Free with
 * json_node_unref(). */
JsonNode   *cs_json_parse_object (const char *body,
                                  gsize       len);
/* The string at a path of member names ("0" is an array's first element), ended by NULL;
 * NULL when a step is missing or the value is not a string. */
const char *cs_json_string_at    (JsonNode   *node,
                                  const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
