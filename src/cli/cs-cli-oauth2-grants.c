/* cs-cli-oauth2-grants.c — `countersign-cli oauth2 refresh`, `revoke`, `client-credentials`
 * and `exchange`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request each to the provider's token (or revocation) endpoint; standard output gets
 * only the token endpoint's fields. A refresh of a stored credential (the one holding
 * --refresh-token, or without it the stored one of the client) rotates the stored item: the
 * new tokens are printed first, so that a keyring failure (exit 5) loses nothing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-oauth2.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-credential.h"
#include "cs-percent.h"

/* Prints the answer of a grant, or says why there is none. */
static int
finish_grant (CsCliOAuth2 *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;

  token = cs_oauth2_client_token_finish (run->client, cs_cli_session_wait (&run->session),
                                         &error);
  if (token == NULL)
    return cs_cli_oauth2_report_error (error);
  cs_cli_print_oauth2_token (token, run->format);
  return CS_CLI_EXIT_OK;
}

/* The stored credential holding the refresh token (or of the client): refreshed and rotated. */
static int
refresh_stored (CsCliOAuth2 *run,
                const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStoredToken) fresh = NULL;
  GAsyncResult *result;
  CsOAuth2Token *answer;

  cs_credential_fresh_full_async (run->store, run->session.registry, run->transport,
                                  run->session.provider, id, TRUE, run->client_secret,
                                  run->session.cancellable, cs_cli_session_ready, &run->session);
  result = cs_cli_session_wait (&run->session);
  fresh = cs_credential_fresh_finish (result, &error);
  /* Printed even when the keyring then failed: the old refresh token is spent. */
  if ((answer = cs_credential_fresh_get_answer (result)) != NULL)
    cs_cli_print_oauth2_token (answer, run->format);
  if (fresh != NULL)
    {
      g_printerr (_("Stored the new tokens in the keyring as %s.\n"), id);
      return CS_CLI_EXIT_OK;
    }
  if (answer != NULL)
    {
      g_printerr (_("countersign-cli: the new tokens were not saved in the keyring: %s\n"),
                  error->message);
      return CS_CLI_EXIT_KEYRING;
    }
  return cs_cli_oauth2_report_error (error);
}

int
cs_cli_oauth2_refresh (int    argc,
                       char **argv)
{
  static const char * const names[] = {
    "provider", "token-url", "client-id", "client-secret", "refresh-token", "account",
    "scope", "format", "no-store", "timeout", NULL
  };
  g_auto(CsCliOAuth2) run;
  g_autofree char *id = NULL;
  char *refresh;
  int status = -1;

  cs_cli_oauth2_init (&run);
  if ((status = cs_cli_oauth2_parse (&run, &argc, &argv,
                                     _("Get a new access token with a refresh token: "
                                       "--refresh-token (or COUNTERSIGN_REFRESH_TOKEN), else "
                                       "the stored one of this client. A stored credential is "
                                       "rotated: the new tokens replace the old ones."),
                                     names)) >= 0 ||
      (status = cs_cli_oauth2_resolve_provider (&run, CS_CLI_OAUTH2_NEED_TOKEN, FALSE)) >= 0 ||
      (status = cs_cli_oauth2_setup_client (&run)) >= 0)
    return status;

  refresh = cs_cli_secret_option (&run.args.refresh_token, "COUNTERSIGN_REFRESH_TOKEN");
  run.args.refresh_token = refresh;
  if (!run.args.no_store)
    {
      CsCliMatch match = {
        run.args.account, run.args.provider, run.args.client_id,
        *refresh != '\0' ? refresh : NULL, TRUE, *refresh != '\0'
      };

      run.store = cs_token_store_new ();
      id = cs_cli_find_stored (&run.session, run.store, &match, &status);
      /* A refresh token given on its own needs no keyring. */
      if (id == NULL && status >= 0 && *refresh == '\0')
        return status;
    }
  if (id != NULL)
    return refresh_stored (&run, id);
  if (*refresh == '\0')
    return cs_cli_usage_error ("--refresh-token", _("is required: no credential of this "
                                                    "client is stored"));
  cs_oauth2_client_refresh_async (run.client, cs_cli_oauth2_token_url (&run,
                                                                       CS_CLI_OAUTH2_NEED_TOKEN),
                                  refresh, run.args.scope, run.session.cancellable,
                                  cs_cli_session_ready, &run.session);
  return finish_grant (&run);
}

