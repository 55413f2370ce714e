/* pr-borda.h — Borda over partial rankings
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-method-result.h"
#include "pr-profile.h"

G_BEGIN_DECLS

/* Ignore semantics always (DESIGN §5). */
PrMethodResult *pr_borda              (PrProfile   *profile);

G_END_DECLS
