/* cs-provider-keyfile.c — the `[Provider]` keyfile format of presets and user providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-provider-keyfile-private.h"
#include "cs-provider-object-private.h"
#include "cs-provider-template.h"

#define PROVIDER_GROUP "Provider"
#define MAX_ID_LENGTH  64

typedef struct
{
  const char *key;
  gboolean    required;
  gboolean    is_url;
} FieldKey;

static const FieldKey field_keys[CS_PROVIDER_N_FIELDS] = {
  [CS_PROVIDER_FIELD_NAME] = { "Name", TRUE, FALSE },
  [CS_PROVIDER_FIELD_REQUEST_TOKEN_URL] = { "RequestTokenURL", TRUE, TRUE },
  [CS_PROVIDER_FIELD_AUTHORIZE_URL] = { "AuthorizeURL", TRUE, TRUE },
  [CS_PROVIDER_FIELD_AUTHENTICATE_URL] = { "AuthenticateURL", FALSE, TRUE },
  [CS_PROVIDER_FIELD_ACCESS_TOKEN_URL] = { "AccessTokenURL", TRUE, TRUE },
  [CS_PROVIDER_FIELD_VERIFY_URL] = { "VerifyCredentialsURL", FALSE, TRUE },
  [CS_PROVIDER_FIELD_DEVELOPER_URL] = { "DeveloperURL", FALSE, TRUE },
  [CS_PROVIDER_FIELD_OAUTH2_AUTHORIZE_URL] = { "OAuth2AuthorizeURL", FALSE, TRUE },
  [CS_PROVIDER_FIELD_OAUTH2_TOKEN_URL] = { "OAuth2TokenURL", FALSE, TRUE },
  [CS_PROVIDER_FIELD_OAUTH2_REVOKE_URL] = { "OAuth2RevokeURL", FALSE, TRUE },
  [CS_PROVIDER_FIELD_OAUTH2_CLIENT_CREDENTIALS_URL] = { "OAuth2ClientCredentialsURL", FALSE,
                                                        TRUE },
  [CS_PROVIDER_FIELD_OAUTH2_INVALIDATE_URL] = { "OAuth2InvalidateURL", FALSE, TRUE },
  [CS_PROVIDER_FIELD_OAUTH2_EXCHANGE_URL] = { "OAuth2ExchangeURL", FALSE, TRUE },
};

void
cs_provider_set_file_error (GError    **error,
                            const char *source,
                            guint       line,
                            const char *format,
                            ...)
{
  GError *file_error;
  va_list args;

  va_start (args, format);
  file_error = g_error_new_valist (CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE, format, args);
  va_end (args);

  if (line > 0)
    g_prefix_error (&file_error, "%s:%u: ", source, line);
  else
    g_prefix_error (&file_error, "%s: ", source);
  g_propagate_error (error, file_error);
}

/* Scanning: where each key of the [Provider] group is, for messages that name the line */

typedef struct
{
  const char *source;
  guint       group_line;
  GHashTable *key_lines; /* key → line (GUINT_TO_POINTER) */
} KeyfileMap;

static void
keyfile_map_clear (KeyfileMap *map)
{
  g_clear_pointer (&map->key_lines, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyfileMap, keyfile_map_clear)

static guint
keyfile_map_line (const KeyfileMap *map,
                  const char       *key)
{
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (map->key_lines, key));

  return line != 0 ? line : map->group_line;
}

/* The state of the line-by-line scan. */
typedef struct
{
  KeyfileMap *map;
  guint       line;
  gboolean    in_group;          /* after any group header */
  gboolean    in_provider_group; /* after a [Provider] header, before the next header */
} Scanner;

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
scan_error (const Scanner  *scan,
            GError        **error,
            const char     *message)
{
  cs_provider_set_file_error (error, scan->map->source, scan->line, "%s", message);
  return FALSE;
}

/* @s … @e is the line without its surrounding blanks, starting with "[". */
static gboolean
scan_group_header (Scanner     *scan,
                   const char  *s,
                   const char  *e,
                   GError     **error)
{
  if (e[-1] != ']' || e - s < 3 || memchr (s + 1, ']', e - s - 2) != NULL ||
      memchr (s + 1, '[', e - s - 2) != NULL)
    return scan_error (scan, error, _("A group header must look like “[Provider]”"));
  scan->in_group = TRUE;
  scan->in_provider_group = (gsize) (e - s - 2) == strlen (PROVIDER_GROUP) &&
                            memcmp (s + 1, PROVIDER_GROUP, e - s - 2) == 0;
  if (scan->in_provider_group && scan->map->group_line == 0)
    scan->map->group_line = scan->line;
  return TRUE;
}

