/* pr-method-result.h — the methods and what each one gives: positions, tie groups, scores
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>


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

/* Tie groups of a strict relation by layering (DESIGN §5): group 1 is
 * every candidate no remaining candidate beats; remove it; repeat.
 * beats[a * n + b] != 0 means a beats b. */
PrMethodResult *pr_method_result_from_relation (PrMethod      method,
                                                const guint8 *beats,
                                                guint         n);

/* For the method implementations: a result of @n candidates, then its
 * n_groups and positions from result->group. */
PrMethodResult *pr_method_result_new        (PrMethod        method,
                                             guint           n);
void            pr_method_result_finish     (PrMethodResult *result);
/* Groups by result->score, best (largest) first: sorted scores whose
 * neighbours differ by at most `tolerance` share a group; NAN scores come
 * last, tied. Only for floating scores without an exact form. */
void            pr_method_result_group_scores (PrMethodResult *result,
                                               double          tolerance);

G_END_DECLS
