/* cs-test-wait.h — wait, in a test, for the result of an asynchronous call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   g_auto(CsWait) w = CS_WAIT_INIT;
 *   cs_oauth_client_request_token_async (…, cs_wait_cb, &w);
 *   token = cs_oauth_client_request_token_finish (client, cs_wait_run (&w), &error);
 *
 * The main loop runs on the thread-default context, so servers in the test process answer.
 */
#pragma once

#include <gio/gio.h>

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} CsWait;

#define CS_WAIT_INIT { g_main_loop_new (NULL, FALSE), NULL }

static inline void
cs_wait_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CsWait *w = user_data;

  g_clear_object (&w->result);
  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

/* Runs the main loop until the result has come (at once if it already has). */
static inline GAsyncResult *
cs_wait_run (CsWait *w)
{
  while (w->result == NULL)
    g_main_loop_run (w->loop);
  return w->result;
}

static inline void
cs_wait_clear (CsWait *w)
{
  g_clear_object (&w->result);
  g_clear_pointer (&w->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsWait, cs_wait_clear)
