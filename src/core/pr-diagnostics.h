/* pr-diagnostics.h — influence of single ballots and integrity flags
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-methods.h"
#include "pr-profile.h"

G_BEGIN_DECLS

/* Refits of the influence view: one per distinct ballot; above this it is
 * refused (the same bound as agreement). */
#define PR_INFLUENCE_MAX_ORDERS 20000

/* Reciprocal boosting: both raters lift the other at least this far above
 * the consensus, as a share of their ballot's length (1 = from the
 * consensus' last place to first). */
#define PR_FLAG_BOOST_MIN 0.5
/* Reversed: a rater's Kendall τ-b against the consensus at or below this. */
#define PR_FLAG_REVERSED_TAU -0.5
/* Shortest ballot either flag looks at: with fewer people a single swap
 * is already "far" from the consensus. */
#define PR_FLAG_MIN_RANKED 3

typedef struct {
  guint  max_shift;  /* largest change of position when one ballot is left out */
  guint  n_moving;   /* ballots (copies counted) whose removal moves the person */
} PrInfluence;

typedef struct {
  PrMethod     method;
  guint        n;         /* candidates */
  PrInfluence *people;    /* one per candidate, candidate order */
  guint        n_ballots; /* ballots considered (copies counted) */
} PrInfluenceReport;

/* For each person, how far their position under @method moves when any
 * single ballot is left out (see pr-diagnostics.c for the definition).
 * @full (nullable) is the fit on all ballots: its positions are the
 * reference and, for Plackett–Luce, its log-worths the warm start.
 * Fails when cancelled or above PR_INFLUENCE_MAX_ORDERS distinct ballots. */
PrInfluenceReport *pr_influence_compute (PrProfile            *profile,
                                         PrMethod              method,
                                         PrTreatment           treatment,
                                         const PrMethodResult *full,
                                         guint                 n_threads,
                                         GCancellable         *cancellable,
                                         GError              **error);
void               pr_influence_report_free (PrInfluenceReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrInfluenceReport, pr_influence_report_free)

typedef enum {
  PR_INTEGRITY_RECIPROCAL,  /* raters who rank each other far above the consensus */
  PR_INTEGRITY_REVERSED,    /* a rater whose order is close to the consensus reversed */
} PrIntegrityKind;

typedef struct {
  PrIntegrityKind  kind;
  guint            n_raters;
  guint            raters[3];  /* voters (candidate indices), ascending */
  double           strength;   /* RECIPROCAL: the smallest boost among them;
                                * REVERSED: the rater's τ-b */
} PrIntegrityFlag;

/* Flags to look at, never exclusions: pairs and triangles of raters who
 * boost each other (PR_FLAG_BOOST_MIN), and raters reversing the
 * consensus (PR_FLAG_REVERSED_TAU), against the positions of @consensus.
 * Ballots without a known voter are skipped. Returns a GArray of
 * PrIntegrityFlag: reciprocal groups first (triangles, then pairs not in
 * a triangle), then reversed raters, each in voter order. */
GArray            *pr_integrity_flags_compute (PrProfile            *profile,
                                               const PrMethodResult *consensus);

/* How far @rater's ballot @order (@len people) lifts @candidate above
 * where the consensus puts it among the same people: in [−1, 1], as a
 * share of the ballot's length; 0 when @len < 2. */
double             pr_integrity_boost  (const guint          *order,
                                        guint                 len,
                                        guint                 candidate,
                                        const PrMethodResult *consensus);

G_END_DECLS
