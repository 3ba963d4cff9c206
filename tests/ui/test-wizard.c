/* test-wizard.c — the real window, driven like a user would, against the demo provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "browser" is the launcher hook of CsApplication: it fetches the authorize page with
 * libsoup and presses Allow, like a person would. Everything else is real: the demo provider
 * on loopback, the callback server, the keyring daemon of the private session.
 */
#include "config.h"

#include <libsoup/soup.h>

#include "cs-demo-provider.h"
#include "cs-start-page.h"
#include "cs-token-store.h"
#include "cs-ui-keyboard.h"
#include "cs-ui-test.h"
#include "cs-value-row.h"
#include "cs-wizard.h"

typedef struct
{
  SoupSession *session;
  char        *action;   /* "allow" or "deny" */
  char        *pin;      /* from the page shown after Allow, in PIN mode */
  gboolean     no_redirect; /* stop at the provider's redirect, keep its Location */
  char        *location;
  guint        launches;
  gboolean     done;
} Browser;

static Browser browser;
static CsWindow *current_window;

static void
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

static char *
pin_from_page (const char *html)
{
  const char *start = html != NULL ? strstr (html, "<code id=\"pin\">") : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<code id=\"pin\">");
  end = strchr (start, '<');
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

static void
decided_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  g_assert_no_error (error);
  if (browser.no_redirect)
    {
      SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

      browser.location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                 "Location"));
    }
  {
    g_autofree char *html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

    browser.pin = pin_from_page (html);
  }
  browser.done = TRUE;
}

/* Presses Allow (or Deny): the demo's form posts the token and the action; a redirect to
 * the loopback callback is followed, as a browser would. */
static void
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
  if (browser.no_redirect)
    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (browser.session, msg, G_PRIORITY_DEFAULT, NULL,
                                    decided_cb, NULL);
}

static void
browser_reset (const char *action)
{
  g_clear_pointer (&browser.pin, g_free);
  g_clear_pointer (&browser.location, g_free);
  browser.no_redirect = FALSE;
  g_free (browser.action);
  browser.action = g_strdup (action);
  browser.done = FALSE;
  browser.launches = 0;
}

/* ------------------------------------------------------------------ helpers */

static CsWizard *
wizard_of (CsWindow *window)
{
  return CS_WIZARD (cs_window_get_wizard (window));
}

static void
open_wizard (CsWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_wizard (window)));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Consumer Key") != NULL);
}

static void
choose (CsWindow   *window,
        const char *combo,
        guint       position)
{
  AdwComboRow *row = ADW_COMBO_ROW (cs_ui_find (window, combo));

  adw_combo_row_set_selected (row, position);
}

static const char *
shown_value (CsWindow   *window,
             const char *name)
{
  return cs_value_row_get_value (CS_VALUE_ROW (cs_ui_find (window, name)));
}

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GPtrArray *
keyring_list (void)
{
  g_autoptr (CsTokenStore) store = cs_token_store_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *tokens;

  cs_token_store_list_async (store, NULL, on_result, &result);
  CS_UI_WAIT_FOR (result != NULL);
  tokens = cs_token_store_list_finish (store, result, &error);
  g_assert_no_error (error);
  return tokens;
}

static CsStoredToken *
keyring_lookup (const char *id)
{
  g_autoptr (CsTokenStore) store = cs_token_store_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  CsStoredToken *token;

  cs_token_store_lookup_async (store, id, NULL, on_result, &result);
  CS_UI_WAIT_FOR (result != NULL);
  token = cs_token_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);
  return token;
}

static void
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

/* Steps 1 and 2 with the demo provider and the given callback mode (0 PIN, 1 loopback). */
static void
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
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cs_ui_find (window, "Provider"))), ==, 0);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, CS_DEMO_CONSUMER_SECRET);
  g_assert_nonnull (cs_ui_find (window, "Access Type"));
  choose (window, "Callback", callback_mode);
  screenshot (window, "01-provider.png");

  /* Enter in a field continues, like the Continue button. */
  cs_ui_press_enter_in (window, "Consumer Key");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  g_assert_true (cs_ui_text_shown (window, "Step 2 of 4"));

  /* The whole response: token, concealed secret, callback confirmation. */
  g_assert_nonnull (shown_value (window, "oauth_token"));
  g_assert_true (cs_value_row_get_secret (CS_VALUE_ROW (cs_ui_find (window, "oauth_token_secret"))));
  g_assert_false (cs_ui_text_shown (window, shown_value (window, "oauth_token_secret")));
  g_assert_cmpstr (shown_value (window, "oauth_callback_confirmed"), ==, "true");
  screenshot (window, "02-request-token.png");
}

