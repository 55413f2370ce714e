/* pr-round-assistant.h — New Round: details, roster, passphrase, key
 * backup, fingerprint and invitations
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PR_TYPE_ROUND_ASSISTANT (pr_round_assistant_get_type ())

G_DECLARE_FINAL_TYPE (PrRoundAssistant, pr_round_assistant, PR, ROUND_ASSISTANT, AdwWindow)

PrRoundAssistant *pr_round_assistant_new (GtkWindow *parent);
/* The question closing asked (what would be lost), while it is open. */
AdwMessageDialog *pr_round_assistant_get_leave_dialog (PrRoundAssistant *self);

G_END_DECLS
