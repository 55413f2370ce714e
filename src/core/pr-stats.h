/* pr-stats.h — coverage, bootstrap, agreement and method sensitivity
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-methods.h"
#include "pr-profile.h"

G_BEGIN_DECLS

/* Where a strongly connected component stands in its comparison group
 * (DESIGN §6): every ballot that compares its people with the rest of
 * the group agrees on the direction. */
typedef enum {
  PR_COMPONENT_MIXED,   /* the whole comparison group: the ballots disagree */
  PR_COMPONENT_ABOVE,   /* beat everyone outside it they were compared with */
  PR_COMPONENT_BELOW,   /* lost to everyone outside it they were compared with */
  PR_COMPONENT_BETWEEN, /* above some, below others, never both ways */
} PrComponentRole;

typedef struct {
  guint            n;
  guint           *raters;             /* ballots ranking each candidate */
  guint           *below;              /* candidates under min_raters, in order */
  guint            n_below;
  gboolean         strongly_connected; /* of the "a beat b" graph, ignore semantics */
  guint           *component;          /* component index per candidate */
  guint            n_components;
  PrComponentRole *component_role;     /* per component */
  guint           *comparison_group;   /* per candidate: connected component of
                                        * "some ballot compares a and b",
                                        * numbered by first member */
  guint            n_comparison_groups;
} PrCoverage;

PrCoverage *pr_coverage_compute (PrProfile  *profile);
/* The people of comparison group @k (or, with @strongly, of strongly
 * connected component @k) into @members, in candidate order; how many. */
guint       pr_coverage_get_members (const PrCoverage *coverage,
                                     guint             k,
                                     gboolean          strongly,
                                     guint            *members);
void        pr_coverage_free    (PrCoverage *coverage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrCoverage, pr_coverage_free)

typedef struct {
  guint    resamples;
  guint64  seed;
  guint    n;
  guint   *median;   /* nearest-rank percentiles of each candidate's position */
  guint   *low;      /* 5th */
  guint   *high;     /* 95th */
  guint   *positions; /* [r * n + c]: candidate c's position in resample r
                       * (resamples × n; the charts' distributions) */
} PrBootstrap;

/* Told how many of `total` resamples are done, from a worker thread:
 * never two calls at once, `done` increasing, about a hundred calls in
 * all, the last with done == total. */
typedef void (*PrStatsProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* Resamples ballots with replacement `resamples` times, each with its
 * own generator seeded from (seed, r), on `n_threads` workers (0: one per
 * processor); the result does not depend on the thread count. `start`
 * (the primary result on all ballots, may be NULL) warm-starts
 * Plackett–Luce. Fails only when cancelled. */
PrBootstrap *pr_bootstrap_run  (PrProfile            *profile,
                                PrMethod              primary,
                                PrTreatment           treatment,
                                const PrMethodResult *start,
                                guint                 resamples,
                                guint64               seed,
                                guint                 n_threads,
                                GCancellable         *cancellable,
                                GError              **error);
/* The same, telling @progress (nullable) how far it is. */
PrBootstrap *pr_bootstrap_run_with_progress (PrProfile            *profile,
                                             PrMethod              primary,
                                             PrTreatment           treatment,
                                             const PrMethodResult *start,
                                             guint                 resamples,
                                             guint64               seed,
                                             guint                 n_threads,
                                             PrStatsProgressFunc   progress,
                                             gpointer              progress_data,
                                             GCancellable         *cancellable,
                                             GError              **error);
void         pr_bootstrap_free (PrBootstrap          *bootstrap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrBootstrap, pr_bootstrap_free)

/* The @percent-th percentile of @count sorted values by the nearest-rank
 * rule: the value at 1-based rank ⌈percent·count/100⌉. */
guint        pr_nearest_rank   (const guint          *sorted,
                                guint                 count,
                                guint                 percent);

#define PR_STATS_ERROR (pr_stats_error_quark ())

typedef enum {
  PR_STATS_ERROR_TOO_LARGE,  /* too many distinct ballots for agreement */
} PrStatsError;

GQuark pr_stats_error_quark (void);

/* Agreement compares every pair of distinct ballots and refits the
 * primary method once per distinct ballot: above this it is refused. */
#define PR_AGREEMENT_MAX_ORDERS 20000

typedef struct {
  char   *rater;   /* voter id, or "#k": k is the 1-based place in the
                    * list, which is in canonical (sorted) profile order */
  double  tau;     /* NAN when undefined (fewer than two comparable people) */
} PrRaterAgreement;

typedef struct {
  double            kendall_w;  /* NAN when no two raters share two people */
  double            mean_rho;   /* the weighted mean Spearman ρ behind it */
  double            mean_k;     /* ratings per person, over everyone */
  guint             n_raters;
  PrRaterAgreement *raters;
} PrAgreement;

/* Fails when cancelled or above PR_AGREEMENT_MAX_ORDERS. */
PrAgreement *pr_agreement_compute (PrProfile            *profile,
                                   PrMethod              primary,
                                   PrTreatment           treatment,
                                   const PrMethodResult *start,
                                   guint                 n_threads,
                                   GCancellable         *cancellable,
                                   GError              **error);
void         pr_agreement_free    (PrAgreement          *agreement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrAgreement, pr_agreement_free)

/* Kendall's W for incomplete rankings alone (see pr-stats.c). */
double       pr_kendall_w         (PrProfile            *profile,
                                   double               *mean_rho,
                                   double               *mean_k);
/* Kendall's τ-b of a strict order against positions (ties allowed),
 * restricted to the people in the order; NAN if undefined. */
double       pr_kendall_tau_b     (const guint          *order,
                                   guint                 len,
                                   const guint          *position);

/* Method sensitivity: TRUE where the candidate's position differs
 * between any two of the results given. */
gboolean     pr_position_varies   (PrMethodResult * const *results,
                                   guint                   n_results,
                                   guint                   candidate);

G_END_DECLS
