/* pr-chart.c — the results charts, drawn with Cairo and Pango
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "pr-chart.h"
#include "pr-chart-private.h"
#include "pr-chart-style.h"

G_DEFINE_QUARK (pr-chart-error-quark, pr_chart_error)

#define MARGIN        16.0
#define GAP           12.0
#define TITLE_SIZE    13.0
#define TEXT_SIZE      9.0
#define SMALL_SIZE     8.0
#define NAME_WIDTH_MAX     210.0
#define NATURAL_WIDTH 800.0
#define CELL_MAX      44.0
#define CELL_MIN       6.0
#define AXES_H        56.0

/* Where things are, from the last layout: drawing and hit tests share it. */
typedef struct {
  double width;
  double height;
  double header_h;     /* title and subtitle */
  double top;          /* first row */
  double row_h;        /* scores, distribution; the cell size of the matrix */
  double name_x;
  double name_w;
  double plot_x;       /* distribution: strips; pairwise: first column */
  double plot_w;
  double score_x;      /* scores: the score panel (0 wide without one) */
  double score_w;
  double pos_x;        /* scores: the position panel */
  double pos_w;
  double column_h;     /* pairwise: the rotated names above the columns */
} Layout;

struct _PrChart
{
  PrChartKind   kind;
  PrChartData  *data;
  gboolean      dark;
  gboolean      background;
  PrChartStyle  style;
  Layout        layout;
  gboolean      laid_out;
};

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
static char *
heading_text (PrChart *chart)
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

static char *
subtitle_text (PrChart *chart)
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

static const char *
score_axis_label (const PrChartData *d)
{
  switch (d->scale)
    {
    case PR_CHART_SCALE_CHANCE:
      return _("Chance to be ranked above a typical teammate");
    case PR_CHART_SCALE_BORDA:
      return _("Mean normalised Borda score");
    case PR_CHART_SCALE_COUNT:
      return _("Pairwise wins minus losses");
    case PR_CHART_SCALE_NONE:
    default:
      return "";
    }
}

static char *
format_score (const PrChartData *d,
              double             score)
{
  switch (d->scale)
    {
    /* As the results table rounds them (pr-results-table.c). */
    case PR_CHART_SCALE_CHANCE:
      return pr_results_table_format_score (PR_METHOD_PLACKETT_LUCE,
                                            pr_results_table_chance_percent (score));
    case PR_CHART_SCALE_BORDA:
      return pr_results_table_format_score (PR_METHOD_BORDA,
                                            pr_results_table_score (PR_METHOD_BORDA, score));
    case PR_CHART_SCALE_COUNT:
      return g_strdup_printf ("%+.0f", score);
    case PR_CHART_SCALE_NONE:
    default:
      return g_strdup ("");
    }
}

static char *
withheld_note (const PrChartData *d)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Withheld: fewer than %u rater",
                                       "Withheld: fewer than %u raters", d->min_raters),
                          d->min_raters);
}

static double draw_scores_legend       (PrChart *chart,
                                         cairo_t *cr,
                                         double   y);
static double draw_distribution_legend (PrChart *chart,
                                         cairo_t *cr,
                                         double   y);
static double draw_pairwise_legend     (PrChart *chart,
                                         cairo_t *cr,
                                         double   y);

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
  g_autofree char *subtitle = subtitle_text (chart);
  g_autofree char *heading = heading_text (chart);
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
      h = draw_distribution_legend (chart, cr, 0);
      break;
    case PR_CHART_PAIRWISE:
      h = draw_pairwise_legend (chart, cr, 0);
      break;
    case PR_CHART_SCORES:
    default:
      h = draw_scores_legend (chart, cr, 0);
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

/* -- Drawing: shared pieces ------------------------------------------------ */

static void
draw_text (PrChart     *chart,
           cairo_t     *cr,
           const char  *text,
           double       size,
           gboolean     bold,
           const PrRgb *colour,
           double       x,
           double       y,
           double       width,
           double       xalign)
{
  g_autoptr(PangoLayout) layout = pr_chart_text_layout (cr, text, size, bold, width, 1);
  double w;

  pr_chart_text_size (layout, &w, NULL);
  pr_chart_set_source (cr, colour, 1);
  /* Right or centre alignment by hand: an ellipsized layout's alignment
   * is already taken by its width. */
  pr_chart_show_layout (cr, layout, x - w * xalign, y);
}

/* An axis label centred on @cx, wrapped to two lines within @width. */
static void
draw_caption (PrChart    *chart,
              cairo_t    *cr,
              const char *text,
              double      cx,
              double      y,
              double      width)
{
  g_autoptr(PangoLayout) layout = pr_chart_text_layout (cr, text, TEXT_SIZE, FALSE, width, 2);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pr_chart_set_source (cr, &chart->style.text, 1);
  pr_chart_show_layout (cr, layout, cx - width / 2, y);
}

