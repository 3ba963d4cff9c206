/* cs-wizard-actions.c — the wizard.* actions: what the buttons do, and when they can
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every button of the wizard and its pages names one of these actions in its .ui; the
 * buttons' sensitivity is the actions' enabled state, set in one place
 * (_cs_wizard_update_actions) from the step and what runs. A handler still checks its
 * own preconditions: a button pressed twice before the UI could react must not start a
 * second request.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-clipboard.h"
#include "cs-share.h"
#include "cs-wizard-private.h"

static gboolean
can_continue (CsWizard *self)
{
  switch (self->step)
    {
    case CS_WIZARD_STEP_PROVIDER:
      return cs_provider_page_get_valid (self->provider_page);
    case CS_WIZARD_STEP_REQUEST:
      return _cs_wizard_get_request_token (self) != NULL;
    case CS_WIZARD_STEP_AUTHORIZE:
      return cs_authorize_page_get_has_entry (self->authorize_page);
    case CS_WIZARD_STEP_ACCESS:
      return _cs_wizard_get_access_token (self) != NULL;
    case CS_WIZARD_STEP_CLIENT:
      return self->oauth2_provider != NULL && cs_client_page_get_valid (self->client_page);
    case CS_WIZARD_STEP_SCOPES:
      return cs_scopes_page_get_valid (self->scopes_page);
    case CS_WIZARD_STEP_O2_AUTHORIZE:
      return cs_oauth2_authorize_page_get_has_entry (self->oauth2_authorize_page);
    case CS_WIZARD_STEP_TOKENS:
      return self->oauth2_token != NULL;
    default:
      return FALSE;
    }
}

/* The visible label is the accessible name: tests and screen readers find it by that. */
static void
set_button_label (GtkButton  *button,
                  const char *label)
{
  gtk_button_set_label (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Step 3: what Continue waits for in each callback mode (loopback needs nothing typed). */
static const char *
authorize_reason (CsCallbackMode mode)
{
  if (mode == CS_CALLBACK_MODE_PIN)
    return _("Enter the PIN the provider shows");
  if (mode == CS_CALLBACK_MODE_CUSTOM || mode == CS_CALLBACK_MODE_APP)
    return _("Paste the address the browser was sent to, or the verifier");
  return NULL;
}

/* Steps 1 and 3 say what Continue waits for, in its tooltip and to a screen reader. */
static void
show_continue_reason (CsWizard *self)
{
  const char *reason = NULL;

  if (self->step == CS_WIZARD_STEP_PROVIDER)
    reason = cs_provider_page_get_reason (self->provider_page);
  else if (self->step == CS_WIZARD_STEP_CLIENT)
    reason = cs_client_page_get_reason (self->client_page);
  else if (self->step == CS_WIZARD_STEP_SCOPES)
    reason = cs_scopes_page_get_reason (self->scopes_page);
  else if (self->step == CS_WIZARD_STEP_AUTHORIZE
           && !cs_authorize_page_get_has_entry (self->authorize_page))
    reason = authorize_reason (self->callback_mode);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->continue_button), reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->continue_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason != NULL ? reason : "",
                                  -1);
}

void
_cs_wizard_update_actions (CsWizard *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean busy = _cs_wizard_is_busy (self);
  gboolean has_access = self->oauth2 ? self->oauth2_token != NULL
                                     : _cs_wizard_get_access_token (self) != NULL;
  gboolean has_link = self->oauth2 ? _cs_wizard_oauth2_get_authorize_url (self) != NULL
                                   : _cs_wizard_get_authorize_url (self) != NULL;
  /* Only with an access token is there a provider to ask. */
  gboolean can_test = !busy && has_access
                      && (self->oauth2
                          || cs_provider_get_verify_url (_cs_wizard_get_provider (self)) != NULL);
  gboolean can_manage = !busy && self->oauth2 && self->oauth2_saved_id != NULL
                        && !self->oauth2_revoked;

  gtk_widget_action_set_enabled (widget, "wizard.continue", !busy && can_continue (self));
  gtk_widget_action_set_enabled (widget, "wizard.back", !busy);
  gtk_widget_action_set_enabled (widget, "wizard.cancel", busy);
  gtk_widget_action_set_enabled (widget, "wizard.retry", !busy);
  gtk_widget_action_set_enabled (widget, "wizard.open-link", has_link);
  gtk_widget_action_set_enabled (widget, "wizard.copy-link", has_link);
  gtk_widget_action_set_enabled (widget, "wizard.test", can_test);
  gtk_widget_action_set_enabled (widget, "wizard.save", !busy && has_access);
  gtk_widget_action_set_enabled (widget, "wizard.export", has_access);
  gtk_widget_action_set_enabled (widget, "wizard.refresh", can_manage);
  gtk_widget_action_set_enabled (widget, "wizard.revoke", can_manage);
  set_button_label (self->continue_button,
                    self->step == CS_WIZARD_STEP_ACCESS || self->step == CS_WIZARD_STEP_TOKENS
                    ? _("Done") : _("Continue"));
  show_continue_reason (self);

  /* GTK drops the default widget when it is hidden: Enter must find it again. */
  if (!busy && gtk_widget_get_mapped (widget))
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      if (GTK_IS_WINDOW (root))
        gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->continue_button));
    }
}

