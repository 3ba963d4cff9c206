/* cs-unsaved-dialog.c — Save, Copy or Discard an access token that is not in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-unsaved-dialog.h"
#include "cs-a11y.h"

typedef struct
{
  CsUnsavedFunc  func;
  gpointer       user_data;
  GDestroyNotify destroy;
} Ask;

static void
ask_free (gpointer  data,
          GClosure *closure)
{
  Ask *ask = data;

  if (ask->destroy != NULL)
    ask->destroy (ask->user_data);
  g_free (ask);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  CsUnsavedChoice choice = CS_UNSAVED_CANCEL;

  if (g_str_equal (response, "save"))
    choice = CS_UNSAVED_SAVE;
  else if (g_str_equal (response, "copy"))
    choice = CS_UNSAVED_COPY;
  else if (g_str_equal (response, "discard"))
    choice = CS_UNSAVED_DISCARD;
  ask->func (choice, ask->user_data);
}

void
cs_unsaved_dialog_ask (GtkWidget      *parent,
                       CsUnsavedFunc   func,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog;
  Ask *ask = g_new0 (Ask, 1);

  g_return_if_fail (func != NULL);

  ask->func = func;
  ask->user_data = user_data;
  ask->destroy = destroy;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Keep the Access Token?"), NULL));
  adw_message_dialog_set_body (dialog,
                               _("It is not saved in the keyring. Once you leave, it cannot "
                                 "be shown again."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "copy", _("C_opy"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), ask,
                         ask_free, 0);
  cs_a11y_tidy_dialog (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}
