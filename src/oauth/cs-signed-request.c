/* cs-signed-request.c — one request signed with credentials the user already has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-base-string-diff.h"
#include "cs-export.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signed-request.h"

#define DEFAULT_CONTENT_TYPE "application/json"

void
cs_signed_request_init (CsSignedRequest *request)
{
  g_return_if_fail (request != NULL);

  memset (request, 0, sizeof *request);
  cs_sign_options_init (&request->sign);
  request->http_method = "GET";
}

static gboolean
method_has_no_body (const char *http_method)
{
  return g_ascii_strcasecmp (http_method, "GET") == 0 ||
         g_ascii_strcasecmp (http_method, "HEAD") == 0 ||
         g_ascii_strcasecmp (http_method, "DELETE") == 0;
}

static gboolean
form_in_query (const CsSignedRequest *request)
{
  return request->form_body != NULL && *request->form_body != '\0' &&
         method_has_no_body (request->http_method);
}

char *
cs_signed_request_wire_url (const CsSignedRequest *request)
{
  g_return_val_if_fail (request != NULL && request->url != NULL, NULL);

  if (!form_in_query (request))
    return g_strdup (request->url);
  return g_strdup_printf ("%s%c%s", request->url, strchr (request->url, '?') ? '&' : '?',
                          request->form_body);
}

static gboolean
check_request (const CsSignedRequest *request,
               GError               **error)
{
  if (request->body != NULL && request->form_body != NULL)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("A request has either a form body or a raw body, not both"));
      return FALSE;
    }
  if (request->body_hash && request->form_body != NULL)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("A form-encoded body is signed as parameters and gets no "
                             "oauth_body_hash"));
      return FALSE;
    }
  if (request->content_type != NULL &&
      g_ascii_strncasecmp (request->content_type, "application/x-www-form-urlencoded",
                           33) == 0)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("A form-encoded body is signed as parameters: give it as the "
                             "form body, not as a raw body"));
      return FALSE;
    }
  return TRUE;
}

CsSignature *
cs_signed_request_sign (const CsSignedRequest *request,
                        GError               **error)
{
  g_autofree char *url = NULL;
  g_autofree char *hash = NULL;
  CsSignOptions options;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->http_method != NULL && request->url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_request (request, error))
    return NULL;
  options = request->sign;
  if (request->body_hash)
    {
      const char *body = request->body ? request->body : "";

      hash = cs_body_hash_compute (options.method, body, strlen (body));
      options.body_hash = hash;
    }
  url = cs_signed_request_wire_url (request);
  return cs_sign (request->http_method, url,
                  form_in_query (request) ? NULL : request->form_body, &options, error);
}

char *
cs_signed_request_curl (const CsSignedRequest *request,
                        const CsSignature     *sig)
{
  g_autofree char *url = NULL;
  const char *type;
  GString *out;

  g_return_val_if_fail (request != NULL && sig != NULL, NULL);

  if (request->body == NULL)
    {
      url = cs_signed_request_wire_url (request);
      return cs_export_curl_command (request->http_method, url, sig->header,
                                     form_in_query (request) ? NULL : request->form_body);
    }
  type = request->content_type ? request->content_type : DEFAULT_CONTENT_TYPE;
  /* Sized once, never reallocated while it holds the header. */
  out = g_string_sized_new (160 + 4 * (strlen (request->http_method) + strlen (request->url) +
                                       strlen (sig->header) + strlen (request->body) +
                                       strlen (type)));
  g_string_append (out, "curl --request ");
  cs_export_append_shell_quoted (out, request->http_method);
  {
    g_autofree char *authorization = g_strconcat ("Authorization: ", sig->header, NULL);
    g_autofree char *content_type = g_strconcat ("Content-Type: ", type, NULL);

    g_string_append (out, " --header ");
    cs_export_append_shell_quoted (out, authorization);
    explicit_bzero (authorization, strlen (authorization));
    g_string_append (out, " --header ");
    cs_export_append_shell_quoted (out, content_type);
  }
  g_string_append (out, " --data-binary ");
  cs_export_append_shell_quoted (out, request->body);
  g_string_append_c (out, ' ');
  cs_export_append_shell_quoted (out, request->url);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* Sending */

