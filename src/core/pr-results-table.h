/* pr-results-table.h — the one results table every output renders
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-methods.h"
#include "pr-stats.h"

G_BEGIN_DECLS

/* pr-results.h's: the table is built from a tally. */
typedef struct _PrResults PrResults;

typedef enum {
  PR_TABLE_FLAG_NONE              = 0,
  PR_TABLE_FLAG_FEW_RATERS        = 1 << 0,  /* 0 < raters < the minimum */
  PR_TABLE_FLAG_UNRANKED          = 1 << 1,  /* nobody ranked them */
  PR_TABLE_FLAG_DEPENDS_ON_METHOD = 1 << 2,  /* some method places them outside
                                              * their 90 % interval */
} PrTableFlags;

#define PR_TABLE_N_FLAGS 3

typedef struct {
  guint         candidate;
  gboolean      placed;
  guint         position;                /* 1..n_placed, ties share one; 0 unplaced */
  double        score;                   /* as every output shows it (see
                                          * pr_results_table_score()); NAN: none,
                                          * or unplaced */
  gboolean      has_interval;            /* a bootstrap was run */
  guint         low;                     /* 90 % interval of the position, in the */
  guint         high;                    /* placed people's numbering */
  guint         raters;
  guint         positions[PR_N_METHODS]; /* each shown method's position in the
                                          * same numbering; 0: not shown, or unplaced */
  PrTableFlags  flags;
} PrTableRow;

/* DESIGN §6 "One results table". Rows in display order: placed people by
 * position (then candidate order), then the unplaced — fewer raters than
 * the minimum, or nobody — by raters (most first), then candidate order.
 * Positions are standard competition positions among the placed (1, 2,
 * 2, 4): nobody unplaced leaves a gap. An unplaced person's interval says
 * where they would fall among the placed. */
typedef struct {
  PrMethod    method;      /* the method the table is ordered by */
  guint       min_raters;
  gboolean    place_all;   /* everyone placed, as the methods place them */
  guint       methods;     /* mask of 1 << PrMethod in positions[] */
  guint       n;
  guint       n_placed;
  PrTableRow *rows;        /* n rows in display order */
  guint      *row_of;      /* candidate → index in rows */
} PrResultsTable;

/* The table of @results (computed with the order method's positions,
 * see pr_results_order_method()), placing people with at least
 * @min_raters raters (and at least one), or everyone with @place_all. */
PrResultsTable *pr_results_table_new   (const PrResults *results,
                                        guint            min_raters,
                                        gboolean         place_all);
void            pr_results_table_free  (PrResultsTable  *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrResultsTable, pr_results_table_free)

const PrTableRow *pr_results_table_get_row (const PrResultsTable *table,
                                            guint                 candidate);

/* The displayed value of a method's raw score, rounded once for every
 * output: Plackett–Luce the chance in per cent above a typical teammate
 * with one decimal (never 0 or 100: it is a chance), Borda three
 * decimals, Copeland a whole number; NAN for methods without a score. */
double      pr_results_table_score     (PrMethod     method,
                                        double       raw);
/* A chance (0…1) in per cent as every output shows it: one decimal,
 * within 0.1…99.9. */
double      pr_results_table_chance_percent (double chance);
/* The score as text with its unit ("73.4 %", "0.625", "3"), or "—". */
char       *pr_results_table_format_score (PrMethod  method,
                                           double    score);
/* Whether the method's score is a per cent (Plackett–Luce). */
gboolean    pr_results_table_score_is_percent (PrMethod method);
/* The machine token of a flag ("few_raters", "unranked",
 * "depends_on_method"), never translated. */
const char *pr_table_flag_to_string    (PrTableFlags flag);

/* Each person's positions over @bootstrap's resamples in the table's
 * numbering: counts[c * n + (position − 1)], n × n of them. */
guint      *pr_results_table_distributions (const PrResultsTable *table,
                                            const PrBootstrap    *bootstrap);

/* Candidate @c's alone (n counts), without renumbering everyone. */
guint      *pr_results_table_distribution  (const PrResultsTable *table,
                                            const PrBootstrap    *bootstrap,
                                            guint                 candidate);

/* Standard competition positions among the people @placed: out[c] = 1 +
 * the number of placed people whose key is smaller than c's. Keys of 0
 * (no position) give 0. For everyone, placed or not. */
void        pr_results_table_renumber  (const guint    *keys,
                                        const gboolean *placed,
                                        guint           n,
                                        guint          *out);

/* The table of @results with its own options (place_all, the profile's
 * minimum of raters). */
PrResultsTable *pr_results_get_table (const PrResults *results);

G_END_DECLS
