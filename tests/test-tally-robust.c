/* test-tally-robust.c — no profile makes the tally abort (issue 7)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pr-preflib.h"
#include "pr-results.h"
#include "tally-fixture.h"
#include "pr-results-csv.h"
#include "pr-results-json.h"
#include "pr-results-text.h"

/* A result is complete when its tie groups partition the candidates,
 * numbered from 0 without gaps, and each position is one more than the
 * number of people in better groups. */
static void
check_complete (const PrMethodResult *r,
                guint                 n)
{
  g_autofree guint *size = g_new0 (guint, n + 1);

  g_assert_nonnull (r);
  g_assert_cmpuint (r->n, ==, n);
  g_assert_cmpuint (r->n_groups, <=, n);
  g_assert_cmpuint (r->n_groups, >=, n > 0 ? 1 : 0);
  for (guint c = 0; c < n; c++)
    {
      g_assert_cmpuint (r->group[c], <, r->n_groups);
      size[r->group[c]]++;
    }
  for (guint c = 0; c < n; c++)
    {
      guint better = 0;

      for (guint g = 0; g < r->group[c]; g++)
        better += size[g];
      g_assert_cmpuint (size[r->group[c]], >, 0);
      g_assert_cmpuint (r->position[c], ==, better + 1);
    }
}

/* Plackett–Luce met its tolerance: finite centred log-worths at which
 * the gradient of the objective vanishes, standard errors finite or
 * null. The fit's own tolerance is 1e-10 per ballot on the gradient. */
static void
check_plackett_luce (PrProfile            *p,
                     const PrMethodResult *r)
{
  guint n = pr_profile_get_n_candidates (p);
  g_autofree double *g = g_new0 (double, n + 1);
  double sum = 0.0, bound = 1e-7 * (1.0 + pr_profile_get_n_ballots (p));

  check_complete (r, n);
  g_assert_true (r->converged);
  g_assert_true (r->alpha == 0.0 || r->alpha == 0.01);
  pr_plackett_luce_objective (p, r->score, r->alpha, g);
  for (guint c = 0; c < n; c++)
    {
      g_assert_true (isfinite (r->score[c]));
      g_assert_cmpfloat (fabs (g[c]), <=, bound);
      g_assert_false (isinf (r->std_error[c]));
      g_assert_true (isnan (r->std_error[c]) || r->std_error[c] >= 0.0);
      sum += r->score[c];
    }
  g_assert_cmpfloat (fabs (sum), <=, 1e-9 * (1.0 + n));
}

static void
check_methods (PrProfile   *p,
               PrTreatment  treatment)
{
  guint n = pr_profile_get_n_candidates (p);

  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      g_autoptr(PrMethodResult) r = pr_method_run (m, p, treatment);

      if (m == PR_METHOD_PLACKETT_LUCE)
        check_plackett_luce (p, r);
      else
        check_complete (r, n);
    }
}

/* The whole tally: every method, a bootstrap and agreement, in every
 * output format. */
static void
check_results (PrProfile *p,
               guint      resamples,
               gboolean   agreement)
{
  guint n = pr_profile_get_n_candidates (p);
  PrTallyOptions options;
  g_autoptr(PrResults) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  JsonObject *pl;

  pr_tally_options_init (&options);
  options.bootstrap = resamples;
  options.seed = 7;
  options.agreement = agreement;
  r = pr_results_compute (p, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint m = 0; m < PR_N_METHODS; m++)
    check_complete (r->method[m], n);
  check_plackett_luce (p, r->method[PR_METHOD_PLACKETT_LUCE]);
  for (guint c = 0; c < n && r->bootstrap != NULL; c++)
    {
      g_assert_cmpuint (r->bootstrap->low[c], >=, 1);
      g_assert_cmpuint (r->bootstrap->low[c], <=, r->bootstrap->median[c]);
      g_assert_cmpuint (r->bootstrap->median[c], <=, r->bootstrap->high[c]);
      g_assert_cmpuint (r->bootstrap->high[c], <=, n);
    }
  g_assert_true (!agreement || r->agreement != NULL);
  json = pr_results_to_json (r, NULL);
  csv = pr_results_to_csv (r, NULL);
  text = pr_results_to_text (r, NULL);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  pl = json_object_get_object_member (json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), "methods"), "plackett_luce");
  g_assert_true (json_object_get_boolean_member (pl, "converged"));
  g_assert_null (strstr (text, "without converging"));
  g_assert_cmpuint (strlen (csv), >, 0);
}

