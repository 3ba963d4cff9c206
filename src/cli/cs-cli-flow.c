/* cs-cli-flow.c — the network commands of countersign-cli: request-token, access-token,
 * authorize, call, providers and demo-provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command runs a GMainLoop while its asynchronous calls are in flight; Ctrl+C cancels
 * them. Results go to standard output, one decoded `name=value` line per field in the order
 * the provider sent them; everything meant for a person goes to standard error.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cs-callback-server.h"
#include "cs-cli.h"
#include "cs-credentials.h"
#include "cs-demo-provider.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider.h"
#include "cs-provider-error.h"
#include "cs-token-store.h"

#define CS_CLI_EXIT_CANCELLED 130
/* How long `authorize` waits for the browser to come back to the loopback callback. */
#define CALLBACK_WAIT_SECONDS 600

/* The options shared by the commands; each command registers the ones it takes. */
typedef struct
{
  char     *provider;
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
  int       timeout;
  int       port;
  gboolean  no_browser;
  gboolean  no_store;
  gboolean  allow_insecure_http;
  gboolean  store_consumer_secret;
} FlowArgs;

static void
flow_args_clear (FlowArgs *a)
{
  g_free (a->provider);
  g_free (a->request_token_url);
  g_free (a->authorize_url);
  g_free (a->access_token_url);
  g_free (a->consumer_key);
  cs_secret_free (a->consumer_secret);
  g_free (a->private_key);
  cs_secret_free (a->token);
  cs_secret_free (a->token_secret);
  cs_secret_free (a->verifier);
  g_free (a->callback);
  g_free (a->access_type);
  g_free (a->signature_method);
  g_free (a->method);
  g_free (a->url);
  g_free (a->data);
  g_free (a->format);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FlowArgs, flow_args_clear)

/* What a command works with once its options are checked. */
typedef struct
{
  GMainLoop      *loop;
  GCancellable   *cancellable;
  GAsyncResult   *result;
  guint           sigint_id;
  guint           sigterm_id;
  CsDemoProvider *demo;
  CsProvider     *provider;
  CsOAuthClient  *client;
  CsConsumer      consumer;
  char           *consumer_secret;
  char           *private_key_pem;
} Flow;

static void
flow_clear (Flow *flow)
{
  g_clear_handle_id (&flow->sigint_id, g_source_remove);
  g_clear_handle_id (&flow->sigterm_id, g_source_remove);
  g_clear_object (&flow->result);
  g_clear_object (&flow->client);
  g_clear_object (&flow->provider);
  if (flow->demo != NULL)
    cs_demo_provider_stop (flow->demo);
  g_clear_object (&flow->demo);
  g_clear_object (&flow->cancellable);
  g_clear_pointer (&flow->loop, g_main_loop_unref);
  g_clear_pointer (&flow->consumer_secret, cs_secret_free);
  g_clear_pointer (&flow->private_key_pem, cs_secret_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Flow, flow_clear)

static gboolean
on_signal (gpointer user_data)
{
  Flow *flow = user_data;

  g_cancellable_cancel (flow->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
flow_init (Flow *flow)
{
  memset (flow, 0, sizeof *flow);
  flow->loop = g_main_loop_new (NULL, FALSE);
  flow->cancellable = g_cancellable_new ();
  flow->sigint_id = g_unix_signal_add (SIGINT, on_signal, flow);
  flow->sigterm_id = g_unix_signal_add (SIGTERM, on_signal, flow);
}

static void
flow_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Flow *flow = user_data;

  g_set_object (&flow->result, result);
  g_main_loop_quit (flow->loop);
}

/* Runs the main loop until the pending call reports; returns its result (owned by @flow
 * until the next wait). */
static GAsyncResult *
flow_wait (Flow *flow)
{
  g_clear_object (&flow->result);
  while (flow->result == NULL)
    g_main_loop_run (flow->loop);
  return flow->result;
}

static int
exit_status_for (const GError *error)
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

static int
report_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("countersign-cli: %s\n", _("Cancelled"));
  else
    g_printerr ("countersign-cli: %s\n", error->message);
  return exit_status_for (error);
}

/* A decoded value on one line: control characters would let a provider forge extra lines,
 * so they are shown percent-encoded. */
static void
print_field (const char *name,
             const char *value)
{
  /* Sized so that it is never reallocated (which would free a copy of the value unwiped);
   * wiped whole when freed. */
  g_autoptr(CsWipedString) line = g_string_sized_new (strlen (name) + 3 * strlen (value) + 3);

  g_string_append (line, name);
  g_string_append_c (line, '=');
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      if (*p < 0x20 || *p == 0x7f || *p == '%')
        {
          static const char hex[] = "0123456789ABCDEF";

          g_string_append_c (line, '%');
          g_string_append_c (line, hex[*p >> 4]);
          g_string_append_c (line, hex[*p & 0xf]);
        }
      else
        g_string_append_c (line, *p);
    }
  g_string_append_c (line, '\n');
  fwrite (line->str, 1, line->len, stdout);
}

