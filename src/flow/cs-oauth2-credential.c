/* cs-oauth2-credential.c — a stored OAuth 2.0 credential in use: fresh, revoked, migrated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-client.h"
#include "cs-oauth2-credential.h"
#include "cs-percent.h"

/* One use of a stored credential: what every step needs. */
typedef struct
{
  CsTokenStore       *store;
  CsProviderRegistry *registry;
  CsTransport        *transport;
  CsProvider         *provider;
  char               *id;
  gboolean            force;
  char               *client_id;     /* migrate */
  char               *client_secret;
  char               *consumer_secret;
  CsStoredToken      *stored;
  CsOAuth2Client     *client;
  CsOAuth2Token      *answer;
  gboolean            revoked_refresh;
} Use;

static void
use_free (Use *use)
{
  g_clear_object (&use->store);
  g_clear_object (&use->registry);
  g_clear_object (&use->transport);
  g_clear_object (&use->provider);
  g_free (use->id);
  g_free (use->client_id);
  g_clear_pointer (&use->client_secret, cs_secret_free);
  g_clear_pointer (&use->consumer_secret, cs_secret_free);
  g_clear_pointer (&use->stored, cs_stored_token_unref);
  g_clear_object (&use->client);
  g_clear_pointer (&use->answer, cs_oauth2_token_unref);
  g_free (use);
}

static GTask *
use_task (CsTokenStore        *store,
          CsProviderRegistry  *registry,
          CsTransport         *transport,
          const char          *id,
          gpointer             tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Use *use = g_new0 (Use, 1);

  use->store = g_object_ref (store);
  use->registry = g_object_ref (registry);
  use->transport = transport != NULL ? g_object_ref (transport) : cs_transport_new ();
  use->id = g_strdup (id);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, use, (GDestroyNotify) use_free);
  return task;
}

/* Ends @task (owned) with @error. */
static void
use_fail (GTask  *task,
          GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* The stored item of a lookup, of @protocol; FALSE with @task ended (@wrong: the message
 * for another protocol). */
static gboolean
looked_up (GTask            *task,
           GObject          *source,
           GAsyncResult     *result,
           CsStoredProtocol  protocol,
           const char       *wrong)
{
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;

  use->stored = cs_token_store_lookup_finish (CS_TOKEN_STORE (source), result, &error);
  if (use->stored != NULL && cs_stored_token_get_protocol (use->stored) == protocol)
    return TRUE;
  if (error == NULL)
    g_set_error_literal (&error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT, wrong);
  use_fail (task, error);
  return FALSE;
}

gboolean
cs_credential_is_expired (CsStoredToken *token,
                          gint64         now)
{
  gint64 expires = cs_stored_token_get_expires_at (token);

  return expires > 0 && expires - CS_CREDENTIAL_EXPIRY_MARGIN <= now;
}

/* The client for the stored item: its client ID, the secret given or stored; for a
 * migration the client given. */
static CsOAuth2Client *
use_client (Use *use)
{
  const char *secret = use->client_secret;

  if (use->client_id != NULL)
    return cs_oauth2_client_new (use->transport, use->client_id, use->client_secret);
  if (secret == NULL)
    secret = cs_stored_token_get_client_secret (use->stored);
  return cs_oauth2_client_new (use->transport, cs_stored_token_get_client_id (use->stored),
                               secret);
}

/* Then: looks the provider up (unless given), and goes on with @next. */
static void
find_provider (GTask               *task,
               GAsyncReadyCallback  next)
{
  Use *use = g_task_get_task_data (task);

  if (use->provider != NULL)
    {
      next (NULL, NULL, task);
      return;
    }
  cs_provider_registry_find_async (use->registry, cs_stored_token_get_provider_id (use->stored),
                                   g_task_get_cancellable (task), next, task);
}

/* The provider of find_provider(), or FALSE with the task returned. */
static gboolean
found_provider (GTask        *task,
                GObject      *source,
                GAsyncResult *result)
{
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;

  if (result == NULL)
    return TRUE;
  use->provider = cs_provider_registry_find_finish (CS_PROVIDER_REGISTRY (source), result,
                                                    &error);
  if (use->provider != NULL)
    return TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      g_set_error (&error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The provider “%s” of these credentials is not known any more"),
                   cs_stored_token_get_provider_id (use->stored));
    }
  use_fail (task, error);
  return FALSE;
}

