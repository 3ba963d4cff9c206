/* cs-transport.h — the HTTP policy every request shares, over one SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * A CsTransport sends a SoupMessage and reads its answer, whatever protocol built it (the
 * OAuth 1.0a exchanges sign theirs; OAuth 2.0 will add a Basic or Bearer header). For every
 * message it:
 * - refuses an endpoint URL that cs_endpoint_url_check () refuses: plain http only to
 *   loopback unless cs_transport_set_allow_insecure_http (), no user name in the URL;
 * - verifies TLS (libsoup's default, never overridden: a certificate error is fatal) and
 *   says in words why a certificate was refused;
 * - never follows a redirect: a 3xx answer is an error naming its target;
 * - reads at most 1 MiB of body; the bytes handed back are wiped when freed (a token answer
 *   holds secrets);
 * - runs under its own timer, chained to the caller's cancellable, so a stalled or trickling
 *   server ends in CS_OAUTH_ERROR_TIMEOUT, and cancelling ends in G_IO_ERROR_CANCELLED;
 * - connects to loopback without proxies, and loads the system's proxy settings (off the main
 *   thread, through cs-proxy-resolver) before the first other host.
 * A status ≥ 400 is not an error here: the caller reads the body and decides. Errors are in
 * CS_OAUTH_ERROR (or G_IO_ERROR_CANCELLED) and name the host. They quote what the network or
 * the server said (a redirect target, a TLS library's message), so a caller whose request
 * carried secrets scrubs them from the message before showing it.
 *
 * Retrying is the caller's: cs_transport_date_offset () reads the server's clock from an
 * answer's Date header, for a protocol whose requests carry a timestamp.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CS_TYPE_TRANSPORT (cs_transport_get_type ())

G_DECLARE_FINAL_TYPE (CsTransport, cs_transport, CS, TRANSPORT, GObject)

CsTransport *cs_transport_new                      (void);
/* Seconds per request, from sending to the last byte of the body; 30 by default. */
void         cs_transport_set_timeout              (CsTransport          *self,
                                                    guint                 seconds);
guint        cs_transport_get_timeout              (CsTransport          *self);
/* Plain http to a host that is not loopback is refused unless this is set. */
void         cs_transport_set_allow_insecure_http  (CsTransport          *self,
                                                    gboolean              allow);
gboolean     cs_transport_get_allow_insecure_http  (CsTransport          *self);

/* cs_endpoint_url_check () with this transport's allow-insecure-http setting. */
gboolean     cs_transport_check_url                (CsTransport          *self,
                                                    const char           *url,
                                                    GError              **error);

/* A message for @url, with @form_body (nullable) as an application/x-www-form-urlencoded
 * body. The caller adds its headers (Authorization…) and passes it to
 * cs_transport_send_async (); error messages then name the host as @url spells it. */
SoupMessage *cs_transport_message_new              (const char           *http_method,
                                                    const char           *url,
                                                    const char           *form_body,
                                                    GError              **error);

/* Sends @message (one attempt) and reads the whole answer. */
void         cs_transport_send_async               (CsTransport          *self,
                                                    SoupMessage          *message,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* Returns: (transfer full): the body, wiped when freed; @status and @headers (transfer
 * full) get the HTTP status and the response headers. */
GBytes      *cs_transport_send_finish              (CsTransport          *self,
                                                    GAsyncResult         *result,
                                                    guint                *status,
                                                    SoupMessageHeaders  **headers,
                                                    GError              **error);

/* How far the server's clock (its Date header) is ahead of ours, in seconds; FALSE when
 * @headers have no valid Date. */
gboolean     cs_transport_date_offset              (SoupMessageHeaders   *headers,
                                                    gint64               *offset);

G_END_DECLS