int
cs_cli_oauth2_revoke (int    argc,
                      char **argv)
{
  static const char * const names[] = {
    "provider", "revoke-url", "client-id", "client-secret", "token", "token-type-hint",
    "timeout", NULL
  };
  g_auto(CsCliOAuth2) run;
  g_autoptr(GError) error = NULL;
  int status;

  cs_cli_oauth2_init (&run);
  if ((status = cs_cli_oauth2_parse (&run, &argc, &argv,
                                     _("Revoke an access token or a refresh token at the "
                                       "provider (RFC 7009). Prints nothing on success."),
                                     names)) >= 0 ||
      (status = cs_cli_check_token_type_hint (run.args.token_type_hint)) >= 0)
    return status;
  if (run.args.token == NULL || *run.args.token == '\0')
    return cs_cli_usage_error ("--token", _("is required (the token to revoke)"));
  if ((status = cs_cli_oauth2_resolve_provider (&run, CS_CLI_OAUTH2_NEED_REVOKE, FALSE)) >= 0 ||
      (status = cs_cli_oauth2_setup_client (&run)) >= 0)
    return status;

  cs_oauth2_client_revoke_async (run.client,
                                 cs_cli_oauth2_token_url (&run, CS_CLI_OAUTH2_NEED_REVOKE),
                                 run.args.token, run.args.token_type_hint,
                                 run.session.cancellable, cs_cli_session_ready, &run.session);
  if (!cs_oauth2_client_revoke_finish (run.client, cs_cli_session_wait (&run.session), &error))
    return cs_cli_oauth2_report_error (error);
  g_printerr ("%s\n", _("Revoked."));
  return CS_CLI_EXIT_OK;
}

int
cs_cli_oauth2_client_credentials (int    argc,
                                  char **argv)
{
  static const char * const names[] = {
    "provider", "token-url", "client-id", "client-secret", "scope", "format", "timeout", NULL
  };
  g_auto(CsCliOAuth2) run;
  int status;

  cs_cli_oauth2_init (&run);
  if ((status = cs_cli_oauth2_parse (&run, &argc, &argv,
                                     _("Get an app-only bearer token with the client "
                                       "credentials grant (a confidential client: its secret "
                                       "is sent with HTTP Basic)."),
                                     names)) >= 0 ||
      (status = cs_cli_oauth2_resolve_provider (&run, CS_CLI_OAUTH2_NEED_CLIENT, FALSE)) >= 0 ||
      (status = cs_cli_oauth2_setup_client (&run)) >= 0)
    return status;
  if (run.client_secret == NULL)
    return cs_cli_usage_error ("--client-secret", _("is required (or set "
                                                    "COUNTERSIGN_CLIENT_SECRET): app-only "
                                                    "tokens are for confidential clients"));

  cs_oauth2_client_client_credentials_async (run.client,
                                             cs_cli_oauth2_token_url (&run,
                                                                      CS_CLI_OAUTH2_NEED_CLIENT),
                                             run.args.scope, run.session.cancellable,
                                             cs_cli_session_ready, &run.session);
  return finish_grant (&run);
}

int
cs_cli_oauth2_exchange (int    argc,
                        char **argv)
{
  static const char * const names[] = {
    "provider", "token-url", "consumer-key-not-demo", "consumer-secret", "token",
    "token-secret", "client-id", "client-secret", "format", "timeout", NULL
  };
  g_auto(CsCliOAuth2) run;
  char *consumer_secret;
  char *token_secret;
  int status;

  cs_cli_oauth2_init (&run);
  if ((status = cs_cli_oauth2_parse (&run, &argc, &argv,
                                     _("Exchange an OAuth 1.0a access token (X’s) for an "
                                       "OAuth 2.0 access and refresh token."),
                                     names)) >= 0)
    return status;
  if (run.args.consumer_key == NULL || *run.args.consumer_key == '\0')
    return cs_cli_usage_error ("--consumer-key", _("is required"));
  if (run.args.token == NULL || *run.args.token == '\0')
    return cs_cli_usage_error ("--token", _("is required (the OAuth 1.0a access token)"));
  if (run.args.client_id == NULL)
    run.args.client_id = g_strdup (run.args.consumer_key);
  if ((status = cs_cli_oauth2_resolve_provider (&run, CS_CLI_OAUTH2_NEED_EXCHANGE,
                                                FALSE)) >= 0 ||
      (status = cs_cli_oauth2_setup_client (&run)) >= 0)
    return status;

  consumer_secret = cs_cli_secret_option (&run.args.consumer_secret,
                                          "COUNTERSIGN_CONSUMER_SECRET");
  token_secret = cs_cli_secret_option (&run.args.token_secret, "COUNTERSIGN_TOKEN_SECRET");
  cs_oauth2_client_exchange_oauth1_async (run.client,
                                          cs_cli_oauth2_token_url (&run,
                                                                   CS_CLI_OAUTH2_NEED_EXCHANGE),
                                          run.args.consumer_key, consumer_secret,
                                          run.args.token, token_secret,
                                          run.session.cancellable, cs_cli_session_ready,
                                          &run.session);
  status = finish_grant (&run);
  cs_secret_free (consumer_secret);
  cs_secret_free (token_secret);
  return status;
}
