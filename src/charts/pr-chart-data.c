/* pr-chart-data.c — what the charts show, taken from a tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pr-chart-data.h"

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
      || data->people[c].raters == 0 || isnan (primary->score[c]))
    return NAN;
  if (data->scale == PR_CHART_SCALE_CHANCE)
    return pr_chart_chance_above_typical (primary->score[c]);
  return primary->score[c];
}

static int
compare_display (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const PrChartData *data = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (data->people[x].position != data->people[y].position)
    return data->people[x].position < data->people[y].position ? -1 : 1;
  return x < y ? -1 : (x > y);
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
fill_person (PrChartData               *data,
             const PrResults           *results,
             const PrPositionHistogram *histogram,
             guint                      c)
{
  const PrMethodResult *primary = results->method[results->options.primary];
  PrChartPerson *p = &data->people[c];

  p->id = g_strdup (pr_profile_get_id (results->profile, c));
  p->name = g_strdup (pr_profile_get_name (results->profile, c));
  p->position = primary->position[c];
  p->raters = results->coverage->raters[c];
  p->score = score_of (data, primary, c);
  /* DESIGN §6: no per-person breakdown from fewer than min_raters. */
  p->withheld = p->raters < data->min_raters;
  if (results->bootstrap != NULL)
    {
      p->has_interval = TRUE;
      p->low = results->bootstrap->low[c];
      p->median = results->bootstrap->median[c];
      p->high = results->bootstrap->high[c];
    }
  if (histogram != NULL && histogram->n == data->n && !p->withheld)
    p->histogram = g_memdup2 (histogram->counts + (gsize) c * data->n,
                              data->n * sizeof (guint));
}

PrChartData *
pr_chart_data_new (const PrResults           *results,
                   const PrPositionHistogram *histogram)
{
  PrChartData *data;
  const guint *N;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (results->method[results->options.primary] != NULL, NULL);

  data = g_new0 (PrChartData, 1);
  data->n = pr_profile_get_n_candidates (results->profile);
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
  for (guint c = 0; c < data->n; c++)
    {
      fill_person (data, results, histogram, c);
      data->order[c] = c;
    }
  g_qsort_with_data (data->order, data->n, sizeof (guint), compare_display, data);
  N = pr_profile_get_pairwise (results->profile, data->treatment);
  data->pairwise = g_new0 (guint, (gsize) data->n * data->n + 1);
  if (N != NULL)
    memcpy (data->pairwise, N, (gsize) data->n * data->n * sizeof (guint));
  return data;
}

gboolean
pr_chart_data_cell_visible (const PrChartData *data,
                            guint              a,
                            guint              b)
{
  g_return_val_if_fail (data != NULL && a < data->n && b < data->n, FALSE);

  return !data->people[a].withheld && !data->people[b].withheld;
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
  g_free (data);
}
