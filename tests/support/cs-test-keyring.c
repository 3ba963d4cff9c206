/* cs-test-keyring.c — helpers for the tests that use the real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cs-test-keyring.h"
#include "cs-test-wait.h"

void
cs_test_require_keyring (void)
{
  if (g_getenv ("COUNTERSIGN_TEST_KEYRING") == NULL ||
      g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("This test needs a private keyring: run it with `meson test --suite store` "
                  "(it goes through tests/store/keyring-session) or build-aux/test, never "
                  "directly on your own session.\n");
      exit (1);
    }
}

gboolean
cs_test_save (CsTokenStore  *store,
              CsStoredToken *token,
              const char    *consumer_secret,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_token_store_save_async (store, token, consumer_secret, NULL, cs_test_on_result, &result);
  return cs_token_store_save_finish (store, cs_test_await (&result), error);
}

GPtrArray *
cs_test_list (CsTokenStore  *store,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_token_store_list_async (store, NULL, cs_test_on_result, &result);
  return cs_token_store_list_finish (store, cs_test_await (&result), error);
}

CsStoredToken *
cs_test_lookup (CsTokenStore  *store,
                const char    *id,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_token_store_lookup_async (store, id, NULL, cs_test_on_result, &result);
  return cs_token_store_lookup_finish (store, cs_test_await (&result), error);
}

gboolean
cs_test_delete (CsTokenStore  *store,
                const char    *id,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_token_store_delete_async (store, id, NULL, cs_test_on_result, &result);
  return cs_token_store_delete_finish (store, cs_test_await (&result), error);
}

void
cs_test_clear_keyring (void)
{
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  secret_password_clearv_sync (cs_token_store_get_schema (), none, NULL, &error);
  g_assert_no_error (error);
}

char *
cs_test_secret_tool_search (const char *attribute,
                            const char *value)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                           &error, "secret-tool", "search", "--all", attribute, value, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

guint
cs_test_count (const char *haystack,
               const char *needle)
{
  g_auto(GStrv) parts = g_strsplit (haystack, needle, -1);

  return parts[0] == NULL ? 0 : g_strv_length (parts) - 1;
}

void
cs_test_lock_keyring (void)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *collections[] = { "/org/freedesktop/secrets/collection/login", NULL };

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(^ao)", collections), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}
