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

/* Step 1 says what Continue waits for, in its tooltip and to a screen reader. */
static void
show_continue_reason (CsWizard *self)
{
  const char *reason = self->step == CS_WIZARD_STEP_PROVIDER
                       ? cs_provider_page_get_reason (self->provider_page) : NULL;

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
  gboolean has_access = _cs_wizard_get_access_token (self) != NULL;
  gboolean has_link = _cs_wizard_get_authorize_url (self) != NULL;
  /* Only with an access token is there a provider to ask. */
  gboolean can_test = !busy && has_access
                      && cs_provider_get_verify_url (_cs_wizard_get_provider (self)) != NULL;

  gtk_widget_action_set_enabled (widget, "wizard.continue", !busy && can_continue (self));
  gtk_widget_action_set_enabled (widget, "wizard.back", !busy);
  gtk_widget_action_set_enabled (widget, "wizard.cancel", busy);
  gtk_widget_action_set_enabled (widget, "wizard.retry", !busy);
  gtk_widget_action_set_enabled (widget, "wizard.open-link", has_link);
  gtk_widget_action_set_enabled (widget, "wizard.copy-link", has_link);
  gtk_widget_action_set_enabled (widget, "wizard.test", can_test);
  gtk_widget_action_set_enabled (widget, "wizard.save", !busy && has_access);
  gtk_widget_action_set_enabled (widget, "wizard.export", has_access);
  set_button_label (self->continue_button,
                    self->step == CS_WIZARD_STEP_ACCESS ? _("Done") : _("Continue"));
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
      _cs_wizard_start_request_token (self);
      break;

    case CS_WIZARD_STEP_REQUEST:
      _cs_wizard_show_authorize (self);
      break;

    case CS_WIZARD_STEP_AUTHORIZE:
      _cs_wizard_submit_verifier (self);
      break;

    case CS_WIZARD_STEP_ACCESS:
      /* An access token not in the keyring is not thrown away without asking. */
      cs_wizard_leave (self, leave_finished, g_object_ref (self), g_object_unref);
      break;

    default:
      g_assert_not_reached ();
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

  if (self->step == CS_WIZARD_STEP_REQUEST)
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
  _cs_wizard_start_save (CS_WIZARD (widget));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _cs_wizard_start_test (CS_WIZARD (widget));
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);
  const char *url = _cs_wizard_get_authorize_url (self);

  if (url == NULL)
    return;

  /* The application opens it, and says so when no browser could. */
  gtk_widget_activate_action (widget, "app.open-uri", "s", url);
  if (self->callback_mode != CS_CALLBACK_MODE_LOOPBACK)
    cs_authorize_page_focus_entry (self->authorize_page);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *url = _cs_wizard_get_authorize_url (CS_WIZARD (widget));

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
  /* The format's name (cs_share_export_menu_new_full). */
  gtk_widget_class_install_action (widget_class, "wizard.export", "s", export_action);
}
