/* pr-chart.c — the results charts, drawn with Cairo and Pango: the
 * chart itself, its layout, and the dispatch to each kind
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "pr-chart.h"
#include "pr-chart-internal.h"
#include "pr-chart-private.h"

G_DEFINE_QUARK (pr-chart-error-quark, pr_chart_error)

PrChart *
pr_chart_new (PrChartKind  kind,
              PrChartData *data)
{
  PrChart *chart;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (kind <= PR_CHART_PAIRWISE, NULL);

  chart = g_new0 (PrChart, 1);
  chart->kind = kind;
  chart->data = data;
  chart->background = TRUE;
  pr_chart_style_init (&chart->style, FALSE);
  return chart;
}

void
pr_chart_free (PrChart *chart)
{
  if (chart == NULL)
    return;
  pr_chart_data_free (chart->data);
  g_free (chart);
}

PrChartKind
pr_chart_get_kind (PrChart *chart)
{
  g_return_val_if_fail (chart != NULL, PR_CHART_SCORES);

  return chart->kind;
}

const PrChartData *
pr_chart_get_data (PrChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  return chart->data;
}

void
pr_chart_set_dark (PrChart  *chart,
                   gboolean  dark)
{
  g_return_if_fail (chart != NULL);

  chart->dark = !!dark;
  pr_chart_style_init (&chart->style, chart->dark);
}

void
pr_chart_set_background (PrChart  *chart,
                         gboolean  background)
{
  g_return_if_fail (chart != NULL);

  chart->background = !!background;
}

const char *
pr_chart_get_title (PrChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  switch (chart->kind)
    {
    case PR_CHART_DISTRIBUTION:
      return _("Positions over the bootstrap resamples");
    case PR_CHART_PAIRWISE:
      return _("Pairwise preferences");
    case PR_CHART_SCORES:
    default:
      return _("Scores and position intervals");
    }
}

/* -- Text ---------------------------------------------------------------- */

/* The chart's title under the round's: an exported chart says what it
 * is of on its own. */
char *
_pr_chart_heading_text (PrChart *chart)
{
  if (chart->data->round_title == NULL)
    return g_strdup (pr_chart_get_title (chart));
  /* TRANSLATORS: "Q3 contribution round — Pairwise preferences" */
  return g_strdup_printf (_("%s — %s"), chart->data->round_title, pr_chart_get_title (chart));
}

static char *
format_count (guint value)
{
  /* Thousands grouped as the locale does (1,000 / 1.000 / 1 000). */
  return g_strdup_printf ("%'u", value);
}

char *
_pr_chart_subtitle_text (PrChart *chart)
{
  const PrChartData *d = chart->data;
  g_autofree char *ballots = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ballot",
                                                           "%u ballots", d->n_ballots),
                                              d->n_ballots);
  g_autofree char *resamples = NULL;

  if (d->resamples > 0)
    {
      g_autofree char *count = format_count (d->resamples);

      /* TRANSLATORS: "1,000 resamples, seed 1" */
      resamples = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s resample, seed %" PRIu64,
                                                "%s resamples, seed %" PRIu64,
                                                d->resamples),
                                   count, (uint64_t) d->seed);
    }
  if (chart->kind == PR_CHART_PAIRWISE)
    return g_strjoin (" · ", ballots, d->treatment == PR_TREATMENT_BELOW
                                      ? _("unranked people count as ranked below")
                                      : _("unranked people carry no information"), NULL);
  /* TRANSLATORS: "Plackett–Luce · 16 ballots · 1,000 resamples, seed 1" */
  return g_strjoin (" · ", pr_method_get_label (d->primary), ballots, resamples, NULL);
}

char *
_pr_chart_withheld_note (const PrChartData *d)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Withheld: fewer than %u rater",
                                       "Withheld: fewer than %u raters", d->min_raters),
                          d->min_raters);
}

/* -- Layout ---------------------------------------------------------------- */

/* The widest name on one line, capped: longer ones wrap to two lines and
 * are ellipsized after that. */
static double
measure_names (PrChart *chart,
               cairo_t *cr,
               double   cap)
{
  double widest = 40;

  for (guint c = 0; c < chart->data->n; c++)
    {
      g_autoptr(PangoLayout) layout = pr_chart_text_layout (cr, chart->data->people[c].name,
                                                            TEXT_SIZE, FALSE, 0, 1);
      double w;

      pr_chart_text_size (layout, &w, NULL);
      widest = MAX (widest, w + 14);  /* room for the " !" mark */
    }
  return MIN (widest, cap);
}

static double
measure_rows (PrChart *chart,
              cairo_t *cr,
              double   name_w)
{
  double row_h = 22;

  for (guint c = 0; c < chart->data->n; c++)
    {
      g_autoptr(PangoLayout) layout = pr_chart_text_layout (cr, chart->data->people[c].name,
                                                            TEXT_SIZE, FALSE, name_w, 2);
      double h;

      pr_chart_text_size (layout, NULL, &h);
      row_h = MAX (row_h, h + 6);
    }
  return row_h;
}

