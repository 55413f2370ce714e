/* pr-results.h — a complete tally: the methods, coverage and statistics
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pr-methods.h"
#include "pr-profile.h"
#include "pr-stats.h"

G_BEGIN_DECLS

typedef struct _PrResults PrResults;

typedef struct {
  guint        methods;     /* mask of 1 << PrMethod to show; 0 means all six.
                             * Methods not shown are not computed, except the
                             * primary one where something needs it. */
  PrMethod     primary;     /* default plackett_luce */
  gboolean     positions;   /* the primary's order and positions are wanted (the
                             * text table, the app); default TRUE. The primary
                             * also runs for a bootstrap or agreement. */
  PrTreatment  treatment;   /* default ignore */
  guint        bootstrap;   /* resamples; 0 for none */
  guint64      seed;
  gboolean     agreement;
  guint        n_threads;   /* 0: one per processor */
  gboolean     place_all;   /* the table places everyone, however few rate
                             * them (DESIGN §6); the minimum of raters is
                             * the profile's */
  /* Told how far the bootstrap is (nullable; from a worker thread, see
   * PrStatsProgressFunc). */
  PrStatsProgressFunc bootstrap_progress;
  gpointer            bootstrap_progress_data;
} PrTallyOptions;

void pr_tally_options_init (PrTallyOptions *options);

struct _PrResults {
  PrProfile      *profile;
  PrTallyOptions  options;
  PrMethodResult *method[PR_N_METHODS];  /* shown ones, and the primary when
                                          * pr_results_needs_primary(); NULL
                                          * for the rest */
  PrCoverage     *coverage;
  PrAgreement    *agreement;             /* NULL without options.agreement */
  PrBootstrap    *bootstrap;             /* NULL without options.bootstrap */
};

/* Runs the methods, coverage and the statistics asked for. Fails only
 * when cancelled. */
PrResults *pr_results_compute (PrProfile            *profile,
                               const PrTallyOptions *options,
                               GCancellable         *cancellable,
                               GError              **error);
/* The same in a worker thread (GTask), for the app: the main loop never
 * waits for a tally. Do not add ballots to `profile` until it finishes. */
void       pr_results_compute_async  (PrProfile            *profile,
                                      const PrTallyOptions *options,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
PrResults *pr_results_compute_finish (GAsyncResult         *result,
                                      GError              **error);
void       pr_results_free    (PrResults            *results);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrResults, pr_results_free)

gboolean   pr_results_shows   (const PrResults      *results,
                               PrMethod              method);
/* Whether the options need the primary method: for positions, a
 * bootstrap or agreement. */
gboolean   pr_results_needs_primary (const PrTallyOptions *options);
gboolean   pr_results_position_varies (const PrResults *results,
                                       guint            candidate);
/* The method tables are ordered by: the primary, or without it (its
 * positions were not asked for) the first method shown. */
const PrMethodResult *pr_results_order_method (const PrResults *results);
/* Its table is pr-results-table.h's, its forms pr-results-json.h's,
 * pr-results-csv.h's and pr-results-text.h's. */

G_END_DECLS
