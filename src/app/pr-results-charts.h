/* pr-results-charts.h — the results charts of one table
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_CHARTS (pr_results_charts_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsCharts, pr_results_charts, PR, RESULTS_CHARTS, GtkBox)

/* Shows the chart chosen of @table, headed by @title (nullable). */
void         pr_results_charts_show     (PrResultsCharts      *self,
                                         PrResultsAnalysis    *analysis,
                                         const PrResultsTable *table,
                                         const char           *title);
/* A PrChartKind. */
guint        pr_results_charts_get_kind (PrResultsCharts      *self);
void         pr_results_charts_set_kind (PrResultsCharts      *self,
                                         guint                 kind);
GtkWidget   *pr_results_charts_get_view (PrResultsCharts      *self);

G_END_DECLS
