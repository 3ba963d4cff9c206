/* test-bad-server.c — the window against a badly behaved provider entered as Custom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 7: an HTML error page, a provider that never answers and a self-signed certificate
 * each show their own error, and the window stays usable: every input is kept, Retry asks
 * again, Back goes back. A second authorization started while one runs changes nothing.
 * The providers are the table of tests/support/cs-hostile-cases.c, which the library and
 * the CLI run too: each row with words for the window is a test here.
 */
#include "config.h"

#include "cs-hostile-cases.h"
#include "cs-ui-flow.h"

static guint
custom_position (CsWindow *window)
{
  AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));

  return g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1;
}

/* Custom provider at @h, loopback callback, the given consumer. */
static void
fill_hostile (CsWindow *window,
              Hostile  *h)
{
  g_autofree char *request = hostile_url (h, "/request_token");
  g_autofree char *authorize = hostile_url (h, "/authorize");
  g_autofree char *access = hostile_url (h, "/access_token");

  open_wizard (window);
  choose (window, "Provider", custom_position (window));
  cs_ui_type (window, "Request Token URL", request);
  cs_ui_type (window, "Authorize URL", authorize);
  cs_ui_type (window, "Access Token URL", access);
  cs_ui_type (window, "Consumer Key", "bad-server-key");
  cs_ui_type (window, "Consumer Secret", "bad-server-secret");
  choose (window, "Callback", 1);
  g_assert_true (cs_ui_can_click (window, "Continue"));
}

/* Every input as the user left it. */
static void
assert_inputs_kept (CsWindow *window,
                    Hostile  *h)
{
  g_autofree char *request = hostile_url (h, "/request_token");
  g_autofree char *authorize = hostile_url (h, "/authorize");
  g_autofree char *access = hostile_url (h, "/access_token");

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cs_ui_find (window, "Provider"))),
                    ==, custom_position (window));
  g_assert_cmpstr (cs_ui_text (window, "Request Token URL"), ==, request);
  g_assert_cmpstr (cs_ui_text (window, "Authorize URL"), ==, authorize);
  g_assert_cmpstr (cs_ui_text (window, "Access Token URL"), ==, access);
  g_assert_cmpstr (cs_ui_text (window, "Consumer Key"), ==, "bad-server-key");
  g_assert_cmpstr (cs_ui_text (window, "Consumer Secret"), ==, "bad-server-secret");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cs_ui_find (window, "Callback"))),
                    ==, 1);
}

/* Continue fails with @expected (and @detail) on screen; Retry asks the server again and
 * fails the same way; Back finds every input; Continue works again. */
static void
fails_and_stays_usable (Hostile             *h,
                        const CsHostileCase *c)
{
  const char *expected = c->window[0];
  const char *detail = c->window[1];
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);
  guint before;

  fill_hostile (window, h);
  before = h->requests;
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 2);
  g_assert_true (cs_ui_text_shown (window, expected));
  g_assert_true (cs_ui_text_shown (window, detail));
  g_assert_false (cs_ui_text_shown (window, "bad-server-secret"));
  g_assert_false (cs_ui_text_shown (window, CS_HOSTILE_TOKEN_SECRET));
  g_assert_false (cs_ui_can_click (window, "Continue"));
  cs_ui_audit_names (window);
  {
    /* With COUNTERSIGN_SCREENSHOT_DIR set: bad-server-transport-connection-refused.png… */
    g_autofree char *name = g_strconcat ("bad-server-", c->name, ".png", NULL);

    screenshot (window, g_strdelimit (name, "/", '-'));
  }

  cs_ui_click (window, "Retry");
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_true (cs_ui_text_shown (window, expected));
  /* A refused certificate (or no server) stops before any request reaches the handler. */
  if (c->tls == 0)
    g_assert_cmpuint (h->requests, ==, before + 2);

  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  assert_inputs_kept (window, h);
  g_assert_true (cs_ui_can_click (window, "Continue"));

  cs_ui_close_window (window);
  current_window = NULL;
}

/* One row of the table, with the window's own words for it. */
static void
test_hostile_case (gconstpointer data)
{
  const CsHostileCase *c = data;
  g_autoptr (Hostile) thief = NULL;
  g_autoptr (Hostile) h = cs_hostile_case_serve (c, &thief);

  if (h == NULL)
    {
      g_test_skip ("No TLS backend (glib-networking)");
      return;
    }
  fails_and_stays_usable (h, c);
  if (c->tls)
    g_assert_cmpuint (h->requests, ==, 0);
  if (thief != NULL)
    g_assert_cmpuint (thief->requests, ==, 0);
}

/* Ctrl+N, or Authorize Again on a saved entry, while the wizard waits for the provider:
 * the running request goes on, alone, with the inputs as they were. */
static void
test_new_authorization_while_busy (void)
{
  g_autoptr (Hostile) h = hostile_new ();
  CsWindow *window = current_window = cs_ui_open_window ();
  CsWizard *wizard = wizard_of (window);

  h->mode = HOSTILE_STALL;
  fill_hostile (window, h);
  cs_ui_click (window, "Continue");
  CS_UI_WAIT_FOR (h->requests == 1);
  g_assert_true (cs_wizard_get_busy (wizard));

  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  g_signal_emit_by_name (cs_window_get_start_page (window), "authorize-again", "demo",
                         CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET);
  cs_ui_spin (100);
  g_assert_true (cs_wizard_get_busy (wizard));
  g_assert_cmpuint (cs_wizard_get_step (wizard), ==, 2);
  g_assert_cmpuint (h->requests, ==, 1);

  /* It ends as it would have: timed out, Back finds the inputs of the running one. */
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard) && cs_ui_can_click (window, "Retry"));
  g_assert_true (cs_ui_text_shown (window, "did not answer within 1 second"));
  g_assert_cmpuint (h->requests, ==, 1);
  cs_ui_click (window, "Back");
  CS_UI_WAIT_FOR (cs_wizard_get_step (wizard) == 1);
  assert_inputs_kept (window, h);

  cs_ui_close_window (window);
  current_window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test hook for the client's timeout: a silent provider fails after a second. */
  g_setenv ("COUNTERSIGN_TIMEOUT", "1", TRUE);
  cs_ui_flow_start (&argc, &argv, FALSE);

  for (guint i = 0; i < cs_hostile_n_cases; i++)
    {
      g_autofree char *path = NULL;

      if (cs_hostile_cases[i].window[0] == NULL)
        continue;
      path = g_strconcat ("/ui/bad-server/", cs_hostile_cases[i].name, NULL);
      g_test_add_data_func (path, &cs_hostile_cases[i], test_hostile_case);
    }
  g_test_add_func ("/ui/bad-server/new-authorization-while-busy",
                   test_new_authorization_while_busy);

  status = g_test_run ();

  cs_ui_flow_stop ();
  return status;
}