static void
print_lines (CsCredentials *credentials)
{
  GPtrArray *params = cs_credentials_get_params (credentials);

  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *p = g_ptr_array_index (params, i);

      print_field (p->name, p->value);
    }
  fflush (stdout);
}

/* oauth_token → COUNTERSIGN_TOKEN, oauth_token_secret → COUNTERSIGN_TOKEN_SECRET (the
 * variable the other commands read), user_id → COUNTERSIGN_USER_ID… */
static char *
env_name (const char *field)
{
  GString *name = g_string_new ("COUNTERSIGN_");

  if (g_str_has_prefix (field, "oauth_"))
    field += strlen ("oauth_");
  for (const char *p = field; *p; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
  return g_string_free (name, FALSE);
}

static void
print_env (CsCredentials *credentials)
{
  GPtrArray *params = cs_credentials_get_params (credentials);

  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *p = g_ptr_array_index (params, i);
      g_autofree char *name = env_name (p->name);

      /* Quoted as g_shell_quote() would, straight to stdout: g_shell_quote() grows a string
       * and leaves copies of the value behind. */
      printf ("export %s='", name);
      for (const char *c = p->value; *c != '\0'; c++)
        if (*c == '\'')
          fputs ("'\\''", stdout);
        else
          putchar (*c);
      fputs ("'\n", stdout);
    }
  fflush (stdout);
}

