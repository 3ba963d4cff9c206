/* cs-oauth2-authorization.c — one OAuth 2.0 authorization code flow, client → keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-callback-server.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-authorization.h"
#include "cs-oauth2-credential.h"
#include "cs-oauth2-redirect.h"
#include "cs-oauth2-request.h"
#include "cs-percent.h"
#include "cs-transport.h"

struct _CsOAuth2Authorization
{
  GObject               parent_instance;

  CsProvider           *provider;
  char                 *client_id;
  char                 *client_secret;
  char                 *scope;
  CsOAuth2RedirectKind  kind;
  guint                 port;
  char                 *url;
  CsTokenStore         *store;
  guint                 wait_timeout;
  CsTransport          *transport;
  CsOAuth2Client       *client;
  CsOAuth2Step          step;

  CsOAuth2Request      *request;
  CsCallbackServer     *server;
  CsOAuth2Token        *token;
  char                 *account;
};

G_DEFINE_FINAL_TYPE (CsOAuth2Authorization, cs_oauth2_authorization, G_TYPE_OBJECT)

static void
cs_oauth2_authorization_finalize (GObject *object)
{
  CsOAuth2Authorization *self = CS_OAUTH2_AUTHORIZATION (object);

  g_clear_object (&self->provider);
  g_free (self->client_id);
  g_clear_pointer (&self->client_secret, cs_secret_free);
  g_free (self->scope);
  g_free (self->url);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->transport);
  g_clear_object (&self->request);
  g_clear_object (&self->server);
  g_clear_pointer (&self->token, cs_oauth2_token_unref);
  g_free (self->account);

  G_OBJECT_CLASS (cs_oauth2_authorization_parent_class)->finalize (object);
}

static void
cs_oauth2_authorization_class_init (CsOAuth2AuthorizationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_oauth2_authorization_finalize;
}

static void
cs_oauth2_authorization_init (CsOAuth2Authorization *self)
{
  self->wait_timeout = CS_OAUTH2_AUTHORIZATION_WAIT_SECONDS;
  self->transport = cs_transport_new ();
}

CsOAuth2Authorization *
cs_oauth2_authorization_new (CsProvider *provider,
                             const char *client_id,
                             const char *client_secret,
                             const char *scope)
{
  CsOAuth2Authorization *self;

  g_return_val_if_fail (CS_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (CS_TYPE_OAUTH2_AUTHORIZATION, NULL);
  self->provider = g_object_ref (provider);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret != NULL && *client_secret != '\0'
                                    ? client_secret : NULL);
  self->scope = g_strdup (scope != NULL && *scope != '\0' ? scope : NULL);
  self->client = cs_oauth2_client_new (self->transport, client_id, self->client_secret);
  return self;
}

void
cs_oauth2_authorization_set_redirect (CsOAuth2Authorization *self,
                                      CsOAuth2RedirectKind   kind,
                                      guint                  port,
                                      const char            *url)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self));
  g_return_if_fail (kind != CS_OAUTH2_REDIRECT_URL || url != NULL);

  self->kind = kind;
  self->port = port;
  g_free (self->url);
  self->url = g_strdup (url);
}

void
cs_oauth2_authorization_set_store (CsOAuth2Authorization *self,
                                   CsTokenStore          *store)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self));

  g_set_object (&self->store, store);
}

void
cs_oauth2_authorization_set_timeout (CsOAuth2Authorization *self,
                                     guint                  seconds)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self));
  g_return_if_fail (seconds > 0);

  cs_transport_set_timeout (self->transport, seconds);
}

void
cs_oauth2_authorization_set_wait_timeout (CsOAuth2Authorization *self,
                                          guint                  seconds)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self));
  g_return_if_fail (seconds > 0);

  self->wait_timeout = seconds;
}

CsOAuth2Client *
cs_oauth2_authorization_get_client (CsOAuth2Authorization *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);

  return self->client;
}

CsOAuth2Step
cs_oauth2_authorization_get_step (CsOAuth2Authorization *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), CS_OAUTH2_STEP_AUTHORIZE);

  return self->step;
}

/* The redirect_uri for this run; starts the loopback server. */
static char *
make_redirect_uri (CsOAuth2Authorization *self,
                   GError               **error)
{
  switch (self->kind)
    {
    case CS_OAUTH2_REDIRECT_LOOPBACK:
      g_clear_object (&self->server);
      self->server = self->port != 0 ? cs_callback_server_new_on_port (self->port, error)
                                     : cs_callback_server_new (error);
      return self->server != NULL ? g_strdup (cs_callback_server_get_url (self->server)) : NULL;
    case CS_OAUTH2_REDIRECT_APP_LINK:
      return g_strdup (CS_CALLBACK_APP_URL);
    case CS_OAUTH2_REDIRECT_URL:
    default:
      return g_strdup (self->url);
    }
}

