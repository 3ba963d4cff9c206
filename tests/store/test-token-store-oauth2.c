/* test-token-store-oauth2.c — OAuth 2.0 items in CsTokenStore, beside OAuth 1.0a ones, against
 * a real gnome-keyring-daemon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-test-keyring.h"
#include "cs-test-store-ok.h"
#include "cs-test-wait.h"
#include "cs-token-store.h"

#define SCHEMA_NAME   "io.github.countersign.Countersign.Credentials"
#define CLIENT_ID     "cDlUNzNXOGh1bzd2d0V4OTpjaQ"
#define CLIENT_SECRET "x-client-s3cret&=%"
#define ACCESS_1      "access-token-one-7f3a"
#define REFRESH_1     "refresh-token-one-9c1e"
#define ACCESS_2      "access-token-two-51bd"
#define REFRESH_2     "refresh-token-two-e80a"

/* Every log line of the program (debug included): no secret may be in one. */
static GString *log_text;

static GLogWriterOutput
capture_log (GLogLevelFlags   log_level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (log_text, "%s\n", (const char *) fields[i].value);
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static CsStoredToken *
x_new (const char *account,
       const char *access_token,
       const char *refresh_token)
{
  return cs_stored_token_new_oauth2 ("twitter", "X", "api.x.com", CLIENT_ID, account,
                                     "tweet.read users.read offline.access", 1900000000,
                                     access_token, refresh_token);
}

/* How many items of our schema another client sees. */
static guint
item_count (void)
{
  g_autofree char *out = cs_test_secret_tool_search ("xdg:schema", SCHEMA_NAME);

  return cs_test_count (out, "label = ");
}

static void
test_save_list_lookup (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) old = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                      "consumer-key", "bob", "t1", "s1");
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  CsStoredToken *listed;

  cs_test_clear_keyring ();
  save_ok (store, old, NULL);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND); /* the keyring keeps seconds */
  save_ok (store, jane, NULL);

  /* Listed together, newest first, without secrets. */
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);
  listed = tokens->pdata[0];
  g_assert_cmpint (cs_stored_token_get_protocol (listed), ==, CS_STORED_OAUTH2);
  g_assert_cmpstr (cs_stored_token_get_id (listed), ==, cs_stored_token_get_id (jane));
  g_assert_cmpuint (strlen (cs_stored_token_get_id (listed)), ==, 8);
  g_assert_cmpstr (cs_stored_token_get_provider_id (listed), ==, "twitter");
  g_assert_cmpstr (cs_stored_token_get_provider_name (listed), ==, "X");
  g_assert_cmpstr (cs_stored_token_get_host (listed), ==, "api.x.com");
  g_assert_cmpstr (cs_stored_token_get_client_id (listed), ==, CLIENT_ID);
  g_assert_cmpstr (cs_stored_token_get_account (listed), ==, "jane");
  g_assert_cmpstr (cs_stored_token_get_scopes (listed), ==, "tweet.read users.read offline.access");
  g_assert_cmpint (cs_stored_token_get_expires_at (listed), ==, 1900000000);
  g_assert_null (cs_stored_token_get_access_token (listed));
  g_assert_null (cs_stored_token_get_refresh_token (listed));
  g_assert_false (cs_stored_token_get_has_client_secret (listed));
  g_assert_cmpint (cs_stored_token_get_protocol (tokens->pdata[1]), ==, CS_STORED_OAUTH1);
  g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[1]), ==, "bob");
  g_assert_cmpstr (cs_stored_token_get_scopes (tokens->pdata[1]), ==, "");

  found = lookup_ok (store, cs_stored_token_get_id (jane));
  g_assert_cmpint (cs_stored_token_get_protocol (found), ==, CS_STORED_OAUTH2);
  g_assert_cmpstr (cs_stored_token_get_access_token (found), ==, ACCESS_1);
  g_assert_cmpstr (cs_stored_token_get_token (found), ==, ACCESS_1);
  g_assert_cmpstr (cs_stored_token_get_refresh_token (found), ==, REFRESH_1);
  g_assert_null (cs_stored_token_get_client_secret (found));
  g_assert_cmpint (cs_stored_token_get_expires_at (found), ==, 1900000000);
}

