/* cs-authorization.c — one OAuth 1.0a authorization, from consumer credentials to the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each step is a GTask that carries the generation it was started in; a step started later
 * bumps the generation, so a result that arrives for an older one is dropped (and reported
 * as cancelled) instead of overwriting the newer step's state. A run is a GTask of its own
 * that chains the step functions.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-authorization.h"
#include "cs-callback-server.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"

struct _CsAuthorization
{
  GObject                  parent_instance;

  CsOAuthClient           *client;
  CsProvider              *provider;
  CsConsumer               consumer;     /* owned copies */

  CsAuthorizationCallback  callback;
  char                    *custom_url;
  char                    *access_type;
  guint                    callback_timeout;
  CsTokenStore            *store;
  gboolean                 with_consumer_secret;

  CsAuthorizationStep      step;
  CsAuthorizationState     state;
  guint                    generation;   /* of the step in flight */

  CsCallbackServer        *server;
  char                    *callback_url;
  CsCredentials           *request_token;
  char                    *authorize_url;
  char                    *verifier;
  CsCredentials           *access_token;
  char                    *saved_id;

  GTask                   *verifier_run; /* a run waiting in ::need-verifier */
  GSource                 *verifier_cancel;
};

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

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_STEP,
  PROP_STATE,
  PROP_REQUEST_TOKEN,
  PROP_AUTHORIZE_URL,
  PROP_ACCESS_TOKEN,
  PROP_SAVED_ID,
  N_PROPS
};

enum {
  AUTHORIZE_URL_READY,
  NEED_VERIFIER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void stop_verifier_wait (CsAuthorization *self);

/* ------------------------------------------------------------------ progress */

static void
set_progress (CsAuthorization      *self,
              CsAuthorizationStep   step,
              CsAuthorizationState  state)
{
  /* The step first: a handler of "step" sees the new step with the old state. */
  if (self->step != step)
    {
      self->step = step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_state (CsAuthorization      *self,
           CsAuthorizationState  state)
{
  set_progress (self, self->step, state);
}

/* A new step owns the progress from now on; a run waiting for the verifier ends. */
static GTask *
step_begin (CsAuthorization     *self,
            CsAuthorizationStep  step,
            CsAuthorizationState state,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GUINT_TO_POINTER (++self->generation), NULL);
  if (self->verifier_run != NULL)
    cs_authorization_fail_verifier (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                               _("Cancelled")));
  set_progress (self, step, state);
  return task;
}

/* Whether @task may still change anything; if not, it is finished here (cancelled). */
static gboolean
step_is_current (CsAuthorization *self,
                 GTask           *task)
{
  GError *error = NULL;

  if (GPOINTER_TO_UINT (g_task_get_task_data (task)) != self->generation)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      set_state (self, CS_AUTHORIZATION_STATE_FAILED);
      g_task_return_error (task, error);
      return FALSE;
    }
  return TRUE;
}

/* Finishes the current step @task: DONE without @error, FAILED with it (taken). */
static void
step_end (CsAuthorization *self,
          GTask           *task,
          GError          *error)
{
  set_state (self, error == NULL ? CS_AUTHORIZATION_STATE_DONE : CS_AUTHORIZATION_STATE_FAILED);
  if (error != NULL)
    {
      g_debug ("Authorization step %d failed: %s", self->step, error->message);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
step_finish (CsAuthorization  *self,
             GAsyncResult     *result,
             gpointer          source_tag,
             GError          **error)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The host of @url, for debug output that never carries a query (tokens live there). */
static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
}

/* ------------------------------------------------------------------ step: request token */

static void
request_token_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsAuthorization *self = g_task_get_source_object (task);
  GError *error = NULL;
  CsCredentials *token;

  token = cs_oauth_client_request_token_finish (CS_OAUTH_CLIENT (source), result, &error);
  if (!step_is_current (self, task))
    {
      g_clear_error (&error);
      g_clear_pointer (&token, cs_credentials_unref);
      return;
    }
  if (token == NULL)
    {
      step_end (self, task, error);
      return;
    }
  self->request_token = token;
  /* None when only this leg is run (countersign-cli request-token without a provider). */
  if (cs_provider_get_authorize_url (self->provider) != NULL)
    self->authorize_url = cs_oauth_authorize_url (self->provider, token, FALSE, FALSE, NULL);
  g_debug ("Request token received; callback confirmed: %s",
           cs_credentials_get_callback_confirmed (token) ? "yes" : "no");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TOKEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZE_URL]);
  /* Before the step ends: a run goes on to wait for the verifier from there. */
  if (self->authorize_url != NULL)
    g_signal_emit (self, signals[AUTHORIZE_URL_READY], 0, self->authorize_url);
  step_end (self, task, NULL);
}

