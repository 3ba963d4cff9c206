/* cs-demo-oauth2-client.c — the demo's OAuth 2.0 clients, and how it answers them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Client authentication as X does it (https://docs.x.com/fundamentals/authentication/oauth-2-0/
 * user-access-token: confidential clients send Basic with the client ID and secret, public
 * clients the client_id in the body), RFC 6749 §2.3.1 for the Basic encoding and §5.2 for the
 * error answers.
 */
#include "config.h"

#include <string.h>

#include "cs-demo-callback.h"
#include "cs-demo-http.h"
#include "cs-demo-oauth2.h"
#include "cs-demo-private.h"
#include "cs-percent.h"

gboolean
cs_demo_oauth2_client_known (const char *client_id)
{
  return g_strcmp0 (client_id, CS_DEMO_CLIENT_ID) == 0 ||
         g_strcmp0 (client_id, CS_DEMO_CONFIDENTIAL_CLIENT_ID) == 0;
}

gboolean
cs_demo_oauth2_client_confidential (const char *client_id)
{
  return g_strcmp0 (client_id, CS_DEMO_CONFIDENTIAL_CLIENT_ID) == 0;
}

gboolean
cs_demo_oauth2_redirect_registered (CsDemoProvider *self,
                                    const char     *uri)
{
  /* OAuth 2.0 compares the whole redirect_uri: the registered ones have no query, so one
   * with a query (or a fragment, RFC 6749 §3.1.2) matches none. */
  return uri != NULL && strcmp (uri, "oob") != 0 && strpbrk (uri, "?#") == NULL &&
         cs_demo_callback_approved (self->callbacks, uri);
}

gboolean
cs_demo_oauth2_scope_within (const char *scope,
                             const char *allowed)
{
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) known = NULL;

  if (scope == NULL || *scope == '\0')
    return FALSE;
  words = g_strsplit (scope, " ", -1);
  known = g_strsplit (allowed, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) known, words[i]))
      return FALSE;
  return TRUE;
}

char *
cs_demo_oauth2_json_string (const char *text)
{
  GString *json = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
  return g_string_free (json, FALSE);
}

static void
no_store (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* RFC 6749 §5.1: token answers are not cached. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Pragma", "no-cache");
}

void
cs_demo_oauth2_reply_error (CsDemoProvider    *self,
                            SoupServerMessage *msg,
                            guint              status,
                            const char        *error,
                            const char        *description)
{
  g_autofree char *code = cs_demo_oauth2_json_string (error);
  g_autofree char *text = cs_demo_oauth2_json_string (description);
  g_autofree char *body = g_strdup_printf ("{\"error\":%s,\"error_description\":%s}", code, text);

  no_store (msg);
  cs_demo_reply (self, msg, status, "application/json; charset=utf-8", body);
}

void
cs_demo_oauth2_reply_token (CsDemoProvider    *self,
                            SoupServerMessage *msg,
                            const char        *access_token,
                            gint64             expires_in,
                            const char        *scope,
                            const char        *refresh_token)
{
  g_autoptr(CsWipedString) json = g_string_new ("{\"token_type\":\"bearer\",");

  if (expires_in >= 0)
    g_string_append_printf (json, "\"expires_in\":%" G_GINT64_FORMAT ",", expires_in);
  /* Tokens and scopes are letters, digits, dots and blanks: nothing to escape. */
  g_string_append_printf (json, "\"access_token\":\"%s\"", access_token);
  if (scope != NULL)
    g_string_append_printf (json, ",\"scope\":\"%s\"", scope);
  if (refresh_token != NULL)
    g_string_append_printf (json, ",\"refresh_token\":\"%s\"", refresh_token);
  g_string_append_c (json, '}');
  no_store (msg);
  cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8", json->str);
}

GPtrArray *
cs_demo_oauth2_read_form (CsDemoProvider    *self,
                          SoupServerMessage *msg)
{
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) form = NULL;

  if (!cs_demo_request_is_form (msg))
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                  "Send the parameters as an "
                                  "application/x-www-form-urlencoded body.");
      return NULL;
    }
  body = cs_demo_request_body (msg);
  form = cs_form_parse (body, -1, NULL);
  memset (body, 0, strlen (body));
  if (form == NULL)
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                  "The body is not valid form encoding.");
      return NULL;
    }
  for (guint i = 0; i < form->len; i++)
    {
      const CsParam *p = g_ptr_array_index (form, i);

      if (cs_param_list_count (form, p->name) > 1)
        {
          cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                      "A parameter is repeated (RFC 6749 §3.2).");
          return NULL;
        }
    }
  return g_steal_pointer (&form);
}

