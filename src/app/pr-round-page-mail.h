/* pr-round-page-mail.h — the round page by mail: sending invitations,
 * reminding each member, and a watched folder as the ballot box
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-round-page.h"
#include "pr-watch.h"

G_BEGIN_DECLS

/* For the page's own files (pr-round-page*.c). */
void         pr_round_page_class_init_mail     (GtkWidgetClass *widget_class);
void         pr_round_page_init_mail           (PrRoundPage    *self);
void         pr_round_page_dispose_mail        (PrRoundPage    *self);
void         pr_round_page_update_mail_actions (PrRoundPage    *self);
/* The store is home after a change: what the mail parts show follows. */
void         pr_round_page_refresh_mail        (PrRoundPage    *self);
/* Another round comes: forgets the invitations read and stops a watch. */
void         pr_round_page_forget_mail         (PrRoundPage    *self);
/* Remind…: one message per member who has not voted, To: that member
 * alone, through the mail program; the Bcc mailto of
 * pr_round_page_remind_by_uri() only when no mail program takes
 * messages one by one. */
void         pr_round_page_remind_each         (PrRoundPage    *self);
void         pr_round_page_remind_by_uri       (PrRoundPage    *self);

/* For tests. */

/* Whether messages are being handed to the mail program. */
gboolean     pr_round_page_is_mailing          (PrRoundPage    *self);
/* The folder the invitations are sent from, NULL before one was chosen. */
const char  *pr_round_page_get_invitations_folder (PrRoundPage *self);
/* What the Send Invitations dialog lists for member @index ("No e-mail
 * address…"), NULL before it was shown. */
const char  *pr_round_page_get_mail_status     (PrRoundPage    *self,
                                                guint           index);
/* The watch under way, NULL when none; what the Collect tab says of it. */
PrWatch     *pr_round_page_get_watch           (PrRoundPage    *self);
const char  *pr_round_page_get_watch_text      (PrRoundPage    *self);

G_END_DECLS
