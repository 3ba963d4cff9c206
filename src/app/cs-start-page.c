/* cs-start-page.c — the saved credentials, with what can be done with each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list comes from the keyring without secrets; Copy, Export and Test look the item up
 * (which loads its secrets) when asked. A keyring that is missing or locked is said so,
 * with Retry: nothing is ever read from or written to anywhere else.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-clipboard.h"
#include "cs-compat.h"
#include "cs-credentials.h"
#include "cs-oauth2-credential.h"
#include "cs-saved-oauth2.h"
#include "cs-saved-row.h"
#include "cs-share.h"
#include "cs-start-page.h"
#include "cs-a11y.h"
#include "cs-spinner.h"

typedef enum
{
  TASK_COPY_TOKEN,
  TASK_COPY_SECRET,
  TASK_EXPORT,
  TASK_TEST,
  TASK_AGAIN,
  TASK_MIGRATE,
} RowTask;

struct _CsStartPage
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  CsSpinner          *loading_spinner;
  AdwStatusPage      *error_page;
  GtkListBox         *list_box;

  CsOAuthClient      *client;
  CsTokenStore       *store;
  CsProviderRegistry *registry;
  GPtrArray          *tokens;
  GCancellable       *cancellable;
  char               *highlight_id;
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (CsStartPage, cs_start_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum {
  AUTHORIZE_AGAIN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  CsStartPage *self;
  RowTask      task;
  char        *format;
  gboolean     fresh;  /* an expired access token refreshed first, the keyring rotated */
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_clear_object (&data->self);
  g_free (data->format);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LookupData, lookup_data_free)

static void
toast (CsStartPage *self,
       const char  *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
set_loaded (CsStartPage *self,
            gboolean     loaded)
{
  if (self->loaded == loaded)
    return;

  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* The running demo for "demo" (its port changes between runs), else a preset. */
static CsProvider *
find_provider (CsStartPage *self,
               const char  *id)
{
  CsProvider *provider = self->registry != NULL ? cs_provider_registry_lookup (self->registry, id)
                                                : NULL;
  CsProvider *running = provider != NULL ? cs_provider_registry_resolve (self->registry, provider,
                                                                          NULL)
                                         : NULL;

  return running != NULL ? running : provider;
}

static const char *
consumer_secret_for (CsStoredToken *token,
                     CsProvider    *provider)
{
  if (cs_stored_token_get_consumer_secret (token) != NULL)
    return cs_stored_token_get_consumer_secret (token);
  if (provider != NULL
      && g_strcmp0 (cs_provider_get_demo_consumer_key (provider),
                    cs_stored_token_get_consumer_key (token)) == 0)
    return cs_provider_get_demo_consumer_secret (provider);

  return NULL;
}

/* The row of the saved credentials @id, or NULL. */
static AdwActionRow *
row_of (CsStartPage *self,
        const char  *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), id) == 0)
      return ADW_ACTION_ROW (row);

  return NULL;
}

