/* test-providers.c — provider presets, keyfiles and user providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cs-oauth-error.h"
#include "cs-provider.h"

static void
test_presets (void)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  static const char *ids[] = { "demo", "twitter", "flickr", "tumblr", "trello", "discogs",
                               "smugmug", "evernote", "evernote-sandbox", "garmin" };
  CsProvider *demo;
  CsProvider *twitter;

  g_assert_cmpuint (presets->len, >=, G_N_ELEMENTS (ids));
  demo = g_ptr_array_index (presets, 0);
  g_assert_cmpstr (cs_provider_get_id (demo), ==, "demo");
  g_assert_cmpstr (cs_provider_get_name (demo), ==, "Demo (local, no account needed)");
  g_assert_true (cs_provider_get_is_demo (demo));
  g_assert_cmpstr (cs_provider_get_demo_consumer_key (demo), ==, "countersign-demo-consumer");
  g_assert_nonnull (cs_provider_get_demo_consumer_secret (demo));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      CsProvider *p = cs_provider_list_lookup (presets, ids[i]);

      g_assert_nonnull (p);
      g_assert_false (cs_provider_get_is_custom (p));
      g_assert_nonnull (cs_provider_get_name (p));
      g_assert_nonnull (cs_provider_get_authorize_url (p));
      if (i == 0)
        continue;
      /* Real providers: https endpoints and a developer page; no shipped credentials. */
      g_assert_true (g_str_has_prefix (cs_provider_get_request_token_url (p), "https://"));
      g_assert_true (g_str_has_prefix (cs_provider_get_authorize_url (p), "https://"));
      g_assert_true (g_str_has_prefix (cs_provider_get_access_token_url (p), "https://"));
      g_assert_true (g_str_has_prefix (cs_provider_get_developer_url (p), "https://"));
      g_assert_null (cs_provider_get_demo_consumer_key (p));
      g_assert_false (cs_provider_get_is_demo (p));
    }

  twitter = cs_provider_list_lookup (presets, "twitter");
  g_assert_cmpstr (cs_provider_get_request_token_url (twitter), ==,
                   "https://api.x.com/oauth/request_token");
  g_assert_cmpstr (cs_provider_get_authorize_url (twitter), ==,
                   "https://api.x.com/oauth/authorize");
  g_assert_cmpstr (cs_provider_get_authenticate_url (twitter), ==,
                   "https://api.x.com/oauth/authenticate");
  g_assert_cmpstr (cs_provider_get_access_token_url (twitter), ==,
                   "https://api.x.com/oauth/access_token");
  g_assert_cmpstr (cs_provider_get_verify_url (twitter), ==,
                   "https://api.x.com/2/users/me");
  g_assert_true (cs_provider_get_supports_access_type (twitter));
  g_assert_true (cs_provider_get_supports_force_login (twitter));
  g_assert_cmpint (cs_provider_get_signature_method (twitter), ==,
                   CS_SIGNATURE_METHOD_HMAC_SHA1);
  g_assert_cmpint (cs_provider_get_signature_method (cs_provider_list_lookup (presets, "discogs")),
                   ==, CS_SIGNATURE_METHOD_PLAINTEXT);
  g_assert_null (cs_provider_list_lookup (presets, "nope"));
}

