/* cs-demo-oauth2.h — what the demo provider's OAuth 2.0 files share; nothing outside src/demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answers are RFC 6749 §5.2 JSON ({"error":"…","error_description":"…"}), 400 but for
 * invalid_client (401, with WWW-Authenticate when the client tried Basic). The clients are
 * X's two kinds: CS_DEMO_CLIENT_ID is public (client_id in the body, no secret at all) and
 * CS_DEMO_CONFIDENTIAL_CLIENT_ID confidential (HTTP Basic, RFC 6749 §2.3.1, and nothing
 * else); sending a secret as the public client or none as the confidential one is X's
 * unauthorized_client.
 */
#pragma once

#include <libsoup/soup.h>

#include "cs-demo-private.h"

G_BEGIN_DECLS

/* X's subject token type for an OAuth 1.0a access token in the token-exchange grant. */
#define CS_DEMO_OAUTH1_TOKEN_TYPE "urn:x:params:oauth:token-type:oauth1_token"
#define CS_DEMO_TOKEN_EXCHANGE    "urn:ietf:params:oauth:grant-type:token-exchange"

/* Whether @client_id is one of the demo's clients (@client_id may be NULL). */
gboolean    cs_demo_oauth2_client_known        (const char *client_id);
gboolean    cs_demo_oauth2_client_confidential (const char *client_id);
/* Whether @uri is registered for OAuth 2.0: one of the callbacks, exactly (no query). */
gboolean    cs_demo_oauth2_redirect_registered (CsDemoProvider *self,
                                                const char     *uri);
/* Whether @scope is a non-empty, space-separated list of scopes of @allowed (a list too). */
gboolean    cs_demo_oauth2_scope_within        (const char *scope,
                                                const char *allowed);

void        cs_demo_oauth2_reply_error         (CsDemoProvider    *self,
                                                SoupServerMessage *msg,
                                                guint              status,
                                                const char        *error,
                                                const char        *description);
/* {"token_type":"bearer","expires_in":N,"access_token":…,"scope":…,"refresh_token":…}, X's
 * order; @expires_in < 0, @scope or @refresh_token NULL leave that member out. */
void        cs_demo_oauth2_reply_token         (CsDemoProvider    *self,
                                                SoupServerMessage *msg,
                                                const char        *access_token,
                                                gint64             expires_in,
                                                const char        *scope,
                                                const char        *refresh_token);
/* @text as a JSON string literal, quotes included. */
char       *cs_demo_oauth2_json_string         (const char        *text);

/* The form body of a POST to the token, revoke or invalidate endpoint, with each parameter
 * at most once; else NULL and an invalid_request answer has been sent. */
GPtrArray  *cs_demo_oauth2_read_form           (CsDemoProvider    *self,
                                                SoupServerMessage *msg);
/* Authenticates the client of a token, revoke or invalidate request; returns its id (one
 * of the demo's constants) or NULL once the error answer has been sent. */
const char *cs_demo_oauth2_authenticate        (CsDemoProvider    *self,
                                                SoupServerMessage *msg,
                                                GPtrArray         *form);

G_END_DECLS
