/* cs-params-group.h — every field of a provider's token answer, one value row each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wizard's steps 2 and 4 show the whole answer in the provider's order, so nothing is
 * hidden from the developer. Fields whose name ends in "secret" are concealed; with
 * @access_token the access token itself is shown but cleared from the clipboard after a copy.
 */
#pragma once

#include <adwaita.h>

#include "cs-credentials.h"

G_BEGIN_DECLS

#define CS_TYPE_PARAMS_GROUP (cs_params_group_get_type ())

G_DECLARE_FINAL_TYPE (CsParamsGroup, cs_params_group, CS, PARAMS_GROUP, AdwPreferencesGroup)

/* Replaces the rows shown with one per field of @credentials. */
void cs_params_group_show  (CsParamsGroup *self,
                            CsCredentials *credentials,
                            gboolean       access_token);
void cs_params_group_clear (CsParamsGroup *self);

G_END_DECLS
