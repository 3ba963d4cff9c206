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
 * An activatable row that toggles the GtkSwitch in its suffix (so that the switch holds what
 * the user set at once, not when its animation ends) is the control a keyboard reaches:
 * cs_a11y_switch_row() takes the switch out of the tree and keeps the row's
 * GTK_ACCESSIBLE_STATE_CHECKED in step with it. The row's accessible-role ("switch") is set
 * where it is built, in its .ui file.
 *
 * libadwaita 1.5 and later name an entry row by all it holds: its title, then its text field,
 * which is labelled by the title ("Consumer Key Consumer Key"). cs_a11y_name_entry_rows()
 * names every entry row under a widget by its title alone, also when the title changes;
 * cs_compat_name_entry_rows() calls it where libadwaita says the title twice.
 *
 * GTK (4.8 and later) answers AT-SPI's Text.GetText for any GtkEditable with its text, and
 * sends each inserted text along with AT-SPI's text-changed event, whether the characters are
 * shown or not. cs_a11y_conceal_text() gives a password row's GtkText a buffer that reads as
 * bullets while the text is concealed, and inserts into it without that event;
 * cs_a11y_clear_text() is what the application reads (an editable's text otherwise).
 *
 * A dialog's response buttons read "_Forget Forget" (libadwaita 1.2 labels them with the
 * mnemonic as well), the ones of the layout not shown are in the tree too, and a preferences
 * group's list reads "GtkListBox". cs_a11y_tidy_dialog(), called once the dialog is built,
 * names its buttons by their label without the mnemonic, its lists by their group's title,
 * and keeps its buttons, entries and lists out of the tree while they are not mapped.
 *
 * GTK 4.2x exposes the items of a menu built from a menu model (GtkPopoverMenu) without their
 * labels: cs_a11y_name_menu_items() names each by the text it shows when the menu opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cs_a11y_follow_stack       (GtkStack  *stack);
void cs_a11y_name_reveal_button (GtkWidget *password_row);
void cs_a11y_name_toast_buttons (GtkWidget *toast_overlay);
void cs_a11y_switch_row         (GtkWidget *row,
                                 GtkSwitch *toggle);
void cs_a11y_name_entry_rows    (GtkWidget *root);
void cs_a11y_conceal_text       (GtkWidget *password_row);
const char *cs_a11y_clear_text  (GtkWidget *editable);
void cs_a11y_tidy_dialog        (GtkWidget *dialog);
void cs_a11y_name_menu_items    (GtkWidget *menu_button);
void cs_a11y_name_rows_when_shown (GtkWidget *dialog);

G_END_DECLS
