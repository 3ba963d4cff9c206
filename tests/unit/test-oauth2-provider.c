/* test-oauth2-provider.c — the OAuth 2.0 fields of providers: keyfile keys, presets, scopes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-scopes.h"
#include "cs-provider.h"

static CsProvider *
load (const char *text,
      GError    **error)
{
  return cs_provider_new_from_data (text, strlen (text), "test.provider", error);
}

static void
test_x_preset (void)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  CsProvider *x = cs_provider_list_lookup (presets, "twitter");
  CsProvider *tumblr = cs_provider_list_lookup (presets, "tumblr");
  CsProvider *garmin = cs_provider_list_lookup (presets, "garmin");
  const char * const *scopes;

  g_assert_nonnull (x);
  g_assert_cmpint (cs_provider_get_protocols (x), ==, CS_PROTOCOL_OAUTH1 | CS_PROTOCOL_OAUTH2);
  g_assert_cmpstr (cs_provider_get_oauth2_authorize_url (x), ==, "https://x.com/i/oauth2/authorize");
  g_assert_cmpstr (cs_provider_get_oauth2_token_url (x), ==, "https://api.x.com/2/oauth2/token");
  g_assert_cmpstr (cs_provider_get_oauth2_revoke_url (x), ==, "https://api.x.com/2/oauth2/revoke");
  g_assert_cmpstr (cs_provider_get_oauth2_client_credentials_url (x), ==,
                   "https://api.x.com/oauth2/token");
  g_assert_cmpstr (cs_provider_get_oauth2_invalidate_url (x), ==,
                   "https://api.x.com/oauth2/invalidate_token");
  g_assert_cmpstr (cs_provider_get_oauth2_exchange_url (x), ==, "https://api.x.com/2/oauth2/token");
  scopes = cs_provider_get_oauth2_scopes (x);
  g_assert_cmpuint (g_strv_length ((char **) scopes), ==, 22);
  g_assert_true (g_strv_contains (scopes, "offline.access"));
  g_assert_true (g_strv_contains (scopes, "media.write"));
  /* The wizard describes every scope X lists. */
  for (guint i = 0; scopes[i] != NULL; i++)
    g_assert_nonnull (cs_oauth2_scope_describe ("twitter", scopes[i]));
  g_assert_true (g_strv_contains (cs_provider_get_oauth2_default_scopes (x), "offline.access"));
  g_assert_true (g_strv_contains (cs_provider_get_oauth2_default_scopes (x), "users.read"));
  g_assert_null (cs_provider_get_demo_client_id (x));

  g_assert_cmpint (cs_provider_get_protocols (tumblr), ==, CS_PROTOCOL_OAUTH1 | CS_PROTOCOL_OAUTH2);
  g_assert_null (cs_provider_get_oauth2_exchange_url (tumblr));
  /* No app-only endpoint of its own: the token URL. */
  g_assert_cmpstr (cs_provider_get_oauth2_client_credentials_url (tumblr), ==,
                   cs_provider_get_oauth2_token_url (tumblr));
  g_assert_cmpint (cs_provider_get_protocols (garmin), ==, CS_PROTOCOL_OAUTH1 | CS_PROTOCOL_OAUTH2);
  /* An OAuth 1.0a-only preset stays that. */
  g_assert_cmpint (cs_provider_get_protocols (cs_provider_list_lookup (presets, "flickr")), ==,
                   CS_PROTOCOL_OAUTH1);
}

