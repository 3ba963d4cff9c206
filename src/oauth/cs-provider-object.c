/* cs-provider-object.c — CsProvider, an OAuth 1.0a and/or OAuth 2.0 provider: its endpoints
 * and capabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-percent.h"
#include "cs-provider-object-private.h"

#define N_FIELDS CS_PROVIDER_N_FIELDS

static const char *const field_properties[N_FIELDS] = {
  [CS_PROVIDER_FIELD_NAME] = "name",
  [CS_PROVIDER_FIELD_REQUEST_TOKEN_URL] = "request-token-url",
  [CS_PROVIDER_FIELD_AUTHORIZE_URL] = "authorize-url",
  [CS_PROVIDER_FIELD_AUTHENTICATE_URL] = "authenticate-url",
  [CS_PROVIDER_FIELD_ACCESS_TOKEN_URL] = "access-token-url",
  [CS_PROVIDER_FIELD_VERIFY_URL] = "verify-url",
  [CS_PROVIDER_FIELD_DEVELOPER_URL] = "developer-url",
  [CS_PROVIDER_FIELD_OAUTH2_AUTHORIZE_URL] = "oauth2-authorize-url",
  [CS_PROVIDER_FIELD_OAUTH2_TOKEN_URL] = "oauth2-token-url",
  [CS_PROVIDER_FIELD_OAUTH2_REVOKE_URL] = "oauth2-revoke-url",
  [CS_PROVIDER_FIELD_OAUTH2_CLIENT_CREDENTIALS_URL] = "oauth2-client-credentials-url",
  [CS_PROVIDER_FIELD_OAUTH2_INVALIDATE_URL] = "oauth2-invalidate-url",
  [CS_PROVIDER_FIELD_OAUTH2_EXCHANGE_URL] = "oauth2-exchange-url",
};

struct _CsProvider
{
  GObject            parent_instance;

  char              *id;
  char              *fields[N_FIELDS];
  char              *demo_consumer_key;
  char              *demo_consumer_secret;
  CsSignatureMethod  signature_method;
  gboolean           supports_access_type;
  gboolean           supports_force_login;
  gboolean           is_custom;
  guint              callback_port;
  guint              oauth2_callback_port;
  GStrv              oauth2_scopes;
  GStrv              oauth2_default_scopes;
  char              *demo_client_id;
  char              *demo_client_secret;
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
  g_strfreev (self->oauth2_scopes);
  g_strfreev (self->oauth2_default_scopes);
  g_free (self->demo_client_id);
  cs_secret_free (self->demo_client_secret);

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

void
cs_provider_set_field (CsProvider      *self,
                       CsProviderField  field,
                       const char      *value)
{
  g_assert (CS_IS_PROVIDER (self));
  g_assert (field < N_FIELDS);

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
      cs_provider_set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value));
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
      cs_provider_set_supports_force_login (self, g_value_get_boolean (value));
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
      g_param_spec_string (field_properties[i], NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNATURE_METHOD] =
    g_param_spec_uint ("signature-method", NULL, NULL,
                       CS_SIGNATURE_METHOD_HMAC_SHA1, CS_SIGNATURE_METHOD_LAST,
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
  self->oauth2_scopes = g_new0 (char *, 1);
  self->oauth2_default_scopes = g_new0 (char *, 1);
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

FIELD_GETTER (cs_provider_get_name, CS_PROVIDER_FIELD_NAME)
FIELD_GETTER (cs_provider_get_request_token_url, CS_PROVIDER_FIELD_REQUEST_TOKEN_URL)
FIELD_GETTER (cs_provider_get_authorize_url, CS_PROVIDER_FIELD_AUTHORIZE_URL)
FIELD_GETTER (cs_provider_get_authenticate_url, CS_PROVIDER_FIELD_AUTHENTICATE_URL)
FIELD_GETTER (cs_provider_get_access_token_url, CS_PROVIDER_FIELD_ACCESS_TOKEN_URL)
FIELD_GETTER (cs_provider_get_verify_url, CS_PROVIDER_FIELD_VERIFY_URL)
FIELD_GETTER (cs_provider_get_developer_url, CS_PROVIDER_FIELD_DEVELOPER_URL)
FIELD_GETTER (cs_provider_get_oauth2_authorize_url, CS_PROVIDER_FIELD_OAUTH2_AUTHORIZE_URL)
FIELD_GETTER (cs_provider_get_oauth2_token_url, CS_PROVIDER_FIELD_OAUTH2_TOKEN_URL)
FIELD_GETTER (cs_provider_get_oauth2_revoke_url, CS_PROVIDER_FIELD_OAUTH2_REVOKE_URL)
FIELD_GETTER (cs_provider_get_oauth2_invalidate_url, CS_PROVIDER_FIELD_OAUTH2_INVALIDATE_URL)
FIELD_GETTER (cs_provider_get_oauth2_exchange_url, CS_PROVIDER_FIELD_OAUTH2_EXCHANGE_URL)

#define FIELD_SETTER(func, field)                         \
  void                                                    \
  func (CsProvider *self,                                 \
        const char *value)                                \
  {                                                       \
    g_return_if_fail (CS_IS_PROVIDER (self));             \
    cs_provider_set_field (self, field, value);           \
  }

FIELD_SETTER (cs_provider_set_name, CS_PROVIDER_FIELD_NAME)
FIELD_SETTER (cs_provider_set_request_token_url, CS_PROVIDER_FIELD_REQUEST_TOKEN_URL)
FIELD_SETTER (cs_provider_set_authorize_url, CS_PROVIDER_FIELD_AUTHORIZE_URL)
FIELD_SETTER (cs_provider_set_authenticate_url, CS_PROVIDER_FIELD_AUTHENTICATE_URL)
FIELD_SETTER (cs_provider_set_access_token_url, CS_PROVIDER_FIELD_ACCESS_TOKEN_URL)
FIELD_SETTER (cs_provider_set_verify_url, CS_PROVIDER_FIELD_VERIFY_URL)
FIELD_SETTER (cs_provider_set_developer_url, CS_PROVIDER_FIELD_DEVELOPER_URL)
FIELD_SETTER (cs_provider_set_oauth2_authorize_url, CS_PROVIDER_FIELD_OAUTH2_AUTHORIZE_URL)
FIELD_SETTER (cs_provider_set_oauth2_token_url, CS_PROVIDER_FIELD_OAUTH2_TOKEN_URL)
FIELD_SETTER (cs_provider_set_oauth2_revoke_url, CS_PROVIDER_FIELD_OAUTH2_REVOKE_URL)
FIELD_SETTER (cs_provider_set_oauth2_client_credentials_url,
              CS_PROVIDER_FIELD_OAUTH2_CLIENT_CREDENTIALS_URL)
FIELD_SETTER (cs_provider_set_oauth2_invalidate_url, CS_PROVIDER_FIELD_OAUTH2_INVALIDATE_URL)
FIELD_SETTER (cs_provider_set_oauth2_exchange_url, CS_PROVIDER_FIELD_OAUTH2_EXCHANGE_URL)

/* OAuth 2.0 */

