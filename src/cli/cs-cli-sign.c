/* cs-cli-sign.c — `countersign-cli sign`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"

typedef struct
{
  char     *url;
  char     *method;
  char     *data;
  char     *consumer_key;
  char     *consumer_secret;
  char     *token;
  char     *token_secret;
  char     *callback;
  char     *verifier;
  char     *realm;
  char     *signature_method;
  char     *private_key;
  char     *private_key_pem;
  char     *nonce;
  char     *timestamp;
  gboolean  no_version;
  char     *print;
} SignArgs;

static void
sign_args_clear (SignArgs *args)
{
  g_free (args->url);
  g_free (args->method);
  g_free (args->data);
  g_free (args->consumer_key);
  cs_secret_free (args->consumer_secret);
  g_free (args->token);
  cs_secret_free (args->token_secret);
  g_free (args->callback);
  g_free (args->verifier);
  g_free (args->realm);
  g_free (args->signature_method);
  g_free (args->private_key);
  cs_secret_free (args->private_key_pem);
  g_free (args->nonce);
  g_free (args->timestamp);
  g_free (args->print);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SignArgs, sign_args_clear)

/* Prints @text single-quoted for a POSIX shell, straight to stdout: g_shell_quote() would
 * leave copies of the header (and of a body that may carry a secret) in freed memory. */
static void
print_shell_quoted (const char *text)
{
  putchar ('\'');
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\'')
      fputs ("'\\''", stdout);
    else
      putchar (*p);
  putchar ('\'');
}

static void
print_curl (const char        *method,
            const char        *url,
            const char        *data,
            const CsSignature *sig)
{
  g_autofree char *q_method = g_shell_quote (method);
  g_autofree char *q_url = g_shell_quote (url);

  printf ("curl --request %s --header ", q_method);
  fputs ("'Authorization: ", stdout);
  for (const char *p = sig->header; *p != '\0'; p++)
    if (*p == '\'')
      fputs ("'\\''", stdout);
    else
      putchar (*p);
  putchar ('\'');
  if (data != NULL)
    {
      fputs (" --header 'Content-Type: application/x-www-form-urlencoded' --data-raw ", stdout);
      print_shell_quoted (data);
    }
  printf (" %s\n", q_url);
}

static int
check_inputs (SignArgs          *args,
              CsSignatureMethod *method,
              char             **pem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_autofree char *base_uri = NULL;

  if (args->url == NULL)
    return cs_cli_usage_error ("--url", _("is required"));
  if (args->consumer_key == NULL)
    return cs_cli_usage_error ("--consumer-key", _("is required"));
  if (*args->consumer_key == '\0')
    return cs_cli_usage_error ("--consumer-key", _("must not be empty"));
  if (!cs_is_printable_ascii (args->consumer_key))
    return cs_cli_usage_error ("--consumer-key",
                               _("contains a character that is not printable ASCII"));
  if ((base_uri = cs_base_string_uri (args->url, &error)) == NULL ||
      !cs_url_collect_params (args->url, params, &error))
    return cs_cli_usage_error ("--url", "%s", error->message);
  if (args->data != NULL && !cs_form_parse_append (params, args->data, -1, &error))
    return cs_cli_usage_error ("--data", "%s", error->message);
  if (*args->method == '\0' || strpbrk (args->method, " \t\r\n") != NULL)
    return cs_cli_usage_error ("--method", _("“%s” is not an HTTP method"), args->method);
  if (args->signature_method != NULL &&
      !cs_signature_method_from_string (args->signature_method, method))
    return cs_cli_usage_error ("--signature-method",
                               _("unknown method “%s”; use HMAC-SHA1, HMAC-SHA256, PLAINTEXT "
                                 "or RSA-SHA1"),
                               args->signature_method);
  if (args->nonce != NULL && (*args->nonce == '\0' || !cs_is_printable_ascii (args->nonce)))
    return cs_cli_usage_error ("--nonce", _("must be non-empty printable ASCII"));
  if (args->timestamp != NULL && (*args->timestamp == '\0' ||
                                  !cs_is_printable_ascii (args->timestamp)))
    return cs_cli_usage_error ("--timestamp", _("must be non-empty printable ASCII"));
  if (strcmp (args->print, "header") != 0 && strcmp (args->print, "base-string") != 0 &&
      strcmp (args->print, "signature") != 0 && strcmp (args->print, "curl") != 0)
    return cs_cli_usage_error ("--print",
                               _("unknown value “%s”; use header, base-string, signature or curl"),
                               args->print);

  if (*method == CS_SIGNATURE_METHOD_RSA_SHA1)
    {
      if (args->private_key == NULL)
        return cs_cli_usage_error ("--private-key", _("is required for RSA-SHA1"));
      if (!g_file_get_contents (args->private_key, pem, NULL, &error))
        return cs_cli_usage_error ("--private-key", _("cannot read the key: %s"),
                                   error->message);
    }
  return -1;
}

