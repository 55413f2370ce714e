/* pr-cli.h — peer-rank-cli's dispatcher: the table of subcommands
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-cli-common.h"

G_BEGIN_DECLS

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

G_END_DECLS