void
_cs_wizard_cancel (CsWizard *self)
{
  CsWizardOp op = self->op;

  if (!_cs_wizard_is_busy (self))
    return;

  _cs_wizard_drop_cancellable (self);
  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  _cs_wizard_show_cancelled (self, op);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static void
oauth2_start_over (gpointer user_data)
{
  CsWizard *self = CS_WIZARD (user_data);

  _cs_wizard_oauth2_clear (self);
  _cs_wizard_set_step (self, CS_WIZARD_STEP_PROVIDER);
}

static void
leave_finished (gpointer user_data)
{
  _cs_wizard_emit_finished (CS_WIZARD (user_data));
}

static void
leave_closed (gpointer user_data)
{
  _cs_wizard_emit_closed (CS_WIZARD (user_data));
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);

  /* Pressed twice, or Enter while a request runs: one request only. */
  if (_cs_wizard_is_busy (self) || !can_continue (self))
    return;

  switch (self->step)
    {
    case CS_WIZARD_STEP_PROVIDER:
      if (cs_provider_page_get_oauth2 (self->provider_page))
        _cs_wizard_oauth2_show_client (self);
      else
        _cs_wizard_start_request_token (self);
      break;

    case CS_WIZARD_STEP_CLIENT:
      _cs_wizard_oauth2_show_scopes (self);
      break;

    case CS_WIZARD_STEP_SCOPES:
      _cs_wizard_oauth2_begin (self);
      break;

    case CS_WIZARD_STEP_O2_AUTHORIZE:
      _cs_wizard_oauth2_submit (self,
                                cs_oauth2_authorize_page_get_entry (self->oauth2_authorize_page));
      break;

    case CS_WIZARD_STEP_REQUEST:
      _cs_wizard_show_authorize (self);
      break;

    case CS_WIZARD_STEP_AUTHORIZE:
      _cs_wizard_submit_verifier (self);
      break;

    case CS_WIZARD_STEP_ACCESS:
    case CS_WIZARD_STEP_TOKENS:
      /* An access token not in the keyring is not thrown away without asking. */
      cs_wizard_leave (self, leave_finished, g_object_ref (self), g_object_unref);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The code is given out once: from the tokens, Back starts over (inputs kept); from the
 * consent page, the scopes (a new request, with a new state, when Continue is pressed). */
static void
oauth2_back (CsWizard *self)
{
  switch (self->step)
    {
    case CS_WIZARD_STEP_CLIENT:
      _cs_wizard_set_step (self, CS_WIZARD_STEP_PROVIDER);
      break;
    case CS_WIZARD_STEP_SCOPES:
      _cs_wizard_set_step (self, CS_WIZARD_STEP_CLIENT);
      break;
    case CS_WIZARD_STEP_O2_AUTHORIZE:
      _cs_wizard_set_step (self, CS_WIZARD_STEP_SCOPES);
      break;
    case CS_WIZARD_STEP_TOKENS:
    default:
      if (self->oauth2_token != NULL)
        cs_wizard_leave (self, oauth2_start_over, g_object_ref (self), g_object_unref);
      else
        _cs_wizard_set_step (self, CS_WIZARD_STEP_SCOPES);
      break;
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);

  if (_cs_wizard_is_busy (self))
    return;

  if (self->oauth2)
    {
      oauth2_back (self);
      return;
    }
  /* After the access token the request token is used up: start over, inputs kept. */
  if (self->step == CS_WIZARD_STEP_PROVIDER)
    cs_wizard_leave (self, leave_closed, g_object_ref (self), g_object_unref);
  else if (self->step == CS_WIZARD_STEP_ACCESS && _cs_wizard_get_access_token (self) != NULL)
    _cs_wizard_set_step (self, CS_WIZARD_STEP_PROVIDER);
  /* A failed attempt used it up: a PIN entered again needs a new request token and link. */
  else if (self->step == CS_WIZARD_STEP_ACCESS
           && cs_authorization_get_request_token_spent (self->authorization))
    _cs_wizard_renew_request_token (self, TRUE);
  else
    _cs_wizard_set_step (self, self->step - 1);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _cs_wizard_cancel (CS_WIZARD (widget));
}

/* The request of the step shown, again, after the provider refused it. */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);

  /* The code was spent on the refused exchange: a new request, a new consent. */
  if (self->step == CS_WIZARD_STEP_TOKENS && self->oauth2_token == NULL)
    _cs_wizard_oauth2_begin (self);
  else if (self->step == CS_WIZARD_STEP_REQUEST)
    _cs_wizard_start_request_token (self);
  /* The same verifier again cannot work once the request token is used up. */
  else if (self->step == CS_WIZARD_STEP_ACCESS && _cs_wizard_get_access_token (self) == NULL
           && cs_authorization_get_request_token_spent (self->authorization))
    _cs_wizard_renew_request_token (self, FALSE);
  else if (self->step == CS_WIZARD_STEP_ACCESS)
    _cs_wizard_start_access_token (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);

  if (self->oauth2)
    _cs_wizard_oauth2_save (self);
  else
    _cs_wizard_start_save (self);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);

  if (self->oauth2)
    _cs_wizard_oauth2_test (self);
  else
    _cs_wizard_start_test (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _cs_wizard_oauth2_refresh (CS_WIZARD (widget));
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _cs_wizard_oauth2_revoke (CS_WIZARD (widget));
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);
  const char *url = self->oauth2 ? _cs_wizard_oauth2_get_authorize_url (self)
                                 : _cs_wizard_get_authorize_url (self);

  if (url == NULL)
    return;

  /* The application opens it, and says so when no browser could. */
  gtk_widget_activate_action (widget, "app.open-uri", "s", url);
  if (self->oauth2)
    {
      if (!_cs_wizard_is_busy (self))
        cs_oauth2_authorize_page_focus_entry (self->oauth2_authorize_page);
    }
  else if (self->callback_mode != CS_CALLBACK_MODE_LOOPBACK)
    cs_authorize_page_focus_entry (self->authorize_page);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);
  const char *url = self->oauth2 ? _cs_wizard_oauth2_get_authorize_url (self)
                                 : _cs_wizard_get_authorize_url (self);

  if (url != NULL)
    cs_clipboard_copy (widget, url, FALSE, _("Copied the link"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);
  CsCredentials *token = _cs_wizard_get_access_token (self);
  const CsConsumer *consumer;
  CsExportData data = { 0 };

  if (self->oauth2)
    {
      _cs_wizard_oauth2_export (self, g_variant_get_string (parameter, NULL));
      return;
    }
  if (token == NULL)
    return;

  consumer = cs_authorization_get_consumer (self->authorization);
  data.provider = cs_authorization_get_provider (self->authorization);
  data.consumer_key = consumer->key;
  data.consumer_secret = consumer->secret;
  data.token = cs_credentials_get_token (token);
  data.token_secret = cs_credentials_get_token_secret (token);
  data.account = cs_authorization_get_account (self->authorization);
  data.user_id = cs_credentials_get_user_id (token);
  cs_share_export_to_clipboard (widget, &data, g_variant_get_string (parameter, NULL));
}

void
_cs_wizard_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "wizard.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "wizard.open-link", NULL, open_link_action);
  gtk_widget_class_install_action (widget_class, "wizard.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "wizard.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "wizard.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "wizard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "wizard.revoke", NULL, revoke_action);
  /* The format's name (cs_share_export_menu_new_full). */
  gtk_widget_class_install_action (widget_class, "wizard.export", "s", export_action);
}
