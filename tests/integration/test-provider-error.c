/* test-provider-error.c — parsing what providers say when they refuse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-provider-error.h"

static void
test_parse (void)
{
  static const struct {
    const char *body;
    const char *content_type;
    int         code;
    const char *message;
  } cases[] = {
    { "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}",
      "application/json", 32, "Could not authenticate you." },
    { "  {\"errors\":[{\"message\":\"Rate limit exceeded\",\"code\":88}]}", NULL, 88,
      "Rate limit exceeded" },
    { "{\"error\":\"Invalid / expired Token\",\"request\":\"/1/x.json\"}", NULL, -1,
      "Invalid / expired Token" },
    { "{\"title\":\"Unauthorized\",\"detail\":\"Unauthorized\",\"status\":401}", NULL, -1,
      "Unauthorized" },
    { "<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error code=\"215\">Bad Authentication "
      "data</error></errors>", "application/xml", 215, "Bad Authentication data" },
    { "<?xml version=\"1.0\"?>\n<hash>\n<request>/oauth/access_token</request>\n<error>Invalid "
      "oauth_verifier parameter</error>\n</hash>", "text/xml", -1,
      "Invalid oauth_verifier parameter" },
    { "<rsp stat=\"fail\"><err code=\"98\" msg=\"Invalid auth token\" /></rsp>", NULL, 98,
      "Invalid auth token" },
    { "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1-2", NULL, -1,
      "timestamp_refused" },
    { "oauth_problem=signature_invalid&oauth_problem_advice=Bad%20sig", NULL, -1,
      "signature_invalid (Bad sig)" },
    { "<html><head><title>502 Bad\n  Gateway</title></head></html>", "text/html", -1,
      "502 Bad Gateway" },
    { "Failed to validate oauth signature and token", "text/plain", -1,
      "Failed to validate oauth signature and token" },
    { "{\"errors\":[{\"code\":\"32\",\"message\":7}]}", NULL, -1, NULL },
    { "{\"errors\":[{\"code\":-5,\"message\":\"neg\"}]}", NULL, -1, "neg" },
    { "{\"errors\":[{\"code\":99999999999,\"message\":\"big\"}]}", NULL, -1, "big" },
    { "{ not json", NULL, -1, NULL },
    { "<errors><error code=\"x\">", NULL, -1, NULL },
    { "", NULL, -1, NULL },
    { "\xff\xfe\x00garbage", NULL, -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      int code = 12345;
      gboolean found;

      {
        /* Some bodies are deliberately not UTF-8: keep the TAP stream valid. */
        g_autofree char *shown = g_strescape (cases[i].body, NULL);

        g_test_message ("%s", shown);
      }
      found = cs_provider_error_parse (cases[i].body, strlen (cases[i].body),
                                       cases[i].content_type, &code, &message);
      g_assert_cmpint (code, ==, cases[i].code);
      g_assert_cmpstr (message, ==, cases[i].message);
      g_assert_true (found == (cases[i].code >= 0 || cases[i].message != NULL));
    }
}

static void
test_hostile_bytes (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) long_text = g_string_new ("{\"error\":\"");
  g_autofree char *message = NULL;
  int code;

  /* Nesting that would take the stack of a recursive parser. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_false (cs_provider_error_parse (deep->str, deep->len, "application/json", &code,
                                           &message));
  g_string_truncate (deep, 0);
  g_string_append (deep, "<errors>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (deep, "<a>");
  g_assert_false (cs_provider_error_parse (deep->str, deep->len, NULL, &code, &message));

  /* Long, multi-line, with control and bidi characters: one clean, bounded line. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_text, "é\\n\\u001b[31m\\u202e");
  g_string_append (long_text, "\"}");
  g_assert_true (cs_provider_error_parse (long_text->str, long_text->len, NULL, &code, &message));
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (message, -1), <=, CS_PROVIDER_ERROR_MAX_TEXT + 1);
  g_assert_true (g_str_has_suffix (message, "…"));
  for (const char *p = message; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_cmpuint (c, !=, 0x202e);
    }
  g_clear_pointer (&message, g_free);

  /* Invalid UTF-8 inside an XML error is replaced, not passed on. */
  {
    const char xml[] = "<errors><error code=\"32\">bad \xc3\x28 bytes</error></errors>";

    cs_provider_error_parse (xml, sizeof xml - 1, NULL, &code, &message);
    g_assert_true (message == NULL || g_utf8_validate (message, -1, NULL));
  }
  g_clear_pointer (&message, g_free);
  {
    const char form[] = "oauth_problem=%ff%fe&oauth_problem_advice=%c3%28";

    g_assert_true (cs_provider_error_parse (form, sizeof form - 1, NULL, &code, &message));
    g_assert_true (g_utf8_validate (message, -1, NULL));
  }

  /* NULL and empty. */
  g_clear_pointer (&message, g_free);
  g_assert_false (cs_provider_error_parse (NULL, 0, NULL, &code, &message));
  g_assert_cmpint (code, ==, -1);
  g_assert_null (message);
}

static void
test_explain (void)
{
  static const struct { int code; const char *problem; const char *word; } cases[] = {
    { 32, NULL, "consumer key and secret" },
    { 32, NULL, "clock" },
    { 89, NULL, "expired" },
    { 135, NULL, "clock" },
    { 215, NULL, "Bad authentication data" },
    { 415, NULL, "callback URL is not approved" },
    { 416, NULL, "suspended or disabled" },
    { 417, NULL, "only PIN (oob)" },
    { -1, "timestamp_refused", "clock" },
    { -1, "signature_invalid", "secret" },
    { -1, "token_expired", "authorize again" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *text = cs_provider_error_explain (cases[i].code, cases[i].problem);

      g_assert_nonnull (text);
      g_assert_nonnull (strstr (text, cases[i].word));
    }
  g_assert_null (cs_provider_error_explain (-1, NULL));
  g_assert_null (cs_provider_error_explain (34, NULL));
  g_assert_null (cs_provider_error_explain (-1, "something_new"));
}

static void
test_describe (void)
{
  const char body[] = "{\"errors\":[{\"code\":415,\"message\":\"Callback URL not approved\"}]}";
  g_autofree char *a = cs_provider_error_describe (403, body, sizeof body - 1, NULL);
  g_autofree char *b = cs_provider_error_describe (502, NULL, 0, NULL);
  g_autofree char *c = cs_provider_error_describe (599, "", 0, NULL);

  g_assert_cmpstr (a, ==, "HTTP 403 Forbidden: the provider says “Callback URL not approved” "
                          "(error code 415). The callback URL is not approved for this app: "
                          "add it to the callback URLs in the app’s settings on the developer "
                          "portal, or use PIN (oob) mode.");
  g_assert_cmpstr (b, ==, "HTTP 502 Bad Gateway.");
  g_assert_true (g_str_has_prefix (c, "HTTP 599"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/provider-error/parse", test_parse);
  g_test_add_func ("/provider-error/hostile-bytes", test_hostile_bytes);
  g_test_add_func ("/provider-error/explain", test_explain);
  g_test_add_func ("/provider-error/describe", test_describe);

  return g_test_run ();
}
