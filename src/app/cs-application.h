/* cs-application.h — the application: actions, command line, the in-process demo provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It owns the provider registry (cs_window_set_registry() on each window it gets) and opens
 * links for the windows with the `app.open-uri` action (a string: the URI); nothing below
 * the application includes this header.
 */
#pragma once

#include <adwaita.h>

#include "cs-demo-provider.h"

G_BEGIN_DECLS

#define CS_TYPE_APPLICATION (cs_application_get_type ())

G_DECLARE_FINAL_TYPE (CsApplication, cs_application, CS, APPLICATION, AdwApplication)

/* Opens @uri instead of the browser; only tests set one. */
typedef void (*CsUriLauncher) (const char *uri,
                               gpointer    user_data);

CsApplication  *cs_application_new                (void);
/* The demo provider, started on first use on an ephemeral loopback port: the one of the
 * registry the application hands to each of its windows. */
CsDemoProvider *cs_application_get_demo_provider  (CsApplication       *self,
                                                   GError             **error);
void            cs_application_set_uri_launcher   (CsApplication       *self,
                                                   CsUriLauncher        launcher,
                                                   gpointer             user_data);
/* Opens @uri in the default browser (through the portal inside Flatpak). */
void            cs_application_launch_uri_async   (CsApplication       *self,
                                                   GtkWindow           *parent,
                                                   const char          *uri,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        cs_application_launch_uri_finish  (CsApplication       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