/* -- The reproducers ------------------------------------------------------ */

typedef struct {
  const char *file;
  guint       n;
  double      lowest_max;   /* bounds on the centred log-worths, from the */
  double      highest_min;  /* reproducers' README: an independent fit */
} Reproducer;

static const Reproducer reproducers[] = {
  /* A quasi-Newton minimiser reaches about −10.5 to +7 (README). */
  { "pl-abort-12-people.soi", 12, 6.5, -10.0 },
  { "pl-abort-14-people.soi", 14, 0.0, 0.0 },
  { "pl-abort-250x250.soi", 250, 0.0, 0.0 },
};

static void
test_reproducer (gconstpointer data)
{
  const Reproducer *c = data;
  g_autoptr(PrProfile) p = fixture_preflib ("tally", c->file);
  g_autoptr(PrMethodResult) pl = NULL;
  double lo = 0.0, hi = 0.0;

  g_assert_cmpuint (pr_profile_get_n_candidates (p), ==, c->n);
  check_methods (p, PR_TREATMENT_IGNORE);
  check_methods (p, PR_TREATMENT_BELOW);
  check_results (p, 20, TRUE);
  /* Strongly connected: the MLE exists, no penalty; it is very spread. */
  pl = pr_plackett_luce (p, NULL);
  g_assert_cmpfloat (pl->alpha, ==, 0.0);
  for (guint i = 0; i < c->n; i++)
    {
      lo = MIN (lo, pl->score[i]);
      hi = MAX (hi, pl->score[i]);
    }
  g_assert_cmpfloat (hi, >=, c->lowest_max);
  g_assert_cmpfloat (lo, <=, c->highest_min);
}

/* -- Small random profiles with repeated ballots ---------------------------
 * The profiles small teams produce: a few distinct orders with large
 * counts, unanimous rounds, one ballot repeated, a team that agrees but
 * for one or two. About 4 % of these aborted before issue 7. */

#define N_SMALL 3000

static void
random_order (GRand *rand,
              guint  n,
              guint *order)
{
  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1), t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
}

static void
add (PrProfile   *p,
     const guint *order,
     guint        len,
     guint        count)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_profile_add_ballot (p, PR_PROFILE_NO_VOTER, order, len, count, &error));
  g_assert_no_error (error);
}

static PrProfile *
small_profile (GRand *rand,
               guint  shape)
{
  guint n = (guint) g_rand_int_range (rand, 3, 16), order[16];
  PrProfile *p = fixture_profile (n, "");

  switch (shape)
    {
    case 0:   /* a few distinct orders, large counts */
      for (guint d = (guint) g_rand_int_range (rand, 1, 5); d > 0; d--)
        {
          random_order (rand, n, order);
          add (p, order, (guint) g_rand_int_range (rand, 2, (gint32) n + 1),
               (guint) g_rand_int_range (rand, 1, 41));
        }
      break;
    case 1:   /* unanimous */
      random_order (rand, n, order);
      add (p, order, n, (guint) g_rand_int_range (rand, 2, 41));
      break;
    case 2:   /* one ballot, repeated */
      random_order (rand, n, order);
      add (p, order, (guint) g_rand_int_range (rand, 1, (gint32) n + 1),
           (guint) g_rand_int_range (rand, 1, 41));
      break;
    default:  /* a team that largely agrees, as the reproducers */
      random_order (rand, n, order);
      add (p, order, n, (guint) g_rand_int_range (rand, 5, 41));
      for (guint d = (guint) g_rand_int_range (rand, 1, 3); d > 0; d--)
        {
          random_order (rand, n, order);
          add (p, order, (guint) g_rand_int_range (rand, n / 2 + 1, (gint32) n + 1), 1);
        }
      break;
    }
  return p;
}

