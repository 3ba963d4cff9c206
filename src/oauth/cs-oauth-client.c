/* cs-oauth-client.c — the OAuth 1.0a exchanges, signed and sent over a CsTransport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One operation is one GTask that may send up to two requests through the transport: the
 * second signed again after a clock-skew correction. The transport's errors may quote what
 * the server sent back, so they are scrubbed of this request's secrets here.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider-error.h"
#include "cs-signer.h"
#include "cs-token-answer.h"
#include "cs-transport.h"
#include "cs-base-string-diff.h"

#define MAX_SKEW_SECONDS  (5 * 60)

struct _CsOAuthClient
{
  GObject      parent_instance;

  CsTransport *transport;
  gint64       clock_offset;
};

G_DEFINE_FINAL_TYPE (CsOAuthClient, cs_oauth_client, G_TYPE_OBJECT)

typedef enum
{
  KIND_REQUEST_TOKEN,
  KIND_ACCESS_TOKEN,
  KIND_CALL,
} RequestKind;

typedef struct
{
  CsOAuthClient     *client;   /* owned */
  RequestKind        kind;
  char              *http_method;
  char              *url;
  char              *form_body;
  char              *host;     /* for messages */

  /* Signing inputs; the secrets are wiped on free. */
  CsSignatureMethod  method;
  char              *consumer_key;
  char              *consumer_secret;
  char              *private_key_pem;
  char              *token;
  char              *token_secret;
  char              *callback;
  char              *verifier;
  CsVerifierSource   verifier_source; /* for the access token step's advice */
  char              *base_string; /* the last one signed, for a debug_sbs answer */

  gboolean           retried;
} Request;

typedef struct
{
  GBytes *body;
  guint   status;
} CallResult;

static void
call_result_free (CallResult *result)
{
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result);
}

static void
request_free (Request *request)
{
  g_clear_object (&request->client);
  g_free (request->http_method);
  g_free (request->url);
  cs_secret_free (request->form_body);
  g_free (request->host);
  g_free (request->consumer_key);
  cs_secret_free (request->consumer_secret);
  cs_secret_free (request->private_key_pem);
  cs_secret_free (request->token);
  cs_secret_free (request->token_secret);
  g_free (request->callback);
  cs_secret_free (request->verifier);
  cs_secret_free (request->base_string);
  g_free (request);
}

/* Messages */

/* Replaces every secret of the request (raw or percent-encoded) in @text. */
static char *
scrub_secrets (Request    *request,
               const char *text)
{
  const char *secrets[] = {
    request->consumer_secret, request->token_secret,
    request->kind == KIND_CALL ? request->token : NULL,
    request->private_key_pem,
  };
  GString *out = g_string_new (text);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *encoded = NULL;
      g_autofree char *twice = NULL;

      if (secrets[i] == NULL || strlen (secrets[i]) < 4)
        continue;
      /* As sent, and as a PLAINTEXT signature inside the header carries it. */
      encoded = cs_percent_encode (secrets[i]);
      twice = cs_percent_encode (encoded);
      g_string_replace (out, twice, "[secret]", 0);
      g_string_replace (out, encoded, "[secret]", 0);
      g_string_replace (out, secrets[i], "[secret]", 0);
    }
  return g_string_free (out, FALSE);
}

G_GNUC_PRINTF (3, 4)
static void
request_return_error (GTask      *task,
                      int         code,
                      const char *format,
                      ...)
{
  Request *request = g_task_get_task_data (task);
  g_autofree char *message = NULL;
  g_autofree char *scrubbed = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  scrubbed = scrub_secrets (request, message);
  g_task_return_new_error (task, CS_OAUTH_ERROR, code, "%s", scrubbed);
}

/* The client object */

static void
cs_oauth_client_dispose (GObject *object)
{
  CsOAuthClient *self = (CsOAuthClient *) object;

  g_clear_object (&self->transport);

  G_OBJECT_CLASS (cs_oauth_client_parent_class)->dispose (object);
}

static void
cs_oauth_client_class_init (CsOAuthClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_oauth_client_dispose;
}

static void
cs_oauth_client_init (CsOAuthClient *self)
{
  self->transport = cs_transport_new ();
}

CsOAuthClient *
cs_oauth_client_new (void)
{
  return g_object_new (CS_TYPE_OAUTH_CLIENT, NULL);
}

