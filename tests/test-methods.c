/* test-methods.c — the six methods on hand-worked profiles and on
 * thousands of random ones
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pr-methods-private.h"
#include "pr-preflib.h"
#include "tally-fixture.h"

/* Expected tie groups per method, as fixture_ranking() writes them;
 * NULL where the case says nothing about that method. Worked by hand:
 * the comments give the pairwise counts the answers follow from. */
typedef struct {
  const char  *name;
  guint        n;
  const char  *ballots;
  PrTreatment  treatment;
  const char  *expected[PR_N_METHODS];
  guint64      kemeny_distance;
} HandCase;

static const HandCase hand_cases[] = {
  /* Condorcet cycle: N[A][B] = N[B][C] = N[C][A] = 2, reverse 1. Borda
   * all 1/2; Copeland all 0; Schulze paths all 2 both ways; ranked pairs
   * locks A>B, B>C, skips C>A; every rotation costs 4, ABC is smallest. */
  { "cycle-ignore", 3, "ABC BCA CAB", PR_TREATMENT_IGNORE,
    { "ABC", "ABC", "ABC", "A|B|C", "A|B|C", "ABC" }, 4 },
  { "cycle-below", 3, "ABC BCA CAB", PR_TREATMENT_BELOW,
    { "ABC", "ABC", "ABC", "A|B|C", "A|B|C", "ABC" }, 4 },
  /* Nobody ranks D. Borda A = B = 2/3 exactly, C = 0, D null.
   * Ignore: A>B 2:1, A>C 2:0, B>C 2:0, D no pairs: Copeland A 2, B 0,
   * D 0, C −2; nobody beats D, so the layering puts D first. */
  { "unranked-ignore", 4, "2*ABC BA", PR_TREATMENT_IGNORE,
    { "AB|C|D", "A|BD|C", "AD|B|C", "AD|B|C", "A|B|C|D", NULL }, 1 },
  /* Below: A, B, C also beat D (3, 3, 2) and A, B beat C once more. */
  { "unranked-below", 4, "2*ABC BA", PR_TREATMENT_BELOW,
    { "AB|C|D", "A|B|C|D", "A|B|C|D", "A|B|C|D", "A|B|C|D", NULL }, 1 },
  /* No ballots: everyone tied; Kemeny still a linear order, A B C. */
  { "empty-ignore", 3, "", PR_TREATMENT_IGNORE,
    { "ABC", "ABC", "ABC", "ABC", "A|B|C", "ABC" }, 0 },
  { "empty-below", 3, "", PR_TREATMENT_BELOW,
    { "ABC", "ABC", "ABC", "ABC", "A|B|C", "ABC" }, 0 },
  /* A perfect tie: N[A][B] = N[B][A] = 1. */
  { "tie-ignore", 2, "AB BA", PR_TREATMENT_IGNORE,
    { "AB", "AB", "AB", "AB", "A|B", "AB" }, 1 },
  { "tie-below", 3, "AB BA", PR_TREATMENT_BELOW,
    { "AB|C", "AB|C", "AB|C", "AB|C", "A|B|C", NULL }, 1 },
  /* One ballot, B > A, cast by C: only N[B][A] = 1. Copeland B 1, C 0,
   * A −1; C is unbeaten; Plackett–Luce has α = 0.01, θ_A = −θ_B, θ_C = 0. */
  { "single-voter-ignore", 3, "C/BA", PR_TREATMENT_IGNORE,
    { "B|A|C", "B|C|A", "BC|A", "BC|A", "B|A|C", "B|C|A" }, 0 },
  /* The voter is not "unranked" on their own ballot: nothing changes. */
  { "single-voter-below", 3, "C/BA", PR_TREATMENT_BELOW,
    { "B|A|C", "B|C|A", "BC|A", "BC|A", "B|A|C", "B|C|A" }, 0 },
  /* Without a voter, below makes B and A beat C. */
  { "single-anonymous-below", 3, "BA", PR_TREATMENT_BELOW,
    { "B|A|C", "B|A|C", "B|A|C", "B|A|C", "B|A|C", "B|C|A" }, 0 },
  /* Tennessee capital (A Memphis, B Nashville, C Chattanooga, D Knoxville):
   * B is the Condorcet winner, then C > D > A pairwise; Borda
   * A 0.42, B 0.6467, C 0.5767, D 0.3567. */
  { "tennessee", 4, "42*ABCD 26*BCDA 15*CDBA 17*DCBA", PR_TREATMENT_IGNORE,
    { "B|C|A|D", "B|C|D|A", "B|C|D|A", "B|C|D|A", "B|C|D|A", NULL }, 207 },
  /* Schulze's own example (Wikipedia "Schulze method", 45 voters). */
  { "schulze-45", 5, "5*ACBED 5*ADECB 8*BEDAC 3*CABED 7*CAEBD 2*CBADE 7*DCEBA 8*EBADC",
    PR_TREATMENT_IGNORE, { NULL, NULL, "E|A|C|B|D", NULL, NULL, NULL }, 0 },
};

