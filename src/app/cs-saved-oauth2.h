/* cs-saved-oauth2.h — the start page's OAuth 2.0 work on saved entries: Test Credentials (a
 * refresh first when the access token expired) and "Move to OAuth 2.0"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both go through src/flow (cs_credential_fresh_async, cs_oauth2_learn_account_async,
 * cs_credential_migrate_async); what they end with is handed back to the page through
 * @report: a note for the entry @id's row, and the id to show highlighted after a reload
 * (NULL: no reload).
 */
#pragma once

#include <gtk/gtk.h>

#include "cs-provider-registry.h"
#include "cs-token-store.h"

G_BEGIN_DECLS

typedef void (*CsSavedReport) (GtkWidget  *page,
                               const char *id,
                               const char *note,
                               const char *reload_id);

void cs_saved_oauth2_test    (GtkWidget          *page,
                              CsTokenStore       *store,
                              CsProviderRegistry *registry,
                              const char         *id,
                              GCancellable       *cancellable,
                              CsSavedReport       report);
/* The heading for an entry that could not be read (or, an access token expired, refreshed). */
const char *cs_saved_oauth2_lookup_heading (const GError *error);
/* @token: the OAuth 1.0a entry, its secrets loaded; @consumer_secret when the keyring has none. */
void cs_saved_oauth2_migrate (GtkWidget          *page,
                              CsTokenStore       *store,
                              CsProviderRegistry *registry,
                              CsStoredToken      *token,
                              const char         *consumer_secret,
                              GCancellable       *cancellable,
                              CsSavedReport       report);
/* Whether "Move to OAuth 2.0" can be offered for @token (OAuth 1.0a, on a provider with the
 * exchange) of @provider (nullable). */
gboolean cs_saved_oauth2_can_migrate (CsStoredToken *token,
                                      CsProvider    *provider);

G_END_DECLS
