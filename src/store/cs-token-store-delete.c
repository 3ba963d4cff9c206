/* cs-token-store-delete.c — cs_token_store_delete_async: an access item, and the consumer
 * item with the last account of its consumer key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-token-store-private.h"

static void
on_consumer_cleared (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    cs_store_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_access_cleared (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoreFind *find = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error))
    {
      if (error != NULL)
        cs_store_task_return_error (task, error);
      else
        g_task_return_error (task, cs_store_error_new_not_found (find->id));
      return;
    }
  if (!find->last_of_consumer_key)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* No other stored account uses this consumer key: its secret goes too. */
  attributes = cs_store_item_owner_attributes (find->token);
  /* Not cancellable inside libsecret (a clear searches first): see cs_store_search_access_items. */
  secret_password_clearv (cs_token_store_get_schema (), attributes, NULL,
                          on_consumer_cleared, g_object_ref (task));
}

static void
on_delete_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoreFind *find = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;

  if (!cs_store_find_finish (task, result))
    return;
  attributes = cs_store_item_identity_attributes (find->token);
  /* Not cancellable inside libsecret (a clear searches first): see cs_store_search_access_items. */
  secret_password_clearv (cs_token_store_get_schema (), attributes, NULL,
                          on_access_cleared, g_object_ref (task));
}

/* Deletes the access item and, when no other stored account uses its consumer key (OAuth
 * 1.0a) or client id (OAuth 2.0), the consumer or client item. */
void
cs_token_store_delete_async (CsTokenStore        *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  cs_store_find_async (self, id, cs_token_store_delete_async, on_delete_searched, cancellable,
                       callback, user_data);
}

gboolean
cs_token_store_delete_finish (CsTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_delete_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
