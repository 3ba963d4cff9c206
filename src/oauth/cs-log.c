/* cs-log.c — G_MESSAGES_DEBUG=countersign turns on every layer's debug output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cs-log.h"

/* Call first thing in main(), before any thread is started: it may change the environment. */
void
cs_log_init (void)
{
  const char *domains = g_getenv ("G_MESSAGES_DEBUG");
  g_auto (GStrv) words = NULL;
  g_autofree char *expanded = NULL;

  if (domains == NULL)
    return;
  words = g_strsplit_set (domains, " ,", -1);
  if (!g_strv_contains ((const char * const *) words, "countersign"))
    return;
  expanded = g_strconcat (domains, " " CS_LOG_DOMAINS, NULL);
  g_setenv ("G_MESSAGES_DEBUG", expanded, TRUE);
}
