/* cs-token-store-account.c — cs_token_store_set_account_async: the account, learned later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The id and the attributes follow the account, and only libsecret's backend-neutral calls
 * are used (the portal's items cannot change their attributes): the token is read, saved
 * again under the account, and the old item cleared. The consumer item (OAuth 2.0: the
 * client item) has no account and stays as it is. Both protocols go the same way.
 */
#include "config.h"

#include "cs-token-store-private.h"

typedef struct
{
  char          *account;
  char          *new_id;
  CsStoredToken *old;
} AccountData;

static void
account_data_free (AccountData *data)
{
  g_free (data->account);
  g_free (data->new_id);
  g_clear_pointer (&data->old, cs_stored_token_unref);
  g_free (data);
}

static void
return_new_id (GTask *task)
{
  AccountData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_strdup (data->new_id), g_free);
}

static void
on_old_cleared (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      cs_store_task_return_error (task, error);
      return;
    }
  return_new_id (task);
}

static void
on_new_saved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AccountData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  if (!cs_token_store_save_finish (CS_TOKEN_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  attributes = cs_store_item_identity_attributes (data->old);
  /* Not cancellable inside libsecret (a clear searches first): see cs_store_search_access_items. */
  secret_password_clearv (cs_token_store_get_schema (), attributes,
                          NULL, on_old_cleared, g_object_ref (task));
}

/* @old under @account: the same tokens (and, for OAuth 2.0, scopes and expiry). */
static CsStoredToken *
renamed_new (CsStoredToken *old,
             const char    *account)
{
  if (cs_stored_token_get_protocol (old) == CS_STORED_OAUTH2)
    return cs_stored_token_new_oauth2 (cs_stored_token_get_provider_id (old),
                                       cs_stored_token_get_provider_name (old),
                                       cs_stored_token_get_host (old),
                                       cs_stored_token_get_client_id (old), account,
                                       cs_stored_token_get_scopes (old),
                                       cs_stored_token_get_expires_at (old),
                                       cs_stored_token_get_access_token (old),
                                       cs_stored_token_get_refresh_token (old));
  return cs_stored_token_new (cs_stored_token_get_provider_id (old),
                              cs_stored_token_get_provider_name (old),
                              cs_stored_token_get_host (old),
                              cs_stored_token_get_consumer_key (old), account,
                              cs_stored_token_get_token (old),
                              cs_stored_token_get_token_secret (old));
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AccountData *data = g_task_get_task_data (task);
  g_autoptr(CsStoredToken) renamed = NULL;
  GError *error = NULL;

  data->old = cs_token_store_lookup_finish (CS_TOKEN_STORE (source), result, &error);
  if (data->old == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_strcmp0 (cs_stored_token_get_account (data->old), data->account) == 0)
    {
      data->new_id = g_strdup (cs_stored_token_get_id (data->old));
      return_new_id (task);
      return;
    }

  renamed = renamed_new (data->old, data->account);
  data->new_id = g_strdup (cs_stored_token_get_id (renamed));
  cs_token_store_save_async (CS_TOKEN_STORE (source), renamed, NULL,
                             g_task_get_cancellable (task), on_new_saved, g_object_ref (task));
}

/**
 * cs_token_store_set_account_async:
 * @id: the stored token's id
 * @account: the account the provider named (Test Credentials)
 *
 * Stores the token of @id under @account: attributes, label and id change; the token and
 * the consumer item stay. Finishes with the new id.
 */
void
cs_token_store_set_account_async (CsTokenStore        *self,
                                  const char          *id,
                                  const char          *account,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AccountData *data;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_token_store_set_account_async);
  data = g_new0 (AccountData, 1);
  data->account = g_strdup (account);
  g_task_set_task_data (task, data, (GDestroyNotify) account_data_free);
  cs_token_store_lookup_async (self, id, cancellable, on_looked_up, g_steal_pointer (&task));
}

char *
cs_token_store_set_account_finish (CsTokenStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == cs_token_store_set_account_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
