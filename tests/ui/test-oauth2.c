/* test-oauth2.c — the window's OAuth 2.0 flow with the demo provider, by keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the browser (the application's launcher hook): it fetches the demo's consent
 * page with libsoup and submits Allow; the demo's redirect then goes to the window's loopback
 * server, as a browser would follow it. Everything else is real: the demo provider, the
 * loopback server, the flow layer and the keyring of the private session. OAuth 1.0a links
 * (an oauth_token in the query) go to the shared browser of cs-ui-flow.c. App links go to
 * the application's `open`, as the desktop hands them over.
 */
#include "config.h"

#include <string.h>

#include "cs-oauth2-result-page.h"
#include "cs-saved-row.h"
#include "cs-ui-flow.h"
#include "cs-ui-keyboard.h"

static struct
{
  guint    launches;
  gboolean done;
  guint    status;      /* of the last answer the browser got */
  char    *uri;
  gboolean no_redirect; /* stop at the provider's redirect, keep its Location */
  char    *location;
} consent;

static char *
html_unescape (const char *text)
{
  g_autoptr (GString) out = g_string_new (text);

  g_string_replace (out, "&quot;", "\"", 0);
  g_string_replace (out, "&#39;", "'", 0);
  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
allowed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  /* The page after Allow (a redirect's is empty) is not read. */
  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  consent.status = soup_message_get_status (msg);
  if (consent.no_redirect)
    consent.location = g_strdup (soup_message_headers_get_one (
                                   soup_message_get_response_headers (msg), "Location"));
  consent.done = TRUE;
}

/* The consent page's form: its hidden fields, and the Allow button's name and value. */
static void
consent_page_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);
  g_autofree char *html = NULL;
  g_autoptr (GRegex) form_re = g_regex_new ("<form[^>]*action=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr (GRegex) input_re = g_regex_new ("<(?:input|button)[^>]*name=\"([^\"]*)\"[^>]*"
                                             "value=\"([^\"]*)\"[^>]*>", G_REGEX_CASELESS, 0,
                                             NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GUri) base = g_uri_parse (consent.uri, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GUri) action = NULL;
  g_autofree char *action_text = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  g_assert_no_error (error);
  html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_true (g_regex_match (form_re, html, 0, &match));
  {
    g_autofree char *raw_action = g_match_info_fetch (match, 1);

    action_text = html_unescape (raw_action);
  }
  g_clear_pointer (&match, g_match_info_free);
  for (g_regex_match (input_re, html, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *value = g_match_info_fetch (match, 2);

      /* Of the two buttons, Allow: a field named like the Deny button's is overwritten. */
      if (g_hash_table_contains (fields, name) && g_ascii_strcasecmp (value, "allow") != 0)
        continue;
      g_hash_table_replace (fields, g_strdup (name), html_unescape (value));
    }
  action = g_uri_parse_relative (base, *action_text != '\0' ? action_text : consent.uri,
                                 G_URI_FLAGS_ENCODED, NULL);
  g_assert_nonnull (action);
  {
    g_autofree char *target = g_uri_to_string (action);

    msg = soup_message_new_from_encoded_form ("POST", target, soup_form_encode_hash (fields));
  }
  if (consent.no_redirect)
    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (browser.session, msg, G_PRIORITY_DEFAULT, NULL, allowed_cb,
                                    NULL);
}

static void
launch (const char *uri,
        gpointer    user_data)
{
  g_autoptr (SoupMessage) msg = NULL;

  if (strstr (uri, "oauth_token=") != NULL)
    {
      browser_launch (uri, user_data);
      return;
    }
  consent.launches++;
  g_free (consent.uri);
  consent.uri = g_strdup (uri);
  g_assert_nonnull (strstr (uri, "code_challenge_method=S256"));
  msg = soup_message_new ("GET", uri);
  g_assert_nonnull (msg);
  soup_session_send_and_read_async (browser.session, msg, G_PRIORITY_DEFAULT, NULL,
                                    consent_page_cb, NULL);
}

static void
consent_reset (void)
{
  consent.launches = 0;
  consent.done = FALSE;
  consent.status = 0;
  consent.no_redirect = FALSE;
  g_clear_pointer (&consent.uri, g_free);
  g_clear_pointer (&consent.location, g_free);
}

