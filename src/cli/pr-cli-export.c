/* pr-cli-export.c — peer-rank-cli export: an anonymised PrefLib file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pr-cli-export.h"
#include "pr-cli-passphrase.h"
#include "pr-cli.h"
#include "pr-output.h"
#include "pr-preflib.h"
#include "pr-round-profile.h"

static int
export_run (const char *dir,
            const char *out,
            const char *passphrase_file,
            gboolean    force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;
  g_autoptr(PrProfile) profile = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autofree char *base = g_path_get_basename (out);
  g_autofree char *text = NULL;

  /* Checked first: no passphrase is asked for an output that is refused. */
  if (!pr_cli_check_output (out, force))
    return PR_CLI_EXIT_USAGE;
  if ((store = pr_store_open (dir, &error)) == NULL ||
      (passphrase = pr_cli_passphrase_get (passphrase_file, FALSE, &error)) == NULL ||
      (profile = pr_round_profile_load (dir, passphrase, &error)) == NULL)
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  /* Anonymised: voters and names are dropped, alternatives numbered. */
  text = pr_preflib_write (profile, base, pr_manifest_get_title (pr_store_get_manifest (store)),
                           PR_PREFLIB_WRITE_DEFAULT);
  if (!pr_output_write (out, text, strlen (text), force, &error))
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  printf (ngettext ("%u counted ballot written to %s.\n", "%u counted ballots written to %s.\n",
                    pr_profile_get_n_ballots (profile)),
          pr_profile_get_n_ballots (profile), out);
  return PR_CLI_EXIT_OK;
}

int
pr_cli_export (int    argc,
               char **argv)
{
  g_autofree char *preflib = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "preflib", 0, 0, G_OPTION_ARG_FILENAME, &preflib,
      N_("Write the counted ballots as an anonymised PrefLib .soi file"), "OUT.soi" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Passphrase from the first line of F"), "F" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace OUT.soi if it exists (never a Peer Rank secret or round file)"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  if (argc != 2 || preflib == NULL)
    {
      pr_cli_print_error (_("Usage: export DIR --preflib OUT.soi [--passphrase-file F] [--force]"));
      return PR_CLI_EXIT_USAGE;
    }
  return export_run (argv[1], preflib, passphrase_file, force);
}