static void
draw_header (PrChart *chart,
             cairo_t *cr)
{
  g_autofree char *subtitle = subtitle_text (chart);
  g_autofree char *heading = heading_text (chart);
  double w = chart->layout.width - 2 * MARGIN;
  g_autoptr(PangoLayout) title = pr_chart_text_layout (cr, heading, TITLE_SIZE, TRUE, w, 2);
  g_autoptr(PangoLayout) sub = pr_chart_text_layout (cr, subtitle, TEXT_SIZE, FALSE, w, 2);
  double h;

  pr_chart_text_size (title, NULL, &h);
  pr_chart_set_source (cr, &chart->style.text, 1);
  pr_chart_show_layout (cr, title, MARGIN, MARGIN);
  pr_chart_set_source (cr, &chart->style.muted, 1);
  pr_chart_show_layout (cr, sub, MARGIN, MARGIN + h + 4);
}

/* The name of the person in display row @row, vertically centred, with a
 * mark when they have fewer raters than the round's minimum. */
static void
draw_name (PrChart *chart,
           cairo_t *cr,
           guint    c,
           double   y)
{
  const PrChartPerson *p = &chart->data->people[c];
  const Layout *l = &chart->layout;
  gboolean thin = p->raters < chart->data->min_raters;
  g_autoptr(PangoLayout) layout = pr_chart_text_layout (cr, p->name, TEXT_SIZE, FALSE,
                                                        l->name_w - (thin ? 12 : 0),
                                                        l->row_h >= 30 ? 2 : 1);
  double w, h;

  pr_chart_text_size (layout, &w, &h);
  pr_chart_set_source (cr, &chart->style.text, 1);
  pr_chart_show_layout (cr, layout, l->name_x, y + (l->row_h - h) / 2);
  if (thin)
    draw_text (chart, cr, "!", TEXT_SIZE, TRUE, &chart->style.warning, l->name_x + w + 4,
               y + (l->row_h - h) / 2, 0, 0);
}

static void
stroke_line (cairo_t     *cr,
             const PrRgb *colour,
             double       alpha,
             double       width,
             double       x0,
             double       y0,
             double       x1,
             double       y1)
{
  pr_chart_set_source (cr, colour, alpha);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

/* Up to about eight position ticks: 1, then multiples of a round step. */
static guint
position_step (guint n)
{
  static const guint steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (n / steps[i] <= 8)
      return steps[i];
  return 1000;
}

static void
draw_position_ticks (PrChart *chart,
                     cairo_t *cr,
                     double   x0,
                     double   cell,
                     double   y,
                     gboolean centred)
{
  guint n = chart->data->n;
  guint step = position_step (n);

  for (guint p = 1; p <= n; p++)
    {
      char buf[16];
      double x = x0 + (centred ? (p - 0.5) * cell : (p - 1) * cell);

      if (p != 1 && p % step != 0)
        continue;
      g_snprintf (buf, sizeof buf, "%u", p);
      draw_text (chart, cr, buf, SMALL_SIZE, FALSE, &chart->style.muted, x, y, 0, 0.5);
    }
}

static void
draw_empty (PrChart *chart,
            cairo_t *cr)
{
  if (chart->data->n > 0)
    return;
  draw_text (chart, cr, _("Nobody to show."), TEXT_SIZE, FALSE, &chart->style.muted, MARGIN,
             chart->layout.top + 4, 0, 0);
}

/* -- Scores ---------------------------------------------------------------- */

#define VALUE_W 46.0

static double
score_to_x (const Layout      *l,
            const PrChartData *d,
            double             v)
{
  double t = (v - d->score_min) / (d->score_max - d->score_min);

  return l->score_x + CLAMP (t, 0, 1) * (l->score_w - VALUE_W);
}

static double
position_to_x (const Layout *l,
               guint         n,
               double        p)
{
  if (n <= 1)
    return l->pos_x + l->pos_w / 2;
  return l->pos_x + 8 + (p - 1) / (n - 1) * (l->pos_w - 16);
}

/* 1, 2, 5, 10, 20, 50, … */
static guint
next_round_step (guint step)
{
  guint power = 1;

  while (power * 10 <= step)
    power *= 10;
  if (step == power)
    return 2 * power;
  return step == 2 * power ? 5 * power : 10 * power;
}

static void
draw_score_tick (PrChart *chart,
                 cairo_t *cr,
                 double   v,
                 double   y_top,
                 double   y_axis)
{
  const PrChartData *d = chart->data;
  double x = score_to_x (&chart->layout, d, v);
  g_autofree char *label = NULL;

  label = d->scale == PR_CHART_SCALE_CHANCE ? g_strdup_printf ("%.0f %%", 100 * v)
        : d->scale == PR_CHART_SCALE_BORDA ? g_strdup_printf ("%.2f", v)
        : g_strdup_printf ("%.0f", v);
  stroke_line (cr, &chart->style.grid, 1, 1, x, y_top, x, y_axis);
  draw_text (chart, cr, label, SMALL_SIZE, FALSE, &chart->style.muted, x, y_axis + 2, 0, 0.5);
}

static void
draw_score_axis (PrChart *chart,
                 cairo_t *cr,
                 double   y_top,
                 double   y_axis)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;

  if (d->scale == PR_CHART_SCALE_COUNT)
    {
      /* Whole wins − losses at a round step, at most three each side of 0. */
      guint step = 1, max = (guint) d->score_max;

      while (max / step > 3)
        step = next_round_step (step);
      for (int k = -(int) (max / step); k <= (int) (max / step); k++)
        draw_score_tick (chart, cr, k * (double) step, y_top, y_axis);
    }
  else
    {
      for (guint i = 0; i <= 4; i++)
        draw_score_tick (chart, cr, d->score_min + (d->score_max - d->score_min) * i / 4.0,
                         y_top, y_axis);
    }
  draw_caption (chart, cr, score_axis_label (d), l->score_x + (l->score_w - VALUE_W) / 2,
                y_axis + 18, l->score_w);
}

