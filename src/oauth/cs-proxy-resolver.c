/* cs-proxy-resolver.c — no proxy for loopback, the system's resolver for everything else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lookups can come from any thread (libsoup resolves asynchronously from its context, a
 * GSocketClient synchronously from a worker), so the fallback is kept under a lock.
 */
#include "config.h"

#include "cs-proxy-resolver.h"
#include "cs-url-rules.h"

struct _CsProxyResolver
{
  GObject         parent_instance;

  GMutex          lock;
  GProxyResolver *fallback;  /* under lock; NULL until a URI that is not loopback */
};

static void cs_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsProxyResolver, cs_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      cs_proxy_resolver_iface_init))

static char **
direct_only (void)
{
  char **proxies = g_new0 (char *, 2);

  proxies[0] = g_strdup ("direct://");
  return proxies;
}

/* A reference to the fallback; with @obtain, the default resolver when none is set yet. */
static GProxyResolver *
ref_fallback (CsProxyResolver *self,
              gboolean         obtain)
{
  GProxyResolver *fallback = NULL;

  g_mutex_lock (&self->lock);
  if (self->fallback == NULL && obtain)
    self->fallback = g_object_ref (g_proxy_resolver_get_default ());
  if (self->fallback != NULL)
    fallback = g_object_ref (self->fallback);
  g_mutex_unlock (&self->lock);
  return fallback;
}

static gboolean
cs_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
cs_proxy_resolver_lookup (GProxyResolver  *resolver,
                          const char      *uri,
                          GCancellable    *cancellable,
                          GError         **error)
{
  CsProxyResolver *self = CS_PROXY_RESOLVER (resolver);
  g_autoptr(GProxyResolver) fallback = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (cs_url_is_loopback (uri))
    return direct_only ();

  fallback = ref_fallback (self, TRUE);
  return g_proxy_resolver_lookup (fallback, uri, cancellable, error);
}

/* The first lookup that needs the default resolver: loading it reads settings, so not on the
 * caller's (possibly the GUI's) thread. */
static void
lookup_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  char **proxies;

  proxies = cs_proxy_resolver_lookup (source_object, task_data, cancellable, &error);
  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
fallback_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);
  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
cs_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                const char          *uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CsProxyResolver *self = CS_PROXY_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GProxyResolver) fallback = NULL;

  g_task_set_source_tag (task, cs_proxy_resolver_lookup_async);

  if (cs_url_is_loopback (uri))
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_pointer (task, direct_only (), (GDestroyNotify) g_strfreev);
      return;
    }

  fallback = ref_fallback (self, FALSE);
  if (fallback == NULL)
    {
      g_task_set_task_data (task, g_strdup (uri), g_free);
      g_task_run_in_thread (task, lookup_in_thread);
      return;
    }
  g_proxy_resolver_lookup_async (fallback, uri, cancellable, fallback_lookup_cb,
                                 g_steal_pointer (&task));
}

static char **
cs_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_proxy_resolver_lookup_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cs_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = cs_proxy_resolver_is_supported;
  iface->lookup = cs_proxy_resolver_lookup;
  iface->lookup_async = cs_proxy_resolver_lookup_async;
  iface->lookup_finish = cs_proxy_resolver_lookup_finish;
}

static void
cs_proxy_resolver_dispose (GObject *object)
{
  CsProxyResolver *self = CS_PROXY_RESOLVER (object);

  g_mutex_lock (&self->lock);
  g_clear_object (&self->fallback);
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (cs_proxy_resolver_parent_class)->dispose (object);
}

static void
cs_proxy_resolver_finalize (GObject *object)
{
  CsProxyResolver *self = CS_PROXY_RESOLVER (object);

  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cs_proxy_resolver_parent_class)->finalize (object);
}

static void
cs_proxy_resolver_class_init (CsProxyResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_proxy_resolver_dispose;
  object_class->finalize = cs_proxy_resolver_finalize;
}

static void
cs_proxy_resolver_init (CsProxyResolver *self)
{
  g_mutex_init (&self->lock);
}

CsProxyResolver *
cs_proxy_resolver_new (void)
{
  return g_object_new (CS_TYPE_PROXY_RESOLVER, NULL);
}

CsProxyResolver *
cs_proxy_resolver_get_shared (void)
{
  static CsProxyResolver *shared;

  if (g_once_init_enter (&shared))
    g_once_init_leave (&shared, cs_proxy_resolver_new ());
  return shared;
}

void
cs_proxy_resolver_set_fallback (CsProxyResolver *self,
                                GProxyResolver  *fallback)
{
  g_return_if_fail (CS_IS_PROXY_RESOLVER (self));
  g_return_if_fail (fallback == NULL || G_IS_PROXY_RESOLVER (fallback));

  g_mutex_lock (&self->lock);
  g_set_object (&self->fallback, fallback);
  g_mutex_unlock (&self->lock);
}

gboolean
cs_proxy_resolver_has_fallback (CsProxyResolver *self)
{
  gboolean has;

  g_return_val_if_fail (CS_IS_PROXY_RESOLVER (self), FALSE);

  g_mutex_lock (&self->lock);
  has = self->fallback != NULL;
  g_mutex_unlock (&self->lock);
  return has;
}

static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  /* Loading the system's resolver is the work; the reference is only to be dropped. */
  g_object_unref (ref_fallback (source_object, TRUE));
  g_task_return_boolean (task, TRUE);
}

void
cs_proxy_resolver_prepare_async (CsProxyResolver     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_PROXY_RESOLVER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_proxy_resolver_prepare_async);
  if (cs_proxy_resolver_has_fallback (self))
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, prepare_in_thread);
}

gboolean
cs_proxy_resolver_prepare_finish (CsProxyResolver  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, cs_proxy_resolver_prepare_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
