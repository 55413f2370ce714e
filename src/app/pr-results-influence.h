/* pr-results-influence.h — how far single ballots move each position
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_INFLUENCE (pr_results_influence_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsInfluence, pr_results_influence, PR, RESULTS_INFLUENCE, GtkBox)

/* Shows the influence of @analysis (when complete) for the people of
 * @table with at least the minimum of raters (DESIGN §6). */
void           pr_results_influence_show     (PrResultsInfluence   *self,
                                              PrResultsAnalysis    *analysis,
                                              const PrResultsTable *table);
GtkColumnView *pr_results_influence_get_view (PrResultsInfluence   *self);

G_END_DECLS
