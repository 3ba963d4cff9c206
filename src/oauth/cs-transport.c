/* cs-transport.c — the HTTP policy every request shares, over one SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One send is one GTask. It runs under its own timer, which cancels an internal cancellable
 * chained to the caller's; that is how a stalled or trickling server ends in
 * CS_OAUTH_ERROR_TIMEOUT rather than a hang. The body is read in chunks and cut off at
 * MAX_BODY_SIZE.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-provider-error.h"
#include "cs-proxy-resolver.h"
#include "cs-transport.h"
#include "cs-url-rules.h"

#define DEFAULT_TIMEOUT   30
#define MAX_BODY_SIZE     (1024 * 1024)
#define READ_CHUNK        (16 * 1024)
#define MAX_SHOWN_URL     200
/* The URL a message was made from, as the caller spelt it (libsoup may normalize its own). */
#define MESSAGE_URL_KEY   "cs-transport-url"

struct _CsTransport
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout;
  guint        allow_insecure_http : 1;
  guint        proxies_enabled : 1;
};

G_DEFINE_FINAL_TYPE (CsTransport, cs_transport, G_TYPE_OBJECT)

typedef struct
{
  CsTransport  *transport;   /* owned */
  SoupMessage  *message;
  char         *host;        /* for messages */
  GInputStream *stream;
  GByteArray   *body;
  GCancellable *cancellable; /* this send's: cancelled by the timer or the caller's */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GSource      *timer;
  gboolean      timed_out;
  gboolean      eof;
} Send;

typedef struct
{
  GBytes             *body;
  SoupMessageHeaders *headers;
  guint               status;
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

static void
send_stop (Send *send)
{
  if (send->timer != NULL)
    {
      g_source_destroy (send->timer);
      g_clear_pointer (&send->timer, g_source_unref);
    }
  if (send->stream != NULL)
    {
      /* Closing would otherwise drain the rest of the body, blocking: cancel first. */
      if (!send->eof)
        g_cancellable_cancel (send->cancellable);
      g_input_stream_close (send->stream, send->cancellable, NULL);
      g_clear_object (&send->stream);
    }
  if (send->cancelled_id != 0)
    {
      g_cancellable_disconnect (send->caller_cancellable, send->cancelled_id);
      send->cancelled_id = 0;
    }
  g_clear_pointer (&send->body, g_byte_array_unref);
}

static void
send_free (Send *send)
{
  send_stop (send);
  g_clear_object (&send->cancellable);
  g_clear_object (&send->caller_cancellable);
  g_clear_object (&send->message);
  g_clear_object (&send->transport);
  g_free (send->host);
  g_free (send);
}

G_GNUC_PRINTF (3, 4)
static void
send_return_error (GTask      *task,
                   int         code,
                   const char *format,
                   ...)
{
  Send *send = g_task_get_task_data (task);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  send_stop (send);
  g_debug ("%s: no answer to use (error %d)", send->host, code);
  g_task_return_new_error (task, CS_OAUTH_ERROR, code, "%s", message);
}

/* The body */

/* Token answers hold secrets: the bytes are wiped when the last reference goes. */
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
send_complete (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  Response *response = g_new0 (Response, 1);

  response->body = wiping_bytes_new (g_steal_pointer (&send->body));
  response->status = soup_message_get_status (send->message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (send->message));
  g_debug ("%s answered HTTP %u with %" G_GSIZE_FORMAT " bytes", send->host, response->status,
           g_bytes_get_size (response->body));
  send_stop (send);
  g_task_return_pointer (task, response, (GDestroyNotify) response_free);
}

/* Errors */

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

/* The handshake failed before any certificate came back: the server does not speak TLS
 * (GnuTLS reports a plain-http answer as an unexpected packet, G_TLS_ERROR_MISC). */
static gboolean
handshake_got_no_tls (Send                 *send,
                      const GError         *error,
                      GTlsCertificateFlags  flags)
{
  if (flags != 0 || soup_message_get_tls_peer_certificate (send->message) != NULL)
    return FALSE;
  return g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS)
         || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_MISC);
}