static void
test_oauth2_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsProvider) provider =
    load ("[Provider]\nId=o2\nName=Only OAuth 2.0\n"
          "OAuth2AuthorizeURL=https://example.com/authorize\n"
          "OAuth2TokenURL=https://example.com/token\n"
          "OAuth2Scopes=read;write;offline_access;\nOAuth2DefaultScopes=read\n"
          "OAuth2ClientID=demo-client\nOAuth2ClientSecret=demo-secret\n"
          "CallbackPort=8080\nOAuth2CallbackPort=8766\n", &error);
  g_autoptr(CsProvider) copy = NULL;
  g_autofree char *data = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_cmpint (cs_provider_get_protocols (provider), ==, CS_PROTOCOL_OAUTH2);
  g_assert_null (cs_provider_get_request_token_url (provider));
  g_assert_cmpuint (g_strv_length ((char **) cs_provider_get_oauth2_scopes (provider)), ==, 3);
  g_assert_cmpstr (cs_provider_get_oauth2_default_scopes (provider)[0], ==, "read");
  g_assert_cmpstr (cs_provider_get_demo_client_id (provider), ==, "demo-client");
  g_assert_cmpstr (cs_provider_get_demo_client_secret (provider), ==, "demo-secret");
  g_assert_cmpuint (cs_provider_get_oauth2_callback_port (provider), ==, 8766);
  g_assert_cmpuint (cs_provider_get_callback_port (provider), ==, 8080);

  /* What a user provider is saved as reads back the same. */
  data = cs_provider_to_data (provider, &len);
  copy = cs_provider_new_from_data (data, len, "copy", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_provider_get_protocols (copy), ==, CS_PROTOCOL_OAUTH2);
  g_assert_cmpstr (cs_provider_get_oauth2_token_url (copy), ==, "https://example.com/token");
  g_assert_cmpuint (g_strv_length ((char **) cs_provider_get_oauth2_scopes (copy)), ==, 3);
  g_assert_cmpuint (cs_provider_get_oauth2_callback_port (copy), ==, 8766);
}

typedef struct
{
  const char *name;
  const char *keys;
  const char *says;
} BadKeys;

static const BadKeys bad_keys[] = {
  { "no-endpoints", "", "RequestTokenURL" },
  { "token-without-authorize", "OAuth2TokenURL=https://example.com/token\n", "OAuth2AuthorizeURL" },
  { "bad-url", "OAuth2AuthorizeURL=https://example.com/a\nOAuth2TokenURL=not a url\n",
    "OAuth2TokenURL" },
  { "bad-scope", "OAuth2AuthorizeURL=https://example.com/a\nOAuth2TokenURL=https://example.com/t\n"
    "OAuth2Scopes=read;has space\n", "OAuth2Scopes" },
  { "bad-port", "OAuth2AuthorizeURL=https://example.com/a\nOAuth2TokenURL=https://example.com/t\n"
    "OAuth2CallbackPort=99999\n", "OAuth2CallbackPort" },
  /* Both protocols: the OAuth 1.0a endpoints are all needed once one is named. */
  { "half-oauth1", "RequestTokenURL=https://example.com/rt\n"
    "OAuth2AuthorizeURL=https://example.com/a\nOAuth2TokenURL=https://example.com/t\n",
    "AuthorizeURL" },
};

static void
test_bad (gconstpointer data)
{
  const BadKeys *bad = data;
  g_autofree char *text = g_strconcat ("[Provider]\nId=bad\nName=Bad\n", bad->keys, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsProvider) provider = load (text, &error);

  g_assert_null (provider);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE);
  g_assert_nonnull (strstr (error->message, bad->says));
}

static void
test_scope_descriptions (void)
{
  g_assert_nonnull (strstr (cs_oauth2_scope_describe ("twitter", "offline.access"), "refresh"));
  g_assert_nonnull (cs_oauth2_scope_describe ("demo", "tweet.read"));
  g_assert_nonnull (cs_oauth2_scope_describe ("oauthlib", "offline_access"));
  g_assert_null (cs_oauth2_scope_describe ("twitter", "no.such.scope"));
  g_assert_null (cs_oauth2_scope_describe ("twitter", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth2/provider/x-preset", test_x_preset);
  g_test_add_func ("/oauth2/provider/oauth2-only", test_oauth2_only);
  for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oauth2/provider/bad/%s", bad_keys[i].name);

      g_test_add_data_func (path, &bad_keys[i], test_bad);
    }
  g_test_add_func ("/oauth2/provider/scope-descriptions", test_scope_descriptions);
  return g_test_run ();
}
