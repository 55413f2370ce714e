/* pr-profile.h — ballots as a canonical preference profile
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How a pairwise method reads a person a ballot leaves unranked
 * (DESIGN §5). */
typedef enum {
  PR_TREATMENT_IGNORE,  /* no information about them on that ballot */
  PR_TREATMENT_BELOW,   /* every ranked person beats them; unranked are tied */
} PrTreatment;

const char *pr_treatment_to_string   (PrTreatment  treatment);
gboolean    pr_treatment_from_string (const char  *text,
                                      PrTreatment *out);

#define PR_PROFILE_ERROR (pr_profile_error_quark ())

typedef enum {
  PR_PROFILE_ERROR_EMPTY,      /* a ranking of no one */
  PR_PROFILE_ERROR_INDEX,      /* a candidate index out of range */
  PR_PROFILE_ERROR_DUPLICATE,  /* the same candidate twice in one ranking */
  PR_PROFILE_ERROR_VOTER,      /* the ballot ranks its own voter, or the voter is out of range */
  PR_PROFILE_ERROR_TOO_MANY,   /* more ballots than the profile can count */
} PrProfileError;

GQuark pr_profile_error_quark (void);

/* A ballot without a known voter (PrefLib files, anonymised exports). */
#define PR_PROFILE_NO_VOTER G_MAXUINT

/* Most candidates a profile holds; the roster limit of a round is lower. */
#define PR_PROFILE_MAX_CANDIDATES 4096

#define PR_TYPE_PROFILE (pr_profile_get_type ())

typedef struct _PrProfile PrProfile;

GType        pr_profile_get_type        (void) G_GNUC_CONST;

/* Candidates are given in their fixed order (roster order, or PrefLib
 * alternative number ascending); ties are broken in that order everywhere.
 * `names` may be NULL (the ids are used). */
PrProfile   *pr_profile_new             (const char * const *ids,
                                         const char * const *names,
                                         guint               n);
PrProfile   *pr_profile_ref             (PrProfile          *self);
void         pr_profile_unref           (PrProfile          *self);

/* Adds one anonymous ballot: `order` holds candidate indices, best first. */
gboolean     pr_profile_add_ranking     (PrProfile          *self,
                                         const guint        *order,
                                         guint               len,
                                         GError            **error);
/* Adds `count` identical ballots cast by `voter` (a candidate index, or
 * PR_PROFILE_NO_VOTER). Under the `below` treatment the voter is not
 * "unranked" on their own ballot. */
gboolean     pr_profile_add_ballot      (PrProfile          *self,
                                         guint               voter,
                                         const guint        *order,
                                         guint               len,
                                         guint               count,
                                         GError            **error);

void         pr_profile_set_min_raters  (PrProfile          *self,
                                         guint               min_raters);
guint        pr_profile_get_min_raters  (PrProfile          *self);

guint        pr_profile_get_n_candidates (PrProfile         *self);
const char  *pr_profile_get_id          (PrProfile          *self,
                                         guint               candidate);
const char  *pr_profile_get_name        (PrProfile          *self,
                                         guint               candidate);
/* Index of the candidate with this id, or -1. */
int          pr_profile_find_id         (PrProfile          *self,
                                         const char         *id);

/* Total number of ballots (counts included). */
guint        pr_profile_get_n_ballots   (PrProfile          *self);

/* The canonical profile: distinct (voter, order) pairs sorted by voter,
 * then length, then order, each with its count. Indices are 0..n_orders-1;
 * the returned order is owned by the profile. Getters fill caches on first
 * use: call pr_profile_get_n_orders() and pr_profile_get_pairwise() once
 * before sharing a profile with worker threads; reads are then safe. */
guint        pr_profile_get_n_orders    (PrProfile          *self);
const guint *pr_profile_get_order       (PrProfile          *self,
                                         guint               index,
                                         guint              *len,
                                         guint              *voter,
                                         guint              *count);

/* A profile with the same candidates and distinct orders but the counts
 * given (one per distinct order, zero drops it): bootstrap resamples and
 * leave-one-out fits are built with this. */
PrProfile   *pr_profile_new_reweighted  (PrProfile          *self,
                                         const guint        *counts);

/* N[a * n + b] = ballots preferring a to b under the treatment; owned by
 * the profile, valid until the next add. */
const guint *pr_profile_get_pairwise    (PrProfile          *self,
                                         PrTreatment         treatment);

/* Ballots that rank the candidate (counts included). */
guint        pr_profile_get_raters      (PrProfile          *self,
                                         guint               candidate);

/* Makes the caches the getters above fill on first use (distinct orders,
 * the pairwise counts under ignore and @treatment, raters), so that
 * worker threads may then read the profile at once. */
void         pr_profile_fill_caches     (PrProfile          *self,
                                         PrTreatment         treatment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrProfile, pr_profile_unref)

G_END_DECLS
