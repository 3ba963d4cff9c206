/* cs-cli-options.h — the options of countersign-cli's commands, parsed and checked once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The network commands share one table of options (CsCliArgs); each command names the ones
 * it takes, so an option has the same spelling, help text and checks everywhere. The checks
 * here print the usage error (`countersign-cli: --option: why`) and return the exit status,
 * or -1 when the value is fine: callers chain them with `(status = check ()) >= 0`.
 */
#pragma once

#include <glib.h>

#include "cs-signer.h"

G_BEGIN_DECLS

/* Every option of the network commands; secrets are wiped when cleared. */
typedef struct
{
  char     *provider;
  char     *base_url;
  char     *request_token_url;
  char     *authorize_url;
  char     *access_token_url;
  char     *consumer_key;
  char     *consumer_secret;
  char     *private_key;
  char     *token;
  char     *token_secret;
  char     *verifier;
  char     *callback;
  char     *access_type;
  char     *signature_method;
  char     *method;
  char     *url;
  char     *data;
  char     *format;
  char     *body;
  char     *content_type;
  char     *realm;
  gboolean  body_hash;
  int       timeout;     /* G_MININT: not given */
  int       port;
  gboolean  no_browser;
  gboolean  no_store;
  gboolean  allow_insecure_http;
  gboolean  store_consumer_secret;
  /* OAuth 2.0 (the oauth2 commands, token, call --account) */
  char     *client_id;
  char     *client_secret;
  char     *scope;
  char     *redirect;
  char     *token_url;
  char     *revoke_url;
  char     *refresh_token;
  char     *token_type_hint;
  char     *account;
} CsCliArgs;

void            cs_cli_args_clear             (CsCliArgs          *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsCliArgs, cs_cli_args_clear)

/* An option context whose --help names @command (g_set_prgname; NULL leaves the name as it
 * is) and ends with @note and @exit_help; @parameter and @entries may be NULL. */
GOptionContext *cs_cli_option_context_new     (const char         *command,
                                               const char         *parameter,
                                               const char         *summary,
                                               const char         *note,
                                               const char         *exit_help,
                                               const GOptionEntry *entries);
/* Parses @argv (argv[0] is the command) with the options called @names (NULL-terminated;
 * "NAME-not-demo" is NAME as the commands that cannot use the demo provider describe it). */
int             cs_cli_parse_command          (CsCliArgs          *args,
                                               int                *argc,
                                               char             ***argv,
                                               const char         *summary,
                                               const char * const *names);

int             cs_cli_check_url_option       (const char         *option,
                                               const char         *url);
int             cs_cli_check_access_type      (const char         *access_type);
/* --callback: oob, loopback, loopback:PORT (@port set) or an absolute URL (@port 0). */
int             cs_cli_check_callback         (const char         *callback,
                                               guint              *port);
/* --redirect: loopback, loopback:PORT (@port set) or an absolute URL (@port 0, @url set). */
int             cs_cli_check_redirect         (const char         *redirect,
                                               guint              *port,
                                               gboolean           *is_url);
/* --token-type-hint: access_token or refresh_token. */
int             cs_cli_check_token_type_hint  (const char         *hint);
int             cs_cli_check_http_method      (const char         *method);
int             cs_cli_parse_signature_method (const char         *name,
                                               CsSignatureMethod  *method);
/* --data, --body, --content-type and --body-hash together. */
int             cs_cli_check_body_options     (const char         *data,
                                               const char         *body,
                                               const char         *content_type,
                                               gboolean            body_hash);
/* Reads @path for --private-key into @pem. */
int             cs_cli_read_private_key       (const char         *path,
                                               char              **pem);

G_END_DECLS