static void
test_round_trip (void)
{
  g_autoptr(CsProvider) p = cs_provider_new ("acme", "ACME Photos");
  g_autoptr(CsProvider) q = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  cs_provider_set_request_token_url (p, "https://acme.example/oauth/request_token");
  cs_provider_set_authorize_url (p, "https://acme.example/oauth/authorize?lang=en");
  cs_provider_set_access_token_url (p, "https://acme.example/oauth/access_token");
  cs_provider_set_signature_method (p, CS_SIGNATURE_METHOD_HMAC_SHA256);
  cs_provider_set_supports_access_type (p, TRUE);
  data = cs_provider_to_data (p, &len);
  q = cs_provider_new_from_data (data, len, "acme.provider", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_provider_get_id (q), ==, "acme");
  g_assert_cmpstr (cs_provider_get_name (q), ==, "ACME Photos");
  g_assert_cmpstr (cs_provider_get_authorize_url (q), ==,
                   "https://acme.example/oauth/authorize?lang=en");
  g_assert_null (cs_provider_get_authenticate_url (q));
  g_assert_cmpint (cs_provider_get_signature_method (q), ==, CS_SIGNATURE_METHOD_HMAC_SHA256);
  g_assert_true (cs_provider_get_supports_access_type (q));
  g_assert_false (cs_provider_get_supports_force_login (q));
}

#define GOOD_HEAD "# a comment\n[Provider]\nId=acme\nName=ACME\n"
#define GOOD_URLS "RequestTokenURL=https://a.example/rt\nAuthorizeURL=https://a.example/az\n" \
                  "AccessTokenURL=https://a.example/at\n"

static void
test_broken (void)
{
  static const struct {
    const char *data;
    const char *expect;    /* the start of the message */
    const char *word;
  } cases[] = {
    { "", "x.provider: ", "[Provider]" },
    { "Id=acme\n", "x.provider:1: ", "before" },
    { GOOD_HEAD "this is not a key\n" GOOD_URLS, "x.provider:5: ", "Key=value" },
    { GOOD_HEAD "[Broken\n", "x.provider:5: ", "[Provider]" },
    { GOOD_HEAD "Bad=\xff\xfe\n" GOOD_URLS, "x.provider:5: ", "UTF-8" },
    { "[Provider]\nName=ACME\n" GOOD_URLS, "x.provider:1: ", "Id" },
    { "[Provider]\nId=../../etc\nName=x\n" GOOD_URLS, "x.provider:2: ", "Id" },
    { GOOD_HEAD "RequestTokenURL=ftp://a.example/rt\nAuthorizeURL=https://a.example/az\n"
      "AccessTokenURL=https://a.example/at\n", "x.provider:5: ", "RequestTokenURL" },
    { GOOD_HEAD "RequestTokenURL=https://a.example/rt\n\nAuthorizeURL=https://user@a.example/\n"
      "AccessTokenURL=https://a.example/at\n", "x.provider:7: ", "user name" },
    { GOOD_HEAD "RequestTokenURL=https://a.example/rt\nAuthorizeURL=https://a.example/az\n",
      "x.provider:2: ", "AccessTokenURL" },
    { GOOD_HEAD GOOD_URLS "SignatureMethod=MD5\n", "x.provider:8: ", "MD5" },
    { GOOD_HEAD GOOD_URLS "SupportsAccessType=perhaps\n", "x.provider:8: ", "true" },
    { GOOD_HEAD GOOD_URLS "VerifyCredentialsURL=https://a.example:99999/\n", "x.provider:8: ",
      "port" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsProvider) p = cs_provider_new_from_data (cases[i].data, strlen (cases[i].data),
                                                           "x.provider", &error);

      g_assert_null (p);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].expect));
      g_assert_nonnull (strstr (error->message, cases[i].word));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsProvider) p = cs_provider_new_from_data (GOOD_HEAD GOOD_URLS,
                                                         strlen (GOOD_HEAD GOOD_URLS),
                                                         "x.provider", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (cs_provider_get_id (p), ==, "acme");
  }
}

