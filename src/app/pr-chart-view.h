/* pr-chart-view.h — a chart of src/charts in a widget, with tooltips
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pr-chart.h"

G_BEGIN_DECLS

#define PR_TYPE_CHART_VIEW (pr_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (PrChartView, pr_chart_view, PR, CHART_VIEW, GtkWidget)

GtkWidget *pr_chart_view_new       (void);
/* Takes ownership of @chart (nullable: nothing is drawn). The chart
 * follows the style manager's dark setting. */
void       pr_chart_view_set_chart (PrChartView *self,
                                    PrChart     *chart);
PrChart   *pr_chart_view_get_chart (PrChartView *self);
/* The tooltip at (@x, @y) of the last drawing, or NULL. */
char      *pr_chart_view_describe_at (PrChartView *self,
                                      double       x,
                                      double       y);

G_END_DECLS