static void
test_hand_case (gconstpointer data)
{
  const HandCase *c = data;
  g_autoptr(PrProfile) profile = fixture_profile (c->n, c->ballots);

  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      g_autoptr(PrMethodResult) r = pr_method_run (m, profile, c->treatment);
      g_autofree char *got = fixture_ranking (r);

      if (c->expected[m] != NULL)
        {
          if (g_strcmp0 (got, c->expected[m]) != 0)
            g_test_message ("%s: %s", pr_method_to_string (m), got);
          g_assert_cmpstr (got, ==, c->expected[m]);
        }
      if (m == PR_METHOD_KEMENY && c->expected[m] != NULL)
        {
          g_assert_cmpuint (r->distance, ==, c->kemeny_distance);
          g_assert_true (r->exact);
          g_assert_cmpuint (r->lower_bound, <=, r->distance);
        }
    }
}

static void
test_borda_scores (void)
{
  g_autoptr(PrProfile) profile = fixture_profile (4, "2*ABC BA");
  g_autoptr(PrMethodResult) r = pr_borda (profile);

  /* (1 + 1 + 0) / 3 and (1/2 + 1/2 + 1) / 3: the same rational, the same
   * double, one tie group. */
  g_assert_cmpfloat (r->score[0], ==, 2.0 / 3.0);
  g_assert_cmpfloat (r->score[1], ==, r->score[0]);
  g_assert_cmpfloat (r->score[2], ==, 0.0);
  g_assert_true (isnan (r->score[3]));
  g_assert_true (r->exact);
  g_assert_cmpuint (r->position[0], ==, 1);
  g_assert_cmpuint (r->position[1], ==, 1);
  g_assert_cmpuint (r->position[2], ==, 3);
  g_assert_cmpuint (r->position[3], ==, 4);
}

static void
test_borda_exact_tie (void)
{
  /* A: thirds from three four-person ballots, 1/3 · 3 / 3 = 1/3.
   * B: (2/3 + 0 + 1/3) / 3 = 1/3 by another path. Equal exactly. */
  g_autoptr(PrProfile) profile = fixture_profile (5, "EDAC EDAC EDAC EBDC EDCB EDBC");
  g_autoptr(PrMethodResult) r = pr_borda (profile);

  g_assert_cmpuint (r->group[0], ==, r->group[1]);
  g_assert_cmpfloat (r->score[0], ==, r->score[1]);
}

static void
test_borda_overflow_tie (void)
{
  /* Scores of 1 and 2 are equal, but their reduced common denominator
   * (ballots of every length 2 … 60) overflows 128-bit integers; a
   * floating fallback once split them (tests/data/tally/README.md). */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tally",
                                                 "borda-split.soi", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = pr_preflib_load (path, &error);
  g_autoptr(PrMethodResult) r = NULL;

  g_assert_no_error (error);
  r = pr_borda (profile);
  g_assert_cmpuint (r->group[0], ==, r->group[1]);
  g_assert_cmpfloat (r->score[0], ==, r->score[1]);
  g_assert_true (r->exact);
}

