/* cs-oauth-client.c — the three-legged flow over one SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One operation is one GTask that may send up to two requests (the second after a clock-skew
 * correction). Each attempt runs under its own timer, which cancels an internal cancellable
 * chained to the caller's; that is how a stalled or trickling provider ends in
 * CS_OAUTH_ERROR_TIMEOUT rather than a hang. The body is read in chunks and cut off at
 * MAX_BODY_SIZE.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider-error.h"
#include "cs-proxy-resolver.h"
#include "cs-signer.h"

#define DEFAULT_TIMEOUT   30
#define MAX_BODY_SIZE     (1024 * 1024)
#define READ_CHUNK        (16 * 1024)
#define MAX_SKEW_SECONDS  (5 * 60)
#define MAX_SHOWN_URL     200

struct _CsOAuthClient
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout;
  gint64       clock_offset;
  guint        allow_insecure_http : 1;
  guint        proxies_enabled : 1;
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

  /* One attempt */
  SoupMessage       *message;
  GInputStream      *stream;
  GByteArray        *body;
  GCancellable      *attempt_cancellable;
  GSource           *timer;
  gboolean           timed_out;
  gboolean           eof;
  gboolean           retried;

  GCancellable      *caller_cancellable;
  gulong             cancelled_id;
} Request;

typedef struct
{
  GBytes *body;
  guint   status;
} CallResult;

static void request_send (GTask *task);

static void
call_result_free (CallResult *result)
{
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result);
}

static void
request_stop_attempt (Request *request)
{
  if (request->timer != NULL)
    {
      g_source_destroy (request->timer);
      g_clear_pointer (&request->timer, g_source_unref);
    }
  if (request->stream != NULL)
    {
      /* Closing would otherwise drain the rest of the body, blocking: cancel first. */
      if (!request->eof)
        g_cancellable_cancel (request->attempt_cancellable);
      g_input_stream_close (request->stream, request->attempt_cancellable, NULL);
      g_clear_object (&request->stream);
    }
  g_clear_object (&request->message);
  g_clear_object (&request->attempt_cancellable);
  g_clear_pointer (&request->body, g_byte_array_unref);
}

static void
request_free (Request *request)
{
  request_stop_attempt (request);
  if (request->cancelled_id != 0)
    g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);
  g_clear_object (&request->caller_cancellable);
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
  request_stop_attempt (request);
  g_task_return_new_error (task, CS_OAUTH_ERROR, code, "%s", scrubbed);
}

static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host == NULL || *host == '\0')
    return g_strdup (_("the provider"));
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf (strchr (host, ':') ? "[%s]:%d" : "%s:%d", host, g_uri_get_port (uri));
  return g_strdup (host);
}

/* The loopback test */

gboolean
cs_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The client object */

static void
cs_oauth_client_dispose (GObject *object)
{
  CsOAuthClient *self = (CsOAuthClient *) object;

  g_clear_object (&self->session);

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
  self->timeout = DEFAULT_TIMEOUT;
  /* No proxies until the first URL that is not loopback (request_start()): with proxies on,
   * GLib loads the default resolver (GIO modules, dconf, the session bus) on the connecting
   * thread before the first connection, which loopback never needs. */
  self->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Countersign/" PACKAGE_VERSION,
                                                 NULL);
}

CsOAuthClient *
cs_oauth_client_new (void)
{
  return g_object_new (CS_TYPE_OAUTH_CLIENT, NULL);
}

void
cs_oauth_client_set_timeout (CsOAuthClient *self,
                             guint          seconds)
{
  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
}

guint
cs_oauth_client_get_timeout (CsOAuthClient *self)
{
  g_return_val_if_fail (CS_IS_OAUTH_CLIENT (self), 0);
  return self->timeout;
}

