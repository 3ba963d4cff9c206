/* cs-cli-store.c — the keyring commands of countersign-cli: list, show, forget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-options.h"
#include "cs-cli-output.h"
#include "cs-export.h"
#include "cs-oauth2-credential.h"
#include "cs-percent.h"
#include "cs-provider-registry.h"
#include "cs-token-store.h"

/* Runs one async call to completion on a private main loop. */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_clear (Wait *wait)
{
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  g_clear_object (&wait->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

static void
wait_init (Wait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->result = NULL;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static void
wait_run (Wait *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);
}

static const char *
store_exit_codes_help (void)
{
  return _("Exit status:\n"
           "  0  success\n"
           "  2  usage error, or no stored credentials with that id\n"
           "  5  keyring error: no keyring service, the keyring is locked, or the unlock "
           "prompt was dismissed");
}

/* A keyring error: says why and exits 5; an unknown id is the user's input, so 2. */
static int
store_error (const GError *error)
{
  if (g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND))
    {
      g_printerr ("countersign-cli: %s (%s)\n", error->message,
                  _("“countersign-cli list” prints the ids"));
      return CS_CLI_EXIT_USAGE;
    }
  g_printerr ("countersign-cli: %s\n", error->message);
  return CS_CLI_EXIT_KEYRING;
}

static GOptionContext *
store_context_new (const char         *parameter,
                   const char         *summary,
                   const GOptionEntry *entries)
{
  return cs_cli_option_context_new (NULL, parameter, summary,
                                    _("Credentials live only in the system keyring (the Secret "
                                      "Service, such as GNOME Keyring). Ids are printed by "
                                      "“countersign-cli list”."),
                                    store_exit_codes_help (), entries);
}

/* Parses options and the single ID argument; -1 on success, else the exit status. */
static int
parse_id (GOptionContext   *context,
          int              *argc,
          char           ***argv,
          const char      **id)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return cs_cli_usage_error (NULL, "%s", error->message);
  if (*argc < 2)
    return cs_cli_usage_error (NULL,
                               _("Which credentials? Give an id from “countersign-cli list”"));
  if (*argc > 2)
    return cs_cli_usage_error (NULL, _("Unexpected argument “%s”"), (*argv)[2]);
  *id = (*argv)[1];
  return -1;
}

static char *
format_date (gint64 modified)
{
  g_autoptr(GDateTime) date = NULL;

  if (modified <= 0)
    return g_strdup ("-");
  date = g_date_time_new_from_unix_local (modified);
  return date ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("-");
}

/* The presets and the user's providers, for the names they have now. */
static CsProviderRegistry *
loaded_registry (void)
{
  CsProviderRegistry *registry = cs_provider_registry_new ();
  g_auto(Wait) wait = { 0 };

  wait_init (&wait);
  cs_provider_registry_load_user_async (registry, NULL, on_done, &wait);
  wait_run (&wait);
  /* Unreadable files only leave their names out. */
  cs_provider_registry_load_user_finish (registry, wait.result, NULL, NULL);
  return registry;
}

