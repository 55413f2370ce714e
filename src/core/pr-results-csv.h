/* pr-results-csv.h — a tally as CSV, plain or for the user's locale
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-results.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

/* One row per person (candidate order): id, name, raters, every shown
 * method's position and score, the bootstrap interval, whether the
 * position varies between methods, then the table's position, placed,
 * score, low, high and flags. @table NULL: pr_results_get_table(). */
char      *pr_results_to_csv  (const PrResults      *results,
                               const PrResultsTable *table);
/* The same for a spreadsheet of the user's locale: where the decimal
 * separator is a comma, fields are separated by semicolons and numbers
 * written with a decimal comma (a spreadsheet set to German reads a
 * comma-separated file as one column). */
char      *pr_results_to_csv_localized (const PrResults      *results,
                                        const PrResultsTable *table);
/* The same with @separator between fields and, with @decimal_comma,
 * numbers written with a comma. */
char      *pr_results_to_csv_with      (const PrResults      *results,
                                        const PrResultsTable *table,
                                        char                  separator,
                                        gboolean              decimal_comma);

G_END_DECLS
