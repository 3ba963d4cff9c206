/* cs-wizard-oauth2.c — the wizard as a view of one CsOAuth2Authorization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OAuth 2.0 steps after step 1: client → scopes → authorize → tokens. The flow layer
 * (src/flow) makes every request: the authorization (PKCE, state, the loopback wait, the code
 * exchange, the keyring), and, for the saved credential, Refresh (cs_credential_fresh_async),
 * Revoke (cs_credential_revoke_async) and Test Credentials (cs_oauth2_learn_account_async).
 * As in cs-wizard-flow.c, every callback first checks for G_IO_ERROR_CANCELLED.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-credential.h"
#include "cs-oauth2-scopes.h"
#include "cs-share.h"
#include "cs-wizard-private.h"

void
_cs_wizard_oauth2_clear (CsWizard *self)
{
  g_clear_object (&self->oauth2_authorization);
  g_clear_pointer (&self->oauth2_saved_id, g_free);
  g_clear_pointer (&self->oauth2_token, cs_oauth2_token_unref);
  g_clear_pointer (&self->oauth2_scope, g_free);
}

CsOAuth2Token *
_cs_wizard_oauth2_get_token (CsWizard *self)
{
  return self->oauth2 ? self->oauth2_token : NULL;
}

static gboolean
op_ended (CsWizard     *self,
          const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  return TRUE;
}

/* ------------------------------------------------------------------ client and scopes */

void
_cs_wizard_oauth2_show_client (CsWizard *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsProvider) chosen = cs_provider_page_dup_provider (self->provider_page);
  CsProvider *provider;

  if (chosen == NULL || self->registry == NULL)
    return;
  cs_provider_page_remember (self->provider_page);
  /* The demo runs in this process, on a port chosen when it starts. */
  provider = cs_provider_registry_resolve (self->registry, chosen, &error);
  self->oauth2 = TRUE;
  if (provider == NULL)
    {
      /* The demo did not start: said where Continue waits, which it does until Back. */
      g_clear_object (&self->oauth2_provider);
      cs_client_page_show_error (self->client_page, error->message);
      _cs_wizard_set_step (self, CS_WIZARD_STEP_CLIENT);
      return;
    }
  if (self->oauth2_provider != provider)
    {
      g_set_object (&self->oauth2_provider, provider);
      /* The demo's public client (its secret is the confidential client's), and the port
       * registered with the provider's app. */
      cs_client_page_set_provider (self->client_page, cs_provider_get_name (provider),
                                   cs_provider_get_demo_client_id (provider), NULL,
                                   cs_provider_get_oauth2_callback_port (provider));
    }
  _cs_wizard_set_step (self, CS_WIZARD_STEP_CLIENT);
  cs_client_page_focus_first (self->client_page);
}

void
_cs_wizard_oauth2_show_scopes (CsWizard *self)
{
  CsProvider *provider = self->oauth2_provider;
  const char * const *scopes = cs_provider_get_oauth2_scopes (provider);
  g_autoptr (GPtrArray) descriptions = g_ptr_array_new ();

  const char *id = cs_provider_get_id (provider);

  for (guint i = 0; scopes != NULL && scopes[i] != NULL; i++)
    g_ptr_array_add (descriptions, (gpointer) cs_oauth2_scope_describe (id, scopes[i]));
  g_ptr_array_add (descriptions, NULL);
  /* The choice of the same provider stays when Back and Continue are pressed. */
  if (self->scopes_provider != provider)
    {
      self->scopes_provider = provider;
      cs_scopes_page_set_scopes (self->scopes_page, scopes,
                                 (const char * const *) descriptions->pdata,
                                 cs_provider_get_oauth2_default_scopes (provider));
    }
  _cs_wizard_set_step (self, CS_WIZARD_STEP_SCOPES);
  /* Enter continues with the defaults; Tab reaches the scopes, Space switches one. */
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

/* ------------------------------------------------------------------ authorize */

static void show_tokens (CsWizard *self);

static void
show_redirect_error (CsWizard     *self,
                     const GError *error,
                     gboolean      pasted)
{
  if (g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED))
    cs_oauth2_authorize_page_show_denied (self->oauth2_authorize_page, _("Access Denied"),
                                          _("The authorization was denied in the browser. Go "
                                            "back to start again."));
  else if (pasted && g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK))
    cs_oauth2_authorize_page_show_entry_error (self->oauth2_authorize_page, error->message);
  else if (g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK))
    cs_oauth2_authorize_page_show_denied (self->oauth2_authorize_page,
                                          _("No Usable Answer From the Browser"),
                                          error->message);
  else
    {
      /* The code was sent: what the token endpoint said is step 5's. */
      cs_oauth2_result_page_show_error (self->oauth2_result_page, error);
      _cs_wizard_set_step (self, CS_WIZARD_STEP_TOKENS);
    }
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CsOAuth2Token) token = NULL;
  gboolean pasted = self->op == CS_WIZARD_OP_ACCESS_TOKEN;

  token = cs_oauth2_authorization_token_finish (CS_OAUTH2_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (token == NULL)
    {
      show_redirect_error (self, error, pasted);
      return;
    }
  g_clear_pointer (&self->oauth2_token, cs_oauth2_token_unref);
  self->oauth2_token = g_steal_pointer (&token);
  show_tokens (self);
}

