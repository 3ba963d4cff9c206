/* cs-saved-row.h — what the start page's row of one saved credential offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The menu of the entry @id, of the provider @provider_id: copies, exports (twurl only for
 * X), Test Credentials, Authorize Again, Forget. */
GMenuModel *cs_saved_row_menu_new (const char   *id,
                                   const char   *provider_id);
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
