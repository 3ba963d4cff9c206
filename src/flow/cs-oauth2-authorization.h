/* cs-oauth2-authorization.h — one OAuth 2.0 authorization code flow, client → keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The sibling of CsAuthorization for OAuth 2.0 (RFC 6749 §4.1 with PKCE, RFC 7636), with no
 * GTK and no terminal: the wizard and `countersign-cli oauth2 authorize` are two views of it.
 *
 *   AUTHORIZE  cs_oauth2_authorization_begin() makes the request (a fresh code_verifier and
 *              state) and, for the loopback redirect, starts the callback server; the user
 *              opens cs_oauth2_authorization_get_authorize_url() and allows access. Then
 *              cs_oauth2_authorization_wait_async() (loopback) or
 *              cs_oauth2_authorization_submit_redirect_async() (an app link, or the address
 *              the user pasted) checks the redirect (state, error=, a second redirect)
 *   TOKEN      … and exchanges the code at the token URL; both finish with
 *              cs_oauth2_authorization_token_finish()
 *   SAVE       cs_oauth2_authorization_save_async(): the account is learned (the provider's
 *              verify URL with the bearer; a failure only leaves it unknown), then the token
 *              is stored in the CsTokenStore set with cs_oauth2_authorization_set_store().
 *
 * A redirect that is not this request's (state wrong or missing, no code, a second one) is
 * CS_OAUTH_ERROR_CALLBACK and nothing is exchanged; `error=access_denied` is
 * CS_OAUTH_ERROR_DENIED; a refusal of the token endpoint CS_OAUTH_ERROR_REJECTED. begin()
 * may be called again (Retry): it starts over with a new request. Nothing here logs a
 * secret.
 */
#pragma once

#include <gio/gio.h>

#include "cs-oauth2-client.h"
#include "cs-oauth2-token.h"
#include "cs-provider.h"
#include "cs-token-store.h"

G_BEGIN_DECLS

typedef enum
{
  CS_OAUTH2_REDIRECT_LOOPBACK,
  CS_OAUTH2_REDIRECT_APP_LINK,
  CS_OAUTH2_REDIRECT_URL,
} CsOAuth2RedirectKind;

typedef enum
{
  CS_OAUTH2_STEP_AUTHORIZE,
  CS_OAUTH2_STEP_TOKEN,
  CS_OAUTH2_STEP_SAVE,
} CsOAuth2Step;

/* How long the loopback server waits for the browser by default. */
#define CS_OAUTH2_AUTHORIZATION_WAIT_SECONDS 300

#define CS_TYPE_OAUTH2_AUTHORIZATION (cs_oauth2_authorization_get_type ())

G_DECLARE_FINAL_TYPE (CsOAuth2Authorization, cs_oauth2_authorization, CS, OAUTH2_AUTHORIZATION,
                      GObject)

/* @provider: its OAuth 2.0 URLs are used (the demo preset resolved to the running demo).
 * @client_secret NULL or "": a public client. @scope: space-separated, nullable. */
CsOAuth2Authorization *cs_oauth2_authorization_new (CsProvider *provider,
                                                    const char *client_id,
                                                    const char *client_secret,
                                                    const char *scope);
/* LOOPBACK: @port 0 is any free port (pass the provider's registered one to use it); URL:
 * @url is the registered redirect URI, the user pastes where the browser went. */
void        cs_oauth2_authorization_set_redirect   (CsOAuth2Authorization *self,
                                                    CsOAuth2RedirectKind   kind,
                                                    guint                  port,
                                                    const char            *url);
void        cs_oauth2_authorization_set_store      (CsOAuth2Authorization *self,
                                                    CsTokenStore          *store);
/* Seconds per request to the provider (30 by default). */
void        cs_oauth2_authorization_set_timeout    (CsOAuth2Authorization *self,
                                                    guint                  seconds);
/* Seconds the loopback server waits for the browser (CS_OAUTH2_AUTHORIZATION_WAIT_SECONDS). */
void        cs_oauth2_authorization_set_wait_timeout (CsOAuth2Authorization *self,
                                                      guint                  seconds);
CsOAuth2Client *cs_oauth2_authorization_get_client (CsOAuth2Authorization *self);
CsOAuth2Step cs_oauth2_authorization_get_step      (CsOAuth2Authorization *self);

/* Makes the request (PKCE, state) and, for loopback, starts the server: the URL to open.
 * Errors: INVALID_URL (no OAuth 2.0 endpoints), CALLBACK (the port is taken). */
const char *cs_oauth2_authorization_begin          (CsOAuth2Authorization *self,
                                                    GError               **error);
const char *cs_oauth2_authorization_get_authorize_url (CsOAuth2Authorization *self);
const char *cs_oauth2_authorization_get_redirect_uri  (CsOAuth2Authorization *self);

/* Loopback: waits for the browser, then exchanges the code. */
void        cs_oauth2_authorization_wait_async     (CsOAuth2Authorization *self,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
/* App link or pasted address: checks it (state…) and exchanges the code. */
void        cs_oauth2_authorization_submit_redirect_async (CsOAuth2Authorization *self,
                                                           const char            *address,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
/* (transfer full): the token of wait or submit_redirect. */
CsOAuth2Token *cs_oauth2_authorization_token_finish (CsOAuth2Authorization *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);
/* (transfer none) (nullable) */
CsOAuth2Token *cs_oauth2_authorization_get_token   (CsOAuth2Authorization *self);
/* (nullable): the account learned when saving. */
const char    *cs_oauth2_authorization_get_account (CsOAuth2Authorization *self);

/* Saves the token (and the client secret when @store_client_secret); finishes with the id. */
void        cs_oauth2_authorization_save_async     (CsOAuth2Authorization *self,
                                                    gboolean               store_client_secret,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
char       *cs_oauth2_authorization_save_finish    (CsOAuth2Authorization *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);
/* Whether @address (an app link) carries this authorization's state. */
gboolean    cs_oauth2_authorization_owns_redirect  (CsOAuth2Authorization *self,
                                                    const char            *address);

G_END_DECLS