/* Another Secret Service client (secret-tool, other tools) sees the documented layout: the
 * tokens only in the secret. */
static void
test_visible_to_secret_tool (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = x_new ("jane", ACCESS_1, "r&f=1%");
  g_autoptr(CsStoredToken) no_refresh = cs_stored_token_new_oauth2 ("demo", "Demo", "127.0.0.1",
                                                                    "demo-client", "bob", NULL,
                                                                    0, ACCESS_2, NULL);
  g_autoptr(CsStoredToken) found = NULL;
  g_autofree char *out = NULL;
  g_autofree char *bob = NULL;
  g_auto(GStrv) lines = NULL;

  cs_test_clear_keyring ();
  save_ok (store, jane, NULL);
  out = cs_test_secret_tool_search ("protocol", "oauth2");
  g_assert_cmpuint (cs_test_count (out, "label = "), ==, 1);
  g_assert_nonnull (strstr (out, "label = Countersign: @jane on X (OAuth 2.0)\n"));
  g_assert_nonnull (strstr (out, "attribute.protocol = oauth2\n"));
  g_assert_nonnull (strstr (out, "attribute.provider = twitter\n"));
  g_assert_nonnull (strstr (out, "attribute.host = api.x.com\n"));
  g_assert_nonnull (strstr (out, "attribute.client_id = " CLIENT_ID "\n"));
  g_assert_nonnull (strstr (out, "attribute.account = jane\n"));
  g_assert_nonnull (strstr (out, "attribute.scopes = tweet.read users.read offline.access\n"));
  g_assert_nonnull (strstr (out, "attribute.expires = 1900000000\n"));
  g_assert_nonnull (strstr (out, "attribute.kind = access\n"));
  g_assert_null (strstr (out, "attribute.consumer_key"));
  g_assert_nonnull (strstr (out, "secret = access_token=" ACCESS_1
                            "&refresh_token=r%26f%3D1%25\n"));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "secret = "))
      {
        g_assert_null (strstr (lines[i], ACCESS_1));
        g_assert_null (strstr (lines[i], "r&f"));
      }

  /* Without a refresh token, without scopes, expiry unknown. */
  save_ok (store, no_refresh, NULL);
  bob = cs_test_secret_tool_search ("client_id", "demo-client");
  g_assert_nonnull (strstr (bob, "secret = access_token=" ACCESS_2 "\n"));
  g_assert_nonnull (strstr (bob, "attribute.expires = 0\n"));
  g_assert_nonnull (strstr (bob, "attribute.scopes = \n"));
  found = lookup_ok (store, cs_stored_token_get_id (no_refresh));
  g_assert_cmpstr (cs_stored_token_get_access_token (found), ==, ACCESS_2);
  g_assert_null (cs_stored_token_get_refresh_token (found));
  g_assert_cmpint (cs_stored_token_get_expires_at (found), ==, 0);
}

/* The same provider, host, key and account in both protocols: two items, two ids. */
static void
test_ids_apart (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) one = cs_stored_token_new ("twitter", "X", "api.x.com", CLIENT_ID,
                                                      "jane", "oauth1-token", "oauth1-secret");
  g_autoptr(CsStoredToken) two = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) nameless_one = cs_stored_token_new ("twitter", "X", "api.x.com",
                                                               CLIENT_ID, NULL, "t", "s");
  g_autoptr(CsStoredToken) nameless_two = x_new (NULL, ACCESS_2, NULL);
  g_autoptr(CsStoredToken) found_one = NULL;
  g_autoptr(CsStoredToken) found_two = NULL;
  g_autoptr(GPtrArray) tokens = NULL;

  g_assert_cmpstr (cs_stored_token_get_id (one), !=, cs_stored_token_get_id (two));
  cs_test_clear_keyring ();
  save_ok (store, one, NULL);
  save_ok (store, two, NULL);
  save_ok (store, nameless_one, NULL);
  save_ok (store, nameless_two, NULL);
  g_assert_cmpstr (cs_stored_token_get_id (nameless_one), !=,
                   cs_stored_token_get_id (nameless_two));
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 4);

  found_one = lookup_ok (store, cs_stored_token_get_id (one));
  found_two = lookup_ok (store, cs_stored_token_get_id (two));
  g_assert_cmpint (cs_stored_token_get_protocol (found_one), ==, CS_STORED_OAUTH1);
  g_assert_cmpstr (cs_stored_token_get_token_secret (found_one), ==, "oauth1-secret");
  g_assert_cmpint (cs_stored_token_get_protocol (found_two), ==, CS_STORED_OAUTH2);
  g_assert_cmpstr (cs_stored_token_get_refresh_token (found_two), ==, REFRESH_1);
}

