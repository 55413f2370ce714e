/* pr-results-analysis.c — everything the results page shows of one tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-results-analysis.h"
#include "pr-stats.h"

static void
analysis_clear (gpointer data)
{
  PrResultsAnalysis *analysis = data;

  /* An analysis made from another one shares its results and keeps
   * that one alive. */
  if (analysis->base != NULL)
    pr_results_analysis_unref (analysis->base);
  else
    g_clear_pointer (&analysis->results, pr_results_free);
  g_clear_pointer (&analysis->histogram, pr_position_histogram_free);
  g_clear_pointer (&analysis->influence, pr_influence_report_free);
  g_clear_pointer (&analysis->flags, g_array_unref);
}

PrResultsAnalysis *
pr_results_analysis_new (PrResults *results)
{
  PrResultsAnalysis *analysis = g_atomic_rc_box_new0 (PrResultsAnalysis);

  g_return_val_if_fail (results != NULL, NULL);

  analysis->results = results;
  return analysis;
}

PrResultsAnalysis *
pr_results_analysis_ref (PrResultsAnalysis *analysis)
{
  g_return_val_if_fail (analysis != NULL, NULL);

  return g_atomic_rc_box_acquire (analysis);
}

void
pr_results_analysis_unref (PrResultsAnalysis *analysis)
{
  g_atomic_rc_box_release_full (analysis, analysis_clear);
}

typedef struct {
  PrProfile      *profile;
  PrTallyOptions  options;
  PrResultsAnalysis *analysis;
  int            *stage;
} RunData;

static void
run_data_free (RunData *data)
{
  pr_profile_unref (data->profile);
  g_clear_pointer (&data->analysis, pr_results_analysis_unref);
  if (data->stage != NULL)
    g_atomic_rc_box_release (data->stage);
  g_free (data);
}

static void
set_stage (RunData         *data,
           PrAnalysisStage  stage)
{
  if (data->stage != NULL)
    g_atomic_int_set (data->stage, (int) stage);
}

/* Agreement refits once per distinct ballot and is refused above
 * PR_AGREEMENT_MAX_ORDERS: the page then shows everything else and says
 * why agreement is missing, rather than nothing at all. */
static PrResults *
tally (RunData       *data,
       gboolean      *agreement_refused,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GError) local = NULL;
  PrTallyOptions options = data->options;
  PrResults *results;

  results = pr_results_compute (data->profile, &options, cancellable, &local);
  if (results != NULL || !options.agreement
      || !g_error_matches (local, PR_STATS_ERROR, PR_STATS_ERROR_TOO_LARGE))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return results;
    }
  *agreement_refused = TRUE;
  options.agreement = FALSE;
  return pr_results_compute (data->profile, &options, cancellable, error);
}

/* Influence is refused above PR_INFLUENCE_MAX_ORDERS distinct ballots;
 * the page says so. Only cancelling fails the whole analysis. */
static gboolean
diagnose (PrResultsAnalysis  *analysis,
          RunData            *data,
          GCancellable       *cancellable,
          GError            **error)
{
  const PrResults *results = analysis->results;
  PrMethod primary = results->options.primary;
  g_autoptr(GError) local = NULL;

  set_stage (data, PR_ANALYSIS_STAGE_DISTRIBUTION);
  if (results->bootstrap != NULL)
    {
      analysis->histogram = pr_position_histogram_compute (results, cancellable, error);
      if (analysis->histogram == NULL)
        return FALSE;
    }
  set_stage (data, PR_ANALYSIS_STAGE_INFLUENCE);
  analysis->influence = pr_influence_compute (results->profile, primary, results->options.treatment,
                                              results->method[primary], results->options.n_threads,
                                              cancellable, &local);
  if (analysis->influence == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  set_stage (data, PR_ANALYSIS_STAGE_FLAGS);
  analysis->flags = pr_integrity_flags_compute (results->profile, results->method[primary]);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(PrResultsAnalysis) analysis = NULL;
  GError *error = NULL;

  set_stage (data, PR_ANALYSIS_STAGE_TALLY);
  analysis = g_atomic_rc_box_new0 (PrResultsAnalysis);
  if (data->analysis != NULL)
    {
      analysis->base = pr_results_analysis_ref (data->analysis);
      analysis->results = data->analysis->results;
      analysis->agreement_refused = data->analysis->agreement_refused;
    }
  else
    analysis->results = tally (data, &analysis->agreement_refused, cancellable, &error);
  if (analysis->results == NULL || !diagnose (analysis, data, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  analysis->complete = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&analysis),
                         (GDestroyNotify) pr_results_analysis_unref);
}

void
pr_results_analysis_run_async (PrProfile            *profile,
                               const PrTallyOptions *options,
                               PrResultsAnalysis    *analysis,
                               int                  *stage,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (profile != NULL && options != NULL);

  /* Fill the profile's caches here, so the worker only reads it. */
  pr_profile_fill_caches (profile, options->treatment);

  data = g_new0 (RunData, 1);
  data->profile = pr_profile_ref (profile);
  data->options = *options;
  data->analysis = analysis != NULL ? pr_results_analysis_ref (analysis) : NULL;
  data->stage = stage != NULL ? g_atomic_rc_box_acquire (stage) : NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_results_analysis_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

PrResultsAnalysis *
pr_results_analysis_run_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_results_analysis_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