static void
print_json (CsCredentials *credentials)
{
  GPtrArray *params = cs_credentials_get_params (credentials);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *p = g_ptr_array_index (params, i);

      if (!g_utf8_validate (p->name, -1, NULL) || !g_utf8_validate (p->value, -1, NULL))
        continue;
      json_builder_set_member_name (builder, p->name);
      json_builder_add_string_value (builder, p->value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
  cs_secret_free (text);
}

static gboolean
check_url_option (const char *option,
                  const char *url,
                  int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  if (url == NULL)
    return TRUE;
  base = cs_base_string_uri (url, &error);
  if (base == NULL)
    {
      *status = cs_cli_usage_error (option, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static CsProvider *
find_user_provider (Flow       *flow,
                    const char *id)
{
  g_autoptr(GPtrArray) user = NULL;
  g_auto(GStrv) warnings = NULL;
  CsProvider *found;

  cs_provider_load_user_async (NULL, flow->cancellable, flow_ready, flow);
  user = cs_provider_load_user_finish (flow_wait (flow), &warnings, NULL);
  if (user == NULL)
    return NULL;
  found = cs_provider_list_lookup (user, id);
  return found ? g_object_ref (found) : NULL;
}

/* Sets up flow->provider from --provider (starting the demo provider for "demo", which only
 * the whole flow, @whole_flow, can use: its tokens die with the command) or from the URL
 * options. Returns -1 or an exit status. */
static int
resolve_provider (Flow       *flow,
                  FlowArgs   *a,
                  gboolean    whole_flow,
                  gboolean    need_request,
                  gboolean    need_authorize,
                  gboolean    need_access)
{
  int status = -1;

  if (a->provider != NULL)
    {
      g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
      CsProvider *preset = cs_provider_list_lookup (presets, a->provider);

      if (preset != NULL && cs_provider_get_is_demo (preset) && !whole_flow)
        return cs_cli_usage_error ("--provider",
                                   _("demo would start a demo provider that lives only as long "
                                     "as this command, so its tokens could not be used "
                                     "afterwards; run “countersign-cli authorize --provider "
                                     "demo” for the whole flow, or start “countersign-cli "
                                     "demo-provider” and pass the URLs it prints with "
                                     "--request-token-url, --access-token-url or --url"));
      if (preset != NULL && cs_provider_get_is_demo (preset))
        {
          g_autoptr(GError) error = NULL;

          flow->demo = cs_demo_provider_new ();
          if (!cs_demo_provider_start (flow->demo, 0, &error))
            {
              g_printerr ("countersign-cli: %s\n", error->message);
              return CS_CLI_EXIT_FAILURE;
            }
          flow->provider = g_object_ref (cs_demo_provider_get_provider (flow->demo));
        }
      else if (preset != NULL)
        flow->provider = g_object_ref (preset);
      else if ((flow->provider = find_user_provider (flow, a->provider)) == NULL)
        return cs_cli_usage_error ("--provider",
                                   _("unknown provider “%s”; run “countersign-cli providers”"),
                                   a->provider);
    }
  else
    {
      if (need_request && a->request_token_url == NULL)
        return cs_cli_usage_error ("--request-token-url", _("is required without --provider"));
      if (need_authorize && a->authorize_url == NULL)
        return cs_cli_usage_error ("--authorize-url", _("is required without --provider"));
      if (need_access && a->access_token_url == NULL)
        return cs_cli_usage_error ("--access-token-url", _("is required without --provider"));
      flow->provider = cs_provider_new ("custom", _("Custom provider"));
      cs_provider_set_is_custom (flow->provider, TRUE);
    }

  if (!check_url_option ("--request-token-url", a->request_token_url, &status) ||
      !check_url_option ("--authorize-url", a->authorize_url, &status) ||
      !check_url_option ("--access-token-url", a->access_token_url, &status))
    return status;
  /* Explicit URLs override a preset's. */
  if (a->request_token_url != NULL)
    cs_provider_set_request_token_url (flow->provider, a->request_token_url);
  if (a->authorize_url != NULL)
    cs_provider_set_authorize_url (flow->provider, a->authorize_url);
  if (a->access_token_url != NULL)
    cs_provider_set_access_token_url (flow->provider, a->access_token_url);

  if (a->signature_method != NULL)
    {
      CsSignatureMethod method;

      if (!cs_signature_method_from_string (a->signature_method, &method))
        return cs_cli_usage_error ("--signature-method",
                                   _("unknown method “%s”; use HMAC-SHA1, HMAC-SHA256, "
                                     "PLAINTEXT or RSA-SHA1"),
                                   a->signature_method);
      cs_provider_set_signature_method (flow->provider, method);
    }
  return -1;
}

/* The consumer key and secret: options, then the environment, then (demo only) the
 * documented demo credentials. */
static int
resolve_consumer (Flow     *flow,
                  FlowArgs *a)
{
  gboolean demo = cs_provider_get_is_demo (flow->provider);
  g_autoptr(GError) error = NULL;

  if (a->consumer_key == NULL && demo)
    {
      a->consumer_key = g_strdup (cs_provider_get_demo_consumer_key (flow->provider));
      if (a->consumer_secret == NULL && g_getenv ("COUNTERSIGN_CONSUMER_SECRET") == NULL)
        a->consumer_secret = g_strdup (cs_provider_get_demo_consumer_secret (flow->provider));
    }
  if (a->consumer_key == NULL)
    return cs_cli_usage_error ("--consumer-key", _("is required"));
  if (*a->consumer_key == '\0' || !cs_is_printable_ascii (a->consumer_key))
    return cs_cli_usage_error ("--consumer-key", _("must be non-empty printable ASCII"));

  flow->consumer_secret = cs_cli_secret_option (&a->consumer_secret,
                                                "COUNTERSIGN_CONSUMER_SECRET");
  if (cs_provider_get_signature_method (flow->provider) == CS_SIGNATURE_METHOD_RSA_SHA1)
    {
      if (a->private_key == NULL)
        return cs_cli_usage_error ("--private-key", _("is required for RSA-SHA1"));
      if (!g_file_get_contents (a->private_key, &flow->private_key_pem, NULL, &error))
        return cs_cli_usage_error ("--private-key", _("cannot read the key: %s"),
                                   error->message);
    }
  flow->consumer.key = a->consumer_key;
  flow->consumer.secret = flow->consumer_secret;
  flow->consumer.private_key_pem = flow->private_key_pem;
  return -1;
}

static int
setup_client (Flow     *flow,
              FlowArgs *a)
{
  flow->client = cs_oauth_client_new ();
  /* G_MININT: no --timeout, the client's default. */
  if (a->timeout != G_MININT && a->timeout <= 0)
    return cs_cli_usage_error ("--timeout", _("must be a positive number of seconds"));
  if (a->timeout > 0)
    cs_oauth_client_set_timeout (flow->client, a->timeout);
  cs_oauth_client_set_allow_insecure_http (flow->client, a->allow_insecure_http);
  return -1;
}

static int
check_access_type (const char *access_type)
{
  if (access_type != NULL && strcmp (access_type, "read") != 0 &&
      strcmp (access_type, "write") != 0)
    return cs_cli_usage_error ("--access-type", _("must be read or write"));
  return -1;
}

/* The option entries, by name, so that each command lists only what it takes. */
static GOptionEntry
entry (FlowArgs   *a,
       const char *name)
{
  const GOptionEntry all[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &a->provider,
      N_("A provider id from “countersign-cli providers” (demo starts the built-in demo "
         "provider)"), N_("ID") },
    /* The same option for the commands that cannot use the demo provider. */
    { "provider", 0, 0, G_OPTION_ARG_STRING, &a->provider,
      N_("A provider id from “countersign-cli providers” (not demo: run “countersign-cli "
         "demo-provider” and pass the URLs it prints)"), N_("ID") },
    { "request-token-url", 0, 0, G_OPTION_ARG_STRING, &a->request_token_url,
      N_("The provider’s request token URL"), N_("URL") },
    { "authorize-url", 0, 0, G_OPTION_ARG_STRING, &a->authorize_url,
      N_("The provider’s authorize URL"), N_("URL") },
    { "access-token-url", 0, 0, G_OPTION_ARG_STRING, &a->access_token_url,
      N_("The provider’s access token URL"), N_("URL") },
    { "consumer-key", 0, 0, G_OPTION_ARG_STRING, &a->consumer_key,
      N_("The consumer key (the demo provider’s is the default with --provider demo)"),
      N_("KEY") },
    { "consumer-key", 0, 0, G_OPTION_ARG_STRING, &a->consumer_key,
      N_("The consumer key (required)"), N_("KEY") },
    { "consumer-secret", 0, 0, G_OPTION_ARG_STRING, &a->consumer_secret,
      N_("The consumer secret (or set COUNTERSIGN_CONSUMER_SECRET)"), N_("SECRET") },
    { "private-key", 0, 0, G_OPTION_ARG_FILENAME, &a->private_key,
      N_("The PEM private key file for RSA-SHA1"), N_("PEM-FILE") },
    { "token", 0, 0, G_OPTION_ARG_STRING, &a->token,
      N_("The token (request token for access-token, access token for call)"), N_("TOKEN") },
    { "token-secret", 0, 0, G_OPTION_ARG_STRING, &a->token_secret,
      N_("The token secret (or set COUNTERSIGN_TOKEN_SECRET)"), N_("SECRET") },
    { "verifier", 0, 0, G_OPTION_ARG_STRING, &a->verifier,
      N_("The oauth_verifier (the PIN, or the value the callback received)"),
      N_("VERIFIER") },
    { "callback", 0, 0, G_OPTION_ARG_STRING, &a->callback,
      N_("oob (PIN, the default), loopback (a local server catches the redirect) or a URL"),
      N_("oob|loopback|URL") },
    { "access-type", 0, 0, G_OPTION_ARG_STRING, &a->access_type,
      N_("Ask for read or write access (x_auth_access_type)"), N_("read|write") },
    { "signature-method", 0, 0, G_OPTION_ARG_STRING, &a->signature_method,
      N_("HMAC-SHA1, HMAC-SHA256, PLAINTEXT or RSA-SHA1 (default: the provider’s)"),
      N_("METHOD") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &a->method,
      N_("The HTTP method (default: GET)"), N_("METHOD") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &a->url,
      N_("The request URL, query included (required)"), N_("URL") },
    { "data", 0, 0, G_OPTION_ARG_STRING, &a->data,
      N_("An application/x-www-form-urlencoded body, exactly as it will be sent"),
      N_("FORM-BODY") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &a->format,
      N_("How to print the access token: lines (default), env or json"), N_("FORMAT") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &a->timeout,
      N_("Give up on a request after this many seconds (default: 30)"), N_("SECONDS") },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &a->no_browser,
      N_("Do not open the authorize page in a browser"), NULL },
    { "no-store", 0, 0, G_OPTION_ARG_NONE, &a->no_store,
      N_("Do not save the access token in the keyring"), NULL },
    { "store-consumer-secret", 0, 0, G_OPTION_ARG_NONE, &a->store_consumer_secret,
      N_("Also save the consumer secret in the keyring, so that “show --format curl” can sign "
         "requests with the stored credentials"), NULL },
    { "allow-insecure-http", 0, 0, G_OPTION_ARG_NONE, &a->allow_insecure_http,
      N_("Allow plain http:// to hosts other than loopback (everything, secrets included, "
         "can be read and changed on the way)"), NULL },
    { "port", 0, 0, G_OPTION_ARG_INT, &a->port,
      N_("Listen on this port (default: any free port)"), N_("PORT") },
  };

  /* "NAME-not-demo", for the commands that cannot use the demo provider, is the entry listed
   * right after NAME's. */
  gboolean not_demo = g_str_has_suffix (name, "-not-demo");
  gsize len = strlen (name) - (not_demo ? strlen ("-not-demo") : 0);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (strncmp (all[i].long_name, name, len) == 0 && all[i].long_name[len] == '\0')
      {
        g_assert (!not_demo || (i + 1 < G_N_ELEMENTS (all) &&
                                strcmp (all[i + 1].long_name, all[i].long_name) == 0));
        return not_demo ? all[i + 1] : all[i];
      }
  g_assert_not_reached ();
}

/* Parses @argv with the options named in @names; returns -1 or an exit status. */
static int
parse_command (FlowArgs           *a,
               int                *argc,
               char             ***argv,
               const char         *summary,
               const char * const *names)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree char *description = NULL;
  g_autofree char *prgname = g_strconcat ("countersign-cli ", (*argv)[0], NULL);

  /* So that --help's usage line names the command. */
  g_set_prgname (prgname);
  /* Told apart from an explicit --timeout 0. */
  a->timeout = G_MININT;
  for (guint i = 0; names[i] != NULL; i++)
    {
      GOptionEntry e = entry (a, names[i]);

      g_array_append_val (entries, e);
    }
  g_option_context_set_summary (context, summary);
  description = g_strdup_printf ("%s\n\n%s",
                                 _("Secrets given in the environment stay out of the process "
                                   "list and the shell history."),
                                 cs_cli_exit_codes_help ());
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, (GOptionEntry *) (gpointer) entries->data,
                                     GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return cs_cli_parse_options (context, argc, argv);
}

/* The callback to send: "oob", a URL, or the loopback server's URL (started here). */
static int
resolve_callback (const char        *option,
                  CsCallbackServer **server,
                  char             **callback)
{
  g_autoptr(GError) error = NULL;

  if (option == NULL || strcmp (option, "oob") == 0)
    {
      *callback = g_strdup ("oob");
      return -1;
    }
  if (strcmp (option, "loopback") == 0)
    {
      *server = cs_callback_server_new (&error);
      if (*server == NULL)
        return report_error (error);
      *callback = g_strdup (cs_callback_server_get_url (*server));
      return -1;
    }
  *callback = g_strdup (option);
  return -1;
}

int
cs_cli_request_token (int    argc,
                      char **argv)
{
  static const char * const names[] = {
    "provider-not-demo", "request-token-url", "consumer-key-not-demo", "consumer-secret",
    "private-key", "callback", "access-type", "signature-method", "timeout",
    "allow-insecure-http", NULL
  };
  g_auto(FlowArgs) a = { 0 };
  g_auto(Flow) flow;
  g_autoptr(CsCallbackServer) server = NULL;
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *callback = NULL;
  int status;

  flow_init (&flow);
  if ((status = parse_command (&a, &argc, &argv,
                               _("Get a request token (temporary credentials) and print the "
                                 "provider’s answer, one name=value line per field."),
                               names)) >= 0 ||
      (status = check_access_type (a.access_type)) >= 0 ||
      (status = resolve_provider (&flow, &a, FALSE, TRUE, FALSE, FALSE)) >= 0 ||
      (status = resolve_consumer (&flow, &a)) >= 0 ||
      (status = setup_client (&flow, &a)) >= 0 ||
      (status = resolve_callback (a.callback, &server, &callback)) >= 0)
    return status;

  cs_oauth_client_request_token_async (flow.client, flow.provider, &flow.consumer, callback,
                                       a.access_type, flow.cancellable, flow_ready, &flow);
  rt = cs_oauth_client_request_token_finish (flow.client, flow_wait (&flow), &error);
  if (rt == NULL)
    return report_error (error);
  print_lines (rt);
  return CS_CLI_EXIT_OK;
}

/* A request or access token given on the command line, as the client takes it. */
static CsCredentials *
credentials_from_args (FlowArgs *a)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  char *secret = cs_cli_secret_option (&a->token_secret, "COUNTERSIGN_TOKEN_SECRET");

  cs_param_list_add (params, "oauth_token", a->token);
  cs_param_list_add (params, "oauth_token_secret", secret);
  cs_secret_free (secret);
  return cs_credentials_new (params);
}