static GtkWidget *
result_page_of (CsWindow *window)
{
  GtkWidget *page = cs_ui_find (window, "Access Token");

  return gtk_widget_get_ancestor (page, CS_TYPE_OAUTH2_RESULT_PAGE);
}

/* The stored OAuth 2.0 item of the demo for @account ("" or NULL: any). */
static CsStoredToken *
stored_oauth2 (const char *account)
{
  g_autoptr (GPtrArray) tokens = keyring_list ();

  for (guint i = 0; i < tokens->len; i++)
    {
      CsStoredToken *token = g_ptr_array_index (tokens, i);

      if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2
          && g_strcmp0 (cs_stored_token_get_provider_id (token), "demo") == 0
          && (account == NULL || g_strcmp0 (cs_stored_token_get_account (token), account) == 0))
        return keyring_lookup (cs_stored_token_get_id (token));
    }
  return NULL;
}

/* The stored OAuth 2.0 item whose access token is @access. */
static CsStoredToken *
stored_with_access (const char *access)
{
  g_autoptr (GPtrArray) tokens = keyring_list ();

  for (guint i = 0; i < tokens->len; i++)
    {
      CsStoredToken *token = g_ptr_array_index (tokens, i);
      g_autoptr (CsStoredToken) full = NULL;

      if (cs_stored_token_get_protocol (token) != CS_STORED_OAUTH2)
        continue;
      full = keyring_lookup (cs_stored_token_get_id (token));
      if (g_strcmp0 (cs_stored_token_get_access_token (full), access) == 0)
        return g_steal_pointer (&full);
    }
  return NULL;
}

/* An app link, handed to the application's `open` as the desktop hands it over. */
static void
open_app_link (const char *address)
{
  g_autoptr (GFile) file = g_file_new_for_uri (address);

  g_application_open (G_APPLICATION (cs_ui_app), &file, 1, "");
}

/* Waits until the clipboard holds something else than @before; that text. */
static char *
wait_clipboard_change (CsWindow   *window,
                       const char *before)
{
  char *text = NULL;

  CS_UI_WAIT_FOR ((g_free (text), text = cs_ui_clipboard_text (window)) != NULL
                  && g_strcmp0 (text, before) != 0);
  return text;
}

/* Step 1 by keyboard: Ctrl+N, then OAuth 2.0 in the Protocol list. */
static void
choose_oauth2 (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);
  GtkWidget *protocol;

  cs_ui_focus_window (GTK_WINDOW (window));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_n, TRUE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (GTK_WIDGET (wizard)));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Protocol") != NULL);
  g_assert_true (cs_ui_text_shown (window, "Step 1 of 4"));
  g_assert_true (cs_ui_text_shown (window, "offers both"));
  /* The list by keys: Space opens it, Down, Enter chooses. */
  protocol = cs_ui_find (window, "Protocol");
  CS_UI_WAIT_FOR (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (
    GTK_EDITABLE (cs_ui_find (window, "Consumer Key"))))));
  gtk_widget_grab_focus (protocol);
  CS_UI_WAIT_FOR (gtk_widget_has_focus (protocol));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_space, FALSE);
  cs_ui_spin (300);
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Down, FALSE);
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (adw_combo_row_get_selected (ADW_COMBO_ROW (protocol)) == 1);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Step 1 of 5"));
  /* The consumer fields are OAuth 1.0a's. */
  g_assert_null (cs_ui_try_find (window, "Consumer Key"));
  cs_ui_audit_names (window);
}

/* No widget asks for more than 360 pixels: the window fits a phone. */
static void
assert_fits_phone (CsWindow *window)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* @name-360.png and @name-360-end.png, the page of the control named @on at 360 pixels wide,
 * at its top and scrolled to its end (then the size it had): the page as a phone shows it. */
static void
narrow_screenshot (CsWindow   *window,
                   const char *name,
                   const char *on)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (cs_ui_find (window, on),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autofree char *top = g_strconcat (name, "-360.png", NULL);
  g_autofree char *end = g_strconcat (name, "-360-end.png", NULL);
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 400);
  cs_ui_spin (200);
  assert_fits_phone (window);
  screenshot (window, top);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  cs_ui_spin (100);
  screenshot (window, end);
  gtk_adjustment_set_value (adjustment, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) > 400);
}

