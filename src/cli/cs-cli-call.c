/* cs-cli-call.c — `countersign-cli call`: a request signed with an access token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The response body goes to standard output as it is; a status of 400 or more exits 4, with
 * what the provider's error means on standard error.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-cli-output.h"
#include "cs-cli-session.h"
#include "cs-percent.h"
#include "cs-provider-error.h"

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
  return -1;
}

/* The body went to stdout as it is; stderr says what it means. */
static int
report_refusal (const char *url,
                guint       http_status,
                GBytes     *body)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  /* Never the query, which may carry a token. */
  g_autofree char *base = cs_base_string_uri (url, NULL);
  g_autofree char *description =
    cs_provider_error_describe (http_status, g_bytes_get_data (body, NULL),
                                g_bytes_get_size (body), NULL);

  g_printerr ("countersign-cli: ");
  g_printerr (_("%s refused the request: %s"),
              uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : base,
              description);
  g_printerr ("\n");
  return CS_CLI_EXIT_REJECTED;
}

int
cs_cli_call (int    argc,
             char **argv)
{
  static const char * const names[] = {
    "method", "url", "data", "provider-not-demo", "base-url", "consumer-key-not-demo",
    "consumer-secret",
    "private-key", "token", "token-secret", "signature-method", "timeout", "allow-insecure-http",
    NULL
  };
  g_auto(CsCliArgs) a = { 0 };
  g_auto(CsCliSession) session;
  g_autoptr(CsCredentials) at = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  int status;

  cs_cli_session_init (&session);
  if ((status = cs_cli_parse_command (&a, &argc, &argv,
                                      _("Send a request signed with an access token and print "
                                        "the response body. Exits with 4 when the HTTP status "
                                        "is 400 or more."),
                                      names)) >= 0 ||
      (status = check_request (&a)) >= 0 ||
      (status = cs_cli_session_setup (&session, &a, FALSE, FALSE, FALSE, FALSE)) >= 0)
    return status;
  if (a.token == NULL)
    return cs_cli_usage_error ("--token", _("is required (the access token)"));

  at = cs_cli_credentials_from_args (&a);
  cs_oauth_client_call_async (session.client, session.provider, &session.consumer, at,
                              a.method, a.url, a.data, session.cancellable,
                              cs_cli_session_ready, &session);
  body = cs_oauth_client_call_finish (session.client, cs_cli_session_wait (&session),
                                      &http_status, &error);
  if (body == NULL)
    return cs_cli_report_error (error);
  cs_cli_print_body (body);
  if (http_status >= 400)
    return report_refusal (a.url, http_status, body);
  return CS_CLI_EXIT_OK;
}
