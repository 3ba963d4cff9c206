/* cs-oauth2-result-page.h — OAuth 2.0 step: the tokens, their expiry, and what to do with them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view: access token, refresh token, expiry counting down, scopes, the Export menu
 * (`wizard.export`); Refresh, Revoke and Test
 * Credentials activate `wizard.refresh`, `wizard.revoke` and `wizard.test`, the exchange's
 * Retry `wizard.retry`, the keyring's Retry `wizard.save`.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_OAUTH2_RESULT_PAGE (cs_oauth2_result_page_get_type ())

G_DECLARE_FINAL_TYPE (CsOAuth2ResultPage, cs_oauth2_result_page, CS, OAUTH2_RESULT_PAGE, GtkWidget)

/* "Exchanging the code for tokens…" */
void cs_oauth2_result_page_show_busy    (CsOAuth2ResultPage *self);
void cs_oauth2_result_page_show_error   (CsOAuth2ResultPage *self,
                                         const GError       *error);
/* @refresh_token NULL: none (the row says why); @expires_at 0: not said by the provider. */
void cs_oauth2_result_page_show_tokens  (CsOAuth2ResultPage *self,
                                         const char         *access_token,
                                         const char         *refresh_token,
                                         const char         *token_type,
                                         gint64              expires_at,
                                         const char         *scopes);
/* The rows of Test Credentials, Refresh/Revoke and the keyring: @subtitle, a spinner while
 * @running, in red when @failed (the keyring's Retry then shows). */
void cs_oauth2_result_page_show_test    (CsOAuth2ResultPage *self,
                                         const char         *subtitle,
                                         gboolean            running,
                                         gboolean            failed);
void cs_oauth2_result_page_show_manage  (CsOAuth2ResultPage *self,
                                         const char         *subtitle,
                                         gboolean            running,
                                         gboolean            failed);
void cs_oauth2_result_page_show_keyring (CsOAuth2ResultPage *self,
                                         const char         *subtitle,
                                         gboolean            saving,
                                         gboolean            can_retry);
/* Why Refresh and Revoke cannot work (NULL: they can), said on their row. */
void cs_oauth2_result_page_set_manage_unavailable (CsOAuth2ResultPage *self,
                                                   const char         *reason);
void cs_oauth2_result_page_clear        (CsOAuth2ResultPage *self);
/* What the expiry row says now ("1:59:58 left, until 14:32"), for tests. */
const char *cs_oauth2_result_page_get_expiry_text (CsOAuth2ResultPage *self);

G_END_DECLS
