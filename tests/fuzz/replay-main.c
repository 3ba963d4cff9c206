/* replay-main.c — feeds every file of a fuzz target's seed corpus to the target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same target sources as the libFuzzer build, compiled by the normal compiler: each
 * corpus file is one test case, so a crash names the file. Extra arguments (files or
 * directories) replace the corpus, to reproduce a finding without clang.
 */
#include <string.h>
#include <glib.h>

#include "cs-test-fuzz.h"

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint8 *exact;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  /* An exact-size heap copy, as libFuzzer passes it: ASan sees any read past the end. */
  exact = g_memdup2 (contents, length);
  LLVMFuzzerTestOneInput (exact, length);
  g_free (exact);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
add_path (const char *path,
          guint      *n)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *test_path = g_strdup_printf ("/replay/%s", path);

      g_test_add_data_func_full (test_path, g_strdup (path), replay_file, g_free);
      (*n)++;
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, names->pdata[i], NULL);
      g_autofree char *test_path = g_strdup_printf ("/replay/%s/%s", CS_FUZZ_TARGET,
                                                    (char *) names->pdata[i]);

      g_test_add_data_func_full (test_path, g_steal_pointer (&file), replay_file, g_free);
      (*n)++;
    }
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  g_test_init (&argc, &argv, NULL);
  cs_fuzz_init ();

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      add_path (argv[i], &n);
  else
    {
      g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fuzz", CS_FUZZ_TARGET,
                                                       NULL);

      add_path (corpus, &n);
      /* An empty corpus would make this test pass without replaying anything. */
      g_assert_cmpuint (n, >, 0);
    }
  return g_test_run ();
}
