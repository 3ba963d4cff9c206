/* cs-provider-files.c — the user's own providers, one keyfile each in a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-provider-files.h"
#include "cs-provider-keyfile-private.h"
#include "cs-provider-object-private.h"

/* The file a loaded provider came from (its base name), on the object. */
#define FILE_NAME_KEY "cs-provider-file-name"

/* Loading a folder */

typedef struct
{
  GPtrArray *providers;
  GStrv      warnings;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->providers, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_strfreev);
  g_free (result);
}

static char *
default_directory (void)
{
  return g_build_filename (g_get_user_config_dir (), "countersign", "providers", NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Returns the sorted *.provider names in @dir (a missing directory has none). */
static GPtrArray *
list_provider_files (GFile        *dir,
                     GCancellable *cancellable,
                     GStrvBuilder *warnings,
                     GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (enumerator == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *path = g_file_get_parse_name (dir);

          g_autofree char *line = g_strdup_printf (_("%s: cannot be read: %s"), path,
                                                   local_error->message);

          g_strv_builder_add (warnings, line);
        }
      return g_steal_pointer (&names);
    }

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_str_has_suffix (g_file_info_get_name (info), ".provider"))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

static CsProvider *
load_user_file (GFile        *file,
                GCancellable *cancellable,
                GError      **error)
{
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  CsProvider *provider;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > CS_PROVIDER_MAX_FILE_SIZE)
    {
      cs_provider_set_file_error (error, display, 0, _("The file is larger than 64 KiB"));
      return NULL;
    }
  if (info == NULL ||
      !g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        cs_provider_set_file_error (error, display, 0, "%s", local_error->message);
      return NULL;
    }
  provider = cs_provider_new_from_data (data, length, display, error);
  if (provider != NULL)
    {
      g_autofree char *base = g_file_get_basename (file);

      /* Consumer credentials belong in the keyring, never in a user's file. */
      cs_provider_set_is_custom (provider, TRUE);
      cs_provider_take_demo_credentials (provider, NULL, NULL);
      /* Saved again and deleted under the name it was found by, whatever its Id says. */
      g_object_set_data_full (G_OBJECT (provider), FILE_NAME_KEY, g_steal_pointer (&base),
                              g_free);
    }
  return provider;
}

/* Adds @provider (taking it) to @providers unless an earlier file has its Id. */
static void
add_user_provider (GPtrArray    *providers,
                   CsProvider   *provider,
                   GFile        *file,
                   GStrvBuilder *warnings)
{
  g_autofree char *display = NULL;
  g_autofree char *line = NULL;

  if (cs_provider_list_lookup (providers, cs_provider_get_id (provider)) == NULL)
    {
      g_ptr_array_add (providers, provider);
      return;
    }
  display = g_file_get_parse_name (file);
  line = g_strdup_printf (_("%s: another file already defines the provider “%s”; this one is "
                            "skipped"), display, cs_provider_get_id (provider));
  g_strv_builder_add (warnings, line);
  g_object_unref (provider);
}

static void
load_user_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *directory = task_data;
  g_autoptr(GFile) dir = g_file_new_for_path (directory);
  g_autoptr(GStrvBuilder) warnings = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  LoadResult *result;

  names = list_provider_files (dir, cancellable, warnings, &error);
  if (names == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (LoadResult, 1);
  result->providers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, g_ptr_array_index (names, i));
      CsProvider *provider = load_user_file (file, cancellable, &error);

      if (provider == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              load_result_free (result);
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          g_strv_builder_add (warnings, error->message);
          g_clear_error (&error);
          continue;
        }
      add_user_provider (result->providers, provider, file, warnings);
    }
  result->warnings = g_strv_builder_end (warnings);
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/**
 * cs_provider_load_user_async:
 * @directory: (nullable): where the keyfiles are, or %NULL for the default
 *
 * Reads every `*.provider` file in @directory, in a worker thread.
 */
void
cs_provider_load_user_async (const char          *directory,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_load_user_async);
  g_task_set_task_data (task, directory ? g_strdup (directory) : default_directory (), g_free);
  g_task_run_in_thread (task, load_user_thread);
}

