/* cs-test-cli.c — run countersign-cli (or another program) the way a user or a script does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cs-test-cli.h"

GSubprocessLauncher *
cs_test_launcher_new (GSubprocessFlags    flags,
                      const char * const *env_extra)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_unsetenv (launcher, "COUNTERSIGN_CONSUMER_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "COUNTERSIGN_TOKEN_SECRET");
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env_extra[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  return launcher;
}

void
cs_cli_run_clear (CsCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
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

  launcher = cs_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                   (stdin_text ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0),
                                   env_extra);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

void
cs_proc_clear (CsProc *p)
{
  if (p->proc != NULL && g_subprocess_get_identifier (p->proc) != NULL)
    g_subprocess_force_exit (p->proc);
  g_clear_object (&p->err);
  g_clear_object (&p->proc);
  if (p->err_text != NULL)
    g_string_free (g_steal_pointer (&p->err_text), TRUE);
  g_clear_pointer (&p->out, g_free);
}

void
cs_proc_start (CsProc             *p,
               const char * const *env_extra,
               const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    cs_test_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                          G_SUBPROCESS_FLAGS_STDERR_PIPE, env_extra);
  g_autoptr(GError) error = NULL;

  p->proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  p->err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (p->proc));
  p->err_text = g_string_new (NULL);
}

char *
cs_proc_err_line_with_prefix (CsProc     *p,
                              const char *prefix)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char *line = g_data_input_stream_read_line_utf8 (p->err, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("The process ended before printing a line starting with “%s”; stderr:\n%s",
                 prefix, p->err_text->str);
      g_string_append_printf (p->err_text, "%s\n", line);
      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }
}

/* The rest of stdout, as a string ("" when there was none). */
static char *
read_all_stdout (CsProc *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();

  g_output_stream_splice (mem, g_subprocess_get_stdout_pipe (p->proc),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  out = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
  return g_bytes_get_size (out) > 0 ? g_strndup (g_bytes_get_data (out, NULL),
                                                 g_bytes_get_size (out))
                                    : g_strdup ("");
}

void
cs_proc_finish (CsProc     *p,
                const char *stdin_text)
{
  GOutputStream *in = g_subprocess_get_stdin_pipe (p->proc);
  g_autoptr(GError) error = NULL;
  char *rest;

  if (stdin_text != NULL)
    g_output_stream_write_all (in, stdin_text, strlen (stdin_text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  p->out = read_all_stdout (p);
  while ((rest = g_data_input_stream_read_line_utf8 (p->err, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (p->err_text, "%s\n", rest);
      g_free (rest);
    }
  g_assert_no_error (error);
  g_subprocess_wait (p->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p->proc));
  p->status = g_subprocess_get_exit_status (p->proc);
}

void
cs_assert_no_secret (const char *text,
                     const char *secret)
{
  if (secret != NULL && *secret != '\0' && strstr (text, secret) != NULL)
    g_error ("A secret appeared on stderr:\n%s", text);
}

guint
cs_test_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}