static void
authorize_to_tokens (CsWindow *window)
{
  CsWizard *wizard = wizard_of (window);

  /* Client: the demo's public client, loopback; Enter in the field continues. */
  gtk_widget_grab_focus (cs_ui_find (window, "Continue"));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2);
  g_assert_true (cs_ui_text_shown (window, "Step 2 of 5"));
  g_assert_cmpstr (cs_ui_text (window, "Client ID"), ==, CS_DEMO_CLIENT_ID);
  g_assert_true (cs_ui_text_shown (window, "public client"));
  /* The demo app's registered port is 8765; the suite registers any loopback port, and other
   * programs may hold that one: any free port. */
  g_assert_cmpstr (cs_ui_text (window, "Loopback Port (empty: any free port)"), ==, "8765");
  /* What to register with the provider, before the browser is opened. */
  g_assert_true (cs_ui_text_shown (window, "Add this redirect URI to your app’s settings: "
                                           "http://127.0.0.1:8765/callback"));
  cs_ui_type (window, "Loopback Port (empty: any free port)", "");
  g_assert_true (cs_ui_text_shown (window, "Without a port, a free one is picked each time"));
  cs_ui_audit_names (window);
  narrow_screenshot (window, "oauth2-client", "Client ID");
  gtk_widget_grab_focus (cs_ui_find (window, "Continue"));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);

  /* Scopes: the demo's, with offline.access explained and on by default. */
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  g_assert_true (cs_ui_text_shown (window, "without it the provider sends no refresh token"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cs_ui_find (window, "offline.access"))));
  cs_ui_audit_names (window);
  narrow_screenshot (window, "oauth2-scopes", "offline.access");
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);

  /* Authorize: loopback opens the browser by itself; the answer comes back by itself. */
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 5 && !cs_wizard_get_busy (wizard));
  g_assert_cmpuint (consent.launches, ==, 1);
  g_assert_true (consent.done);
  g_assert_false (cs_ui_text_shown (window, "Exchanging the code"));
}

static void
test_oauth2_flow (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  GtkWidget *start_page = cs_window_get_start_page (window);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (CsStoredToken) stored = NULL;
  g_autoptr (CsStoredToken) rotated = NULL;
  g_autofree char *first_access = NULL;
  const char *expiry;

  g_settings_reset (settings, "last-provider");
  consent_reset ();
  choose_oauth2 (window);
  authorize_to_tokens (window);

  /* The tokens, concealed but copyable; the expiry counting down; the scopes granted. */
  g_assert_true (cs_ui_text_shown (window, "Step 5 of 5"));
  g_assert_true (cs_value_row_get_secret (CS_VALUE_ROW (cs_ui_find (window, "Access Token"))));
  g_assert_true (cs_value_row_get_secret (CS_VALUE_ROW (cs_ui_find (window, "Refresh Token"))));
  first_access = g_strdup (shown_value (window, "Access Token"));
  g_assert_false (cs_ui_text_shown (window, first_access));
  expiry = cs_oauth2_result_page_get_expiry_text (CS_OAUTH2_RESULT_PAGE (result_page_of (window)));
  g_assert_nonnull (strstr (expiry, "left, until"));
  g_assert_nonnull (strstr (shown_value (window, "Scopes"), "offline.access"));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  stored = stored_oauth2 (NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (cs_stored_token_get_access_token (stored), ==, first_access);
  g_assert_cmpstr (cs_stored_token_get_refresh_token (stored), ==,
                   shown_value (window, "Refresh Token"));
  /* The expiry shown is the one kept: within the demo's two hours. */
  g_assert_cmpint (cs_stored_token_get_expires_at (stored), >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpint (cs_stored_token_get_expires_at (stored), <=,
                   g_get_real_time () / G_USEC_PER_SEC + CS_DEMO_ACCESS_LIFETIME);
  cs_ui_audit_names (window);

  /* Refresh: a new access token, on screen and in the keyring (the refresh token rotated). */
  cs_ui_click (window, "Refresh");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Refreshed: a new access token"));
  g_assert_cmpstr (shown_value (window, "Access Token"), !=, first_access);
  rotated = keyring_lookup (cs_stored_token_get_id (stored));
  g_assert_cmpstr (cs_stored_token_get_access_token (rotated), ==,
                   shown_value (window, "Access Token"));
  g_assert_cmpstr (cs_stored_token_get_refresh_token (rotated), !=,
                   cs_stored_token_get_refresh_token (stored));

  /* Test Credentials with the bearer: the demo's account, then kept in the keyring. */
  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "@" CS_DEMO_SCREEN_NAME));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring, with the account"));
  screenshot (window, "oauth2-tokens.png");

  /* Export: the env lines carry the access token shown. */
  {
    g_autofree char *copied = NULL;

    gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.export", "s", "env");
    copied = cs_ui_clipboard_text (window);
    g_assert_nonnull (strstr (copied, "ACCESS_TOKEN="));
    g_assert_nonnull (strstr (copied, shown_value (window, "Access Token")));
  }
  assert_fits_phone (window);
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (result_page_of (window),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
    CS_UI_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 400);
    cs_ui_spin (200);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    screenshot (window, "oauth2-tokens-360.png");
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* Revoke: the provider no longer takes them; the tokens stay on screen. */
  cs_ui_click (window, "Revoke");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Revoked: the provider no longer accepts"));
  g_assert_false (cs_ui_can_click (window, "Refresh"));
  g_assert_nonnull (shown_value (window, "Access Token"));
  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard)
                  && !cs_ui_text_shown (window, "Calling with the bearer token"));
  g_assert_false (cs_ui_text_shown (window, "The tokens work"));

  /* Done (Enter): the start page lists it with its protocol. */
  gtk_widget_grab_focus (cs_ui_find (window, "Done"));
  cs_ui_press_key (GTK_WINDOW (window), GDK_KEY_Return, FALSE);
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Actions for @" CS_DEMO_SCREEN_NAME " (OAuth 2.0)")
                  != NULL);
  g_assert_true (cs_ui_text_shown (window, "OAuth 2.0"));
  cs_ui_audit_names (window);

  cs_ui_close_window (window);
  current_window = NULL;
}

