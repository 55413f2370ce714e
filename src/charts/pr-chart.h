/* pr-chart.h — the results charts, drawn with Cairo and Pango
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "pr-chart-data.h"

G_BEGIN_DECLS

typedef enum {
  PR_CHART_SCORES,        /* primary score with the 90 % position interval */
  PR_CHART_DISTRIBUTION,  /* each person's positions over the resamples */
  PR_CHART_PAIRWISE,      /* the pairwise preference matrix */
} PrChartKind;

typedef enum {
  PR_CHART_FORMAT_SVG,
  PR_CHART_FORMAT_PNG,
  PR_CHART_FORMAT_PDF,
} PrChartFormat;

typedef enum {
  PR_CHART_HIT_NONE,
  PR_CHART_HIT_PERSON,    /* a row or name: person */
  PR_CHART_HIT_POSITION,  /* a cell of a heat strip: person, position */
  PR_CHART_HIT_CELL,      /* a cell of the matrix: person (row), other (column) */
} PrChartHitKind;

typedef struct {
  PrChartHitKind kind;
  guint          person;    /* candidate index */
  guint          other;     /* PR_CHART_HIT_CELL: the column's candidate */
  guint          position;  /* PR_CHART_HIT_POSITION: 1-based */
} PrChartHit;

#define PR_CHART_ERROR (pr_chart_error_quark ())

typedef enum {
  PR_CHART_ERROR_FORMAT,  /* an unknown file format */
  PR_CHART_ERROR_CAIRO,   /* Cairo could not draw or write */
} PrChartError;

GQuark       pr_chart_error_quark     (void);

typedef struct _PrChart PrChart;

/* The chart takes ownership of @data. */
PrChart     *pr_chart_new             (PrChartKind    kind,
                                       PrChartData   *data);
void         pr_chart_free            (PrChart       *chart);

PrChartKind  pr_chart_get_kind        (PrChart       *chart);
const PrChartData *pr_chart_get_data  (PrChart       *chart);
/* The dark variant: light text on a dark background. */
void         pr_chart_set_dark        (PrChart       *chart,
                                       gboolean       dark);
/* When FALSE (a widget that draws its own background), nothing is
 * painted behind the chart. Default TRUE. */
void         pr_chart_set_background  (PrChart       *chart,
                                       gboolean       background);
/* The chart's title, translated. */
const char  *pr_chart_get_title       (PrChart       *chart);

/* The width the chart reads best at (device units): the matrix grows
 * with the number of people. */
double       pr_chart_get_natural_width (PrChart  *chart);
/* The height the chart needs at @width (device units). */
double       pr_chart_get_height_for_width (PrChart  *chart,
                                            double    width);
/* Draws into @cr, from (0, 0), in @width × @height device units (a widget
 * calls it from its snapshot or draw function). Remembers the layout for
 * pr_chart_hit_test(). */
void         pr_chart_draw            (PrChart       *chart,
                                       cairo_t       *cr,
                                       double         width,
                                       double         height);
/* What is at (@x, @y) of the last pr_chart_draw(): a person (a row, a
 * name, a withheld strip), a heat strip cell or a matrix cell (withheld
 * ones too: pr_chart_describe_hit() then says only that they are).
 * Returns FALSE (and kind NONE) on empty space. */
gboolean     pr_chart_hit_test        (PrChart       *chart,
                                       double         x,
                                       double         y,
                                       PrChartHit    *hit);
/* A tooltip for @hit, translated; NULL for PR_CHART_HIT_NONE. It never
 * reveals what the privacy guard withholds. */
char        *pr_chart_describe_hit    (PrChart       *chart,
                                       const PrChartHit *hit);

/* The format from a file name's extension (.svg, .png, .pdf; any case). */
gboolean     pr_chart_format_from_path (const char   *path,
                                        PrChartFormat *format);
/* The chart as a file's bytes, @width wide (0: its natural width). PNG
 * is drawn at twice the size for sharp text on high-density screens;
 * SVG carries the title and a text summary in <title> and <desc>. */
GBytes      *pr_chart_render          (PrChart       *chart,
                                       PrChartFormat  format,
                                       double         width,
                                       GError       **error);

/* A text summary of the chart (who is where), as the SVG's <desc>. */
char        *pr_chart_describe        (PrChart       *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrChart, pr_chart_free)

G_END_DECLS
