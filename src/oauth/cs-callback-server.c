/* cs-callback-server.c — the loopback callback for the authorization redirect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cs-callback-server.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"

#define CALLBACK_PATH  "/callback"
#define MAX_QUERY      4096
#define MAX_VALUE      512

struct _CsCallbackServer
{
  GObject       parent_instance;

  SoupServer   *server;
  char         *url;
  guint         port;

  GTask        *pending;       /* the wait in progress */
  char         *request_token;
  GSource      *timer;
  guint         timeout;
  GSource      *cancel_source;
  gboolean      finished;      /* a wait ended: the server is done for good */
  gboolean      oauth2;        /* an OAuth 2.0 wait: request_token holds the state */
  GSource      *stop_source;
};

G_DEFINE_FINAL_TYPE (CsCallbackServer, cs_callback_server, G_TYPE_OBJECT)

/* Parsing */

static gboolean
is_clean_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > MAX_VALUE)
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

CsCallbackKind
cs_callback_parse_query (const char  *query,
                         gssize       len,
                         char       **token,
                         char       **verifier)
{
  g_autoptr(GPtrArray) params = NULL;
  const char *denied;
  const char *t;
  const char *v;

  g_return_val_if_fail (token != NULL && verifier != NULL, CS_CALLBACK_INVALID);

  *token = NULL;
  *verifier = NULL;
  if (query == NULL)
    return CS_CALLBACK_INVALID;
  if (len < 0)
    len = strlen (query);
  if (len == 0 || len > MAX_QUERY || memchr (query, '\0', len) != NULL)
    return CS_CALLBACK_INVALID;
  params = cs_form_parse (query, len, NULL);
  if (params == NULL)
    return CS_CALLBACK_INVALID;

  if (cs_param_list_count (params, "denied") > 0)
    {
      denied = cs_param_list_get (params, "denied");
      if (cs_param_list_count (params, "denied") > 1 || !is_clean_text (denied))
        return CS_CALLBACK_INVALID;
      *token = g_strdup (denied);
      return CS_CALLBACK_DENIED;
    }

  if (cs_param_list_count (params, "oauth_token") != 1 ||
      cs_param_list_count (params, "oauth_verifier") != 1)
    return CS_CALLBACK_INVALID;
  t = cs_param_list_get (params, "oauth_token");
  v = cs_param_list_get (params, "oauth_verifier");
  if (*t == '\0' || *v == '\0' || !is_clean_text (t) || !is_clean_text (v))
    return CS_CALLBACK_INVALID;
  *token = g_strdup (t);
  *verifier = g_strdup (v);
  return CS_CALLBACK_VERIFIER;
}

char *
cs_callback_parse_address (const char  *address,
                           const char  *request_token,
                           GError     **error)
{
  const char *query;
  const char *end;
  g_autofree char *token = NULL;
  char *verifier = NULL;
  CsCallbackKind kind;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (request_token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = strchr (address, '?');
  if (query == NULL)
    return NULL;
  query++;
  end = strchr (query, '#');
  kind = cs_callback_parse_query (query, end != NULL ? end - query : -1, &token, &verifier);
  if (kind == CS_CALLBACK_DENIED)
    g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED,
                         _("The authorization was refused in the browser"));
  else if (kind == CS_CALLBACK_VERIFIER && strcmp (token, request_token) != 0)
    g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                         _("This address belongs to another authorization: it does not carry "
                           "the request token of this one"));
  else if (kind == CS_CALLBACK_VERIFIER)
    return verifier;
  cs_secret_free (verifier);
  return NULL;
}

