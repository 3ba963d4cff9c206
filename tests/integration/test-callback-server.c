/* test-callback-server.c — the loopback callback server (cs-callback-server.c), driven by a
 * real HTTP client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "cs-callback-server.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-test-wait.h"

#define TOKEN    "request-token-42"
#define VERIFIER "verifier-s3cret-77"

typedef struct
{
  CsCallbackServer *server;
  SoupSession      *browser;
  CsWait            wait;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = cs_callback_server_new (&error);
  g_assert_no_error (error);
  f->browser = soup_session_new ();
  f->wait = (CsWait) CS_WAIT_INIT;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_wait_clear (&f->wait);
  g_clear_object (&f->server);
  g_clear_object (&f->browser);
}

static char *
finish (Fixture *f,
        GError **error)
{
  return cs_callback_server_wait_finish (f->server, cs_wait_run (&f->wait), error);
}

typedef struct
{
  guint       status;
  char       *body;
  GError     *error;
  gboolean    done;
} Visit;

static void
visit_clear (Visit *v)
{
  g_free (v->body);
  g_clear_error (&v->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Visit, visit_clear)

static void
visit_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Visit *v = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &v->error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  if (bytes != NULL)
    {
      v->status = soup_message_get_status (msg);
      v->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  v->done = TRUE;
}

/* Opens @path_and_query on the callback server the way the browser would. */
static void
visit (Fixture    *f,
       const char *path_and_query,
       Visit      *v)
{
  g_autoptr(GUri) base = g_uri_parse (cs_callback_server_get_url (f->server), G_URI_FLAGS_NONE,
                                      NULL);
  g_auto(GStrv) parts = g_strsplit (path_and_query, "?", 2);
  /* Built, not parsed, so that malformed escapes reach the server as they are. */
  g_autoptr(GUri) uri = g_uri_build (G_URI_FLAGS_ENCODED, "http", NULL, "127.0.0.1",
                                     g_uri_get_port (base), parts[0], parts[1], NULL);
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri ("GET", uri);

  memset (v, 0, sizeof *v);
  soup_session_send_and_read_async (f->browser, msg, G_PRIORITY_DEFAULT, NULL, visit_cb, v);
  while (!v->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_url (Fixture       *f,
          gconstpointer  data)
{
  const char *url = cs_callback_server_get_url (f->server);

  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url, "/callback"));
}

static void
test_verifier (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Visit) v = { 0 };
  g_auto(Visit) after = { 0 };
  g_autoptr(GError) error = NULL;
  char *verifier;

  cs_callback_server_wait_async (f->server, TOKEN, 10, NULL, cs_wait_cb, &f->wait);
  visit (f, "/callback?oauth_token=" TOKEN "&oauth_verifier=" VERIFIER, &v);
  g_assert_no_error (v.error);
  g_assert_cmpuint (v.status, ==, 200);
  g_assert_nonnull (strstr (v.body, "return to Countersign"));
  g_assert_null (strstr (v.body, VERIFIER));

  verifier = finish (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verifier, ==, VERIFIER);
  cs_secret_free (verifier);

  /* Then it stops listening. */
  g_usleep (300 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  visit (f, "/callback?oauth_token=" TOKEN "&oauth_verifier=again", &after);
  g_assert_nonnull (after.error);
}

/* A wrong token, another path, a POST, garbage: 400/404 with a page that says why and
 * echoes nothing it was sent (the verifier is a secret), and the wait goes on. */
#define WRONG_REQUEST "Not the expected authorization"
#define WRONG_TOKEN   "does not carry the request token Countersign is waiting for"
#define NOT_FOUND     "belongs to Countersign’s authorization callback"