void
cs_oauth_client_set_allow_insecure_http (CsOAuthClient *self,
                                         gboolean       allow)
{
  g_return_if_fail (CS_IS_OAUTH_CLIENT (self));
  self->allow_insecure_http = !!allow;
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

/* Responses */

/* Checks that a token response is form-encoded UTF-8 text with the fields it must have. */
static GPtrArray *
parse_token_response (Request *request,
                      GBytes  *bytes,
                      GError **error)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *required[] = { "oauth_token", "oauth_token_secret" };
  const char *confirmed;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("%s answered with an empty body instead of a token"), request->host);
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("%s answered with bytes that are not UTF-8 text instead of a token"),
                   request->host);
      return NULL;
    }
  params = cs_form_parse (data, len, &local_error);
  if (params == NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("The answer of %s is not form-encoded: %s"), request->host,
                   local_error->message);
      return NULL;
    }
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);

      if (!g_utf8_validate (param->name, -1, NULL) || !g_utf8_validate (param->value, -1, NULL))
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                       _("The answer of %s has a field that is not UTF-8 text once decoded"),
                       request->host);
          return NULL;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      guint count = cs_param_list_count (params, required[i]);
      const char *value = cs_param_list_get (params, required[i]);

      if (count == 0 || *value == '\0')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                       _("The answer of %s lacks the field “%s”: it is not a token response"),
                       request->host, required[i]);
          return NULL;
        }
      if (count > 1)
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                       _("The answer of %s has the field “%s” %u times; it must be there "
                         "once"), request->host, required[i], count);
          return NULL;
        }
    }

  if (request->kind != KIND_REQUEST_TOKEN)
    return g_steal_pointer (&params);

  confirmed = cs_param_list_get (params, "oauth_callback_confirmed");
  if (confirmed == NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("The answer of %s lacks “oauth_callback_confirmed=true”: the provider "
                     "does not confirm the callback, as OAuth 1.0a requires"), request->host);
      return NULL;
    }
  if (strcmp (confirmed, "true") != 0)
    {
      g_autofree char *shown = cs_provider_error_sanitize (confirmed, -1, 40);

      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("The answer of %s has “oauth_callback_confirmed=%s” instead of "
                     "“true”: the provider did not accept the callback"), request->host, shown);
      return NULL;
    }
  return g_steal_pointer (&params);
}

/* The clock offset the provider's Date header implies; FALSE when it sent none. */
static gboolean
provider_clock_offset (Request *request,
                       gint64  *offset)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *date = soup_message_headers_get_one (headers, "Date");
  g_autoptr(GDateTime) dt = NULL;

  if (date == NULL || (dt = soup_date_time_new_from_http_string (date)) == NULL)
    return FALSE;
  *offset = g_date_time_to_unix (dt) - g_get_real_time () / G_USEC_PER_SEC;
  return TRUE;
}

/* Whether to retry with the provider's clock: when it refused the timestamp (Twitter's 135,
 * `oauth_problem=timestamp_refused`) and its Date says we are off, or when it answered 401
 * and its Date is more than five minutes from ours. Only once per operation. */
static gboolean
should_retry_for_clock (Request    *request,
                        guint       status,
                        int         code,
                        const char *problem,
                        gint64     *offset)
{
  gint64 diff;

  if (request->retried || !provider_clock_offset (request, offset))
    return FALSE;
  diff = ABS (*offset - request->client->clock_offset);
  if (code == 135 || g_strcmp0 (problem, "timestamp_refused") == 0)
    return diff > 30;
  return status == 401 && diff > MAX_SKEW_SECONDS;
}

/* Token responses hold oauth_token_secret: the bytes are wiped when the last reference goes. */
typedef struct
{
  guint8 *data;
  gsize   len;
} WipedBuffer;

static void
wiped_buffer_free (gpointer user_data)
{
  WipedBuffer *buffer = user_data;

  if (buffer->data != NULL)
    explicit_bzero (buffer->data, buffer->len);
  g_free (buffer->data);
  g_free (buffer);
}

static GBytes *
wiping_bytes_new (GByteArray *array)
{
  WipedBuffer *buffer = g_new (WipedBuffer, 1);

  buffer->len = array->len;
  buffer->data = g_byte_array_steal (array, NULL);
  g_byte_array_unref (array);
  return g_bytes_new_with_free_func (buffer->data, buffer->len, wiped_buffer_free, buffer);
}

