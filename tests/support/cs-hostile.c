/* cs-hostile.c — a scriptable, badly behaved OAuth provider on loopback, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/socket.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "cs-hostile.h"
#include "cs-percent.h"
#include "cs-signer.h"

void
hostile_script (Hostile    *h,
                guint       status,
                const char *content_type,
                const char *body,
                gssize      len)
{
  h->mode = HOSTILE_ANSWER;
  h->status = status;
  g_clear_pointer (&h->body, g_bytes_unref);
  h->body = g_bytes_new (body, len < 0 ? strlen (body) : (gsize) len);
  g_free (h->content_type);
  h->content_type = g_strdup (content_type);
}

static void
hostile_huge_wrote_chunk (SoupServerMessage *msg,
                          gpointer           user_data)
{
  Hostile *h = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  static char chunk[64 * 1024];

  if (h->huge_sent >= 64 * 1024 * 1024)
    {
      soup_message_body_complete (body);
      return;
    }
  memset (chunk, 'a', sizeof chunk);
  soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, sizeof chunk);
  h->huge_sent += sizeof chunk;
}

typedef struct
{
  Hostile           *h;
  SoupServerMessage *msg;
} TrickleData;

static gboolean
hostile_trickle_cb (gpointer user_data)
{
  TrickleData *t = user_data;

  soup_message_body_append (soup_server_message_get_response_body (t->msg), SOUP_MEMORY_STATIC,
                            "o", 1);
  soup_server_message_unpause (t->msg);
  return G_SOURCE_CONTINUE;
}

static void
hostile_answer_clock (Hostile           *h,
                      SoupServerMessage *msg,
                      const char        *authorization)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GPtrArray) params = cs_authorization_header_parse (authorization, NULL, NULL);
  const char *ts = params ? cs_param_list_get (params, "oauth_timestamp") : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC + h->clock_offset;
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now);
  g_autofree char *date = soup_date_time_to_string (dt, SOUP_DATE_HTTP);
  const char *ok = "oauth_token=clock-token&oauth_token_secret=clock-secret"
                   "&oauth_callback_confirmed=true";

  soup_message_headers_replace (headers, "Date", date);
  if (ts != NULL && ABS (g_ascii_strtoll (ts, NULL, 10) - now) <= 300)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/x-www-form-urlencoded",
                                        SOUP_MEMORY_STATIC, ok, strlen (ok));
      return;
    }
  soup_server_message_set_status (msg, 401, NULL);
  if (h->clock_style == 2)
    {
      const char *body = "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=0-1";

      soup_server_message_set_response (msg, "application/x-www-form-urlencoded",
                                        SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (h->clock_style == 1)
    {
      const char *body = "{\"errors\":[{\"code\":135,\"message\":\"Timestamp out of bounds.\"}]}";

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                        strlen (body));
    }
  else
    soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "Unauthorized", 12);
}

static void
hostile_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Hostile *h = user_data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *authorization = soup_message_headers_get_one (req, "Authorization");
  const char *q = g_uri_get_query (soup_server_message_get_uri (msg));
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);

  h->requests++;
  g_ptr_array_add (h->authorizations, g_strdup (authorization ? authorization : ""));
  g_ptr_array_add (h->methods, g_strdup (soup_server_message_get_method (msg)));
  g_ptr_array_add (h->queries, g_strdup (q ? q : ""));
  g_ptr_array_add (h->bodies, g_strndup (request_body->data, request_body->length));

  if (h->location != NULL)
    soup_message_headers_replace (headers, "Location", h->location);
  if (h->date != NULL)
    soup_message_headers_replace (headers, "Date", h->date);

  switch (h->mode)
    {
    case HOSTILE_ANSWER:
      soup_server_message_set_status (msg, h->status, NULL);
      if (h->echo_authorization)
        {
          g_autofree char *echo = g_strdup_printf ("You sent %s", authorization);

          soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, echo,
                                            strlen (echo));
        }
      else
        soup_server_message_set_response (msg, h->content_type, SOUP_MEMORY_COPY,
                                          g_bytes_get_data (h->body, NULL),
                                          g_bytes_get_size (h->body));
      break;
    case HOSTILE_STALL:
      soup_server_message_pause (msg);
      h->paused = g_slist_prepend (h->paused, g_object_ref (msg));
      break;
    case HOSTILE_TRICKLE:
      {
        TrickleData *t = g_new0 (TrickleData, 1);

        t->h = h;
        t->msg = msg;
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_message_headers_set_content_type (headers, "application/x-www-form-urlencoded",
                                               NULL);
        soup_message_body_append (soup_server_message_get_response_body (msg),
                                  SOUP_MEMORY_STATIC, "oauth_t", 7);
        h->timers = g_list_prepend (h->timers,
                                    GUINT_TO_POINTER (g_timeout_add_full (G_PRIORITY_DEFAULT,
                                                                          500,
                                                                          hostile_trickle_cb,
                                                                          t, g_free)));
      }
      break;
    case HOSTILE_HUGE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/x-www-form-urlencoded", NULL);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (hostile_huge_wrote_chunk), h);
      hostile_huge_wrote_chunk (msg, h);
      break;
    case HOSTILE_CLOCK:
      hostile_answer_clock (h, msg, authorization);
      break;
    default:
      g_assert_not_reached ();
    }
}

static GTlsCertificate *
hostile_make_certificate (gboolean expired)
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  guchar ip[4] = { 127, 0, 0, 1 };
  guchar serial[4] = { 1, 2, 3, 4 };
  time_t now = time (NULL);
  gnutls_datum_t crt_pem = { 0 }, key_pem = { 0 };
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1),
                                                 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
  gnutls_x509_crt_set_activation_time (crt, expired ? now - 7200 : now - 60);
  gnutls_x509_crt_set_expiration_time (crt, expired ? now - 3600 : now + 3600);
  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, "CN=127.0.0.1", NULL), ==, 0);
  gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, ip, sizeof ip,
                                        GNUTLS_FSAN_SET);
  gnutls_x509_crt_set_key (crt, key);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &crt_pem), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_PEM, &key_pem), ==, 0);

  pem = g_strdup_printf ("%.*s%.*s", (int) crt_pem.size, crt_pem.data, (int) key_pem.size,
                         key_pem.data);
  gnutls_free (crt_pem.data);
  gnutls_free (key_pem.data);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);

  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  return certificate;
}

Hostile *
hostile_new_full (int         tls,
                  const char *address)
{
  Hostile *h = g_new0 (Hostile, 1);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sockaddr = g_inet_socket_address_new (inet, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  GSList *uris;

  if (tls)
    certificate = hostile_make_certificate (tls == 2);
  h->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (h->server, NULL, hostile_handler, h, NULL);
  soup_server_listen (h->server, sockaddr, tls ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (h->server);
  h->base = g_strdup_printf ("%s://%s:%d", tls ? "https" : "http", address,
                             g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  h->authorizations = g_ptr_array_new_with_free_func (g_free);
  h->methods = g_ptr_array_new_with_free_func (g_free);
  h->queries = g_ptr_array_new_with_free_func (g_free);
  h->bodies = g_ptr_array_new_with_free_func (g_free);
  hostile_script (h, 200, "text/plain", "", 0);
  return h;
}

Hostile *
hostile_new (void)
{
  return hostile_new_full (0, "127.0.0.1");
}

char *
hostile_url (Hostile    *h,
             const char *path)
{
  return g_strconcat (h->base, path, NULL);
}

/* A TLS server outlives its test. The client gives up on a refused certificate as soon as it
 * has read it, while the server's side of the handshake may still be pending; libsoup 3.6
 * (Debian 13) crashes in soup_server_connection_disconnect when such a server is disconnected
 * then. So TLS servers stay, without a handler, until the test program exits; a handful per
 * program. */
