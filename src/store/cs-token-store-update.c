/* cs-token-store-update.c — cs_token_store_update_oauth2_async: OAuth 2.0 rotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A provider that rotates refresh tokens makes the old one useless the moment it answers, so
 * the new pair must be in the keyring before anything else happens: the existing item's
 * secret (access and refresh token together) is replaced in one write, and only then its
 * attributes (scopes, expiry) and label. The item, its id and the item count stay; there is
 * never a moment with the old refresh token gone and the new one not stored. Where items
 * cannot be changed (the Secret portal's file backend) the new item is stored first and the
 * old one cleared after.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-percent.h"
#include "cs-token-store-private.h"

/* ---- rewriting one item (also used by save) ------------------------------------------- */

typedef struct
{
  SecretRetrievable *item;
  CsStoredToken     *token;
} Rewrite;

static void
rewrite_free (Rewrite *rewrite)
{
  g_clear_object (&rewrite->item);
  g_clear_pointer (&rewrite->token, cs_stored_token_unref);
  g_free (rewrite);
}

static void
on_label_set (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) step = user_data;
  GError *error = NULL;

  if (!secret_item_set_label_finish (SECRET_ITEM (source), result, &error))
    g_task_return_error (step, error);
  else
    g_task_return_boolean (step, TRUE);
}

static void
on_attributes_set (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) step = user_data;
  Rewrite *rewrite = g_task_get_task_data (step);
  g_autofree char *label = NULL;
  GError *error = NULL;

  if (!secret_item_set_attributes_finish (SECRET_ITEM (source), result, &error))
    {
      g_task_return_error (step, error);
      return;
    }
  label = cs_store_item_access_label (rewrite->token);
  secret_item_set_label (SECRET_ITEM (source), label, NULL, on_label_set, g_object_ref (step));
}

static void
on_secret_set (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) step = user_data;
  Rewrite *rewrite = g_task_get_task_data (step);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  if (!secret_item_set_secret_finish (SECRET_ITEM (source), result, &error))
    {
      g_task_return_error (step, error);
      return;
    }
  g_debug ("New tokens written to the keyring item");
  /* The secret is written: the attributes follow without a cancellable, so a cancellation
   * cannot leave them describing the old tokens. */
  attributes = cs_store_item_access_attributes (rewrite->token);
  secret_item_set_attributes (SECRET_ITEM (source), cs_token_store_get_schema (), attributes,
                              NULL, on_attributes_set, g_object_ref (step));
}

static void
on_old_cleared (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) step = user_data;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (step, error);
  else
    g_task_return_boolean (step, TRUE);
}

static gboolean
same_attributes (GHashTable *a,
                 GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (b, key), value) != 0)
      return FALSE;
  return TRUE;
}

/* The portal's file backend: the new item is stored; now the old one goes. */
static void
on_replacement_stored (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) step = user_data;
  Rewrite *rewrite = g_task_get_task_data (step);
  g_autoptr(GHashTable) old = secret_retrievable_get_attributes (rewrite->item);
  g_autoptr(GHashTable) written = cs_store_item_access_attributes (rewrite->token);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (step, error);
      return;
    }
  g_hash_table_remove (old, "xdg:schema");
  if (same_attributes (old, written))
    {
      g_task_return_boolean (step, TRUE); /* the store replaced it */
      return;
    }
  secret_password_clearv (cs_token_store_get_schema (), old, NULL, on_old_cleared,
                          g_object_ref (step));
}

void
cs_store_item_rewrite_async (SecretRetrievable   *item,
                             CsStoredToken       *token,
                             GTask               *task,
                             GAsyncReadyCallback  callback)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GTask) step = g_task_new (NULL, cancellable, callback, g_object_ref (task));
  Rewrite *rewrite = g_new0 (Rewrite, 1);
  char *secret = cs_store_item_access_secret (token);

  rewrite->item = g_object_ref (item);
  rewrite->token = cs_stored_token_ref (token);
  g_task_set_task_data (step, rewrite, (GDestroyNotify) rewrite_free);
  if (SECRET_IS_ITEM (item))
    {
      g_autoptr(SecretValue) value = secret_value_new (secret, -1, "text/plain");

      secret_item_set_secret (SECRET_ITEM (item), value, cancellable, on_secret_set,
                              g_object_ref (step));
    }
  else
    {
      g_autoptr(GHashTable) attributes = cs_store_item_access_attributes (token);
      g_autofree char *label = cs_store_item_access_label (token);

      secret_password_storev (cs_token_store_get_schema (), attributes,
                              SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                              on_replacement_stored, g_object_ref (step));
    }
  cs_secret_free (secret);
}

