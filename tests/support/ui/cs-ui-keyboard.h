/* cs-ui-keyboard.h — real key presses for UI tests: XTEST under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 has no way to inject input, so the keyboard tests press keys the way the X server
 * would get them from a keyboard: XTestFakeKeyEvent (libXtst, loaded at run time). The keys
 * then go through GTK's whole input path: focus, key bindings, shortcuts, activation. A test
 * that uses these links x11 and gmodule-2.0 (GDK_BACKEND=x11).
 */
#pragma once

#include "cs-ui-test.h"

G_BEGIN_DECLS

/* Gives @window the X input focus, as clicking into it would. */
void cs_ui_focus_window (GtkWindow  *window);
/* Presses and releases @keyval, with Control held when @control; waits for GTK to see it. */
void cs_ui_press_key    (GtkWindow  *window,
                         guint       keyval,
                         gboolean    control);
/* Presses and releases @keyval with Shift held (Shift+Tab); waits for GTK to see it. */
void cs_ui_press_key_shift (GtkWindow  *window,
                            guint       keyval);
/* Types ASCII digits, lower-case letters, '-' and '.', one real key press each. */
void cs_ui_type_keys    (GtkWindow  *window,
                         const char *text);

G_END_DECLS
