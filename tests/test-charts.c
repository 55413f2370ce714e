/* test-charts.c — the charts layer: data, privacy guard, drawing, files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "charts-fixture.h"
#include "pr-chart.h"
#include "pr-preflib.h"
#include "pr-report.h"
#include "pr-results-table.h"

#define LONG_NAME "Maximiliane Österreicher-Großkopf de la Fontaine-Lefèvre von Überlingen"

static const char * const names[] = {
  "Zoé Faure", "Jürgen Groß", "Ana López", "Dario Rossi", LONG_NAME, "Chloé Nakamura",
};

/* Six people; with min_raters 3, Dario Rossi (3) has exactly the minimum
 * and the long-named person (2) one less. */
static PrProfile *
make_profile (guint min_raters)
{
  static const char * const ids[] = { "a", "b", "c", "d", "e", "f" };
  static const guint ballots[][6] = {
    { 0, 1, 2, 3, G_MAXUINT },
    { 1, 0, 2, 5, G_MAXUINT },
    { 0, 2, 1, 3, 4, G_MAXUINT },
    { 2, 0, 1, 5, 4, G_MAXUINT },
    { 0, 1, 3, 5, G_MAXUINT },
    { 1, 2, 0, 5, G_MAXUINT },
  };
  g_autoptr(GError) error = NULL;
  PrProfile *profile = pr_profile_new (ids, names, G_N_ELEMENTS (names));

  for (guint b = 0; b < G_N_ELEMENTS (ballots); b++)
    {
      guint len = 0;

      while (ballots[b][len] != G_MAXUINT)
        len++;
      g_assert_true (pr_profile_add_ballot (profile, PR_PROFILE_NO_VOTER, ballots[b], len, 1,
                                            &error));
      g_assert_no_error (error);
    }
  pr_profile_set_min_raters (profile, min_raters);
  return profile;
}

static PrResults *
compute (PrProfile *profile,
         PrMethod   primary,
         guint      resamples)
{
  g_autoptr(GError) error = NULL;
  PrTallyOptions options;
  PrResults *results;

  pr_tally_options_init (&options);
  options.primary = primary;
  options.methods = 1u << primary;
  options.bootstrap = resamples;
  options.seed = 7;
  options.n_threads = 2;
  results = pr_results_compute (profile, &options, NULL, &error);
  g_assert_no_error (error);
  return results;
}

static PrChart *
make_chart (PrChartKind kind,
            guint       min_raters)
{
  g_autoptr(PrProfile) profile = make_profile (min_raters);
  g_autoptr(PrResults) results = compute (profile, PR_METHOD_PLACKETT_LUCE, 300);
  g_autoptr(PrResultsTable) table = pr_results_get_table (results);
  g_autofree guint *distributions = pr_results_table_distributions (table, results->bootstrap);

  return pr_chart_new (kind, pr_chart_data_new (results, table, distributions));
}

/* The histogram counts the core's bootstrap positions: its percentiles
 * are the core's, for a fitted and an order-only method and a real file. */
static void
test_histogram (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "preflib",
                                                 "00009-00000001.soc", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) file = pr_preflib_load (path, &error);
  g_autoptr(PrProfile) small = make_profile (3);
  PrProfile *profiles[] = { small, file };
  PrMethod methods[] = { PR_METHOD_PLACKETT_LUCE, PR_METHOD_BORDA, PR_METHOD_SCHULZE };

  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
      {
        g_autoptr(PrResults) results = compute (profiles[p], methods[m], 200);
        g_autoptr(PrPositionHistogram) h = pr_position_histogram_compute (results, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (h->resamples, ==, 200);
        for (guint c = 0; c < h->n; c++)
          {
            guint sum = 0;

            for (guint k = 0; k < h->n; k++)
              sum += h->counts[c * h->n + k];
            g_assert_cmpuint (sum, ==, 200);
            g_assert_cmpuint (pr_position_histogram_percentile (h, c, 5), ==, results->bootstrap->low[c]);
            g_assert_cmpuint (pr_position_histogram_percentile (h, c, 50), ==, results->bootstrap->median[c]);
            g_assert_cmpuint (pr_position_histogram_percentile (h, c, 95), ==, results->bootstrap->high[c]);
          }
      }
}

