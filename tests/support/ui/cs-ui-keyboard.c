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

/* GTK 4.18 deprecates its X11 API with the X11 backend, and has nothing else that presses a
 * real key: the tests run under Xvfb, so these two calls are the one deliberate use. */
static Display *
cs_ui_xdisplay (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Display *xdisplay;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (GDK_IS_X11_DISPLAY (display));
  xdisplay = gdk_x11_display_get_xdisplay (display);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return xdisplay;
}

static Window
cs_ui_xid (GtkWindow *window)
{
  Window xid;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return xid;
}

void
cs_ui_focus_window (GtkWindow *window)
{
  XSetInputFocus (cs_ui_xdisplay (window), cs_ui_xid (window), RevertToParent, CurrentTime);
  CS_UI_WAIT_FOR (gtk_window_is_active (window));
}

static void
cs_ui_key_event (GtkWindow *window,
                 guint      keyval,
                 gboolean   press)
{
  Display *xdisplay = cs_ui_xdisplay (window);
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
cs_ui_press_key_shift (GtkWindow *window,
                       guint      keyval)
{
  cs_ui_key_event (window, GDK_KEY_Shift_L, TRUE);
  cs_ui_key_event (window, keyval, TRUE);
  cs_ui_key_event (window, keyval, FALSE);
  cs_ui_key_event (window, GDK_KEY_Shift_L, FALSE);
  cs_ui_spin (50);
}

void
cs_ui_type_keys (GtkWindow  *window,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isdigit (*p) || g_ascii_islower (*p) || *p == '-' || *p == '.');
      cs_ui_press_key (window, gdk_unicode_to_keyval (*p), FALSE);
    }
}