typedef enum { URL_TOKEN, URL_REVOKE, URL_EXCHANGE } UrlKind;

/* After find_provider(): the provider's URL of @kind (the client made), or NULL with @task
 * ended. X's exchange URL is its token URL. */
static const char *
provider_url (GTask        *task,
              GObject      *source,
              GAsyncResult *result,
              UrlKind       kind)
{
  Use *use = g_task_get_task_data (task);
  const char *name;
  const char *url;

  if (!found_provider (task, source, result))
    return NULL;
  url = kind == URL_REVOKE ? cs_provider_get_oauth2_revoke_url (use->provider)
        : kind == URL_EXCHANGE ? cs_provider_get_oauth2_exchange_url (use->provider) : NULL;
  if (kind != URL_REVOKE && (url == NULL || *url == '\0'))
    url = cs_provider_get_oauth2_token_url (use->provider);
  if (url != NULL && *url != '\0')
    {
      use->client = use_client (use);
      return url;
    }
  name = cs_provider_get_name (use->provider);
  if (kind == URL_REVOKE)
    use_fail (task, g_error_new (CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                                 _("%s has no OAuth 2.0 revocation URL"), name));
  else if (kind == URL_EXCHANGE)
    use_fail (task, g_error_new (CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                                 _("%s has no OAuth 2.0 token URL to exchange the credential "
                                   "at"), name));
  else
    use_fail (task, g_error_new (CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                                 _("%s has no OAuth 2.0 token URL"), name));
  return NULL;
}

static void
relookup_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CsStoredToken *token = cs_token_store_lookup_finish (CS_TOKEN_STORE (source), result, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) cs_stored_token_unref);
}

static void
rotated_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cs_token_store_update_oauth2_finish (CS_TOKEN_STORE (source), result, &error))
    {
      use_fail (task, error);
      return;
    }
  g_debug ("Stored the refreshed tokens of %s", use->id);
  cs_token_store_lookup_async (use->store, use->id, g_task_get_cancellable (task), relookup_cb,
                               task);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;
  const char *refresh;
  const char *scope;

  use->answer = cs_oauth2_client_token_finish (CS_OAUTH2_CLIENT (source), result, &error);
  if (use->answer == NULL)
    {
      use_fail (task, error);
      return;
    }
  /* Rotation: the new refresh token replaces the old one in the same write; a provider that
   * sends none keeps the old one valid. */
  refresh = cs_oauth2_token_get_refresh_token (use->answer);
  if (refresh == NULL)
    refresh = cs_stored_token_get_refresh_token (use->stored);
  scope = cs_oauth2_token_get_scope (use->answer);
  cs_token_store_update_oauth2_async (use->store, use->id,
                                      cs_oauth2_token_get_access_token (use->answer), refresh,
                                      scope != NULL ? scope
                                                    : cs_stored_token_get_scopes (use->stored),
                                      cs_oauth2_token_get_expires_at (use->answer),
                                      g_task_get_cancellable (task), rotated_cb, task);
}

static void
refresh_provider_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  const char *token_url = provider_url (task, source, result, URL_TOKEN);

  if (token_url == NULL)
    return;
  g_debug ("Refreshing the access token of %s", use->id);
  cs_oauth2_client_refresh_async (use->client, token_url,
                                  cs_stored_token_get_refresh_token (use->stored), NULL,
                                  g_task_get_cancellable (task), refreshed_cb, task);
}

static void
fresh_lookup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;
  const char *refresh;

  use->stored = cs_token_store_lookup_finish (CS_TOKEN_STORE (source), result, &error);
  if (use->stored == NULL)
    {
      use_fail (task, error);
      return;
    }
  refresh = cs_stored_token_get_refresh_token (use->stored);
  if (cs_stored_token_get_protocol (use->stored) != CS_STORED_OAUTH2 ||
      (!use->force && !cs_credential_is_expired (use->stored, g_get_real_time () / G_USEC_PER_SEC)))
    {
      g_task_return_pointer (task, cs_stored_token_ref (use->stored),
                             (GDestroyNotify) cs_stored_token_unref);
      g_object_unref (task);
      return;
    }
  if (refresh == NULL || *refresh == '\0')
    {
      g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT, "%s",
                               _("The access token has expired and there is no refresh token "
                                 "(ask for offline access): authorize again"));
      g_object_unref (task);
      return;
    }
  find_provider (task, refresh_provider_cb);
}

