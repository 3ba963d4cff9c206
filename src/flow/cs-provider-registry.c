/* cs-provider-registry.c — every provider the front ends know: presets, the user's, the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-provider-registry.h"
#include "cs-url-rules.h"

struct _CsProviderRegistry
{
  GObject         parent_instance;

  char           *directory;  /* NULL: the default */
  GPtrArray      *presets;
  GPtrArray      *user;
  GPtrArray      *providers;  /* merged, changed in place */
  gboolean        user_loaded;
  CsDemoProvider *demo;
};

G_DEFINE_FINAL_TYPE (CsProviderRegistry, cs_provider_registry, G_TYPE_OBJECT)

enum {
  PROVIDERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_provider_registry_dispose (GObject *object)
{
  CsProviderRegistry *self = CS_PROVIDER_REGISTRY (object);

  cs_provider_registry_stop_demo (self);

  G_OBJECT_CLASS (cs_provider_registry_parent_class)->dispose (object);
}

static void
cs_provider_registry_finalize (GObject *object)
{
  CsProviderRegistry *self = CS_PROVIDER_REGISTRY (object);

  g_free (self->directory);
  g_clear_pointer (&self->presets, g_ptr_array_unref);
  g_clear_pointer (&self->user, g_ptr_array_unref);
  g_clear_pointer (&self->providers, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_provider_registry_parent_class)->finalize (object);
}

static void
cs_provider_registry_class_init (CsProviderRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_provider_registry_dispose;
  object_class->finalize = cs_provider_registry_finalize;

  /**
   * CsProviderRegistry::providers-changed:
   *
   * The merged list (cs_provider_registry_get_providers()) or the user's list changed.
   */
  signals[PROVIDERS_CHANGED] = g_signal_new ("providers-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
cs_provider_registry_init (CsProviderRegistry *self)
{
  self->presets = cs_provider_load_presets ();
  self->user = g_ptr_array_new_with_free_func (g_object_unref);
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->presets->len; i++)
    g_ptr_array_add (self->providers, g_object_ref (g_ptr_array_index (self->presets, i)));
}

CsProviderRegistry *
cs_provider_registry_new (void)
{
  return g_object_new (CS_TYPE_PROVIDER_REGISTRY, NULL);
}

CsProviderRegistry *
cs_provider_registry_new_for_directory (const char *directory)
{
  CsProviderRegistry *self = cs_provider_registry_new ();

  self->directory = g_strdup (directory);
  return self;
}

GPtrArray *
cs_provider_registry_get_presets (CsProviderRegistry *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);

  return self->presets;
}

GPtrArray *
cs_provider_registry_get_user (CsProviderRegistry *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);

  return self->user;
}

GPtrArray *
cs_provider_registry_get_providers (CsProviderRegistry *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);

  return self->providers;
}

gboolean
cs_provider_registry_get_user_loaded (CsProviderRegistry *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), FALSE);

  return self->user_loaded;
}

/* Puts @provider in place of the one called the same in @list, or at its end; with
 * @keep_presets, a provider that is not custom keeps its place. */
static void
replace_or_append (GPtrArray  *list,
                   CsProvider *provider,
                   gboolean    keep_presets)
{
  for (guint i = 0; i < list->len; i++)
    {
      CsProvider *known = g_ptr_array_index (list, i);

      if (g_strcmp0 (cs_provider_get_id (known), cs_provider_get_id (provider)) != 0)
        continue;
      if (!keep_presets || cs_provider_get_is_custom (known))
        {
          g_ptr_array_index (list, i) = g_object_ref (provider);
          g_object_unref (known);
        }
      return;
    }
  g_ptr_array_add (list, g_object_ref (provider));
}

static void
add_quietly (CsProviderRegistry *self,
             CsProvider         *provider)
{
  replace_or_append (self->user, provider, FALSE);
  /* A preset's id stays the preset's, whatever a keyfile says. */
  if (cs_provider_list_lookup (self->presets, cs_provider_get_id (provider)) == NULL)
    replace_or_append (self->providers, provider, TRUE);
}

