/* test-results-table.c — the one results table, on hand-made rounds
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN §6: only people the minimum of raters rank are placed, with
 * positions 1..P and no gaps; intervals and method positions share that
 * numbering; the method flag means a method outside the interval; the
 * coverage words say "not compared" only for separate comparison groups.
 */

#include "config.h"

#include <math.h>

#include "pr-results-analysis.h"
#include "pr-results-text.h"
#include "pr-results.h"
#include "tally-fixture.h"
#include "pr-results-csv.h"
#include "pr-results-json.h"
#include "pr-results-table.h"

static PrResults *
tally (PrProfile *profile,
       guint      resamples,
       gboolean   place_all)
{
  g_autoptr(GError) error = NULL;
  PrTallyOptions options;
  PrResults *results;

  pr_tally_options_init (&options);
  options.bootstrap = resamples;
  options.seed = 5;
  options.n_threads = 2;
  options.place_all = place_all;
  results = pr_results_compute (profile, &options, NULL, &error);
  g_assert_no_error (error);
  return results;
}

static const PrTableRow *
row_of (const PrResultsTable *t,
        char                  person)
{
  return pr_results_table_get_row (t, (guint) (person - 'A'));
}

/* Placed rows first, positions 1..P (competition), the rest unplaced
 * with no position and no score. */
static void
assert_numbering (const PrResultsTable *t)
{
  for (guint k = 0; k < t->n; k++)
    {
      const PrTableRow *row = &t->rows[k];

      g_assert_true (row->placed == (k < t->n_placed));
      if (!row->placed)
        {
          g_assert_cmpuint (row->position, ==, 0);
          g_assert_true (isnan (row->score));
          continue;
        }
      g_assert_true (row->position == k + 1 || row->position == t->rows[k - 1].position);
      if (row->has_interval)
        {
          g_assert_cmpuint (row->low, >=, 1);
          g_assert_cmpuint (row->high, <=, t->n_placed + 1);
        }
    }
}

/* A person one ballot puts first is not placed first: with a minimum of
 * 2 raters they are not placed at all, and nobody else moves down. */
static void
test_one_rater_top (void)
{
  g_autoptr(PrProfile) p = fixture_profile (5, "EABC ABCD 2*BCDA BACD");
  g_autoptr(PrResults) r = NULL;
  g_autoptr(PrResultsTable) t = NULL;
  g_autoptr(PrResultsTable) all = NULL;

  pr_profile_set_min_raters (p, 2);
  r = tally (p, 200, FALSE);
  t = pr_results_get_table (r);
  g_assert_cmpuint (t->n_placed, ==, 4);
  g_assert_false (row_of (t, 'E')->placed);
  g_assert_cmpuint (row_of (t, 'E')->flags, ==, PR_TABLE_FLAG_FEW_RATERS);
  g_assert_cmpuint (t->rows[4].candidate, ==, 4);
  assert_numbering (t);
  /* Without E the positions run 1..4. */
  for (guint k = 0; k < 4; k++)
    g_assert_cmpuint (t->rows[k].position, ==, k + 1);
  /* Place everyone: E takes the method's place, flagged all the same. */
  all = pr_results_table_new (r, 2, TRUE);
  g_assert_cmpuint (all->n_placed, ==, 5);
  g_assert_true (row_of (all, 'E')->placed);
  g_assert_cmpuint (row_of (all, 'E')->flags & PR_TABLE_FLAG_FEW_RATERS, !=, 0);
  assert_numbering (all);
}

/* Nobody ranked D: unranked, unplaced even with a minimum of 0. */
static void
test_unranked (void)
{
  g_autoptr(PrProfile) p = fixture_profile (4, "ABC BCA CAB ACB");
  g_autoptr(PrResults) r = tally (p, 0, FALSE);
  g_autoptr(PrResultsTable) t = pr_results_table_new (r, 0, FALSE);

  g_assert_cmpuint (t->n_placed, ==, 3);
  g_assert_cmpuint (row_of (t, 'D')->flags, ==, PR_TABLE_FLAG_UNRANKED);
  g_assert_false (row_of (t, 'D')->has_interval);
  assert_numbering (t);
}

/* depends_on_method exactly where some method's position falls outside
 * the interval, recomputed here from the rows; never without a
 * bootstrap. */
static void
test_method_flag (void)
{
  g_autoptr(PrProfile) p = fixture_profile (6, "ABCDEF BACDFE 2*CABEDF FEDCBA ABDCEF EFABCD");
  g_autoptr(PrResults) r = tally (p, 300, FALSE);
  g_autoptr(PrResults) plain = tally (p, 0, FALSE);
  g_autoptr(PrResultsTable) t = pr_results_get_table (r);
  g_autoptr(PrResultsTable) none = pr_results_get_table (plain);

  for (guint k = 0; k < t->n; k++)
    {
      const PrTableRow *row = &t->rows[k];
      gboolean outside = FALSE;

      for (guint m = 0; m < PR_N_METHODS; m++)
        outside = outside || (row->positions[m] != 0
                              && (row->positions[m] < row->low || row->positions[m] > row->high));
      g_assert_cmpint (!!(row->flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD), ==, outside);
      g_assert_cmpuint (none->rows[k].flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD, ==, 0);
    }
}

