/* cs-callback-server.h — the loopback callback for the authorization redirect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Usage: cs_callback_server_new() listens on 127.0.0.1, ephemeral port
 * (cs_callback_server_new_on_port() on a given one, the port registered with the provider); pass
 * cs_callback_server_get_url() as oauth_callback; once the request token is known, call
 * cs_callback_server_wait_async() with it. It finishes with the verifier when the browser
 * comes back with that token; with CS_OAUTH_ERROR_DENIED when it comes back with `denied=`;
 * with CS_OAUTH_ERROR_TIMEOUT after @timeout_seconds. Other requests get 400/404 and change
 * nothing. The server stops listening when the wait finishes.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CS_TYPE_CALLBACK_SERVER (cs_callback_server_get_type ())

G_DECLARE_FINAL_TYPE (CsCallbackServer, cs_callback_server, CS, CALLBACK_SERVER, GObject)

CsCallbackServer *cs_callback_server_new         (GError             **error);
/* @port 0: the system picks one. A taken port: CS_OAUTH_ERROR_CALLBACK naming it and what to
 * do. A finished server of this process on @port gives it up at once. */
CsCallbackServer *cs_callback_server_new_on_port (guint                port,
                                                  GError             **error);
/* "http://127.0.0.1:PORT/callback": the address to register for a loopback port (X's docs:
 * 127.0.0.1, never localhost). */
char             *cs_callback_loopback_url       (guint                port);
const char       *cs_callback_server_get_url     (CsCallbackServer    *self);
void              cs_callback_server_wait_async  (CsCallbackServer    *self,
                                                  const char          *request_token,
                                                  guint                timeout_seconds,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char             *cs_callback_server_wait_finish (CsCallbackServer    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* OAuth 2.0: waits for the redirect whose `state` is @state and finishes with its whole query
 * (a secret: it holds the code; hand it to cs_oauth2_request_take_redirect (), free it with
 * cs_secret_free ()). A redirect with another or no state gets a 400 page and the wait goes
 * on; the browser is told to return to Countersign. Timeout and cancelling as above. */
void              cs_callback_server_wait_redirect_async  (CsCallbackServer    *self,
                                                           const char          *state,
                                                           guint                timeout_seconds,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
char             *cs_callback_server_wait_redirect_finish (CsCallbackServer    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/**
 * CsCallbackKind:
 * @CS_CALLBACK_INVALID: not a callback this server accepts
 * @CS_CALLBACK_VERIFIER: `oauth_token` and `oauth_verifier`, each once
 * @CS_CALLBACK_DENIED: `denied=TOKEN`: the user refused
 */
typedef enum
{
  CS_CALLBACK_INVALID,
  CS_CALLBACK_VERIFIER,
  CS_CALLBACK_DENIED,
} CsCallbackKind;

/* Pure: parses a callback's query (untrusted bytes, fuzzed). On CS_CALLBACK_VERIFIER,
 * @token and @verifier are set; on CS_CALLBACK_DENIED, @token is the refused token (may be
 * ""). Outputs are valid UTF-8 without control characters; free @verifier with
 * cs_secret_free(). */
CsCallbackKind    cs_callback_parse_query        (const char          *query,
                                                  gssize               len,
                                                  char               **token,
                                                  char               **verifier);
/* Pure: the whole address the browser was sent to, as the user pastes it: its query (up to a
 * '#') read by cs_callback_parse_query(), so a pasted address is decoded as the loopback
 * server decodes it. Returns the verifier (free with cs_secret_free()) when the address
 * carries @request_token and a verifier; NULL with CS_OAUTH_ERROR_DENIED when it says the
 * user refused, with CS_OAUTH_ERROR_CALLBACK when it carries another token; NULL without an
 * error when @address is no callback address (a PIN, or a verifier on its own). */
char             *cs_callback_parse_address      (const char          *address,
                                                  const char          *request_token,
                                                  GError             **error);

/* The private-use URI scheme of RFC 8252 §7.1 that the desktop file hands to the application
 * (x-scheme-handler): the app ID, io.github.countersign.Countersign, in lower case (a scheme
 * is case-insensitive and written in lower case), so it is the reverse-DNS form of a name the
 * project controls and no other application's. */
#define CS_CALLBACK_APP_SCHEME "io.github.countersign.countersign"
/* The callback address to register for it: a path, no host (§7.1 uses a single slash). */
#define CS_CALLBACK_APP_URL    CS_CALLBACK_APP_SCHEME ":/callback"

/* Pure: which authorization a callback address (an app link the desktop handed over) is for.
 * Sets @token to the oauth_token (CS_CALLBACK_VERIFIER) or the refused token
 * (CS_CALLBACK_DENIED, may be ""); CS_CALLBACK_INVALID when it is no callback address. */
CsCallbackKind    cs_callback_address_get_token  (const char          *address,
                                                  char               **token);

G_END_DECLS