/* Steps 4 and Done: the token shown is the demo's, and it lands in the keyring and list. */
static void
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
  g_assert_true (cs_value_row_get_secret (CS_VALUE_ROW (cs_ui_find (window, "oauth_token_secret"))));
  g_assert_cmpstr (shown_value (window, "user_id"), ==, CS_DEMO_USER_ID);
  g_assert_cmpstr (shown_value (window, "screen_name"), ==, CS_DEMO_SCREEN_NAME);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));

  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "@" CS_DEMO_SCREEN_NAME));
  screenshot (window, "04-access-token.png");

  /* In the keyring, with the token the provider issued. */
  tokens = keyring_list ();
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (cs_stored_token_get_provider_id (g_ptr_array_index (tokens, i)), "demo") == 0
        && g_strcmp0 (cs_stored_token_get_account (g_ptr_array_index (tokens, i)),
                      CS_DEMO_SCREEN_NAME) == 0)
      found = g_ptr_array_index (tokens, i);
  g_assert_nonnull (found);
  stored = keyring_lookup (cs_stored_token_get_id (found));
  g_assert_cmpstr (cs_stored_token_get_token (stored), ==,
                   cs_demo_provider_get_last_access_token (demo));

}

/* Done: back to the list, which shows the new entry. */
static void
done_and_listed (CsWindow *window)
{
  GtkWidget *start_page = cs_window_get_start_page (window);

  cs_ui_click (window, "Done");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) != NULL);
  screenshot (window, "05-saved.png");
}


static gboolean
clipboard_holds (CsWindow   *window,
                 const char *text)
{
  g_autofree char *copied = cs_ui_clipboard_text (window);

  return g_strcmp0 (copied, text) == 0;
}

/* Copy: the value on the clipboard and a toast; a copied secret goes away by itself
 * (COUNTERSIGN_CLIPBOARD_CLEAR_MS=200 here), a copied token does not. */
static void
check_copy_and_export (CsWindow *window)
{
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  const char *secret = shown_value (window, "oauth_token_secret");
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *copied = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;

  cs_ui_click (window, "Copy oauth_token_secret");
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, secret);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Copied oauth_token_secret"));
  CS_UI_WAIT_FOR (!clipboard_holds (window, secret));

  cs_ui_click (window, "Copy oauth_token");
  cs_ui_spin (400);
  g_clear_pointer (&copied, g_free);
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, cs_demo_provider_get_last_access_token (demo));

  /* With the preference off, a copied secret stays. */
  g_settings_set_boolean (settings, "clear-clipboard", FALSE);
  cs_ui_click (window, "Copy oauth_token_secret");
  cs_ui_spin (400);
  g_clear_pointer (&copied, g_free);
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, secret);
  g_settings_reset (settings, "clear-clipboard");

  /* Export as JSON: the token and the secret are in it. */
  g_assert_nonnull (cs_ui_find (window, "Export"));
  gtk_widget_activate_action (cs_window_get_wizard (window), "wizard.export", "s", "json");
  exported = cs_ui_clipboard_text (window);
  g_assert_nonnull (exported);
  g_assert_nonnull (strstr (exported, cs_demo_provider_get_last_access_token (demo)));
  g_assert_nonnull (strstr (exported, secret));
  g_assert_nonnull (strstr (exported, CS_DEMO_CONSUMER_KEY));
  g_clear_pointer (&exported, g_free);
  gtk_widget_activate_action (cs_window_get_wizard (window), "wizard.export", "s", "env");
  exported = cs_ui_clipboard_text (window);
  expected = g_strdup_printf ("%s", cs_demo_provider_get_last_access_token (demo));
  g_assert_true (g_str_has_prefix (exported, "export "));
  g_assert_nonnull (strstr (exported, expected));
}

