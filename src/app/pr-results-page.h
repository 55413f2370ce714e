/* pr-results-page.h — the aggregate ranking of a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_PAGE (pr_results_page_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsPage, pr_results_page, PR, RESULTS_PAGE, AdwBin)

GtkWidget *pr_results_page_new         (void);
void       pr_results_page_set_results (PrResultsPage   *self,
                                        const char      *title,
                                        const char      *summary,
                                        const PrResults *results);
guint      pr_results_page_get_n_rows  (PrResultsPage   *self);

G_END_DECLS