CsProtocols
cs_provider_get_protocols (CsProvider *self)
{
  CsProtocols protocols = 0;

  g_return_val_if_fail (CS_IS_PROVIDER (self), 0);
  if (self->fields[CS_PROVIDER_FIELD_REQUEST_TOKEN_URL] != NULL)
    protocols |= CS_PROTOCOL_OAUTH1;
  if (self->fields[CS_PROVIDER_FIELD_OAUTH2_TOKEN_URL] != NULL)
    protocols |= CS_PROTOCOL_OAUTH2;
  return protocols;
}

const char *
cs_provider_get_oauth2_client_credentials_url (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  if (self->fields[CS_PROVIDER_FIELD_OAUTH2_CLIENT_CREDENTIALS_URL] != NULL)
    return self->fields[CS_PROVIDER_FIELD_OAUTH2_CLIENT_CREDENTIALS_URL];
  return self->fields[CS_PROVIDER_FIELD_OAUTH2_TOKEN_URL];
}

const char * const *
cs_provider_get_oauth2_scopes (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return (const char * const *) self->oauth2_scopes;
}

const char * const *
cs_provider_get_oauth2_default_scopes (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return (const char * const *) self->oauth2_default_scopes;
}

static void
replace_strv (GStrv              *slot,
              const char * const *scopes)
{
  g_strfreev (*slot);
  *slot = scopes != NULL ? g_strdupv ((char **) scopes) : g_new0 (char *, 1);
}

