/* cs-import.c — the OAuth 1.0a credentials that twurl and xurl left in plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "cs-import.h"
#include "cs-percent.h"
#include "cs-yaml.h"

void
cs_import_entry_free (CsImportEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->label);
  g_free (entry->account);
  g_free (entry->consumer_key);
  cs_secret_free (entry->consumer_secret);
  cs_secret_free (entry->token);
  cs_secret_free (entry->token_secret);
  g_free (entry->not_importable);
  g_free (entry);
}

static gboolean fail (GError    **error,
                      guint       line,
                      const char *format,
                      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("line %u: %s"), line, message);
  return FALSE;
}

/* @parent's @key: a mapping, or absent (NULL, TRUE); anything else is an error. */
static gboolean
get_mapping (const CsYamlNode  *parent,
             const char        *key,
             const CsYamlNode **out,
             GError           **error)
{
  const CsYamlNode *node = cs_yaml_node_lookup (parent, key);

  *out = NULL;
  if (node == NULL || cs_yaml_node_kind (node) == CS_YAML_NULL)
    return TRUE;
  if (cs_yaml_node_kind (node) != CS_YAML_MAPPING)
    return fail (error, cs_yaml_node_line (node), _("“%s” must be a mapping of names"), key);
  *out = node;
  return TRUE;
}

/* @parent's @key as text: NULL (absent or empty) is fine unless @required. */
static gboolean
get_text (const CsYamlNode  *parent,
          const char        *key,
          gboolean           required,
          char             **out,
          guint             *line,
          GError           **error)
{
  const CsYamlNode *node = cs_yaml_node_lookup (parent, key);
  const char *text = node != NULL ? cs_yaml_node_text (node) : NULL;

  *out = NULL;
  if (node != NULL && cs_yaml_node_kind (node) != CS_YAML_SCALAR &&
      cs_yaml_node_kind (node) != CS_YAML_NULL)
    return fail (error, cs_yaml_node_line (node), _("“%s” must be text"), key);
  if (text != NULL && (*text == '\0' || strcmp (text, "~") == 0 || strcmp (text, "null") == 0))
    text = NULL;
  if (text != NULL && !cs_is_printable_ascii (text))
    return fail (error, cs_yaml_node_line (node),
                 _("“%s” has characters that are not printable ASCII"), key);
  if (text == NULL && required)
    return fail (error, cs_yaml_node_line (parent), _("“%s” is missing or empty"), key);
  *out = g_strdup (text);
  if (line != NULL)
    *line = text != NULL ? cs_yaml_node_line (node) : 0;
  return TRUE;
}

/* ------------------------------------------------------------------ twurl */

static CsImportEntry *
twurl_entry (const char       *username,
             const CsYamlNode *node,
             GError          **error)
{
  g_autoptr(GError) local = NULL;
  CsImportEntry *e = g_new0 (CsImportEntry, 1);

  e->label = g_strdup_printf (_("twurl profile %s"), username);
  if (cs_yaml_node_kind (node) != CS_YAML_MAPPING)
    fail (&local, cs_yaml_node_line (node), _("the profile “%s” must be a mapping"), username);
  else if (get_text (node, "username", FALSE, &e->account, NULL, &local) &&
           get_text (node, "consumer_key", TRUE, &e->consumer_key, NULL, &local) &&
           get_text (node, "consumer_secret", FALSE, &e->consumer_secret,
                     &e->consumer_secret_line, &local) &&
           get_text (node, "token", TRUE, &e->token, &e->token_line, &local))
    get_text (node, "secret", TRUE, &e->token_secret, &e->token_secret_line, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      cs_import_entry_free (e);
      return NULL;
    }
  if (e->account == NULL)
    e->account = g_strdup (username);
  e->importable = TRUE;
  return e;
}