static void
write_file (const char *dir,
            const char *name,
            const char *data)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_user_providers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("countersign-providers-XXXXXX", &error);
  g_autofree char *sub = g_build_filename (dir, "new", "providers", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "b-broken.provider", NULL);
  g_autoptr(GPtrArray) providers = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsProvider) custom = NULL;
  g_auto(GStrv) warnings = NULL;
  CsProvider *acme;

  g_assert_no_error (error);
  write_file (dir, "a-acme.provider", GOOD_HEAD GOOD_URLS);
  write_file (dir, "b-broken.provider", GOOD_HEAD "RequestTokenURL=nonsense\n");
  write_file (dir, "c-same-id.provider", GOOD_HEAD GOOD_URLS);
  write_file (dir, "ignored.txt", "whatever");
  write_file (dir, "d-creds.provider", "[Provider]\nId=demo\nName=Fake demo\n" GOOD_URLS
              "ConsumerKey=k\nConsumerSecret=s\n");

  cs_provider_load_user_async (dir, NULL, result_cb, &result);
  providers = cs_provider_load_user_finish (wait_result (&result), &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (providers->len, ==, 2);
  acme = g_ptr_array_index (providers, 0);
  /* A user's "demo" is a custom provider, and consumer credentials in a file are ignored. */
  g_assert_cmpstr (cs_provider_get_id (g_ptr_array_index (providers, 1)), ==, "demo");
  g_assert_false (cs_provider_get_is_demo (g_ptr_array_index (providers, 1)));
  g_assert_null (cs_provider_get_demo_consumer_key (g_ptr_array_index (providers, 1)));
  g_assert_null (cs_provider_get_demo_consumer_secret (g_ptr_array_index (providers, 1)));
  g_assert_cmpstr (cs_provider_get_id (acme), ==, "acme");
  g_assert_true (cs_provider_get_is_custom (acme));
  g_assert_false (cs_provider_get_is_demo (acme));

  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  g_test_message ("%s\n%s", warnings[0], warnings[1]);
  g_assert_true (g_str_has_prefix (warnings[0], broken_path));
  g_assert_nonnull (strstr (warnings[0], ":5: RequestTokenURL"));
  g_assert_nonnull (strstr (warnings[1], "c-same-id.provider"));

  /* Save into a folder that does not exist yet, then load it back. */
  custom = cs_provider_new ("my-api", "My API");
  cs_provider_set_request_token_url (custom, "https://api.example/rt");
  cs_provider_set_authorize_url (custom, "https://api.example/az");
  cs_provider_set_access_token_url (custom, "http://127.0.0.1:8080/at");
  g_clear_object (&result);
  cs_provider_save_user_async (custom, sub, NULL, result_cb, &result);
  g_assert_true (cs_provider_save_user_finish (wait_result (&result), &error));
  g_assert_no_error (error);

  g_clear_object (&result);
  g_clear_pointer (&providers, g_ptr_array_unref);
  g_clear_pointer (&warnings, g_strfreev);
  cs_provider_load_user_async (sub, NULL, result_cb, &result);
  providers = cs_provider_load_user_finish (wait_result (&result), &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (providers->len, ==, 1);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  g_assert_cmpstr (cs_provider_get_access_token_url (g_ptr_array_index (providers, 0)), ==,
                   "http://127.0.0.1:8080/at");

  /* A provider that would not load back is not saved. */
  cs_provider_set_request_token_url (custom, "gopher://x");
  g_clear_object (&result);
  cs_provider_save_user_async (custom, sub, NULL, result_cb, &result);
  g_assert_false (cs_provider_save_user_finish (wait_result (&result), &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE);
  g_clear_error (&error);

  /* A folder that does not exist has no providers and no warnings. */
  g_clear_object (&result);
  g_clear_pointer (&providers, g_ptr_array_unref);
  g_clear_pointer (&warnings, g_strfreev);
  {
    g_autofree char *missing = g_build_filename (dir, "missing", NULL);

    cs_provider_load_user_async (missing, NULL, result_cb, &result);
    providers = cs_provider_load_user_finish (wait_result (&result), &warnings, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (providers->len, ==, 0);
    g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  }

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (cmd), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/providers/presets", test_presets);
  g_test_add_func ("/providers/round-trip", test_round_trip);
  g_test_add_func ("/providers/broken", test_broken);
  g_test_add_func ("/providers/user", test_user_providers);

  return g_test_run ();
}
