/* cs-cli-session.c — what a network command of countersign-cli works with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cs-cli.h"
#include "cs-cli-session.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider.h"
#include "cs-token-store.h"

static gboolean
on_signal (gpointer user_data)
{
  CsCliSession *session = user_data;

  g_cancellable_cancel (session->cancellable);
  return G_SOURCE_CONTINUE;
}

void
cs_cli_session_init (CsCliSession *session)
{
  memset (session, 0, sizeof *session);
  session->loop = g_main_loop_new (NULL, FALSE);
  session->cancellable = g_cancellable_new ();
  session->sigint_id = g_unix_signal_add (SIGINT, on_signal, session);
  session->sigterm_id = g_unix_signal_add (SIGTERM, on_signal, session);
  session->registry = cs_provider_registry_new ();
}

void
cs_cli_session_clear (CsCliSession *session)
{
  g_clear_handle_id (&session->sigint_id, g_source_remove);
  g_clear_handle_id (&session->sigterm_id, g_source_remove);
  g_clear_object (&session->result);
  g_clear_object (&session->client);
  g_clear_object (&session->provider);
  /* Stops the demo provider, if this command started one. */
  g_clear_object (&session->registry);
  g_clear_object (&session->cancellable);
  g_clear_pointer (&session->loop, g_main_loop_unref);
  g_clear_pointer (&session->consumer_secret, cs_secret_free);
  g_clear_pointer (&session->private_key_pem, cs_secret_free);
}

void
cs_cli_session_ready (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CsCliSession *session = user_data;

  g_set_object (&session->result, result);
  g_main_loop_quit (session->loop);
}

GAsyncResult *
cs_cli_session_wait (CsCliSession *session)
{
  g_clear_object (&session->result);
  while (session->result == NULL)
    g_main_loop_run (session->loop);
  return session->result;
}

int
cs_cli_exit_status_for (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CS_CLI_EXIT_CANCELLED;
  if (error->domain == CS_STORE_ERROR)
    return CS_CLI_EXIT_KEYRING;
  if (error->domain != CS_OAUTH_ERROR)
    return CS_CLI_EXIT_FAILURE;

  switch ((CsOAuthError) error->code)
    {
    case CS_OAUTH_ERROR_INVALID_INPUT:
    case CS_OAUTH_ERROR_INVALID_URL:
    case CS_OAUTH_ERROR_UNSUPPORTED_METHOD:
    case CS_OAUTH_ERROR_KEY:
    case CS_OAUTH_ERROR_INSECURE:
    case CS_OAUTH_ERROR_PROVIDER_FILE:
      return CS_CLI_EXIT_USAGE;
    case CS_OAUTH_ERROR_NETWORK:
    case CS_OAUTH_ERROR_TLS:
    case CS_OAUTH_ERROR_NOT_TLS:
    case CS_OAUTH_ERROR_TIMEOUT:
    case CS_OAUTH_ERROR_REDIRECT:
    case CS_OAUTH_ERROR_TOO_LARGE:
    case CS_OAUTH_ERROR_CALLBACK:
      return CS_CLI_EXIT_NETWORK;
    case CS_OAUTH_ERROR_REJECTED:
    case CS_OAUTH_ERROR_BAD_RESPONSE:
    case CS_OAUTH_ERROR_DENIED:
      return CS_CLI_EXIT_REJECTED;
    default:
      return CS_CLI_EXIT_FAILURE;
    }
}

int
cs_cli_report_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("countersign-cli: %s\n", _("Cancelled"));
  else
    g_printerr ("countersign-cli: %s\n", error->message);
  return cs_cli_exit_status_for (error);
}

/* --provider ID: a preset, the demo provider (started here) or one of the user's. */
static int
find_provider (CsCliSession *session,
               const char   *id,
               gboolean      whole_flow)
{
  GPtrArray *presets = cs_provider_registry_get_presets (session->registry);
  CsProvider *preset = cs_provider_list_lookup (presets, id);
  g_autoptr(GError) error = NULL;

  if (preset != NULL && cs_provider_get_is_demo (preset) && !whole_flow)
    return cs_cli_usage_error ("--provider",
                               _("demo would start a demo provider that lives only as long "
                                 "as this command, so its tokens could not be used "
                                 "afterwards; run “countersign-cli authorize --provider "
                                 "demo” for the whole flow, or start “countersign-cli "
                                 "demo-provider” and pass the URLs it prints with "
                                 "--request-token-url, --access-token-url or --url"));
  cs_provider_registry_find_async (session->registry, id, session->cancellable,
                                   cs_cli_session_ready, session);
  session->provider = cs_provider_registry_find_finish (session->registry,
                                                        cs_cli_session_wait (session), &error);
  if (session->provider != NULL)
    return -1;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return cs_cli_usage_error ("--provider",
                               _("unknown provider “%s”; run “countersign-cli providers”"), id);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return cs_cli_report_error (error);
  /* The demo provider could not start. */
  g_printerr ("countersign-cli: %s\n", error->message);
  return CS_CLI_EXIT_FAILURE;
}

