/* cs-request-page.h — wizard step 2: the request token the provider handed out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view: the wizard says what to show (the request running, refused, or its answer).
 */
#pragma once

#include <adwaita.h>

#include "cs-credentials.h"
#include "cs-provider.h"

G_BEGIN_DECLS

#define CS_TYPE_REQUEST_PAGE (cs_request_page_get_type ())

G_DECLARE_FINAL_TYPE (CsRequestPage, cs_request_page, CS, REQUEST_PAGE, GtkWidget)

/* "Asking @provider_name for a request token…" */
void cs_request_page_show_busy  (CsRequestPage *self,
                                 const char    *provider_name);
/* The same for @provider: a provider typed in (Custom) is named by its host. */
void cs_request_page_show_busy_for (CsRequestPage *self,
                                    CsProvider    *provider);
void cs_request_page_show_error (CsRequestPage *self,
                                 const GError  *error);
/* The whole answer: token, concealed secret, callback confirmation. */
void cs_request_page_show_token (CsRequestPage *self,
                                 CsCredentials *token);
void cs_request_page_clear      (CsRequestPage *self);

G_END_DECLS