/* Authorizing the same account again (another expiry, other scopes) replaces its item. */
static void
test_save_again_replaces (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) first = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) second = cs_stored_token_new_oauth2 ("twitter", "X", "api.x.com",
                                                                CLIENT_ID, "jane", "tweet.read",
                                                                1900007200, ACCESS_2, REFRESH_2);
  g_autoptr(CsStoredToken) found = NULL;
  g_autofree char *out = NULL;

  cs_test_clear_keyring ();
  save_ok (store, first, NULL);
  save_ok (store, second, NULL);
  g_assert_cmpuint (item_count (), ==, 1);
  found = lookup_ok (store, cs_stored_token_get_id (first));
  g_assert_cmpstr (cs_stored_token_get_access_token (found), ==, ACCESS_2);
  g_assert_cmpstr (cs_stored_token_get_refresh_token (found), ==, REFRESH_2);
  g_assert_cmpstr (cs_stored_token_get_scopes (found), ==, "tweet.read");
  g_assert_cmpint (cs_stored_token_get_expires_at (found), ==, 1900007200);
  out = cs_test_secret_tool_search ("xdg:schema", SCHEMA_NAME);
  g_assert_null (strstr (out, REFRESH_1));
}

/* Rotation: one item before and after, the new pair in its secret, the old refresh token
 * nowhere; the id stays. */