static void
draw_position_axis (PrChart *chart,
                    cairo_t *cr,
                    double   y_top,
                    double   y_axis)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  guint step = position_step (d->n);
  const char *label = d->resamples > 0 ? _("Position (1 = first), with its 90 % bootstrap interval")
                                       : _("Position (1 = first)");

  for (guint p = 1; p <= d->n; p++)
    {
      char buf[16];
      double x = position_to_x (l, d->n, p);

      if (p != 1 && p % step != 0)
        continue;
      g_snprintf (buf, sizeof buf, "%u", p);
      stroke_line (cr, &chart->style.grid, 1, 1, x, y_top, x, y_axis);
      draw_text (chart, cr, buf, SMALL_SIZE, FALSE, &chart->style.muted, x, y_axis + 2, 0, 0.5);
    }
  draw_caption (chart, cr, label, l->pos_x + l->pos_w / 2, y_axis + 18, l->pos_w);
}

static void
draw_score_bar (PrChart *chart,
                cairo_t *cr,
                guint    c,
                double   y)
{
  const PrChartData *d = chart->data;
  const PrChartPerson *p = &d->people[c];
  const Layout *l = &chart->layout;
  double zero = score_to_x (l, d, MAX (d->score_min, 0));
  double end, bar_h = MIN (l->row_h * 0.55, 16);
  g_autofree char *value = NULL;

  if (p->raters == 0 || isnan (p->score))
    {
      draw_text (chart, cr, _("no raters"), SMALL_SIZE, FALSE, &chart->style.muted, l->score_x,
                 y + l->row_h / 2 - 6, 0, 0);
      return;
    }
  end = score_to_x (l, d, p->score);
  pr_chart_set_source (cr, &chart->style.bar, 0.9);
  cairo_rectangle (cr, MIN (zero, end), y + (l->row_h - bar_h) / 2, MAX (fabs (end - zero), 1), bar_h);
  cairo_fill (cr);
  value = format_score (d, p->score);
  draw_text (chart, cr, value, SMALL_SIZE, FALSE, &chart->style.text, l->score_x + l->score_w,
             y + l->row_h / 2 - 6, 0, 1);
}

