/* cs-authorization.h — one OAuth 1.0a authorization, from consumer credentials to the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * A CsAuthorization runs the three legs of RFC 5849, then (optionally) saves the result:
 *
 *   REQUEST_TOKEN   POST the request token URL with oauth_callback ("oob", the loopback
 *                   server's URL, or the custom URL); the authorize URL is then known
 *   AUTHORIZE       the user opens the authorize URL and allows access; the verifier comes
 *                   back through the loopback server, or the caller hands over what the user
 *                   typed or pasted (a PIN, a verifier, or the whole callback address)
 *   ACCESS_TOKEN    POST the access token URL with the request token and the verifier
 *   SAVE            CsTokenStore, when a store was set
 *
 * It has no GTK and no terminal: the wizard and `countersign-cli authorize` are two views of
 * it. OAuth 2.0 will be a sibling object with the same shape (step, state, async steps);
 * what is OAuth 1.0a only is named so (request token, verifier, oob).
 *
 * Two ways to drive it:
 *
 * - Step by step (the wizard): cs_authorization_request_token_async(); show
 *   cs_authorization_get_request_token() and cs_authorization_get_authorize_url(); then either
 *   cs_authorization_wait_callback_async() (LOOPBACK) or cs_authorization_submit_verifier()
 *   (OOB, URL); then cs_authorization_access_token_async() and, if wanted,
 *   cs_authorization_save_async(). Any step may be called again after it failed or was
 *   cancelled (Retry): cs_authorization_request_token_async() starts over (a fresh loopback
 *   server, the old tokens dropped); the access token and save steps repeat with what they
 *   had.
 * - Run through (countersign-cli): cs_authorization_run_async() does every step in order,
 *   and saves when a store is set. ::authorize-url-ready (emitted whenever the request token
 *   step succeeds, in a run or not) says the user can open the page now; then, without the
 *   loopback server, a run emits ::need-verifier: answer it (later is fine)
 *   with cs_authorization_submit_verifier(), or end the run with
 *   cs_authorization_fail_verifier(). When "step" turns to SAVE the access token is known, so
 *   a caller can show it before the keyring is asked.
 *
 * Progress is in the "step" and "state" properties (notify; the step is set before its state
 * turns RUNNING). A step ends DONE or FAILED; a failed step's error is what its _finish
 * returns, with G_IO_ERROR_CANCELLED when the caller's GCancellable fired. Starting a step
 * while another runs cancels the one in flight (its _finish gives G_IO_ERROR_CANCELLED and it
 * changes nothing any more), so a front end can cancel and start again at once.
 *
 * Errors are the layers' own, meant for the user as they are: CS_OAUTH_ERROR (the provider's
 * answers, the loopback server: CS_OAUTH_ERROR_DENIED when the user refused,
 * CS_OAUTH_ERROR_TIMEOUT when the browser did not come back) and CS_STORE_ERROR (saving).
 * Nothing here logs or reports a secret; g_debug() says what was sent where.
 */
#pragma once

#include <gio/gio.h>

#include "cs-credentials.h"
#include "cs-oauth-client.h"
#include "cs-provider.h"
#include "cs-token-store.h"

G_BEGIN_DECLS

/**
 * CsAuthorizationCallback:
 * @CS_AUTHORIZATION_CALLBACK_OOB: OAuth 1.0a "oob": the provider shows a PIN to type in
 * @CS_AUTHORIZATION_CALLBACK_LOOPBACK: a server on 127.0.0.1 catches the browser's redirect
 * @CS_AUTHORIZATION_CALLBACK_URL: a URL of the developer's; the user pastes where the
 *   browser was sent (or the verifier)
 */
typedef enum
{
  CS_AUTHORIZATION_CALLBACK_OOB,
  CS_AUTHORIZATION_CALLBACK_LOOPBACK,
  CS_AUTHORIZATION_CALLBACK_URL,
} CsAuthorizationCallback;

typedef enum
{
  CS_AUTHORIZATION_STEP_NONE,
  CS_AUTHORIZATION_STEP_REQUEST_TOKEN,
  CS_AUTHORIZATION_STEP_AUTHORIZE,
  CS_AUTHORIZATION_STEP_ACCESS_TOKEN,
  CS_AUTHORIZATION_STEP_SAVE,
} CsAuthorizationStep;

