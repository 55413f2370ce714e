/* pr-chart-style.h — colours, fonts and text shared by the charts and
 * the report (private to src/charts)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct {
  double r, g, b;
} PrRgb;

typedef struct {
  gboolean dark;
  PrRgb    background;
  PrRgb    text;
  PrRgb    muted;      /* secondary text, axes */
  PrRgb    grid;
  PrRgb    bar;        /* Okabe–Ito blue (light) or sky blue (dark) */
  PrRgb    interval;   /* Okabe–Ito vermillion (light) or orange (dark) */
  PrRgb    warning;
} PrChartStyle;

void         pr_chart_style_init      (PrChartStyle  *style,
                                       gboolean       dark);
void         pr_chart_set_source      (cairo_t       *cr,
                                       const PrRgb   *rgb,
                                       double         alpha);
/* Viridis at 0 ≤ t ≤ 1 (perceptually uniform, colour-blind safe). */
void         pr_chart_viridis         (double         t,
                                       PrRgb         *out);
/* ColorBrewer's PuOr at 0 ≤ t ≤ 1: orange below ½, purple above
 * (colour-blind safe). The same in both variants. */
void         pr_chart_diverging       (const PrChartStyle *style,
                                       double         t,
                                       PrRgb         *out);
/* Black or white text, whichever reads better on @rgb. */
void         pr_chart_text_on         (const PrRgb   *rgb,
                                       PrRgb         *out);

/* A layout in the chart font: @size in points; with @width > 0 the text
 * wraps to at most @max_lines lines and is ellipsized past them. */
PangoLayout *pr_chart_text_layout     (cairo_t       *cr,
                                       const char    *text,
                                       double         size,
                                       gboolean       bold,
                                       double         width,
                                       int            max_lines);
void         pr_chart_text_size       (PangoLayout   *layout,
                                       double        *width,
                                       double        *height);
/* Shows @layout with its top-left at (@x, @y). */
void         pr_chart_show_layout     (cairo_t       *cr,
                                       PangoLayout   *layout,
                                       double         x,
                                       double         y);
/* Diagonal hatching over a rectangle: what the privacy guard withholds. */
void         pr_chart_hatch           (cairo_t       *cr,
                                       const PrChartStyle *style,
                                       double         x,
                                       double         y,
                                       double         width,
                                       double         height);

/* A cairo_write_func_t appending to the GByteArray @closure: surfaces
 * are written to memory, then to their file in one write-once step. */
cairo_status_t pr_chart_write_to_array (void                *closure,
                                        const unsigned char *data,
                                        unsigned int         length);

G_END_DECLS