int
cs_cli_session_find_provider (CsCliSession *session,
                              const char   *id,
                              gboolean      whole_flow)
{
  return find_provider (session, id, whole_flow);
}

static int
custom_provider (CsCliSession *session,
                 CsCliArgs    *a,
                 gboolean      need_request,
                 gboolean      need_authorize,
                 gboolean      need_access)
{
  if (need_request && a->request_token_url == NULL)
    return cs_cli_usage_error ("--request-token-url", _("is required without --provider"));
  if (need_authorize && a->authorize_url == NULL)
    return cs_cli_usage_error ("--authorize-url", _("is required without --provider"));
  if (need_access && a->access_token_url == NULL)
    return cs_cli_usage_error ("--access-token-url", _("is required without --provider"));
  session->provider = cs_provider_new ("custom", _("Custom provider"));
  cs_provider_set_is_custom (session->provider, TRUE);
  return -1;
}

/* --base-url: a template provider's URLs on the user's server (cs-provider-template.h). */
static int
cs_cli_session_expand_base (CsCliSession *session,
                            CsCliArgs    *a,
                            gboolean      needs_urls)
{
  g_autoptr(GError) error = NULL;
  CsProvider *expanded;

  if (!cs_provider_is_template (session->provider))
    return a->base_url == NULL
             ? -1
             : cs_cli_usage_error ("--base-url", _("the provider “%s” does not take one"),
                                   cs_provider_get_id (session->provider));
  if (a->base_url == NULL && !needs_urls)
    return -1;
  if (a->base_url == NULL)
    return cs_cli_usage_error ("--base-url",
                               _("is required with --provider %s (its URLs are on your server, "
                                 "such as %s)"), cs_provider_get_id (session->provider),
                               cs_provider_get_base_url_example (session->provider) ?: "https://…");
  expanded = cs_provider_expand_template (session->provider, a->base_url,
                                          a->allow_insecure_http, &error);
  if (expanded == NULL)
    return cs_cli_usage_error ("--base-url", "%s", error->message);
  g_set_object (&session->provider, expanded);
  g_object_unref (expanded);
  return -1;
}

/* URLs that a provider saved in the window has: its id and name, as the window does. */
static void
use_saved_provider (CsCliSession *session)
{
  CsProvider *saved;

  cs_provider_registry_load_user_async (session->registry, session->cancellable,
                                        cs_cli_session_ready, session);
  if (!cs_provider_registry_load_user_finish (session->registry, cs_cli_session_wait (session),
                                              NULL, NULL))
    return;
  saved = cs_provider_registry_find_saved (session->registry, session->provider);
  if (saved == NULL)
    return;
  g_debug ("Endpoints of the saved provider %s", cs_provider_get_id (saved));
  g_set_object (&session->provider, saved);
}

int
cs_cli_session_resolve_provider (CsCliSession *session,
                                 CsCliArgs    *a,
                                 gboolean      whole_flow,
                                 gboolean      need_request,
                                 gboolean      need_authorize,
                                 gboolean      need_access)
{
  CsSignatureMethod method;
  int status;

  if ((status = a->provider != NULL
                  ? find_provider (session, a->provider, whole_flow)
                  : custom_provider (session, a, need_request, need_authorize, need_access)) >= 0 ||
      (status = cs_cli_session_expand_base (session, a, whole_flow || need_request ||
                                                        need_authorize || need_access)) >= 0 ||
      (status = cs_cli_check_url_option ("--request-token-url", a->request_token_url)) >= 0 ||
      (status = cs_cli_check_url_option ("--authorize-url", a->authorize_url)) >= 0 ||
      (status = cs_cli_check_url_option ("--access-token-url", a->access_token_url)) >= 0)
    return status;
  /* Explicit URLs override a preset's. */
  if (a->request_token_url != NULL)
    cs_provider_set_request_token_url (session->provider, a->request_token_url);
  if (a->authorize_url != NULL)
    cs_provider_set_authorize_url (session->provider, a->authorize_url);
  if (a->access_token_url != NULL)
    cs_provider_set_access_token_url (session->provider, a->access_token_url);
  if (a->provider == NULL && whole_flow)
    use_saved_provider (session);

  if (a->signature_method == NULL)
    return -1;
  if ((status = cs_cli_parse_signature_method (a->signature_method, &method)) >= 0)
    return status;
  cs_provider_set_signature_method (session->provider, method);
  return -1;
}

