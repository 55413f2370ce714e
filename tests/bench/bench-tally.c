/* bench-tally.c — how fast the tally methods and statistics run
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing about time. Sections (all by default):
 *   methods    every method, 50 people × 1,000 ballots ranking 10–49 each
 *   kemeny     exact Kemeny at n = 10, 15, 20, 25: time and peak memory
 *   pl         Plackett–Luce, 5,000 ballots × 10 candidates
 *   bootstrap  1,000 resamples, 50 people × 50 ballots (target ≤ 0.5 s)
 *   rp500      ranked pairs, 500 people × 500 ballots ranking 10–40 each (target ≤ 0.3 s)
 *   scale      the same round: all six methods, 1,000 resamples and agreement on every
 *              processor (target ≤ 2 s), with each method's own time
 *   pl1000     Plackett–Luce alone, 1,000 people × 3,000 ballots ranking 10–40 (target ≤ 3 s)
 *   table      the results table and the position distributions in its numbering (what
 *              the window and the charts do after each tally), 300 and 1,000 people with
 *              1,000 resamples
 * The last three run in a child each and report its peak memory.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pr-methods.h"
#include "pr-preflib.h"
#include "pr-results.h"
#include "pr-stats.h"

static PrProfile *
new_profile (guint n)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (ids, g_strdup_printf ("m%02u", c));
  return pr_profile_new ((const char * const *) ids->pdata, NULL, n);
}

typedef struct {
  guint  c;
  double key;
} Noisy;

static int
compare_noisy (gconstpointer a,
               gconstpointer b)
{
  const Noisy *x = a, *y = b;

  return x->key > y->key ? -1 : (x->key < y->key);
}

/* A consensus with noise: candidate c has merit −c/n·3; each ballot
 * ranks a random subset of `min_len`..`max_len` people by merit plus
 * Gumbel noise (a Plackett–Luce draw). */
static PrProfile *
synthetic (guint  n,
           guint  ballots,
           guint  min_len,
           guint  max_len,
           guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  PrProfile *p = new_profile (n);
  g_autofree Noisy *pick = g_new0 (Noisy, n);
  g_autofree guint *order = g_new0 (guint, n);

  for (guint b = 0; b < ballots; b++)
    {
      guint len = (guint) g_rand_int_range (rand, (gint32) min_len, (gint32) max_len + 1);

      for (guint c = 0; c < n; c++)
        {
          pick[c].c = c;
          pick[c].key = g_rand_double (rand);
        }
      /* A random subset: the first `len` of a random shuffle. */
      qsort (pick, n, sizeof (Noisy), compare_noisy);
      for (guint i = 0; i < len; i++)
        pick[i].key = -3.0 * pick[i].c / n - log (-log (g_rand_double_range (rand, 1e-12, 1.0)));
      qsort (pick, len, sizeof (Noisy), compare_noisy);
      for (guint i = 0; i < len; i++)
        order[i] = pick[i].c;
      g_assert_true (pr_profile_add_ranking (p, order, len, NULL));
    }
  return p;
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
bench_methods (void)
{
  g_autoptr(PrProfile) p = synthetic (50, 1000, 10, 49, 1);

  double t0 = now ();

  pr_profile_get_n_orders (p);
  pr_profile_get_pairwise (p, PR_TREATMENT_IGNORE);
  g_print ("methods: 50 people, 1000 ballots ranking 10-49 each\n");
  g_print ("  %-14s %8.1f ms\n", "pairwise", (now () - t0) * 1e3);
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      g_autoptr(PrMethodResult) r = NULL;

      t0 = now ();
      r = pr_method_run (m, p, PR_TREATMENT_IGNORE);
      g_print ("  %-14s %8.1f ms%s\n", pr_method_to_string (m), (now () - t0) * 1e3,
               m == PR_METHOD_KEMENY && !r->exact ? " (local search, n > 25)" : "");
    }
}

