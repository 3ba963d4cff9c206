/* cs-cli.c — countersign-cli: main and sub-command dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-log.h"
#include "cs-percent.h"

typedef struct
{
  const char       *name;
  CsCliCommandFunc  func;
  const char       *summary;
} Command;

static const Command commands[] = {
  { "sign", cs_cli_sign, N_("Print the OAuth 1.0a Authorization header for a request") },
  { "request-token", cs_cli_request_token, N_("Get a request token (temporary credentials)") },
  { "access-token", cs_cli_access_token,
    N_("Exchange a request token and verifier for an access token") },
  { "authorize", cs_cli_authorize, N_("Run the whole authorization in the terminal") },
  { "call", cs_cli_call, N_("Send a signed request and print the response") },
  { "oauth2", cs_cli_oauth2,
    N_("OAuth 2.0: authorize, refresh, revoke, client-credentials, exchange") },
  { "token", cs_cli_token, N_("Print a stored OAuth 2.0 access token, refreshed when needed") },
  { "providers", cs_cli_providers, N_("List the known providers") },
  { "demo-provider", cs_cli_demo_provider, N_("Run the built-in demo provider on loopback") },
  { "list", cs_cli_list, N_("List the credentials stored in the keyring") },
  { "show", cs_cli_show, N_("Show or export stored credentials") },
  { "forget", cs_cli_forget, N_("Delete stored credentials from the keyring") },
  { "import", cs_cli_import, N_("Import what twurl or xurl keep in plain text into the keyring") },
};

const char *
cs_cli_exit_codes_help (void)
{
  return _("Exit status:\n"
           "  0  success\n"
           "  2  usage error or refused input (such as plain http to a host that is not loopback)\n"
           "  3  network, TLS or timeout error\n"
           "  4  rejected by the provider (the HTTP status and the provider’s message are "
           "printed)\n"
           "  5  keyring error");
}

int
cs_cli_usage_error (const char *option,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (option != NULL)
    g_printerr ("countersign-cli: %s: %s\n", option, message);
  else
    g_printerr ("countersign-cli: %s\n", message);
  return CS_CLI_EXIT_USAGE;
}

/* Parses the options of a sub-command; returns -1 on success, else the exit status. */
int
cs_cli_parse_options (GOptionContext *context,
                      int            *argc,
                      char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return cs_cli_usage_error (NULL, "%s", error->message);
  if (*argc > 1)
    return cs_cli_usage_error (NULL, _("Unexpected argument “%s”"), (*argv)[1]);
  return -1;
}

/* A secret comes from its option or, to keep it out of the process list, the environment. */
char *
cs_cli_secret_option (char      **option_value,
                      const char *env_name)
{
  const char *env;

  if (*option_value != NULL)
    return g_steal_pointer (option_value);
  env = g_getenv (env_name);
  return g_strdup (env ? env : "");
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: countersign-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n\n",
           _("Countersign signs OAuth 1.0a requests and obtains OAuth 1.0a and OAuth 2.0 "
             "access tokens."));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n\n",
           _("Run “countersign-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "%s\n", cs_cli_exit_codes_help ());
}

int
main (int    argc,
      char **argv)
{
  cs_log_init ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("countersign-cli");
  /* Standard output is for scripts (tokens, headers): debug and info messages, which GLib
   * sends there by default, go to standard error with everything else. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2)
    {
      print_usage (stderr);
      return CS_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return CS_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("countersign-cli %s\n", PACKAGE_VERSION);
      return CS_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].func (argc - 1, argv + 1);

  return cs_cli_usage_error (NULL, _("Unknown command “%s”; run “countersign-cli --help”"),
                             argv[1]);
}
