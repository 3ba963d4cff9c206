/* cs-cli-flow.c — the keyring commands of countersign-cli (in progress)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-cli.h"

static int
not_yet (const char *name)
{
  g_printerr (_("countersign-cli: “%s” is not available in this build yet\n"), name);
  return CS_CLI_EXIT_FAILURE;
}

int cs_cli_list (int argc, char **argv) { return not_yet (argv[0]); }
int cs_cli_show (int argc, char **argv) { return not_yet (argv[0]); }
int cs_cli_forget (int argc, char **argv) { return not_yet (argv[0]); }
