/* pr-results-analysis.c — everything the results page shows of one tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "pr-results-analysis.h"
#include "pr-results-json.h"
#include "pr-results-table.h"
#include "pr-results-text.h"
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
  g_clear_pointer (&analysis->table, pr_results_table_free);
  g_clear_pointer (&analysis->table_all, pr_results_table_free);
  g_clear_pointer (&analysis->distribution, g_free);
  g_clear_pointer (&analysis->distribution_all, g_free);
  g_clear_pointer (&analysis->influence, pr_influence_report_free);
  g_clear_pointer (&analysis->flags, g_array_unref);
}

/* Both tables: the window switches between them without a new tally. */
static void
make_tables (PrResultsAnalysis *analysis)
{
  guint min_raters = pr_profile_get_min_raters (analysis->results->profile);

  analysis->table = pr_results_table_new (analysis->results, min_raters, FALSE);
  analysis->table_all = pr_results_table_new (analysis->results, min_raters, TRUE);
}

PrResultsAnalysis *
pr_results_analysis_new (PrResults *results)
{
  PrResultsAnalysis *analysis = g_atomic_rc_box_new0 (PrResultsAnalysis);

  g_return_val_if_fail (results != NULL, NULL);

  analysis->results = results;
  make_tables (analysis);
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
      /* Both numberings, so the window's switch needs no recount. */
      analysis->distribution = pr_results_table_distributions (analysis->table, results->bootstrap);
      analysis->distribution_all = pr_results_table_distributions (analysis->table_all,
                                                                   results->bootstrap);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
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
  if (analysis->results != NULL)
    make_tables (analysis);
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

PrResultsAnalysis *
pr_results_analysis_compute (PrResults     *results,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(PrResultsAnalysis) analysis = NULL;
  RunData data = { 0, };

  g_return_val_if_fail (results != NULL, NULL);

  analysis = pr_results_analysis_new (results);
  if (!diagnose (analysis, &data, cancellable, error))
    return NULL;
  analysis->complete = TRUE;
  return g_steal_pointer (&analysis);
}

typedef struct {
  const PrInfluence *people;
  const guint       *raters;
} InfluenceOrder;

static int
compare_influence (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const InfluenceOrder *o = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (o->people[x].max_shift != o->people[y].max_shift)
    return o->people[x].max_shift > o->people[y].max_shift ? -1 : 1;
  if (o->people[x].n_moving != o->people[y].n_moving)
    return o->people[x].n_moving > o->people[y].n_moving ? -1 : 1;
  return x < y ? -1 : (x > y);
}

guint *
pr_results_analysis_influence_order (const PrResultsAnalysis *analysis,
                                     guint                   *n_people)
{
  const PrResults *r = analysis->results;
  guint min_raters = pr_profile_get_min_raters (r->profile);
  InfluenceOrder order;
  guint *people;
  guint n = 0;

  *n_people = 0;
  if (analysis->influence == NULL)
    return NULL;
  order.people = analysis->influence->people;
  order.raters = r->coverage->raters;
  people = g_new (guint, r->coverage->n + 1);
  /* DESIGN §6: a person's influence is a breakdown of their ballots. */
  for (guint c = 0; c < r->coverage->n; c++)
    if (r->coverage->raters[c] > 0 && r->coverage->raters[c] >= min_raters)
      people[n++] = c;
  g_qsort_with_data (people, n, sizeof (guint), compare_influence, &order);
  *n_people = n;
  return people;
}

const guint *
pr_results_analysis_get_distribution (const PrResultsAnalysis *analysis,
                                      const PrResultsTable    *table)
{
  g_return_val_if_fail (analysis != NULL, NULL);

  if (table == analysis->table)
    return analysis->distribution;
  if (table == analysis->table_all)
    return analysis->distribution_all;
  return NULL;
}

const char *
pr_integrity_kind_to_string (PrIntegrityKind kind)
{
  return kind == PR_INTEGRITY_RECIPROCAL ? "reciprocal" : "reversed";
}

char *
pr_integrity_flag_describe (const PrResults       *results,
                            const PrIntegrityFlag *flag,
                            char                 **title)
{
  *title = pr_results_join_names (results->profile, flag->raters, flag->n_raters);
  if (flag->kind == PR_INTEGRITY_RECIPROCAL)
    return g_strdup_printf (_("They rank each other far above where everyone else puts them: each lift is at least %.0f %% of a ballot’s length."),
                            100 * flag->strength);
  return g_strdup_printf (_("This order is close to the reverse of the consensus (τ = %.2f)."),
                          flag->strength);
}

static void
add_influence (JsonBuilder             *b,
               const PrResultsAnalysis *analysis)
{
  const PrResults *r = analysis->results;
  guint n = 0;
  g_autofree guint *people = pr_results_analysis_influence_order (analysis, &n);

  json_builder_set_member_name (b, "influence");
  if (people == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint k = 0; k < n; k++)
    {
      const PrInfluence *p = &analysis->influence->people[people[k]];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, pr_profile_get_id (r->profile, people[k]));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, pr_profile_get_name (r->profile, people[k]));
      json_builder_set_member_name (b, "max_shift");
      json_builder_add_int_value (b, p->max_shift);
      json_builder_set_member_name (b, "n_moving");
      json_builder_add_int_value (b, p->n_moving);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_flags (JsonBuilder             *b,
           const PrResultsAnalysis *analysis)
{
  PrProfile *profile = analysis->results->profile;

  json_builder_set_member_name (b, "integrity_flags");
  json_builder_begin_array (b);
  for (guint k = 0; analysis->flags != NULL && k < analysis->flags->len; k++)
    {
      const PrIntegrityFlag *flag = &g_array_index (analysis->flags, PrIntegrityFlag, k);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, pr_integrity_kind_to_string (flag->kind));
      json_builder_set_member_name (b, "raters");
      json_builder_begin_array (b);
      for (guint i = 0; i < flag->n_raters; i++)
        json_builder_add_string_value (b, pr_profile_get_id (profile, flag->raters[i]));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "strength");
      json_builder_add_double_value (b, flag->strength);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
pr_results_analysis_to_json (const PrResultsAnalysis *analysis,
                             const PrResultsTable    *table)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (analysis != NULL, NULL);

  json_builder_begin_object (b);
  pr_results_add_json_members (b, analysis->results, table);
  add_influence (b, analysis);
  add_flags (b, analysis);
  json_builder_end_object (b);
  return pr_results_json_finish (b);
}

