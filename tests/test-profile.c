/* test-profile.c — the canonical preference profile
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-profile.h"
#include "tally-fixture.h"

typedef struct {
  const char *name;
  guint       voter;
  guint       order[4];
  guint       len;
  int         code;
} BadRanking;

static const BadRanking bad_rankings[] = {
  { "empty", PR_PROFILE_NO_VOTER, { 0 }, 0, PR_PROFILE_ERROR_EMPTY },
  { "index", PR_PROFILE_NO_VOTER, { 0, 3 }, 2, PR_PROFILE_ERROR_INDEX },
  { "huge-index", PR_PROFILE_NO_VOTER, { G_MAXUINT - 1 }, 1, PR_PROFILE_ERROR_INDEX },
  { "duplicate", PR_PROFILE_NO_VOTER, { 1, 2, 1 }, 3, PR_PROFILE_ERROR_DUPLICATE },
  { "voter-ranks-self", 1, { 0, 1 }, 2, PR_PROFILE_ERROR_VOTER },
  { "voter-unknown", 7, { 0, 1 }, 2, PR_PROFILE_ERROR_VOTER },
};

static void
test_bad_ranking (gconstpointer data)
{
  const BadRanking *c = data;
  g_autoptr(PrProfile) p = fixture_profile (3, "AB");
  g_autoptr(GError) error = NULL;

  g_assert_false (pr_profile_add_ballot (p, c->voter, c->order, c->len, 1, &error));
  g_assert_error (error, PR_PROFILE_ERROR, c->code);
  /* Nothing already accepted changes. */
  g_assert_cmpuint (pr_profile_get_n_ballots (p), ==, 1);
  g_assert_cmpuint (pr_profile_get_n_orders (p), ==, 1);
}

static void
test_too_many (void)
{
  g_autoptr(PrProfile) p = fixture_profile (2, "");
  g_autoptr(GError) error = NULL;
  const guint order[] = { 0, 1 };

  g_assert_true (pr_profile_add_ballot (p, PR_PROFILE_NO_VOTER, order, 2, G_MAXUINT / 4, NULL));
  g_assert_false (pr_profile_add_ballot (p, PR_PROFILE_NO_VOTER, order, 2, 1, &error));
  g_assert_error (error, PR_PROFILE_ERROR, PR_PROFILE_ERROR_TOO_MANY);
}

