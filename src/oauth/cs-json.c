/* cs-json.c — reading a provider's JSON answer without trusting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-json.h"

static gboolean
nesting_ok (const char *p,
            const char *end)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '\\')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > CS_JSON_MAX_NESTING)
            return FALSE;
        }
      else if (*p == ']' || *p == '}')
        depth--;
    }
  return TRUE;
}

JsonNode *
cs_json_parse_object (const char *body,
                      gsize       len)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (body != NULL || len == 0, NULL);

  if (len == 0 || len > G_MAXSSIZE || !g_utf8_validate (body, len, NULL)
      || !nesting_ok (body, body + len))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, len, NULL))
    return NULL;
  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_steal_pointer (&root);
}

const char *
cs_json_string_at (JsonNode   *node,
                   const char *first,
                   ...)
{
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL && node != NULL; name = va_arg (args, const char *))
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (JSON_NODE_HOLDS_ARRAY (node) && g_str_equal (name, "0"))
        {
          JsonArray *array = json_node_get_array (node);

          node = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
        }
      else if (object != NULL && json_object_has_member (object, name))
        node = json_object_get_member (object, name);
      else
        node = NULL;
    }
  va_end (args);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}