void
cs_provider_registry_add (CsProviderRegistry *self,
                          CsProvider         *provider)
{
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));

  add_quietly (self, provider);
  g_signal_emit (self, signals[PROVIDERS_CHANGED], 0);
}

/* Saving and deleting the user's providers */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!cs_provider_save_user_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cs_provider_registry_add (g_task_get_source_object (task), g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
cs_provider_registry_save_async (CsProviderRegistry  *self,
                                 CsProvider          *provider,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_registry_save_async);
  g_task_set_task_data (task, g_object_ref (provider), g_object_unref);
  cs_provider_set_is_custom (provider, TRUE);
  g_debug ("Saving provider %s", cs_provider_get_id (provider));
  cs_provider_save_user_async (provider, self->directory, cancellable, saved_cb, task);
}

gboolean
cs_provider_registry_save_finish (CsProviderRegistry  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cs_provider_registry_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
remove_id (GPtrArray  *list,
           const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (cs_provider_get_id (g_ptr_array_index (list, i)), id) == 0)
      {
        g_ptr_array_remove_index (list, i);
        return;
      }
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsProviderRegistry *self = g_task_get_source_object (task);
  CsProvider *provider = g_task_get_task_data (task);
  g_autofree char *id = g_strdup (cs_provider_get_id (provider));
  GError *error = NULL;

  if (!cs_provider_delete_user_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  remove_id (self->user, id);
  if (cs_provider_list_lookup (self->presets, id) == NULL)
    remove_id (self->providers, id);
  g_signal_emit (self, signals[PROVIDERS_CHANGED], 0);
  g_task_return_boolean (task, TRUE);
}

void
cs_provider_registry_delete_async (CsProviderRegistry  *self,
                                   CsProvider          *provider,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_registry_delete_async);
  g_task_set_task_data (task, g_object_ref (provider), g_object_unref);
  if (!cs_provider_registry_is_user (self, provider))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               _("“%s” comes with Countersign and cannot be deleted"),
                               cs_provider_get_name (provider));
      g_object_unref (task);
      return;
    }
  g_debug ("Deleting provider %s", cs_provider_get_id (provider));
  cs_provider_delete_user_async (provider, self->directory, cancellable, deleted_cb, task);
}

gboolean
cs_provider_registry_delete_finish (CsProviderRegistry  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cs_provider_registry_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Names */

static char *
name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : stripped, -1);
}

static gboolean
list_has_name (GPtrArray  *list,
               const char *key,
               const char *except_id)
{
  for (guint i = 0; i < list->len; i++)
    {
      CsProvider *provider = g_ptr_array_index (list, i);
      g_autofree char *other = name_key (cs_provider_get_name (provider));

      if (g_strcmp0 (cs_provider_get_id (provider), except_id) != 0 && g_str_equal (other, key))
        return TRUE;
    }
  return FALSE;
}

gboolean
cs_provider_registry_name_taken (CsProviderRegistry *self,
                                 const char         *name,
                                 const char         *except_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  key = name_key (name);
  return list_has_name (self->presets, key, except_id)
         || list_has_name (self->user, key, except_id);
}

gboolean
cs_provider_registry_is_user (CsProviderRegistry *self,
                              CsProvider         *provider)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (CS_IS_PROVIDER (provider), FALSE);

  return cs_provider_list_lookup (self->presets, cs_provider_get_id (provider)) == NULL
         && cs_provider_list_lookup (self->user, cs_provider_get_id (provider)) != NULL;
}

const char *
cs_provider_registry_display_name (CsProviderRegistry *self,
                                   const char         *id,
                                   const char         *stored_name)
{
  CsProvider *provider;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), stored_name);

  provider = id != NULL ? cs_provider_list_lookup (self->providers, id) : NULL;
  return provider != NULL ? cs_provider_get_name (provider) : stored_name;
}

