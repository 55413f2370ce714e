/* pr-report-view.c — the per-file report of an import, filterable
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-mail.h"
#include "pr-report-view.h"

/* A report of 10,000 files is a GListStore behind a GtkListView, which
 * only creates the rows on screen; the filter is a GtkCustomFilter so
 * that changing it never rebuilds the store. */
struct _PrReportView
{
  AdwBin              parent_instance;

  GtkLabel           *summary_label;
  GtkDropDown        *filter_dropdown;
  GtkListView        *list_view;

  GListStore         *items;
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  int                 filter_status;
  guint               counts[PR_BALLOT_N_STATUSES];
};

G_DEFINE_FINAL_TYPE (PrReportView, pr_report_view, ADW_TYPE_BIN)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PrReportView *self = user_data;

  return self->filter_status < 0 ||
         (int) pr_report_item_get_status (PR_REPORT_ITEM (item)) == self->filter_status;
}

static const char *
status_style (PrBallotStatus status)
{
  switch (status)
    {
    case PR_BALLOT_STATUS_ACCEPTED:
    case PR_BALLOT_STATUS_REVISED:
      return "success";
    case PR_BALLOT_STATUS_CONFLICT:
    case PR_BALLOT_STATUS_FLAGGED:
      return "warning";
    case PR_BALLOT_STATUS_REJECTED:
      return "error";
    case PR_BALLOT_STATUS_DUPLICATE:
    case PR_BALLOT_STATUS_STALE:
    case PR_BALLOT_N_STATUSES:
    default:
      return "dim-label";
    }
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *path = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (status), 10);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_set_valign (status, GTK_ALIGN_START);
  gtk_widget_add_css_class (status, "heading");
  gtk_label_set_xalign (GTK_LABEL (path), 0);
  gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), path);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  PrReportItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *status = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (status);
  GtkWidget *path = gtk_widget_get_first_child (text);
  GtkWidget *detail = gtk_widget_get_next_sibling (path);
  PrBallotStatus s = pr_report_item_get_status (item);
  const char *member = pr_report_item_get_member_name (item);
  g_autofree char *line = NULL;
  /* The file's name is what a person recognises; the whole path (as the
   * copied text and the CLI give it) is in the tooltip. */
  g_autofree char *name = pr_mail_display_name (pr_report_item_get_path (item));
  const char *origin = pr_report_item_get_mail_origin (item);
  const char *styles[] = { status_style (s), "heading", NULL };

  if (member != NULL)
    /* TRANSLATORS: "Ana López — A newer ballot replaced …" */
    line = g_strdup_printf (_("%s — %s"), member, pr_report_item_get_message (item));
  else
    line = g_strdup (pr_report_item_get_message (item));
  if (origin != NULL)
    {
      /* TRANSLATORS: "<what the import says> (from Ana <ana@…>, 01/03/2026 10:15)" */
      char *with_origin = g_strdup_printf (_("%s (from %s)"), line, origin);

      g_free (line);
      line = with_origin;
    }

  gtk_label_set_text (GTK_LABEL (status), pr_report_status_label (s));
  gtk_widget_set_css_classes (status, styles);
  gtk_label_set_text (GTK_LABEL (path), name);
  gtk_widget_set_tooltip_text (path, pr_report_item_get_path (item));
  gtk_label_set_text (GTK_LABEL (detail), line);
}

static void
update_summary (PrReportView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autoptr(GString) text = g_string_new (NULL);

  if (n == 0)
    {
      gtk_label_set_text (self->summary_label, _("No files imported yet."));
      return;
    }
  g_string_printf (text, ngettext ("%u file", "%u files", n), n);
  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    if (self->counts[s] > 0)
      /* TRANSLATORS: appended to "12 files": " · 3 Accepted" */
      g_string_append_printf (text, _(" · %u %s"), self->counts[s],
                              pr_report_status_label ((PrBallotStatus) s));
  gtk_label_set_text (self->summary_label, text->str);
}

void
pr_report_view_clear (PrReportView *self)
{
  g_return_if_fail (PR_IS_REPORT_VIEW (self));

  g_list_store_remove_all (self->items);
  memset (self->counts, 0, sizeof self->counts);
  update_summary (self);
}

void
pr_report_view_append (PrReportView *self,
                       GPtrArray    *items)
{
  g_return_if_fail (PR_IS_REPORT_VIEW (self));
  g_return_if_fail (items != NULL);

  if (items->len == 0)
    return;
  for (guint i = 0; i < items->len; i++)
    self->counts[pr_report_item_get_status (g_ptr_array_index (items, i))]++;
  /* One splice per batch: one items-changed for the view, however many
   * files the batch holds. */
  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       items->pdata, items->len);
  g_ptr_array_set_size (items, 0);
  update_summary (self);
}

void
pr_report_view_set_filter (PrReportView *self,
                           int           status)
{
  g_return_if_fail (PR_IS_REPORT_VIEW (self));
  g_return_if_fail (status >= -1 && status < PR_BALLOT_N_STATUSES);

  if ((guint) (status + 1) != gtk_drop_down_get_selected (self->filter_dropdown))
    {
      gtk_drop_down_set_selected (self->filter_dropdown, (guint) (status + 1));
      return;
    }
  if (self->filter_status == status)
    return;
  self->filter_status = status;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

int
pr_report_view_get_filter (PrReportView *self)
{
  g_return_val_if_fail (PR_IS_REPORT_VIEW (self), -1);
  return self->filter_status;
}

GListModel *
pr_report_view_get_items (PrReportView *self)
{
  g_return_val_if_fail (PR_IS_REPORT_VIEW (self), NULL);
  return G_LIST_MODEL (self->items);
}

GListModel *
pr_report_view_get_shown (PrReportView *self)
{
  g_return_val_if_fail (PR_IS_REPORT_VIEW (self), NULL);
  return G_LIST_MODEL (self->shown);
}

char *
pr_report_view_dup_text (PrReportView *self)
{
  GListModel *shown;
  GString *text;

  g_return_val_if_fail (PR_IS_REPORT_VIEW (self), NULL);

  shown = G_LIST_MODEL (self->shown);
  text = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PrReportItem) item = g_list_model_get_item (shown, i);
      const char *member = pr_report_item_get_member_name (item);

      g_string_append_printf (text, "%s\t%s\t%s\t%s\n",
                              pr_ballot_status_to_string (pr_report_item_get_status (item)),
                              pr_report_item_get_path (item), member != NULL ? member : "",
                              pr_report_item_get_message (item));
    }
  return g_string_free (text, FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrReportView *self = PR_REPORT_VIEW (widget);
  g_autofree char *text = pr_report_view_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
filter_selected_cb (PrReportView *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  pr_report_view_set_filter (self, selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1);
}

static void
setup_filter_dropdown (PrReportView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("All Files"));
  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    gtk_string_list_append (labels, pr_report_status_label ((PrBallotStatus) s));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->filter_dropdown, 0);
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (filter_selected_cb), self, G_CONNECT_SWAPPED);
}

static void
pr_report_view_dispose (GObject *object)
{
  PrReportView *self = PR_REPORT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_REPORT_VIEW);
  g_clear_object (&self->shown);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (pr_report_view_parent_class)->dispose (object);
}

static void
pr_report_view_class_init (PrReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_report_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrReportView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PrReportView, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrReportView, list_view);

  gtk_widget_class_install_action (widget_class, "report.copy", NULL, copy_action);
}

static void
pr_report_view_init (PrReportView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter_status = -1;
  self->items = g_list_store_new (PR_TYPE_REPORT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                           GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  setup_filter_dropdown (self);
  update_summary (self);
}
