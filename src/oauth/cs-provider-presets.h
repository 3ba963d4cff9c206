/* cs-provider-presets.h — the providers shipped with Countersign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The presets are the files in data/providers/, compiled into the oauth library's GResource
 * (/io/github/countersign/Countersign/providers/) and registered on first use. Their names
 * are looked up in the translation catalog as they load.
 */
#pragma once

#include <glib.h>

#include "cs-provider-object.h"

G_BEGIN_DECLS

/* The presets shipped in the GResource (/io/github/countersign/Countersign/providers/),
 * the demo provider first. Never fails: they are tested at build time. */
GPtrArray *cs_provider_load_presets (void);

G_END_DECLS
