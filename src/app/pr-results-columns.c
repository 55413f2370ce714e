/* pr-results-columns.c — the cells, columns and sorting the results
 * panels share
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pr-markup.h"
#include "pr-results-columns.h"
#include "pr-results-table.h"

typedef struct {
  const char          *column;
  PrResultsFormatFunc  format;
  gboolean             numeric;
  PrMethod             method;
} Cell;

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Cell                     *cell)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), cell->numeric ? 1.f : 0.f);
  if (cell->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (label), cell->numeric ? PANGO_ELLIPSIZE_NONE
                                                            : PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

/* The label remembers its item and column: a test reads back what a
 * person sees in every cell (a field would need a label subclass). */
static void
bind_label (GtkListItem *list_item,
            const char  *column,
            char        *text)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), text);
  g_object_set_data_full (G_OBJECT (label), "pr-item",
                          g_object_ref (gtk_list_item_get_item (list_item)), g_object_unref);
  g_object_set_data (G_OBJECT (label), "pr-column", (gpointer) column);
  g_free (text);
}

static void
bind_format_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Cell                     *cell)
{
  bind_label (list_item, cell->column, cell->format (gtk_list_item_get_item (list_item)));
}

static void
bind_method_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Cell                     *cell)
{
  guint position = pr_results_item_get_method_position (gtk_list_item_get_item (list_item),
                                                        cell->method);

  bind_label (list_item, cell->column,
              position == 0 ? g_strdup ("—") : g_strdup_printf ("%u", position));
}

/* Lets go of the item bind_label() kept (object data: see there why). */
static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "pr-item", NULL);
}

static GtkListItemFactory *
cell_factory (Cell      *cell,
              GCallback  bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_label_cb), cell,
                         (GClosureNotify) G_CALLBACK (g_free), 0);
  g_signal_connect (factory, "bind", bind, cell);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}

GtkListItemFactory *
pr_results_label_factory (const char          *column,
                          PrResultsFormatFunc  format,
                          gboolean             numeric)
{
  Cell *cell = g_new0 (Cell, 1);

  cell->column = column;
  cell->format = format;
  cell->numeric = numeric;
  return cell_factory (cell, G_CALLBACK (bind_format_cb));
}

GtkListItemFactory *
pr_results_method_factory (PrMethod method)
{
  Cell *cell = g_new0 (Cell, 1);

  cell->column = pr_method_to_string (method);
  cell->numeric = TRUE;
  cell->method = method;
  return cell_factory (cell, G_CALLBACK (bind_method_cb));
}

static void
setup_flags_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("view-list-ordered-symbolic"));
  gtk_list_item_set_child (list_item, box);
}

/* Icons for sighted people, the sentence as tooltip and accessible
 * label for everyone. */
static void
bind_flags_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  PrResultsItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *thin = gtk_widget_get_first_child (box);
  GtkWidget *varies = gtk_widget_get_next_sibling (thin);
  PrTableFlags flags = pr_results_item_get_flags (item);
  g_autofree char *text = pr_results_item_format_flags (item);

  gtk_widget_set_visible (thin, flags & (PR_TABLE_FLAG_FEW_RATERS | PR_TABLE_FLAG_UNRANKED));
  gtk_widget_set_visible (varies, flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD);
  gtk_widget_set_tooltip_text (box, text[0] != '\0' ? text : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  /* As bind_label() does, for the tests: the box is a plain GtkBox, and a
   * field would need a subclass of it only for them. */
  g_object_set_data_full (G_OBJECT (box), "pr-item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (box), "pr-column", (gpointer) "flags");
}

GtkListItemFactory *
pr_results_flags_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_flags_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_flags_cb), NULL);
  return factory;
}

GtkColumnViewColumn *
pr_results_add_column (GtkColumnView      *view,
                       const char         *title,
                       GtkListItemFactory *factory,
                       GCompareDataFunc    compare,
                       gpointer            compare_data,
                       gboolean            expand)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare, compare_data, NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
  return column;
}

