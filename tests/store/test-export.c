/* test-export.c — the exporters, read back by the tools that consume each format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "cs-export.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider.h"
#include "cs-signer.h"

/* Everything a shell, a .env reader or a YAML parser could trip over. */
#define TRICKY_SECRET "it's \"quoted\"\nnew line $HOME `id` \\ back # not: a comment"
#define TRICKY_TOKEN  "12345-ab'c\"d"

static CsProvider *
twitter_new (void)
{
  CsProvider *provider = cs_provider_new ("twitter", "Twitter");

  cs_provider_set_verify_url (provider,
                              "https://api.twitter.com/1.1/account/verify_credentials.json"
                              "?include_email=true");
  cs_provider_set_signature_method (provider, CS_SIGNATURE_METHOD_HMAC_SHA1);
  return provider;
}

static CsExportData
plain_data (CsProvider *provider)
{
  CsExportData data = {
    .provider = provider,
    .consumer_key = "xvz1evFS4wEEPTGEFPHBog",
    .consumer_secret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
    .token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
    .token_secret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
    .account = "jane",
    .user_id = "370773112",
  };

  return data;
}

static CsExportData
tricky_data (CsProvider *provider)
{
  CsExportData data = plain_data (provider);

  data.consumer_secret = TRICKY_SECRET;
  data.token = TRICKY_TOKEN;
  data.token_secret = "tab\there\r\nand 'single' and \"double\"";
  data.account = "jäne: true";
  return data;
}

static char *
export_ok (const CsExportData *data,
           CsExportFormat      format)
{
  g_autoptr(GError) error = NULL;
  char *text = cs_export (data, format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_suffix (text, "\n"));
  return text;
}

/* Runs /bin/sh with @script; returns its standard output. */
static char *
run_sh (const char *script)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/bin/sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static void
test_format_names (void)
{
  const char *names[] = { "env", "dotenv", "json", "curl", "twurlrc" };
  CsExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (cs_export_format_from_string (names[i], &format));
      g_assert_cmpstr (cs_export_format_to_string (format), ==, names[i]);
    }
  g_assert_true (cs_export_format_from_string ("JSON", &format));
  g_assert_cmpint (format, ==, CS_EXPORT_JSON);
  g_assert_false (cs_export_format_from_string ("yaml", &format));
  g_assert_false (cs_export_format_from_string ("", &format));
}

static void
test_env_plain (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  CsExportData data = plain_data (provider);
  g_autofree char *text = export_ok (&data, CS_EXPORT_ENV);

  g_assert_cmpstr (text, ==,
                   "export TWITTER_CONSUMER_KEY='xvz1evFS4wEEPTGEFPHBog'\n"
                   "export TWITTER_CONSUMER_SECRET='kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw'\n"
                   "export TWITTER_ACCESS_TOKEN='370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'\n"
                   "export TWITTER_ACCESS_TOKEN_SECRET='LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE'\n"
                   "export TWITTER_ACCOUNT='jane'\n"
                   "export TWITTER_USER_ID='370773112'\n");
}

static void
test_env_prefix_and_unknown_values (void)
{
  g_autoptr(CsProvider) custom = cs_provider_new ("my-api.v2", "My API");
  g_autoptr(CsProvider) digit = cs_provider_new ("500px", "500px");
  CsExportData data = plain_data (custom);
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  data.consumer_secret = NULL;
  data.account = NULL;
  data.user_id = "";
  text = export_ok (&data, CS_EXPORT_ENV);
  /* Unknown values are left out, not exported empty. */
  g_assert_cmpstr (text, ==,
                   "export MY_API_V2_CONSUMER_KEY='xvz1evFS4wEEPTGEFPHBog'\n"
                   "export MY_API_V2_ACCESS_TOKEN='370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'\n"
                   "export MY_API_V2_ACCESS_TOKEN_SECRET='LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE'\n");

  data.provider = digit;
  text2 = export_ok (&data, CS_EXPORT_ENV);
  g_assert_true (g_str_has_prefix (text2, "export OAUTH_500PX_CONSUMER_KEY="));
}

