/* cs-saved-oauth2.c — the start page's OAuth 2.0 work on saved entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-compat.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-credential.h"
#include "cs-percent.h"
#include "cs-saved-oauth2.h"
#include "cs-share.h"

typedef struct
{
  GtkWidget          *page;
  CsTokenStore       *store;
  CsProviderRegistry *registry;
  GCancellable       *cancellable;
  char               *id;
  char               *account;
  CsSavedReport       report;
} Job;

static Job *
job_new (GtkWidget          *page,
         CsTokenStore       *store,
         CsProviderRegistry *registry,
         const char         *id,
         GCancellable       *cancellable,
         CsSavedReport       report)
{
  Job *job = g_new0 (Job, 1);

  job->page = g_object_ref (page);
  job->store = g_object_ref (store);
  job->registry = g_object_ref (registry);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->id = g_strdup (id);
  job->report = report;
  return job;
}

static void
job_free (Job *job)
{
  g_object_unref (job->page);
  g_object_unref (job->store);
  g_object_unref (job->registry);
  g_clear_object (&job->cancellable);
  g_free (job->id);
  g_free (job->account);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
toast (Job        *job,
       const char *text)
{
  gtk_widget_activate_action (job->page, "win.toast", "s", text);
}

/* ------------------------------------------------------------------ Test Credentials */

static void
account_set_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = cs_token_store_set_account_finish (CS_TOKEN_STORE (object), result,
                                                           &error);

  if (id != NULL)
    job->report (job->page, job->id, NULL, id);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The account learned by Test Credentials was not stored: %s", error->message);
}

static void
learn_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *account = cs_oauth2_learn_account_finish (result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (account == NULL)
    {
      job->report (job->page, job->id,
                   error != NULL ? error->message
                   : _("The provider answered, but named no account"), NULL);
      toast (job, error != NULL ? _("The test failed") : _("The tokens work"));
      return;
    }
  /* Translators: %s is an account name, e.g. "demo_user". */
  text = g_strdup_printf (_("The tokens work: they belong to @%s"), account);
  job->report (job->page, job->id, text, NULL);
  toast (job, _("The tokens work"));
  if (g_strcmp0 (account, job->account) != 0)
    cs_token_store_set_account_async (job->store, job->id, account, job->cancellable,
                                      account_set_cb, g_steal_pointer (&job));
}

static void
fresh_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CsStoredToken) token = cs_credential_fresh_finish (result, &error);
  CsProvider *provider;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (token == NULL)
    {
      job->report (job->page, job->id, error->message, NULL);
      toast (job, _("The test failed"));
      return;
    }
  provider = cs_provider_registry_lookup (job->registry, cs_stored_token_get_provider_id (token));
  if (provider != NULL)
    provider = cs_provider_registry_resolve (job->registry, provider, NULL);
  if (provider == NULL)
    {
      job->report (job->page, job->id, _("This provider is no longer known to Countersign"),
                   NULL);
      return;
    }
  job->account = g_strdup (cs_stored_token_get_account (token));
  cs_oauth2_learn_account_async (provider, cs_stored_token_get_access_token (token),
                                 job->cancellable, learn_cb, g_steal_pointer (&job));
}

void
cs_saved_oauth2_test (GtkWidget          *page,
                      CsTokenStore       *store,
                      CsProviderRegistry *registry,
                      const char         *id,
                      GCancellable       *cancellable,
                      CsSavedReport       report)
{
  Job *job = job_new (page, store, registry, id, cancellable, report);

  report (page, id, _("Calling with the bearer token…"), NULL);
  /* An expired access token is refreshed first (and the keyring rotated). */
  cs_credential_fresh_async (store, registry, id, FALSE, cancellable, fresh_cb, job);
}

const char *
cs_saved_oauth2_lookup_heading (const GError *error)
{
  return error->domain == CS_OAUTH_ERROR ? _("The Access Token Could Not Be Refreshed")
                                         : _("The Keyring Could Not Be Read");
}

/* ------------------------------------------------------------------ Move to OAuth 2.0 */

gboolean
cs_saved_oauth2_can_migrate (CsStoredToken *token,
                             CsProvider    *provider)
{
  return provider != NULL && cs_stored_token_get_protocol (token) == CS_STORED_OAUTH1
         && cs_provider_get_oauth2_exchange_url (provider) != NULL;
}

