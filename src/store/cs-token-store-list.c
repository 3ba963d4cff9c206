/* cs-token-store-list.c — cs_token_store_list_async: every stored access token, no secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-token-store-private.h"

/* Which tokens have a consumer item (OAuth 1.0a) or a client item (OAuth 2.0): attributes
 * only, no secret is read. */
static void
on_consumers_searched (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *tokens = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *found = secret_password_search_finish (result, &error);

  /* Without the answer the tokens are only not known to have it: the list still stands. */
  for (GList *l = found; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);

      for (guint i = 0; i < tokens->len; i++)
        if (cs_store_item_is_owner_of (attributes, tokens->pdata[i]))
          cs_stored_token_set_has_consumer_secret (tokens->pdata[i], TRUE);
    }
  g_list_free_full (found, g_object_unref);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_ptr_array_ref (tokens), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_list_searched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *tokens = cs_store_search_access_finish (task, result, NULL);
  g_autoptr(GHashTable) attributes = NULL;

  if (tokens == NULL)
    return;
  g_debug ("The keyring holds %u access item(s)", tokens->len);
  g_task_set_task_data (task, tokens, (GDestroyNotify) g_ptr_array_unref);
  /* Every item of the schema: the consumer and client items are picked from them. */
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  /* Not cancellable inside libsecret, as in cs_store_search_access_items. */
  secret_password_searchv (cs_token_store_get_schema (), attributes, SECRET_SEARCH_ALL, NULL,
                           on_consumers_searched, g_object_ref (task));
}

void
cs_token_store_list_async (CsTokenStore        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_token_store_list_async);
  cs_store_search_access_items (task, on_list_searched);
}

GPtrArray *
cs_token_store_list_finish (CsTokenStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_list_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