CsCallbackKind
cs_callback_address_get_token (const char  *address,
                               char       **token)
{
  const char *query;
  const char *end;
  char *verifier = NULL;
  CsCallbackKind kind;

  g_return_val_if_fail (address != NULL, CS_CALLBACK_INVALID);
  g_return_val_if_fail (token != NULL, CS_CALLBACK_INVALID);

  *token = NULL;
  query = strchr (address, '?');
  if (query == NULL)
    return CS_CALLBACK_INVALID;
  query++;
  end = strchr (query, '#');
  kind = cs_callback_parse_query (query, end != NULL ? end - query : -1, token, &verifier);
  cs_secret_free (verifier);
  return kind;
}

/* Pages */

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *title,
         const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *title_html = g_markup_escape_text (title, -1);
  g_autofree char *text_html = g_markup_escape_text (text, -1);
  g_autofree char *page = NULL;
  gsize page_len;

  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%s</title>"
                          "<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;"
                          "padding:0 1em;line-height:1.5}</style></head>"
                          "<body><h1>%s</h1><p>%s</p></body></html>\n",
                          title_html, title_html, text_html);
  /* Measured before the call: the order in which arguments are evaluated is unspecified, and
   * clang steals the pointer before strlen () would read it. */
  page_len = strlen (page);
  /* The page must not leak the verifier: no referrer, no cache, no scripts. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                     g_steal_pointer (&page), page_len);
}

/* Finishing */

static gboolean
stop_cb (gpointer user_data)
{
  CsCallbackServer *self = user_data;

  g_clear_pointer (&self->stop_source, g_source_unref);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GTask  *task;
  char   *verifier;
  GError *error;
} Completion;

static gboolean
complete_cb (gpointer user_data)
{
  Completion *c = user_data;

  if (c->error != NULL)
    g_task_return_error (c->task, g_steal_pointer (&c->error));
  else
    g_task_return_pointer (c->task, g_steal_pointer (&c->verifier),
                           (GDestroyNotify) cs_secret_free);
  return G_SOURCE_REMOVE;
}

static void
completion_free (Completion *c)
{
  g_clear_object (&c->task);
  cs_secret_free (c->verifier);
  g_clear_error (&c->error);
  g_free (c);
}

/* Ends the wait. The result is delivered from an idle callback, never from inside the
 * server's handler, so the caller may drop the server in its callback; the server stops
 * listening once the current answer is out. */
static void
finish_wait (CsCallbackServer *self,
             char             *verifier,
             GError           *error)
{
  g_autoptr(GSource) idle = NULL;
  Completion *c;

  self->finished = TRUE;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  if (self->stop_source == NULL && self->server != NULL)
    {
      self->stop_source = g_timeout_source_new (200);
      g_source_set_callback (self->stop_source, stop_cb, g_object_ref (self), g_object_unref);
      g_source_attach (self->stop_source, g_task_get_context (self->pending));
    }

  c = g_new0 (Completion, 1);
  c->task = g_steal_pointer (&self->pending);
  c->verifier = verifier;
  c->error = error;
  idle = g_idle_source_new ();
  /* Default priority: at idle priority a window that paints frame after frame (a spinner on
   * a software renderer) would starve it, and the wait would never end. */
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, complete_cb, c, (GDestroyNotify) completion_free);
  g_source_attach (idle, g_task_get_context (c->task));
}

static gboolean
host_is_ours (CsCallbackServer  *self,
              SoupServerMessage *msg)
{
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Host");
  g_autofree char *ip = g_strdup_printf ("127.0.0.1:%u", self->port);
  g_autofree char *name = g_strdup_printf ("localhost:%u", self->port);

  /* Refuses pages that reach us through a rebound DNS name. */
  return host == NULL || g_ascii_strcasecmp (host, ip) == 0 ||
         g_ascii_strcasecmp (host, name) == 0;
}

/* OAuth 2.0 (RFC 6749 §4.1.2): the redirect whose `state` is the one waited for ends the wait
 * with its whole query (code or error=, checked again by cs_oauth2_request_take_redirect ());
 * any other gets a 400 page and the wait goes on. */
