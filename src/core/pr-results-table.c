/* pr-results-table.c — the one results table every output renders
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN §6: a committee reads the position first, so only people enough
 * raters rank get one. The window, CSV, JSON, XLSX, text and the report
 * all render this table, so every number is rounded once, here.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pr-results-table.h"
#include "pr-results.h"

gboolean
pr_results_table_score_is_percent (PrMethod method)
{
  return method == PR_METHOD_PLACKETT_LUCE;
}

double
pr_results_table_chance_percent (double chance)
{
  double percent = round (chance * 1000.0) / 10.0;

  /* A chance is never certain: 99.97 % reads 99.9 %, not 100 %. */
  return isnan (chance) ? NAN : CLAMP (percent, 0.1, 99.9);
}

double
pr_results_table_score (PrMethod method,
                        double   raw)
{
  if (isnan (raw))
    return NAN;
  switch (method)
    {
    case PR_METHOD_PLACKETT_LUCE:
      /* DESIGN §6: the chance to be ranked above a typical teammate, one
       * whose log-worth is the mean (0 after centring). */
      return pr_results_table_chance_percent (1.0 / (1.0 + exp (-raw)));
    case PR_METHOD_BORDA:
      return round (raw * 1000.0) / 1000.0;
    case PR_METHOD_COPELAND:
      return round (raw);
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return NAN;
    }
}

char *
pr_results_table_format_score (PrMethod method,
                               double   score)
{
  if (isnan (score))
    return g_strdup ("—");
  switch (method)
    {
    case PR_METHOD_PLACKETT_LUCE:
      return g_strdup_printf ("%.1f %%", score);
    case PR_METHOD_BORDA:
      return g_strdup_printf ("%.3f", score);
    case PR_METHOD_COPELAND:
      return g_strdup_printf ("%.0f", score);
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return g_strdup ("—");
    }
}

const char *
pr_table_flag_to_string (PrTableFlags flag)
{
  switch (flag)
    {
    case PR_TABLE_FLAG_FEW_RATERS:
      return "few_raters";
    case PR_TABLE_FLAG_UNRANKED:
      return "unranked";
    case PR_TABLE_FLAG_DEPENDS_ON_METHOD:
      return "depends_on_method";
    case PR_TABLE_FLAG_NONE:
    default:
      return NULL;
    }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : (x > y);
}

/* How many of the @n sorted keys are smaller than @key. */
static guint
count_below (const guint *sorted,
             guint        n,
             guint        key)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sorted[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
pr_results_table_renumber (const guint    *keys,
                           const gboolean *placed,
                           guint           n,
                           guint          *out)
{
  g_autofree guint *sorted = g_new (guint, n + 1);
  guint n_sorted = 0;

  for (guint c = 0; c < n; c++)
    if (placed[c] && keys[c] != 0)
      sorted[n_sorted++] = keys[c];
  qsort (sorted, n_sorted, sizeof (guint), compare_uint);
  for (guint c = 0; c < n; c++)
    out[c] = keys[c] == 0 ? 0 : 1 + count_below (sorted, n_sorted, keys[c]);
}

/* The bootstrap's 5th and 95th percentiles in the placed numbering:
 * each resample's positions renumbered among the placed people, then the
 * same nearest-rank rule as the bootstrap's own (pr-stats.c). */
static void
fill_intervals (PrResultsTable    *t,
                const PrBootstrap *bs,
                const gboolean    *placed)
{
  guint n = t->n, R = bs->resamples;
  g_autofree guint *renumbered = g_new (guint, (gsize) n * R + 1);
  g_autofree guint *column = g_new (guint, R + 1);

  for (guint r = 0; r < R; r++)
    pr_results_table_renumber (bs->positions + (gsize) r * n, placed, n,
                               renumbered + (gsize) r * n);
  for (guint c = 0; c < n; c++)
    {
      PrTableRow *row = &t->rows[t->row_of[c]];

      for (guint r = 0; r < R; r++)
        column[r] = renumbered[(gsize) r * n + c];
      qsort (column, R, sizeof (guint), compare_uint);
      row->has_interval = TRUE;
      row->low = pr_nearest_rank (column, R, 5);
      row->high = pr_nearest_rank (column, R, 95);
    }
}

typedef struct {
  const PrTableRow *rows;
  const guint      *primary_position;
} SortData;

/* Placed by position; unplaced after, most raters first; then the
 * method's own order and candidate order, so the table never depends on
 * anything but the tally. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortData *d = user_data;
  const PrTableRow *x = &d->rows[*(const guint *) a];
  const PrTableRow *y = &d->rows[*(const guint *) b];

  if (x->placed != y->placed)
    return x->placed ? -1 : 1;
  if (x->placed && x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if (!x->placed && x->raters != y->raters)
    return x->raters > y->raters ? -1 : 1;
  if (d->primary_position[x->candidate] != d->primary_position[y->candidate])
    return d->primary_position[x->candidate] < d->primary_position[y->candidate] ? -1 : 1;
  return x->candidate < y->candidate ? -1 : (x->candidate > y->candidate);
}

static void
sort_rows (PrResultsTable       *t,
           const PrMethodResult *primary)
{
  g_autofree guint *order = g_new (guint, t->n + 1);
  g_autofree PrTableRow *rows = g_new (PrTableRow, t->n + 1);
  SortData data = { t->rows, primary->position };

  for (guint c = 0; c < t->n; c++)
    order[c] = c;
  g_qsort_with_data (order, t->n, sizeof (guint), compare_rows, &data);
  for (guint k = 0; k < t->n; k++)
    {
      rows[k] = t->rows[order[k]];
      t->row_of[rows[k].candidate] = k;
    }
  memcpy (t->rows, rows, t->n * sizeof (PrTableRow));
}

/* Every shown method's positions in the placed numbering. */
static void
fill_method_positions (PrResultsTable  *t,
                       const PrResults *results,
                       const gboolean  *placed)
{
  g_autofree guint *renumbered = g_new (guint, t->n + 1);

  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      if (!pr_results_shows (results, m) || results->method[m] == NULL)
        continue;
      t->methods |= 1u << m;
      pr_results_table_renumber (results->method[m]->position, placed, t->n, renumbered);
      for (guint c = 0; c < t->n; c++)
        t->rows[c].positions[m] = placed[c] ? renumbered[c] : 0;
    }
}

