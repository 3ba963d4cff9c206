/* cs-provider-dialog.h — naming and editing a user's saved provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dialog for both: after a Custom provider worked, "Save This Provider?" asks only its
 * name (prefilled with the host); in Preferences, "Edit Provider" also shows its endpoints
 * and signature method. Both refuse an empty name, a name another provider has, and an
 * endpoint the client would refuse, with the reason under the fields; Save then stays off.
 * Saving goes through the registry (asynchronous file I/O); the outcome is a toast in
 * @parent ("win.toast") or, for Preferences, in the dialog's own words.
 */
#pragma once

#include <adwaita.h>

#include "cs-provider-registry.h"

G_BEGIN_DECLS

/* Asks for a name for @provider, new and not saved, and saves it under that name. */
void cs_provider_dialog_ask_name (GtkWidget          *parent,
                                  CsProviderRegistry *registry,
                                  CsProvider         *provider);
/* Edits the user's saved @provider; its id (and the tokens saved under it) stay. */
void cs_provider_dialog_edit     (GtkWidget          *parent,
                                  CsProviderRegistry *registry,
                                  CsProvider         *provider);

/* A toast near @parent: Preferences' own when it is in Preferences, else "win.toast". */
void cs_provider_dialog_toast    (GtkWidget          *parent,
                                  const char         *text);

G_END_DECLS