/* @s … @e is the line without its surrounding blanks, neither a comment nor a header. */
static gboolean
scan_key (Scanner     *scan,
          const char  *s,
          const char  *e,
          GError     **error)
{
  const char *eq = memchr (s, '=', e - s);
  const char *key_end = eq;

  if (eq == NULL || eq == s)
    return scan_error (scan, error,
                       _("Expected “Key=value”, a “[Group]” header or a “#” comment"));
  if (!scan->in_group)
    return scan_error (scan, error, _("“Key=value” before the “[Provider]” group header"));
  while (key_end > s && is_blank (key_end[-1]))
    key_end--;
  if (scan->in_provider_group)
    g_hash_table_replace (scan->map->key_lines, g_strndup (s, key_end - s),
                          GUINT_TO_POINTER (scan->line));
  return TRUE;
}

/* @s … @e is one line without its "\n". */
static gboolean
scan_line (Scanner     *scan,
           const char  *s,
           const char  *e,
           GError     **error)
{
  if (!g_utf8_validate (s, e - s, NULL))
    return scan_error (scan, error, _("The line is not valid UTF-8 text"));
  while (s < e && is_blank (*s))
    s++;
  while (e > s && (is_blank (e[-1]) || e[-1] == '\r'))
    e--;

  if (s == e || *s == '#')
    return TRUE;
  if (*s == '[')
    return scan_group_header (scan, s, e, error);
  return scan_key (scan, s, e, error);
}

/* GKeyFile does not say where a problem is, so check the syntax line by line first. */
static gboolean
keyfile_scan (const char *data,
              gsize       length,
              KeyfileMap *map,
              GError    **error)
{
  const char *end = data + length;
  Scanner scan = { .map = map };

  map->key_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const char *p = data; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;

      scan.line++;
      if (!scan_line (&scan, p, line_end, error))
        return FALSE;
      p = line_end + 1;
    }

  if (map->group_line == 0)
    {
      cs_provider_set_file_error (error, map->source, 0, _("There is no “[Provider]” group"));
      return FALSE;
    }
  return TRUE;
}

/* Validation: each value, with the line it is on */

static gboolean
is_valid_id (const char *id)
{
  gsize len = 0;

  for (const char *p = id; *p; p++, len++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return len > 0 && len <= MAX_ID_LENGTH && id[0] != '.';
}

static char *
keyfile_get_string (GKeyFile         *keyfile,
                    const KeyfileMap *map,
                    const char       *key,
                    gboolean          required,
                    GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = g_key_file_get_string (keyfile, PROVIDER_GROUP, key, &local_error);

  if (value == NULL && !g_error_matches (local_error, G_KEY_FILE_ERROR,
                                         G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, key),
                                  _("The value of “%s” is malformed: %s"), key,
                                  local_error->message);
      return NULL;
    }
  if (value != NULL)
    g_strstrip (value);
  if (required && (value == NULL || *value == '\0'))
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, key),
                                  _("The key “%s” is missing or empty"), key);
      return NULL;
    }
  return value != NULL ? g_steal_pointer (&value) : g_strdup ("");
}

static gboolean
keyfile_get_bool (GKeyFile         *keyfile,
                  const KeyfileMap *map,
                  const char       *key,
                  gboolean         *out,
                  GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  *out = FALSE;
  if (!g_key_file_has_key (keyfile, PROVIDER_GROUP, key, NULL))
    return TRUE;
  *out = g_key_file_get_boolean (keyfile, PROVIDER_GROUP, key, &local_error);
  if (local_error != NULL)
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, key),
                                  _("The value of “%s” must be “true” or “false”"), key);
      return FALSE;
    }
  return TRUE;
}

/* CallbackPort / OAuth2CallbackPort: the loopback port of the callback URL registered with
 * the provider; 0 when the key is absent. */
static gboolean
load_port (GKeyFile         *keyfile,
           const KeyfileMap *map,
           const char       *key,
           guint            *out,
           GError          **error)
{
  g_autofree char *text = g_key_file_get_string (keyfile, PROVIDER_GROUP, key, NULL);
  guint64 port = 0;

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &port, NULL))
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, key),
                                  _("The value of “%s” must be a port number from 1 to 65535"),
                                  key);
      return FALSE;
    }
  *out = port;
  return TRUE;
}