/* ------------------------------------------------------------------ tests */

static void
test_flow_pin (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 0);

  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (cs_ui_text_shown (window, "Step 3 of 4"));
  g_assert_nonnull (cs_ui_find (window, "Copy Link"));
  g_assert_false (cs_ui_can_click (window, "Continue")); /* no PIN yet */

  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_cmpuint (browser.launches, ==, 1);
  g_assert_nonnull (browser.pin);

  cs_ui_type (window, "PIN", browser.pin);
  screenshot (window, "03-authorize.png");

  /* A PIN pasted with spaces around it still works. */
  {
    g_autofree char *padded = g_strdup_printf (" %s ", browser.pin);

    cs_ui_type (window, "PIN", padded);
  }
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_press_enter_in (window, "PIN");
  finish_and_check (window);
  check_copy_and_export (window);
  done_and_listed (window);

  cs_ui_close_window (window);
}

static void
test_flow_loopback (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("allow");
  request_token_with_demo (window, 1);

  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (cs_ui_text_shown (window, "Waiting for approval in the browser"));
  screenshot (window, "03-waiting.png");
  g_assert_null (cs_ui_try_find (window, "PIN"));

  /* The callback comes back by itself; no PIN, no Continue. */
  cs_ui_click (window, "Open in Browser");
  finish_and_check (window);
  done_and_listed (window);
  g_assert_null (browser.pin);

  cs_ui_close_window (window);
}

/* A callback URL of the developer's own: the browser lands there, and the whole address
 * pasted into the verifier field is enough. */
static void
test_flow_custom_callback (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);

  browser_reset ("allow");
  browser.no_redirect = TRUE;
  open_wizard (window);
  choose (window, "Provider", 0);
  choose (window, "Callback", 2);
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Callback URL", "http://127.0.0.1:9/my-app/callback");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);

  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (browser.done);
  g_assert_true (g_str_has_prefix (browser.location, "http://127.0.0.1:9/my-app/callback?"));
  cs_ui_type (window, "PIN", browser.location);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));

  cs_ui_close_window (window);
}

static void
test_loopback_denied (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  browser_reset ("deny");
  request_token_with_demo (window, 1);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  cs_ui_click (window, "Open in Browser");

  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Access Denied"));
  g_assert_false (cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 3);
  g_assert_true (cs_ui_can_click (window, "Back"));

  cs_ui_close_window (window);
}

static void
test_wrong_secret (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  open_wizard (window);
  choose (window, "Callback", 0);
  cs_ui_type (window, "Consumer Secret", "not-the-demo-secret");
  cs_ui_click (window, "Continue");

  /* The provider's own words, the explanation, and Retry. */
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 2);
  g_assert_true (cs_ui_text_shown (window, "Could not authenticate you"));
  screenshot (window, "08-refused.png");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  g_assert_false (cs_ui_text_shown (window, "not-the-demo-secret"));

  /* Retry asks again (and fails again), Back finds every input as it was. */
  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, "not-the-demo-secret");
  g_assert_true (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
}

static void
test_input_validation (void)
{
  CsWindow *window = cs_ui_open_window ();

  open_wizard (window);
  choose (window, "Callback", 0);
  g_assert_true (cs_ui_can_click (window, "Continue"));

  /* Pasted with whitespace: trimmed. */
  cs_ui_type (window, "Consumer Key", "  pasted-key\n");
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "pasted-key");

  /* Not ASCII: an inline message, and no Continue. */
  cs_ui_type (window, "Consumer Key", "k\xc3\xa9y");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  g_assert_true (cs_ui_text_shown (window, "not ASCII"));
  cs_ui_type (window, "Consumer Key", "");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Consumer Key", "key");
  g_assert_true (cs_ui_can_click (window, "Continue"));

  /* Custom: the three endpoints appear; plain http to another host needs a confirmation. */
  {
    AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
    guint custom = g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1;

    g_assert_null (cs_ui_try_find (window, "Request Token URL"));
    choose (window, "Provider", custom);
  }
  cs_ui_type (window, "Request Token URL", "https://api.example.com/oauth/request_token");
  cs_ui_type (window, "Authorize URL", "https://api.example.com/oauth/authorize");
  cs_ui_type (window, "Access Token URL", "https://api.example.com/oauth/access_token");
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Access Token URL", "http://api.example.com/oauth/access_token");
  g_assert_false (cs_ui_can_click (window, "Continue"));
  gtk_switch_set_active (GTK_SWITCH (cs_ui_find (window, "Allow Unencrypted HTTP")), TRUE);
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Access Token URL", "http://127.0.0.1:8080/oauth/access_token");
  g_assert_null (cs_ui_try_find (window, "Allow Unencrypted HTTP"));
  g_assert_true (cs_ui_can_click (window, "Continue"));
  cs_ui_type (window, "Authorize URL", "not a url");
  g_assert_false (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
}

