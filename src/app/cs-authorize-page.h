/* cs-authorize-page.h — wizard step 3: the authorization link, and the verifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view: the wizard says what to show (the PIN field, the wait for the browser, or the
 * browser's refusal). Open in Browser and Copy Link activate `wizard.open-link` and
 * `wizard.copy-link`; Enter in the PIN field activates the window's default widget.
 */
#pragma once

#include <adwaita.h>

#include "cs-provider-page.h"

G_BEGIN_DECLS

#define CS_TYPE_AUTHORIZE_PAGE (cs_authorize_page_get_type ())

G_DECLARE_FINAL_TYPE (CsAuthorizePage, cs_authorize_page, CS, AUTHORIZE_PAGE, GtkWidget)

/* Shows @url, empties the PIN field and says what to type for @mode. */
void        cs_authorize_page_show           (CsAuthorizePage *self,
                                              const char      *url,
                                              CsCallbackMode   mode);
/* "Add this callback URL to your app's settings: URL", with Copy Callback URL, and Open
 * Developer Portal when @developer_url is known; hidden for NULL or "oob". */
void        cs_authorize_page_show_callback  (CsAuthorizePage *self,
                                              const char      *callback_url,
                                              const char      *developer_url);
void        cs_authorize_page_show_pin       (CsAuthorizePage *self);
void        cs_authorize_page_show_waiting   (CsAuthorizePage *self);
void        cs_authorize_page_show_denied    (CsAuthorizePage *self,
                                              const char      *title,
                                              const char      *message);
/* What was typed or pasted in the PIN field, as it is. */
const char *cs_authorize_page_get_entry      (CsAuthorizePage *self);
/* The has-entry property: the PIN field is shown and not empty. */
gboolean    cs_authorize_page_get_has_entry  (CsAuthorizePage *self);
void        cs_authorize_page_focus_link     (CsAuthorizePage *self);
void        cs_authorize_page_focus_entry    (CsAuthorizePage *self);
/* What was wrong with the PIN or address entered, under the field until it is changed. */
void        cs_authorize_page_show_entry_error (CsAuthorizePage *self,
                                                const char      *message);

G_END_DECLS
