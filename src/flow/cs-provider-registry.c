/* cs-provider-registry.c — every provider the front ends know: presets, the user's, the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-provider-registry.h"

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