void
cs_provider_set_oauth2_scopes (CsProvider         *self,
                               const char * const *scopes)
{
  g_return_if_fail (CS_IS_PROVIDER (self));
  replace_strv (&self->oauth2_scopes, scopes);
}

void
cs_provider_set_oauth2_default_scopes (CsProvider         *self,
                                       const char * const *scopes)
{
  g_return_if_fail (CS_IS_PROVIDER (self));
  replace_strv (&self->oauth2_default_scopes, scopes);
}

guint
cs_provider_get_oauth2_callback_port (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), 0);
  return self->oauth2_callback_port != 0 ? self->oauth2_callback_port : self->callback_port;
}

guint
cs_provider_get_oauth2_own_callback_port (CsProvider *self)
{
  g_assert (CS_IS_PROVIDER (self));
  return self->oauth2_callback_port;
}

void
cs_provider_set_oauth2_callback_port (CsProvider *self,
                                      guint       port)
{
  g_return_if_fail (CS_IS_PROVIDER (self));
  g_return_if_fail (port <= G_MAXUINT16);
  self->oauth2_callback_port = port;
}

const char *
cs_provider_get_demo_client_id (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return self->demo_client_id;
}

const char *
cs_provider_get_demo_client_secret (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return self->demo_client_secret;
}

void
cs_provider_take_demo_client (CsProvider *self,
                              char       *client_id,
                              char       *client_secret)
{
  g_assert (CS_IS_PROVIDER (self));

  g_free (self->demo_client_id);
  self->demo_client_id = client_id;
  cs_secret_free (self->demo_client_secret);
  self->demo_client_secret = client_secret;
}

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

guint
cs_provider_get_callback_port (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), 0);
  return self->callback_port;
}

void
cs_provider_set_callback_port (CsProvider *self,
                               guint       port)
{
  g_return_if_fail (CS_IS_PROVIDER (self));
  g_return_if_fail (port <= G_MAXUINT16);
  self->callback_port = port;
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
  g_return_if_fail (method <= CS_SIGNATURE_METHOD_LAST);

  if (self->signature_method == method)
    return;
  self->signature_method = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURE_METHOD]);
}

/* Returns whether *@flag changed; then @prop_id has been notified. */
static gboolean
set_flag (CsProvider *self,
          gboolean   *flag,
          gboolean    value,
          guint       prop_id)
{
  value = !!value;
  if (*flag == value)
    return FALSE;
  *flag = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

void
cs_provider_set_supports_access_type (CsProvider *self,
                                      gboolean    supported)
{
  g_return_if_fail (CS_IS_PROVIDER (self));

  set_flag (self, &self->supports_access_type, supported, PROP_SUPPORTS_ACCESS_TYPE);
}

void
cs_provider_set_is_custom (CsProvider *self,
                           gboolean    custom)
{
  g_return_if_fail (CS_IS_PROVIDER (self));

  if (set_flag (self, &self->is_custom, custom, PROP_IS_CUSTOM))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEMO]);
}

/* For the keyfile and file code (cs-provider-object-private.h) */

void
cs_provider_set_supports_force_login (CsProvider *self,
                                      gboolean    supported)
{
  g_assert (CS_IS_PROVIDER (self));

  set_flag (self, &self->supports_force_login, supported, PROP_SUPPORTS_FORCE_LOGIN);
}

const char *
cs_provider_get_field (CsProvider      *self,
                       CsProviderField  field)
{
  g_assert (CS_IS_PROVIDER (self));
  g_assert (field < N_FIELDS);

  return self->fields[field];
}

void
cs_provider_take_demo_credentials (CsProvider *self,
                                   char       *consumer_key,
                                   char       *consumer_secret)
{
  g_assert (CS_IS_PROVIDER (self));

  g_free (self->demo_consumer_key);
  self->demo_consumer_key = consumer_key;
  cs_secret_free (self->demo_consumer_secret);
  self->demo_consumer_secret = consumer_secret;
}

/* Lists */

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

      if (g_strcmp0 (cs_provider_get_id (provider), id) == 0)
        return provider;
    }
  return NULL;
}
