/* pr-member-item.h — one member of a round on the participation list
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PR_TYPE_MEMBER_ITEM (pr_member_item_get_type ())

G_DECLARE_FINAL_TYPE (PrMemberItem, pr_member_item, PR, MEMBER_ITEM, GObject)

/* Member @index of the roster; @email nullable. */
PrMemberItem *pr_member_item_new       (guint         index,
                                        const char   *id,
                                        const char   *name,
                                        const char   *email);
guint         pr_member_item_get_index (PrMemberItem *self);
const char   *pr_member_item_get_id    (PrMemberItem *self);
const char   *pr_member_item_get_name  (PrMemberItem *self);
/* NULL or "" without an address. */
const char   *pr_member_item_get_email (PrMemberItem *self);
/* Whether the member has a counted ballot ("voted" property): never how
 * they ranked. */
gboolean      pr_member_item_get_voted (PrMemberItem *self);
void          pr_member_item_set_voted (PrMemberItem *self,
                                        gboolean      voted);

G_END_DECLS