static void
draw_position_mark (PrChart *chart,
                    cairo_t *cr,
                    guint    c,
                    double   y)
{
  const PrChartData *d = chart->data;
  const PrChartPerson *p = &d->people[c];
  const Layout *l = &chart->layout;
  double cy = y + l->row_h / 2;

  /* Nobody ranked them: a position would read as a result (DESIGN §5). */
  if (p->raters == 0)
    {
      if (d->scale == PR_CHART_SCALE_NONE)
        draw_text (chart, cr, _("no raters"), SMALL_SIZE, FALSE, &chart->style.muted, l->pos_x,
                   cy - 6, 0, 0);
      return;
    }
  if (p->has_interval)
    {
      double x0 = position_to_x (l, d->n, p->low), x1 = position_to_x (l, d->n, p->high);

      stroke_line (cr, &chart->style.interval, 1, 2.5, x0, cy, x1, cy);
      stroke_line (cr, &chart->style.interval, 1, 2, x0, cy - 5, x0, cy + 5);
      stroke_line (cr, &chart->style.interval, 1, 2, x1, cy - 5, x1, cy + 5);
    }
  pr_chart_set_source (cr, &chart->style.text, 1);
  cairo_arc (cr, position_to_x (l, d->n, p->position), cy, 4.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* High shares contrast most with the background in either variant. */
static void
share_colour (PrChart *chart,
              double   share,
              PrRgb   *out)
{
  pr_chart_viridis (chart->dark ? share : 1 - share, out);
}

/* Legend items flow left to right and wrap at the right margin, back to
 * `left` (past a colour bar, which keeps its own column). */
typedef struct {
  double left;
  double x;
  double y;
} Flow;

#define LEGEND_LINE 20.0

/* Makes room for a swatch @swatch wide and @text, wrapping if needed;
 * draws the text and returns where the swatch goes. */
static double
legend_item (PrChart    *chart,
             cairo_t    *cr,
             Flow       *flow,
             double      swatch,
             const char *text)
{
  g_autoptr(PangoLayout) layout = pr_chart_text_layout (cr, text, SMALL_SIZE, FALSE,
                                                        chart->layout.width - 2 * MARGIN, 2);
  double w, h, x, gap = swatch > 0 ? 6 : 0;

  pr_chart_text_size (layout, &w, &h);
  if (flow->x > flow->left && flow->x + swatch + gap + w > chart->layout.width - MARGIN)
    {
      flow->x = flow->left;
      flow->y += LEGEND_LINE;
    }
  x = flow->x;
  pr_chart_set_source (cr, &chart->style.muted, 1);
  pr_chart_show_layout (cr, layout, x + swatch + gap, flow->y);
  flow->x += swatch + gap + w + 18;
  flow->y += MAX (h, 14) - 14;
  return x;
}

/* The hatched swatch of people whose data is withheld (under
 * min_raters raters), with what it means. */
static void
legend_withheld (PrChart *chart,
                 cairo_t *cr,
                 Flow    *flow)
{
  g_autofree char *note = withheld_note (chart->data);
  double x = legend_item (chart, cr, flow, 24, note);

  pr_chart_hatch (cr, &chart->style, x, flow->y, 24, 12);
}

/* A colour bar of the scale with its end labels (and middle, for a
 * diverging one); the legend flows on to its right. */
static void
legend_colour_bar (PrChart  *chart,
                   cairo_t  *cr,
                   Flow     *flow,
                   gboolean  diverging)
{
  double x = MARGIN, y = flow->y, w = 140;

  for (guint i = 0; i < 70; i++)
    {
      PrRgb colour;

      if (diverging)
        pr_chart_diverging (&chart->style, i / 69.0, &colour);
      else
        share_colour (chart, i / 69.0, &colour);
      pr_chart_set_source (cr, &colour, 1);
      cairo_rectangle (cr, x + i * w / 70, y, w / 70 + 0.5, 12);
      cairo_fill (cr);
    }
  draw_text (chart, cr, "0 %", SMALL_SIZE, FALSE, &chart->style.muted, x, y + 14, 0, 0);
  if (diverging)
    draw_text (chart, cr, "50 %", SMALL_SIZE, FALSE, &chart->style.muted, x + w / 2, y + 14, 0, 0.5);
  draw_text (chart, cr, "100 %", SMALL_SIZE, FALSE, &chart->style.muted, x + w, y + 14, 0, 1);
  flow->left = flow->x = x + w + 10;
}

static double
draw_scores_legend (PrChart *chart,
                    cairo_t *cr,
                    double   y)
{
  const PrChartData *d = chart->data;
  Flow flow = { MARGIN, MARGIN, y };
  g_autofree char *thin = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "fewer than %u rater",
                                                        "fewer than %u raters", d->min_raters),
                                           d->min_raters);
  double x;

  x = legend_item (chart, cr, &flow, 10, _("position on all ballots"));
  pr_chart_set_source (cr, &chart->style.text, 1);
  cairo_arc (cr, x + 5, flow.y + 7, 4.5, 0, 2 * G_PI);
  cairo_fill (cr);
  if (d->resamples > 0)
    {
      x = legend_item (chart, cr, &flow, 20, _("90 % bootstrap interval"));
      stroke_line (cr, &chart->style.interval, 1, 2.5, x, flow.y + 7, x + 20, flow.y + 7);
    }
  x = legend_item (chart, cr, &flow, 4, thin);
  draw_text (chart, cr, "!", SMALL_SIZE, TRUE, &chart->style.warning, x, flow.y, 0, 0);
  return flow.y + LEGEND_LINE;
}