void
cs_credential_fresh_full_async (CsTokenStore        *store,
                                CsProviderRegistry  *registry,
                                CsTransport         *transport,
                                CsProvider          *provider,
                                const char          *id,
                                gboolean             force_refresh,
                                const char          *client_secret,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Use *use;

  g_return_if_fail (CS_IS_TOKEN_STORE (store));
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (registry));
  g_return_if_fail (id != NULL);

  task = use_task (store, registry, transport, id, cs_credential_fresh_async, cancellable,
                   callback, user_data);
  use = g_task_get_task_data (task);
  use->force = force_refresh;
  use->provider = provider != NULL ? g_object_ref (provider) : NULL;
  use->client_secret = client_secret != NULL && *client_secret != '\0' ? g_strdup (client_secret)
                                                                        : NULL;
  cs_token_store_lookup_async (store, id, cancellable, fresh_lookup_cb, task);
}

void
cs_credential_fresh_async (CsTokenStore        *store,
                           CsProviderRegistry  *registry,
                           const char          *id,
                           gboolean             force_refresh,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  cs_credential_fresh_full_async (store, registry, NULL, NULL, id, force_refresh, NULL,
                                  cancellable, callback, user_data);
}

CsStoredToken *
cs_credential_fresh_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CsOAuth2Token *
cs_credential_fresh_get_answer (GAsyncResult *result)
{
  Use *use;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  use = g_task_get_task_data (G_TASK (result));
  return use != NULL ? use->answer : NULL;
}

/* Revocation: the refresh token first (RFC 7009 §2.1: it takes the access tokens of its
 * grant with it at most providers), then the access token. */
static void
revoked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;
  const char *refresh = cs_stored_token_get_refresh_token (use->stored);

  if (!cs_oauth2_client_revoke_finish (use->client, result, &error))
    {
      use_fail (task, error);
      return;
    }
  if (!use->revoked_refresh && refresh != NULL && *refresh != '\0')
    {
      use->revoked_refresh = TRUE;
      cs_oauth2_client_revoke_async (use->client,
                                     cs_provider_get_oauth2_revoke_url (use->provider),
                                     cs_stored_token_get_access_token (use->stored),
                                     "access_token", g_task_get_cancellable (task), revoked_cb,
                                     task);
      return;
    }
  g_debug ("Revoked the tokens of %s", use->id);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
revoke_provider_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  const char *refresh;
  const char *url = provider_url (task, source, result, URL_REVOKE);

  if (url == NULL)
    return;
  refresh = cs_stored_token_get_refresh_token (use->stored);
  if (refresh == NULL || *refresh == '\0')
    use->revoked_refresh = TRUE;
  cs_oauth2_client_revoke_async (use->client, url,
                                 use->revoked_refresh
                                   ? cs_stored_token_get_access_token (use->stored) : refresh,
                                 use->revoked_refresh ? "access_token" : "refresh_token",
                                 g_task_get_cancellable (task), revoked_cb, task);
}

static void
revoke_lookup_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  if (looked_up (user_data, source, result, CS_STORED_OAUTH2,
                 _("Only OAuth 2.0 credentials can be revoked here")))
    find_provider (user_data, revoke_provider_cb);
}

void
cs_credential_revoke_full_async (CsTokenStore        *store,
                                 CsProviderRegistry  *registry,
                                 CsProvider          *provider,
                                 const char          *id,
                                 const char          *client_secret,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Use *use;

  g_return_if_fail (CS_IS_TOKEN_STORE (store));
  g_return_if_fail (id != NULL);

  task = use_task (store, registry, NULL, id, cs_credential_revoke_async, cancellable, callback,
                   user_data);
  use = g_task_get_task_data (task);
  use->provider = provider != NULL ? g_object_ref (provider) : NULL;
  use->client_secret = client_secret != NULL && *client_secret != '\0' ? g_strdup (client_secret)
                                                                        : NULL;
  cs_token_store_lookup_async (store, id, cancellable, revoke_lookup_cb, task);
}