static gboolean
load_callback_port (CsProvider       *self,
                    GKeyFile         *keyfile,
                    const KeyfileMap *map,
                    GError          **error)
{
  guint port;

  if (!load_port (keyfile, map, "CallbackPort", &port, error))
    return FALSE;
  cs_provider_set_callback_port (self, port);
  if (!load_port (keyfile, map, "OAuth2CallbackPort", &port, error))
    return FALSE;
  cs_provider_set_oauth2_callback_port (self, port);
  return TRUE;
}

/* OAuth2Scopes, OAuth2DefaultScopes (;-separated lists of scope tokens, RFC 6749 §3.3),
 * OAuth2ClientID and OAuth2ClientSecret (the demo's). */
/* scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) (RFC 6749 §3.3) */
static gboolean
is_scope_token (const char *scope)
{
  if (*scope == '\0')
    return FALSE;
  for (const char *p = scope; *p; p++)
    if (*p <= 0x20 || *p == 0x22 || *p == 0x5c || *p >= 0x7f)
      return FALSE;
  return TRUE;
}

static gboolean
load_scope_list (GKeyFile         *keyfile,
                 const KeyfileMap *map,
                 const char       *key,
                 GStrv            *out,
                 GError          **error)
{
  g_auto (GStrv) list = NULL;
  gboolean valid;

  *out = NULL;
  if (!g_key_file_has_key (keyfile, PROVIDER_GROUP, key, NULL))
    return TRUE;
  list = g_key_file_get_string_list (keyfile, PROVIDER_GROUP, key, NULL, NULL);
  valid = list != NULL;
  for (guint i = 0; valid && list[i] != NULL; i++)
    valid = is_scope_token (g_strstrip (list[i]));
  if (!valid)
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, key),
                                  _("The value of “%s” must be scopes separated by “;”"), key);
      return FALSE;
    }
  *out = g_steal_pointer (&list);
  return TRUE;
}

static gboolean
load_oauth2_keys (CsProvider       *self,
                  GKeyFile         *keyfile,
                  const KeyfileMap *map,
                  GError          **error)
{
  g_auto (GStrv) scopes = NULL;
  g_auto (GStrv) defaults = NULL;

  if (!load_scope_list (keyfile, map, "OAuth2Scopes", &scopes, error) ||
      !load_scope_list (keyfile, map, "OAuth2DefaultScopes", &defaults, error))
    return FALSE;
  cs_provider_set_oauth2_scopes (self, (const char * const *) scopes);
  cs_provider_set_oauth2_default_scopes (self, (const char * const *) defaults);
  cs_provider_take_demo_client (self,
                                g_key_file_get_string (keyfile, PROVIDER_GROUP, "OAuth2ClientID",
                                                       NULL),
                                g_key_file_get_string (keyfile, PROVIDER_GROUP,
                                                       "OAuth2ClientSecret", NULL));
  return TRUE;
}

/* A "{base}/path" URL with a stand-in server, to check the rest of it; NULL for others. */
static char *
template_example (const char *value)
{
  if (!g_str_has_prefix (value, CS_PROVIDER_BASE_PLACEHOLDER))
    return NULL;
  return g_strconcat ("https://server.invalid", value + strlen (CS_PROVIDER_BASE_PLACEHOLDER),
                      NULL);
}

/* BaseURLExample, EndOfLife (an ISO date) and EndOfLifeURL. */
static gboolean
load_template_keys (CsProvider       *self,
                    GKeyFile         *keyfile,
                    const KeyfileMap *map,
                    GError          **error)
{
  g_autofree char *example = keyfile_get_string (keyfile, map, "BaseURLExample", FALSE, error);
  g_autofree char *date = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = NULL;

  if (example == NULL
      || (date = keyfile_get_string (keyfile, map, "EndOfLife", FALSE, error)) == NULL
      || (url = keyfile_get_string (keyfile, map, "EndOfLifeURL", FALSE, error)) == NULL)
    return FALSE;
  if (*date != '\0')
    {
      iso = g_strconcat (date, "T00:00:00Z", NULL);
      parsed = strlen (date) == 10 ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
      if (parsed == NULL)
        {
          cs_provider_set_file_error (error, map->source, keyfile_map_line (map, "EndOfLife"),
                                      _("EndOfLife must be a date such as 2026-12-31"));
          return FALSE;
        }
    }
  if (*url != '\0' && !g_str_has_prefix (url, "https://"))
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, "EndOfLifeURL"),
                                  _("EndOfLifeURL must be an https:// address"));
      return FALSE;
    }
  cs_provider_set_base_url_example (self, example);
  cs_provider_set_end_of_life (self, date, url);
  return TRUE;
}

