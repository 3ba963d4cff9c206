/* main.c — Countersign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cs-application.h"
#include "cs-log.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (CsApplication) app = NULL;
  const char *localedir = g_getenv ("COUNTERSIGN_LOCALEDIR");

  /* COUNTERSIGN_LOCALEDIR lets tests and build-aux/run use the catalogs in the build tree. */
  cs_log_init ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
