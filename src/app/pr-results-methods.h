/* pr-results-methods.h — each method's position for each person
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_METHODS (pr_results_methods_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsMethods, pr_results_methods, PR, RESULTS_METHODS, GtkBox)

/* Shows each method's positions in @table's numbering. */
void           pr_results_methods_show     (PrResultsMethods     *self,
                                            PrResultsAnalysis    *analysis,
                                            const PrResultsTable *table);
GtkColumnView *pr_results_methods_get_view (PrResultsMethods     *self);

G_END_DECLS
