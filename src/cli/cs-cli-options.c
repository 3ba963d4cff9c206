/* cs-cli-options.c — the options of countersign-cli's commands, parsed and checked once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-options.h"
#include "cs-percent.h"

void
cs_cli_args_clear (CsCliArgs *a)
{
  g_free (a->provider);
  g_free (a->base_url);
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
  cs_secret_free (a->body);
  g_free (a->content_type);
  g_free (a->realm);
  g_free (a->client_id);
  cs_secret_free (a->client_secret);
  g_free (a->scope);
  g_free (a->redirect);
  g_free (a->token_url);
  g_free (a->revoke_url);
  cs_secret_free (a->refresh_token);
  g_free (a->token_type_hint);
  g_free (a->account);
}

/* The options of a request's signature method, body and realm (`sign` has its own table). */
static gboolean
body_entry (CsCliArgs    *a,
            const char   *name,
            GOptionEntry *out)
{
  const GOptionEntry body[] = {
    { "signature-method", 0, 0, G_OPTION_ARG_STRING, &a->signature_method,
      N_("HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, PLAINTEXT, RSA-SHA1 or RSA-SHA256 (default: "
         "the provider’s)"),
      N_("METHOD") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &a->body,
      N_("A raw body that is not form-encoded (JSON…), sent as it is and not signed as "
         "parameters"), N_("BODY") },
    { "content-type", 0, 0, G_OPTION_ARG_STRING, &a->content_type,
      N_("The Content-Type of --body (default: application/json)"), N_("TYPE") },
    { "body-hash", 0, 0, G_OPTION_ARG_NONE, &a->body_hash,
      N_("Sign the body with oauth_body_hash (the OAuth Request Body Hash draft)"), NULL },
    { "realm", 0, 0, G_OPTION_ARG_STRING, &a->realm,
      N_("Put realm in the header, as NetSuite’s account ID (it is never signed)"),
      N_("REALM") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (body); i++)
    if (strcmp (body[i].long_name, name) == 0)
      {
        *out = body[i];
        return TRUE;
      }
  return FALSE;
}

#define CALLBACK_HELP \
  N_("oob (PIN, the default), loopback (127.0.0.1, any free port), loopback:PORT (the " \
     "registered http://127.0.0.1:PORT/callback) or a URL (paste where the browser went)")

/* The option entries, by name, so that each command lists only what it takes. */
/* --base-url (issue 14), beside the table of entry (). */
static GOptionEntry
base_url_entry (CsCliArgs *a)
{
  const GOptionEntry e = {
    "base-url", 0, 0, G_OPTION_ARG_STRING, &a->base_url,
    N_("Your server’s address, for the providers whose URLs depend on it (Jira, Confluence, "
       "Bitbucket Data Center, Adobe Commerce)"), N_("URL")
  };

  return e;
}

/* The OAuth 2.0 options (issue 15), beside the table of entry (). */
static gboolean
oauth2_entry (CsCliArgs    *a,
              const char   *name,
              GOptionEntry *out)
{
  const GOptionEntry oauth2[] = {
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &a->client_id,
      N_("The OAuth 2.0 client ID (required; with --provider demo the demo’s is the "
         "default)"), N_("ID") },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &a->client_secret,
      N_("The client secret of a confidential client, sent with HTTP Basic (or set "
         "COUNTERSIGN_CLIENT_SECRET); without one the client is public"), N_("SECRET") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &a->scope,
      N_("The scopes to ask for, separated by spaces (default: the provider’s)"),
      N_("SCOPE …") },
    { "redirect", 0, 0, G_OPTION_ARG_STRING, &a->redirect,
      N_("loopback (http://127.0.0.1 on any free port, the default), loopback:PORT (the "
         "registered http://127.0.0.1:PORT/callback) or a registered URL (paste the address "
         "the browser was sent to)"), N_("loopback|loopback:PORT|URL") },
    { "token-url", 0, 0, G_OPTION_ARG_STRING, &a->token_url,
      N_("The provider’s OAuth 2.0 token URL"), N_("URL") },
    { "revoke-url", 0, 0, G_OPTION_ARG_STRING, &a->revoke_url,
      N_("The provider’s OAuth 2.0 revocation URL (RFC 7009)"), N_("URL") },
    { "refresh-token", 0, 0, G_OPTION_ARG_STRING, &a->refresh_token,
      N_("The refresh token (or set COUNTERSIGN_REFRESH_TOKEN; default: the stored one of "
         "--account)"), N_("TOKEN") },
    { "token-type-hint", 0, 0, G_OPTION_ARG_STRING, &a->token_type_hint,
      N_("What --token is: access_token or refresh_token"), N_("HINT") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &a->account,
      N_("The stored credential to use: its account (as “countersign-cli list” prints it) "
         "or its id"), N_("NAME") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (oauth2); i++)
    if (strcmp (oauth2[i].long_name, name) == 0)
      {
        *out = oauth2[i];
        return TRUE;
      }
  return FALSE;
}