static void
test_canonical (void)
{
  g_autoptr(PrProfile) a = fixture_profile (4, "CAB AB C/AB AB D BA");
  g_autoptr(PrProfile) b = fixture_profile (4, "BA D 2*AB C/AB CAB");
  guint len, voter, count;
  const guint *order;

  g_assert_cmpuint (pr_profile_get_n_orders (a), ==, 5);
  g_assert_cmpuint (pr_profile_get_n_ballots (a), ==, 6);
  for (guint o = 0; o < 5; o++)
    {
      guint len_b, voter_b, count_b;
      const guint *order_b = pr_profile_get_order (b, o, &len_b, &voter_b, &count_b);

      order = pr_profile_get_order (a, o, &len, &voter, &count);
      g_assert_cmpuint (len, ==, len_b);
      g_assert_cmpuint (voter, ==, voter_b);
      g_assert_cmpuint (count, ==, count_b);
      g_assert_cmpmem (order, len * sizeof (guint), order_b, len_b * sizeof (guint));
    }
  /* Sorted by voter (anonymous last), then length, then order. */
  order = pr_profile_get_order (a, 0, &len, &voter, &count);
  g_assert_cmpuint (voter, ==, 2);
  order = pr_profile_get_order (a, 1, &len, &voter, &count);
  g_assert_cmpuint (len, ==, 1);
  g_assert_cmpuint (order[0], ==, 3);
  order = pr_profile_get_order (a, 2, &len, &voter, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (order[0], ==, 0);
}

static void
test_pairwise (void)
{
  /* Ignore: only pairs on the ballot. Below: ranked beat unranked, but
   * not the voter; a one-person ballot still says something. */
  g_autoptr(PrProfile) p = fixture_profile (4, "D/AB C");
  const guint *N = pr_profile_get_pairwise (p, PR_TREATMENT_IGNORE);
  const guint *M = pr_profile_get_pairwise (p, PR_TREATMENT_BELOW);

  g_assert_cmpuint (N[0 * 4 + 1], ==, 1);
  g_assert_cmpuint (N[1 * 4 + 0], ==, 0);
  g_assert_cmpuint (N[0 * 4 + 2], ==, 0);
  g_assert_cmpuint (N[2 * 4 + 0], ==, 0);

  g_assert_cmpuint (M[0 * 4 + 1], ==, 1);
  g_assert_cmpuint (M[0 * 4 + 2], ==, 1);  /* A above unranked C */
  g_assert_cmpuint (M[1 * 4 + 2], ==, 1);
  g_assert_cmpuint (M[0 * 4 + 3], ==, 0);  /* D is the voter */
  g_assert_cmpuint (M[2 * 4 + 0], ==, 1);  /* ballot "C": C above A, B, D */
  g_assert_cmpuint (M[2 * 4 + 1], ==, 1);
  g_assert_cmpuint (M[2 * 4 + 3], ==, 1);
  g_assert_cmpuint (M[3 * 4 + 2], ==, 0);

  g_assert_cmpuint (pr_profile_get_raters (p, 0), ==, 1);
  g_assert_cmpuint (pr_profile_get_raters (p, 2), ==, 1);
  g_assert_cmpuint (pr_profile_get_raters (p, 3), ==, 0);
}

static void
test_reweighted (void)
{
  g_autoptr(PrProfile) p = fixture_profile (3, "AB 3*BC CA");
  guint counts[3] = { 0, 2, 5 };
  g_autoptr(PrProfile) q = NULL;
  const guint *N;

  q = pr_profile_new_reweighted (p, counts);
  g_assert_cmpuint (pr_profile_get_n_ballots (q), ==, 7);
  g_assert_cmpuint (pr_profile_get_n_orders (q), ==, 2);
  N = pr_profile_get_pairwise (q, PR_TREATMENT_IGNORE);
  g_assert_cmpuint (N[0 * 3 + 1] + N[1 * 3 + 2] + N[2 * 3 + 0], ==,
                    counts[0] * 1 + counts[1] * 1 + counts[2] * 1);
  g_assert_cmpstr (pr_profile_get_id (q, 2), ==, "C");
  g_assert_cmpint (pr_profile_find_id (q, "B"), ==, 1);
  g_assert_cmpint (pr_profile_find_id (q, "Z"), ==, -1);
}

static void
test_treatment_names (void)
{
  PrTreatment t;

  g_assert_true (pr_treatment_from_string ("below", &t));
  g_assert_cmpint (t, ==, PR_TREATMENT_BELOW);
  g_assert_true (pr_treatment_from_string ("ignore", &t));
  g_assert_cmpint (t, ==, PR_TREATMENT_IGNORE);
  g_assert_false (pr_treatment_from_string ("Below", &t));
  g_assert_cmpstr (pr_treatment_to_string (PR_TREATMENT_BELOW), ==, "below");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_rankings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/profile/bad/%s", bad_rankings[i].name);

      g_test_add_data_func (path, &bad_rankings[i], test_bad_ranking);
    }
  g_test_add_func ("/peer-rank/profile/too-many", test_too_many);
  g_test_add_func ("/peer-rank/profile/canonical", test_canonical);
  g_test_add_func ("/peer-rank/profile/pairwise", test_pairwise);
  g_test_add_func ("/peer-rank/profile/reweighted", test_reweighted);
  g_test_add_func ("/peer-rank/profile/treatment-names", test_treatment_names);

  return g_test_run ();
}
