/* cs-provider-object-private.h — CsProvider's insides, for the provider's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For cs-provider-object.c, cs-provider-keyfile.c and cs-provider-files.c only: what a
 * keyfile sets that no caller may (force-login support, the demo consumer credentials), and
 * the string fields by number so that the keyfile code can walk them.
 */
#pragma once

#include "cs-provider-object.h"

G_BEGIN_DECLS

/* The string fields, in the order of their properties (cs-provider-object.c) and of their
 * keyfile keys (cs-provider-keyfile.c). */
typedef enum
{
  CS_PROVIDER_FIELD_NAME,
  CS_PROVIDER_FIELD_REQUEST_TOKEN_URL,
  CS_PROVIDER_FIELD_AUTHORIZE_URL,
  CS_PROVIDER_FIELD_AUTHENTICATE_URL,
  CS_PROVIDER_FIELD_ACCESS_TOKEN_URL,
  CS_PROVIDER_FIELD_VERIFY_URL,
  CS_PROVIDER_FIELD_DEVELOPER_URL,
  CS_PROVIDER_FIELD_OAUTH2_AUTHORIZE_URL,
  CS_PROVIDER_FIELD_OAUTH2_TOKEN_URL,
  CS_PROVIDER_FIELD_OAUTH2_REVOKE_URL,
  CS_PROVIDER_FIELD_OAUTH2_CLIENT_CREDENTIALS_URL,
  CS_PROVIDER_FIELD_OAUTH2_INVALIDATE_URL,
  CS_PROVIDER_FIELD_OAUTH2_EXCHANGE_URL,
  CS_PROVIDER_N_FIELDS
} CsProviderField;

const char *cs_provider_get_field                 (CsProvider       *self,
                                                   CsProviderField   field);
/* "" stores NULL, as the public setters do. */
void        cs_provider_set_field                 (CsProvider       *self,
                                                   CsProviderField   field,
                                                   const char       *value);
void        cs_provider_set_supports_force_login  (CsProvider       *self,
                                                   gboolean          supported);
/* Takes both strings (either may be NULL); the old secret is wiped. */
void        cs_provider_take_demo_credentials     (CsProvider       *self,
                                                   char             *consumer_key,
                                                   char             *consumer_secret);
/* Takes both strings (either may be NULL); the old secret is wiped. */
void        cs_provider_take_demo_client          (CsProvider       *self,
                                                   char             *client_id,
                                                   char             *client_secret);
/* The OAuth2CallbackPort key alone (0: none), without CallbackPort's fallback. */
guint       cs_provider_get_oauth2_own_callback_port (CsProvider    *self);

G_END_DECLS
