/* cs-oauth2-client.c — the OAuth 2.0 grants, on the shared CsTransport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request shape for all of them: a POST of form parameters to an endpoint, the client
 * authenticated in the body (public) or with Basic (confidential), the answer read by
 * cs_oauth2_token_parse () (token grants) or only its status (revocation). The grants
 * themselves are in cs-oauth2-grants.c.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-client-private.h"
#include "cs-oauth2-error.h"
#include "cs-percent.h"

struct _CsOAuth2Client
{
  GObject parent_instance;

  CsTransport *transport;
  char *client_id;
  char *client_secret;  /* NULL: public */
  char *last_error_code;
  char *last_error_description;
};

G_DEFINE_FINAL_TYPE (CsOAuth2Client, cs_oauth2_client, G_TYPE_OBJECT)

static void
cs_oauth2_client_finalize (GObject *object)
{
  CsOAuth2Client *self = CS_OAUTH2_CLIENT (object);

  g_clear_object (&self->transport);
  g_free (self->client_id);
  cs_secret_free (self->client_secret);
  g_free (self->last_error_code);
  g_free (self->last_error_description);
  G_OBJECT_CLASS (cs_oauth2_client_parent_class)->finalize (object);
}

static void
cs_oauth2_client_class_init (CsOAuth2ClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_oauth2_client_finalize;
}

static void
cs_oauth2_client_init (CsOAuth2Client *self)
{
}

CsOAuth2Client *
cs_oauth2_client_new (CsTransport *transport,
                      const char  *client_id,
                      const char  *client_secret)
{
  CsOAuth2Client *self;

  g_return_val_if_fail (transport == NULL || CS_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (CS_TYPE_OAUTH2_CLIENT, NULL);
  self->transport = transport != NULL ? g_object_ref (transport) : cs_transport_new ();
  self->client_id = g_strdup (client_id);
  if (client_secret != NULL && *client_secret != '\0')
    self->client_secret = g_strdup (client_secret);
  return self;
}

CsTransport *
cs_oauth2_client_get_transport (CsOAuth2Client *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), NULL);
  return self->transport;
}

gboolean
cs_oauth2_client_is_confidential (CsOAuth2Client *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), FALSE);
  return self->client_secret != NULL;
}

const char *
cs_oauth2_client_get_client_id (CsOAuth2Client *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), NULL);
  return self->client_id;
}

const char *
cs_oauth2_client_get_last_error_code (CsOAuth2Client *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), NULL);
  return self->last_error_code;
}

const char *
cs_oauth2_client_get_last_error_description (CsOAuth2Client *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), NULL);
  return self->last_error_description;
}

char *
cs_oauth2_basic_authorization (const char *client_id,
                               const char *client_secret)
{
  g_autoptr (CsWipedString) joined = g_string_sized_new (3 * (strlen (client_id) +
                                                              strlen (client_secret)) + 64);
  g_autofree char *b64 = NULL;
  char *header;

  /* RFC 6749 §2.3.1: each is application/x-www-form-urlencoded first (the percent codec's
   * unreserved set is a subset of what that encoding leaves alone, so ':' and '%' in either
   * come out escaped and a server splits them right). */
  cs_percent_encode_append (joined, client_id, -1);
  g_string_append_c (joined, ':');
  cs_percent_encode_append (joined, client_secret, -1);
  b64 = g_base64_encode ((const guchar *) joined->str, joined->len);
  header = g_strconcat ("Basic ", b64, NULL);
  explicit_bzero (b64, strlen (b64));
  return header;
}

/* The exchange: one POST */

struct _CsOAuth2Exchange
{
  CsOAuth2Client *client;
  CsOAuth2ExchangeKind kind;
  GPtrArray *params;    /* CsParam, wiped */
  GPtrArray *secrets;   /* char *, wiped: scrubbed from every message */
  char *url;
  char *host;
  char *method;
  char *body;           /* for KIND_CALL: as given; else NULL (the form is built) */
  char *content_type;
  char *authorization;  /* a Bearer header for KIND_CALL */
  char *redirect_uri;   /* the code exchange's, named when the provider refuses it */
};

typedef struct
{
  GBytes *body;
  guint status;
  SoupMessageHeaders *headers;
} CallResult;

static void
call_result_free (CallResult *result)
{
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_pointer (&result->headers, soup_message_headers_unref);
  g_free (result);
}

static void
exchange_free (CsOAuth2Exchange *exchange)
{
  g_clear_object (&exchange->client);
  g_ptr_array_unref (exchange->params);
  g_ptr_array_unref (exchange->secrets);
  g_free (exchange->url);
  g_free (exchange->host);
  g_free (exchange->method);
  cs_secret_free (exchange->body);
  g_free (exchange->content_type);
  cs_secret_free (exchange->authorization);
  g_free (exchange->redirect_uri);
  g_free (exchange);
}

