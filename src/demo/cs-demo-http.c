/* cs-demo-http.c — how the demo provider reads a request and writes its answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-demo-http.h"
#include "cs-demo-private.h"
#include "cs-percent.h"

char *
cs_demo_request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strndup (data ? data : "", len);
}

gboolean
cs_demo_request_is_form (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = NULL;
  const char *type;

  type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                &params);
  return type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0;
}

char *
cs_demo_request_url (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Host");
  const char *path = g_uri_get_path (uri);

  if (host == NULL)
    return g_uri_to_string_partial (uri, G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  return g_strdup_printf ("%s://%s%s", g_uri_get_scheme (uri), host, *path ? path : "/");
}

static void
set_date_header (CsDemoProvider    *self,
                 SoupServerMessage *msg)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (cs_demo_provider_now (self));
  g_autofree char *text = soup_date_time_to_string (date, SOUP_DATE_HTTP);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", text);
}

void
cs_demo_reply (CsDemoProvider    *self,
               SoupServerMessage *msg,
               guint              status,
               const char        *content_type,
               const char        *body)
{
  set_date_header (self, msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

void
cs_demo_reply_error (CsDemoProvider    *self,
                     SoupServerMessage *msg,
                     guint              status,
                     int                code,
                     const char        *message)
{
  g_autoptr(GString) json = g_string_new ("{\"errors\":[{\"code\":");

  g_string_append_printf (json, "%d,\"message\":\"", code);
  for (const char *p = message; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      g_string_append_c (json, *p);
    }
  g_string_append (json, "\"}]}");
  cs_demo_reply (self, msg, status, "application/json; charset=utf-8", json->str);
}

void
cs_demo_reply_form (CsDemoProvider    *self,
                    SoupServerMessage *msg,
                    GPtrArray         *params)
{
  char *body = cs_form_encode (params);

  cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/x-www-form-urlencoded", body);
  cs_secret_free (body);
}

void
cs_demo_reply_redirect (CsDemoProvider    *self,
                        SoupServerMessage *msg,
                        const char        *location)
{
  set_date_header (self, msg);
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}
