/* cs-wizard-flow.c — the wizard as a view of one CsAuthorization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Leaving step 1 makes a CsAuthorization (src/flow) from what the provider page holds; the
 * steps then only start its async steps and show what they finish with: the request token,
 * the wait for the browser (loopback) or the verifier typed in, the access token, the
 * keyring. The signed test call of step 4 is the wizard's own. Every callback first checks
 * for G_IO_ERROR_CANCELLED: a cancelled operation touches nothing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-oauth-error.h"
#include "cs-share.h"
#include "cs-url-rules.h"
#include "cs-wizard-private.h"

void
_cs_wizard_clear_flow (CsWizard *self)
{
  _cs_wizard_drop_cancellable (self);
  self->op = CS_WIZARD_OP_NONE;
  g_clear_object (&self->authorization);
  self->let_go = FALSE;
  _cs_wizard_finish_leave (self, FALSE);
}

CsCredentials *
_cs_wizard_get_request_token (CsWizard *self)
{
  return self->authorization != NULL ? cs_authorization_get_request_token (self->authorization)
                                     : NULL;
}

CsCredentials *
_cs_wizard_get_access_token (CsWizard *self)
{
  return self->authorization != NULL ? cs_authorization_get_access_token (self->authorization)
                                     : NULL;
}

const char *
_cs_wizard_get_authorize_url (CsWizard *self)
{
  return self->authorization != NULL ? cs_authorization_get_authorize_url (self->authorization)
                                     : NULL;
}

CsProvider *
_cs_wizard_get_provider (CsWizard *self)
{
  return self->authorization != NULL ? cs_authorization_get_provider (self->authorization)
                                     : NULL;
}

/* The wizard's part of an operation's end: FALSE when it was cancelled (it touches nothing
 * then), else it is no longer busy. */
static gboolean
op_ended (CsWizard     *self,
          const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  return TRUE;
}

/* ------------------------------------------------------------------ step 2: request token */

static void
request_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  cs_authorization_request_token_finish (CS_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (error != NULL)
    {
      cs_request_page_show_error (self->request_page, error);
      return;
    }

  cs_request_page_show_token (self->request_page,
                              cs_authorization_get_request_token (self->authorization));
  _cs_wizard_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

/* What the user does with a new link after the last request token was used up: the words
 * of the callback mode (a PIN is only typed in PIN mode). */
static const char *
new_link_note (CsCallbackMode mode)
{
  if (mode == CS_CALLBACK_MODE_LOOPBACK)
    return _("The last request token was used up, so this is a new link: open it and allow "
             "the app again.");
  if (mode == CS_CALLBACK_MODE_CUSTOM || mode == CS_CALLBACK_MODE_APP)
    return _("The last request token was used up, so this is a new link: open it, allow the "
             "app again and paste the new callback address.");
  return _("The last request token was used up, so this is a new link: open it, allow the "
           "app again and enter the new PIN.");
}

static CsAuthorizationCallback
callback_of (CsCallbackMode mode)
{
  switch (mode)
    {
    case CS_CALLBACK_MODE_LOOPBACK:
      return CS_AUTHORIZATION_CALLBACK_LOOPBACK;
    case CS_CALLBACK_MODE_CUSTOM:
    case CS_CALLBACK_MODE_APP:
      return CS_AUTHORIZATION_CALLBACK_URL;
    case CS_CALLBACK_MODE_PIN:
    default:
      return CS_AUTHORIZATION_CALLBACK_OOB;
    }
}

/* What step 1 holds, as a new authorization; NULL with an error when the provider cannot be
 * reached (the demo did not start). */
static CsAuthorization *
authorization_from_inputs (CsWizard  *self,
                           GError   **error)
{
  CsProviderPage *page = self->provider_page;
  g_autoptr (CsProvider) chosen = cs_provider_page_dup_provider (page);
  CsConsumer consumer = { cs_provider_page_get_consumer_key (page),
                          cs_provider_page_get_consumer_secret (page), NULL };
  CsProvider *provider;
  CsAuthorization *authorization;

  if (chosen == NULL || self->registry == NULL)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("No provider is chosen."));
      return NULL;
    }
  /* The demo runs in this process, on a port chosen when it starts. */
  if ((provider = cs_provider_registry_resolve (self->registry, chosen, error)) == NULL)
    return NULL;

  cs_oauth_client_set_allow_insecure_http (self->client,
                                           cs_provider_page_get_allow_insecure (page));
  authorization = cs_authorization_new (self->client, provider, &consumer);
  cs_authorization_set_callback (authorization, callback_of (self->callback_mode),
                                 cs_provider_page_get_custom_callback (page));
  cs_authorization_set_callback_port (authorization, cs_provider_page_get_loopback_port (page));
  cs_authorization_set_access_type (authorization, cs_provider_page_get_access_type (page));
  cs_authorization_set_store (authorization, self->store,
                              cs_provider_page_get_store_consumer_secret (page));
  return authorization;
}

