/* pr-results-item.h — one person of a tally, for the results page's tables
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pr-results-analysis.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_ITEM (pr_results_item_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsItem, pr_results_item, PR, RESULTS_ITEM, GObject)

/* Copies what the tables show of candidate @candidate from @table (the
 * results table of @analysis's results) and @analysis. */
PrResultsItem  *pr_results_item_new            (const PrResultsAnalysis *analysis,
                                                const PrResultsTable    *table,
                                                guint                    candidate);

guint           pr_results_item_get_candidate  (PrResultsItem *self);
const char     *pr_results_item_get_id         (PrResultsItem *self);
const char     *pr_results_item_get_name       (PrResultsItem *self);
PrMethod        pr_results_item_get_method     (PrResultsItem *self);
/* Whether the table places the person (DESIGN §6). */
gboolean        pr_results_item_get_placed     (PrResultsItem *self);
/* The table's position (1, 2, 2, 4 among the placed); 0 unplaced. */
guint           pr_results_item_get_position   (PrResultsItem *self);
/* The table's score, as shown (pr_results_table_score()); NAN for none. */
double          pr_results_item_get_score      (PrResultsItem *self);
/* FALSE without a bootstrap. */
gboolean        pr_results_item_get_interval   (PrResultsItem *self,
                                                guint         *low,
                                                guint         *high);
guint           pr_results_item_get_raters     (PrResultsItem *self);
PrTableFlags    pr_results_item_get_flags      (PrResultsItem *self);
/* The table's position under @method; 0 where not computed, or unplaced. */
guint           pr_results_item_get_method_position (PrResultsItem *self,
                                                     PrMethod       method);
/* Whether the person has at least the round's minimum of raters: only
 * then may a per-person breakdown be shown (DESIGN §6). */
gboolean        pr_results_item_get_breakdown_allowed (PrResultsItem *self);
/* FALSE where influence was not computed. */
gboolean        pr_results_item_get_influence  (PrResultsItem *self,
                                                guint         *max_shift,
                                                guint         *n_moving);

/* The table's cells as shown (translated where words are involved). */
char           *pr_results_item_format_position (PrResultsItem *self);
char           *pr_results_item_format_score    (PrResultsItem *self);
char           *pr_results_item_format_interval (PrResultsItem *self);
char           *pr_results_item_format_raters   (PrResultsItem *self);
/* The flags in words, one sentence each, "" for none. */
char           *pr_results_item_format_flags    (PrResultsItem *self);

/* The results table's own order. */
int             pr_results_item_compare_position (PrResultsItem *a,
                                                  PrResultsItem *b);

G_END_DECLS