/* A user's provider is exported under the name the user gave it, never its host's id; a
 * preset keeps its id. */
static void
test_env_prefix_from_user_name (void)
{
  g_autoptr(CsProvider) named = cs_provider_new ("127.0.0.1", "My Test Server");
  g_autoptr(CsProvider) unnamed = cs_provider_new ("127.0.0.1-2", "127.0.0.1");
  g_autoptr(CsProvider) odd = cs_provider_new ("odd", "  Übung -- Test  ");
  g_autoptr(CsProvider) preset = cs_provider_new ("twitter", "X (Twitter)");
  CsExportData data = plain_data (named);
  g_autofree char *text = NULL;
  g_autofree char *dotenv = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *text3 = NULL;
  g_autofree char *text4 = NULL;

  cs_provider_set_is_custom (named, TRUE);
  cs_provider_set_is_custom (unnamed, TRUE);
  cs_provider_set_is_custom (odd, TRUE);
  text = export_ok (&data, CS_EXPORT_ENV);
  g_assert_true (g_str_has_prefix (text, "export MY_TEST_SERVER_CONSUMER_KEY='"));
  g_assert_nonnull (strstr (text, "\nexport MY_TEST_SERVER_ACCESS_TOKEN_SECRET='"));
  g_assert_null (strstr (text, "OAUTH_127"));
  dotenv = export_ok (&data, CS_EXPORT_DOTENV);
  g_assert_true (g_str_has_prefix (dotenv, "MY_TEST_SERVER_CONSUMER_KEY='"));

  data.provider = unnamed;
  text2 = export_ok (&data, CS_EXPORT_ENV);
  g_assert_true (g_str_has_prefix (text2, "export OAUTH_127_0_0_1_CONSUMER_KEY="));
  data.provider = odd;
  text3 = export_ok (&data, CS_EXPORT_ENV);
  g_assert_true (g_str_has_prefix (text3, "export UBUNG_TEST_CONSUMER_KEY="));
  data.provider = preset;
  text4 = export_ok (&data, CS_EXPORT_ENV);
  g_assert_true (g_str_has_prefix (text4, "export TWITTER_CONSUMER_KEY="));
}

/* The shell reads back exactly the bytes that went in. */
static void
test_env_tricky_values_survive_the_shell (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  CsExportData data = tricky_data (provider);
  g_autofree char *text = export_ok (&data, CS_EXPORT_ENV);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  script = g_strconcat (text,
                        "printf '%s|' \"$TWITTER_CONSUMER_SECRET\" \"$TWITTER_ACCESS_TOKEN\" "
                        "\"$TWITTER_ACCESS_TOKEN_SECRET\" \"$TWITTER_ACCOUNT\"\n",
                        NULL);
  out = run_sh (script);
  expected = g_strdup_printf ("%s|%s|%s|%s|", data.consumer_secret, data.token,
                              data.token_secret, data.account);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_dotenv (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  CsExportData data = plain_data (provider);
  CsExportData tricky = tricky_data (provider);
  g_autofree char *text = export_ok (&data, CS_EXPORT_DOTENV);
  g_autofree char *tricky_text = export_ok (&tricky, CS_EXPORT_DOTENV);

  /* Literal single quotes whenever the value allows (no interpolation of $ in them). */
  g_assert_true (g_str_has_prefix (text,
                                   "TWITTER_CONSUMER_KEY='xvz1evFS4wEEPTGEFPHBog'\n"
                                   "TWITTER_CONSUMER_SECRET='kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw'\n"));
  g_assert_null (strstr (text, "export"));
  /* Otherwise double quotes with backslash escapes, one line per variable. */
  g_assert_cmpstr (tricky_text, ==,
                   "TWITTER_CONSUMER_KEY='xvz1evFS4wEEPTGEFPHBog'\n"
                   "TWITTER_CONSUMER_SECRET=\"it's \\\"quoted\\\"\\nnew line $HOME `id` \\\\ back "
                   "# not: a comment\"\n"
                   "TWITTER_ACCESS_TOKEN=\"12345-ab'c\\\"d\"\n"
                   "TWITTER_ACCESS_TOKEN_SECRET=\"tab\there\\r\\nand 'single' and \\\"double\\\"\"\n"
                   "TWITTER_ACCOUNT='jäne: true'\n"
                   "TWITTER_USER_ID='370773112'\n");
}

static void
test_json (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  CsExportData data = tricky_data (provider);
  g_autofree char *text = export_ok (&data, CS_EXPORT_JSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "twitter");
  g_assert_cmpstr (json_object_get_string_member (object, "provider_name"), ==, "Twitter");
  g_assert_cmpstr (json_object_get_string_member (object, "consumer_key"), ==, data.consumer_key);
  g_assert_cmpstr (json_object_get_string_member (object, "consumer_secret"), ==, TRICKY_SECRET);
  g_assert_cmpstr (json_object_get_string_member (object, "access_token"), ==, TRICKY_TOKEN);
  g_assert_cmpstr (json_object_get_string_member (object, "access_token_secret"), ==,
                   data.token_secret);
  g_assert_cmpstr (json_object_get_string_member (object, "account"), ==, "jäne: true");
  g_assert_cmpstr (json_object_get_string_member (object, "user_id"), ==, "370773112");
  g_assert_cmpuint (json_object_get_size (object), ==, 8);
}

static void
test_json_without_consumer_secret (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  CsExportData data = plain_data (provider);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  data.consumer_secret = NULL;
  data.user_id = NULL;
  text = export_ok (&data, CS_EXPORT_JSON);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_has_member (object, "consumer_secret"));
  g_assert_false (json_object_has_member (object, "user_id"));
  g_assert_true (json_object_has_member (object, "access_token_secret"));
}