/**
 * cs_oauth_client_get_transport:
 *
 * Returns: (transfer none): the transport every request of this client goes through
 */
CsTransport *
cs_oauth_client_get_transport (CsOAuthClient *self)
{
  g_return_val_if_fail (CS_IS_OAUTH_CLIENT (self), NULL);
  return self->transport;
}

void
cs_oauth_client_set_timeout (CsOAuthClient *self,
                             guint          seconds)
{
  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  g_return_if_fail (seconds > 0);

  cs_transport_set_timeout (self->transport, seconds);
}

guint
cs_oauth_client_get_timeout (CsOAuthClient *self)
{
  g_return_val_if_fail (CS_IS_OAUTH_CLIENT (self), 0);
  return cs_transport_get_timeout (self->transport);
}

void
cs_oauth_client_set_allow_insecure_http (CsOAuthClient *self,
                                         gboolean       allow)
{
  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  cs_transport_set_allow_insecure_http (self->transport, allow);
}

gint64
cs_oauth_client_get_clock_offset (CsOAuthClient *self)
{
  g_return_val_if_fail (CS_IS_OAUTH_CLIENT (self), 0);
  return self->clock_offset;
}

void
cs_oauth_client_set_clock_offset (CsOAuthClient *self,
                                  gint64         offset)
{
  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  self->clock_offset = offset;
}

/* Sending */

static SoupMessage *
request_build_message (Request  *request,
                       GError  **error)
{
  g_autoptr(CsSignature) signature = NULL;
  SoupMessage *message;
  CsSignOptions options;

  cs_sign_options_init (&options);
  options.consumer_key = request->consumer_key;
  options.consumer_secret = request->consumer_secret;
  options.private_key_pem = request->private_key_pem;
  options.token = request->token;
  options.token_secret = request->token_secret;
  options.callback = request->callback;
  options.verifier = request->verifier;
  options.method = request->method;
  options.timestamp_offset = request->client->clock_offset;

  signature = cs_sign (request->http_method, request->url, request->form_body, &options, error);
  if (signature == NULL)
    return NULL;
  cs_secret_free (request->base_string);
  request->base_string = g_strdup (signature->base_string);

  message = cs_transport_message_new (request->http_method, request->url, request->form_body,
                                      error);
  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  signature->header);
  return message;
}

static void request_send (GTask *task);

/* Whether to retry with the provider's clock: when it refused the timestamp (Twitter's 135,
 * `oauth_problem=timestamp_refused`) and its Date says we are off, or when it answered 401
 * and its Date is more than five minutes from ours. Only once per operation. */
static gboolean
should_retry_for_clock (Request            *request,
                        guint               status,
                        SoupMessageHeaders *headers,
                        GBytes             *body,
                        gint64             *offset)
{
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *problem = NULL;
  int code = -1;
  gint64 diff;

  if (status < 400 || request->retried || !cs_transport_date_offset (headers, offset))
    return FALSE;
  cs_provider_error_parse_full (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                content_type, &code, &problem, NULL);
  diff = ABS (*offset - request->client->clock_offset);
  if (code == 135 || g_strcmp0 (problem, "timestamp_refused") == 0)
    return diff > 30;
  return status == 401 && diff > MAX_SKEW_SECONDS;
}

/* What to check when the provider refused a token request without saying why (a bare 401,
 * as oauthlib and many providers send): it depends on the step. NULL when the provider's
 * own words already say what to do (cs_provider_error_explain), or for other statuses. */
static const char *
step_advice (Request            *request,
             guint               status,
             SoupMessageHeaders *headers,
             GBytes             *body)
{
  g_autofree char *problem = NULL;
  int code = -1;

  if (status != 400 && status != 401 && status != 403)
    return NULL;
  cs_provider_error_parse_full (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                soup_message_headers_get_content_type (headers, NULL), &code,
                                &problem, NULL);
  if (cs_provider_error_explain (code, problem) != NULL)
    return NULL;
  if (request->kind == KIND_ACCESS_TOKEN)
    return cs_verifier_advice_refused (request->verifier_source);
  return _("Check the consumer key and the consumer secret, and that this computer’s clock "
           "is set correctly.");
}

