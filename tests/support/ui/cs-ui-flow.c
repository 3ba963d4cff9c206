/* cs-ui-flow.c — what the UI tests share to go through the flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-test-http.h"
#include "cs-test-keyring.h"
#include "cs-ui-flow.h"

Browser browser;
CsWindow *current_window;

void
diagnose (void)
{
  CsWizard *wizard;

  if (current_window == NULL)
    return;
  wizard = CS_WIZARD (cs_window_get_wizard (current_window));
  g_printerr ("# step %u, busy %d, browser launches %u done %d pin %s\n",
              cs_wizard_get_step (wizard), cs_wizard_get_busy (wizard), browser.launches,
              browser.done, browser.pin);
}

/* ------------------------------------------------------------------ the test's browser */

static void
decided_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);

  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  g_assert_no_error (error);
  browser.status = soup_message_get_status (msg);
  if (browser.no_redirect)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

      browser.location = g_strdup (soup_message_headers_get_one (headers, "Location"));
    }
  {
    g_autofree char *html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

    /* An empty body (a redirect's) has no page at all. */
    browser.pin = html != NULL ? cs_html_element_text (html, "pin") : NULL;
  }
  browser.done = TRUE;
}

void
browser_launch (const char *uri,
                gpointer    user_data)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GHashTable) query = NULL;
  g_autofree char *form = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *action_url = NULL;

  g_assert_nonnull (parsed);
  query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (g_hash_table_lookup (query, "oauth_token"));

  browser.launches++;
  action_url = g_strdup_printf ("%s://%s:%d%s", g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                                g_uri_get_port (parsed), g_uri_get_path (parsed));
  form = soup_form_encode ("oauth_token", g_hash_table_lookup (query, "oauth_token"),
                           "action", browser.action, NULL);
  msg = soup_message_new_from_encoded_form ("POST", action_url, g_steal_pointer (&form));
  browser_send (msg);
}

void
browser_send (SoupMessage *msg)
{
  if (browser.no_redirect)
    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (browser.session, msg, G_PRIORITY_DEFAULT, NULL,
                                    decided_cb, NULL);
}

void
cs_ui_flow_start (int        *argc,
                  char     ***argv,
                  gboolean    real_launcher)
{
  cs_ui_init (argc, argv);
  browser.session = soup_session_new ();
  if (!real_launcher)
    cs_application_set_uri_launcher (cs_ui_app, browser_launch, NULL);
  cs_ui_diagnose = diagnose;
}

void
cs_ui_flow_stop (void)
{
  g_clear_object (&browser.session);
  g_application_release (G_APPLICATION (cs_ui_app));
  g_clear_object (&cs_ui_app);
}

void
browser_reset (const char *action)
{
  g_clear_pointer (&browser.pin, g_free);
  g_clear_pointer (&browser.location, g_free);
  browser.no_redirect = FALSE;
  g_free (browser.action);
  browser.action = g_strdup (action);
  browser.done = FALSE;
  browser.status = 0;
  browser.launches = 0;
}

/* ------------------------------------------------------------------ helpers */

CsWizard *
wizard_of (CsWindow *window)
{
  return CS_WIZARD (cs_window_get_wizard (window));
}

void
open_wizard (CsWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_wizard (window)));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Consumer Key") != NULL);
}

void
choose (CsWindow   *window,
        const char *combo,
        guint       position)
{
  AdwComboRow *row = ADW_COMBO_ROW (cs_ui_find (window, combo));

  adw_combo_row_set_selected (row, position);
}

void
custom_url_to_authorize (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);

  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 1);
  choose (window, "Callback", 2);
  cs_ui_type (window, "Callback URL", "http://127.0.0.1:9/my-app/callback");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
}

const char *
shown_value (CsWindow   *window,
             const char *name)
{
  return cs_value_row_get_value (CS_VALUE_ROW (cs_ui_find (window, name)));
}

GPtrArray *
keyring_list (void)
{
  g_autoptr (CsTokenStore) store = cs_token_store_new ();
  g_autoptr (GError) error = NULL;
  GPtrArray *tokens = cs_test_list (store, &error);

  g_assert_no_error (error);
  return tokens;
}

CsStoredToken *
keyring_lookup (const char *id)
{
  g_autoptr (CsTokenStore) store = cs_token_store_new ();
  g_autoptr (GError) error = NULL;
  CsStoredToken *token = cs_test_lookup (store, id, &error);

  g_assert_no_error (error);
  return token;
}