/* The data follow the results table: its order, positions and
 * intervals; the score is the chance above a typical teammate of the
 * core's log-worth, for the people placed. */
static void
test_data (void)
{
  g_autoptr(PrProfile) profile = make_profile (3);
  g_autoptr(PrResults) results = compute (profile, PR_METHOD_PLACKETT_LUCE, 100);
  g_autoptr(PrResultsTable) table = pr_results_get_table (results);
  g_autoptr(PrChartData) data = pr_chart_data_new (results, table, NULL);
  const PrMethodResult *pl = results->method[PR_METHOD_PLACKETT_LUCE];

  g_assert_cmpuint (data->n, ==, G_N_ELEMENTS (names));
  g_assert_cmpint (data->scale, ==, PR_CHART_SCALE_CHANCE);
  for (guint i = 0; i < data->n; i++)
    {
      guint c = data->order[i];

      const PrTableRow *row = &table->rows[i];

      g_assert_cmpuint (c, ==, row->candidate);
      g_assert_cmpstr (data->people[c].name, ==, names[c]);
      g_assert_cmpuint (data->people[c].position, ==, row->position);
      g_assert_cmpint (data->people[c].placed, ==, row->placed);
      if (row->placed)
        g_assert_cmpfloat_with_epsilon (data->people[c].score, 1 / (1 + exp (-pl->score[c])), 1e-12);
      else
        g_assert_true (isnan (data->people[c].score));
      g_assert_cmpuint (data->people[c].low, ==, row->low);
      g_assert_cmpuint (data->people[c].high, ==, row->high);
    }
}

