/* cs-demo-callback.c — the callback a client names with its request token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * X's rules (https://docs.x.com/resources/fundamentals/developer-apps, "Callback URLs"): the
 * callback must match one of the app's registered callback URLs exactly, port included; only
 * its query string may vary (a registered URL has none); at most 10 are registered; "oob"
 * (PIN-based) needs none.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "cs-callback-server.h"
#include "cs-demo-callback.h"
#include "cs-percent.h"

/* Only from COUNTERSIGN_DEMO_CALLBACKS: every port of the loopback callback, for tests that let
 * the system choose the port (X has no such entry). */
#define ANY_LOOPBACK_PORT "http://127.0.0.1:*/callback"

void
cs_demo_callback_register_defaults (GPtrArray *registered)
{
  g_auto(GStrv) extra = NULL;
  const char *env = g_getenv ("COUNTERSIGN_DEMO_CALLBACKS");

  g_ptr_array_add (registered, cs_callback_loopback_url (CS_DEMO_CALLBACK_PORT));
  g_ptr_array_add (registered, g_strdup (CS_CALLBACK_APP_URL));
  if (env == NULL)
    return;
  extra = g_strsplit_set (env, " \t\n", -1);
  for (guint i = 0; extra[i] != NULL; i++)
    if (*extra[i] != '\0' && registered->len < CS_DEMO_MAX_CALLBACKS)
      g_ptr_array_add (registered, g_strdup (extra[i]));
}

gboolean
cs_demo_callback_registrable (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_query (uri) == NULL && g_uri_get_fragment (uri) == NULL;
}

static gboolean
matches_any_port (const char *base)
{
  g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
         g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") == 0 && g_uri_get_port (uri) > 0 &&
         strcmp (g_uri_get_path (uri), "/callback") == 0 && g_uri_get_userinfo (uri) == NULL;
}

gboolean
cs_demo_callback_approved (GPtrArray  *registered,
                           const char *callback)
{
  g_autofree char *base = NULL;

  if (strcmp (callback, "oob") == 0)
    return TRUE;
  /* The query (and a fragment) may vary; the rest is compared as it is. */
  base = g_strndup (callback, strcspn (callback, "?#"));
  for (guint i = 0; i < registered->len; i++)
    {
      const char *entry = g_ptr_array_index (registered, i);

      if (strcmp (entry, base) == 0 ||
          (strcmp (entry, ANY_LOOPBACK_PORT) == 0 && matches_any_port (base)))
        return TRUE;
    }
  return FALSE;
}

char *
cs_demo_callback_with (const char *callback,
                       GPtrArray  *extra)
{
  g_autofree char *form = cs_form_encode (extra);
  const char *hash = strchr (callback, '#');
  gsize base_len = hash ? (gsize) (hash - callback) : strlen (callback);
  g_autofree char *base = g_strndup (callback, base_len);
  const char *sep = strchr (base, '?') == NULL ? "?" : (g_str_has_suffix (base, "?") ||
                                                        g_str_has_suffix (base, "&")) ? "" : "&";

  return g_strconcat (base, sep, form, NULL);
}
