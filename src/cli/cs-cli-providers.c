/* cs-cli-providers.c — `countersign-cli providers` and `demo-provider`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-session.h"
#include "cs-demo-provider.h"

/* Under a provider: that it needs --base-url, and the end of OAuth 1.0a it announced. */
static void
print_notes (CsProvider *p)
{
  g_autofree char *end = cs_provider_describe_end_of_life (p);

  if (cs_provider_is_template (p))
    printf ("%-12s %s\n", "", _("(needs --base-url: the address of your server)"));
  if (end != NULL)
    printf ("%-12s %s\n", "", end);
}

int
cs_cli_providers (int    argc,
                  char **argv)
{
  static const char * const names[] = { NULL };
  g_auto(CsCliArgs) a = { 0 };
  g_auto(CsCliSession) session;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *presets;
  GPtrArray *user;
  int status;

  cs_cli_session_init (&session);
  if ((status = cs_cli_parse_command (&a, &argc, &argv,
                                      _("List the providers that --provider accepts: the "
                                        "presets, then your custom providers."),
                                      names)) >= 0)
    return status;

  presets = cs_provider_registry_get_presets (session.registry);
  for (guint i = 0; i < presets->len; i++)
    {
      CsProvider *p = g_ptr_array_index (presets, i);

      printf ("%-12s %s\n", cs_provider_get_id (p), cs_provider_get_name (p));
      print_notes (p);
    }

  cs_provider_registry_load_user_async (session.registry, session.cancellable,
                                        cs_cli_session_ready, &session);
  if (!cs_provider_registry_load_user_finish (session.registry, cs_cli_session_wait (&session),
                                              &warnings, &error))
    g_printerr (_("countersign-cli: custom providers: %s\n"), error->message);
  user = cs_provider_registry_get_user (session.registry);
  for (guint i = 0; i < user->len; i++)
    {
      CsProvider *p = g_ptr_array_index (user, i);

      printf ("%-12s %s %s\n", cs_provider_get_id (p), cs_provider_get_name (p),
              _("(custom)"));
      print_notes (p);
    }
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr ("countersign-cli: %s\n", warnings[i]);
  fflush (stdout);
  return CS_CLI_EXIT_OK;
}

/* The OAuth 2.0 side of the demo (issue 15): its endpoints and its two clients. */
static void
print_demo_oauth2 (const char *base)
{
  g_autofree char *authorize = g_strconcat (base, CS_DEMO_OAUTH2_AUTHORIZE_PATH, NULL);
  g_autofree char *token = g_strconcat (base, CS_DEMO_OAUTH2_TOKEN_PATH, NULL);
  g_autofree char *revoke = g_strconcat (base, CS_DEMO_OAUTH2_REVOKE_PATH, NULL);
  g_autofree char *invalidate = g_strconcat (base, CS_DEMO_OAUTH2_INVALIDATE_PATH, NULL);
  g_autofree char *me = g_strconcat (base, CS_DEMO_OAUTH2_USERS_ME_PATH, NULL);

  printf ("\n%s\n", _("OAuth 2.0 (authorization code with PKCE, refresh, revoke, client "
                      "credentials):"));
  printf ("%-22s %s\n", _("OAuth 2.0 authorize:"), authorize);
  printf ("%-22s %s\n", _("OAuth 2.0 token:"), token);
  printf ("%-22s %s\n", _("OAuth 2.0 revoke:"), revoke);
  printf ("%-22s %s\n", _("OAuth 2.0 invalidate:"), invalidate);
  printf ("%-22s %s\n", _("OAuth 2.0 user:"), me);
  printf ("%-22s %s\n", _("Public client ID:"), CS_DEMO_CLIENT_ID);
  printf ("%-22s %s\n", _("Confidential client:"), CS_DEMO_CONFIDENTIAL_CLIENT_ID);
  printf ("%-22s %s\n", _("Client secret:"), CS_DEMO_CLIENT_SECRET);
  printf ("%-22s %s\n", _("Scopes:"), CS_DEMO_OAUTH2_SCOPES);
  printf (_("Try:\n  countersign-cli oauth2 authorize --authorize-url %s \\\n"
            "    --token-url %s --client-id %s \\\n    --redirect loopback:%u\n"),
          authorize, token, CS_DEMO_CLIENT_ID, CS_DEMO_CALLBACK_PORT);
}

static void
print_demo (CsDemoProvider *demo)
{
  CsProvider *provider = cs_demo_provider_get_provider (demo);

  printf (_("Countersign demo provider listening on %s\n"), cs_demo_provider_get_base_url (demo));
  printf ("\n");
  printf ("%-20s %s\n", _("Request token URL:"), cs_provider_get_request_token_url (provider));
  printf ("%-20s %s\n", _("Authorize URL:"), cs_provider_get_authorize_url (provider));
  printf ("%-20s %s\n", _("Access token URL:"), cs_provider_get_access_token_url (provider));
  printf ("%-20s %s\n", _("Verify credentials:"), cs_provider_get_verify_url (provider));
  printf ("%-20s %s\n", _("Consumer key:"), CS_DEMO_CONSUMER_KEY);
  printf ("%-20s %s\n", _("Consumer secret:"), CS_DEMO_CONSUMER_SECRET);
  printf ("%-20s @%s (id %s)\n", _("Demo user:"), CS_DEMO_SCREEN_NAME, CS_DEMO_USER_ID);
  printf ("\n%s\n", _("Signature methods: HMAC-SHA1, HMAC-SHA256, PLAINTEXT. The demo "
                      "credentials are public and work only here."));
  printf (_("Try:\n  COUNTERSIGN_CONSUMER_SECRET=%s countersign-cli authorize \\\n"
            "    --request-token-url %s \\\n    --authorize-url %s \\\n"
            "    --access-token-url %s \\\n    --consumer-key %s\n"),
          CS_DEMO_CONSUMER_SECRET, cs_provider_get_request_token_url (provider),
          cs_provider_get_authorize_url (provider), cs_provider_get_access_token_url (provider),
          CS_DEMO_CONSUMER_KEY);
  print_demo_oauth2 (cs_demo_provider_get_base_url (demo));
  printf ("\n%s\n", _("Press Ctrl+C to stop."));
  fflush (stdout);
}

/* A demo provider on the port asked for, for other commands (and programs) to talk to; not
 * the registry's, which takes any free port. */
int
cs_cli_demo_provider (int    argc,
                      char **argv)
{
  static const char * const names[] = { "port", NULL };
  g_auto(CsCliArgs) a = { 0 };
  g_auto(CsCliSession) session;
  g_autoptr(CsDemoProvider) demo = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  cs_cli_session_init (&session);
  if ((status = cs_cli_parse_command (&a, &argc, &argv,
                                      _("Run the built-in demo provider (OAuth 1.0a and OAuth "
                                        "2.0) on 127.0.0.1 until Ctrl+C, and print its "
                                        "addresses and its public demo credentials."),
                                      names)) >= 0)
    return status;
  if (a.port < 0 || a.port > 65535)
    return cs_cli_usage_error ("--port", _("must be a number from 0 to 65535"));

  demo = cs_demo_provider_new ();
  if (!cs_demo_provider_start (demo, a.port, &error))
    {
      g_printerr ("countersign-cli: %s\n", error->message);
      return CS_CLI_EXIT_NETWORK;
    }
  print_demo (demo);

  g_signal_connect_swapped (session.cancellable, "cancelled", G_CALLBACK (g_main_loop_quit),
                            session.loop);
  g_main_loop_run (session.loop);
  cs_demo_provider_stop (demo);
  return CS_CLI_EXIT_OK;
}
