/* test-presets.c — presets on the user's server and announced ends of OAuth 1.0a, in the
 * window (issue 14 point 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step 1 asks a {base} template for the server's address first, and refuses one that is not
 * an endpoint; a provider that announced its end says so under the provider list and on the
 * result page. The whole flow runs against the demo provider through a user's provider file
 * written as a template, so the address typed in is the one the requests go to.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cs-ui-flow.h"

/* Where @name is in the Provider list, or -1. */
static int
find_position (CsWindow   *window,
               const char *name)
{
  GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (cs_ui_find (window, "Provider")));

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      return (int) i;
  return -1;
}

static guint
position_of (CsWindow   *window,
             const char *name)
{
  int i = find_position (window, name);

  if (i < 0)
    g_error ("No provider “%s” in the list", name);
  return (guint) i;
}

static void
test_jira_asks_for_server (void)
{
  CsWindow *window = cs_ui_open_window ();
  GtkWidget *row;

  open_wizard (window);
  choose (window, "Provider", position_of (window, "Jira Data Center / Server"));
  row = cs_ui_find (window, "Server Address (such as https://jira.example.com)");
  g_assert_true (gtk_widget_get_visible (row));
  cs_ui_type (window, "Consumer Key", "countersign");
  cs_ui_type (window, "Consumer Secret", "unused-for-rsa");
  g_assert_false (cs_ui_can_click (window, "Continue"));

  /* Not an address: the reason, and no Continue. */
  cs_ui_type (window, "Server Address (such as https://jira.example.com)", "jira.example.com");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Server Address (such as https://jira.example.com)",
              "https://jira.example.com/?x=1");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "must not have a query"));
  g_assert_false (cs_ui_can_click (window, "Continue"));

  cs_ui_type (window, "Server Address (such as https://jira.example.com)",
              "https://jira.example.com");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_true (cs_ui_can_click (window, "Continue"));

  /* Another provider: no address row; Garmin's end is under the list. */
  choose (window, "Provider", position_of (window, "Garmin Connect"));
  g_assert_false (gtk_widget_get_visible (row));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "The provider ends OAuth 1.0a on 2026-12-31"));
  /* A line of its own: the list still says which provider is chosen. */
  g_assert_true (cs_ui_text_shown (window, "Garmin Connect"));
  choose (window, "Provider", position_of (window, "Trello"));
  g_assert_false (cs_ui_text_shown (window, "ends OAuth 1.0a"));
  cs_ui_close_window (window);
}

static void
test_template_flow_to_result (void)
{
  g_autofree char *dir = g_build_filename (cs_ui_config_dir, "countersign", "providers", NULL);
  g_autofree char *path = g_build_filename (dir, "local-server.provider", NULL);
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  CsWindow *window;
  CsWizard *wizard;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
                                      "[Provider]\nId=local-server\nName=My Server\n"
                                      "BaseURLExample=https://server.example.com\n"
                                      "RequestTokenURL={base}/oauth/request_token\n"
                                      "AuthorizeURL={base}/oauth/authorize\n"
                                      "AccessTokenURL={base}/oauth/access_token\n"
                                      "EndOfLife=2030-01-31\n"
                                      "EndOfLifeURL=https://server.example.com/oauth1-end\n",
                                      -1, NULL));
  window = cs_ui_open_window ();
  wizard = wizard_of (window);
  browser_reset ("allow");
  open_wizard (window);
  CS_UI_WAIT_FOR (find_position (window, "My Server") >= 0);
  choose (window, "Provider", position_of (window, "My Server"));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "The provider ends OAuth 1.0a on 2030-01-31"));
  cs_ui_type (window, "Server Address (such as https://server.example.com)",
              cs_demo_provider_get_base_url (demo));
  cs_ui_type (window, "Consumer Key", CS_DEMO_CONSUMER_KEY);
  cs_ui_type (window, "Consumer Secret", CS_DEMO_CONSUMER_SECRET);
  choose (window, "Callback", 1);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  /* Loopback: the window opens the browser by itself (a click would open it twice). */
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));
  g_assert_true (cs_ui_text_shown (window, "End of OAuth 1.0a"));
  g_assert_true (cs_ui_text_shown (window, "The provider ends OAuth 1.0a on 2030-01-31 "
                                           "(announced at https://server.example.com/oauth1-end)"));
  cs_ui_close_window (window);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cs_ui_flow_start (&argc, &argv, FALSE);
  g_test_add_func ("/ui/presets/jira-asks-for-server", test_jira_asks_for_server);
  g_test_add_func ("/ui/presets/template-flow-end-of-life", test_template_flow_to_result);
  status = g_test_run ();
  cs_ui_flow_stop ();
  return status;
}
