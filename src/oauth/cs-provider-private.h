/* cs-provider-private.h — what the provider's files share and nothing else uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For cs-provider.c (the model), cs-provider-keyfile.c, cs-provider-presets.c and
 * cs-provider-files.c only.
 */
#pragma once

#include "cs-provider.h"

G_BEGIN_DECLS

/* The string fields, in the order of their properties (cs-provider.c) and of their keyfile
 * keys (cs-provider-keyfile.c). */
typedef enum
{
  CS_PROVIDER_FIELD_NAME,
  CS_PROVIDER_FIELD_REQUEST_TOKEN_URL,
  CS_PROVIDER_FIELD_AUTHORIZE_URL,
  CS_PROVIDER_FIELD_AUTHENTICATE_URL,
  CS_PROVIDER_FIELD_ACCESS_TOKEN_URL,
  CS_PROVIDER_FIELD_VERIFY_URL,
  CS_PROVIDER_FIELD_DEVELOPER_URL,
  CS_PROVIDER_N_FIELDS
} CsProviderField;

/* The largest provider file that is read at all. */
#define CS_PROVIDER_MAX_FILE_SIZE (64 * 1024)

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

/* A CS_OAUTH_ERROR_PROVIDER_FILE error: "SOURCE:LINE: message", or "SOURCE: message" for
 * @line 0. */
void        cs_provider_set_file_error            (GError          **error,
                                                   const char       *source,
                                                   guint             line,
                                                   const char       *format,
                                                   ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