/* configuration.default_profile: [username, consumer key]. */
static void
twurl_mark_default (const CsYamlNode *root,
                    GPtrArray        *entries)
{
  const CsYamlNode *config = cs_yaml_node_lookup (root, "configuration");
  const CsYamlNode *def = cs_yaml_node_lookup (config, "default_profile");

  if (def == NULL || cs_yaml_node_kind (def) != CS_YAML_SEQUENCE ||
      cs_yaml_node_n_children (def) != 2)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      CsImportEntry *e = g_ptr_array_index (entries, i);

      e->is_default = g_strcmp0 (cs_yaml_node_text (cs_yaml_node_child (def, 0)),
                                 e->account) == 0 &&
                      g_strcmp0 (cs_yaml_node_text (cs_yaml_node_child (def, 1)),
                                 e->consumer_key) == 0;
    }
}

static gboolean
twurl_parse (const CsYamlNode *root,
             GPtrArray        *entries,
             GError          **error)
{
  const CsYamlNode *profiles;

  if (!get_mapping (root, "profiles", &profiles, error))
    return FALSE;
  for (guint i = 0; profiles != NULL && i < cs_yaml_node_n_children (profiles); i++)
    {
      const CsYamlNode *keys = cs_yaml_node_child (profiles, i);
      const char *username = cs_yaml_node_key (profiles, i);

      if (cs_yaml_node_kind (keys) != CS_YAML_MAPPING)
        return fail (error, cs_yaml_node_line (keys),
                     _("the profile “%s” must map consumer keys to credentials"), username);
      for (guint j = 0; j < cs_yaml_node_n_children (keys); j++)
        {
          CsImportEntry *e = twurl_entry (username, cs_yaml_node_child (keys, j), error);

          if (e == NULL)
            return FALSE;
          g_ptr_array_add (entries, e);
        }
    }
  twurl_mark_default (root, entries);
  return TRUE;
}

/* ------------------------------------------------------------------ xurl */

static CsImportEntry *
not_importable (const char *label,
                const char *why)
{
  CsImportEntry *e = g_new0 (CsImportEntry, 1);

  e->label = g_strdup (label);
  e->account = g_strdup ("");
  e->not_importable = g_strdup (why);
  return e;
}

static gboolean
xurl_oauth1 (const char       *app,
             const CsYamlNode *holder,
             GPtrArray        *entries,
             GError          **error)
{
  const CsYamlNode *token;
  const CsYamlNode *oauth1;
  CsImportEntry *e;

  if (!get_mapping (holder, "oauth1_token", &token, error) || token == NULL)
    return token == NULL && (error == NULL || *error == NULL);
  if (!get_mapping (token, "oauth1", &oauth1, error))
    return FALSE;
  if (oauth1 == NULL)
    return fail (error, cs_yaml_node_line (token), _("“%s” is missing or empty"), "oauth1");
  e = g_new0 (CsImportEntry, 1);
  e->label = g_strdup_printf (_("xurl app %s"), app);
  e->account = g_strdup ("");
  g_ptr_array_add (entries, e);
  if (!get_text (oauth1, "consumer_key", TRUE, &e->consumer_key, NULL, error) ||
      !get_text (oauth1, "consumer_secret", FALSE, &e->consumer_secret,
                 &e->consumer_secret_line, error) ||
      !get_text (oauth1, "access_token", TRUE, &e->token, &e->token_line, error) ||
      !get_text (oauth1, "token_secret", TRUE, &e->token_secret, &e->token_secret_line, error))
    return FALSE;
  e->importable = TRUE;
  return TRUE;
}

static gboolean
xurl_others (const char       *app,
             const CsYamlNode *holder,
             GPtrArray        *entries,
             GError          **error)
{
  const CsYamlNode *oauth2;

  if (!get_mapping (holder, "oauth2_tokens", &oauth2, error))
    return FALSE;
  for (guint i = 0; oauth2 != NULL && i < cs_yaml_node_n_children (oauth2); i++)
    {
      g_autofree char *label = g_strdup_printf (_("xurl app %s, OAuth 2.0 token of @%s"), app,
                                                cs_yaml_node_key (oauth2, i));

      g_ptr_array_add (entries, not_importable (label, _("OAuth 2.0 tokens cannot be "
                                                         "imported yet")));
    }
  if (cs_yaml_node_lookup (holder, "bearer_token") != NULL &&
      cs_yaml_node_kind (cs_yaml_node_lookup (holder, "bearer_token")) != CS_YAML_NULL)
    {
      g_autofree char *label = g_strdup_printf (_("xurl app %s, app-only bearer token"), app);

      g_ptr_array_add (entries, not_importable (label, _("bearer tokens cannot be imported "
                                                         "yet")));
    }
  return TRUE;
}

