/* cs-provider-presets.c — the providers shipped with Countersign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-oauth-resources.h"
#include "cs-provider-keyfile.h"
#include "cs-provider-presets.h"

#define PRESETS_PATH "/io/github/countersign/Countersign/providers/"

static void
ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      cs_oauth_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static int
preset_rank (const char *id)
{
  if (g_strcmp0 (id, "demo") == 0)
    return 0;
  if (g_strcmp0 (id, "twitter") == 0)
    return 1;
  return 2;
}

static int
compare_presets (gconstpointer a,
                 gconstpointer b)
{
  CsProvider *pa = *(CsProvider **) a;
  CsProvider *pb = *(CsProvider **) b;
  int ra = preset_rank (cs_provider_get_id (pa));
  int rb = preset_rank (cs_provider_get_id (pb));

  if (ra != rb)
    return ra - rb;
  return g_utf8_collate (cs_provider_get_name (pa), cs_provider_get_name (pb));
}

/* Preset names that are words rather than brands, so that xgettext finds them; the names in
 * data/providers/ are looked up in the catalog as they are loaded. */
static const char *translatable_preset_names[] G_GNUC_UNUSED = {
  N_("Demo (local, no account needed)"),
};

static CsProvider *
load_preset (const char *name)
{
  g_autofree char *path = g_strconcat (PRESETS_PATH, name, NULL);
  g_autofree char *display_name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CsProvider *provider;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  provider = cs_provider_new_from_data (data, size, name, &error);
  /* The presets are tested; a broken one is a build defect, not a user's problem. */
  if (provider == NULL)
    g_error ("Broken preset: %s", error->message);
  display_name = g_strdup (cs_provider_get_name (provider));
  cs_provider_set_name (provider, _(display_name));
  return provider;
}

/**
 * cs_provider_load_presets:
 *
 * Returns: (transfer full) (element-type CsProvider): the shipped presets, the demo provider
 * first, then Twitter/X, then the rest by name.
 */
GPtrArray *
cs_provider_load_presets (void)
{
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = NULL;

  ensure_resources ();
  names = g_resources_enumerate_children (PRESETS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (names != NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".provider"))
      g_ptr_array_add (providers, load_preset (names[i]));

  g_ptr_array_sort (providers, compare_presets);
  return g_steal_pointer (&providers);
}
