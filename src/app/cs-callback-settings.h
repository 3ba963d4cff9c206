/* cs-callback-settings.h — the loopback callback port remembered per provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `loopback-ports` GSettings dictionary, keyed by provider id: the port of the callback URL
 * registered with the provider's app (http://127.0.0.1:PORT/callback). A provider without an
 * entry gets the port its preset names (CallbackPort), else 0: the system picks one.
 */
#pragma once

#include <gio/gio.h>

#include "cs-provider.h"

G_BEGIN_DECLS

guint     cs_callback_settings_get_port   (GSettings  *settings,
                                           CsProvider *provider);
void      cs_callback_settings_set_port   (GSettings  *settings,
                                           CsProvider *provider,
                                           guint       port);
/* The port row's text: empty for 0, else 1 to 65535. FALSE when it is neither. */
gboolean  cs_callback_settings_parse_port (const char *text,
                                           guint      *port);

G_END_DECLS