static gboolean
has_value (GKeyFile   *keyfile,
           const char *key)
{
  g_autofree char *value = g_key_file_get_string (keyfile, PROVIDER_GROUP, key, NULL);

  return value != NULL && *g_strstrip (value) != '\0';
}

static gboolean
load_fields (CsProvider       *self,
             GKeyFile         *keyfile,
             const KeyfileMap *map,
             GError          **error)
{
  /* An OAuth 2.0 provider needs none of the OAuth 1.0a endpoints, unless it names one. */
  gboolean oauth1_required = !has_value (keyfile, "OAuth2TokenURL") ||
                             has_value (keyfile, "RequestTokenURL");

  if (has_value (keyfile, "OAuth2TokenURL") && !has_value (keyfile, "OAuth2AuthorizeURL") &&
      !has_value (keyfile, "OAuth2ClientCredentialsURL"))
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, "OAuth2TokenURL"),
                                  _("The key “%s” is missing or empty"), "OAuth2AuthorizeURL");
      return FALSE;
    }
  for (guint i = 0; i < CS_PROVIDER_N_FIELDS; i++)
    {
      const FieldKey *field = &field_keys[i];
      gboolean required = field->required && (i == CS_PROVIDER_FIELD_NAME || oauth1_required);
      g_autofree char *value = keyfile_get_string (keyfile, map, field->key, required, error);

      if (value == NULL)
        return FALSE;
      if (field->is_url && *value != '\0')
        {
          g_autoptr(GError) url_error = NULL;
          g_autofree char *example = template_example (value);
          g_autofree char *uri = cs_base_string_uri (example ? example : value, &url_error);

          if (uri == NULL)
            {
              cs_provider_set_file_error (error, map->source, keyfile_map_line (map, field->key),
                                          "%s: %s", field->key, url_error->message);
              return FALSE;
            }
        }
      cs_provider_set_field (self, i, value);
    }
  return TRUE;
}

static gboolean
load_signature_method (CsProvider       *self,
                       GKeyFile         *keyfile,
                       const KeyfileMap *map,
                       GError          **error)
{
  g_autofree char *method = keyfile_get_string (keyfile, map, "SignatureMethod", FALSE, error);
  CsSignatureMethod m;

  if (method == NULL)
    return FALSE;
  if (*method == '\0')
    return TRUE;
  if (!cs_signature_method_from_string (method, &m))
    {
      cs_provider_set_file_error (error, map->source, keyfile_map_line (map, "SignatureMethod"),
                                  _("Unknown signature method “%s”: use HMAC-SHA1, HMAC-SHA256, "
                                    "PLAINTEXT or RSA-SHA1"), method);
      return FALSE;
    }
  cs_provider_set_signature_method (self, m);
  return TRUE;
}

static gboolean
provider_load_keyfile (CsProvider       *self,
                       GKeyFile         *keyfile,
                       const KeyfileMap *map,
                       GError          **error)
{
  gboolean flag;
  char *consumer_key;
  char *consumer_secret;

  if (!load_fields (self, keyfile, map, error) ||
      !load_signature_method (self, keyfile, map, error) ||
      !load_callback_port (self, keyfile, map, error) ||
      !load_oauth2_keys (self, keyfile, map, error) ||
      !load_template_keys (self, keyfile, map, error))
    return FALSE;

  if (!keyfile_get_bool (keyfile, map, "SupportsAccessType", &flag, error))
    return FALSE;
  cs_provider_set_supports_access_type (self, flag);
  if (!keyfile_get_bool (keyfile, map, "SupportsForceLogin", &flag, error))
    return FALSE;
  cs_provider_set_supports_force_login (self, flag);

  consumer_key = g_key_file_get_string (keyfile, PROVIDER_GROUP, "ConsumerKey", NULL);
  consumer_secret = g_key_file_get_string (keyfile, PROVIDER_GROUP, "ConsumerSecret", NULL);
  cs_provider_take_demo_credentials (self, consumer_key, consumer_secret);
  return TRUE;
}

