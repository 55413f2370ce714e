/* test-stats.c — coverage, bootstrap, Kendall's W and τ-b, sensitivity
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pr-methods-private.h"
#include "pr-results.h"
#include "pr-stats.h"
#include "pr-test-display.h"
#include "tally-fixture.h"
#include "pr-results-csv.h"
#include "pr-results-text.h"

static void
test_coverage (void)
{
  /* A and B beat each other; C beats D but never the reverse: three
   * components {A, B}, {C}, {D}, numbered by first member. */
  g_autoptr(PrProfile) p = fixture_profile (4, "AB BA CD");
  g_autoptr(PrCoverage) c = pr_coverage_compute (p);

  g_assert_false (c->strongly_connected);
  g_assert_cmpuint (c->n_components, ==, 3);
  g_assert_cmpuint (c->component[0], ==, 0);
  g_assert_cmpuint (c->component[1], ==, 0);
  g_assert_cmpuint (c->component[2], ==, 1);
  g_assert_cmpuint (c->component[3], ==, 2);
  g_assert_cmpuint (c->raters[0], ==, 2);
  g_assert_cmpuint (c->raters[3], ==, 1);
  /* min_raters 3 by default: everyone is under it. */
  g_assert_cmpuint (c->n_below, ==, 4);
}

static void
test_coverage_connected (void)
{
  g_autoptr(PrProfile) p = fixture_profile (3, "ABC CBA 2*BAC");
  g_autoptr(PrCoverage) c = NULL;

  pr_profile_set_min_raters (p, 4);
  c = pr_coverage_compute (p);
  g_assert_true (c->strongly_connected);
  g_assert_cmpuint (c->n_components, ==, 1);
  g_assert_cmpuint (c->n_below, ==, 0);
}

static void
test_tau_b (void)
{
  const guint order[] = { 0, 1, 2 };
  const guint same[] = { 1, 2, 3 };
  const guint reversed[] = { 3, 2, 1 };
  const guint tied[] = { 1, 2, 2 };
  const guint all_tied[] = { 1, 1, 1 };

  g_assert_cmpfloat_with_epsilon (pr_kendall_tau_b (order, 3, same), 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (pr_kendall_tau_b (order, 3, reversed), -1.0, 1e-15);
  /* Two concordant pairs, one tied in the consensus: 2 / √(3 · 2). */
  g_assert_cmpfloat_with_epsilon (pr_kendall_tau_b (order, 3, tied), 2.0 / sqrt (6.0), 1e-15);
  g_assert_true (isnan (pr_kendall_tau_b (order, 3, all_tied)));
  g_assert_true (isnan (pr_kendall_tau_b (order, 1, same)));
}

/* Classical W = 12 S / (m² (n³ − n)) for m complete rankings of n. */
static double
classical_w (PrProfile *p)
{
  guint n = pr_profile_get_n_candidates (p), m = pr_profile_get_n_ballots (p);
  g_autofree double *sum = g_new0 (double, n);
  double mean = m * (n + 1) / 2.0, S = 0.0;

  for (guint o = 0; o < pr_profile_get_n_orders (p); o++)
    {
      guint len, count;
      const guint *order = pr_profile_get_order (p, o, &len, NULL, &count);

      for (guint i = 0; i < len; i++)
        sum[order[i]] += count * (i + 1.0);
    }
  for (guint c = 0; c < n; c++)
    S += (sum[c] - mean) * (sum[c] - mean);
  return 12.0 * S / ((double) m * m * ((double) n * n * n - n));
}

static void
test_kendall_w_complete (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  /* On complete rankings the incomplete-data form equals the classical. */
  for (guint i = 0; i < 300; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 8), m = (guint) g_rand_int_range (rand, 2, 12);
      g_autoptr(GString) spec = g_string_new (NULL);
      g_autoptr(PrProfile) p = NULL;

      for (guint b = 0; b < m; b++)
        {
          char perm[26];

          for (guint c = 0; c < n; c++)
            perm[c] = (char) ('A' + c);
          for (guint c = n - 1; c > 0; c--)
            {
              guint k = (guint) g_rand_int_range (rand, 0, (gint32) c + 1);
              char x = perm[c];

              perm[c] = perm[k];
              perm[k] = x;
            }
          g_string_append_len (spec, perm, n);
          g_string_append_c (spec, ' ');
        }
      p = fixture_profile (n, spec->str);
      g_assert_cmpfloat_with_epsilon (pr_kendall_w (p, NULL, NULL), classical_w (p), 1e-12);
    }
}