/* The score once, as every output shows it. */
static void
test_scores (void)
{
  g_autofree char *high = pr_results_table_format_score (PR_METHOD_PLACKETT_LUCE,
                                                         pr_results_table_score (PR_METHOD_PLACKETT_LUCE, 9.0));
  g_autofree char *borda = pr_results_table_format_score (PR_METHOD_BORDA,
                                                          pr_results_table_score (PR_METHOD_BORDA, 0.62549));

  /* 99.988 % is not certainty: 99.9 %, never 100 %. */
  g_assert_cmpstr (high, ==, "99.9 %");
  g_assert_cmpfloat (pr_results_table_score (PR_METHOD_PLACKETT_LUCE, -9.0), ==, 0.1);
  g_assert_cmpfloat (pr_results_table_score (PR_METHOD_PLACKETT_LUCE, 0.0), ==, 50.0);
  g_assert_cmpstr (borda, ==, "0.625");
  g_assert_cmpfloat (pr_results_table_score (PR_METHOD_COPELAND, 2.0), ==, 2.0);
  g_assert_true (isnan (pr_results_table_score (PR_METHOD_SCHULZE, 1.0)));
}

/* A dominated person is decisive data, not missing data; a split team
 * is two comparison groups nothing compares. */
typedef struct {
  const char *ballots;
  guint       n;
  guint       groups;
  const char *says;
  const char *never;
} CoverageCase;

static const CoverageCase coverage_cases[] = {
  { "ABCD BCAD CABD", 4, 1, "D: Ranked below everyone they were compared with",
    "No ballot compares" },
  { "DABC BDCA CDAB", 4, 1, NULL, "compared with" },
  { "AB BA CD DC", 4, 2, "No ballot compares these 2 groups with each other", NULL },
  { "ABC BAC", 3, 1, "C: Ranked below everyone they were compared with", "No ballot compares" },
  { "ABC ABD", 4, 1, "A: Ranked above everyone they were compared with", "No ballot compares" },
};

static void
test_coverage (gconstpointer data)
{
  const CoverageCase *c = data;
  g_autoptr(PrProfile) p = fixture_profile (c->n, c->ballots);
  g_autoptr(PrResults) r = tally (p, 0, FALSE);
  g_autofree char *text = pr_results_to_text (r, NULL);
  g_autofree char *json = pr_results_to_json (r, NULL);

  g_test_message ("%s", text);
  g_assert_cmpuint (r->coverage->n_comparison_groups, ==, c->groups);
  if (c->says != NULL)
    g_assert_nonnull (strstr (text, c->says));
  if (c->never != NULL)
    g_assert_null (strstr (text, c->never));
  g_assert_nonnull (strstr (json, "\"comparison_groups\":"));
}

/* CSV for a spreadsheet set to German: semicolons and decimal commas,
 * the same values. */
static void
test_csv_separators (void)
{
  g_autoptr(PrProfile) p = fixture_profile (3, "ABC BAC ACB");
  g_autoptr(PrResults) r = tally (p, 0, FALSE);
  g_autofree char *plain = pr_results_to_csv (r, NULL);
  g_autofree char *german = pr_results_to_csv_with (r, NULL, ';', TRUE);
  g_auto(GStrv) lines = g_strsplit (german, "\r\n", -1);
  g_autofree char *expected = g_strdelimit (g_strdup (plain), ",", '@');

  g_assert_true (g_str_has_prefix (lines[0], "id;name;raters;borda_position;"));
  g_assert_true (g_str_has_suffix (lines[0], ";position;placed;score;low;high;flags"));
  /* Same fields: swap the separators back and compare. */
  g_strdelimit (german, ",", '.');
  g_strdelimit (german, ";", '@');
  g_strdelimit (expected, ",", '.');
  g_assert_cmpstr (german, ==, expected);
  g_assert_nonnull (strchr (lines[1], ','));
}

/* --diagnostics: influence of people with enough raters only, the
 * flags, and the same table. */
static void
test_diagnostics_json (void)
{
  g_autoptr(PrProfile) p = fixture_profile (5, "A/BCDE B/ACD C/ABD D/CBA E/BCA");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrResultsAnalysis) analysis = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  pr_profile_set_min_raters (p, 4);
  analysis = pr_results_analysis_compute (tally (p, 0, FALSE), NULL, &error);
  g_assert_no_error (error);
  json = pr_results_analysis_to_json (analysis, NULL);
  text = pr_results_analysis_to_text (analysis, NULL);
  g_assert_nonnull (strstr (json, "\"influence\":[{\"id\":"));
  g_assert_nonnull (strstr (json, "\"integrity_flags\":["));
  g_assert_nonnull (strstr (json, "\"table\":["));
  /* E has one rater: no influence row can name them. */
  g_assert_null (strstr (json, "\"influence\":[{\"id\":\"E\""));
  g_assert_null (strstr (strstr (json, "\"influence\""), "\"id\":\"E\""));
  g_assert_nonnull (strstr (text, "Influence of single ballots"));
  g_assert_nonnull (strstr (text, "Integrity flags"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer-rank/results-table/one-rater-top", test_one_rater_top);
  g_test_add_func ("/peer-rank/results-table/unranked", test_unranked);
  g_test_add_func ("/peer-rank/results-table/method-flag", test_method_flag);
  g_test_add_func ("/peer-rank/results-table/scores", test_scores);
  for (guint i = 0; i < G_N_ELEMENTS (coverage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/results-table/coverage/%u", i);

      g_test_add_data_func (path, &coverage_cases[i], test_coverage);
    }
  g_test_add_func ("/peer-rank/results-table/csv-separators", test_csv_separators);
  g_test_add_func ("/peer-rank/results-table/diagnostics-json", test_diagnostics_json);
  return g_test_run ();
}
