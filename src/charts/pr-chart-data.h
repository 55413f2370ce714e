/* pr-chart-data.h — what the charts show, taken from a tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-position-histogram.h"
#include "pr-results-table.h"
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
  gboolean  placed;       /* enough raters for a position (DESIGN §6) */
  guint     position;     /* the results table's (1, 2, 2, 4); 0 unplaced */
  double    score;        /* on the chart's scale; NAN: none (nobody ranked them) */
  guint     raters;
  gboolean  has_interval; /* a bootstrap was run */
  guint     low;          /* 90 % bootstrap interval of the position, in */
  guint     median;       /* the table's numbering … */
  guint     high;         /* … and its median */
  gboolean  withheld;     /* fewer raters than min_raters: no per-person
                           * breakdown may be shown (DESIGN §6) */
  guint    *histogram;    /* n counts, positions 1…n in the table's
                           * numbering; NULL when withheld or when no
                           * distribution was computed */
} PrChartPerson;

typedef struct {
  guint          n;
  PrChartPerson *people;      /* candidate order */
  guint         *order;       /* display order: the results table's */
  guint          n_placed;
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
  char          *round_title; /* NULL: none; heads every chart */
} PrChartData;

/* Copies what the charts need from @results (computed with the primary
 * method's positions) as @table (NULL: pr_results_get_table()) shows
 * them and, when given, @distributions: the bootstrap's positions in the
 * table's numbering (pr_results_table_distributions()). The privacy
 * guard lives here: people with fewer than the profile's min_raters
 * raters get no histogram. */
PrChartData *pr_chart_data_new            (const PrResults           *results,
                                           const PrResultsTable      *table,
                                           const guint               *distributions);
void         pr_chart_data_free           (PrChartData               *data);
/* The round's title, shown above the chart's own. */
void         pr_chart_data_set_round_title (PrChartData              *data,
                                            const char               *title);

typedef enum {
  PR_CELL_SHOWN,
  PR_CELL_WITHHELD_PERSON,  /* one of the two has fewer than min_raters raters */
  PR_CELL_FEW_BALLOTS,      /* fewer than min_raters ballots compare the two */
} PrCellVisibility;

/* Whether the pairwise cell (a, b) may be shown (DESIGN §6): no figure
 * from fewer ballots than the round's minimum of raters, and no row or
 * column of a person under it (a breakdown of their comparisons). A
 * pair no ballot compares is PR_CELL_SHOWN: there is nothing to reveal. */
PrCellVisibility pr_chart_data_cell_visibility (const PrChartData    *data,
                                                guint                 a,
                                                guint                 b);
gboolean     pr_chart_data_cell_visible   (const PrChartData         *data,
                                           guint                      a,
                                           guint                      b);

/* The chance that a is ranked above a typical teammate under
 * Plackett–Luce (log-worth θ, centred so a typical teammate has 0):
 * 1 / (1 + e^−θ), as `tally`'s text table and the results page show it. */
double       pr_chart_chance_above_typical (double                   log_worth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrChartData, pr_chart_data_free)

G_END_DECLS
