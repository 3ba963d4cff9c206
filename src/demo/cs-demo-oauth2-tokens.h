/* cs-demo-oauth2-tokens.h — what the demo provider remembers for OAuth 2.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As strict as X:
 * - a consent (the authorize request the page asks about) is answered once;
 * - allowing it issues a code, valid CS_DEMO_CODE_LIFETIME seconds and for one exchange: a
 *   second one finds it used, and then everything issued for it is revoked (RFC 6749 §4.1.2);
 * - what one authorization issued (its access and refresh tokens, however often refreshed) is
 *   one grant: revoking the grant revokes them all;
 * - a refresh token is used once: refreshing forgets it and issues a new one (rotation);
 * - access tokens expire after the access lifetime (CS_DEMO_ACCESS_LIFETIME unless a test
 *   shortens it); app-only bearers (client credentials) do not expire: one per client until
 *   invalidated, as X's;
 * - exchanging an OAuth 1.0a token again revokes the grant the last exchange of it issued.
 * Times are the provider's clock (cs_demo_provider_now()), so its clock offset moves them.
 * Every secret issued is wiped when forgotten, and noted in $CS_ISSUED_SECRETS_FILE (for the
 * suite's secret scan) when that is set.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CsDemoOAuth2Tokens CsDemoOAuth2Tokens;

typedef struct
{
  char *client_id;
  char *redirect_uri;
  char *scope;
  char *state;
  char *challenge;    /* the S256 code_challenge */
} CsDemoOAuth2Consent;

typedef struct
{
  char   *client_id;
  char   *redirect_uri;
  char   *scope;
  char   *challenge;
  gint64  expires_at;
  gboolean used;
  guint   grant;
} CsDemoOAuth2Code;

typedef struct
{
  char    *client_id;
  char    *scope;
  gint64   expires_at; /* 0: never (an app-only bearer) */
  guint    grant;      /* 0: an app-only bearer */
} CsDemoOAuth2Token;

CsDemoOAuth2Tokens        *cs_demo_oauth2_tokens_new            (void);
void                       cs_demo_oauth2_tokens_free           (CsDemoOAuth2Tokens *self);
/* Tests: seconds a code and an access token live (0 leaves one as it is). */
void                       cs_demo_oauth2_tokens_set_lifetimes  (CsDemoOAuth2Tokens *self,
                                                                 guint               code_s,
                                                                 guint               access_s);
guint                      cs_demo_oauth2_tokens_get_access_lifetime (CsDemoOAuth2Tokens *self);

/* A pending consent; returns its id (not a secret: the page carries it). */
const char                *cs_demo_oauth2_tokens_add_consent    (CsDemoOAuth2Tokens *self,
                                                                 const char         *client_id,
                                                                 const char         *redirect_uri,
                                                                 const char         *scope,
                                                                 const char         *state,
                                                                 const char         *challenge);
/* NULL for an unknown or answered id (@id may be NULL). */
const CsDemoOAuth2Consent *cs_demo_oauth2_tokens_lookup_consent (CsDemoOAuth2Tokens *self,
                                                                 const char         *id);
void                       cs_demo_oauth2_tokens_forget_consent (CsDemoOAuth2Tokens *self,
                                                                 const char         *id);
/* Allows the consent @id (and forgets it): a new code in a new grant. */
const char                *cs_demo_oauth2_tokens_issue_code     (CsDemoOAuth2Tokens *self,
                                                                 const char         *id,
                                                                 gint64              now);
/* The code, used or not, until it expires (then it is forgotten and NULL). */
CsDemoOAuth2Code          *cs_demo_oauth2_tokens_lookup_code    (CsDemoOAuth2Tokens *self,
                                                                 const char         *code,
                                                                 gint64              now);

guint                      cs_demo_oauth2_tokens_new_grant      (CsDemoOAuth2Tokens *self);
/* Forgets every code, access and refresh token of @grant. */
void                       cs_demo_oauth2_tokens_revoke_grant   (CsDemoOAuth2Tokens *self,
                                                                 guint               grant);
/* The grant for exchanging the OAuth 1.0a access token @oauth1_token as @client_id: a new
 * one, after revoking what the last exchange of it by that client issued. */
guint                      cs_demo_oauth2_tokens_exchange_grant (CsDemoOAuth2Tokens *self,
                                                                 const char         *client_id,
                                                                 const char         *oauth1_token);

const char                *cs_demo_oauth2_tokens_issue_access   (CsDemoOAuth2Tokens *self,
                                                                 const char         *client_id,
                                                                 const char         *scope,
                                                                 guint               grant,
                                                                 gint64              now);
const char                *cs_demo_oauth2_tokens_issue_refresh  (CsDemoOAuth2Tokens *self,
                                                                 const char         *client_id,
                                                                 const char         *scope,
                                                                 guint               grant);
/* A valid access token (user or app-only), else NULL: unknown, revoked or expired. */
const CsDemoOAuth2Token   *cs_demo_oauth2_tokens_lookup_access  (CsDemoOAuth2Tokens *self,
                                                                 const char         *token,
                                                                 gint64              now);
const CsDemoOAuth2Token   *cs_demo_oauth2_tokens_lookup_refresh (CsDemoOAuth2Tokens *self,
                                                                 const char         *token);
/* Forget one token; @token may be the table's own string. */
void                       cs_demo_oauth2_tokens_forget_access  (CsDemoOAuth2Tokens *self,
                                                                 const char         *token);
void                       cs_demo_oauth2_tokens_forget_refresh (CsDemoOAuth2Tokens *self,
                                                                 const char         *token);

/* @client_id's app-only bearer: the one it has, else a new one. */
const char                *cs_demo_oauth2_tokens_app_bearer     (CsDemoOAuth2Tokens *self,
                                                                 const char         *client_id);
/* TRUE when @token was @client_id's app-only bearer; it is forgotten. */
gboolean                   cs_demo_oauth2_tokens_invalidate_app_bearer (CsDemoOAuth2Tokens *self,
                                                                        const char         *id,
                                                                        const char         *token);

/* Appends @secret as a line to $CS_ISSUED_SECRETS_FILE when that is set. */
void                       cs_demo_oauth2_note_secret           (const char         *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDemoOAuth2Tokens, cs_demo_oauth2_tokens_free)

G_END_DECLS
