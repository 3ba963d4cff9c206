/* cs-flow-test.h — HTTP helpers for the flow tests: a browser's side of the conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

#include "cs-percent.h"

typedef struct
{
  guint  status;
  char  *body;
  char  *location;   /* the Location header, if any */
  char  *date;       /* the Date header, if any */
} CsHttpReply;

static inline void
cs_http_reply_clear (CsHttpReply *reply)
{
  g_clear_pointer (&reply->body, g_free);
  g_clear_pointer (&reply->location, g_free);
  g_clear_pointer (&reply->date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsHttpReply, cs_http_reply_clear)

typedef struct
{
  GBytes  *bytes;
  GError  *error;
  gboolean done;
} CsHttpWait;

static inline void
cs_http_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsHttpWait *wait = user_data;

  wait->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &wait->error);
  wait->done = TRUE;
  g_main_context_wakeup (NULL);
}

/* Sends one request without following redirects, iterating the main context (so that a
 * provider running in this process can answer). @authorization may be NULL. */
static inline void
cs_http_send (CsHttpReply *reply,
              const char  *method,
              const char  *url,
              const char  *authorization,
              const char  *form_body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  CsHttpWait wait = { 0 };
  SoupMessageHeaders *headers;
  const char *value;

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
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, cs_http_sent_cb,
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
  g_bytes_unref (wait.bytes);
}

/* `name=value` lines, as request-token, access-token and authorize print them. */
static inline GPtrArray *
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

/* The text of the element with id="@id" in a simple HTML page (no nesting inside it). */
static inline char *
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

/* The value of @name in a URL's query (decoded; no '+' handling needed for our tokens). */
static inline char *
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

/* A running countersign-cli (or other) process with its three pipes. */
typedef struct
{
  GSubprocess      *proc;
  GDataInputStream *err;      /* stderr, read line by line */
  GString          *err_text; /* every stderr line read so far */
  char             *out;      /* stdout, once finished */
  int               status;
} CsProc;

static inline void
cs_proc_clear (CsProc *p)
{
  if (p->proc != NULL && g_subprocess_get_identifier (p->proc) != NULL)
    g_subprocess_force_exit (p->proc);
  g_clear_object (&p->err);
  g_clear_object (&p->proc);
  if (p->err_text != NULL)
    g_string_free (g_steal_pointer (&p->err_text), TRUE);
  g_clear_pointer (&p->out, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsProc, cs_proc_clear)

/* Starts @argv (argv[0] is a path) with @env_extra ("NAME=value", may be NULL). */
static inline void
cs_proc_start (CsProc             *p,
               const char * const *env_extra,
               const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_unsetenv (launcher, "COUNTERSIGN_CONSUMER_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "COUNTERSIGN_TOKEN_SECRET");
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env_extra[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  p->proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  p->err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (p->proc));
  p->err_text = g_string_new (NULL);
}

/* Reads stderr lines until one starts with @prefix; returns that line. Blocking is fine:
 * whatever serves the process's requests runs in another process. */
static inline char *
cs_proc_err_line_with_prefix (CsProc     *p,
                              const char *prefix)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char *line = g_data_input_stream_read_line_utf8 (p->err, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("The process ended before printing a line starting with “%s”; stderr:\n%s",
                 prefix, p->err_text->str);
      g_string_append_printf (p->err_text, "%s\n", line);
      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }
}

/* Writes @stdin_text (may be NULL), closes stdin, and waits for the exit. */
static inline void
cs_proc_finish (CsProc     *p,
                const char *stdin_text)
{
  GOutputStream *in = g_subprocess_get_stdin_pipe (p->proc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  char *rest;

  if (stdin_text != NULL)
    g_output_stream_write_all (in, stdin_text, strlen (stdin_text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  g_output_stream_splice (mem, g_subprocess_get_stdout_pipe (p->proc),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  out = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
  p->out = g_bytes_get_size (out) > 0 ? g_strndup (g_bytes_get_data (out, NULL),
                                                   g_bytes_get_size (out))
                                      : g_strdup ("");
  while ((rest = g_data_input_stream_read_line_utf8 (p->err, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (p->err_text, "%s\n", rest);
      g_free (rest);
    }
  g_assert_no_error (error);
  g_subprocess_wait (p->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p->proc));
  p->status = g_subprocess_get_exit_status (p->proc);
}
