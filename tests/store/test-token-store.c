/* test-token-store.c — CsTokenStore against a real gnome-keyring-daemon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-test-keyring.h"
#include "cs-test-store-ok.h"
#include "cs-test-wait.h"
#include "cs-token-store.h"

#define SCHEMA_NAME "io.github.countersign.Countersign.Credentials"

static CsStoredToken *
jane_new (const char *token,
          const char *token_secret)
{
  return cs_stored_token_new ("twitter", "Twitter", "api.twitter.com", "xvz1evFS4wEEPTGEFPHBog",
                              "jane", token, token_secret);
}

static void
test_save_list_lookup (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = jane_new ("370773112-token", "jane-token-secret");
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(CsStoredToken) found = NULL;
  CsStoredToken *listed;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  cs_test_clear_keyring ();
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 0);
  g_clear_pointer (&tokens, g_ptr_array_unref);

  save_ok (store, jane, NULL);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  listed = tokens->pdata[0];
  g_assert_cmpstr (cs_stored_token_get_id (listed), ==, cs_stored_token_get_id (jane));
  g_assert_cmpuint (strlen (cs_stored_token_get_id (listed)), ==, 8);
  g_assert_cmpstr (cs_stored_token_get_provider_id (listed), ==, "twitter");
  g_assert_cmpstr (cs_stored_token_get_provider_name (listed), ==, "Twitter");
  g_assert_cmpstr (cs_stored_token_get_host (listed), ==, "api.twitter.com");
  g_assert_cmpstr (cs_stored_token_get_consumer_key (listed), ==, "xvz1evFS4wEEPTGEFPHBog");
  g_assert_cmpstr (cs_stored_token_get_account (listed), ==, "jane");
  g_assert_cmpint (ABS (cs_stored_token_get_modified (listed) - now), <=, 5);
  /* A list carries no secrets. */
  g_assert_null (cs_stored_token_get_token (listed));
  g_assert_null (cs_stored_token_get_token_secret (listed));
  g_assert_null (cs_stored_token_get_consumer_secret (listed));

  found = lookup_ok (store, cs_stored_token_get_id (listed));
  g_assert_cmpstr (cs_stored_token_get_token (found), ==, "370773112-token");
  g_assert_cmpstr (cs_stored_token_get_token_secret (found), ==, "jane-token-secret");
  g_assert_null (cs_stored_token_get_consumer_secret (found));
  g_assert_cmpstr (cs_stored_token_get_account (found), ==, "jane");
}

/* Another Secret Service client sees the item under our schema, with the documented
 * attributes, label and form-encoded secret. */
static void
test_visible_to_secret_tool (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = jane_new ("370773112-token", "s3cret&=");
  g_autofree char *out = NULL;

  cs_test_clear_keyring ();
  save_ok (store, jane, NULL);
  out = cs_test_secret_tool_search ("xdg:schema", SCHEMA_NAME);
  g_test_message ("secret-tool: %s", out);
  g_assert_cmpuint (cs_test_count (out, "label = "), ==, 1);
  g_assert_nonnull (strstr (out, "label = Countersign: @jane on Twitter\n"));
  g_assert_nonnull (strstr (out, "attribute.provider = twitter\n"));
  g_assert_nonnull (strstr (out, "attribute.host = api.twitter.com\n"));
  g_assert_nonnull (strstr (out, "attribute.consumer_key = xvz1evFS4wEEPTGEFPHBog\n"));
  g_assert_nonnull (strstr (out, "attribute.account = jane\n"));
  g_assert_nonnull (strstr (out, "attribute.kind = access\n"));
  g_assert_nonnull (strstr (out, "secret = oauth_token=370773112-token&oauth_token_secret=s3cret%26%3D\n"));
}

/* Authorizing the same provider, consumer key and account again replaces the item. */
static void
test_update_replaces (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) first = jane_new ("old-token", "old-secret");
  g_autoptr(CsStoredToken) second = jane_new ("new-token", "new-secret");
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(CsStoredToken) found = NULL;
  g_autofree char *out = NULL;

  cs_test_clear_keyring ();
  save_ok (store, first, NULL);
  save_ok (store, second, NULL);
  g_assert_cmpstr (cs_stored_token_get_id (first), ==, cs_stored_token_get_id (second));

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  found = lookup_ok (store, cs_stored_token_get_id (second));
  g_assert_cmpstr (cs_stored_token_get_token (found), ==, "new-token");
  g_assert_cmpstr (cs_stored_token_get_token_secret (found), ==, "new-secret");

  out = cs_test_secret_tool_search ("xdg:schema", SCHEMA_NAME);
  g_assert_cmpuint (cs_test_count (out, "label = "), ==, 1);
  g_assert_null (strstr (out, "old-secret"));
}

