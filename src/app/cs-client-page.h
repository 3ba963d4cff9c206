/* cs-client-page.h — OAuth 2.0 step: the client (ID, optional secret), the redirect, the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view with its own checks: the "valid" and "reason" properties say whether Continue can be
 * pressed and why not; a wrong field is marked and said under it. Nothing here knows the
 * protocol's rules beyond what the user must type.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Where the browser goes after Allow. */
typedef enum
{
  CS_CLIENT_REDIRECT_LOOPBACK,   /* http://127.0.0.1:PORT/callback, answered by Countersign */
  CS_CLIENT_REDIRECT_APP_LINK,   /* the app's custom scheme, handed over by the desktop */
  CS_CLIENT_REDIRECT_PASTE,      /* a URL of the user's; the address is pasted back */
} CsClientRedirect;

#define CS_TYPE_CLIENT_PAGE (cs_client_page_get_type ())

G_DECLARE_FINAL_TYPE (CsClientPage, cs_client_page, CS, CLIENT_PAGE, GtkWidget)

/* A new provider: @client_id / @client_secret prefill (the demo's; NULL empties them, unless
 * what is typed is not a demo value), @port the loopback port shown (0: empty). */
void              cs_client_page_set_provider     (CsClientPage *self,
                                                   const char   *provider_name,
                                                   const char   *client_id,
                                                   const char   *client_secret,
                                                   guint         port);
gboolean          cs_client_page_get_valid        (CsClientPage *self);
const char       *cs_client_page_get_reason       (CsClientPage *self);
void              cs_client_page_focus_first      (CsClientPage *self);
const char       *cs_client_page_get_client_id    (CsClientPage *self);
/* NULL when none was typed: a public client. */
const char       *cs_client_page_get_client_secret (CsClientPage *self);
CsClientRedirect  cs_client_page_get_redirect     (CsClientPage *self);
/* The loopback port typed; 0 when empty (the provider's, else any free port). */
guint             cs_client_page_get_port         (CsClientPage *self);
/* The redirect URL typed for CS_CLIENT_REDIRECT_PASTE. */
const char       *cs_client_page_get_redirect_url (CsClientPage *self);
gboolean          cs_client_page_get_store        (CsClientPage *self);
gboolean          cs_client_page_get_store_secret (CsClientPage *self);
/* A refusal that names the client (invalid_client, unauthorized_client): said under the
 * client fields until they change. */
void              cs_client_page_show_error       (CsClientPage *self,
                                                   const char   *message);

G_END_DECLS
