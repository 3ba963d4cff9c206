/* cs-unsaved-dialog.h — "The access token is not saved": Save, Copy or Discard before leaving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that asks: an AdwAlertDialog over the window (libadwaita 1.5 and later), an
 * AdwMessageDialog before (cs-compat.c chooses). Closing the dialog (Escape) is Cancel: the
 * user stays where they were.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  CS_UNSAVED_CANCEL,
  CS_UNSAVED_SAVE,
  CS_UNSAVED_COPY,
  CS_UNSAVED_DISCARD,
} CsUnsavedChoice;

typedef void (*CsUnsavedFunc) (CsUnsavedChoice choice,
                               gpointer        user_data);

/* Asks, over @parent; @func gets the choice once (@user_data is the caller's to keep alive,
 * @destroy frees it afterwards). */
void cs_unsaved_dialog_ask (GtkWidget      *parent,
                            CsUnsavedFunc   func,
                            gpointer        user_data,
                            GDestroyNotify  destroy);

G_END_DECLS
