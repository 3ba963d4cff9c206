/* cs-result-page.h — wizard step 4: the access token, its signed test call and the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view: the wizard says what to show. Retry (the exchange), Test Credentials, Retry (the
 * keyring) and the Export menu activate `wizard.retry`, `wizard.test`, `wizard.save` and
 * `wizard.export`.
 */
#pragma once

#include <adwaita.h>

#include "cs-credentials.h"
#include "cs-provider.h"

G_BEGIN_DECLS

#define CS_TYPE_RESULT_PAGE (cs_result_page_get_type ())

G_DECLARE_FINAL_TYPE (CsResultPage, cs_result_page, CS, RESULT_PAGE, GtkWidget)

/* "Exchanging the verifier for an access token…" */
void cs_result_page_show_busy     (CsResultPage  *self);
void cs_result_page_show_error    (CsResultPage  *self,
                                   const GError  *error);
/* The whole answer, the access token copyable as a secret; the test call not made yet. */
void cs_result_page_show_token    (CsResultPage  *self,
                                   CsCredentials *token);
/* The provider of the token shown: when it has no address to test with, the Signed Call row
 * says so (and Test Credentials' tooltip), and the curl export is disabled. */
void cs_result_page_set_provider  (CsResultPage  *self,
                                   CsProvider    *provider);
/* The Signed Call row: @subtitle, a spinner while @running, in red when @failed. */
void cs_result_page_show_test     (CsResultPage  *self,
                                   const char    *subtitle,
                                   gboolean       running,
                                   gboolean       failed);
/* The Keyring row: @subtitle, a spinner while @saving, Retry (in red) when @can_retry. */
void cs_result_page_show_keyring  (CsResultPage  *self,
                                   const char    *subtitle,
                                   gboolean       saving,
                                   gboolean       can_retry);
void cs_result_page_clear         (CsResultPage  *self);
/* What the exchange's Retry button says (NULL: "Retry"). */
void cs_result_page_set_retry_label (CsResultPage *self,
                                     const char   *label);
/* The provider's announced end of OAuth 1.0a (issue 14), or NULL to hide the row. */
void cs_result_page_show_end_of_life (CsResultPage *self,
                                      const char   *text);

G_END_DECLS
