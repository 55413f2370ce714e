/* pr-plackett-luce-private.h — what tests may see of the Plackett–Luce fit
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-plackett-luce.h"

G_BEGIN_DECLS

/* pr_plackett_luce_fit() with Newton's method stopped after at most
 * `max_iterations` steps (the public one allows PR_PLACKETT_LUCE_MAX_ITERATIONS);
 * tests use it to check `converged`. */
PrMethodResult *pr_plackett_luce_fit_capped   (PrProfile      *profile,
                                               const double   *start,
                                               gboolean        std_errors,
                                               guint           max_iterations);

G_END_DECLS
