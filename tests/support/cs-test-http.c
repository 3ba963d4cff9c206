/* cs-test-http.c — a browser's side of the conversation, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cs-test-http.h"

void
cs_http_reply_clear (CsHttpReply *reply)
{
  g_clear_pointer (&reply->body, g_free);
  g_clear_pointer (&reply->location, g_free);
  g_clear_pointer (&reply->date, g_free);
  g_clear_pointer (&reply->www_authenticate, g_free);
}

typedef struct
{
  GBytes  *bytes;
  GError  *error;
  gboolean done;
} HttpWait;

static void
http_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  HttpWait *wait = user_data;

  wait->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &wait->error);
  wait->done = TRUE;
  g_main_context_wakeup (NULL);
}

static SoupMessage *
http_message_new (const char *method,
                  const char *url,
                  const char *authorization,
                  const char *form_body)
{
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  if (form_body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form_body, strlen (form_body));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  return msg;
}

void
cs_http_send (CsHttpReply *reply,
              const char  *method,
              const char  *url,
              const char  *authorization,
              const char  *form_body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = http_message_new (method, url, authorization, form_body);
  HttpWait wait = { 0 };
  SoupMessageHeaders *headers;
  const char *value;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, http_sent_cb,
                                    &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);

  headers = soup_message_get_response_headers (msg);
  reply->status = soup_message_get_status (msg);
  reply->body = g_bytes_get_size (wait.bytes) > 0
                  ? g_strndup (g_bytes_get_data (wait.bytes, NULL), g_bytes_get_size (wait.bytes))
                  : g_strdup ("");
  if ((value = soup_message_headers_get_one (headers, "Location")) != NULL)
    reply->location = g_strdup (value);
  if ((value = soup_message_headers_get_one (headers, "Date")) != NULL)
    reply->date = g_strdup (value);
  if ((value = soup_message_headers_get_one (headers, "WWW-Authenticate")) != NULL)
    reply->www_authenticate = g_strdup (value);
  g_bytes_unref (wait.bytes);
}

GPtrArray *
cs_parse_lines (const char *out)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (*lines[i] == '\0')
        continue;
      g_assert_nonnull (eq);
      *eq = '\0';
      cs_param_list_add (params, lines[i], eq + 1);
    }
  return g_steal_pointer (&params);
}

char *
cs_html_element_text (const char *html,
                      const char *id)
{
  g_autofree char *needle = g_strdup_printf ("id=\"%s\"", id);
  const char *p = strstr (html, needle);
  const char *end;

  if (p == NULL || (p = strchr (p, '>')) == NULL || (end = strchr (p, '<')) == NULL)
    return NULL;
  return g_strndup (p + 1, end - p - 1);
}

char *
cs_url_query_value (const char *url,
                    const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) query = NULL;
  const char *q;

  if (uri == NULL || (q = g_uri_get_query (uri)) == NULL)
    return NULL;
  query = g_uri_parse_params (q, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (query == NULL || !g_hash_table_contains (query, name))
    return NULL;
  return g_strdup (g_hash_table_lookup (query, name));
}
