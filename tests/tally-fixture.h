/* tally-fixture.h — small profiles written as text, for the tally tests
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>
#include <string.h>

#include "pr-methods.h"
#include "pr-preflib.h"
#include "pr-profile.h"

/* Candidates are the letters A, B, C, … (ids and names). `ballots` is a
 * space-separated list of orders such as "ABC 2*BA C/AB": "2*" repeats a
 * ballot, "X/" names its voter. */
static inline PrProfile *
fixture_profile (guint       n,
                 const char *ballots)
{
  g_auto(GStrv) ids = g_new0 (char *, n + 1);
  g_auto(GStrv) words = NULL;
  PrProfile *profile;

  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup_printf ("%c", 'A' + i);
  profile = pr_profile_new ((const char * const *) ids, NULL, n);
  words = g_strsplit (ballots, " ", -1);
  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *s = words[w];
      guint count = 1, voter = PR_PROFILE_NO_VOTER, len = 0;
      guint order[26];
      g_autoptr(GError) error = NULL;

      if (*s == '\0')
        continue;
      if (g_ascii_isdigit (s[0]) && strchr (s, '*') != NULL)
        {
          count = (guint) g_ascii_strtoull (s, NULL, 10);
          s = strchr (s, '*') + 1;
        }
      if (s[0] != '\0' && s[1] == '/')
        {
          voter = (guint) (s[0] - 'A');
          s += 2;
        }
      for (; *s != '\0'; s++)
        order[len++] = (guint) (*s - 'A');
      g_assert_true (pr_profile_add_ballot (profile, voter, order, len, count, &error));
      g_assert_no_error (error);
    }
  return profile;
}

/* A PrefLib file of the test data, in tests/data/`folder`/. */
static inline PrProfile *
fixture_preflib (const char *folder,
                 const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, file, NULL);
  g_autoptr(GError) error = NULL;
  PrProfile *profile = pr_preflib_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

/* "AB|C|D": tie groups best first, members in candidate order. */
static inline char *
fixture_ranking (const PrMethodResult *r)
{
  GString *s = g_string_new (NULL);
  g_autofree guint *members = g_new0 (guint, r->n + 1);

  for (guint g = 0; g < r->n_groups; g++)
    {
      guint k = pr_method_result_get_group (r, g, members);

      if (g > 0)
        g_string_append_c (s, '|');
      for (guint i = 0; i < k; i++)
        g_string_append_c (s, (char) ('A' + members[i]));
    }
  return g_string_free (s, FALSE);
}

/* A random profile: n candidates, `ballots` ballots each ranking a random
 * subset (length 1..n) in random order. */
static inline PrProfile *
fixture_random_profile (GRand *rand,
                        guint  n,
                        guint  ballots)
{
  g_autoptr(GString) spec = g_string_new (NULL);

  for (guint b = 0; b < ballots; b++)
    {
      char perm[26];
      guint len = (guint) g_rand_int_range (rand, 1, (gint32) n + 1);

      for (guint i = 0; i < n; i++)
        perm[i] = (char) ('A' + i);
      for (guint i = n - 1; i > 0; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
          char t = perm[i];

          perm[i] = perm[j];
          perm[j] = t;
        }
      g_string_append_len (spec, perm, len);
      g_string_append_c (spec, ' ');
    }
  return fixture_profile (n, spec->str);
}

/* A Mallows profile (repeated insertion; Doignon, Pekeč & Regenwetter
 * 2004): `ballots` complete orders of n people with ids "m00", "m01", …,
 * scattered around the order 0, 1, …, n − 1 with dispersion phi (0: all
 * the same, 1: uniformly random). Item i is inserted at place j ≤ i with
 * chance proportional to phi^(i − j). `rand` may be NULL when phi is 0. */
static inline PrProfile *
fixture_mallows (GRand  *rand,
                 guint   n,
                 guint   ballots,
                 double  phi)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *order = g_new0 (guint, n + 1);
  g_autofree double *weight = g_new0 (double, n + 1);
  PrProfile *profile;

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (ids, g_strdup_printf ("m%02u", c));
  profile = pr_profile_new ((const char * const *) ids->pdata, NULL, n);
  for (guint b = 0; b < ballots; b++)
    {
      for (guint i = 0; i < n; i++)
        {
          double total = 0.0, pick;
          guint j = i;

          for (guint k = 0; k <= i; k++)
            total += weight[k] = pow (phi, (double) (i - k));
          pick = phi > 0.0 ? g_rand_double (rand) * total : total;
          for (guint k = 0; k <= i && pick > 0.0; k++)
            if ((pick -= weight[k]) <= 0.0)
              j = k;
          memmove (order + j + 1, order + j, (i - j) * sizeof (guint));
          order[j] = i;
        }
      g_assert_true (pr_profile_add_ranking (profile, order, n, NULL));
    }
  return profile;
}
