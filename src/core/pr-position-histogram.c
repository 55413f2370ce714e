/* pr-position-histogram.c — how often each person took each position
 * over the bootstrap resamples
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-position-histogram.h"

/* PrBootstrap keeps only three percentiles per person; the charts need
 * the whole distribution. This replays pr_bootstrap_run()'s resamples
 * exactly — resample r draws with a Mersenne Twister seeded from
 * (S mod 2³², S div 2³², r, tag) and refits the primary method, warm
 * started from the fit on all ballots — and counts positions instead of
 * summarising them. tests/test-charts.c checks that its percentiles equal
 * the core's, so a change to the resampling there cannot go unnoticed. */

#define RESAMPLE_TAG 0x50526273

typedef struct {
  PrProfile            *profile;
  const PrMethodResult *start;
  PrMethod              primary;
  PrTreatment           treatment;
  guint64               seed;
  guint                 n;
  guint                 n_orders;
  guint                *cumulative;
  guint                *positions;   /* [r * n + c] */
  guint                 resamples;
  gint                  next;
  GCancellable         *cancellable;
} Replay;

static PrMethodResult *
run_primary (Replay    *b,
             PrProfile *sample)
{
  if (b->primary == PR_METHOD_PLACKETT_LUCE)
    return pr_plackett_luce_fit (sample, b->start != NULL ? b->start->score : NULL, FALSE);
  return pr_method_run (b->primary, sample, b->treatment);
}

static void
replay_one (Replay *b,
            guint   r)
{
  guint32 seeds[4] = { (guint32) b->seed, (guint32) (b->seed >> 32), r, RESAMPLE_TAG };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  g_autofree guint *counts = g_new0 (guint, b->n_orders + 1);
  guint total = pr_profile_get_n_ballots (b->profile);
  g_autoptr(PrProfile) sample = NULL;
  g_autoptr(PrMethodResult) result = NULL;

  for (guint k = 0; k < total; k++)
    {
      guint pick = (guint) g_rand_int_range (rand, 0, (gint32) total);
      guint lo = 0, hi = b->n_orders - 1;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (b->cumulative[mid] > pick)
            hi = mid;
          else
            lo = mid + 1;
        }
      counts[lo]++;
    }
  sample = pr_profile_new_reweighted (b->profile, counts);
  result = run_primary (b, sample);
  memcpy (b->positions + (gsize) r * b->n, result->position, b->n * sizeof (guint));
}

static gpointer
replay_worker (gpointer data)
{
  Replay *b = data;

  for (;;)
    {
      guint r = (guint) g_atomic_int_add (&b->next, 1);

      if (r >= b->resamples || g_cancellable_is_cancelled (b->cancellable))
        return NULL;
      replay_one (b, r);
    }
}

static void
replay_run (Replay *b,
            guint   n_threads)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX (b->resamples, 1));
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("pr-histogram", replay_worker, b));
  replay_worker (b);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
}

static void
prepare_cumulative (Replay *b)
{
  guint sum = 0;

  b->cumulative = g_new0 (guint, b->n_orders + 1);
  for (guint o = 0; o < b->n_orders; o++)
    {
      guint count;

      pr_profile_get_order (b->profile, o, NULL, NULL, &count);
      sum += count;
      b->cumulative[o] = sum;
    }
}

PrPositionHistogram *
pr_position_histogram_compute (const PrResults  *results,
                               guint             n_threads,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(PrPositionHistogram) out = g_new0 (PrPositionHistogram, 1);
  g_autofree guint *positions = NULL;
  Replay b = { 0, };

  g_return_val_if_fail (results != NULL && results->bootstrap != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  b.profile = results->profile;
  b.primary = results->options.primary;
  b.treatment = results->options.treatment;
  b.start = results->method[b.primary];
  b.seed = results->bootstrap->seed;
  b.resamples = results->bootstrap->resamples;
  b.n = pr_profile_get_n_candidates (b.profile);
  b.n_orders = pr_profile_get_n_orders (b.profile);
  b.cancellable = cancellable;
  /* Fill the profile's caches before threads share it. */
  pr_profile_get_pairwise (b.profile, PR_TREATMENT_IGNORE);
  pr_profile_get_pairwise (b.profile, b.treatment);

  out->n = b.n;
  out->resamples = b.resamples;
  out->seed = b.seed;
  out->counts = g_new0 (guint, (gsize) b.n * b.n + 1);
  if (b.n_orders == 0)
    {
      /* No ballots: every resample ties everyone first, as the core says. */
      for (guint c = 0; c < b.n; c++)
        out->counts[(gsize) c * b.n] = b.resamples;
      return g_steal_pointer (&out);
    }

  prepare_cumulative (&b);
  b.positions = positions = g_new0 (guint, (gsize) b.resamples * b.n + 1);
  replay_run (&b, n_threads);
  g_free (b.cumulative);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint r = 0; r < b.resamples; r++)
    for (guint c = 0; c < b.n; c++)
      {
        guint p = positions[(gsize) r * b.n + c];

        if (p >= 1 && p <= b.n)
          out->counts[(gsize) c * b.n + p - 1]++;
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
