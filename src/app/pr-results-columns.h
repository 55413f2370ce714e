/* pr-results-columns.h — the cells, columns and sorting the results
 * panels share
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pr-results-item.h"

G_BEGIN_DECLS

typedef char *(*PrResultsFormatFunc) (PrResultsItem *item);

/* A factory of labels showing @format of each item, right-aligned with
 * tabular figures when @numeric. Each label remembers its item and
 * @column, so a test can read back exactly what a person sees. */
GtkListItemFactory  *pr_results_label_factory  (const char          *column,
                                                PrResultsFormatFunc  format,
                                                gboolean             numeric);
/* A factory of one method's position ("—" unplaced or not computed). */
GtkListItemFactory  *pr_results_method_factory (PrMethod             method);
/* The flags as icons, with the sentence as tooltip and accessible label. */
GtkListItemFactory  *pr_results_flags_factory  (void);

/* Appends a resizable column sorted by @compare (items' GCompareDataFunc). */
GtkColumnViewColumn *pr_results_add_column     (GtkColumnView       *view,
                                                const char          *title,
                                                GtkListItemFactory  *factory,
                                                GCompareDataFunc     compare,
                                                gpointer             compare_data,
                                                gboolean             expand);
/* @model sorted by @view's sorter, in a selection of @type's kind
 * (GtkSingleSelection or GtkNoSelection), set on @view; sorted by
 * @column in @order. Returns the selection (transfer none). */
GtkSelectionModel   *pr_results_set_model      (GtkColumnView       *view,
                                                GListModel          *model,
                                                GType                selection_type,
                                                GtkColumnViewColumn *column,
                                                GtkSortType          order);

char *pr_results_format_name   (PrResultsItem *item);

int   pr_results_compare_position (gconstpointer a, gconstpointer b, gpointer data);
int   pr_results_compare_name     (gconstpointer a, gconstpointer b, gpointer data);
int   pr_results_compare_score    (gconstpointer a, gconstpointer b, gpointer data);
int   pr_results_compare_interval (gconstpointer a, gconstpointer b, gpointer data);
int   pr_results_compare_raters   (gconstpointer a, gconstpointer b, gpointer data);
int   pr_results_compare_flags    (gconstpointer a, gconstpointer b, gpointer data);
/* @data: GUINT_TO_POINTER (PrMethod). */
int   pr_results_compare_method   (gconstpointer a, gconstpointer b, gpointer data);

/* The rows of @list removed. */
void        pr_results_clear_list_box (GtkListBox *list);
/* A row of plain text (no markup), @subtitle nullable. */
GtkWidget  *pr_results_text_row       (const char *title,
                                       const char *subtitle);

G_END_DECLS
