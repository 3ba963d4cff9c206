/* cs-proxy-resolver.h — no proxy for loopback, the system's resolver for everything else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_proxy_resolver_get_default () loads the GIO modules and, on a GNOME system, a resolver
 * that reads its settings through dconf and the session bus; a process would pay for that
 * before its first connection, even to the demo provider or a test server on 127.0.0.1. This
 * resolver answers "direct://" for loopback URIs (127.0.0.0/8, ::1, localhost) without ever
 * touching the default resolver, and obtains the default one only for the first other URI —
 * in a worker thread when the lookup is asynchronous — then delegates to it.
 *
 * Note that GLib's GSocketClient, whenever proxies are enabled, builds a
 * GProxyAddressEnumerator whose construction calls g_proxy_resolver_get_default () itself,
 * on the connecting thread, before it is handed this resolver. So a SoupSession that must
 * not load the default resolver has to connect with proxies disabled (proxy-resolver NULL),
 * and one that may should load it first, off the main thread, with
 * cs_proxy_resolver_prepare_async (): CsTransport does both.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CS_TYPE_PROXY_RESOLVER (cs_proxy_resolver_get_type ())

G_DECLARE_FINAL_TYPE (CsProxyResolver, cs_proxy_resolver, CS, PROXY_RESOLVER, GObject)

CsProxyResolver *cs_proxy_resolver_new          (void);
/* The instance every CsTransport uses (transfer none). */
CsProxyResolver *cs_proxy_resolver_get_shared   (void);
/* For tests: the resolver non-loopback URIs go to instead of g_proxy_resolver_get_default ().
 * %NULL goes back to the default one (obtained when next needed). */
void             cs_proxy_resolver_set_fallback (CsProxyResolver *self,
                                                 GProxyResolver  *fallback);
/* Whether a fallback has been set or obtained: FALSE until a non-loopback lookup. */
gboolean         cs_proxy_resolver_has_fallback (CsProxyResolver *self);

/* Obtains the fallback (the default resolver unless one was set) in a worker thread, so that
 * later lookups and GLib's own g_proxy_resolver_get_default () calls find it loaded. */
void             cs_proxy_resolver_prepare_async  (CsProxyResolver     *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         cs_proxy_resolver_prepare_finish (CsProxyResolver     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