/* The address pasted back: a wrong state is said under the field, which keeps what was pasted;
 * the address the provider really sent then gives the tokens. */
static void
test_pasted_address (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  const char *redirect = "http://127.0.0.1:9/my-app/callback";
  g_autofree char *forged = g_strdup_printf ("%s?code=forged&state=not-the-one", redirect);

  consent_reset ();
  consent.no_redirect = TRUE;
  choose_oauth2 (window);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2);
  choose (window, "Redirect", 2);
  g_assert_false (cs_ui_can_click (window, "Continue"));
  g_assert_true (cs_ui_text_shown (window, "Enter the redirect URI registered for the app"));
  cs_ui_type (window, "Redirect URI", redirect);
  narrow_screenshot (window, "oauth2-client-paste", "Redirect URI");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4);
  g_assert_true (cs_ui_text_shown (window, redirect));
  g_assert_cmpuint (consent.launches, ==, 0);

  cs_ui_type (window, "Address the Browser Was Sent To", forged);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 4);
  g_assert_cmpstr (cs_ui_text (window, "Address the Browser Was Sent To"), ==, forged);
  g_assert_true (gtk_widget_has_css_class (cs_ui_find (window, "Address the Browser Was Sent To"),
                                           "error"));

  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (consent.done);
  g_assert_cmpuint (consent.status, ==, 302);
  g_assert_true (g_str_has_prefix (consent.location, redirect));
  cs_ui_type (window, "Address the Browser Was Sent To", consent.location);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 5 && !cs_wizard_get_busy (wizard));
  g_assert_nonnull (shown_value (window, "Access Token"));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* A stored demo OAuth 1.0a credential moves in one click; the OAuth 1.0a one stays. */