static void
draw_on_image (PrChart *chart,
               int      width,
               int      height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  pr_chart_draw (chart, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static char *
line_of (const char *text,
         const char *start)
{
  const char *line = strstr (text, start);

  g_assert_nonnull (line);
  return g_strndup (line, strcspn (line, "\n"));
}

/* DESIGN §6 at the threshold: min_raters − 1 raters withholds the
 * person's strip and matrix cells, min_raters shows them. */
static void
test_privacy_threshold (void)
{
  g_autoptr(PrChart) chart = make_chart (PR_CHART_DISTRIBUTION, 3);
  const PrChartData *d = pr_chart_get_data (chart);
  g_autoptr(PrChart) lowered = make_chart (PR_CHART_DISTRIBUTION, 2);
  const PrChartData *l = pr_chart_get_data (lowered);
  g_autofree char *description = pr_chart_describe (chart);
  g_autofree char *dario = NULL;
  g_autofree char *tip = NULL;
  PrChartHit hit;

  g_assert_cmpuint (d->people[3].raters, ==, 3);
  g_assert_cmpuint (d->people[4].raters, ==, 2);
  g_assert_false (d->people[3].withheld);
  g_assert_nonnull (d->people[3].histogram);
  g_assert_true (d->people[4].withheld);
  g_assert_null (d->people[4].histogram);
  g_assert_true (pr_chart_data_cell_visible (d, 0, 3));
  g_assert_false (pr_chart_data_cell_visible (d, 0, 4));
  g_assert_false (pr_chart_data_cell_visible (d, 4, 0));
  /* Lowering the minimum to the person's raters shows them. */
  g_assert_false (l->people[4].withheld);
  g_assert_nonnull (l->people[4].histogram);
  g_assert_true (pr_chart_data_cell_visible (l, 0, 4));
  /* The text form says which strip is withheld, and only that one. */
  g_assert_cmpuint (charts_count (description, "Withheld"), ==, 1);
  g_assert_nonnull (strstr (description, LONG_NAME ";"));
  g_assert_nonnull (strstr (strstr (description, LONG_NAME ";"), "Withheld"));
  dario = line_of (description, "Dario Rossi");
  g_assert_null (strstr (dario, "Withheld"));
  /* The withheld strip hits its person, never a position. */
  g_assert_cmpfloat (pr_chart_get_height_for_width (chart, 800), >, 100);
  draw_on_image (chart, 800, 600);
  for (double y = 0; y < 600; y += 2)
    if (pr_chart_hit_test (chart, 700, y, &hit) && hit.person == 4)
      {
        g_assert_cmpint (hit.kind, ==, PR_CHART_HIT_PERSON);
        g_clear_pointer (&tip, g_free);
        tip = pr_chart_describe_hit (chart, &hit);
      }
  g_assert_nonnull (tip);
  g_assert_null (strstr (tip, "resamples"));
}

/* Tooltips: rows, heat strip cells and matrix cells. */
static void
test_hit_test (void)
{
  PrChartKind kinds[] = { PR_CHART_SCORES, PR_CHART_DISTRIBUTION, PR_CHART_PAIRWISE };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PrChart) chart = make_chart (kinds[k], 2);
      const PrChartData *d = pr_chart_get_data (chart);
      double height = pr_chart_get_height_for_width (chart, 700);
      gboolean seen[G_N_ELEMENTS (names)] = { FALSE, };
      guint n_cells = 0;
      PrChartHit hit;

      g_assert_false (pr_chart_hit_test (chart, 10, 10, &hit));
      draw_on_image (chart, 700, (int) height);
      /* The title is no one. */
      g_assert_false (pr_chart_hit_test (chart, 30, 20, &hit));
      g_assert_cmpint (hit.kind, ==, PR_CHART_HIT_NONE);
      for (double y = 0; y < height; y += 3)
        for (double x = 0; x < 700; x += 5)
          {
            g_autofree char *tip = NULL;

            if (!pr_chart_hit_test (chart, x, y, &hit))
              continue;
            tip = pr_chart_describe_hit (chart, &hit);
            g_assert_nonnull (tip);
            g_assert_nonnull (strstr (tip, names[hit.person]));
            seen[hit.person] = TRUE;
            if (hit.kind == PR_CHART_HIT_POSITION)
              {
                g_autofree char *count = g_strdup_printf ("position %u in %u of %u resamples",
                                                          hit.position,
                                                          d->people[hit.person].histogram[hit.position - 1],
                                                          d->resamples);

                g_assert_nonnull (strstr (tip, count));
                n_cells++;
              }
            if (hit.kind == PR_CHART_HIT_CELL)
              {
                g_assert_cmpuint (hit.person, !=, hit.other);
                g_assert_nonnull (strstr (tip, names[hit.other]));
                n_cells++;
              }
          }
      for (guint c = 0; c < G_N_ELEMENTS (names); c++)
        g_assert_true (seen[c]);
      if (kinds[k] != PR_CHART_SCORES)
        g_assert_cmpuint (n_cells, >, 0);
    }
}

typedef struct {
  PrChartKind   kind;
  PrChartFormat format;
  gboolean      dark;
} RenderCase;

