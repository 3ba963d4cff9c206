/* cs-provider.c — an OAuth 1.0a provider: its endpoints and capabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-oauth-resources.h"
#include "cs-percent.h"
#include "cs-provider.h"

#define PROVIDER_GROUP   "Provider"
#define PRESETS_PATH     "/io/github/countersign/Countersign/providers/"
#define MAX_KEYFILE_SIZE (64 * 1024)
#define MAX_ID_LENGTH    64

/* The string fields, in the order of their properties and keyfile keys. */
typedef enum
{
  FIELD_NAME,
  FIELD_REQUEST_TOKEN_URL,
  FIELD_AUTHORIZE_URL,
  FIELD_AUTHENTICATE_URL,
  FIELD_ACCESS_TOKEN_URL,
  FIELD_VERIFY_URL,
  FIELD_DEVELOPER_URL,
  N_FIELDS
} Field;

typedef struct
{
  const char *key;      /* in the keyfile */
  const char *property;
  gboolean    required;
  gboolean    is_url;
} FieldInfo;

static const FieldInfo fields[N_FIELDS] = {
  [FIELD_NAME] = { "Name", "name", TRUE, FALSE },
  [FIELD_REQUEST_TOKEN_URL] = { "RequestTokenURL", "request-token-url", TRUE, TRUE },
  [FIELD_AUTHORIZE_URL] = { "AuthorizeURL", "authorize-url", TRUE, TRUE },
  [FIELD_AUTHENTICATE_URL] = { "AuthenticateURL", "authenticate-url", FALSE, TRUE },
  [FIELD_ACCESS_TOKEN_URL] = { "AccessTokenURL", "access-token-url", TRUE, TRUE },
  [FIELD_VERIFY_URL] = { "VerifyCredentialsURL", "verify-url", FALSE, TRUE },
  [FIELD_DEVELOPER_URL] = { "DeveloperURL", "developer-url", FALSE, TRUE },
};

struct _CsProvider
{
  GObject            parent_instance;

  char              *id;
  char              *fields[N_FIELDS];
  char              *demo_consumer_key;
  char              *demo_consumer_secret;
  CsSignatureMethod  signature_method;
  guint              supports_access_type : 1;
  guint              supports_force_login : 1;
  guint              is_custom : 1;
};

G_DEFINE_FINAL_TYPE (CsProvider, cs_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_FIELD,
  PROP_LAST_FIELD = PROP_FIRST_FIELD + N_FIELDS - 1,
  PROP_SIGNATURE_METHOD,
  PROP_SUPPORTS_ACCESS_TYPE,
  PROP_SUPPORTS_FORCE_LOGIN,
  PROP_IS_CUSTOM,
  PROP_IS_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cs_provider_finalize (GObject *object)
{
  CsProvider *self = (CsProvider *) object;

  g_free (self->id);
  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->demo_consumer_key);
  cs_secret_free (self->demo_consumer_secret);

  G_OBJECT_CLASS (cs_provider_parent_class)->finalize (object);
}

static void
cs_provider_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsProvider *self = CS_PROVIDER (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id <= PROP_LAST_FIELD)
    {
      g_value_set_string (value, self->fields[prop_id - PROP_FIRST_FIELD]);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_SIGNATURE_METHOD:
      g_value_set_uint (value, self->signature_method);
      break;
    case PROP_SUPPORTS_ACCESS_TYPE:
      g_value_set_boolean (value, self->supports_access_type);
      break;
    case PROP_SUPPORTS_FORCE_LOGIN:
      g_value_set_boolean (value, self->supports_force_login);
      break;
    case PROP_IS_CUSTOM:
      g_value_set_boolean (value, self->is_custom);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, cs_provider_get_is_demo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_field (CsProvider *self,
           Field       field,
           const char *value)
{
  if (g_strcmp0 (self->fields[field], value) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + field]);
}