CsOAuth2Exchange *
cs_oauth2_exchange_new (CsOAuth2Client      *client,
                        CsOAuth2ExchangeKind kind,
                        const char          *method,
                        const char          *url)
{
  CsOAuth2Exchange *exchange = g_new0 (CsOAuth2Exchange, 1);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  exchange->client = g_object_ref (client);
  exchange->kind = kind;
  exchange->params = cs_param_list_new ();
  exchange->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_secret_free);
  exchange->url = g_strdup (url);
  exchange->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL
                             ? g_uri_get_host (uri) : url);
  exchange->method = g_strdup (method);
  if (client->client_secret != NULL)
    cs_oauth2_exchange_add_secret (exchange, client->client_secret);
  return exchange;
}

void
cs_oauth2_exchange_add (CsOAuth2Exchange *exchange,
                        const char       *name,
                        const char       *value)
{
  cs_param_list_add (exchange->params, name, value);
}

void
cs_oauth2_exchange_set_redirect_uri (CsOAuth2Exchange *exchange,
                                     const char       *redirect_uri)
{
  g_free (exchange->redirect_uri);
  exchange->redirect_uri = g_strdup (redirect_uri);
}

void
cs_oauth2_exchange_add_secret (CsOAuth2Exchange *exchange,
                               const char       *secret)
{
  if (secret != NULL && strlen (secret) >= 4)
    g_ptr_array_add (exchange->secrets, g_strdup (secret));
}

void
cs_oauth2_exchange_set_call (CsOAuth2Exchange *exchange,
                             const char       *bearer,
                             const char       *body,
                             const char       *content_type)
{
  cs_oauth2_exchange_add_secret (exchange, bearer);
  exchange->authorization = g_strconcat ("Bearer ", bearer, NULL);
  exchange->body = g_strdup (body);
  exchange->content_type = g_strdup (content_type);
}

/* Replaces each secret of the exchange (raw or percent-encoded) in @text. */
static char *
scrub (CsOAuth2Exchange *exchange,
       const char       *text)
{
  GString *out = g_string_new (text);

  for (guint i = 0; i < exchange->secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (exchange->secrets, i);
      g_autofree char *encoded = cs_percent_encode (secret);

      g_string_replace (out, encoded, "[secret]", 0);
      g_string_replace (out, secret, "[secret]", 0);
    }
  return g_string_free (out, FALSE);
}

static void
return_error (GTask            *task,
              CsOAuth2Exchange *exchange,
              GError           *error)
{
  g_autofree char *scrubbed = NULL;

  if (error->domain != CS_OAUTH_ERROR)
    {
      g_task_return_error (task, error);
      return;
    }
  scrubbed = scrub (exchange, error->message);
  if (strcmp (scrubbed, error->message) != 0)
    {
      g_free (error->message);
      error->message = g_steal_pointer (&scrubbed);
    }
  g_task_return_error (task, error);
}

static void
return_refusal (GTask            *task,
                CsOAuth2Exchange *exchange,
                guint             status,
                GBytes           *body)
{
  CsOAuth2Client *client = exchange->client;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  GError *error = cs_oauth2_error_from_answer (status, data, len, exchange->host, &code,
                                               &description);
  g_autofree char *scrubbed = NULL;

  if (exchange->redirect_uri != NULL && cs_oauth2_error_is_redirect_mismatch (code, description))
    {
      /* Translators: %s: the redirect URI, as the app's settings must list it */
      g_autofree char *sent = g_strdup_printf (_("The redirect URI sent was %s."),
                                               exchange->redirect_uri);
      g_autofree char *message = g_strconcat (error->message, " ", sent, NULL);

      g_free (error->message);
      error->message = g_steal_pointer (&message);
    }
  scrubbed = scrub (exchange, error->message);
  g_free (client->last_error_code);
  client->last_error_code = code != NULL ? scrub (exchange, code) : NULL;
  g_debug ("%s refused the %s request: HTTP %u, error %s", exchange->host,
           cs_oauth2_exchange_kind_name (exchange->kind), status,
           client->last_error_code ? client->last_error_code : "(none)");
  g_free (client->last_error_description);
  client->last_error_description = description != NULL ? scrub (exchange, description) : NULL;
  if (code != NULL)
    {
      /* A new message (scrubbed, the redirect URI named): remembered with the provider's words. */
      g_clear_error (&error);
      error = cs_oauth2_error_new (CS_OAUTH_ERROR_REJECTED, scrubbed, client->last_error_code,
                                   client->last_error_description);
    }
  else if (strcmp (scrubbed, error->message) != 0)
    {
      g_free (error->message);
      error->message = g_steal_pointer (&scrubbed);
    }
  g_task_return_error (task, error);
}

