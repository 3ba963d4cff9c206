/* test-provider-templates.c — presets on the user's server ({base}) and announced ends of
 * OAuth 1.0a (issue 14 point 4), in the library and in countersign-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-oauth-error.h"
#include "cs-provider.h"
#include "cs-test-cli.h"

static void
test_template_presets (void)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  static const char *templated[] = { "jira", "confluence", "bitbucket", "magento" };

  for (guint i = 0; i < G_N_ELEMENTS (templated); i++)
    {
      CsProvider *p = cs_provider_list_lookup (presets, templated[i]);

      g_assert_nonnull (p);
      g_assert_true (cs_provider_is_template (p));
      g_assert_true (g_str_has_prefix (cs_provider_get_request_token_url (p), "{base}/"));
      g_assert_true (g_str_has_prefix (cs_provider_get_base_url_example (p), "https://"));
    }
  g_assert_false (cs_provider_is_template (cs_provider_list_lookup (presets, "twitter")));
  g_assert_cmpint (cs_provider_get_signature_method (cs_provider_list_lookup (presets, "jira")),
                   ==, CS_SIGNATURE_METHOD_RSA_SHA1);
  g_assert_cmpstr (cs_provider_get_access_token_url (cs_provider_list_lookup (presets,
                                                                              "magento")),
                   ==, "{base}/oauth/token/access");
  g_assert_cmpstr (cs_provider_get_request_token_url (
                     cs_provider_list_lookup (presets, "evernote-sandbox")),
                   ==, "https://sandbox.evernote.com/oauth");
}

static void
test_expand (void)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  CsProvider *jira = cs_provider_list_lookup (presets, "jira");
  g_autoptr(CsProvider) mine = NULL;
  g_autoptr(CsProvider) local = NULL;
  g_autoptr(GError) error = NULL;

  mine = cs_provider_expand_template (jira, " https://jira.example.com/jira/ ", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_provider_get_id (mine), ==, "jira");
  g_assert_cmpstr (cs_provider_get_request_token_url (mine), ==,
                   "https://jira.example.com/jira/plugins/servlet/oauth/request-token");
  g_assert_cmpstr (cs_provider_get_authorize_url (mine), ==,
                   "https://jira.example.com/jira/plugins/servlet/oauth/authorize");
  g_assert_cmpstr (cs_provider_get_access_token_url (mine), ==,
                   "https://jira.example.com/jira/plugins/servlet/oauth/access-token");
  g_assert_cmpstr (cs_provider_get_verify_url (mine), ==,
                   "https://jira.example.com/jira/rest/api/2/myself");
  g_assert_false (cs_provider_is_template (mine));
  g_assert_cmpint (cs_provider_get_signature_method (mine), ==, CS_SIGNATURE_METHOD_RSA_SHA1);

  /* The base URL obeys the endpoint rules: https unless loopback. */
  g_assert_null (cs_provider_expand_template (jira, "http://jira.example.com", FALSE, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INSECURE);
  g_clear_error (&error);
  local = cs_provider_expand_template (jira, "http://127.0.0.1:8080", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_provider_get_authorize_url (local), ==,
                   "http://127.0.0.1:8080/plugins/servlet/oauth/authorize");
  g_assert_null (cs_provider_expand_template (jira, "https://jira.example.com/?a=b", FALSE,
                                              &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "query"));
  g_clear_error (&error);
  g_assert_null (cs_provider_expand_template (jira, "  ", FALSE, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_null (cs_provider_expand_template (jira, "jira.example.com", FALSE, &error));
  g_assert_nonnull (error);
}

static void
test_end_of_life (void)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  CsProvider *garmin = cs_provider_list_lookup (presets, "garmin");
  g_autofree char *text = cs_provider_describe_end_of_life (garmin);
  g_autofree char *data = NULL;
  g_autoptr(CsProvider) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (cs_provider_get_end_of_life (garmin), ==, "2026-12-31");
  g_assert_true (g_str_has_prefix (cs_provider_get_end_of_life_url (garmin), "https://"));
  g_assert_nonnull (strstr (text, "2026-12-31"));
  g_assert_nonnull (strstr (text, cs_provider_get_end_of_life_url (garmin)));
  g_assert_null (cs_provider_describe_end_of_life (cs_provider_list_lookup (presets,
                                                                            "trello")));

  /* A user's provider file keeps it. */
  data = cs_provider_to_data (garmin, NULL);
  again = cs_provider_new_from_data (data, strlen (data), "garmin.provider", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_provider_get_end_of_life (again), ==, "2026-12-31");
}

static void
test_bad_keys (void)
{
  static const struct
  {
    const char *extra;
    const char *words;
  } cases[] = {
    { "EndOfLife=31.12.2026\n", "t.provider:7: EndOfLife must be a date" },
    { "EndOfLife=2026-02-30\n", "t.provider:7: EndOfLife must be a date" },
    { "EndOfLifeURL=http://example.com/\n", "t.provider:7: EndOfLifeURL must be an https" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strconcat ("[Provider]\nId=t\nName=T\n"
                                           "RequestTokenURL={base}/r\nAuthorizeURL={base}/a\n"
                                           "AccessTokenURL={base}/t\n", cases[i].extra, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsProvider) p = cs_provider_new_from_data (data, strlen (data), "t.provider",
                                                           &error);

      g_assert_null (p);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_cli (void)
{
  g_auto(CsCliRun) list = { 0 };
  g_auto(CsCliRun) missing = { 0 };
  g_auto(CsCliRun) insecure = { 0 };
  g_auto(CsCliRun) stray = { 0 };

  cs_cli_run (&list, "providers");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "jira         Jira Data Center / Server\n"
                                      "             (needs --base-url"));
  g_assert_nonnull (strstr (list.out, "garmin       Garmin Connect\n"
                                      "             The provider ends OAuth 1.0a on 2026-12-31"));

  cs_cli_run (&missing, "request-token", "--provider", "jira", "--consumer-key", "k");
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--base-url: is required with --provider jira"));

  cs_cli_run (&insecure, "request-token", "--provider", "confluence", "--base-url",
              "http://wiki.example.com", "--consumer-key", "k");
  g_assert_cmpint (insecure.status, ==, 2);
  g_assert_nonnull (strstr (insecure.err, "--base-url: "));
  g_assert_nonnull (strstr (insecure.err, "wiki.example.com"));

  cs_cli_run (&stray, "request-token", "--provider", "trello", "--base-url",
              "https://trello.example.com", "--consumer-key", "k");
  g_assert_cmpint (stray.status, ==, 2);
  g_assert_nonnull (strstr (stray.err, "“trello” does not take one"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/provider-templates/presets", test_template_presets);
  g_test_add_func ("/provider-templates/expand", test_expand);
  g_test_add_func ("/provider-templates/end-of-life", test_end_of_life);
  g_test_add_func ("/provider-templates/bad-keys", test_bad_keys);
  g_test_add_func ("/provider-templates/cli", test_cli);
  return g_test_run ();
}