void
_cs_wizard_start_request_token (CsWizard *self)
{
  g_autoptr (GError) error = NULL;
  CsProvider *provider;

  if (_cs_wizard_is_busy (self) || !cs_provider_page_get_valid (self->provider_page))
    return;

  cs_provider_page_remember (self->provider_page);
  self->callback_mode = cs_provider_page_get_callback_mode (self->provider_page);
  self->store_enabled = cs_provider_page_get_store (self->provider_page);
  g_clear_object (&self->authorization);
  self->let_go = FALSE;
  self->authorization = authorization_from_inputs (self, &error);
  if (self->authorization == NULL)
    {
      cs_request_page_show_error (self->request_page, error);
      _cs_wizard_set_step (self, CS_WIZARD_STEP_REQUEST);
      return;
    }

  provider = cs_authorization_get_provider (self->authorization);
  cs_request_page_show_busy_for (self->request_page, provider);
  _cs_wizard_set_step (self, CS_WIZARD_STEP_REQUEST);
  _cs_wizard_set_op (self, CS_WIZARD_OP_REQUEST_TOKEN);
  cs_authorization_request_token_async (self->authorization, self->cancellable,
                                        request_token_cb, g_object_ref (self));
}

/* The request token was used up (a failed access token): a new one from the same flow, then
 * step 2 (Retry: start over) or straight to step 3 with the new link (Back). */