static void
test_kendall_w_incomplete (void)
{
  /* Raters 1 and 2 share A, B (ρ = 1, weight 1); 1 and 3 share A, C
   * (ρ = −1, weight 1); 2 and 3 share A (no ρ). ρ̄ = 0; A has 3
   * ratings, B, C 2 each: k̄ = 7/3; W = (1 + 0) / (7/3) = 3/7. */
  g_autoptr(PrProfile) p = fixture_profile (3, "ABC AB CA");
  double rho, k;

  g_assert_cmpfloat_with_epsilon (pr_kendall_w (p, &rho, &k), 3.0 / 7.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (rho, 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (k, 7.0 / 3.0, 1e-15);
}

static void
test_kendall_w_unrated (void)
{
  /* irrNA::kendallNA counts people nobody rated in k̄: ρ̄ = (−1 + 1 − 1)/3
   * over the three pairs on A, B; k̄ = (3 + 3 + 0) / 3 = 2, not 3;
   * W = (1 − 1/3 · 1) / 2 = 1/3. */
  g_autoptr(PrProfile) p = fixture_profile (3, "AB BA AB");
  double rho, k;

  g_assert_cmpfloat_with_epsilon (pr_kendall_w (p, &rho, &k), 1.0 / 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (rho, -1.0 / 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (k, 2.0, 1e-15);
}

static void
test_agreement (void)
{
  /* Three ballots A > B > C (two cast by D and E), one C > B > A: each
   * of the three leaves a consensus of A B C behind (τ = 1); without the
   * fourth the rest is unanimous A B C too (τ = −1). */
  g_autoptr(PrProfile) p = fixture_profile (5, "D/ABC E/ABC ABC CBA");
  g_autoptr(PrAgreement) a = pr_agreement_compute (p, PR_METHOD_BORDA, PR_TREATMENT_IGNORE,
                                                   NULL, 2, NULL, NULL);
  const char *labels[] = { "D", "E", "#3", "#4" };
  const double taus[] = { 1.0, 1.0, 1.0, -1.0 };

  g_assert_nonnull (a);
  g_assert_cmpuint (a->n_raters, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpstr (a->raters[i].rater, ==, labels[i]);
      g_assert_cmpfloat_with_epsilon (a->raters[i].tau, taus[i], 1e-15);
    }
  /* Pairs: three agreeing (ρ = 1) and three against the last (ρ = −1),
   * all on 3 people; 12 ratings over all 5 people (D and E have none):
   * k̄ = 12/5, W = (1 + 0 · 7/5) / (12/5) = 5/12. */
  g_assert_cmpfloat_with_epsilon (a->kendall_w, 5.0 / 12.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (a->mean_k, 12.0 / 5.0, 1e-15);
}

static void
test_agreement_rater_order (void)
{
  /* "#k" follows the canonical profile order (voter, then length, then
   * the order), not input order, so two input orders list the same
   * raters: #1 is B A (the rest's Borda consensus A B C: τ = −1), #2 and
   * #3 are A B C (the rest gives B C A: τ = −1/3), #4 is C B A (the rest
   * gives A = B above C: τ-b = −2/√6). */
  const char *specs[] = { "CBA ABC BA ABC", "BA ABC CBA ABC" };
  const double taus[] = { -1.0, -1.0 / 3.0, -1.0 / 3.0, -2.0 / sqrt (6.0) };

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(PrProfile) p = fixture_profile (3, specs[s]);
      g_autoptr(PrAgreement) a = pr_agreement_compute (p, PR_METHOD_BORDA, PR_TREATMENT_IGNORE,
                                                       NULL, 1, NULL, NULL);

      g_assert_cmpuint (a->n_raters, ==, 4);
      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *label = g_strdup_printf ("#%u", i + 1);

          g_assert_cmpstr (a->raters[i].rater, ==, label);
          g_assert_cmpfloat_with_epsilon (a->raters[i].tau, taus[i], 1e-15);
        }
    }
}

static void
test_agreement_too_large (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PrProfile) p = NULL;
  g_autoptr(PrAgreement) a = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  for (guint c = 0; c < 150; c++)
    g_ptr_array_add (ids, g_strdup_printf ("c%u", c));
  p = pr_profile_new ((const char * const *) ids->pdata, NULL, 150);
  for (guint x = 0; x < 150 && added <= PR_AGREEMENT_MAX_ORDERS; x++)
    for (guint y = 0; y < 150 && added <= PR_AGREEMENT_MAX_ORDERS; y++)
      if (x != y)
        {
          const guint order[] = { x, y };

          g_assert_true (pr_profile_add_ranking (p, order, 2, NULL));
          added++;
        }
  a = pr_agreement_compute (p, PR_METHOD_BORDA, PR_TREATMENT_IGNORE, NULL, 1, NULL, &error);
  g_assert_null (a);
  g_assert_error (error, PR_STATS_ERROR, PR_STATS_ERROR_TOO_LARGE);
}

static PrProfile *
bench_like_profile (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  return fixture_random_profile (rand, 8, 30);
}

static void
test_bootstrap_threads (void)
{
  g_autoptr(PrProfile) p = bench_like_profile ();
  g_autoptr(PrMethodResult) start = pr_plackett_luce (p, NULL);
  g_autoptr(PrBootstrap) one = NULL;
  g_autoptr(PrBootstrap) four = NULL;

  one = pr_bootstrap_run (p, PR_METHOD_PLACKETT_LUCE, PR_TREATMENT_IGNORE, start, 101, 42, 1, NULL, NULL);
  four = pr_bootstrap_run (p, PR_METHOD_PLACKETT_LUCE, PR_TREATMENT_IGNORE, start, 101, 42, 4, NULL, NULL);
  g_assert_nonnull (one);
  g_assert_nonnull (four);
  for (guint c = 0; c < 8; c++)
    {
      g_assert_cmpuint (one->median[c], ==, four->median[c]);
      g_assert_cmpuint (one->low[c], ==, four->low[c]);
      g_assert_cmpuint (one->high[c], ==, four->high[c]);
      g_assert_cmpuint (one->low[c], <=, one->median[c]);
      g_assert_cmpuint (one->median[c], <=, one->high[c]);
      g_assert_cmpuint (one->high[c], <=, 8);
    }
}

static void
test_bootstrap_unanimous (void)
{
  /* Every resample of identical ballots is the same profile. */
  g_autoptr(PrProfile) p = fixture_profile (3, "5*CAB");
  g_autoptr(PrBootstrap) b = pr_bootstrap_run (p, PR_METHOD_SCHULZE, PR_TREATMENT_IGNORE, NULL,
                                               50, 1, 2, NULL, NULL);

  g_assert_cmpuint (b->median[2], ==, 1);
  g_assert_cmpuint (b->low[0], ==, 2);
  g_assert_cmpuint (b->high[1], ==, 3);
}

static void
test_bootstrap_cancelled (void)
{
  g_autoptr(PrProfile) p = bench_like_profile ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrBootstrap) b = NULL;

  g_cancellable_cancel (cancellable);
  b = pr_bootstrap_run (p, PR_METHOD_BORDA, PR_TREATMENT_IGNORE, NULL, 10, 1, 2, cancellable, &error);
  g_assert_null (b);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_sensitivity (void)
{
  g_autoptr(PrProfile) p = fixture_profile (4, "2*ABC BA");
  g_autoptr(PrMethodResult) borda = pr_method_run (PR_METHOD_BORDA, p, PR_TREATMENT_IGNORE);
  g_autoptr(PrMethodResult) copeland = pr_method_run (PR_METHOD_COPELAND, p, PR_TREATMENT_IGNORE);
  PrMethodResult *both[] = { borda, copeland };

  /* Borda AB|C|D, Copeland A|BD|C: A stays 1st; B, C and D move. */
  g_assert_false (pr_position_varies (both, 2, 0));
  g_assert_true (pr_position_varies (both, 2, 1));
  g_assert_true (pr_position_varies (both, 2, 2));
  g_assert_true (pr_position_varies (both, 2, 3));
}

static void
test_results_text (void)
{
  g_autoptr(PrProfile) p = fixture_profile (3, "ABC BAC");
  PrTallyOptions options;
  g_autoptr(PrResults) r = NULL;
  g_autofree char *csv = NULL;

  pr_tally_options_init (&options);
  options.methods = 1u << PR_METHOD_BORDA | 1u << PR_METHOD_KEMENY;
  options.bootstrap = 20;
  r = pr_results_compute (p, &options, NULL, NULL);
  csv = pr_results_to_csv (r, NULL);
  g_assert_true (g_str_has_prefix (csv, "id,name,raters,borda_position,borda_score,kemeny_position,"
                                        "bootstrap_median,bootstrap_low,bootstrap_high,position_varies,"
                                        "position,placed,score,low,high,flags\r\n"
                                        "A,A,2,1,0.75,1,"));
  /* The primary method runs even when not shown. */
  g_assert_nonnull (r->method[PR_METHOD_PLACKETT_LUCE]);
  g_assert_false (pr_results_shows (r, PR_METHOD_PLACKETT_LUCE));
}

static void
test_results_not_converged (void)
{
  /* A Newton fit cut short at its cap is told in the text output. */
  g_autoptr(PrProfile) p = fixture_profile (3, "3*ABC BAC CBA");
  PrTallyOptions options;
  g_autoptr(PrResults) r = NULL;
  g_autofree char *done = NULL;
  g_autofree char *cut = NULL;

  pr_tally_options_init (&options);
  r = pr_results_compute (p, &options, NULL, NULL);
  g_assert_true (r->method[PR_METHOD_PLACKETT_LUCE]->converged);
  done = pr_results_to_text (r, NULL);
  g_assert_null (strstr (done, "without converging"));
  pr_method_result_free (r->method[PR_METHOD_PLACKETT_LUCE]);
  r->method[PR_METHOD_PLACKETT_LUCE] = pr_plackett_luce_fit_capped (p, NULL, TRUE, 1);
  g_assert_false (r->method[PR_METHOD_PLACKETT_LUCE]->converged);
  cut = pr_results_to_text (r, NULL);
  g_assert_nonnull (strstr (cut, "Plackett–Luce: the fit stopped after 1 step without converging"));
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrResults **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pr_results_compute_finish (result, &error);
  g_assert_no_error (error);
}

static void
cancelled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrResults) r = pr_results_compute_finish (result, &error);

  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_results_async (void)
{
  g_autoptr(PrProfile) p = fixture_profile (3, "ABC BAC CA");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PrTallyOptions options;
  PrResults *r = NULL;
  gboolean done = FALSE;

  pr_tally_options_init (&options);
  options.bootstrap = 10;
  pr_results_compute_async (p, &options, NULL, computed_cb, &r);
  pr_test_wait (r != NULL, "the tally to finish");
  g_assert_nonnull (r->bootstrap);
  g_assert_cmpuint (r->method[PR_METHOD_SCHULZE]->n, ==, 3);
  pr_results_free (r);

  g_cancellable_cancel (cancellable);
  pr_results_compute_async (p, &options, cancellable, cancelled_cb, &done);
  pr_test_wait (done, "the cancelled tally to return");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/stats/coverage/components", test_coverage);
  g_test_add_func ("/peer-rank/stats/coverage/connected", test_coverage_connected);
  g_test_add_func ("/peer-rank/stats/tau-b", test_tau_b);
  g_test_add_func ("/peer-rank/stats/kendall-w/complete", test_kendall_w_complete);
  g_test_add_func ("/peer-rank/stats/kendall-w/incomplete", test_kendall_w_incomplete);
  g_test_add_func ("/peer-rank/stats/kendall-w/unrated", test_kendall_w_unrated);
  g_test_add_func ("/peer-rank/stats/agreement", test_agreement);
  g_test_add_func ("/peer-rank/stats/agreement-too-large", test_agreement_too_large);
  g_test_add_func ("/peer-rank/stats/bootstrap/threads", test_bootstrap_threads);
  g_test_add_func ("/peer-rank/stats/bootstrap/unanimous", test_bootstrap_unanimous);
  g_test_add_func ("/peer-rank/stats/bootstrap/cancelled", test_bootstrap_cancelled);
  g_test_add_func ("/peer-rank/stats/sensitivity", test_sensitivity);
  g_test_add_func ("/peer-rank/stats/results-csv", test_results_text);
  g_test_add_func ("/peer-rank/stats/agreement/rater-order", test_agreement_rater_order);
  g_test_add_func ("/peer-rank/stats/results-not-converged", test_results_not_converged);
  g_test_add_func ("/peer-rank/stats/results-async", test_results_async);

  return g_test_run ();
}
