/* cs-demo-provider.h — a real OAuth 1.0a and OAuth 2.0 provider, in-process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 */
#pragma once

#include <gio/gio.h>

#include "cs-demo-account.h"
#include "cs-provider.h"

G_BEGIN_DECLS

#define CS_TYPE_DEMO_PROVIDER (cs_demo_provider_get_type ())

/* The OAuth 2.0 endpoints, below cs_demo_provider_get_base_url() (issue 15). */
#define CS_DEMO_OAUTH2_AUTHORIZE_PATH  "/oauth2/authorize"
#define CS_DEMO_OAUTH2_TOKEN_PATH      "/oauth2/token"
#define CS_DEMO_OAUTH2_REVOKE_PATH     "/oauth2/revoke"
#define CS_DEMO_OAUTH2_INVALIDATE_PATH "/oauth2/invalidate_token"
#define CS_DEMO_OAUTH2_USERS_ME_PATH   "/2/users/me"

G_DECLARE_FINAL_TYPE (CsDemoProvider, cs_demo_provider, CS, DEMO_PROVIDER, GObject)

CsDemoProvider *cs_demo_provider_new            (void);
/* Listens on 127.0.0.1:@port (0 = ephemeral). Runs on the thread-default main context. */
gboolean        cs_demo_provider_start          (CsDemoProvider *self,
                                                 guint           port,
                                                 GError        **error);
void            cs_demo_provider_stop           (CsDemoProvider *self);
/* http://127.0.0.1:PORT */
const char     *cs_demo_provider_get_base_url   (CsDemoProvider *self);
/* A CsProvider (id "demo") whose URLs point at this running server. */
CsProvider     *cs_demo_provider_get_provider   (CsDemoProvider *self);
/* Tests: pretend the provider's clock is off by @seconds (its Date header and its
 * timestamp check follow). */
void            cs_demo_provider_set_clock_offset (CsDemoProvider *self,
                                                   gint64          seconds);
/* Tests: the access token answer names no account (no user_id, no screen_name), as many
 * providers' do; Test Credentials still does. */
void            cs_demo_provider_set_hide_account (CsDemoProvider *self,
                                                   gboolean        hide);
/* The callback URLs registered with the demo app, matched exactly as X matches them (the
 * query string may vary; "oob" needs none): at first http://127.0.0.1:8765/callback
 * (CS_DEMO_CALLBACK_PORT), the app link io.github.countersign.countersign:/callback and those
 * in COUNTERSIGN_DEMO_CALLBACKS. At most 10; a URL with a query string is refused. */
gboolean        cs_demo_provider_register_callback (CsDemoProvider  *self,
                                                    const char      *url,
                                                    GError         **error);
void            cs_demo_provider_clear_callbacks   (CsDemoProvider  *self);
/* Tests: how long OAuth 2.0 codes and access tokens live, in seconds (0 leaves one as it
 * is; at first 30 and 7200, as X's). COUNTERSIGN_DEMO_ACCESS_LIFETIME sets the second for a
 * demo started in another process. The provider's clock offset moves expiry too. */
void            cs_demo_provider_set_oauth2_lifetimes (CsDemoProvider *self,
                                                       guint           code_seconds,
                                                       guint           access_seconds);
/* The access token most recently issued (tests compare it with what the UI shows). */
const char     *cs_demo_provider_get_last_access_token (CsDemoProvider *self);

G_END_DECLS