int
cs_cli_access_token (int    argc,
                     char **argv)
{
  static const char * const names[] = {
    "provider-not-demo", "access-token-url", "consumer-key-not-demo", "consumer-secret",
    "private-key", "token", "token-secret", "verifier", "signature-method", "timeout",
    "allow-insecure-http", NULL
  };
  g_auto(FlowArgs) a = { 0 };
  g_auto(Flow) flow;
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  flow_init (&flow);
  if ((status = parse_command (&a, &argc, &argv,
                               _("Exchange an authorized request token and its verifier for "
                                 "an access token; prints one name=value line per field."),
                               names)) >= 0)
    return status;
  if (a.token == NULL)
    return cs_cli_usage_error ("--token", _("is required (the request token)"));
  if (a.verifier == NULL)
    return cs_cli_usage_error ("--verifier", _("is required"));
  if ((status = resolve_provider (&flow, &a, FALSE, FALSE, FALSE, TRUE)) >= 0 ||
      (status = resolve_consumer (&flow, &a)) >= 0 ||
      (status = setup_client (&flow, &a)) >= 0)
    return status;

  rt = credentials_from_args (&a);
  cs_oauth_client_access_token_async (flow.client, flow.provider, &flow.consumer, rt,
                                      a.verifier, flow.cancellable, flow_ready, &flow);
  at = cs_oauth_client_access_token_finish (flow.client, flow_wait (&flow), &error);
  if (at == NULL)
    return report_error (error);
  print_lines (at);
  return CS_CLI_EXIT_OK;
}