static void
cs_provider_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CsProvider *self = CS_PROVIDER (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id <= PROP_LAST_FIELD)
    {
      set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_SIGNATURE_METHOD:
      cs_provider_set_signature_method (self, g_value_get_uint (value));
      break;
    case PROP_SUPPORTS_ACCESS_TYPE:
      cs_provider_set_supports_access_type (self, g_value_get_boolean (value));
      break;
    case PROP_SUPPORTS_FORCE_LOGIN:
      self->supports_force_login = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_IS_CUSTOM:
      cs_provider_set_is_custom (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_provider_class_init (CsProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_provider_finalize;
  object_class->get_property = cs_provider_get_property;
  object_class->set_property = cs_provider_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_FIELDS; i++)
    properties[PROP_FIRST_FIELD + i] =
      g_param_spec_string (fields[i].property, NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNATURE_METHOD] =
    g_param_spec_uint ("signature-method", NULL, NULL,
                       CS_SIGNATURE_METHOD_HMAC_SHA1, CS_SIGNATURE_METHOD_RSA_SHA1,
                       CS_SIGNATURE_METHOD_HMAC_SHA1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUPPORTS_ACCESS_TYPE] =
    g_param_spec_boolean ("supports-access-type", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUPPORTS_FORCE_LOGIN] =
    g_param_spec_boolean ("supports-force-login", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_CUSTOM] =
    g_param_spec_boolean ("is-custom", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_provider_init (CsProvider *self)
{
  self->signature_method = CS_SIGNATURE_METHOD_HMAC_SHA1;
}

CsProvider *
cs_provider_new (const char *id,
                 const char *name)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (CS_TYPE_PROVIDER, "id", id, "name", name, NULL);
}

/* Getters */

const char *
cs_provider_get_id (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return self->id;
}

#define FIELD_GETTER(func, field)                         \
  const char *                                            \
  func (CsProvider *self)                                 \
  {                                                       \
    g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);   \
    return self->fields[field];                           \
  }

FIELD_GETTER (cs_provider_get_name, FIELD_NAME)
FIELD_GETTER (cs_provider_get_request_token_url, FIELD_REQUEST_TOKEN_URL)
FIELD_GETTER (cs_provider_get_authorize_url, FIELD_AUTHORIZE_URL)
FIELD_GETTER (cs_provider_get_authenticate_url, FIELD_AUTHENTICATE_URL)
FIELD_GETTER (cs_provider_get_access_token_url, FIELD_ACCESS_TOKEN_URL)
FIELD_GETTER (cs_provider_get_verify_url, FIELD_VERIFY_URL)
FIELD_GETTER (cs_provider_get_developer_url, FIELD_DEVELOPER_URL)

#define FIELD_SETTER(func, field)                         \
  void                                                    \
  func (CsProvider *self,                                 \
        const char *value)                                \
  {                                                       \
    g_return_if_fail (CS_IS_PROVIDER (self));             \
    set_field (self, field, value);                       \
  }

FIELD_SETTER (cs_provider_set_name, FIELD_NAME)
FIELD_SETTER (cs_provider_set_request_token_url, FIELD_REQUEST_TOKEN_URL)
FIELD_SETTER (cs_provider_set_authorize_url, FIELD_AUTHORIZE_URL)
FIELD_SETTER (cs_provider_set_authenticate_url, FIELD_AUTHENTICATE_URL)
FIELD_SETTER (cs_provider_set_access_token_url, FIELD_ACCESS_TOKEN_URL)
FIELD_SETTER (cs_provider_set_verify_url, FIELD_VERIFY_URL)
FIELD_SETTER (cs_provider_set_developer_url, FIELD_DEVELOPER_URL)

CsSignatureMethod
cs_provider_get_signature_method (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), CS_SIGNATURE_METHOD_HMAC_SHA1);
  return self->signature_method;
}

gboolean
cs_provider_get_supports_access_type (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), FALSE);
  return self->supports_access_type;
}

gboolean
cs_provider_get_supports_force_login (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), FALSE);
  return self->supports_force_login;
}

