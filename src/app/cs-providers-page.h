/* cs-providers-page.h — Preferences: the providers, the user's to edit and delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwPreferencesPage for AdwPreferencesWindow (or AdwPreferencesDialog): the user's saved
 * providers, each with Edit (cs-provider-dialog.h) and Delete (asked first), and the presets,
 * read-only. It follows the registry's ::providers-changed.
 */
#pragma once

#include <adwaita.h>

#include "cs-provider-registry.h"

G_BEGIN_DECLS

#define CS_TYPE_PROVIDERS_PAGE (cs_providers_page_get_type ())

G_DECLARE_FINAL_TYPE (CsProvidersPage, cs_providers_page, CS, PROVIDERS_PAGE, AdwPreferencesPage)

GtkWidget *cs_providers_page_new (CsProviderRegistry *registry);

G_END_DECLS
