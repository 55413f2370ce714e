/* pr-chart-draw.c — the pieces every chart draws with: text, names,
 * lines, ticks and the legend's items
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pr-chart-internal.h"

void
_pr_chart_draw_text (PrChart     *chart,
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
void
_pr_chart_draw_caption (PrChart    *chart,
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

void
_pr_chart_draw_header (PrChart *chart,
                       cairo_t *cr)
{
  g_autofree char *subtitle = _pr_chart_subtitle_text (chart);
  g_autofree char *heading = _pr_chart_heading_text (chart);
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
void
_pr_chart_draw_name (PrChart *chart,
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
    _pr_chart_draw_text (chart, cr, "!", TEXT_SIZE, TRUE, &chart->style.warning,
                         l->name_x + w + 4, y + (l->row_h - h) / 2, 0, 0);
}

void
_pr_chart_stroke_line (cairo_t     *cr,
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
guint
_pr_chart_position_step (guint n)
{
  static const guint steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (n / steps[i] <= 8)
      return steps[i];
  return 1000;
}

void
_pr_chart_draw_position_ticks (PrChart *chart,
                               cairo_t *cr,
                               double   x0,
                               double   cell,
                               double   y,
                               gboolean centred)
{
  guint n = chart->data->n;
  guint step = _pr_chart_position_step (n);

  for (guint p = 1; p <= n; p++)
    {
      char buf[16];
      double x = x0 + (centred ? (p - 0.5) * cell : (p - 1) * cell);

      if (p != 1 && p % step != 0)
        continue;
      g_snprintf (buf, sizeof buf, "%u", p);
      _pr_chart_draw_text (chart, cr, buf, SMALL_SIZE, FALSE, &chart->style.muted,
                           x, y, 0, 0.5);
    }
}

void
_pr_chart_draw_empty (PrChart *chart,
                      cairo_t *cr)
{
  if (chart->data->n > 0)
    return;
  _pr_chart_draw_text (chart, cr, _("Nobody to show."), TEXT_SIZE, FALSE, &chart->style.muted,
                       MARGIN, chart->layout.top + 4, 0, 0);
}

/* High shares contrast most with the background in either variant. */
void
_pr_chart_share_colour (PrChart *chart,
                        double   share,
                        PrRgb   *out)
{
  pr_chart_viridis (chart->dark ? share : 1 - share, out);
}

/* -- Legends ---------------------------------------------------------------- */

/* Makes room for a swatch @swatch wide and @text, wrapping if needed;
 * draws the text and returns where the swatch goes. */
double
_pr_chart_legend_item (PrChart    *chart,
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
void
_pr_chart_legend_withheld (PrChart *chart,
                           cairo_t *cr,
                           Flow    *flow)
{
  g_autofree char *note = _pr_chart_withheld_note (chart->data);
  double x = _pr_chart_legend_item (chart, cr, flow, 24, note);

  pr_chart_hatch (cr, &chart->style, x, flow->y, 24, 12);
}

/* A colour bar of the scale with its end labels (and middle, for a
 * diverging one); the legend flows on to its right. */
void
_pr_chart_legend_colour_bar (PrChart  *chart,
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
        _pr_chart_share_colour (chart, i / 69.0, &colour);
      pr_chart_set_source (cr, &colour, 1);
      cairo_rectangle (cr, x + i * w / 70, y, w / 70 + 0.5, 12);
      cairo_fill (cr);
    }
  _pr_chart_draw_text (chart, cr, "0 %", SMALL_SIZE, FALSE, &chart->style.muted,
                       x, y + 14, 0, 0);
  if (diverging)
    _pr_chart_draw_text (chart, cr, "50 %", SMALL_SIZE, FALSE, &chart->style.muted,
                         x + w / 2, y + 14, 0, 0.5);
  _pr_chart_draw_text (chart, cr, "100 %", SMALL_SIZE, FALSE, &chart->style.muted,
                       x + w, y + 14, 0, 1);
  flow->left = flow->x = x + w + 10;
}