const char *
cs_provider_get_demo_consumer_key (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return self->demo_consumer_key;
}

const char *
cs_provider_get_demo_consumer_secret (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return self->demo_consumer_secret;
}

gboolean
cs_provider_get_is_custom (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), FALSE);
  return self->is_custom;
}

gboolean
cs_provider_get_is_demo (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), FALSE);
  return !self->is_custom && g_strcmp0 (self->id, "demo") == 0;
}

void
cs_provider_set_signature_method (CsProvider        *self,
                                  CsSignatureMethod  method)
{
  g_return_if_fail (CS_IS_PROVIDER (self));
  g_return_if_fail (method <= CS_SIGNATURE_METHOD_RSA_SHA1);

  if (self->signature_method == method)
    return;
  self->signature_method = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURE_METHOD]);
}

void
cs_provider_set_supports_access_type (CsProvider *self,
                                      gboolean    supported)
{
  g_return_if_fail (CS_IS_PROVIDER (self));

  supported = !!supported;
  if (self->supports_access_type == (guint) supported)
    return;
  self->supports_access_type = supported;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUPPORTS_ACCESS_TYPE]);
}

void
cs_provider_set_is_custom (CsProvider *self,
                           gboolean    custom)
{
  g_return_if_fail (CS_IS_PROVIDER (self));

  custom = !!custom;
  if (self->is_custom == (guint) custom)
    return;
  self->is_custom = custom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_CUSTOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEMO]);
}

/* Keyfiles */

/* Where each key of the [Provider] group is, for messages that name the line. */
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

G_GNUC_PRINTF (4, 5)
static void
set_file_error (GError    **error,
                const char *source,
                guint       line,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE,
                 "%s:%u: %s", source, line, message);
  else
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE,
                 "%s: %s", source, message);
}

static guint
keyfile_map_line (const KeyfileMap *map,
                  const char       *key)
{
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (map->key_lines, key));

  return line != 0 ? line : map->group_line;
}

