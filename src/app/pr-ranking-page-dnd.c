/* pr-ranking-page-dnd.c — the ranking page's drag and drop and autoscroll
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-ranking-page-private.h"

/* Auto-scroll while dragging: within this many pixels of the top or
 * bottom edge, the list scrolls, faster the closer the pointer is. */
#define AUTOSCROLL_EDGE      48.0
#define AUTOSCROLL_MAX_STEP  18.0

static void
set_drop_row (PrRankingPage *self,
              PrRankingRow  *row,
              int            side)
{
  if (self->drop_row != NULL && self->drop_row != row)
    pr_ranking_row_set_drop_side (self->drop_row, -1);
  g_set_weak_pointer (&self->drop_row, row);
  if (row != NULL)
    pr_ranking_row_set_drop_side (row, side);
}

/* Which row a drop at @y lands on and on which half: the upper half
 * puts the person before the row, the lower half after it. NULL for
 * the list's empty area (the section's end). */
static PrRankingRow *
drop_place (GtkListBox *list,
            double      y,
            int        *side)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (list, (int) y);
  graphene_rect_t bounds;

  *side = 1;
  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (list), &bounds))
    return NULL;
  *side = y < bounds.origin.y + bounds.size.height / 2 ? 0 : 1;
  return PR_RANKING_ROW (row);
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                PrRankingPage *self)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  int side;
  PrRankingRow *row = drop_place (list, y, &side);

  set_drop_row (self, row, side);
  /* Over the empty area: the person goes to the section's end. */
  if (row == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (list), "drop-end");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (list), "drop-end");
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               PrRankingPage *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  gtk_widget_remove_css_class (list, "drop-end");
  set_drop_row (self, NULL, -1);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PrRankingPage *self)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  gboolean ranked = list == self->ranked_list;
  PrRankingRow *dragged = g_value_get_object (value);
  guint member, position = G_MAXUINT;
  PrRankingRow *row;
  int side;

  set_drop_row (self, NULL, -1);
  gtk_widget_remove_css_class (GTK_WIDGET (list), "drop-end");
  pr_ranking_page_stop_autoscroll (self);
  if (dragged == NULL || self->ranking == NULL)
    return FALSE;
  member = pr_ranking_row_get_member (dragged);
  if (member >= self->n_members || self->rows[member] != dragged)
    return FALSE;

  row = drop_place (list, y, &side);
  if (row != NULL)
    {
      position = pr_ranking_row_get_position (row) + (guint) side;
      /* The model places the person after taking them out: a place below
       * their old one in the same section moves up by one. */
      if (pr_ranking_is_ranked (self->ranking, member) == ranked &&
          pr_ranking_get_position (self->ranking, member) < position)
        position--;
    }
  if (pr_ranking_move (self->ranking, member, ranked, position))
    pr_ranking_page_commit_change (self, (int) member);
  return TRUE;
}

void
pr_ranking_page_setup_drop_target (PrRankingPage *self,
                   GtkListBox    *list)
{
  GtkDropTarget *target = gtk_drop_target_new (PR_TYPE_RANKING_ROW, GDK_ACTION_MOVE);

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect_object (target, "motion", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (list), GTK_EVENT_CONTROLLER (target));
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  PrRankingPage *self = PR_RANKING_PAGE (user_data);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + self->autoscroll_step);
  return G_SOURCE_CONTINUE;
}

void
pr_ranking_page_stop_autoscroll (PrRankingPage *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->autoscroll_id);
  self->autoscroll_id = 0;
}

/* Near the top or bottom edge of the list a drag scrolls it, so a person
 * can be carried from the end of a long list to its top. */
static void
scroller_drag_motion_cb (GtkDropControllerMotion *motion,
                         double                   x,
                         double                   y,
                         PrRankingPage           *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  double step = 0;

  if (y < AUTOSCROLL_EDGE)
    step = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - y) / AUTOSCROLL_EDGE;
  else if (y > height - AUTOSCROLL_EDGE)
    step = AUTOSCROLL_MAX_STEP * (y - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;

  self->autoscroll_step = step;
  if (step == 0)
    pr_ranking_page_stop_autoscroll (self);
  else if (self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller),
                                                        autoscroll_tick_cb, self, NULL);
}

static void
scroller_drag_leave_cb (GtkDropControllerMotion *motion,
                        PrRankingPage           *self)
{
  pr_ranking_page_stop_autoscroll (self);
}

void
pr_ranking_page_setup_autoscroll (PrRankingPage *self)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  g_signal_connect_object (motion, "enter", G_CALLBACK (scroller_drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "motion", G_CALLBACK (scroller_drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (scroller_drag_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), motion);
}
