/* pr-results.h — a complete tally and its JSON, CSV and text forms
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-methods.h"
#include "pr-profile.h"
#include "pr-stats.h"

G_BEGIN_DECLS

typedef struct {
  guint        methods;     /* mask of 1 << PrMethod to show; 0 means all six */
  PrMethod     primary;     /* default plackett_luce */
  PrTreatment  treatment;   /* default ignore */
  guint        bootstrap;   /* resamples; 0 for none */
  guint64      seed;
  gboolean     agreement;
  guint        n_threads;   /* 0: one per processor */
} PrTallyOptions;

void pr_tally_options_init (PrTallyOptions *options);

typedef struct {
  PrProfile      *profile;
  PrTallyOptions  options;
  PrMethodResult *method[PR_N_METHODS];  /* shown ones and the primary */
  PrCoverage     *coverage;
  PrAgreement    *agreement;             /* NULL without options.agreement */
  PrBootstrap    *bootstrap;             /* NULL without options.bootstrap */
} PrResults;

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
gboolean   pr_results_position_varies (const PrResults *results,
                                       guint            candidate);

/* DESIGN §7 `tally --format json`, one line with a final newline. */
char      *pr_results_to_json (const PrResults      *results);
/* One row per person (candidate order): id, name, raters, every shown
 * method's position and score, the bootstrap interval, whether the
 * position depends on the method. */
char      *pr_results_to_csv  (const PrResults      *results);
/* A table for a terminal, best first by the primary method. */
char      *pr_results_to_text (const PrResults      *results);

G_END_DECLS
