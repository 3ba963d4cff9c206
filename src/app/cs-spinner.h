/* cs-spinner.h — a spinner for the .ui files: AdwSpinner where libadwaita has it, else GtkSpinner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.6 brought AdwSpinner, which spins whenever it is shown; GTK 4.8's GtkSpinner
 * spins when told to. CsSpinner holds whichever cs_compat_spinner_new() makes and has one
 * property, "spinning": while FALSE nothing is shown. Its own accessible role is
 * presentation; the child says it is busy.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_TYPE_SPINNER (cs_spinner_get_type ())
G_DECLARE_FINAL_TYPE (CsSpinner, cs_spinner, CS, SPINNER, GtkWidget)

void     cs_spinner_set_spinning (CsSpinner *self,
                                  gboolean   spinning);
gboolean cs_spinner_get_spinning (CsSpinner *self);

/* A status row (an AdwActionRow, whose suffix @self is): @subtitle, spinning while @running,
 * in red when @failed. */
void     cs_spinner_show_in_row  (GtkWidget  *row,
                                  CsSpinner  *self,
                                  const char *subtitle,
                                  gboolean    running,
                                  gboolean    failed);

G_END_DECLS
