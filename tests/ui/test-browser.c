/* test-browser.c — Open in Browser through the desktop's real default handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No launcher hook here: the app calls g_app_info_launch_default_for_uri_async, and GIO
 * finds the handler for http links the way it does on a desktop — a .desktop file in
 * $XDG_DATA_HOME/applications made the default in $XDG_CONFIG_HOME/mimeapps.list. Its Exec
 * is a small script: curl presses Allow on the demo's authorize page and follows the
 * redirect to the app's loopback callback, as a browser would.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cs-ui-flow.h"

static char *data_dir;
static char *marker;

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* The handler: a script, its .desktop file, and the association. */
static void
install_browser (void)
{
  g_autofree char *applications = g_build_filename (data_dir, "applications", NULL);
  g_autofree char *script = g_build_filename (data_dir, "browser.sh", NULL);
  g_autofree char *desktop = g_build_filename (applications, "countersign-test-browser.desktop",
                                               NULL);
  g_autofree char *mimeapps = g_build_filename (cs_ui_config_dir, "mimeapps.list", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  marker = g_build_filename (data_dir, "opened", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\n"
                                 "# Presses Allow on the demo's authorize page.\n"
                                 "# Written aside, then renamed: the test must never read it half done.\n"
                                 "printf '%%s\\n' \"$1\" > '%s.part'\n"
                                 "mv '%s.part' '%s'\n"
                                 "url=\"$1\"\n"
                                 "action=\"${url%%%%\\?*}\"\n"
                                 "token=\"${url#*oauth_token=}\"\n"
                                 "token=\"${token%%%%&*}\"\n"
                                 "exec curl -s -S -L --noproxy '*' --max-time 15 -o /dev/null \\\n"
                                 "  --data-raw \"oauth_token=$token\" --data-raw action=allow "
                                 "\"$action\"\n",
                                 marker, marker, marker);
  write_file (script, script_text, 0755);
  desktop_text = g_strdup_printf ("[Desktop Entry]\n"
                                  "Type=Application\n"
                                  "Name=Countersign Test Browser\n"
                                  "Exec=%s %%u\n"
                                  "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
                                  "NoDisplay=true\n",
                                  script);
  write_file (desktop, desktop_text, 0644);
  write_file (mimeapps,
              "[Default Applications]\n"
              "x-scheme-handler/http=countersign-test-browser.desktop\n"
              "x-scheme-handler/https=countersign-test-browser.desktop\n"
              "[Added Associations]\n"
              "x-scheme-handler/http=countersign-test-browser.desktop;\n",
              0644);
}

static void
test_real_browser_loopback (void)
{
  g_autoptr (GAppInfo) handler = g_app_info_get_default_for_uri_scheme ("http");
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  g_autofree char *opened = NULL;

  /* GIO picks the handler installed above, not one of this machine's browsers. */
  g_assert_nonnull (handler);
  g_assert_cmpstr (g_app_info_get_id (handler), ==, "countersign-test-browser.desktop");

  request_token_with_demo (window, 1);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  /* Loopback: the window opens the browser by itself once it listens. */

  /* The handler got the authorize link, and the callback came back by itself. */
  CS_UI_WAIT_FOR (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (marker, &opened, NULL, NULL));
  g_assert_nonnull (strstr (opened, "/authorize?"));
  g_assert_nonnull (strstr (opened, "oauth_token="));
  g_assert_false (cs_ui_text_shown (window, "Could not open a browser"));
  finish_and_check (window);
  current_window = NULL;
}

static void
remove_data_dir (void)
{
  const char *argv[] = { "rm", "-rf", data_dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  /* Before GIO reads anything: its own data folder, with nothing else in it. */
  data_dir = g_dir_make_tmp ("countersign-browser-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  cs_ui_flow_start (&argc, &argv, TRUE);
  install_browser ();

  g_test_add_func ("/ui/browser/default-handler-loopback", test_real_browser_loopback);
  status = g_test_run ();

  cs_ui_flow_stop ();
  remove_data_dir ();
  g_free (data_dir);
  g_free (marker);
  return status;
}