static gboolean
same_endpoints (CsProvider *a,
                CsProvider *b)
{
  return g_strcmp0 (cs_provider_get_request_token_url (a),
                    cs_provider_get_request_token_url (b)) == 0
         && g_strcmp0 (cs_provider_get_authorize_url (a), cs_provider_get_authorize_url (b)) == 0
         && g_strcmp0 (cs_provider_get_access_token_url (a),
                       cs_provider_get_access_token_url (b)) == 0;
}

/* @base, else "@base-2", "@base-3"… (ids) or "@base (2)"… (names), the first that is free. */
static char *
unused (CsProviderRegistry *self,
        const char         *base,
        gboolean            is_name)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (base)
                                   : is_name ? g_strdup_printf ("%s (%u)", base, n)
                                             : g_strdup_printf ("%s-%u", base, n);
      gboolean taken = is_name ? cs_provider_registry_name_taken (self, candidate, NULL)
                               : (cs_provider_list_lookup (self->presets, candidate) != NULL
                                  || cs_provider_list_lookup (self->user, candidate) != NULL
                                  || g_str_equal (candidate, "custom"));

      if (!taken)
        return g_steal_pointer (&candidate);
    }
}

static char *
id_from_host (const char *host)
{
  GString *id = g_string_new (NULL);

  for (const char *p = host; *p != '\0'; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) || *p == '.' || *p == '-' ? g_ascii_tolower (*p)
                                                                          : '-');
  if (id->len == 0)
    g_string_assign (id, "provider");
  return g_string_free (id, FALSE);
}

CsProvider *
cs_provider_registry_find_saved (CsProviderRegistry *self,
                                 CsProvider         *entered)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (CS_IS_PROVIDER (entered), NULL);

  for (guint i = 0; i < self->user->len; i++)
    if (cs_provider_registry_is_user (self, g_ptr_array_index (self->user, i))
        && same_endpoints (g_ptr_array_index (self->user, i), entered))
      return g_ptr_array_index (self->user, i);
  return NULL;
}

CsProvider *
cs_provider_registry_custom_for (CsProviderRegistry *self,
                                 CsProvider         *entered)
{
  g_autofree char *host = NULL;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  CsProvider *named;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (CS_IS_PROVIDER (entered), NULL);

  if ((named = cs_provider_registry_find_saved (self, entered)) != NULL)
    return g_object_ref (named);

  host = cs_url_host (cs_provider_get_access_token_url (entered));
  base = id_from_host (host != NULL ? host : "");
  id = unused (self, base, FALSE);
  name = unused (self, host != NULL && *host != '\0' ? host : base, TRUE);

  named = cs_provider_new (id, name);
  cs_provider_set_is_custom (named, TRUE);
  cs_provider_set_request_token_url (named, cs_provider_get_request_token_url (entered));
  cs_provider_set_authorize_url (named, cs_provider_get_authorize_url (entered));
  cs_provider_set_access_token_url (named, cs_provider_get_access_token_url (entered));
  cs_provider_set_verify_url (named, cs_provider_get_verify_url (entered));
  cs_provider_set_signature_method (named, cs_provider_get_signature_method (entered));
  return named;
}

typedef struct
{
  GStrv warnings;
} LoadResult;

static void
load_result_free (LoadResult *load)
{
  g_strfreev (load->warnings);
  g_free (load);
}

static void
load_user_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsProviderRegistry *self = g_task_get_source_object (task);
  LoadResult *load = g_new0 (LoadResult, 1);
  g_autoptr(GPtrArray) user = NULL;
  GError *error = NULL;

  user = cs_provider_load_user_finish (result, &load->warnings, &error);
  if (user == NULL)
    {
      load_result_free (load);
      g_task_return_error (task, error);
      return;
    }
  self->user_loaded = TRUE;
  for (guint i = 0; i < user->len; i++)
    add_quietly (self, g_ptr_array_index (user, i));
  g_signal_emit (self, signals[PROVIDERS_CHANGED], 0);
  g_task_return_pointer (task, load, (GDestroyNotify) load_result_free);
}

