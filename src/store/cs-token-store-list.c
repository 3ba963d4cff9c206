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
  GPtrArray *tokens = cs_store_search_access_finish (task, result, NULL);

  if (tokens != NULL)
    g_debug ("The keyring holds %u access item(s)", tokens->len);
  if (tokens != NULL)
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
