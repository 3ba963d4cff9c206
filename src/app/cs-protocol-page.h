/* cs-protocol-page.h — which protocol, for a provider that speaks both (X, Tumblr, Garmin,
 * the demo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown in wizard step 1 under the provider, only when the provider offers both; the wizard
 * then goes on with the consumer (OAuth 1.0a) or the client (OAuth 2.0). The "oauth2"
 * property is the choice.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_PROTOCOL_PAGE (cs_protocol_page_get_type ())

G_DECLARE_FINAL_TYPE (CsProtocolPage, cs_protocol_page, CS, PROTOCOL_PAGE, GtkWidget)

/* TRUE when OAuth 2.0 is chosen. */
gboolean cs_protocol_page_get_oauth2 (CsProtocolPage *self);
void     cs_protocol_page_set_oauth2 (CsProtocolPage *self,
                                      gboolean        oauth2);
/* @provider_name: the provider's name, said in the description; @retiring: it announced the
 * end of OAuth 1.0a, which the description then recommends against. */
void     cs_protocol_page_describe   (CsProtocolPage *self,
                                      const char     *provider_name,
                                      gboolean        retiring);

G_END_DECLS