int
cs_cli_session_resolve_consumer (CsCliSession *session,
                                 CsCliArgs    *a)
{
  int status;

  if (a->consumer_key == NULL && cs_provider_get_is_demo (session->provider))
    {
      a->consumer_key = g_strdup (cs_provider_get_demo_consumer_key (session->provider));
      if (a->consumer_secret == NULL && g_getenv ("COUNTERSIGN_CONSUMER_SECRET") == NULL)
        a->consumer_secret = g_strdup (cs_provider_get_demo_consumer_secret (session->provider));
    }
  if (a->consumer_key == NULL)
    return cs_cli_usage_error ("--consumer-key", _("is required"));
  if (*a->consumer_key == '\0' || !cs_is_printable_ascii (a->consumer_key))
    return cs_cli_usage_error ("--consumer-key", _("must be non-empty printable ASCII"));

  session->consumer_secret = cs_cli_secret_option (&a->consumer_secret,
                                                   "COUNTERSIGN_CONSUMER_SECRET");
  if (cs_signature_method_is_rsa (cs_provider_get_signature_method (session->provider)) &&
      (status = cs_cli_read_private_key (a->private_key, &session->private_key_pem)) >= 0)
    return status;
  session->consumer.key = a->consumer_key;
  session->consumer.secret = session->consumer_secret;
  session->consumer.private_key_pem = session->private_key_pem;
  return -1;
}

int
cs_cli_session_setup_client (CsCliSession *session,
                             CsCliArgs    *a)
{
  session->client = cs_oauth_client_new ();
  /* G_MININT: no --timeout, the client's default. */
  if (a->timeout != G_MININT && a->timeout <= 0)
    return cs_cli_usage_error ("--timeout", _("must be a positive number of seconds"));
  if (a->timeout > 0)
    cs_oauth_client_set_timeout (session->client, a->timeout);
  cs_oauth_client_set_allow_insecure_http (session->client, a->allow_insecure_http);
  return -1;
}

int
cs_cli_session_setup (CsCliSession *session,
                      CsCliArgs    *a,
                      gboolean      whole_flow,
                      gboolean      need_request,
                      gboolean      need_authorize,
                      gboolean      need_access)
{
  int status;

  if ((status = cs_cli_session_resolve_provider (session, a, whole_flow, need_request,
                                                 need_authorize, need_access)) >= 0 ||
      (status = cs_cli_session_resolve_consumer (session, a)) >= 0)
    return status;
  return cs_cli_session_setup_client (session, a);
}

CsCredentials *
cs_cli_credentials_from_args (CsCliArgs *a)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  char *secret = cs_cli_secret_option (&a->token_secret, "COUNTERSIGN_TOKEN_SECRET");

  cs_param_list_add (params, "oauth_token", a->token);
  cs_param_list_add (params, "oauth_token_secret", secret);
  cs_secret_free (secret);
  return cs_credentials_new (params);
}

CsAuthorization *
cs_cli_session_new_authorization (CsCliSession *session,
                                  CsCliArgs    *a)
{
  CsAuthorization *auth = cs_authorization_new (session->client, session->provider,
                                                &session->consumer);
  guint port = 0;

  /* loopback:PORT, the port registered with the provider (checked by the command). */
  if (a->callback != NULL && g_str_has_prefix (a->callback, "loopback:") &&
      cs_cli_check_callback (a->callback, &port) < 0)
    {
      cs_authorization_set_callback (auth, CS_AUTHORIZATION_CALLBACK_LOOPBACK, NULL);
      cs_authorization_set_callback_port (auth, port);
    }
  else if (a->callback != NULL && strcmp (a->callback, "loopback") == 0)
    cs_authorization_set_callback (auth, CS_AUTHORIZATION_CALLBACK_LOOPBACK, NULL);
  else if (a->callback != NULL && strcmp (a->callback, "oob") != 0)
    cs_authorization_set_callback (auth, CS_AUTHORIZATION_CALLBACK_URL, a->callback);
  cs_authorization_set_access_type (auth, a->access_type);
  return auth;
}

void
cs_cli_open_browser (const char *url)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (url, NULL, &error))
    g_printerr (_("countersign-cli: could not open a web browser (%s); open the address "
                  "above yourself\n"),
                error->message);
}