gboolean
cs_store_item_rewrite_finish (GTask        *task,
                              GAsyncResult *result)
{
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return TRUE;
  cs_store_task_return_error (task, error);
  return FALSE;
}

/* ---- cs_token_store_update_oauth2_async ---------------------------------------------- */

typedef struct
{
  char   *access_token;  /* secret */
  char   *refresh_token; /* secret; NULL keeps the stored one */
  char   *scopes;        /* NULL keeps the stored ones */
  gint64  expires_at;
} UpdateData;

static void
update_data_free (UpdateData *data)
{
  cs_secret_free (data->access_token);
  cs_secret_free (data->refresh_token);
  g_free (data->scopes);
  g_free (data);
}

static void
on_rewritten (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (!cs_store_item_rewrite_finish (task, result))
    return;
  g_debug ("OAuth 2.0 tokens rotated in the keyring");
  g_task_return_boolean (task, TRUE);
}

static void
rewrite_with_new_tokens (GTask *task)
{
  CsStoreFind *find = g_task_get_task_data (task);
  UpdateData *data = find->extra;
  const char *refresh_token = data->refresh_token ? data->refresh_token
                                                  : cs_stored_token_get_refresh_token (find->token);

  cs_stored_token_take_secrets (find->token, g_strdup (data->access_token),
                                g_strdup (refresh_token));
  if (data->scopes != NULL)
    cs_stored_token_set_scopes (find->token, data->scopes);
  cs_stored_token_set_expires_at (find->token, data->expires_at);
  cs_store_item_rewrite_async (find->item, find->token, task, on_rewritten);
}

/* Only without a new refresh token: the stored one is kept, so it is read first. */
static void
on_old_secret (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoreFind *find = g_task_get_task_data (task);
  GError *error = NULL;
  SecretValue *value;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (error != NULL)
    {
      cs_store_task_return_error (task, error);
      return;
    }
  if (value == NULL)
    {
      g_task_return_error (task, cs_store_error_new_locked ());
      return;
    }
  /* A damaged secret only loses the refresh token it no longer holds. */
  cs_store_item_take_access_secret (find->token, value);
  rewrite_with_new_tokens (task);
}

static void
on_update_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsStoreFind *find = g_task_get_task_data (task);
  UpdateData *data = find->extra;

  if (!cs_store_find_finish (task, result))
    return;
  if (cs_stored_token_get_protocol (find->token) != CS_STORED_OAUTH2)
    {
      g_task_return_new_error (task, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                               _("The credential “%s” is an OAuth 1.0a token: only OAuth 2.0 "
                                 "tokens are refreshed"), find->id);
      return;
    }
  if (data->refresh_token != NULL)
    rewrite_with_new_tokens (task);
  else
    secret_retrievable_retrieve_secret (find->item, g_task_get_cancellable (task),
                                        on_old_secret, g_object_ref (task));
}

/**
 * cs_token_store_update_oauth2_async:
 * @id: the stored OAuth 2.0 token's id
 * @access_token: the new access token
 * @refresh_token: (nullable): the new refresh token; %NULL keeps the stored one
 * @scopes: (nullable): the granted scopes; %NULL keeps the stored ones
 * @expires_at: when the new access token expires (seconds since the epoch), 0 unknown
 *
 * Rotation: writes both tokens to the existing item in one write, then its attributes.
 */
void
cs_token_store_update_oauth2_async (CsTokenStore        *self,
                                    const char          *id,
                                    const char          *access_token,
                                    const char          *refresh_token,
                                    const char          *scopes,
                                    gint64               expires_at,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CsStoreFind *find;
  UpdateData *data;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (access_token != NULL && *access_token != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (UpdateData, 1);
  data->access_token = g_strdup (access_token);
  data->refresh_token = refresh_token && *refresh_token ? g_strdup (refresh_token) : NULL;
  data->scopes = g_strdup (scopes);
  data->expires_at = MAX (expires_at, 0);
  find = cs_store_find_async (self, id, cs_token_store_update_oauth2_async, on_update_searched,
                              cancellable, callback, user_data);
  find->extra = data;
  find->extra_free = (GDestroyNotify) update_data_free;
}

gboolean
cs_token_store_update_oauth2_finish (CsTokenStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == cs_token_store_update_oauth2_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
