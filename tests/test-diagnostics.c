/* test-diagnostics.c — influence of single ballots and integrity flags
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <math.h>

#include "pr-core.h"
#include "pr-diagnostics.h"

static PrProfile *
new_profile (guint n)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup_printf ("p%u", i));
  g_ptr_array_add (ids, NULL);
  return pr_profile_new ((const char * const *) ids->pdata, NULL, n);
}

static void
add (PrProfile   *profile,
     guint        voter,
     const guint *order,
     guint        len,
     guint        count)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_profile_add_ballot (profile, voter, order, len, count, &error));
  g_assert_no_error (error);
}

/* Worked by hand with Borda: A>B>C and B>A>C tie A and B at 1. Without
 * the first, B is alone first and A second; without the second, A first
 * and B second. C is last either way. */
static void
test_influence_by_hand (void)
{
  g_autoptr(PrProfile) profile = new_profile (3);
  g_autoptr(PrInfluenceReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const guint ab[] = { 0, 1, 2 }, ba[] = { 1, 0, 2 };

  add (profile, PR_PROFILE_NO_VOTER, ab, 3, 1);
  add (profile, PR_PROFILE_NO_VOTER, ba, 3, 1);
  report = pr_influence_compute (profile, PR_METHOD_BORDA, PR_TREATMENT_IGNORE, NULL, 2, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_ballots, ==, 2);
  g_assert_cmpuint (report->people[0].max_shift, ==, 1);
  g_assert_cmpuint (report->people[0].n_moving, ==, 1);
  g_assert_cmpuint (report->people[1].max_shift, ==, 1);
  g_assert_cmpuint (report->people[1].n_moving, ==, 1);
  g_assert_cmpuint (report->people[2].max_shift, ==, 0);
  g_assert_cmpuint (report->people[2].n_moving, ==, 0);
}

/* Copies count: leaving one of ten identical ballots out moves nobody,
 * and the thread count never changes the result. */
static void
test_influence_copies_and_threads (void)
{
  g_autoptr(PrProfile) profile = new_profile (5);
  const guint a[] = { 0, 1, 2, 3, 4 }, b[] = { 1, 0, 3, 2, 4 }, c[] = { 4, 3 };

  add (profile, PR_PROFILE_NO_VOTER, a, 5, 10);
  add (profile, PR_PROFILE_NO_VOTER, b, 5, 1);
  add (profile, PR_PROFILE_NO_VOTER, c, 2, 1);
  for (PrMethod m = 0; m < PR_N_METHODS; m++)
    {
      g_autoptr(PrInfluenceReport) one = NULL, two = NULL;
      g_autoptr(GError) error = NULL;

      one = pr_influence_compute (profile, m, PR_TREATMENT_IGNORE, NULL, 1, NULL, &error);
      g_assert_no_error (error);
      two = pr_influence_compute (profile, m, PR_TREATMENT_IGNORE, NULL, 2, NULL, &error);
      g_assert_no_error (error);
      for (guint p = 0; p < 5; p++)
        {
          g_assert_cmpuint (one->people[p].max_shift, ==, two->people[p].max_shift);
          g_assert_cmpuint (one->people[p].n_moving, ==, two->people[p].n_moving);
          /* Ten copies of a: removing one of them is never what moves. */
          g_assert_cmpuint (one->people[p].n_moving, <=, 2);
        }
    }
}

static void
test_influence_cancelled (void)
{
  g_autoptr(PrProfile) profile = new_profile (3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const guint a[] = { 0, 1, 2 };

  add (profile, PR_PROFILE_NO_VOTER, a, 3, 1);
  g_cancellable_cancel (cancellable);
  g_assert_null (pr_influence_compute (profile, PR_METHOD_BORDA, PR_TREATMENT_IGNORE, NULL, 1,
                                       cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Six people; everyone but 3, 4 and 5 agrees 0 > 1 > 2 > 3 > 4 > 5.
 * 4 and 5 put each other first; 3 reverses the consensus. */
static PrProfile *
flag_profile (void)
{
  PrProfile *profile = new_profile (6);
  const guint v0[] = { 1, 2, 3, 4, 5 }, v1[] = { 0, 2, 3, 4, 5 }, v2[] = { 0, 1, 3, 4, 5 };
  const guint v3[] = { 5, 4, 2, 1, 0 };
  const guint v4[] = { 5, 0, 1, 2, 3 }, v5[] = { 4, 0, 1, 2, 3 };

  add (profile, 0, v0, 5, 1);
  add (profile, 1, v1, 5, 1);
  add (profile, 2, v2, 5, 1);
  add (profile, 3, v3, 5, 1);
  add (profile, 4, v4, 5, 1);
  add (profile, 5, v5, 5, 1);
  return profile;
}

static void
test_flags (void)
{
  g_autoptr(PrProfile) profile = flag_profile ();
  g_autoptr(PrMethodResult) consensus = pr_method_run (PR_METHOD_BORDA, profile,
                                                       PR_TREATMENT_IGNORE);
  g_autoptr(GArray) flags = pr_integrity_flags_compute (profile, consensus);
  PrIntegrityFlag *flag;
  const guint v4[] = { 5, 0, 1, 2, 3 };

  g_assert_cmpuint (flags->len, ==, 2);
  flag = &g_array_index (flags, PrIntegrityFlag, 0);
  g_assert_cmpint (flag->kind, ==, PR_INTEGRITY_RECIPROCAL);
  g_assert_cmpuint (flag->n_raters, ==, 2);
  g_assert_cmpuint (flag->raters[0], ==, 4);
  g_assert_cmpuint (flag->raters[1], ==, 5);
  g_assert_cmpfloat (flag->strength, >=, PR_FLAG_BOOST_MIN);
  flag = &g_array_index (flags, PrIntegrityFlag, 1);
  g_assert_cmpint (flag->kind, ==, PR_INTEGRITY_REVERSED);
  g_assert_cmpuint (flag->raters[0], ==, 3);
  g_assert_cmpfloat (flag->strength, <=, PR_FLAG_REVERSED_TAU);

  /* The consensus puts 5 above 3 (3 and 4 both rank 5 first) and below
   * 0, 1, 2: 4 lifts 5 from fourth of 4's five people to first, 3/4. */
  g_assert_cmpuint (consensus->position[5], <, consensus->position[3]);
  g_assert_cmpuint (consensus->position[5], >, consensus->position[2]);
  g_assert_cmpfloat_with_epsilon (pr_integrity_boost (v4, 5, 5, consensus), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (pr_integrity_boost (v4, 5, 0, consensus), -0.25, 1e-12);
}

/* A triangle of mutual boosters is one group, not three pairs; ballots
 * without voters are never flagged; an honest round flags nothing. */
static void
test_flags_triangle_and_honest (void)
{
  g_autoptr(PrProfile) profile = new_profile (10);
  g_autoptr(PrProfile) honest = new_profile (5);
  g_autoptr(PrMethodResult) consensus = NULL;
  g_autoptr(GArray) flags = NULL;
  const guint base[] = { 0, 1, 2, 3, 4, 5, 6 };
  const guint t4[] = { 8, 9, 0, 1, 2, 3 }, t5[] = { 7, 9, 0, 1, 2, 3 };
  const guint t6[] = { 7, 8, 0, 1, 2, 3 };

  /* Seven honest voters rank everyone else in roster order; 7, 8 and 9
   * put each other first. */
  for (guint v = 0; v < 7; v++)
    {
      guint order[9], k = 0;

      for (guint i = 0; i < 10; i++)
        if (i != v)
          order[k++] = i;
      add (profile, v, order, k, 1);
    }
  add (profile, 7, t4, 6, 1);
  add (profile, 8, t5, 6, 1);
  add (profile, 9, t6, 6, 1);
  consensus = pr_method_run (PR_METHOD_BORDA, profile, PR_TREATMENT_IGNORE);
  flags = pr_integrity_flags_compute (profile, consensus);
  g_assert_cmpuint (flags->len, ==, 1);
  g_assert_cmpuint (g_array_index (flags, PrIntegrityFlag, 0).n_raters, ==, 3);
  g_assert_cmpuint (g_array_index (flags, PrIntegrityFlag, 0).raters[0], ==, 7);
  g_assert_cmpuint (g_array_index (flags, PrIntegrityFlag, 0).raters[2], ==, 9);

  for (guint v = 0; v < 5; v++)
    {
      guint order[4], k = 0;

      for (guint i = 0; i < 5; i++)
        if (i != v)
          order[k++] = i;
      add (honest, v, order, k, 1);
    }
  g_clear_pointer (&consensus, pr_method_result_free);
  g_clear_pointer (&flags, g_array_unref);
  consensus = pr_method_run (PR_METHOD_PLACKETT_LUCE, honest, PR_TREATMENT_IGNORE);
  flags = pr_integrity_flags_compute (honest, consensus);
  g_assert_cmpuint (flags->len, ==, 0);

  /* The boosters' ballots again, anonymous: nobody to name. */
  {
    g_autoptr(PrProfile) anonymous = new_profile (10);
    g_autoptr(PrMethodResult) c = NULL;
    g_autoptr(GArray) none = NULL;

    add (anonymous, PR_PROFILE_NO_VOTER, t4, 6, 1);
    add (anonymous, PR_PROFILE_NO_VOTER, t5, 6, 1);
    add (anonymous, PR_PROFILE_NO_VOTER, t6, 6, 1);
    add (anonymous, PR_PROFILE_NO_VOTER, base, 7, 2);
    c = pr_method_run (PR_METHOD_BORDA, anonymous, PR_TREATMENT_IGNORE);
    none = pr_integrity_flags_compute (anonymous, c);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/diagnostics/influence-by-hand", test_influence_by_hand);
  g_test_add_func ("/peer-rank/diagnostics/influence-copies-and-threads",
                   test_influence_copies_and_threads);
  g_test_add_func ("/peer-rank/diagnostics/influence-cancelled", test_influence_cancelled);
  g_test_add_func ("/peer-rank/diagnostics/flags", test_flags);
  g_test_add_func ("/peer-rank/diagnostics/flags-triangle-and-honest",
                   test_flags_triangle_and_honest);
  return g_test_run ();
}
