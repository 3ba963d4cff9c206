/* cs-cli-authorize.c — `countersign-cli authorize`: the whole flow in the terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view of the flow layer's CsAuthorization, run through: the authorize URL and the
 * prompts go to standard error, the PIN (or, with --callback URL, the address the browser was
 * sent to) comes from standard input (read without blocking
 * the loop, so that Ctrl+C and the demo provider keep working), the access token goes to
 * standard output before the keyring is asked, so that a keyring failure loses nothing.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "cs-cli.h"
#include "cs-cli-output.h"
#include "cs-cli-session.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"

typedef struct
{
  CsCliArgs        *args;
  CsCliFormat       format;
  GCancellable     *cancellable;
  GDataInputStream *stdin_lines;
  gboolean          reading;      /* a PIN read is in flight */
} Authorize;

static void
authorize_url_ready_cb (CsAuthorization *auth,
                        const char      *url,
                        Authorize       *run)
{
  g_printerr ("%s\n%s\n", _("Open this page in a web browser and allow access:"), url);
  if (!run->args->no_browser)
    cs_cli_open_browser (url);
}

/* The loopback server listens: say where the browser is expected; once the access token is
 * known (the keyring comes next), print it. */
static void
progress_cb (CsAuthorization *auth,
             GParamSpec      *pspec,
             Authorize       *run)
{
  CsAuthorizationState state = cs_authorization_get_state (auth);
  CsAuthorizationStep step = cs_authorization_get_step (auth);

  if (step == CS_AUTHORIZATION_STEP_AUTHORIZE && state == CS_AUTHORIZATION_STATE_WAITING &&
      cs_authorization_get_callback (auth) == CS_AUTHORIZATION_CALLBACK_LOOPBACK)
    g_printerr (_("Waiting for the browser to come back to %s …\n"),
                cs_authorization_get_callback_url (auth));
  else if (step == CS_AUTHORIZATION_STEP_SAVE && state == CS_AUTHORIZATION_STATE_RUNNING)
    cs_cli_print_credentials (cs_authorization_get_access_token (auth), run->format);
}

/* With --callback URL the user pastes the address the browser was sent to. */
static gboolean
wants_address (CsAuthorization *auth)
{
  return cs_authorization_get_callback (auth) == CS_AUTHORIZATION_CALLBACK_URL;
}

/* The line read, checked; NULL with an error. */
static char *
pin_from_line (char     *line,
               gboolean  address,
               GError  **error)
{
  g_autofree char *owned = line;

  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                             address ? _("No address was entered") : _("No PIN was entered"));
      return NULL;
    }
  g_strstrip (line);
  if (*line == '\0' || !cs_is_printable_ascii (line))
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           address ? _("Paste the whole address the browser was sent to (or "
                                       "the oauth_verifier value in it)")
                                   : _("The PIN must be the letters and digits the provider "
                                       "showed"));
      return NULL;
    }
  return g_steal_pointer (&owned);
}

static void need_verifier_cb (CsAuthorization *auth,
                              Authorize       *run);

static void
pin_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsAuthorization) auth = user_data;
  Authorize *run = g_object_get_data (G_OBJECT (auth), "cs-cli-authorize");
  GError *error = NULL;
  char *line;
  char *pin;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  run->reading = FALSE;
  /* A terminal echoes the user's Enter; a pipe does not, so end the prompt's line here. */
  if (!isatty (STDIN_FILENO))
    g_printerr ("\n");
  pin = pin_from_line (line, wants_address (auth), &error);
  if (pin == NULL)
    {
      cs_authorization_fail_verifier (auth, error);
      return;
    }
  /* A PIN is printable ASCII, so it cannot be refused; an address can carry another
   * authorization's token (asked again) or the refusal (the run ends). */
  if (!cs_authorization_submit_verifier (auth, pin, &error) &&
      g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK))
    {
      g_printerr ("countersign-cli: %s\n", error->message);
      g_clear_error (&error);
      need_verifier_cb (auth, run);
    }
  else if (error != NULL)
    cs_authorization_fail_verifier (auth, error);
  cs_secret_free (pin);
}