int
cs_cli_sign (int    argc,
             char **argv)
{
  g_auto(SignArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSignature) sig = NULL;
  g_autofree char *description = NULL;
  CsSignOptions options;
  CsSignatureMethod method = CS_SIGNATURE_METHOD_HMAC_SHA1;
  int status;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &args.url,
      N_("The request URL, query included (required)"), N_("URL") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &args.method,
      N_("The HTTP method (default: GET)"), N_("METHOD") },
    { "data", 0, 0, G_OPTION_ARG_STRING, &args.data,
      N_("The application/x-www-form-urlencoded body, exactly as it will be sent"),
      N_("FORM-BODY") },
    { "consumer-key", 0, 0, G_OPTION_ARG_STRING, &args.consumer_key,
      N_("The consumer key (required)"), N_("KEY") },
    { "consumer-secret", 0, 0, G_OPTION_ARG_STRING, &args.consumer_secret,
      N_("The consumer secret (or set COUNTERSIGN_CONSUMER_SECRET)"), N_("SECRET") },
    { "token", 0, 0, G_OPTION_ARG_STRING, &args.token,
      N_("The request or access token"), N_("TOKEN") },
    { "token-secret", 0, 0, G_OPTION_ARG_STRING, &args.token_secret,
      N_("The token secret (or set COUNTERSIGN_TOKEN_SECRET)"), N_("SECRET") },
    { "callback", 0, 0, G_OPTION_ARG_STRING, &args.callback,
      N_("Send oauth_callback: a URL, or oob for PIN mode"), N_("URL|oob") },
    { "verifier", 0, 0, G_OPTION_ARG_STRING, &args.verifier,
      N_("Send oauth_verifier"), N_("VERIFIER") },
    { "realm", 0, 0, G_OPTION_ARG_STRING, &args.realm,
      N_("Put realm in the header (it is never signed)"), N_("REALM") },
    { "signature-method", 0, 0, G_OPTION_ARG_STRING, &args.signature_method,
      N_("HMAC-SHA1 (default), HMAC-SHA256, PLAINTEXT or RSA-SHA1"), N_("METHOD") },
    { "private-key", 0, 0, G_OPTION_ARG_FILENAME, &args.private_key,
      N_("The PEM private key file for RSA-SHA1"), N_("PEM-FILE") },
    { "nonce", 0, 0, G_OPTION_ARG_STRING, &args.nonce,
      N_("Use this nonce instead of a random one"), N_("NONCE") },
    { "timestamp", 0, 0, G_OPTION_ARG_STRING, &args.timestamp,
      N_("Use this timestamp instead of the current time"), N_("TIMESTAMP") },
    { "no-version", 0, 0, G_OPTION_ARG_NONE, &args.no_version,
      N_("Do not send oauth_version=\"1.0\""), NULL },
    { "print", 0, 0, G_OPTION_ARG_STRING, &args.print,
      N_("What to print: header (default), base-string, signature or curl"),
      N_("WHAT") },
    { NULL }
  };

  /* So that --help's usage line names the command. */
  g_set_prgname ("countersign-cli sign");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Sign a request with OAuth 1.0a (RFC 5849) and print the "
                                  "Authorization header, the signature base string, the "
                                  "signature or a curl command."));
  description = g_strdup_printf ("%s\n\n%s",
                                 _("Secrets given in the environment stay out of the process "
                                   "list. An absent secret is the empty string."),
                                 cs_cli_exit_codes_help ());
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if ((status = cs_cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (args.method == NULL)
    args.method = g_strdup ("GET");
  if (args.print == NULL)
    args.print = g_strdup ("header");
  if ((status = check_inputs (&args, &method, &args.private_key_pem)) >= 0)
    return status;

  args.consumer_secret = cs_cli_secret_option (&args.consumer_secret,
                                               "COUNTERSIGN_CONSUMER_SECRET");
  args.token_secret = cs_cli_secret_option (&args.token_secret, "COUNTERSIGN_TOKEN_SECRET");

  cs_sign_options_init (&options);
  options.consumer_key = args.consumer_key;
  options.consumer_secret = args.consumer_secret;
  options.token = args.token;
  options.token_secret = args.token_secret;
  options.callback = args.callback;
  options.verifier = args.verifier;
  options.realm = args.realm;
  options.method = method;
  options.private_key_pem = args.private_key_pem;
  options.nonce = args.nonce;
  options.timestamp = args.timestamp;
  options.omit_version = args.no_version;

  sig = cs_sign (args.method, args.url, args.data, &options, &error);
  if (sig == NULL)
    {
      const char *option = error->code == CS_OAUTH_ERROR_KEY ? "--private-key" : NULL;

      return cs_cli_usage_error (option, "%s", error->message);
    }

  if (strcmp (args.print, "header") == 0)
    printf ("%s\n", sig->header);
  else if (strcmp (args.print, "base-string") == 0)
    printf ("%s\n", sig->base_string);
  else if (strcmp (args.print, "signature") == 0)
    printf ("%s\n", sig->signature);
  else
    print_curl (args.method, args.url, args.data, sig);
  return CS_CLI_EXIT_OK;
}
