/* pr-results-coverage.h — who was ranked by enough people, and who is compared with whom
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_COVERAGE (pr_results_coverage_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsCoverage, pr_results_coverage, PR, RESULTS_COVERAGE, AdwBin)

void        pr_results_coverage_show     (PrResultsCoverage    *self,
                                          PrResultsAnalysis    *analysis,
                                          const PrResultsTable *table);
GtkListBox *pr_results_coverage_get_list (PrResultsCoverage    *self);

G_END_DECLS
