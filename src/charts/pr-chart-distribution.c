/* pr-chart-distribution.c — the distribution chart: each person's
 * positions over the bootstrap resamples
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pr-chart-internal.h"

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
      g_autofree char *note = _pr_chart_withheld_note (d);

      pr_chart_hatch (cr, &chart->style, l->plot_x, y + 2, l->plot_w, h);
      _pr_chart_draw_text (chart, cr, note, SMALL_SIZE, FALSE, &chart->style.text,
                           l->plot_x + l->plot_w / 2, y + l->row_h / 2 - 6, l->plot_w, 0.5);
      return;
    }
  pr_chart_set_source (cr, &chart->style.grid, 0.35);
  cairo_rectangle (cr, l->plot_x, y + 2, l->plot_w, h);
  cairo_fill (cr);
  if (p->histogram == NULL || d->resamples == 0)
    {
      _pr_chart_draw_text (chart, cr, _("No resamples"), SMALL_SIZE, FALSE, &chart->style.muted,
                           l->plot_x + l->plot_w / 2, y + l->row_h / 2 - 6, 0, 0.5);
      return;
    }
  for (guint k = 0; k < d->n; k++)
    {
      PrRgb colour;

      if (p->histogram[k] == 0)
        continue;
      _pr_chart_share_colour (chart, (double) p->histogram[k] / d->resamples, &colour);
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

double
_pr_chart_draw_distribution_legend (PrChart *chart,
                                    cairo_t *cr,
                                    double   y)
{
  Flow flow = { MARGIN, MARGIN, y };
  double x;

  _pr_chart_legend_colour_bar (chart, cr, &flow, FALSE);
  _pr_chart_legend_item (chart, cr, &flow, 0, _("share of resamples at that position"));
  /* xgettext:no-c-format */
  x = _pr_chart_legend_item (chart, cr, &flow, 24, _("90 % interval"));
  pr_chart_set_source (cr, &chart->style.text, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, x, flow.y, 24, 12);
  cairo_stroke (cr);
  _pr_chart_legend_withheld (chart, cr, &flow);
  return MAX (flow.y + LEGEND_LINE, y + 28);
}

void
_pr_chart_draw_distribution (PrChart *chart,
                             cairo_t *cr)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  double cell = l->plot_w / MAX (d->n, 1);
  double y_axis = l->top + d->n * l->row_h + 2;

  _pr_chart_draw_position_ticks (chart, cr, l->plot_x, cell, l->top - 16, TRUE);
  _pr_chart_draw_position_ticks (chart, cr, l->plot_x, cell, y_axis, TRUE);
  _pr_chart_draw_caption (chart, cr, _("Position in the resample (1 = first)"),
                          l->plot_x + l->plot_w / 2, y_axis + 16, l->plot_w);
  for (guint i = 0; i < d->n; i++)
    {
      guint c = d->order[i];
      double y = l->top + i * l->row_h;

      _pr_chart_draw_name (chart, cr, c, y);
      draw_strip (chart, cr, c, y);
    }
  _pr_chart_draw_distribution_legend (chart, cr, y_axis + AXES_H - 2);
}

/* A row's strip: the position under the pointer. */
gboolean
_pr_chart_distribution_hit_test (PrChart    *chart,
                                 double      x,
                                 double      y,
                                 PrChartHit *hit)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;
  guint c;

  if (!_pr_chart_hit_rows (chart, x, y, hit))
    return FALSE;
  c = hit->person;
  if (x >= l->plot_x && x < l->plot_x + l->plot_w && d->people[c].histogram != NULL)
    {
      hit->kind = PR_CHART_HIT_POSITION;
      hit->position = MIN ((guint) ((x - l->plot_x) / (l->plot_w / d->n)), d->n - 1) + 1;
    }
  return TRUE;
}

/* What @person's strip says at @position (1-based). */
char *
_pr_chart_describe_position (PrChart *chart,
                             guint    person,
                             guint    position)
{
  const PrChartData *d = chart->data;
  guint count = d->people[person].histogram[position - 1];

  return g_strdup_printf (_("%s: position %u in %u of %u resamples (%.0f %%)"),
                          d->people[person].name, position, count, d->resamples,
                          100.0 * count / MAX (d->resamples, 1));
}
