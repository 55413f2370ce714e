/* pr-plackett-luce.h — Plackett–Luce worths over partial rankings
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-method-result.h"
#include "pr-profile.h"

G_BEGIN_DECLS

/* Candidates whose Plackett–Luce log-worths differ by at most this much
 * share a tie group. */
#define PR_PLACKETT_LUCE_TIE 1e-9

/* Newton steps a Plackett–Luce fit may take; a fit stopped here is
 * flagged (`converged` FALSE). */
#define PR_PLACKETT_LUCE_MAX_ITERATIONS 200

/* `start` (n log-worths, may be NULL) warm-starts Newton's method. */
PrMethodResult *pr_plackett_luce      (PrProfile    *profile,
                                       const double *start);
/* The same; without `std_errors` they are all NAN, which saves an
 * inversion per fit in the bootstrap and leave-one-out refits. */
PrMethodResult *pr_plackett_luce_fit  (PrProfile    *profile,
                                       const double *start,
                                       gboolean      std_errors);

/* Plackett–Luce objective −loglik(θ) + α·Σθᵢ² and its gradient at θ
 * (tests check the gradient vanishes at the optimum). */
double          pr_plackett_luce_objective (PrProfile    *profile,
                                            const double *theta,
                                            double        alpha,
                                            double       *gradient);

G_END_DECLS
