/* pr-decision-row.h — a ballot awaiting the organizer's decision: who,
 * which ballot, when and why, with Accept and Refuse
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-store.h"

G_BEGIN_DECLS

#define PR_TYPE_DECISION_ROW (pr_decision_row_get_type ())

G_DECLARE_FINAL_TYPE (PrDecisionRow, pr_decision_row, PR, DECISION_ROW, AdwActionRow)

GtkWidget  *pr_decision_row_new             (void);
/* Shows the journaled ballot @entry of member @member_name; Accept and
 * Refuse then run "round.accept" and "round.refuse" with its fingerprint. */
void        pr_decision_row_set_entry       (PrDecisionRow      *self,
                                             const char         *member_name,
                                             const PrStoreEntry *entry);
/* The fingerprint (hex) of the ballot shown, NULL before one is. */
const char *pr_decision_row_get_fingerprint (PrDecisionRow      *self);
GtkButton  *pr_decision_row_get_accept_button (PrDecisionRow    *self);
GtkButton  *pr_decision_row_get_refuse_button (PrDecisionRow    *self);

G_END_DECLS