/* The command, split by the shell, is curl plus a header that verifies as an RFC 5849
 * signature of GET on the verify URL with these credentials. */
static void
test_curl (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  CsExportData data = tricky_data (provider);
  g_autofree char *text = export_ok (&data, CS_EXPORT_CURL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = NULL;
  g_autofree char *base_string = NULL;
  const char *url = cs_provider_get_verify_url (provider);
  const char *signature = NULL;
  g_autofree char *signature_copy = NULL;

  g_assert_true (g_str_has_prefix (text, "curl "));
  script = g_strconcat ("set -- ", text + strlen ("curl "), "printf '%s\\n' \"$@\"\n", NULL);
  out = run_sh (script);
  argv = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (argv), ==, 4);
  g_assert_cmpstr (argv[0], ==, "--header");
  g_assert_true (g_str_has_prefix (argv[1], "Authorization: OAuth "));
  g_assert_cmpstr (argv[2], ==, url);

  params = cs_authorization_header_parse (argv[1] + strlen ("Authorization: "), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_param_list_get (params, "oauth_token"), ==, TRICKY_TOKEN);
  g_assert_cmpstr (cs_param_list_get (params, "oauth_consumer_key"), ==, data.consumer_key);
  for (guint i = 0; i < params->len; i++)
    {
      CsParam *param = params->pdata[i];

      if (g_str_equal (param->name, "oauth_signature"))
        {
          signature_copy = g_strdup (param->value);
          g_ptr_array_remove_index (params, i);
          break;
        }
    }
  signature = signature_copy;
  g_assert_nonnull (signature);
  g_assert_true (cs_url_collect_params (url, params, &error));
  g_assert_no_error (error);
  base_uri = cs_base_string_uri (url, &error);
  g_assert_no_error (error);
  base_string = cs_signature_base_string ("GET", base_uri, params);
  g_assert_true (cs_signature_verify (CS_SIGNATURE_METHOD_HMAC_SHA1, base_string, signature,
                                      data.consumer_secret, data.token_secret));
  g_assert_false (cs_signature_verify (CS_SIGNATURE_METHOD_HMAC_SHA1, base_string, signature,
                                       "wrong", data.token_secret));
}

static void
test_curl_errors (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  g_autoptr(CsProvider) bare = cs_provider_new ("custom", "Custom API");
  CsExportData data = plain_data (bare);
  g_autoptr(GError) error = NULL;
  char *text;

  text = cs_export (&data, CS_EXPORT_CURL, &error);
  g_assert_null (text);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "Custom API"));
  g_clear_error (&error);

  data = plain_data (provider);
  data.consumer_secret = NULL;
  text = cs_export (&data, CS_EXPORT_CURL, &error);
  g_assert_null (text);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "consumer secret"));
  /* The message never carries a secret. */
  g_assert_null (strstr (error->message, data.token_secret));
}

