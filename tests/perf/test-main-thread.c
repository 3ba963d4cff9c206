/* test-main-thread.c — the main thread never stalls (issue 8, point 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real wizard asks a provider that takes 3 s to answer for a request token, while the
 * keyring is kept busy (save, list, lookup, delete, over and over) from the same main loop.
 * A 5 ms timeout source on that loop records when it runs; no gap between two runs may exceed
 * 50 ms while the request is pending. The provider is a SoupServer in a worker thread with its
 * own GMainContext, so nothing it does runs on the thread under test.
 *
 * A loaded machine can keep a runnable thread off the CPU for longer than 50 ms, which no
 * code can avoid. So each gap is also measured minus the time the thread spent waiting on a
 * run queue (/proc/thread-self/schedstat) and minus the time the hypervisor took from its
 * CPU (steal, /proc/stat, when the thread stayed on one CPU); the bound applies to that
 * remainder, the time the thread was busy or blocked. Both figures are printed.
 *
 * It draws with GTK's cairo renderer unless GSK_RENDERER says otherwise: under Xvfb the GL
 * renderer runs on Mesa's llvmpipe, which compiles each new pipeline state with LLVM on the
 * drawing thread the first time it is used — 100 to 140 ms when the busy page first appears,
 * on this project's CI machine. That measures a machine without a GPU, not the app.
 */
#define _GNU_SOURCE /* sched_getcpu () */
#include "config.h"

#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <libsoup/soup.h>

#include "cs-token-store.h"
#include "cs-ui-test.h"
#include "cs-wizard.h"

#define PROVIDER_DELAY_MS 3000
#define TICK_MS           5
#define MAX_GAP_MS        50

/* ------------------------------------------------------------------ the slow provider */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *base;        /* set before the thread signals ready */

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  guint         requests;
  gint64        received_at; /* monotonic µs */
  gint64        answered_at; /* monotonic µs; 0 until answered */
} SlowProvider;

typedef struct
{
  SlowProvider      *provider;
  SoupServerMessage *msg;
} Pending;

