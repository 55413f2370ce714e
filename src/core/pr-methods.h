/* pr-methods.h — aggregation methods over a profile (DESIGN §5)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-profile.h"

G_BEGIN_DECLS

typedef enum {
  PR_METHOD_BORDA,
  PR_METHOD_COPELAND,
  PR_METHOD_SCHULZE,
  PR_METHOD_RANKED_PAIRS,
  PR_METHOD_KEMENY,
  PR_METHOD_PLACKETT_LUCE,
  PR_N_METHODS
} PrMethod;

/* Stable machine tokens ("borda", "ranked_pairs", …), never translated. */
const char *pr_method_to_string   (PrMethod    method);
gboolean    pr_method_from_string (const char *text,
                                   PrMethod   *out);
/* Human name for tables, translated. */
const char *pr_method_get_label   (PrMethod    method);

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

/* Candidates whose Plackett–Luce log-worths differ by at most this much
 * share a tie group. */
#define PR_PLACKETT_LUCE_TIE 1e-9

/* Newton steps a Plackett–Luce fit may take; a fit stopped here is
 * flagged (`converged` FALSE). */
#define PR_PLACKETT_LUCE_MAX_ITERATIONS 200

typedef struct {
  PrMethod  method;
  guint     n;
  guint    *group;      /* tie group per candidate, 0 = best */
  guint     n_groups;
  guint    *position;   /* standard competition position (1, 2, 2, 4) */
  double   *score;      /* borda, copeland, plackett_luce (centred log-worth);
                         * NAN means null; NULL for the other methods */
  double   *std_error;  /* plackett_luce only; NAN means null */
  double    alpha;      /* plackett_luce: the ridge weight used */
  guint     iterations; /* plackett_luce: Newton steps taken */
  gboolean  converged;  /* plackett_luce: FALSE when Newton stopped at its
                         * iteration cap, short of its tolerance */
  guint64   distance;   /* kemeny: Σ over a above b of N[b][a] */
  guint64   lower_bound;/* kemeny: no order does better */
  gboolean  exact;      /* kemeny: the order is proven optimal */
  guint    *order;      /* kemeny: the candidate at each place */
} PrMethodResult;

void            pr_method_result_free (PrMethodResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMethodResult, pr_method_result_free)

/* Candidates of tie group `g` in candidate order; returns how many. */
guint           pr_method_result_get_group (const PrMethodResult *result,
                                            guint                 g,
                                            guint                *members);

/* Runs one method. Borda and Plackett–Luce always use ignore semantics
 * (DESIGN §5) whatever `treatment` says. */
PrMethodResult *pr_method_run         (PrMethod     method,
                                       PrProfile   *profile,
                                       PrTreatment  treatment);

PrMethodResult *pr_borda              (PrProfile   *profile);
PrMethodResult *pr_copeland           (const guint *N,
                                       guint        n);
PrMethodResult *pr_schulze            (const guint *N,
                                       guint        n);
PrMethodResult *pr_ranked_pairs       (const guint *N,
                                       guint        n);
PrMethodResult *pr_kemeny             (const guint *N,
                                       guint        n);
/* Exact Kemeny by brute force over all n! orders (tests only, n ≤ 9). */
PrMethodResult *pr_kemeny_brute_force (const guint *N,
                                       guint        n);
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

/* Tie groups of a strict relation by layering (DESIGN §5): group 1 is
 * every candidate no remaining candidate beats; remove it; repeat.
 * beats[a * n + b] != 0 means a beats b. */
PrMethodResult *pr_method_result_from_relation (PrMethod      method,
                                                const guint8 *beats,
                                                guint         n);

/* Whether the "a beat b" graph (an edge where N[a * n + b] > 0) is
 * strongly connected; with `components` set, fills component[c] with the
 * index of c's strongly connected component, numbered in order of their
 * first member, and returns the count through `n_components`. */
gboolean        pr_pairwise_strongly_connected (const guint *N,
                                                guint        n,
                                                guint       *component,
                                                guint       *n_components);

G_END_DECLS
