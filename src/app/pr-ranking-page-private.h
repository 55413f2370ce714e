/* pr-ranking-page-private.h — what tests may see of the ranking page
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-ranking-page.h"
#include "pr-ranking-row.h"
#include "pr-ranking.h"

G_BEGIN_DECLS

const PrRanking  *pr_ranking_page_get_ranking     (PrRankingPage *self);
PrRankingRow     *pr_ranking_page_get_row         (PrRankingPage *self,
                                                   guint          member);
GtkListBox       *pr_ranking_page_get_list        (PrRankingPage *self,
                                                   gboolean       ranked);
GtkNativeDialog  *pr_ranking_page_get_file_chooser (PrRankingPage *self);
/* The message dialog shown last, while it is open. */
AdwMessageDialog *pr_ranking_page_get_dialog      (PrRankingPage *self);
GtkEditable      *pr_ranking_page_get_search_entry (PrRankingPage *self);
/* Applies the search text now (as the entry does after typing stops)
 * and returns how long filtering both sections took, in microseconds. */
gint64            pr_ranking_page_filter_now      (PrRankingPage *self);
/* What accepting the Export Ballot chooser with @file does. */
void              pr_ranking_page_export_to_file  (PrRankingPage *self,
                                                   GFile         *file);
/* The header: "Organized by … · Deadline …", and whether it says the
 * deadline has passed. */
const char       *pr_ranking_page_get_details     (PrRankingPage *self);
gboolean          pr_ranking_page_get_deadline_passed (PrRankingPage *self);
GtkScrolledWindow *pr_ranking_page_get_scroller   (PrRankingPage *self);
/* Text shown about the last ballot sent, "" when none. */
const char       *pr_ranking_page_get_sent_text   (PrRankingPage *self);

/* For the page's own files (pr-ranking-page-*.c). */

/* The short fingerprint of the last ballot sealed, NULL when none. */
const char       *pr_ranking_page_get_sent_fingerprint (PrRankingPage *self);
/* A message dialog, one at a time, remembered for tests. */
AdwMessageDialog *pr_ranking_page_show_dialog     (PrRankingPage *self,
                                                   const char    *heading,
                                                   const char    *body);
/* Checking the published receipts (pr-ranking-page-receipt.c). */
void              pr_ranking_page_class_init_receipt (GtkWidgetClass *widget_class);

G_END_DECLS
