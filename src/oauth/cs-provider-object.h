/* cs-provider-object.h — CsProvider, an OAuth 1.0a and/or OAuth 2.0 provider: its endpoints
 * and capabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The GObject alone: one property per field, plain getters and setters. Setting a string
 * field to "" stores NULL. Include cs-provider.h, which also gives where providers come from.
 */
#pragma once

#include <gio/gio.h>

#include "cs-signer.h"

G_BEGIN_DECLS

#define CS_TYPE_PROVIDER (cs_provider_get_type ())

G_DECLARE_FINAL_TYPE (CsProvider, cs_provider, CS, PROVIDER, GObject)

CsProvider        *cs_provider_new                      (const char   *id,
                                                         const char   *name);

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
/* The port of the loopback callback URL (http://127.0.0.1:PORT/callback) registered with
 * the provider's app, the keyfile's CallbackPort; 0 when the preset names none. */
guint              cs_provider_get_callback_port        (CsProvider   *self);
void               cs_provider_set_callback_port        (CsProvider   *self,
                                                         guint         port);
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

/* OAuth 2.0. A provider with an OAuth 2.0 token URL speaks OAuth 2.0, one with a request token
 * URL OAuth 1.0a; both: both. */
typedef enum
{
  CS_PROTOCOL_OAUTH1 = 1 << 0,
  CS_PROTOCOL_OAUTH2 = 1 << 1,
} CsProtocols;

CsProtocols        cs_provider_get_protocols            (CsProvider   *self);
const char        *cs_provider_get_oauth2_authorize_url (CsProvider   *self);
const char        *cs_provider_get_oauth2_token_url     (CsProvider   *self);
const char        *cs_provider_get_oauth2_revoke_url    (CsProvider   *self);
/* X's app-only endpoint; the token URL when the keyfile names none. */
const char        *cs_provider_get_oauth2_client_credentials_url (CsProvider *self);
const char        *cs_provider_get_oauth2_invalidate_url (CsProvider  *self);
/* X's OAuth 1.0a → 2.0 exchange; NULL: the provider has none. */
const char        *cs_provider_get_oauth2_exchange_url  (CsProvider   *self);
/* NULL-terminated, never NULL (empty when none). */
const char * const *cs_provider_get_oauth2_scopes        (CsProvider   *self);
const char * const *cs_provider_get_oauth2_default_scopes (CsProvider  *self);
/* OAuth2CallbackPort, else CallbackPort; 0 when neither. */
guint              cs_provider_get_oauth2_callback_port (CsProvider   *self);
/* Only the demo provider ships a client ID and secret (public demo values). */
const char        *cs_provider_get_demo_client_id       (CsProvider   *self);
const char        *cs_provider_get_demo_client_secret   (CsProvider   *self);

void               cs_provider_set_oauth2_authorize_url (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_oauth2_token_url     (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_oauth2_revoke_url    (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_oauth2_client_credentials_url (CsProvider *self,
                                                         const char   *url);
void               cs_provider_set_oauth2_invalidate_url (CsProvider  *self,
                                                         const char   *url);
void               cs_provider_set_oauth2_exchange_url  (CsProvider   *self,
                                                         const char   *url);
void               cs_provider_set_oauth2_scopes        (CsProvider   *self,
                                                         const char * const *scopes);
void               cs_provider_set_oauth2_default_scopes (CsProvider  *self,
                                                         const char * const *scopes);
void               cs_provider_set_oauth2_callback_port (CsProvider   *self,
                                                         guint         port);

/* Returns: (transfer none) (nullable): the provider called @id in @providers. */
CsProvider        *cs_provider_list_lookup              (GPtrArray    *providers,
                                                         const char   *id);

G_END_DECLS
