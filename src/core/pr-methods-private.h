/* pr-methods-private.h — helpers shared by the method implementations
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-kemeny.h"
#include "pr-method-result.h"
#include "pr-plackett-luce.h"

G_BEGIN_DECLS


/* pr_plackett_luce_fit() with Newton's method stopped after at most
 * `max_iterations` steps (the public one allows PR_PLACKETT_LUCE_MAX_ITERATIONS);
 * tests use it to check `converged`. */
PrMethodResult *pr_plackett_luce_fit_capped   (PrProfile      *profile,
                                               const double   *start,
                                               gboolean        std_errors,
                                               guint           max_iterations);

/* pr_kemeny() with its limits: blocks of up to `dp_max` people (at most
 * PR_KEMENY_EXACT_MAX) go to the dynamic programme, larger ones to the
 * integer programme, which stops after `seconds` in all (0: at once,
 * with the local search's order). Tests use it to run the integer
 * programme on few people and to reach the time limit. */
PrMethodResult *pr_kemeny_search              (const guint    *N,
                                               guint           n,
                                               guint           dp_max,
                                               double          seconds);

G_END_DECLS