void
cs_credential_revoke_async (CsTokenStore        *store,
                            CsProviderRegistry  *registry,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  cs_credential_revoke_full_async (store, registry, NULL, id, NULL, cancellable, callback,
                                   user_data);
}

gboolean
cs_credential_revoke_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* "Move to OAuth 2.0": exchange, test (learning the account), save; the OAuth 1.0a item
 * stays. */
static void
migrate_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoredToken *saved = g_object_get_data (G_OBJECT (task), "cs-saved");
  GError *error = NULL;

  if (!cs_token_store_save_finish (CS_TOKEN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (cs_stored_token_get_id (saved)), g_free);
}

static void
migrate_tested_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *account = cs_oauth2_learn_account_finish (result, &error);
  g_autofree char *host = NULL;
  const char *scope = cs_oauth2_token_get_scope (use->answer);
  CsStoredToken *saved;

  if (error != NULL)
    {
      use_fail (task, error);
      return;
    }
  host = cs_oauth2_url_host (cs_provider_get_oauth2_token_url (use->provider));
  saved = cs_stored_token_new_oauth2 (cs_provider_get_id (use->provider),
                                      cs_provider_get_name (use->provider), host, use->client_id,
                                      account != NULL ? account
                                                      : cs_stored_token_get_account (use->stored),
                                      scope != NULL ? scope : "",
                                      cs_oauth2_token_get_expires_at (use->answer),
                                      cs_oauth2_token_get_access_token (use->answer),
                                      cs_oauth2_token_get_refresh_token (use->answer));
  g_object_set_data_full (G_OBJECT (task), "cs-saved", saved,
                          (GDestroyNotify) cs_stored_token_unref);
  cs_token_store_save_async (use->store, saved, use->client_secret,
                             g_task_get_cancellable (task), migrate_saved_cb, task);
}

static void
migrate_exchanged_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  GError *error = NULL;

  use->answer = cs_oauth2_client_token_finish (CS_OAUTH2_CLIENT (source), result, &error);
  if (use->answer == NULL)
    {
      use_fail (task, error);
      return;
    }
  g_debug ("Exchanged the OAuth 1.0a credential %s; testing the bearer", use->id);
  cs_oauth2_learn_account_full_async (use->provider, use->transport,
                                      cs_oauth2_token_get_access_token (use->answer),
                                      g_task_get_cancellable (task), migrate_tested_cb, task);
}

static void
migrate_provider_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Use *use = g_task_get_task_data (task);
  const char *url = provider_url (task, source, result, URL_EXCHANGE);
  const char *consumer_secret;

  if (url == NULL)
    return;
  consumer_secret = use->consumer_secret != NULL
                      ? use->consumer_secret : cs_stored_token_get_consumer_secret (use->stored);
  cs_oauth2_client_exchange_oauth1_async (use->client, url,
                                          cs_stored_token_get_consumer_key (use->stored),
                                          consumer_secret ? consumer_secret : "",
                                          cs_stored_token_get_token (use->stored),
                                          cs_stored_token_get_token_secret (use->stored),
                                          g_task_get_cancellable (task), migrate_exchanged_cb,
                                          task);
}

static void
migrate_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  if (looked_up (user_data, source, result, CS_STORED_OAUTH1,
                 _("Only OAuth 1.0a credentials can be moved to OAuth 2.0")))
    find_provider (user_data, migrate_provider_cb);
}

void
cs_credential_migrate_async (CsTokenStore        *store,
                             CsProviderRegistry  *registry,
                             const char          *oauth1_id,
                             const char          *client_id,
                             const char          *client_secret,
                             const char          *consumer_secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Use *use;

  g_return_if_fail (CS_IS_TOKEN_STORE (store));
  g_return_if_fail (oauth1_id != NULL && client_id != NULL);

  task = use_task (store, registry, NULL, oauth1_id, cs_credential_migrate_async, cancellable,
                   callback, user_data);
  use = g_task_get_task_data (task);
  use->client_id = g_strdup (client_id);
  use->client_secret = client_secret != NULL && *client_secret != '\0' ? g_strdup (client_secret)
                                                                        : NULL;
  use->consumer_secret = g_strdup (consumer_secret);
  cs_token_store_lookup_async (store, oauth1_id, cancellable, migrate_lookup_cb, task);
}

char *
cs_credential_migrate_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
