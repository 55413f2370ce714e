/* pr-results-flags.h — integrity flags: raters to look at, never exclusions
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_FLAGS (pr_results_flags_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsFlags, pr_results_flags, PR, RESULTS_FLAGS, GtkBox)

/* Shows @analysis's flags to the organizer (they name raters). */
void        pr_results_flags_show     (PrResultsFlags    *self,
                                       PrResultsAnalysis *analysis,
                                       gboolean           organizer);
GtkListBox *pr_results_flags_get_list (PrResultsFlags    *self);

G_END_DECLS
