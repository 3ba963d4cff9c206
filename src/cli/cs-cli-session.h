/* cs-cli-session.h — what a network command of countersign-cli works with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CsCliSession runs a GMainLoop while the command's asynchronous calls are in flight;
 * Ctrl+C (SIGINT) and SIGTERM cancel them. It finds the provider through the flow layer's
 * CsProviderRegistry (the demo provider is started on demand and stopped with the session),
 * checks the consumer options and sets up the CsOAuthClient. Functions that return int
 * return -1 to go on, else the exit status (they have printed why).
 */
#pragma once

#include <gio/gio.h>

#include "cs-authorization.h"
#include "cs-cli-options.h"
#include "cs-credentials.h"
#include "cs-oauth-client.h"
#include "cs-provider-registry.h"

G_BEGIN_DECLS

#define CS_CLI_EXIT_CANCELLED 130

typedef struct
{
  GMainLoop          *loop;
  GCancellable       *cancellable;
  GAsyncResult       *result;
  guint               sigint_id;
  guint               sigterm_id;
  CsProviderRegistry *registry;
  CsProvider         *provider;
  CsOAuthClient      *client;
  CsConsumer          consumer;
  char               *consumer_secret;
  char               *private_key_pem;
} CsCliSession;

void           cs_cli_session_init              (CsCliSession    *session);
void           cs_cli_session_clear             (CsCliSession    *session);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsCliSession, cs_cli_session_clear)

/* The GAsyncReadyCallback for every call: pass the session as user data, then wait. */
void           cs_cli_session_ready             (GObject         *source,
                                                 GAsyncResult    *result,
                                                 gpointer         user_data);
/* Runs the loop until the pending call reports; the result is the session's until the next
 * wait. */
GAsyncResult  *cs_cli_session_wait              (CsCliSession    *session);

/* The provider from --provider, or a custom one from the URL options (@need_* name the URL
 * options required then). The demo provider, which dies with the command, only for
 * @whole_flow. Explicit URLs and --signature-method override the provider's. */
int            cs_cli_session_resolve_provider  (CsCliSession    *session,
                                                 CsCliArgs       *args,
                                                 gboolean         whole_flow,
                                                 gboolean         need_request,
                                                 gboolean         need_authorize,
                                                 gboolean         need_access);
/* --provider ID alone: a preset (the demo only for @whole_flow) or one of the user's. */
int            cs_cli_session_find_provider     (CsCliSession    *session,
                                                 const char      *id,
                                                 gboolean         whole_flow);
/* The consumer key and secret: options, then the environment, then (demo only) the
 * documented demo credentials; the private key for RSA-SHA1. */
int            cs_cli_session_resolve_consumer  (CsCliSession    *session,
                                                 CsCliArgs       *args);
/* The client, with --timeout and --allow-insecure-http. */
int            cs_cli_session_setup_client      (CsCliSession    *session,
                                                 CsCliArgs       *args);
/* resolve_provider, resolve_consumer and setup_client in a row. */
int            cs_cli_session_setup             (CsCliSession    *session,
                                                 CsCliArgs       *args,
                                                 gboolean         whole_flow,
                                                 gboolean         need_request,
                                                 gboolean         need_authorize,
                                                 gboolean         need_access);

/* An authorization with the session's client, provider and consumer, and --callback (oob,
 * loopback or a URL) and --access-type. */
CsAuthorization *cs_cli_session_new_authorization (CsCliSession *session,
                                                   CsCliArgs    *args);

/* --token and --token-secret (or COUNTERSIGN_TOKEN_SECRET), as the client takes them. */
CsCredentials *cs_cli_credentials_from_args     (CsCliArgs       *args);

/* The exit status for @error (one switch over the error domains and codes). */
int            cs_cli_exit_status_for           (const GError    *error);
/* Prints "countersign-cli: MESSAGE" and returns the exit status for @error. */
int            cs_cli_report_error              (const GError    *error);

/* Opens @url in the default browser; says on stderr when it cannot. */
void           cs_cli_open_browser              (const char      *url);

G_END_DECLS
