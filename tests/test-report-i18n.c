/* test-report-i18n.c — the PDF report's column headers in German and
 * French: long words wrap or shrink, never cut
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "pr-report-private.h"

/* @n people, @ballots ballots of (up to) 8 each, seeded. */
static PrProfile *
make_profile (guint n,
              guint ballots)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  PrProfile *profile;

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (ids, g_strdup_printf ("Teammitglied %02u", c + 1));
  profile = pr_profile_new ((const char * const *) ids->pdata, NULL, n);
  for (guint b = 0; b < ballots; b++)
    {
      g_autofree guint *order = g_new (guint, n);

      /* The first 8 of a shuffle of everyone. */
      for (guint k = 0; k < n; k++)
        order[k] = k;
      for (guint k = n - 1; k > 0; k--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) k + 1), t = order[k];

          order[k] = order[j];
          order[j] = t;
        }
      g_assert_true (pr_profile_add_ballot (profile, PR_PROFILE_NO_VOTER, order, MIN (n, 8), 1,
                                            &error));
      g_assert_no_error (error);
    }
  pr_profile_set_min_raters (profile, 2);
  return profile;
}

/* Every method, the diagnostics and the organizer's appendix: every
 * table the report has (the per-method table only below 41 people, the
 * closest rivals only above). */
static void
render (guint                n,
        PrReportHeaderStats *stats)
{
  g_autoptr(PrProfile) profile = make_profile (n, n < 20 ? 12 : 120);
  g_autoptr(PrResultsAnalysis) analysis = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  PrReportInfo info = { "Sprint-Rückblick", NULL, "team.soi", 0, NULL, TRUE };
  PrTallyOptions options;

  pr_tally_options_init (&options);
  /* Exact Kemeny over 50 people takes long, and adds no header. */
  if (n > 25)
    options.methods &= ~(1u << PR_METHOD_KEMENY);
  options.bootstrap = 50;
  options.seed = 3;
  analysis = pr_results_analysis_compute (pr_results_compute (profile, &options, NULL, &error),
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_true (analysis->complete);
  bytes = pr_report_render_with_stats (&info, analysis, NULL, stats, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
}

typedef struct {
  const char *language;
  const char *raters;   /* "Raters" in that language */
  guint       n;        /* people */
} Case;

static void
check_headers (gconstpointer data)
{
  const Case *c = data;
  PrReportHeaderStats stats = { 0, };

  /* glibc reads LANGUAGE anew after setlocale(). */
  g_setenv ("LANGUAGE", c->language, TRUE);
  setlocale (LC_ALL, "");
  /* Else the test would pass in English, where nothing is long. */
  g_assert_cmpstr (C_("table column", "Raters"), ==, c->raters);
  render (c->n, &stats);
  g_test_message ("%u headers: %u wrapped, %u shrunk, %u ellipsized, %u broken", stats.n_headers,
                  stats.n_wrapped, stats.n_shrunk, stats.n_ellipsized, stats.n_broken);
  g_assert_cmpuint (stats.n_headers, >=, 9);
  g_assert_cmpuint (stats.n_ellipsized, ==, 0);
  g_assert_cmpuint (stats.n_broken, ==, 0);
  /* The long words did need room. */
  g_assert_cmpuint (stats.n_wrapped + stats.n_shrunk, >, 0);
}

/* Runs under LC_ALL=C.UTF-8 (set by meson: glibc ignores LANGUAGE in
 * the C locale), with the build's translations. */
int
main (int    argc,
      char **argv)
{
  static const Case cases[] = {
    { "de", "Bewertende", 8 },
    { "de", "Bewertende", 50 },
    { "fr", "Évaluateurs", 8 },
    { "fr", "Évaluateurs", 50 },
  };
  g_autofree char *localedir = NULL;

  setlocale (LC_ALL, "");
  localedir = g_build_filename (g_getenv ("PR_BUILD_ROOT"), "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Up to 40 people the per-method table, above it the closest rivals. */
      g_autofree char *path = g_strdup_printf ("/peer-rank/report-i18n/%s-headers/%s",
                                               cases[i].language,
                                               cases[i].n > 40 ? "compact" : "full");

      g_test_add_data_func (path, &cases[i], check_headers);
    }

  return g_test_run ();
}
