/* cs-yaml.c — a small, strict reader for the YAML that twurl and xurl write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes: the text is cut into lines (indentation, content without the comment, line
 * number), then a recursive descent over the lines builds the tree by indentation.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "cs-percent.h"
#include "cs-yaml.h"

struct _CsYamlNode
{
  CsYamlKind  kind;
  guint       line;
  char       *text;     /* scalars; wiped when freed (a value may be a secret) */
  GPtrArray  *keys;     /* mappings: char * */
  GPtrArray  *children; /* mappings and sequences: CsYamlNode * */
};

typedef struct
{
  guint  number;
  guint  indent;
  char  *content;       /* without indentation, trailing blanks and comment */
} Line;

typedef struct
{
  GArray  *lines;       /* Line */
  guint    pos;
  guint    nodes;
  GError **error;
} Parser;

static void
line_clear (Line *line)
{
  cs_secret_free (line->content);
}

void
cs_yaml_node_free (CsYamlNode *node)
{
  if (node == NULL)
    return;
  cs_secret_free (node->text);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static gboolean
fail (Parser     *p,
      guint       line,
      const char *message)
{
  if (p->error != NULL && *p->error == NULL)
    g_set_error (p->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("line %u: %s"), line, message);
  return FALSE;
}

static CsYamlNode *
node_new (Parser     *p,
          CsYamlKind  kind,
          guint       line)
{
  CsYamlNode *node;

  if (++p->nodes > CS_YAML_MAX_NODES)
    {
      fail (p, line, _("the file has more entries than any twurl or xurl file"));
      return NULL;
    }
  node = g_new0 (CsYamlNode, 1);
  node->kind = kind;
  node->line = line;
  if (kind == CS_YAML_MAPPING)
    node->keys = g_ptr_array_new_with_free_func (g_free);
  if (kind == CS_YAML_MAPPING || kind == CS_YAML_SEQUENCE)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_yaml_node_free);
  return node;
}

/* ------------------------------------------------------------------ pass 1: lines */

/* Where a comment starts: "#" at the start or after a blank, outside quotes. */
static const char *
comment_start (const char *s,
               const char *e)
{
  char quote = 0;

  for (const char *c = s; c < e; c++)
    {
      if (quote == '"' && *c == '\\' && c + 1 < e)
        c++;
      else if (quote != 0 && *c == quote)
        quote = 0;
      else if (quote == 0 && (*c == '"' || *c == '\'') && (c == s || c[-1] == ' ' ||
                                                          c[-1] == ':' || c[-1] == '-'))
        quote = *c;
      else if (quote == 0 && *c == '#' && (c == s || c[-1] == ' '))
        return c;
    }
  return e;
}

static gboolean
add_line (Parser     *p,
          guint       number,
          const char *s,
          const char *e)
{
  Line line = { .number = number };
  const char *c = s;

  while (e > s && (e[-1] == '\r' || e[-1] == ' '))
    e--;
  while (c < e && *c == ' ')
    c++;
  if (c < e && *c == '\t')
    return fail (p, number, _("a tab in the indentation (YAML indents with spaces)"));
  e = comment_start (c, e);
  while (e > c && (e[-1] == ' ' || e[-1] == '\t'))
    e--;
  if (c == e)
    return TRUE;
  line.indent = c - s;
  line.content = g_strndup (c, e - c);
  g_array_append_val (p->lines, line);
  return TRUE;
}