static CsOAuth2RedirectKind
redirect_kind (CsClientRedirect redirect)
{
  switch (redirect)
    {
    case CS_CLIENT_REDIRECT_APP_LINK:
      return CS_OAUTH2_REDIRECT_APP_LINK;
    case CS_CLIENT_REDIRECT_PASTE:
      return CS_OAUTH2_REDIRECT_URL;
    case CS_CLIENT_REDIRECT_LOOPBACK:
    default:
      return CS_OAUTH2_REDIRECT_LOOPBACK;
    }
}

static CsOAuth2Authorization *
authorization_from_pages (CsWizard *self)
{
  CsClientPage *page = self->client_page;
  CsOAuth2Authorization *authorization;

  g_free (self->oauth2_scope);
  self->oauth2_scope = cs_scopes_page_dup_scope (self->scopes_page);
  authorization = cs_oauth2_authorization_new (self->oauth2_provider,
                                               cs_client_page_get_client_id (page),
                                               cs_client_page_get_client_secret (page),
                                               self->oauth2_scope);
  cs_oauth2_authorization_set_redirect (authorization,
                                        redirect_kind (cs_client_page_get_redirect (page)),
                                        cs_client_page_get_port (page),
                                        cs_client_page_get_redirect_url (page));
  if (cs_client_page_get_store (page))
    cs_oauth2_authorization_set_store (authorization, self->store);
  /* The window's request timeout, for the token endpoint as for OAuth 1.0a's. */
  if (self->client != NULL)
    cs_oauth2_authorization_set_timeout (authorization, cs_oauth_client_get_timeout (self->client));
  return authorization;
}

void
_cs_wizard_oauth2_begin (CsWizard *self)
{
  g_autoptr (GError) error = NULL;
  CsClientRedirect redirect = cs_client_page_get_redirect (self->client_page);
  const char *url;

  if (_cs_wizard_is_busy (self))
    return;
  _cs_wizard_drop_cancellable (self);
  _cs_wizard_oauth2_clear (self);
  self->let_go = FALSE;
  self->oauth2_authorization = authorization_from_pages (self);
  url = cs_oauth2_authorization_begin (self->oauth2_authorization, &error);
  cs_oauth2_authorize_page_show (self->oauth2_authorize_page, url,
                                 cs_oauth2_authorization_get_redirect_uri (
                                   self->oauth2_authorization));
  _cs_wizard_set_step (self, CS_WIZARD_STEP_O2_AUTHORIZE);
  if (url == NULL)
    {
      /* A loopback port taken, an address refused: nothing to open. */
      cs_oauth2_authorize_page_show_denied (self->oauth2_authorize_page,
                                            _("The Authorization Could Not Start"),
                                            error->message);
      g_clear_object (&self->oauth2_authorization);
      return;
    }
  if (redirect == CS_CLIENT_REDIRECT_LOOPBACK)
    {
      cs_oauth2_authorize_page_show_waiting (self->oauth2_authorize_page);
      _cs_wizard_set_op (self, CS_WIZARD_OP_WAIT_CALLBACK);
      cs_oauth2_authorization_wait_async (self->oauth2_authorization, self->cancellable,
                                          token_cb, g_object_ref (self));
      /* Listening now: the browser goes there by itself (Open in Browser opens it again). */
      gtk_widget_activate_action (GTK_WIDGET (self), "app.open-uri", "s", url);
    }
  else
    cs_oauth2_authorize_page_show_entry (self->oauth2_authorize_page,
                                         redirect == CS_CLIENT_REDIRECT_APP_LINK);
  _cs_wizard_update_actions (self);
  cs_oauth2_authorize_page_focus_link (self->oauth2_authorize_page);
}