/**
 * CsAuthorizationState:
 * @CS_AUTHORIZATION_STATE_IDLE: nothing started yet
 * @CS_AUTHORIZATION_STATE_RUNNING: a request (or the keyring) is in flight
 * @CS_AUTHORIZATION_STATE_WAITING: waiting for the user: the browser to come back, or (in a
 *   run) the verifier to be submitted
 * @CS_AUTHORIZATION_STATE_DONE: the step succeeded
 * @CS_AUTHORIZATION_STATE_FAILED: the step failed or was cancelled; it can be run again
 */
typedef enum
{
  CS_AUTHORIZATION_STATE_IDLE,
  CS_AUTHORIZATION_STATE_RUNNING,
  CS_AUTHORIZATION_STATE_WAITING,
  CS_AUTHORIZATION_STATE_DONE,
  CS_AUTHORIZATION_STATE_FAILED,
} CsAuthorizationState;

/* How long the loopback server waits for the browser by default. */
#define CS_AUTHORIZATION_CALLBACK_TIMEOUT_SECONDS 600

#define CS_TYPE_AUTHORIZATION_CALLBACK (cs_authorization_callback_get_type ())
#define CS_TYPE_AUTHORIZATION_STEP     (cs_authorization_step_get_type ())
#define CS_TYPE_AUTHORIZATION_STATE    (cs_authorization_state_get_type ())
#define CS_TYPE_AUTHORIZATION          (cs_authorization_get_type ())

