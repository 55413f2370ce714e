/* pr-report-item.h — one line of an import report, for list models
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pr-import.h"

G_BEGIN_DECLS

#define PR_TYPE_REPORT_ITEM (pr_report_item_get_type ())

G_DECLARE_FINAL_TYPE (PrReportItem, pr_report_item, PR, REPORT_ITEM, GObject)

/* @member_name: the member's name when known, else NULL. */
PrReportItem   *pr_report_item_new             (const PrImportResult *result,
                                                const char           *member_name);
const char     *pr_report_item_get_path        (PrReportItem *self);
PrBallotStatus  pr_report_item_get_status      (PrReportItem *self);
const char     *pr_report_item_get_code        (PrReportItem *self);
const char     *pr_report_item_get_error_class (PrReportItem *self);
const char     *pr_report_item_get_message     (PrReportItem *self);
const char     *pr_report_item_get_member_name (PrReportItem *self);
int             pr_report_item_get_member      (PrReportItem *self);
const char     *pr_report_item_get_fingerprint (PrReportItem *self);
/* For a ballot found in mail: the message's sender and date, else NULL. */
const char     *pr_report_item_get_mail_origin (PrReportItem *self);

/* The translated, capitalised name of a status ("Accepted"). */
const char     *pr_report_status_label         (PrBallotStatus status);

G_END_DECLS
