/* cs-cli-token.c — stored credentials in use: `token --account`, `call --account`, and
 * finding the stored credential a command means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `token --account NAME` prints only a valid OAuth 2.0 access token (refreshed first when it
 * has expired or expires within a minute, the stored item rotated), for
 * `curl -H "Authorization: Bearer $(countersign-cli token --account me)"`. `call --account`
 * sends a request with a stored credential of either kind: the OAuth 1.0a signature, or
 * `Authorization: Bearer` after the same refresh.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-oauth2.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-credential.h"
#include "cs-percent.h"
#include "cs-provider-error.h"

static gboolean
matches_account (CsStoredToken *token,
                 const char    *account)
{
  const char *stored = cs_stored_token_get_account (token);

  if (account == NULL)
    return TRUE;
  if (*account == '@')
    account++;
  return strcmp (cs_stored_token_get_id (token), account) == 0 ||
         (*stored != '\0' && strcmp (stored, account) == 0);
}

static gboolean
matches (CsStoredToken    *token,
         const CsCliMatch *match)
{
  gboolean oauth2 = cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2;

  if (!matches_account (token, match->account))
    return FALSE;
  if (match->provider_id != NULL &&
      strcmp (cs_stored_token_get_provider_id (token), match->provider_id) != 0)
    return FALSE;
  if (match->client_id != NULL &&
      (!oauth2 || strcmp (cs_stored_token_get_client_id (token), match->client_id) != 0))
    return FALSE;
  return TRUE;
}

/* Whether the item of @token holds @refresh_token (its secrets looked up). */
static gboolean
holds_refresh_token (CsCliSession  *session,
                     CsTokenStore  *store,
                     CsStoredToken *token,
                     const char    *refresh_token)
{
  g_autoptr(CsStoredToken) loaded = NULL;

  cs_token_store_lookup_async (store, cs_stored_token_get_id (token), session->cancellable,
                               cs_cli_session_ready, session);
  loaded = cs_token_store_lookup_finish (store, cs_cli_session_wait (session), NULL);
  return loaded != NULL &&
         g_strcmp0 (cs_stored_token_get_refresh_token (loaded), refresh_token) == 0;
}

char *
cs_cli_find_stored (CsCliSession     *session,
                    CsTokenStore     *store,
                    const CsCliMatch *match,
                    int              *status)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  CsStoredToken *found = NULL;

  *status = -1;
  cs_token_store_list_async (store, session->cancellable, cs_cli_session_ready, session);
  tokens = cs_token_store_list_finish (store, cs_cli_session_wait (session), &error);
  if (tokens == NULL)
    {
      if (match->keyring_optional)
        g_debug ("No stored credential to rotate: %s", error->message);
      else
        *status = cs_cli_report_error (error);
      return NULL;
    }
  /* Newest first: the first match, or the first OAuth 2.0 one when asked. */
  for (guint i = 0; i < tokens->len; i++)
    {
      CsStoredToken *token = tokens->pdata[i];

      if (!matches (token, match) ||
          (match->refresh_token != NULL &&
           (cs_stored_token_get_protocol (token) != CS_STORED_OAUTH2 ||
            !holds_refresh_token (session, store, token, match->refresh_token))))
        continue;
      if (found == NULL)
        found = token;
      if (!match->oauth2_first || cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
        {
          found = token;
          break;
        }
    }
  return found != NULL ? g_strdup (cs_stored_token_get_id (found)) : NULL;
}

char *
cs_cli_find_account (CsCliSession *session,
                     CsTokenStore *store,
                     const char   *account,
                     gboolean      oauth2_first,
                     int          *status)
{
  CsCliMatch match = { account, NULL, NULL, NULL, oauth2_first, FALSE };
  char *id = cs_cli_find_stored (session, store, &match, status);

  if (id == NULL && *status < 0)
    *status = cs_cli_usage_error ("--account", _("no stored credentials for “%s” (“countersign-cli "
                                                 "list” prints the accounts and ids)"),
                                  account);
  return id;
}

/* The stored credential of --account, fresh: refreshed (and rotated) when expired. */
static CsStoredToken *
fresh_account (CsCliSession *session,
               CsTokenStore *store,
               CsTransport  *transport,
               const char   *account,
               gboolean      oauth2_first,
               int          *status)
{
  g_autofree char *id = cs_cli_find_account (session, store, account, oauth2_first, status);
  g_autoptr(GError) error = NULL;
  CsStoredToken *token;

  if (id == NULL)
    return NULL;
  cs_credential_fresh_full_async (store, session->registry, transport, NULL, id, FALSE, NULL,
                                  session->cancellable, cs_cli_session_ready, session);
  token = cs_credential_fresh_finish (cs_cli_session_wait (session), &error);
  if (token == NULL)
    *status = cs_cli_oauth2_report_error (error);
  return token;
}

