/* cs-demo-account.h — the demo provider's public credentials and its one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): values here may grow, not change.
 *
 * Public and documented: they only work against the demo provider. A leaf of src/demo: it
 * includes nothing, so every file of the provider (and cs-demo-provider.h, for the code
 * outside) can use it without an include cycle.
 */
#pragma once

#define CS_DEMO_CONSUMER_KEY    "countersign-demo-consumer"
#define CS_DEMO_CONSUMER_SECRET "countersign-demo-secret"
#define CS_DEMO_SCREEN_NAME     "demo_user"
#define CS_DEMO_USER_ID         "1000001"
/* The loopback port of the callback URL registered with the demo app (data/providers/demo.provider
 * names it as CallbackPort): http://127.0.0.1:8765/callback. */
#define CS_DEMO_CALLBACK_PORT   8765

/* OAuth 2.0 (issue 15): a public client (PKCE, client_id in the body) and a confidential one
 * (HTTP Basic with the id and secret), both registered with the callbacks above. */
#define CS_DEMO_CLIENT_ID              "countersign-demo-client"
#define CS_DEMO_CONFIDENTIAL_CLIENT_ID "countersign-demo-confidential"
#define CS_DEMO_CLIENT_SECRET          "countersign-demo-client-secret"
/* Every scope the demo knows (X's names); a refresh token only comes with offline.access. */
#define CS_DEMO_OAUTH2_SCOPES          "tweet.read tweet.write users.read offline.access"
/* X's lifetimes: an authorization code 30 s, once; an access token 2 hours. */
#define CS_DEMO_CODE_LIFETIME          30
#define CS_DEMO_ACCESS_LIFETIME        7200