static void
request_complete (GTask              *task,
                  guint               status,
                  SoupMessageHeaders *headers,
                  GBytes             *body)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CsCredentials *credentials;
  gint64 offset = 0;

  if (should_retry_for_clock (request, status, headers, body, &offset))
    {
      g_debug ("Clock skew of %" G_GINT64_FORMAT " s from the Date header of %s; retrying",
               offset, request->host);
      request->client->clock_offset = offset;
      request->retried = TRUE;
      request_send (task);
      return;
    }

  if (request->kind == KIND_CALL)
    {
      CallResult *result = g_new0 (CallResult, 1);

      result->body = g_bytes_ref (body);
      result->status = status;
      g_task_return_pointer (task, result, (GDestroyNotify) call_result_free);
      return;
    }

  if (status >= 400 || status < 200)
    {
      g_autofree char *description =
        cs_provider_error_describe (status, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body),
                                    soup_message_headers_get_content_type (headers, NULL));
      const char *advice = step_advice (request, status, headers, body);
      g_autofree char *sent =
        request->kind == KIND_REQUEST_TOKEN
          ? cs_provider_error_callback_advice (g_bytes_get_data (body, NULL),
                                               g_bytes_get_size (body),
                                               soup_message_headers_get_content_type (headers,
                                                                                      NULL),
                                               request->callback)
          : NULL;
      g_autofree char *more = sent != NULL ? g_strjoin (" ", advice != NULL ? advice : "",
                                                         sent, NULL)
                                           : g_strdup (advice);
      /* What the provider says it signed (debug_sbs), beside ours (issue 14). */
      g_autofree char *diff = cs_base_string_diff_for_body (request->base_string, body,
                                                            request->token, request->verifier);

      /* The advice goes after the provider's words, so the message starts as it always did. */
      g_autofree char *refused = g_strdup_printf (_("%s refused the request: %s%s%s"),
                                                  request->host, description,
                                                  more != NULL ? " " : "",
                                                  more != NULL ? g_strstrip (more) : "");

      request_return_error (task, CS_OAUTH_ERROR_REJECTED, "%s%s%s", refused,
                            diff != NULL ? "\n\n" : "", diff != NULL ? diff : "");
      return;
    }

  credentials = cs_token_answer_parse (request->kind == KIND_REQUEST_TOKEN
                                         ? CS_TOKEN_ANSWER_REQUEST_TOKEN
                                         : CS_TOKEN_ANSWER_ACCESS_TOKEN,
                                       body, request->host, &error);
  if (credentials == NULL)
    {
      request_return_error (task, error->code, "%s", error->message);
      return;
    }
  g_task_return_pointer (task, credentials, (GDestroyNotify) cs_credentials_unref);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  body = cs_transport_send_finish (CS_TRANSPORT (object), result, &status, &headers, &error);
  if (body != NULL)
    request_complete (task, status, headers, body);
  else if (error->domain == CS_OAUTH_ERROR)
    request_return_error (task, error->code, "%s", error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
request_send (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  message = request_build_message (request, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cs_transport_send_async (request->client->transport, message, g_task_get_cancellable (task),
                           sent_cb, g_object_ref (task));
}

static void
request_start (CsOAuthClient       *self,
               Request             *request,
               const CsConsumer    *consumer,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  request->client = g_object_ref (self);
  request->consumer_key = g_strdup (consumer->key);
  request->consumer_secret = g_strdup (consumer->secret);
  request->private_key_pem = g_strdup (consumer->private_key_pem);

  /* Refuses what must not be sent at all, before anything is signed. */
  if (!cs_transport_check_url (self->transport, request->url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  request->host = cs_url_display_host (request->url);
  if (g_task_return_error_if_cancelled (task))
    return;
  request_send (task);
}

static Request *
request_new (RequestKind  kind,
             CsProvider  *provider,
             const char  *http_method,
             const char  *url)
{
  Request *request = g_new0 (Request, 1);

  request->kind = kind;
  request->method = cs_provider_get_signature_method (provider);
  request->http_method = g_ascii_strup (http_method, -1);
  request->url = g_strdup (url);
  return request;
}

static gboolean
check_endpoint (CsOAuthClient *self,
                const char    *url,
                const char    *what,
                gpointer       source_tag,
                GAsyncReadyCallback callback,
                gpointer       user_data)
{
  if (url != NULL && *url != '\0')
    return TRUE;
  g_task_report_new_error (self, callback, user_data, source_tag, CS_OAUTH_ERROR,
                           CS_OAUTH_ERROR_INVALID_URL, _("The provider has no %s URL"), what);
  return FALSE;
}

/* Request token */

void
cs_oauth_client_request_token_async (CsOAuthClient       *self,
                                     CsProvider          *provider,
                                     const CsConsumer    *consumer,
                                     const char          *callback,
                                     const char          *access_type,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback_func,
                                     gpointer             user_data)
{
  const char *endpoint;
  g_autofree char *url = NULL;
  Request *request;

  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));
  g_return_if_fail (consumer != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  endpoint = cs_provider_get_request_token_url (provider);
  if (!check_endpoint (self, endpoint, "request-token", cs_oauth_client_request_token_async,
                       callback_func, user_data))
    return;
  if (access_type != NULL && strcmp (access_type, "read") != 0 &&
      strcmp (access_type, "write") != 0)
    {
      g_task_report_new_error (self, callback_func, user_data,
                               cs_oauth_client_request_token_async, CS_OAUTH_ERROR,
                               CS_OAUTH_ERROR_INVALID_INPUT,
                               _("The access type must be “read” or “write”"));
      return;
    }

  /* x_auth_access_type goes in the query, where the signer sees it. */
  if (access_type != NULL)
    url = g_strdup_printf ("%s%cx_auth_access_type=%s", endpoint,
                           strchr (endpoint, '?') ? '&' : '?', access_type);
  request = request_new (KIND_REQUEST_TOKEN, provider, "POST", url ? url : endpoint);
  request->callback = g_strdup (callback != NULL && *callback != '\0' ? callback : "oob");
  request_start (self, request, consumer, cs_oauth_client_request_token_async, cancellable,
                 callback_func, user_data);
}

/**
 * cs_oauth_client_request_token_finish:
 *
 * Returns: (transfer full): the request token, with `oauth_callback_confirmed=true`
 */
CsCredentials *
cs_oauth_client_request_token_finish (CsOAuthClient *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_oauth_client_request_token_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Access token */

void
cs_oauth_client_access_token_async (CsOAuthClient       *self,
                                    CsProvider          *provider,
                                    const CsConsumer    *consumer,
                                    CsCredentials       *request_token,
                                    const char          *verifier,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback_func,
                                    gpointer             user_data)
{
  cs_oauth_client_access_token_from_async (self, provider, consumer, request_token, verifier,
                                           CS_VERIFIER_SOURCE_UNKNOWN, cancellable,
                                           callback_func, user_data);
}

/* The same, with where the verifier came from: the advice after a refusal names it so. */
void
cs_oauth_client_access_token_from_async (CsOAuthClient       *self,
                                         CsProvider          *provider,
                                         const CsConsumer    *consumer,
                                         CsCredentials       *request_token,
                                         const char          *verifier,
                                         CsVerifierSource     source,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback_func,
                                         gpointer             user_data)
{
  g_autofree char *trimmed = NULL;
  const char *endpoint;
  Request *request;

  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));
  g_return_if_fail (consumer != NULL);
  g_return_if_fail (request_token != NULL);
  g_return_if_fail (verifier != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  endpoint = cs_provider_get_access_token_url (provider);
  if (!check_endpoint (self, endpoint, "access-token", cs_oauth_client_access_token_async,
                       callback_func, user_data))
    return;

  /* A PIN is often pasted with spaces or a newline around it. */
  trimmed = g_strstrip (g_strdup (verifier));
  if (*trimmed == '\0' || cs_credentials_get_token (request_token) == NULL)
    {
      g_task_report_new_error (self, callback_func, user_data,
                               cs_oauth_client_access_token_async, CS_OAUTH_ERROR,
                               CS_OAUTH_ERROR_INVALID_INPUT, "%s",
                               *trimmed == '\0' ? cs_verifier_advice_empty (source)
                                                : _("There is no request token"));
      explicit_bzero (trimmed, strlen (trimmed));
      return;
    }

  request = request_new (KIND_ACCESS_TOKEN, provider, "POST", endpoint);
  request->token = g_strdup (cs_credentials_get_token (request_token));
  request->token_secret = g_strdup (cs_credentials_get_token_secret (request_token));
  request->verifier = g_steal_pointer (&trimmed);
  request->verifier_source = source;
  request_start (self, request, consumer, cs_oauth_client_access_token_async, cancellable,
                 callback_func, user_data);
}

/**
 * cs_oauth_client_access_token_finish:
 *
 * Returns: (transfer full): the access token with every field the provider sent
 */
CsCredentials *
cs_oauth_client_access_token_finish (CsOAuthClient *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_oauth_client_access_token_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Signed call */

static gboolean
method_has_no_body (const char *http_method)
{
  return g_ascii_strcasecmp (http_method, "GET") == 0 ||
         g_ascii_strcasecmp (http_method, "HEAD") == 0 ||
         g_ascii_strcasecmp (http_method, "DELETE") == 0;
}

/**
 * cs_oauth_client_call_async:
 * @access_token: (nullable): the token to sign with; %NULL for a consumer-only (two-legged)
 *   request
 * @form_body: (nullable): form-encoded parameters; for GET, HEAD and DELETE they are added
 *   to the URL's query instead of being sent as a body
 */
void
cs_oauth_client_call_async (CsOAuthClient       *self,
                            CsProvider          *provider,
                            const CsConsumer    *consumer,
                            CsCredentials       *access_token,
                            const char          *http_method,
                            const char          *url,
                            const char          *form_body,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback_func,
                            gpointer             user_data)
{
  g_autofree char *full_url = NULL;
  Request *request;

  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));
  g_return_if_fail (consumer != NULL);
  g_return_if_fail (http_method != NULL && *http_method != '\0');
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!cs_is_printable_ascii (http_method) || strpbrk (http_method, " ()<>@,;:\\\"/[]?={}"))
    {
      g_task_report_new_error (self, callback_func, user_data, cs_oauth_client_call_async,
                               CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                               _("The HTTP method is not a valid token"));
      return;
    }

  if (form_body != NULL && *form_body != '\0' && method_has_no_body (http_method))
    full_url = g_strdup_printf ("%s%c%s", url, strchr (url, '?') ? '&' : '?', form_body);
  request = request_new (KIND_CALL, provider, http_method, full_url ? full_url : url);
  if (full_url == NULL && form_body != NULL && !method_has_no_body (http_method))
    request->form_body = g_strdup (form_body);
  if (access_token != NULL)
    {
      request->token = g_strdup (cs_credentials_get_token (access_token));
      request->token_secret = g_strdup (cs_credentials_get_token_secret (access_token));
    }
  request_start (self, request, consumer, cs_oauth_client_call_async, cancellable,
                 callback_func, user_data);
}

/**
 * cs_oauth_client_call_finish:
 * @status: (out) (optional): the HTTP status
 *
 * Returns: (transfer full): the response body (at most 1 MiB)
 */
GBytes *
cs_oauth_client_call_finish (CsOAuthClient *self,
                             GAsyncResult  *result,
                             guint         *status,
                             GError       **error)
{
  CallResult *call;
  GBytes *body;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_oauth_client_call_async), NULL);

  call = g_task_propagate_pointer (G_TASK (result), error);
  if (call == NULL)
    return NULL;
  if (status != NULL)
    *status = call->status;
  body = g_steal_pointer (&call->body);
  call_result_free (call);
  return body;
}

/* The authorize URL */

char *
cs_oauth_authorize_url (CsProvider    *provider,
                        CsCredentials *request_token,
                        gboolean       authenticate,
                        gboolean       force_login,
                        const char    *screen_name)
{
  const char *base = NULL;
  const char *token;
  GString *url;

  g_return_val_if_fail (CS_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (request_token != NULL, NULL);

  token = cs_credentials_get_token (request_token);
  g_return_val_if_fail (token != NULL, NULL);

  if (authenticate)
    base = cs_provider_get_authenticate_url (provider);
  if (base == NULL)
    base = cs_provider_get_authorize_url (provider);
  g_return_val_if_fail (base != NULL, NULL);

  url = g_string_new (base);
  g_string_append (url, strchr (base, '?') ? "&" : "?");
  g_string_append (url, "oauth_token=");
  cs_percent_encode_append (url, token, -1);
  if (cs_provider_get_supports_force_login (provider))
    {
      if (force_login)
        g_string_append (url, "&force_login=true");
      if (screen_name != NULL && *screen_name != '\0')
        {
          g_string_append (url, "&screen_name=");
          cs_percent_encode_append (url, screen_name, -1);
        }
    }
  return g_string_free (url, FALSE);
}
