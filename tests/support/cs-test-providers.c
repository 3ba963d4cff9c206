/* cs-test-providers.c — the providers the tests run in a process of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cs-test-providers.h"

static GSubprocess *oauthlib_proc;
static char *oauthlib_base;

const char *
cs_test_oauthlib_base_url (void)
{
  g_autofree char *script = g_build_filename (CS_TEST_PROVIDERS_DIR, "oauthlib_provider.py",
                                              NULL);
  const char *python = g_getenv ("COUNTERSIGN_PYTHON3");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *port = NULL;

  if (oauthlib_base != NULL)
    return oauthlib_base;
  oauthlib_proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    python ? python : "/usr/bin/python3", script, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (oauthlib_proc));
  port = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (port == NULL)
    g_error ("The oauthlib provider did not start (is python3-oauthlib installed?)");
  oauthlib_base = g_strconcat ("http://127.0.0.1:", port, NULL);
  return oauthlib_base;
}

void
cs_test_oauthlib_stop (void)
{
  if (oauthlib_proc == NULL)
    return;
  g_subprocess_force_exit (oauthlib_proc);
  g_subprocess_wait (oauthlib_proc, NULL, NULL);
  g_clear_object (&oauthlib_proc);
  g_clear_pointer (&oauthlib_base, g_free);
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
