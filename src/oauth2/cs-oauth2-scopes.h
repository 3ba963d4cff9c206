/* cs-oauth2-scopes.h — what an OAuth 2.0 scope lets an app do, for the wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What @scope lets the app do, in the user's language; NULL for a scope it does not know.
 * @provider_id: "twitter", "demo"… (the demo and oauthlib test providers use X's and
 * oauthlib's names). */
const char *cs_oauth2_scope_describe (const char *provider_id,
                                      const char *scope);

G_END_DECLS