/* Each size runs in a child so its peak memory is its own. */
static void
bench_kemeny_one (guint n)
{
  g_autoptr(PrProfile) p = synthetic (n, 200, 2, n, n);
  const guint *N = pr_profile_get_pairwise (p, PR_TREATMENT_IGNORE);
  double t0 = now ();
  g_autoptr(PrMethodResult) r = pr_kemeny (N, n);

  g_print ("  n = %2u  %8.3f s  distance %" G_GUINT64_FORMAT "  exact %s",
           n, now () - t0, r->distance, r->exact ? "yes" : "no");
}

static void
bench_kemeny (void)
{
  static const guint sizes[] = { 10, 15, 20, 25 };

  g_print ("kemeny (exact, dynamic programming over subsets; 200 ballots)\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      struct rusage usage;
      int status;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          bench_kemeny_one (sizes[i]);
          fflush (stdout);
          _exit (0);
        }
      g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
      g_print ("  peak RSS %.1f MiB\n", usage.ru_maxrss / 1024.0);
    }
}

static void
bench_pl_profile (const char *label,
                  PrProfile  *p)
{
  double t0 = now ();
  g_autoptr(PrMethodResult) cold = pr_plackett_luce (p, NULL);
  double t1 = now ();
  g_autoptr(PrMethodResult) warm = pr_plackett_luce (p, cold->score);
  double t2 = now ();

  g_print ("  %-36s cold %7.2f ms (%u Newton steps), warm %6.2f ms, alpha %g\n", label,
           (t1 - t0) * 1e3, cold->iterations, (t2 - t1) * 1e3, cold->alpha);
}

static void
bench_pl (void)
{
  g_autoptr(PrProfile) p = synthetic (10, 5000, 10, 10, 3);
  g_autofree char *sushi = g_build_filename (g_getenv ("PR_SOURCE_ROOT") ? g_getenv ("PR_SOURCE_ROOT") : ".",
                                             "tests", "data", "preflib", "00014-00000001.soc", NULL);
  g_autoptr(PrProfile) real = pr_preflib_load (sushi, NULL);

  g_print ("plackett_luce: 5000 ballots x 10 candidates\n");
  bench_pl_profile ("synthetic", p);
  if (real != NULL)
    bench_pl_profile ("PrefLib 00014-00000001 (sushi)", real);
}

static void
bench_bootstrap (void)
{
  g_autoptr(PrProfile) p = synthetic (50, 50, 10, 49, 4);
  g_autoptr(PrMethodResult) start = pr_plackett_luce (p, NULL);
  guint threads[] = { 1, 0 };

  g_print ("bootstrap: 1000 resamples, 50 people x 50 ballots, plackett_luce (target <= 0.5 s)\n");
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      double t0 = now ();
      g_autoptr(PrBootstrap) b = pr_bootstrap_run (p, PR_METHOD_PLACKETT_LUCE, PR_TREATMENT_IGNORE,
                                                   start, 1000, 1, threads[i], NULL, NULL);

      g_assert_nonnull (b);
      g_print ("  %u thread(s) %8.3f s\n", threads[i] ? threads[i] : g_get_num_processors (),
               now () - t0);
    }
}

/* Runs `func` in a child and prints the child's peak memory, so each
 * figure is its own and not the high-water mark of earlier sections. */
static void
in_child (void (*func) (void))
{
  struct rusage usage;
  int status;
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      func ();
      fflush (stdout);
      _exit (0);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_print ("  peak RSS %.1f MiB\n", usage.ru_maxrss / 1024.0);
}

static void
bench_rp500 (void)
{
  g_autoptr(PrProfile) p = synthetic (500, 500, 10, 40, 5);
  const guint *N = pr_profile_get_pairwise (p, PR_TREATMENT_IGNORE);
  double t0 = now ();
  g_autoptr(PrMethodResult) r = pr_ranked_pairs (N, 500);

  g_print ("ranked_pairs: 500 people x 500 ballots ranking 10-40 (target <= 0.3 s)\n");
  g_print ("  %8.3f s, %u tie groups\n", now () - t0, r->n_groups);
}

