/* cs-wizard-oauth2-manage.c — what the OAuth 2.0 result page does with the tokens it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Refresh and Revoke on the saved credential (src/flow: cs_credential_fresh_full_async with a
 * forced refresh, which rotates the stored item, and cs_credential_revoke_full_async, both
 * with the client secret entered: the keyring keeps it only when asked to), Test
 * Credentials with the bearer (cs_oauth2_learn_account_async), whose account the keyring then
 * keeps. The tokens shown stay on screen whatever the provider answers.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-oauth2-credential.h"
#include "cs-wizard-private.h"

static gboolean
op_ended (CsWizard     *self,
          const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  return TRUE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CsStoredToken) stored = cs_credential_fresh_finish (result, &error);
  const char *type;

  if (!op_ended (self, error))
    return;
  if (stored == NULL)
    {
      cs_oauth2_result_page_show_manage (self->oauth2_result_page, error->message, FALSE, TRUE);
      return;
    }
  type = cs_oauth2_token_get_token_type (self->oauth2_token);
  {
    g_autoptr (CsOAuth2Token) fresh =
      cs_oauth2_token_new (cs_stored_token_get_access_token (stored), type,
                           cs_stored_token_get_refresh_token (stored),
                           cs_stored_token_get_scopes (stored),
                           cs_stored_token_get_expires_at (stored));

    g_clear_pointer (&self->oauth2_token, cs_oauth2_token_unref);
    self->oauth2_token = g_steal_pointer (&fresh);
  }
  cs_oauth2_result_page_show_tokens (self->oauth2_result_page,
                                     cs_stored_token_get_access_token (stored),
                                     cs_stored_token_get_refresh_token (stored), type,
                                     cs_stored_token_get_expires_at (stored),
                                     cs_stored_token_get_scopes (stored));
  cs_oauth2_result_page_show_manage (self->oauth2_result_page,
                                     _("Refreshed: a new access token, saved in the keyring"),
                                     FALSE, FALSE);
}

void
_cs_wizard_oauth2_refresh (CsWizard *self)
{
  if (_cs_wizard_is_busy (self) || self->oauth2_saved_id == NULL)
    return;

  cs_oauth2_result_page_show_manage (self->oauth2_result_page,
                                     _("Asking for a new access token…"), TRUE, FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_REFRESH);
  /* The client secret entered, which the keyring keeps only when asked to. */
  cs_credential_fresh_full_async (self->store, self->registry, NULL, self->oauth2_provider,
                                  self->oauth2_saved_id, TRUE,
                                  cs_client_page_get_client_secret (self->client_page),
                                  self->cancellable, refresh_cb, g_object_ref (self));
}

static void
revoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean revoked = cs_credential_revoke_finish (result, &error);

  if (!op_ended (self, error))
    return;
  if (!revoked)
    {
      cs_oauth2_result_page_show_manage (self->oauth2_result_page, error->message, FALSE, TRUE);
      return;
    }
  self->oauth2_revoked = TRUE;
  cs_oauth2_result_page_show_manage (self->oauth2_result_page,
                                     _("Revoked: the provider no longer accepts these tokens. "
                                       "The entry stays in the keyring until you forget it."),
                                     FALSE, FALSE);
  _cs_wizard_update_actions (self);
}

void
_cs_wizard_oauth2_revoke (CsWizard *self)
{
  if (_cs_wizard_is_busy (self) || self->oauth2_saved_id == NULL)
    return;

  cs_oauth2_result_page_show_manage (self->oauth2_result_page, _("Revoking the tokens…"), TRUE,
                                     FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_REVOKE);
  cs_credential_revoke_full_async (self->store, self->registry, self->oauth2_provider,
                                   self->oauth2_saved_id,
                                   cs_client_page_get_client_secret (self->client_page),
                                   self->cancellable, revoke_cb, g_object_ref (self));
}

static void
account_set_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = cs_token_store_set_account_finish (CS_TOKEN_STORE (object), result,
                                                           &error);

  if (!op_ended (self, error))
    return;
  if (id == NULL)
    {
      cs_oauth2_result_page_show_keyring (self->oauth2_result_page, error->message, FALSE, FALSE);
      return;
    }
  g_free (self->oauth2_saved_id);
  self->oauth2_saved_id = g_steal_pointer (&id);
  cs_oauth2_result_page_show_keyring (self->oauth2_result_page,
                                      _("Saved in the keyring, with the account"), FALSE, FALSE);
}

static void
learn_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *account = cs_oauth2_learn_account_finish (result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (account == NULL)
    {
      _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
      cs_oauth2_result_page_show_test (self->oauth2_result_page,
                                       error != NULL ? error->message
                                       : _("The provider answered, but named no account"),
                                       FALSE, error != NULL);
      return;
    }
  /* Translators: %s is an account name, e.g. "demo_user". */
  text = g_strdup_printf (_("The tokens work: they belong to @%s"), account);
  cs_oauth2_result_page_show_test (self->oauth2_result_page, text, FALSE, FALSE);
  if (self->oauth2_saved_id == NULL)
    {
      _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
      return;
    }
  /* Busy until the keyring has it, so that Done hands on the new id. */
  cs_token_store_set_account_async (self->store, self->oauth2_saved_id, account,
                                    self->cancellable, account_set_cb, g_object_ref (self));
}

void
_cs_wizard_oauth2_test (CsWizard *self)
{
  if (_cs_wizard_is_busy (self) || self->oauth2_token == NULL)
    return;

  cs_oauth2_result_page_show_test (self->oauth2_result_page, _("Calling with the bearer token…"),
                                   TRUE, FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_TEST);
  cs_oauth2_learn_account_async (self->oauth2_provider,
                                 cs_oauth2_token_get_access_token (self->oauth2_token),
                                 self->cancellable, learn_cb, g_object_ref (self));
}
