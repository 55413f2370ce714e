/* pr-chart-view.c — a chart of src/charts in a widget, with tooltips
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "pr-chart-view.h"

/* The width a chart asks for when nothing constrains it. */
#define NATURAL_WIDTH 720
#define MINIMUM_WIDTH 360

struct _PrChartView
{
  GtkWidget  parent_instance;

  PrChart   *chart;
  gboolean   drawn;  /* the chart's layout is known for hit tests */
};

G_DEFINE_FINAL_TYPE (PrChartView, pr_chart_view, GTK_TYPE_WIDGET)

GtkWidget *
pr_chart_view_new (void)
{
  return g_object_new (PR_TYPE_CHART_VIEW, NULL);
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* The accessible name is the chart's title; its description says who is
 * where, as the SVG's <desc> does, so a screen reader gets the picture. */
static void
update_accessible (PrChartView *self)
{
  g_autofree char *description = NULL;

  if (self->chart == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  description = pr_chart_describe (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pr_chart_get_title (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

void
pr_chart_view_set_chart (PrChartView *self,
                         PrChart     *chart)
{
  g_return_if_fail (PR_IS_CHART_VIEW (self));

  g_clear_pointer (&self->chart, pr_chart_free);
  self->chart = chart;
  self->drawn = FALSE;
  if (chart != NULL)
    {
      /* The widget's own background shows through, as in the theme. */
      pr_chart_set_background (chart, FALSE);
      pr_chart_set_dark (chart, is_dark ());
    }
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

PrChart *
pr_chart_view_get_chart (PrChartView *self)
{
  g_return_val_if_fail (PR_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

char *
pr_chart_view_describe_at (PrChartView *self,
                           double       x,
                           double       y)
{
  PrChartHit hit = { 0, };

  g_return_val_if_fail (PR_IS_CHART_VIEW (self), NULL);

  if (self->chart == NULL || !self->drawn || !pr_chart_hit_test (self->chart, x, y, &hit))
    return NULL;
  return pr_chart_describe_hit (self->chart, &hit);
}

static void
dark_changed_cb (PrChartView *self)
{
  if (self->chart == NULL)
    return;
  pr_chart_set_dark (self->chart, is_dark ());
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GtkSizeRequestMode
pr_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pr_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PrChartView *self = PR_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->chart != NULL ? MINIMUM_WIDTH : 0;
      *natural = self->chart != NULL ? NATURAL_WIDTH : 0;
      return;
    }
  if (self->chart == NULL)
    {
      *minimum = *natural = 0;
      return;
    }
  *minimum = *natural = (int) ceil (pr_chart_get_height_for_width (self->chart,
                                                                   for_size > 0 ? for_size
                                                                                : NATURAL_WIDTH));
}

static void
pr_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PrChartView *self = PR_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pr_chart_draw (self->chart, cr, width, height);
  cairo_destroy (cr);
  self->drawn = TRUE;
}

static gboolean
pr_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  g_autofree char *text = pr_chart_view_describe_at (PR_CHART_VIEW (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pr_chart_view_finalize (GObject *object)
{
  PrChartView *self = PR_CHART_VIEW (object);

  g_clear_pointer (&self->chart, pr_chart_free);

  G_OBJECT_CLASS (pr_chart_view_parent_class)->finalize (object);
}

static void
pr_chart_view_class_init (PrChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pr_chart_view_finalize;
  widget_class->get_request_mode = pr_chart_view_get_request_mode;
  widget_class->measure = pr_chart_view_measure;
  widget_class->snapshot = pr_chart_view_snapshot;
  widget_class->query_tooltip = pr_chart_view_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pr_chart_view_init (PrChartView *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