static void
send_return_io_error (GTask  *task,
                      GError *error)
{
  Send *send = g_task_get_task_data (task);
  guint timeout = send->transport->timeout;
  GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (send->message);

  if (send->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    send_return_error (task, CS_OAUTH_ERROR_TIMEOUT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s did not answer within %u second",
                                    "%s did not answer within %u seconds", timeout),
                       send->host, timeout);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      send_stop (send);
      g_task_return_error (task, g_error_copy (error));
    }
  else if (handshake_got_no_tls (send, error, flags))
    send_return_error (task, CS_OAUTH_ERROR_NOT_TLS,
                       _("%s does not speak TLS: the address is https, but no TLS answer came "
                         "back (a plain-http server?), so nothing was sent. Check the address."),
                       send->host);
  else if (error->domain == G_TLS_ERROR || flags != 0)
    {
      g_autofree char *why = describe_tls_errors (flags);

      send_return_error (task, CS_OAUTH_ERROR_TLS,
                         _("The TLS certificate of %s was refused (%s): the connection is "
                           "not safe, so nothing was sent"), send->host,
                         why != NULL ? why : error->message);
    }
  else if (error->domain == SOUP_SESSION_ERROR)
    send_return_error (task, CS_OAUTH_ERROR_NETWORK,
                       _("%s did not answer with valid HTTP: %s"), send->host, error->message);
  else
    send_return_error (task, CS_OAUTH_ERROR_NETWORK,
                       _("Could not talk to %s: %s"), send->host, error->message);
}

static void
send_return_redirect (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  guint status = soup_message_get_status (send->message);
  const char *location =
    soup_message_headers_get_one (soup_message_get_response_headers (send->message),
                                  "Location");
  g_autofree char *shown = NULL;

  if (location == NULL)
    {
      send_return_error (task, CS_OAUTH_ERROR_REDIRECT,
                         _("%s answered with a redirect (HTTP %u) without a target; "
                           "redirects are never followed"), send->host, status);
      return;
    }
  shown = cs_provider_error_sanitize (location, -1, MAX_SHOWN_URL);
  send_return_error (task, CS_OAUTH_ERROR_REDIRECT,
                     _("%s answered with a redirect (HTTP %u) to %s. Redirects are never "
                       "followed, so the signed request did not go there: check the "
                       "endpoint URL."), send->host, status, shown);
}

/* Sending and reading */

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      send_return_io_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      send->eof = TRUE;
      send_complete (task);
      return;
    }
  if (send->body->len + g_bytes_get_size (chunk) > MAX_BODY_SIZE)
    {
      send_return_error (task, CS_OAUTH_ERROR_TOO_LARGE,
                         _("The answer of %s is larger than 1 MiB; reading stopped there"),
                         send->host);
      return;
    }
  g_byte_array_append (send->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (send->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   send->cancellable, read_cb, g_steal_pointer (&task));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset length;

  send->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (send->stream == NULL)
    {
      send_return_io_error (task, error);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (send->message)))
    {
      send_return_redirect (task);
      return;
    }
  length = soup_message_headers_get_content_length (
             soup_message_get_response_headers (send->message));
  if (length > MAX_BODY_SIZE)
    {
      send_return_error (task, CS_OAUTH_ERROR_TOO_LARGE,
                         _("The answer of %s is larger than 1 MiB; it was not read"),
                         send->host);
      return;
    }

  send->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (send->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   send->cancellable, read_cb, g_steal_pointer (&task));
}

static gboolean
timer_cb (gpointer user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);

  send->timed_out = TRUE;
  g_cancellable_cancel (send->cancellable);
  g_clear_pointer (&send->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *own = user_data;

  g_cancellable_cancel (own);
}

static void
send_start (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  guint timeout = send->transport->timeout;

  if (send->caller_cancellable != NULL)
    send->cancelled_id = g_cancellable_connect (send->caller_cancellable,
                                                G_CALLBACK (caller_cancelled_cb),
                                                g_object_ref (send->cancellable),
                                                g_object_unref);

  send->timer = g_timeout_source_new ((guint) MIN ((guint64) timeout * 1000, G_MAXUINT));
  g_source_set_callback (send->timer, timer_cb, task, NULL);
  g_source_set_static_name (send->timer, "[countersign] request timeout");
  g_source_attach (send->timer, g_task_get_context (task));

  /* Method, host and path only: a query may carry what is not ours to log. */
  g_debug ("%s %s://%s%s", soup_message_get_method (send->message),
           g_uri_get_scheme (soup_message_get_uri (send->message)), send->host,
           g_uri_get_path (soup_message_get_uri (send->message)));
  soup_session_send_async (send->transport->session, send->message, G_PRIORITY_DEFAULT,
                           send->cancellable, sent_cb, g_object_ref (task));
}

/* The first URL that is not loopback: the system's proxy settings apply from now on, loaded
 * in a worker thread rather than by GLib on this one when the session connects. */