int
cs_cli_call (int    argc,
             char **argv)
{
  static const char * const names[] = {
    "method", "url", "data", "provider-not-demo", "consumer-key-not-demo", "consumer-secret",
    "private-key", "token", "token-secret", "signature-method", "timeout", "allow-insecure-http",
    NULL
  };
  g_auto(FlowArgs) a = { 0 };
  g_auto(Flow) flow;
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  int status;

  flow_init (&flow);
  if ((status = parse_command (&a, &argc, &argv,
                               _("Send a request signed with an access token and print the "
                                 "response body. Exits with 4 when the HTTP status is 400 or "
                                 "more."),
                               names)) >= 0 ||
      !check_url_option ("--url", a.url, &status))
    return status;
  if (a.url == NULL)
    return cs_cli_usage_error ("--url", _("is required"));
  if (a.method == NULL)
    a.method = g_strdup ("GET");
  if (*a.method == '\0' || strpbrk (a.method, " \t\r\n") != NULL)
    return cs_cli_usage_error ("--method", _("“%s” is not an HTTP method"), a.method);
  if (a.data != NULL)
    {
      g_autoptr(GPtrArray) check = cs_param_list_new ();

      if (!cs_form_parse_append (check, a.data, -1, &error))
        return cs_cli_usage_error ("--data", "%s", error->message);
    }
  if ((status = resolve_provider (&flow, &a, FALSE, FALSE, FALSE, FALSE)) >= 0 ||
      (status = resolve_consumer (&flow, &a)) >= 0 ||
      (status = setup_client (&flow, &a)) >= 0)
    return status;
  if (a.token == NULL)
    return cs_cli_usage_error ("--token", _("is required (the access token)"));

  at = credentials_from_args (&a);
  cs_oauth_client_call_async (flow.client, flow.provider, &flow.consumer, at, a.method, a.url,
                              a.data, flow.cancellable, flow_ready, &flow);
  body = cs_oauth_client_call_finish (flow.client, flow_wait (&flow), &http_status, &error);
  if (body == NULL)
    return report_error (error);

  fwrite (g_bytes_get_data (body, NULL), 1, g_bytes_get_size (body), stdout);
  if (g_bytes_get_size (body) > 0 &&
      ((const char *) g_bytes_get_data (body, NULL))[g_bytes_get_size (body) - 1] != '\n')
    fputc ('\n', stdout);
  fflush (stdout);
  if (http_status >= 400)
    {
      g_autoptr(GUri) uri = g_uri_parse (a.url, G_URI_FLAGS_NONE, NULL);
      /* Never the query, which may carry a token. */
      g_autofree char *base = cs_base_string_uri (a.url, NULL);
      g_autofree char *description =
        cs_provider_error_describe (http_status, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body), NULL);

      /* The body went to stdout as it is; stderr says what it means. */
      g_printerr ("countersign-cli: ");
      g_printerr (_("%s refused the request: %s"),
                  uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : base,
                  description);
      g_printerr ("\n");
      return CS_CLI_EXIT_REJECTED;
    }
  return CS_CLI_EXIT_OK;
}