static void
test_copeland_scores (void)
{
  g_autoptr(PrProfile) profile = fixture_profile (4, "2*ABC BA");
  g_autoptr(PrMethodResult) r = pr_method_run (PR_METHOD_COPELAND, profile, PR_TREATMENT_IGNORE);

  g_assert_cmpfloat (r->score[0], ==, 2);
  g_assert_cmpfloat (r->score[1], ==, 0);
  g_assert_cmpfloat (r->score[2], ==, -2);
  g_assert_cmpfloat (r->score[3], ==, 0);
  /* Standard competition positions: 1, 2, 2, 4. */
  g_assert_cmpuint (r->position[0], ==, 1);
  g_assert_cmpuint (r->position[1], ==, 2);
  g_assert_cmpuint (r->position[3], ==, 2);
  g_assert_cmpuint (r->position[2], ==, 4);
}

/* Solves b = 50 / (1 + e^{2b}) by bisection: the optimum of
 * log(1 + e^{−2b}) + 0.02·b² for one ballot B > A with θ_A = −θ_B = −b. */
static double
single_ballot_theta (void)
{
  double lo = 0.0, hi = 50.0;

  for (guint i = 0; i < 200; i++)
    {
      double mid = (lo + hi) / 2;

      if (mid - 50.0 / (1.0 + exp (2.0 * mid)) < 0)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
test_plackett_luce_single (void)
{
  g_autoptr(PrProfile) profile = fixture_profile (3, "C/BA");
  g_autoptr(PrMethodResult) r = pr_plackett_luce (profile, NULL);
  double b = single_ballot_theta ();

  g_assert_cmpfloat (r->alpha, ==, 0.01);
  g_assert_cmpfloat_with_epsilon (r->score[1], b, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->score[0], -b, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->score[2], 0.0, 1e-12);
  g_assert_true (isnan (r->std_error[2]));
  g_assert_false (isnan (r->std_error[0]));
  g_assert_cmpfloat (r->std_error[0], >, 0.0);
}

static void
test_plackett_luce_two (void)
{
  /* Strongly connected: α = 0 and the MLE is log(3/1) apart: A beat B
   * three times, B beat A once, so θ_A − θ_B = log 3. The information
   * on the difference is 4·p(1−p) = 3/4 with p = 3/4, so the centred
   * θ_A = difference / 2 has variance (4/3) / 4 and SE 1/√3. */
  g_autoptr(PrProfile) profile = fixture_profile (2, "3*AB BA");
  g_autoptr(PrMethodResult) r = pr_plackett_luce (profile, NULL);

  g_assert_cmpfloat (r->alpha, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (r->score[0] - r->score[1], log (3.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (r->score[0] + r->score[1], 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->std_error[0], 1.0 / sqrt (3.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (r->std_error[1], 1.0 / sqrt (3.0), 1e-9);
}

static void
test_plackett_luce_warm_start (void)
{
  g_autoptr(PrProfile) profile = fixture_profile (4, "ABCD 2*BCA DA CB 3*ADCB");
  g_autoptr(PrMethodResult) cold = pr_plackett_luce (profile, NULL);
  g_autoptr(PrMethodResult) warm = pr_plackett_luce (profile, cold->score);

  for (guint c = 0; c < 4; c++)
    g_assert_cmpfloat_with_epsilon (cold->score[c], warm->score[c], 1e-9);
  g_assert_cmpuint (warm->iterations, <=, 1);
}

static void
test_plackett_luce_cap (void)
{
  /* One Newton step from θ = 0 does not reach the tolerance on a
   * non-quadratic likelihood: the fit says so. From its own optimum a
   * fit with no steps left has nothing to do and has converged. */
  g_autoptr(PrProfile) profile = fixture_profile (3, "3*ABC BAC CBA");
  g_autoptr(PrMethodResult) full = pr_plackett_luce (profile, NULL);
  g_autoptr(PrMethodResult) cut = pr_plackett_luce_fit_capped (profile, NULL, FALSE, 1);
  g_autoptr(PrMethodResult) none = pr_plackett_luce_fit_capped (profile, full->score, FALSE, 0);

  g_assert_true (full->converged);
  g_assert_cmpuint (full->iterations, >, 1);
  g_assert_cmpuint (full->iterations, <, PR_PLACKETT_LUCE_MAX_ITERATIONS);
  g_assert_false (cut->converged);
  g_assert_cmpuint (cut->iterations, ==, 1);
  g_assert_true (none->converged);
  g_assert_cmpuint (none->iterations, ==, 0);
}

static PrProfile *
many_candidates (guint n)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (ids, g_strdup_printf ("m%u", c));
  return pr_profile_new ((const char * const *) ids->pdata, NULL, n);
}

static void
test_borda_near_tie (void)
{
  /* A = 1/2 from one ballot; B, 1000th of 2000 once and 2nd of 3 a
   * million times, has (1000/1999 + 10^6 · 1/2) / (10^6 + 1),
   * above 1/2 by 1 / (3998 · (10^6 + 1)) ≈ 2.5·10^−10: too close for the
   * floating estimate alone, so the exact comparison must order them. */
  const guint n = 2001, a = 0, b = 1;
  g_autofree guint *order = g_new (guint, n);
  g_autoptr(PrProfile) profile = many_candidates (n);
  g_autoptr(PrMethodResult) r = NULL;
  guint third[3] = { 2, a, 3 };

  g_assert_true (pr_profile_add_ballot (profile, PR_PROFILE_NO_VOTER, third, 3, 1, NULL));
  third[1] = b;
  g_assert_true (pr_profile_add_ballot (profile, PR_PROFILE_NO_VOTER, third, 3, 1000000, NULL));
  for (guint i = 0, c = 2; i < n - 1; i++)
    order[i] = i == 999 ? b : c++;
  g_assert_true (pr_profile_add_ballot (profile, PR_PROFILE_NO_VOTER, order, n - 1, 1, NULL));
  r = pr_borda (profile);
  g_assert_cmpuint (r->group[b], <, r->group[a]);
  g_assert_cmpuint (r->position[b] + 1, ==, r->position[a]);
}

static void
test_plackett_luce_unranked (void)
{
  /* D is on no ballot: the graph is not strongly connected (α = 0.01),
   * D has no standard error, and the others keep their pairwise order. */
  g_autoptr(PrProfile) profile = fixture_profile (4, "2*ABC BA");
  g_autoptr(PrProfile) empty = fixture_profile (3, "");
  g_autoptr(PrMethodResult) r = pr_plackett_luce (profile, NULL);
  g_autoptr(PrMethodResult) e = pr_plackett_luce (empty, NULL);

  g_assert_cmpfloat (r->alpha, ==, 0.01);
  g_assert_true (isnan (r->std_error[3]));
  g_assert_cmpfloat (r->score[0], >, r->score[1]);
  g_assert_cmpfloat (r->score[1], >, r->score[2]);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpfloat (e->score[c], ==, 0.0);
      g_assert_true (isnan (e->std_error[c]));
    }
}

static void
test_kemeny_exact_25 (void)
{
  /* The exact method at its limit: 25 people, a consistent order plus
   * one dissenting ballot; optimal distance is what the dissent costs. */
  g_autoptr(PrProfile) p = many_candidates (25);
  g_autoptr(PrMethodResult) r = NULL;
  guint order[25], reversed[2] = { 24, 0 };

  for (guint c = 0; c < 25; c++)
    order[c] = c;
  for (guint b = 0; b < 3; b++)
    g_assert_true (pr_profile_add_ranking (p, order, 25, NULL));
  g_assert_true (pr_profile_add_ranking (p, reversed, 2, NULL));
  r = pr_method_run (PR_METHOD_KEMENY, p, PR_TREATMENT_IGNORE);
  g_assert_true (r->exact);
  g_assert_cmpuint (r->distance, ==, 1);
  g_assert_cmpuint (r->lower_bound, ==, 1);
  for (guint c = 0; c < 25; c++)
    g_assert_cmpuint (r->order[c], ==, c);
}

static void
test_layering (void)
{
  /* A beats B; C is incomparable with both: the layering puts A and C
   * first, then B — not a weak order, yet a ranking. */
  const guint8 beats[9] = { 0, 1, 0,  0, 0, 0,  0, 0, 0 };
  g_autoptr(PrMethodResult) r = pr_method_result_from_relation (PR_METHOD_SCHULZE, beats, 3);
  g_autofree char *got = fixture_ranking (r);

  g_assert_cmpstr (got, ==, "AC|B");
  g_assert_cmpuint (r->position[1], ==, 3);
}

static void
test_method_names (void)
{
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      PrMethod back;

      g_assert_true (pr_method_from_string (pr_method_to_string (m), &back));
      g_assert_cmpint (back, ==, m);
    }
  {
    PrMethod unused;

    g_assert_false (pr_method_from_string ("Borda", &unused));
    g_assert_false (pr_method_from_string (NULL, &unused));
  }
}

/* -- Properties on random profiles ----------------------------------------- */

#define N_RANDOM 2000

static gboolean
condorcet_winner (const guint *N,
                  guint        n,
                  guint       *winner)
{
  for (guint a = 0; a < n; a++)
    {
      gboolean wins = TRUE;

      for (guint b = 0; b < n && wins; b++)
        if (b != a && N[a * n + b] <= N[b * n + a])
          wins = FALSE;
      if (wins)
        {
          *winner = a;
          return TRUE;
        }
    }
  return FALSE;
}

static void
assert_alone_first (const PrMethodResult *r,
                    guint                 winner)
{
  g_assert_cmpuint (r->group[winner], ==, 0);
  for (guint c = 0; c < r->n; c++)
    if (c != winner)
      g_assert_cmpuint (r->group[c], >, 0);
}

static void
test_condorcet_winner (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  guint found = 0;

  for (guint i = 0; i < N_RANDOM; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 9);
      g_autoptr(PrProfile) p = fixture_random_profile (rand, n, (guint) g_rand_int_range (rand, 1, 15));
      PrTreatment t = i % 2 ? PR_TREATMENT_BELOW : PR_TREATMENT_IGNORE;
      const guint *N = pr_profile_get_pairwise (p, t);
      guint w;

      if (!condorcet_winner (N, n, &w))
        continue;
      found++;
      for (guint m = PR_METHOD_COPELAND; m <= PR_METHOD_KEMENY; m++)
        {
          g_autoptr(PrMethodResult) r = pr_method_run (m, p, t);

          assert_alone_first (r, w);
        }
    }
  /* The property must have been exercised, not vacuously true. */
  g_assert_cmpuint (found, >, N_RANDOM / 4);
}

/* A profile with the candidates in another order: new index j holds the
 * old candidate perm[j]. */
static PrProfile *
relabel (PrProfile   *p,
         const guint *perm,
         const guint *inverse)
{
  guint n = pr_profile_get_n_candidates (p);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  PrProfile *q;

  for (guint j = 0; j < n; j++)
    g_ptr_array_add (ids, (gpointer) pr_profile_get_id (p, perm[j]));
  q = pr_profile_new ((const char * const *) ids->pdata, NULL, n);
  for (guint o = 0; o < pr_profile_get_n_orders (p); o++)
    {
      guint len, count, voter, mapped[26];
      const guint *order = pr_profile_get_order (p, o, &len, &voter, &count);

      for (guint i = 0; i < len; i++)
        mapped[i] = inverse[order[i]];
      g_assert_true (pr_profile_add_ballot (q, voter == PR_PROFILE_NO_VOTER ? voter : inverse[voter],
                                            mapped, len, count, NULL));
    }
  return q;
}

/* Ranked pairs breaks equal margins and Kemeny equal optima by candidate
 * order: relabelling is only neutral without such ties. */
static gboolean
order_sensitive (PrMethod     m,
                 const guint *N,
                 guint        n)
{
  g_autoptr(GHashTable) margins = g_hash_table_new (NULL, NULL);

  if (m == PR_METHOD_RANKED_PAIRS)
    {
      for (guint a = 0; a < n; a++)
        for (guint b = 0; b < n; b++)
          if (N[a * n + b] > N[b * n + a]
              && !g_hash_table_add (margins, GUINT_TO_POINTER (N[a * n + b] - N[b * n + a])))
            return TRUE;
      return FALSE;
    }
  return m == PR_METHOD_KEMENY;
}

static void
test_relabel (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < N_RANDOM; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 8), perm[26], inverse[26];
      g_autoptr(PrProfile) p = fixture_random_profile (rand, n, (guint) g_rand_int_range (rand, 1, 12));
      g_autoptr(PrProfile) q = NULL;
      PrTreatment t = i % 2 ? PR_TREATMENT_BELOW : PR_TREATMENT_IGNORE;

      for (guint j = 0; j < n; j++)
        perm[j] = j;
      for (guint j = n - 1; j > 0; j--)
        {
          guint k = (guint) g_rand_int_range (rand, 0, (gint32) j + 1), x = perm[j];

          perm[j] = perm[k];
          perm[k] = x;
        }
      for (guint j = 0; j < n; j++)
        inverse[perm[j]] = j;
      q = relabel (p, perm, inverse);
      for (guint m = 0; m < PR_N_METHODS; m++)
        {
          g_autoptr(PrMethodResult) a = NULL;
          g_autoptr(PrMethodResult) b = NULL;

          if (order_sensitive (m, pr_profile_get_pairwise (p, t), n))
            continue;
          a = pr_method_run (m, p, t);
          b = pr_method_run (m, q, t);
          for (guint j = 0; j < n; j++)
            g_assert_cmpuint (b->position[j], ==, a->position[perm[j]]);
        }
    }
}

static void
assert_same_result (const PrMethodResult *a,
                    const PrMethodResult *b)
{
  g_assert_cmpuint (a->n_groups, ==, b->n_groups);
  for (guint c = 0; c < a->n; c++)
    {
      g_assert_cmpuint (a->group[c], ==, b->group[c]);
      /* Bit for bit: the canonical profile fixes the order of every sum. */
      if (a->score != NULL)
        g_assert_true (memcmp (&a->score[c], &b->score[c], sizeof (double)) == 0);
    }
  g_assert_cmpuint (a->distance, ==, b->distance);
}

static void
test_shuffle_ballots (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);

  for (guint i = 0; i < N_RANDOM / 2; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 8);
      g_autoptr(PrProfile) p = fixture_random_profile (rand, n, (guint) g_rand_int_range (rand, 1, 20));
      guint n_orders = pr_profile_get_n_orders (p);
      g_autofree guint *idx = g_new0 (guint, n_orders + 1);
      g_autoptr(PrProfile) q = fixture_profile (n, "");

      /* Add the same ballots one at a time in a random order. */
      for (guint o = 0; o < n_orders; o++)
        idx[o] = o;
      for (guint o = n_orders; o-- > 1;)
        {
          guint k = (guint) g_rand_int_range (rand, 0, (gint32) o + 1), x = idx[o];

          idx[o] = idx[k];
          idx[k] = x;
        }
      for (guint o = 0; o < n_orders; o++)
        {
          guint len, count;
          const guint *order = pr_profile_get_order (p, idx[o], &len, NULL, &count);

          for (guint k = 0; k < count; k++)
            g_assert_true (pr_profile_add_ranking (q, order, len, NULL));
        }
      for (guint m = 0; m < PR_N_METHODS; m++)
        {
          g_autoptr(PrMethodResult) a = pr_method_run (m, p, PR_TREATMENT_BELOW);
          g_autoptr(PrMethodResult) b = pr_method_run (m, q, PR_TREATMENT_BELOW);

          assert_same_result (a, b);
        }
    }
}