static void
influence_text (GString                 *out,
                const PrResultsAnalysis *analysis)
{
  const PrResults *r = analysis->results;
  guint n = 0;
  g_autofree guint *people = pr_results_analysis_influence_order (analysis, &n);

  g_string_append_printf (out, "\n%s\n", _("Influence of single ballots"));
  if (people == NULL)
    {
      g_string_append_printf (out, "%s\n", _("Too many different ballots to refit without each one."));
      return;
    }
  g_string_append_printf (out, _("How far each position moves when any one ballot is left out (people with fewer than %u raters are not shown):\n"),
                          pr_profile_get_min_raters (r->profile));
  for (guint k = 0; k < n; k++)
    {
      const PrInfluence *p = &analysis->influence->people[people[k]];

      g_autofree char *shift = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "up to %u place",
                                                             "up to %u places",
                                                             p->max_shift),
                                                p->max_shift);
      g_autofree char *moving = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u ballot moves them",
                                                              "%u ballots move them",
                                                              p->n_moving),
                                                 p->n_moving);

      /* TRANSLATORS: a name, "up to 3 places", "5 ballots move them" */
      g_string_append_printf (out, _("  %s: %s; %s\n"),
                              pr_profile_get_name (r->profile, people[k]), shift, moving);
    }
}

static void
flags_text (GString                 *out,
            const PrResultsAnalysis *analysis)
{
  g_string_append_printf (out, "\n%s\n", _("Integrity flags (to look at, never exclusions)"));
  if (analysis->flags == NULL || analysis->flags->len == 0)
    g_string_append_printf (out, "%s\n", _("None."));
  for (guint k = 0; analysis->flags != NULL && k < analysis->flags->len; k++)
    {
      g_autofree char *title = NULL;
      g_autofree char *text = pr_integrity_flag_describe (analysis->results,
                                                          &g_array_index (analysis->flags,
                                                                          PrIntegrityFlag, k),
                                                          &title);

      g_string_append_printf (out, "  %s: %s\n", title, text);
    }
}

char *
pr_results_analysis_to_text (const PrResultsAnalysis *analysis,
                             const PrResultsTable    *table)
{
  g_autofree char *results = NULL;
  GString *out;

  g_return_val_if_fail (analysis != NULL, NULL);

  results = pr_results_to_text (analysis->results, table);
  out = g_string_new (results);
  influence_text (out, analysis);
  flags_text (out, analysis);
  return g_string_free (out, FALSE);
}
