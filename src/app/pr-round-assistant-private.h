/* pr-round-assistant-private.h — what tests may see of New Round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-passphrase-meter.h"
#include "pr-roster-editor.h"
#include "pr-round-assistant.h"

G_BEGIN_DECLS

/* Argon2id limits for the key file (tests use the minimum). */
void            pr_round_assistant_set_key_limits (PrRoundAssistant *self,
                                                   guint64           opslimit,
                                                   gsize             memlimit);
/* "details", "roster", "key", "creating", "backup", "invitations". */
const char     *pr_round_assistant_get_step       (PrRoundAssistant *self);
/* What the assistant says is wrong, NULL when nothing. */
const char     *pr_round_assistant_get_error      (PrRoundAssistant *self);
/* "title", "description", "organizer", "passphrase", "confirm". */
GtkEditable    *pr_round_assistant_get_field      (PrRoundAssistant *self,
                                                   const char       *name);
PrRosterEditor *pr_round_assistant_get_roster     (PrRoundAssistant *self);
GtkSpinButton  *pr_round_assistant_get_spin       (PrRoundAssistant *self,
                                                   const char       *name);
const char     *pr_round_assistant_get_strength   (PrRoundAssistant *self);
PrPassphraseMeter *pr_round_assistant_get_strength_meter (PrRoundAssistant *self);
const char     *pr_round_assistant_get_fingerprint (PrRoundAssistant *self);
const char     *pr_round_assistant_get_deadline   (PrRoundAssistant *self);
const char     *pr_round_assistant_get_deadline_text (PrRoundAssistant *self);
const char     *pr_round_assistant_get_folder     (PrRoundAssistant *self);
const char     *pr_round_assistant_get_invitations_folder (PrRoundAssistant *self);
gboolean        pr_round_assistant_is_busy        (PrRoundAssistant *self);
/* The question asked when closing before the invitations are written. */

G_END_DECLS
