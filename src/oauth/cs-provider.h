/* cs-provider.h — an OAuth 1.0a provider: its endpoints and capabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 */
#pragma once

#include <gio/gio.h>

#include "cs-signer.h"

G_BEGIN_DECLS

#define CS_TYPE_PROVIDER (cs_provider_get_type ())

G_DECLARE_FINAL_TYPE (CsProvider, cs_provider, CS, PROVIDER, GObject)

CsProvider        *cs_provider_new                      (const char   *id,
                                                         const char   *name);
/* Loads one `[Provider]` keyfile; @source_name (a file name) goes into error messages,
 * which name the file and the line (CS_OAUTH_ERROR_PROVIDER_FILE). */
CsProvider        *cs_provider_new_from_data            (const char   *data,
                                                         gsize         length,
                                                         const char   *source_name,
                                                         GError      **error);
char              *cs_provider_to_data                  (CsProvider   *self,
                                                         gsize        *length);

const char        *cs_provider_get_id                   (CsProvider   *self);
const char        *cs_provider_get_name                 (CsProvider   *self);
const char        *cs_provider_get_request_token_url    (CsProvider   *self);
const char        *cs_provider_get_authorize_url        (CsProvider   *self);
const char        *cs_provider_get_authenticate_url     (CsProvider   *self);
const char        *cs_provider_get_access_token_url     (CsProvider   *self);
const char        *cs_provider_get_verify_url           (CsProvider   *self);
const char        *cs_provider_get_developer_url        (CsProvider   *self);
CsSignatureMethod  cs_provider_get_signature_method     (CsProvider   *self);
gboolean           cs_provider_get_supports_access_type (CsProvider   *self);
/* Twitter's `force_login` / `screen_name` on the authorize URL. */
gboolean           cs_provider_get_supports_force_login (CsProvider   *self);
/* Only the demo provider ships consumer credentials (they are public demo values). */
const char        *cs_provider_get_demo_consumer_key    (CsProvider   *self);
const char        *cs_provider_get_demo_consumer_secret (CsProvider   *self);
gboolean           cs_provider_get_is_custom            (CsProvider   *self);
gboolean           cs_provider_get_is_demo              (CsProvider   *self);

void               cs_provider_set_name                 (CsProvider   *self,
                                                         const char   *name);
void               cs_provider_set_request_token_url    (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_authorize_url        (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_authenticate_url     (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_access_token_url     (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_verify_url           (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_developer_url        (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_signature_method     (CsProvider   *self,
                                                         CsSignatureMethod method);
void               cs_provider_set_supports_access_type (CsProvider   *self,
                                                         gboolean      supported);
void               cs_provider_set_is_custom            (CsProvider   *self,
                                                         gboolean      custom);

/* The presets shipped in the GResource (/io/github/countersign/Countersign/providers/),
 * the demo provider first. Never fails: they are tested at build time. */
GPtrArray         *cs_provider_load_presets             (void);
CsProvider        *cs_provider_list_lookup              (GPtrArray    *providers,
                                                         const char   *id);

/* User-defined providers, keyfiles in @directory (default: $XDG_CONFIG_HOME/countersign/
 * providers). Broken files are skipped; each is described in @warnings (file and line). */
void               cs_provider_load_user_async          (const char          *directory,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray         *cs_provider_load_user_finish         (GAsyncResult        *result,
                                                         GStrv               *warnings,
                                                         GError             **error);
void               cs_provider_save_user_async          (CsProvider          *self,
                                                         const char          *directory,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           cs_provider_save_user_finish         (GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