static void
renew_request_token_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean then_authorize = self->renew_then_authorize;

  cs_authorization_request_token_finish (CS_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (error != NULL)
    {
      cs_request_page_show_error (self->request_page, error);
      return;
    }
  cs_request_page_show_token (self->request_page,
                              cs_authorization_get_request_token (self->authorization));
  if (then_authorize)
    {
      _cs_wizard_show_authorize (self);
      _cs_wizard_set_note (self, new_link_note (self->callback_mode));
      return;
    }
  _cs_wizard_set_note (self, _("The last request token was used up, so this is a new one. "
                               "Continue to open its link and allow the app again."));
  _cs_wizard_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

void
_cs_wizard_renew_request_token (CsWizard *self,
                                gboolean  then_authorize)
{
  if (_cs_wizard_is_busy (self) || self->authorization == NULL)
    return;

  self->renew_then_authorize = then_authorize;
  cs_request_page_show_busy (self->request_page,
                             cs_provider_get_name (_cs_wizard_get_provider (self)));
  _cs_wizard_set_step (self, CS_WIZARD_STEP_REQUEST);
  _cs_wizard_set_note (self, _("The last request token was used up: asking for a new one."));
  _cs_wizard_set_op (self, CS_WIZARD_OP_REQUEST_TOKEN);
  cs_authorization_request_token_async (self->authorization, self->cancellable,
                                        renew_request_token_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ step 3: authorize */

static void
callback_wait_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  cs_authorization_wait_callback_finish (CS_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED))
    cs_authorize_page_show_denied (self->authorize_page, _("Access Denied"),
                                   _("The authorization was denied in the browser. Go back "
                                     "to start again."));
  else if (error != NULL)
    cs_authorize_page_show_denied (self->authorize_page, _("No Answer From the Browser"),
                                   error->message);
  else
    _cs_wizard_start_access_token (self);
}

void
_cs_wizard_show_authorize (CsWizard *self)
{
  cs_authorize_page_show (self->authorize_page, _cs_wizard_get_authorize_url (self),
                          self->callback_mode);
  cs_authorize_page_show_callback (self->authorize_page,
                                   cs_authorization_get_callback_url (self->authorization),
                                   cs_provider_get_developer_url (
                                     cs_authorization_get_provider (self->authorization)));

  _cs_wizard_set_step (self, CS_WIZARD_STEP_AUTHORIZE);
  if (cs_authorization_get_callback (self->authorization) == CS_AUTHORIZATION_CALLBACK_LOOPBACK)
    {
      cs_authorize_page_show_waiting (self->authorize_page);
      _cs_wizard_set_op (self, CS_WIZARD_OP_WAIT_CALLBACK);
      cs_authorization_wait_callback_async (self->authorization, self->cancellable,
                                            callback_wait_cb, g_object_ref (self));
      /* Listening now: the browser goes there by itself, as with countersign-cli (Open in
       * Browser stays, to open it again). */
      gtk_widget_activate_action (GTK_WIDGET (self), "app.open-uri", "s",
                                  _cs_wizard_get_authorize_url (self));
    }
  else
    {
      cs_authorize_page_show_pin (self->authorize_page);
    }
  cs_authorize_page_focus_link (self->authorize_page);
}

void
_cs_wizard_submit_verifier (CsWizard *self)
{
  g_autoptr (GError) error = NULL;

  /* A PIN, a verifier, or the whole address the browser was sent to: the flow reads it. */
  if (!cs_authorization_submit_verifier (self->authorization,
                                         cs_authorize_page_get_entry (self->authorize_page),
                                         &error))
    {
      cs_authorize_page_show_entry_error (self->authorize_page, error->message);
      return;
    }
  _cs_wizard_start_access_token (self);
}

/* ------------------------------------------------------------------ step 4: access token */

/* A Custom provider that worked is kept: the one saved with the same endpoints, else a new
 * one that the window asks a name for and saves. The tokens are saved under its id. */
static void
keep_custom_provider (CsWizard *self)
{
  CsProvider *provider = cs_authorization_get_provider (self->authorization);
  g_autoptr (CsProvider) named = NULL;

  if (!cs_provider_get_is_custom (provider)
      || g_strcmp0 (cs_provider_get_id (provider), "custom") != 0)
    return;

  named = cs_provider_registry_custom_for (self->registry, provider);
  cs_authorization_set_provider (self->authorization, named);
  if (!cs_provider_registry_is_user (self->registry, named))
    _cs_wizard_emit_provider_created (self, named);
}

/* After a failed access token: how to hand back a verifier again, in the words of the
 * callback mode (there is no PIN to enter in the other modes). */
static const char *
spent_advice (CsCallbackMode mode)
{
  if (mode == CS_CALLBACK_MODE_LOOPBACK)
    return _("This request token is used up now. To allow the app again, press Back: a new "
             "request token and a new link are fetched. Or start over with a new request "
             "token.");
  if (mode == CS_CALLBACK_MODE_CUSTOM || mode == CS_CALLBACK_MODE_APP)
    return _("This request token is used up now. To paste a callback address again, press "
             "Back: a new request token and a new link are fetched. Or start over with a new "
             "request token.");
  return _("This request token is used up now. To enter a PIN (the verifier) again, press "
           "Back: a new request token and a new link are fetched. Or start over with a new "
           "request token.");
}

static const char *
again_advice (CsCallbackMode mode)
{
  if (mode == CS_CALLBACK_MODE_LOOPBACK)
    return _("To allow the app again, press Back.");
  if (mode == CS_CALLBACK_MODE_CUSTOM || mode == CS_CALLBACK_MODE_APP)
    return _("To paste the callback address again, press Back.");
  return _("To enter the PIN (the verifier) again, press Back.");
}

/* What can still work after a failed access token: the same request again, or (when the
 * provider used the request token up) a new request token and link. Retry and Back say so. */
static void
show_access_token_error (CsWizard     *self,
                         const GError *error)
{
  g_autoptr (GError) advised = NULL;

  if (cs_authorization_get_request_token_spent (self->authorization))
    {
      advised = g_error_new (error->domain, error->code, "%s %s", error->message,
                             spent_advice (self->callback_mode));
      cs_result_page_set_retry_label (self->result_page,
                                      _("Start Over With a New Request Token"));
    }
  else if (g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED))
    {
      advised = g_error_new (CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED, "%s %s", error->message,
                             again_advice (self->callback_mode));
    }
  cs_result_page_show_error (self->result_page, advised != NULL ? advised : error);
}