/* ------------------------------------------------------------------ a provider that never answers */

typedef struct
{
  SoupServer *server;
  char       *base;
  guint       requests;
} Silent;

static void
silent_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Silent *silent = user_data;

  silent->requests++;
  soup_server_message_pause (msg);
}

static void
silent_start (Silent *silent)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;

  silent->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (silent->server, NULL, silent_handler, silent, NULL);
  soup_server_listen_local (silent->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (silent->server);
  silent->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
}

static void
silent_stop (Silent *silent)
{
  soup_server_disconnect (silent->server);
  g_clear_object (&silent->server);
  g_clear_pointer (&silent->base, g_free);
}

static void
fill_custom (CsWindow *window,
             Silent   *silent)
{
  AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
  g_autofree char *request = g_strconcat (silent->base, "/request_token", NULL);
  g_autofree char *authorize = g_strconcat (silent->base, "/authorize", NULL);
  g_autofree char *access = g_strconcat (silent->base, "/access_token", NULL);

  choose (window, "Provider", g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1);
  choose (window, "Callback", 0);
  cs_ui_type (window, "Request Token URL", request);
  cs_ui_type (window, "Authorize URL", authorize);
  cs_ui_type (window, "Access Token URL", access);
  cs_ui_type (window, "Consumer Key", "silent-key");
  cs_ui_type (window, "Consumer Secret", "silent-secret");
}

static void
test_cancel_mid_request (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  Silent silent = { 0 };

  silent_start (&silent);
  open_wizard (window);
  fill_custom (window, &silent);

  /* Pressed twice before the UI could react: one request. */
  {
    GtkWidget *button = cs_ui_find (window, "Continue");

    g_signal_emit_by_name (button, "clicked");
    g_signal_emit_by_name (button, "clicked");
  }
  CS_UI_WAIT_FOR (silent.requests == 1);
  g_assert_true (cs_wizard_get_busy (wizard));
  g_assert_null (cs_ui_try_find (window, "Continue"));
  g_assert_false (cs_ui_can_click (window, "Back"));
  cs_ui_spin (300);
  g_assert_cmpuint (silent.requests, ==, 1);

  /* Cancel: back on step 1, usable, inputs kept. */
  cs_ui_click (window, "Cancel");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  g_assert_false (cs_wizard_get_busy (wizard));
  g_assert_null (cs_ui_try_find (window, "Cancel"));
  g_assert_true (cs_ui_can_click (window, "Continue"));
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "silent-key");

  /* And the flow can go again. */
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (silent.requests == 2);
  cs_ui_click (window, "Cancel");
  CS_UI_WAIT_FOR (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
  silent_stop (&silent);
}

static void
test_close_mid_request (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_autoptr (GtkWidget) wizard = g_object_ref (cs_window_get_wizard (window));
  Silent silent = { 0 };

  silent_start (&silent);
  open_wizard (window);
  fill_custom (window, &silent);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (silent.requests == 1);

  /* The window goes away while the request runs: the request is cancelled, nothing crashes,
   * and the wizard (still referenced here) stays quiet. */
  gtk_window_close (GTK_WINDOW (window));
  cs_ui_spin (300);
  g_assert_false (cs_wizard_get_busy (CS_WIZARD (wizard)));
  silent_stop (&silent);
  cs_ui_spin (100);
}