static void
test_move_to_oauth2 (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  GtkWidget *start_page = cs_window_get_start_page (window);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (CsStoredToken) moved = NULL;
  g_autoptr (GMenuModel) menu = NULL;
  const char *oauth1_id = NULL;
  g_autoptr (GPtrArray) old_access = g_ptr_array_new_with_free_func (g_free);
  gboolean oauth1_stays = FALSE;

  loopback_flow_to_result (window);
  finish_and_check (window);
  cs_ui_click (window, "Done");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  /* Both entries of the account, told apart by their protocol. */
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Actions for @" CS_DEMO_SCREEN_NAME) != NULL);
  g_assert_nonnull (cs_ui_find (window, "Actions for @" CS_DEMO_SCREEN_NAME " (OAuth 2.0)"));
  before = keyring_list ();
  for (guint i = 0; i < before->len; i++)
    {
      CsStoredToken *token = g_ptr_array_index (before, i);

      if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
        {
          g_autoptr (CsStoredToken) full = keyring_lookup (cs_stored_token_get_id (token));

          g_ptr_array_add (old_access, g_strdup (cs_stored_token_get_access_token (full)));
        }
      else if (g_strcmp0 (cs_stored_token_get_account (token), CS_DEMO_SCREEN_NAME) == 0)
        oauth1_id = cs_stored_token_get_id (token);
    }
  g_assert_nonnull (oauth1_id);
  g_assert_true (cs_ui_text_shown (window, "OAuth 1.0a"));

  /* The entry's menu offers it. */
  menu = cs_saved_row_menu_new_full (oauth1_id, "demo", CS_STORED_OAUTH1, TRUE);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);
  gtk_widget_activate_action (start_page, "saved.migrate", "s", oauth1_id);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Moved to OAuth 2.0"));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));

  after = keyring_list ();
  for (guint i = 0; i < after->len; i++)
    {
      CsStoredToken *token = g_ptr_array_index (after, i);

      if (g_strcmp0 (cs_stored_token_get_id (token), oauth1_id) == 0)
        oauth1_stays = TRUE;
    }
  g_assert_true (oauth1_stays);
  /* Tested: the account was learned with the bearer; the tokens are new ones. */
  moved = stored_oauth2 (CS_DEMO_SCREEN_NAME);
  g_assert_nonnull (moved);
  for (guint i = 0; i < old_access->len; i++)
    g_assert_cmpstr (cs_stored_token_get_access_token (moved), !=,
                     g_ptr_array_index (old_access, i));
  g_assert_true (cs_ui_text_shown (window, "OAuth 2.0"));
  g_assert_true (cs_ui_text_shown (window, "OAuth 1.0a"));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* The app link the consent page redirects to, handed to the application's `open` as the
 * desktop does: the tokens. The same address again is refused with a message, and nothing is
 * exchanged again: the tokens on screen and in the keyring stay, and they still work. */
static void
test_app_link (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  g_autofree char *access = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (CsStoredToken) stored = NULL;

  consent_reset ();
  consent.no_redirect = TRUE;
  choose_oauth2 (window);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 2);
  choose (window, "Redirect", 1);
  g_assert_true (cs_ui_text_shown (window, "Add this redirect URI to your app’s settings: "
                                           "io.github.countersign.countersign:/callback"));
  narrow_screenshot (window, "oauth2-client-app-link", "Redirect");
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 3);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 4);
  g_assert_cmpuint (consent.launches, ==, 0);
  cs_ui_click (window, "Open in Browser");
  CS_UI_WAIT_FOR (consent.done);
  g_assert_cmpuint (consent.status, ==, 302);
  g_assert_true (g_str_has_prefix (consent.location, "io.github.countersign.countersign:/callback?"));
  g_assert_nonnull (strstr (consent.location, "state="));

  /* Nobody types anything: the application's open hands it to the waiting wizard. */
  open_app_link (consent.location);
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 5 && !cs_wizard_get_busy (wizard));
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  access = g_strdup (shown_value (window, "Access Token"));
  before = keyring_list ();

  open_app_link (consent.location);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "This authorization took its redirect already: the "
                                            "second one was ignored and nothing was exchanged "
                                            "again."));
  /* One whose state no authorization has: said too. */
  open_app_link ("io.github.countersign.countersign:/callback?code=forged&state=nobodys");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "No OAuth 2.0 authorization is waiting for this "
                                            "redirect"));
  g_assert_false (cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 5);
  g_assert_cmpstr (shown_value (window, "Access Token"), ==, access);
  after = keyring_list ();
  g_assert_cmpuint (after->len, ==, before->len);
  stored = stored_with_access (access);
  g_assert_nonnull (stored);
  cs_ui_click (window, "Test Credentials");
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "The tokens work"));
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* Export from the start page's menu: the access token, refreshed first when the stored one
 * has expired (the keyring rotated), in the env lines and the curl command's bearer; Copy
 * Access Token likewise. */
