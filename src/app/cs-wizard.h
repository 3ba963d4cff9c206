/* cs-wizard.h — the four steps from consumer credentials to an access token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cs-oauth-client.h"
#include "cs-provider-registry.h"
#include "cs-token-store.h"

G_BEGIN_DECLS

#define CS_TYPE_WIZARD (cs_wizard_get_type ())

G_DECLARE_FINAL_TYPE (CsWizard, cs_wizard, CS, WIZARD, GtkWidget)

/* @registry: the providers step 1 offers (kept up to date), the running demo included. */
void        cs_wizard_setup          (CsWizard           *self,
                                      CsOAuthClient      *client,
                                      CsTokenStore       *store,
                                      CsProviderRegistry *registry);
/* Back to step 1, prefilled; any argument may be NULL. */
void        cs_wizard_start          (CsWizard      *self,
                                      const char    *provider_id,
                                      const char    *consumer_key,
                                      const char    *consumer_secret);
/* 1 to 4. */
guint       cs_wizard_get_step       (CsWizard      *self);
/* Whether a request (or the wait for the browser) is running. */
gboolean    cs_wizard_get_busy       (CsWizard      *self);
GtkWidget  *cs_wizard_get_default_widget (CsWizard  *self);
typedef void (*CsWizardLeaveFunc) (gpointer user_data);

/* Whether the wizard holds an access token that is not in the keyring. */
gboolean    cs_wizard_get_unsaved    (CsWizard      *self);
/* Leaving the wizard: when it holds an unsaved access token, asks first (Save, Copy,
 * Discard; Cancel stays). @func runs once the token may go: at once when nothing is
 * unsaved, after Copy or Discard, or after Save worked. @destroy frees @user_data. */
void        cs_wizard_leave          (CsWizard          *self,
                                      CsWizardLeaveFunc  func,
                                      gpointer           user_data,
                                      GDestroyNotify     destroy);
/* Once shown: the focus on the first field, Enter on Continue. */
void        cs_wizard_focus_first    (CsWizard      *self);

/* cs-wizard-callback.c: an app link. The request token of the authorization that waits on
 * step 3 for the address the browser was sent to (nothing running); NULL when none. */
const char *cs_wizard_get_waiting_token     (CsWizard    *self);
/* Hands @address to that authorization and goes on to the access token. FALSE with the
 * error to show (CS_OAUTH_ERROR_DENIED: the page shows the refusal). */
gboolean    cs_wizard_take_callback_address (CsWizard    *self,
                                             const char  *address,
                                             GError     **error);

/* cs-wizard-oauth2.c: an OAuth 2.0 app link. Hands @address to the OAuth 2.0 authorization
 * that waits for it (its state matches) and goes on to the tokens; FALSE when none does. */
gboolean    cs_wizard_take_oauth2_redirect  (CsWizard    *self,
                                             const char  *address);
/* Whether @address carries the state of this wizard's OAuth 2.0 authorization, which took its
 * redirect already (or is exchanging it): a second one, never exchanged. */
gboolean    cs_wizard_knows_oauth2_redirect (CsWizard    *self,
                                             const char  *address);

G_END_DECLS