static void
draw_scores (PrChart *chart,
             cairo_t *cr)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  double y_axis = l->top + d->n * l->row_h + 4;

  for (guint i = 0; i < d->n; i++)
    {
      double y = l->top + i * l->row_h;

      if (i % 2 == 1)
        {
          pr_chart_set_source (cr, &chart->style.grid, 0.3);
          cairo_rectangle (cr, MARGIN, y, l->width - 2 * MARGIN, l->row_h);
          cairo_fill (cr);
        }
    }
  if (d->scale != PR_CHART_SCALE_NONE)
    draw_score_axis (chart, cr, l->top, y_axis);
  draw_position_axis (chart, cr, l->top, y_axis);
  if (d->scale == PR_CHART_SCALE_CHANCE)
    {
      /* A typical teammate has a one-in-two chance against another one. */
      double x = score_to_x (l, d, 0.5);

      cairo_save (cr);
      cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
      stroke_line (cr, &chart->style.muted, 0.8, 1, x, l->top, x, y_axis);
      cairo_restore (cr);
    }
  for (guint i = 0; i < d->n; i++)
    {
      guint c = d->order[i];
      double y = l->top + i * l->row_h;

      draw_name (chart, cr, c, y);
      if (d->scale != PR_CHART_SCALE_NONE)
        draw_score_bar (chart, cr, c, y);
      draw_position_mark (chart, cr, c, y);
    }
  draw_scores_legend (chart, cr, y_axis + AXES_H - 4);
}

/* -- Distribution ---------------------------------------------------------- */

static void
draw_strip (PrChart *chart,
            cairo_t *cr,
            guint    c,
            double   y)
{
  const PrChartData *d = chart->data;
  const PrChartPerson *p = &d->people[c];
  const Layout *l = &chart->layout;
  double cell = l->plot_w / MAX (d->n, 1);
  double h = l->row_h - 4;

  if (p->withheld)
    {
      g_autofree char *note = withheld_note (d);

      pr_chart_hatch (cr, &chart->style, l->plot_x, y + 2, l->plot_w, h);
      draw_text (chart, cr, note, SMALL_SIZE, FALSE, &chart->style.text, l->plot_x + l->plot_w / 2,
                 y + l->row_h / 2 - 6, l->plot_w, 0.5);
      return;
    }
  pr_chart_set_source (cr, &chart->style.grid, 0.35);
  cairo_rectangle (cr, l->plot_x, y + 2, l->plot_w, h);
  cairo_fill (cr);
  if (p->histogram == NULL || d->resamples == 0)
    {
      draw_text (chart, cr, _("No resamples"), SMALL_SIZE, FALSE, &chart->style.muted,
                 l->plot_x + l->plot_w / 2, y + l->row_h / 2 - 6, 0, 0.5);
      return;
    }
  for (guint k = 0; k < d->n; k++)
    {
      PrRgb colour;

      if (p->histogram[k] == 0)
        continue;
      share_colour (chart, (double) p->histogram[k] / d->resamples, &colour);
      pr_chart_set_source (cr, &colour, 1);
      cairo_rectangle (cr, l->plot_x + k * cell, y + 2, cell, h);
      cairo_fill (cr);
    }
  if (p->has_interval)
    {
      /* The core's 90 % interval, outlined over the strip. */
      pr_chart_set_source (cr, &chart->style.text, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_rectangle (cr, l->plot_x + (p->low - 1) * cell + 0.75, y + 2.75,
                       (p->high - p->low + 1) * cell - 1.5, h - 1.5);
      cairo_stroke (cr);
    }
}

static double
draw_distribution_legend (PrChart *chart,
                          cairo_t *cr,
                          double   y)
{
  Flow flow = { MARGIN, MARGIN, y };
  double x;

  legend_colour_bar (chart, cr, &flow, FALSE);
  legend_item (chart, cr, &flow, 0, _("share of resamples at that position"));
  /* xgettext:no-c-format */
  x = legend_item (chart, cr, &flow, 24, _("90 % interval"));
  pr_chart_set_source (cr, &chart->style.text, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, x, flow.y, 24, 12);
  cairo_stroke (cr);
  legend_withheld (chart, cr, &flow);
  return MAX (flow.y + LEGEND_LINE, y + 28);
}

static void
draw_distribution (PrChart *chart,
                   cairo_t *cr)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  double cell = l->plot_w / MAX (d->n, 1);
  double y_axis = l->top + d->n * l->row_h + 2;

  draw_position_ticks (chart, cr, l->plot_x, cell, l->top - 16, TRUE);
  draw_position_ticks (chart, cr, l->plot_x, cell, y_axis, TRUE);
  draw_caption (chart, cr, _("Position in the resample (1 = first)"), l->plot_x + l->plot_w / 2,
                y_axis + 16, l->plot_w);
  for (guint i = 0; i < d->n; i++)
    {
      guint c = d->order[i];
      double y = l->top + i * l->row_h;

      draw_name (chart, cr, c, y);
      draw_strip (chart, cr, c, y);
    }
  draw_distribution_legend (chart, cr, y_axis + AXES_H - 2);
}

/* -- Pairwise -------------------------------------------------------------- */

