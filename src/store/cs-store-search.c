/* cs-store-search.c — finding the stored access items, and the item with one id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every operation but save starts with one search for all access items. The search asks
 * libsecret to unlock what is locked (the keyring's own prompt); an item that stays locked
 * fails the whole operation with CS_STORE_ERROR_LOCKED, because an empty or partial list
 * would tell the user that credentials are gone when they are not.
 */
#include "config.h"

#include <string.h>

#include "cs-token-store-private.h"

void
cs_store_search_access_items (GTask               *task,
                              GAsyncReadyCallback  callback)
{
  g_autoptr(GHashTable) attributes = cs_store_kind_attributes_new (CS_STORE_KIND_ACCESS);

  /* The caller's cancellable is not handed to libsecret: up to 0.21.7 at least, a search
   * cancelled while it loads two or more items returns its GTask once per item (a critical,
   * fatal in the tests). The search runs to its end and cs_store_search_finish() then
   * reports the cancellation. */
  secret_password_searchv (cs_token_store_get_schema (), attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL, callback, task);
}

gboolean
cs_store_search_finish (GTask         *task,
                        GAsyncResult  *result,
                        GList        **found)
{
  GError *error = NULL;

  *found = secret_password_search_finish (result, &error);
  if (error == NULL && g_task_return_error_if_cancelled (task))
    {
      g_list_free_full (g_steal_pointer (found), g_object_unref);
      return FALSE;
    }
  if (error == NULL)
    return TRUE;
  cs_store_task_return_error (task, error);
  return FALSE;
}

static gboolean
item_is_locked (GObject *item)
{
  return SECRET_IS_ITEM (item) && secret_item_get_locked (SECRET_ITEM (item));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  CsStoredToken *ta = *(CsStoredToken **) a;
  CsStoredToken *tb = *(CsStoredToken **) b;
  gint64 ma = cs_stored_token_get_modified (ta);
  gint64 mb = cs_stored_token_get_modified (tb);

  if (ma != mb)
    return ma > mb ? -1 : 1;
  return strcmp (cs_stored_token_get_id (ta), cs_stored_token_get_id (tb));
}

/* See cs_store_search_access_finish. */
static GPtrArray *
tokens_from_search (GList      *found,
                    GPtrArray **items_out,
                    GError    **error)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) item_of = g_hash_table_new (NULL, NULL);

  tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_stored_token_unref);
  for (GList *l = found; l != NULL; l = l->next)
    {
      CsStoredToken *token;

      if (item_is_locked (l->data))
        {
          g_propagate_error (error, cs_store_error_new_locked ());
          return NULL;
        }
      token = cs_store_item_to_token (l->data);
      if (token == NULL)
        continue;
      g_ptr_array_add (tokens, token);
      g_hash_table_insert (item_of, token, l->data);
    }
  g_ptr_array_sort (tokens, compare_newest_first);
  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (items, g_object_ref (g_hash_table_lookup (item_of, tokens->pdata[i])));
  if (items_out != NULL)
    *items_out = g_steal_pointer (&items);
  return g_steal_pointer (&tokens);
}

GPtrArray *
cs_store_search_access_finish (GTask         *task,
                               GAsyncResult  *result,
                               GPtrArray    **items_out)
{
  GPtrArray *tokens;
  GError *error = NULL;
  GList *found;

  if (!cs_store_search_finish (task, result, &found))
    return NULL;
  tokens = tokens_from_search (found, items_out, &error);
  g_list_free_full (found, g_object_unref);
  if (tokens == NULL)
    g_task_return_error (task, error);
  return tokens;
}

/* ---- the item with one id (lookup and delete) ---------------------------------------- */

static void
find_free (CsStoreFind *find)
{
  g_free (find->id);
  g_clear_pointer (&find->token, cs_stored_token_unref);
  g_clear_object (&find->item);
  if (find->extra_free != NULL)
    find->extra_free (find->extra);
  g_free (find);
}

CsStoreFind *
cs_store_find_async (CsTokenStore        *self,
                     const char          *id,
                     gpointer             source_tag,
                     GAsyncReadyCallback  searched,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CsStoreFind *find = g_new0 (CsStoreFind, 1);

  g_task_set_source_tag (task, source_tag);
  find->id = g_strstrip (g_strdup (id));
  g_task_set_task_data (task, find, (GDestroyNotify) find_free);
  cs_store_search_access_items (task, searched);
  return find;
}

/* Fills @find from the sorted @tokens and @items; FALSE when none has its id. */
static gboolean
find_in (CsStoreFind *find,
         GPtrArray   *tokens,
         GPtrArray   *items)
{
  /* Newest first, so the newest wins should two items ever share an id. */
  for (guint i = 0; i < tokens->len && find->token == NULL; i++)
    if (g_str_equal (cs_stored_token_get_id (tokens->pdata[i]), find->id))
      {
        find->token = cs_stored_token_ref (tokens->pdata[i]);
        find->item = g_object_ref (items->pdata[i]);
      }
  if (find->token == NULL)
    return FALSE;

  find->last_of_consumer_key = TRUE;
  for (guint i = 0; i < tokens->len; i++)
    if (!g_str_equal (cs_stored_token_get_id (tokens->pdata[i]), find->id) &&
        cs_store_item_same_owner (tokens->pdata[i], find->token))
      find->last_of_consumer_key = FALSE;
  return TRUE;
}

gboolean
cs_store_find_finish (GTask        *task,
                      GAsyncResult *result)
{
  CsStoreFind *find = g_task_get_task_data (task);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) items = NULL;

  tokens = cs_store_search_access_finish (task, result, &items);
  if (tokens == NULL)
    return FALSE;
  if (!find_in (find, tokens, items))
    {
      g_task_return_error (task, cs_store_error_new_not_found (find->id));
      return FALSE;
    }
  return TRUE;
}
