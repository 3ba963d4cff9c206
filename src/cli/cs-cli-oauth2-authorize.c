/* cs-cli-oauth2-authorize.c — `countersign-cli oauth2 authorize`: the code flow in the terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view of the flow layer's CsOAuth2Authorization, run through: the authorize URL goes to
 * standard error on a line of its own (and to the browser unless --no-browser); the loopback
 * server waits for the browser, or, with --redirect URL, the address the browser was sent to
 * is read from standard input (without blocking the loop, so that Ctrl+C and the demo
 * provider keep working). Standard output gets only the token endpoint's fields, before the
 * keyring is asked, so that a keyring failure (exit 5) loses nothing.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "cs-cli.h"
#include "cs-cli-oauth2.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-authorization.h"
#include "cs-percent.h"

/* The scopes: --scope, else the provider's defaults. */
static char *
scope_for (CsCliOAuth2 *run)
{
  const char * const *defaults;

  if (run->args.scope != NULL)
    return g_strdup (run->args.scope);
  defaults = cs_provider_get_oauth2_default_scopes (run->session.provider);
  return defaults != NULL && defaults[0] != NULL ? g_strjoinv (" ", (char **) defaults) : NULL;
}

/* --redirect URL: the address the user pastes, one line of standard input. */
static char *
read_address (CsCliOAuth2           *run,
              CsOAuth2Authorization *auth,
              GError               **error)
{
  g_autoptr(GInputStream) base = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (base);
  char *line;

  g_printerr (_("After you allow access, the browser is sent to %s with the code. Paste the "
                "address it was sent to: "),
              cs_oauth2_authorization_get_redirect_uri (auth));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, run->session.cancellable,
                                       cs_cli_session_ready, &run->session);
  line = g_data_input_stream_read_line_finish_utf8 (lines, cs_cli_session_wait (&run->session),
                                                    NULL, error);
  if (!isatty (STDIN_FILENO))
    g_printerr ("\n");
  if (line == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                         _("No address was entered"));
  if (line != NULL)
    g_strstrip (line);
  return line;
}

/* The browser's redirect, checked, and the code exchanged. */
static CsOAuth2Token *
get_token (CsCliOAuth2           *run,
           CsOAuth2Authorization *auth,
           gboolean               paste,
           GError               **error)
{
  char *address;

  if (!paste)
    {
      g_printerr (_("Waiting for the browser to come back to %s …\n"),
                  cs_oauth2_authorization_get_redirect_uri (auth));
      cs_oauth2_authorization_wait_async (auth, run->session.cancellable, cs_cli_session_ready,
                                          &run->session);
    }
  else
    {
      if ((address = read_address (run, auth, error)) == NULL)
        return NULL;
      cs_oauth2_authorization_submit_redirect_async (auth, address, run->session.cancellable,
                                                     cs_cli_session_ready, &run->session);
      cs_secret_free (address);
    }
  return cs_oauth2_authorization_token_finish (auth, cs_cli_session_wait (&run->session), error);
}

static int
save (CsCliOAuth2           *run,
      CsOAuth2Authorization *auth)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  run->store = cs_token_store_new ();
  cs_oauth2_authorization_set_store (auth, run->store);
  cs_oauth2_authorization_save_async (auth, run->client_secret != NULL, run->session.cancellable,
                                      cs_cli_session_ready, &run->session);
  id = cs_oauth2_authorization_save_finish (auth, cs_cli_session_wait (&run->session), &error);
  if (id == NULL)
    {
      g_printerr (_("countersign-cli: the access token was not saved in the keyring: %s\n"),
                  error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? CS_CLI_EXIT_CANCELLED
                                                                      : CS_CLI_EXIT_KEYRING;
    }
  g_printerr (_("Saved in the keyring as %s (see “countersign-cli list”).\n"), id);
  return CS_CLI_EXIT_OK;
}

static int
run_flow (CsCliOAuth2 *run,
          guint        port,
          gboolean     paste)
{
  g_autoptr(CsOAuth2Authorization) auth = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = scope_for (run);
  const char *url;

  auth = cs_oauth2_authorization_new (run->session.provider, run->args.client_id,
                                      run->client_secret, scope);
  cs_oauth2_authorization_set_redirect (auth, paste ? CS_OAUTH2_REDIRECT_URL
                                                    : CS_OAUTH2_REDIRECT_LOOPBACK,
                                        port, paste ? run->args.redirect : NULL);
  if (run->args.timeout > 0)
    cs_oauth2_authorization_set_timeout (auth, run->args.timeout);
  if ((url = cs_oauth2_authorization_begin (auth, &error)) == NULL)
    return cs_cli_oauth2_report_error (error);
  g_printerr ("%s\n%s\n", _("Open this page in a web browser and allow access:"), url);
  if (!run->args.no_browser)
    cs_cli_open_browser (url);

  if ((token = get_token (run, auth, paste, &error)) == NULL)
    return cs_cli_oauth2_report_error (error);
  cs_cli_print_oauth2_token (token, run->format);
  if (run->args.no_store)
    return CS_CLI_EXIT_OK;
  return save (run, auth);
}

int
cs_cli_oauth2_authorize (int    argc,
                         char **argv)
{
  static const char * const names[] = {
    "provider", "authorize-url", "token-url", "client-id", "client-secret", "scope",
    "redirect", "no-browser", "no-store", "format", "timeout", NULL
  };
  g_auto(CsCliOAuth2) run;
  gboolean paste;
  guint port;
  int status;

  cs_cli_oauth2_init (&run);
  if ((status = cs_cli_oauth2_parse (&run, &argc, &argv,
                                     _("Run the OAuth 2.0 authorization code flow with PKCE in "
                                       "the terminal: let the user allow access in a browser, "
                                       "then print the tokens and save them in the keyring."),
                                     names)) >= 0 ||
      (status = cs_cli_check_redirect (run.args.redirect, &port, &paste)) >= 0 ||
      (status = cs_cli_oauth2_resolve_provider (&run, CS_CLI_OAUTH2_NEED_AUTHORIZE |
                                                      CS_CLI_OAUTH2_NEED_TOKEN, TRUE)) >= 0 ||
      (status = cs_cli_oauth2_setup_client (&run)) >= 0)
    return status;
  /* The demo registers its loopback port only (as X would): the default goes there. */
  if (run.args.redirect == NULL && cs_provider_get_is_demo (run.session.provider))
    port = cs_provider_get_oauth2_callback_port (run.session.provider);
  return run_flow (&run, port, paste);
}
