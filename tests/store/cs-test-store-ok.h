/* cs-test-store-ok.h — store calls that must succeed, for the token store tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each waits for the answer (cs-test-keyring.h) and fails the test on an error.
 */
#pragma once

#include "cs-test-keyring.h"
#include "cs-test-wait.h"

static inline void
save_ok (CsTokenStore  *store,
         CsStoredToken *token,
         const char    *secret)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_test_save (store, token, secret, &error));
  g_assert_no_error (error);
}

static inline GPtrArray *
list_ok (CsTokenStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *tokens = cs_test_list (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  return tokens;
}

static inline CsStoredToken *
lookup_ok (CsTokenStore *store,
           const char   *id)
{
  g_autoptr(GError) error = NULL;
  CsStoredToken *token = cs_test_lookup (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (token);
  return token;
}

/* cs_token_store_update_oauth2_async, waited for. */
static inline gboolean
cs_test_update_oauth2 (CsTokenStore *store,
                       const char   *id,
                       const char   *access_token,
                       const char   *refresh_token,
                       const char   *scopes,
                       gint64        expires_at,
                       GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_token_store_update_oauth2_async (store, id, access_token, refresh_token, scopes,
                                      expires_at, NULL, cs_test_on_result, &result);
  return cs_token_store_update_oauth2_finish (store, cs_test_await (&result), error);
}