static void
proxies_prepared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  CsTransport *self = send->transport;

  cs_proxy_resolver_prepare_finish (CS_PROXY_RESOLVER (object), result, NULL);
  if (!self->proxies_enabled)
    {
      soup_session_set_proxy_resolver (self->session, G_PROXY_RESOLVER (object));
      self->proxies_enabled = TRUE;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  send_start (task);
}

void
cs_transport_send_async (CsTransport         *self,
                         SoupMessage         *message,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;
  Send *send;

  g_return_if_fail (CS_IS_TRANSPORT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_transport_send_async);
  url = g_object_get_data (G_OBJECT (message), MESSAGE_URL_KEY);
  if (url == NULL)
    url = uri = g_uri_to_string (soup_message_get_uri (message));

  send = g_new0 (Send, 1);
  send->transport = g_object_ref (self);
  send->message = g_object_ref (message);
  send->host = cs_url_display_host (url);
  send->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    send->caller_cancellable = g_object_ref (cancellable);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  if (!cs_transport_check_url (self, url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!self->proxies_enabled && !cs_url_is_loopback (url))
    {
      cs_proxy_resolver_prepare_async (cs_proxy_resolver_get_shared (), cancellable,
                                       proxies_prepared_cb, g_steal_pointer (&task));
      return;
    }
  send_start (task);
}

GBytes *
cs_transport_send_finish (CsTransport         *self,
                          GAsyncResult        *result,
                          guint               *status,
                          SoupMessageHeaders **headers,
                          GError             **error)
{
  Response *response;
  GBytes *body;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_transport_send_async), NULL);

  response = g_task_propagate_pointer (G_TASK (result), error);
  if (response == NULL)
    return NULL;
  if (status != NULL)
    *status = response->status;
  if (headers != NULL)
    *headers = g_steal_pointer (&response->headers);
  body = g_steal_pointer (&response->body);
  response_free (response);
  return body;
}

/* Messages */

SoupMessage *
cs_transport_message_new (const char  *http_method,
                          const char  *url,
                          const char  *form_body,
                          GError     **error)
{
  g_autoptr(SoupMessage) message = NULL;

  g_return_val_if_fail (http_method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  message = soup_message_new (http_method, url);
  if (message == NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL cannot be parsed"));
      return NULL;
    }
  g_object_set_data_full (G_OBJECT (message), MESSAGE_URL_KEY, g_strdup (url), g_free);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (form_body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form_body, strlen (form_body));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                                body);
    }
  return g_steal_pointer (&message);
}

gboolean
cs_transport_date_offset (SoupMessageHeaders *headers,
                          gint64             *offset)
{
  const char *date;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (headers != NULL, FALSE);
  g_return_val_if_fail (offset != NULL, FALSE);

  date = soup_message_headers_get_one (headers, "Date");
  if (date == NULL || (dt = soup_date_time_new_from_http_string (date)) == NULL)
    return FALSE;
  *offset = g_date_time_to_unix (dt) - g_get_real_time () / G_USEC_PER_SEC;
  return TRUE;
}

/* The transport object */

static void
cs_transport_dispose (GObject *object)
{
  CsTransport *self = (CsTransport *) object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (cs_transport_parent_class)->dispose (object);
}

static void
cs_transport_class_init (CsTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_transport_dispose;
}

static void
cs_transport_init (CsTransport *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  /* No proxies until the first URL that is not loopback (cs_transport_send_async ()): with
   * proxies on, GLib loads the default resolver (GIO modules, dconf, the session bus) on the
   * connecting thread before the first connection, which loopback never needs. */
  self->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Countersign/" PACKAGE_VERSION,
                                                 NULL);
}

CsTransport *
cs_transport_new (void)
{
  return g_object_new (CS_TYPE_TRANSPORT, NULL);
}

void
cs_transport_set_timeout (CsTransport *self,
                          guint        seconds)
{
  g_return_if_fail (CS_IS_TRANSPORT (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
}

guint
cs_transport_get_timeout (CsTransport *self)
{
  g_return_val_if_fail (CS_IS_TRANSPORT (self), 0);
  return self->timeout;
}

void
cs_transport_set_allow_insecure_http (CsTransport *self,
                                      gboolean     allow)
{
  g_return_if_fail (CS_IS_TRANSPORT (self));
  self->allow_insecure_http = !!allow;
}

gboolean
cs_transport_get_allow_insecure_http (CsTransport *self)
{
  g_return_val_if_fail (CS_IS_TRANSPORT (self), FALSE);
  return self->allow_insecure_http;
}

gboolean
cs_transport_check_url (CsTransport  *self,
                        const char   *url,
                        GError      **error)
{
  g_return_val_if_fail (CS_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  return cs_endpoint_url_check (url, self->allow_insecure_http, error);
}
