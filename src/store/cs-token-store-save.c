/* cs-token-store-save.c — cs_token_store_save_async: the access item, then the consumer item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-percent.h"
#include "cs-token-store-private.h"

typedef struct
{
  CsStoredToken *token;
  char          *consumer_secret;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->token, cs_stored_token_unref);
  cs_secret_free (data->consumer_secret);
  g_free (data);
}

static void
on_consumer_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    cs_store_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_access_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  char *secret;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      cs_store_task_return_error (task, error);
      return;
    }
  g_debug ("Access item saved in the keyring");
  if (data->consumer_secret == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  attributes = cs_oauth1_item_consumer_attributes (data->token);
  label = cs_oauth1_item_consumer_label (data->token);
  secret = cs_oauth1_item_consumer_secret (data->consumer_secret);
  secret_password_storev (cs_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, g_task_get_cancellable (task), on_consumer_stored,
                          g_object_ref (task));
  cs_secret_free (secret);
}

/**
 * cs_token_store_save_async:
 * @token: the token to store; its token and token secret must be set
 * @consumer_secret: (nullable): also store the consumer secret (the user opted in)
 *
 * Stores the access item (replacing the one with the same provider, host, consumer key and
 * account) and, with @consumer_secret, the consumer item of that consumer key. A token whose
 * account is not known gets an item id of its own the first time it is saved (its id changes
 * then), so it is a new item beside any other; saved again, it updates that item.
 */
void
cs_token_store_save_async (CsTokenStore        *self,
                           CsStoredToken       *token,
                           const char          *consumer_secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;
  SaveData *data;
  char *secret;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_token_store_save_async);
  if (!cs_oauth1_item_check_storable (token, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (*cs_stored_token_get_account (token) == '\0' && cs_stored_token_get_item (token) == NULL)
    {
      g_autofree char *item = g_uuid_string_random ();

      cs_stored_token_set_item (token, item);
    }

  data = g_new0 (SaveData, 1);
  data->token = cs_stored_token_ref (token);
  data->consumer_secret = g_strdup (consumer_secret);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  attributes = cs_oauth1_item_access_attributes (token);
  label = cs_oauth1_item_access_label (token);
  secret = cs_oauth1_item_access_secret (token);
  /* Storing with the same attributes replaces the item: re-authorizing updates it. */
  secret_password_storev (cs_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, cancellable, on_access_stored, g_steal_pointer (&task));
  cs_secret_free (secret);
}

gboolean
cs_token_store_save_finish (CsTokenStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