static gboolean
split_lines (Parser     *p,
             const char *data,
             gsize       length)
{
  const char *end = data + length;
  guint number = 0;

  if (length > CS_YAML_MAX_SIZE)
    return fail (p, 0, _("the file is larger than 1 MiB"));
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    return fail (p, 1, _("the file is not UTF-8 text"));
  for (const char *s = data; s < end;)
    {
      const char *nl = memchr (s, '\n', end - s);
      const char *e = nl != NULL ? nl : end;

      if (!add_line (p, ++number, s, e))
        return FALSE;
      s = e + 1;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ scalars */

static gboolean
append_escape (Parser      *p,
               guint        line,
               GString     *out,
               const char **c)
{
  static const char simple[] = "\\\\\"\"//n\nt\tr\r0\0";
  gunichar u = 0;

  for (guint i = 0; i + 1 < sizeof simple; i += 2)
    if (**c == simple[i])
      {
        g_string_append_c (out, simple[i + 1]);
        (*c)++;
        return simple[i + 1] != '\0' || fail (p, line, _("a NUL character in a value"));
      }
  if (**c != 'u')
    return fail (p, line, _("an escape sequence that twurl and xurl do not write"));
  for (guint i = 1; i <= 4; i++)
    {
      if (!g_ascii_isxdigit ((*c)[i]))
        return fail (p, line, _("a “\\u” escape needs four hex digits"));
      u = u * 16 + g_ascii_xdigit_value ((*c)[i]);
    }
  if (u == 0 || !g_unichar_validate (u))
    return fail (p, line, _("a “\\u” escape that is not a character"));
  g_string_append_unichar (out, u);
  *c += 5;
  return TRUE;
}

/* A quoted scalar at @s (its quote); on success *end is just past the closing quote. */
static char *
quoted_scalar (Parser      *p,
               guint        line,
               const char  *s,
               const char **end)
{
  char quote = *s;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *c = s + 1;

  while (*c != '\0')
    {
      if (*c == quote && quote == '\'' && c[1] == '\'')
        {
          g_string_append_c (out, '\'');
          c += 2;
        }
      else if (*c == quote)
        {
          *end = c + 1;
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      else if (*c == '\\' && quote == '"')
        {
          c++;
          if (!append_escape (p, line, out, &c))
            return NULL;
        }
      else
        g_string_append_c (out, *c++);
    }
  fail (p, line, _("a quoted value must end on its line"));
  return NULL;
}

/* The value text @s (a whole line's rest) as a scalar's text. */
static char *
scalar_text (Parser     *p,
             guint       line,
             const char *s)
{
  const char *end = NULL;
  char *text;

  if (*s == '"' || *s == '\'')
    {
      if ((text = quoted_scalar (p, line, s, &end)) == NULL)
        return NULL;
      if (*end != '\0')
        {
          cs_secret_free (text);
          fail (p, line, _("text after a quoted value"));
          return NULL;
        }
      return text;
    }
  if (strchr ("[]{}&*!|>%@`", *s) != NULL)
    {
      fail (p, line, _("flow collections, anchors, aliases, tags and block scalars are not "
                       "part of what twurl and xurl write"));
      return NULL;
    }
  if (strstr (s, ": ") != NULL || g_str_has_suffix (s, ":"))
    {
      fail (p, line, _("a value that looks like a key (“key: value” on one line twice)"));
      return NULL;
    }
  return g_strdup (s);
}

/* ------------------------------------------------------------------ pass 2: blocks */

static CsYamlNode *parse_block (Parser *p,
                                guint   indent,
                                guint   depth);

static gboolean
is_item (const char *content)
{
  return content[0] == '-' && (content[1] == '\0' || content[1] == ' ');
}

static Line *
current (Parser *p)
{
  return p->pos < p->lines->len ? &g_array_index (p->lines, Line, p->pos) : NULL;
}

/* What follows "key:" or "-" with nothing after it on the line: a nested block (deeper, or
 * for a key a sequence at the same indentation), else an empty value. */
static CsYamlNode *
parse_nested (Parser  *p,
              guint    indent,
              guint    line,
              gboolean after_key,
              guint    depth)
{
  Line *next = current (p);

  if (next != NULL && (next->indent > indent ||
                       (after_key && next->indent == indent && is_item (next->content))))
    return parse_block (p, next->indent, depth + 1);
  return node_new (p, CS_YAML_NULL, line);
}

/* The value of an entry: @rest is what follows "key:" or "- " on the line. */
static CsYamlNode *
parse_value (Parser     *p,
             const Line *line,
             const char *rest,
             gboolean    after_key,
             guint       depth)
{
  CsYamlNode *node;
  Line *next;

  while (*rest == ' ')
    rest++;
  if (*rest == '\0')
    return parse_nested (p, line->indent, line->number, after_key, depth);
  if (!after_key && (is_item (rest) || strstr (rest, ": ") != NULL || g_str_has_suffix (rest, ":")))
    {
      fail (p, line->number, _("a list item that holds a list or a mapping on its own line"));
      return NULL;
    }
  if ((node = node_new (p, CS_YAML_SCALAR, line->number)) == NULL)
    return NULL;
  node->text = scalar_text (p, line->number, rest);
  next = current (p);
  if (node->text != NULL && next != NULL && next->indent > line->indent)
    fail (p, next->number, _("a value that goes on over several lines"));
  if (node->text == NULL || (next != NULL && next->indent > line->indent))
    g_clear_pointer (&node, cs_yaml_node_free);
  return node;
}

/* "key: rest" or "'key': rest": the key, and *rest the text after the colon. */
static char *
split_key (Parser      *p,
           const Line  *line,
           const char **rest)
{
  const char *c = line->content;
  const char *end;
  char *key;

  if (*c == '"' || *c == '\'')
    {
      if ((key = quoted_scalar (p, line->number, c, &end)) == NULL)
        return NULL;
    }
  else
    {
      end = c;
      while (*end != '\0' && !(end[0] == ':' && (end[1] == ' ' || end[1] == '\0')))
        end++;
      if (strchr ("[]{}&*!|>%@`?", *c) != NULL)
        {
          fail (p, line->number, _("a key that twurl and xurl do not write"));
          return NULL;
        }
      key = g_strndup (c, end - c);
    }
  if (end[0] != ':' || (end[1] != ' ' && end[1] != '\0') || *key == '\0')
    {
      g_free (key);
      fail (p, line->number, _("expected “key: value”"));
      return NULL;
    }
  *rest = end + 1;
  return key;
}

static gboolean
mapping_add (Parser     *p,
             CsYamlNode *map,
             const Line *line,
             guint       depth)
{
  const char *rest = NULL;
  g_autofree char *key = split_key (p, line, &rest);
  CsYamlNode *value;

  if (key == NULL)
    return FALSE;
  if (cs_yaml_node_lookup (map, key) != NULL)
    return fail (p, line->number, _("a key that is already in this mapping"));
  p->pos++;
  if ((value = parse_value (p, line, rest, TRUE, depth)) == NULL)
    return FALSE;
  value->line = line->number;
  g_ptr_array_add (map->keys, g_steal_pointer (&key));
  g_ptr_array_add (map->children, value);
  return TRUE;
}

static CsYamlNode *
parse_block (Parser *p,
             guint   indent,
             guint   depth)
{
  Line *line = current (p);
  gboolean sequence = is_item (line->content);
  g_autoptr(CsYamlNode) node = NULL;

  if (depth > CS_YAML_MAX_DEPTH)
    {
      fail (p, line->number, _("the entries are nested deeper than in any twurl or xurl file"));
      return NULL;
    }
  if ((node = node_new (p, sequence ? CS_YAML_SEQUENCE : CS_YAML_MAPPING, line->number)) == NULL)
    return NULL;
  while ((line = current (p)) != NULL && line->indent >= indent)
    {
      CsYamlNode *item;

      if (line->indent > indent)
        return fail (p, line->number, _("unexpected indentation")), NULL;
      if (line->indent == 0 && strcmp (line->content, "---") == 0)
        break;
      /* A list at its key's indentation (Psych) ends where the next key starts. */
      if (sequence && !is_item (line->content))
        break;
      if (!sequence && is_item (line->content))
        return fail (p, line->number, _("expected “key: value”")), NULL;
      if (!sequence)
        {
          if (!mapping_add (p, node, line, depth))
            return NULL;
          continue;
        }
      p->pos++;
      if ((item = parse_value (p, line, line->content + 1, FALSE, depth)) == NULL)
        return NULL;
      g_ptr_array_add (node->children, item);
    }
  return g_steal_pointer (&node);
}

static void
skip_document_start (Parser *p)
{
  Line *first = current (p);

  if (first != NULL && first->indent == 0 && strcmp (first->content, "---") == 0)
    p->pos++;
}

CsYamlNode *
cs_yaml_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (Line));
  Parser p = { .lines = lines, .error = error };
  g_autoptr(CsYamlNode) root = NULL;
  Line *rest;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_clear_func (lines, (GDestroyNotify) line_clear);
  if (!split_lines (&p, data != NULL ? data : "", length))
    return NULL;
  skip_document_start (&p);
  if (current (&p) == NULL)
    return node_new (&p, CS_YAML_NULL, 1);
  if (current (&p)->indent != 0)
    return fail (&p, current (&p)->number, _("unexpected indentation")), NULL;
  if ((root = parse_block (&p, 0, 0)) == NULL)
    return NULL;
  if ((rest = current (&p)) != NULL)
    return fail (&p, rest->number, strcmp (rest->content, "---") == 0
                                     ? _("a second document (twurl and xurl write one)")
                                     : _("unexpected text")), NULL;
  return g_steal_pointer (&root);
}

/* ------------------------------------------------------------------ reading the tree */

CsYamlKind
cs_yaml_node_kind (const CsYamlNode *node)
{
  g_return_val_if_fail (node != NULL, CS_YAML_NULL);
  return node->kind;
}

guint
cs_yaml_node_line (const CsYamlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->line;
}

const char *
cs_yaml_node_text (const CsYamlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->text;
}

guint
cs_yaml_node_n_children (const CsYamlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->children != NULL ? node->children->len : 0;
}

CsYamlNode *
cs_yaml_node_child (const CsYamlNode *node,
                    guint             i)
{
  g_return_val_if_fail (node != NULL && i < cs_yaml_node_n_children (node), NULL);
  return g_ptr_array_index (node->children, i);
}

const char *
cs_yaml_node_key (const CsYamlNode *node,
                  guint             i)
{
  g_return_val_if_fail (node != NULL, NULL);
  if (node->keys == NULL || i >= node->keys->len)
    return NULL;
  return g_ptr_array_index (node->keys, i);
}

CsYamlNode *
cs_yaml_node_lookup (const CsYamlNode *node,
                     const char       *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  if (node == NULL || node->keys == NULL)
    return NULL;
  for (guint i = 0; i < node->keys->len; i++)
    if (strcmp (g_ptr_array_index (node->keys, i), key) == 0)
      return g_ptr_array_index (node->children, i);
  return NULL;
}
