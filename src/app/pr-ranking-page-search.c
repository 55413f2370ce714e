/* pr-ranking-page-search.c — the ranking page's search field
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-ranking-page-private.h"

void
pr_ranking_page_update_placeholders (PrRankingPage *self)
{
  gboolean searching = self->search_key != NULL && self->search_key[0] != '\0';

  gtk_label_set_label (self->ranked_placeholder,
                       searching ? _("No ranked teammate matches the search.")
                                 : _("Nobody is ranked yet. Drag people here, or focus someone below and press Alt+↑."));
  gtk_label_set_label (self->unranked_placeholder,
                       searching ? _("No unranked teammate matches the search.")
                                 : _("Everyone is ranked. Drag people here to leave them out."));
}

gboolean
pr_ranking_page_filter_row (GtkListBoxRow *row,
             gpointer       user_data)
{
  PrRankingPage *self = user_data;

  if (self->search_key == NULL || self->search_key[0] == '\0')
    return TRUE;
  return strstr (pr_ranking_row_get_search_key (PR_RANKING_ROW (row)), self->search_key) != NULL;
}

gint64
pr_ranking_page_filter_now (PrRankingPage *self)
{
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), 0);

  g_free (self->search_key);
  self->search_key = pr_ranking_row_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_list_box_invalidate_filter (self->ranked_list);
  gtk_list_box_invalidate_filter (self->unranked_list);
  pr_ranking_page_update_placeholders (self);
  return g_get_monotonic_time () - start;
}

void
pr_ranking_page_search_changed_cb (PrRankingPage  *self,
                                   GtkSearchEntry *entry)
{
  gint64 usec = pr_ranking_page_filter_now (self);

  g_debug ("Filtered %u people in %" G_GINT64_FORMAT " µs", self->n_members - 1, usec);
}

void
pr_ranking_page_search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