int
cs_cli_token (int    argc,
              char **argv)
{
  static const char * const names[] = { "account", "timeout", NULL };
  g_auto(CsCliOAuth2) run;
  g_autoptr(CsStoredToken) token = NULL;
  int status;

  cs_cli_oauth2_init (&run);
  if ((status = cs_cli_oauth2_parse (&run, &argc, &argv,
                                     _("Print only the stored OAuth 2.0 access token of an "
                                       "account, refreshed first when it has expired, as in "
                                       "curl -H \"Authorization: Bearer $(countersign-cli token "
                                       "--account me)\"."),
                                     names)) >= 0)
    return status;
  if (run.args.account == NULL)
    return cs_cli_usage_error ("--account", _("is required"));

  run.store = cs_token_store_new ();
  token = fresh_account (&run.session, run.store, run.transport, run.args.account, TRUE,
                         &status);
  if (token == NULL)
    return status;
  if (cs_stored_token_get_protocol (token) != CS_STORED_OAUTH2)
    return cs_cli_usage_error ("--account", _("“%s” is an OAuth 1.0a credential, which has no "
                                              "bearer token: use “countersign-cli call "
                                              "--account” to sign requests with it"),
                               run.args.account);
  printf ("%s\n", cs_stored_token_get_access_token (token));
  fflush (stdout);
  return CS_CLI_EXIT_OK;
}

/* An OAuth 2.0 request with the bearer; the body to stdout as it is. */
static int
call_bearer (CsCliArgs     *a,
             CsCliSession  *session,
             CsTransport   *transport,
             CsStoredToken *token)
{
  g_autoptr(CsOAuth2Client) client = cs_oauth2_client_new (transport,
                                                           cs_stored_token_get_client_id (token),
                                                           NULL);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *description = NULL;
  g_autofree char *host = NULL;
  guint http_status = 0;

  cs_oauth2_client_call_async (client, a->method, a->url, cs_stored_token_get_access_token (token),
                               a->data != NULL ? a->data : a->body,
                               a->data != NULL ? "application/x-www-form-urlencoded"
                                               : (a->body != NULL ? (a->content_type
                                                                     ?: "application/json")
                                                                  : NULL),
                               session->cancellable, cs_cli_session_ready, session);
  body = cs_oauth2_client_call_finish (client, cs_cli_session_wait (session), &http_status,
                                       &headers, &error);
  if (body == NULL)
    return cs_cli_report_error (error);
  cs_cli_print_body (body);
  if (http_status < 400)
    return CS_CLI_EXIT_OK;
  host = cs_oauth2_url_host (a->url);
  description = cs_provider_error_describe (http_status, g_bytes_get_data (body, NULL),
                                            g_bytes_get_size (body),
                                            headers ? soup_message_headers_get_content_type (
                                                        headers, NULL) : NULL);
  g_printerr ("countersign-cli: ");
  g_printerr (_("%s refused the request: %s"), host, description);
  g_printerr ("\n");
  return CS_CLI_EXIT_REJECTED;
}

/* OAuth 1.0a: the session gets the stored credential's provider and consumer, @a its token. */
static int
setup_signed (CsCliArgs     *a,
              CsCliSession  *session,
              CsStoredToken *token,
              char         **token_secret)
{
  int status;

  if ((status = cs_cli_session_find_provider (session, cs_stored_token_get_provider_id (token),
                                              FALSE)) >= 0)
    return status;
  a->consumer_key = g_strdup (cs_stored_token_get_consumer_key (token));
  if (cs_stored_token_get_consumer_secret (token) != NULL && a->consumer_secret == NULL &&
      g_getenv ("COUNTERSIGN_CONSUMER_SECRET") == NULL)
    a->consumer_secret = g_strdup (cs_stored_token_get_consumer_secret (token));
  a->token = g_strdup (cs_stored_token_get_token (token));
  *token_secret = g_strdup (cs_stored_token_get_token_secret (token));
  if ((status = cs_cli_session_resolve_consumer (session, a)) >= 0)
    return status;
  return cs_cli_session_setup_client (session, a);
}

int
cs_cli_call_stored (CsCliArgs     *a,
                    CsCliSession  *session,
                    char         **token_secret)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsTransport) transport = cs_transport_new ();
  g_autoptr(CsStoredToken) token = NULL;
  int status;

  if (a->token != NULL || a->consumer_key != NULL || a->provider != NULL)
    return cs_cli_usage_error ("--account", _("takes the provider, the consumer and the token "
                                              "from the keyring: leave out --provider, "
                                              "--consumer-key and --token"));
  if (a->timeout != G_MININT && a->timeout <= 0)
    return cs_cli_usage_error ("--timeout", _("must be a positive number of seconds"));
  if (a->timeout > 0)
    cs_transport_set_timeout (transport, a->timeout);
  token = fresh_account (session, store, transport, a->account, FALSE, &status);
  if (token == NULL)
    return status;
  if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
    return call_bearer (a, session, transport, token);
  return setup_signed (a, session, token, token_secret);
}