int
cs_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsTokenStore) store = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsProviderRegistry) registry = NULL;
  g_auto(Wait) wait = { 0 };
  int status;

  context = store_context_new (NULL,
                               _("List the credentials stored in the keyring, newest first: "
                                 "one line per access token with its id, the provider, the "
                                 "account and the date it was stored, separated by tabs. "
                                 "No secret is printed."),
                               NULL);
  if ((status = cs_cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  store = cs_token_store_new ();
  wait_init (&wait);
  cs_token_store_list_async (store, NULL, on_done, &wait);
  wait_run (&wait);
  tokens = cs_token_store_list_finish (store, wait.result, &error);
  if (tokens == NULL)
    return store_error (error);

  if (tokens->len == 0)
    g_printerr ("%s\n", _("No credentials are stored in the keyring yet."));
  registry = loaded_registry ();
  for (guint i = 0; i < tokens->len; i++)
    {
      CsStoredToken *token = tokens->pdata[i];
      const char *account = cs_stored_token_get_account (token);
      g_autofree char *date = format_date (cs_stored_token_get_modified (token));

      const char *name =
        cs_provider_registry_display_name (registry, cs_stored_token_get_provider_id (token),
                                           cs_stored_token_get_provider_name (token));
      g_autofree char *shown = cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2
                                 ? g_strdup_printf (_("%s (OAuth 2.0)"), name) : g_strdup (name);

      printf ("%s\t%s\t%s%s\t%s\n", cs_stored_token_get_id (token), shown,
              *account != '\0' ? "@" : "", *account != '\0' ? account : "-", date);
    }
  return CS_CLI_EXIT_OK;
}

/* The provider a token was stored for: a preset, else a user-defined one, else a bare
 * provider with the stored id and name (enough for every format but curl). The demo preset
 * stays a description: its tokens died with the demo provider that issued them. */
static CsProvider *
find_provider (CsStoredToken *token)
{
  const char *id = cs_stored_token_get_provider_id (token);
  g_autoptr(CsProviderRegistry) registry = loaded_registry ();
  CsProvider *provider;

  if ((provider = cs_provider_registry_lookup (registry, id)) != NULL)
    return g_object_ref (provider);

  provider = cs_provider_new (id, cs_stored_token_get_provider_name (token));
  /* Not a preset: its export names come from its name, as for the user's providers. */
  cs_provider_set_is_custom (provider, TRUE);
  return provider;
}

static void
print_iso_date (const char *name,
                gint64      seconds)
{
  g_autoptr(GDateTime) date = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;
  g_autofree char *text = date != NULL ? g_date_time_format_iso8601 (date) : NULL;

  cs_cli_print_field (name, text);
}

/* An OAuth 2.0 item: name=value lines, names as in the JSON export. */
static void
print_oauth2_fields (CsStoredToken *token,
                     CsProvider    *provider)
{
  const char *account = cs_stored_token_get_account (token);
  const char *scopes = cs_stored_token_get_scopes (token);

  cs_cli_print_field ("protocol", "oauth2");
  cs_cli_print_field ("provider", cs_stored_token_get_provider_id (token));
  cs_cli_print_field ("provider_name", cs_provider_get_name (provider));
  cs_cli_print_field ("host", cs_stored_token_get_host (token));
  cs_cli_print_field ("account", *account != '\0' ? account : NULL);
  cs_cli_print_field ("client_id", cs_stored_token_get_client_id (token));
  cs_cli_print_field ("client_secret", cs_stored_token_get_client_secret (token));
  cs_cli_print_field ("access_token", cs_stored_token_get_access_token (token));
  cs_cli_print_field ("refresh_token", cs_stored_token_get_refresh_token (token));
  cs_cli_print_field ("scope", *scopes != '\0' ? scopes : NULL);
  print_iso_date ("expires", cs_stored_token_get_expires_at (token));
  print_iso_date ("stored", cs_stored_token_get_modified (token));
}

/* The default output: name=value lines, names as in the JSON export. */
static void
print_fields (CsStoredToken *token)
{
  const char *account = cs_stored_token_get_account (token);
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) modified = NULL;

  g_autoptr(CsProvider) provider = find_provider (token);

  if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
    {
      print_oauth2_fields (token, provider);
      return;
    }
  cs_cli_print_field ("provider", cs_stored_token_get_provider_id (token));
  /* The name the window shows: the provider's now, renamed or not. */
  cs_cli_print_field ("provider_name", cs_provider_get_name (provider));
  cs_cli_print_field ("host", cs_stored_token_get_host (token));
  cs_cli_print_field ("account", *account != '\0' ? account : NULL);
  cs_cli_print_field ("consumer_key", cs_stored_token_get_consumer_key (token));
  cs_cli_print_field ("consumer_secret", cs_stored_token_get_consumer_secret (token));
  cs_cli_print_field ("access_token", cs_stored_token_get_token (token));
  cs_cli_print_field ("access_token_secret", cs_stored_token_get_token_secret (token));
  if (cs_stored_token_get_modified (token) > 0 &&
      (modified = g_date_time_new_from_unix_utc (cs_stored_token_get_modified (token))) != NULL)
    {
      date = g_date_time_format_iso8601 (modified);
      cs_cli_print_field ("stored", date);
    }
}

static int
print_oauth2_export (CsStoredToken  *token,
                     CsExportFormat  format)
{
  g_autoptr(CsProvider) provider = find_provider (token);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = cs_oauth2_verify_url (provider);
  const char *account = cs_stored_token_get_account (token);
  CsExportOAuth2Data data = {
    .provider = provider,
    .client_id = cs_stored_token_get_client_id (token),
    .client_secret = cs_stored_token_get_client_secret (token),
    .access_token = cs_stored_token_get_access_token (token),
    .refresh_token = cs_stored_token_get_refresh_token (token),
    .scopes = cs_stored_token_get_scopes (token),
    .expires_at = cs_stored_token_get_expires_at (token),
    .account = *account != '\0' ? account : NULL,
    .bearer_url = url,
  };
  char *text = cs_export_oauth2 (&data, format, &error);

  if (text == NULL)
    {
      g_printerr ("countersign-cli: %s\n", error->message);
      return CS_CLI_EXIT_USAGE;
    }
  cs_cli_print_secret_text (text);
  return CS_CLI_EXIT_OK;
}

