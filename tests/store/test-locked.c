/* test-locked.c — a locked keyring whose unlock prompt cannot be shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its own executable (so its own keyring session): the collection stays locked afterwards.
 * On the test bus no prompter can be started, so gnome-keyring's unlock prompt fails, as
 * when the user dismisses it.
 */
#include "config.h"

#include "cs-test-cli.h"
#include "cs-test-keyring.h"
#include "cs-token-store.h"

static void
lock_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GError) error = NULL;
  const char *collection = "/org/freedesktop/secrets/collection/login";

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(@ao)",
                                                      g_variant_new_objv (&collection, 1)),
                                       G_VARIANT_TYPE ("(aoo)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  locked = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (locked), ==, 1);
}

static void
test_locked (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                       "key", "jane", "t", "s");
  g_autoptr(CsStoredToken) joe = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                      "key", "joe", "t2", "s2");
  g_auto(CsCliRun) list = { 0 };
  g_auto(CsCliRun) show = { 0 };
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_test_save (store, jane, NULL, &error));
  g_assert_no_error (error);
  lock_keyring ();

  /* Not an empty list: that would say the credentials are gone. */
  tokens = cs_test_list (store, &error);
  g_assert_null (tokens);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  found = cs_test_lookup (store, cs_stored_token_get_id (jane), &error);
  g_assert_null (found);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (cs_test_save (store, joe, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  cs_cli_run (&list, "list");
  g_assert_cmpint (list.status, ==, 5);
  g_assert_nonnull (strstr (list.err, "The keyring is locked"));
  g_assert_cmpstr (list.out, ==, "");
  cs_cli_run (&show, "show", cs_stored_token_get_id (jane));
  g_assert_cmpint (show.status, ==, 5);
  g_assert_nonnull (strstr (show.err, "The keyring is locked"));
  g_assert_cmpstr (show.out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();

  g_test_add_func ("/store/locked", test_locked);
  return g_test_run ();
}