/* python3-yaml reads the profile back into twurl's structure, values unchanged. */
static void
check_twurlrc (const CsExportData *data,
               const char         *username,
               const char         *consumer_secret)
{
  g_autofree char *text = export_ok (data, CS_EXPORT_TWURLRC);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *profile, *config;
  JsonArray *default_profile;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                           &error, "/usr/bin/python3", "-c",
                           "import sys, json, yaml\n"
                           "print(json.dumps(yaml.safe_load(sys.stdin.read())))\n",
                           NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, text, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  profile = json_object_get_object_member (json_object_get_object_member (
    json_object_get_object_member (root, "profiles"), username), data->consumer_key);
  g_assert_nonnull (profile);
  g_assert_cmpuint (json_object_get_size (profile), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (profile, "username"), ==, username);
  g_assert_cmpstr (json_object_get_string_member (profile, "consumer_key"), ==,
                   data->consumer_key);
  g_assert_cmpstr (json_object_get_string_member (profile, "consumer_secret"), ==,
                   consumer_secret);
  g_assert_cmpstr (json_object_get_string_member (profile, "token"), ==, data->token);
  g_assert_cmpstr (json_object_get_string_member (profile, "secret"), ==, data->token_secret);

  config = json_object_get_object_member (root, "configuration");
  default_profile = json_object_get_array_member (config, "default_profile");
  g_assert_cmpuint (json_array_get_length (default_profile), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (default_profile, 0), ==, username);
  g_assert_cmpstr (json_array_get_string_element (default_profile, 1), ==, data->consumer_key);
}

static void
test_twurlrc (void)
{
  g_autoptr(CsProvider) provider = twitter_new ();
  CsExportData plain = plain_data (provider);
  CsExportData tricky = tricky_data (provider);
  CsExportData anonymous = plain_data (provider);
  g_autofree char *text = export_ok (&plain, CS_EXPORT_TWURLRC);

  /* twurl's own layout, line for line. */
  g_assert_cmpstr (text, ==,
                   "---\n"
                   "profiles:\n"
                   "  \"jane\":\n"
                   "    \"xvz1evFS4wEEPTGEFPHBog\":\n"
                   "      username: \"jane\"\n"
                   "      consumer_key: \"xvz1evFS4wEEPTGEFPHBog\"\n"
                   "      consumer_secret: \"kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw\"\n"
                   "      token: \"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\"\n"
                   "      secret: \"LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE\"\n"
                   "configuration:\n"
                   "  default_profile:\n"
                   "  - \"jane\"\n"
                   "  - \"xvz1evFS4wEEPTGEFPHBog\"\n");

  check_twurlrc (&plain, "jane", plain.consumer_secret);
  check_twurlrc (&tricky, "jäne: true", TRICKY_SECRET);
  /* No account: the user id names the profile; no consumer secret: empty, to fill in. */
  anonymous.account = NULL;
  anonymous.consumer_secret = NULL;
  check_twurlrc (&anonymous, "370773112", "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/env/plain", test_env_plain);
  g_test_add_func ("/export/env/prefix-and-unknown-values", test_env_prefix_and_unknown_values);
  g_test_add_func ("/export/env/prefix-from-user-name", test_env_prefix_from_user_name);
  g_test_add_func ("/export/env/tricky-values-survive-the-shell",
                   test_env_tricky_values_survive_the_shell);
  g_test_add_func ("/export/dotenv", test_dotenv);
  g_test_add_func ("/export/json", test_json);
  g_test_add_func ("/export/json/without-consumer-secret", test_json_without_consumer_secret);
  g_test_add_func ("/export/curl", test_curl);
  g_test_add_func ("/export/curl/errors", test_curl_errors);
  g_test_add_func ("/export/twurlrc", test_twurlrc);
  return g_test_run ();
}
