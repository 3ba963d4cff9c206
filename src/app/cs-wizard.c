/* cs-wizard.c — the four steps from consumer credentials to an access token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wizard is a view of one CsAuthorization (src/flow), which makes every request: the
 * pages show and collect, the wizard starts the flow's steps and shows how they end. Each
 * running operation has its own GCancellable; Cancel, Escape and dispose cancel it, and
 * callbacks of a cancelled operation touch nothing. This file is the widget: steps, busy
 * state and the public API; the actions are in cs-wizard-actions.c, the flow's steps in
 * cs-wizard-flow.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-compat.h"
#include "cs-unsaved-dialog.h"
#include "cs-wizard-private.h"

G_DEFINE_FINAL_TYPE (CsWizard, cs_wizard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STEP,
  PROP_BUSY,
  N_PROPS
};

enum {
  FINISHED,
  CLOSED,
  PROVIDER_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct
{
  const char *page;
  const char *title;
  const char *description;
} steps[CS_WIZARD_N_PAGES] = {
  { "provider", N_("Provider and Consumer"),
    N_("Choose the service and enter the consumer key and secret of your app.") },
  { "request", N_("Request Token"),
    N_("A temporary token that identifies this authorization.") },
  { "authorize", N_("Authorize"),
    N_("Open the link, sign in and allow the app. The provider then hands back a verifier.") },
  { "access", N_("Access Token"),
    N_("The token and secret your app uses to act for this account.") },
  { "client", N_("Client"),
    N_("The OAuth 2.0 client of your app, and where the browser comes back to.") },
  { "scopes", N_("Scopes"),
    N_("What the app asks to do for the account.") },
  { "oauth2-authorize", N_("Authorize"),
    N_("Open the consent page, sign in and allow the app. The browser then comes back with a "
       "code that Countersign exchanges for tokens.") },
  { "tokens", N_("Tokens"),
    N_("The access token your app sends as a bearer token, and the refresh token that renews "
       "it.") },
};

/* The step as the user counts it: OAuth 2.0's client page is step 2 of 5. */
static guint
step_number (CsWizard *self,
             guint    *total)
{
  gboolean oauth2 = self->step >= CS_WIZARD_STEP_CLIENT
                    || (self->step == CS_WIZARD_STEP_PROVIDER
                        && cs_provider_page_get_oauth2 (self->provider_page));

  *total = oauth2 ? CS_WIZARD_N_OAUTH2_STEPS : CS_WIZARD_N_STEPS;
  return self->step >= CS_WIZARD_STEP_CLIENT ? self->step - CS_WIZARD_STEP_CLIENT + 2
                                             : self->step + 1;
}

void
_cs_wizard_show_step_number (CsWizard *self)
{
  g_autofree char *step_text = NULL;
  guint total = 0;
  guint number = step_number (self, &total);

  /* Translators: the wizard's progress, e.g. "Step 2 of 4". */
  step_text = g_strdup_printf (_("Step %u of %u"), number, total);
  gtk_label_set_text (self->step_label, step_text);
}

gboolean
_cs_wizard_is_busy (CsWizard *self)
{
  return self->op != CS_WIZARD_OP_NONE;
}

