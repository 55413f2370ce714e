/* pr-store-mail.h — what the round's journal says was mailed to whom
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-journal.h"
#include "pr-store.h"

G_BEGIN_DECLS

/* Journals that a message of @kind to member @index left now, and how
 * (DESIGN §1: who was sent what, when; never the content). The line
 * names the invitation by its epoch (how many of the member's keys were
 * revoked), so a re-issue later shows which one went out. Needs the
 * passphrase (PR_STORE_ERROR_LOCKED), like every change to a round. */
gboolean  pr_store_record_mail  (PrStore            *store,
                                 guint               index,
                                 PrJournalMailKind   kind,
                                 PrJournalVia        via,
                                 GError            **error);
/* When a message of @kind last left for member @index (unix time), and
 * of which epoch (nullable); 0 when never. */
gint64    pr_store_get_mailed   (PrStore            *store,
                                 guint               index,
                                 PrJournalMailKind   kind,
                                 guint              *epoch);

G_END_DECLS