static void
test_rotation (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(CsStoredToken) kept = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *id = cs_stored_token_get_id (jane);

  cs_test_clear_keyring ();
  save_ok (store, jane, CLIENT_SECRET);
  g_assert_cmpuint (item_count (), ==, 2); /* the access item and the client item */

  g_assert_true (cs_test_update_oauth2 (store, id, ACCESS_2, REFRESH_2,
                                        "tweet.read offline.access", 1900003600, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (), ==, 2);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_id (tokens->pdata[0]), ==, id);
  g_assert_cmpint (cs_stored_token_get_expires_at (tokens->pdata[0]), ==, 1900003600);

  found = lookup_ok (store, id);
  g_assert_cmpstr (cs_stored_token_get_access_token (found), ==, ACCESS_2);
  g_assert_cmpstr (cs_stored_token_get_refresh_token (found), ==, REFRESH_2);
  g_assert_cmpstr (cs_stored_token_get_scopes (found), ==, "tweet.read offline.access");
  g_assert_cmpstr (cs_stored_token_get_client_secret (found), ==, CLIENT_SECRET);
  out = cs_test_secret_tool_search ("protocol", "oauth2");
  g_assert_nonnull (strstr (out, "secret = access_token=" ACCESS_2 "&refresh_token=" REFRESH_2
                            "\n"));
  g_assert_nonnull (strstr (out, "label = Countersign: @jane on X (OAuth 2.0)\n"));
  g_assert_null (strstr (out, REFRESH_1));
  g_assert_null (strstr (out, ACCESS_1));

  /* A provider that sends no new refresh token: the stored one stays, and so do the scopes. */
  g_assert_true (cs_test_update_oauth2 (store, id, "access-token-three", NULL, NULL, 0,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (), ==, 2);
  kept = lookup_ok (store, id);
  g_assert_cmpstr (cs_stored_token_get_access_token (kept), ==, "access-token-three");
  g_assert_cmpstr (cs_stored_token_get_refresh_token (kept), ==, REFRESH_2);
  g_assert_cmpstr (cs_stored_token_get_scopes (kept), ==, "tweet.read offline.access");
  g_assert_cmpint (cs_stored_token_get_expires_at (kept), ==, 0);
}

static void
test_rotation_refused (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) old = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                      "consumer-key", "bob", "t1", "s1");
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GError) error = NULL;

  cs_test_clear_keyring ();
  save_ok (store, old, NULL);
  g_assert_false (cs_test_update_oauth2 (store, cs_stored_token_get_id (old), ACCESS_2,
                                         REFRESH_2, NULL, 0, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "OAuth 1.0a"));
  g_assert_null (strstr (error->message, ACCESS_2));
  g_assert_null (strstr (error->message, REFRESH_2));
  g_clear_error (&error);
  found = lookup_ok (store, cs_stored_token_get_id (old));
  g_assert_cmpstr (cs_stored_token_get_token (found), ==, "t1");

  g_assert_false (cs_test_update_oauth2 (store, "0000abcd", ACCESS_2, REFRESH_2, NULL, 0,
                                         &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_assert_null (strstr (error->message, REFRESH_2));
  g_assert_cmpuint (item_count (), ==, 1);
}

/* The client secret: one client item per client id, shared, deleted with the last token of
 * that client id; an OAuth 1.0a consumer item with the same key is another thing. */
static void
test_client_secret (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) joe = x_new ("joe", ACCESS_2, REFRESH_2);
  g_autoptr(CsStoredToken) one = cs_stored_token_new ("twitter", "X", "api.x.com", CLIENT_ID,
                                                      "jane", "t1", "s1");
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(CsStoredToken) found_one = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *after = NULL;

  cs_test_clear_keyring ();
  save_ok (store, jane, CLIENT_SECRET);
  save_ok (store, joe, NULL);
  save_ok (store, one, "consumer-secret");
  clients = cs_test_secret_tool_search ("kind", "client");
  g_assert_cmpuint (cs_test_count (clients, "label = "), ==, 1);
  g_assert_nonnull (strstr (clients, "secret = client_secret=x-client-s3cret%26%3D%25\n"));
  g_assert_nonnull (strstr (clients, "attribute.protocol = oauth2\n"));

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 3);
  for (guint i = 0; i < tokens->len; i++)
    g_assert_true (cs_stored_token_get_has_consumer_secret (tokens->pdata[i]));
  found = lookup_ok (store, cs_stored_token_get_id (joe));
  g_assert_cmpstr (cs_stored_token_get_client_secret (found), ==, CLIENT_SECRET);
  found_one = lookup_ok (store, cs_stored_token_get_id (one));
  g_assert_cmpstr (cs_stored_token_get_consumer_secret (found_one), ==, "consumer-secret");
  g_assert_null (cs_stored_token_get_client_secret (found_one));

  g_assert_true (cs_test_delete (store, cs_stored_token_get_id (jane), &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, cs_stored_token_unref);
  found = lookup_ok (store, cs_stored_token_get_id (joe));
  g_assert_cmpstr (cs_stored_token_get_client_secret (found), ==, CLIENT_SECRET);

  /* The last token of the client id: its client item goes; the OAuth 1.0a items stay. */
  g_assert_true (cs_test_delete (store, cs_stored_token_get_id (joe), &error));
  g_assert_no_error (error);
  after = cs_test_secret_tool_search ("xdg:schema", SCHEMA_NAME);
  g_assert_cmpuint (cs_test_count (after, "label = "), ==, 2);
  g_assert_null (strstr (after, "client_secret="));
  g_assert_nonnull (strstr (after, "oauth_consumer_secret=consumer-secret"));
  g_clear_pointer (&found_one, cs_stored_token_unref);
  found_one = lookup_ok (store, cs_stored_token_get_id (one));
  g_assert_cmpstr (cs_stored_token_get_token (found_one), ==, "t1");
}

/* The account learned later (Test Credentials): id, label and attributes follow; tokens,
 * scopes and expiry stay. */