static void
request_complete (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  const char *content_type =
    soup_message_headers_get_content_type (soup_message_get_response_headers (request->message),
                                           NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) params = NULL;

  bytes = wiping_bytes_new (g_steal_pointer (&request->body));

  if (status >= 400)
    {
      g_autofree char *problem = NULL;
      gint64 offset = 0;
      int code = -1;

      cs_provider_error_parse_full (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    content_type, &code, &problem, NULL);
      if (should_retry_for_clock (request, status, code, problem, &offset))
        {
          g_debug ("Clock skew of %" G_GINT64_FORMAT " s from the Date header of %s; retrying",
                   offset, request->host);
          request->client->clock_offset = offset;
          request->retried = TRUE;
          request_stop_attempt (request);
          request_send (task);
          return;
        }
    }

  if (request->kind == KIND_CALL)
    {
      CallResult *result = g_new0 (CallResult, 1);

      result->body = g_steal_pointer (&bytes);
      result->status = status;
      request_stop_attempt (request);
      g_task_return_pointer (task, result, (GDestroyNotify) call_result_free);
      return;
    }

  if (status >= 400 || status < 200)
    {
      g_autofree char *description =
        cs_provider_error_describe (status, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), content_type);

      request_return_error (task, CS_OAUTH_ERROR_REJECTED, _("%s refused the request: %s"),
                            request->host, description);
      return;
    }

  params = parse_token_response (request, bytes, &error);
  if (params == NULL)
    {
      request_return_error (task, error->code, "%s", error->message);
      return;
    }
  request_stop_attempt (request);
  g_task_return_pointer (task, cs_credentials_new (params), (GDestroyNotify) cs_credentials_unref);
}

/* Sending and reading */

/* Says why a certificate was refused, in words; NULL when the flags say nothing. */
static char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (reasons, (gpointer) _("it is not signed by a trusted authority"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (reasons, (gpointer) _("it is for another host name"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (reasons, (gpointer) _("it is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (reasons, (gpointer) _("it has expired"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (reasons, (gpointer) _("it has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (reasons, (gpointer) _("its algorithm is insecure"));
  if (reasons->len == 0)
    return NULL;
  g_ptr_array_add (reasons, NULL);
  return g_strjoinv ("; ", (char **) reasons->pdata);
}

static void
request_return_io_error (GTask  *task,
                         GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    request_return_error (task, CS_OAUTH_ERROR_TIMEOUT,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s did not answer within %u second",
                                       "%s did not answer within %u seconds",
                                       request->client->timeout),
                          request->host, request->client->timeout);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      request_stop_attempt (request);
      g_task_return_error (task, g_error_copy (error));
    }
  else if (error->domain == G_TLS_ERROR ||
           (request->message != NULL &&
            soup_message_get_tls_peer_certificate_errors (request->message) != 0))
    {
      GTlsCertificateFlags flags =
        request->message ? soup_message_get_tls_peer_certificate_errors (request->message) : 0;
      g_autofree char *why = describe_tls_errors (flags);

      request_return_error (task, CS_OAUTH_ERROR_TLS,
                            _("The TLS certificate of %s was refused (%s): the connection is "
                              "not safe, so nothing was sent"), request->host,
                            why != NULL ? why : error->message);
    }
  else if (error->domain == SOUP_SESSION_ERROR)
    request_return_error (task, CS_OAUTH_ERROR_NETWORK,
                          _("%s did not answer with valid HTTP: %s"), request->host,
                          error->message);
  else
    request_return_error (task, CS_OAUTH_ERROR_NETWORK,
                          _("Could not talk to %s: %s"), request->host, error->message);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      request_return_io_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      request->eof = TRUE;
      request_complete (task);
      return;
    }
  if (request->body->len + g_bytes_get_size (chunk) > MAX_BODY_SIZE)
    {
      request_return_error (task, CS_OAUTH_ERROR_TOO_LARGE,
                            _("The answer of %s is larger than 1 MiB; reading stopped there"),
                            request->host);
      return;
    }
  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->attempt_cancellable, read_cb,
                                   g_steal_pointer (&task));
}

static void
return_redirect (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  const char *location =
    soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                  "Location");
  g_autofree char *shown = NULL;

  if (location == NULL)
    {
      request_return_error (task, CS_OAUTH_ERROR_REDIRECT,
                            _("%s answered with a redirect (HTTP %u) without a target; "
                              "redirects are never followed"), request->host, status);
      return;
    }
  shown = cs_provider_error_sanitize (location, -1, MAX_SHOWN_URL);
  request_return_error (task, CS_OAUTH_ERROR_REDIRECT,
                        _("%s answered with a redirect (HTTP %u) to %s. Redirects are never "
                          "followed, so the signed request did not go there: check the "
                          "endpoint URL"), request->host, status, shown);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;
  goffset length;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      request_return_io_error (task, error);
      return;
    }

  status = soup_message_get_status (request->message);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      return_redirect (task);
      return;
    }
  length = soup_message_headers_get_content_length (
             soup_message_get_response_headers (request->message));
  if (length > MAX_BODY_SIZE)
    {
      request_return_error (task, CS_OAUTH_ERROR_TOO_LARGE,
                            _("The answer of %s is larger than 1 MiB; it was not read"),
                            request->host);
      return;
    }

  request->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->attempt_cancellable, read_cb,
                                   g_steal_pointer (&task));
}