static void
test_export_refreshes (void)
{
  CsWindow *window = current_window = cs_ui_open_window ();
  GtkWidget *start_page = cs_window_get_start_page (window);
  CsDemoProvider *demo = cs_application_get_demo_provider (cs_ui_app, NULL);
  g_autoptr (CsStoredToken) stored = NULL;
  g_autoptr (CsStoredToken) rotated = NULL;
  g_autoptr (CsStoredToken) again = NULL;
  g_autoptr (GMenuModel) menu = NULL;
  g_autofree char *env = NULL;
  g_autofree char *curl = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *copied = NULL;
  g_autoptr (CsStoredToken) latest = NULL;
  char *id;

  /* Access tokens that live a second: expired (within the minute's margin) once stored. */
  cs_demo_provider_set_oauth2_lifetimes (demo, 0, 1);
  consent_reset ();
  choose_oauth2 (window);
  authorize_to_tokens (window);
  CS_UI_WAIT_FOR (cs_ui_text_shown (window, "Saved in the keyring"));
  stored = stored_with_access (shown_value (window, "Access Token"));
  g_assert_nonnull (stored);
  id = (char *) cs_stored_token_get_id (stored);
  cs_ui_click (window, "Done");
  CS_UI_WAIT_FOR (gtk_widget_is_drawable (start_page));
  CS_UI_WAIT_FOR (cs_start_page_get_loaded (CS_START_PAGE (start_page)));
  menu = cs_saved_row_menu_new_full (id, "demo", CS_STORED_OAUTH2, FALSE);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "nothing yet");
  gtk_widget_activate_action (start_page, "saved.export", "(ss)", id, "env");
  env = wait_clipboard_change (window, "nothing yet");
  rotated = keyring_lookup (id);
  g_assert_cmpstr (cs_stored_token_get_access_token (rotated), !=,
                   cs_stored_token_get_access_token (stored));
  g_assert_cmpstr (cs_stored_token_get_refresh_token (rotated), !=,
                   cs_stored_token_get_refresh_token (stored));
  g_assert_nonnull (strstr (env, cs_stored_token_get_access_token (rotated)));
  g_assert_null (strstr (env, cs_stored_token_get_access_token (stored)));

  /* Still expired (a second's lifetime): curl's bearer is a newer one again. */
  gtk_widget_activate_action (start_page, "saved.export", "(ss)", id, "curl");
  curl = wait_clipboard_change (window, env);
  again = keyring_lookup (id);
  g_assert_cmpstr (cs_stored_token_get_access_token (again), !=,
                   cs_stored_token_get_access_token (rotated));
  bearer = g_strconcat ("Authorization: Bearer ", cs_stored_token_get_access_token (again), NULL);
  g_assert_nonnull (strstr (curl, bearer));

  /* Copy Access Token: the same, the token alone. */
  gtk_widget_activate_action (start_page, "saved.copy-token", "s", id);
  copied = wait_clipboard_change (window, curl);
  latest = keyring_lookup (id);
  g_assert_cmpstr (copied, ==, cs_stored_token_get_access_token (latest));
  g_assert_cmpstr (copied, !=, cs_stored_token_get_access_token (again));

  cs_demo_provider_set_oauth2_lifetimes (demo, 0, CS_DEMO_ACCESS_LIFETIME);
  cs_ui_close_window (window);
  current_window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cs_ui_flow_start (&argc, &argv, TRUE);
  cs_application_set_uri_launcher (cs_ui_app, launch, NULL);
  browser_reset ("allow");

  g_test_add_func ("/ui/oauth2/flow-by-keyboard", test_oauth2_flow);
  g_test_add_func ("/ui/oauth2/pasted-address", test_pasted_address);
  g_test_add_func ("/ui/oauth2/move-to-oauth2", test_move_to_oauth2);
  g_test_add_func ("/ui/oauth2/app-link", test_app_link);
  g_test_add_func ("/ui/oauth2/export-refreshes", test_export_refreshes);
  status = g_test_run ();

  cs_ui_flow_stop ();
  consent_reset ();
  return status;
}
