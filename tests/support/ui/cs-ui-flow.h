/* cs-ui-flow.h — what the UI tests share to go through the flow: a browser that presses
 * Allow, the demo provider's steps, the keyring as the window left it, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "browser" is the launcher hook of CsApplication (cs_application_set_uri_launcher with
 * browser_launch): it fetches the authorize page with libsoup and presses Allow (or Deny),
 * like a person would. Everything else is real: the demo provider on loopback, the callback
 * server, the keyring daemon of the private session.
 */
#pragma once

#include <libsoup/soup.h>

#include "cs-demo-provider.h"
#include "cs-hostile.h"
#include "cs-start-page.h"
#include "cs-token-store.h"
#include "cs-ui-test.h"
#include "cs-value-row.h"
#include "cs-wizard.h"

G_BEGIN_DECLS

typedef struct
{
  SoupSession *session;
  char        *action;      /* "allow" or "deny" */
  char        *pin;         /* from the page shown after Allow, in PIN mode */
  gboolean     no_redirect; /* stop at the provider's redirect, keep its Location */
  char        *location;
  guint        launches;
  gboolean     done;
  guint        status;      /* of the provider's answer to the button pressed */
} Browser;

/* The test's browser; the test sets its session before the first launch. */
extern Browser   browser;
/* The window under test, for diagnose (); NULL between tests. */
extern CsWindow *current_window;

/* A UI test program's set-up after its own environment: cs_ui_init(), the browser's session,
 * browser_launch() as the application's launcher (unless @real_launcher: the test installs a
 * real handler) and diagnose() for failures. cs_ui_flow_stop() undoes it after g_test_run(). */
void            cs_ui_flow_start        (int        *argc,
                                         char     ***argv,
                                         gboolean    real_launcher);
void            cs_ui_flow_stop         (void);

/* For cs_ui_diagnose: the wizard's step and the browser's state. */
void            diagnose                (void);

/* The launcher hook: presses browser.action on the page at @uri. The demo's form posts the
 * token and the action; a redirect to the loopback callback is followed, as a browser would,
 * unless browser.no_redirect. */
void            browser_launch          (const char *uri,
                                         gpointer    user_data);
/* Sends @msg, the form of a button pressed on a provider's page, as browser_launch does:
 * browser.done, .status and (when browser.no_redirect) .location once answered. */
void            browser_send            (SoupMessage *msg);
/* Forgets the last launch; the next one presses @action. */
void            browser_reset           (const char *action);

CsWizard       *wizard_of               (CsWindow   *window);
/* Starts a new authorization and waits for its first step. */
void            open_wizard             (CsWindow   *window);
/* Selects @position in the combo row named @combo. */
void            choose                  (CsWindow   *window,
                                         const char *combo,
                                         guint       position);
/* The value of the value row named @name. */
const char     *shown_value             (CsWindow   *window,
                                         const char *name);

/* The keyring's entries, and one of them, as another part of the app would read them. */
GPtrArray      *keyring_list            (void);
CsStoredToken  *keyring_lookup          (const char *id);

/* Saves the window as $COUNTERSIGN_SCREENSHOT_DIR/@name (PNG); nothing when it is unset. */
void            screenshot              (CsWindow   *window,
                                         const char *name);

/* Steps 1 and 2 with the demo provider and the given callback mode (0 PIN, 1 loopback). */
void            request_token_with_demo (CsWindow   *window,
                                         guint       callback_mode);
/* From step 1 with the demo: custom-URL mode (the demo's extra callback
 * http://127.0.0.1:9/my-app/callback), a new request token, up to step 3. */
void            custom_url_to_authorize (CsWindow   *window);
/* The whole flow with the demo in loopback mode, the browser pressing Allow, up to the result
 * page, whose access token must be the one the demo issued. Returns the demo provider. */
CsDemoProvider *loopback_flow_to_result (CsWindow   *window);
/* Steps 4 and Done: the token shown is the demo's, and it lands in the keyring and list. */
void            finish_and_check        (CsWindow   *window);
/* Done: back to the list, which shows the new entry. */
void            done_and_listed         (CsWindow   *window);

/* Chooses Custom with @h's endpoints (a provider that never answers: HOSTILE_STALL), PIN mode
 * and the consumer "silent-key". */
void            fill_custom             (CsWindow   *window,
                                         Hostile    *h);

G_END_DECLS
