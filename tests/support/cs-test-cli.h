/* cs-test-cli.h — run countersign-cli (or another program) the way a user or a script does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI is $COUNTERSIGN_CLI (set by tests/meson.build). Every child starts without
 * COUNTERSIGN_CONSUMER_SECRET and COUNTERSIGN_TOKEN_SECRET, whatever the test's own
 * environment holds, and gets the test's extra "NAME=value" pairs on top. Failures to start
 * or to talk to a child fail the test.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A launcher for @flags: no secret in the environment, then @env_extra ("NAME=value", may be
 * NULL). */
GSubprocessLauncher *cs_test_launcher_new (GSubprocessFlags    flags,
                                           const char * const *env_extra);

/* One finished run of the CLI: exit status, stdout, stderr. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CsCliRun;

void cs_cli_run_clear (CsCliRun           *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsCliRun, cs_cli_run_clear)

/* Runs the CLI with @args (NULL-terminated), @env_extra ("NAME=value" pairs, may be NULL) and
 * @stdin_text on its standard input (NULL: none), and waits for it without iterating the
 * main context. */
void cs_cli_run_full  (CsCliRun           *run,
                       const char * const *env_extra,
                       const char         *stdin_text,
                       const char * const *args);

#define cs_cli_run(run, ...) \
  cs_cli_run_full ((run), NULL, NULL, (const char * const[]) { __VA_ARGS__, NULL })

/* A running countersign-cli (or other) process with its three pipes. */
typedef struct
{
  GSubprocess      *proc;
  GDataInputStream *err;      /* stderr, read line by line */
  GString          *err_text; /* every stderr line read so far */
  char             *out;      /* stdout, once finished */
  int               status;
} CsProc;

/* Kills the process if it still runs. */
void  cs_proc_clear                (CsProc             *p);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsProc, cs_proc_clear)

/* Starts @argv (argv[0] is a path) with @env_extra ("NAME=value", may be NULL). */
void  cs_proc_start                (CsProc             *p,
                                    const char * const *env_extra,
                                    const char * const *argv);
/* Reads stderr lines until one starts with @prefix; returns that line. Blocking is fine:
 * whatever serves the process's requests runs in another process. */
char *cs_proc_err_line_with_prefix (CsProc             *p,
                                    const char         *prefix);
/* Writes @stdin_text (may be NULL), closes stdin, and waits for the exit. */
void  cs_proc_finish               (CsProc             *p,
                                    const char         *stdin_text);

/* Fails the test when @secret (NULL or "": nothing to look for) stands in @text (stderr). */
void  cs_assert_no_secret          (const char         *text,
                                    const char         *secret);
/* A loopback port nothing listens on now (for a registered http://127.0.0.1:PORT/callback). */
guint cs_test_free_port            (void);

G_END_DECLS