const char *
cs_oauth2_authorization_begin (CsOAuth2Authorization *self,
                               GError               **error)
{
  const char *authorize_url;
  g_autofree char *redirect_uri = NULL;

  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);

  g_clear_object (&self->request);
  g_clear_object (&self->server);
  g_clear_pointer (&self->token, cs_oauth2_token_unref);
  g_clear_pointer (&self->account, g_free);
  self->step = CS_OAUTH2_STEP_AUTHORIZE;

  authorize_url = cs_provider_get_oauth2_authorize_url (self->provider);
  if (authorize_url == NULL || *authorize_url == '\0' ||
      cs_provider_get_oauth2_token_url (self->provider) == NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("%s has no OAuth 2.0 authorize and token URLs"),
                   cs_provider_get_name (self->provider));
      return NULL;
    }
  if ((redirect_uri = make_redirect_uri (self, error)) == NULL)
    return NULL;
  self->request = cs_oauth2_request_new (authorize_url, self->client_id, redirect_uri,
                                         self->scope, error);
  if (self->request == NULL)
    {
      g_clear_object (&self->server);
      return NULL;
    }
  g_debug ("OAuth 2.0 authorization request for %s, redirect %s",
           cs_provider_get_id (self->provider), redirect_uri);
  return cs_oauth2_request_get_url (self->request);
}

const char *
cs_oauth2_authorization_get_authorize_url (CsOAuth2Authorization *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);

  return self->request != NULL ? cs_oauth2_request_get_url (self->request) : NULL;
}

const char *
cs_oauth2_authorization_get_redirect_uri (CsOAuth2Authorization *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);

  return self->request != NULL ? cs_oauth2_request_get_redirect_uri (self->request) : NULL;
}

static void
exchange_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsOAuth2Authorization *self = g_task_get_source_object (task);
  GError *error = NULL;
  CsOAuth2Token *token;

  token = cs_oauth2_client_token_finish (CS_OAUTH2_CLIENT (source), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&self->token, cs_oauth2_token_unref);
  self->token = cs_oauth2_token_ref (token);
  self->step = CS_OAUTH2_STEP_SAVE;
  g_debug ("OAuth 2.0 access token received from %s", cs_provider_get_id (self->provider));
  g_task_return_pointer (task, token, (GDestroyNotify) cs_oauth2_token_unref);
}

/* Checks the redirect (@query: an address or its query) and exchanges its code. */
static void
take_and_exchange (GTask      *task,
                   const char *query)
{
  CsOAuth2Authorization *self = g_task_get_source_object (task);
  GError *error = NULL;
  char *code;

  code = cs_oauth2_request_take_redirect (self->request, query, &error);
  if (code == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  self->step = CS_OAUTH2_STEP_TOKEN;
  g_debug ("Exchanging the authorization code at %s", cs_provider_get_id (self->provider));
  cs_oauth2_client_exchange_code_async (self->client,
                                        cs_provider_get_oauth2_token_url (self->provider),
                                        self->request, code, g_task_get_cancellable (task),
                                        exchange_cb, task);
  cs_secret_free (code);
}

static GTask *
new_task (CsOAuth2Authorization *self,
          GCancellable          *cancellable,
          GAsyncReadyCallback    callback,
          gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cs_oauth2_authorization_token_finish);
  if (self->request == NULL)
    {
      g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK, "%s",
                               _("No authorization was started"));
      g_object_unref (task);
      return NULL;
    }
  return task;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  char *query;

  query = cs_callback_server_wait_redirect_finish (CS_CALLBACK_SERVER (source), result, &error);
  if (query == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  take_and_exchange (task, query);
  cs_secret_free (query);
}

