/* cs-test-wait.c — wait, in a test, for the result of an asynchronous call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cs-test-wait.h"

void
cs_wait_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CsWait *w = user_data;

  g_clear_object (&w->result);
  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

GAsyncResult *
cs_wait_run (CsWait *w)
{
  while (w->result == NULL)
    g_main_loop_run (w->loop);
  return w->result;
}

void
cs_wait_clear (CsWait *w)
{
  g_clear_object (&w->result);
  g_clear_pointer (&w->loop, g_main_loop_unref);
}

void
cs_test_on_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
cs_test_await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}