static void
draw_column_names (PrChart *chart,
                   cairo_t *cr)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  double size = l->row_h >= 18 ? TEXT_SIZE : SMALL_SIZE;

  for (guint j = 0; j < d->n; j++)
    {
      g_autoptr(PangoLayout) layout = pr_chart_text_layout (cr, d->people[d->order[j]].name, size,
                                                            FALSE, l->column_h - 6, 1);
      double h;

      pr_chart_text_size (layout, NULL, &h);
      cairo_save (cr);
      cairo_translate (cr, l->plot_x + (j + 0.5) * l->row_h - h / 2, l->top - 4);
      cairo_rotate (cr, -G_PI / 2);
      pr_chart_set_source (cr, &chart->style.text, 1);
      pr_chart_show_layout (cr, layout, 0, 0);
      cairo_restore (cr);
    }
}

static double
pairwise_share (const PrChartData *d,
                guint              a,
                guint              b,
                guint             *total)
{
  guint ab = d->pairwise[(gsize) a * d->n + b], ba = d->pairwise[(gsize) b * d->n + a];

  *total = ab + ba;
  return *total > 0 ? (double) ab / *total : NAN;
}

/* A pair fewer ballots than the minimum compare: a dashed outline, empty
 * (DESIGN §6: a share of one or two ballots is those ballots). */
static void
draw_few_ballots (PrChart *chart,
                  cairo_t *cr,
                  double   x,
                  double   y,
                  double   s)
{
  static const double dash[] = { 2, 2 };

  cairo_save (cr);
  pr_chart_set_source (cr, &chart->style.muted, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_rectangle (cr, x + 1.5, y + 1.5, MAX (s - 3, 1), MAX (s - 3, 1));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static char *
few_ballots_note (const PrChartData *d)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "fewer than %u ballot compares them: not shown",
                                       "fewer than %u ballots compare them: not shown",
                                       d->min_raters),
                          d->min_raters);
}

static void
draw_cell (PrChart *chart,
           cairo_t *cr,
           guint    a,
           guint    b,
           double   x,
           double   y)
{
  const PrChartData *d = chart->data;
  double s = chart->layout.row_h - 1;
  guint total;
  double share;
  PrRgb colour, ink;

  if (a == b)
    return;
  switch (pr_chart_data_cell_visibility (d, a, b))
    {
    case PR_CELL_WITHHELD_PERSON:
      pr_chart_hatch (cr, &chart->style, x, y, s, s);
      return;
    case PR_CELL_FEW_BALLOTS:
      draw_few_ballots (chart, cr, x, y, s);
      return;
    case PR_CELL_SHOWN:
    default:
      break;
    }
  share = pairwise_share (d, a, b, &total);
  if (total == 0)
    {
      /* An outline, not a fill: "no data" must not read as an even split. */
      pr_chart_set_source (cr, &chart->style.muted, 0.7);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, y + 0.5, s - 1, s - 1);
      cairo_stroke (cr);
      if (s >= 14)
        draw_text (chart, cr, "–", SMALL_SIZE, FALSE, &chart->style.muted, x + s / 2,
                   y + s / 2 - 6, 0, 0.5);
      return;
    }
  pr_chart_diverging (&chart->style, share, &colour);
  pr_chart_set_source (cr, &colour, 1);
  cairo_rectangle (cr, x, y, s, s);
  cairo_fill (cr);
  if (s >= 26)
    {
      char buf[16];

      g_snprintf (buf, sizeof buf, "%.0f", 100 * share);
      pr_chart_text_on (&colour, &ink);
      draw_text (chart, cr, buf, SMALL_SIZE, FALSE, &ink, x + s / 2, y + s / 2 - 6, 0, 0.5);
    }
}

static double
draw_pairwise_legend (PrChart *chart,
                      cairo_t *cr,
                      double   y)
{
  Flow flow = { MARGIN, MARGIN, y };
  double x;

  legend_colour_bar (chart, cr, &flow, TRUE);
  legend_item (chart, cr, &flow, 0, _("of the ballots comparing the two rank the row’s person higher"));
  x = legend_item (chart, cr, &flow, 24, _("no ballot compares them"));
  pr_chart_set_source (cr, &chart->style.muted, 0.7);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, flow.y + 0.5, 23, 11);
  cairo_stroke (cr);
  if (chart->data->min_raters > 1)
    {
      g_autofree char *few = few_ballots_note (chart->data);

      x = legend_item (chart, cr, &flow, 24, few);
      draw_few_ballots (chart, cr, x, flow.y, 12);
    }
  legend_withheld (chart, cr, &flow);
  return MAX (flow.y + LEGEND_LINE, y + 28);
}

/* How to read the matrix, in the corner above the row names. */
static void
draw_corner_label (PrChart *chart,
                   cairo_t *cr)
{
  const Layout *l = &chart->layout;
  g_autoptr(PangoLayout) corner = pr_chart_text_layout (cr, _("Row ranked above column"),
                                                        SMALL_SIZE, TRUE, l->name_w, 3);
  double h;

  pr_chart_text_size (corner, NULL, &h);
  pr_chart_set_source (cr, &chart->style.muted, 1);
  pr_chart_show_layout (cr, corner, l->name_x, l->top - h - 4);
}

