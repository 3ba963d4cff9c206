/* cs-provider-keyfile.h — the `[Provider]` keyfile format of presets and user providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The data is untrusted (a user's file) and fuzzed (tests/fuzz/fuzz-provider-keyfile.c): at
 * most 64 KiB of UTF-8, `Key=value` lines, `[Group]` headers and `#` comments, one
 * `[Provider]` group with an Id (1 to 64 of [A-Za-z0-9._-], not starting with "."), a Name and
 * the three required URLs, each a URL the signer accepts. Every refusal is a
 * CS_OAUTH_ERROR_PROVIDER_FILE error whose message, in valid UTF-8, names the source and,
 * where there is one, the line. Whatever loads saves to data that loads back to the same
 * provider.
 */
#pragma once

#include <glib.h>

#include "cs-provider-object.h"

G_BEGIN_DECLS

/* Loads one `[Provider]` keyfile; @source_name (a file name) goes into error messages,
 * which name the file and the line (CS_OAUTH_ERROR_PROVIDER_FILE). */
CsProvider *cs_provider_new_from_data (const char  *data,
                                       gsize        length,
                                       const char  *source_name,
                                       GError     **error);
/* The keyfile of @self, without its demo consumer credentials. */
char       *cs_provider_to_data       (CsProvider  *self,
                                       gsize       *length);

G_END_DECLS