static void
need_verifier_cb (CsAuthorization *auth,
                  Authorize       *run)
{
  g_autoptr(GInputStream) base = NULL;

  if (run->stdin_lines == NULL)
    {
      base = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      run->stdin_lines = g_data_input_stream_new (base);
    }
  if (wants_address (auth))
    g_printerr (_("After you allow access, the browser is sent to %s with the verifier. Paste "
                  "the address it was sent to: "),
                cs_authorization_get_callback_url (auth));
  else
    g_printerr ("%s", _("Enter the PIN the provider shows after you allow access: "));
  run->reading = TRUE;
  g_data_input_stream_read_line_async (run->stdin_lines, G_PRIORITY_DEFAULT, run->cancellable,
                                       pin_read_cb, g_object_ref (auth));
}

/* Runs the flow; returns the exit status. */
static int
authorize (CsCliSession    *session,
           CsAuthorization *auth,
           Authorize       *run)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_object_set_data (G_OBJECT (auth), "cs-cli-authorize", run);
  g_signal_connect (auth, "authorize-url-ready", G_CALLBACK (authorize_url_ready_cb), run);
  g_signal_connect (auth, "notify::state", G_CALLBACK (progress_cb), run);
  g_signal_connect (auth, "need-verifier", G_CALLBACK (need_verifier_cb), run);
  cs_authorization_run_async (auth, session->cancellable, cs_cli_session_ready, session);
  ok = cs_authorization_run_finish (auth, cs_cli_session_wait (session), &error);
  /* Ctrl+C during the PIN prompt: the read ends too, and ends the prompt's line. */
  while (run->reading)
    g_main_context_iteration (NULL, TRUE);

  if (!ok && cs_authorization_get_step (auth) == CS_AUTHORIZATION_STEP_SAVE)
    {
      g_printerr (_("countersign-cli: the access token was not saved in the keyring: %s\n"),
                  error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? CS_CLI_EXIT_CANCELLED
                                                                      : CS_CLI_EXIT_KEYRING;
    }
  if (!ok)
    return cs_cli_report_error (error);
  if (run->args->no_store)
    cs_cli_print_credentials (cs_authorization_get_access_token (auth), run->format);
  else
    g_printerr (_("Saved in the keyring as %s (see “countersign-cli list”).\n"),
                cs_authorization_get_saved_id (auth));
  return CS_CLI_EXIT_OK;
}

int
cs_cli_authorize (int    argc,
                  char **argv)
{
  static const char * const names[] = {
    "provider", "base-url", "request-token-url", "authorize-url", "access-token-url",
    "consumer-key",
    "consumer-secret", "private-key", "callback", "access-type", "signature-method",
    "format", "no-browser", "no-store", "store-consumer-secret", "timeout",
    "allow-insecure-http", NULL
  };
  g_auto(CsCliArgs) a = { 0 };
  g_auto(CsCliSession) session;
  g_autoptr(CsAuthorization) auth = NULL;
  g_autoptr(CsTokenStore) store = NULL;
  Authorize run = { &a, CS_CLI_FORMAT_LINES, NULL, NULL, FALSE };
  guint port;
  int status;

  cs_cli_session_init (&session);
  if ((status = cs_cli_parse_command (&a, &argc, &argv,
                                      _("Run the whole OAuth 1.0a authorization in the "
                                        "terminal: get a request token, let the user allow "
                                        "access in a browser, then get the access token, print "
                                        "it and save it in the keyring. For OAuth 2.0 (the "
                                        "demo provider has both), run “countersign-cli oauth2 "
                                        "authorize”."),
                                      names)) >= 0 ||
      (status = cs_cli_parse_format (a.format, &run.format)) >= 0 ||
      (status = cs_cli_check_access_type (a.access_type)) >= 0 ||
      (status = cs_cli_check_callback (a.callback, &port)) >= 0)
    return status;
  if ((status = cs_cli_session_setup (&session, &a, TRUE, TRUE, TRUE, TRUE)) >= 0)
    return status;

  auth = cs_cli_session_new_authorization (&session, &a);
  if (!a.no_store)
    {
      store = cs_token_store_new ();
      cs_authorization_set_store (auth, store, a.store_consumer_secret);
    }
  run.cancellable = session.cancellable;
  status = authorize (&session, auth, &run);
  g_clear_object (&run.stdin_lines);
  return status;
}