void
_cs_wizard_set_op (CsWizard   *self,
                   CsWizardOp  op)
{
  gboolean was_busy = _cs_wizard_is_busy (self);

  self->op = op;
  if (op != CS_WIZARD_OP_NONE && self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  /* Continue and Cancel follow the busy property (cs-wizard.ui). */
  if (was_busy != _cs_wizard_is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  _cs_wizard_update_actions (self);

  /* Keep the keyboard focus somewhere useful when buttons appear and disappear. */
  if (_cs_wizard_is_busy (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

void
_cs_wizard_drop_cancellable (CsWizard *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

void
_cs_wizard_set_step (CsWizard *self,
                     guint     step)
{
  g_assert (step < CS_WIZARD_N_PAGES);

  self->step = step;
  if (step == CS_WIZARD_STEP_PROVIDER)
    self->oauth2 = FALSE;
  _cs_wizard_show_step_number (self);
  gtk_label_set_text (self->title_label, _(steps[step].title));
  gtk_label_set_text (self->description_label, _(steps[step].description));
  gtk_stack_set_visible_child_name (self->pages, steps[step].page);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  _cs_wizard_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

void
_cs_wizard_set_note (CsWizard   *self,
                     const char *text)
{
  gtk_label_set_text (self->description_label, text);
}

void
_cs_wizard_emit_finished (CsWizard *self)
{
  const char *saved_id = self->authorization != NULL
                         ? cs_authorization_get_saved_id (self->authorization) : NULL;

  if (self->oauth2)
    saved_id = self->oauth2_saved_id;

  g_signal_emit (self, signals[FINISHED], 0, saved_id);
}

void
_cs_wizard_emit_closed (CsWizard *self)
{
  g_signal_emit (self, signals[CLOSED], 0);
}

void
_cs_wizard_emit_provider_created (CsWizard   *self,
                                  CsProvider *provider)
{
  g_signal_emit (self, signals[PROVIDER_CREATED], 0, provider);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  CsWizard *self = CS_WIZARD (widget);

  if (!_cs_wizard_is_busy (self) || !gtk_widget_get_mapped (widget))
    return FALSE;

  _cs_wizard_cancel (self);
  return TRUE;
}

/* ------------------------------------------------------------------ GObject */

/* The window is going away (callbacks may still hold a reference to the wizard): stop
 * whatever runs now rather than when the last reference goes. */
static void
cs_wizard_unroot (GtkWidget *widget)
{
  CsWizard *self = CS_WIZARD (widget);

  _cs_wizard_drop_cancellable (self);
  if (_cs_wizard_is_busy (self))
    {
      self->op = CS_WIZARD_OP_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  GTK_WIDGET_CLASS (cs_wizard_parent_class)->unroot (widget);
}

static void
cs_wizard_dispose (GObject *object)
{
  CsWizard *self = (CsWizard *)object;

  /* Closing the window mid-request: the callbacks see G_IO_ERROR_CANCELLED. */
  _cs_wizard_clear_flow (self);
  _cs_wizard_oauth2_clear (self);
  g_clear_object (&self->oauth2_provider);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WIZARD);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  if (self->registry != NULL)
    g_clear_signal_handler (&self->providers_changed_id, self->registry);
  g_clear_object (&self->registry);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cs_wizard_parent_class)->dispose (object);
}

static void
cs_wizard_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsWizard *self = CS_WIZARD (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_uint (value, cs_wizard_get_step (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, _cs_wizard_is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_wizard_class_init (CsWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_wizard_dispose;
  object_class->get_property = cs_wizard_get_property;
  widget_class->unroot = cs_wizard_unroot;

  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 1, CS_WIZARD_N_OAUTH2_STEPS, 1,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The id of the saved credentials, or NULL when they were not saved. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A Custom provider that worked, now named after its host: the window saves it. */
  signals[PROVIDER_CREATED] = g_signal_new ("provider-created", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, CS_TYPE_PROVIDER);

  _cs_wizard_class_actions_init (widget_class);

  g_type_ensure (CS_TYPE_PROVIDER_PAGE);
  g_type_ensure (CS_TYPE_REQUEST_PAGE);
  g_type_ensure (CS_TYPE_AUTHORIZE_PAGE);
  g_type_ensure (CS_TYPE_RESULT_PAGE);
  g_type_ensure (CS_TYPE_CLIENT_PAGE);
  g_type_ensure (CS_TYPE_SCOPES_PAGE);
  g_type_ensure (CS_TYPE_OAUTH2_AUTHORIZE_PAGE);
  g_type_ensure (CS_TYPE_OAUTH2_RESULT_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cs-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWizard, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, step_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, description_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, pages);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, provider_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, request_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, authorize_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, result_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, client_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, scopes_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, oauth2_authorize_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, oauth2_result_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, continue_button);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, _cs_wizard_update_actions);
  gtk_widget_class_bind_template_callback (widget_class, _cs_wizard_show_step_number);
}

static void
cs_wizard_init (CsWizard *self)
{
  GtkEventController *shortcuts;
  GtkShortcut *escape;

  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->pages);
  cs_compat_name_entry_rows (GTK_WIDGET (self->pages));

  /* Escape cancels wherever the focus is, as long as the wizard is shown and busy. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                             gtk_callback_action_new (escape_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), escape);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  _cs_wizard_set_step (self, CS_WIZARD_STEP_PROVIDER);
}

static void
providers_changed_cb (CsWizard *self)
{
  cs_provider_page_set_providers (self->provider_page,
                                  cs_provider_registry_get_providers (self->registry));
}

void
cs_wizard_setup (CsWizard           *self,
                 CsOAuthClient      *client,
                 CsTokenStore       *store,
                 CsProviderRegistry *registry)
{
  g_return_if_fail (CS_IS_WIZARD (self));
  g_return_if_fail (CS_IS_OAUTH_CLIENT (client));
  g_return_if_fail (CS_IS_TOKEN_STORE (store));
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (registry));

  g_set_object (&self->client, client);
  g_set_object (&self->store, store);
  if (self->registry != registry)
    {
      if (self->registry != NULL)
        g_clear_signal_handler (&self->providers_changed_id, self->registry);
      g_set_object (&self->registry, registry);
      self->providers_changed_id = g_signal_connect_swapped (registry, "providers-changed",
                                                             G_CALLBACK (providers_changed_cb),
                                                             self);
    }
  providers_changed_cb (self);
}

void
cs_wizard_start (CsWizard   *self,
                 const char *provider_id,
                 const char *consumer_key,
                 const char *consumer_secret)
{
  g_return_if_fail (CS_IS_WIZARD (self));

  _cs_wizard_clear_flow (self);
  cs_request_page_clear (self->request_page);
  cs_result_page_clear (self->result_page);
  _cs_wizard_oauth2_clear (self);
  cs_oauth2_result_page_clear (self->oauth2_result_page);
  cs_provider_page_prefill (self->provider_page, provider_id, consumer_key, consumer_secret);
  _cs_wizard_set_step (self, CS_WIZARD_STEP_PROVIDER);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

guint
cs_wizard_get_step (CsWizard *self)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), 0);

  {
    guint total = 0;

    return step_number (self, &total);
  }
}

gboolean
cs_wizard_get_busy (CsWizard *self)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), FALSE);

  return _cs_wizard_is_busy (self);
}

GtkWidget *
cs_wizard_get_default_widget (CsWizard *self)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), NULL);

  return GTK_WIDGET (self->continue_button);
}

void
cs_wizard_focus_first (CsWizard *self)
{
  g_return_if_fail (CS_IS_WIZARD (self));

  _cs_wizard_update_actions (self);
  if (self->step == CS_WIZARD_STEP_PROVIDER)
    cs_provider_page_focus_first (self->provider_page);
  else if (self->step == CS_WIZARD_STEP_CLIENT)
    cs_client_page_focus_first (self->client_page);
}

/* ------------------------------------------------------------------ leaving */

gboolean
cs_wizard_get_unsaved (CsWizard *self)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), FALSE);

  if (self->oauth2)
    return self->oauth2_token != NULL && !self->let_go && self->oauth2_saved_id == NULL;
  return _cs_wizard_get_access_token (self) != NULL && !self->let_go
         && cs_authorization_get_saved_id (self->authorization) == NULL;
}

void
_cs_wizard_finish_leave (CsWizard *self,
                         gboolean  run)
{
  CsWizardLeaveFunc func = self->leave_func;
  gpointer data = self->leave_data;
  GDestroyNotify destroy = self->leave_destroy;

  self->leave_func = NULL;
  self->leave_data = NULL;
  self->leave_destroy = NULL;
  if (run && func != NULL)
    func (data);
  if (destroy != NULL)
    destroy (data);
}

static void
unsaved_choice_cb (CsUnsavedChoice choice,
                   gpointer        user_data)
{
  CsWizard *self = user_data;

  switch (choice)
    {
    case CS_UNSAVED_SAVE:
      /* Leaves when the save works (save_cb); on an error it stays, with the reason. */
      if (self->oauth2)
        _cs_wizard_oauth2_save (self);
      else
        _cs_wizard_start_save (self);
      if (!_cs_wizard_is_busy (self))
        _cs_wizard_finish_leave (self, FALSE);
      break;

    case CS_UNSAVED_COPY:
      gtk_widget_activate_action (GTK_WIDGET (self), "wizard.export", "s", "env");
      self->let_go = TRUE;
      _cs_wizard_finish_leave (self, TRUE);
      break;

    case CS_UNSAVED_DISCARD:
      self->let_go = TRUE;
      _cs_wizard_finish_leave (self, TRUE);
      break;

    case CS_UNSAVED_CANCEL:
    default:
      _cs_wizard_finish_leave (self, FALSE);
      break;
    }
}

void
cs_wizard_leave (CsWizard          *self,
                 CsWizardLeaveFunc  func,
                 gpointer           user_data,
                 GDestroyNotify     destroy)
{
  g_return_if_fail (CS_IS_WIZARD (self));
  g_return_if_fail (func != NULL);

  /* Asked once: a second Done while the dialog is up does nothing more. */
  if (self->leave_func != NULL || _cs_wizard_is_busy (self))
    {
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  self->leave_func = func;
  self->leave_data = user_data;
  self->leave_destroy = destroy;
  if (!cs_wizard_get_unsaved (self))
    {
      _cs_wizard_finish_leave (self, TRUE);
      return;
    }
  cs_unsaved_dialog_ask (GTK_WIDGET (self), unsaved_choice_cb, g_object_ref (self),
                         g_object_unref);
}
