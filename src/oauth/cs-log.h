/* cs-log.h — the log domains of Countersign's layers, and one switch for all of them
 *
 * Each static library logs in its own domain (set by meson, G_LOG_DOMAIN):
 * countersign-oauth, countersign-oauth2, countersign-store, countersign-demo, countersign-flow,
 * countersign-cli and countersign-app. `g_debug` marks the key steps of a flow (what was sent
 * where, what came back) and never carries a secret.
 *
 * GLib enables debug output per domain; cs_log_init() lets a bug report ask for all of
 * Countersign's at once with `G_MESSAGES_DEBUG=countersign`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every layer's domain, space-separated, as G_MESSAGES_DEBUG lists them. */
#define CS_LOG_DOMAINS \
  "countersign-oauth countersign-oauth2 countersign-store countersign-demo countersign-flow " \
  "countersign-cli countersign-app"

void cs_log_init (void);

G_END_DECLS