void
cs_oauth2_authorization_wait_async (CsOAuth2Authorization *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self));

  if ((task = new_task (self, cancellable, callback, user_data)) == NULL)
    return;
  if (self->server == NULL)
    {
      g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK, "%s",
                               _("This authorization does not use the loopback redirect"));
      g_object_unref (task);
      return;
    }
  g_debug ("Waiting for the browser at the loopback server (%u s)", self->wait_timeout);
  cs_callback_server_wait_redirect_async (self->server, cs_oauth2_request_get_state (self->request),
                                          self->wait_timeout, cancellable, wait_cb, task);
}

void
cs_oauth2_authorization_submit_redirect_async (CsOAuth2Authorization *self,
                                               const char            *address,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self));
  g_return_if_fail (address != NULL);

  if ((task = new_task (self, cancellable, callback, user_data)) == NULL)
    return;
  take_and_exchange (task, address);
}

CsOAuth2Token *
cs_oauth2_authorization_token_finish (CsOAuth2Authorization *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CsOAuth2Token *
cs_oauth2_authorization_get_token (CsOAuth2Authorization *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);

  return self->token;
}

const char *
cs_oauth2_authorization_get_account (CsOAuth2Authorization *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);

  return self->account;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoredToken *stored = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cs_token_store_save_finish (CS_TOKEN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (cs_stored_token_get_id (stored)), g_free);
}

static void
account_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  CsOAuth2Authorization *self = g_task_get_source_object (task);
  gboolean store_secret = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "cs-secret"));
  const char *token_url = cs_provider_get_oauth2_token_url (self->provider);
  g_autoptr(GError) error = NULL;
  g_autofree char *host = cs_oauth2_url_host (token_url);
  const char *scope = cs_oauth2_token_get_scope (self->token);
  CsStoredToken *stored;

  g_free (self->account);
  self->account = cs_oauth2_learn_account_finish (result, &error);
  if (error != NULL)
    g_debug ("The account is not known: %s", error->message);
  stored = cs_stored_token_new_oauth2 (cs_provider_get_id (self->provider),
                                       cs_provider_get_name (self->provider), host,
                                       self->client_id, self->account ? self->account : "",
                                       scope != NULL ? scope : (self->scope ? self->scope : ""),
                                       cs_oauth2_token_get_expires_at (self->token),
                                       cs_oauth2_token_get_access_token (self->token),
                                       cs_oauth2_token_get_refresh_token (self->token));
  g_task_set_task_data (task, stored, (GDestroyNotify) cs_stored_token_unref);
  cs_token_store_save_async (self->store, stored, store_secret ? self->client_secret : NULL,
                             g_task_get_cancellable (task), saved_cb, task);
}

void
cs_oauth2_authorization_save_async (CsOAuth2Authorization *self,
                                    gboolean               store_client_secret,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_oauth2_authorization_save_async);
  if (self->token == NULL || self->store == NULL)
    {
      g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT, "%s",
                               self->token == NULL ? _("There is no access token to save yet")
                                                   : _("No keyring to save in"));
      g_object_unref (task);
      return;
    }
  self->step = CS_OAUTH2_STEP_SAVE;
  g_object_set_data (G_OBJECT (task), "cs-secret", GINT_TO_POINTER (store_client_secret));
  cs_oauth2_learn_account_full_async (self->provider, self->transport,
                                      cs_oauth2_token_get_access_token (self->token),
                                      cancellable, account_cb, task);
}

char *
cs_oauth2_authorization_save_finish (CsOAuth2Authorization *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
cs_oauth2_authorization_owns_redirect (CsOAuth2Authorization *self,
                                       const char            *address)
{
  const char *query;
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *description = NULL;
  gboolean owns;

  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZATION (self), FALSE);

  if (self->request == NULL || address == NULL)
    return FALSE;
  query = strchr (address, '?');
  query = query != NULL ? query + 1 : address;
  if (!cs_oauth2_parse_redirect_query (query, strcspn (query, "#"), &code, &state, &error_code,
                                       &description))
    return FALSE;
  owns = state != NULL && strcmp (state, cs_oauth2_request_get_state (self->request)) == 0;
  if (code != NULL)
    cs_secret_free (g_steal_pointer (&code));
  return owns;
}
