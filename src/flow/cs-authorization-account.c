/* cs-authorization-account.c — the account that Test Credentials learned, kept and stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An access token answer often names no account (or only a user id); the signed test call
 * does. What it names replaces what the answer said, and a token already in the keyring is
 * stored under it, so that the saved list and the exports name the account.
 */
#include "config.h"

#include "cs-authorization-private.h"

static void
set_account_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsAuthorization *self = g_task_get_source_object (task);
  const char *old_id = g_task_get_task_data (task);
  g_autofree char *new_id = NULL;
  GError *error = NULL;

  new_id = cs_token_store_set_account_finish (CS_TOKEN_STORE (source), result, &error);
  if (new_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Unless the token was saved again, or another one got, in the meantime. */
  if (g_strcmp0 (self->saved_id, old_id) == 0)
    {
      g_debug ("Stored under the account that Test Credentials learned, as %s", new_id);
      g_clear_pointer (&self->saved_token, cs_stored_token_unref);
      g_free (self->saved_id);
      self->saved_id = g_steal_pointer (&new_id);
      g_object_notify_by_pspec (G_OBJECT (self), cs_authorization_properties[PROP_SAVED_ID]);
    }
  g_task_return_boolean (task, TRUE);
}

void
cs_authorization_learn_account_async (CsAuthorization     *self,
                                      const char          *account,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *stored_as;

  g_return_if_fail (CS_IS_AUTHORIZATION (self));
  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_authorization_learn_account_async);
  if (self->access_token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  stored_as = self->saved_token != NULL ? cs_stored_token_get_account (self->saved_token)
                                        : cs_authorization_get_account (self);
  g_free (self->learned_account);
  self->learned_account = g_strdup (account);
  if (self->saved_id == NULL || self->store == NULL || g_strcmp0 (stored_as, account) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, g_strdup (self->saved_id), g_free);
  cs_token_store_set_account_async (self->store, self->saved_id, account, cancellable,
                                    set_account_cb, g_steal_pointer (&task));
}

gboolean
cs_authorization_learn_account_finish (CsAuthorization  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (CS_IS_AUTHORIZATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == cs_authorization_learn_account_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