static double
measure_header (PrChart *chart,
                cairo_t *cr,
                double   width)
{
  g_autofree char *subtitle = _pr_chart_subtitle_text (chart);
  g_autofree char *heading = _pr_chart_heading_text (chart);
  g_autoptr(PangoLayout) title = pr_chart_text_layout (cr, heading, TITLE_SIZE,
                                                       TRUE, width - 2 * MARGIN, 2);
  g_autoptr(PangoLayout) sub = pr_chart_text_layout (cr, subtitle, TEXT_SIZE, FALSE,
                                                     width - 2 * MARGIN, 2);
  double h1, h2;

  pr_chart_text_size (title, NULL, &h1);
  pr_chart_text_size (sub, NULL, &h2);
  return h1 + 4 + h2 + GAP;
}

static void
layout_rows (PrChart *chart,
             cairo_t *cr,
             Layout  *l)
{
  double content_x, content_w;

  l->name_x = MARGIN;
  l->name_w = measure_names (chart, cr, MIN (NAME_WIDTH_MAX, l->width * 0.3));
  l->row_h = measure_rows (chart, cr, l->name_w);
  content_x = l->name_x + l->name_w + GAP;
  content_w = MAX (l->width - MARGIN - content_x, 60);
  l->plot_x = content_x;
  l->plot_w = content_w;
  if (chart->kind == PR_CHART_SCORES && chart->data->scale != PR_CHART_SCALE_NONE)
    {
      l->score_x = content_x;
      l->score_w = content_w * 0.45;
      l->pos_x = l->score_x + l->score_w + 2 * GAP;
      l->pos_w = content_w - l->score_w - 2 * GAP;
    }
  else
    {
      l->pos_x = content_x;
      l->pos_w = content_w;
    }
}

static void
layout_pairwise (PrChart *chart,
                 cairo_t *cr,
                 Layout  *l)
{
  guint n = MAX (chart->data->n, 1);

  l->name_x = MARGIN;
  l->name_w = measure_names (chart, cr, MIN (NAME_WIDTH_MAX, l->width * 0.3));
  l->plot_x = l->name_x + l->name_w + GAP;
  l->row_h = CLAMP ((l->width - MARGIN - l->plot_x) / n, CELL_MIN, CELL_MAX);
  l->plot_w = l->row_h * chart->data->n;
  /* Column names run upwards; long ones are ellipsized at the name
   * column's width. */
  l->column_h = MIN (measure_names (chart, cr, NAME_WIDTH_MAX), 150) + 6;
}

static cairo_t *scratch_context (void);

/* The legend's height at the layout's width, found by drawing it where
 * nobody looks. */
static double
measure_legend (PrChart *chart)
{
  cairo_t *cr = scratch_context ();
  double h;

  switch (chart->kind)
    {
    case PR_CHART_DISTRIBUTION:
      h = _pr_chart_draw_distribution_legend (chart, cr, 0);
      break;
    case PR_CHART_PAIRWISE:
      h = _pr_chart_draw_pairwise_legend (chart, cr, 0);
      break;
    case PR_CHART_SCORES:
    default:
      h = _pr_chart_draw_scores_legend (chart, cr, 0);
      break;
    }
  cairo_destroy (cr);
  return h;
}

static void
compute_layout (PrChart *chart,
                cairo_t *cr,
                double   width)
{
  Layout *l = &chart->layout;
  double rows_h;

  memset (l, 0, sizeof *l);
  l->width = width;
  l->header_h = measure_header (chart, cr, width);
  if (chart->kind == PR_CHART_PAIRWISE)
    {
      layout_pairwise (chart, cr, l);
      l->top = MARGIN + l->header_h + l->column_h;
      rows_h = l->row_h * chart->data->n;
      l->height = l->top + rows_h + GAP + measure_legend (chart) + MARGIN;
    }
  else
    {
      layout_rows (chart, cr, l);
      /* Distribution: a position axis above the strips too. */
      l->top = MARGIN + l->header_h + (chart->kind == PR_CHART_DISTRIBUTION ? 18 : 0);
      rows_h = l->row_h * chart->data->n;
      /* Tick labels, then axis captions of up to two lines. */
      l->height = l->top + rows_h + AXES_H + measure_legend (chart) + MARGIN;
    }
  if (chart->data->n == 0)
    l->height += 24;
  chart->laid_out = TRUE;
}

static cairo_t *
scratch_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

double
pr_chart_get_height_for_width (PrChart *chart,
                               double   width)
{
  cairo_t *cr;

  g_return_val_if_fail (chart != NULL, 0);

  cr = scratch_context ();
  compute_layout (chart, cr, MAX (width, 200));
  cairo_destroy (cr);
  return ceil (chart->layout.height);
}

/* Scores and distribution read well at 800 wide; the matrix wants square
 * cells of up to CELL_MAX, and at least CELL_MIN however many people. */
