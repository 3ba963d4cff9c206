/* cs-clipboard.c — copying values, with a toast, and forgetting copied secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-clipboard.h"

typedef struct
{
  GdkClipboard       *clipboard;
  GdkContentProvider *content;
} ClearData;

/* In milliseconds; tests shorten the wait with COUNTERSIGN_CLIPBOARD_CLEAR_MS. */
static guint
clear_delay_ms (void)
{
  const char *value = g_getenv ("COUNTERSIGN_CLIPBOARD_CLEAR_MS");
  guint64 ms;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 3600 * 1000, &ms, NULL))
    return ms;

  return CS_CLIPBOARD_CLEAR_SECONDS * 1000;
}

static void
clear_data_free (gpointer data)
{
  ClearData *clear = data;

  g_clear_object (&clear->clipboard);
  g_clear_object (&clear->content);
  g_free (clear);
}

static gboolean
clear_clipboard_cb (gpointer user_data)
{
  ClearData *clear = user_data;

  /* Only what we put there: if the user copied something else since, leave it alone.
   * An empty text rather than no content: we stay the owner, so a late owner-change
   * notification from the X server cannot take a newer copy away. */
  if (gdk_clipboard_is_local (clear->clipboard)
      && gdk_clipboard_get_content (clear->clipboard) == clear->content)
    gdk_clipboard_set_text (clear->clipboard, "");

  return G_SOURCE_REMOVE;
}

void
cs_clipboard_copy (GtkWidget  *widget,
                   const char *text,
                   gboolean    secret,
                   const char *toast)
{
  GdkClipboard *clipboard;
  g_autoptr (GdkContentProvider) content = NULL;
  g_autoptr (GSettings) settings = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  clipboard = gtk_widget_get_clipboard (widget);
  content = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  gdk_clipboard_set_content (clipboard, content);

  if (toast != NULL)
    gtk_widget_activate_action (widget, "win.toast", "s", toast);

  settings = g_settings_new (APP_ID);
  if (secret && g_settings_get_boolean (settings, "clear-clipboard"))
    {
      ClearData *clear = g_new0 (ClearData, 1);

      clear->clipboard = g_object_ref (clipboard);
      clear->content = g_object_ref (content);
      g_timeout_add_full (G_PRIORITY_DEFAULT, clear_delay_ms (),
                          clear_clipboard_cb, clear, clear_data_free);
    }
}
