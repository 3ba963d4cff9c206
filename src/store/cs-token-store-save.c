/* cs-token-store-save.c — cs_token_store_save_async: the access item, then the consumer (or
 * client) item
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

/* The consumer item (OAuth 1.0a) or client item (OAuth 2.0), when a secret was given. */
static void
store_owner (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  char *secret;

  if (data->consumer_secret == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  attributes = cs_store_item_owner_attributes (data->token);
  label = cs_store_item_owner_label (data->token);
  secret = cs_store_item_owner_secret (data->token, data->consumer_secret);
  secret_password_storev (cs_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, g_task_get_cancellable (task), on_consumer_stored,
                          g_object_ref (task));
  cs_secret_free (secret);
}

static void
on_access_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      cs_store_task_return_error (task, error);
      return;
    }
  g_debug ("Access item saved in the keyring");
  store_owner (task);
}

static void
on_access_rewritten (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (!cs_store_item_rewrite_finish (task, result))
    return;
  g_debug ("Access item updated in the keyring");
  store_owner (task);
}

static void
store_access (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = cs_store_item_access_attributes (data->token);
  g_autofree char *label = cs_store_item_access_label (data->token);
  char *secret = cs_store_item_access_secret (data->token);

  /* Storing with the same attributes replaces the item: re-authorizing updates it. */
  secret_password_storev (cs_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, g_task_get_cancellable (task), on_access_stored,
                          g_object_ref (task));
  cs_secret_free (secret);
}

/* OAuth 2.0: the scopes and expiry are attributes too, so storing would not replace an item
 * of the same account with another expiry; the existing item is rewritten instead. */
static void
on_existing_searched (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GList *found;

  if (!cs_store_search_finish (task, result, &found))
    return;
  if (found == NULL)
    store_access (task);
  else
    cs_store_item_rewrite_async (found->data, data->token, task, on_access_rewritten);
  g_list_free_full (found, g_object_unref);
}

/**
 * cs_token_store_save_async:
 * @token: the token to store; its token and token secret must be set
 * @consumer_secret: (nullable): also store the consumer secret (the user opted in); for an
 *   OAuth 2.0 token, the client secret
 *
 * Stores the access item (replacing the one with the same provider, host, consumer key and
 * account) and, with @consumer_secret, the consumer item of that consumer key (OAuth 2.0:
 * the client item of that client id; an existing item of the account is rewritten). A token whose
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
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_token_store_save_async);
  if (!cs_store_item_check_storable (token, &error))
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

  if (cs_stored_token_get_protocol (token) != CS_STORED_OAUTH2)
    {
      store_access (task);
      return;
    }
  attributes = cs_oauth2_item_identity_attributes (token);
  /* Not cancellable inside libsecret, as in cs_store_search_access_items. */
  secret_password_searchv (cs_token_store_get_schema (), attributes, SECRET_SEARCH_UNLOCK, NULL,
                           on_existing_searched, g_object_ref (task));
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