static void
test_random_small (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);

  for (guint i = 0; i < N_SMALL; i++)
    {
      g_autoptr(PrProfile) p = small_profile (rand, i % 4);

      check_methods (p, PR_TREATMENT_IGNORE);
      check_methods (p, PR_TREATMENT_BELOW);
      /* The whole tally on some: a bootstrap refits from the optimum. */
      if (i % 60 == 0)
        check_results (p, 8, TRUE);
    }
}

/* -- Large profiles of several shapes ------------------------------------ */

typedef struct {
  const char *name;
  guint       n;
  guint       ballots;
  guint       min_len;
  guint       max_len;
  guint       unranked;   /* the last `unranked` people are on no ballot */
  gboolean    first;      /* person 0 is first on every ballot */
  guint       resamples;
  gboolean    agreement;
} Shape;

static const Shape shapes[] = {
  { "dense-200", 200, 40, 200, 200, 0, FALSE, 10, TRUE },
  { "consensus-500", 500, 500, 10, 40, 0, FALSE, 10, FALSE },
  { "sparse-1000", 1000, 1200, 2, 6, 0, FALSE, 10, FALSE },
  { "always-first-300", 300, 300, 10, 40, 0, TRUE, 10, TRUE },
  { "nobody-ranked-400", 400, 400, 5, 30, 100, FALSE, 10, FALSE },
};

/* A consensus with noise, as bench-tally.c draws it: person c has merit
 * −3c/n; a ballot ranks a random subset by merit plus Gumbel noise. */
static PrProfile *
large_profile (const Shape *s,
               GRand       *rand)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *order = g_new0 (guint, s->n);
  g_autofree double *key = g_new0 (double, s->n);
  guint pool = s->n - s->unranked;
  PrProfile *p;

  for (guint c = 0; c < s->n; c++)
    g_ptr_array_add (ids, g_strdup_printf ("%u", c + 1));
  p = pr_profile_new ((const char * const *) ids->pdata, NULL, s->n);
  for (guint b = 0; b < s->ballots; b++)
    {
      guint len = (guint) g_rand_int_range (rand, (gint32) s->min_len, (gint32) s->max_len + 1);

      len = MIN (len, pool);
      random_order (rand, pool, order);
      if (s->first)
        for (guint i = 0; i < pool; i++)
          if (order[i] == 0)
            order[i] = order[0], order[0] = 0;
      for (guint i = 0; i < len; i++)
        key[i] = -3.0 * order[i] / s->n - log (-log (g_rand_double_range (rand, 1e-12, 1.0)));
      /* Insertion sort by key, best first, keeping person 0 on top. */
      for (guint i = s->first ? 2 : 1; i < len; i++)
        for (guint j = i; j > (s->first ? 1u : 0u) && key[j] > key[j - 1]; j--)
          {
            double k = key[j];
            guint o = order[j];

            key[j] = key[j - 1], order[j] = order[j - 1];
            key[j - 1] = k, order[j - 1] = o;
          }
      add (p, order, len, 1);
    }
  return p;
}

static void
test_large (gconstpointer data)
{
  const Shape *s = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (s->n + s->ballots);
  g_autoptr(PrProfile) p = large_profile (s, rand);

  check_results (p, s->resamples, s->agreement);
  if (s->first)
    {
      g_autoptr(PrMethodResult) pl = pr_plackett_luce (p, NULL);

      /* Nobody ever beats person 0: every method puts them first. */
      for (guint m = 0; m < PR_N_METHODS; m++)
        {
          g_autoptr(PrMethodResult) r = pr_method_run (m, p, PR_TREATMENT_IGNORE);

          g_assert_cmpuint (r->position[0], ==, 1);
        }
      g_assert_cmpfloat (pl->alpha, ==, 0.01);
    }
  if (s->unranked > 0)
    {
      g_autoptr(PrMethodResult) pl = pr_plackett_luce (p, NULL);

      /* No data: no standard error, log-worth 0 before centring. */
      for (guint c = s->n - s->unranked; c < s->n; c++)
        {
          g_assert_true (isnan (pl->std_error[c]));
          g_assert_cmpfloat (pl->score[c], ==, pl->score[s->n - 1]);
          g_assert_cmpuint (pr_profile_get_raters (p, c), ==, 0);
        }
    }
}