static GOptionEntry
entry (CsCliArgs  *a,
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
      N_("The PEM private key file for RSA-SHA1 and RSA-SHA256"), N_("PEM-FILE") },
    { "token", 0, 0, G_OPTION_ARG_STRING, &a->token,
      N_("The token (request token for access-token, access token for call)"), N_("TOKEN") },
    { "token-secret", 0, 0, G_OPTION_ARG_STRING, &a->token_secret,
      N_("The token secret (or set COUNTERSIGN_TOKEN_SECRET)"), N_("SECRET") },
    { "verifier", 0, 0, G_OPTION_ARG_STRING, &a->verifier,
      N_("The oauth_verifier (the PIN, or the value the callback received)"),
      N_("VERIFIER") },
    { "callback", 0, 0, G_OPTION_ARG_STRING, &a->callback,
      CALLBACK_HELP, N_("oob|loopback[:PORT]|URL") },
    { "access-type", 0, 0, G_OPTION_ARG_STRING, &a->access_type,
      N_("Ask for read or write access (x_auth_access_type)"), N_("read|write") },
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

GOptionContext *
cs_cli_option_context_new (const char         *command,
                           const char         *parameter,
                           const char         *summary,
                           const char         *note,
                           const char         *exit_help,
                           const GOptionEntry *entries)
{
  GOptionContext *context;
  g_autofree char *description = g_strdup_printf ("%s\n\n%s", note, exit_help);

  if (command != NULL)
    {
      g_autofree char *prgname = g_strconcat ("countersign-cli ", command, NULL);

      /* So that --help's usage line names the command. */
      g_set_prgname (prgname);
    }
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

int
cs_cli_parse_command (CsCliArgs          *a,
                      int                *argc,
                      char             ***argv,
                      const char         *summary,
                      const char * const *names)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  /* Told apart from an explicit --timeout 0. */
  a->timeout = G_MININT;
  for (guint i = 0; names[i] != NULL; i++)
    {
      GOptionEntry e;

      if (strcmp (names[i], "base-url") == 0)
        e = base_url_entry (a);
      else if (!body_entry (a, names[i], &e) && !oauth2_entry (a, names[i], &e))
        e = entry (a, names[i]);
      g_array_append_val (entries, e);
    }
  context = cs_cli_option_context_new ((*argv)[0], NULL, summary,
                                       _("Secrets given in the environment stay out of the "
                                         "process list and the shell history."),
                                       cs_cli_exit_codes_help (),
                                       (const GOptionEntry *) (gpointer) entries->data);
  return cs_cli_parse_options (context, argc, argv);
}

int
cs_cli_check_url_option (const char *option,
                         const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  if (url == NULL)
    return -1;
  base = cs_base_string_uri (url, &error);
  if (base == NULL)
    return cs_cli_usage_error (option, "%s", error->message);
  return -1;
}

int
cs_cli_check_access_type (const char *access_type)
{
  if (access_type != NULL && strcmp (access_type, "read") != 0 &&
      strcmp (access_type, "write") != 0)
    return cs_cli_usage_error ("--access-type", _("must be read or write"));
  return -1;
}

