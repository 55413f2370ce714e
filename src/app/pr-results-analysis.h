/* pr-results-analysis.h — everything the results page shows of one tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-diagnostics.h"
#include "pr-position-histogram.h"
#include "pr-results.h"

G_BEGIN_DECLS

/* The stages of a computation, in order, for the page's progress bar. */
typedef enum {
  PR_ANALYSIS_STAGE_TALLY,         /* methods, bootstrap, agreement */
  PR_ANALYSIS_STAGE_DISTRIBUTION,  /* each person's positions over the resamples */
  PR_ANALYSIS_STAGE_INFLUENCE,     /* one refit per distinct ballot */
  PR_ANALYSIS_STAGE_FLAGS,
  PR_ANALYSIS_N_STAGES
} PrAnalysisStage;

/* Immutable once computed and shared by reference between the page and
 * export threads (an atomic reference count). */
typedef struct _PrResultsAnalysis PrResultsAnalysis;

struct _PrResultsAnalysis {
  PrResults           *results;
  PrPositionHistogram *histogram;   /* NULL without a bootstrap */
  PrInfluenceReport   *influence;   /* NULL where refused (too many ballots) */
  GArray              *flags;       /* PrIntegrityFlag */
  gboolean             agreement_refused;  /* too many distinct ballots */
  gboolean             complete;    /* the diagnostics were computed */
  PrResultsAnalysis   *base;        /* private: the one owning results, or NULL */
};

PrResultsAnalysis *pr_results_analysis_ref   (PrResultsAnalysis *analysis);
void               pr_results_analysis_unref (PrResultsAnalysis *analysis);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrResultsAnalysis, pr_results_analysis_unref)

/* An analysis of results already made (transfer full), without the
 * diagnostics (complete is FALSE): pr_results_analysis_run_async()
 * makes a complete one sharing its results. */
PrResultsAnalysis *pr_results_analysis_new (PrResults *results);

/* Tallies @profile with @options in a worker thread, then the
 * distribution, influence and integrity flags. With @analysis (nullable:
 * one made by pr_results_analysis_new() from a tally with @options on
 * @profile) the tally stage is skipped and the new analysis shares its
 * results (an analysis never changes once made). @stage (nullable, an
 * int allocated with g_atomic_rc_box_new0(); the task keeps a reference)
 * is set with g_atomic_int_set() to the PrAnalysisStage the worker is in.
 * Fails only when cancelled. */
void               pr_results_analysis_run_async  (PrProfile            *profile,
                                                   const PrTallyOptions *options,
                                                   PrResultsAnalysis    *analysis,
                                                   int                  *stage,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PrResultsAnalysis *pr_results_analysis_run_finish (GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