static gboolean
xurl_parse (const CsYamlNode *root,
            GPtrArray        *entries,
            GError          **error)
{
  const CsYamlNode *apps;
  const CsYamlNode *def = cs_yaml_node_lookup (root, "default_app");

  if (!get_mapping (root, "apps", &apps, error))
    return FALSE;
  for (guint i = 0; apps != NULL && i < cs_yaml_node_n_children (apps); i++)
    {
      const CsYamlNode *app = cs_yaml_node_child (apps, i);
      const char *name = cs_yaml_node_key (apps, i);
      guint first = entries->len;

      if (cs_yaml_node_kind (app) != CS_YAML_MAPPING)
        return fail (error, cs_yaml_node_line (app), _("the app “%s” must be a mapping"), name);
      if (!xurl_oauth1 (name, app, entries, error) || !xurl_others (name, app, entries, error))
        return FALSE;
      for (guint j = first; def != NULL && j < entries->len; j++)
        ((CsImportEntry *) g_ptr_array_index (entries, j))->is_default =
          g_strcmp0 (cs_yaml_node_text (def), name) == 0;
    }
  return TRUE;
}

GPtrArray *
cs_import_parse (CsImportSource  source,
                 const char     *data,
                 gsize           length,
                 GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 cs_import_entry_free);
  g_autoptr(CsYamlNode) root = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source == CS_IMPORT_XURL && length > 0 && data[0] == '{')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("line 1: this is the JSON file of xurl before 1.0; run xurl once, which "
                     "converts it, and import again"));
      return NULL;
    }
  if ((root = cs_yaml_parse (data, length, error)) == NULL)
    return NULL;
  if (cs_yaml_node_kind (root) != CS_YAML_MAPPING && cs_yaml_node_kind (root) != CS_YAML_NULL)
    {
      fail (error, 1, _("%s must be a mapping at the top"), source == CS_IMPORT_TWURL
                                                             ? "~/.twurlrc" : "~/.xurl");
      return NULL;
    }
  ok = source == CS_IMPORT_TWURL ? twurl_parse (root, entries, error)
                                 : xurl_parse (root, entries, error);
  return ok ? g_steal_pointer (&entries) : NULL;
}

static gboolean
line_is_stripped (GPtrArray *entries,
                  guint      number,
                  gboolean   consumer_secrets)
{
  for (guint i = 0; number > 0 && i < entries->len; i++)
    {
      CsImportEntry *e = g_ptr_array_index (entries, i);

      if (e->importable && (number == e->token_line || number == e->token_secret_line ||
                            (consumer_secrets && number == e->consumer_secret_line)))
        return TRUE;
    }
  return FALSE;
}

char *
cs_import_strip_secrets (const char *data,
                         gsize       length,
                         GPtrArray  *entries,
                         gboolean    consumer_secrets,
                         gsize      *new_length)
{
  GString *out = g_string_sized_new (length);
  const char *end = data + length;
  guint number = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  for (const char *s = data; s < end;)
    {
      const char *nl = memchr (s, '\n', end - s);
      const char *e = nl != NULL ? nl + 1 : end;

      if (!line_is_stripped (entries, ++number, consumer_secrets))
        g_string_append_len (out, s, e - s);
      s = e;
    }
  if (new_length != NULL)
    *new_length = out->len;
  return g_string_free (out, FALSE);
}

char *
cs_import_default_path (CsImportSource source)
{
  g_autofree char *xurl = NULL;

  if (source == CS_IMPORT_TWURL)
    return g_build_filename (g_get_home_dir (), ".twurlrc", NULL);
  xurl = g_build_filename (g_get_home_dir (), ".xurl", NULL);
  if (g_file_test (xurl, G_FILE_TEST_IS_DIR))
    return g_build_filename (xurl, "auth.yml", NULL);
  return g_steal_pointer (&xurl);
}
