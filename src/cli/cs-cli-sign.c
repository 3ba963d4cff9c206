/* cs-cli-sign.c — `countersign-cli sign`
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
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signed-request.h"
#include "cs-signer.h"

typedef struct
{
  char     *url;
  char     *method;
  char     *data;
  char     *body;
  char     *content_type;
  gboolean  body_hash;
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
  cs_secret_free (args->body);
  g_free (args->content_type);
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

static int
check_inputs (SignArgs          *args,
              CsSignatureMethod *method,
              char             **pem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_autofree char *base_uri = NULL;
  int status;

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
  if ((status = cs_cli_check_body_options (args->data, args->body, args->content_type,
                                           args->body_hash)) >= 0 ||
      (status = cs_cli_check_http_method (args->method)) >= 0 ||
      (status = cs_cli_parse_signature_method (args->signature_method, method)) >= 0)
    return status;
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

  if (cs_signature_method_is_rsa (*method))
    return cs_cli_read_private_key (args->private_key, pem);
  return -1;
}

/* The option table points into @args. */
static GOptionContext *
sign_context_new (SignArgs *args)
{
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &args->url,
      N_("The request URL, query included (required)"), N_("URL") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &args->method,
      N_("The HTTP method (default: GET)"), N_("METHOD") },
    { "data", 0, 0, G_OPTION_ARG_STRING, &args->data,
      N_("The application/x-www-form-urlencoded body, exactly as it will be sent"),
      N_("FORM-BODY") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &args->body,
      N_("A raw body that is not form-encoded (JSON…), exactly as it will be sent; it is not "
         "signed as parameters"), N_("BODY") },
    { "content-type", 0, 0, G_OPTION_ARG_STRING, &args->content_type,
      N_("The Content-Type of --body (default: application/json)"), N_("TYPE") },
    { "body-hash", 0, 0, G_OPTION_ARG_NONE, &args->body_hash,
      N_("Sign the body with oauth_body_hash (the OAuth Request Body Hash draft)"), NULL },
    { "consumer-key", 0, 0, G_OPTION_ARG_STRING, &args->consumer_key,
      N_("The consumer key (required)"), N_("KEY") },
    { "consumer-secret", 0, 0, G_OPTION_ARG_STRING, &args->consumer_secret,
      N_("The consumer secret (or set COUNTERSIGN_CONSUMER_SECRET)"), N_("SECRET") },
    { "token", 0, 0, G_OPTION_ARG_STRING, &args->token,
      N_("The request or access token"), N_("TOKEN") },
    { "token-secret", 0, 0, G_OPTION_ARG_STRING, &args->token_secret,
      N_("The token secret (or set COUNTERSIGN_TOKEN_SECRET)"), N_("SECRET") },
    { "callback", 0, 0, G_OPTION_ARG_STRING, &args->callback,
      N_("Send oauth_callback: a URL, or oob for PIN mode"), N_("URL|oob") },
    { "verifier", 0, 0, G_OPTION_ARG_STRING, &args->verifier,
      N_("Send oauth_verifier"), N_("VERIFIER") },
    { "realm", 0, 0, G_OPTION_ARG_STRING, &args->realm,
      N_("Put realm in the header (it is never signed)"), N_("REALM") },
    { "signature-method", 0, 0, G_OPTION_ARG_STRING, &args->signature_method,
      N_("HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, PLAINTEXT, RSA-SHA1 or RSA-SHA256"),
      N_("METHOD") },
    { "private-key", 0, 0, G_OPTION_ARG_FILENAME, &args->private_key,
      N_("The PEM private key file for RSA-SHA1 and RSA-SHA256"), N_("PEM-FILE") },
    { "nonce", 0, 0, G_OPTION_ARG_STRING, &args->nonce,
      N_("Use this nonce instead of a random one"), N_("NONCE") },
    { "timestamp", 0, 0, G_OPTION_ARG_STRING, &args->timestamp,
      N_("Use this timestamp instead of the current time"), N_("TIMESTAMP") },
    { "no-version", 0, 0, G_OPTION_ARG_NONE, &args->no_version,
      N_("Do not send oauth_version=\"1.0\""), NULL },
    { "print", 0, 0, G_OPTION_ARG_STRING, &args->print,
      N_("What to print: header (default), base-string, signature or curl"),
      N_("WHAT") },
    { NULL }
  };

  return cs_cli_option_context_new ("sign", NULL,
                                    _("Sign a request with OAuth 1.0a (RFC 5849) and print the "
                                      "Authorization header, the signature base string, the "
                                      "signature or a curl command."),
                                    _("Secrets given in the environment stay out of the "
                                      "process list. An absent secret is the empty string."),
                                    cs_cli_exit_codes_help (), entries);
}

static void
sign_options_from_args (SignArgs          *args,
                        CsSignatureMethod  method,
                        CsSignedRequest   *request)
{
  CsSignOptions *options = &request->sign;

  cs_signed_request_init (request);
  request->http_method = args->method;
  request->url = args->url;
  request->form_body = args->data;
  request->body = args->body;
  request->content_type = args->content_type;
  request->body_hash = args->body_hash;
  options->consumer_key = args->consumer_key;
  options->consumer_secret = args->consumer_secret;
  options->token = args->token;
  options->token_secret = args->token_secret;
  options->callback = args->callback;
  options->verifier = args->verifier;
  options->realm = args->realm;
  options->method = method;
  options->private_key_pem = args->private_key_pem;
  options->nonce = args->nonce;
  options->timestamp = args->timestamp;
  options->omit_version = args->no_version;
}

static void
print_signature (SignArgs              *args,
                 const CsSignedRequest *request,
                 const CsSignature     *sig)
{
  if (strcmp (args->print, "header") == 0)
    printf ("%s\n", sig->header);
  else if (strcmp (args->print, "base-string") == 0)
    printf ("%s\n", sig->base_string);
  else if (strcmp (args->print, "signature") == 0)
    printf ("%s\n", sig->signature);
  else
    cs_cli_print_secret_text (cs_signed_request_curl (request, sig));
}

int
cs_cli_sign (int    argc,
             char **argv)
{
  g_auto(SignArgs) args = { 0 };
  g_autoptr(GOptionContext) context = sign_context_new (&args);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSignature) sig = NULL;
  CsSignedRequest request;
  CsSignatureMethod method = CS_SIGNATURE_METHOD_HMAC_SHA1;
  int status;

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
  sign_options_from_args (&args, method, &request);
  sig = cs_signed_request_sign (&request, &error);
  if (sig == NULL)
    return cs_cli_usage_error (error->code == CS_OAUTH_ERROR_KEY ? "--private-key" : NULL, "%s",
                               error->message);
  print_signature (&args, &request, sig);
  return CS_CLI_EXIT_OK;
}
