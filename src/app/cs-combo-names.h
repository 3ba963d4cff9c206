/* cs-combo-names.h — a combo row's popover that shows each item whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita's own popover items are ellipsized ("Demo (local, no accou…"): these wrap when
 * the window is narrow, and keep the check on the chosen item. The model must hold
 * GtkStringObjects.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void cs_combo_names_show_whole (AdwComboRow *row);

G_END_DECLS