static gboolean
answer_cb (gpointer user_data)
{
  Pending *pending = user_data;
  static const char body[] =
    "oauth_token=slow-request-token&oauth_token_secret=slow-request-secret"
    "&oauth_callback_confirmed=true";

  soup_server_message_set_status (pending->msg, 200, NULL);
  soup_server_message_set_response (pending->msg, "application/x-www-form-urlencoded",
                                    SOUP_MEMORY_STATIC, body, strlen (body));
  soup_server_message_unpause (pending->msg);

  g_mutex_lock (&pending->provider->lock);
  pending->provider->answered_at = g_get_monotonic_time ();
  g_mutex_unlock (&pending->provider->lock);

  g_object_unref (pending->msg);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
slow_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SlowProvider *provider = user_data;
  g_autoptr (GSource) delay = NULL;
  Pending *pending;

  if (!g_str_has_suffix (path, "/request_token"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  g_mutex_lock (&provider->lock);
  provider->requests++;
  provider->received_at = g_get_monotonic_time ();
  g_mutex_unlock (&provider->lock);

  pending = g_new0 (Pending, 1);
  pending->provider = provider;
  pending->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  delay = g_timeout_source_new (PROVIDER_DELAY_MS);
  g_source_set_callback (delay, answer_cb, pending, NULL);
  g_source_attach (delay, provider->context);
}

static gpointer
slow_thread (gpointer user_data)
{
  SlowProvider *provider = user_data;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (provider->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, slow_handler, provider, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  provider->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&provider->lock);
  provider->ready = TRUE;
  g_cond_signal (&provider->cond);
  g_mutex_unlock (&provider->lock);

  g_main_loop_run (provider->loop);

  soup_server_disconnect (server);
  g_clear_object (&server);
  /* Let the server's sources finish in their own context. */
  while (g_main_context_iteration (provider->context, FALSE))
    ;
  g_main_context_pop_thread_default (provider->context);
  return NULL;
}

static void
slow_provider_start (SlowProvider *provider)
{
  g_mutex_init (&provider->lock);
  g_cond_init (&provider->cond);
  provider->context = g_main_context_new ();
  provider->loop = g_main_loop_new (provider->context, FALSE);
  provider->thread = g_thread_new ("slow-provider", slow_thread, provider);

  g_mutex_lock (&provider->lock);
  while (!provider->ready)
    g_cond_wait (&provider->cond, &provider->lock);
  g_mutex_unlock (&provider->lock);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
slow_provider_stop (SlowProvider *provider)
{
  g_main_context_invoke (provider->context, quit_cb, provider->loop);
  g_thread_join (provider->thread);
  g_main_loop_unref (provider->loop);
  g_main_context_unref (provider->context);
  g_free (provider->base);
  g_mutex_clear (&provider->lock);
  g_cond_clear (&provider->cond);
}

static gint64
slow_provider_answered_at (SlowProvider *provider)
{
  gint64 at;

  g_mutex_lock (&provider->lock);
  at = provider->answered_at;
  g_mutex_unlock (&provider->lock);
  return at;
}

/* ------------------------------------------------------------------ the ticks */

typedef struct
{
  gint64 at;          /* monotonic µs */
  gint64 ran_ns;      /* this thread's total time on a CPU so far, or -1 */
  gint64 queued_ns;   /* this thread's total run-queue wait so far, or -1 */
  int    cpu;         /* the CPU it runs on, or -1 */
  gint64 stolen_ms;   /* that CPU's total steal time so far, or -1 */
} Tick;

static GArray *ticks;

/* The time the hypervisor ran something else on @cpu, in ms since boot; -1 if unknown. */
static gint64
steal_ms (int cpu)
{
  static gboolean unavailable;
  static long hz;
  char buf[4096];
  char prefix[32];
  ssize_t len = -1;
  const char *line;
  char *end;
  gint64 value = -1;
  int fd;

  if (unavailable || cpu < 0)
    return -1;
  if (hz == 0)
    hz = sysconf (_SC_CLK_TCK);
  fd = open ("/proc/stat", O_RDONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      len = read (fd, buf, sizeof buf - 1);
      close (fd);
    }
  if (len <= 0 || hz <= 0)
    {
      unavailable = TRUE;
      return -1;
    }
  buf[len] = '\0';
  /* "cpuN user nice system idle iowait irq softirq steal …", in clock ticks */
  g_snprintf (prefix, sizeof prefix, "\ncpu%d ", cpu);
  line = strstr (buf, prefix);
  if (line == NULL)
    return -1;
  end = (char *) line + strlen (prefix);
  for (guint field = 0; field < 8; field++)
    {
      const char *start = end;

      value = g_ascii_strtoll (start, &end, 10);
      if (end == start)
        return -1;
    }
  return value * 1000 / hz;
}

/* A tick now, with the time this thread has spent on a CPU and runnable but not running
 * (ns; -1 if unknown). Read with plain syscalls: procfs, no disk, some µs. */
static Tick
tick_now (void)
{
  static gboolean unavailable;
  Tick tick = { g_get_monotonic_time (), -1, -1, sched_getcpu (), -1 };
  char buf[96];
  ssize_t len = -1;
  char *end;
  int fd;

  tick.stolen_ms = steal_ms (tick.cpu);
  if (unavailable)
    return tick;
  fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      len = read (fd, buf, sizeof buf - 1);
      close (fd);
    }
  if (len <= 0)
    {
      unavailable = TRUE;
      return tick;
    }
  buf[len] = '\0';
  /* "time-on-cpu time-waiting-on-a-run-queue timeslices" */
  tick.ran_ns = g_ascii_strtoll (buf, &end, 10);
  if (*end != ' ')
    {
      unavailable = TRUE;
      tick.ran_ns = -1;
      return tick;
    }
  tick.queued_ns = g_ascii_strtoll (end + 1, NULL, 10);
  return tick;
}

static gboolean
tick_cb (gpointer user_data)
{
  Tick tick = tick_now ();

  g_array_append_val (ticks, tick);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  double gap_ms;       /* the largest gap between two ticks */
  double gap_at_ms;    /* when it began, from the click */
  double stall_ms;     /* the largest gap minus the run-queue wait and steal within it */
  double stall_gap_ms; /* that gap, whole */
  guint  count;
} Gaps;

/* The gaps that begin in [from, to). */
static Gaps
gaps_between (gint64 from,
              gint64 to,
              gint64 click)
{
  Gaps gaps = { 0 };

  for (guint i = 1; i < ticks->len; i++)
    {
      const Tick *a = &g_array_index (ticks, Tick, i - 1);
      const Tick *b = &g_array_index (ticks, Tick, i);
      double gap = (b->at - a->at) / 1000.0;
      double queued = 0, stolen = 0, stall;

      if (a->at < from || a->at >= to)
        continue;
      gaps.count++;
      if (a->queued_ns >= 0 && b->queued_ns >= a->queued_ns)
        queued = (b->queued_ns - a->queued_ns) / 1e6;
      if (a->cpu == b->cpu && a->stolen_ms >= 0 && b->stolen_ms >= a->stolen_ms)
        stolen = b->stolen_ms - a->stolen_ms;
      stall = MAX (0.0, gap - queued - stolen);
      if (gap > MAX_GAP_MS / 2)
        g_test_message ("  gap of %.1f ms at %+.0f ms from the click: %.1f ms on a CPU, %.1f ms "
                        "waiting for one, %.0f ms stolen by the hypervisor", gap,
                        (a->at - click) / 1000.0,
                        a->ran_ns >= 0 ? (b->ran_ns - a->ran_ns) / 1e6 : 0.0, queued, stolen);
      if (gap > gaps.gap_ms)
        {
          gaps.gap_ms = gap;
          gaps.gap_at_ms = (a->at - click) / 1000.0;
        }
      if (stall > gaps.stall_ms)
        {
          gaps.stall_ms = stall;
          gaps.stall_gap_ms = gap;
        }
    }
  return gaps;
}

/* ------------------------------------------------------------------ the keyring, kept busy */

typedef struct
{
  CsTokenStore  *store;
  CsStoredToken *token;
  guint          step;
  guint          started;
  guint          finished;
  gboolean       stop;
  GError        *error;
} Keyring;

static void keyring_next (Keyring *keyring);

static void
keyring_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Keyring *keyring = user_data;
  CsTokenStore *store = CS_TOKEN_STORE (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (CsStoredToken) found = NULL;

  switch (keyring->step % 4)
    {
    case 0:
      cs_token_store_save_finish (store, result, &error);
      break;
    case 1:
      list = cs_token_store_list_finish (store, result, &error);
      if (list != NULL && list->len == 0)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "the saved token is not listed");
      break;
    case 2:
      found = cs_token_store_lookup_finish (store, result, &error);
      break;
    default:
      cs_token_store_delete_finish (store, result, &error);
      break;
    }
  keyring->finished++;
  keyring->step++;
  if (error != NULL && keyring->error == NULL)
    keyring->error = g_steal_pointer (&error);
  if (!keyring->stop && keyring->error == NULL)
    keyring_next (keyring);
}

static void
keyring_next (Keyring *keyring)
{
  const char *id = cs_stored_token_get_id (keyring->token);

  keyring->started++;
  switch (keyring->step % 4)
    {
    case 0:
      cs_token_store_save_async (keyring->store, keyring->token, NULL, NULL, keyring_cb, keyring);
      break;
    case 1:
      cs_token_store_list_async (keyring->store, NULL, keyring_cb, keyring);
      break;
    case 2:
      cs_token_store_lookup_async (keyring->store, id, NULL, keyring_cb, keyring);
      break;
    default:
      cs_token_store_delete_async (keyring->store, id, NULL, keyring_cb, keyring);
      break;
    }
}

/* ------------------------------------------------------------------ the test */

static void
choose (CsWindow   *window,
        const char *combo,
        guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (cs_ui_find (window, combo)), position);
}