static void
oauth2_redirect (CsCallbackServer  *self,
                 SoupServerMessage *msg,
                 const char        *raw_query)
{
  g_autoptr(GPtrArray) params = NULL;
  gboolean refused;

  if (raw_query != NULL && strlen (raw_query) <= MAX_QUERY)
    params = cs_form_parse (raw_query, -1, NULL);
  if (params == NULL || self->pending == NULL || cs_param_list_count (params, "state") != 1 ||
      strcmp (cs_param_list_get (params, "state"), self->request_token) != 0)
    {
      respond (msg, SOUP_STATUS_BAD_REQUEST, _("Not the expected authorization"),
               self->pending == NULL
                 ? _("Countersign is not waiting for an authorization here (any more).")
                 : _("This redirect does not carry the state Countersign is waiting for. "
                     "Start the authorization again from Countersign."));
      return;
    }
  refused = cs_param_list_count (params, "error") > 0;
  respond (msg, SOUP_STATUS_OK,
           refused ? _("Authorization refused") : _("Authorization complete"),
           refused
             ? _("The provider did not grant the authorization. Return to Countersign to see "
                 "why.")
             : _("Countersign has received the authorization. You can close this page and "
                 "return to Countersign."));
  finish_wait (self, g_strdup (raw_query), NULL);
}

static void
callback_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  CsCallbackServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *raw_query = g_uri_get_query (uri);
  g_autofree char *token = NULL;
  char *verifier = NULL;
  CsCallbackKind kind;

  if (strcmp (path, CALLBACK_PATH) != 0)
    {
      respond (msg, SOUP_STATUS_NOT_FOUND, _("Not found"),
               _("This address belongs to Countersign’s authorization callback."));
      return;
    }
  if (strcmp (soup_server_message_get_method (msg), "GET") != 0 || !host_is_ours (self, msg))
    {
      respond (msg, SOUP_STATUS_BAD_REQUEST, _("Bad request"),
               _("Countersign only accepts the provider’s redirect here."));
      return;
    }

  if (self->oauth2)
    {
      oauth2_redirect (self, msg, raw_query);
      return;
    }
  kind = cs_callback_parse_query (raw_query, -1, &token, &verifier);
  if (kind == CS_CALLBACK_INVALID || self->pending == NULL || self->request_token == NULL ||
      strcmp (token, self->request_token) != 0)
    {
      cs_secret_free (verifier);
      respond (msg, SOUP_STATUS_BAD_REQUEST, _("Not the expected authorization"),
               self->pending == NULL
                 ? _("Countersign is not waiting for an authorization here (any more).")
                 : _("This redirect does not carry the request token Countersign is waiting "
                     "for. Start the authorization again from Countersign."));
      return;
    }

  if (kind == CS_CALLBACK_DENIED)
    {
      respond (msg, SOUP_STATUS_OK, _("Authorization refused"),
               _("You refused the authorization. You can close this page and return to "
                 "Countersign."));
      finish_wait (self, NULL,
                   g_error_new_literal (CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED,
                                        _("The authorization was refused in the browser")));
      return;
    }

  respond (msg, SOUP_STATUS_OK, _("Authorization complete"),
           _("Countersign has received the authorization. You can close this page and return "
             "to Countersign."));
  finish_wait (self, verifier, NULL);
}

/* The object */

