/* cs-test-providers.h — the providers the tests run in a process of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The independent python3-oauthlib providers (tests/providers/oauthlib_provider.py for
 * OAuth 1.0a, oauthlib_oauth2_provider.py for OAuth 2.0, with $COUNTERSIGN_PYTHON3 or
 * /usr/bin/python3) and `countersign-cli demo-provider`
 * ($COUNTERSIGN_CLI), for tests whose requests block in another process (the CLI's).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starts the oauthlib provider once per test program; "http://127.0.0.1:PORT" (owned here).
 * Fails the test when it cannot start. */
const char *cs_test_oauthlib_base_url (void);
/* Stops it, if it was started. */
void        cs_test_oauthlib_stop     (void);

/* The OAuth 2.0 oauthlib provider (tests/providers/oauthlib_oauth2_provider.py: clients
 * "public-client-0001" and "confidential-client-0001" / "confidential-secret", redirect URIs
 * http://127.0.0.1:8766/callback and io.github.countersign.countersign:/callback, endpoints
 * /authorize (?auto=allow|deny), /token, /revoke, /me; a fault for one request with a
 * "/fault/NAME" prefix before the endpoint's path). Started once per test program;
 * "http://127.0.0.1:PORT" (owned here). Fails the test when it cannot start. */
const char *cs_test_oauthlib2_start      (void);
/* The same with the script's options (--redirect-uri URI, --fault NAME, --expires-in N,
 * --port N); one already running with other options is stopped first. */
const char *cs_test_oauthlib2_start_with (const char * const *args);
/* Stops it, if it was started. */
void        cs_test_oauthlib2_stop       (void);

/* Starts `countersign-cli demo-provider --port 0` in *@proc; returns what it printed up to
 * "Press Ctrl+C" (the URLs and the consumer). Stop it with g_subprocess_send_signal (SIGINT). */
char       *cs_test_demo_cli_start    (GSubprocess **proc);
/* The rest of the line after @label (and spaces) in @text; fails the test without one. */
char       *cs_test_value_after_label (const char   *text,
                                       const char   *label);

G_END_DECLS
