/* cs-test-wait.h — wait, in a test, for the result of an asynchronous call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   g_auto(CsWait) w = CS_WAIT_INIT;
 *   cs_oauth_client_request_token_async (…, cs_wait_cb, &w);
 *   token = cs_oauth_client_request_token_finish (client, cs_wait_run (&w), &error);
 *
 * or, with a slot the caller owns:
 *
 *   g_autoptr(GAsyncResult) result = NULL;
 *   cs_token_store_list_async (store, NULL, cs_test_on_result, &result);
 *   tokens = cs_token_store_list_finish (store, cs_test_await (&result), &error);
 *
 * Both iterate the thread-default main context, so servers in the test process answer. Neither
 * has a timeout of its own: meson's test timeout ends a test that hangs.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} CsWait;

#define CS_WAIT_INIT { g_main_loop_new (NULL, FALSE), NULL }

/* The GAsyncReadyCallback: @user_data is the CsWait. */
void          cs_wait_cb        (GObject       *source,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
/* Runs the main loop until the result has come (at once if it already has). */
GAsyncResult *cs_wait_run       (CsWait        *w);
void          cs_wait_clear     (CsWait        *w);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsWait, cs_wait_clear)

/* The GAsyncReadyCallback: @user_data is a GAsyncResult ** slot, which gets a reference. */
void          cs_test_on_result (GObject       *source,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
/* Iterates the main context until *@slot is set; returns it (still owned by the slot). */
GAsyncResult *cs_test_await     (GAsyncResult **slot);

G_END_DECLS