static void
test_set_account (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) nameless = x_new (NULL, ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) jane = x_new ("jane", NULL, NULL);
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *out = NULL;

  cs_test_clear_keyring ();
  save_ok (store, nameless, CLIENT_SECRET);
  out = cs_test_secret_tool_search ("protocol", "oauth2");
  g_assert_nonnull (strstr (out, "label = Countersign: X (OAuth 2.0)\n"));
  g_clear_pointer (&out, g_free);

  cs_token_store_set_account_async (store, cs_stored_token_get_id (nameless), "jane", NULL,
                                    cs_test_on_result, &result);
  new_id = cs_token_store_set_account_finish (store, cs_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_id, ==, cs_stored_token_get_id (jane));

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_id (tokens->pdata[0]), ==, new_id);
  found = lookup_ok (store, new_id);
  g_assert_cmpint (cs_stored_token_get_protocol (found), ==, CS_STORED_OAUTH2);
  g_assert_cmpstr (cs_stored_token_get_account (found), ==, "jane");
  g_assert_cmpstr (cs_stored_token_get_access_token (found), ==, ACCESS_1);
  g_assert_cmpstr (cs_stored_token_get_refresh_token (found), ==, REFRESH_1);
  g_assert_cmpstr (cs_stored_token_get_scopes (found), ==, "tweet.read users.read offline.access");
  g_assert_cmpint (cs_stored_token_get_expires_at (found), ==, 1900000000);
  g_assert_cmpstr (cs_stored_token_get_client_secret (found), ==, CLIENT_SECRET);
  out = cs_test_secret_tool_search ("protocol", "oauth2");
  g_assert_nonnull (strstr (out, "label = Countersign: @jane on X (OAuth 2.0)\n"));
  g_assert_cmpuint (cs_test_count (out, "label = "), ==, 2); /* access and client item */
}

/* An OAuth 1.0a item as versions before OAuth 2.0 wrote it (no protocol attribute) keeps
 * working under its old id, listed with the OAuth 2.0 ones. */
static void
test_item_written_before_oauth2 (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CsStoredToken) two = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *legacy_id = NULL;

  /* The attributes and id of issue 5's layout, spelled out rather than taken from the code. */
  g_hash_table_insert (attributes, (gpointer) "provider", (gpointer) "twitter");
  g_hash_table_insert (attributes, (gpointer) "host", (gpointer) "api.twitter.com");
  g_hash_table_insert (attributes, (gpointer) "consumer_key", (gpointer) "legacy-key");
  g_hash_table_insert (attributes, (gpointer) "account", (gpointer) "bob");
  g_hash_table_insert (attributes, (gpointer) "kind", (gpointer) "access");
  legacy_id = cs_stored_token_compute_id ("twitter", "api.twitter.com", "legacy-key", "bob",
                                          NULL);

  cs_test_clear_keyring ();
  g_assert_true (secret_password_storev_sync (cs_token_store_get_schema (), attributes,
                                              SECRET_COLLECTION_DEFAULT,
                                              "Countersign: @bob on Twitter",
                                              "oauth_token=legacy-token&oauth_token_secret=ls",
                                              NULL, &error));
  g_assert_no_error (error);
  save_ok (store, two, NULL);

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);
  found = lookup_ok (store, legacy_id);
  g_assert_cmpint (cs_stored_token_get_protocol (found), ==, CS_STORED_OAUTH1);
  g_assert_cmpstr (cs_stored_token_get_provider_name (found), ==, "Twitter");
  g_assert_cmpstr (cs_stored_token_get_token (found), ==, "legacy-token");
  g_assert_cmpstr (cs_stored_token_get_token_secret (found), ==, "ls");
  g_assert_null (cs_stored_token_get_refresh_token (found));

  /* Deleting the OAuth 2.0 item leaves it. */
  g_assert_true (cs_test_delete (store, cs_stored_token_get_id (two), &error));
  g_assert_no_error (error);
  g_clear_pointer (&tokens, g_ptr_array_unref);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_id (tokens->pdata[0]), ==, legacy_id);
}