double
pr_chart_get_natural_width (PrChart *chart)
{
  cairo_t *cr;
  double width, cell;
  guint n;

  g_return_val_if_fail (chart != NULL, NATURAL_WIDTH);

  if (chart->kind != PR_CHART_PAIRWISE)
    return NATURAL_WIDTH;
  n = MAX (chart->data->n, 1);
  cell = CLAMP (900.0 / n, CELL_MIN, CELL_MAX);
  cr = scratch_context ();
  width = 2 * MARGIN + GAP + measure_names (chart, cr, NAME_WIDTH_MAX) + cell * n;
  cairo_destroy (cr);
  return MAX (ceil (width), 520);
}

void
pr_chart_get_rows (PrChart *chart,
                   double  *top,
                   double  *row_height,
                   guint   *n_rows)
{
  g_return_if_fail (chart != NULL && chart->laid_out);

  *top = chart->layout.top;
  *row_height = chart->layout.row_h;
  *n_rows = chart->data->n;
}

/* -- Drawing, hit tests, descriptions: each kind has a unit of its own -- */

void
pr_chart_draw (PrChart *chart,
               cairo_t *cr,
               double   width,
               double   height)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);

  compute_layout (chart, cr, MAX (width, 200));
  chart->layout.height = MAX (chart->layout.height, height);
  cairo_save (cr);
  if (chart->background)
    {
      pr_chart_set_source (cr, &chart->style.background, 1);
      cairo_rectangle (cr, 0, 0, MAX (width, 200), chart->layout.height);
      cairo_fill (cr);
    }
  _pr_chart_draw_header (chart, cr);
  switch (chart->kind)
    {
    case PR_CHART_DISTRIBUTION:
      _pr_chart_draw_distribution (chart, cr);
      break;
    case PR_CHART_PAIRWISE:
      _pr_chart_draw_pairwise (chart, cr);
      break;
    case PR_CHART_SCORES:
    default:
      _pr_chart_draw_scores (chart, cr);
      break;
    }
  _pr_chart_draw_empty (chart, cr);
  cairo_restore (cr);
}

/* Scores and distribution: the person in the row under the pointer (the
 * scores chart's hit test; the distribution refines it). */
gboolean
_pr_chart_hit_rows (PrChart    *chart,
                    double      x,
                    double      y,
                    PrChartHit *hit)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  guint i;

  if (y < l->top || y >= l->top + d->n * l->row_h || x < MARGIN || x >= l->width - MARGIN)
    return FALSE;
  i = MIN ((guint) ((y - l->top) / l->row_h), d->n - 1);
  hit->kind = PR_CHART_HIT_PERSON;
  hit->person = d->order[i];
  return TRUE;
}

gboolean
pr_chart_hit_test (PrChart    *chart,
                   double      x,
                   double      y,
                   PrChartHit *hit)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  hit->kind = PR_CHART_HIT_NONE;
  if (!chart->laid_out || chart->data->n == 0)
    return FALSE;
  switch (chart->kind)
    {
    case PR_CHART_DISTRIBUTION:
      return _pr_chart_distribution_hit_test (chart, x, y, hit);
    case PR_CHART_PAIRWISE:
      return _pr_chart_pairwise_hit_test (chart, x, y, hit);
    case PR_CHART_SCORES:
    default:
      return _pr_chart_hit_rows (chart, x, y, hit);
    }
}

char *
pr_chart_describe_hit (PrChart          *chart,
                       const PrChartHit *hit)
{
  const PrChartData *d;

  g_return_val_if_fail (chart != NULL && hit != NULL, NULL);

  d = chart->data;
  if (hit->kind == PR_CHART_HIT_NONE || hit->person >= d->n)
    return NULL;
  if (hit->kind == PR_CHART_HIT_CELL && hit->other < d->n)
    return _pr_chart_describe_cell (chart, hit->person, hit->other);
  if (hit->kind == PR_CHART_HIT_POSITION && d->people[hit->person].histogram != NULL
      && hit->position >= 1 && hit->position <= d->n)
    return _pr_chart_describe_position (chart, hit->person, hit->position);
  return _pr_chart_describe_person (chart, hit->person);
}

char *
pr_chart_describe (PrChart *chart)
{
  const PrChartData *d;
  g_autofree char *subtitle = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (chart != NULL, NULL);

  d = chart->data;
  subtitle = _pr_chart_subtitle_text (chart);
  heading = _pr_chart_heading_text (chart);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s. %s.", heading, subtitle);
  for (guint i = 0; i < d->n; i++)
    {
      g_autofree char *person = _pr_chart_describe_person (chart, d->order[i]);

      g_strdelimit (person, "\n", ';');
      g_string_append_printf (text, "\n%s", person);
      if (chart->kind != PR_CHART_SCORES && d->people[d->order[i]].withheld)
        {
          g_autofree char *note = _pr_chart_withheld_note (d);

          g_string_append_printf (text, ";%s", note);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
