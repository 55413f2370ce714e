/* pr-report-view.h — the per-file report of an import, filterable
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-report-item.h"

G_BEGIN_DECLS

#define PR_TYPE_REPORT_VIEW (pr_report_view_get_type ())

G_DECLARE_FINAL_TYPE (PrReportView, pr_report_view, PR, REPORT_VIEW, AdwBin)

void        pr_report_view_clear      (PrReportView *self);
/* Appends the PrReportItems of @items in one step and empties @items. */
void        pr_report_view_append     (PrReportView *self,
                                       GPtrArray    *items);
/* A PrBallotStatus, or -1 to show every status. */
void        pr_report_view_set_filter (PrReportView *self,
                                       int           status);
int         pr_report_view_get_filter (PrReportView *self);
/* Every line, and the lines the filter shows. */
GListModel *pr_report_view_get_items  (PrReportView *self);
GListModel *pr_report_view_get_shown  (PrReportView *self);
/* The shown lines as tab-separated text: status, file, member, message. */
char       *pr_report_view_dup_text   (PrReportView *self);

G_END_DECLS