typedef struct
{
  char *host;
  char *base_string;
  char *token;
  char *secrets[4];
} SendData;

static void
send_data_free (SendData *data)
{
  g_free (data->host);
  cs_secret_free (data->base_string);
  cs_secret_free (data->token);
  for (guint i = 0; i < G_N_ELEMENTS (data->secrets); i++)
    cs_secret_free (data->secrets[i]);
  g_free (data);
}

void
cs_signed_response_free (CsSignedResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->content_type);
  cs_secret_free (response->base_string);
  cs_secret_free (response->provider_base_string);
  g_free (response->diff);
  g_free (response);
}

/* The transport's messages may quote the URL; no secret of the request goes on in one. */
static GError *
scrub_error (SendData *data,
             GError   *error)
{
  if (error->domain != CS_OAUTH_ERROR)
    return error;
  for (guint i = 0; i < G_N_ELEMENTS (data->secrets); i++)
    if (data->secrets[i] != NULL)
      {
        const char * const one[] = { data->secrets[i], NULL };
        char *scrubbed = cs_base_string_diff_hide (error->message, one, "[secret]");

        g_free (error->message);
        error->message = scrubbed;
      }
  return error;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(CsSignedResponse) response = g_new0 (CsSignedResponse, 1);
  GError *error = NULL;

  response->body = cs_transport_send_finish (CS_TRANSPORT (object), result, &response->status,
                                             &headers, &error);
  if (response->body == NULL)
    {
      g_task_return_error (task, scrub_error (data, error));
      return;
    }
  response->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  response->base_string = g_steal_pointer (&data->base_string);
  if (response->status >= 400)
    response->provider_base_string =
      cs_base_string_diff_debug_sbs (g_bytes_get_data (response->body, NULL),
                                     g_bytes_get_size (response->body));
  if (response->provider_base_string != NULL)
    {
      const char * const hide[] = { data->token, NULL };

      response->diff = cs_base_string_diff_describe (response->base_string,
                                                     response->provider_base_string, hide);
    }
  g_task_return_pointer (task, g_steal_pointer (&response),
                         (GDestroyNotify) cs_signed_response_free);
}

static SoupMessage *
build_message (const CsSignedRequest *request,
               const CsSignature     *sig,
               GError               **error)
{
  g_autofree char *url = cs_signed_request_wire_url (request);
  SoupMessage *message;

  message = cs_transport_message_new (request->http_method, url,
                                      form_in_query (request) ? NULL : request->form_body,
                                      error);
  if (message == NULL)
    return NULL;
  if (request->body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (request->body, strlen (request->body));

      soup_message_set_request_body_from_bytes (message, request->content_type
                                                           ? request->content_type
                                                           : DEFAULT_CONTENT_TYPE, bytes);
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                sig->header);
  return message;
}

void
cs_signed_request_send_async (CsTransport           *transport,
                              const CsSignedRequest *request,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  SendData *data;
  GError *error = NULL;

  g_return_if_fail (CS_IS_TRANSPORT (transport));
  g_return_if_fail (request != NULL);

  task = g_task_new (transport, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_signed_request_send_async);
  data = g_new0 (SendData, 1);
  data->token = g_strdup (request->sign.token);
  data->secrets[0] = g_strdup (request->sign.consumer_secret);
  data->secrets[1] = g_strdup (request->sign.token_secret);
  data->secrets[2] = g_strdup (request->sign.token);
  data->secrets[3] = g_strdup (request->sign.private_key_pem);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  url = cs_signed_request_wire_url (request);
  if (!cs_transport_check_url (transport, url, &error) ||
      (sig = cs_signed_request_sign (request, &error)) == NULL ||
      (message = build_message (request, sig, &error)) == NULL)
    {
      g_task_return_error (task, scrub_error (data, error));
      return;
    }
  data->base_string = g_steal_pointer (&sig->base_string);
  cs_transport_send_async (transport, message, cancellable, sent_cb, g_object_ref (task));
}

CsSignedResponse *
cs_signed_request_send_finish (CsTransport   *transport,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_signed_request_send_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
