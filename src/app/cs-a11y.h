/* cs-a11y.h — what GTK 4.8 and libadwaita 1.2 do not say to assistive technologies
 *
 * GTK 4.8 exposes every page of a GtkStack over AT-SPI, the ones not shown included, and
 * their buttons still act when a screen reader activates them. cs_a11y_follow_stack() marks
 * every page but the visible one GTK_ACCESSIBLE_STATE_HIDDEN, now and whenever the visible
 * page changes, so that only what is on screen is in the accessibility tree.
 *
 * libadwaita 1.2's AdwPasswordEntryRow has a reveal button with no name (AT-SPI reads
 * "GtkImage"). cs_a11y_name_reveal_button() names it "Reveal TITLE", as CsValueRow's is.
 * A toast's close button is also unnamed: cs_a11y_name_toast_buttons() names it by its
 * tooltip (or libadwaita's "Dismiss"), also when the toast is shown after a moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cs_a11y_follow_stack       (GtkStack  *stack);
void cs_a11y_name_reveal_button (GtkWidget *password_row);
void cs_a11y_name_toast_buttons (GtkWidget *toast_overlay);

G_END_DECLS
