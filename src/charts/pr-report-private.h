/* pr-report-private.h — what tests may see of the PDF report
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-report.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

/* How the column headers of the report's tables were set. */
typedef struct {
  guint n_headers;     /* header cells drawn (each table, each page) */
  guint n_ellipsized;  /* cut short with "…": never wanted */
  guint n_broken;      /* a word split across lines, or wider than its column */
  guint n_wrapped;     /* on more than one line */
  guint n_shrunk;      /* set smaller than the usual header size */
} PrReportHeaderStats;

/* pr_report_render(), saying in @stats how the headers were set. */
GBytes *pr_report_render_with_stats (const PrReportInfo       *info,
                                     const PrResultsAnalysis  *analysis,
                                     const PrResultsTable     *table,
                                     PrReportHeaderStats      *stats,
                                     GError                  **error);

G_END_DECLS
