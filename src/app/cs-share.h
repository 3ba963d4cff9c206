/* cs-share.h — what the wizard and the saved list both do with credentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cs-export.h"
#include "cs-oauth-client.h"

G_BEGIN_DECLS

/* A menu of the export formats; each item activates @action with the format name, but the
 * curl item activating @curl_action (no target) instead, when not NULL:
 * the action can then be disabled where a curl command cannot be made; and only the formats
 * that fit the provider called @provider_id (nullable): "twurl Profile" only for X, the one
 * provider twurl talks to. */
GMenuModel *cs_share_export_menu_new_full (const char      *action,
                                           const char      *curl_action,
                                           const char      *provider_id);
/* Exports @data in the format named @format_name and copies it (a secret) with a toast. */
void        cs_share_export_to_clipboard (GtkWidget          *widget,
                                          const CsExportData *data,
                                          const char         *format_name);
/* The same for an OAuth 2.0 credential (no twurl: cs_share_export_menu_new_full with a NULL
 * provider id leaves it out). */
void        cs_share_export_oauth2_to_clipboard (GtkWidget                *widget,
                                                 const CsExportOAuth2Data *data,
                                                 const char               *format_name);
/* Why Test Credentials and the curl export cannot work for credentials of @provider (which
 * may be NULL: unknown), with or without the consumer secret at hand; NULL when they can.
 * A sentence for a row's subtitle or a tooltip. */
char       *cs_share_signed_call_unavailable (CsProvider *provider,
                                              gboolean    has_consumer_secret);
/* A message dialog over @widget's window: what does not fit in a toast. */
void        cs_share_explain          (GtkWidget           *widget,
                                       const char          *heading,
                                       const char          *body);
/* Finishes a signed call to a provider's verify URL (Test Credentials): "The tokens work:
 * they belong to …" (the account as cs_verify_answer_parse() reads it), or NULL with the
 * error (G_IO_ERROR_CANCELLED when it was cancelled). */
char       *cs_share_verify_finish    (CsOAuthClient       *client,
                                       GAsyncResult        *result,
                                       GError             **error);
/* The same, and in @stored_account the account as the keyring keeps it
 * (cs_verify_answer_account(): NULL when the answer names none). */
char       *cs_share_verify_finish_account (CsOAuthClient  *client,
                                            GAsyncResult   *result,
                                            char          **stored_account,
                                            GError        **error);

G_END_DECLS