/**
 * cs_provider_load_user_finish:
 * @warnings: (out) (optional): one line per file that was skipped, naming file and line
 *
 * Returns: (transfer full) (element-type CsProvider): the providers, by file name; fails only
 * when cancelled.
 */
GPtrArray *
cs_provider_load_user_finish (GAsyncResult *result,
                              GStrv        *warnings,
                              GError      **error)
{
  LoadResult *load;
  GPtrArray *providers;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_provider_load_user_async,
                        NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;
  providers = g_steal_pointer (&load->providers);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&load->warnings);
  load_result_free (load);
  return providers;
}

/* Saving one provider */

typedef struct
{
  char  *directory;
  char  *file_name;
  char  *data;
  gsize  length;
} SaveData;

static void
save_data_free (SaveData *save)
{
  g_free (save->directory);
  g_free (save->file_name);
  g_free (save->data);
  g_free (save);
}

static char *
file_name_for (CsProvider *provider)
{
  const char *loaded = g_object_get_data (G_OBJECT (provider), FILE_NAME_KEY);

  return loaded != NULL ? g_strdup (loaded)
                        : g_strconcat (cs_provider_get_id (provider), ".provider", NULL);
}

static void
save_user_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autofree char *path = g_build_filename (save->directory, save->file_name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (save->directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (save->directory);

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Cannot create the folder %s: %s"), display,
                               g_strerror (saved_errno));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!g_file_set_contents_full (path, save->data, save->length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * cs_provider_save_user_async:
 * @directory: (nullable): where to save, or %NULL for the default
 *
 * Writes `ID.provider` atomically, in a worker thread. The provider must have an Id made of
 * letters, digits, `-`, `_` and `.` and the required URLs.
 */
void
cs_provider_save_user_async (CsProvider          *self,
                             const char          *directory,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CsProvider) check = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *save;

  g_return_if_fail (CS_IS_PROVIDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_save_user_async);

  save = g_new0 (SaveData, 1);
  save->directory = directory ? g_strdup (directory) : default_directory ();
  save->file_name = file_name_for (self);
  save->data = cs_provider_to_data (self, &save->length);
  g_task_set_task_data (task, save, (GDestroyNotify) save_data_free);

  /* Save only what loads back. */
  check = cs_provider_new_from_data (save->data, save->length, save->file_name, &error);
  if (check == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, save_user_thread);
}

gboolean
cs_provider_save_user_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_provider_save_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

CsProvider *
cs_provider_dup_user (CsProvider *self)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  CsProvider *copy;

  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);

  data = cs_provider_to_data (self, &length);
  copy = cs_provider_new_from_data (data, length, cs_provider_get_id (self), NULL);
  if (copy == NULL)
    {
      /* Not a complete provider yet (a keyfile always is): the fields that are set. */
      copy = cs_provider_new (cs_provider_get_id (self), cs_provider_get_name (self));
      for (guint i = 0; i < CS_PROVIDER_N_FIELDS; i++)
        cs_provider_set_field (copy, i, cs_provider_get_field (self, i));
      cs_provider_set_signature_method (copy, cs_provider_get_signature_method (self));
    }
  cs_provider_set_is_custom (copy, TRUE);
  g_object_set_data_full (G_OBJECT (copy), FILE_NAME_KEY,
                          g_strdup (g_object_get_data (G_OBJECT (self), FILE_NAME_KEY)), g_free);
  return copy;
}

/* Deleting one provider */

static void
delete_user_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GFile) file = g_file_new_build_filename (save->directory, save->file_name, NULL);
  g_autoptr(GError) error = NULL;

  /* Already gone is what was asked for. */
  if (!g_file_delete (file, cancellable, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * cs_provider_delete_user_async:
 * @directory: (nullable): where it was saved, or %NULL for the default
 *
 * Removes the file that @self was loaded from (or `ID.provider`), in a worker thread.
 */
void
cs_provider_delete_user_async (CsProvider          *self,
                               const char          *directory,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (CS_IS_PROVIDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_delete_user_async);
  save = g_new0 (SaveData, 1);
  save->directory = directory ? g_strdup (directory) : default_directory ();
  save->file_name = file_name_for (self);
  g_task_set_task_data (task, save, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, delete_user_thread);
}

gboolean
cs_provider_delete_user_finish (GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_provider_delete_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