CsProvider *
cs_provider_new_from_data (const char *data,
                           gsize       length,
                           const char *source_name,
                           GError    **error)
{
  g_auto(KeyfileMap) map = { 0 };
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CsProvider) self = NULL;
  g_autofree char *source = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = source_name != NULL ? g_utf8_make_valid (source_name, -1) : g_strdup ("provider");
  map.source = source;

  if (length > CS_PROVIDER_MAX_FILE_SIZE)
    {
      cs_provider_set_file_error (error, source, 0, _("The file is larger than 64 KiB"));
      return NULL;
    }
  if (!keyfile_scan (data, length, &map, error))
    return NULL;
  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, &local_error))
    {
      cs_provider_set_file_error (error, source, 0, "%s", local_error->message);
      return NULL;
    }

  id = keyfile_get_string (keyfile, &map, "Id", TRUE, error);
  if (id == NULL)
    return NULL;
  if (!is_valid_id (id))
    {
      cs_provider_set_file_error (error, source, keyfile_map_line (&map, "Id"),
                                  _("The Id “%s” must be 1 to 64 letters, digits, “-”, “_” or "
                                    "“.”"), id);
      return NULL;
    }

  self = g_object_new (CS_TYPE_PROVIDER, "id", id, NULL);
  if (!provider_load_keyfile (self, keyfile, &map, error))
    return NULL;
  return g_steal_pointer (&self);
}

char *
cs_provider_to_data (CsProvider *self,
                     gsize      *length)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);

  g_key_file_set_string (keyfile, PROVIDER_GROUP, "Id", cs_provider_get_id (self));
  for (guint i = 0; i < CS_PROVIDER_N_FIELDS; i++)
    if (cs_provider_get_field (self, i) != NULL)
      g_key_file_set_string (keyfile, PROVIDER_GROUP, field_keys[i].key,
                             cs_provider_get_field (self, i));
  g_key_file_set_string (keyfile, PROVIDER_GROUP, "SignatureMethod",
                         cs_signature_method_to_string (cs_provider_get_signature_method (self)));
  g_key_file_set_boolean (keyfile, PROVIDER_GROUP, "SupportsAccessType",
                          cs_provider_get_supports_access_type (self));
  g_key_file_set_boolean (keyfile, PROVIDER_GROUP, "SupportsForceLogin",
                          cs_provider_get_supports_force_login (self));
  if (cs_provider_get_callback_port (self) != 0)
    g_key_file_set_integer (keyfile, PROVIDER_GROUP, "CallbackPort",
                            cs_provider_get_callback_port (self));
  if (cs_provider_get_oauth2_own_callback_port (self) != 0)
    g_key_file_set_integer (keyfile, PROVIDER_GROUP, "OAuth2CallbackPort",
                            cs_provider_get_oauth2_own_callback_port (self));
  if (cs_provider_get_oauth2_scopes (self)[0] != NULL)
    g_key_file_set_string_list (keyfile, PROVIDER_GROUP, "OAuth2Scopes",
                                cs_provider_get_oauth2_scopes (self),
                                g_strv_length ((char **) cs_provider_get_oauth2_scopes (self)));
  if (cs_provider_get_oauth2_default_scopes (self)[0] != NULL)
    g_key_file_set_string_list (keyfile, PROVIDER_GROUP, "OAuth2DefaultScopes",
                                cs_provider_get_oauth2_default_scopes (self),
                                g_strv_length ((char **)
                                               cs_provider_get_oauth2_default_scopes (self)));
  if (cs_provider_get_base_url_example (self) != NULL)
    g_key_file_set_string (keyfile, PROVIDER_GROUP, "BaseURLExample",
                           cs_provider_get_base_url_example (self));
  if (cs_provider_get_end_of_life (self) != NULL)
    g_key_file_set_string (keyfile, PROVIDER_GROUP, "EndOfLife",
                           cs_provider_get_end_of_life (self));
  if (cs_provider_get_end_of_life_url (self) != NULL)
    g_key_file_set_string (keyfile, PROVIDER_GROUP, "EndOfLifeURL",
                           cs_provider_get_end_of_life_url (self));
  return g_key_file_to_data (keyfile, length, NULL);
}