static void
access_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  cs_authorization_access_token_finish (CS_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (error != NULL)
    {
      show_access_token_error (self, error);
      return;
    }

  keep_custom_provider (self);
  cs_result_page_set_provider (self->result_page, _cs_wizard_get_provider (self));
  cs_result_page_show_token (self->result_page, _cs_wizard_get_access_token (self));
  {
    g_autofree char *end = cs_provider_describe_end_of_life (_cs_wizard_get_provider (self));

    cs_result_page_show_end_of_life (self->result_page, end);
  }
  _cs_wizard_update_actions (self);

  if (self->store_enabled)
    _cs_wizard_start_save (self);
  else
    cs_result_page_show_keyring (self->result_page,
                                 _("Not saved: saving in the keyring was switched off"),
                                 FALSE, FALSE);

  if (!_cs_wizard_is_busy (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

void
_cs_wizard_start_access_token (CsWizard *self)
{
  if (_cs_wizard_is_busy (self) || _cs_wizard_get_request_token (self) == NULL)
    return;

  cs_result_page_set_retry_label (self->result_page, NULL);
  cs_result_page_show_busy (self->result_page);
  _cs_wizard_set_step (self, CS_WIZARD_STEP_ACCESS);
  _cs_wizard_set_op (self, CS_WIZARD_OP_ACCESS_TOKEN);
  cs_authorization_access_token_async (self->authorization, self->cancellable,
                                       access_token_cb, g_object_ref (self));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  cs_authorization_save_finish (CS_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (error != NULL)
    {
      /* The tokens stay on screen and copyable; nothing is written anywhere else. */
      cs_result_page_show_keyring (self->result_page, error->message, FALSE, TRUE);
      _cs_wizard_finish_leave (self, FALSE);
      return;
    }

  cs_result_page_show_keyring (self->result_page, _("Saved in the keyring"), FALSE, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
  /* Save, chosen when leaving with the token unsaved: now it may go. */
  _cs_wizard_finish_leave (self, TRUE);
}

void
_cs_wizard_start_save (CsWizard *self)
{
  if (_cs_wizard_is_busy (self) || _cs_wizard_get_access_token (self) == NULL)
    return;

  cs_result_page_show_keyring (self->result_page, _("Saving in the keyring…"), TRUE, FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_SAVE);
  cs_authorization_save_async (self->authorization, self->cancellable, save_cb,
                               g_object_ref (self));
}

static void
learn_account_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  cs_authorization_learn_account_finish (CS_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (error != NULL)
    cs_result_page_show_keyring (self->result_page, error->message, FALSE, FALSE);
  else if (cs_authorization_get_saved_id (self->authorization) != NULL)
    cs_result_page_show_keyring (self->result_page, _("Saved in the keyring, with the account"),
                                 FALSE, FALSE);
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *account = NULL;

  text = cs_share_verify_finish_account (CS_OAUTH_CLIENT (object), result, &account, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  cs_result_page_show_test (self->result_page, text != NULL ? text : error->message,
                            FALSE, text == NULL);
  /* What the provider says the account is, is kept (and stored, when the token is saved);
   * the wizard stays busy until the keyring has it, so Done hands on the new id. */
  if (account != NULL
      && g_strcmp0 (account, cs_authorization_get_account (self->authorization)) != 0)
    {
      cs_authorization_learn_account_async (self->authorization, account, self->cancellable,
                                            learn_account_cb, g_object_ref (self));
      return;
    }
  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
}

void
_cs_wizard_start_test (CsWizard *self)
{
  CsProvider *provider = _cs_wizard_get_provider (self);
  CsCredentials *token = _cs_wizard_get_access_token (self);

  if (_cs_wizard_is_busy (self) || token == NULL || cs_provider_get_verify_url (provider) == NULL)
    return;

  cs_result_page_show_test (self->result_page, _("Making a signed call…"), TRUE, FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_TEST);
  cs_oauth_client_call_async (self->client, provider,
                              cs_authorization_get_consumer (self->authorization), token, "GET",
                              cs_provider_get_verify_url (provider), NULL,
                              self->cancellable, test_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ cancelled */

void
_cs_wizard_show_cancelled (CsWizard   *self,
                           CsWizardOp  op)
{
  if (self->oauth2)
    {
      _cs_wizard_oauth2_show_cancelled (self, op);
      return;
    }
  switch (op)
    {
    case CS_WIZARD_OP_REQUEST_TOKEN:
    case CS_WIZARD_OP_WAIT_CALLBACK:
      _cs_wizard_set_step (self, CS_WIZARD_STEP_PROVIDER);
      break;

    case CS_WIZARD_OP_ACCESS_TOKEN:
      _cs_wizard_set_step (self, CS_WIZARD_STEP_AUTHORIZE);
      cs_authorize_page_show_pin (self->authorize_page);
      break;

    case CS_WIZARD_OP_SAVE:
      cs_result_page_show_keyring (self->result_page, _("Not saved: saving was cancelled"),
                                   FALSE, TRUE);
      _cs_wizard_finish_leave (self, FALSE);
      break;

    case CS_WIZARD_OP_TEST:
      cs_result_page_show_test (self->result_page, _("Cancelled"), FALSE, FALSE);
      break;

    case CS_WIZARD_OP_REFRESH:
    case CS_WIZARD_OP_REVOKE:
    case CS_WIZARD_OP_NONE:
    default:
      break;
    }
}
