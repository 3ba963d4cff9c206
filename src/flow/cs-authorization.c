/* cs-authorization.c — one OAuth 1.0a authorization, from consumer credentials to the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object, its settings and its getters; the steps are in cs-authorization-steps.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-authorization-private.h"
#include "cs-percent.h"

G_DEFINE_ENUM_TYPE (CsAuthorizationCallback, cs_authorization_callback,
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_CALLBACK_OOB, "oob"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_CALLBACK_LOOPBACK, "loopback"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_CALLBACK_URL, "url"))
G_DEFINE_ENUM_TYPE (CsAuthorizationStep, cs_authorization_step,
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STEP_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STEP_REQUEST_TOKEN, "request-token"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STEP_AUTHORIZE, "authorize"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STEP_ACCESS_TOKEN, "access-token"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STEP_SAVE, "save"))
G_DEFINE_ENUM_TYPE (CsAuthorizationState, cs_authorization_state,
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STATE_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STATE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (CS_AUTHORIZATION_STATE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (CsAuthorization, cs_authorization, G_TYPE_OBJECT)

GParamSpec *cs_authorization_properties[N_PROPS];
guint cs_authorization_signals[N_SIGNALS];

/* ------------------------------------------------------------------ settings and getters */

void
cs_authorization_set_callback (CsAuthorization         *self,
                               CsAuthorizationCallback  callback,
                               const char              *url)
{
  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (callback != CS_AUTHORIZATION_CALLBACK_URL || url != NULL);

  self->callback = callback;
  g_free (self->custom_url);
  self->custom_url = callback == CS_AUTHORIZATION_CALLBACK_URL ? g_strdup (url) : NULL;
}

void
cs_authorization_set_callback_port (CsAuthorization *self,
                                    guint            port)
{
  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (port <= G_MAXUINT16);

  self->callback_port = port;
}

void
cs_authorization_set_access_type (CsAuthorization *self,
                                  const char      *access_type)
{
  g_return_if_fail (CS_IS_AUTHORIZATION (self));

  g_free (self->access_type);
  self->access_type = g_strdup (access_type);
}

void
cs_authorization_set_callback_timeout (CsAuthorization *self,
                                       guint            seconds)
{
  g_return_if_fail (CS_IS_AUTHORIZATION (self));

  self->callback_timeout = seconds;
}

void
cs_authorization_set_store (CsAuthorization *self,
                            CsTokenStore    *store,
                            gboolean         with_consumer_secret)
{
  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (store == NULL || CS_IS_TOKEN_STORE (store));

  g_set_object (&self->store, store);
  self->with_consumer_secret = with_consumer_secret;
}

void
cs_authorization_set_provider (CsAuthorization *self,
                               CsProvider      *provider)
{
  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));

  if (g_set_object (&self->provider, provider))
    g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_PROVIDER]);
}

CsAuthorizationStep
cs_authorization_get_step (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), CS_AUTHORIZATION_STEP_NONE);

  return self->step;
}

CsAuthorizationState
cs_authorization_get_state (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), CS_AUTHORIZATION_STATE_IDLE);

  return self->state;
}

gboolean
cs_authorization_get_busy (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), FALSE);

  return self->state == CS_AUTHORIZATION_STATE_RUNNING ||
         self->state == CS_AUTHORIZATION_STATE_WAITING;
}

CsProvider *
cs_authorization_get_provider (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  return self->provider;
}

const CsConsumer *
cs_authorization_get_consumer (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  return &self->consumer;
}

CsAuthorizationCallback
cs_authorization_get_callback (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), CS_AUTHORIZATION_CALLBACK_OOB);

  return self->callback;
}

const char *
cs_authorization_get_callback_url (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  return self->callback_url;
}

CsCredentials *
cs_authorization_get_request_token (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  return self->request_token;
}

const char *
cs_authorization_get_authorize_url (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  return self->authorize_url;
}

CsCredentials *
cs_authorization_get_access_token (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  return self->access_token;
}

const char *
cs_authorization_get_account (CsAuthorization *self)
{
  const char *account;

  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  if (self->access_token == NULL)
    return NULL;
  if (self->learned_account != NULL)
    return self->learned_account;
  account = cs_credentials_get_screen_name (self->access_token);
  return account != NULL ? account : cs_credentials_get_user_id (self->access_token);
}

gboolean
cs_authorization_get_request_token_spent (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), FALSE);

  return self->request_token != NULL && self->request_token_spent;
}

