/* pr-member-row.h — a participation row: name, address, voted or not,
 * and Re-issue
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pr-member-item.h"

G_BEGIN_DECLS

#define PR_TYPE_MEMBER_ROW (pr_member_row_get_type ())

G_DECLARE_FINAL_TYPE (PrMemberRow, pr_member_row, PR, MEMBER_ROW, GtkBox)

GtkWidget    *pr_member_row_new        (void);
/* Shows @item (nullable: none) and follows its "voted" property. */
void          pr_member_row_set_item   (PrMemberRow  *self,
                                        PrMemberItem *item);
PrMemberItem *pr_member_row_get_item   (PrMemberRow  *self);
/* What the row says of the member's vote. */
const char   *pr_member_row_get_status (PrMemberRow  *self);
GtkButton    *pr_member_row_get_reissue_button (PrMemberRow *self);
/* The words for a vote, as the rows show them. */
const char   *pr_member_row_status_text (gboolean voted);

G_END_DECLS
