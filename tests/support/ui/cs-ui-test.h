/* cs-ui-test.h — driving the real window in-process: find controls by their accessible
 * names, type, click, and spin the main loop until something a user would see holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A control is found by the name a screen reader says, and that name must also be its
 * visible label (or, for an icon, its tooltip): what a user reads is what a test clicks.
 * cs_ui_init () first: it gives the test a throw-away $XDG_CONFIG_HOME and the application.
 */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "cs-application.h"
#include "cs-window.h"

G_BEGIN_DECLS

#define CS_UI_TIMEOUT_SECONDS 20

/* The application every window of the test belongs to (registered and held). */
extern CsApplication *cs_ui_app;

/* $XDG_CONFIG_HOME of the test: a new temporary folder, removed at exit. */
extern char *cs_ui_config_dir;

/* Called before a timeout fails the test, to say what the window looked like. */
extern void (*cs_ui_diagnose) (void);

/* Spins the main loop until @cond holds; fails the test after CS_UI_TIMEOUT_SECONDS. */
#define CS_UI_WAIT_FOR(cond)                                                          \
  G_STMT_START                                                                        \
  {                                                                                   \
    gint64 deadline__ = g_get_monotonic_time () + CS_UI_TIMEOUT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                                   \
      {                                                                               \
        if (g_get_monotonic_time () > deadline__ && cs_ui_diagnose != NULL)           \
          cs_ui_diagnose ();                                                          \
        if (g_get_monotonic_time () > deadline__)                                     \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);     \
        g_main_context_iteration (NULL, TRUE);                                        \
      }                                                                               \
  }                                                                                   \
  G_STMT_END

/* Lets the main loop run for @ms milliseconds. */
void        cs_ui_spin            (guint        ms);
/* g_test_init, GTK, libadwaita, gettext, no animations, and cs_ui_app. */
void        cs_ui_init            (int         *argc,
                                   char      ***argv);

/* A new main window, shown and drawn once. */
CsWindow   *cs_ui_open_window     (void);
void        cs_ui_close_window    (CsWindow    *window);

/* The one drawn control named @name; its visible label must be that same name. */
GtkWidget  *cs_ui_find            (gpointer     root,
                                   const char  *name);
/* Like cs_ui_find, but NULL when no such control is on screen. */
GtkWidget  *cs_ui_try_find        (gpointer     root,
                                   const char  *name);
gboolean    cs_ui_can_click       (gpointer     root,
                                   const char  *name);
/* Clicks a button the user can see and press. */
void        cs_ui_click           (gpointer     root,
                                   const char  *name);
void        cs_ui_type            (gpointer     root,
                                   const char  *name,
                                   const char  *text);
const char *cs_ui_text            (gpointer     root,
                                   const char  *name);
/* Presses Enter in a text field: what GtkText does on Return. */
void        cs_ui_press_enter_in  (gpointer     root,
                                   const char  *name);
/* Whether some text containing @needle is on screen. */
gboolean    cs_ui_text_shown      (gpointer     root,
                                   const char  *needle);
/* What is on the clipboard, when this process put it there. */
char       *cs_ui_clipboard_text  (gpointer     widget);
/* The dialog on screen named @name (its title, or an alert's heading), or NULL: a window of
 * its own (libadwaita 1.2) or an AdwDialog inside its parent window (1.5 and later). */
GtkWidget  *cs_ui_find_dialog     (const char  *name);
/* Presses the button of @dialog that reads @label (without its mnemonic underline). */
void        cs_ui_respond         (GtkWidget   *dialog,
                                   const char  *label);
/* Whether @dialog has a button that reads @label. */
gboolean    cs_ui_has_button      (GtkWidget   *dialog,
                                   const char  *label);
/* Whether @dialog's button that reads @label can be pressed. */
gboolean    cs_ui_button_sensitive (GtkWidget  *dialog,
                                    const char *label);
/* Closes @dialog as Escape would, and waits until it is gone. */
void        cs_ui_close_dialog    (GtkWidget   *dialog);
/* Every control on screen has a visible label (or, for an icon, a tooltip) that is also
 * its accessible name. */
void        cs_ui_audit_names     (gpointer     root);

G_END_DECLS