typedef struct
{
  CsStartPage *self;
  char        *id;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_object (&data->self);
  g_free (data->id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestData, test_data_free)

static void
account_set_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (CsStartPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = cs_token_store_set_account_finish (CS_TOKEN_STORE (object), result,
                                                           &error);

  if (id != NULL)
    cs_start_page_reload (self, NULL);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The account learned by Test Credentials was not stored: %s", error->message);
}

static CsStoredToken *find_token (CsStartPage *self,
                                  const char  *id);

/* What Test Credentials learned is stored, as the wizard does: the entry then shows the
 * account, and the exports use it. */
static void
learn_account (CsStartPage *self,
               const char  *id,
               const char  *account)
{
  CsStoredToken *token = find_token (self, id);
  const char *known = token != NULL ? cs_stored_token_get_account (token) : NULL;

  if (token == NULL || account == NULL || *account == '\0' || g_strcmp0 (known, account) == 0)
    return;
  cs_token_store_set_account_async (self->store, id, account, self->cancellable,
                                    account_set_cb, g_object_ref (self));
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (TestData) data = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *account = NULL;
  AdwActionRow *row;

  text = cs_share_verify_finish_account (CS_OAUTH_CLIENT (object), result, &account, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  learn_account (data->self, data->id, account);

  /* The answer stays readable on the row; the toast only says that it came. */
  if ((row = row_of (data->self, data->id)) != NULL)
    cs_saved_row_set_note (row, text != NULL ? text : error->message);
  toast (data->self, text != NULL ? _("The tokens work") : _("The test failed"));
}

static void
test_token (CsStartPage   *self,
            CsStoredToken *token)
{
  CsProvider *provider = find_provider (self, cs_stored_token_get_provider_id (token));
  const char *secret = consumer_secret_for (token, provider);
  g_autoptr (CsCredentials) credentials = NULL;
  CsConsumer consumer = { cs_stored_token_get_consumer_key (token), secret, NULL };
  g_autofree char *unavailable = cs_share_signed_call_unavailable (provider, secret != NULL);
  TestData *data;

  /* The menu item is disabled then, and the row says why. */
  if (unavailable != NULL)
    return;

  data = g_new0 (TestData, 1);
  data->self = g_object_ref (self);
  data->id = g_strdup (cs_stored_token_get_id (token));
  credentials = cs_credentials_new_token (cs_stored_token_get_token (token),
                                          cs_stored_token_get_token_secret (token));
  cs_oauth_client_call_async (self->client, provider, &consumer, credentials, "GET",
                              cs_provider_get_verify_url (provider), NULL, self->cancellable,
                              test_cb, data);
}

static void
export_token (CsStartPage   *self,
              CsStoredToken *token,
              const char    *format)
{
  CsProvider *provider = find_provider (self, cs_stored_token_get_provider_id (token));
  g_autoptr (CsProvider) fallback = NULL;
  CsExportData data = { 0 };

  if (provider == NULL)
    provider = fallback = cs_provider_new (cs_stored_token_get_provider_id (token),
                                           cs_stored_token_get_provider_name (token));
  if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
    {
      CsExportOAuth2Data oauth2 = { provider, cs_stored_token_get_client_id (token),
                                    cs_stored_token_get_client_secret (token),
                                    cs_stored_token_get_access_token (token),
                                    cs_stored_token_get_refresh_token (token),
                                    cs_stored_token_get_scopes (token),
                                    cs_stored_token_get_expires_at (token),
                                    cs_stored_token_get_account (token), NULL };

      cs_share_export_oauth2_to_clipboard (GTK_WIDGET (self), &oauth2, format);
      return;
    }

  data.provider = provider;
  data.consumer_key = cs_stored_token_get_consumer_key (token);
  data.consumer_secret = consumer_secret_for (token, provider);
  data.token = cs_stored_token_get_token (token);
  data.token_secret = cs_stored_token_get_token_secret (token);
  data.account = cs_stored_token_get_account (token);
  cs_share_export_to_clipboard (GTK_WIDGET (self), &data, format);
}

/* What cs-saved-oauth2.c reports: a note on the row, and a reload. */
static void
report_cb (GtkWidget  *page,
           const char *id,
           const char *note,
           const char *reload_id)
{
  CsStartPage *self = CS_START_PAGE (page);
  AdwActionRow *row = row_of (self, id);

  if (row != NULL)
    cs_saved_row_set_note (row, note);
  if (reload_id != NULL)
    cs_start_page_reload (self, reload_id);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (LookupData) data = user_data;
  g_autoptr (CsStoredToken) token = NULL;
  g_autoptr (GError) error = NULL;
  CsStartPage *self = data->self;

  token = data->fresh ? cs_credential_fresh_finish (result, &error)
                      : cs_token_store_lookup_finish (CS_TOKEN_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (token == NULL)
    {
      cs_share_explain (GTK_WIDGET (self), cs_saved_oauth2_lookup_heading (error), error->message);
      return;
    }

  switch (data->task)
    {
    case TASK_COPY_TOKEN:
      cs_clipboard_copy (GTK_WIDGET (self), cs_stored_token_get_token (token), TRUE,
                         _("Copied the access token"));
      break;

    case TASK_COPY_SECRET:
      if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
        cs_clipboard_copy (GTK_WIDGET (self), cs_stored_token_get_refresh_token (token), TRUE,
                           _("Copied the refresh token"));
      else
        cs_clipboard_copy (GTK_WIDGET (self), cs_stored_token_get_token_secret (token), TRUE,
                           _("Copied the token secret"));
      break;

    case TASK_EXPORT:
      export_token (self, token, data->format);
      break;

    case TASK_TEST:
      if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
        cs_saved_oauth2_test (GTK_WIDGET (self), self->store, self->registry,
                              cs_stored_token_get_id (token), self->cancellable, report_cb);
      else
        test_token (self, token);
      break;

    case TASK_MIGRATE:
      cs_saved_oauth2_migrate (GTK_WIDGET (self), self->store, self->registry, token,
                               consumer_secret_for (token, find_provider (
                                 self, cs_stored_token_get_provider_id (token))),
                               self->cancellable, report_cb);
      break;

    case TASK_AGAIN:
      g_signal_emit (self, signals[AUTHORIZE_AGAIN], 0,
                     cs_stored_token_get_provider_id (token),
                     cs_stored_token_get_consumer_key (token),
                     cs_stored_token_get_consumer_secret (token));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
lookup_then (CsStartPage *self,
             const char  *id,
             RowTask      task,
             const char  *format)
{
  LookupData *data = g_new0 (LookupData, 1);

  data->self = g_object_ref (self);
  data->task = task;
  data->format = g_strdup (format);
  data->fresh = task == TASK_EXPORT || task == TASK_COPY_TOKEN;
  if (!data->fresh)
    cs_token_store_lookup_async (self->store, id, self->cancellable, lookup_cb, data);
  else
    cs_credential_fresh_async (self->store, self->registry, id, FALSE, self->cancellable,
                               lookup_cb, data);
}

static void
copy_token_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lookup_then (CS_START_PAGE (widget), g_variant_get_string (parameter, NULL),
               TASK_COPY_TOKEN, NULL);
}

static void
copy_secret_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  lookup_then (CS_START_PAGE (widget), g_variant_get_string (parameter, NULL),
               TASK_COPY_SECRET, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *id = NULL;
  const char *format = NULL;

  g_variant_get (parameter, "(&s&s)", &id, &format);
  lookup_then (CS_START_PAGE (widget), id, TASK_EXPORT, format);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lookup_then (CS_START_PAGE (widget), g_variant_get_string (parameter, NULL), TASK_TEST, NULL);
}

static void
migrate_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  lookup_then (CS_START_PAGE (widget), g_variant_get_string (parameter, NULL), TASK_MIGRATE,
               NULL);
}

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  lookup_then (CS_START_PAGE (widget), g_variant_get_string (parameter, NULL), TASK_AGAIN, NULL);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (CsStartPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!cs_token_store_delete_finish (CS_TOKEN_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cs_share_explain (GTK_WIDGET (self), _("The Credentials Were Not Forgotten"),
                          error->message);
      return;
    }

  toast (self, _("Forgot the credentials"));
  cs_start_page_reload (self, NULL);
}

static void
forget_response_cb (GtkWidget   *dialog,
                    const char  *response,
                    CsStartPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "cs-token-id");

  if (g_strcmp0 (response, "forget") == 0)
    cs_token_store_delete_async (self->store, id, self->cancellable, delete_cb,
                                 g_object_ref (self));
}

static CsStoredToken *
find_token (CsStartPage *self,
            const char  *id)
{
  for (guint i = 0; self->tokens != NULL && i < self->tokens->len; i++)
    if (g_strcmp0 (cs_stored_token_get_id (g_ptr_array_index (self->tokens, i)), id) == 0)
      return g_ptr_array_index (self->tokens, i);

  return NULL;
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsStartPage *self = CS_START_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  CsStoredToken *token = find_token (self, id);
  const char *account;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (token == NULL)
    return;

  account = cs_stored_token_get_account (token);
  /* Translators: the first %s is an account, the second a provider name. */
  body = g_strdup_printf (_("The access token for %s on %s is removed from the keyring. "
                            "The app keeps its access until you revoke it on the "
                            "provider’s site."),
                          account != NULL && *account != '\0' ? account : _("an unknown account"),
                          cs_stored_token_get_provider_name (token));
  /* AdwAlertDialog or AdwMessageDialog (cs-compat.c). */
  dialog = cs_compat_alert_new (_("Forget Credentials?"), body);
  cs_compat_alert_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  cs_compat_alert_add_response (dialog, "forget", _("_Forget"), ADW_RESPONSE_DESTRUCTIVE);
  cs_compat_alert_set_defaults (dialog, "cancel", "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-token-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), self, 0);
  cs_compat_dialog_present (dialog, widget);
}

/* Why Test Credentials and the curl export cannot work for @token, or NULL. */
static char *
signed_call_unavailable (CsStartPage   *self,
                         CsStoredToken *token)
{
  CsProvider *provider = find_provider (self, cs_stored_token_get_provider_id (token));
  gboolean has_secret = cs_stored_token_get_has_consumer_secret (token)
                        || consumer_secret_for (token, provider) != NULL;

  if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
    {
      g_autofree char *url = provider != NULL ? cs_oauth2_verify_url (provider) : NULL;

      return url != NULL ? NULL
                         : g_strdup (_("Test Credentials: this provider has no address to test "
                                       "tokens with"));
    }
  return cs_share_signed_call_unavailable (provider, has_secret);
}

static GtkWidget *
row_new (CsStartPage   *self,
         CsStoredToken *token)
{
  /* The provider's name now (renamed in Preferences), else the one saved with the token. */
  const char *stored_name = cs_stored_token_get_provider_name (token);
  const char *provider_name =
    self->registry == NULL ? stored_name
    : cs_provider_registry_display_name (self->registry, cs_stored_token_get_provider_id (token),
                                         stored_name);
  g_autofree char *unavailable = signed_call_unavailable (self, token);
  CsProvider *provider = find_provider (self, cs_stored_token_get_provider_id (token));

  return cs_saved_row_new (token, provider_name, unavailable,
                           cs_saved_oauth2_can_migrate (token, provider));
}

static void
show_tokens (CsStartPage *self)
{
  GtkWidget *child;
  GtkWidget *highlighted = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; i < self->tokens->len; i++)
    {
      CsStoredToken *token = g_ptr_array_index (self->tokens, i);
      GtkWidget *row = row_new (self, token);

      if (g_strcmp0 (cs_stored_token_get_id (token), self->highlight_id) == 0)
        {
          gtk_widget_add_css_class (row, "cs-new");
          highlighted = row;
        }
      gtk_list_box_append (self->list_box, row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->tokens->len > 0 ? "list" : "empty");
  if (highlighted != NULL)
    gtk_widget_grab_focus (highlighted);
}

static void
show_error (CsStartPage  *self,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  const char *title;

  if (g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_UNAVAILABLE))
    title = _("No Keyring Available");
  else if (g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED)
           || g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_CANCELLED))
    title = _("The Keyring Is Locked");
  else
    title = _("The Keyring Could Not Be Read");

  /* The title says it is locked; the description only what to do about it. */
  if (g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED)
      || g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_CANCELLED))
    {
      g_free (escaped);
      escaped = g_strdup (_("Unlock it when the keyring asks, then press Retry. If it did not ask, "
                           "unlock it in Passwords and Keys."));
    }

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsStartPage) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *tokens;

  tokens = cs_token_store_list_finish (CS_TOKEN_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  cs_spinner_set_spinning (self->loading_spinner, FALSE);
  if (tokens == NULL)
    show_error (self, error);
  else
    {
      g_clear_pointer (&self->tokens, g_ptr_array_unref);
      self->tokens = tokens;
      show_tokens (self);
    }
  set_loaded (self, TRUE);
}

