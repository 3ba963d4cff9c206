/* cs-test-providers.h — the providers the tests run in a process of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The independent python3-oauthlib provider (tests/providers/oauthlib_provider.py, with
 * $COUNTERSIGN_PYTHON3 or /usr/bin/python3) and `countersign-cli demo-provider`
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

/* Starts `countersign-cli demo-provider --port 0` in *@proc; returns what it printed up to
 * "Press Ctrl+C" (the URLs and the consumer). Stop it with g_subprocess_send_signal (SIGINT). */
char       *cs_test_demo_cli_start    (GSubprocess **proc);
/* The rest of the line after @label (and spaces) in @text; fails the test without one. */
char       *cs_test_value_after_label (const char   *text,
                                       const char   *label);

G_END_DECLS