GtkSelectionModel *
pr_results_set_model (GtkColumnView       *view,
                      GListModel          *model,
                      GType                selection_type,
                      GtkColumnViewColumn *column,
                      GtkSortType          order)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;

  sorted = gtk_sort_list_model_new (g_object_ref (model),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  if (selection_type == GTK_TYPE_SINGLE_SELECTION)
    {
      GtkSingleSelection *single = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));

      gtk_single_selection_set_autoselect (single, FALSE);
      gtk_single_selection_set_can_unselect (single, TRUE);
      selection = GTK_SELECTION_MODEL (single);
    }
  else
    selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted))));
  gtk_column_view_set_model (view, selection);
  gtk_column_view_sort_by_column (view, column, order);
  return selection;
}

char *
pr_results_format_name (PrResultsItem *item)
{
  return g_strdup (pr_results_item_get_name (item));
}

static int
compare_uint (guint x,
              guint y)
{
  return x < y ? -1 : (x > y);
}

int
pr_results_compare_position (gconstpointer a,
                             gconstpointer b,
                             gpointer      data)
{
  return pr_results_item_compare_position ((PrResultsItem *) a, (PrResultsItem *) b);
}

int
pr_results_compare_name (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  int c = g_utf8_collate (pr_results_item_get_name ((PrResultsItem *) a),
                          pr_results_item_get_name ((PrResultsItem *) b));

  return c != 0 ? c : pr_results_compare_position (a, b, NULL);
}

/* No score sorts below every score. */
int
pr_results_compare_score (gconstpointer a,
                          gconstpointer b,
                          gpointer      data)
{
  double x = pr_results_item_get_score ((PrResultsItem *) a);
  double y = pr_results_item_get_score ((PrResultsItem *) b);

  if (isnan (x) != isnan (y))
    return isnan (x) ? -1 : 1;
  if (!isnan (x) && x != y)
    return x < y ? -1 : 1;
  return pr_results_compare_position (a, b, NULL);
}

int
pr_results_compare_interval (gconstpointer a,
                             gconstpointer b,
                             gpointer      data)
{
  guint la = 0, ha = 0, lb = 0, hb = 0;

  pr_results_item_get_interval ((PrResultsItem *) a, &la, &ha);
  pr_results_item_get_interval ((PrResultsItem *) b, &lb, &hb);
  if (la != lb)
    return compare_uint (la, lb);
  if (ha != hb)
    return compare_uint (ha, hb);
  return pr_results_compare_position (a, b, NULL);
}

int
pr_results_compare_raters (gconstpointer a,
                           gconstpointer b,
                           gpointer      data)
{
  guint x = pr_results_item_get_raters ((PrResultsItem *) a);
  guint y = pr_results_item_get_raters ((PrResultsItem *) b);

  return x != y ? compare_uint (x, y) : pr_results_compare_position (a, b, NULL);
}

int
pr_results_compare_flags (gconstpointer a,
                          gconstpointer b,
                          gpointer      data)
{
  guint x = pr_results_item_get_flags ((PrResultsItem *) a);
  guint y = pr_results_item_get_flags ((PrResultsItem *) b);

  return x != y ? compare_uint (y, x) : pr_results_compare_position (a, b, NULL);
}

/* Unplaced (0) after every position. */
int
pr_results_compare_method (gconstpointer a,
                           gconstpointer b,
                           gpointer      data)
{
  PrMethod m = GPOINTER_TO_UINT (data);
  guint x = pr_results_item_get_method_position ((PrResultsItem *) a, m);
  guint y = pr_results_item_get_method_position ((PrResultsItem *) b, m);

  if ((x == 0) != (y == 0))
    return x == 0 ? 1 : -1;
  return x != y ? compare_uint (x, y) : pr_results_compare_position (a, b, NULL);
}

void
pr_results_clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

GtkWidget *
pr_results_text_row (const char *title,
                     const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  pr_action_row_set_text (ADW_ACTION_ROW (row), title, subtitle);
  return row;
}
