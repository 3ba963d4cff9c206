/* cs-cli-exchange.c — `countersign-cli request-token` and `access-token`: one leg each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two token requests of OAuth 1.0a on their own, for scripts that drive the flow step by
 * step. Each prints the provider's answer, one decoded `name=value` line per field in the
 * order the provider sent them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-output.h"
#include "cs-cli-session.h"

int
cs_cli_request_token (int    argc,
                      char **argv)
{
  static const char * const names[] = {
    "provider-not-demo", "base-url", "request-token-url", "consumer-key-not-demo",
    "consumer-secret",
    "private-key", "callback", "access-type", "signature-method", "timeout",
    "allow-insecure-http", NULL
  };
  g_auto(CsCliArgs) a = { 0 };
  g_auto(CsCliSession) session;
  g_autoptr(CsAuthorization) auth = NULL;
  g_autoptr(GError) error = NULL;
  guint port;
  int status;

  cs_cli_session_init (&session);
  if ((status = cs_cli_parse_command (&a, &argc, &argv,
                                      _("Get a request token (temporary credentials) and print "
                                        "the provider’s answer, one name=value line per field."),
                                      names)) >= 0 ||
      (status = cs_cli_check_access_type (a.access_type)) >= 0 ||
      (status = cs_cli_check_callback (a.callback, &port)) >= 0 ||
      (status = cs_cli_session_setup (&session, &a, FALSE, TRUE, FALSE, FALSE)) >= 0)
    return status;

  auth = cs_cli_session_new_authorization (&session, &a);
  cs_authorization_request_token_async (auth, session.cancellable, cs_cli_session_ready,
                                        &session);
  if (!cs_authorization_request_token_finish (auth, cs_cli_session_wait (&session), &error))
    return cs_cli_report_error (error);
  cs_cli_print_credentials (cs_authorization_get_request_token (auth), CS_CLI_FORMAT_LINES);
  return CS_CLI_EXIT_OK;
}

int
cs_cli_access_token (int    argc,
                     char **argv)
{
  static const char * const names[] = {
    "provider-not-demo", "base-url", "access-token-url", "consumer-key-not-demo", "consumer-secret",
    "private-key", "token", "token-secret", "verifier", "signature-method", "timeout",
    "allow-insecure-http", NULL
  };
  g_auto(CsCliArgs) a = { 0 };
  g_auto(CsCliSession) session;
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  cs_cli_session_init (&session);
  if ((status = cs_cli_parse_command (&a, &argc, &argv,
                                      _("Exchange an authorized request token and its verifier "
                                        "for an access token; prints one name=value line per "
                                        "field."),
                                      names)) >= 0)
    return status;
  if (a.token == NULL)
    return cs_cli_usage_error ("--token", _("is required (the request token)"));
  if (a.verifier == NULL)
    return cs_cli_usage_error ("--verifier", _("is required"));
  if ((status = cs_cli_session_setup (&session, &a, FALSE, FALSE, FALSE, TRUE)) >= 0)
    return status;

  rt = cs_cli_credentials_from_args (&a);
  cs_oauth_client_access_token_async (session.client, session.provider, &session.consumer, rt,
                                      a.verifier, session.cancellable, cs_cli_session_ready,
                                      &session);
  at = cs_oauth_client_access_token_finish (session.client, cs_cli_session_wait (&session),
                                            &error);
  if (at == NULL)
    return cs_cli_report_error (error);
  cs_cli_print_credentials (at, CS_CLI_FORMAT_LINES);
  return CS_CLI_EXIT_OK;
}
