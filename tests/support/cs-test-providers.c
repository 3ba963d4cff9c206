/* cs-test-providers.c — the providers the tests run in a process of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "cs-test-providers.h"

static GSubprocess *oauthlib_proc;
static char *oauthlib_base;
static GSubprocess *oauthlib2_proc;
static char *oauthlib2_base;
static char *oauthlib2_args;

/* In the provider's process before exec: it dies with the test. A test that fails (an abort)
 * would otherwise leave it running, holding the test's stderr open, and meson would wait for
 * that until the test's timeout. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs tests/providers/@script with @args in *@proc; "http://127.0.0.1:PORT" once it listens. */
static char *
start_python_provider (const char          *script,
                       const char * const  *args,
                       GSubprocess        **proc)
{
  g_autofree char *path = g_build_filename (CS_TEST_PROVIDERS_DIR, script, NULL);
  const char *python = g_getenv ("COUNTERSIGN_PYTHON3");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *port = NULL;

  g_ptr_array_add (argv, (gpointer) (python ? python : "/usr/bin/python3"));
  g_ptr_array_add (argv, path);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  *proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*proc));
  port = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (port == NULL)
    g_error ("The oauthlib provider %s did not start (is python3-oauthlib installed?)", script);
  return g_strconcat ("http://127.0.0.1:", port, NULL);
}

static void
stop_python_provider (GSubprocess **proc,
                      char        **base)
{
  if (*proc == NULL)
    return;
  g_subprocess_force_exit (*proc);
  g_subprocess_wait (*proc, NULL, NULL);
  g_clear_object (proc);
  g_clear_pointer (base, g_free);
}

const char *
cs_test_oauthlib_base_url (void)
{
  if (oauthlib_base == NULL)
    oauthlib_base = start_python_provider ("oauthlib_provider.py", NULL, &oauthlib_proc);
  return oauthlib_base;
}

void
cs_test_oauthlib_stop (void)
{
  stop_python_provider (&oauthlib_proc, &oauthlib_base);
}

const char *
cs_test_oauthlib2_start_with (const char * const *args)
{
  g_autofree char *joined = args ? g_strjoinv ("\n", (char **) args) : g_strdup ("");

  if (oauthlib2_base != NULL && g_strcmp0 (joined, oauthlib2_args) == 0)
    return oauthlib2_base;
  cs_test_oauthlib2_stop ();
  oauthlib2_base = start_python_provider ("oauthlib_oauth2_provider.py", args, &oauthlib2_proc);
  oauthlib2_args = g_steal_pointer (&joined);
  return oauthlib2_base;
}

const char *
cs_test_oauthlib2_start (void)
{
  return cs_test_oauthlib2_start_with (NULL);
}

void
cs_test_oauthlib2_stop (void)
{
  stop_python_provider (&oauthlib2_proc, &oauthlib2_base);
  g_clear_pointer (&oauthlib2_args, g_free);
}

char *
cs_test_demo_cli_start (GSubprocess **proc)
{
  const char *args[] = { g_getenv ("COUNTERSIGN_CLI"), "demo-provider", "--port", "0", NULL };
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  char *line;

  g_assert_nonnull (args[0]);
  *proc = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*proc));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
    {
      gboolean last = g_str_has_prefix (line, "Press Ctrl+C");

      g_string_append_printf (text, "%s\n", line);
      g_free (line);
      if (last)
        break;
    }
  g_assert_no_error (error);
  return g_string_free (text, FALSE);
}

char *
cs_test_value_after_label (const char *text,
                           const char *label)
{
  const char *p = strstr (text, label);
  const char *end;

  g_assert_nonnull (p);
  p += strlen (label);
  while (*p == ' ')
    p++;
  end = strchr (p, '\n');
  return g_strndup (p, end ? (gsize) (end - p) : strlen (p));
}
