/* test-callbacks.c — callbacks that strict providers accept, in the window (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo provider here approves only the callback URLs registered with its app, as X does:
 * http://127.0.0.1:8765/callback (its preset's CallbackPort), the app link, and what a test
 * registers (COUNTERSIGN_DEMO_CALLBACKS is emptied before the demo starts). The test's
 * application is the one on its private session bus (CS_UI_UNIQUE), so `gio open` of the app
 * link, through the built desktop file installed in a throw-away XDG_DATA_HOME, reaches it the
 * way a browser's would.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cs-callback-server.h"
#include "cs-ui-flow.h"

static char *data_home;

static void
register_callback (guint port)
{
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_autofree char *url = cs_callback_loopback_url (port);
  g_autoptr (GError) error = NULL;

  g_assert_true (cs_demo_provider_register_callback (demo, url, &error));
  g_assert_no_error (error);
}

/* Step 1 with the demo in loopback mode on @port ("" for any), then Continue. */
static void
continue_on_port (CsWindow   *window,
                  const char *port)
{
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  open_wizard (window);
  choose (window, "Provider", 0);
  choose (window, "Callback", 1);
  cs_ui_type (window, "Loopback Port (empty: any free port)", port);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
}

/* The preset's port by default; a registered port of the user's works, is shown as the text
 * to register (with Copy), and is remembered for the provider. */
static void
test_registered_port (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  guint port = unused_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *url = cs_callback_loopback_url (port);
  g_autofree char *hint = g_strconcat ("Add this callback URL to your app’s settings: ", url,
                                       NULL);
  g_autofree char *copied = NULL;

  open_wizard (window);
  choose (window, "Callback", 1);
  g_assert_cmpstr (cs_ui_text (window, "Loopback Port (empty: any free port)"), ==, "8765");

  /* On step 1 already: what to register, before the request token is asked for. */
  g_assert_true (cs_ui_text_shown (window, "Add this callback URL to your app’s settings: "
                                           "http://127.0.0.1:8765/callback"));
  cs_ui_type (window, "Loopback Port (empty: any free port)", "");
  g_assert_true (cs_ui_text_shown (window, "Without a port, a free one is picked each time"));
  cs_ui_type (window, "Loopback Port (empty: any free port)", port_text);
  g_assert_true (cs_ui_text_shown (window, hint));

  register_callback (port);
  continue_on_port (window, port_text);
  g_assert_cmpstr (shown_value (window, "oauth_callback_confirmed"), ==, "true");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (cs_ui_text_shown (window, hint));
  cs_ui_audit_names (window);
  cs_ui_click (window, "Copy Callback URL");
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, url);

  /* Loopback: the window opens the browser by itself (a click would open it twice). */
  finish_and_check (window);
  done_and_listed (window);

  open_wizard (window);
  choose (window, "Callback", 1);
  g_assert_cmpstr (cs_ui_text (window, "Loopback Port (empty: any free port)"), ==, port_text);
  cs_ui_close_window (window);
}

/* A port the provider does not know: X's 415, explained with the URL sent; the entries stay. */
static void
test_unregistered_port (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  guint port = unused_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *sent = NULL;

  continue_on_port (window, port_text);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Callback URL not approved for this client "
                                            "application"));
  sent = g_strdup_printf ("The callback URL sent was “http://127.0.0.1:%u/callback”: add "
                          "exactly this address, port included, to the callback URLs in the "
                          "app’s settings.", port);
  g_assert_true (cs_ui_text_shown (window, sent));
  g_assert_null (cs_ui_try_find (window, "oauth_token"));

  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard_of (window)) == 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  g_assert_cmpstr (cs_ui_text (window, "Loopback Port (empty: any free port)"), ==, port_text);
  cs_ui_close_window (window);
}

