/* pr-chart-data.c — what the charts show, taken from a tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pr-chart-data.h"
#include "pr-results-table.h"

double
pr_chart_chance_above_typical (double log_worth)
{
  return 1.0 / (1.0 + exp (-log_worth));
}

static PrChartScale
scale_of (PrMethod method)
{
  switch (method)
    {
    case PR_METHOD_PLACKETT_LUCE:
      return PR_CHART_SCALE_CHANCE;
    case PR_METHOD_BORDA:
      return PR_CHART_SCALE_BORDA;
    case PR_METHOD_COPELAND:
      return PR_CHART_SCALE_COUNT;
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return PR_CHART_SCALE_NONE;
    }
}

/* The score as the chart shows it; NAN for people nobody ranked, whom
 * Plackett–Luce places at θ = 0 only for want of data. */
static double
score_of (const PrChartData    *data,
          const PrMethodResult *primary,
          guint                 c)
{
  if (data->scale == PR_CHART_SCALE_NONE || primary->score == NULL
      || !data->people[c].placed || data->people[c].raters == 0 || isnan (primary->score[c]))
    return NAN;
  if (data->scale == PR_CHART_SCALE_CHANCE)
    return pr_chart_chance_above_typical (primary->score[c]);
  return primary->score[c];
}

static void
set_range (PrChartData *data)
{
  data->score_min = 0;
  data->score_max = 1;
  if (data->scale != PR_CHART_SCALE_COUNT)
    return;
  /* Copeland's wins − losses lies within ±(n − 1); the axis is symmetric
   * so that 0 (as many wins as losses) sits in the middle. */
  data->score_min = -(double) MAX (data->n, 2) + 1;
  data->score_max = (double) MAX (data->n, 2) - 1;
}

static void
fill_person (PrChartData          *data,
             const PrResults      *results,
             const PrResultsTable *table,
             guint                 c)
{
  const PrMethodResult *primary = results->method[results->options.primary];
  const PrTableRow *row = pr_results_table_get_row (table, c);
  PrChartPerson *p = &data->people[c];

  p->id = g_strdup (pr_profile_get_id (results->profile, c));
  p->name = g_strdup (pr_profile_get_name (results->profile, c));
  p->placed = row->placed;
  p->position = row->position;
  p->raters = results->coverage->raters[c];
  p->score = score_of (data, primary, c);
  /* DESIGN §6: no per-person breakdown from fewer than min_raters. */
  p->withheld = p->raters < data->min_raters;
  if (row->has_interval)
    {
      p->has_interval = TRUE;
      p->low = row->low;
      p->high = row->high;
    }
}

/* The distribution in the table's numbering, so the strips, their
 * median and the table's interval agree. */
static void
fill_histograms (PrChartData     *data,
                 const PrResults *results,
                 const guint     *counts)
{
  guint n = data->n, half = (results->bootstrap->resamples + 1) / 2;

  for (guint c = 0; c < n; c++)
    {
      PrChartPerson *p = &data->people[c];
      guint seen = 0;

      if (p->withheld)
        continue;
      p->histogram = g_memdup2 (counts + (gsize) c * n, n * sizeof (guint));
      for (guint k = 0; k < n && p->median == 0; k++)
        if ((seen += p->histogram[k]) >= half)
          p->median = k + 1;
    }
}

PrChartData *
pr_chart_data_new (const PrResults           *results,
                   const PrResultsTable      *table,
                   const guint               *distributions)
{
  g_autoptr(PrResultsTable) own = NULL;
  PrChartData *data;
  const guint *N;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (results->method[results->options.primary] != NULL, NULL);

  if (table == NULL)
    table = own = pr_results_get_table (results);
  data = g_new0 (PrChartData, 1);
  data->n = pr_profile_get_n_candidates (results->profile);
  data->n_placed = table->n_placed;
  data->primary = results->options.primary;
  data->treatment = results->options.treatment;
  data->scale = scale_of (data->primary);
  data->min_raters = pr_profile_get_min_raters (results->profile);
  data->n_ballots = pr_profile_get_n_ballots (results->profile);
  if (results->bootstrap != NULL)
    {
      data->resamples = results->bootstrap->resamples;
      data->seed = results->bootstrap->seed;
    }
  set_range (data);
  data->people = g_new0 (PrChartPerson, data->n + 1);
  data->order = g_new0 (guint, data->n + 1);
  for (guint k = 0; k < data->n; k++)
    {
      fill_person (data, results, table, table->rows[k].candidate);
      data->order[k] = table->rows[k].candidate;
    }
  if (distributions != NULL && results->bootstrap != NULL)
    fill_histograms (data, results, distributions);
  N = pr_profile_get_pairwise (results->profile, data->treatment);
  data->pairwise = g_new0 (guint, (gsize) data->n * data->n + 1);
  if (N != NULL)
    memcpy (data->pairwise, N, (gsize) data->n * data->n * sizeof (guint));
  return data;
}

void
pr_chart_data_set_round_title (PrChartData *data,
                               const char  *title)
{
  g_return_if_fail (data != NULL);

  g_free (data->round_title);
  data->round_title = g_strdup (title);
}

PrCellVisibility
pr_chart_data_cell_visibility (const PrChartData *data,
                               guint              a,
                               guint              b)
{
  guint total;

  g_return_val_if_fail (data != NULL && a < data->n && b < data->n, PR_CELL_WITHHELD_PERSON);

  if (data->people[a].withheld || data->people[b].withheld)
    return PR_CELL_WITHHELD_PERSON;
  total = data->pairwise[(gsize) a * data->n + b] + data->pairwise[(gsize) b * data->n + a];
  if (total > 0 && total < data->min_raters)
    return PR_CELL_FEW_BALLOTS;
  return PR_CELL_SHOWN;
}

gboolean
pr_chart_data_cell_visible (const PrChartData *data,
                            guint              a,
                            guint              b)
{
  g_return_val_if_fail (data != NULL && a < data->n && b < data->n, FALSE);

  return pr_chart_data_cell_visibility (data, a, b) == PR_CELL_SHOWN;
}

void
pr_chart_data_free (PrChartData *data)
{
  if (data == NULL)
    return;
  for (guint c = 0; c < data->n; c++)
    {
      g_free (data->people[c].id);
      g_free (data->people[c].name);
      g_free (data->people[c].histogram);
    }
  g_free (data->people);
  g_free (data->order);
  g_free (data->pairwise);
  g_free (data->round_title);
  g_free (data);
}