/* A chain: person i beats person i + 1 on c ballots and loses on one, and
 * no one else meets. On a tree of comparisons the fit matches each pair
 * exactly, so θ_i − θ_{i+1} = log c: with c = 2^20 and 600 people the
 * optimum is 8,300 wide, far beyond what exp() can represent, and a fit
 * moving each log-worth by at most 16 a step would run out of steps. */
static void
test_chain (void)
{
  const guint n = 600, c = 1u << 20;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PrProfile) p = NULL;
  g_autoptr(PrMethodResult) r = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup_printf ("%u", i + 1));
  p = pr_profile_new ((const char * const *) ids->pdata, NULL, n);
  for (guint i = 0; i + 1 < n; i++)
    {
      guint up[2] = { i, i + 1 }, down[2] = { i + 1, i };

      add (p, up, 2, c);
      add (p, down, 2, 1);
    }
  r = pr_plackett_luce (p, NULL);
  check_plackett_luce (p, r);
  g_assert_cmpfloat (r->alpha, ==, 0.0);
  for (guint i = 0; i + 1 < n; i++)
    {
      /* The gradient tolerance grows with the ballots (6.3·10^8 here, so
       * 0.06) while each link's curvature stays about 1 (its standard
       * error too): a few hundredths is as close as the tolerance asks. */
      g_assert_cmpfloat_with_epsilon (r->score[i] - r->score[i + 1], log (c), 0.05);
      g_assert_cmpuint (r->position[i], ==, i + 1);
    }
}

/* -- What --method computes ----------------------------------------------- */

static void
test_narrowing (void)
{
  g_autoptr(PrProfile) p = fixture_profile (4, "ABCD 2*BCA DA CB 3*ADCB");
  PrTallyOptions options;

  pr_tally_options_init (&options);
  g_assert_true (options.positions);
  options.methods = 1u << PR_METHOD_SCHULZE;
  /* Shown methods only, when nothing needs the primary one. */
  options.positions = FALSE;
  {
    g_autoptr(PrResults) r = pr_results_compute (p, &options, NULL, NULL);
    g_autofree char *text = pr_results_to_text (r, NULL);

    for (guint m = 0; m < PR_N_METHODS; m++)
      g_assert_true ((r->method[m] != NULL) == (m == PR_METHOD_SCHULZE));
    g_assert_false (pr_results_needs_primary (&options));
    g_assert_nonnull (strstr (text, "order by Schulze"));
  }
  /* Positions, a bootstrap or agreement each need it. */
  for (guint need = 0; need < 3; need++)
    {
      g_autoptr(PrResults) r = NULL;

      options.positions = need == 0;
      options.bootstrap = need == 1 ? 5 : 0;
      options.agreement = need == 2;
      options.primary = need == 2 ? PR_METHOD_BORDA : PR_METHOD_PLACKETT_LUCE;
      r = pr_results_compute (p, &options, NULL, NULL);
      g_assert_true (pr_results_needs_primary (&options));
      for (guint m = 0; m < PR_N_METHODS; m++)
        g_assert_true ((r->method[m] != NULL) == (m == PR_METHOD_SCHULZE || m == options.primary));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reproducers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/tally-robust/reproducer/%s",
                                               reproducers[i].file);

      g_test_add_data_func (path, &reproducers[i], test_reproducer);
    }
  g_test_add_func ("/peer-rank/tally-robust/random-small", test_random_small);
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/tally-robust/large/%s", shapes[i].name);

      g_test_add_data_func (path, &shapes[i], test_large);
    }
  g_test_add_func ("/peer-rank/tally-robust/chain", test_chain);
  g_test_add_func ("/peer-rank/tally-robust/narrowing", test_narrowing);

  return g_test_run ();
}
