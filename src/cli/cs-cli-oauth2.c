/* cs-cli-oauth2.c — `countersign-cli oauth2`: the sub-commands and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-oauth2.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-error.h"
#include "cs-percent.h"
#include "cs-provider.h"

typedef struct
{
  const char       *name;
  const char       *prgname;   /* what --help's usage line names */
  CsCliCommandFunc  func;
  const char       *summary;
} SubCommand;

static const SubCommand sub_commands[] = {
  { "authorize", "oauth2 authorize", cs_cli_oauth2_authorize,
    N_("Authorization code with PKCE: the browser, then the tokens") },
  { "refresh", "oauth2 refresh", cs_cli_oauth2_refresh,
    N_("Get a new access token with a refresh token (the stored one is rotated)") },
  { "revoke", "oauth2 revoke", cs_cli_oauth2_revoke,
    N_("Revoke an access or refresh token (RFC 7009)") },
  { "client-credentials", "oauth2 client-credentials", cs_cli_oauth2_client_credentials,
    N_("Get an app-only bearer token (client credentials)") },
  { "exchange", "oauth2 exchange", cs_cli_oauth2_exchange,
    N_("Exchange an OAuth 1.0a access token for an OAuth 2.0 pair (X)") },
};

void
cs_cli_oauth2_init (CsCliOAuth2 *run)
{
  memset (run, 0, sizeof *run);
  cs_cli_session_init (&run->session);
}

void
cs_cli_oauth2_clear (CsCliOAuth2 *run)
{
  g_clear_object (&run->client);
  g_clear_object (&run->transport);
  g_clear_object (&run->store);
  g_clear_pointer (&run->client_secret, cs_secret_free);
  cs_cli_args_clear (&run->args);
  cs_cli_session_clear (&run->session);
}

int
cs_cli_oauth2_parse (CsCliOAuth2        *run,
                     int                *argc,
                     char             ***argv,
                     const char         *summary,
                     const char * const *names)
{
  CsCliArgs *a = &run->args;
  int status;

  if ((status = cs_cli_parse_command (a, argc, argv, summary, names)) >= 0 ||
      (status = cs_cli_parse_format (a->format, &run->format)) >= 0)
    return status;
  /* G_MININT: no --timeout, the transport's default (30 s). */
  if (a->timeout != G_MININT && a->timeout <= 0)
    return cs_cli_usage_error ("--timeout", _("must be a positive number of seconds"));
  run->transport = cs_transport_new ();
  if (a->timeout > 0)
    cs_transport_set_timeout (run->transport, a->timeout);
  return -1;
}

/* The URL options of @need, checked, over the provider's. */
static int
override_urls (CsCliOAuth2     *run,
               CsCliOAuth2Need  need)
{
  CsCliArgs *a = &run->args;
  CsProvider *p = run->session.provider;
  int status;

  if ((status = cs_cli_check_url_option ("--authorize-url", a->authorize_url)) >= 0 ||
      (status = cs_cli_check_url_option ("--token-url", a->token_url)) >= 0 ||
      (status = cs_cli_check_url_option ("--revoke-url", a->revoke_url)) >= 0)
    return status;
  if (a->authorize_url != NULL)
    cs_provider_set_oauth2_authorize_url (p, a->authorize_url);
  if (a->token_url != NULL)
    {
      cs_provider_set_oauth2_token_url (p, a->token_url);
      if (need & (CS_CLI_OAUTH2_NEED_CLIENT | CS_CLI_OAUTH2_NEED_EXCHANGE))
        {
          cs_provider_set_oauth2_client_credentials_url (p, a->token_url);
          cs_provider_set_oauth2_exchange_url (p, a->token_url);
        }
    }
  if (a->revoke_url != NULL)
    cs_provider_set_oauth2_revoke_url (p, a->revoke_url);
  return -1;
}

/* Without --provider: the URL options that stand in for it. */
static int
custom_provider (CsCliOAuth2     *run,
                 CsCliOAuth2Need  need)
{
  CsCliArgs *a = &run->args;

  if ((need & CS_CLI_OAUTH2_NEED_AUTHORIZE) && a->authorize_url == NULL)
    return cs_cli_usage_error ("--authorize-url", _("is required without --provider"));
  if ((need & (CS_CLI_OAUTH2_NEED_AUTHORIZE | CS_CLI_OAUTH2_NEED_TOKEN |
               CS_CLI_OAUTH2_NEED_CLIENT)) && a->token_url == NULL)
    return cs_cli_usage_error ("--token-url", _("is required without --provider"));
  if ((need & CS_CLI_OAUTH2_NEED_REVOKE) && a->revoke_url == NULL)
    return cs_cli_usage_error ("--revoke-url", _("is required without --provider"));
  run->session.provider = cs_provider_new ("custom", _("Custom provider"));
  cs_provider_set_is_custom (run->session.provider, TRUE);
  return -1;
}