void
_cs_wizard_oauth2_submit (CsWizard   *self,
                          const char *address)
{
  if (_cs_wizard_is_busy (self) || self->oauth2_authorization == NULL)
    return;

  _cs_wizard_set_op (self, CS_WIZARD_OP_ACCESS_TOKEN);
  cs_oauth2_authorization_submit_redirect_async (self->oauth2_authorization, address,
                                                 self->cancellable, token_cb,
                                                 g_object_ref (self));
}

const char *
_cs_wizard_oauth2_get_authorize_url (CsWizard *self)
{
  return self->oauth2_authorization != NULL
         ? cs_oauth2_authorization_get_authorize_url (self->oauth2_authorization) : NULL;
}

gboolean
_cs_wizard_oauth2_owns_redirect (CsWizard   *self,
                                 const char *address)
{
  return self->oauth2 && self->step == CS_WIZARD_STEP_O2_AUTHORIZE && !_cs_wizard_is_busy (self)
         && self->oauth2_authorization != NULL && self->oauth2_token == NULL
         && cs_client_page_get_redirect (self->client_page) == CS_CLIENT_REDIRECT_APP_LINK
         && cs_oauth2_authorization_owns_redirect (self->oauth2_authorization, address);
}

/* ------------------------------------------------------------------ tokens */

static void
show_token (CsWizard      *self,
            CsOAuth2Token *token)
{
  const char *scope = cs_oauth2_token_get_scope (token);

  cs_oauth2_result_page_show_tokens (self->oauth2_result_page,
                                     cs_oauth2_token_get_access_token (token),
                                     cs_oauth2_token_get_refresh_token (token),
                                     cs_oauth2_token_get_token_type (token),
                                     cs_oauth2_token_get_expires_at (token),
                                     scope != NULL ? scope : self->oauth2_scope);
}