static void
cs_callback_server_dispose (GObject *object)
{
  CsCallbackServer *self = (CsCallbackServer *) object;

  /* A pending wait holds a reference: it has finished by now. */
  g_assert (self->pending == NULL);
  if (self->stop_source != NULL)
    {
      g_source_destroy (self->stop_source);
      g_clear_pointer (&self->stop_source, g_source_unref);
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (cs_callback_server_parent_class)->dispose (object);
}

static void
cs_callback_server_finalize (GObject *object)
{
  CsCallbackServer *self = (CsCallbackServer *) object;

  g_free (self->url);
  g_free (self->request_token);

  G_OBJECT_CLASS (cs_callback_server_parent_class)->finalize (object);
}

static void
cs_callback_server_class_init (CsCallbackServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_callback_server_dispose;
  object_class->finalize = cs_callback_server_finalize;
}

static void
cs_callback_server_init (CsCallbackServer *self)
{
}

/* The servers of this process by port, for a fixed port: a server that finished keeps
 * listening for a moment (its last page is still going out), and a Retry on the same port
 * must not find the port taken by its own predecessor. */
static GHashTable *servers_by_port;

static void
forget_port (gpointer  data,
             GObject  *where_the_object_was)
{
  if (g_hash_table_lookup (servers_by_port, data) == (gpointer) where_the_object_was)
    g_hash_table_remove (servers_by_port, data);
}

static void
release_port (guint port)
{
  CsCallbackServer *previous;

  if (servers_by_port == NULL)
    return;
  previous = g_hash_table_lookup (servers_by_port, GUINT_TO_POINTER (port));
  if (previous == NULL)
    return;
  /* A wait whose cancellation is still on its way (Retry cancels the step in flight): it ends
   * now. A wait that goes on keeps its port: the new server reports it taken. */
  if (previous->pending != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (previous->pending)))
    finish_wait (previous, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      _("The wait for the callback was "
                                                        "cancelled")));
  if (previous->pending == NULL && previous->server != NULL)
    soup_server_disconnect (previous->server);
}

static void
track_port (CsCallbackServer *self)
{
  if (servers_by_port == NULL)
    servers_by_port = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (servers_by_port, GUINT_TO_POINTER (self->port), self);
  g_object_weak_ref (G_OBJECT (self), forget_port, GUINT_TO_POINTER (self->port));
}

static void
listen_error (guint    port,
              GError  *local_error,
              GError **error)
{
  if (port != 0 && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                 _("Port %u on 127.0.0.1 is already in use by another program, so the "
                   "authorization callback cannot listen there. Close that program, or choose "
                   "another port and add http://127.0.0.1:<port>/callback with that port to "
                   "the callback URLs in the app’s settings."),
                 port);
  else
    g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                 _("Cannot listen on 127.0.0.1 for the authorization callback: %s"),
                 local_error->message);
}

/**
 * cs_callback_server_new_on_port:
 * @port: the port on 127.0.0.1, or 0 for one the system picks
 *
 * Starts listening on 127.0.0.1:@port in the thread-default main context. A port that is
 * taken gives CS_OAUTH_ERROR_CALLBACK with a message that names it.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with @error set
 */
CsCallbackServer *
cs_callback_server_new_on_port (guint    port,
                                GError **error)
{
  g_autoptr(CsCallbackServer) self = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *uris;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CS_TYPE_CALLBACK_SERVER, NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (port != 0)
    release_port (port);
  self->server = soup_server_new ("server-header", "Countersign", NULL);
  soup_server_add_handler (self->server, NULL, callback_handler, self, NULL);
  if (!soup_server_listen (self->server, address, 0, &local_error))
    {
      listen_error (port, local_error, error);
      return NULL;
    }
  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->url = cs_callback_loopback_url (self->port);
  if (port != 0)
    track_port (self);
  return g_steal_pointer (&self);
}

/**
 * cs_callback_server_new:
 *
 * Starts listening on 127.0.0.1, on a port the system picks, in the thread-default main
 * context.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with @error set
 */
CsCallbackServer *
cs_callback_server_new (GError **error)
{
  return cs_callback_server_new_on_port (0, error);
}

char *
cs_callback_loopback_url (guint port)
{
  return g_strdup_printf ("http://127.0.0.1:%u" CALLBACK_PATH, port);
}

const char *
cs_callback_server_get_url (CsCallbackServer *self)
{
  g_return_val_if_fail (CS_IS_CALLBACK_SERVER (self), NULL);
  return self->url;
}

