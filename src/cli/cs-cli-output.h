/* cs-cli-output.h — everything countersign-cli prints on standard output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Standard output is for scripts: tokens, headers, bodies; what is meant for a person goes
 * to standard error. The formats:
 *
 * - lines: `name=value`, one field per line, the value decoded, with control characters and
 *   "%" percent-encoded (%0A, %25…) so that no value can forge a line of its own;
 * - env:   `export COUNTERSIGN_NAME='value'`, quoted for a POSIX shell (oauth_ dropped from
 *   the name: oauth_token_secret → COUNTERSIGN_TOKEN_SECRET, the variable the commands read);
 * - json:  one object, the fields in order (a field that is not UTF-8 is left out).
 *
 * Shell quoting and the curl command line are cs-export's (src/oauth), shared with the
 * app's export. Text holding a secret is built in buffers that are wiped, never reallocated.
 */
#pragma once

#include <glib.h>

#include "cs-credentials.h"
#include "cs-oauth2-token.h"

G_BEGIN_DECLS

typedef enum
{
  CS_CLI_FORMAT_LINES,
  CS_CLI_FORMAT_ENV,
  CS_CLI_FORMAT_JSON,
} CsCliFormat;

/* --format lines|env|json (NULL: lines); -1, or the usage error's exit status. */
int   cs_cli_parse_format      (const char    *name,
                                CsCliFormat   *format);
/* One `name=value` line, escaped as above; nothing when @value is NULL. */
void  cs_cli_print_field       (const char    *name,
                                const char    *value);
/* Every field of a token answer, in the provider's order. */
void  cs_cli_print_credentials (CsCredentials *credentials,
                                CsCliFormat    format);
/* Every field of an OAuth 2.0 token answer, in the order received (json: expires_in a
 * number, the rest strings; env: COUNTERSIGN_ACCESS_TOKEN…). */
void  cs_cli_print_oauth2_token (CsOAuth2Token *token,
                                 CsCliFormat    format);
/* A curl command for a signed request (see cs_export_curl_command()). */
void  cs_cli_print_curl        (const char    *http_method,
                                const char    *url,
                                const char    *authorization,
                                const char    *form_body);
/* @text (taken, wiped): an export's text, printed as it is. */
void  cs_cli_print_secret_text (char          *text);
/* A response body as it is, with a newline after it unless it ends with one. */
void  cs_cli_print_body        (GBytes        *body);

G_END_DECLS
