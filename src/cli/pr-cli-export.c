/* pr-cli-export.c — peer-rank-cli export: an anonymised PrefLib file or
 * a spreadsheet of the results
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
#include "pr-cli-common.h"
#include "pr-output.h"
#include "pr-preflib.h"
#include "pr-results-xlsx.h"
#include "pr-round-profile.h"

/* DESIGN §7: the app's and the report's bootstrap. */
#define XLSX_RESAMPLES 1000
#define XLSX_SEED      1

/* The results as the window's Export ▸ Spreadsheet writes them: every
 * method, Plackett–Luce first, a bootstrap of 1,000 with seed 1. */
static GBytes *
xlsx_bytes (PrProfile   *profile,
            const char  *title,
            GError     **error)
{
  g_autoptr(PrResults) results = NULL;
  PrTallyOptions options;

  pr_tally_options_init (&options);
  options.bootstrap = XLSX_RESAMPLES;
  options.seed = XLSX_SEED;
  if ((results = pr_results_compute (profile, &options, NULL, error)) == NULL)
    return NULL;
  return pr_results_to_xlsx (results, NULL, title, error);
}

static gboolean
write_export (PrProfile   *profile,
              const char  *title,
              const char  *out,
              gboolean     xlsx,
              gboolean     force,
              GError     **error)
{
  g_autofree char *base = g_path_get_basename (out);
  g_autoptr(GBytes) bytes = NULL;

  /* Anonymised: voters and names are dropped, alternatives numbered. */
  if (!xlsx)
    {
      char *text = pr_preflib_write (profile, base, title, PR_PREFLIB_WRITE_DEFAULT);

      bytes = g_bytes_new_take (text, strlen (text));
    }
  else if ((bytes = xlsx_bytes (profile, title, error)) == NULL)
    return FALSE;
  return pr_output_write (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), force,
                          error);
}

static int
export_run (const char *dir,
            const char *out,
            gboolean    xlsx,
            const char *passphrase_file,
            gboolean    force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;
  g_autoptr(PrProfile) profile = NULL;
  g_autoptr(PrStore) store = NULL;

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
  if (!write_export (profile, pr_manifest_get_title (pr_store_get_manifest (store)), out, xlsx,
                     force, &error))
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  printf (xlsx ? ngettext ("Results of %u counted ballot written to %s.\n",
                           "Results of %u counted ballots written to %s.\n",
                           pr_profile_get_n_ballots (profile))
               : ngettext ("%u counted ballot written to %s.\n", "%u counted ballots written to %s.\n",
                           pr_profile_get_n_ballots (profile)),
          pr_profile_get_n_ballots (profile), out);
  return PR_CLI_EXIT_OK;
}

int
pr_cli_export (int    argc,
               char **argv)
{
  g_autofree char *preflib = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "preflib", 0, 0, G_OPTION_ARG_FILENAME, &preflib,
      N_("Write the counted ballots as an anonymised PrefLib .soi file"), "OUT.soi" },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx,
      N_("Write the results as a spreadsheet workbook"), "OUT.xlsx" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Passphrase from the first line of F"), "F" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace OUT if it exists (never a Peer Rank secret or round file)"), NULL },
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
  if (argc != 2 || (preflib == NULL) == (xlsx == NULL))
    {
      pr_cli_print_error (_("Usage: export DIR (--preflib OUT.soi | --xlsx OUT.xlsx) [--passphrase-file F] [--force]"));
      return PR_CLI_EXIT_USAGE;
    }
  return export_run (argv[1], xlsx != NULL ? xlsx : preflib, xlsx != NULL, passphrase_file, force);
}