static void
bench_scale (void)
{
  g_autoptr(PrProfile) p = synthetic (500, 500, 10, 40, 5);
  g_autoptr(PrResults) all = NULL;
  PrTallyOptions options;
  double t0;

  g_print ("scale: 500 people x 500 ballots ranking 10-40; all methods, 1000 resamples, "
           "agreement, %u processors (target <= 2 s)\n", g_get_num_processors ());
  pr_profile_get_n_orders (p);
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      g_autoptr(PrMethodResult) r = NULL;

      t0 = now ();
      r = pr_method_run (m, p, PR_TREATMENT_IGNORE);
      g_print ("  %-14s %8.1f ms%s\n", pr_method_to_string (m), (now () - t0) * 1e3,
               m == PR_METHOD_PLACKETT_LUCE && !r->converged ? " (not converged)" : "");
    }
  pr_tally_options_init (&options);
  options.bootstrap = 1000;
  options.seed = 1;
  options.agreement = TRUE;
  t0 = now ();
  all = pr_results_compute (p, &options, NULL, NULL);
  g_assert_nonnull (all);
  g_print ("  %-14s %8.3f s\n", "everything", now () - t0);
}

static void
bench_pl1000 (void)
{
  g_autoptr(PrProfile) p = synthetic (1000, 3000, 10, 40, 6);
  double t0 = now ();
  g_autoptr(PrMethodResult) r = NULL;

  pr_profile_get_n_orders (p);
  r = pr_plackett_luce (p, NULL);
  g_print ("plackett_luce: 1000 people x 3000 ballots ranking 10-40 (target <= 3 s)\n");
  g_print ("  %8.3f s, %u Newton steps, converged %s\n", now () - t0, r->iterations,
           r->converged ? "yes" : "no");
}

/* DESIGN §6: every resample renumbered among the placed, for the
 * interval and for the charts' distributions. */
static void
bench_table (void)
{
  static const guint sizes[] = { 300, 1000 };

  g_print ("table: the results table and its distributions, 1000 resamples (Borda)\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(PrProfile) p = synthetic (sizes[i], sizes[i], 2, 12, 7);
      g_autoptr(PrResults) r = NULL;
      g_autoptr(PrResultsTable) t = NULL;
      g_autofree guint *all = NULL;
      g_autofree guint *one = NULL;
      PrTallyOptions options;
      double t0;

      pr_profile_set_min_raters (p, 3);
      pr_tally_options_init (&options);
      options.primary = PR_METHOD_BORDA;
      options.methods = 1u << PR_METHOD_BORDA;
      options.bootstrap = 1000;
      options.seed = 1;
      r = pr_results_compute (p, &options, NULL, NULL);
      t0 = now ();
      t = pr_results_get_table (r);
      g_print ("  n = %4u  table %7.1f ms (%u placed)", sizes[i], (now () - t0) * 1e3, t->n_placed);
      t0 = now ();
      all = pr_results_table_distributions (t, r->bootstrap);
      g_print ("  all distributions %7.1f ms", (now () - t0) * 1e3);
      t0 = now ();
      one = pr_results_table_distribution (t, r->bootstrap, 0);
      g_print ("  one person %6.2f ms\n", (now () - t0) * 1e3);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *only = argc > 1 ? argv[1] : NULL;

  if (only == NULL || g_str_equal (only, "methods"))
    bench_methods ();
  if (only == NULL || g_str_equal (only, "kemeny"))
    bench_kemeny ();
  if (only == NULL || g_str_equal (only, "pl"))
    bench_pl ();
  if (only == NULL || g_str_equal (only, "bootstrap"))
    bench_bootstrap ();
  if (only == NULL || g_str_equal (only, "rp500"))
    in_child (bench_rp500);
  if (only == NULL || g_str_equal (only, "scale"))
    in_child (bench_scale);
  if (only == NULL || g_str_equal (only, "pl1000"))
    in_child (bench_pl1000);
  if (only == NULL || g_str_equal (only, "table"))
    in_child (bench_table);
  return 0;
}
