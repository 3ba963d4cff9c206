/* cs-clipboard.h — copying values, with a toast, and forgetting copied secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a secret we copied may stay on the clipboard. */
#define CS_CLIPBOARD_CLEAR_SECONDS 60

/* Puts @text on @widget's clipboard and shows @toast in its window. When @secret is TRUE
 * and the clear-clipboard setting is on, the clipboard is cleared after
 * CS_CLIPBOARD_CLEAR_SECONDS if it still holds what we put there. */
void cs_clipboard_copy (GtkWidget  *widget,
                        const char *text,
                        gboolean    secret,
                        const char *toast);

G_END_DECLS
