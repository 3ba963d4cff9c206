/* cs-start-page.h — the saved credentials, with what can be done with each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cs-oauth-client.h"
#include "cs-provider-registry.h"
#include "cs-token-store.h"

G_BEGIN_DECLS

#define CS_TYPE_START_PAGE (cs_start_page_get_type ())

G_DECLARE_FINAL_TYPE (CsStartPage, cs_start_page, CS, START_PAGE, GtkWidget)

/* @registry: where the saved entries' providers are found, the running demo included. */
void     cs_start_page_setup      (CsStartPage        *self,
                                   CsOAuthClient      *client,
                                   CsTokenStore       *store,
                                   CsProviderRegistry *registry);
/* Loads the list from the keyring (asynchronously); @highlight_id, when given, is the
 * entry to show as new. */
void     cs_start_page_reload     (CsStartPage   *self,
                                   const char    *highlight_id);
/* Whether the list has been loaded (or failed to load). */
gboolean cs_start_page_get_loaded (CsStartPage   *self);
/* The number of entries shown. */
guint    cs_start_page_get_n_items (CsStartPage  *self);

G_END_DECLS