static gboolean
timeout_cb (gpointer user_data)
{
  CsCallbackServer *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  finish_wait (self, NULL,
               g_error_new (CS_OAUTH_ERROR, CS_OAUTH_ERROR_TIMEOUT,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The browser did not come back with the authorization "
                                         "within %u second",
                                         "The browser did not come back with the authorization "
                                         "within %u seconds", self->timeout),
                            self->timeout));
  return G_SOURCE_REMOVE;
}

static void
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  CsCallbackServer *self = user_data;

  /* Runs in the main context (see below), so the wait may still be pending or done. */
  if (self->pending != NULL && g_task_get_cancellable (self->pending) == cancellable)
    finish_wait (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  _("The wait for the callback was cancelled")));
}

static gboolean
cancelled_source_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  wait_cancelled_cb (cancellable, user_data);
  return G_SOURCE_REMOVE;
}

static void start_wait (CsCallbackServer *self,
                        GTask            *task,
                        gpointer          source_tag,
                        const char       *request_token,
                        guint             timeout_seconds);

/**
 * cs_callback_server_wait_async:
 * @request_token: the pending request token
 * @timeout_seconds: how long to wait, 0 for no limit
 *
 * Waits for the one callback. Only one wait per server.
 */
void
cs_callback_server_wait_async (CsCallbackServer    *self,
                               const char          *request_token,
                               guint                timeout_seconds,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CS_IS_CALLBACK_SERVER (self));
  g_return_if_fail (request_token != NULL && *request_token != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_wait (self, g_task_new (self, cancellable, callback, user_data),
              cs_callback_server_wait_async, request_token, timeout_seconds);
}

/**
 * cs_callback_server_wait_redirect_async:
 * @state: the state of the OAuth 2.0 authorization request
 * @timeout_seconds: how long to wait, 0 for no limit
 *
 * Waits for the OAuth 2.0 redirect that carries @state. Only one wait per server.
 */
void
cs_callback_server_wait_redirect_async (CsCallbackServer    *self,
                                        const char          *state,
                                        guint                timeout_seconds,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CS_IS_CALLBACK_SERVER (self));
  g_return_if_fail (state != NULL && *state != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->pending == NULL && !self->finished)
    self->oauth2 = TRUE;
  start_wait (self, g_task_new (self, cancellable, callback, user_data),
              cs_callback_server_wait_redirect_async, state, timeout_seconds);
}

/**
 * cs_callback_server_wait_redirect_finish:
 *
 * Returns: (transfer full): the whole query of the redirect; it holds the code: free it with
 *   cs_secret_free()
 */
char *
cs_callback_server_wait_redirect_finish (CsCallbackServer *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_callback_server_wait_redirect_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Takes @task_in. */
static void
start_wait (CsCallbackServer *self,
            GTask            *task_in,
            gpointer          source_tag,
            const char       *request_token,
            guint             timeout_seconds)
{
  g_autoptr(GTask) task = task_in;
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_task_set_source_tag (task, source_tag);

  if (self->pending != NULL || self->finished)
    {
      g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                               _("This callback server has already been used; start a new "
                                 "authorization"));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_free (self->request_token);
  self->request_token = g_strdup (request_token);
  self->timeout = timeout_seconds;
  self->pending = g_steal_pointer (&task);

  if (timeout_seconds > 0)
    {
      self->timer = g_timeout_source_new_seconds (timeout_seconds);
      g_source_set_callback (self->timer, timeout_cb, self, NULL);
      g_source_attach (self->timer, g_task_get_context (self->pending));
    }
  if (cancellable != NULL)
    {
      /* A cancellable source delivers the cancellation in our context, from any thread. */
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_source_cb), self,
                             NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->pending));
    }
}

/**
 * cs_callback_server_wait_finish:
 *
 * Returns: (transfer full): the verifier; free it with cs_secret_free()
 */
char *
cs_callback_server_wait_finish (CsCallbackServer *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_callback_server_wait_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
