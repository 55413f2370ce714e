/* pr-kemeny.h — Kemeny: the order that disagrees least with the ballots
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-method-result.h"

G_BEGIN_DECLS

/* Kemeny splits the candidates into blocks every optimal order keeps in
 * line (DESIGN §5). Up to PR_KEMENY_EXACT_MAX candidates, every block is
 * ordered by dynamic programming over subsets, always exactly; above,
 * blocks of up to PR_KEMENY_BLOCK_DP_MAX are, larger ones of up to
 * PR_KEMENY_ILP_MAX go to an integer programme, which stops after
 * PR_KEMENY_TIME_LIMIT seconds in all with the best order found (`exact`
 * FALSE, `lower_bound` below), and still larger ones to a local search
 * alone (exact when it meets the pairwise bound). */
#define PR_KEMENY_EXACT_MAX 25
#define PR_KEMENY_BLOCK_DP_MAX 20
#define PR_KEMENY_ILP_MAX 100
#define PR_KEMENY_TIME_LIMIT 8.0

PrMethodResult *pr_kemeny             (const guint *N,
                                       guint        n);
/* Exact Kemeny by brute force over all n! orders (tests only, n ≤ 9). */
PrMethodResult *pr_kemeny_brute_force (const guint *N,
                                       guint        n);

G_END_DECLS