/* Each kind in each format is a valid file that carries the names. */
static void
test_render (gconstpointer user_data)
{
  const RenderCase *rc = user_data;
  g_autoptr(PrChart) chart = make_chart (rc->kind, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pr-charts-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *text = NULL;
  double width, height;

  pr_chart_set_dark (chart, rc->dark);
  bytes = pr_chart_render (chart, rc->format, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  width = rc->kind == PR_CHART_PAIRWISE ? 0 : 800;
  height = pr_chart_get_height_for_width (chart, width > 0 ? width : 800);
  switch (rc->format)
    {
    case PR_CHART_FORMAT_PNG:
      charts_check_png (bytes, (int) width * 2, rc->kind == PR_CHART_PAIRWISE ? 0 : (int) height * 2);
      return;
    case PR_CHART_FORMAT_SVG:
      text = charts_check_svg (bytes);
      break;
    case PR_CHART_FORMAT_PDF:
    default:
      text = charts_check_pdf (bytes, pdf);
      g_unlink (pdf);
      break;
    }
  g_rmdir (dir);
  g_assert_nonnull (strstr (text, pr_chart_get_title (chart)));
  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      /* Long names are wrapped or ellipsized in the PDF; their start
       * is always there. */
      g_autofree char *start = g_utf8_substring (names[c], 0, 10);

      g_assert_nonnull (strstr (text, start));
    }
  if (rc->format == PR_CHART_FORMAT_SVG)
    g_assert_nonnull (strstr (text, LONG_NAME));
}

static guint32
pixel_at (GBytes *png,
          int     x,
          int     y)
{
  ChartsReader reader = { g_bytes_get_data (png, NULL), g_bytes_get_size (png), 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (charts_read_bytes, &reader);
  guint32 pixel;

  cairo_surface_flush (surface);
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface)
                        + y * cairo_image_surface_get_stride (surface) + x * 4);
  cairo_surface_destroy (surface);
  return pixel & 0xffffff;
}

/* The light variant on white, the dark one on GNOME's dark grey. */
static void
test_dark (void)
{
  g_autoptr(PrChart) chart = make_chart (PR_CHART_SCORES, 3);
  g_autoptr(GBytes) light = pr_chart_render (chart, PR_CHART_FORMAT_PNG, 400, NULL);
  g_autoptr(GBytes) dark = NULL;

  pr_chart_set_dark (chart, TRUE);
  dark = pr_chart_render (chart, PR_CHART_FORMAT_PNG, 400, NULL);
  charts_check_png (light, 800, 0);
  charts_check_png (dark, 800, 0);
  g_assert_cmphex (pixel_at (light, 2, 2), ==, 0xffffff);
  g_assert_cmphex (pixel_at (dark, 2, 2), ==, 0x242424);
}

static void
test_format_from_path (void)
{
  PrChartFormat format = PR_CHART_FORMAT_PDF;

  g_assert_true (pr_chart_format_from_path ("a/b.svg", &format));
  g_assert_cmpint (format, ==, PR_CHART_FORMAT_SVG);
  g_assert_true (pr_chart_format_from_path ("B.PNG", &format));
  g_assert_cmpint (format, ==, PR_CHART_FORMAT_PNG);
  g_assert_true (pr_chart_format_from_path ("c.pdf", &format));
  g_assert_cmpint (format, ==, PR_CHART_FORMAT_PDF);
  g_assert_false (pr_chart_format_from_path ("c.jpeg", &format));
  g_assert_false (pr_chart_format_from_path ("svg", &format));
}

/* The report withholds the strip of the person one rater short, and
 * shows it once the minimum is theirs. */
static void
test_report_privacy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);

  for (guint min_raters = 2; min_raters <= 3; min_raters++)
    {
      g_autoptr(PrProfile) profile = make_profile (min_raters);
      g_autoptr(PrResults) results = compute (profile, PR_METHOD_PLACKETT_LUCE, 200);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrResultsAnalysis) analysis = pr_results_analysis_compute (g_steal_pointer (&results),
                                                                           NULL, &error);
      PrReportInfo info = { "Team Ü report", NULL, "team.soi", 0, NULL, FALSE };
      g_autoptr(GBytes) bytes = pr_report_render (&info, analysis, NULL, &error);
      g_autofree char *text = NULL;
      g_autofree char *withheld = g_strdup_printf ("Withheld: fewer than %u raters", min_raters);

      g_assert_no_error (error);
      text = charts_check_pdf (bytes, path);
      g_assert_nonnull (strstr (text, "Team Ü report"));
      g_assert_nonnull (strstr (text, "PrefLib file: team.soi"));
      g_assert_cmpuint (charts_pdf_pages (path), >=, 2);
      /* Two legends (distribution, pairwise), plus one withheld strip
       * under min_raters 3. */
      g_assert_cmpuint (charts_count (text, withheld), ==, min_raters == 3 ? 3 : 2);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Seventy people: the matrix widens to keep its cells, the report runs
 * its charts over several pages and still names everyone. */
