/* cs-value-row.h — one named value (a token, a secret) with Copy, and Reveal for secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_VALUE_ROW (cs_value_row_get_type ())

G_DECLARE_FINAL_TYPE (CsValueRow, cs_value_row, CS, VALUE_ROW, AdwActionRow)

GtkWidget  *cs_value_row_new        (const char *title,
                                     const char *value,
                                     gboolean    secret);
const char *cs_value_row_get_value  (CsValueRow *self);
void        cs_value_row_set_value  (CsValueRow *self,
                                     const char *value);
/* Whether a copy of the value is cleared from the clipboard later (secrets always are). */
void        cs_value_row_set_clear_copied (CsValueRow *self,
                                           gboolean    clear);
gboolean    cs_value_row_get_secret (CsValueRow *self);
void        cs_value_row_set_secret (CsValueRow *self,
                                     gboolean    secret);

G_END_DECLS