static void
test_others_change_nothing (Fixture       *f,
                            gconstpointer  data)
{
  static const struct { const char *path; guint status; const char *text; } cases[] = {
    { "/callback?oauth_token=someone-else&oauth_verifier=" VERIFIER, 400, WRONG_TOKEN },
    { "/callback?oauth_token=" TOKEN, 400, WRONG_TOKEN },
    { "/callback?oauth_verifier=" VERIFIER, 400, WRONG_TOKEN },
    { "/callback", 400, WRONG_TOKEN },
    { "/callback?oauth_token=" TOKEN "&oauth_token=" TOKEN "&oauth_verifier=" VERIFIER, 400,
      WRONG_TOKEN },
    /* libsoup refuses a bad escape itself, before Countersign sees it: an empty page. */
    { "/callback?oauth_token=" TOKEN "&oauth_verifier=%zz", 400, NULL },
    { "/callback?oauth_token=" TOKEN "&oauth_verifier=a%0Ab", 400, WRONG_TOKEN },
    { "/callback?denied=someone-else", 400, WRONG_TOKEN },
    { "/", 404, NOT_FOUND },
    { "/favicon.ico", 404, NOT_FOUND },
    { "/callbackx?oauth_token=" TOKEN "&oauth_verifier=" VERIFIER, 404, NOT_FOUND },
    { "/other/path?oauth_token=" TOKEN "&oauth_verifier=" VERIFIER, 404, NOT_FOUND },
  };
  g_autoptr(GError) error = NULL;
  g_auto(Visit) ok = { 0 };
  char *verifier;

  cs_callback_server_wait_async (f->server, TOKEN, 10, NULL, cs_wait_cb, &f->wait);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Visit) v = { 0 };

      visit (f, cases[i].path, &v);
      g_assert_no_error (v.error);
      /* The case's index, not its path: the path holds the verifier, a secret. */
      g_test_message ("case %u → %u", i, v.status);
      g_assert_cmpuint (v.status, ==, cases[i].status);
      if (cases[i].text == NULL)
        {
          g_assert_true (v.body == NULL || *v.body == '\0');
          continue;
        }
      g_assert_nonnull (v.body);
      if (strstr (v.body, cases[i].text) == NULL)
        g_error ("“%s” is not on the page of case %u:\n%s", cases[i].text, i, v.body);
      if (cases[i].status == 400)
        g_assert_nonnull (strstr (v.body, WRONG_REQUEST));
      g_assert_null (strstr (v.body, VERIFIER));
      g_assert_null (strstr (v.body, "someone-else"));
      g_assert_null (f->wait.result);
    }

  visit (f, "/callback?oauth_token=" TOKEN "&oauth_verifier=" VERIFIER, &ok);
  g_assert_cmpuint (ok.status, ==, 200);
  verifier = finish (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verifier, ==, VERIFIER);
  cs_secret_free (verifier);
}

static void
test_second_callback (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Visit) first = { 0 };
  g_auto(Visit) second = { 0 };
  g_autoptr(GError) error = NULL;
  char *verifier;

  cs_callback_server_wait_async (f->server, TOKEN, 10, NULL, cs_wait_cb, &f->wait);
  visit (f, "/callback?oauth_token=" TOKEN "&oauth_verifier=" VERIFIER, &first);
  visit (f, "/callback?oauth_token=" TOKEN "&oauth_verifier=other", &second);
  g_assert_cmpuint (first.status, ==, 200);
  /* Refused, or the server has already stopped listening. */
  g_assert_true (second.error != NULL || second.status == 400);
  if (second.error == NULL)
    {
      g_assert_nonnull (second.body);
      g_assert_nonnull (strstr (second.body, WRONG_REQUEST));
      g_assert_nonnull (strstr (second.body, "not waiting for an authorization"));
      g_assert_null (strstr (second.body, VERIFIER));
      g_assert_null (strstr (second.body, "other"));
    }

  verifier = finish (f, &error);
  g_assert_cmpstr (verifier, ==, VERIFIER);
  cs_secret_free (verifier);
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Visit) v = { 0 };
  g_autoptr(GError) error = NULL;
  char *verifier;

  cs_callback_server_wait_async (f->server, TOKEN, 10, NULL, cs_wait_cb, &f->wait);
  visit (f, "/callback?denied=" TOKEN, &v);
  g_assert_cmpuint (v.status, ==, 200);
  g_assert_nonnull (strstr (v.body, "refused"));
  verifier = finish (f, &error);
  g_assert_null (verifier);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "refused"));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  char *verifier;

  cs_callback_server_wait_async (f->server, TOKEN, 1, NULL, cs_wait_cb, &f->wait);
  verifier = finish (f, &error);
  g_assert_null (verifier);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "within 1 second"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* The server is done: a second wait is refused. */
  g_clear_object (&f->wait.result);
  g_clear_error (&error);
  cs_callback_server_wait_async (f->server, TOKEN, 1, NULL, cs_wait_cb, &f->wait);
  verifier = finish (f, &error);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK);
}

static void
drop_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  char *verifier = cs_callback_server_wait_finish (f->server, result, &error);

  g_assert_no_error (error);
  cs_secret_free (verifier);
  /* The caller lets go of the server in its callback, as a window closing would. */
  g_clear_object (&f->server);
  g_main_loop_quit (f->wait.loop);
}

