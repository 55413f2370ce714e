/* pr-results-influence.c — how far single ballots move each position
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-results-columns.h"
#include "pr-results-influence.h"
#include "pr-results-table.h"

struct _PrResultsInfluence
{
  GtkBox         parent_instance;

  GtkLabel      *influence_label;
  GtkColumnView *influence_view;
  GListStore    *items;
};

G_DEFINE_FINAL_TYPE (PrResultsInfluence, pr_results_influence, GTK_TYPE_BOX)

static char *
format_max_shift (PrResultsItem *item)
{
  guint shift = 0;

  pr_results_item_get_influence (item, &shift, NULL);
  return g_strdup_printf ("%u", shift);
}

static char *
format_n_moving (PrResultsItem *item)
{
  guint moving = 0;

  pr_results_item_get_influence (item, NULL, &moving);
  return g_strdup_printf ("%u", moving);
}

static int
compare_shift (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  guint sa = 0, ma = 0, sb = 0, mb = 0;

  pr_results_item_get_influence ((PrResultsItem *) a, &sa, &ma);
  pr_results_item_get_influence ((PrResultsItem *) b, &sb, &mb);
  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ma != mb)
    return ma < mb ? -1 : 1;
  return pr_results_compare_position (a, b, NULL);
}

static int
compare_moving (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  guint ma = 0, mb = 0;

  pr_results_item_get_influence ((PrResultsItem *) a, NULL, &ma);
  pr_results_item_get_influence ((PrResultsItem *) b, NULL, &mb);
  if (ma != mb)
    return ma < mb ? -1 : 1;
  return pr_results_compare_position (a, b, NULL);
}

/* DESIGN §6: a person's influence is a breakdown of their ballots, so
 * only people with the minimum of raters are listed. */
void
pr_results_influence_show (PrResultsInfluence   *self,
                           PrResultsAnalysis    *analysis,
                           const PrResultsTable *table)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint min_raters = pr_profile_get_min_raters (analysis->results->profile);

  g_return_if_fail (PR_IS_RESULTS_INFLUENCE (self));

  for (guint k = 0; analysis->influence != NULL && k < table->n; k++)
    if (table->rows[k].raters > 0 && table->rows[k].raters >= min_raters)
      g_ptr_array_add (items, pr_results_item_new (analysis, table, table->rows[k].candidate));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  if (!analysis->complete)
    gtk_label_set_text (self->influence_label, _("Computing…"));
  else if (analysis->influence == NULL)
    gtk_label_set_text (self->influence_label,
                        _("Too many different ballots to refit without each one."));
  else
    {
      g_autofree char *text = g_strdup_printf (_("How far each person’s position moves when any single ballot is left out and the rest are counted again: the largest shift, and how many ballots move them at all. A position one ballot can shift by several places rests on that ballot. People with fewer than %u raters are not shown, so that no one’s ballot can be read from it."),
                                               min_raters);

      gtk_label_set_text (self->influence_label, text);
    }
}

GtkColumnView *
pr_results_influence_get_view (PrResultsInfluence *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_INFLUENCE (self), NULL);
  return self->influence_view;
}

static void
pr_results_influence_dispose (GObject *object)
{
  PrResultsInfluence *self = PR_RESULTS_INFLUENCE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_INFLUENCE);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (pr_results_influence_parent_class)->dispose (object);
}

static void
pr_results_influence_class_init (PrResultsInfluenceClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_results_influence_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pr-results-influence.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsInfluence, influence_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsInfluence, influence_view);
}

static void
pr_results_influence_init (PrResultsInfluence *self)
{
  GtkColumnViewColumn *shift;
  GtkColumnView *view;

  gtk_widget_init_template (GTK_WIDGET (self));
  view = self->influence_view;
  self->items = g_list_store_new (PR_TYPE_RESULTS_ITEM);
  pr_results_add_column (view, C_("column", "Position"),
                         pr_results_label_factory ("position", pr_results_item_format_position, TRUE),
                         pr_results_compare_position, NULL, FALSE);
  pr_results_add_column (view, C_("column", "Name"),
                         pr_results_label_factory ("name", pr_results_format_name, FALSE),
                         pr_results_compare_name, NULL, TRUE);
  shift = pr_results_add_column (view, C_("column", "Largest shift"),
                                 pr_results_label_factory ("max_shift", format_max_shift, TRUE),
                                 compare_shift, NULL, FALSE);
  pr_results_add_column (view, C_("column", "Ballots that move them"),
                         pr_results_label_factory ("n_moving", format_n_moving, TRUE),
                         compare_moving, NULL, FALSE);
  pr_results_set_model (view, G_LIST_MODEL (self->items), GTK_TYPE_NO_SELECTION, shift,
                        GTK_SORT_DESCENDING);
}
