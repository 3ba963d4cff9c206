/* cs-demo-callback.h — the callback a client names with its request token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which callbacks the demo approves (the callback URLs registered with its client
 * application, matched as X matches them), and the address it sends the browser back to once
 * the user has answered.
 */
#pragma once

#include <glib.h>

#include "cs-demo-account.h"

G_BEGIN_DECLS

/* X's limit of registered callback URLs per app. */
#define CS_DEMO_MAX_CALLBACKS 10

/* Registers what the demo app has from the start: http://127.0.0.1:CS_DEMO_CALLBACK_PORT/callback
 * and the app link (CS_CALLBACK_APP_URL), then the URLs in COUNTERSIGN_DEMO_CALLBACKS
 * (separated by blanks; up to the limit). */
void      cs_demo_callback_register_defaults (GPtrArray  *registered);
/* Whether @url can be registered: a URL without query string or fragment. */
gboolean  cs_demo_callback_registrable       (const char *url);
/* "oob", or @callback without its query string equal to one of @registered. */
gboolean  cs_demo_callback_approved          (GPtrArray  *registered,
                                              const char *callback);
/* @callback with @extra form-encoded and appended to its query; its fragment is dropped. */
char     *cs_demo_callback_with              (const char *callback,
                                              GPtrArray  *extra);

G_END_DECLS