static void
retry_clicked_cb (CsStartPage *self)
{
  cs_start_page_reload (self, NULL);
}

/* The window is going away: what runs for it stops now. */
static void
cs_start_page_unroot (GtkWidget *widget)
{
  CsStartPage *self = CS_START_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  GTK_WIDGET_CLASS (cs_start_page_parent_class)->unroot (widget);
}

static void
cs_start_page_dispose (GObject *object)
{
  CsStartPage *self = (CsStartPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_START_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->tokens, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_start_page_parent_class)->dispose (object);
}

static void
cs_start_page_finalize (GObject *object)
{
  CsStartPage *self = (CsStartPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->highlight_id, g_free);

  G_OBJECT_CLASS (cs_start_page_parent_class)->finalize (object);
}

static void
cs_start_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsStartPage *self = CS_START_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_start_page_class_init (CsStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_start_page_dispose;
  object_class->finalize = cs_start_page_finalize;
  object_class->get_property = cs_start_page_get_property;
  widget_class->unroot = cs_start_page_unroot;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* provider id, consumer key, consumer secret (or NULL) */
  signals[AUTHORIZE_AGAIN] = g_signal_new ("authorize-again", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 3,
                                           G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "saved.copy-token", "s", copy_token_action);
  gtk_widget_class_install_action (widget_class, "saved.copy-secret", "s", copy_secret_action);
  gtk_widget_class_install_action (widget_class, "saved.export", "(ss)", export_action);
  gtk_widget_class_install_action (widget_class, "saved.test", "s", test_action);
  gtk_widget_class_install_action (widget_class, "saved.again", "s", again_action);
  gtk_widget_class_install_action (widget_class, "saved.migrate", "s", migrate_action);
  gtk_widget_class_install_action (widget_class, "saved.forget", "s", forget_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cs-start-page.ui");
  g_type_ensure (CS_TYPE_SPINNER);
  gtk_widget_class_bind_template_child (widget_class, CsStartPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsStartPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsStartPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CsStartPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
cs_start_page_init (CsStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->stack);
  self->cancellable = g_cancellable_new ();
}

/* A provider renamed or deleted: the rows say its name now (no keyring read). */
static void
providers_changed_cb (CsStartPage *self)
{
  if (self->tokens != NULL && self->loaded)
    show_tokens (self);
}

void
cs_start_page_setup (CsStartPage        *self,
                     CsOAuthClient      *client,
                     CsTokenStore       *store,
                     CsProviderRegistry *registry)
{
  g_return_if_fail (CS_IS_START_PAGE (self));
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (registry));

  g_set_object (&self->client, client);
  g_set_object (&self->store, store);
  g_set_object (&self->registry, registry);
  g_signal_connect_object (registry, "providers-changed", G_CALLBACK (providers_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
cs_start_page_reload (CsStartPage *self,
                      const char  *highlight_id)
{
  g_return_if_fail (CS_IS_START_PAGE (self));
  g_return_if_fail (self->store != NULL);

  g_free (self->highlight_id);
  self->highlight_id = g_strdup (highlight_id);
  set_loaded (self, FALSE);
  if (self->tokens == NULL)
    {
      cs_spinner_set_spinning (self->loading_spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  cs_token_store_list_async (self->store, self->cancellable, list_cb, g_object_ref (self));
}

gboolean
cs_start_page_get_loaded (CsStartPage *self)
{
  g_return_val_if_fail (CS_IS_START_PAGE (self), FALSE);

  return self->loaded;
}

guint
cs_start_page_get_n_items (CsStartPage *self)
{
  g_return_val_if_fail (CS_IS_START_PAGE (self), 0);

  return self->tokens != NULL ? self->tokens->len : 0;
}
