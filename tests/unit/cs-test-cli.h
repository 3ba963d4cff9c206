/* cs-test-cli.h — run countersign-cli the way a user or a script does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} CsCliRun;

static inline void
cs_cli_run_clear (CsCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsCliRun, cs_cli_run_clear)

/* Runs the CLI with @args (NULL-terminated) and @env_extra ("NAME=value" pairs, may be NULL). */
static inline void
cs_cli_run_full (CsCliRun           *run,
                 const char * const *env_extra,
                 const char         *stdin_text,
                 const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("COUNTERSIGN_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (stdin_text ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_subprocess_launcher_unsetenv (launcher, "COUNTERSIGN_CONSUMER_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "COUNTERSIGN_TOKEN_SECRET");
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env_extra[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

#define cs_cli_run(run, ...) \
  cs_cli_run_full ((run), NULL, NULL, (const char * const[]) { __VA_ARGS__, NULL })
