/* pr-cli-chart.h — peer-rank-cli chart
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-position-histogram.h"
#include "pr-report.h"
#include "pr-results.h"

G_BEGIN_DECLS

int pr_cli_chart (int    argc,
                  char **argv);

/* What `chart` and `report` share: where the ballots come from and how
 * the primary method runs. */
typedef struct {
  char     *preflib;
  char     *passphrase_file;
  char     *out;
  char     *primary;
  char     *unranked;
  int       bootstrap;   /* -1: not given */
  char     *seed;
  int       min_raters;  /* -1: not given */
  gboolean  place_all;
  gboolean  force;
  char    **rest;
} PrCliChartArgs;

void       pr_cli_chart_args_clear  (PrCliChartArgs  *args);
/* The option entries of PrCliChartArgs, to add to a GOptionContext. */
void       pr_cli_chart_add_entries (GOptionContext  *context,
                                     PrCliChartArgs  *args);
/* Options for the primary method's tally: every method when
 * @all_methods, the primary only otherwise; @resamples by default
 * (DESIGN §7: 1,000, seed 1). */
gboolean   pr_cli_chart_options     (const PrCliChartArgs *args,
                                     gboolean              all_methods,
                                     guint                 resamples,
                                     PrTallyOptions       *options,
                                     GError              **error);
/* Title and fingerprint from the round, or the PrefLib file's name
 * (@title and @fingerprint own the strings @info points to). */
gboolean   pr_cli_chart_describe_source (const PrCliChartArgs  *args,
                                         PrReportInfo          *info,
                                         char                 **title,
                                         char                 **fingerprint,
                                         GError               **error);
/* The profile of the round folder or of --preflib. */
PrProfile *pr_cli_chart_load        (const PrCliChartArgs *args,
                                     GError              **error);

G_END_DECLS
