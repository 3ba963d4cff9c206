/* cs-demo-callback.h — the callback a client names with its request token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which callbacks the demo approves, and the address it sends the browser back to once the
 * user has answered. Checks against callbacks registered with the client application belong
 * here too.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "oob", or an http(s) URL with a host. */
gboolean  cs_demo_callback_acceptable (const char *callback);
/* @callback with @extra form-encoded and appended to its query; its fragment is dropped. */
char     *cs_demo_callback_with       (const char *callback,
                                       GPtrArray  *extra);

G_END_DECLS