static void
test_refuses_bad_input (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) no_access = x_new ("jane", NULL, REFRESH_1);
  g_autoptr(CsStoredToken) bad_scopes = cs_stored_token_new_oauth2 ("twitter", "X", "api.x.com",
                                                                    CLIENT_ID, "jane",
                                                                    "tweet.read \xff", 0,
                                                                    ACCESS_1, NULL);
  g_autoptr(GError) error = NULL;

  cs_test_clear_keyring ();
  g_assert_false (cs_test_save (store, no_access, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED);
  g_assert_null (strstr (error->message, REFRESH_1));
  g_clear_error (&error);
  g_assert_false (cs_test_save (store, bad_scopes, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED);
  g_assert_null (strstr (error->message, ACCESS_1));
  g_assert_cmpuint (item_count (), ==, 0);
}

/* Cancelled before it starts: nothing changes. */
static void
test_rotation_cancelled (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GError) error = NULL;

  cs_test_clear_keyring ();
  save_ok (store, jane, NULL);
  g_cancellable_cancel (cancellable);
  cs_token_store_update_oauth2_async (store, cs_stored_token_get_id (jane), ACCESS_2, REFRESH_2,
                                      NULL, 0, cancellable, cs_test_on_result, &result);
  g_assert_false (cs_token_store_update_oauth2_finish (store, cs_test_await (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  found = lookup_ok (store, cs_stored_token_get_id (jane));
  g_assert_cmpstr (cs_stored_token_get_access_token (found), ==, ACCESS_1);
  g_assert_cmpstr (cs_stored_token_get_refresh_token (found), ==, REFRESH_1);
}

/* The last keyring test (the collection stays locked): a locked keyring is an error that
 * says so, for save, lookup and rotation alike, never a silent loss. */
static void
test_locked (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = x_new ("jane", ACCESS_1, REFRESH_1);
  g_autoptr(CsStoredToken) again = x_new ("jane", ACCESS_2, REFRESH_2);
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GError) error = NULL;

  cs_test_clear_keyring ();
  save_ok (store, jane, CLIENT_SECRET);
  cs_test_lock_keyring ();

  found = cs_test_lookup (store, cs_stored_token_get_id (jane), &error);
  g_assert_null (found);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (cs_test_save (store, again, CLIENT_SECRET, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED);
  g_assert_null (strstr (error->message, ACCESS_2));
  g_clear_error (&error);
  g_assert_false (cs_test_update_oauth2 (store, cs_stored_token_get_id (jane), ACCESS_2,
                                         REFRESH_2, NULL, 0, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED);
  g_assert_null (strstr (error->message, REFRESH_2));
}

/* Runs last: nothing the tests above stored reached a log line. */
static void
test_no_secret_logged (void)
{
  const char *secrets[] = { ACCESS_1, REFRESH_1, ACCESS_2, REFRESH_2, CLIENT_SECRET,
                            "access-token-three" };

  g_assert_cmpuint (log_text->len, >, 0); /* the debug lines were seen */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (log_text->str, secrets[i]));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();

  g_test_add_func ("/store/oauth2/save-list-lookup", test_save_list_lookup);
  g_test_add_func ("/store/oauth2/visible-to-secret-tool", test_visible_to_secret_tool);
  g_test_add_func ("/store/oauth2/ids-apart", test_ids_apart);
  g_test_add_func ("/store/oauth2/save-again-replaces", test_save_again_replaces);
  g_test_add_func ("/store/oauth2/rotation", test_rotation);
  g_test_add_func ("/store/oauth2/rotation-refused", test_rotation_refused);
  g_test_add_func ("/store/oauth2/client-secret", test_client_secret);
  g_test_add_func ("/store/oauth2/set-account", test_set_account);
  g_test_add_func ("/store/oauth2/item-written-before-oauth2", test_item_written_before_oauth2);
  g_test_add_func ("/store/oauth2/refuses-bad-input", test_refuses_bad_input);
  g_test_add_func ("/store/oauth2/rotation-cancelled", test_rotation_cancelled);
  g_test_add_func ("/store/oauth2/locked", test_locked);
  g_test_add_func ("/store/oauth2/no-secret-logged", test_no_secret_logged);
  return g_test_run ();
}