static void
draw_pairwise (PrChart *chart,
               cairo_t *cr)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;

  draw_corner_label (chart, cr);
  draw_column_names (chart, cr);
  for (guint i = 0; i < d->n; i++)
    {
      double y = l->top + i * l->row_h;

      draw_name (chart, cr, d->order[i], y);
      for (guint j = 0; j < d->n; j++)
        draw_cell (chart, cr, d->order[i], d->order[j], l->plot_x + j * l->row_h, y);
    }
  draw_pairwise_legend (chart, cr, l->top + d->n * l->row_h + GAP);
}

/* -- Public drawing, hit tests, files ----------------------------------------- */

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
  draw_header (chart, cr);
  switch (chart->kind)
    {
    case PR_CHART_DISTRIBUTION:
      draw_distribution (chart, cr);
      break;
    case PR_CHART_PAIRWISE:
      draw_pairwise (chart, cr);
      break;
    case PR_CHART_SCORES:
    default:
      draw_scores (chart, cr);
      break;
    }
  draw_empty (chart, cr);
  cairo_restore (cr);
}

static gboolean
hit_rows (PrChart    *chart,
          double      x,
          double      y,
          PrChartHit *hit)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  guint i, c;

  if (y < l->top || y >= l->top + d->n * l->row_h || x < MARGIN || x >= l->width - MARGIN)
    return FALSE;
  i = MIN ((guint) ((y - l->top) / l->row_h), d->n - 1);
  c = d->order[i];
  hit->kind = PR_CHART_HIT_PERSON;
  hit->person = c;
  if (chart->kind == PR_CHART_DISTRIBUTION && x >= l->plot_x && x < l->plot_x + l->plot_w
      && d->people[c].histogram != NULL)
    {
      hit->kind = PR_CHART_HIT_POSITION;
      hit->position = MIN ((guint) ((x - l->plot_x) / (l->plot_w / d->n)), d->n - 1) + 1;
    }
  return TRUE;
}

static gboolean
hit_matrix (PrChart    *chart,
            double      x,
            double      y,
            PrChartHit *hit)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  double s = l->row_h;
  gboolean in_columns = x >= l->plot_x && x < l->plot_x + d->n * s;
  guint i, j;

  if (in_columns && y >= l->top - l->column_h && y < l->top)
    {
      hit->kind = PR_CHART_HIT_PERSON;
      hit->person = d->order[MIN ((guint) ((x - l->plot_x) / s), d->n - 1)];
      return TRUE;
    }
  if (y < l->top || y >= l->top + d->n * s || x < MARGIN)
    return FALSE;
  i = MIN ((guint) ((y - l->top) / s), d->n - 1);
  hit->kind = PR_CHART_HIT_PERSON;
  hit->person = d->order[i];
  if (x < l->plot_x)
    return TRUE;
  if (!in_columns)
    {
      hit->kind = PR_CHART_HIT_NONE;
      return FALSE;
    }
  j = MIN ((guint) ((x - l->plot_x) / s), d->n - 1);
  if (i != j)
    {
      hit->kind = PR_CHART_HIT_CELL;
      hit->other = d->order[j];
    }
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
  if (chart->kind == PR_CHART_PAIRWISE)
    return hit_matrix (chart, x, y, hit);
  return hit_rows (chart, x, y, hit);
}