static void
migrate_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *new_id = cs_credential_migrate_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (new_id == NULL)
    {
      job->report (job->page, job->id, NULL, NULL);
      cs_share_explain (job->page, _("Not Moved to OAuth 2.0"), error->message);
      return;
    }
  toast (job, _("Moved to OAuth 2.0: the new entry is saved and tested"));
  job->report (job->page, job->id, NULL, new_id);
}

typedef struct
{
  Job           *job;
  char          *consumer_secret;
  GtkWidget     *id_row;
  GtkWidget     *secret_row;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_pointer (&ask->job, job_free);
  cs_secret_free (ask->consumer_secret);
  g_free (ask);
}

static void
start_migrate (Job        *job,
               const char *client_id,
               const char *client_secret,
               const char *consumer_secret)
{
  job->report (job->page, job->id, _("Moving to OAuth 2.0: exchanging, saving and testing…"),
               NULL);
  cs_credential_migrate_async (job->store, job->registry, job->id, client_id, client_secret,
                               consumer_secret, job->cancellable, migrate_cb, job);
}

static void
ask_response_cb (GtkWidget  *dialog,
                 const char *response,
                 gpointer    user_data)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "cs-ask");
  const char *secret;

  if (g_strcmp0 (response, "move") != 0)
    return;
  secret = cs_a11y_clear_text (ask->secret_row);
  start_migrate (g_steal_pointer (&ask->job), gtk_editable_get_text (GTK_EDITABLE (ask->id_row)),
                 *secret != '\0' ? secret : NULL, ask->consumer_secret);
}

static void
ask_changed_cb (GtkEditable *editable,
                GtkWidget   *dialog)
{
  cs_compat_alert_set_response_enabled (dialog, "move", *gtk_editable_get_text (editable) != '\0');
}

/* The app's OAuth 2.0 client, which the exchange is made for: asked, as X does not say it. */
static void
ask_client (Job        *job,
            const char *consumer_secret)
{
  Ask *ask = g_new0 (Ask, 1);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *dialog = cs_compat_alert_new (_("Move to OAuth 2.0?"),
                                           _("The access token is exchanged for an OAuth 2.0 "
                                             "pair for your app’s OAuth 2.0 client. The OAuth "
                                             "1.0a entry stays."));

  ask->job = job;
  ask->consumer_secret = g_strdup (consumer_secret);
  ask->id_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->id_row), _("Client ID"));
  ask->secret_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->secret_row),
                                 _("Client Secret (optional)"));
  cs_a11y_conceal_text (ask->secret_row);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), ask->id_row);
  gtk_list_box_append (GTK_LIST_BOX (list), ask->secret_row);
  cs_compat_alert_set_extra_child (dialog, list);
  cs_compat_alert_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  cs_compat_alert_add_response (dialog, "move", _("_Move"), ADW_RESPONSE_SUGGESTED);
  cs_compat_alert_set_defaults (dialog, "move", "cancel");
  cs_compat_alert_set_response_enabled (dialog, "move", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "cs-ask", ask, (GDestroyNotify) ask_free);
  g_signal_connect (ask->id_row, "changed", G_CALLBACK (ask_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), NULL);
  cs_compat_dialog_present (dialog, job->page);
  cs_a11y_tidy_dialog (dialog);
}

void
cs_saved_oauth2_migrate (GtkWidget          *page,
                         CsTokenStore       *store,
                         CsProviderRegistry *registry,
                         CsStoredToken      *token,
                         const char         *consumer_secret,
                         GCancellable       *cancellable,
                         CsSavedReport       report)
{
  CsProvider *provider = cs_provider_registry_lookup (registry,
                                                      cs_stored_token_get_provider_id (token));
  const char *client_id = provider != NULL ? cs_provider_get_demo_client_id (provider) : NULL;
  Job *job = job_new (page, store, registry, cs_stored_token_get_id (token), cancellable,
                      report);

  /* The demo's public client is known (its secret is the confidential client's): one click. */
  if (client_id != NULL)
    start_migrate (job, client_id, NULL, consumer_secret);
  else
    ask_client (job, consumer_secret);
}
