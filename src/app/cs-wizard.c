/* cs-wizard.c — the four steps from consumer credentials to an access token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wizard is the controller of the flow: the pages show and collect, and every request
 * goes through src/oauth (CsOAuthClient, CsCallbackServer) and src/store. Each running
 * operation has its own GCancellable; Cancel, Escape and dispose cancel it, and callbacks
 * of a cancelled operation touch nothing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-application.h"
#include "cs-callback-server.h"
#include "cs-clipboard.h"
#include "cs-demo-provider.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider-page.h"
#include "cs-share.h"
#include "cs-value-row.h"
#include "cs-window.h"
#include "cs-wizard.h"

#define N_STEPS 4
#define CALLBACK_TIMEOUT_SECONDS 600

typedef enum
{
  OP_NONE,
  OP_REQUEST_TOKEN,
  OP_WAIT_CALLBACK,
  OP_ACCESS_TOKEN,
  OP_SAVE,
  OP_TEST,
} Operation;

struct _CsWizard
{
  GtkWidget            parent_instance;

  GtkScrolledWindow   *scroller;
  GtkLabel            *step_label;
  GtkLabel            *title_label;
  GtkLabel            *description_label;
  GtkStack            *pages;
  CsProviderPage      *provider_page;
  GtkStack            *request_stack;
  GtkLabel            *request_busy_label;
  GtkLabel            *request_error_label;
  AdwPreferencesGroup *request_group;
  GtkLabel            *authorize_url_label;
  GtkButton           *open_button;
  GtkStack            *verifier_stack;
  AdwPreferencesGroup *pin_group;
  AdwEntryRow         *pin_row;
  GtkLabel            *denied_title;
  GtkLabel            *denied_label;
  GtkStack            *access_stack;
  GtkLabel            *access_error_label;
  AdwPreferencesGroup *access_group;
  GtkMenuButton       *export_button;
  AdwActionRow        *test_row;
  GtkSpinner          *test_spinner;
  GtkButton           *test_button;
  AdwActionRow        *keyring_row;
  GtkSpinner          *keyring_spinner;
  GtkButton           *keyring_retry_button;
  GtkButton           *back_button;
  GtkButton           *continue_button;
  GtkButton           *cancel_button;

  GPtrArray           *request_rows;
  GPtrArray           *access_rows;

  CsOAuthClient       *client;
  CsTokenStore        *store;
  GCancellable        *cancellable;
  Operation            op;
  guint                step;

  /* The flow, fixed when step 1 is left. */
  CsProvider          *provider;
  GPtrArray           *providers; /* the window's list, shared */
  char                *consumer_key;
  char                *consumer_secret;
  CsCallbackMode       callback_mode;
  gboolean             store_enabled;
  gboolean             store_consumer_secret;
  CsCallbackServer    *callback_server;
  CsCredentials       *request_token;
  char                *authorize_url;
  char                *verifier;
  CsCredentials       *access_token;
  char                *saved_id;
};

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

static void start_request_token (CsWizard *self);
static void start_access_token (CsWizard *self);
static void start_save (CsWizard *self);

static const struct
{
  const char *page;
  const char *title;
  const char *description;
} steps[N_STEPS] = {
  { "provider", N_("Provider and Consumer"),
    N_("Choose the service and enter the consumer key and secret of your app.") },
  { "request", N_("Request Token"),
    N_("A temporary token that identifies this authorization.") },
  { "authorize", N_("Authorize"),
    N_("Open the link, sign in and allow the app. The provider then hands back a verifier.") },
  { "access", N_("Access Token"),
    N_("The token and secret your app uses to act for this account.") },
};

