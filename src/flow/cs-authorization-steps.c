/* cs-authorization-steps.c — the steps of an OAuth 1.0a authorization, and the run
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

#include "cs-authorization-private.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-url-rules.h"

/* ------------------------------------------------------------------ progress */

/* For the debug log of a bug report. */
static const char *
progress_name (guint value,
               gboolean is_step)
{
  static const char * const steps[] = { "none", "request token", "authorize", "access token",
                                        "save" };
  static const char * const states[] = { "idle", "running", "waiting", "done", "failed" };

  if (is_step)
    return value < G_N_ELEMENTS (steps) ? steps[value] : "?";
  return value < G_N_ELEMENTS (states) ? states[value] : "?";
}

static void
set_progress (CsAuthorization      *self,
              CsAuthorizationStep   step,
              CsAuthorizationState  state)
{
  if (self->step != step || self->state != state)
    g_debug ("Authorization: %s, %s", progress_name (step, TRUE), progress_name (state, FALSE));
  /* The step first: a handler of "step" sees the new step with the old state. */
  if (self->step != step)
    {
      self->step = step;
      g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_STEP]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_STATE]);
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

/* The step's own result has arrived: whether @task may still change anything. If not, it
 * is finished here (as cancelled) and @error, the step's own, is dropped. */
static gboolean
step_is_current (CsAuthorization  *self,
                 GTask            *task,
                 GError          **error)
{
  GError *cancelled = NULL;

  if (GPOINTER_TO_UINT (g_task_get_task_data (task)) != self->generation)
    {
      g_clear_error (error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &cancelled))
    {
      g_clear_error (error);
      set_state (self, CS_AUTHORIZATION_STATE_FAILED);
      g_task_return_error (task, cancelled);
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
  char *host = url != NULL ? cs_url_host (url) : NULL;

  return host != NULL ? host : g_strdup ("");
}

/* ------------------------------------------------------------------ step: request token */

static void
got_request_token (CsAuthorization *self,
                   CsCredentials   *token)
{
  self->request_token = token;
  /* None when only this leg is run (countersign-cli request-token without a provider). */
  if (cs_provider_get_authorize_url (self->provider) != NULL)
    self->authorize_url = cs_oauth_authorize_url (self->provider, token, FALSE, FALSE, NULL);
  g_debug ("Request token received; callback confirmed: %s",
           cs_credentials_get_callback_confirmed (token) ? "yes" : "no");
  g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_REQUEST_TOKEN]);
  g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_AUTHORIZE_URL]);
  /* Before the step ends: a run goes on to wait for the verifier from there. */
  if (self->authorize_url != NULL)
    g_signal_emit (self, cs_authorization_signals[AUTHORIZE_URL_READY], 0, self->authorize_url);
}

static void
got_access_token (CsAuthorization *self,
                  CsCredentials   *token)
{
  self->access_token = token;
  g_debug ("Access token received (%u fields)", cs_credentials_get_params (token)->len);
  g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_ACCESS_TOKEN]);
}

/* Whether the access token step used the request token up: it did when the provider took it
 * (an access token came), and when the provider answered with a refusal or something else
 * (providers such as oauthlib's, and the demo, forget a request token on a failed attempt).
 * A request that did not reach the provider, or got no answer, leaves it usable. */
static gboolean
spends_request_token (const GError *error)
{
  if (error == NULL)
    return TRUE;
  return error->domain == CS_OAUTH_ERROR
         && (error->code == CS_OAUTH_ERROR_REJECTED || error->code == CS_OAUTH_ERROR_BAD_RESPONSE
             || error->code == CS_OAUTH_ERROR_TOO_LARGE
             || error->code == CS_OAUTH_ERROR_REDIRECT);
}

/* Both token requests end here; the task's source tag says which it was. */
static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsAuthorization *self = g_task_get_source_object (task);
  CsOAuthClient *client = CS_OAUTH_CLIENT (source);
  gboolean request = g_task_get_source_tag (task) == cs_authorization_request_token_async;
  g_autoptr(CsCredentials) token = NULL;
  GError *error = NULL;

  token = request ? cs_oauth_client_request_token_finish (client, result, &error)
                  : cs_oauth_client_access_token_finish (client, result, &error);
  if (!step_is_current (self, task, &error))
    return;
  if (!request && spends_request_token (error))
    self->request_token_spent = TRUE;
  if (token != NULL && request)
    got_request_token (self, g_steal_pointer (&token));
  else if (token != NULL)
    got_access_token (self, g_steal_pointer (&token));
  step_end (self, task, error);
}