static void
test_newest_first (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = jane_new ("t1", "s1");
  g_autoptr(CsStoredToken) bob = cs_stored_token_new ("demo", "Demo Provider", "127.0.0.1",
                                                      "demo-key", "bob", "t2", "s2");
  g_autoptr(CsStoredToken) jane_again = jane_new ("t3", "s3");
  g_autoptr(GPtrArray) tokens = NULL;

  cs_test_clear_keyring ();
  save_ok (store, jane, NULL);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND); /* the keyring keeps seconds */
  save_ok (store, bob, NULL);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[0]), ==, "bob");
  g_assert_cmpstr (cs_stored_token_get_provider_name (tokens->pdata[0]), ==, "Demo Provider");
  g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[1]), ==, "jane");
  g_assert_cmpstr (cs_stored_token_get_id (tokens->pdata[0]), !=,
                   cs_stored_token_get_id (tokens->pdata[1]));
  g_clear_pointer (&tokens, g_ptr_array_unref);

  /* An update counts as new: a fresh authorization comes first. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  save_ok (store, jane_again, NULL);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[0]), ==, "jane");
}

static void
test_delete (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = jane_new ("t1", "s1");
  g_autoptr(CsStoredToken) other = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                        "xvz1evFS4wEEPTGEFPHBog", "joe", "t2",
                                                        "s2");
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  CsStoredToken *missing;

  cs_test_clear_keyring ();
  save_ok (store, jane, NULL);
  save_ok (store, other, NULL);
  g_assert_true (cs_test_delete (store, cs_stored_token_get_id (jane), &error));
  g_assert_no_error (error);

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[0]), ==, "joe");

  missing = cs_test_lookup (store, cs_stored_token_get_id (jane), &error);
  g_assert_null (missing);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, cs_stored_token_get_id (jane)));
  g_clear_error (&error);

  g_assert_false (cs_test_delete (store, cs_stored_token_get_id (jane), &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
}

/* The consumer secret is kept only on request, once per consumer key, and goes with the
 * last account that uses it. */
static void
test_consumer_secret (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) jane = jane_new ("t1", "s1");
  g_autoptr(CsStoredToken) joe = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                      "xvz1evFS4wEEPTGEFPHBog", "joe", "t2", "s2");
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(CsStoredToken) found_joe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *after = NULL;
  const char *consumer_secret = "c0nsumer \"secret\" & = % +";

  cs_test_clear_keyring ();
  save_ok (store, jane, consumer_secret);
  save_ok (store, joe, NULL);

  found = lookup_ok (store, cs_stored_token_get_id (jane));
  g_assert_cmpstr (cs_stored_token_get_consumer_secret (found), ==, consumer_secret);
  found_joe = lookup_ok (store, cs_stored_token_get_id (joe));
  g_assert_cmpstr (cs_stored_token_get_consumer_secret (found_joe), ==, consumer_secret);

  out = cs_test_secret_tool_search ("kind", "consumer");
  g_assert_cmpuint (cs_test_count (out, "label = "), ==, 1);
  g_assert_nonnull (strstr (out, "secret = oauth_consumer_secret="));

  g_assert_true (cs_test_delete (store, cs_stored_token_get_id (jane), &error));
  g_assert_no_error (error);
  g_clear_pointer (&found_joe, cs_stored_token_unref);
  found_joe = lookup_ok (store, cs_stored_token_get_id (joe));
  g_assert_cmpstr (cs_stored_token_get_consumer_secret (found_joe), ==, consumer_secret);

  g_assert_true (cs_test_delete (store, cs_stored_token_get_id (joe), &error));
  g_assert_no_error (error);
  after = cs_test_secret_tool_search ("xdg:schema", SCHEMA_NAME);
  g_assert_cmpuint (cs_test_count (after, "label = "), ==, 0);
}