static void
fill_custom_provider (CsWindow   *window,
                      const char *base)
{
  AdwComboRow *providers = ADW_COMBO_ROW (cs_ui_find (window, "Provider"));
  g_autofree char *request = g_strconcat (base, "/oauth/request_token", NULL);
  g_autofree char *authorize = g_strconcat (base, "/oauth/authorize", NULL);
  g_autofree char *access = g_strconcat (base, "/oauth/access_token", NULL);

  choose (window, "Provider", g_list_model_get_n_items (adw_combo_row_get_model (providers)) - 1);
  choose (window, "Callback", 1); /* Local Loopback: a callback server is started too */
  cs_ui_type (window, "Request Token URL", request);
  cs_ui_type (window, "Authorize URL", authorize);
  cs_ui_type (window, "Access Token URL", access);
  cs_ui_type (window, "Consumer Key", "slow-key");
  cs_ui_type (window, "Consumer Secret", "slow-secret");
}

static void
test_no_stall (void)
{
  CsWindow *window;
  CsWizard *wizard;
  SlowProvider provider = { 0 };
  Keyring keyring = { 0 };
  gint64 click, answered, shown, end;
  Gaps pending, after;
  guint source;

  slow_provider_start (&provider);
  keyring.store = cs_token_store_new ();
  keyring.token = cs_stored_token_new ("custom", "Slow", "127.0.0.1", "slow-key", "slow-user",
                                       "stored-token", "stored-token-secret");

  /* After the first frame: the window is shown and drawn once. */
  window = cs_ui_open_window ();
  wizard = CS_WIZARD (cs_window_get_wizard (window));
  g_action_group_activate_action (G_ACTION_GROUP (cs_ui_app), "new-authorization", NULL);
  CS_UI_WAIT_FOR (cs_ui_try_find (window, "Consumer Key") != NULL);
  fill_custom_provider (window, provider.base);
  CS_UI_WAIT_FOR (cs_ui_can_click (window, "Continue"));

  ticks = g_array_sized_new (FALSE, FALSE, sizeof (Tick), 2048);
  source = g_timeout_add (TICK_MS, tick_cb, NULL);
  cs_ui_spin (100);

  /* The keyring call and the request start together; the click is a tick of its own, so the
   * time the click's handlers take counts as a gap. */
  {
    Tick tick = tick_now ();

    g_array_append_val (ticks, tick);
    click = tick.at;
  }
  keyring_next (&keyring);
  cs_ui_click (window, "Continue");

  CS_UI_WAIT_FOR ((answered = slow_provider_answered_at (&provider)) != 0);
  CS_UI_WAIT_FOR (!cs_wizard_get_busy (wizard));
  shown = g_get_monotonic_time ();
  cs_ui_spin (100);
  end = g_get_monotonic_time ();
  keyring.stop = TRUE;
  CS_UI_WAIT_FOR (keyring.finished == keyring.started);
  g_source_remove (source);

  /* What the user sees: the provider's answer, after its 3 s. */
  g_assert_true (cs_ui_text_shown (window, "slow-request-token"));
  g_assert_cmpuint (provider.requests, ==, 1);
  g_assert_cmpint (answered - click, >=, (PROVIDER_DELAY_MS - 100) * 1000);
  g_assert_no_error (keyring.error);
  g_assert_cmpuint (keyring.finished, >=, 2);

  pending = gaps_between (click, answered, click);
  after = gaps_between (answered, end, click);
  g_test_message ("request pending %.0f ms: %u gaps, worst %.1f ms (at %+.0f ms from the "
                  "click); worst without run-queue wait and steal %.1f ms (of a %.1f ms gap); "
                  "%u keyring calls",
                  (answered - click) / 1000.0, pending.count, pending.gap_ms, pending.gap_at_ms,
                  pending.stall_ms, pending.stall_gap_ms, keyring.finished);
  g_test_message ("answer shown %.0f ms after it was sent; from then on for 100 ms: worst gap "
                  "%.1f ms, without run-queue wait and steal %.1f ms",
                  (shown - answered) / 1000.0, after.gap_ms, after.stall_ms);
  g_assert_cmpuint (pending.count, >=, PROVIDER_DELAY_MS / MAX_GAP_MS);
  if (pending.stall_ms > MAX_GAP_MS)
    g_test_fail_printf ("the main loop stalled for %.1f ms (not counting run-queue wait and "
                        "steal; a %.1f ms gap between %u ms ticks; the worst gap was %.1f ms "
                        "at %+.0f ms from the click) while the request was pending; at most "
                        "%u ms are allowed", pending.stall_ms, pending.stall_gap_ms, TICK_MS,
                        pending.gap_ms, pending.gap_at_ms, MAX_GAP_MS);

  cs_ui_close_window (window);
  g_clear_pointer (&ticks, g_array_unref);
  g_clear_pointer (&keyring.token, cs_stored_token_unref);
  g_clear_object (&keyring.store);
  slow_provider_stop (&provider);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Never the user's own keyring. */
  if (g_strcmp0 (g_getenv ("COUNTERSIGN_TEST_KEYRING"), "1") != 0)
    {
      g_printerr ("Run this through tests/ui/ui-session (meson test --suite ui): it needs a "
                  "display and a throw-away keyring.\n");
      return 1;
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* The system's proxy resolver, not the dummy one the other UI tests choose: loading it on
   * the main thread before a connection to loopback would be a stall of its own. */
  g_unsetenv ("GIO_USE_PROXY_RESOLVER");
  cs_ui_init (&argc, &argv);
  g_test_add_func ("/main-thread/no-stall-during-slow-request", test_no_stall);
  status = g_test_run ();

  g_application_release (G_APPLICATION (cs_ui_app));
  g_clear_object (&cs_ui_app);
  return status;
}
