/* pr-cli-common.c — what peer-rank-cli's subcommands share: errors and
 * outputs
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-cli-common.h"
#include "pr-output.h"

void
pr_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: prefix of every error the command line tool prints */
  g_printerr (_("peer-rank-cli: %s\n"), message);
}

gboolean
pr_cli_check_output (const char *path,
                     gboolean    force)
{
  g_autoptr(GError) error = NULL;

  if (pr_output_check (path, force, &error))
    return TRUE;
  if (g_error_matches (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      pr_cli_print_error (_("%s already exists; choose another file, or add --force to "
                            "replace it."), display);
    }
  else
    pr_cli_print_error ("%s", error->message);
  return FALSE;
}