/* Basic credentials: the decoded client id and secret (RFC 6749 §2.3.1 form-encodes both
 * before base64), or FALSE when @header is no well-formed Basic header. */
static gboolean
parse_basic (const char  *header,
             char       **client_id,
             char       **secret)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  const char *colon;
  gsize len = 0;

  if (g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return FALSE;
  decoded = g_base64_decode (header + 6, &len);
  text = g_strndup ((const char *) decoded, len);
  if (decoded != NULL)
    memset (decoded, 0, len);
  if (len == 0 || strlen (text) != len || (colon = strchr (text, ':')) == NULL)
    {
      memset (text, 0, strlen (text));
      return FALSE;
    }
  *client_id = cs_percent_decode (text, colon - text, TRUE, NULL, NULL);
  *secret = cs_percent_decode (colon + 1, -1, TRUE, NULL, NULL);
  memset (text, 0, len);
  if (*client_id == NULL || *secret == NULL)
    {
      g_clear_pointer (client_id, g_free);
      g_clear_pointer (secret, cs_secret_free);
      return FALSE;
    }
  return TRUE;
}

static void
reply_invalid_client (CsDemoProvider    *self,
                      SoupServerMessage *msg,
                      gboolean           tried_basic,
                      const char        *description)
{
  if (tried_basic)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Basic realm=\"countersign-demo\"");
  cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                              description);
}

static const char *
authenticate_basic (CsDemoProvider    *self,
                    SoupServerMessage *msg,
                    GPtrArray         *form,
                    const char        *header)
{
  g_autofree char *id = NULL;
  char *secret = NULL;
  gboolean secret_ok;
  const char *body_id = cs_param_list_get (form, "client_id");

  if (!parse_basic (header, &id, &secret))
    {
      reply_invalid_client (self, msg, TRUE, "The Authorization header is not HTTP Basic "
                                             "with a client ID and secret.");
      return NULL;
    }
  secret_ok = g_strcmp0 (secret, CS_DEMO_CLIENT_SECRET) == 0;
  cs_secret_free (secret);
  if (cs_param_list_get (form, "client_secret") != NULL)
    {
      /* RFC 6749 §2.3: one way of authenticating, not two. */
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                  "Send the client secret once: with HTTP Basic, not also in "
                                  "the body.");
      return NULL;
    }
  if (body_id != NULL && strcmp (body_id, id) != 0)
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                  "The client_id in the body is not the one of the "
                                  "Authorization header.");
      return NULL;
    }
  if (g_strcmp0 (id, CS_DEMO_CLIENT_ID) == 0)
    {
      /* X's answer to a public client that authenticates. */
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "unauthorized_client",
                                  "This is a public client: send its client_id in the body "
                                  "and no client secret.");
      return NULL;
    }
  if (!cs_demo_oauth2_client_confidential (id) || !secret_ok)
    {
      reply_invalid_client (self, msg, TRUE, "Client authentication failed: the client ID or "
                                             "secret is wrong.");
      return NULL;
    }
  return CS_DEMO_CONFIDENTIAL_CLIENT_ID;
}

const char *
cs_demo_oauth2_authenticate (CsDemoProvider    *self,
                             SoupServerMessage *msg,
                             GPtrArray         *form)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  const char *client_id = cs_param_list_get (form, "client_id");

  if (header != NULL)
    return authenticate_basic (self, msg, form, header);
  if (cs_param_list_get (form, "client_secret") != NULL)
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "unauthorized_client",
                                  cs_demo_oauth2_client_confidential (client_id)
                                    ? "Send the client secret with HTTP Basic, not in the body."
                                    : "This is a public client: send no client secret.");
      return NULL;
    }
  if (cs_demo_oauth2_client_confidential (client_id))
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "unauthorized_client",
                                  "This is a confidential client: authenticate with HTTP Basic "
                                  "(client ID and secret).");
      return NULL;
    }
  if (!cs_demo_oauth2_client_known (client_id))
    {
      reply_invalid_client (self, msg, FALSE, client_id == NULL
                              ? "No client authentication: send client_id (public client) or "
                                "HTTP Basic (confidential client)."
                              : "Unknown client_id.");
      return NULL;
    }
  return CS_DEMO_CLIENT_ID;
}
