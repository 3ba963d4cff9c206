/* test-token-store-file.c — OAuth 2.0 items through libsecret's file backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside Flatpak, libsecret keeps items in a file unlocked through the Secret portal; such
 * items are no SecretItem and cannot be changed in place, so saving again and rotation store
 * the new item first and clear the old one after. Here that backend runs on a file in a
 * temporary folder (SECRET_BACKEND=file with libsecret's test path and password), inside the
 * private keyring session all the same, so nothing can reach the user's own keyring.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cs-test-keyring.h"
#include "cs-test-store-ok.h"
#include "cs-token-store.h"

#define CLIENT_ID "file-backend-client"

static char *keyring_path;

/* Every item of our schema, of any kind. */
static guint
item_count (void)
{
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *found = secret_password_searchv_sync (cs_token_store_get_schema (), none,
                                               SECRET_SEARCH_ALL, NULL, &error);
  guint count = g_list_length (found);

  g_assert_no_error (error);
  g_list_free_full (found, g_object_unref);
  return count;
}

static void
test_file_backend (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = cs_stored_token_new_oauth2 ("demo", "Demo", "127.0.0.1",
                                                              CLIENT_ID, "jane", "read", 100,
                                                              "file-access-1", "file-refresh-1");
  g_autoptr(CsStoredToken) again = cs_stored_token_new_oauth2 ("demo", "Demo", "127.0.0.1",
                                                               CLIENT_ID, "jane", "read write",
                                                               200, "file-access-2",
                                                               "file-refresh-2");
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(CsStoredToken) rotated = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = cs_stored_token_get_id (jane);

  save_ok (store, jane, "file-client-secret");
  /* The items are in the file, not in gnome-keyring. */
  g_assert_true (g_file_test (keyring_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (item_count (), ==, 2);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_id (tokens->pdata[0]), ==, id);
  g_assert_true (cs_stored_token_get_has_client_secret (tokens->pdata[0]));

  /* Authorized again (another expiry): still one access item. */
  save_ok (store, again, NULL);
  g_assert_cmpuint (item_count (), ==, 2);
  found = lookup_ok (store, id);
  g_assert_cmpstr (cs_stored_token_get_access_token (found), ==, "file-access-2");
  g_assert_cmpstr (cs_stored_token_get_refresh_token (found), ==, "file-refresh-2");
  g_assert_cmpstr (cs_stored_token_get_scopes (found), ==, "read write");
  g_assert_cmpstr (cs_stored_token_get_client_secret (found), ==, "file-client-secret");

  /* Rotation: the new pair, one item, the same id. */
  g_assert_true (cs_test_update_oauth2 (store, id, "file-access-3", "file-refresh-3", NULL, 300,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (), ==, 2);
  rotated = lookup_ok (store, id);
  g_assert_cmpstr (cs_stored_token_get_access_token (rotated), ==, "file-access-3");
  g_assert_cmpstr (cs_stored_token_get_refresh_token (rotated), ==, "file-refresh-3");
  g_assert_cmpstr (cs_stored_token_get_scopes (rotated), ==, "read write");
  g_assert_cmpint (cs_stored_token_get_expires_at (rotated), ==, 300);

  g_assert_true (cs_test_delete (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (), ==, 0);
}

/* Under ASan: unwind fully on every malloc, so that build-aux/lsan.supp's
 * leak:test_file_backend (libsecret 0.20.5's file backend leaks inside GIO's callbacks) sees
 * this test's frames; the default fast unwinder stops at GLib, which has no frame pointers. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();
  dir = g_dir_make_tmp ("countersign-file-backend-XXXXXX", &error);
  g_assert_no_error (error);
  keyring_path = g_build_filename (dir, "keyring", NULL);
  /* Before the first libsecret call: the backend is chosen once. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "file-backend-test", TRUE);

  g_test_add_func ("/store/file-backend/oauth2", test_file_backend);
  status = g_test_run ();
  g_unlink (keyring_path);
  g_rmdir (dir);
  g_free (keyring_path);
  return status;
}
