/* pr-passphrase-meter.h — how hard the passphrase being typed is to
 * guess: a level bar and the same in words
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pr-passphrase.h"

G_BEGIN_DECLS

#define PR_TYPE_PASSPHRASE_METER (pr_passphrase_meter_get_type ())

G_DECLARE_FINAL_TYPE (PrPassphraseMeter, pr_passphrase_meter, PR, PASSPHRASE_METER, GtkBox)

GtkWidget           *pr_passphrase_meter_new          (void);
/* Shows how strong @passphrase is; "" shows a hint instead. The meter
 * keeps no copy of it. */
void                 pr_passphrase_meter_update       (PrPassphraseMeter *self,
                                                       const char        *passphrase);
PrPassphraseStrength pr_passphrase_meter_get_strength (PrPassphraseMeter *self);
/* What the meter says in words. */
const char          *pr_passphrase_meter_get_text     (PrPassphraseMeter *self);
GtkLevelBar         *pr_passphrase_meter_get_bar      (PrPassphraseMeter *self);

G_END_DECLS
