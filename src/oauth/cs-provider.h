/* cs-provider.h — OAuth 1.0a providers: what one is, and where they come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Include this header for the whole provider API; each part has its own header:
 *   cs-provider-object.h   CsProvider, the GObject: endpoints, capabilities, getters, setters;
 *   cs-provider-keyfile.h  the `[Provider]` keyfile format (parse, validate, serialize);
 *   cs-provider-presets.h  the presets bundled in the GResource;
 *   cs-provider-files.h    the user's provider files (async load of a folder, async save).
 *   cs-provider-template.h {base} templates and announced ends of OAuth 1.0a.
 */
#pragma once

#include "cs-provider-files.h"
#include "cs-provider-keyfile.h"
#include "cs-provider-object.h"
#include "cs-provider-presets.h"
#include "cs-provider-template.h"
