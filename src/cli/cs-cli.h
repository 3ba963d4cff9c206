/* cs-cli.h — shared pieces of countersign-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, documented in --help and in countersign-cli(1). */
typedef enum
{
  CS_CLI_EXIT_OK = 0,
  CS_CLI_EXIT_FAILURE = 1,
  CS_CLI_EXIT_USAGE = 2,
  CS_CLI_EXIT_NETWORK = 3,
  CS_CLI_EXIT_REJECTED = 4,
  CS_CLI_EXIT_KEYRING = 5,
} CsCliExit;

typedef int (*CsCliCommandFunc) (int argc, char **argv);

/* One function per sub-command; argv[0] is the sub-command's name. */
int  cs_cli_sign            (int argc, char **argv);
int  cs_cli_request_token   (int argc, char **argv);
int  cs_cli_access_token    (int argc, char **argv);
int  cs_cli_authorize       (int argc, char **argv);
int  cs_cli_call            (int argc, char **argv);
int  cs_cli_providers       (int argc, char **argv);
int  cs_cli_demo_provider   (int argc, char **argv);
int  cs_cli_list            (int argc, char **argv);
int  cs_cli_show            (int argc, char **argv);
int  cs_cli_forget          (int argc, char **argv);
int  cs_cli_import          (int argc, char **argv);
int  cs_cli_oauth2          (int argc, char **argv);
int  cs_cli_token           (int argc, char **argv);

int  cs_cli_usage_error     (const char *option,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);
int  cs_cli_parse_options   (GOptionContext *context,
                             int            *argc,
                             char         ***argv);
char *cs_cli_secret_option  (char          **option_value,
                             const char     *env_name);
const char *cs_cli_exit_codes_help (void);

G_END_DECLS