static void
complete_token (GTask            *task,
                CsOAuth2Exchange *exchange,
                GBytes           *body)
{
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  CsOAuth2Token *token = cs_oauth2_token_parse (data, len, g_get_real_time () / G_USEC_PER_SEC,
                                                &error);

  if (token == NULL)
    {
      g_debug ("%s: the token answer is not usable (%" G_GSIZE_FORMAT " bytes)",
               exchange->host, len);
      g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                               /* Translators: %s: a host name, %s: what is wrong */
                               _("%s sent a token answer Countersign cannot use: %s"),
                               exchange->host, error->message);
      return;
    }
  g_debug ("%s issued a token (%s refresh token, expires in %" G_GINT64_FORMAT " s)",
           exchange->host, cs_oauth2_token_get_refresh_token (token) ? "with" : "no",
           cs_oauth2_token_get_expires_in (token));
  g_task_return_pointer (task, token, (GDestroyNotify) cs_oauth2_token_unref);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CsOAuth2Exchange *exchange = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (SoupMessageHeaders) headers = NULL;
  GError *error = NULL;
  guint status = 0;

  body = cs_transport_send_finish (CS_TRANSPORT (object), result, &status, &headers, &error);
  if (body == NULL)
    {
      return_error (task, exchange, error);
      return;
    }
  if (exchange->kind == CS_OAUTH2_EXCHANGE_CALL)
    {
      CallResult *call = g_new0 (CallResult, 1);

      call->body = g_steal_pointer (&body);
      call->status = status;
      call->headers = g_steal_pointer (&headers);
      g_task_return_pointer (task, call, (GDestroyNotify) call_result_free);
      return;
    }
  if (status >= 400)
    return_refusal (task, exchange, status, body);
  else if (status < 200 || status >= 300)
    g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                             _("%s answered HTTP %u, not a token answer."), exchange->host,
                             status);
  else if (exchange->kind == CS_OAUTH2_EXCHANGE_TOKEN)
    complete_token (task, exchange, body);
  else
    g_task_return_boolean (task, TRUE);
}

static SoupMessage *
exchange_message (CsOAuth2Exchange *exchange,
                  GError          **error)
{
  CsOAuth2Client *client = exchange->client;
  SoupMessage *message;
  char *form = NULL;

  if (exchange->kind != CS_OAUTH2_EXCHANGE_CALL)
    {
      /* RFC 6749 §2.3.1: a public client names itself in the body; a confidential one
       * authenticates with Basic only (never both). */
      if (client->client_secret == NULL)
        cs_param_list_add (exchange->params, "client_id", client->client_id);
      form = cs_form_encode (exchange->params);
      message = cs_transport_message_new (exchange->method, exchange->url, form, error);
    }
  else if (exchange->body != NULL)
    {
      message = cs_transport_message_new (exchange->method, exchange->url, NULL, error);
      if (message != NULL)
        {
          g_autoptr (GBytes) bytes = g_bytes_new (exchange->body, strlen (exchange->body));

          soup_message_set_request_body_from_bytes (message, exchange->content_type
                                                    ? exchange->content_type
                                                    : "application/x-www-form-urlencoded",
                                                    bytes);
        }
    }
  else
    message = cs_transport_message_new (exchange->method, exchange->url, NULL, error);
  cs_secret_free (form);
  if (message == NULL)
    return NULL;

  if (exchange->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  exchange->authorization);
  else if (client->client_secret != NULL)
    {
      char *basic = cs_oauth2_basic_authorization (client->client_id, client->client_secret);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    basic);
      cs_secret_free (basic);
    }
  if (exchange->kind != CS_OAUTH2_EXCHANGE_CALL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                  "application/json");
  return message;
}

void
cs_oauth2_exchange_start (CsOAuth2Exchange   *exchange,
                          gpointer            source_tag,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  CsOAuth2Client *client = exchange->client;
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autoptr (SoupMessage) message = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  g_clear_pointer (&client->last_error_code, g_free);
  g_clear_pointer (&client->last_error_description, g_free);

  if (!cs_transport_check_url (client->transport, exchange->url, &error) ||
      (message = exchange_message (exchange, &error)) == NULL)
    {
      return_error (task, exchange, error);
      return;
    }
  g_debug ("%s %s: %s request, %s client", exchange->method, exchange->host,
           cs_oauth2_exchange_kind_name (exchange->kind),
           client->client_secret != NULL ? "confidential" : "public");
  cs_transport_send_async (client->transport, message, cancellable, sent_cb,
                           g_steal_pointer (&task));
}

CsOAuth2Token *
cs_oauth2_client_token_finish (CsOAuth2Client *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
cs_oauth2_client_revoke_finish (CsOAuth2Client *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GBytes *
cs_oauth2_client_call_finish (CsOAuth2Client      *self,
                              GAsyncResult        *result,
                              guint               *status,
                              SoupMessageHeaders **headers,
                              GError             **error)
{
  CallResult *call;
  GBytes *body;

  g_return_val_if_fail (CS_IS_OAUTH2_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call = g_task_propagate_pointer (G_TASK (result), error);
  if (call == NULL)
    return NULL;
  body = g_steal_pointer (&call->body);
  if (status != NULL)
    *status = call->status;
  if (headers != NULL)
    *headers = g_steal_pointer (&call->headers);
  call_result_free (call);
  return body;
}