/* GKeyFile does not say where a problem is, so check the syntax line by line first. */
static gboolean
keyfile_scan (const char *data,
              gsize       length,
              KeyfileMap *map,
              GError    **error)
{
  const char *p = data;
  const char *end = data + length;
  const char *group = NULL;
  gsize group_len = 0;
  guint line = 0;

  map->key_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      const char *s = p;
      const char *e = line_end;

      line++;
      if (!g_utf8_validate (p, line_end - p, NULL))
        {
          set_file_error (error, map->source, line,
                          _("The line is not valid UTF-8 text"));
          return FALSE;
        }
      while (s < e && (*s == ' ' || *s == '\t'))
        s++;
      while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;

      if (s == e || *s == '#')
        ;
      else if (*s == '[')
        {
          if (e[-1] != ']' || e - s < 3 || memchr (s + 1, ']', e - s - 2) != NULL ||
              memchr (s + 1, '[', e - s - 2) != NULL)
            {
              set_file_error (error, map->source, line,
                              _("A group header must look like “[Provider]”"));
              return FALSE;
            }
          group = s + 1;
          group_len = e - s - 2;
          if (group_len == strlen (PROVIDER_GROUP) &&
              memcmp (group, PROVIDER_GROUP, group_len) == 0 && map->group_line == 0)
            map->group_line = line;
        }
      else
        {
          const char *eq = memchr (s, '=', e - s);
          const char *key_end = eq;

          if (eq == NULL || eq == s)
            {
              set_file_error (error, map->source, line,
                              _("Expected “Key=value”, a “[Group]” header or a “#” comment"));
              return FALSE;
            }
          if (group == NULL)
            {
              set_file_error (error, map->source, line,
                              _("“Key=value” before the “[Provider]” group header"));
              return FALSE;
            }
          while (key_end > s && (key_end[-1] == ' ' || key_end[-1] == '\t'))
            key_end--;
          if (group_len == strlen (PROVIDER_GROUP) &&
              memcmp (group, PROVIDER_GROUP, group_len) == 0)
            g_hash_table_replace (map->key_lines, g_strndup (s, key_end - s),
                                  GUINT_TO_POINTER (line));
        }
      p = line_end + 1;
    }

  if (map->group_line == 0)
    {
      set_file_error (error, map->source, 0, _("There is no “[Provider]” group"));
      return FALSE;
    }
  return TRUE;
}

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
      set_file_error (error, map->source, keyfile_map_line (map, key),
                      _("The value of “%s” is malformed: %s"), key, local_error->message);
      return NULL;
    }
  if (value != NULL)
    g_strstrip (value);
  if (required && (value == NULL || *value == '\0'))
    {
      set_file_error (error, map->source, keyfile_map_line (map, key),
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
      set_file_error (error, map->source, keyfile_map_line (map, key),
                      _("The value of “%s” must be “true” or “false”"), key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
provider_load_keyfile (CsProvider       *self,
                       GKeyFile         *keyfile,
                       const KeyfileMap *map,
                       GError          **error)
{
  g_autofree char *method = NULL;
  gboolean flag;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = keyfile_get_string (keyfile, map, fields[i].key,
                                                   fields[i].required, error);

      if (value == NULL)
        return FALSE;
      if (fields[i].is_url && *value != '\0')
        {
          g_autoptr(GError) url_error = NULL;
          g_autofree char *uri = cs_base_string_uri (value, &url_error);

          if (uri == NULL)
            {
              set_file_error (error, map->source, keyfile_map_line (map, fields[i].key),
                              "%s: %s", fields[i].key, url_error->message);
              return FALSE;
            }
        }
      set_field (self, i, value);
    }

  method = keyfile_get_string (keyfile, map, "SignatureMethod", FALSE, error);
  if (method == NULL)
    return FALSE;
  if (*method != '\0')
    {
      CsSignatureMethod m;

      if (!cs_signature_method_from_string (method, &m))
        {
          set_file_error (error, map->source, keyfile_map_line (map, "SignatureMethod"),
                          _("Unknown signature method “%s”: use HMAC-SHA1, HMAC-SHA256, "
                            "PLAINTEXT or RSA-SHA1"), method);
          return FALSE;
        }
      self->signature_method = m;
    }

  if (!keyfile_get_bool (keyfile, map, "SupportsAccessType", &flag, error))
    return FALSE;
  self->supports_access_type = flag;
  if (!keyfile_get_bool (keyfile, map, "SupportsForceLogin", &flag, error))
    return FALSE;
  self->supports_force_login = flag;

  self->demo_consumer_key = g_key_file_get_string (keyfile, PROVIDER_GROUP, "ConsumerKey", NULL);
  self->demo_consumer_secret = g_key_file_get_string (keyfile, PROVIDER_GROUP, "ConsumerSecret",
                                                      NULL);
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

  if (length > MAX_KEYFILE_SIZE)
    {
      set_file_error (error, source, 0, _("The file is larger than 64 KiB"));
      return NULL;
    }
  if (!keyfile_scan (data, length, &map, error))
    return NULL;
  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, &local_error))
    {
      set_file_error (error, source, 0, "%s", local_error->message);
      return NULL;
    }

  id = keyfile_get_string (keyfile, &map, "Id", TRUE, error);
  if (id == NULL)
    return NULL;
  if (!is_valid_id (id))
    {
      set_file_error (error, source, keyfile_map_line (&map, "Id"),
                      _("The Id “%s” must be 1 to 64 letters, digits, “-”, “_” or “.”"), id);
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

  g_key_file_set_string (keyfile, PROVIDER_GROUP, "Id", self->id);
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->fields[i] != NULL)
      g_key_file_set_string (keyfile, PROVIDER_GROUP, fields[i].key, self->fields[i]);
  g_key_file_set_string (keyfile, PROVIDER_GROUP, "SignatureMethod",
                         cs_signature_method_to_string (self->signature_method));
  g_key_file_set_boolean (keyfile, PROVIDER_GROUP, "SupportsAccessType",
                          self->supports_access_type);
  g_key_file_set_boolean (keyfile, PROVIDER_GROUP, "SupportsForceLogin",
                          self->supports_force_login);
  return g_key_file_to_data (keyfile, length, NULL);
}

