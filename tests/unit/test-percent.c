/* test-percent.c — RFC 5849 §3.6 encoding and the oauth.net wiki tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"

/* oauth.net wiki TestCases, "Parameter Encoding". */
static void
test_encode_wiki (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "abcABC123", "abcABC123" },
    { "-._~", "-._~" },
    { "%", "%25" },
    { "+", "%2B" },
    { "&=*", "%26%3D%2A" },
    { "\n", "%0A" },
    { " ", "%20" },
    { "\x7f", "%7F" },
    { "\xc2\x80", "%C2%80" },
    { "\xe3\x80\x81", "%E3%80%81" },
    { "!*'();:@&=+$,/?#[]", "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *enc = cs_percent_encode (cases[i].in);

      g_assert_cmpstr (enc, ==, cases[i].out);
    }
}

static void
test_decode (void)
{
  g_autoptr(GError) error = NULL;
  char *dec;
  gsize len = 0;

  dec = cs_percent_decode ("Gentlemen%2c%20a+b%2B", -1, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dec, ==, "Gentlemen, a b+");
  g_free (dec);

  dec = cs_percent_decode ("a+b", -1, FALSE, NULL, &error);
  g_assert_cmpstr (dec, ==, "a+b");
  g_free (dec);

  dec = cs_percent_decode ("a%00b", -1, FALSE, &len, &error);
  g_assert_cmpuint (len, ==, 3);
  g_free (dec);

  for (guint i = 0; i < 4; i++)
    {
      static const char *bad[] = { "%", "%4", "abc%zz", "%%41" };

      g_clear_error (&error);
      dec = cs_percent_decode (bad[i], -1, TRUE, NULL, &error);
      g_assert_null (dec);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
    }
}

static void
test_form_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cs_form_parse ("a=1&&b&c=x+y&a=2&=e", -1, &error);
  const CsParam *p;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  p = g_ptr_array_index (list, 1);
  g_assert_cmpstr (p->name, ==, "b");
  g_assert_cmpstr (p->value, ==, "");
  g_assert_cmpstr (cs_param_list_get (list, "c"), ==, "x y");
  g_assert_cmpstr (cs_param_list_get (list, "a"), ==, "1");
  g_assert_cmpuint (cs_param_list_count (list, "a"), ==, 2);
  p = g_ptr_array_index (list, 4);
  g_assert_cmpstr (p->name, ==, "");
  g_assert_cmpstr (p->value, ==, "e");

  g_assert_null (cs_form_parse ("a=%G1", -1, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
}

/* The normalized parameter string, taken back out of a base string. */
static char *
normalized (const char *query)
{
  g_autofree char *url = g_strconcat ("http://example.com/?", query, NULL);
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_autofree char *base = NULL;
  const char *third;

  g_assert_true (cs_url_collect_params (url, params, NULL));
  base = cs_signature_base_string ("GET", "http://example.com/", params);
  third = strchr (strchr (base, '&') + 1, '&') + 1;
  return cs_percent_decode (third, -1, FALSE, NULL, NULL);
}

/* oauth.net wiki TestCases, "Normalize Request Parameters". */
static void
test_normalize_wiki (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "name", "name=" },
    { "a=b", "a=b" },
    { "a=b&c=d", "a=b&c=d" },
    { "a=x!y&a=x+y", "a=x%20y&a=x%21y" },
    { "x!y=a&x=a", "x=a&x%21y=a" },
    { "z=1&a=2&a=1&A=3", "A=3&a=1&a=2&z=1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = normalized (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* RFC 5849 §3.4.1.2 and the wiki's "Concatenate Request Elements". */
static void
test_base_uri (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "HTTP://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X" },
    { "https://www.example.net:8080/?q=1", "https://www.example.net:8080/" },
    { "http://example.com", "http://example.com/" },
    { "http://example.com:8080", "http://example.com:8080/" },
    { "https://Example.COM:443/Path#frag", "https://example.com/Path" },
    { "https://example.com:80/", "https://example.com:80/" },
    { "http://example.com:443/", "http://example.com:443/" },
    { "http://[::1]:8080/a?b", "http://[::1]:8080/a" },
    { "http://example.com?x=1", "http://example.com/" },
  };
  static const char *bad[] = {
    "ftp://example.com/", "example.com/path", "http://", "http://:80/", "http://a:99999/",
    "http://a:8x/", "http://user@host/", "http://exa mple.com/", "https://[::1/",
    /* A malformed escape in the path, as in the query, is refused. */
    "https://example.com/%zz", "https://example.com/a%4", "https://example.com/a%?b=1",
    "http://example.com/%%41",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = cs_base_string_uri (cases[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = cs_base_string_uri (bad[i], &error);

      g_assert_null (out);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/percent/encode-wiki", test_encode_wiki);
  g_test_add_func ("/percent/decode", test_decode);
  g_test_add_func ("/percent/form-parse", test_form_parse);
  g_test_add_func ("/percent/normalize-wiki", test_normalize_wiki);
  g_test_add_func ("/percent/base-uri", test_base_uri);
  return g_test_run ();
}
