/* cs-callback-settings.c — the loopback callback port remembered per provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-callback-settings.h"

#define PORTS_KEY "loopback-ports"

guint
cs_callback_settings_get_port (GSettings  *settings,
                               CsProvider *provider)
{
  g_autoptr(GVariant) ports = NULL;
  guint32 port;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);
  g_return_val_if_fail (CS_IS_PROVIDER (provider), 0);

  ports = g_settings_get_value (settings, PORTS_KEY);
  if (g_variant_lookup (ports, cs_provider_get_id (provider), "u", &port) && port <= G_MAXUINT16)
    return port;
  return cs_provider_get_callback_port (provider);
}

void
cs_callback_settings_set_port (GSettings  *settings,
                               CsProvider *provider,
                               guint       port)
{
  g_autoptr(GVariant) ports = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{su}"));
  const char *id;
  GVariantIter iter;
  const char *key;
  guint32 value;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (CS_IS_PROVIDER (provider));
  g_return_if_fail (port <= G_MAXUINT16);

  if (cs_callback_settings_get_port (settings, provider) == port)
    return;
  id = cs_provider_get_id (provider);
  ports = g_settings_get_value (settings, PORTS_KEY);
  g_variant_iter_init (&iter, ports);
  while (g_variant_iter_next (&iter, "{&su}", &key, &value))
    if (g_strcmp0 (key, id) != 0)
      g_variant_builder_add (&builder, "{su}", key, value);
  g_variant_builder_add (&builder, "{su}", id, (guint32) port);
  g_settings_set_value (settings, PORTS_KEY, g_variant_builder_end (&builder));
}

gboolean
cs_callback_settings_parse_port (const char *text,
                                 guint      *port)
{
  guint64 number = 0;

  g_return_val_if_fail (text != NULL && port != NULL, FALSE);

  *port = 0;
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &number, NULL))
    return FALSE;
  *port = number;
  return TRUE;
}