/* The visible label is the accessible name: tests and screen readers find it by that. */
static void
set_button_label (GtkButton  *button,
                  const char *label)
{
  gtk_button_set_label (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
is_busy (CsWizard *self)
{
  return self->op != OP_NONE;
}

static gboolean
can_continue (CsWizard *self)
{
  const char *page;

  switch (self->step)
    {
    case 0:
      return cs_provider_page_get_valid (self->provider_page);
    case 1:
      return self->request_token != NULL;
    case 2:
      page = gtk_stack_get_visible_child_name (self->verifier_stack);
      return g_strcmp0 (page, "pin") == 0
             && *gtk_editable_get_text (GTK_EDITABLE (self->pin_row)) != '\0';
    case 3:
      return self->access_token != NULL;
    default:
      return FALSE;
    }
}

static void
update_buttons (CsWizard *self)
{
  gboolean busy = is_busy (self);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), !busy && can_continue (self));
  set_button_label (self->continue_button, self->step == N_STEPS - 1 ? _("Done") : _("Continue"));

  /* GTK drops the default widget when it is hidden: Enter must find it again. */
  if (!busy && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root))
        gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->continue_button));
    }
}

static void
set_op (CsWizard  *self,
        Operation  op)
{
  gboolean was_busy = is_busy (self);

  self->op = op;
  if (op != OP_NONE && self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  update_buttons (self);
  if (was_busy != is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* Keep the keyboard focus somewhere useful when buttons appear and disappear. */
  if (is_busy (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

/* A fresh cancellable for the next operation; the old one stays cancelled. */
static void
drop_cancellable (CsWizard *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
set_step (CsWizard *self,
          guint     step)
{
  g_autofree char *step_text = NULL;

  g_assert (step < N_STEPS);

  self->step = step;
  /* Translators: the wizard's progress, e.g. "Step 2 of 4". */
  step_text = g_strdup_printf (_("Step %u of %u"), step + 1, N_STEPS);
  gtk_label_set_text (self->step_label, step_text);
  gtk_label_set_text (self->title_label, _(steps[step].title));
  gtk_label_set_text (self->description_label, _(steps[step].description));
  gtk_stack_set_visible_child_name (self->pages, steps[step].page);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static gboolean
is_secret_param (const char *name)
{
  return g_str_has_suffix (name, "secret");
}

/* Every field the provider sent, in its order, so nothing is hidden from the developer.
 * With @access, the token is the access token: shown, but a secret on the clipboard. */
static void
show_params (AdwPreferencesGroup *group,
             GPtrArray           *rows,
             CsCredentials       *credentials,
             gboolean             access)
{
  GPtrArray *params = cs_credentials_get_params (credentials);

  clear_rows (group, rows);
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);
      GtkWidget *row = cs_value_row_new (param->name, param->value, is_secret_param (param->name));

      if (access && g_str_equal (param->name, "oauth_token"))
        cs_value_row_set_clear_copied (CS_VALUE_ROW (row), TRUE);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
}

static void
clear_flow (CsWizard *self)
{
  drop_cancellable (self);
  self->op = OP_NONE;
  g_clear_object (&self->provider);
  g_clear_object (&self->callback_server);
  g_clear_pointer (&self->consumer_key, g_free);
  g_clear_pointer (&self->consumer_secret, cs_secret_free);
  g_clear_pointer (&self->request_token, cs_credentials_unref);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->verifier, cs_secret_free);
  g_clear_pointer (&self->access_token, cs_credentials_unref);
  g_clear_pointer (&self->saved_id, g_free);
}

static CsConsumer
consumer (CsWizard *self)
{
  CsConsumer c = { self->consumer_key, self->consumer_secret, NULL };

  return c;
}

/* ------------------------------------------------------------------ step 2: request token */

static void
request_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  CsCredentials *token;

  token = cs_oauth_client_request_token_finish (CS_OAUTH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_op (self, OP_NONE);
  if (token == NULL)
    {
      gtk_label_set_text (self->request_error_label, error->message);
      gtk_stack_set_visible_child_name (self->request_stack, "error");
      update_buttons (self);
      return;
    }

  g_clear_pointer (&self->request_token, cs_credentials_unref);
  self->request_token = token;
  show_params (self->request_group, self->request_rows, token, FALSE);
  gtk_stack_set_visible_child_name (self->request_stack, "done");
  update_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static gboolean
resolve_provider (CsWizard  *self,
                  GError   **error)
{
  g_autoptr (CsProvider) provider = cs_provider_page_dup_provider (self->provider_page);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  g_clear_object (&self->provider);
  if (provider != NULL && cs_provider_get_is_demo (provider) && CS_IS_APPLICATION (app))
    {
      /* The demo runs in this process, on a port chosen when it starts. */
      CsDemoProvider *demo = cs_application_get_demo_provider (CS_APPLICATION (app), error);

      if (demo == NULL)
        return FALSE;
      self->provider = g_object_ref (cs_demo_provider_get_provider (demo));
      return TRUE;
    }

  self->provider = g_steal_pointer (&provider);
  return self->provider != NULL;
}

static const char *
callback_for_request (CsWizard  *self,
                      GError   **error)
{
  switch (self->callback_mode)
    {
    case CS_CALLBACK_MODE_LOOPBACK:
      g_clear_object (&self->callback_server);
      self->callback_server = cs_callback_server_new (error);
      return self->callback_server != NULL ? cs_callback_server_get_url (self->callback_server)
                                           : NULL;
    case CS_CALLBACK_MODE_CUSTOM:
      return cs_provider_page_get_custom_callback (self->provider_page);
    case CS_CALLBACK_MODE_PIN:
    default:
      return "oob";
    }
}

static void
show_request_error (CsWizard   *self,
                    const char *message)
{
  gtk_label_set_text (self->request_error_label, message);
  gtk_stack_set_visible_child_name (self->request_stack, "error");
  set_step (self, 1);
}

static void
start_request_token (CsWizard *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *busy_text = NULL;
  const char *callback;
  CsConsumer c;

  if (is_busy (self) || !cs_provider_page_get_valid (self->provider_page))
    return;

  cs_provider_page_remember (self->provider_page);
  g_clear_pointer (&self->request_token, cs_credentials_unref);
  g_clear_pointer (&self->consumer_key, g_free);
  g_clear_pointer (&self->consumer_secret, cs_secret_free);
  self->consumer_key = g_strdup (cs_provider_page_get_consumer_key (self->provider_page));
  self->consumer_secret = g_strdup (cs_provider_page_get_consumer_secret (self->provider_page));
  self->callback_mode = cs_provider_page_get_callback_mode (self->provider_page);
  self->store_enabled = cs_provider_page_get_store (self->provider_page);
  self->store_consumer_secret = cs_provider_page_get_store_consumer_secret (self->provider_page);

  if (!resolve_provider (self, &error) || (callback = callback_for_request (self, &error)) == NULL)
    {
      show_request_error (self, error != NULL ? error->message : _("No provider is chosen."));
      return;
    }

  /* Translators: %s is a provider name, e.g. "X (Twitter)". */
  busy_text = g_strdup_printf (_("Asking %s for a request token…"),
                               cs_provider_get_name (self->provider));
  gtk_label_set_text (self->request_busy_label, busy_text);
  gtk_stack_set_visible_child_name (self->request_stack, "busy");
  set_step (self, 1);
  set_op (self, OP_REQUEST_TOKEN);

  c = consumer (self);
  cs_oauth_client_set_allow_insecure_http (self->client,
                                           cs_provider_page_get_allow_insecure (self->provider_page));
  cs_oauth_client_request_token_async (self->client, self->provider, &c, callback,
                                       cs_provider_page_get_access_type (self->provider_page),
                                       self->cancellable, request_token_cb, g_object_ref (self));
}

static void
request_retry_cb (CsWizard *self)
{
  start_request_token (self);
}

/* ------------------------------------------------------------------ step 3: authorize */

static void
show_denied (CsWizard   *self,
             const char *title,
             const char *message)
{
  gtk_label_set_text (self->denied_title, title);
  gtk_label_set_text (self->denied_label, message);
  gtk_stack_set_visible_child_name (self->verifier_stack, "denied");
  update_buttons (self);
}

static void
callback_wait_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  char *verifier;

  verifier = cs_callback_server_wait_finish (CS_CALLBACK_SERVER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_op (self, OP_NONE);
  if (verifier == NULL)
    {
      if (g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED))
        show_denied (self, _("Access Denied"),
                     _("The authorization was denied in the browser. Go back to start again."));
      else
        show_denied (self, _("No Answer From the Browser"), error->message);
      return;
    }

  g_clear_pointer (&self->verifier, cs_secret_free);
  self->verifier = verifier;
  start_access_token (self);
}

static void
show_authorize (CsWizard *self)
{
  g_clear_pointer (&self->authorize_url, g_free);
  self->authorize_url = cs_oauth_authorize_url (self->provider, self->request_token,
                                                FALSE, FALSE, NULL);
  gtk_label_set_text (self->authorize_url_label, self->authorize_url);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");

  if (self->callback_mode == CS_CALLBACK_MODE_CUSTOM)
    adw_preferences_group_set_description (self->pin_group,
                                           _("Paste the oauth_verifier value, or the whole "
                                             "address the browser was sent to."));
  else
    adw_preferences_group_set_description (self->pin_group,
                                           _("After you allow the app, the provider shows a "
                                             "PIN. Type it here."));

  set_step (self, 2);
  if (self->callback_mode == CS_CALLBACK_MODE_LOOPBACK && self->callback_server != NULL)
    {
      gtk_stack_set_visible_child_name (self->verifier_stack, "waiting");
      set_op (self, OP_WAIT_CALLBACK);
      cs_callback_server_wait_async (self->callback_server,
                                     cs_credentials_get_token (self->request_token),
                                     CALLBACK_TIMEOUT_SECONDS, self->cancellable,
                                     callback_wait_cb, g_object_ref (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->verifier_stack, "pin");
      update_buttons (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
    }
}

/* What was typed or pasted: a PIN, a verifier, or the whole callback address. */
static char *
verifier_from_entry (CsWizard *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row))));
  const char *query = strchr (text, '?');

  if (query != NULL && strstr (query, "oauth_verifier=") != NULL)
    {
      g_autoptr (GHashTable) params = g_uri_parse_params (query + 1, -1, "&",
                                                          G_URI_PARAMS_NONE, NULL);
      const char *verifier = params != NULL ? g_hash_table_lookup (params, "oauth_verifier") : NULL;

      if (verifier != NULL)
        return g_strdup (verifier);
    }

  return g_steal_pointer (&text);
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!cs_application_launch_uri_finish (CS_APPLICATION (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (CS_IS_WINDOW (root))
        cs_window_add_toast (CS_WINDOW (root),
                             _("Could not open a browser. Copy the link instead."));
    }
}

static void
open_clicked_cb (CsWizard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (self->authorize_url == NULL || !CS_IS_APPLICATION (app))
    return;

  cs_application_launch_uri_async (CS_APPLICATION (app), GTK_WINDOW (root), self->authorize_url,
                                   NULL, launch_cb, g_object_ref (self));
  if (self->callback_mode != CS_CALLBACK_MODE_LOOPBACK)
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

static void
copy_link_clicked_cb (CsWizard *self)
{
  if (self->authorize_url != NULL)
    cs_clipboard_copy (GTK_WIDGET (self), self->authorize_url, FALSE, _("Copied the link"));
}

/* ------------------------------------------------------------------ step 4: access token */

static void
set_keyring_state (CsWizard   *self,
                   const char *subtitle,
                   gboolean    saving,
                   gboolean    can_retry)
{
  adw_action_row_set_subtitle (self->keyring_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_spinner), saving);
  gtk_spinner_set_spinning (self->keyring_spinner, saving);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_retry_button), can_retry);
  if (can_retry)
    gtk_widget_add_css_class (GTK_WIDGET (self->keyring_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->keyring_row), "error");
}

static char *provider_host (CsProvider *provider);

/* The Custom provider that just worked, as one to keep: named after its host, with an Id made
 * of the host's letters, digits, dots and dashes. */
static CsProvider *
name_custom_provider (CsWizard   *self,
                      CsProvider *entered)
{
  g_autofree char *host = provider_host (entered);
  g_autoptr (GString) id = g_string_new (NULL);
  CsProvider *existing;
  CsProvider *named;

  for (const char *p = host; *p != '\0'; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) || *p == '.' || *p == '-' ? g_ascii_tolower (*p) : '-');
  if (id->len == 0)
    g_string_assign (id, "provider");
  /* Never in place of a preset. */
  existing = self->providers != NULL ? cs_provider_list_lookup (self->providers, id->str) : NULL;
  if ((existing != NULL && !cs_provider_get_is_custom (existing)) || g_str_equal (id->str, "custom"))
    g_string_append (id, "-custom");

  named = cs_provider_new (id->str, *host != '\0' ? host : id->str);
  cs_provider_set_is_custom (named, TRUE);
  cs_provider_set_request_token_url (named, cs_provider_get_request_token_url (entered));
  cs_provider_set_authorize_url (named, cs_provider_get_authorize_url (entered));
  cs_provider_set_access_token_url (named, cs_provider_get_access_token_url (entered));
  cs_provider_set_verify_url (named, cs_provider_get_verify_url (entered));
  cs_provider_set_signature_method (named, cs_provider_get_signature_method (entered));
  return named;
}

static void
access_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  CsCredentials *token;

  token = cs_oauth_client_access_token_finish (CS_OAUTH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_op (self, OP_NONE);
  if (token == NULL)
    {
      gtk_label_set_text (self->access_error_label, error->message);
      gtk_stack_set_visible_child_name (self->access_stack, "error");
      update_buttons (self);
      return;
    }

  g_clear_pointer (&self->access_token, cs_credentials_unref);
  self->access_token = token;
  if (cs_provider_get_is_custom (self->provider)
      && g_strcmp0 (cs_provider_get_id (self->provider), "custom") == 0)
    {
      CsProvider *named = name_custom_provider (self, self->provider);

      g_clear_object (&self->provider);
      self->provider = named;
      g_signal_emit (self, signals[PROVIDER_CREATED], 0, named);
    }
  show_params (self->access_group, self->access_rows, token, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Ask the provider whose tokens these are"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button),
                            cs_provider_get_verify_url (self->provider) != NULL);
  gtk_stack_set_visible_child_name (self->access_stack, "done");
  update_buttons (self);

  if (self->store_enabled)
    start_save (self);
  else
    set_keyring_state (self, _("Not saved: saving in the keyring was switched off"), FALSE, FALSE);

  if (!is_busy (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static void
start_access_token (CsWizard *self)
{
  CsConsumer c;

  if (is_busy (self) || self->request_token == NULL || self->verifier == NULL)
    return;

  g_clear_pointer (&self->access_token, cs_credentials_unref);
  gtk_stack_set_visible_child_name (self->access_stack, "busy");
  set_step (self, 3);
  set_op (self, OP_ACCESS_TOKEN);

  c = consumer (self);
  cs_oauth_client_access_token_async (self->client, self->provider, &c, self->request_token,
                                      self->verifier, self->cancellable,
                                      access_token_cb, g_object_ref (self));
}

static void
access_retry_cb (CsWizard *self)
{
  start_access_token (self);
}

static const char *
access_account (CsWizard *self)
{
  const char *account = cs_credentials_get_screen_name (self->access_token);

  return account != NULL ? account : cs_credentials_get_user_id (self->access_token);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!cs_token_store_save_finish (CS_TOKEN_STORE (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_op (self, OP_NONE);
  if (error != NULL)
    {
      g_clear_pointer (&self->saved_id, g_free);
      /* The tokens stay on screen and copyable; nothing is written anywhere else. */
      set_keyring_state (self, error->message, FALSE, TRUE);
      return;
    }

  set_keyring_state (self, _("Saved in the keyring"), FALSE, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static char *
provider_host (CsProvider *provider)
{
  g_autoptr (GUri) uri = g_uri_parse (cs_provider_get_access_token_url (provider),
                                      G_URI_FLAGS_NONE, NULL);

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
}

static void
start_save (CsWizard *self)
{
  g_autoptr (CsStoredToken) token = NULL;
  g_autofree char *host = NULL;

  if (is_busy (self) || self->access_token == NULL || self->store == NULL)
    return;

  host = provider_host (self->provider);
  token = cs_stored_token_new (cs_provider_get_id (self->provider),
                               cs_provider_get_name (self->provider),
                               host, self->consumer_key, access_account (self),
                               cs_credentials_get_token (self->access_token),
                               cs_credentials_get_token_secret (self->access_token));
  g_free (self->saved_id);
  self->saved_id = g_strdup (cs_stored_token_get_id (token));

  set_keyring_state (self, _("Saving in the keyring…"), TRUE, FALSE);
  set_op (self, OP_SAVE);
  cs_token_store_save_async (self->store, token,
                             self->store_consumer_secret ? self->consumer_secret : NULL,
                             self->cancellable, save_cb, g_object_ref (self));
}

static void
keyring_retry_cb (CsWizard *self)
{
  start_save (self);
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *account = NULL;
  guint status = 0;

  body = cs_oauth_client_call_finish (CS_OAUTH_CLIENT (object), result, &status, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_op (self, OP_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  if (body != NULL)
    account = cs_share_parse_verify (body, status, &error);

  if (account == NULL)
    {
      adw_action_row_set_subtitle (self->test_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
      return;
    }

  {
    /* Translators: %s is an account, e.g. "@demo_user". */
    g_autofree char *text = g_strdup_printf (_("The tokens work: they belong to %s"), account);

    adw_action_row_set_subtitle (self->test_row, text);
    gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
  }
}

static void
test_clicked_cb (CsWizard *self)
{
  CsConsumer c;

  if (is_busy (self) || self->access_token == NULL
      || cs_provider_get_verify_url (self->provider) == NULL)
    return;

  adw_action_row_set_subtitle (self->test_row, _("Making a signed call…"));
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  set_op (self, OP_TEST);
  c = consumer (self);
  cs_oauth_client_call_async (self->client, self->provider, &c, self->access_token, "GET",
                              cs_provider_get_verify_url (self->provider), NULL,
                              self->cancellable, test_cb, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsWizard *self = CS_WIZARD (widget);
  CsExportData data = { 0 };

  if (self->access_token == NULL)
    return;

  data.provider = self->provider;
  data.consumer_key = self->consumer_key;
  data.consumer_secret = self->consumer_secret;
  data.token = cs_credentials_get_token (self->access_token);
  data.token_secret = cs_credentials_get_token_secret (self->access_token);
  data.account = access_account (self);
  data.user_id = cs_credentials_get_user_id (self->access_token);
  cs_share_export_to_clipboard (widget, &data, g_variant_get_string (parameter, NULL));
}

/* ------------------------------------------------------------------ navigation */

static void
continue_clicked_cb (CsWizard *self)
{
  /* Pressed twice, or Enter while a request runs: one request only. */
  if (is_busy (self) || !can_continue (self))
    return;

  switch (self->step)
    {
    case 0:
      start_request_token (self);
      break;

    case 1:
      show_authorize (self);
      break;

    case 2:
      g_clear_pointer (&self->verifier, cs_secret_free);
      self->verifier = verifier_from_entry (self);
      start_access_token (self);
      break;

    case 3:
      g_signal_emit (self, signals[FINISHED], 0, self->saved_id);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
back_clicked_cb (CsWizard *self)
{
  if (is_busy (self))
    return;

  if (self->step == 0)
    g_signal_emit (self, signals[CLOSED], 0);
  else if (self->step == 3 && self->access_token != NULL)
    set_step (self, 0); /* the request token is used up: start over, inputs kept */
  else
    set_step (self, self->step - 1);
}

static void
cancel (CsWizard *self)
{
  Operation op = self->op;

  if (!is_busy (self))
    return;

  drop_cancellable (self);
  set_op (self, OP_NONE);
  switch (op)
    {
    case OP_REQUEST_TOKEN:
    case OP_WAIT_CALLBACK:
      set_step (self, 0);
      break;

    case OP_ACCESS_TOKEN:
      set_step (self, 2);
      gtk_stack_set_visible_child_name (self->verifier_stack, "pin");
      update_buttons (self);
      break;

    case OP_SAVE:
      set_keyring_state (self, _("Not saved: saving was cancelled"), FALSE, TRUE);
      break;

    case OP_TEST:
      gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
      adw_action_row_set_subtitle (self->test_row, _("Cancelled"));
      break;

    case OP_NONE:
    default:
      break;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static void
cancel_clicked_cb (CsWizard *self)
{
  cancel (self);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  CsWizard *self = CS_WIZARD (widget);

  if (!is_busy (self) || !gtk_widget_get_mapped (widget))
    return FALSE;

  cancel (self);
  return TRUE;
}

/* ------------------------------------------------------------------ GObject */

/* The window is going away (callbacks may still hold a reference to the wizard): stop
 * whatever runs now rather than when the last reference goes. */
static void
cs_wizard_unroot (GtkWidget *widget)
{
  CsWizard *self = CS_WIZARD (widget);

  drop_cancellable (self);
  if (is_busy (self))
    {
      self->op = OP_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  GTK_WIDGET_CLASS (cs_wizard_parent_class)->unroot (widget);
}

static void
cs_wizard_dispose (GObject *object)
{
  CsWizard *self = (CsWizard *)object;

  /* Closing the window mid-request: the callbacks see G_IO_ERROR_CANCELLED. */
  clear_flow (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WIZARD);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->providers, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_wizard_parent_class)->dispose (object);
}

static void
cs_wizard_finalize (GObject *object)
{
  CsWizard *self = (CsWizard *)object;

  g_clear_pointer (&self->request_rows, g_ptr_array_unref);
  g_clear_pointer (&self->access_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_wizard_parent_class)->finalize (object);
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
      g_value_set_uint (value, self->step + 1);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
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
  object_class->finalize = cs_wizard_finalize;
  object_class->get_property = cs_wizard_get_property;
  widget_class->unroot = cs_wizard_unroot;

  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 1, N_STEPS, 1,
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

  gtk_widget_class_install_action (widget_class, "wizard.export", "s", export_action);

  g_type_ensure (CS_TYPE_PROVIDER_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cs-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWizard, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, step_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, description_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, pages);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, provider_page);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, request_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, request_busy_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, request_error_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, request_group);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, authorize_url_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, open_button);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, verifier_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, pin_group);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, pin_row);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, denied_title);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, denied_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, access_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, access_error_label);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, access_group);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, test_row);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, test_button);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, keyring_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, keyring_retry_button);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, continue_button);
  gtk_widget_class_bind_template_child (widget_class, CsWizard, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, update_buttons);
  gtk_widget_class_bind_template_callback (widget_class, request_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, access_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, keyring_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
cs_wizard_init (CsWizard *self)
{
  g_autoptr (GMenuModel) export_menu = cs_share_export_menu_new ("wizard.export");
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->request_rows = g_ptr_array_new ();
  self->access_rows = g_ptr_array_new ();
  gtk_menu_button_set_menu_model (self->export_button, export_menu);

  /* Escape cancels wherever the focus is, as long as the wizard is shown and busy. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  set_step (self, 0);
}

void
cs_wizard_setup (CsWizard      *self,
                 CsOAuthClient *client,
                 CsTokenStore  *store,
                 GPtrArray     *providers)
{
  g_return_if_fail (CS_IS_WIZARD (self));
  g_return_if_fail (CS_IS_OAUTH_CLIENT (client));
  g_return_if_fail (CS_IS_TOKEN_STORE (store));

  g_set_object (&self->client, client);
  g_set_object (&self->store, store);
  if (self->providers != providers)
    {
      g_clear_pointer (&self->providers, g_ptr_array_unref);
      self->providers = g_ptr_array_ref (providers);
    }
  cs_provider_page_set_providers (self->provider_page, providers);
}

void
cs_wizard_start (CsWizard   *self,
                 const char *provider_id,
                 const char *consumer_key,
                 const char *consumer_secret)
{
  g_return_if_fail (CS_IS_WIZARD (self));

  clear_flow (self);
  clear_rows (self->request_group, self->request_rows);
  clear_rows (self->access_group, self->access_rows);
  cs_provider_page_prefill (self->provider_page, provider_id, consumer_key, consumer_secret);
  set_step (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

guint
cs_wizard_get_step (CsWizard *self)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), 0);

  return self->step + 1;
}

gboolean
cs_wizard_get_busy (CsWizard *self)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), FALSE);

  return is_busy (self);
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

  update_buttons (self);
  if (self->step == 0)
    cs_provider_page_focus_first (self->provider_page);
}
