/* cs-oauth2-authorize-page.h — OAuth 2.0 step: the consent page in the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view: the link with Open in Browser and Copy Link (`wizard.open-link`,
 * `wizard.copy-link`), the redirect URI to register, and then the wait for the browser
 * (loopback), the field for the address it was sent to (app link, pasted address), or the
 * refusal. Enter in the field activates the window's default widget.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_OAUTH2_AUTHORIZE_PAGE (cs_oauth2_authorize_page_get_type ())

G_DECLARE_FINAL_TYPE (CsOAuth2AuthorizePage, cs_oauth2_authorize_page, CS, OAUTH2_AUTHORIZE_PAGE,
                      GtkWidget)

/* Shows @url and the @redirect_uri to register; empties the field. */
void        cs_oauth2_authorize_page_show          (CsOAuth2AuthorizePage *self,
                                                    const char            *url,
                                                    const char            *redirect_uri);
void        cs_oauth2_authorize_page_show_waiting  (CsOAuth2AuthorizePage *self);
/* The field for the address; @app_link: the desktop may hand it over by itself. */
void        cs_oauth2_authorize_page_show_entry    (CsOAuth2AuthorizePage *self,
                                                    gboolean               app_link);
void        cs_oauth2_authorize_page_show_denied   (CsOAuth2AuthorizePage *self,
                                                    const char            *title,
                                                    const char            *message);
const char *cs_oauth2_authorize_page_get_entry     (CsOAuth2AuthorizePage *self);
/* The has-entry property: the field is shown and not empty. */
gboolean    cs_oauth2_authorize_page_get_has_entry (CsOAuth2AuthorizePage *self);
void        cs_oauth2_authorize_page_show_entry_error (CsOAuth2AuthorizePage *self,
                                                       const char            *message);
void        cs_oauth2_authorize_page_focus_link    (CsOAuth2AuthorizePage *self);
void        cs_oauth2_authorize_page_focus_entry   (CsOAuth2AuthorizePage *self);

G_END_DECLS
