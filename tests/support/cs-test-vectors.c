/* cs-test-vectors.c — the shared signature vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cs-test-vectors.h"

JsonArray *
cs_test_load_vectors (JsonParser **parser_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "signature-vectors.json",
                                                 NULL);
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  *parser_out = parser;
  return json_node_get_array (json_parser_get_root (parser));
}

const char *
cs_test_member (JsonObject *o,
                const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}