static void
test_tricky_values (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  const char *token_secret = "a&b=c%d+e f\n'g\"h\\";
  g_autoptr(CsStoredToken) token = cs_stored_token_new ("custom", "My “API”", "api.example.org",
                                                        "key with space", "jäne døe",
                                                        "tok=en&1", token_secret);
  g_autoptr(CsStoredToken) nameless = cs_stored_token_new ("demo", "Demo", "127.0.0.1",
                                                           "demo-key", NULL, "t", "s");
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GPtrArray) tokens = NULL;

  cs_test_clear_keyring ();
  save_ok (store, token, NULL);
  save_ok (store, nameless, NULL);
  found = lookup_ok (store, cs_stored_token_get_id (token));
  g_assert_cmpstr (cs_stored_token_get_token (found), ==, "tok=en&1");
  g_assert_cmpstr (cs_stored_token_get_token_secret (found), ==, token_secret);
  g_assert_cmpstr (cs_stored_token_get_account (found), ==, "jäne døe");
  g_assert_cmpstr (cs_stored_token_get_provider_name (found), ==, "My “API”");

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);
  for (guint i = 0; i < tokens->len; i++)
    if (g_str_equal (cs_stored_token_get_provider_id (tokens->pdata[i]), "demo"))
      {
        g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[i]), ==, "");
        g_assert_cmpstr (cs_stored_token_get_provider_name (tokens->pdata[i]), ==, "Demo");
      }
}

static void
test_refuses_bad_input (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) no_secret = jane_new ("t", NULL);
  g_autoptr(CsStoredToken) bad_utf8 = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                           "key", "j\xff" "ane", "t", "s");
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;

  cs_test_clear_keyring ();
  g_assert_false (cs_test_save (store, no_secret, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (cs_test_save (store, bad_utf8, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  cs_token_store_list_async (store, cancellable, cs_test_on_result, &result);
  tokens = cs_token_store_list_finish (store, cs_test_await (&result), &error);
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The account learned after saving (Test Credentials): the same token, under the account,
 * with the id, label and consumer item following; the unknown-account item is gone. */
static void
test_set_account (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) unknown = cs_stored_token_new ("twitter", "Twitter",
                                                          "api.twitter.com",
                                                          "xvz1evFS4wEEPTGEFPHBog", "",
                                                          "370773112-token", "jane-secret");
  g_autoptr(CsStoredToken) found = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *labels = NULL;

  cs_test_clear_keyring ();
  save_ok (store, unknown, "consumer-secret");
  cs_token_store_set_account_async (store, cs_stored_token_get_id (unknown), "jane", NULL,
                                    cs_test_on_result, &result);
  new_id = cs_token_store_set_account_finish (store, cs_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (new_id);
  g_assert_cmpstr (new_id, !=, cs_stored_token_get_id (unknown));

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_id (tokens->pdata[0]), ==, new_id);
  g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[0]), ==, "jane");
  found = lookup_ok (store, new_id);
  g_assert_cmpstr (cs_stored_token_get_token (found), ==, "370773112-token");
  g_assert_cmpstr (cs_stored_token_get_token_secret (found), ==, "jane-secret");
  g_assert_cmpstr (cs_stored_token_get_consumer_secret (found), ==, "consumer-secret");
  labels = cs_test_secret_tool_search ("account", "jane");
  g_assert_nonnull (strstr (labels, "@jane on Twitter"));

  /* Already that account: nothing changes. */
  g_clear_pointer (&new_id, g_free);
  g_clear_object (&result);
  cs_token_store_set_account_async (store, cs_stored_token_get_id (found), "jane", NULL,
                                    cs_test_on_result, &result);
  new_id = cs_token_store_set_account_finish (store, cs_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_id, ==, cs_stored_token_get_id (found));
}

static CsStoredToken *
nobody_new (const char *token)
{
  return cs_stored_token_new ("twitter", "Twitter", "api.twitter.com", "xvz1evFS4wEEPTGEFPHBog",
                              NULL, token, "nobody-secret");
}

static char *
set_account_ok (CsTokenStore *store,
                const char   *id,
                const char   *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *new_id;

  cs_token_store_set_account_async (store, id, account, NULL, cs_test_on_result, &result);
  new_id = cs_token_store_set_account_finish (store, cs_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (new_id);
  return new_id;
}

static const char *
token_of (CsTokenStore *store,
          const char   *id)
{
  g_autoptr(CsStoredToken) found = lookup_ok (store, id);
  static char buffer[64];

  g_strlcpy (buffer, cs_stored_token_get_token (found), sizeof buffer);
  return buffer;
}

/* Two authorizations with the same consumer key whose accounts are not known: both are kept,
 * each with its own id; one account learned, then the same account saved again replaces. */
static void
test_unknown_accounts_kept (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) first = nobody_new ("first-token");
  g_autoptr(CsStoredToken) second = nobody_new ("second-token");
  g_autoptr(CsStoredToken) again = jane_new ("third-token", "jane-secret");
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) replaced = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jane_id = NULL;

  cs_test_clear_keyring ();
  save_ok (store, first, "consumer-secret");
  save_ok (store, second, NULL);
  g_assert_cmpstr (cs_stored_token_get_id (first), !=, cs_stored_token_get_id (second));
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (cs_stored_token_get_account (tokens->pdata[0]), ==, "");
  g_assert_cmpstr (token_of (store, cs_stored_token_get_id (first)), ==, "first-token");
  g_assert_cmpstr (token_of (store, cs_stored_token_get_id (second)), ==, "second-token");

  /* Saved again, the same token updates its own item. */
  save_ok (store, first, NULL);
  g_clear_pointer (&tokens, g_ptr_array_unref);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);

  /* The account of the first is learned: the second stays as it was. */
  jane_id = set_account_ok (store, cs_stored_token_get_id (first), "jane");
  g_assert_cmpstr (jane_id, ==, cs_stored_token_get_id (again));
  after = list_ok (store);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (token_of (store, jane_id), ==, "first-token");
  g_assert_cmpstr (token_of (store, cs_stored_token_get_id (second)), ==, "second-token");

  /* The same account authorized again is an update. */
  save_ok (store, again, NULL);
  replaced = list_ok (store);
  g_assert_cmpuint (replaced->len, ==, 2);
  g_assert_cmpstr (token_of (store, jane_id), ==, "third-token");

  /* Deleting one unknown account's token leaves the others. */
  g_assert_true (cs_test_delete (store, cs_stored_token_get_id (second), &error));
  g_assert_no_error (error);
  g_clear_pointer (&tokens, g_ptr_array_unref);
  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (cs_stored_token_get_id (tokens->pdata[0]), ==, jane_id);
}