static void
test_many_people (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(PrProfile) profile = NULL;
  g_autoptr(PrResults) results = NULL;
  g_autoptr(PrResultsAnalysis) analysis = NULL;
  g_autoptr(PrChart) matrix = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pr-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  PrReportInfo info = { "Seventy", NULL, "seventy.soi", 0, NULL, TRUE };
  guint n = 70;

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (ids, g_strdup_printf ("Teammate %02u", c + 1));
  profile = pr_profile_new ((const char * const *) ids->pdata, NULL, n);
  for (guint b = 0; b < 120; b++)
    {
      guint order[8];

      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        order[k] = (b * 7 + k * 9 + (guint) g_rand_int_range (rand, 0, 3)) % n;
      /* Distinct people: the offsets k * 9 + 0…2 never meet below 70. */
      g_assert_true (pr_profile_add_ballot (profile, PR_PROFILE_NO_VOTER, order,
                                            G_N_ELEMENTS (order), 1, &error));
    }
  results = compute (profile, PR_METHOD_PLACKETT_LUCE, 50);
  matrix = pr_chart_new (PR_CHART_PAIRWISE, pr_chart_data_new (results, NULL, NULL));
  g_assert_cmpfloat (pr_chart_get_natural_width (matrix), >=, 6.0 * n);
  analysis = pr_results_analysis_compute (g_steal_pointer (&results), NULL, &error);
  g_assert_no_error (error);
  bytes = pr_report_render (&info, analysis, NULL, &error);
  g_assert_no_error (error);
  text = charts_check_pdf (bytes, path);
  g_assert_cmpuint (charts_pdf_pages (path), >=, 3);
  for (guint c = 0; c < n; c++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (ids, c)));
  g_unlink (path);
  g_rmdir (dir);
}

/* A profile of @n people, @ballots ballots of 8 each, seeded. */
static PrProfile *
many_people (guint n,
             guint ballots,
             guint seed)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  PrProfile *profile;

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (ids, g_strdup_printf ("Teammate %03u", c + 1));
  profile = pr_profile_new ((const char * const *) ids->pdata, NULL, n);
  for (guint b = 0; b < ballots; b++)
    {
      guint order[8];

      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        order[k] = (b * 7 + k * 9 + (guint) g_rand_int_range (rand, 0, 3)) % n;
      g_assert_true (pr_profile_add_ballot (profile, PR_PROFILE_NO_VOTER, order,
                                            G_N_ELEMENTS (order), 1, &error));
    }
  return profile;
}

static char *
report_text (PrProfile          *profile,
             const PrReportInfo *info,
             guint               resamples,
             guint              *pages)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrResultsAnalysis) analysis = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PrTallyOptions options;
  char *text;

  pr_tally_options_init (&options);
  options.bootstrap = resamples;
  options.seed = 3;
  analysis = pr_results_analysis_compute (pr_results_compute (profile, &options, NULL, &error),
                                          NULL, &error);
  g_assert_no_error (error);
  bytes = pr_report_render (info, analysis, NULL, &error);
  g_assert_no_error (error);
  text = charts_check_pdf (bytes, path);
  *pages = charts_pdf_pages (path);
  g_unlink (path);
  g_rmdir (dir);
  return text;
}

/* DESIGN §6: the report renders the results table with the unplaced
 * apart, explains every column, keeps the flags for the organizer's
 * appendix, and never names a 1-rater person with a position. */