GType cs_authorization_callback_get_type (void) G_GNUC_CONST;
GType cs_authorization_step_get_type     (void) G_GNUC_CONST;
GType cs_authorization_state_get_type    (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (CsAuthorization, cs_authorization, CS, AUTHORIZATION, GObject)

/* @provider: the one to talk to (for the demo, the running one: cs_provider_registry_resolve());
 * @consumer is copied (the secrets are wiped when the object goes). The client's settings
 * (timeout, allow-insecure-http) apply. */
CsAuthorization      *cs_authorization_new                  (CsOAuthClient           *client,
                                                             CsProvider              *provider,
                                                             const CsConsumer        *consumer);

/* Settings, read when cs_authorization_request_token_async() (or a run) starts. */
/* @url: the callback URL for CS_AUTHORIZATION_CALLBACK_URL, else ignored. Default: OOB. */
void                  cs_authorization_set_callback         (CsAuthorization         *self,
                                                             CsAuthorizationCallback  callback,
                                                             const char              *url);
/* LOOPBACK: the port on 127.0.0.1 that the server listens on (the one registered with the
 * provider); 0, the default, lets the system pick one. */
void                  cs_authorization_set_callback_port    (CsAuthorization         *self,
                                                             guint                    port);
/* NULL (the default), "read" or "write" (x_auth_access_type). */
void                  cs_authorization_set_access_type      (CsAuthorization         *self,
                                                             const char              *access_type);
void                  cs_authorization_set_callback_timeout (CsAuthorization         *self,
                                                             guint                    seconds);
/* Where the run saves (NULL: it does not); with @keep_secret the consumer secret is
 * saved too (needed later to sign with the stored credentials). */
void                  cs_authorization_set_store            (CsAuthorization         *self,
                                                             CsTokenStore            *store,
                                                             gboolean                 keep_secret);
/* The provider the tokens are saved under: may be replaced (the wizard names a Custom
 * provider once it worked) with one that has the same endpoints. */
void                  cs_authorization_set_provider         (CsAuthorization         *self,
                                                             CsProvider              *provider);

CsAuthorizationStep   cs_authorization_get_step             (CsAuthorization         *self);
CsAuthorizationState  cs_authorization_get_state            (CsAuthorization         *self);
/* Whether a step is in flight or waits for the user (RUNNING or WAITING). */
gboolean              cs_authorization_get_busy             (CsAuthorization         *self);
CsProvider           *cs_authorization_get_provider         (CsAuthorization         *self);
const CsConsumer     *cs_authorization_get_consumer         (CsAuthorization         *self);
CsAuthorizationCallback cs_authorization_get_callback       (CsAuthorization         *self);
/* What was sent as oauth_callback ("oob", the loopback server's URL, the custom URL); NULL
 * before the request token step. */
const char           *cs_authorization_get_callback_url     (CsAuthorization         *self);
/* NULL until the request token step succeeded (the authorize URL also when the provider
 * has none: only the request token leg can be run then). */
CsCredentials        *cs_authorization_get_request_token    (CsAuthorization         *self);
const char           *cs_authorization_get_authorize_url    (CsAuthorization         *self);
/* NULL until the access token step succeeded. */
CsCredentials        *cs_authorization_get_access_token     (CsAuthorization         *self);
/* The account learned with cs_authorization_learn_account_async(), else the screen name,
 * else the user id, from the access token answer; NULL when none is known. */
const char           *cs_authorization_get_account          (CsAuthorization         *self);
/* Whether the request token is used up: the access token step sent it with a verifier and
 * the provider answered (with the access token, a refusal or something unreadable), and
 * providers forget a request token after one attempt. Sending the verifier again cannot
 * work then: what still can is a new request token (cs_authorization_request_token_async(),
 * which clears this), a new authorize URL and a new verifier. FALSE when the attempt did not
 * reach the provider or got no answer (it can be repeated), and without a request token. */
gboolean              cs_authorization_get_request_token_spent (CsAuthorization      *self);
/* The keyring id of the saved token; NULL until saved. */
const char           *cs_authorization_get_saved_id         (CsAuthorization         *self);

/* Step REQUEST_TOKEN (starts the loopback server for LOOPBACK). */
void                  cs_authorization_request_token_async  (CsAuthorization         *self,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
gboolean              cs_authorization_request_token_finish (CsAuthorization         *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

/* Step AUTHORIZE, LOOPBACK only: waits (state WAITING) for the browser to come back with the
 * request token; the verifier is then kept for the access token step. */
void                  cs_authorization_wait_callback_async  (CsAuthorization         *self,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
gboolean              cs_authorization_wait_callback_finish (CsAuthorization         *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

/* Step AUTHORIZE by hand: @text is a PIN, a verifier, or the whole callback address (its
 * query is read as the loopback server reads it: `denied=` gives CS_OAUTH_ERROR_DENIED, an
 * oauth_token other than the request token CS_OAUTH_ERROR_CALLBACK). Blanks around it are
 * dropped. FALSE with CS_OAUTH_ERROR_INVALID_INPUT when it is empty or there is no request
 * token. A run waiting in ::need-verifier goes on with it; on an error it keeps waiting. */
gboolean              cs_authorization_submit_verifier      (CsAuthorization         *self,
                                                             const char              *text,
                                                             GError                 **error);
/* Ends a run's wait in ::need-verifier with @error (taken): the caller has no verifier to
 * give (no PIN was entered). Does nothing when no run waits. */
void                  cs_authorization_fail_verifier        (CsAuthorization         *self,
                                                             GError                  *error);

/* Step ACCESS_TOKEN, with the request token and the verifier. */
void                  cs_authorization_access_token_async   (CsAuthorization         *self,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
gboolean              cs_authorization_access_token_finish  (CsAuthorization         *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

/* Step SAVE, into the store set with cs_authorization_set_store() (required). */
void                  cs_authorization_save_async           (CsAuthorization         *self,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
gboolean              cs_authorization_save_finish          (CsAuthorization         *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

/* What Test Credentials learned (the account as the keyring keeps it, without "@"): from now
 * on cs_authorization_get_account() and what is saved say @account; when the token is saved
 * already and under another account, it is stored under @account
 * (cs_token_store_set_account_async(), "saved-id" follows). Not a step: "step" and "state"
 * stay as they are. An error is the store's; the account is learned all the same. */
void                  cs_authorization_learn_account_async  (CsAuthorization         *self,
                                                             const char              *account,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
gboolean              cs_authorization_learn_account_finish (CsAuthorization         *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

/* Every step in order (see above). The error is the failed step's; cs_authorization_get_step()
 * says which step it was. */
void                  cs_authorization_run_async            (CsAuthorization         *self,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
gboolean              cs_authorization_run_finish           (CsAuthorization         *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

/* The access token as the keyring keeps it (provider, host, consumer key, account, token and
 * token secret); NULL before the access token step succeeded. */
CsStoredToken        *cs_authorization_dup_stored_token     (CsAuthorization         *self);

G_END_DECLS
