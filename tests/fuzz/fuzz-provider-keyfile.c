/* fuzz-provider-keyfile.c — a custom provider's keyfile, whatever is in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks: a broken file is a CS_OAUTH_ERROR_PROVIDER_FILE error, in valid UTF-8, that names
 * the file; a file that loads saves to a keyfile that loads again to the same provider.
 */
#include "cs-test-fuzz.h"
#include "cs-oauth-error.h"
#include "cs-provider.h"

#define SOURCE_NAME "fuzzed.provider"

/* GLib 2.74's g_key_file_get_string() sets its GError twice for a value with an unknown
 * escape that also ends in a lone backslash (`Name=\q\`), and warns about it. The loader
 * still fails with a good error (checked below). That one GLib warning is dropped; every
 * other warning still aborts. */
static GLogWriterOutput
fatal_warnings_but_glib_double_error (GLogLevelFlags   log_level,
                                      const GLogField *fields,
                                      gsize            n_fields,
                                      gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (strcmp (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if (log_level & G_LOG_LEVEL_WARNING)
    {
      if (g_strcmp0 (domain, "GLib") == 0 && message != NULL &&
          strstr (message, "GError set over the top of a previous GError") != NULL)
        return G_LOG_WRITER_HANDLED;
      g_log_writer_default (log_level, fields, n_fields, user_data);
      abort ();
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
init_logging (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (fatal_warnings_but_glib_double_error, NULL, NULL);
}

static void
assert_same_provider (CsProvider *a,
                      CsProvider *b)
{
  g_assert_cmpstr (cs_provider_get_id (a), ==, cs_provider_get_id (b));
  g_assert_cmpstr (cs_provider_get_name (a), ==, cs_provider_get_name (b));
  g_assert_cmpstr (cs_provider_get_request_token_url (a), ==,
                   cs_provider_get_request_token_url (b));
  g_assert_cmpstr (cs_provider_get_authorize_url (a), ==, cs_provider_get_authorize_url (b));
  g_assert_cmpstr (cs_provider_get_authenticate_url (a), ==,
                   cs_provider_get_authenticate_url (b));
  g_assert_cmpstr (cs_provider_get_access_token_url (a), ==,
                   cs_provider_get_access_token_url (b));
  g_assert_cmpstr (cs_provider_get_verify_url (a), ==, cs_provider_get_verify_url (b));
  g_assert_cmpstr (cs_provider_get_developer_url (a), ==, cs_provider_get_developer_url (b));
  g_assert_cmpint (cs_provider_get_signature_method (a), ==,
                   cs_provider_get_signature_method (b));
  g_assert_cmpint (cs_provider_get_supports_access_type (a), ==,
                   cs_provider_get_supports_access_type (b));
  g_assert_cmpint (cs_provider_get_supports_force_login (a), ==,
                   cs_provider_get_supports_force_login (b));
}

static void
assert_valid_utf8_or_null (const char *text)
{
  g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CsProvider) provider = NULL;
  g_autoptr(CsProvider) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gsize saved_len = 0;
  char *text;

  cs_fuzz_init ();
  init_logging ();
  text = cs_fuzz_dup_exact (data, size);
  provider = cs_provider_new_from_data (text, size, SOURCE_NAME, &error);
  free (text);

  if (provider == NULL)
    {
      g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_PROVIDER_FILE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, SOURCE_NAME));
      return 0;
    }
  g_assert_no_error (error);

  /* What the window shows must be showable. */
  g_assert_nonnull (cs_provider_get_id (provider));
  assert_valid_utf8_or_null (cs_provider_get_id (provider));
  assert_valid_utf8_or_null (cs_provider_get_name (provider));
  assert_valid_utf8_or_null (cs_provider_get_request_token_url (provider));
  assert_valid_utf8_or_null (cs_provider_get_authorize_url (provider));
  assert_valid_utf8_or_null (cs_provider_get_access_token_url (provider));

  saved = cs_provider_to_data (provider, &saved_len);
  g_assert_nonnull (saved);
  again = cs_provider_new_from_data (saved, saved_len, SOURCE_NAME, &error);
  if (again == NULL)
    g_test_message ("saved:\n%s\nerror: %s", saved, error->message);
  g_assert_no_error (error);
  assert_same_provider (provider, again);
  return 0;
}
