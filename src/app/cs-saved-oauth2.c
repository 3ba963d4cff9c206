/* cs-saved-oauth2.c — the start page's OAuth 2.0 work on saved entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-oauth2-credential.h"
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
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *text = cs_share_bearer_verify_finish (CS_OAUTH2_CLIENT (object), result,
                                                         &account, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  job->report (job->page, job->id, text != NULL ? text : error->message, NULL);
  toast (job, text != NULL ? _("The tokens work") : _("The test failed"));
  if (account != NULL && g_strcmp0 (account, job->account) != 0)
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
  {
    g_autoptr (CsOAuth2Client) client =
      cs_oauth2_client_new (NULL, cs_stored_token_get_client_id (token), NULL);

    cs_share_bearer_verify_async (client, provider, cs_stored_token_get_access_token (token),
                                  job->cancellable, test_cb, g_steal_pointer (&job));
  }
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
  Job *job;

  /* The exchange needs the app's OAuth 2.0 client: known for the demo, else asked for. */
  if (client_id == NULL)
    {
      cs_share_explain (page, _("Not Moved to OAuth 2.0"),
                        _("Countersign does not know the OAuth 2.0 client ID of this app. "
                          "Authorize with OAuth 2.0 in a new authorization instead."));
      return;
    }
  job = job_new (page, store, registry, cs_stored_token_get_id (token), cancellable, report);
  report (page, job->id, _("Moving to OAuth 2.0: exchanging, saving and testing…"), NULL);
  /* The demo's public client: its secret is the confidential client's. */
  cs_credential_migrate_async (store, registry, cs_stored_token_get_id (token), client_id, NULL,
                               consumer_secret,
                               cancellable, migrate_cb, job);
}
