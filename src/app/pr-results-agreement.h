/* pr-results-agreement.h — agreement between raters: Kendall's W and each rater's τ
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_AGREEMENT (pr_results_agreement_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsAgreement, pr_results_agreement, PR, RESULTS_AGREEMENT, GtkBox)

/* Each rater's τ is who-ranked-whom data: shown to the organizer only. */
void         pr_results_agreement_show     (PrResultsAgreement *self,
                                            PrResultsAnalysis  *analysis,
                                            gboolean            organizer);
GtkListView *pr_results_agreement_get_view (PrResultsAgreement *self);
/* Kendall's W as shown ("—" when there is none). */
const char  *pr_results_agreement_get_text (PrResultsAgreement *self);

G_END_DECLS