/* A port another program holds: the error names it and says what to do. */
static void
test_port_taken (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  g_autoptr (GSocketListener) other = g_socket_listener_new ();
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *message = NULL;
  guint port;

  g_assert_true (g_socket_listener_add_address (other, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  port_text = g_strdup_printf ("%u", port);
  register_callback (port);

  continue_on_port (window, port_text);
  message = g_strdup_printf ("Port %u on 127.0.0.1 is already in use by another program", port);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, message));
  g_assert_true (cs_ui_text_shown (window, "choose another port"));
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard_of (window)) == 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  cs_ui_close_window (window);
}

/* The built desktop file made the handler of the app link in a throw-away XDG_DATA_HOME. */
static void
install_desktop_file (void)
{
  g_autofree char *applications = g_build_filename (data_home, "applications", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("CS_DESKTOP_FILE"), NULL);
  g_autofree char *target = g_build_filename (applications, APP_ID ".desktop", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *app_dir = g_path_get_dirname (g_getenv ("COUNTERSIGN_APP"));
  g_autofree char *path = g_strconcat (app_dir, ":", g_getenv ("PATH"), NULL);
  g_autoptr (GError) error = NULL;
  gsize length;
  const char *update[] = { "update-desktop-database", applications, NULL };
  int status;

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "MimeType=x-scheme-handler/" CS_CALLBACK_APP_SCHEME ";"));
  g_assert_true (g_file_set_contents (target, contents, length, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) update, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* `gio open` finds the handler there and runs "countersign %U" from the build tree. */
  g_setenv ("PATH", path, TRUE);
}

/* What a browser does with an address of an unknown scheme: asks the desktop. */
static void
gio_open (const char *address)
{
  const char *argv[] = { "gio", "open", address, NULL };
  g_autoptr (GSubprocess) gio = NULL;
  g_autoptr (GError) error = NULL;

  gio = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* The primary instance (this process) answers the forwarded command line meanwhile. */
  g_subprocess_wait_async (gio, NULL, NULL, NULL);
  CS_UI_WAIT_FOR (g_subprocess_get_identifier (gio) == NULL);
  g_assert_true (g_subprocess_get_if_exited (gio));
  g_assert_cmpint (g_subprocess_get_exit_status (gio), ==, 0);
}

static void
test_app_link (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  g_autofree char *address = NULL;
  g_autofree char *malformed = g_strdup (CS_CALLBACK_APP_URL "?oauth_token=x");

  browser_reset ("allow");
  browser.no_redirect = TRUE;
  open_wizard (window);
  choose (window, "Provider", 0);
  choose (window, "Callback", 3);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (cs_ui_text_shown (window, "Add this callback URL to your app’s settings: "
                                           CS_CALLBACK_APP_URL));

  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_true (g_str_has_prefix (browser.location, CS_CALLBACK_APP_URL "?"));
  address = g_strdup (browser.location);

  /* Nobody types anything: the desktop hands the address to the waiting wizard. */
  gio_open (address);
  finish_and_check (window);

  /* The same address again, and one without a verifier: said, and nothing changes. */
  gio_open (address);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "No authorization is waiting for this callback "
                                            "address"));
  gio_open (malformed);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Countersign cannot read this callback address"));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 4);
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (
                     cs_application_get_demo_provider (cs_ui_app, NULL)));
  cs_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_home = NULL;
  int status;

  /* Strict: only the registered callbacks (before the demo starts, on first use). */
  g_setenv ("COUNTERSIGN_DEMO_CALLBACKS", "", TRUE);
  g_setenv ("CS_UI_UNIQUE", "1", TRUE);
  data_home = g_dir_make_tmp ("countersign-callbacks-XXXXXX", NULL);
  config_home = g_build_filename (data_home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  cs_ui_flow_start (&argc, &argv, FALSE);
  install_desktop_file ();

  g_test_add_func ("/ui/callbacks/registered-port", test_registered_port);
  g_test_add_func ("/ui/callbacks/unregistered-port", test_unregistered_port);
  g_test_add_func ("/ui/callbacks/port-taken", test_port_taken);
  g_test_add_func ("/ui/callbacks/app-link", test_app_link);
  status = g_test_run ();

  cs_ui_flow_stop ();
  g_free (data_home);
  return status;
}