static void
test_report_table (void)
{
  g_autoptr(PrProfile) profile = make_profile (3);
  PrReportInfo info = { "Team report", NULL, "team.soi", 0, NULL, FALSE };
  guint pages = 0;
  g_autofree char *plain = NULL;
  g_autofree char *organizer = NULL;

  plain = report_text (profile, &info, 100, &pages);
  g_assert_nonnull (strstr (plain, "How to read the table"));
  g_assert_nonnull (strstr (plain, "Score: The score is the chance to be ranked above a typical teammate."));
  g_assert_null (strstr (plain, "Log-worth"));
  g_assert_null (strstr (plain, "Organizer’s appendix"));
  g_assert_null (strstr (plain, "Integrity flags"));
  info.appendix = TRUE;
  organizer = report_text (profile, &info, 100, &pages);
  g_assert_nonnull (strstr (organizer, "Organizer’s appendix"));
  g_assert_nonnull (strstr (organizer, "Integrity flags"));
  g_assert_nonnull (strstr (organizer, "Influence of single ballots"));
}

/* Three hundred people: closest rivals instead of a matrix nobody can
 * read, and within 20 pages. */
static void
test_report_compact (void)
{
  g_autoptr(PrProfile) profile = many_people (300, 600, 5);
  PrReportInfo info = { "Three hundred", NULL, "300.soi", 0, NULL, TRUE };
  guint pages = 0;
  g_autofree char *text = NULL;

  pr_profile_set_min_raters (profile, 3);
  text = report_text (profile, &info, 50, &pages);
  g_test_message ("300 people: %u pages", pages);
  g_assert_cmpuint (pages, <=, 20);
  g_assert_nonnull (strstr (text, "Closest rivals"));
  g_assert_null (strstr (text, "Pairwise preferences"));
  g_assert_nonnull (strstr (text, "Teammate 300"));
}

static const RenderCase render_cases[] = {
  { PR_CHART_SCORES, PR_CHART_FORMAT_SVG, FALSE },
  { PR_CHART_SCORES, PR_CHART_FORMAT_PNG, FALSE },
  { PR_CHART_SCORES, PR_CHART_FORMAT_PDF, TRUE },
  { PR_CHART_DISTRIBUTION, PR_CHART_FORMAT_SVG, TRUE },
  { PR_CHART_DISTRIBUTION, PR_CHART_FORMAT_PNG, FALSE },
  { PR_CHART_DISTRIBUTION, PR_CHART_FORMAT_PDF, FALSE },
  { PR_CHART_PAIRWISE, PR_CHART_FORMAT_SVG, FALSE },
  { PR_CHART_PAIRWISE, PR_CHART_FORMAT_PNG, TRUE },
  { PR_CHART_PAIRWISE, PR_CHART_FORMAT_PDF, FALSE },
};

int
main (int    argc,
      char **argv)
{
  static const char * const kinds[] = { "scores", "distribution", "pairwise" };
  static const char * const formats[] = { "svg", "png", "pdf" };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer-rank/charts/histogram", test_histogram);
  g_test_add_func ("/peer-rank/charts/data", test_data);
  g_test_add_func ("/peer-rank/charts/privacy-threshold", test_privacy_threshold);
  g_test_add_func ("/peer-rank/charts/hit-test", test_hit_test);
  g_test_add_func ("/peer-rank/charts/dark", test_dark);
  g_test_add_func ("/peer-rank/charts/format-from-path", test_format_from_path);
  g_test_add_func ("/peer-rank/charts/report-privacy", test_report_privacy);
  g_test_add_func ("/peer-rank/charts/many-people", test_many_people);
  g_test_add_func ("/peer-rank/charts/report-table", test_report_table);
  g_test_add_func ("/peer-rank/charts/report-compact", test_report_compact);
  for (guint i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/peer-rank/charts/render/%s/%s%s",
                                               kinds[render_cases[i].kind],
                                               formats[render_cases[i].format],
                                               render_cases[i].dark ? "-dark" : "");

      g_test_add_data_func (name, &render_cases[i], test_render);
    }
  return g_test_run ();
}
