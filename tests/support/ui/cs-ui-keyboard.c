/* cs-ui-keyboard.c — real key presses for UI tests: XTEST under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk/x11/gdkx.h>
#include <gmodule.h>

#include "cs-ui-keyboard.h"

typedef int (*CsFakeKeyEvent) (Display       *display,
                               unsigned int   keycode,
                               int            is_press,
                               unsigned long  delay);

static CsFakeKeyEvent
cs_ui_fake_key_event (void)
{
  static CsFakeKeyEvent fake;

  if (fake == NULL)
    {
      GModule *xtst = g_module_open ("libXtst.so.6", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (xtst == NULL || !g_module_symbol (xtst, "XTestFakeKeyEvent", (gpointer *)&fake))
        g_error ("libXtst.so.6 (Debian package libxtst6) is needed for the keyboard tests");
    }

  return fake;
}

void
cs_ui_focus_window (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  XSetInputFocus (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
                  RevertToParent, CurrentTime);
  CS_UI_WAIT_FOR (gtk_window_is_active (window));
}

static void
cs_ui_key_event (GtkWindow *window,
                 guint      keyval,
                 gboolean   press)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  KeyCode code = XKeysymToKeycode (xdisplay, keyval); /* GDK keyvals are X keysyms */

  g_assert_cmpuint (code, !=, 0);
  cs_ui_fake_key_event () (xdisplay, code, press, 0);
  XFlush (xdisplay);
}

void
cs_ui_press_key (GtkWindow *window,
                 guint      keyval,
                 gboolean   control)
{
  if (control)
    cs_ui_key_event (window, GDK_KEY_Control_L, TRUE);
  cs_ui_key_event (window, keyval, TRUE);
  cs_ui_key_event (window, keyval, FALSE);
  if (control)
    cs_ui_key_event (window, GDK_KEY_Control_L, FALSE);
  cs_ui_spin (50);
}

void
cs_ui_type_keys (GtkWindow  *window,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isdigit (*p) || g_ascii_islower (*p));
      cs_ui_press_key (window, gdk_unicode_to_keyval (*p), FALSE);
    }
}