static int
print_export (CsStoredToken  *token,
              CsExportFormat  format)
{
  g_autoptr(CsProvider) provider = find_provider (token);
  g_autoptr(GError) error = NULL;
  const char *account = cs_stored_token_get_account (token);
  CsExportData data = {
    .provider = provider,
    .consumer_key = cs_stored_token_get_consumer_key (token),
    .consumer_secret = cs_stored_token_get_consumer_secret (token),
    .token = cs_stored_token_get_token (token),
    .token_secret = cs_stored_token_get_token_secret (token),
    .account = *account != '\0' ? account : NULL,
    .user_id = NULL,
  };
  char *text;

  if (cs_stored_token_get_protocol (token) == CS_STORED_OAUTH2)
    return print_oauth2_export (token, format);
  text = cs_export (&data, format, &error);
  if (text == NULL)
    {
      g_printerr ("countersign-cli: %s\n", error->message);
      return CS_CLI_EXIT_USAGE;
    }
  cs_cli_print_secret_text (text);
  return CS_CLI_EXIT_OK;
}

/* An expired OAuth 2.0 access token with a refresh token is refreshed (and the stored item
 * rotated) before it is shown; when that fails, the stored one is shown with a warning. */
static void
refresh_if_expired (CsTokenStore   *store,
                    CsStoredToken **token)
{
  g_autoptr(CsProviderRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Wait) wait = { 0 };
  const char *refresh = cs_stored_token_get_refresh_token (*token);
  CsStoredToken *fresh;

  if (cs_stored_token_get_protocol (*token) != CS_STORED_OAUTH2 || refresh == NULL ||
      *refresh == '\0' ||
      !cs_credential_is_expired (*token, g_get_real_time () / G_USEC_PER_SEC))
    return;
  registry = loaded_registry ();
  wait_init (&wait);
  cs_credential_fresh_async (store, registry, cs_stored_token_get_id (*token), FALSE, NULL,
                             on_done, &wait);
  wait_run (&wait);
  fresh = cs_credential_fresh_finish (wait.result, &error);
  if (fresh == NULL)
    {
      g_printerr (_("countersign-cli: the access token has expired and could not be refreshed: "
                    "%s\n"), error->message);
      return;
    }
  cs_stored_token_unref (*token);
  *token = fresh;
}

int
cs_cli_show (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsTokenStore) store = NULL;
  g_autoptr(CsStoredToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_auto(Wait) wait = { 0 };
  CsExportFormat format = CS_EXPORT_ENV;
  const char *id = NULL;
  int status;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("Print in this format: env (shell export lines), dotenv, json, curl (a signed "
         "request to the provider’s verify URL) or twurlrc (twurl’s YAML profile); "
         "without it, name=value lines"),
      N_("FORMAT") },
    { NULL }
  };

  context = store_context_new (_("ID"),
                               _("Print the stored credentials with this id, secrets "
                                 "included. Environment variables are named after the "
                                 "provider: TWITTER_CONSUMER_KEY, TWITTER_CONSUMER_SECRET (when "
                                 "stored), TWITTER_ACCESS_TOKEN, TWITTER_ACCESS_TOKEN_SECRET, "
                                 "TWITTER_ACCOUNT."),
                               entries);
  if ((status = parse_id (context, &argc, &argv, &id)) >= 0)
    return status;
  if (format_name != NULL && !cs_export_format_from_string (format_name, &format))
    return cs_cli_usage_error ("--format",
                               _("unknown format “%s”; use env, dotenv, json, curl or twurlrc"),
                               format_name);

  store = cs_token_store_new ();
  wait_init (&wait);
  cs_token_store_lookup_async (store, id, NULL, on_done, &wait);
  wait_run (&wait);
  token = cs_token_store_lookup_finish (store, wait.result, &error);
  if (token == NULL)
    return store_error (error);
  refresh_if_expired (store, &token);

  if (format_name == NULL)
    {
      print_fields (token);
      return CS_CLI_EXIT_OK;
    }
  return print_export (token, format);
}

int
cs_cli_forget (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsTokenStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Wait) wait = { 0 };
  const char *id = NULL;
  int status;

  context = store_context_new (_("ID"),
                               _("Delete the stored credentials with this id from the keyring "
                                 "(and the stored consumer secret, when no other account uses "
                                 "its consumer key). The tokens stay valid at the provider: "
                                 "revoke them there too if they leaked."),
                               NULL);
  if ((status = parse_id (context, &argc, &argv, &id)) >= 0)
    return status;

  store = cs_token_store_new ();
  wait_init (&wait);
  cs_token_store_delete_async (store, id, NULL, on_done, &wait);
  wait_run (&wait);
  if (!cs_token_store_delete_finish (store, wait.result, &error))
    return store_error (error);

  printf (_("Forgot the credentials %s.\n"), id);
  return CS_CLI_EXIT_OK;
}
