/* pr-round-page-private.h — what tests may see of the round page
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-report-view.h"
#include "pr-round-page.h"
#include "pr-store.h"

G_BEGIN_DECLS

/* Valid while no import runs. */
PrStore         *pr_round_page_get_store          (PrRoundPage *self);
PrReportView    *pr_round_page_get_report_view    (PrRoundPage *self);
gboolean         pr_round_page_is_importing       (PrRoundPage *self);
/* The confirmation or receipts dialog shown, if any. */
AdwMessageDialog *pr_round_page_get_dialog        (PrRoundPage *self);
/* What the locked page says under the passphrase field. */
const char      *pr_round_page_get_unlock_message (PrRoundPage *self);
GtkEditable     *pr_round_page_get_passphrase     (PrRoundPage *self);
/* What the participation list shows for member @index ("Voted" …). */
const char      *pr_round_page_get_member_status  (PrRoundPage *self,
                                                   guint        index);
const char      *pr_round_page_get_counts_text    (PrRoundPage *self);
/* Fingerprints (hex) of the ballots listed under Decisions. */
GStrv            pr_round_page_dup_pending        (PrRoundPage *self);
/* The mailto: URI Remind opens; NULL when nobody left has an address. */
char            *pr_round_page_dup_remind_uri     (PrRoundPage *self);
/* The receipts text Publish Receipts shows. */
char            *pr_round_page_dup_receipts       (PrRoundPage *self);
gboolean         pr_round_page_suggests_closing   (PrRoundPage *self);
GtkNativeDialog *pr_round_page_get_file_chooser   (PrRoundPage *self);

G_END_DECLS
