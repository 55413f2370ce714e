/* pr-results-xlsx.h — a tally as a spreadsheet workbook
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-results-table.h"
#include "pr-results.h"

G_BEGIN_DECLS

#define PR_RESULTS_XLSX_ERROR (pr_results_xlsx_error_quark ())
GQuark  pr_results_xlsx_error_quark (void);

/* An .xlsx workbook of @table (NULL: the results' own): sheet "Results"
 * headed by @title with the table in its order (numbers as numbers,
 * names as text), the unplaced under their own heading; "Methods" with
 * each shown method's positions; "Coverage" with raters, comparison
 * group and what the order of each person rests on. */
GBytes *pr_results_to_xlsx (const PrResults      *results,
                            const PrResultsTable *table,
                            const char           *title,
                            GError              **error);

G_END_DECLS