static void
test_start_page_empty_then_listed (void)
{
  CsWindow *window = cs_ui_open_window ();
  GtkWidget *start_page = cs_window_get_start_page (window);

  /* The list is read after the first frame, asynchronously. */
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  if (cs_start_page_get_n_items (CS_START_PAGE (start_page)) == 0)
    {
      g_assert_true (cs_ui_text_shown (window, "No Saved Credentials"));
      screenshot (window, "00-empty.png");
      cs_ui_click (window, "New Authorization");
      CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_wizard (window)));
    }

  cs_ui_close_window (window);
}


static GtkWidget *
saved_row (CsWindow *window)
{
  GtkWidget *row = cs_ui_find (window, "@" CS_DEMO_SCREEN_NAME);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return row;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* The saved list after a flow: copy, test, authorize again, forget (which asks first). */
static void
test_start_page_actions (void)
{
  CsWindow *window;
  CsWizard *wizard;
  GtkWidget *start_page;
  CsDemoProvider *demo;
  g_autofree char *id = NULL;
  g_autofree char *copied = NULL;
  AdwMessageDialog *dialog;

  /* Something saved to act on: a flow of its own when run alone. */
  test_flow_pin ();
  window = cs_ui_open_window ();
  wizard = wizard_of (window);
  start_page = cs_window_get_start_page (window);
  demo = cs_application_get_demo_provider (cs_ui_app, NULL);

  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_nonnull (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME));
  id = g_strdup (gtk_widget_get_name (saved_row (window)));
  g_assert_nonnull (cs_ui_find (window, "Actions for @" CS_DEMO_SCREEN_NAME));

  /* Copy loads the secret from the keyring. */
  gtk_widget_activate_action (start_page, "saved.copy-token", "s", id);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Copied the access token"));
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, cs_demo_provider_get_last_access_token (demo));

  gtk_widget_activate_action (start_page, "saved.test", "s", id);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "they belong to @" CS_DEMO_SCREEN_NAME));

  /* Authorize again: a new flow with the stored consumer key. */
  gtk_widget_activate_action (start_page, "saved.again", "s", id);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, CS_DEMO_CONSUMER_KEY);
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));

  /* Forget asks first; Cancel keeps the entry, Forget removes it from list and keyring. */
  gtk_widget_activate_action (start_page, "saved.forget", "s", id);
  CS_UI_WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "cancel");
  cs_ui_spin (300);
  g_assert_nonnull (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME));

  gtk_widget_activate_action (start_page, "saved.forget", "s", id);
  CS_UI_WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "forget");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Forgot the credentials"));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page))
                  && cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) == NULL);
  {
    g_autoptr (GPtrArray) tokens = keyring_list ();

    for (guint i = 0; i < tokens->len; i++)
      g_assert_cmpstr (cs_stored_token_get_id (g_ptr_array_index (tokens, i)), !=, id);
  }

  cs_ui_close_window (window);
}

/* No widget on any step asks for more than 360 pixels: the window fits a phone. */
static void
test_narrow (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  browser_reset ("allow");
  request_token_with_demo (window, 0);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  cs_ui_click (window, "Back");
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  {
    AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));

    choose (window, "Provider", g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1);
  }
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  /* And it is drawn that narrow, in the dark style, for the record. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  choose (window, "Provider", 0);
  CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 400);
  screenshot (window, "06-narrow-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  cs_ui_close_window (window);
}

/* The whole flow with real key presses only: Ctrl+N, Enter on each step, the PIN typed,
 * Enter on Done. */
static void
test_keyboard_only (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  GtkWidget *start_page = cs_window_get_start_page (window);
  CsDemoProvider *demo;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-provider");
  g_settings_reset (settings, "callback-mode");
  browser_reset ("allow");
  cs_ui_focus_window (GTK_WINDOW (window));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_n, TRUE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (
    GTK_EDITABLE (cs_ui_find (window, "Consumer Key"))))));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2 && !cs_wizard_get_busy (wizard));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);

  /* Enter on Open in Browser, then the PIN where the focus went. */
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (browser.done);
  cs_ui_type_keys (GTK_WINDOW (window), browser.pin);
  CS_UI_WAIT_FOR (g_strcmp0 (cs_ui_text (window, "PIN"), browser.pin) == 0);
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);

  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));
  demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "@" CS_DEMO_SCREEN_NAME) != NULL);

  cs_ui_close_window (window);
  current_window = NULL;
}

