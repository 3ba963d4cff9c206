/* cs-oauth-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cs-oauth-error.h"

G_DEFINE_QUARK (cs-oauth-error-quark, cs_oauth_error)
