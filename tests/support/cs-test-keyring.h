/* cs-test-keyring.h — helpers for the tests that use the real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store tests run through tests/store/keyring-session: a private D-Bus session on which
 * nothing can be activated, with a throw-away gnome-keyring-daemon (build-aux/with-keyring).
 * The UI tests get the same from tests/ui/ui-session. The store calls below wait for their
 * answer (cs-test-wait.h) and hand back what the _finish function returns.
 */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>

#include "cs-token-store-private.h"

G_BEGIN_DECLS

/* Fails (never skips) when the test is not in the private keyring session: a store test
 * run elsewhere would write to the user's own keyring. */
void           cs_test_require_keyring    (void);

gboolean       cs_test_save               (CsTokenStore  *store,
                                           CsStoredToken *token,
                                           const char    *consumer_secret,
                                           GError       **error);
GPtrArray     *cs_test_list               (CsTokenStore  *store,
                                           GError       **error);
CsStoredToken *cs_test_lookup             (CsTokenStore  *store,
                                           const char    *id,
                                           GError       **error);
gboolean       cs_test_delete             (CsTokenStore  *store,
                                           const char    *id,
                                           GError       **error);

/* Every item of our schema goes: each test starts from an empty keyring. */
void           cs_test_clear_keyring      (void);

/* Locks the login collection; the test session cannot answer an unlock prompt, so it stays
 * locked for the rest of the program. */
void           cs_test_lock_keyring       (void);

/* What `secret-tool search --all` prints for @attribute=@value: another client's view. */
char          *cs_test_secret_tool_search (const char    *attribute,
                                           const char    *value);

/* How many times @needle stands in @haystack. */
guint          cs_test_count              (const char    *haystack,
                                           const char    *needle);

G_END_DECLS
