/* cs-cli-oauth2.h — what countersign-cli's OAuth 2.0 commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `countersign-cli oauth2 SUB-COMMAND` (authorize, refresh, revoke, client-credentials,
 * exchange), `token --account` and `call --account` work with one CsCliOAuth2: the session
 * (main loop, Ctrl+C, the provider registry), the options, the transport with --timeout and
 * the client with --client-id and the client secret (--client-secret or
 * COUNTERSIGN_CLIENT_SECRET; none: a public client). Functions that return int return -1 to
 * go on, else the exit status (they have printed why).
 */
#pragma once

#include "cs-cli-options.h"
#include "cs-cli-output.h"
#include "cs-cli-session.h"
#include "cs-oauth2-client.h"
#include "cs-token-store.h"
#include "cs-transport.h"

G_BEGIN_DECLS

typedef struct
{
  CsCliSession    session;
  CsCliArgs       args;
  CsCliFormat     format;
  char           *client_secret;  /* NULL: a public client */
  CsTransport    *transport;
  CsOAuth2Client *client;
  CsTokenStore   *store;
} CsCliOAuth2;

void  cs_cli_oauth2_init     (CsCliOAuth2 *run);
void  cs_cli_oauth2_clear    (CsCliOAuth2 *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsCliOAuth2, cs_cli_oauth2_clear)

/* Which of the provider's OAuth 2.0 URLs a command needs (and so which URL options stand in
 * for --provider). */
typedef enum
{
  CS_CLI_OAUTH2_NEED_AUTHORIZE = 1 << 0,
  CS_CLI_OAUTH2_NEED_TOKEN     = 1 << 1,
  CS_CLI_OAUTH2_NEED_REVOKE    = 1 << 2,
  CS_CLI_OAUTH2_NEED_CLIENT    = 1 << 3,  /* the app-only token URL */
  CS_CLI_OAUTH2_NEED_EXCHANGE  = 1 << 4,
} CsCliOAuth2Need;

/* Parses @argv, --format and --timeout. */
int   cs_cli_oauth2_parse            (CsCliOAuth2        *run,
                                      int                *argc,
                                      char             ***argv,
                                      const char         *summary,
                                      const char * const *names);
/* --provider (the demo only for @whole_flow) or the URL options of @need; explicit URLs
 * override the provider's. */
int   cs_cli_oauth2_resolve_provider (CsCliOAuth2        *run,
                                      CsCliOAuth2Need     need,
                                      gboolean            whole_flow);
/* --client-id (the demo's by default), the client secret, the transport and the client. */
int   cs_cli_oauth2_setup_client     (CsCliOAuth2        *run);
/* The token URL a command of @need posts to. */
const char *cs_cli_oauth2_token_url  (CsCliOAuth2        *run,
                                      CsCliOAuth2Need     need);
/* Prints the error (for a refusal, the provider's `error` and `error_description` on lines
 * of their own) and returns the exit status. */
int   cs_cli_oauth2_report_error     (const GError       *error);

/* Which stored credential a command means; NULL fields match anything. */
typedef struct
{
  const char *account;        /* an id, or the account with or without "@" */
  const char *provider_id;
  const char *client_id;      /* OAuth 2.0 items only */
  const char *refresh_token;  /* OAuth 2.0 items holding it (secrets are loaded) */
  gboolean    oauth2_first;   /* several match: the newest OAuth 2.0 one */
  gboolean    keyring_optional; /* a keyring error is no error: none matches */
} CsCliMatch;

/* The id of the newest stored credential that matches; NULL with *@status -1 when none
 * does, else with the exit status (printed: 5 for the keyring, 2 for an ambiguous or
 * unknown --account). */
char *cs_cli_find_stored             (CsCliSession       *session,
                                      CsTokenStore       *store,
                                      const CsCliMatch   *match,
                                      int                *status);
/* The same, for --account NAME: an unknown account is a usage error. */
char *cs_cli_find_account            (CsCliSession       *session,
                                      CsTokenStore       *store,
                                      const char         *account,
                                      gboolean            oauth2_first,
                                      int                *status);

/* `call --account`: an OAuth 2.0 credential's request is sent here (the exit status); for an
 * OAuth 1.0a one @session and @args are set up to sign it (-1). */
int   cs_cli_call_stored             (CsCliArgs          *args,
                                      CsCliSession       *session,
                                      char              **token_secret);

int   cs_cli_oauth2_authorize        (int                 argc,
                                      char              **argv);
int   cs_cli_oauth2_refresh          (int                 argc,
                                      char              **argv);
int   cs_cli_oauth2_revoke           (int                 argc,
                                      char              **argv);
int   cs_cli_oauth2_client_credentials (int               argc,
                                        char            **argv);
int   cs_cli_oauth2_exchange         (int                 argc,
                                      char              **argv);

G_END_DECLS