void
cs_provider_registry_load_user_async (CsProviderRegistry  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_registry_load_user_async);
  cs_provider_load_user_async (self->directory, cancellable, load_user_cb, task);
}

gboolean
cs_provider_registry_load_user_finish (CsProviderRegistry  *self,
                                       GAsyncResult        *result,
                                       GStrv               *warnings,
                                       GError             **error)
{
  LoadResult *load;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cs_provider_registry_load_user_async, FALSE);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return FALSE;
  if (warnings != NULL)
    *warnings = g_steal_pointer (&load->warnings);
  load_result_free (load);
  return TRUE;
}

CsProvider *
cs_provider_registry_lookup (CsProviderRegistry *self,
                             const char         *id)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return cs_provider_list_lookup (self->providers, id);
}

CsDemoProvider *
cs_provider_registry_get_demo (CsProviderRegistry  *self,
                               GError             **error)
{
  g_autoptr(CsDemoProvider) demo = NULL;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);

  if (self->demo != NULL)
    return self->demo;

  demo = cs_demo_provider_new ();
  if (!cs_demo_provider_start (demo, 0, error))
    return NULL;
  g_debug ("Demo provider started at %s", cs_demo_provider_get_base_url (demo));
  self->demo = g_steal_pointer (&demo);
  return self->demo;
}

void
cs_provider_registry_stop_demo (CsProviderRegistry *self)
{
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (self));

  if (self->demo != NULL)
    cs_demo_provider_stop (self->demo);
  g_clear_object (&self->demo);
}

CsProvider *
cs_provider_registry_resolve (CsProviderRegistry  *self,
                              CsProvider          *provider,
                              GError             **error)
{
  CsDemoProvider *demo;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (CS_IS_PROVIDER (provider), NULL);

  if (!cs_provider_get_is_demo (provider))
    return provider;
  /* Already the running demo's, or the preset that stands for it. */
  if (self->demo != NULL && provider == cs_demo_provider_get_provider (self->demo))
    return provider;
  demo = cs_provider_registry_get_demo (self, error);
  return demo != NULL ? cs_demo_provider_get_provider (demo) : NULL;
}

CsProvider *
cs_provider_registry_find (CsProviderRegistry  *self,
                           const char          *id,
                           GError             **error)
{
  CsProvider *provider;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  provider = cs_provider_registry_lookup (self, id);
  if (provider == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Unknown provider “%s”"), id);
      return NULL;
    }
  return cs_provider_registry_resolve (self, provider, error);
}

static void
find_return (GTask *task)
{
  CsProviderRegistry *self = g_task_get_source_object (task);
  CsProvider *provider;
  GError *error = NULL;

  provider = cs_provider_registry_find (self, g_task_get_task_data (task), &error);
  if (provider == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (provider), g_object_unref);
}

static void
find_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* A broken user directory is only a reason the id is not found. */
  if (!cs_provider_registry_load_user_finish (CS_PROVIDER_REGISTRY (source), result, NULL,
                                              &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  find_return (task);
}

void
cs_provider_registry_find_async (CsProviderRegistry  *self,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_provider_registry_find_async);
  g_task_set_task_data (task, g_strdup (id), g_free);
  if (self->user_loaded || cs_provider_list_lookup (self->presets, id) != NULL)
    find_return (task);
  else
    cs_provider_registry_load_user_async (self, cancellable, find_loaded_cb,
                                          g_steal_pointer (&task));
}

CsProvider *
cs_provider_registry_find_finish (CsProviderRegistry  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cs_provider_registry_find_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
