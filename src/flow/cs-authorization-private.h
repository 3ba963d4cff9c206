/* cs-authorization-private.h — what cs-authorization.c (the object, its settings and
 * getters) and cs-authorization-steps.c (the steps and the run) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cs-authorization.h"
#include "cs-callback-server.h"

G_BEGIN_DECLS

struct _CsAuthorization
{
  GObject                  parent_instance;

  CsOAuthClient           *client;
  CsProvider              *provider;
  CsConsumer               consumer;     /* owned copies */

  CsAuthorizationCallback  callback;
  char                    *custom_url;
  guint                    callback_port; /* LOOPBACK: 0 for one the system picks */
  char                    *access_type;
  guint                    callback_timeout;
  CsTokenStore            *store;
  gboolean                 with_consumer_secret;

  CsAuthorizationStep      step;
  CsAuthorizationState     state;
  guint                    generation;   /* of the step in flight */

  CsCallbackServer        *server;
  char                    *callback_url;
  CsCredentials           *request_token;
  char                    *authorize_url;
  char                    *verifier;
  CsCredentials           *access_token;
  char                    *saved_id;
  CsStoredToken           *saved_token;  /* what was saved as saved_id (its item id) */
  /* The request token was sent with a verifier and the provider answered: it is used up. */
  gboolean                 request_token_spent;
  char                    *learned_account; /* from Test Credentials, over the answer's */

  GTask                   *verifier_run; /* a run waiting in ::need-verifier */
  GSource                 *verifier_cancel;
};

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_STEP,
  PROP_STATE,
  PROP_REQUEST_TOKEN,
  PROP_AUTHORIZE_URL,
  PROP_ACCESS_TOKEN,
  PROP_SAVED_ID,
  N_PROPS
};

enum {
  AUTHORIZE_URL_READY,
  NEED_VERIFIER,
  N_SIGNALS
};

extern GParamSpec *cs_authorization_properties[N_PROPS];
extern guint       cs_authorization_signals[N_SIGNALS];

/* Everything a new request token makes stale. */
void cs_authorization_drop_tokens        (CsAuthorization *self);
/* Forgets the access token and what was saved or learned of it. */
void cs_authorization_drop_access_token  (CsAuthorization *self);
/* Stops watching the cancellable of a run that waits in ::need-verifier. */
void cs_authorization_stop_verifier_wait (CsAuthorization *self);

G_END_DECLS
