/* main.c — Peer Rank entry point
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pr-application.h"
#include "pr-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PrApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  pr_core_raise_file_limit ();
  app = pr_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
