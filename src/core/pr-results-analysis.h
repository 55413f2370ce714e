/* pr-results-analysis.h — a tally with its distribution, influence and integrity flags
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-diagnostics.h"
#include "pr-results-table.h"
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
  PrResultsTable      *table;       /* placing people with the minimum of raters */
  PrResultsTable      *table_all;   /* placing everyone (DESIGN §6 "place all") */
  guint               *distribution;     /* counts[c * n + position − 1] over the
                                          * resamples in table's numbering; NULL
                                          * without a bootstrap */
  guint               *distribution_all; /* the same in table_all's */
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

/* The same in this thread: the diagnostics of @results (transfer full),
 * for `tally --diagnostics` and the report. Fails only when cancelled. */
PrResultsAnalysis *pr_results_analysis_compute    (PrResults            *results,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* DESIGN §7.1 `tally --diagnostics`: the JSON of the results with
 * "influence" (people with at least the minimum of raters, largest shift
 * first; null where refused) and "integrity_flags". */
char              *pr_results_analysis_to_json    (const PrResultsAnalysis *analysis,
                                                   const PrResultsTable    *table);
/* The text table followed by a section on influence and flags. */
char              *pr_results_analysis_to_text    (const PrResultsAnalysis *analysis,
                                                   const PrResultsTable    *table);

/* People whose influence may be shown (at least the minimum of raters,
 * DESIGN §6), largest shift first, then candidate order; n of them
 * through @n_people. NULL without influence. */
guint             *pr_results_analysis_influence_order (const PrResultsAnalysis *analysis,
                                                        guint                   *n_people);
/* The distribution in @table's numbering (@table one of the analysis's
 * own), NULL without one. */
const guint       *pr_results_analysis_get_distribution (const PrResultsAnalysis *analysis,
                                                         const PrResultsTable    *table);
/* A flag's kind as a machine token ("reciprocal", "reversed"). */
const char        *pr_integrity_kind_to_string    (PrIntegrityKind          kind);
/* A flag in words: the raters' names as @title, what it means as the
 * return value; translated. */
char              *pr_integrity_flag_describe     (const PrResults         *results,
                                                   const PrIntegrityFlag   *flag,
                                                   char                   **title);

G_END_DECLS
