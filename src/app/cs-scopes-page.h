/* cs-scopes-page.h — OAuth 2.0 step: the scopes the app asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One switch row per scope the provider lists, with what it lets the app do; the provider's
 * defaults switched on. Other scopes can be typed. offline.access (offline_access) is
 * explained: without it there is no refresh token.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_SCOPES_PAGE (cs_scopes_page_get_type ())

G_DECLARE_FINAL_TYPE (CsScopesPage, cs_scopes_page, CS, SCOPES_PAGE, GtkWidget)

/* @scopes (NULL-terminated, may be NULL), @descriptions beside them (each may be NULL),
 * @defaults the ones switched on (may be NULL: all). */
void        cs_scopes_page_set_scopes  (CsScopesPage       *self,
                                        const char * const *scopes,
                                        const char * const *descriptions,
                                        const char * const *defaults);
/* The chosen scopes, space-separated ("" for none). */
char       *cs_scopes_page_dup_scope   (CsScopesPage       *self);
gboolean    cs_scopes_page_get_valid   (CsScopesPage       *self);
const char *cs_scopes_page_get_reason  (CsScopesPage       *self);
void        cs_scopes_page_focus_first (CsScopesPage       *self);
/* Whether the scope chosen asks for a refresh token (offline.access, offline_access). */
gboolean    cs_scopes_page_get_offline (CsScopesPage       *self);

G_END_DECLS
