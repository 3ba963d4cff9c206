/* cs-provider-registry.h — every provider the front ends know: presets, the user's, the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The one place that answers "which provider is ID?", for the app and for countersign-cli:
 *
 * - The presets (cs_provider_load_presets(), the demo preset first) are there from
 *   cs_provider_registry_new() on.
 * - The user's providers (keyfiles, cs_provider_load_user_async()) come with
 *   cs_provider_registry_load_user_async(); cs_provider_registry_add() adds one just saved.
 *   A preset always keeps its place and its id: a user provider with a preset's id is kept
 *   in cs_provider_registry_get_user() but never replaces the preset in the merged list.
 * - The demo preset is only a description: the demo provider runs in this process on a port
 *   chosen when it starts. cs_provider_registry_resolve() (and the find functions) start it
 *   on first use and return its CsProvider, whose URLs point at the running server. One
 *   registry runs at most one demo provider, for as long as the registry lives (or until
 *   cs_provider_registry_stop_demo()): tokens it issued die with it.
 *
 * Everything runs on the thread-default main context of the thread that created the
 * registry. Returned providers are shared: callers that change one (countersign-cli's URL
 * options) own the registry they asked.
 */
#pragma once

#include <gio/gio.h>

#include "cs-demo-provider.h"
#include "cs-provider.h"

G_BEGIN_DECLS

#define CS_TYPE_PROVIDER_REGISTRY (cs_provider_registry_get_type ())

G_DECLARE_FINAL_TYPE (CsProviderRegistry, cs_provider_registry, CS, PROVIDER_REGISTRY, GObject)

CsProviderRegistry *cs_provider_registry_new              (void);
/* Tests: user providers from @directory instead of $XDG_CONFIG_HOME/countersign/providers. */
CsProviderRegistry *cs_provider_registry_new_for_directory (const char         *directory);

/* (transfer none): the presets, in their order. */
GPtrArray      *cs_provider_registry_get_presets       (CsProviderRegistry  *self);
/* (transfer none): the user's providers as loaded and added, in their order. */
GPtrArray      *cs_provider_registry_get_user          (CsProviderRegistry  *self);
/* (transfer none): the presets, then the user's providers that do not reuse a preset's id.
 * The same array for the registry's whole life, changed in place (::providers-changed). */
GPtrArray      *cs_provider_registry_get_providers     (CsProviderRegistry  *self);
gboolean        cs_provider_registry_get_user_loaded   (CsProviderRegistry  *self);

/* Reads the user's keyfiles (in a worker thread) and adds them as cs_provider_registry_add()
 * does. Finishes FALSE only with an error (cancelled, directory unreadable); broken files are
 * skipped and described in @warnings (file and line), which may be NULL. */
void            cs_provider_registry_load_user_async   (CsProviderRegistry  *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean        cs_provider_registry_load_user_finish  (CsProviderRegistry  *self,
                                                        GAsyncResult        *result,
                                                        GStrv               *warnings,
                                                        GError             **error);
/* A user provider (just saved): replaces the user's one with the same id. */
void            cs_provider_registry_add               (CsProviderRegistry  *self,
                                                        CsProvider          *provider);

/* Saves @provider (a user provider) to the registry's folder, then adds it as
 * cs_provider_registry_add() does. Editing one is saving it again under its id. */
void            cs_provider_registry_save_async        (CsProviderRegistry  *self,
                                                        CsProvider          *provider,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean        cs_provider_registry_save_finish       (CsProviderRegistry  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Deletes the user provider's file, then drops it from both lists (::providers-changed).
 * Presets cannot be deleted (G_IO_ERROR_PERMISSION_DENIED). */
void            cs_provider_registry_delete_async      (CsProviderRegistry  *self,
                                                        CsProvider          *provider,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean        cs_provider_registry_delete_finish     (CsProviderRegistry  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Whether another provider than the one called @except_id (nullable) has @name, compared
 * without case and surrounding blanks. Names are what both front ends show: they stay
 * unique. */
gboolean        cs_provider_registry_name_taken        (CsProviderRegistry  *self,
                                                        const char          *name,
                                                        const char          *except_id);
/* (transfer none) (nullable): the user's saved provider with @entered's three endpoints
 * (request token, authorize, access token). */
CsProvider     *cs_provider_registry_find_saved        (CsProviderRegistry  *self,
                                                        CsProvider          *entered);
/* (transfer full): the provider to keep for @entered (endpoints typed in, not saved): the
 * user's saved provider with the same three endpoints if there is one, else a new custom
 * provider with those endpoints, an unused id after the host (letters, digits, ".", "-")
 * and an unused name after the host, for the user to change. */
CsProvider     *cs_provider_registry_custom_for        (CsProviderRegistry  *self,
                                                        CsProvider          *entered);
/* Whether @provider is one of the user's saved providers (not a preset). */
gboolean        cs_provider_registry_is_user           (CsProviderRegistry  *self,
                                                        CsProvider          *provider);
/* (transfer none): the name the front ends show for a credential stored with provider @id:
 * the provider's current name (renamed in Preferences), else @stored_name. */
const char     *cs_provider_registry_display_name      (CsProviderRegistry  *self,
                                                        const char          *id,
                                                        const char          *stored_name);

/* (transfer none) (nullable): the provider called @id in the merged list, as described (the
 * demo preset is not started). */
CsProvider     *cs_provider_registry_lookup            (CsProviderRegistry  *self,
                                                        const char          *id);
/* (transfer none): the provider to talk to for @provider: the running demo provider's for the
 * demo preset (started here), else @provider itself. NULL with the demo's error when it
 * cannot start. */
CsProvider     *cs_provider_registry_resolve           (CsProviderRegistry  *self,
                                                        CsProvider          *provider,
                                                        GError             **error);
/* lookup, then resolve, over what is loaded now. G_IO_ERROR_NOT_FOUND for an unknown id. */
CsProvider     *cs_provider_registry_find              (CsProviderRegistry  *self,
                                                        const char          *id,
                                                        GError             **error);
/* The same, loading the user's providers first when @id is not a preset and they are not
 * loaded yet. Finishes with a new reference. */
void            cs_provider_registry_find_async        (CsProviderRegistry  *self,
                                                        const char          *id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CsProvider     *cs_provider_registry_find_finish       (CsProviderRegistry  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* (transfer none): the running demo provider, started on first use on an ephemeral loopback
 * port; NULL with an error when it cannot start. */
CsDemoProvider *cs_provider_registry_get_demo          (CsProviderRegistry  *self,
                                                        GError             **error);
/* Stops the demo provider if it runs (the application's shutdown); a later resolve starts a
 * new one. */
void            cs_provider_registry_stop_demo         (CsProviderRegistry  *self);

G_END_DECLS