int
cs_cli_oauth2_resolve_provider (CsCliOAuth2     *run,
                                CsCliOAuth2Need  need,
                                gboolean         whole_flow)
{
  CsCliArgs *a = &run->args;
  int status;

  if (a->provider == NULL)
    status = custom_provider (run, need);
  else
    status = cs_cli_session_find_provider (&run->session, a->provider, whole_flow);
  if (status >= 0 || (status = override_urls (run, need)) >= 0)
    return status;
  if (a->provider != NULL && cs_cli_oauth2_token_url (run, need) == NULL)
    return cs_cli_usage_error ("--provider", _("%s does not speak OAuth 2.0 here (no %s); give "
                                               "the provider’s URLs with --token-url"),
                               a->provider,
                               (need & CS_CLI_OAUTH2_NEED_REVOKE) ? "OAuth2RevokeURL"
                                                                  : "OAuth2TokenURL");
  return -1;
}

const char *
cs_cli_oauth2_token_url (CsCliOAuth2     *run,
                         CsCliOAuth2Need  need)
{
  CsProvider *p = run->session.provider;
  const char *url = NULL;

  if (need & CS_CLI_OAUTH2_NEED_REVOKE)
    return cs_provider_get_oauth2_revoke_url (p);
  if (need & CS_CLI_OAUTH2_NEED_CLIENT)
    url = cs_provider_get_oauth2_client_credentials_url (p);
  else if (need & CS_CLI_OAUTH2_NEED_EXCHANGE)
    url = cs_provider_get_oauth2_exchange_url (p);
  return url != NULL && *url != '\0' ? url : cs_provider_get_oauth2_token_url (p);
}

int
cs_cli_oauth2_setup_client (CsCliOAuth2 *run)
{
  CsCliArgs *a = &run->args;
  CsProvider *p = run->session.provider;
  gboolean demo = p != NULL && cs_provider_get_is_demo (p);
  const char *demo_id = demo ? cs_provider_get_demo_client_id (p) : NULL;
  char *secret;

  /* The demo's own clients: its public OAuth2ClientID when --client-id is omitted; its
   * OAuth2ClientSecret for its other (confidential) client. */
  if (a->client_id == NULL && demo_id != NULL)
    a->client_id = g_strdup (demo_id);
  if (a->client_id == NULL)
    return cs_cli_usage_error ("--client-id", _("is required"));
  if (*a->client_id == '\0' || !cs_is_printable_ascii (a->client_id))
    return cs_cli_usage_error ("--client-id", _("must be non-empty printable ASCII"));
  secret = cs_cli_secret_option (&a->client_secret, "COUNTERSIGN_CLIENT_SECRET");
  if (*secret == '\0' && demo && g_strcmp0 (a->client_id, demo_id) != 0 &&
      cs_provider_get_demo_client_secret (p) != NULL)
    {
      cs_secret_free (secret);
      secret = g_strdup (cs_provider_get_demo_client_secret (p));
    }
  if (*secret == '\0')
    g_clear_pointer (&secret, cs_secret_free);
  run->client_secret = secret;
  run->client = cs_oauth2_client_new (run->transport, a->client_id, run->client_secret);
  return -1;
}

int
cs_cli_oauth2_report_error (const GError *error)
{
  int status = cs_cli_report_error (error);
  const char *code = cs_oauth2_error_get_code (error);
  const char *description = cs_oauth2_error_get_description (error);

  /* For scripts: what the provider said, each on a line of its own. */
  if (code != NULL)
    g_printerr ("error=%s\n", code);
  if (description != NULL)
    g_printerr ("error_description=%s\n", description);
  return status;
}

static void
print_sub_commands (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: countersign-cli oauth2 SUB-COMMAND [OPTION…]"));
  fprintf (stream, "%s\n\n",
           _("OAuth 2.0: the authorization code with PKCE, refresh, revocation, app-only bearer "
             "tokens and X’s exchange of OAuth 1.0a tokens."));
  fprintf (stream, "%s\n", _("Sub-commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (sub_commands); i++)
    fprintf (stream, "  %-19s %s\n", sub_commands[i].name, _(sub_commands[i].summary));
  fprintf (stream, "\n%s\n\n",
           _("Run “countersign-cli oauth2 SUB-COMMAND --help” for the options of each."));
  fprintf (stream, "%s\n", cs_cli_exit_codes_help ());
}

int
cs_cli_oauth2 (int    argc,
               char **argv)
{
  if (argc < 2)
    {
      print_sub_commands (stderr);
      return CS_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_sub_commands (stdout);
      return CS_CLI_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sub_commands); i++)
    if (strcmp (argv[1], sub_commands[i].name) == 0)
      {
        /* argv[0] names the command in --help and in the usage errors. */
        argv[1] = (char *) sub_commands[i].prgname;
        return sub_commands[i].func (argc - 1, argv + 1);
      }
  return cs_cli_usage_error (NULL, _("Unknown sub-command “%s”; run “countersign-cli oauth2 "
                                     "--help”"), argv[1]);
}
