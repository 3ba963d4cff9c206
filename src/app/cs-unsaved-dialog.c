/* cs-unsaved-dialog.c — Save, Copy or Discard an access token that is not in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-compat.h"
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
response_cb (GtkWidget  *dialog,
             const char *response,
             Ask        *ask)
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
  GtkWidget *dialog;
  Ask *ask = g_new0 (Ask, 1);

  g_return_if_fail (func != NULL);

  ask->func = func;
  ask->user_data = user_data;
  ask->destroy = destroy;

  /* AdwAlertDialog or AdwMessageDialog (cs-compat.c). */
  dialog = cs_compat_alert_new (_("Keep the Access Token?"),
                                _("It is not saved in the keyring. Once you leave, it cannot "
                                  "be shown again."));
  cs_compat_alert_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  cs_compat_alert_add_response (dialog, "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE);
  cs_compat_alert_add_response (dialog, "copy", _("C_opy"), ADW_RESPONSE_DEFAULT);
  cs_compat_alert_add_response (dialog, "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  cs_compat_alert_set_defaults (dialog, "save", "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), ask,
                         ask_free, 0);
  cs_compat_dialog_present (dialog, parent);
}
