/* cs-demo-tokens.h — what the demo provider remembers: request tokens, verifiers, access tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lifetimes, as strict as Twitter's:
 * - a request token is issued pending, with the callback it was asked with;
 * - authorizing it gives it a verifier (a 7-digit PIN for "oob", a random string for a URL);
 *   a request token is authorized at most once; denying it forgets it;
 * - redeeming the verifier is one attempt: right or wrong, the request token is forgotten,
 *   so a PIN cannot be guessed;
 * - at most CS_DEMO_MAX_PENDING request tokens are kept: issuing one more forgets them all;
 * - access tokens last as long as the table.
 * Strings returned belong to the table: valid until their token is forgotten or the table
 * freed. Every secret (token secrets, verifiers, access tokens) is wiped when freed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CsDemoTokens CsDemoTokens;

/* Which token a signed request must carry. */
typedef enum
{
  CS_DEMO_TOKEN_NONE,     /* none (the request token endpoint) */
  CS_DEMO_TOKEN_REQUEST,  /* a request token, pending or authorized */
  CS_DEMO_TOKEN_ACCESS,   /* an access token */
} CsDemoTokenKind;

typedef struct
{
  char *token;
  char *secret;
  char *callback;   /* "oob" or an http(s) URL */
  char *verifier;   /* NULL while pending */
} CsDemoRequestToken;

CsDemoTokens             *cs_demo_tokens_new             (void);
void                      cs_demo_tokens_free            (CsDemoTokens *self);

const CsDemoRequestToken *cs_demo_tokens_issue_request   (CsDemoTokens *self,
                                                          const char   *callback);
/* The request token @token if it is still pending, else NULL (@token may be NULL). */
const CsDemoRequestToken *cs_demo_tokens_lookup_pending  (CsDemoTokens *self,
                                                          const char   *token);
/* The secret of @token as a token of @kind (not NONE), or NULL (@token may be NULL). */
const char               *cs_demo_tokens_lookup_secret   (CsDemoTokens    *self,
                                                          CsDemoTokenKind  kind,
                                                          const char      *token);
/* Authorizes the pending request token @token; returns its new verifier. */
const char               *cs_demo_tokens_authorize       (CsDemoTokens *self,
                                                          const char   *token);
/* @token may be the request token's own string. */
void                      cs_demo_tokens_forget_request  (CsDemoTokens *self,
                                                          const char   *token);
/* TRUE when @token is authorized and @verifier (may be NULL) is its verifier, compared in
 * constant time. Forgets @token either way. */
gboolean                  cs_demo_tokens_redeem          (CsDemoTokens *self,
                                                          const char   *token,
                                                          const char   *verifier);
/* Issues an access token (Twitter's shape: the user id, a dash, random characters);
 * returns it and sets @secret to its secret. */
const char               *cs_demo_tokens_issue_access    (CsDemoTokens  *self,
                                                          const char   **secret);
/* The access token most recently issued, or NULL. */
const char               *cs_demo_tokens_get_last_access (CsDemoTokens *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDemoTokens, cs_demo_tokens_free)

G_END_DECLS