static char *
describe_person (PrChart *chart,
                 guint    c)
{
  const PrChartData *d = chart->data;
  const PrChartPerson *p = &d->people[c];
  g_autoptr(GString) text = g_string_new (p->name);

  if (p->raters == 0)
    {
      g_string_append_printf (text, "\n%s", _("No raters: nobody ranked this person"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  g_string_append_c (text, '\n');
  if (p->placed)
    g_string_append_printf (text, _("Position %u"), p->position);
  else
    g_string_append (text, _("Not placed: too few raters"));
  if (!isnan (p->score))
    {
      g_autofree char *score = format_score (d, p->score);

      g_string_append_printf (text, "\n%s: %s", score_axis_label (d), score);
    }
  if (p->has_interval)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("90 %% interval: positions %u–%u"), p->low, p->high);
    }
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u rater", "%u raters", p->raters),
                          p->raters);
  if (p->raters < d->min_raters)
    g_string_append_printf (text, " · %s", _("fewer than the round’s minimum"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_cell (PrChart *chart,
               guint    a,
               guint    b)
{
  const PrChartData *d = chart->data;
  const char *name_a = d->people[a].name, *name_b = d->people[b].name;
  guint total;

  if (pr_chart_data_cell_visibility (d, a, b) == PR_CELL_FEW_BALLOTS)
    {
      g_autofree char *note = few_ballots_note (d);

      return g_strdup_printf ("%s · %s\n%s", name_a, name_b, note);
    }
  if (!pr_chart_data_cell_visible (d, a, b))
    {
      g_autofree char *note = withheld_note (d);

      return g_strdup_printf ("%s · %s\n%s", name_a, name_b, note);
    }
  pairwise_share (d, a, b, &total);
  if (total == 0)
    return g_strdup_printf (_("No ballot compares %s and %s"), name_a, name_b);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s ranked above %s on %u of %u ballot comparing them",
                                       "%s ranked above %s on %u of %u ballots comparing them",
                                       total),
                          name_a, name_b, d->pairwise[(gsize) a * d->n + b], total);
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
    return describe_cell (chart, hit->person, hit->other);
  if (hit->kind == PR_CHART_HIT_POSITION && d->people[hit->person].histogram != NULL
      && hit->position >= 1 && hit->position <= d->n)
    {
      guint count = d->people[hit->person].histogram[hit->position - 1];

      return g_strdup_printf (_("%s: position %u in %u of %u resamples (%.0f %%)"),
                              d->people[hit->person].name, hit->position, count, d->resamples,
                              100.0 * count / MAX (d->resamples, 1));
    }
  return describe_person (chart, hit->person);
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
  subtitle = subtitle_text (chart);
  heading = heading_text (chart);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s. %s.", heading, subtitle);
  for (guint i = 0; i < d->n; i++)
    {
      g_autofree char *person = describe_person (chart, d->order[i]);

      g_strdelimit (person, "\n", ';');
      g_string_append_printf (text, "\n%s", person);
      if (chart->kind != PR_CHART_SCORES && d->people[d->order[i]].withheld)
        {
          g_autofree char *note = withheld_note (d);

          g_string_append_printf (text, ";%s", note);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
pr_chart_format_from_path (const char    *path,
                           PrChartFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".svg"))
    *format = PR_CHART_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *format = PR_CHART_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = PR_CHART_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, PR_CHART_ERROR, PR_CHART_ERROR_CAIRO,
               _("Could not draw the chart: %s"), cairo_status_to_string (status));
  return FALSE;
}

/* Draws on a vector surface (SVG, PDF) and finishes it. */
static gboolean
render_vector (PrChart          *chart,
               cairo_surface_t  *surface,
               double            width,
               double            height,
               GError          **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  pr_chart_draw (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, error);
}

static gboolean
render_png (PrChart     *chart,
            GByteArray  *out,
            double       width,
            double       height,
            GError     **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width * 2,
                                                         (int) height * 2);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_scale (cr, 2, 2);
  pr_chart_draw (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, pr_chart_write_to_array, out);
  cairo_surface_destroy (surface);
  return check_status (status, error);
}

/* Cairo writes text as glyph outlines; <title> and <desc> give the SVG
 * its words back, for screen readers, search and copy. */
static void
add_svg_text (PrChart    *chart,
              GByteArray *svg)
{
  g_autofree char *text = g_strndup ((const char *) svg->data, svg->len);
  g_autofree char *description = pr_chart_describe (chart);
  g_autofree char *heading = heading_text (chart);
  g_autofree char *title = g_markup_escape_text (heading, -1);
  g_autofree char *desc = g_markup_escape_text (description, -1);
  g_autofree char *insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  const char *root = strstr (text, "<svg");
  const char *end = root != NULL ? strchr (root, '>') : NULL;

  if (end == NULL)
    return;
  g_byte_array_set_size (svg, 0);
  g_byte_array_append (svg, (const guint8 *) text, end + 1 - text);
  g_byte_array_append (svg, (const guint8 *) insert, strlen (insert));
  g_byte_array_append (svg, (const guint8 *) end + 1, strlen (end + 1));
}

GBytes *
pr_chart_render (PrChart        *chart,
                 PrChartFormat   format,
                 double          width,
                 GError        **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  double height;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  width = ceil (width > 0 ? width : pr_chart_get_natural_width (chart));
  height = pr_chart_get_height_for_width (chart, width);
  switch (format)
    {
    case PR_CHART_FORMAT_SVG:
      if (!render_vector (chart, cairo_svg_surface_create_for_stream (pr_chart_write_to_array, out,
                                                                      width, height),
                          width, height, error))
        return NULL;
      add_svg_text (chart, out);
      break;
    case PR_CHART_FORMAT_PDF:
      {
        cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (pr_chart_write_to_array, out,
                                                                    width, height);
        g_autofree char *heading = heading_text (chart);

        cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, heading);
        cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Peer Rank");
        if (!render_vector (chart, pdf, width, height, error))
          return NULL;
      }
      break;
    case PR_CHART_FORMAT_PNG:
      if (!render_png (chart, out, width, height, error))
        return NULL;
      break;
    default:
      g_set_error_literal (error, PR_CHART_ERROR, PR_CHART_ERROR_FORMAT,
                           _("Charts are written as SVG, PNG or PDF."));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
