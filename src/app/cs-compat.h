/* cs-compat.h — the one place that picks between libadwaita 1.2 / GTK 4.8 and newer widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian 12 has libadwaita 1.2 and GTK 4.8; the Flatpak runtime has libadwaita 1.8+ and
 * GTK 4.20+. Each helper uses the newer widget where the build may (the headers have it and
 * *_VERSION_MAX_ALLOWED lets it in) and the older one otherwise, so that the pages hold no
 * version checks:
 *
 *   alerts         AdwAlertDialog (1.5)        or AdwMessageDialog
 *   About          AdwAboutDialog (1.5)        or AdwAboutWindow
 *   Preferences    AdwPreferencesDialog (1.5)  or AdwPreferencesWindow
 *   shortcuts      AdwShortcutsDialog (1.8)    or GtkShortcutsWindow (two .ui resources)
 *   spinners       AdwSpinner (1.6)            or GtkSpinner
 *   header bars    AdwToolbarView (1.4)        or a vertical GtkBox
 *   links          GtkUriLauncher (GTK 4.10)   or gtk_show_uri
 *
 * A dialog is either a GtkWindow or an AdwDialog: handle it as a GtkWidget, present and close
 * it with the helpers here. Every dialog is named, for assistive technologies and the UI
 * tests alike, by its title (an alert by its heading), whichever widget it is.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Whether the build may use libadwaita 1.MINOR's API: nested, so that -Wundef stays quiet
 * about version macros that older headers do not define. */
#if ADW_CHECK_VERSION (1, 4, 0)
# if ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_4
#  define CS_ADW_1_4 1
# endif
#endif
#if ADW_CHECK_VERSION (1, 5, 0)
# if ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_5
#  define CS_ADW_1_5 1
# endif
#endif
#if ADW_CHECK_VERSION (1, 6, 0)
# if ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_6
#  define CS_ADW_1_6 1
# endif
#endif
#if ADW_CHECK_VERSION (1, 8, 0)
# if ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_8
#  define CS_ADW_1_8 1
# endif
#endif
#if GTK_CHECK_VERSION (4, 10, 0)
# if GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
#  define CS_GTK_4_10 1
# endif
#endif

/* An alert with @heading and @body (plain text). It emits "response" (the widget, the
 * response id as a string, user data) once, like both libadwaita widgets do. */
GtkWidget *cs_compat_alert_new          (const char            *heading,
                                         const char            *body);
void       cs_compat_alert_add_response (GtkWidget             *alert,
                                         const char            *id,
                                         const char            *label,
                                         AdwResponseAppearance  appearance);
/* Enter answers @default_id, Escape (and closing) answers @close_id. */
void       cs_compat_alert_set_defaults (GtkWidget             *alert,
                                         const char            *default_id,
                                         const char            *close_id);

/* The widget under the body (an entry, a list). */
void       cs_compat_alert_set_extra_child      (GtkWidget  *alert,
                                                 GtkWidget  *child);
/* A response that cannot be chosen now (its button insensitive). */
void       cs_compat_alert_set_response_enabled (GtkWidget  *alert,
                                                 const char *id,
                                                 gboolean    enabled);
/* Answers @id as its button would, and closes the alert. */
void       cs_compat_alert_respond              (GtkWidget  *alert,
                                                 const char *id);

/* The About dialog's type: both have the same properties (application-name, version, …). */
GType      cs_compat_about_get_type     (void);

/* A Preferences dialog titled Preferences, without search, and a page for it. */
GtkWidget *cs_compat_preferences_new    (void);
void       cs_compat_preferences_add    (GtkWidget             *preferences,
                                         AdwPreferencesPage    *page);
/* Shows the page named @name (adw_preferences_page_set_name). */
void       cs_compat_preferences_show_page (GtkWidget          *preferences,
                                            const char         *name);

/* The Keyboard Shortcuts dialog over @parent, from the resource for the widget the build
 * uses (cs-shortcuts-dialog.ui or cs-shortcuts-window.ui). */
void       cs_compat_shortcuts_present  (GtkWidget             *parent);

/* Over @parent's window (modal), or on its own when @parent is NULL. */
void       cs_compat_dialog_present     (GtkWidget             *dialog,
                                         GtkWidget             *parent);
void       cs_compat_dialog_close       (GtkWidget             *dialog);
/* Whether @widget is a dialog this file makes (a window, or an AdwDialog). */
gboolean   cs_compat_is_dialog          (GtkWidget             *widget);

/* Puts @box's first child (a header bar) on top of the rest: an AdwToolbarView replaces
 * @box in its parent where libadwaita has it. @box stays as it is otherwise. */
void       cs_compat_use_toolbar_view   (GtkWidget             *box);

/* Opens @uri for @parent's window, with the desktop's default handler. */
void       cs_compat_show_uri           (GtkWidget             *parent,
                                         const char            *uri);

/* A toast where @near is: Preferences' own when @near is in Preferences (a dialog over the
 * window, or a window of its own), else the window's "win.toast". */
void       cs_compat_toast              (GtkWidget             *near,
                                         const char            *text);

/* libadwaita 1.5 and later (seen on 1.10) name an entry row by all it holds, its title and
 * then its text field, which is labelled by the title: there the entry rows under @root are
 * named by their title alone (cs_a11y_name_entry_rows). libadwaita 1.2 names them once. */
void       cs_compat_name_entry_rows    (GtkWidget             *root);

/* A spinner that spins while it is shown. */
GtkWidget *cs_compat_spinner_new        (void);

G_END_DECLS
