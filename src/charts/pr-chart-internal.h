/* pr-chart-internal.h — what the chart's own units share: the chart, its
 * layout and the drawing helpers (the report needs only
 * pr-chart-private.h)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "pr-chart.h"
#include "pr-chart-style.h"

G_BEGIN_DECLS

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
#define LEGEND_LINE   20.0

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

/* Legend items flow left to right and wrap at the right margin, back to
 * `left` (past a colour bar, which keeps its own column). */
typedef struct {
  double left;
  double x;
  double y;
} Flow;

/* pr-chart.c: the text every kind shows, and the row hit test of the
 * scores and distribution charts. */
char    *_pr_chart_heading_text             (PrChart           *chart);
char    *_pr_chart_subtitle_text            (PrChart           *chart);
char    *_pr_chart_withheld_note            (const PrChartData *d);
gboolean _pr_chart_hit_rows                 (PrChart           *chart,
                                             double             x,
                                             double             y,
                                             PrChartHit        *hit);

/* pr-chart-draw.c: the shared drawing pieces. */
void     _pr_chart_draw_text                (PrChart           *chart,
                                             cairo_t           *cr,
                                             const char        *text,
                                             double             size,
                                             gboolean           bold,
                                             const PrRgb       *colour,
                                             double             x,
                                             double             y,
                                             double             width,
                                             double             xalign);
void     _pr_chart_draw_caption             (PrChart           *chart,
                                             cairo_t           *cr,
                                             const char        *text,
                                             double             cx,
                                             double             y,
                                             double             width);
void     _pr_chart_draw_header              (PrChart           *chart,
                                             cairo_t           *cr);
void     _pr_chart_draw_name                (PrChart           *chart,
                                             cairo_t           *cr,
                                             guint              c,
                                             double             y);
void     _pr_chart_stroke_line              (cairo_t           *cr,
                                             const PrRgb       *colour,
                                             double             alpha,
                                             double             width,
                                             double             x0,
                                             double             y0,
                                             double             x1,
                                             double             y1);
guint    _pr_chart_position_step            (guint              n);
void     _pr_chart_draw_position_ticks      (PrChart           *chart,
                                             cairo_t           *cr,
                                             double             x0,
                                             double             cell,
                                             double             y,
                                             gboolean           centred);
void     _pr_chart_draw_empty               (PrChart           *chart,
                                             cairo_t           *cr);
void     _pr_chart_share_colour             (PrChart           *chart,
                                             double             share,
                                             PrRgb             *out);
double   _pr_chart_legend_item              (PrChart           *chart,
                                             cairo_t           *cr,
                                             Flow              *flow,
                                             double             swatch,
                                             const char        *text);
void     _pr_chart_legend_withheld          (PrChart           *chart,
                                             cairo_t           *cr,
                                             Flow              *flow);
void     _pr_chart_legend_colour_bar        (PrChart           *chart,
                                             cairo_t           *cr,
                                             Flow              *flow,
                                             gboolean           diverging);

/* pr-chart-scores.c */
void     _pr_chart_draw_scores              (PrChart           *chart,
                                             cairo_t           *cr);
/* The legends return their bottom: measuring one is drawing it. */
double   _pr_chart_draw_scores_legend       (PrChart           *chart,
                                             cairo_t           *cr,
                                             double             y);
char    *_pr_chart_describe_person          (PrChart           *chart,
                                             guint              c);

/* pr-chart-distribution.c */
void     _pr_chart_draw_distribution        (PrChart           *chart,
                                             cairo_t           *cr);
double   _pr_chart_draw_distribution_legend (PrChart           *chart,
                                             cairo_t           *cr,
                                             double             y);
gboolean _pr_chart_distribution_hit_test    (PrChart           *chart,
                                             double             x,
                                             double             y,
                                             PrChartHit        *hit);
char    *_pr_chart_describe_position        (PrChart           *chart,
                                             guint              person,
                                             guint              position);

/* pr-chart-pairwise.c */
void     _pr_chart_draw_pairwise            (PrChart           *chart,
                                             cairo_t           *cr);
double   _pr_chart_draw_pairwise_legend     (PrChart           *chart,
                                             cairo_t           *cr,
                                             double             y);
gboolean _pr_chart_pairwise_hit_test        (PrChart           *chart,
                                             double             x,
                                             double             y,
                                             PrChartHit        *hit);
char    *_pr_chart_describe_cell            (PrChart           *chart,
                                             guint              a,
                                             guint              b);

G_END_DECLS
