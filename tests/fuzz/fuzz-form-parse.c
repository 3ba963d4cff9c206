/* fuzz-form-parse.c — cs_form_parse() on whatever a provider may answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks beyond "no crash": the parse fails exactly when a `%` is not followed by two hex
 * digits; a failed append leaves the list as it was; encode → parse gives the same list.
 */
#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"

static gboolean
escapes_are_valid (const char *data,
                   size_t      size)
{
  for (size_t i = 0; i < size; i++)
    if (data[i] == '%' &&
        (i + 2 >= size || !g_ascii_isxdigit (data[i + 1]) || !g_ascii_isxdigit (data[i + 2])))
      return FALSE;
  return TRUE;
}

static void
assert_same_lists (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CsParam *pa = g_ptr_array_index (a, i);
      const CsParam *pb = g_ptr_array_index (b, i);

      g_assert_cmpstr (pa->name, ==, pb->name);
      g_assert_cmpstr (pa->value, ==, pb->value);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) appended = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;
  char *form;
  gboolean valid;

  cs_fuzz_init ();
  form = cs_fuzz_dup_exact (data, size);
  valid = escapes_are_valid (form, size);

  list = cs_form_parse (form, size, &error);
  if (!valid)
    {
      g_assert_null (list);
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_assert_no_error (error);
      g_assert_nonnull (list);
    }

  /* Appending to a list that has an entry: all or nothing. */
  appended = cs_param_list_new ();
  cs_param_list_add (appended, "oauth_token", "kept");
  g_clear_error (&error);
  g_assert_cmpint (cs_form_parse_append (appended, form, size, &error), ==, valid);
  if (!valid)
    g_assert_cmpuint (appended->len, ==, 1);
  else
    {
      g_assert_cmpuint (appended->len, ==, list->len + 1);
      g_ptr_array_remove_index (appended, 0);
      assert_same_lists (list, appended);
    }

  if (list != NULL)
    {
      for (guint i = 0; i < list->len; i++)
        {
          const CsParam *param = g_ptr_array_index (list, i);

          g_assert_nonnull (param->value);
          g_assert_nonnull (cs_param_list_get (list, param->name));
          g_assert_cmpuint (cs_param_list_count (list, param->name), >=, 1);
        }
      encoded = cs_form_encode (list);
      again = cs_form_parse (encoded, -1, &error);
      g_assert_no_error (error);
      assert_same_lists (list, again);
    }

  free (form);
  return 0;
}
