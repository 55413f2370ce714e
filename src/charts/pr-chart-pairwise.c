/* pr-chart-pairwise.c — the pairwise chart: the matrix of how often
 * each person is ranked above each other one
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pr-chart-internal.h"

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
        _pr_chart_draw_text (chart, cr, "–", SMALL_SIZE, FALSE, &chart->style.muted, x + s / 2,
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
      _pr_chart_draw_text (chart, cr, buf, SMALL_SIZE, FALSE, &ink,
                           x + s / 2, y + s / 2 - 6, 0, 0.5);
    }
}

double
_pr_chart_draw_pairwise_legend (PrChart *chart,
                                cairo_t *cr,
                                double   y)
{
  Flow flow = { MARGIN, MARGIN, y };
  double x;

  _pr_chart_legend_colour_bar (chart, cr, &flow, TRUE);
  _pr_chart_legend_item (chart, cr, &flow, 0,
                         _("of the ballots comparing the two rank the row’s person higher"));
  x = _pr_chart_legend_item (chart, cr, &flow, 24, _("no ballot compares them"));
  pr_chart_set_source (cr, &chart->style.muted, 0.7);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, flow.y + 0.5, 23, 11);
  cairo_stroke (cr);
  if (chart->data->min_raters > 1)
    {
      g_autofree char *few = few_ballots_note (chart->data);

      x = _pr_chart_legend_item (chart, cr, &flow, 24, few);
      draw_few_ballots (chart, cr, x, flow.y, 12);
    }
  _pr_chart_legend_withheld (chart, cr, &flow);
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

void
_pr_chart_draw_pairwise (PrChart *chart,
                         cairo_t *cr)
{
  const PrChartData *d = chart->data;
  const Layout *l = &chart->layout;

  draw_corner_label (chart, cr);
  draw_column_names (chart, cr);
  for (guint i = 0; i < d->n; i++)
    {
      double y = l->top + i * l->row_h;

      _pr_chart_draw_name (chart, cr, d->order[i], y);
      for (guint j = 0; j < d->n; j++)
        draw_cell (chart, cr, d->order[i], d->order[j], l->plot_x + j * l->row_h, y);
    }
  _pr_chart_draw_pairwise_legend (chart, cr, l->top + d->n * l->row_h + GAP);
}

gboolean
_pr_chart_pairwise_hit_test (PrChart    *chart,
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

char *
_pr_chart_describe_cell (PrChart *chart,
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
      g_autofree char *note = _pr_chart_withheld_note (d);

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
