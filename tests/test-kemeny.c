/* test-kemeny.c — exact Kemeny above the dynamic programme: the integer
 * programme against brute force and the DP, proofs at 26–60 people, the
 * time limit, and what the outputs say about an order not proven
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>

#include "pr-kemeny-private.h"
#include "pr-methods-private.h"
#include "pr-results.h"
#include "pr-results-text.h"
#include "tally-fixture.h"

/* Every block of two or more goes to the integer programme. */
#define ILP_ONLY 1

/* A random matrix with independent counts: cycles everywhere, which is
 * what makes the relaxation fractional and the branch and bound run. */
static guint *
random_matrix (GRand *rand,
               guint  n,
               guint  max_count)
{
  guint *N = g_new0 (guint, (gsize) n * n + 1);

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (a != b)
        N[a * n + b] = (guint) g_rand_int_range (rand, 0, (gint32) max_count + 1);
  return N;
}

static void
assert_same_order (const PrMethodResult *expected,
                   const PrMethodResult *got)
{
  g_assert_cmpuint (got->distance, ==, expected->distance);
  for (guint k = 0; k < expected->n; k++)
    g_assert_cmpuint (got->order[k], ==, expected->order[k]);
  g_assert_true (got->exact);
  g_assert_cmpuint (got->lower_bound, ==, got->distance);
}

/* The integer programme, lexicographic tie-break included, finds what
 * enumerating all n! orders finds: on ballots (many ties) and on random
 * matrices (many cycles). */
static void
test_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);

  for (guint i = 0; i < 300; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 10);
      guint ballots = (guint) g_rand_int_range (rand, 1, 30);
      g_autoptr(PrProfile) p = fixture_random_profile (rand, n, ballots);
      g_autofree guint *M = random_matrix (rand, n, i % 2 ? 9 : 1000);
      const guint *N = i % 3 == 0 ? M : pr_profile_get_pairwise (p, i % 2 ? PR_TREATMENT_BELOW
                                                                           : PR_TREATMENT_IGNORE);
      g_autoptr(PrMethodResult) bf = pr_kemeny_brute_force (N, n);
      g_autoptr(PrMethodResult) ilp = pr_kemeny_search (N, n, ILP_ONLY, 60.0);

      assert_same_order (bf, ilp);
    }
}

/* The same against the DP, up to 20 people, and once at its limit of 25. */
static void
test_dynamic_programme (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (25);

  for (guint i = 0; i <= 40; i++)
    {
      guint n = i == 40 ? 25 : (guint) g_rand_int_range (rand, 10, 21);
      guint ballots = (guint) g_rand_int_range (rand, 2, 40);
      g_autoptr(PrProfile) p = fixture_random_profile (rand, n, ballots);
      g_autofree guint *M = random_matrix (rand, n, 100);
      const guint *N = i % 2 ? M : pr_profile_get_pairwise (p, PR_TREATMENT_IGNORE);
      g_autoptr(PrMethodResult) dp = pr_kemeny_search (N, n, PR_KEMENY_EXACT_MAX, 0.0);
      g_autoptr(PrMethodResult) ilp = pr_kemeny_search (N, n, ILP_ONLY, 60.0);

      assert_same_order (dp, ilp);
    }
}

/* Near-consensus teams of 26 to 60 (Mallows, dispersion 0.5, 5 to 40
 * ballots): the order is proven optimal, never worse than the local
 * search's, and at 26 with three ballots (where the local search alone
 * stopped short of the optimum) too. */
