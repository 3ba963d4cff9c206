/* cs-token-store-lookup.c — cs_token_store_lookup_async: one token with its secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Find the access item with the id, read its secret, then the consumer item's secret if
 * there is one (the user may not have chosen to store it); for OAuth 2.0 the client item's.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-token-store-private.h"

static void
return_token (GTask *task)
{
  CsStoreFind *find = g_task_get_task_data (task);

  g_task_return_pointer (task, cs_stored_token_ref (find->token),
                         (GDestroyNotify) cs_stored_token_unref);
}

/* Completes reading an item's secret: FALSE (and the task returned) on error; TRUE with
 * @value NULL when the item gave no secret (it stayed locked). */
static gboolean
retrieve_finish (GTask         *task,
                 GObject       *item,
                 GAsyncResult  *result,
                 SecretValue  **value)
{
  GError *error = NULL;

  *value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (item), result, &error);
  if (*value != NULL || error == NULL)
    return TRUE;
  cs_store_task_return_error (task, error);
  return FALSE;
}

static void
on_consumer_secret (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoreFind *find = g_task_get_task_data (task);
  SecretValue *value;

  if (!retrieve_finish (task, source, result, &value))
    return;
  if (value != NULL)
    cs_store_item_take_owner_secret (find->token, value);
  return_token (task);
}

static void
on_consumer_searched (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GList *found;

  if (!cs_store_search_finish (task, result, &found))
    return;
  if (found == NULL)
    {
      /* The consumer secret is optional: the user did not choose to store it. */
      return_token (task);
      return;
    }
  secret_retrievable_retrieve_secret (found->data, g_task_get_cancellable (task),
                                      on_consumer_secret, g_object_ref (task));
  g_list_free_full (found, g_object_unref);
}

static void
on_access_secret (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoreFind *find = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  SecretValue *value;

  if (!retrieve_finish (task, source, result, &value))
    return;
  if (value == NULL)
    {
      /* No error and no secret: the item stayed locked. */
      g_task_return_error (task, cs_store_error_new_locked ());
      return;
    }
  if (!cs_store_item_take_access_secret (find->token, value))
    {
      g_task_return_new_error (task, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                               _("The keyring item with id “%s” is damaged: it holds no access "
                                 "token; forget it and authorize again"), find->id);
      return;
    }

  attributes = cs_store_item_owner_attributes (find->token);
  /* Not cancellable inside libsecret, as in cs_store_search_access_items: a cancelled search
   * can return libsecret's own GTask twice; cs_store_search_finish() reports the cancel. */
  secret_password_searchv (cs_token_store_get_schema (), attributes,
                           SECRET_SEARCH_UNLOCK, NULL,
                           on_consumer_searched, g_object_ref (task));
}

static void
on_lookup_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoreFind *find = g_task_get_task_data (task);

  if (!cs_store_find_finish (task, result))
    return;
  secret_retrievable_retrieve_secret (find->item, g_task_get_cancellable (task),
                                      on_access_secret, g_object_ref (task));
}

void
cs_token_store_lookup_async (CsTokenStore        *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  cs_store_find_async (self, id, cs_token_store_lookup_async, on_lookup_searched, cancellable,
                       callback, user_data);
}

CsStoredToken *
cs_token_store_lookup_finish (CsTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