/* Escape cancels a running request, wherever the focus is. */
static void
test_keyboard_escape (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  Silent silent = { 0 };

  silent_start (&silent);
  cs_ui_focus_window (GTK_WINDOW (window));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_n, TRUE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  fill_custom (window, &silent);
  gtk_widget_grab_focus (cs_ui_find (window, "Consumer Key"));

  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (silent.requests == 1 && cs_wizard_get_busy (wizard));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Escape, FALSE);
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 1);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "silent-key");

  /* Not busy: Escape does nothing to the wizard. */
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Escape, FALSE);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  g_assert_true (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
  silent_stop (&silent);
}

/* `countersign --provider twitter --consumer-key KEY` opens step 1 with both filled in. */
static void
test_command_line_prefill (void)
{
  g_autoptr (GApplicationCommandLine) command_line = NULL;
  g_autoptr (GVariantDict) options = g_variant_dict_new (NULL);
  const char *args[] = { "countersign", "--provider", "twitter", "--consumer-key", "cli-key", NULL };
  GtkWindow *window;
  int status = -1;

  g_variant_dict_insert (options, "provider", "s", "twitter");
  g_variant_dict_insert (options, "consumer-key", "s", "cli-key");
  command_line = g_object_new (G_TYPE_APPLICATION_COMMAND_LINE,
                               "arguments", g_variant_new_bytestring_array (args, -1),
                               "options", g_variant_dict_end (options),
                               NULL);
  g_signal_emit_by_name (cs_ui_app, "command-line", command_line, &status);
  g_assert_cmpint (status, ==, 0);

  window = gtk_application_get_active_window (GTK_APPLICATION (cs_ui_app));
  g_assert_true (CS_IS_WINDOW (window));
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (cs_window_get_wizard (CS_WINDOW (window))));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Consumer Key") != NULL);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "cli-key");
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, "");
  {
    AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
    g_autoptr (GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (providers),
                                                              adw_combo_row_get_selected (providers));

    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "X (Twitter)");
  }

  cs_ui_close_window (CS_WINDOW (window));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

/* The about window (version, licence, website) and the shortcuts window, with the
 * accelerators set at start-up. */
static void
test_about_and_shortcuts (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_auto (GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app), "app.quit");
  g_auto (GStrv) fresh = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app),
                                                                "app.new-authorization");
  g_auto (GStrv) close = gtk_application_get_accels_for_action (GTK_APPLICATION (cs_ui_app), "win.close");
  GtkWindow *about;
  GtkWindow *shortcuts;

  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (fresh[0], ==, "<Control>n");
  g_assert_cmpstr (close[0], ==, "<Control>w");

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "about", NULL);
  CS_UI_WAIT_FOR ((about = find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_WEBSITE);
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "shortcuts", NULL);
  CS_UI_WAIT_FOR ((shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL);
  gtk_window_destroy (shortcuts);

  cs_ui_close_window (window);
}

