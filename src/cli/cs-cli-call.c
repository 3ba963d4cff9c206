/* cs-cli-call.c — `countersign-cli call`: a request signed with a token the user has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The response body goes to standard output as it is; a status of 400 or more exits 4, with
 * what the provider's error means on standard error, and, when the provider says which base
 * string it signed (debug_sbs), ours beside it with the first difference marked. Without
 * --token the request is signed with the consumer credentials alone (WooCommerce).
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-oauth2.h"
#include "cs-cli-output.h"
#include "cs-cli-session.h"
#include "cs-percent.h"
#include "cs-provider-error.h"
#include "cs-signed-request.h"

/* Before anything is sent: the method, the URL and the body must be what they look like. */
static int
check_request (CsCliArgs *a)
{
  g_autoptr(GPtrArray) check = cs_param_list_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = cs_cli_check_url_option ("--url", a->url)) >= 0)
    return status;
  if (a->url == NULL)
    return cs_cli_usage_error ("--url", _("is required"));
  if (a->method == NULL)
    a->method = g_strdup ("GET");
  if ((status = cs_cli_check_http_method (a->method)) >= 0)
    return status;
  if (a->data != NULL && !cs_form_parse_append (check, a->data, -1, &error))
    return cs_cli_usage_error ("--data", "%s", error->message);
  if (a->realm != NULL && !g_utf8_validate (a->realm, -1, NULL))
    return cs_cli_usage_error ("--realm", _("is not valid UTF-8"));
  return cs_cli_check_body_options (a->data, a->body, a->content_type, a->body_hash);
}

/* The body went to stdout as it is; stderr says what it means. */
static int
report_refusal (const char             *url,
                const CsSignedResponse *response)
{
  guint http_status = response->status;
  GBytes *body = response->body;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  /* Never the query, which may carry a token. */
  g_autofree char *base = cs_base_string_uri (url, NULL);
  g_autofree char *description =
    cs_provider_error_describe (http_status, g_bytes_get_data (body, NULL),
                                g_bytes_get_size (body), response->content_type);

  g_printerr ("countersign-cli: ");
  g_printerr (_("%s refused the request: %s"),
              uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : base,
              description);
  g_printerr ("\n");
  if (response->diff != NULL)
    g_printerr ("%s\n", response->diff);
  return CS_CLI_EXIT_REJECTED;
}

static void
request_from_args (CsCliArgs       *a,
                   CsCliSession    *session,
                   const char      *token_secret,
                   CsSignedRequest *request)
{
  cs_signed_request_init (request);
  request->sign.consumer_key = session->consumer.key;
  request->sign.consumer_secret = session->consumer.secret;
  request->sign.private_key_pem = session->consumer.private_key_pem;
  request->sign.token = a->token;
  request->sign.token_secret = token_secret;
  request->sign.realm = a->realm;
  request->sign.method = cs_provider_get_signature_method (session->provider);
  request->sign.timestamp_offset = cs_oauth_client_get_clock_offset (session->client);
  request->http_method = a->method;
  request->url = a->url;
  request->form_body = a->data;
  request->body = a->body;
  request->content_type = a->content_type;
  request->body_hash = a->body_hash;
}

int
cs_cli_call (int    argc,
             char **argv)
{
  static const char * const names[] = {
    "method", "url", "data", "body", "content-type", "body-hash", "provider-not-demo",
    "base-url", "consumer-key-not-demo", "consumer-secret", "private-key", "token",
    "token-secret", "signature-method", "realm", "timeout", "allow-insecure-http", "account",
    NULL
  };
  g_auto(CsCliArgs) a = { 0 };
  g_auto(CsCliSession) session;
  g_autoptr(CsSignedResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  char *token_secret = NULL;
  CsTransport *transport;
  CsSignedRequest request;
  int status;

  cs_cli_session_init (&session);
  if ((status = cs_cli_parse_command (&a, &argc, &argv,
                                      _("Send a request signed with a token you have (or "
                                        "with the consumer credentials alone), or with a stored "
                                        "credential of either kind (--account: OAuth 1.0a "
                                        "signed, OAuth 2.0 with the bearer, refreshed first), "
                                        "and print the response body. Exits with 4 when the "
                                        "HTTP status is 400 or more."),
                                      names)) >= 0 ||
      (status = check_request (&a)) >= 0)
    return status;
  if (a.account != NULL)
    {
      if ((status = cs_cli_call_stored (&a, &session, &token_secret)) >= 0)
        {
          cs_secret_free (token_secret);
          return status;
        }
    }
  else if ((status = cs_cli_session_setup (&session, &a, FALSE, FALSE, FALSE, FALSE)) >= 0)
    return status;
  else
    token_secret = cs_cli_secret_option (&a.token_secret, "COUNTERSIGN_TOKEN_SECRET");
  request_from_args (&a, &session, token_secret, &request);
  transport = cs_oauth_client_get_transport (session.client);
  cs_signed_request_send_async (transport, &request, session.cancellable,
                                cs_cli_session_ready, &session);
  /* Signed and copied where needed: the request's strings may go. */
  cs_secret_free (token_secret);
  response = cs_signed_request_send_finish (transport, cs_cli_session_wait (&session), &error);
  if (response == NULL)
    return cs_cli_report_error (error);
  cs_cli_print_body (response->body);
  if (response->status >= 400)
    return report_refusal (a.url, response);
  return CS_CLI_EXIT_OK;
}