/* DESIGN §6: the position depends on the method when some method puts
 * the person outside their 90 % interval; without a bootstrap there is
 * no interval to say so by. */
static void
flag_method_dependence (PrResultsTable *t)
{
  for (guint c = 0; c < t->n; c++)
    {
      PrTableRow *row = &t->rows[c];

      if (!row->placed || !row->has_interval)
        continue;
      for (guint m = 0; m < PR_N_METHODS; m++)
        if (row->positions[m] != 0 && (row->positions[m] < row->low || row->positions[m] > row->high))
          row->flags |= PR_TABLE_FLAG_DEPENDS_ON_METHOD;
    }
}

PrResultsTable *
pr_results_table_new (const PrResults *results,
                      guint            min_raters,
                      gboolean         place_all)
{
  const PrMethodResult *primary;
  g_autofree gboolean *placed = NULL;
  g_autofree guint *position = NULL;
  PrResultsTable *t;

  g_return_val_if_fail (results != NULL, NULL);
  primary = pr_results_order_method (results);
  g_return_val_if_fail (primary != NULL, NULL);

  t = g_new0 (PrResultsTable, 1);
  t->method = primary->method;
  t->min_raters = min_raters;
  t->place_all = place_all;
  t->n = pr_profile_get_n_candidates (results->profile);
  t->rows = g_new0 (PrTableRow, t->n + 1);
  t->row_of = g_new0 (guint, t->n + 1);
  placed = g_new0 (gboolean, t->n + 1);
  position = g_new0 (guint, t->n + 1);
  for (guint c = 0; c < t->n; c++)
    {
      PrTableRow *row = &t->rows[c];

      row->candidate = c;
      t->row_of[c] = c;
      row->raters = results->coverage->raters[c];
      if (row->raters == 0)
        row->flags |= PR_TABLE_FLAG_UNRANKED;
      else if (row->raters < min_raters)
        row->flags |= PR_TABLE_FLAG_FEW_RATERS;
      placed[c] = place_all || (row->raters > 0 && row->raters >= min_raters);
      row->placed = placed[c];
      t->n_placed += placed[c];
      /* A score from one or two raters reads as a verdict: none. */
      row->score = primary->score != NULL && placed[c]
                   ? pr_results_table_score (t->method, primary->score[c]) : NAN;
    }
  pr_results_table_renumber (primary->position, placed, t->n, position);
  for (guint c = 0; c < t->n; c++)
    t->rows[c].position = placed[c] ? position[c] : 0;
  fill_method_positions (t, results, placed);
  if (results->bootstrap != NULL && results->bootstrap->positions != NULL
      && results->options.primary == t->method)
    fill_intervals (t, results->bootstrap, placed);
  flag_method_dependence (t);
  sort_rows (t, primary);
  return t;
}

void
pr_results_table_free (PrResultsTable *table)
{
  if (table == NULL)
    return;
  g_free (table->rows);
  g_free (table->row_of);
  g_free (table);
}

const PrTableRow *
pr_results_table_get_row (const PrResultsTable *table,
                          guint                 candidate)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (candidate < table->n, NULL);

  return &table->rows[table->row_of[candidate]];
}

guint *
pr_results_table_distributions (const PrResultsTable *table,
                                const PrBootstrap    *bootstrap)
{
  guint n = table->n;
  g_autofree gboolean *placed = g_new0 (gboolean, n + 1);
  g_autofree guint *renumbered = g_new0 (guint, n + 1);
  guint *counts = g_new0 (guint, (gsize) n * n + 1);

  g_return_val_if_fail (bootstrap != NULL && bootstrap->n == n, counts);

  for (guint c = 0; c < n; c++)
    placed[c] = pr_results_table_get_row (table, c)->placed;
  for (guint r = 0; r < bootstrap->resamples; r++)
    {
      pr_results_table_renumber (bootstrap->positions + (gsize) r * n, placed, n, renumbered);
      for (guint c = 0; c < n; c++)
        if (renumbered[c] >= 1 && renumbered[c] <= n)
          counts[(gsize) c * n + renumbered[c] - 1]++;
    }
  return counts;
}

guint *
pr_results_table_distribution (const PrResultsTable *table,
                               const PrBootstrap    *bootstrap,
                               guint                 c)
{
  guint n = table->n;
  guint *counts = g_new0 (guint, n + 1);

  g_return_val_if_fail (bootstrap != NULL && bootstrap->n == n && c < n, counts);

  for (guint r = 0; r < bootstrap->resamples; r++)
    {
      const guint *keys = bootstrap->positions + (gsize) r * n;
      guint position = 1;

      for (guint o = 0; o < n; o++)
        if (pr_results_table_get_row (table, o)->placed && keys[o] < keys[c])
          position++;
      counts[position - 1]++;
    }
  return counts;
}

PrResultsTable *
pr_results_get_table (const PrResults *r)
{
  g_return_val_if_fail (r != NULL, NULL);

  return pr_results_table_new (r, pr_profile_get_min_raters (r->profile), r->options.place_all);
}