/* Everything a new request token makes stale. */
static void
drop_tokens (CsAuthorization *self)
{
  g_clear_object (&self->server);
  g_clear_pointer (&self->callback_url, g_free);
  g_clear_pointer (&self->request_token, cs_credentials_unref);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->verifier, cs_secret_free);
  g_clear_pointer (&self->access_token, cs_credentials_unref);
  g_clear_pointer (&self->saved_id, g_free);
}

static gboolean
prepare_callback (CsAuthorization  *self,
                  GError          **error)
{
  switch (self->callback)
    {
    case CS_AUTHORIZATION_CALLBACK_LOOPBACK:
      self->server = cs_callback_server_new (error);
      if (self->server == NULL)
        return FALSE;
      self->callback_url = g_strdup (cs_callback_server_get_url (self->server));
      return TRUE;
    case CS_AUTHORIZATION_CALLBACK_URL:
      self->callback_url = g_strdup (self->custom_url);
      return TRUE;
    case CS_AUTHORIZATION_CALLBACK_OOB:
    default:
      self->callback_url = g_strdup ("oob");
      return TRUE;
    }
}

void
cs_authorization_request_token_async (CsAuthorization     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;
  g_autofree char *host = NULL;

  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = step_begin (self, CS_AUTHORIZATION_STEP_REQUEST_TOKEN, CS_AUTHORIZATION_STATE_RUNNING,
                     cancellable, callback, user_data, cs_authorization_request_token_async);
  drop_tokens (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TOKEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESS_TOKEN]);
  if (!prepare_callback (self, &error))
    {
      step_end (self, task, error);
      g_object_unref (task);
      return;
    }
  host = host_of (cs_provider_get_request_token_url (self->provider));
  g_debug ("Asking %s for a request token (provider %s, callback %s)", host,
           cs_provider_get_id (self->provider),
           self->callback == CS_AUTHORIZATION_CALLBACK_OOB ? "oob" : "a URL");
  cs_oauth_client_request_token_async (self->client, self->provider, &self->consumer,
                                       self->callback_url, self->access_type, cancellable,
                                       request_token_cb, task);
}

gboolean
cs_authorization_request_token_finish (CsAuthorization  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return step_finish (self, result, cs_authorization_request_token_async, error);
}

/* ------------------------------------------------------------------ step: authorize */

static void
take_verifier (CsAuthorization *self,
               char            *verifier)
{
  g_clear_pointer (&self->verifier, cs_secret_free);
  self->verifier = verifier;
}

static void
wait_callback_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsAuthorization *self = g_task_get_source_object (task);
  GError *error = NULL;
  char *verifier;

  verifier = cs_callback_server_wait_finish (CS_CALLBACK_SERVER (source), result, &error);
  if (!step_is_current (self, task))
    {
      g_clear_error (&error);
      cs_secret_free (verifier);
      return;
    }
  if (verifier != NULL)
    {
      g_debug ("The browser came back to the loopback server with the verifier");
      take_verifier (self, verifier);
    }
  step_end (self, task, error);
}

void
cs_authorization_wait_callback_async (CsAuthorization     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = step_begin (self, CS_AUTHORIZATION_STEP_AUTHORIZE, CS_AUTHORIZATION_STATE_RUNNING,
                     cancellable, callback, user_data, cs_authorization_wait_callback_async);
  if (self->server == NULL || self->request_token == NULL)
    {
      step_end (self, task,
                g_error_new_literal (CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                                     _("There is no request token waiting for the browser")));
      g_object_unref (task);
      return;
    }
  g_debug ("Waiting for the browser at the loopback server (%u s)", self->callback_timeout);
  cs_callback_server_wait_async (self->server, cs_credentials_get_token (self->request_token),
                                 self->callback_timeout, cancellable, wait_callback_cb, task);
  /* Only now: whoever sends the browser on its way when it sees WAITING finds us listening. */
  set_state (self, CS_AUTHORIZATION_STATE_WAITING);
}

