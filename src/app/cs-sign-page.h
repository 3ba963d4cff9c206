/* cs-sign-page.h — "Sign a Request": one-legged signing and sending in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Consumer key and secret (or an RSA key file), an optional token and secret, the signature
 * method, a realm, then method, URL and body: Sign shows the Authorization header, the base
 * string and a curl command to copy; Send sends it through the shared CsTransport and shows
 * the response, and, when the provider says what it signed (debug_sbs), both base strings
 * with the first difference marked. Bad input gets a specific message; the entries stay.
 * "Back" emits ::closed.
 */
#pragma once

#include <adwaita.h>

#include "cs-transport.h"

G_BEGIN_DECLS

#define CS_TYPE_SIGN_PAGE (cs_sign_page_get_type ())

G_DECLARE_FINAL_TYPE (CsSignPage, cs_sign_page, CS, SIGN_PAGE, GtkWidget)

void cs_sign_page_set_transport (CsSignPage  *self,
                                 CsTransport *transport);
/* The first entry gets the focus. */
void cs_sign_page_focus_first   (CsSignPage  *self);

G_END_DECLS