/* An item of an unknown account as versions without item ids wrote it (account ""): still
 * listed and found under its old id, and neither it nor a new unknown item hides, replaces or
 * takes the other along when deleted or renamed. */
static void
test_unknown_account_before_item_ids (void)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();
  g_autoptr(CsStoredToken) legacy = cs_stored_token_new ("twitter", "Twitter", "api.twitter.com",
                                                         "xvz1evFS4wEEPTGEFPHBog", "", NULL,
                                                         NULL);
  g_autoptr(CsStoredToken) fresh = nobody_new ("fresh-token");
  g_autoptr(GHashTable) attributes = cs_oauth1_item_access_attributes (legacy);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *legacy_id = g_strdup (cs_stored_token_get_id (legacy));
  g_autofree char *renamed = NULL;

  cs_test_clear_keyring ();
  g_assert_cmpstr (g_hash_table_lookup (attributes, "account"), ==, "");
  g_assert_true (secret_password_storev_sync (cs_token_store_get_schema (), attributes,
                                              SECRET_COLLECTION_DEFAULT, "Countersign: Twitter",
                                              "oauth_token=legacy-token&oauth_token_secret=s",
                                              NULL, &error));
  g_assert_no_error (error);
  save_ok (store, fresh, NULL);

  tokens = list_ok (store);
  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (token_of (store, legacy_id), ==, "legacy-token");
  g_assert_cmpstr (token_of (store, cs_stored_token_get_id (fresh)), ==, "fresh-token");

  /* Named later, the old item goes and the new unknown one stays. */
  renamed = set_account_ok (store, legacy_id, "jane");
  after = list_ok (store);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (token_of (store, renamed), ==, "legacy-token");
  g_assert_cmpstr (token_of (store, cs_stored_token_get_id (fresh)), ==, "fresh-token");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cs_test_require_keyring ();

  g_test_add_func ("/store/save-list-lookup", test_save_list_lookup);
  g_test_add_func ("/store/visible-to-secret-tool", test_visible_to_secret_tool);
  g_test_add_func ("/store/update-replaces", test_update_replaces);
  g_test_add_func ("/store/newest-first", test_newest_first);
  g_test_add_func ("/store/delete", test_delete);
  g_test_add_func ("/store/consumer-secret", test_consumer_secret);
  g_test_add_func ("/store/tricky-values", test_tricky_values);
  g_test_add_func ("/store/refuses-bad-input", test_refuses_bad_input);
  g_test_add_func ("/store/cancelled", test_cancelled);
  g_test_add_func ("/store/set-account", test_set_account);
  g_test_add_func ("/store/unknown-accounts-kept", test_unknown_accounts_kept);
  g_test_add_func ("/store/unknown-account-before-item-ids",
                   test_unknown_account_before_item_ids);
  return g_test_run ();
}