gboolean
cs_authorization_wait_callback_finish (CsAuthorization  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return step_finish (self, result, cs_authorization_wait_callback_async, error);
}

/* A whole callback address: its query, read as the loopback server reads it. Returns the
 * verifier, NULL with an error, or NULL without one when @text is no callback address. */
static char *
verifier_from_address (CsAuthorization  *self,
                       const char       *text,
                       GError          **error)
{
  const char *query = strchr (text, '?');
  const char *end;
  g_autofree char *token = NULL;
  char *verifier = NULL;
  CsCallbackKind kind;

  if (query == NULL)
    return NULL;
  query++;
  end = strchr (query, '#');
  kind = cs_callback_parse_query (query, end != NULL ? end - query : -1, &token, &verifier);
  if (kind == CS_CALLBACK_DENIED)
    g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED,
                         _("The authorization was refused in the browser"));
  else if (kind == CS_CALLBACK_VERIFIER &&
           g_strcmp0 (token, cs_credentials_get_token (self->request_token)) != 0)
    g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                         _("This address belongs to another authorization: it does not carry "
                           "the request token of this one"));
  else if (kind == CS_CALLBACK_VERIFIER)
    return verifier;
  cs_secret_free (verifier);
  return NULL;
}

static void continue_run (CsAuthorization *self, GTask *run);

gboolean
cs_authorization_submit_verifier (CsAuthorization  *self,
                                  const char       *text,
                                  GError          **error)
{
  g_autofree char *trimmed = NULL;
  GError *local = NULL;
  char *verifier;

  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  if (self->request_token == NULL || *trimmed == '\0')
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           self->request_token == NULL ? _("There is no request token")
                                                       : _("The verifier (PIN) is empty"));
      explicit_bzero (trimmed, strlen (trimmed));
      return FALSE;
    }
  verifier = verifier_from_address (self, trimmed, &local);
  if (local != NULL)
    {
      explicit_bzero (trimmed, strlen (trimmed));
      g_propagate_error (error, local);
      return FALSE;
    }
  take_verifier (self, verifier != NULL ? verifier : g_steal_pointer (&trimmed));
  if (trimmed != NULL)
    explicit_bzero (trimmed, strlen (trimmed));
  /* Whatever was in flight (a loopback wait) is superseded by what the user gave. */
  self->generation++;
  set_progress (self, CS_AUTHORIZATION_STEP_AUTHORIZE, CS_AUTHORIZATION_STATE_DONE);
  if (self->verifier_run != NULL)
    {
      stop_verifier_wait (self);
      continue_run (self, g_steal_pointer (&self->verifier_run));
    }
  return TRUE;
}

void
cs_authorization_fail_verifier (CsAuthorization *self,
                                GError          *error)
{
  GTask *run;

  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (error != NULL);

  if (self->verifier_run == NULL)
    {
      g_error_free (error);
      return;
    }
  run = g_steal_pointer (&self->verifier_run);
  stop_verifier_wait (self);
  set_state (self, CS_AUTHORIZATION_STATE_FAILED);
  g_task_return_error (run, error);
  g_object_unref (run);
}

/* ------------------------------------------------------------------ step: access token */

static void
access_token_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsAuthorization *self = g_task_get_source_object (task);
  GError *error = NULL;
  CsCredentials *token;

  token = cs_oauth_client_access_token_finish (CS_OAUTH_CLIENT (source), result, &error);
  if (!step_is_current (self, task))
    {
      g_clear_error (&error);
      g_clear_pointer (&token, cs_credentials_unref);
      return;
    }
  if (token != NULL)
    {
      self->access_token = token;
      g_debug ("Access token received (%u fields)", cs_credentials_get_params (token)->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESS_TOKEN]);
    }
  step_end (self, task, error);
}

