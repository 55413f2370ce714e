/* pr-results-ranking.h — the results table: people placed, people too
 * few raters place, and what one person's position rests on
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_RANKING (pr_results_ranking_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsRanking, pr_results_ranking, PR, RESULTS_RANKING, GtkBox)

/* Shows @table (one of @analysis's tables): its rows, the words around
 * them and the selected person's details. The selection and the scroll
 * position are kept across calls. */
void           pr_results_ranking_show           (PrResultsRanking        *self,
                                                  PrResultsAnalysis       *analysis,
                                                  const PrResultsTable    *table);
/* Who ranked a person where, by name, is the organizer's (DESIGN §6). */
void           pr_results_ranking_set_organizer  (PrResultsRanking        *self,
                                                  gboolean                 organizer);
/* Hides individual ballots again until the next *Show Individual
 * Ballots…* (a new round, or new ballots from another source). */
void           pr_results_ranking_conceal        (PrResultsRanking        *self);
gboolean       pr_results_ranking_get_revealed   (PrResultsRanking        *self);

guint          pr_results_ranking_get_n_rows     (PrResultsRanking        *self);
GtkColumnView *pr_results_ranking_get_view       (PrResultsRanking        *self);
GtkColumnView *pr_results_ranking_get_unplaced_view (PrResultsRanking     *self);
/* Selects candidate @candidate (placed or not) and returns the details
 * text shown for them. */
const char    *pr_results_ranking_select_person  (PrResultsRanking        *self,
                                                  guint                    candidate);
/* The confirmation *Show Individual Ballots…* opened, while it is open. */
AdwMessageDialog *pr_results_ranking_get_reveal_dialog (PrResultsRanking  *self);

G_END_DECLS