static void
test_kemeny_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < N_RANDOM; i++)
    {
      /* Mostly small; every 40th at 7 or 8 people (8! orders each). */
      guint n = i % 40 == 0 ? 7 + i / 40 % 2 : (guint) g_rand_int_range (rand, 1, 7);
      g_autoptr(PrProfile) p = fixture_random_profile (rand, n, (guint) g_rand_int_range (rand, 1, 10));
      const guint *N = pr_profile_get_pairwise (p, i % 2 ? PR_TREATMENT_BELOW : PR_TREATMENT_IGNORE);
      g_autoptr(PrMethodResult) dp = pr_kemeny (N, n);
      g_autoptr(PrMethodResult) bf = pr_kemeny_brute_force (N, n);

      g_assert_cmpuint (dp->distance, ==, bf->distance);
      for (guint k = 0; k < n; k++)
        g_assert_cmpuint (dp->order[k], ==, bf->order[k]);
      g_assert_cmpuint (dp->lower_bound, <=, dp->distance);
    }
}

static void
test_plackett_luce_gradient (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);

  for (guint i = 0; i < N_RANDOM; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, 9);
      g_autoptr(PrProfile) p = fixture_random_profile (rand, n, (guint) g_rand_int_range (rand, 1, 25));
      g_autoptr(PrMethodResult) r = pr_plackett_luce (p, NULL);
      double g[26], sum = 0.0;

      pr_plackett_luce_objective (p, r->score, r->alpha, g);
      for (guint c = 0; c < n; c++)
        {
          g_assert_cmpfloat (fabs (g[c]), <, 1e-7);
          sum += r->score[c];
        }
      g_assert_cmpfloat (fabs (sum), <, 1e-9);
      g_assert_true (r->alpha == 0.0 || r->alpha == 0.01);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hand_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/methods/hand/%s", hand_cases[i].name);

      g_test_add_data_func (path, &hand_cases[i], test_hand_case);
    }
  g_test_add_func ("/peer-rank/methods/borda/scores", test_borda_scores);
  g_test_add_func ("/peer-rank/methods/borda/exact-tie", test_borda_exact_tie);
  g_test_add_func ("/peer-rank/methods/borda/overflow-tie", test_borda_overflow_tie);
  g_test_add_func ("/peer-rank/methods/borda/near-tie", test_borda_near_tie);
  g_test_add_func ("/peer-rank/methods/copeland/scores", test_copeland_scores);
  g_test_add_func ("/peer-rank/methods/plackett-luce/single-ballot", test_plackett_luce_single);
  g_test_add_func ("/peer-rank/methods/plackett-luce/two", test_plackett_luce_two);
  g_test_add_func ("/peer-rank/methods/plackett-luce/warm-start", test_plackett_luce_warm_start);
  g_test_add_func ("/peer-rank/methods/plackett-luce/unranked", test_plackett_luce_unranked);
  g_test_add_func ("/peer-rank/methods/plackett-luce/cap", test_plackett_luce_cap);
  g_test_add_func ("/peer-rank/methods/kemeny/exact-25", test_kemeny_exact_25);
  g_test_add_func ("/peer-rank/methods/layering", test_layering);
  g_test_add_func ("/peer-rank/methods/names", test_method_names);
  g_test_add_func ("/peer-rank/methods/random/condorcet-winner", test_condorcet_winner);
  g_test_add_func ("/peer-rank/methods/random/relabel", test_relabel);
  g_test_add_func ("/peer-rank/methods/random/shuffle-ballots", test_shuffle_ballots);
  g_test_add_func ("/peer-rank/methods/random/kemeny-brute-force", test_kemeny_brute_force);
  g_test_add_func ("/peer-rank/methods/random/plackett-luce-gradient", test_plackett_luce_gradient);

  return g_test_run ();
}
