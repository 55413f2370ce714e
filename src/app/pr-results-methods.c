/* pr-results-methods.c — each method's position for each person
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-results-columns.h"
#include "pr-results-methods.h"
#include "pr-results-table.h"
#include "pr-results-text.h"

struct _PrResultsMethods
{
  GtkBox         parent_instance;

  GtkLabel      *methods_label;
  GtkColumnView *methods_view;
  GListStore    *items;
};

G_DEFINE_FINAL_TYPE (PrResultsMethods, pr_results_methods, GTK_TYPE_BOX)

/* The dropdown's order: the default first, then DESIGN §5's order. */
static const PrMethod method_order[] = {
  PR_METHOD_PLACKETT_LUCE, PR_METHOD_BORDA, PR_METHOD_COPELAND,
  PR_METHOD_SCHULZE, PR_METHOD_RANKED_PAIRS, PR_METHOD_KEMENY,
};

static char *
format_varies (PrResultsItem *item)
{
  if (pr_results_item_get_flags (item) & PR_TABLE_FLAG_DEPENDS_ON_METHOD)
    return g_strdup (_("Depends on the method"));
  return g_strdup ("");
}

void
pr_results_methods_show (PrResultsMethods     *self,
                         PrResultsAnalysis    *analysis,
                         const PrResultsTable *table)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *text = _("Each method’s position for each person placed.");
  const PrMethodResult *kemeny = analysis->results->method[PR_METHOD_KEMENY];
  g_autofree char *label = NULL;
  g_autofree char *proof = NULL;

  g_return_if_fail (PR_IS_RESULTS_METHODS (self));

  for (guint k = 0; k < table->n; k++)
    g_ptr_array_add (items, pr_results_item_new (analysis, table, table->rows[k].candidate));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  if (analysis->results->bootstrap != NULL)
    /* xgettext:no-c-format */
    text = _("Each method’s position for each person placed. Where a method places someone outside their 90 % interval, the position depends on the method: read it with care.");
  /* The Kemeny column says whether its order is proven the best. */
  if (kemeny != NULL)
    proof = pr_results_describe_kemeny (kemeny);
  label = g_strjoin (" ", text, proof, NULL);
  gtk_label_set_text (self->methods_label, label);
}

GtkColumnView *
pr_results_methods_get_view (PrResultsMethods *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_METHODS (self), NULL);
  return self->methods_view;
}

static void
pr_results_methods_dispose (GObject *object)
{
  PrResultsMethods *self = PR_RESULTS_METHODS (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_METHODS);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (pr_results_methods_parent_class)->dispose (object);
}

static void
pr_results_methods_class_init (PrResultsMethodsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_results_methods_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pr-results-methods.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsMethods, methods_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsMethods, methods_view);
}

static void
pr_results_methods_init (PrResultsMethods *self)
{
  GtkColumnViewColumn *name;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (PR_TYPE_RESULTS_ITEM);
  name = pr_results_add_column (self->methods_view, C_("column", "Name"),
                                pr_results_label_factory ("name", pr_results_format_name, FALSE),
                                pr_results_compare_name, NULL, TRUE);
  for (guint k = 0; k < G_N_ELEMENTS (method_order); k++)
    pr_results_add_column (self->methods_view, pr_method_get_label (method_order[k]),
                           pr_results_method_factory (method_order[k]),
                           pr_results_compare_method, GUINT_TO_POINTER (method_order[k]), FALSE);
  pr_results_add_column (self->methods_view, C_("column", "Sensitivity"),
                         pr_results_label_factory ("varies", format_varies, FALSE),
                         pr_results_compare_flags, NULL, FALSE);
  pr_results_set_model (self->methods_view, G_LIST_MODEL (self->items), GTK_TYPE_NO_SELECTION,
                        name, GTK_SORT_ASCENDING);
}
