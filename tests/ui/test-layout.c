/* test-layout.c — what the window's layout lets a user see, on every step and the start page,
 * at 720 and at 360 pixels wide: each boxed list drawn whole (its bottom edge and shadow not
 * cut off) when the page is scrolled to its end, and the buttons (Back and Continue, the header
 * bar's) whole inside the window and none over another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-ui-flow.h"

/* How far a boxed list's shadow reaches below it: libadwaita's boxed-list and card shadows
 * (1.2 to 1.10) end at most 2 px offset + 6 px blur + 2 px spread below the list. */
#define SHADOW_BELOW 8

/* The drawn widgets under @widget that @match picks (not those inside them). */
static void
collect (GtkWidget *widget,
         gboolean (*match) (GtkWidget *widget),
         GPtrArray *found)
{
  if (!gtk_widget_is_drawable (widget))
    return;
  if (match (widget))
    {
      g_ptr_array_add (found, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, match, found);
}

static gboolean
is_list (GtkWidget *widget)
{
  return (GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "boxed-list"))
         || gtk_widget_has_css_class (widget, "card");
}

static gboolean
is_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget);
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
assert_lists_whole (CsWindow   *window,
                    GtkWidget  *scroller,
                    const char *where)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  cs_ui_spin (150);
  collect (scroller, is_list, lists);
  g_assert_cmpuint (lists->len, >, 0);
  {
    /* With COUNTERSIGN_SCREENSHOT_DIR set: layout-step-2-request-token-at-360-px.png… */
    g_autofree char *name = g_strdup_printf ("layout-%s.png", where);

    screenshot (window, g_strdelimit (name, " ()", '-'));
  }
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

/* Every button in @bar (the wizard's Back and Continue, the header bar's) whole inside the
 * window, and none over another. */
static void
assert_buttons_apart (CsWindow   *window,
                      GtkWidget  *bar,
                      const char *where)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr (GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  int width = gtk_widget_get_width (GTK_WIDGET (window));

  collect (bar, is_button, buttons);
  g_assert_cmpuint (buttons->len, >=, 2);
  for (guint i = 0; i < buttons->len; i++)
    {
      graphene_rect_t r;

      g_assert_true (gtk_widget_compute_bounds (buttons->pdata[i], GTK_WIDGET (window), &r));
      if (r.origin.x < 0 || r.origin.x + r.size.width > width)
        g_error ("%s: a %s at x %.0f..%.0f is not whole in the window (%d px wide)", where,
                 G_OBJECT_TYPE_NAME (buttons->pdata[i]), r.origin.x, r.origin.x + r.size.width,
                 width);
      for (guint j = 0; j < rects->len; j++)
        if (graphene_rect_intersection (&r, &g_array_index (rects, graphene_rect_t, j), NULL))
          g_error ("%s: two buttons overlap at x %.0f", where, r.origin.x);
      g_array_append_val (rects, r);
    }
}

/* The scrolled window shown in @widget (the wizard's, the start page's list). */
static GtkWidget *
first_scroller (GtkWidget *widget)
{
  if (!gtk_widget_is_drawable (widget))
    return NULL;
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
      assert_lists_whole (window, wizard_scroller (window), where);
      assert_buttons_apart (window, gtk_widget_get_ancestor (cs_ui_find (window, "Back"),
                                                             GTK_TYPE_ACTION_BAR), where);
      assert_buttons_apart (window, gtk_widget_get_ancestor (cs_ui_find (window, "Main Menu"),
                                                             ADW_TYPE_HEADER_BAR), where);
    }
  at_width (window, 720);
}

/* OAuth 1.0a: steps 2 and 3 (PIN), back to 1, then the loopback flow to step 4 and the start
 * page with the saved entry. One window throughout: GTK 4.2x's frame clock under Xvfb may warn
 * (fatally, from a g_warn_if_fail) when a window closes and the next one maps. */
static void
oauth1_pages (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 0);
  check_step (window, "step 2 (request token)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  check_step (window, "step 3 (authorize PIN)");
  cs_ui_click (window, "Back");
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  check_step (window, "step 1 (provider)");

  loopback_flow_to_result (window);
  check_step (window, "step 4 (access token)");
  done_and_listed (window);
  for (int width = 720; width >= 360; width -= 360)
    {
      g_autofree char *where = g_strdup_printf ("the start page at %d px", width);
      GtkWidget *start_page = cs_window_get_start_page (window);

      at_width (window, width);
      assert_lists_whole (window, first_scroller (start_page), where);
      assert_buttons_apart (window, gtk_widget_get_ancestor (cs_ui_find (window, "Main Menu"),
                                                             ADW_TYPE_HEADER_BAR), where);
    }
  at_width (window, 720);
}

static void
no_browser (const char *uri,
            gpointer    user_data)
{
}

/* OAuth 2.0: provider, client, scopes, and the authorize page waiting for a browser that never
 * answers (the tokens page: tests/ui/test-oauth2.c's screenshots). */
static void
oauth2_pages (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);

  cs_application_set_uri_launcher (cs_ui_app, no_browser, NULL);
  open_wizard (window);
  choose (window, "Protocol", 1);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Step 1 of 5"));
  check_step (window, "oauth2 step 1 (provider)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2);
  check_step (window, "oauth2 step 2 (client)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  check_step (window, "oauth2 step 3 (scopes)");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && cs_ui_try_find (window, "Copy Link"));
  check_step (window, "oauth2 step 4 (authorize)");
  cs_ui_click (window, "Cancel");
  cs_application_set_uri_launcher (cs_ui_app, browser_launch, NULL);
}

static void
test_every_page (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();

  oauth1_pages (window);
  oauth2_pages (window);
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
  g_test_add_func ("/ui/layout/every-page", test_every_page);
  {
    int status = g_test_run ();

    cs_ui_flow_stop ();
    return status;
  }
}