static void
show_tokens (CsWizard *self)
{
  g_autofree char *verify_url = cs_oauth2_verify_url (self->oauth2_provider);

  show_token (self, self->oauth2_token);
  cs_oauth2_result_page_show_test (self->oauth2_result_page,
                                   verify_url != NULL
                                   ? _("Ask the provider whose tokens these are")
                                   : _("This provider has no address to test tokens with"),
                                   FALSE, FALSE);
  _cs_wizard_set_step (self, CS_WIZARD_STEP_TOKENS);
  if (cs_client_page_get_store (self->client_page))
    _cs_wizard_oauth2_save (self);
  else
    cs_oauth2_result_page_show_keyring (self->oauth2_result_page,
                                        _("Not saved: saving in the keyring was switched off"),
                                        FALSE, FALSE);
  _cs_wizard_oauth2_update_manage (self);
  if (!_cs_wizard_is_busy (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

void
_cs_wizard_oauth2_update_manage (CsWizard *self)
{
  const char *reason = NULL;

  if (self->oauth2_saved_id == NULL)
    reason = _("Refresh and Revoke work on the saved credential: save it in the keyring first");
  cs_oauth2_result_page_set_manage_unavailable (self->oauth2_result_page, reason);
  _cs_wizard_update_actions (self);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  id = cs_oauth2_authorization_save_finish (CS_OAUTH2_AUTHORIZATION (object), result, &error);
  if (!op_ended (self, error))
    return;
  if (id == NULL)
    {
      /* The tokens stay on screen and copyable; nothing is written anywhere else. */
      cs_oauth2_result_page_show_keyring (self->oauth2_result_page, error->message, FALSE, TRUE);
      _cs_wizard_finish_leave (self, FALSE);
      return;
    }
  g_free (self->oauth2_saved_id);
  self->oauth2_saved_id = g_steal_pointer (&id);
  cs_oauth2_result_page_show_keyring (self->oauth2_result_page, _("Saved in the keyring"),
                                      FALSE, FALSE);
  _cs_wizard_oauth2_update_manage (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
  _cs_wizard_finish_leave (self, TRUE);
}

void
_cs_wizard_oauth2_save (CsWizard *self)
{
  if (_cs_wizard_is_busy (self) || self->oauth2_token == NULL || self->oauth2_authorization == NULL)
    return;

  /* Saving was switched off on the client page: the keyring's Retry saves it now. */
  cs_oauth2_authorization_set_store (self->oauth2_authorization, self->store);
  cs_oauth2_result_page_show_keyring (self->oauth2_result_page, _("Saving in the keyring…"),
                                      TRUE, FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_SAVE);
  cs_oauth2_authorization_save_async (self->oauth2_authorization,
                                      cs_client_page_get_store_secret (self->client_page),
                                      self->cancellable, save_cb, g_object_ref (self));
}

void
_cs_wizard_oauth2_export (CsWizard   *self,
                          const char *format)
{
  CsOAuth2Token *token = self->oauth2_token;
  const char *scope;
  CsExportOAuth2Data data = { 0 };

  if (token == NULL)
    return;
  scope = cs_oauth2_token_get_scope (token);
  data.provider = self->oauth2_provider;
  data.client_id = cs_client_page_get_client_id (self->client_page);
  data.client_secret = cs_client_page_get_client_secret (self->client_page);
  data.access_token = cs_oauth2_token_get_access_token (token);
  data.refresh_token = cs_oauth2_token_get_refresh_token (token);
  data.scopes = scope != NULL ? scope : self->oauth2_scope;
  data.expires_at = cs_oauth2_token_get_expires_at (token);
  data.account = self->oauth2_authorization != NULL
                 ? cs_oauth2_authorization_get_account (self->oauth2_authorization) : NULL;
  cs_share_export_oauth2_to_clipboard (GTK_WIDGET (self), &data, format);
}

void
_cs_wizard_oauth2_show_cancelled (CsWizard   *self,
                                  CsWizardOp  op)
{
  switch (op)
    {
    case CS_WIZARD_OP_WAIT_CALLBACK:
    case CS_WIZARD_OP_ACCESS_TOKEN:
      /* The request's state and code are not used again: Back, then Continue, starts anew. */
      g_clear_object (&self->oauth2_authorization);
      cs_oauth2_authorize_page_show_denied (self->oauth2_authorize_page, _("Cancelled"),
                                            _("Go back to start the authorization again."));
      _cs_wizard_update_actions (self);
      break;

    case CS_WIZARD_OP_SAVE:
      cs_oauth2_result_page_show_keyring (self->oauth2_result_page,
                                          _("Not saved: saving was cancelled"), FALSE, TRUE);
      _cs_wizard_finish_leave (self, FALSE);
      break;

    case CS_WIZARD_OP_TEST:
      cs_oauth2_result_page_show_test (self->oauth2_result_page, _("Cancelled"), FALSE, FALSE);
      break;

    case CS_WIZARD_OP_REFRESH:
    case CS_WIZARD_OP_REVOKE:
      cs_oauth2_result_page_show_manage (self->oauth2_result_page, _("Cancelled"), FALSE, FALSE);
      break;

    case CS_WIZARD_OP_NONE:
    case CS_WIZARD_OP_REQUEST_TOKEN:
    default:
      break;
    }
}

gboolean
cs_wizard_take_oauth2_redirect (CsWizard   *self,
                                const char *address)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (!_cs_wizard_oauth2_owns_redirect (self, address))
    return FALSE;
  _cs_wizard_oauth2_submit (self, address);
  return TRUE;
}

gboolean
cs_wizard_knows_oauth2_redirect (CsWizard   *self,
                                 const char *address)
{
  g_return_val_if_fail (CS_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  return self->oauth2 && self->oauth2_authorization != NULL
         && cs_oauth2_authorization_owns_redirect (self->oauth2_authorization, address);
}
