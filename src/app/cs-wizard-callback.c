/* cs-wizard-callback.c — the wizard's side of an app link: the callback address that the
 * desktop hands to the application (issue 14, point 2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application finds the wizard whose authorization waits for this address (by its
 * request token) and hands it over; the wizard goes on as if the address had been pasted.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-oauth-error.h"
#include "cs-wizard-private.h"

const char *
cs_wizard_get_waiting_token (CsWizard *self)
{
  CsCredentials *request_token;

  g_return_val_if_fail (CS_IS_WIZARD (self), NULL);

  if (self->authorization == NULL || self->step != CS_WIZARD_STEP_AUTHORIZE ||
      _cs_wizard_is_busy (self) ||
      cs_authorization_get_callback (self->authorization) != CS_AUTHORIZATION_CALLBACK_URL ||
      cs_authorization_get_access_token (self->authorization) != NULL)
    return NULL;
  request_token = cs_authorization_get_request_token (self->authorization);
  return request_token != NULL ? cs_credentials_get_token (request_token) : NULL;
}

gboolean
cs_wizard_take_callback_address (CsWizard    *self,
                                 const char  *address,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CS_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (cs_wizard_get_waiting_token (self) == NULL)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                           _("This authorization does not wait for a callback address."));
      return FALSE;
    }
  if (!cs_authorization_submit_verifier (self->authorization, address, &local_error))
    {
      if (g_error_matches (local_error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED))
        cs_authorize_page_show_denied (self->authorize_page, _("Access Denied"),
                                       _("The authorization was denied in the browser. Go "
                                         "back to start again."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _cs_wizard_start_access_token (self);
  return TRUE;
}