/* Presets */

static void
ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      cs_oauth_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static int
preset_rank (const char *id)
{
  if (g_strcmp0 (id, "demo") == 0)
    return 0;
  if (g_strcmp0 (id, "twitter") == 0)
    return 1;
  return 2;
}

static int
compare_presets (gconstpointer a,
                 gconstpointer b)
{
  CsProvider *pa = *(CsProvider **) a;
  CsProvider *pb = *(CsProvider **) b;
  int ra = preset_rank (pa->id);
  int rb = preset_rank (pb->id);

  if (ra != rb)
    return ra - rb;
  return g_utf8_collate (cs_provider_get_name (pa), cs_provider_get_name (pb));
}

/* Preset names that are words rather than brands, so that xgettext finds them; the names in
 * data/providers/ are looked up in the catalog as they are loaded. */
static const char *translatable_preset_names[] G_GNUC_UNUSED = {
  N_("Demo (local, no account needed)"),
};

/**
 * cs_provider_load_presets:
 *
 * Returns: (transfer full) (element-type CsProvider): the shipped presets, the demo provider
 * first, then Twitter/X, then the rest by name.
 */
GPtrArray *
cs_provider_load_presets (void)
{
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = NULL;

  ensure_resources ();
  names = g_resources_enumerate_children (PRESETS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (names != NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (PRESETS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      CsProvider *provider;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (names[i], ".provider"))
        continue;
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);
      provider = cs_provider_new_from_data (data, size, names[i], &error);
      /* The presets are tested; a broken one is a build defect, not a user's problem. */
      if (provider == NULL)
        g_error ("Broken preset: %s", error->message);
      {
        g_autofree char *name = g_strdup (cs_provider_get_name (provider));

        cs_provider_set_name (provider, _(name));
      }
      g_ptr_array_add (providers, provider);
    }

  g_ptr_array_sort (providers, compare_presets);
  return g_steal_pointer (&providers);
}

/* Returns: (transfer none) (nullable): the provider called @id in @providers. */
CsProvider *
cs_provider_list_lookup (GPtrArray  *providers,
                         const char *id)
{
  g_return_val_if_fail (providers != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < providers->len; i++)
    {
      CsProvider *provider = g_ptr_array_index (providers, i);

      if (g_strcmp0 (provider->id, id) == 0)
        return provider;
    }
  return NULL;
}

/* User providers */

typedef struct
{
  GPtrArray *providers;
  GStrv      warnings;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->providers, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_strfreev);
  g_free (result);
}

static char *
default_directory (void)
{
  return g_build_filename (g_get_user_config_dir (), "countersign", "providers", NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Returns the sorted *.provider names in @dir (a missing directory has none). */
static GPtrArray *
list_provider_files (GFile        *dir,
                     GCancellable *cancellable,
                     GStrvBuilder *warnings,
                     GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (enumerator == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *path = g_file_get_parse_name (dir);

          g_autofree char *line = g_strdup_printf (_("%s: cannot be read: %s"), path,
                                                   local_error->message);

          g_strv_builder_add (warnings, line);
        }
      return g_steal_pointer (&names);
    }

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_str_has_suffix (g_file_info_get_name (info), ".provider"))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

static CsProvider *
load_user_file (GFile        *file,
                GCancellable *cancellable,
                GError      **error)
{
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  CsProvider *provider;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > MAX_KEYFILE_SIZE)
    {
      set_file_error (error, display, 0, _("The file is larger than 64 KiB"));
      return NULL;
    }
  if (info == NULL ||
      !g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_file_error (error, display, 0, "%s", local_error->message);
      return NULL;
    }
  provider = cs_provider_new_from_data (data, length, display, error);
  if (provider != NULL)
    {
      /* Consumer credentials belong in the keyring, never in a user's file. */
      provider->is_custom = TRUE;
      g_clear_pointer (&provider->demo_consumer_key, g_free);
      g_clear_pointer (&provider->demo_consumer_secret, cs_secret_free);
    }
  return provider;
}