static void
test_drop_in_callback (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Visit) v = { 0 };
  GWeakRef weak;

  g_weak_ref_init (&weak, f->server);
  cs_callback_server_wait_async (f->server, TOKEN, 10, NULL, drop_cb, f);
  visit (f, "/callback?oauth_token=" TOKEN "&oauth_verifier=" VERIFIER, &v);
  g_assert_cmpuint (v.status, ==, 200);
  if (f->server != NULL)
    g_main_loop_run (f->wait.loop);
  g_assert_null (f->server);
  /* Gone once it has stopped listening. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GObject) alive = g_weak_ref_get (&weak);

      if (alive == NULL)
        break;
      g_usleep (20 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  char *verifier;

  g_timeout_add (100, cancel_cb, cancellable);
  cs_callback_server_wait_async (f->server, TOKEN, 10, cancellable, cs_wait_cb, &f->wait);
  verifier = finish (f, &error);
  g_assert_null (verifier);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_parse_query (void)
{
  static const struct {
    const char     *query;
    CsCallbackKind  kind;
    const char     *token;
    const char     *verifier;
  } cases[] = {
    { "oauth_token=a&oauth_verifier=b", CS_CALLBACK_VERIFIER, "a", "b" },
    { "oauth_verifier=b%20c&oauth_token=a%2Bz&extra=1", CS_CALLBACK_VERIFIER, "a+z", "b c" },
    { "denied=a", CS_CALLBACK_DENIED, "a", NULL },
    { "denied=", CS_CALLBACK_DENIED, "", NULL },
    { "denied=a&oauth_token=a&oauth_verifier=b", CS_CALLBACK_DENIED, "a", NULL },
    { "", CS_CALLBACK_INVALID, NULL, NULL },
    { "oauth_token=a", CS_CALLBACK_INVALID, NULL, NULL },
    { "oauth_token=&oauth_verifier=b", CS_CALLBACK_INVALID, NULL, NULL },
    { "oauth_token=a&oauth_verifier=b&oauth_verifier=c", CS_CALLBACK_INVALID, NULL, NULL },
    { "oauth_token=a&oauth_verifier=%ff", CS_CALLBACK_INVALID, NULL, NULL },
    { "oauth_token=a&oauth_verifier=%00", CS_CALLBACK_INVALID, NULL, NULL },
    { "oauth_token=a&oauth_verifier=%1b[31m", CS_CALLBACK_INVALID, NULL, NULL },
    { "oauth_token=a&oauth_verifier=%", CS_CALLBACK_INVALID, NULL, NULL },
    { "denied=a&denied=b", CS_CALLBACK_INVALID, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = NULL;
      char *verifier = NULL;
      CsCallbackKind kind = cs_callback_parse_query (cases[i].query, -1, &token, &verifier);

      g_test_message ("%s", cases[i].query);
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_assert_cmpstr (token, ==, cases[i].token);
      g_assert_cmpstr (verifier, ==, cases[i].verifier);
      cs_secret_free (verifier);
    }

  {
    g_autofree char *token = NULL;
    char *verifier = NULL;

    g_assert_cmpint (cs_callback_parse_query (NULL, 0, &token, &verifier), ==,
                     CS_CALLBACK_INVALID);
    /* Length-delimited: the bytes after @len do not count. */
    g_assert_cmpint (cs_callback_parse_query ("denied=ab", 8, &token, &verifier), ==,
                     CS_CALLBACK_DENIED);
    g_assert_cmpstr (token, ==, "a");
  }
}

/* A pasted address is read as the server reads its query: the query up to a '#'. */
static void
test_parse_address (void)
{
  static const struct {
    const char *address;
    const char *verifier;
    int         code;     /* a CS_OAUTH_ERROR code, or 0 for no error */
  } cases[] = {
    { "http://127.0.0.1:8080/callback?oauth_token=rt&oauth_verifier=v%20w", "v w", 0 },
    { "https://app.example/cb?oauth_verifier=v&oauth_token=rt#done", "v", 0 },
    { "https://app.example/cb?denied=rt", NULL, CS_OAUTH_ERROR_DENIED },
    { "https://app.example/cb?oauth_token=other&oauth_verifier=v", NULL,
      CS_OAUTH_ERROR_CALLBACK },
    /* Not a callback address: the caller takes the text as a PIN. */
    { "1234567", NULL, 0 },
    { "https://app.example/cb?oauth_token=rt", NULL, 0 },
    { "https://app.example/cb?oauth_token=rt&oauth_verifier=%1b", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *verifier = cs_callback_parse_address (cases[i].address, "rt", &error);

      g_test_message ("%s", cases[i].address);
      g_assert_cmpstr (verifier, ==, cases[i].verifier);
      if (cases[i].code != 0)
        g_assert_error (error, CS_OAUTH_ERROR, cases[i].code);
      else
        g_assert_no_error (error);
      cs_secret_free (verifier);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/callback-server/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("url", test_url);
  ADD ("verifier", test_verifier);
  ADD ("others-change-nothing", test_others_change_nothing);
  ADD ("second-callback", test_second_callback);
  ADD ("denied", test_denied);
  ADD ("timeout", test_timeout);
  ADD ("cancel", test_cancel);
  ADD ("drop-in-callback", test_drop_in_callback);
#undef ADD
  g_test_add_func ("/callback-server/parse-query", test_parse_query);
  g_test_add_func ("/callback-server/parse-address", test_parse_address);

  return g_test_run ();
}
