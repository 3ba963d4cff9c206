/* cs-token-store-list.c — cs_token_store_list_async: every stored access token, no secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-token-store-private.h"

static void
on_list_searched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GList *found;
  GPtrArray *tokens;
  GError *error = NULL;

  found = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      cs_store_task_return_error (task, error);
      return;
    }
  tokens = cs_store_tokens_from_search (found, NULL, &error);
  g_list_free_full (found, g_object_unref);
  if (tokens == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) g_ptr_array_unref);
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
  cs_store_search_access_items (cancellable, on_list_searched, task);
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
