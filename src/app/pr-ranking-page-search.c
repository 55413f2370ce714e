/* pr-ranking-page-search.c — the ranking page's search field
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-ranking-page-private.h"

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
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_invalidate_headers (self->list);
  return g_get_monotonic_time () - start;
}

void
pr_ranking_page_search_changed_cb (PrRankingPage  *self,
                                   GtkSearchEntry *entry)
{
  gint64 usec = pr_ranking_page_filter_now (self);

  g_debug ("Filtered %u people in %" G_GINT64_FORMAT " µs", self->n_members - 1, usec);
}

/* The first person the search found, or NULL. */
static GtkWidget *
first_match (PrRankingPage *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (pr_ranking_page_filter_row (row, self))
      return GTK_WIDGET (row);
  return NULL;
}

/* Down (or Enter) in the search field goes on to the people it found, so
 * a keyboard user can search and then move someone. */
static gboolean
search_key_pressed_cb (PrRankingPage         *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkWidget *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  pr_ranking_page_filter_now (self);
  row = first_match (self);
  return row != NULL && gtk_widget_grab_focus (row);
}

static void
search_activate_cb (PrRankingPage  *self,
                    GtkSearchEntry *entry)
{
  GtkWidget *row;

  pr_ranking_page_filter_now (self);
  if ((row = first_match (self)) != NULL)
    gtk_widget_grab_focus (row);
}

/* Escape closes the search and shows everyone again; the focus goes back
 * to the list rather than being lost with the hidden field. */
static void
search_stop_cb (PrRankingPage  *self,
                GtkSearchEntry *entry)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean in_entry = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry));
  GtkWidget *row;

  if (in_entry && (row = first_match (self)) != NULL)
    gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  pr_ranking_page_filter_now (self);
}

void
pr_ranking_page_setup_search (PrRankingPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (search_stop_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
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