static void
load_user_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *directory = task_data;
  g_autoptr(GFile) dir = g_file_new_for_path (directory);
  g_autoptr(GStrvBuilder) warnings = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  LoadResult *result;

  names = list_provider_files (dir, cancellable, warnings, &error);
  if (names == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (LoadResult, 1);
  result->providers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, g_ptr_array_index (names, i));
      CsProvider *provider = load_user_file (file, cancellable, &error);

      if (provider == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              load_result_free (result);
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          g_strv_builder_add (warnings, error->message);
          g_clear_error (&error);
          continue;
        }
      if (cs_provider_list_lookup (result->providers, provider->id) != NULL)
        {
          g_autofree char *display = g_file_get_parse_name (file);
          g_autofree char *line = g_strdup_printf (_("%s: another file already defines the "
                                                     "provider “%s”; this one is skipped"),
                                                   display, provider->id);

          g_strv_builder_add (warnings, line);
          g_object_unref (provider);
          continue;
        }
      g_ptr_array_add (result->providers, provider);
    }
  result->warnings = g_strv_builder_end (warnings);
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/**
 * cs_provider_load_user_async:
 * @directory: (nullable): where the keyfiles are, or %NULL for the default
 *
 * Reads every `*.provider` file in @directory, in a worker thread.
 */
void
cs_provider_load_user_async (const char          *directory,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_load_user_async);
  g_task_set_task_data (task, directory ? g_strdup (directory) : default_directory (), g_free);
  g_task_run_in_thread (task, load_user_thread);
}

/**
 * cs_provider_load_user_finish:
 * @warnings: (out) (optional): one line per file that was skipped, naming file and line
 *
 * Returns: (transfer full) (element-type CsProvider): the providers, by file name; fails only
 * when cancelled.
 */
GPtrArray *
cs_provider_load_user_finish (GAsyncResult *result,
                              GStrv        *warnings,
                              GError      **error)
{
  LoadResult *load;
  GPtrArray *providers;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_provider_load_user_async,
                        NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;
  providers = g_steal_pointer (&load->providers);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&load->warnings);
  load_result_free (load);
  return providers;
}

typedef struct
{
  char  *directory;
  char  *file_name;
  char  *data;
  gsize  length;
} SaveData;

static void
save_data_free (SaveData *save)
{
  g_free (save->directory);
  g_free (save->file_name);
  g_free (save->data);
  g_free (save);
}

static void
save_user_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autofree char *path = g_build_filename (save->directory, save->file_name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (save->directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (save->directory);

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Cannot create the folder %s: %s"), display,
                               g_strerror (saved_errno));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!g_file_set_contents_full (path, save->data, save->length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * cs_provider_save_user_async:
 * @directory: (nullable): where to save, or %NULL for the default
 *
 * Writes `ID.provider` atomically, in a worker thread. The provider must have an Id made of
 * letters, digits, `-`, `_` and `.` and the required URLs.
 */
void
cs_provider_save_user_async (CsProvider          *self,
                             const char          *directory,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CsProvider) check = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *save;

  g_return_if_fail (CS_IS_PROVIDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_save_user_async);

  save = g_new0 (SaveData, 1);
  save->directory = directory ? g_strdup (directory) : default_directory ();
  save->file_name = g_strconcat (self->id, ".provider", NULL);
  save->data = cs_provider_to_data (self, &save->length);
  g_task_set_task_data (task, save, (GDestroyNotify) save_data_free);

  /* Save only what loads back. */
  check = cs_provider_new_from_data (save->data, save->length, save->file_name, &error);
  if (check == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, save_user_thread);
}

gboolean
cs_provider_save_user_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_provider_save_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