static void
hostile_bury (SoupServer *server)
{
  static GPtrArray *graveyard;

  if (graveyard == NULL)
    graveyard = g_ptr_array_new ();
  g_ptr_array_add (graveyard, server);
}

void
hostile_free (Hostile *h)
{
  for (GList *l = h->timers; l != NULL; l = l->next)
    g_source_remove (GPOINTER_TO_UINT (l->data));
  g_list_free (h->timers);
  g_slist_free_full (h->paused, g_object_unref);
  soup_server_remove_handler (h->server, NULL);
  if (g_str_has_prefix (h->base, "https:"))
    hostile_bury (h->server);
  else
    {
      soup_server_disconnect (h->server);
      g_object_unref (h->server);
    }
  g_free (h->base);
  g_clear_pointer (&h->body, g_bytes_unref);
  g_free (h->content_type);
  g_free (h->location);
  g_free (h->date);
  g_ptr_array_unref (h->authorizations);
  g_ptr_array_unref (h->methods);
  g_ptr_array_unref (h->queries);
  g_ptr_array_unref (h->bodies);
  g_free (h);
}

static gboolean
raw_run (GThreadedSocketService *service,
         GSocketConnection      *connection,
         GObject                *source_object,
         gpointer                user_data)
{
  RawServer *r = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char buf[4096];
  GSocket *socket = g_socket_connection_get_socket (connection);

  g_atomic_int_inc (&r->connections);
  g_socket_set_timeout (socket, 5);
  /* Wait for the request's first bytes, so the client is reading when we answer. */
  (void) g_input_stream_read (in, buf, sizeof buf, NULL, NULL);
  g_output_stream_write_all (out, r->reply, strlen (r->reply), NULL, NULL, NULL);
  if (r->reset)
    {
      struct linger linger = { 1, 0 };

      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

RawServer *
raw_server_new (const char *reply,
                gboolean    reset)
{
  RawServer *r = g_new0 (RawServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  r->service = g_threaded_socket_service_new (4);
  r->reply = g_strdup (reply);
  r->reset = reset;
  g_socket_listener_add_address (G_SOCKET_LISTENER (r->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (r->service, "run", G_CALLBACK (raw_run), r);
  g_socket_service_start (r->service);
  r->base = g_strdup_printf ("http://127.0.0.1:%u",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return r;
}

void
raw_server_free (RawServer *r)
{
  g_socket_service_stop (r->service);
  g_socket_listener_close (G_SOCKET_LISTENER (r->service));
  g_object_unref (r->service);
  g_free (r->base);
  g_free (r->reply);
  g_free (r);
}

guint
unused_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) local = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  local = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}
