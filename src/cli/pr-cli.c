/* pr-cli.c — peer-rank-cli: dispatch to subcommands
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pr-cli.h"
#include "pr-cli-ballot.h"
#include "pr-cli-chart.h"
#include "pr-cli-report.h"
#include "pr-cli-demo.h"
#include "pr-cli-export.h"
#include "pr-cli-import.h"
#include "pr-cli-review.h"
#include "pr-cli-round.h"
#include "pr-cli-tally.h"
#include "pr-cli-watch.h"
#include "pr-core.h"

/* Each subcommand lives in its own pr-cli-<name>.c and is listed here,
 * in the order `peer-rank-cli --help` shows them. */
static const PrCliCommand commands[] = {
  { "round", pr_cli_round,
    "round create DIR --title T --roster FILE --invitations OUTDIR [--organizer NAME] "
    "[--description T] [--deadline YYYY-MM-DD] [--min-ranked N] [--min-raters N] "
    "[--passphrase-file F]\n"
    "  round show DIR [--json]\n"
    "  round reissue DIR MEMBER --out FILE [--force] [--passphrase-file F]\n"
    "  round receipts DIR [--passphrase-file F]\n"
    "  round check DIR [--passphrase-file F] [--accept-rollback] [--json]\n"
    "  round close DIR [--passphrase-file F] | round reopen DIR [--passphrase-file F]\n"
    "  round upgrade DIR [--passphrase-file F]\n"
    "  round mail DIR --invitations OUTDIR (--sendmail CMD | --out FOLDER) [--only MEMBER]... "
    "[--remind] [--from ADDRESS] [--passphrase-file F]",
    N_("Create a round, see who has voted, re-issue an invitation, publish receipts, "
       "check the round folder, close or reopen it, mail invitations and reminders") },
  { "ballot", pr_cli_ballot,
    "ballot create --invitation FILE --rank MEMBER [--rank MEMBER ...] --out FILE [--force]",
    N_("Seal a ballot from an invitation (for testing)") },
  { "import", pr_cli_import,
    "import DIR [PATH...] [--passphrase-file F] [--json]",
    N_("Import ballot files, mail files (.eml, .mbox) and folders into a round, with a report; "
       "without PATH, recover ballots an interrupted import left") },
  { "watch", pr_cli_watch,
    "watch DIR FOLDER... [--passphrase-file F]",
    N_("Import the ballot and mail files in folders now and as they arrive (a synced or shared "
       "folder as the round's ballot box), until Ctrl+C") },
  { "tally", pr_cli_tally,
    "tally (DIR [--passphrase-file F] | --preflib FILE) [--method M]... [--primary M] "
    "[--unranked ignore|below] [--bootstrap N] [--seed S] [--agreement] [--format json|csv|text]",
    N_("Rank the people of a round or a PrefLib file, with intervals and agreement") },
  { "export", pr_cli_export,
    "export DIR --preflib OUT.soi [--passphrase-file F] [--force]",
    N_("Write the counted ballots as an anonymised PrefLib file") },
  { "chart", pr_cli_chart,
    "chart (DIR [--passphrase-file F] | --preflib FILE) --kind scores|distribution|pairwise "
    "--out FILE.svg|png|pdf [--primary M] [--unranked ignore|below] [--bootstrap N] [--seed S] "
    "[--dark] [--force]",
    N_("Draw the scores, the position distributions or the pairwise preferences as SVG, PNG "
       "or PDF") },
  { "report", pr_cli_report,
    "report (DIR [--passphrase-file F] | --preflib FILE) --out FILE.pdf [--primary M] "
    "[--unranked ignore|below] [--bootstrap N] [--seed S] [--force]",
    N_("Write a PDF report: results, charts, method and coverage") },
  { "review", pr_cli_review,
    "review DIR [--passphrase-file F] [--json]",
    N_("List the conflicting and flagged ballots that await your decision") },
  { "accept", pr_cli_accept,
    "accept DIR FINGERPRINT [--passphrase-file F]",
    N_("Accept a conflicting or flagged ballot (journaled)") },
  { "refuse", pr_cli_refuse,
    "refuse DIR FINGERPRINT [--passphrase-file F]",
    N_("Refuse a conflicting or flagged ballot: it stays stored and never counts (journaled)") },
  { "demo", pr_cli_demo,
    "demo DIR --members N --ballots M [--seed S] [--passphrase-file F]",
    N_("Write a demo round with invitations and generated ballots") },
  { NULL, NULL, NULL, NULL },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: peer-rank-cli COMMAND [ARGUMENTS…]"));
  fprintf (out, "\n%s\n", _("Runs the organizer's steps of a Peer Rank round without the app."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %s\n      %s\n", commands[i].synopsis, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --help     %s\n", _("Show this help"));
  fprintf (out, "  --version  %s\n", _("Show the version"));
}

int
pr_cli_main (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!pr_core_init (&error))
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }

  if (argc < 2)
    {
      print_usage (stderr);
      return PR_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return PR_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      printf ("peer-rank-cli %s\n", PACKAGE_VERSION);
      return PR_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (name, commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  pr_cli_print_error (_("“%s” is not a command. See “peer-rank-cli --help”."), name);
  return PR_CLI_EXIT_USAGE;
}
