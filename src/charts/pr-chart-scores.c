/* pr-chart-scores.c — the scores chart: each person's primary score
 * and position with its interval
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pr-chart-internal.h"
#include "pr-results-table.h"

#define VALUE_W 46.0

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
  _pr_chart_stroke_line (cr, &chart->style.grid, 1, 1, x, y_top, x, y_axis);
  _pr_chart_draw_text (chart, cr, label, SMALL_SIZE, FALSE, &chart->style.muted,
                       x, y_axis + 2, 0, 0.5);
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
  _pr_chart_draw_caption (chart, cr, score_axis_label (d),
                          l->score_x + (l->score_w - VALUE_W) / 2, y_axis + 18, l->score_w);
}

static void
draw_position_axis (PrChart *chart,
                    cairo_t *cr,
                    double   y_top,
                    double   y_axis)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  guint step = _pr_chart_position_step (d->n);
  const char *label = d->resamples > 0 ? _("Position (1 = first), with its 90 % bootstrap interval")
                                       : _("Position (1 = first)");

  for (guint p = 1; p <= d->n; p++)
    {
      char buf[16];
      double x = position_to_x (l, d->n, p);

      if (p != 1 && p % step != 0)
        continue;
      g_snprintf (buf, sizeof buf, "%u", p);
      _pr_chart_stroke_line (cr, &chart->style.grid, 1, 1, x, y_top, x, y_axis);
      _pr_chart_draw_text (chart, cr, buf, SMALL_SIZE, FALSE, &chart->style.muted,
                           x, y_axis + 2, 0, 0.5);
    }
  _pr_chart_draw_caption (chart, cr, label, l->pos_x + l->pos_w / 2, y_axis + 18, l->pos_w);
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
      _pr_chart_draw_text (chart, cr, _("no raters"), SMALL_SIZE, FALSE, &chart->style.muted,
                           l->score_x, y + l->row_h / 2 - 6, 0, 0);
      return;
    }
  end = score_to_x (l, d, p->score);
  pr_chart_set_source (cr, &chart->style.bar, 0.9);
  cairo_rectangle (cr, MIN (zero, end), y + (l->row_h - bar_h) / 2,
                   MAX (fabs (end - zero), 1), bar_h);
  cairo_fill (cr);
  value = format_score (d, p->score);
  _pr_chart_draw_text (chart, cr, value, SMALL_SIZE, FALSE, &chart->style.text,
                       l->score_x + l->score_w, y + l->row_h / 2 - 6, 0, 1);
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
        _pr_chart_draw_text (chart, cr, _("no raters"), SMALL_SIZE, FALSE, &chart->style.muted,
                             l->pos_x, cy - 6, 0, 0);
      return;
    }
  if (p->has_interval)
    {
      double x0 = position_to_x (l, d->n, p->low), x1 = position_to_x (l, d->n, p->high);

      _pr_chart_stroke_line (cr, &chart->style.interval, 1, 2.5, x0, cy, x1, cy);
      _pr_chart_stroke_line (cr, &chart->style.interval, 1, 2, x0, cy - 5, x0, cy + 5);
      _pr_chart_stroke_line (cr, &chart->style.interval, 1, 2, x1, cy - 5, x1, cy + 5);
    }
  pr_chart_set_source (cr, &chart->style.text, 1);
  cairo_arc (cr, position_to_x (l, d->n, p->position), cy, 4.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

double
_pr_chart_draw_scores_legend (PrChart *chart,
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

  x = _pr_chart_legend_item (chart, cr, &flow, 10, _("position on all ballots"));
  pr_chart_set_source (cr, &chart->style.text, 1);
  cairo_arc (cr, x + 5, flow.y + 7, 4.5, 0, 2 * G_PI);
  cairo_fill (cr);
  if (d->resamples > 0)
    {
      x = _pr_chart_legend_item (chart, cr, &flow, 20, _("90 % bootstrap interval"));
      _pr_chart_stroke_line (cr, &chart->style.interval, 1, 2.5,
                             x, flow.y + 7, x + 20, flow.y + 7);
    }
  x = _pr_chart_legend_item (chart, cr, &flow, 4, thin);
  _pr_chart_draw_text (chart, cr, "!", SMALL_SIZE, TRUE, &chart->style.warning, x, flow.y, 0, 0);
  return flow.y + LEGEND_LINE;
}

void
_pr_chart_draw_scores (PrChart *chart,
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
      _pr_chart_stroke_line (cr, &chart->style.muted, 0.8, 1, x, l->top, x, y_axis);
      cairo_restore (cr);
    }
  for (guint i = 0; i < d->n; i++)
    {
      guint c = d->order[i];
      double y = l->top + i * l->row_h;

      _pr_chart_draw_name (chart, cr, c, y);
      if (d->scale != PR_CHART_SCALE_NONE)
        draw_score_bar (chart, cr, c, y);
      draw_position_mark (chart, cr, c, y);
    }
  _pr_chart_draw_scores_legend (chart, cr, y_axis + AXES_H - 4);
}

/* -- Description ------------------------------------------------------------ */

/* What is known of one person, a line each: a row's tooltip, and a line
 * of pr_chart_describe() whatever the kind. */
char *
_pr_chart_describe_person (PrChart *chart,
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
