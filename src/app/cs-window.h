/* cs-window.h — the main window: saved credentials, and the wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widgets inside the window show a toast with the `win.toast` action (a string: the text),
 * through gtk_widget_activate_action(); they do not include this header.
 */
#pragma once

#include <adwaita.h>

#include "cs-provider-registry.h"

G_BEGIN_DECLS

#define CS_TYPE_WINDOW (cs_window_get_type ())

G_DECLARE_FINAL_TYPE (CsWindow, cs_window, CS, WINDOW, AdwApplicationWindow)

CsWindow  *cs_window_new                   (GtkApplication *application);
void       cs_window_add_toast             (CsWindow       *self,
                                            const char     *title);
/* Where the window finds its providers, the demo included; its application sets it as soon as
 * the window is added to it. */
void       cs_window_set_registry          (CsWindow           *self,
                                            CsProviderRegistry *registry);
GSettings *cs_window_get_settings          (CsWindow       *self);
/* Shows the wizard at step 1; any argument may be NULL. */
void       cs_window_start_authorization   (CsWindow       *self,
                                            const char     *provider_id,
                                            const char     *consumer_key,
                                            const char     *consumer_secret);
/* Shows the saved credentials and reloads them; @highlight_id marks a new entry. */
void       cs_window_show_saved            (CsWindow       *self,
                                            const char     *highlight_id);
GtkWidget *cs_window_get_wizard            (CsWindow       *self);
GtkWidget *cs_window_get_start_page        (CsWindow       *self);

G_END_DECLS
