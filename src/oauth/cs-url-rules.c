/* cs-url-rules.c — what an endpoint URL must be before anything is sent to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-signer.h"
#include "cs-url-rules.h"

gboolean
cs_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
cs_url_is_insecure_http (const char *url)
{
  g_return_val_if_fail (url != NULL, FALSE);

  return g_ascii_strncasecmp (url, "http:", 5) == 0 && !cs_url_is_loopback (url);
}

char *
cs_url_display_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    return g_strdup (_("the provider"));
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf (strchr (host, ':') ? "[%s]:%d" : "%s:%d", host, g_uri_get_port (uri));
  return g_strdup (host);
}

char *
cs_url_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  return host != NULL && *host != '\0' ? g_strdup (host) : NULL;
}

/* The URL's form is checked by the signer's own URL splitter, so that a URL accepted here is
 * one the signer can sign (and one the signer refuses is refused here, with its reason). */
gboolean
cs_endpoint_url_check (const char  *url,
                       gboolean     allow_insecure_http,
                       GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  base = cs_base_string_uri (url, error);
  if (base == NULL)
    return FALSE;
  if (allow_insecure_http || !cs_url_is_insecure_http (url))
    return TRUE;
  host = cs_url_display_host (url);
  g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INSECURE,
               _("Refusing to send credentials over plain http to %s: use https, or "
                 "explicitly allow insecure http"), host);
  return FALSE;
}
