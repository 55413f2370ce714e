/* pr-cli.h — shared pieces of peer-rank-cli's subcommands
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, DESIGN §7: 2 wins over 1. */
enum {
  PR_CLI_EXIT_OK       = 0,
  PR_CLI_EXIT_REJECTED = 1,
  PR_CLI_EXIT_USAGE    = 2,
};

/* A subcommand gets argv with argv[0] being its own name
 * (e.g. "round" or "tally") and returns an exit status. */
typedef int (*PrCliCommandFunc) (int    argc,
                                 char **argv);

typedef struct {
  const char       *name;
  PrCliCommandFunc  run;
  const char       *synopsis;  /* untranslated usage line */
  const char       *summary;   /* N_() marked, translated at print time */
} PrCliCommand;

int  pr_cli_main        (int    argc,
                         char **argv);
void pr_cli_print_error (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);

/* Whether @path may receive a command's output (pr_output_check()); if
 * not, prints why (suggesting --force when the file only exists). */
gboolean pr_cli_check_output (const char *path,
                              gboolean    force);

G_END_DECLS