typedef enum
{
  FORMAT_LINES,
  FORMAT_ENV,
  FORMAT_JSON,
} Format;

static int
parse_format (const char *name,
              Format     *format)
{
  if (name == NULL || strcmp (name, "lines") == 0)
    *format = FORMAT_LINES;
  else if (strcmp (name, "env") == 0)
    *format = FORMAT_ENV;
  else if (strcmp (name, "json") == 0)
    *format = FORMAT_JSON;
  else
    return cs_cli_usage_error ("--format", _("unknown format “%s”; use lines, env or json"),
                               name);
  return -1;
}

static void
print_credentials (CsCredentials *credentials,
                   Format         format)
{
  switch (format)
    {
    case FORMAT_ENV:
      print_env (credentials);
      break;
    case FORMAT_JSON:
      print_json (credentials);
      break;
    case FORMAT_LINES:
    default:
      print_lines (credentials);
      break;
    }
}

/* Reads the PIN from standard input without blocking the loop (so Ctrl+C and the demo
 * provider keep working). */
static char *
read_pin (Flow    *flow,
          GError **error)
{
  g_autoptr(GInputStream) base = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (base);
  g_autofree char *line = NULL;

  g_printerr ("%s", _("Enter the PIN the provider shows after you allow access: "));
  g_data_input_stream_read_line_async (in, G_PRIORITY_DEFAULT, flow->cancellable, flow_ready,
                                       flow);
  line = g_data_input_stream_read_line_finish_utf8 (in, flow_wait (flow), NULL, error);
  /* A terminal echoes the user's Enter; a pipe does not, so end the prompt's line here. */
  if (!isatty (STDIN_FILENO))
    g_printerr ("\n");
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                     _("No PIN was entered"));
      return NULL;
    }
  g_strstrip (line);
  if (*line == '\0' || !cs_is_printable_ascii (line))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The PIN must be the letters and digits the provider showed"));
      return NULL;
    }
  return g_steal_pointer (&line);
}