void
screenshot (CsWindow   *window,
            const char *name)
{
  const char *dir = g_getenv ("COUNTERSIGN_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width;
  int height;

  if (dir == NULL)
    return;

  cs_ui_spin (300); /* let the last layout and paint happen */
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
request_token_with_demo (CsWindow *window,
                         guint     callback_mode)
{
  CsWizard *wizard = wizard_of (window);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  /* As for someone new: the last provider is the default one. */
  g_settings_reset (settings, "last-provider");
  open_wizard (window);
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 1);
  g_assert_true (cs_ui_text_shown (window, "Step 1 of 4"));

  /* The demo is first in the list, chosen by default, with its consumer filled in. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cs_ui_find (window, "Provider"))),
                    ==, 0);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, CS_DEMO_CONSUMER_SECRET);
  g_assert_nonnull (cs_ui_find (window, "Access Type"));
  choose (window, "Callback", callback_mode);
  screenshot (window, "01-provider.png");
  cs_ui_audit_names (window);

  /* Enter in a field continues, like the Continue button. */
  cs_ui_press_enter_in (window, "Consumer Key");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "Step 2 of 4"));

  /* The whole response: token, concealed secret, callback confirmation. */
  g_assert_nonnull (shown_value (window, "oauth_token"));
  g_assert_true (cs_value_row_get_secret (CS_VALUE_ROW (cs_ui_find (window,
                                                                    "oauth_token_secret"))));
  g_assert_false (cs_ui_text_shown (window, shown_value (window, "oauth_token_secret")));
  g_assert_cmpstr (shown_value (window, "oauth_callback_confirmed"), ==, "true");
  screenshot (window, "02-request-token.png");
  cs_ui_audit_names (window);
}

CsDemoProvider *
loopback_flow_to_result (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);
  CsDemoProvider *demo;

  browser_reset ("allow");
  request_token_with_demo (window, 1);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  /* Loopback: the window opens the browser by itself once it listens. */
  CS_UI_WAIT_FOR (browser.launches >= 1);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));

  demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));
  return demo;
}

void
finish_and_check (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_autoptr (GPtrArray) tokens = NULL;
  g_autoptr (CsStoredToken) stored = NULL;
  CsStoredToken *found = NULL;

  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "Step 4 of 4"));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));
  g_assert_true (cs_value_row_get_secret (CS_VALUE_ROW (cs_ui_find (window,
                                                                    "oauth_token_secret"))));
  g_assert_cmpstr (shown_value (window, "user_id"), ==, CS_DEMO_USER_ID);
  g_assert_cmpstr (shown_value (window, "screen_name"), ==, CS_DEMO_SCREEN_NAME);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));

  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "@" CS_DEMO_SCREEN_NAME));
  screenshot (window, "04-access-token.png");
  cs_ui_audit_names (window);

  /* In the keyring, with the token the provider issued. */
  tokens = keyring_list ();
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (cs_stored_token_get_provider_id (g_ptr_array_index (tokens, i)), "demo") == 0
        && cs_stored_token_get_protocol (g_ptr_array_index (tokens, i)) == CS_STORED_OAUTH1
        && g_strcmp0 (cs_stored_token_get_account (g_ptr_array_index (tokens, i)),
                      CS_DEMO_SCREEN_NAME) == 0)
      found = g_ptr_array_index (tokens, i);
  g_assert_nonnull (found);
  stored = keyring_lookup (cs_stored_token_get_id (found));
  g_assert_cmpstr (cs_stored_token_get_token (stored), ==,
                   cs_demo_provider_get_last_access_token (demo));

}

void
done_and_listed (CsWindow *window)
{
  GtkWidget *start_page = cs_window_get_start_page (window);

  cs_ui_click (window, "Done");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) != NULL);
  screenshot (window, "05-saved.png");
  cs_ui_audit_names (window);
}

void
fill_custom (CsWindow *window,
             Hostile  *h)
{
  AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
  g_autofree char *request = hostile_url (h, "/request_token");
  g_autofree char *authorize = hostile_url (h, "/authorize");
  g_autofree char *access = hostile_url (h, "/access_token");

  choose (window, "Provider", g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1);
  choose (window, "Callback", 0);
  cs_ui_type (window, "Request Token URL", request);
  cs_ui_type (window, "Authorize URL", authorize);
  cs_ui_type (window, "Access Token URL", access);
  cs_ui_type (window, "Consumer Key", "silent-key");
  cs_ui_type (window, "Consumer Secret", "silent-secret");
}

