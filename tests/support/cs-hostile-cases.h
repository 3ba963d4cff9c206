/* cs-hostile-cases.h — the scripted hostile providers, one table for every front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row is one badly behaved provider (cs-hostile.h): what it answers, and what the user
 * must be told about it. Three tests run the table, each through its own front end:
 *
 *   tests/integration/test-oauth-client.c   the library: the GError's code and text
 *   tests/integration/test-cli-hostile.c    countersign-cli: exit status and stderr
 *   tests/ui/test-bad-server.c              the window: the text on screen, and the window
 *                                           stays usable (Retry, Back, inputs kept)
 *
 * A new hostile case is one row here. Every front end also checks, for every row it runs,
 * that no secret is in what the user is told, that a refused certificate let no request
 * through, that a redirect is not followed (the second server hears nothing), and that a
 * provider that never finishes is given up on in time. The library and the CLI run with a
 * 2-second timeout, the window with 1 second (COUNTERSIGN_TIMEOUT=1).
 */
#pragma once

#include "cs-hostile.h"

G_BEGIN_DECLS

/* The token secret the rows' token answers carry; the tests check it is never shown. */
#define CS_HOSTILE_TOKEN_SECRET "hostile-token-s3cret-9Zw"

/* Two more values of CsHostileCase.tls: an https address to a plain-http server, and a port
 * nothing listens on (the connection is refused). */
#define HOSTILE_CASE_HTTPS_TO_HTTP   3
#define HOSTILE_CASE_NOTHING_LISTENS 4

typedef struct
{
  const char  *name;          /* the test path below each front end's root: "rejected/…" */

  /* What the provider does. */
  HostileMode  mode;          /* HOSTILE_ANSWER (status, content type, body), STALL or TRICKLE */
  int          tls;           /* 0 plain http, 1 a self-signed certificate, 2 an expired one,
                              * HOSTILE_CASE_HTTPS_TO_HTTP or HOSTILE_CASE_NOTHING_LISTENS;
                              * not 0: no request reaches the provider */
  gboolean     redirect;      /* answers with a redirect to a second server on 127.0.0.2 */
  guint        status;
  const char  *content_type;
  const char  *body;

  /* What the user must be told: the library's error (a CsOAuthError code) and the message
   * countersign-cli prints hold every one of @words (and the redirect's target, if any), and
   * never @absent. */
  int          code;
  const char  *words[6];
  const char  *absent;
  int          cli_status;    /* countersign-cli's exit status; 0: not run through the CLI */
  const char  *window[2];     /* on screen: what happened, and a detail; NULL: not run there */
} CsHostileCase;

extern const CsHostileCase cs_hostile_cases[];
extern const guint         cs_hostile_n_cases;

/* Starts the provider of @c (and, for a redirect, the second server in *@thief, which the
 * caller frees). NULL when @c needs TLS and GIO has none: the test is then skipped. */
Hostile *cs_hostile_case_serve      (const CsHostileCase *c,
                                     Hostile            **thief);
/* Whether the provider of @c never finishes its answer, so the client must time out. */
gboolean cs_hostile_case_times_out  (const CsHostileCase *c);
/* Fails the test unless @message says what @c says it must (see above). @thief is the second
 * server of a redirect, or NULL. */
void     cs_hostile_case_assert_told (const CsHostileCase *c,
                                      const char          *message,
                                      Hostile             *thief);

G_END_DECLS