void
cs_authorization_access_token_async (CsAuthorization     *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  g_autofree char *host = NULL;

  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = step_begin (self, CS_AUTHORIZATION_STEP_ACCESS_TOKEN, CS_AUTHORIZATION_STATE_RUNNING,
                     cancellable, callback, user_data, cs_authorization_access_token_async);
  g_clear_pointer (&self->access_token, cs_credentials_unref);
  g_clear_pointer (&self->saved_id, g_free);
  if (self->request_token == NULL || self->verifier == NULL)
    {
      step_end (self, task,
                g_error_new_literal (CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                                     self->request_token == NULL
                                       ? _("There is no request token")
                                       : _("The verifier (PIN) is empty")));
      g_object_unref (task);
      return;
    }
  host = host_of (cs_provider_get_access_token_url (self->provider));
  g_debug ("Asking %s for the access token", host);
  cs_oauth_client_access_token_async (self->client, self->provider, &self->consumer,
                                      self->request_token, self->verifier, cancellable,
                                      access_token_cb, task);
}

gboolean
cs_authorization_access_token_finish (CsAuthorization  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return step_finish (self, result, cs_authorization_access_token_async, error);
}

/* ------------------------------------------------------------------ step: save */

CsStoredToken *
cs_authorization_dup_stored_token (CsAuthorization *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), NULL);

  if (self->access_token == NULL)
    return NULL;
  host = host_of (cs_provider_get_access_token_url (self->provider));
  return cs_stored_token_new (cs_provider_get_id (self->provider),
                              cs_provider_get_name (self->provider), host, self->consumer.key,
                              cs_authorization_get_account (self),
                              cs_credentials_get_token (self->access_token),
                              cs_credentials_get_token_secret (self->access_token));
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsAuthorization *self = g_task_get_source_object (task);
  CsStoredToken *token = g_object_get_data (G_OBJECT (task), "token");
  GError *error = NULL;

  cs_token_store_save_finish (CS_TOKEN_STORE (source), result, &error);
  if (!step_is_current (self, task))
    {
      g_clear_error (&error);
      return;
    }
  if (error == NULL)
    {
      g_free (self->saved_id);
      self->saved_id = g_strdup (cs_stored_token_get_id (token));
      g_debug ("Saved in the keyring as %s", self->saved_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_ID]);
    }
  step_end (self, task, error);
}

void
cs_authorization_save_async (CsAuthorization     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  CsStoredToken *token;

  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (CS_IS_TOKEN_STORE (self->store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = step_begin (self, CS_AUTHORIZATION_STEP_SAVE, CS_AUTHORIZATION_STATE_RUNNING,
                     cancellable, callback, user_data, cs_authorization_save_async);
  g_clear_pointer (&self->saved_id, g_free);
  if ((token = cs_authorization_dup_stored_token (self)) == NULL)
    {
      step_end (self, task, g_error_new_literal (CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                                                 _("There is no access token to save")));
      g_object_unref (task);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "token", token,
                          (GDestroyNotify) cs_stored_token_unref);
  /* The consumer secret only when the user asked for it (RSA-SHA1 has none). */
  cs_token_store_save_async (self->store, token,
                             self->with_consumer_secret ? self->consumer.secret : NULL,
                             cancellable, save_cb, task);
}

gboolean
cs_authorization_save_finish (CsAuthorization  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  return step_finish (self, result, cs_authorization_save_async, error);
}

/* ------------------------------------------------------------------ run */

static void
run_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) run = user_data;
  GError *error = NULL;

  if (!cs_authorization_save_finish (CS_AUTHORIZATION (source), result, &error))
    g_task_return_error (run, error);
  else
    g_task_return_boolean (run, TRUE);
}

static void
run_access_token_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *run = user_data;
  CsAuthorization *self = CS_AUTHORIZATION (source);
  GError *error = NULL;

  if (cs_authorization_access_token_finish (self, result, &error) && self->store != NULL)
    {
      /* The run's reference goes to the save step. */
      cs_authorization_save_async (self, g_task_get_cancellable (run), run_saved_cb, run);
      return;
    }
  if (error != NULL)
    g_task_return_error (run, error);
  else
    g_task_return_boolean (run, TRUE);
  g_object_unref (run);
}

static void
continue_run (CsAuthorization *self,
              GTask           *run)
{
  cs_authorization_access_token_async (self, g_task_get_cancellable (run), run_access_token_cb,
                                       run);
}

