/* test-yaml.c — the strict YAML subset reader (cs-yaml.c) and the importer (cs-import.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "cs-import.h"
#include "cs-yaml.h"

static void
test_subset (void)
{
  static const char text[] =
    "--- # Psych writes this\n"
    "a:\n"
    "  b: plain value # comment\n"
    "  'q''k': 'it''s'\n"
    "  c: \"tab\\there \\u00e9 \\\"q\\\" #not a comment\"\n"
    "  list:\n"
    "  - one\n"
    "  - 'two'\n"
    "  empty:\n"
    "  url: http://127.0.0.1:8080/x#frag\n"
    "d:\n"
    "    - x\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsYamlNode) root = cs_yaml_parse (text, strlen (text), &error);
  CsYamlNode *a;
  CsYamlNode *list;

  g_assert_no_error (error);
  a = cs_yaml_node_lookup (root, "a");
  g_assert_cmpint (cs_yaml_node_kind (a), ==, CS_YAML_MAPPING);
  g_assert_cmpstr (cs_yaml_node_text (cs_yaml_node_lookup (a, "b")), ==, "plain value");
  g_assert_cmpstr (cs_yaml_node_text (cs_yaml_node_lookup (a, "q'k")), ==, "it's");
  g_assert_cmpstr (cs_yaml_node_text (cs_yaml_node_lookup (a, "c")), ==,
                   "tab\there é \"q\" #not a comment");
  list = cs_yaml_node_lookup (a, "list");
  g_assert_cmpint (cs_yaml_node_kind (list), ==, CS_YAML_SEQUENCE);
  g_assert_cmpuint (cs_yaml_node_n_children (list), ==, 2);
  g_assert_cmpstr (cs_yaml_node_text (cs_yaml_node_child (list, 1)), ==, "two");
  g_assert_cmpint (cs_yaml_node_kind (cs_yaml_node_lookup (a, "empty")), ==, CS_YAML_NULL);
  g_assert_cmpstr (cs_yaml_node_text (cs_yaml_node_lookup (a, "url")), ==,
                   "http://127.0.0.1:8080/x#frag");
  g_assert_cmpuint (cs_yaml_node_line (cs_yaml_node_lookup (a, "url")), ==, 10);
  g_assert_cmpuint (cs_yaml_node_n_children (cs_yaml_node_lookup (root, "d")), ==, 1);
}

static void
test_refused (void)
{
  static const struct
  {
    const char *text;
    const char *words;
  } cases[] = {
    { "a: {b: c}\n", "line 1: flow collections" },
    { "a: *alias\n", "line 1: flow collections, anchors, aliases" },
    { "a: !!str x\n", "line 1: flow collections" },
    { "a: |\n  text\n", "line 1: flow collections" },
    { "a: first\n  second line\n", "line 2: a value that goes on over several lines" },
    { "a: x\nb: y\n---\nc: z\n", "line 3: a second document" },
    { "a: x\n  b: y\n", "line 2: a value that goes on" },
    { "a:\n  b: x\n c: y\n", "line 3: unexpected indentation" },
    { "a: 'open\n", "line 1: a quoted value must end on its line" },
    { "a: \"\\x41\"\n", "line 1: an escape sequence" },
    { "a: \"\\u0000\"\n", "line 1: a “\\u” escape that is not a character" },
    { "a: x\na: y\n", "line 2: a key that is already" },
    { "- a: b\n", "line 1: a list item that holds" },
    { "just text\n", "line 1: expected “key: value”" },
    { "a: b: c\n", "line 1: a value that looks like a key" },
    { "a:\n- x\nb:\n  - y\n - z\n", "line 5: unexpected" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsYamlNode) root = cs_yaml_parse (cases[i].text, strlen (cases[i].text),
                                                  &error);

      if (root != NULL || error == NULL || strstr (error->message, cases[i].words) == NULL)
        g_error ("case %u: %s", i, error != NULL ? error->message : "no error");
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_limits (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) many = g_string_new (NULL);
  g_autofree char *huge = g_malloc0 (CS_YAML_MAX_SIZE + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsYamlNode) root = NULL;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (deep, "%*sk%u:\n", (int) i, "", i);
  root = cs_yaml_parse (deep->str, deep->len, &error);
  g_assert_null (root);
  g_assert_nonnull (strstr (error->message, "nested deeper"));
  g_clear_error (&error);

  for (guint i = 0; i < CS_YAML_MAX_NODES + 1; i++)
    g_string_append_printf (many, "k%u: v\n", i);
  g_assert_null (cs_yaml_parse (many->str, many->len, &error));
  g_assert_nonnull (strstr (error->message, "more entries"));
  g_clear_error (&error);

  memset (huge, 'a', CS_YAML_MAX_SIZE + 1);
  g_assert_null (cs_yaml_parse (huge, CS_YAML_MAX_SIZE + 1, &error));
  g_assert_nonnull (strstr (error->message, "larger than 1 MiB"));
  g_clear_error (&error);

  g_assert_null (cs_yaml_parse ("a: \xff\n", 6, &error));
  g_assert_nonnull (strstr (error->message, "not UTF-8"));
}

/* The message names the line and the key, never the value (it may be a secret). */
static void
test_no_value_in_errors (void)
{
  static const char text[] = "profiles:\n  jack:\n    k:\n      consumer_key: k\n"
                             "      token: tok\xc3\xa9nSecretValue\n      secret: s\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = cs_import_parse (CS_IMPORT_TWURL, text, strlen (text),
                                                  &error);

  g_assert_null (entries);
  g_assert_cmpstr (error->message, ==,
                   "line 5: “token” has characters that are not printable ASCII");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/yaml/subset", test_subset);
  g_test_add_func ("/yaml/refused", test_refused);
  g_test_add_func ("/yaml/limits", test_limits);
  g_test_add_func ("/yaml/no-value-in-errors", test_no_value_in_errors);
  return g_test_run ();
}
