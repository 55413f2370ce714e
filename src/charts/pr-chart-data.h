/* pr-chart-data.h — what the charts show, taken from a tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-position-histogram.h"
#include "pr-results.h"

G_BEGIN_DECLS

/* What the primary method's score means on the scores chart. */
typedef enum {
  PR_CHART_SCALE_NONE,     /* an order only (schulze, ranked_pairs, kemeny) */
  PR_CHART_SCALE_CHANCE,   /* Plackett–Luce: chance to be ranked above a typical teammate, 0…1 */
  PR_CHART_SCALE_BORDA,    /* mean normalised Borda score, 0…1 */
  PR_CHART_SCALE_COUNT,    /* Copeland: pairwise wins − losses */
} PrChartScale;

typedef struct {
  char     *id;
  char     *name;
  guint     position;     /* under the primary method (1, 2, 2, 4) */
  double    score;        /* on the chart's scale; NAN: none (nobody ranked them) */
  guint     raters;
  gboolean  has_interval; /* a bootstrap was run */
  guint     low;          /* 90 % bootstrap interval of the position … */
  guint     median;
  guint     high;         /* … and its median, as the core reports them */
  gboolean  withheld;     /* fewer raters than min_raters: no per-person
                           * breakdown may be shown (DESIGN §6) */
  guint    *histogram;    /* n counts, positions 1…n; NULL when withheld or
                           * when no distribution was computed */
} PrChartPerson;

typedef struct {
  guint          n;
  PrChartPerson *people;      /* candidate order */
  guint         *order;       /* display order: by the primary position, then
                               * candidate order (as `tally`'s text table) */
  PrMethod       primary;
  PrTreatment    treatment;
  PrChartScale   scale;
  double         score_min;   /* the scale's axis range */
  double         score_max;
  guint          min_raters;
  guint          n_ballots;
  guint          resamples;   /* 0: no bootstrap */
  guint64        seed;
  guint         *pairwise;    /* N[a * n + b]: ballots preferring a to b under
                               * the treatment */
} PrChartData;

/* Copies what the charts need from @results (computed with the primary
 * method's positions) and, when given, the position distribution of the
 * same bootstrap. The privacy guard lives here: people with fewer than
 * the profile's min_raters raters get no histogram. */
PrChartData *pr_chart_data_new            (const PrResults           *results,
                                           const PrPositionHistogram *histogram);
void         pr_chart_data_free           (PrChartData               *data);

/* Whether the pairwise cell (a, b) may be shown: both people have at
 * least min_raters raters (a row or column of the matrix is a breakdown
 * of one person's comparisons). */
gboolean     pr_chart_data_cell_visible   (const PrChartData         *data,
                                           guint                      a,
                                           guint                      b);

/* The chance that a is ranked above a typical teammate under
 * Plackett–Luce (log-worth θ, centred so a typical teammate has 0):
 * 1 / (1 + e^−θ), as `tally`'s text table and the results page show it. */
double       pr_chart_chance_above_typical (double                   log_worth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrChartData, pr_chart_data_free)

G_END_DECLS