static gboolean
timer_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->timed_out = TRUE;
  g_cancellable_cancel (request->attempt_cancellable);
  g_clear_pointer (&request->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *attempt = user_data;

  g_cancellable_cancel (attempt);
}

static SoupMessage *
request_build_message (Request  *request,
                       GError  **error)
{
  g_autoptr(CsSignature) signature = NULL;
  g_autoptr(SoupMessage) message = NULL;
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

  message = soup_message_new (request->http_method, request->url);
  if (message == NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL cannot be parsed"));
      return NULL;
    }
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                signature->header);
  if (request->form_body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (request->form_body, strlen (request->form_body));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                                body);
    }
  return g_steal_pointer (&message);
}

static void
request_send (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->message = request_build_message (request, &error);
  if (request->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request->timed_out = FALSE;
  request->eof = FALSE;
  request->attempt_cancellable = g_cancellable_new ();
  if (request->caller_cancellable != NULL)
    {
      if (request->cancelled_id != 0)
        g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);
      request->cancelled_id = g_cancellable_connect (request->caller_cancellable,
                                                     G_CALLBACK (caller_cancelled_cb),
                                                     g_object_ref (request->attempt_cancellable),
                                                     g_object_unref);
    }

  request->timer = g_timeout_source_new ((guint) MIN ((guint64) request->client->timeout * 1000,
                                                     G_MAXUINT));
  g_source_set_callback (request->timer, timer_cb, task, NULL);
  g_source_set_static_name (request->timer, "[countersign] request timeout");
  g_source_attach (request->timer, g_task_get_context (task));

  soup_session_send_async (request->client->session, request->message, G_PRIORITY_DEFAULT,
                           request->attempt_cancellable, send_cb, g_object_ref (task));
}

/* Refuses what must not be sent at all; fills request->host. */
static gboolean
request_check_url (Request  *request,
                   GError  **error)
{
  g_autofree char *base = cs_base_string_uri (request->url, error);

  if (base == NULL)
    return FALSE;
  request->host = url_host (request->url);
  if (g_ascii_strncasecmp (base, "http:", 5) == 0 && !request->client->allow_insecure_http &&
      !cs_url_is_loopback (request->url))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INSECURE,
                   _("Refusing to send credentials over plain http to %s: use https, or "
                     "explicitly allow insecure http"), request->host);
      return FALSE;
    }
  return TRUE;
}

/* The first URL that is not loopback: the system's proxy settings apply from now on, loaded
 * in a worker thread rather than by GLib on this one when the session connects. */
static void
proxies_prepared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  CsOAuthClient *self = request->client;

  cs_proxy_resolver_prepare_finish (CS_PROXY_RESOLVER (object), result, NULL);
  if (!self->proxies_enabled)
    {
      soup_session_set_proxy_resolver (self->session, G_PROXY_RESOLVER (object));
      self->proxies_enabled = TRUE;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  request_send (task);
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
  if (cancellable != NULL)
    request->caller_cancellable = g_object_ref (cancellable);

  if (!request_check_url (request, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!self->proxies_enabled && !cs_url_is_loopback (request->url))
    {
      cs_proxy_resolver_prepare_async (cs_proxy_resolver_get_shared (), cancellable,
                                       proxies_prepared_cb, g_steal_pointer (&task));
      return;
    }
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
                               CS_OAUTH_ERROR_INVALID_INPUT,
                               *trimmed == '\0' ? _("The verifier (PIN) is empty")
                                                : _("There is no request token"));
      explicit_bzero (trimmed, strlen (trimmed));
      return;
    }

  request = request_new (KIND_ACCESS_TOKEN, provider, "POST", endpoint);
  request->token = g_strdup (cs_credentials_get_token (request_token));
  request->token_secret = g_strdup (cs_credentials_get_token_secret (request_token));
  request->verifier = g_steal_pointer (&trimmed);
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
