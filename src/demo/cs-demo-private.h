/* cs-demo-private.h — what the files of the demo provider share; nothing outside src/demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo provider is one GObject split by job:
 * - cs-demo-provider.c: the object, the SoupServer, and the routing table (path, method,
 *   endpoint); a request with the wrong method is refused there, before any endpoint runs;
 * - cs-demo-oauth1.c: the OAuth 1.0a endpoints (request token, authorize, access token);
 * - cs-demo-oauth2.c: the OAuth 2.0 token, revoke and invalidate endpoints;
 *   cs-demo-oauth2-pages.c: its authorize endpoint and consent page; cs-demo-oauth2-client.c:
 *   its clients and answers (cs-demo-oauth2.h); cs-demo-oauth2-tokens.c: its state;
 * - cs-demo-api.c: the API endpoints (verify credentials, status update, OAuth 1.0a signed;
 *   /2/users/me with a bearer or a signature);
 * - cs-demo-verify.c: checking a signed request; cs-demo-tokens.c: the token state;
 *   cs-demo-callback.c: which callbacks are approved; cs-demo-pages.c: the HTML pages;
 *   cs-demo-http.c: reading requests and writing answers.
 * A new protocol adds its endpoint file, its routes in the table, and its endpoint
 * declarations here.
 *
 * Every file of the provider includes this header, so it includes no header of theirs (that
 * would be an include cycle): it names the types it needs, and the demo account comes from
 * the leaf cs-demo-account.h. The internal headers (cs-demo-http.h, cs-demo-pages.h,
 * cs-demo-verify.h) take CsDemoProvider from here, not from the public cs-demo-provider.h.
 *
 * Endpoints run on the server's main context, one at a time: nothing here locks.
 */
#pragma once

#include <libsoup/soup.h>

#include "cs-demo-account.h"
#include "cs-provider.h"

G_BEGIN_DECLS

/* The same types as cs-demo-provider.h and cs-demo-tokens.h declare (C11 allows a typedef
 * twice). */
typedef struct _CsDemoProvider CsDemoProvider;
typedef struct _CsDemoTokens   CsDemoTokens;
typedef struct _CsDemoOAuth2Tokens CsDemoOAuth2Tokens;

/* Seconds either side of the provider's clock that a request's timestamp may be. */
#define CS_DEMO_TIMESTAMP_WINDOW 300
/* Request tokens and nonces kept at most. */
#define CS_DEMO_MAX_PENDING      512

/* Twitter's error codes, as the client knows them. */
#define CS_DEMO_CODE_COULD_NOT_AUTHENTICATE 32
#define CS_DEMO_CODE_NO_SUCH_PAGE           34
#define CS_DEMO_CODE_INVALID_TOKEN          89
#define CS_DEMO_CODE_TIMESTAMP              135
#define CS_DEMO_CODE_MISSING_STATUS         170
#define CS_DEMO_CODE_BAD_AUTH_DATA          215
#define CS_DEMO_CODE_CALLBACK_NOT_APPROVED  415

struct _CsDemoProvider
{
  GObject       parent_instance;

  SoupServer   *server;
  char         *base_url;
  CsProvider   *provider;
  gint64        clock_offset;
  CsDemoTokens *tokens;
  GHashTable   *nonces;       /* cs-demo-verify.c: "timestamp:nonce" → timestamp */
  gboolean      hide_account; /* the access token answer without user_id and screen_name */
  GPtrArray    *callbacks;    /* the registered callback URLs (cs-demo-callback.c) */
  CsDemoOAuth2Tokens *oauth2; /* cs-demo-oauth2-tokens.c */
};

/* The provider's clock, in Unix seconds: the real one plus the test offset. */
gint64 cs_demo_provider_now (CsDemoProvider *self);

/* An endpoint. The routing table has checked the method, unless the route leaves it open. */
typedef void (*CsDemoEndpoint) (CsDemoProvider    *self,
                                SoupServerMessage *msg,
                                GHashTable        *query);

/* cs-demo-oauth1.c */
void cs_demo_oauth1_request_token   (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
/* Any method: GET and HEAD show the page, POST takes its answer. */
void cs_demo_oauth1_authorize       (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
void cs_demo_oauth1_access_token    (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);

/* cs-demo-oauth2-pages.c: any method, as cs_demo_oauth1_authorize */
void cs_demo_oauth2_authorize       (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
/* cs-demo-oauth2.c */
void cs_demo_oauth2_token           (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
void cs_demo_oauth2_revoke          (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
void cs_demo_oauth2_invalidate      (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);

/* cs-demo-api.c */
void cs_demo_api_verify_credentials (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
void cs_demo_api_update             (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
/* X API v2: a user's bearer (or an OAuth 1.0a signature); app-only gets 403 as on X. */
void cs_demo_api_users_me           (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
/* X API v2: the demo user by name, for any bearer (app-only too). */
void cs_demo_api_user_by_name       (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);

G_END_DECLS
