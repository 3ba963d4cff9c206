/* cs-provider-files.h — the user's own providers, one keyfile each in a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The files are `ID.provider` in cs-provider-keyfile.h's format; the folder is
 * $XDG_CONFIG_HOME/countersign/providers unless the caller names one. File I/O runs in a
 * worker thread. A loaded provider is custom (cs_provider_get_is_custom ()) and never has
 * consumer credentials: those belong in the keyring, not in a file. Saving writes the file
 * atomically, mode 0600, in a folder created with mode 0700.
 */
#pragma once

#include <gio/gio.h>

#include "cs-provider-object.h"

G_BEGIN_DECLS

/* User-defined providers, keyfiles in @directory (default: $XDG_CONFIG_HOME/countersign/
 * providers). Broken files are skipped; each is described in @warnings (file and line). */
void       cs_provider_load_user_async  (const char          *directory,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *cs_provider_load_user_finish (GAsyncResult        *result,
                                         GStrv               *warnings,
                                         GError             **error);
void       cs_provider_save_user_async  (CsProvider          *self,
                                         const char          *directory,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   cs_provider_save_user_finish (GAsyncResult        *result,
                                         GError             **error);
/* Removes the provider's file (the one it was loaded from, else `ID.provider`); a file that
 * is already gone is no error. A provider saved again keeps the file it was loaded from. */
void       cs_provider_delete_user_async  (CsProvider          *self,
                                           const char          *directory,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   cs_provider_delete_user_finish (GAsyncResult        *result,
                                           GError             **error);

/* (transfer full): a copy of a user provider to edit and save again: every field, and the
 * file it was loaded from. */
CsProvider *cs_provider_dup_user          (CsProvider          *self);

G_END_DECLS
