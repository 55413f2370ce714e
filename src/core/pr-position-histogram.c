/* pr-position-histogram.c — how often each person took each position
 * over the bootstrap resamples
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "pr-position-histogram.h"

/* Counted from the positions pr_bootstrap_run() keeps for every
 * resample, so its nearest-rank percentiles are the bootstrap's own
 * (tests/test-charts.c checks it). It replayed the resamples once, which
 * cost as much as the bootstrap itself. */

PrPositionHistogram *
pr_position_histogram_compute (const PrResults  *results,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(PrPositionHistogram) out = g_new0 (PrPositionHistogram, 1);
  const PrBootstrap *bootstrap;
  guint n;

  g_return_val_if_fail (results != NULL && results->bootstrap != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  bootstrap = results->bootstrap;
  n = bootstrap->n;
  out->n = n;
  out->resamples = bootstrap->resamples;
  out->seed = bootstrap->seed;
  out->counts = g_new0 (guint, (gsize) n * n + 1);
  for (guint r = 0; r < bootstrap->resamples; r++)
    for (guint c = 0; c < n; c++)
      {
        guint p = bootstrap->positions[(gsize) r * n + c];

        if (p >= 1 && p <= n)
          out->counts[(gsize) c * n + p - 1]++;
      }
  return g_steal_pointer (&out);
}

guint
pr_position_histogram_percentile (const PrPositionHistogram *histogram,
                                  guint                      c,
                                  guint                      percent)
{
  guint rank, seen = 0;

  g_return_val_if_fail (histogram != NULL && c < histogram->n, 0);

  /* Nearest rank: the value at 1-based rank ⌈p·R/100⌉ of the sorted R. */
  rank = MAX ((guint) (((guint64) percent * histogram->resamples + 99) / 100), 1);
  for (guint p = 0; p < histogram->n; p++)
    {
      seen += histogram->counts[(gsize) c * histogram->n + p];
      if (seen >= rank)
        return p + 1;
    }
  return histogram->n;
}

void
pr_position_histogram_free (PrPositionHistogram *histogram)
{
  if (histogram == NULL)
    return;
  g_free (histogram->counts);
  g_free (histogram);
}
