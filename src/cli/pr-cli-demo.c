/* pr-cli-demo.c — peer-rank-cli demo
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pr-cli-demo.h"
#include "pr-cli-passphrase.h"
#include "pr-cli-common.h"
#include "pr-demo.h"

typedef struct {
  int   members;
  int   ballots;
  char *seed;
  char *passphrase_file;
} Args;

static gboolean
check_args (Args     *a,
            int       argc,
            guint64  *seed,
            GError  **error)
{
  if (argc != 2 || a->members == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Usage: demo DIR --members N --ballots M [--seed S] [--passphrase-file F]"));
      return FALSE;
    }
  if (a->members < 2 || a->members > PR_DEMO_MAX_MEMBERS ||
      a->ballots < 0 || a->ballots > PR_DEMO_MAX_BALLOTS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--members must be 2 to %d and --ballots 0 to %d."),
                   PR_DEMO_MAX_MEMBERS, PR_DEMO_MAX_BALLOTS);
      return FALSE;
    }
  *seed = 0;
  if (a->seed != NULL &&
      !g_ascii_string_to_unsigned (a->seed, 10, 0, G_MAXUINT32, seed, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be a whole number from 0 to %u."), G_MAXUINT32);
      return FALSE;
    }
  return TRUE;
}

static int
demo_run (Args       *a,
          const char *dir,
          guint64     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;

  if (a->passphrase_file != NULL &&
      (passphrase = pr_cli_passphrase_get (a->passphrase_file, FALSE, &error)) == NULL)
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  if (!pr_demo_generate (dir, (guint) a->members, (guint) a->ballots, (guint32) seed,
                         passphrase, &error))
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  printf (_("Demo round written to %s/round, %d invitations to %s/invitations and %d ballots "
            "to %s/ballots.\n"), dir, a->members, dir, a->ballots, dir);
  if (passphrase == NULL)
    printf (_("Its passphrase is “%s”.\n"), PR_DEMO_PASSPHRASE);
  return PR_CLI_EXIT_OK;
}

int
pr_cli_demo (int    argc,
             char **argv)
{
  Args a = { 0 };
  const GOptionEntry entries[] = {
    { "members", 0, 0, G_OPTION_ARG_INT, &a.members, N_("Members of the round"), "N" },
    { "ballots", 0, 0, G_OPTION_ARG_INT, &a.ballots, N_("Ballot files to write"), "M" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &a.seed, N_("Seed of the random model"), "S" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a.passphrase_file,
      N_("Passphrase from the first line of F (default: demo)"), "F" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  guint64 seed = 0;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !check_args (&a, argc, &seed, &error))
    {
      pr_cli_print_error ("%s", error->message);
      status = PR_CLI_EXIT_USAGE;
    }
  else
    status = demo_run (&a, argv[1], seed);
  g_free (a.seed);
  g_free (a.passphrase_file);
  return status;
}
