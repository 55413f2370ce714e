/* pr-kemeny-private.h — the parts of Kemeny–Young the dynamic programme,
 * the integer programme and the search over blocks share
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-method-result.h"

G_BEGIN_DECLS

/* Every function here reads the n × n pairwise matrix N (N[a * n + b]:
 * ballots preferring a to b) and orders candidates best first. */

/* Σ over a placed above b of N[b][a]. */
guint64 pr_kemeny_distance     (const guint *N,
                                guint        n,
                                const guint *order);

/* Σ over pairs of min (N[a][b], N[b][a]) within `members`: no order of
 * them does better. */
guint64 pr_kemeny_pair_bound   (const guint *N,
                                guint        n,
                                const guint *members,
                                guint        m);

/* Sorts `members` by score[member], largest first, ties in candidate
 * order. */
void    pr_kemeny_sort_by_score (guint        *members,
                                 guint         m,
                                 const double *score);

/* Splits `members` (m candidates) into the blocks of the relation "a
 * ties or beats b by majority": reorders them so that each block is
 * consecutive, blocks in the order every optimal order places them, each
 * block in candidate order. starts[k] is where block k begins
 * (starts[n_blocks] = m); returns n_blocks. */
guint   pr_kemeny_split        (const guint *N,
                                guint        n,
                                guint       *members,
                                guint        m,
                                guint       *starts);

/* Puts `members` (m ≤ 25) into the lexicographically smallest optimal
 * order by dynamic programming over subsets. */
void    pr_kemeny_order_block  (const guint *N,
                                guint        n,
                                guint       *members,
                                guint        m);

/* Applies improving moves of one candidate to `order` (all n
 * candidates), among places `first` to n − 1 only, until none is left;
 * returns its distance. */
guint64 pr_kemeny_improve      (const guint *N,
                                guint        n,
                                guint       *order,
                                guint        first);

/* The heuristic order: by net pairwise margin, then improved. */
void    pr_kemeny_local_search (const guint *N,
                                guint        n,
                                guint       *order);

/* Orders all n candidates, which must form one block, by the integer
 * programme (pr-kemeny-ilp.c), solving sub-blocks of up to `dp_max`
 * people met on the way by the dynamic programme. Stops at `deadline`
 * (monotonic time). Returns the gap: 0 when `order` is proven optimal,
 * else its distance minus the best lower bound found. */
guint64 pr_kemeny_ilp          (const guint *N,
                                guint        n,
                                guint        dp_max,
                                gint64       deadline,
                                guint       *order);

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