static void
test_near_consensus (void)
{
  static const guint sizes[] = { 26, 30, 40, 50, 60 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (60);

  for (guint i = 0; i < G_N_ELEMENTS (sizes) * 3; i++)
    {
      guint n = sizes[i % G_N_ELEMENTS (sizes)];
      guint ballots = i < G_N_ELEMENTS (sizes) ? 3 : (guint) g_rand_int_range (rand, 5, 41);
      g_autoptr(PrProfile) p = fixture_mallows (rand, n, ballots, 0.5);
      const guint *N = pr_profile_get_pairwise (p, PR_TREATMENT_IGNORE);
      g_autoptr(PrMethodResult) r = pr_method_run (PR_METHOD_KEMENY, p, PR_TREATMENT_IGNORE);
      g_autofree guint *local = g_new0 (guint, n);

      pr_kemeny_local_search (N, n, local);
      g_assert_true (r->exact);
      g_assert_cmpuint (r->lower_bound, ==, r->distance);
      g_assert_cmpuint (r->distance, <=, pr_kemeny_distance (N, n, local));
      g_assert_cmpuint (r->distance, ==, pr_kemeny_distance (N, n, r->order));
    }
}

/* Every ballot the same order of 30: distance 0, the pairwise bound,
 * which proves it optimal without any search. */
static void
test_consensus_bound (void)
{
  g_autoptr(PrProfile) p = fixture_mallows (NULL, 30, 3, 0.0);
  g_autoptr(PrMethodResult) r = pr_method_run (PR_METHOD_KEMENY, p, PR_TREATMENT_IGNORE);

  g_assert_true (r->exact);
  g_assert_cmpuint (r->distance, ==, 0);
  for (guint c = 0; c < 30; c++)
    g_assert_cmpuint (r->order[c], ==, c);
}

/* No time: the local search's order, not proven, with a bound below its
 * distance — and a bound that holds (the optimum, found with time, lies
 * between them). */
static void
test_time_limit (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (40);
  g_autofree guint *N = random_matrix (rand, 40, 20);
  g_autoptr(PrMethodResult) none = pr_kemeny_search (N, 40, PR_KEMENY_BLOCK_DP_MAX, 0.0);
  g_autofree guint *local = g_new0 (guint, 40);
  g_autofree guint *starts = g_new0 (guint, 42);

  /* One block, so the search's order is the local search's on all. */
  for (guint c = 0; c < 40; c++)
    local[c] = c;
  g_assert_cmpuint (pr_kemeny_split (N, 40, local, 40, starts), ==, 1);
  pr_kemeny_local_search (N, 40, local);
  g_assert_false (none->exact);
  g_assert_cmpuint (none->lower_bound, <, none->distance);
  g_assert_cmpuint (none->lower_bound, ==, pr_kemeny_pair_bound (N, 40, local, 40));
  g_assert_cmpuint (none->distance, ==, pr_kemeny_distance (N, 40, local));
}

/* A matrix too cyclic for the pairwise bound: with time it is proven,
 * and its optimum lies within the bound the time limit reported. */
static void
test_time_limit_bound (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (26);
  g_autofree guint *N = random_matrix (rand, 26, 3);
  g_autoptr(PrMethodResult) none = pr_kemeny_search (N, 26, PR_KEMENY_BLOCK_DP_MAX, 0.0);
  g_autoptr(PrMethodResult) full = pr_kemeny_search (N, 26, PR_KEMENY_BLOCK_DP_MAX, 60.0);

  g_assert_false (none->exact);
  g_assert_true (full->exact);
  g_assert_cmpuint (none->lower_bound, <=, full->distance);
  g_assert_cmpuint (full->distance, <=, none->distance);
}

/* Real elections where the local search alone missed the optimum (issue
 * 18, checked there against an independent ILP): the optima, proven. */
typedef struct {
  const char  *file;
  PrTreatment  treatment;
  guint64      optimum;
} RealCase;

static const RealCase real_cases[] = {
  { "00038-00000002.soi", PR_TREATMENT_IGNORE, 55 },     /* the local search: 59 */
  { "00034-00000002.soi", PR_TREATMENT_IGNORE, 1388 },   /* the local search: 1,398 */
  { "00038-00000001.soi", PR_TREATMENT_IGNORE, 48 },
  { "00034-00000001.soi", PR_TREATMENT_BELOW, 35938 },
};

static void
test_preflib (gconstpointer data)
{
  const RealCase *c = data;
  g_autoptr(PrProfile) p = fixture_preflib ("preflib", c->file);
  g_autoptr(PrMethodResult) r = pr_method_run (PR_METHOD_KEMENY, p, c->treatment);

  g_assert_true (r->exact);
  g_assert_cmpuint (r->distance, ==, c->optimum);
  g_assert_cmpuint (r->lower_bound, ==, c->optimum);
}

static PrResults *
kemeny_results (void)
{
  g_autoptr(PrProfile) p = fixture_profile (4, "ABCD ABCD BCAD CABD");
  PrTallyOptions options;

  pr_tally_options_init (&options);
  options.methods = 1u << PR_METHOD_KEMENY;
  options.primary = PR_METHOD_KEMENY;
  return pr_results_compute (p, &options, NULL, NULL);
}

/* The text output says whether the Kemeny order is proven, and names an
 * order that is not "approximate" with its distance and bound. */
static void
test_text_wording (void)
{
  g_autoptr(PrResults) r = kemeny_results ();
  PrMethodResult *k = r->method[PR_METHOD_KEMENY];
  g_autofree char *proven = NULL;
  g_autofree char *approximate = NULL;
  g_autofree char *numbers = NULL;

  g_assert_true (k->exact);
  proven = pr_results_to_text (r, NULL);
  g_assert_nonnull (strstr (proven, "The Kemeny order is proven the best"));
  g_assert_null (strstr (proven, "approximate"));

  k->exact = FALSE;
  k->distance += 7;
  approximate = pr_results_to_text (r, NULL);
  numbers = g_strdup_printf ("disagrees with %" PRIu64 " pairwise preferences on the ballots, "
                             "and no order can disagree with fewer than %" PRIu64 ".",
                             k->distance, k->lower_bound);
  g_assert_nonnull (strstr (approximate, "The Kemeny order is approximate"));
  g_assert_nonnull (strstr (approximate, numbers));
  g_assert_null (strstr (approximate, "order is proven"));
}

/* Nothing said when Kemeny is not shown. */
static void
test_text_without_kemeny (void)
{
  g_autoptr(PrProfile) p = fixture_profile (3, "ABC BCA");
  g_autoptr(PrResults) r = NULL;
  g_autofree char *text = NULL;
  PrTallyOptions options;

  pr_tally_options_init (&options);
  options.methods = 1u << PR_METHOD_BORDA;
  r = pr_results_compute (p, &options, NULL, NULL);
  text = pr_results_to_text (r, NULL);
  g_assert_null (strstr (text, "Kemeny order"));
}

int
main (int   argc,
      char *argv[])
{
  /* The wording is checked in English. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/kemeny/ilp/brute-force", test_brute_force);
  g_test_add_func ("/peer-rank/kemeny/ilp/dynamic-programme", test_dynamic_programme);
  g_test_add_func ("/peer-rank/kemeny/near-consensus", test_near_consensus);
  for (guint i = 0; i < G_N_ELEMENTS (real_cases); i++)
    {
      const RealCase *c = &real_cases[i];
      g_autofree char *path = g_strdup_printf ("/peer-rank/kemeny/preflib/%s-%s", c->file,
                                               pr_treatment_to_string (c->treatment));

      g_test_add_data_func (path, c, test_preflib);
    }
  g_test_add_func ("/peer-rank/kemeny/consensus-bound", test_consensus_bound);
  g_test_add_func ("/peer-rank/kemeny/time-limit", test_time_limit);
  g_test_add_func ("/peer-rank/kemeny/time-limit-bound", test_time_limit_bound);
  g_test_add_func ("/peer-rank/kemeny/text/wording", test_text_wording);
  g_test_add_func ("/peer-rank/kemeny/text/without-kemeny", test_text_without_kemeny);

  return g_test_run ();
}
