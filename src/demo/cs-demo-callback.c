/* cs-demo-callback.c — the callback a client names with its request token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "cs-demo-callback.h"
#include "cs-percent.h"

gboolean
cs_demo_callback_acceptable (const char *callback)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (strcmp (callback, "oob") == 0)
    return TRUE;
  uri = g_uri_parse (callback, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
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
