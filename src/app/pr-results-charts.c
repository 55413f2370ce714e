/* pr-results-charts.c — the results charts of one table
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-chart-view.h"
#include "pr-results-charts.h"
#include "pr-results-table.h"

struct _PrResultsCharts
{
  GtkBox                parent_instance;

  GtkDropDown          *chart_dropdown;
  PrChartView          *chart_view;

  PrResultsAnalysis    *analysis;
  const PrResultsTable *table;
  char                 *title;
  guint                 selected;
};

G_DEFINE_FINAL_TYPE (PrResultsCharts, pr_results_charts, GTK_TYPE_BOX)

static const PrChartKind chart_order[] = {
  PR_CHART_SCORES, PR_CHART_DISTRIBUTION, PR_CHART_PAIRWISE,
};

static void
update_chart (PrResultsCharts *self)
{
  PrChartData *data;

  if (self->analysis == NULL)
    {
      pr_chart_view_set_chart (self->chart_view, NULL);
      return;
    }
  data = pr_chart_data_new (self->analysis->results, self->table,
                            pr_results_analysis_get_distribution (self->analysis, self->table));
  pr_chart_data_set_round_title (data, self->title);
  pr_chart_view_set_chart (self->chart_view, pr_chart_new (chart_order[self->selected], data));
}

void
pr_results_charts_show (PrResultsCharts      *self,
                        PrResultsAnalysis    *analysis,
                        const PrResultsTable *table,
                        const char           *title)
{
  g_return_if_fail (PR_IS_RESULTS_CHARTS (self));

  pr_results_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, pr_results_analysis_unref);
  self->analysis = analysis;
  self->table = table;
  g_free (self->title);
  self->title = g_strdup (title);
  update_chart (self);
}

guint
pr_results_charts_get_kind (PrResultsCharts *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_CHARTS (self), PR_CHART_SCORES);
  return chart_order[self->selected];
}

void
pr_results_charts_set_kind (PrResultsCharts *self,
                            guint            kind)
{
  g_return_if_fail (PR_IS_RESULTS_CHARTS (self));

  for (guint k = 0; k < G_N_ELEMENTS (chart_order); k++)
    if ((guint) chart_order[k] == kind)
      gtk_drop_down_set_selected (self->chart_dropdown, k);
}

GtkWidget *
pr_results_charts_get_view (PrResultsCharts *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_CHARTS (self), NULL);
  return GTK_WIDGET (self->chart_view);
}

static void
chart_selected_cb (PrResultsCharts *self)
{
  guint k = gtk_drop_down_get_selected (self->chart_dropdown);

  if (k >= G_N_ELEMENTS (chart_order) || k == self->selected)
    return;
  self->selected = k;
  update_chart (self);
}

static void
pr_results_charts_dispose (GObject *object)
{
  PrResultsCharts *self = PR_RESULTS_CHARTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_CHARTS);
  self->table = NULL;
  g_clear_pointer (&self->analysis, pr_results_analysis_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (pr_results_charts_parent_class)->dispose (object);
}

static void
pr_results_charts_class_init (PrResultsChartsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_results_charts_dispose;
  g_type_ensure (PR_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pr-results-charts.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsCharts, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrResultsCharts, chart_view);
}

static void
pr_results_charts_init (PrResultsCharts *self)
{
  g_autoptr(GtkStringList) charts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (charts, _("Scores with intervals"));
  gtk_string_list_append (charts, _("Position distribution"));
  gtk_string_list_append (charts, _("Pairwise preferences"));
  gtk_drop_down_set_model (self->chart_dropdown, G_LIST_MODEL (charts));
  g_signal_connect_object (self->chart_dropdown, "notify::selected",
                           G_CALLBACK (chart_selected_cb), self, G_CONNECT_SWAPPED);
}
