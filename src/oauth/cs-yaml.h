/* cs-yaml.h — a small, strict reader for the YAML that twurl and xurl write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Not a YAML library: exactly the subset of ~/.twurlrc (Ruby's Psych) and ~/.xurl (Go's
 * yaml.v3) — block mappings and block sequences by indentation (spaces only; a sequence may
 * sit at its key's indentation, as Psych writes it), plain, 'single' and "double" quoted
 * scalars on one line, comments, and one leading "---". Anything else (flow collections,
 * anchors, aliases, tags, block scalars, multi-line scalars, duplicate keys, a second
 * document) is refused with the line it is on, so that nothing is half-read. The input is
 * untrusted: it is a pure parser (fuzzed, tests/fuzz/fuzz-yaml), with limits on size, depth
 * and node count. Errors are G_IO_ERROR_INVALID_DATA, "line N: why", and never quote a
 * value (a value may be a secret).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CS_YAML_MAX_SIZE  (1024 * 1024)
#define CS_YAML_MAX_DEPTH 16
#define CS_YAML_MAX_NODES 20000

typedef enum
{
  CS_YAML_NULL,     /* an empty value ("key:" with nothing under it) */
  CS_YAML_SCALAR,
  CS_YAML_MAPPING,
  CS_YAML_SEQUENCE,
} CsYamlKind;

typedef struct _CsYamlNode CsYamlNode;

CsYamlNode *cs_yaml_parse          (const char  *data,
                                    gsize        length,
                                    GError     **error);
void        cs_yaml_node_free      (CsYamlNode  *node);

CsYamlKind  cs_yaml_node_kind      (const CsYamlNode *node);
/* The line the node starts on (for a mapping value: its key's line). */
guint       cs_yaml_node_line      (const CsYamlNode *node);
/* A scalar's text (quotes and escapes resolved); NULL for other kinds. */
const char *cs_yaml_node_text      (const CsYamlNode *node);
/* Mappings and sequences: their entries in file order. */
guint       cs_yaml_node_n_children (const CsYamlNode *node);
CsYamlNode *cs_yaml_node_child     (const CsYamlNode *node,
                                    guint             i);
/* A mapping's i-th key, or NULL. */
const char *cs_yaml_node_key       (const CsYamlNode *node,
                                    guint             i);
/* A mapping's value for @key, or NULL (not a mapping, or no such key). */
CsYamlNode *cs_yaml_node_lookup    (const CsYamlNode *node,
                                    const char       *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsYamlNode, cs_yaml_node_free)

G_END_DECLS