int
cs_cli_check_callback (const char *callback,
                       guint      *port)
{
  guint64 number = 0;

  *port = 0;
  if (callback == NULL || strcmp (callback, "oob") == 0 || strcmp (callback, "loopback") == 0)
    return -1;
  if (g_str_has_prefix (callback, "loopback:"))
    {
      if (!g_ascii_string_to_unsigned (callback + strlen ("loopback:"), 10, 1, G_MAXUINT16,
                                       &number, NULL))
        return cs_cli_usage_error ("--callback", _("“%s”: the port must be a number from 1 to "
                                                   "65535, as in loopback:8765"), callback);
      *port = number;
      return -1;
    }
  if (!g_uri_is_valid (callback, G_URI_FLAGS_NONE, NULL))
    return cs_cli_usage_error ("--callback", _("“%s” is not oob, loopback, loopback:PORT or an "
                                               "absolute URL"), callback);
  return -1;
}

int
cs_cli_check_redirect (const char *redirect,
                       guint      *port,
                       gboolean   *is_url)
{
  guint64 number = 0;

  *port = 0;
  *is_url = FALSE;
  if (redirect == NULL || strcmp (redirect, "loopback") == 0)
    return -1;
  if (g_str_has_prefix (redirect, "loopback:"))
    {
      if (!g_ascii_string_to_unsigned (redirect + strlen ("loopback:"), 10, 1, G_MAXUINT16,
                                       &number, NULL))
        return cs_cli_usage_error ("--redirect", _("“%s”: the port must be a number from 1 to "
                                                   "65535, as in loopback:8765"), redirect);
      *port = number;
      return -1;
    }
  if (!g_uri_is_valid (redirect, G_URI_FLAGS_NONE, NULL))
    return cs_cli_usage_error ("--redirect", _("“%s” is not loopback, loopback:PORT or an "
                                               "absolute URL"), redirect);
  *is_url = TRUE;
  return -1;
}

int
cs_cli_check_token_type_hint (const char *hint)
{
  if (hint != NULL && strcmp (hint, "access_token") != 0 && strcmp (hint, "refresh_token") != 0)
    return cs_cli_usage_error ("--token-type-hint", _("must be access_token or refresh_token"));
  return -1;
}

int
cs_cli_check_http_method (const char *method)
{
  if (*method == '\0' || strpbrk (method, " \t\r\n") != NULL)
    return cs_cli_usage_error ("--method", _("“%s” is not an HTTP method"), method);
  return -1;
}

int
cs_cli_parse_signature_method (const char        *name,
                               CsSignatureMethod *method)
{
  if (name != NULL && !cs_signature_method_from_string (name, method))
    return cs_cli_usage_error ("--signature-method",
                               _("unknown method “%s”; use HMAC-SHA1, HMAC-SHA256, "
                                 "HMAC-SHA512, PLAINTEXT, RSA-SHA1 or RSA-SHA256"),
                               name);
  return -1;
}

int
cs_cli_read_private_key (const char  *path,
                         char       **pem)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return cs_cli_usage_error ("--private-key", _("is required for RSA-SHA1 and RSA-SHA256"));
  if (!g_file_get_contents (path, pem, NULL, &error))
    return cs_cli_usage_error ("--private-key", _("cannot read the key: %s"), error->message);
  return -1;
}

int
cs_cli_check_body_options (const char *data,
                           const char *body,
                           const char *content_type,
                           gboolean    body_hash)
{
  if (data != NULL && body != NULL)
    return cs_cli_usage_error ("--body", _("cannot be given with --data: a request has one "
                                           "body"));
  if (data != NULL && body_hash)
    return cs_cli_usage_error ("--body-hash", _("is for a body that is not form-encoded "
                                                "(--body); a --data body is signed as "
                                                "parameters"));
  if (content_type != NULL && body == NULL)
    return cs_cli_usage_error ("--content-type", _("is the type of --body, which is not "
                                                   "given"));
  if (content_type != NULL &&
      g_ascii_strncasecmp (content_type, "application/x-www-form-urlencoded", 33) == 0)
    return cs_cli_usage_error ("--content-type", _("a form-encoded body is signed as "
                                                   "parameters: give it with --data"));
  if (content_type != NULL && (*content_type == '\0' || strpbrk (content_type, "\r\n")))
    return cs_cli_usage_error ("--content-type", _("“%s” is not a media type"), content_type);
  return -1;
}
