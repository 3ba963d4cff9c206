/* fuzz-import.c — the YAML reader and the twurl/xurl importer, whatever the file says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks twurl or xurl; the rest is the file. Checks: a tree or an error,
 * never both; an error is G_IO_ERROR_INVALID_DATA, starts with "line N: " and is valid
 * UTF-8; an importable entry has a consumer key, a token and a secret, each printable
 * ASCII, and the lines that hold them; stripping the secrets leaves a file that reads again
 * with the same entries, none of them with a token; the same input gives the same answer
 * twice.
 */
#include "cs-test-fuzz.h"
#include <gio/gio.h>

#include "cs-import.h"
#include "cs-percent.h"
#include "cs-yaml.h"

static void
check_entries (CsImportSource  source,
               GPtrArray      *entries,
               const char     *data,
               gsize           size)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint importable = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      CsImportEntry *e = g_ptr_array_index (entries, i);

      g_assert_nonnull (e->label);
      g_assert_nonnull (e->account);
      if (!e->importable)
        {
          g_assert_nonnull (e->not_importable);
          continue;
        }
      importable++;
      g_assert_true (cs_is_printable_ascii (e->consumer_key) && *e->consumer_key != '\0');
      g_assert_true (cs_is_printable_ascii (e->token) && *e->token != '\0');
      g_assert_true (cs_is_printable_ascii (e->token_secret) && *e->token_secret != '\0');
      g_assert_cmpuint (e->token_line, >, 0);
      g_assert_cmpuint (e->token_secret_line, >, 0);
    }
  if (importable == 0)
    return;
  stripped = cs_import_strip_secrets (data, size, entries, TRUE, &length);
  g_assert_cmpuint (length, <, size);
  /* Without its secret lines the file may now miss required keys: an error is fine, but
   * no entry may still carry a token it was meant to lose. */
  again = cs_import_parse (source, stripped, length, &error);
  for (guint i = 0; again != NULL && i < again->len; i++)
    g_assert_false (((CsImportEntry *) g_ptr_array_index (again, i))->importable);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) entries2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  CsImportSource source;
  char *copy;

  cs_fuzz_init ();
  if (size < 1)
    return 0;
  source = data[0] & 1 ? CS_IMPORT_XURL : CS_IMPORT_TWURL;
  /* Without a terminator: a read past the end is caught. */
  copy = cs_fuzz_dup_exact (data + 1, size - 1);
  entries = cs_import_parse (source, copy, size - 1, &error);
  g_assert_true ((entries == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_true (g_str_has_prefix (error->message, "line "));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  else
    check_entries (source, entries, copy, size - 1);

  entries2 = cs_import_parse (source, copy, size - 1, &error2);
  g_assert_cmpuint (entries2 != NULL ? entries2->len : 0, ==, entries != NULL ? entries->len : 0);
  g_assert_cmpstr (error2 != NULL ? error2->message : NULL, ==,
                   error != NULL ? error->message : NULL);
  free (copy);
  return 0;
}