/* The size is remembered; Ctrl+W's action closes the window. */
static void
test_window_size_saved (void)
{
  CsWindow *window = cs_ui_open_window ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GtkWidget) keep = g_object_ref (GTK_WIDGET (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 700);
  CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 520);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  CS_UI_WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 500);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  window = cs_ui_open_window ();
  {
    int width = 0;
    int height = 0;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 500);
    g_assert_cmpint (height, ==, 700);
  }
  cs_ui_close_window (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* COUNTERSIGN_EXIT_AFTER_FIRST_FRAME=1: the real program quits after its first frame. */
static void
test_exit_after_first_frame (void)
{
  const char *program = g_getenv ("COUNTERSIGN_APP");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  char *argv[] = { NULL, NULL };
  int wait_status = 0;
  gint64 start;

  g_assert_nonnull (program);
  argv[0] = (char *)program;
  env = g_environ_setenv (env, "COUNTERSIGN_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_test_message ("start-up to first frame and exit: %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
}

/* ------------------------------------------------------------------ without a keyring */

static void
test_no_keyring_start_page (void)
{
  CsWindow *window = cs_ui_open_window ();
  GtkWidget *start_page = cs_window_get_start_page (window);

  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_true (cs_ui_text_shown (window, "No Keyring Available"));
  g_assert_true (cs_ui_text_shown (window, "No keyring service is running"));
  screenshot (window, "07-no-keyring.png");

  /* Retry asks again, and says so again. */
  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  g_assert_true (cs_ui_text_shown (window, "No Keyring Available"));

  cs_ui_close_window (window);
}

/* The flow succeeds, saving fails: a clear message, Retry, and the tokens stay usable. */
static void
test_no_keyring_flow (void)
{
  CsWindow *window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  CsDemoProvider *demo;
  g_autofree char *copied = NULL;

  browser_reset ("allow");
  request_token_with_demo (window, 1);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4 && !cs_wizard_get_busy (wizard));

  demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));
  g_assert_true (cs_ui_text_shown (window, "No keyring service is running"));
  g_assert_true (cs_ui_can_click (window, "Retry"));
  cs_ui_click (window, "Copy oauth_token");
  copied = cs_ui_clipboard_text (window);
  g_assert_cmpstr (copied, ==, cs_demo_provider_get_last_access_token (demo));

  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_true (cs_ui_text_shown (window, "No keyring service is running"));
  g_assert_cmpstr (shown_value (window, "oauth_token"), ==,
                   cs_demo_provider_get_last_access_token (demo));

  cs_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gboolean no_keyring = g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_NO_KEYRING"), "1") == 0;

  /* Never the user's own keyring: either the throw-away one, or none at all. */
  if (g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_KEYRING"), "1") != 0 && !no_keyring)
    {
      g_printerr ("Run this through tests/ui/ui-session (meson test --suite ui): it needs a "
                  "display and a throw-away keyring.\n");
      return 1;
    }

  g_setenv ("COUNTERSIGN_CLIPBOARD_CLEAR_MS", "200", TRUE);
  cs_ui_init (&argc, &argv);
  browser.session = soup_session_new ();
  cs_application_set_uri_launcher (cs_ui_app, browser_launch, NULL);
  cs_ui_diagnose = diagnose;

  if (no_keyring)
    {
      g_test_add_func ("/ui/no-keyring/start-page", test_no_keyring_start_page);
      g_test_add_func ("/ui/no-keyring/flow", test_no_keyring_flow);
    }
  else
    {
      g_test_add_func ("/ui/start-page/empty", test_start_page_empty_then_listed);
      g_test_add_func ("/ui/wizard/validation", test_input_validation);
      g_test_add_func ("/ui/wizard/flow-pin", test_flow_pin);
      g_test_add_func ("/ui/wizard/flow-loopback", test_flow_loopback);
      g_test_add_func ("/ui/wizard/saved-actions", test_start_page_actions);
      g_test_add_func ("/ui/wizard/custom-callback", test_flow_custom_callback);
      g_test_add_func ("/ui/wizard/loopback-denied", test_loopback_denied);
      g_test_add_func ("/ui/wizard/wrong-secret", test_wrong_secret);
      g_test_add_func ("/ui/wizard/cancel-mid-request", test_cancel_mid_request);
      g_test_add_func ("/ui/wizard/close-mid-request", test_close_mid_request);
      g_test_add_func ("/ui/window/narrow", test_narrow);
      g_test_add_func ("/ui/app/exit-after-first-frame", test_exit_after_first_frame);
      g_test_add_func ("/ui/app/command-line", test_command_line_prefill);
      g_test_add_func ("/ui/keyboard/whole-flow", test_keyboard_only);
      g_test_add_func ("/ui/keyboard/escape-cancels", test_keyboard_escape);
      g_test_add_func ("/ui/app/about-and-shortcuts", test_about_and_shortcuts);
      g_test_add_func ("/ui/window/size-saved", test_window_size_saved);
    }

  status = g_test_run ();

  g_clear_object (&browser.session);
  g_application_release (G_APPLICATION (cs_ui_app));
  g_clear_object (&cs_ui_app);
  return status;
}