static void
run_callback_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *run = user_data;
  GError *error = NULL;

  if (!cs_authorization_wait_callback_finish (CS_AUTHORIZATION (source), result, &error))
    {
      g_task_return_error (run, error);
      g_object_unref (run);
      return;
    }
  continue_run (CS_AUTHORIZATION (source), run);
}

static void
stop_verifier_wait (CsAuthorization *self)
{
  if (self->verifier_cancel != NULL)
    g_source_destroy (self->verifier_cancel);
  g_clear_pointer (&self->verifier_cancel, g_source_unref);
}

static gboolean
verifier_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  CsAuthorization *self = user_data;

  cs_authorization_fail_verifier (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                             _("Cancelled")));
  return G_SOURCE_REMOVE;
}

/* Without the loopback server the verifier comes from the caller: wait for it, or for the
 * run's cancellable. */
static void
wait_for_submit (CsAuthorization *self,
                 GTask           *run)
{
  GCancellable *cancellable = g_task_get_cancellable (run);

  self->generation++;
  set_progress (self, CS_AUTHORIZATION_STEP_AUTHORIZE, CS_AUTHORIZATION_STATE_WAITING);
  self->verifier_run = run;
  if (cancellable != NULL)
    {
      self->verifier_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->verifier_cancel, G_SOURCE_FUNC (verifier_cancelled_cb),
                             self, NULL);
      g_source_attach (self->verifier_cancel, g_task_get_context (run));
    }
  g_debug ("Waiting for the verifier (PIN) from the user");
  g_signal_emit (self, signals[NEED_VERIFIER], 0);
}

static void
run_request_token_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *run = user_data;
  CsAuthorization *self = CS_AUTHORIZATION (source);
  GError *error = NULL;

  if (!cs_authorization_request_token_finish (self, result, &error))
    {
      g_task_return_error (run, error);
      g_object_unref (run);
    }
  else if (self->callback == CS_AUTHORIZATION_CALLBACK_LOOPBACK)
    cs_authorization_wait_callback_async (self, g_task_get_cancellable (run), run_callback_cb,
                                          run);
  else
    wait_for_submit (self, run);
}

void
cs_authorization_run_async (CsAuthorization     *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *run;

  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (run, cs_authorization_run_async);
  cs_authorization_request_token_async (self, cancellable, run_request_token_cb, run);
}

gboolean
cs_authorization_run_finish (CsAuthorization  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  return step_finish (self, result, cs_authorization_run_async, error);
}

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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER]);
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
  account = cs_credentials_get_screen_name (self->access_token);
  return account != NULL ? account : cs_credentials_get_user_id (self->access_token);
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
  stop_verifier_wait (self);
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

  drop_tokens (self);
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

  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, CS_TYPE_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL, CS_TYPE_AUTHORIZATION_STEP,
                       CS_AUTHORIZATION_STEP_NONE, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CS_TYPE_AUTHORIZATION_STATE,
                       CS_AUTHORIZATION_STATE_IDLE, ro);
  properties[PROP_REQUEST_TOKEN] =
    g_param_spec_boxed ("request-token", NULL, NULL, CS_TYPE_CREDENTIALS, ro);
  properties[PROP_AUTHORIZE_URL] = g_param_spec_string ("authorize-url", NULL, NULL, NULL, ro);
  properties[PROP_ACCESS_TOKEN] =
    g_param_spec_boxed ("access-token", NULL, NULL, CS_TYPE_CREDENTIALS, ro);
  properties[PROP_SAVED_ID] = g_param_spec_string ("saved-id", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsAuthorization::authorize-url-ready:
   * @url: the authorize URL, the request token in it
   *
   * The request token step succeeded: the user can open @url now.
   */
  signals[AUTHORIZE_URL_READY] =
    g_signal_new ("authorize-url-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CsAuthorization::need-verifier:
   *
   * A run waits for cs_authorization_submit_verifier() or cs_authorization_fail_verifier().
   */
  signals[NEED_VERIFIER] =
    g_signal_new ("need-verifier", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_authorization_init (CsAuthorization *self)
{
  self->callback = CS_AUTHORIZATION_CALLBACK_OOB;
  self->callback_timeout = CS_AUTHORIZATION_CALLBACK_TIMEOUT_SECONDS;
}
