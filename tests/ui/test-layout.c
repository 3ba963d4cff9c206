/* test-layout.c — what the window's layout lets a user see, on every step and the start page,
 * at 720 and at 360 pixels wide: each boxed list drawn whole (its bottom edge and shadow not
 * cut off) when the page is scrolled to its end, and the wizard's buttons whole and apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-ui-flow.h"

/* How far a boxed list's shadow reaches below it: libadwaita's boxed-list and card shadows
 * (1.2 to 1.10) end at most 2 px offset + 6 px blur + 2 px spread below the list. */
#define SHADOW_BELOW 8

static void
collect_lists (GtkWidget *widget,
               GPtrArray *lists)
{
  if (!gtk_widget_is_drawable (widget))
    return;
  if ((GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "boxed-list"))
      || gtk_widget_has_css_class (widget, "card"))
    g_ptr_array_add (lists, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_lists (child, lists);
}

/* Whether @list's bottom edge and shadow fit inside @clip (the scrolled window, or an
 * ancestor that clips its children), as drawn now. */
static void
assert_fits_in (GtkWidget  *list,
                GtkWidget  *clip,
                const char *where)
{
  graphene_rect_t bounds;
  float bottom;

  g_assert_true (gtk_widget_compute_bounds (list, clip, &bounds));
  bottom = bounds.origin.y + bounds.size.height;
  /* A list scrolled out of sight above is not cut: it is not there. */
  if (bottom <= 0)
    return;
  if (bottom + SHADOW_BELOW > gtk_widget_get_height (clip))
    g_error ("%s: the list at y %.0f..%.0f is cut at %d by its %s (a %s)", where,
             bounds.origin.y, bottom, gtk_widget_get_height (clip),
             GTK_IS_SCROLLED_WINDOW (clip) ? "scrolled window" : "ancestor that clips",
             G_OBJECT_TYPE_NAME (clip));
}

/* The page in @scroller scrolled to its end: every boxed list and card in it whole, shadow and all. */
static void
assert_lists_whole (GtkWidget  *scroller,
                    const char *where)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  cs_ui_spin (150);
  collect_lists (scroller, lists);
  g_assert_cmpuint (lists->len, >, 0);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkWidget *list = lists->pdata[i];

      for (GtkWidget *up = gtk_widget_get_parent (list); up != scroller;
           up = gtk_widget_get_parent (up))
        if (gtk_widget_get_overflow (up) == GTK_OVERFLOW_HIDDEN)
          assert_fits_in (list, up, where);
      assert_fits_in (list, scroller, where);
    }
  gtk_adjustment_set_value (adjustment, 0);
}

static GtkWidget *
first_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
wizard_scroller (CsWindow *window)
{
  GtkWidget *scroller = first_scroller (GTK_WIDGET (wizard_of (window)));

  g_assert_nonnull (scroller);
  return scroller;
}

static void
at_width (CsWindow *window,
          int       width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, 640);
  CS_UI_WAIT_FOR (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) <= 20);
  cs_ui_spin (200);
}

/* The step shown, at both widths. */
static void
check_step (CsWindow   *window,
            const char *name)
{
  static const int widths[] = { 720, 360 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s at %d px", name, widths[i]);

      at_width (window, widths[i]);
      assert_lists_whole (wizard_scroller (window), where);
    }
  at_width (window, 720);
}

static void
test_oauth1_lists_whole (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 0);
  check_step (window, "step 2 (request token)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  check_step (window, "step 3 (authorize, PIN)");
  cs_ui_click (window, "Back");
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  check_step (window, "step 1 (provider)");
  cs_ui_close_window (window);

  window = current_window = cs_ui_open_window ();
  wizard = wizard_of (window);
  loopback_flow_to_result (window);
  check_step (window, "step 4 (access token)");
  cs_ui_close_window (window);
}

static void
no_browser (const char *uri,
            gpointer    user_data)
{
}

static void
test_oauth2_lists_whole (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  cs_application_set_uri_launcher (cs_ui_app, no_browser, NULL);
  open_wizard (window);
  choose (window, "Protocol", 1);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Step 1 of 5"));
  check_step (window, "OAuth 2.0 step 1 (provider)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2);
  check_step (window, "OAuth 2.0 step 2 (client)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  check_step (window, "OAuth 2.0 step 3 (scopes)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && cs_ui_try_find (window, "Copy Link"));
  check_step (window, "OAuth 2.0 step 4 (authorize)");
  cs_ui_click (window, "Cancel");
  cs_application_set_uri_launcher (cs_ui_app, browser_launch, NULL);
  cs_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_KEYRING"), "1") != 0)
    {
      g_printerr ("Run this through tests/ui/ui-session (meson test --suite ui): it needs a "
                  "display and a throw-away keyring.\n");
      return 1;
    }

  cs_ui_flow_start (&argc, &argv, FALSE);
  g_test_add_func ("/ui/layout/oauth1-lists-whole", test_oauth1_lists_whole);
  g_test_add_func ("/ui/layout/oauth2-lists-whole", test_oauth2_lists_whole);
  {
    int status = g_test_run ();

    cs_ui_flow_stop ();
    return status;
  }
}