void
cs_authorization_drop_access_token (CsAuthorization *self)
{
  g_clear_pointer (&self->access_token, cs_credentials_unref);
  g_clear_pointer (&self->saved_id, g_free);
  g_clear_pointer (&self->saved_token, cs_stored_token_unref);
  g_clear_pointer (&self->learned_account, g_free);
}

/* Everything a new request token makes stale. */
void
cs_authorization_drop_tokens (CsAuthorization *self)
{
  g_clear_object (&self->server);
  g_clear_pointer (&self->callback_url, g_free);
  g_clear_pointer (&self->request_token, cs_credentials_unref);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->verifier, cs_secret_free);
  cs_authorization_drop_access_token (self);
  self->request_token_spent = FALSE;
}

static gboolean
prepare_callback (CsAuthorization  *self,
                  GError          **error)
{
  switch (self->callback)
    {
    case CS_AUTHORIZATION_CALLBACK_LOOPBACK:
      self->server = cs_callback_server_new_on_port (self->callback_port, error);
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
  cs_authorization_drop_tokens (self);
  g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_REQUEST_TOKEN]);
  g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_ACCESS_TOKEN]);
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
                                       token_cb, task);
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
  if (!step_is_current (self, task, &error))
    {
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

static void continue_run (CsAuthorization *self, GTask *run);

/* Where the verifier comes from, for the words of its errors and advice. */
static CsVerifierSource
verifier_source (CsAuthorization *self)
{
  switch (self->callback)
    {
    case CS_AUTHORIZATION_CALLBACK_OOB:
      return CS_VERIFIER_SOURCE_PIN;
    case CS_AUTHORIZATION_CALLBACK_LOOPBACK:
      return CS_VERIFIER_SOURCE_LOOPBACK;
    case CS_AUTHORIZATION_CALLBACK_URL:
      return CS_VERIFIER_SOURCE_CALLBACK_URL;
    default:
      return CS_VERIFIER_SOURCE_UNKNOWN;
    }
}

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
                                                       : cs_verifier_advice_empty (
                                                           verifier_source (self)));
      explicit_bzero (trimmed, strlen (trimmed));
      return FALSE;
    }
  /* A whole callback address is read as the loopback server reads its query. */
  verifier = cs_callback_parse_address (trimmed, cs_credentials_get_token (self->request_token),
                                        &local);
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
      cs_authorization_stop_verifier_wait (self);
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
  cs_authorization_stop_verifier_wait (self);
  set_state (self, CS_AUTHORIZATION_STATE_FAILED);
  g_task_return_error (run, error);
  g_object_unref (run);
}

/* ------------------------------------------------------------------ step: access token */

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
  cs_authorization_drop_access_token (self);
  if (self->request_token == NULL || self->verifier == NULL)
    {
      step_end (self, task,
                g_error_new_literal (CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                                     self->request_token == NULL
                                       ? _("There is no request token")
                                       : cs_verifier_advice_empty (verifier_source (self))));
      g_object_unref (task);
      return;
    }
  host = host_of (cs_provider_get_access_token_url (self->provider));
  g_debug ("Asking %s for the access token", host);
  cs_oauth_client_access_token_from_async (self->client, self->provider, &self->consumer,
                                           self->request_token, self->verifier,
                                           verifier_source (self), cancellable, token_cb, task);
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
  if (!step_is_current (self, task, &error))
    return;
  if (error == NULL)
    {
      g_free (self->saved_id);
      self->saved_id = g_strdup (cs_stored_token_get_id (token));
      if (self->saved_token != token)
        {
          g_clear_pointer (&self->saved_token, cs_stored_token_unref);
          self->saved_token = cs_stored_token_ref (token);
        }
      g_debug ("Saved in the keyring as %s", self->saved_id);
      g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_SAVED_ID]);
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
  /* Saved again: the same item (an unknown account's has an item id of its own). */
  if (self->saved_token != NULL)
    token = cs_stored_token_ref (self->saved_token);
  else if ((token = cs_authorization_dup_stored_token (self)) == NULL)
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

void
cs_authorization_stop_verifier_wait (CsAuthorization *self)
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
  g_signal_emit (self, cs_authorization_signals[NEED_VERIFIER], 0);
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
