/* cs-test-vectors.h — the shared signature vectors (tests/data/signature-vectors.json, a copy
 * of ../shared/reference/signature-vectors.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The array of vectors; *@parser_out owns it (unref it when done). Found through G_TEST_SRCDIR,
 * so call it after g_test_init (). */
JsonArray  *cs_test_load_vectors (JsonParser **parser_out);
/* The string member @name of @o, or NULL when it is absent or null. */
const char *cs_test_member       (JsonObject  *o,
                                  const char  *name);

G_END_DECLS
