/* pr-results.c — a complete tally: the methods, coverage and statistics
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pr-results.h"

void
pr_tally_options_init (PrTallyOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->primary = PR_METHOD_PLACKETT_LUCE;
  options->treatment = PR_TREATMENT_IGNORE;
  options->positions = TRUE;
}

gboolean
pr_results_needs_primary (const PrTallyOptions *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return options->positions || options->bootstrap > 0 || options->agreement;
}

gboolean
pr_results_shows (const PrResults *results,
                  PrMethod         method)
{
  guint mask = results->options.methods != 0 ? results->options.methods
                                             : (1u << PR_N_METHODS) - 1;

  return (mask & (1u << method)) != 0;
}

PrResults *
pr_results_compute (PrProfile            *profile,
                    const PrTallyOptions *options,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autoptr(PrResults) r = g_new0 (PrResults, 1);
  PrMethod p;

  g_return_val_if_fail (profile != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->primary < PR_N_METHODS, NULL);

  r->profile = pr_profile_ref (profile);
  r->options = *options;
  p = options->primary;
  /* Only what is shown, and the primary where something needs it: a
   * method nobody asked for costs time and could only fail. */
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      if (!pr_results_shows (r, m) && (m != p || !pr_results_needs_primary (options)))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      r->method[m] = pr_method_run (m, profile, options->treatment);
    }
  r->coverage = pr_coverage_compute (profile);
  if (options->bootstrap > 0)
    {
      r->bootstrap = pr_bootstrap_run_with_progress (profile, p, options->treatment,
                                                     r->method[p], options->bootstrap,
                                                     options->seed, options->n_threads,
                                                     options->bootstrap_progress,
                                                     options->bootstrap_progress_data,
                                                     cancellable, error);
      if (r->bootstrap == NULL)
        return NULL;
    }
  if (options->agreement)
    {
      r->agreement = pr_agreement_compute (profile, p, options->treatment, r->method[p],
                                           options->n_threads, cancellable, error);
      if (r->agreement == NULL)
        return NULL;
    }
  return g_steal_pointer (&r);
}

typedef struct {
  PrProfile      *profile;
  PrTallyOptions  options;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  pr_profile_unref (data->profile);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  GError *error = NULL;
  PrResults *results = pr_results_compute (data->profile, &data->options, cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) pr_results_free);
}

void
pr_results_compute_async (PrProfile            *profile,
                          const PrTallyOptions *options,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (profile != NULL && options != NULL);

  /* Fill the profile's caches here, so the worker only reads it. */
  pr_profile_fill_caches (profile, options->treatment);
  data = g_new0 (ComputeData, 1);
  data->profile = pr_profile_ref (profile);
  data->options = *options;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_results_compute_async);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

PrResults *
pr_results_compute_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_results_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pr_results_free (PrResults *results)
{
  if (results == NULL)
    return;
  for (guint m = 0; m < PR_N_METHODS; m++)
    pr_method_result_free (results->method[m]);
  pr_coverage_free (results->coverage);
  pr_agreement_free (results->agreement);
  pr_bootstrap_free (results->bootstrap);
  g_clear_pointer (&results->profile, pr_profile_unref);
  g_free (results);
}

const PrMethodResult *
pr_results_order_method (const PrResults *r)
{
  g_return_val_if_fail (r != NULL, NULL);

  for (guint m = 0; r->method[r->options.primary] == NULL && m < PR_N_METHODS; m++)
    if (pr_results_shows (r, m) && r->method[m] != NULL)
      return r->method[m];
  return r->method[r->options.primary];
}

/* The shown methods, for sensitivity. */
static guint
shown_results (const PrResults *r,
               PrMethodResult **out)
{
  guint k = 0;

  for (guint m = 0; m < PR_N_METHODS; m++)
    if (pr_results_shows (r, m))
      out[k++] = r->method[m];
  return k;
}

/* Whether any two shown methods give the person different positions:
 * the CSV's position_varies column. Not the table's depends_on_method,
 * which asks whether the difference matters (DESIGN §6). */
gboolean
pr_results_position_varies (const PrResults *results,
                            guint            candidate)
{
  PrMethodResult *shown[PR_N_METHODS];
  guint n_shown;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (candidate < pr_profile_get_n_candidates (results->profile), FALSE);

  n_shown = shown_results (results, shown);
  return pr_position_varies (shown, n_shown, candidate);
}
