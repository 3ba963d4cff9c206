/* cs-saved-row.h — what the start page's row of one saved credential offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cs-token-store.h"

G_BEGIN_DECLS

/* The menu of the entry @id, of the provider @provider_id: copies, exports (twurl only for
 * X), Test Credentials, Authorize Again, Forget. */
GMenuModel *cs_saved_row_menu_new (const char   *id,
                                   const char   *provider_id);
/* The menu of an entry of either protocol: for OAuth 2.0 the copies of its two tokens, the
 * exports (no twurl profile), Test Credentials and Forget; for OAuth 1.0a the menu above,
 * and "Move to OAuth 2.0" (saved.migrate) when @can_migrate. */
GMenuModel *cs_saved_row_menu_new_full (const char       *id,
                                        const char       *provider_id,
                                        CsStoredProtocol  protocol,
                                        gboolean          can_migrate);
/* The row of @token (named by its id) under @provider_name, with its protocol as a tag, its
 * menu, and @unavailable (see cs_saved_row_setup). */
GtkWidget  *cs_saved_row_new      (CsStoredToken *token,
                                   const char    *provider_name,
                                   const char    *unavailable,
                                   gboolean       can_migrate);
/* @row (named by the entry's id) says @subtitle, and @unavailable under it when that is not
 * NULL: then its Test Credentials and curl export (entry.test, entry.curl, which activate
 * saved.test and saved.export) are disabled. */
void        cs_saved_row_setup    (AdwActionRow *row,
                                   const char   *subtitle,
                                   const char   *unavailable);
/* The subtitle given to cs_saved_row_setup(), then @note (a test's answer) when not NULL. */
void        cs_saved_row_set_note (AdwActionRow *row,
                                   const char   *note);

G_END_DECLS