static char *
wait_for_verifier (Flow             *flow,
                   CsCallbackServer *server,
                   CsCredentials    *rt,
                   GError          **error)
{
  if (server == NULL)
    return read_pin (flow, error);

  g_printerr (_("Waiting for the browser to come back to %s …\n"),
              cs_callback_server_get_url (server));
  cs_callback_server_wait_async (server, cs_credentials_get_token (rt), CALLBACK_WAIT_SECONDS,
                                 flow->cancellable, flow_ready, flow);
  return cs_callback_server_wait_finish (server, flow_wait (flow), error);
}

static void
open_browser (const char *url)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (url, NULL, &error))
    g_printerr (_("countersign-cli: could not open a web browser (%s); open the address "
                  "above yourself\n"),
                error->message);
}

/* Saves the access token in the keyring; returns an exit status. */
static int
store_token (Flow          *flow,
             CsCredentials *at,
             gboolean       store_consumer_secret)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) stored = NULL;
  g_autoptr(GUri) uri = g_uri_parse (cs_provider_get_access_token_url (flow->provider),
                                     G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  const char *account = cs_credentials_get_screen_name (at);

  if (account == NULL)
    account = cs_credentials_get_user_id (at);
  stored = cs_stored_token_new (cs_provider_get_id (flow->provider),
                                cs_provider_get_name (flow->provider),
                                uri ? g_uri_get_host (uri) : "",
                                flow->consumer.key, account,
                                cs_credentials_get_token (at),
                                cs_credentials_get_token_secret (at));
  /* The consumer secret only when the user asked for it (RSA-SHA1 has none). */
  cs_token_store_save_async (store, stored,
                             store_consumer_secret ? flow->consumer_secret : NULL,
                             flow->cancellable, flow_ready, flow);
  if (!cs_token_store_save_finish (store, flow_wait (flow), &error))
    {
      g_printerr (_("countersign-cli: the access token was not saved in the keyring: %s\n"),
                  error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? CS_CLI_EXIT_CANCELLED
                                                                      : CS_CLI_EXIT_KEYRING;
    }
  g_printerr (_("Saved in the keyring as %s (see “countersign-cli list”).\n"),
              cs_stored_token_get_id (stored));
  return CS_CLI_EXIT_OK;
}

int
cs_cli_authorize (int    argc,
                  char **argv)
{
  static const char * const names[] = {
    "provider", "request-token-url", "authorize-url", "access-token-url", "consumer-key",
    "consumer-secret", "private-key", "callback", "access-type", "signature-method",
    "format", "no-browser", "no-store", "store-consumer-secret", "timeout",
    "allow-insecure-http", NULL
  };
  g_auto(FlowArgs) a = { 0 };
  g_auto(Flow) flow;
  g_autoptr(CsCallbackServer) server = NULL;
  g_autoptr(CsCredentials) rt = NULL;
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *url = NULL;
  char *verifier;
  Format format = FORMAT_LINES;
  int status;

  flow_init (&flow);
  if ((status = parse_command (&a, &argc, &argv,
                               _("Run the whole OAuth 1.0a authorization in the terminal: get "
                                 "a request token, let the user allow access in a browser, "
                                 "then get the access token, print it and save it in the "
                                 "keyring."),
                               names)) >= 0 ||
      (status = parse_format (a.format, &format)) >= 0 ||
      (status = check_access_type (a.access_type)) >= 0)
    return status;
  if (a.callback != NULL && strcmp (a.callback, "oob") != 0 &&
      strcmp (a.callback, "loopback") != 0)
    return cs_cli_usage_error ("--callback", _("must be oob or loopback"));
  if ((status = resolve_provider (&flow, &a, TRUE, TRUE, TRUE, TRUE)) >= 0 ||
      (status = resolve_consumer (&flow, &a)) >= 0 ||
      (status = setup_client (&flow, &a)) >= 0 ||
      (status = resolve_callback (a.callback, &server, &callback)) >= 0)
    return status;

  cs_oauth_client_request_token_async (flow.client, flow.provider, &flow.consumer, callback,
                                       a.access_type, flow.cancellable, flow_ready, &flow);
  rt = cs_oauth_client_request_token_finish (flow.client, flow_wait (&flow), &error);
  if (rt == NULL)
    return report_error (error);

  url = cs_oauth_authorize_url (flow.provider, rt, FALSE, FALSE, NULL);
  g_printerr ("%s\n%s\n", _("Open this page in a web browser and allow access:"), url);
  if (!a.no_browser)
    open_browser (url);

  verifier = wait_for_verifier (&flow, server, rt, &error);
  if (verifier == NULL)
    return report_error (error);
  cs_oauth_client_access_token_async (flow.client, flow.provider, &flow.consumer, rt, verifier,
                                      flow.cancellable, flow_ready, &flow);
  cs_secret_free (verifier);
  at = cs_oauth_client_access_token_finish (flow.client, flow_wait (&flow), &error);
  if (at == NULL)
    return report_error (error);

  /* Printed first, so that a keyring failure loses nothing. */
  print_credentials (at, format);
  if (a.no_store)
    return CS_CLI_EXIT_OK;
  return store_token (&flow, at, a.store_consumer_secret);
}

int
cs_cli_providers (int    argc,
                  char **argv)
{
  static const char * const names[] = { NULL };
  g_auto(FlowArgs) a = { 0 };
  g_auto(Flow) flow;
  g_autoptr(GPtrArray) presets = NULL;
  g_autoptr(GPtrArray) user = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  flow_init (&flow);
  if ((status = parse_command (&a, &argc, &argv,
                               _("List the providers that --provider accepts: the presets, "
                                 "then your custom providers."),
                               names)) >= 0)
    return status;

  presets = cs_provider_load_presets ();
  for (guint i = 0; i < presets->len; i++)
    {
      CsProvider *p = g_ptr_array_index (presets, i);

      printf ("%-12s %s\n", cs_provider_get_id (p), cs_provider_get_name (p));
    }

  cs_provider_load_user_async (NULL, flow.cancellable, flow_ready, &flow);
  user = cs_provider_load_user_finish (flow_wait (&flow), &warnings, &error);
  if (user == NULL)
    g_printerr (_("countersign-cli: custom providers: %s\n"), error->message);
  for (guint i = 0; user != NULL && i < user->len; i++)
    {
      CsProvider *p = g_ptr_array_index (user, i);

      printf ("%-12s %s %s\n", cs_provider_get_id (p), cs_provider_get_name (p),
              _("(custom)"));
    }
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr ("countersign-cli: %s\n", warnings[i]);
  fflush (stdout);
  return CS_CLI_EXIT_OK;
}

int
cs_cli_demo_provider (int    argc,
                      char **argv)
{
  static const char * const names[] = { "port", NULL };
  g_auto(FlowArgs) a = { 0 };
  g_auto(Flow) flow;
  g_autoptr(GError) error = NULL;
  CsProvider *provider;
  int status;

  flow_init (&flow);
  if ((status = parse_command (&a, &argc, &argv,
                               _("Run the built-in demo OAuth 1.0a provider on 127.0.0.1 until "
                                 "Ctrl+C, and print its addresses and its public demo "
                                 "credentials."),
                               names)) >= 0)
    return status;
  if (a.port < 0 || a.port > 65535)
    return cs_cli_usage_error ("--port", _("must be a number from 0 to 65535"));

  flow.demo = cs_demo_provider_new ();
  if (!cs_demo_provider_start (flow.demo, a.port, &error))
    {
      g_printerr ("countersign-cli: %s\n", error->message);
      return CS_CLI_EXIT_NETWORK;
    }
  provider = cs_demo_provider_get_provider (flow.demo);

  printf (_("Countersign demo provider listening on %s\n"),
          cs_demo_provider_get_base_url (flow.demo));
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
  printf ("\n%s\n", _("Press Ctrl+C to stop."));
  fflush (stdout);

  g_signal_connect_swapped (flow.cancellable, "cancelled", G_CALLBACK (g_main_loop_quit),
                            flow.loop);
  g_main_loop_run (flow.loop);
  return CS_CLI_EXIT_OK;
}