const char *
cs_authorization_get_saved_id (CsAuthorization *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  return self->saved_id;
}

/* ------------------------------------------------------------------ GObject */

CsAuthorization *
cs_authorization_new (CsOAuthClient    *client,
                      CsProvider       *provider,
                      const CsConsumer *consumer)
{
  CsAuthorization *self;

  g_return_val_if_fail (CS_IS_OAUTH_CLIENT (client), NULL);
  g_return_val_if_fail (CS_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (consumer != NULL && consumer->key != NULL, NULL);

  self = g_object_new (CS_TYPE_AUTHORIZATION, "provider", provider, NULL);
  self->client = g_object_ref (client);
  self->consumer.key = g_strdup (consumer->key);
  self->consumer.secret = g_strdup (consumer->secret != NULL ? consumer->secret : "");
  self->consumer.private_key_pem = g_strdup (consumer->private_key_pem);
  return self;
}

static void
cs_authorization_dispose (GObject *object)
{
  CsAuthorization *self = CS_AUTHORIZATION (object);

  /* A run waiting for the verifier holds a reference: it cannot be waiting here. */
  cs_authorization_stop_verifier_wait (self);
  g_clear_object (&self->server);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->provider);

  G_OBJECT_CLASS (cs_authorization_parent_class)->dispose (object);
}

static void
cs_authorization_finalize (GObject *object)
{
  CsAuthorization *self = CS_AUTHORIZATION (object);

  cs_authorization_drop_tokens (self);
  g_free ((char *) self->consumer.key);
  cs_secret_free ((char *) self->consumer.secret);
  cs_secret_free ((char *) self->consumer.private_key_pem);
  g_free (self->custom_url);
  g_free (self->access_type);

  G_OBJECT_CLASS (cs_authorization_parent_class)->finalize (object);
}

static void
cs_authorization_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsAuthorization *self = CS_AUTHORIZATION (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_REQUEST_TOKEN:
      g_value_set_boxed (value, self->request_token);
      break;
    case PROP_AUTHORIZE_URL:
      g_value_set_string (value, self->authorize_url);
      break;
    case PROP_ACCESS_TOKEN:
      g_value_set_boxed (value, self->access_token);
      break;
    case PROP_SAVED_ID:
      g_value_set_string (value, self->saved_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_authorization_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CsAuthorization *self = CS_AUTHORIZATION (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      cs_authorization_set_provider (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_authorization_class_init (CsAuthorizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cs_authorization_dispose;
  object_class->finalize = cs_authorization_finalize;
  object_class->get_property = cs_authorization_get_property;
  object_class->set_property = cs_authorization_set_property;

  cs_authorization_properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, CS_TYPE_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  cs_authorization_properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL, CS_TYPE_AUTHORIZATION_STEP,
                       CS_AUTHORIZATION_STEP_NONE, ro);
  cs_authorization_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CS_TYPE_AUTHORIZATION_STATE,
                       CS_AUTHORIZATION_STATE_IDLE, ro);
  cs_authorization_properties[PROP_REQUEST_TOKEN] =
    g_param_spec_boxed ("request-token", NULL, NULL, CS_TYPE_CREDENTIALS, ro);
  cs_authorization_properties[PROP_AUTHORIZE_URL] =
    g_param_spec_string ("authorize-url", NULL, NULL, NULL, ro);
  cs_authorization_properties[PROP_ACCESS_TOKEN] =
    g_param_spec_boxed ("access-token", NULL, NULL, CS_TYPE_CREDENTIALS, ro);
  cs_authorization_properties[PROP_SAVED_ID] =
    g_param_spec_string ("saved-id", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, cs_authorization_properties);

  /**
   * CsAuthorization::authorize-url-ready:
   * @url: the authorize URL, the request token in it
   *
   * The request token step succeeded: the user can open @url now.
   */
  cs_authorization_signals[AUTHORIZE_URL_READY] =
    g_signal_new ("authorize-url-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CsAuthorization::need-verifier:
   *
   * A run waits for cs_authorization_submit_verifier() or cs_authorization_fail_verifier().
   */
  cs_authorization_signals[NEED_VERIFIER] =
    g_signal_new ("need-verifier", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_authorization_init (CsAuthorization *self)
{
  self->callback = CS_AUTHORIZATION_CALLBACK_OOB;
  self->callback_timeout = CS_AUTHORIZATION_CALLBACK_TIMEOUT_SECONDS;
}
