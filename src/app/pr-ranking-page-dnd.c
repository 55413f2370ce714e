/* pr-ranking-page-dnd.c — the ranking page's drag and drop and autoscroll
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-ranking-page-private.h"

/* Autoscroll while dragging: within this many pixels of the top or bottom
 * edge the list scrolls, from the slow speed at the zone's inner border
 * to the fast one at the edge (growing with the square of the depth, so
 * a short way in stays precise). At the fast speed a roster of 300 people
 * (about 15,000 px) passes in about four seconds. */
#define AUTOSCROLL_EDGE       64.0
#define AUTOSCROLL_MIN_SPEED  80.0    /* px/s */
#define AUTOSCROLL_MAX_SPEED  4000.0  /* px/s */

/* What the line shows: @row with @side (0 before, 1 after), or the
 * "nobody ranked yet" hint, or the "everyone is ranked" box. */
static void
show_line (PrRankingPage *self,
           PrRankingRow  *row,
           int            side,
           const char    *list_class)
{
  if (self->drop_row != NULL && self->drop_row != row)
    pr_ranking_row_set_drop_side (self->drop_row, -1);
  g_set_weak_pointer (&self->drop_row, row);
  if (row != NULL)
    pr_ranking_row_set_drop_side (row, side);
  if (g_strcmp0 (list_class, "drop-ranked-end") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->list), "drop-ranked-end");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->list), "drop-ranked-end");
  if (g_strcmp0 (list_class, "drop-unranked") == 0)
    gtk_widget_add_css_class (self->all_ranked_box, "drop-unranked");
  else
    gtk_widget_remove_css_class (self->all_ranked_box, "drop-unranked");
}

static void
clear_drop (PrRankingPage *self)
{
  show_line (self, NULL, -1, NULL);
  self->drop_valid = FALSE;
}

/* The last visible ranked row and the first visible not-ranked one. */
static void
section_ends (PrRankingPage  *self,
              GtkListBoxRow **last_ranked,
              GtkListBoxRow **first_unranked)
{
  GtkListBoxRow *row;

  *last_ranked = *first_unranked = NULL;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      if (!gtk_widget_get_child_visible (GTK_WIDGET (row)))
        continue;
      if (!pr_ranking_row_get_ranked (PR_RANKING_ROW (row)))
        {
          *first_unranked = row;
          return;
        }
      *last_ranked = row;
    }
}

/* Out of the ranking: the person goes to their place by name, which the
 * line shows. */
static void
drop_unranked (PrRankingPage *self,
               guint          member)
{
  guint n_ranked = pr_ranking_get_n_ranked (self->ranking);
  gboolean was_ranked = pr_ranking_is_ranked (self->ranking, member);
  guint place = pr_ranking_get_name_place (self->ranking, member);
  guint n_unranked = pr_ranking_get_n_slots (self->ranking) - n_ranked - (was_ranked ? 0 : 1);
  GtkListBoxRow *row;

  self->drop_ranked = FALSE;
  self->drop_position = 0;
  if (!was_ranked)
    row = GTK_LIST_BOX_ROW (self->rows[member]);
  else if (place < n_unranked)
    row = gtk_list_box_get_row_at_index (self->list, (int) (n_ranked + place));
  else
    row = gtk_list_box_get_row_at_index (self->list, (int) pr_ranking_get_n_slots (self->ranking) - 1);
  if (row == NULL)
    show_line (self, NULL, -1, "drop-unranked");
  else
    show_line (self, PR_RANKING_ROW (row), was_ranked && place >= n_unranked ? 1 : 0, NULL);
}

/* Into the ranking at @position (as the list shows it now, with the
 * dragged person still in it). */
static void
drop_ranked (PrRankingPage *self,
             guint          member,
             PrRankingRow  *row,
             int            side)
{
  guint position = pr_ranking_row_get_position (row) + (guint) side;

  /* The model places the person after taking them out: a place below
   * their old one moves up by one. */
  if (pr_ranking_is_ranked (self->ranking, member) &&
      pr_ranking_get_position (self->ranking, member) < position)
    position--;
  self->drop_ranked = TRUE;
  self->drop_position = position;
  show_line (self, row, side, NULL);
}

/* Works out where a drop at @y of the list would land and shows it: the
 * upper half of a ranked row puts the person before it, the lower half
 * after it; the gap above "Not ranked" is the end of the ranking; "Not
 * ranked" itself (any row of it, or below it) leaves them out. */
static void
update_drop (PrRankingPage *self,
             double         y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list, (int) y);
  GtkListBoxRow *last_ranked, *first_unranked;
  guint member;
  graphene_rect_t bounds;

  if (self->dragged == NULL || self->ranking == NULL)
    return;
  member = pr_ranking_row_get_member (self->dragged);
  self->drop_valid = TRUE;
  if (row != NULL && pr_ranking_row_get_ranked (PR_RANKING_ROW (row)) &&
      gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list), &bounds))
    {
      drop_ranked (self, member, PR_RANKING_ROW (row),
                   y < bounds.origin.y + bounds.size.height / 2 ? 0 : 1);
      return;
    }
  section_ends (self, &last_ranked, &first_unranked);
  if (row == NULL && (first_unranked == NULL ||
                      (gtk_widget_compute_bounds (GTK_WIDGET (first_unranked), GTK_WIDGET (self->list), &bounds) &&
                       y < bounds.origin.y)))
    {
      if (last_ranked != NULL)
        drop_ranked (self, member, PR_RANKING_ROW (last_ranked), 1);
      else
        {
          self->drop_ranked = TRUE;
          self->drop_position = G_MAXUINT;
          show_line (self, NULL, -1, "drop-ranked-end");
        }
      return;
    }
  drop_unranked (self, member);
}

/* The pointer's place in the list, from where it is in the scroller:
 * right after the list scrolled under a still pointer too. */
static void
update_drop_at_pointer (PrRankingPage *self)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (0, (float) self->pointer_y), out;

  if (gtk_widget_compute_point (GTK_WIDGET (self->scroller), GTK_WIDGET (self->list), &in, &out))
    update_drop (self, out.y);
}

/* The row being dragged, from what the drop target has preloaded. */
static void
take_dragged (PrRankingPage *self,
              GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  g_set_weak_pointer (&self->dragged, value != NULL && G_VALUE_HOLDS (value, PR_TYPE_RANKING_ROW)
                                      ? g_value_get_object (value) : NULL);
}

static GdkDragAction
list_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                PrRankingPage *self)
{
  take_dragged (self, target);
  update_drop (self, y);
  return GDK_ACTION_MOVE;
}

static GdkDragAction
box_motion_cb (GtkDropTarget *target,
               double         x,
               double         y,
               PrRankingPage *self)
{
  take_dragged (self, target);
  if (self->dragged != NULL && self->ranking != NULL)
    {
      self->drop_valid = TRUE;
      drop_unranked (self, pr_ranking_row_get_member (self->dragged));
    }
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               PrRankingPage *self)
{
  clear_drop (self);
}

/* The drop lands where the line showed, never somewhere worked out again
 * from coordinates the list may have scrolled past. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PrRankingPage *self)
{
  PrRankingRow *dragged = g_value_get_object (value);
  gboolean valid = self->drop_valid && dragged == self->dragged;
  gboolean ranked = self->drop_ranked;
  guint position = self->drop_position;
  guint member;

  clear_drop (self);
  pr_ranking_page_stop_autoscroll (self);
  if (dragged == NULL || self->ranking == NULL || !valid)
    return FALSE;
  member = pr_ranking_row_get_member (dragged);
  if (member >= self->n_members || self->rows[member] != dragged)
    return FALSE;
  /* Nothing moved: the person is still brought into view with the focus. */
  if (!pr_ranking_move (self->ranking, member, ranked, position))
    {
      pr_ranking_page_reveal (self, (int) member);
      return TRUE;
    }
  pr_ranking_page_commit_change (self, (int) member, FALSE);
  return TRUE;
}

static void
add_drop_target (PrRankingPage *self,
                 GtkWidget     *widget,
                 GCallback      motion_cb)
{
  GtkDropTarget *target = gtk_drop_target_new (PR_TYPE_RANKING_ROW, GDK_ACTION_MOVE);

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect_object (target, "enter", motion_cb, self, 0);
  g_signal_connect_object (target, "motion", motion_cb, self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

void
pr_ranking_page_setup_drop_targets (PrRankingPage *self)
{
  add_drop_target (self, GTK_WIDGET (self->list), G_CALLBACK (list_motion_cb));
  add_drop_target (self, self->all_ranked_box, G_CALLBACK (box_motion_cb));
}

/* -- autoscroll -- */

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  PrRankingPage *self = PR_RANKING_PAGE (user_data);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double seconds = self->autoscroll_time > 0 ? (now - self->autoscroll_time) / (double) G_USEC_PER_SEC
                                             : 1 / 60.0;

  /* The distance follows the time between frames, so the speed is the
   * same at 30 and at 144 frames a second (and a stalled frame does not
   * throw the list far). */
  self->autoscroll_time = now;
  seconds = CLAMP (seconds, 0, 0.1);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                        self->autoscroll_speed * seconds);
  return G_SOURCE_CONTINUE;
}

/* After each frame's layout the rows are where the scroll put them: the
 * line follows the list under the still pointer. */
static void
autoscroll_layout_cb (PrRankingPage *self,
                      GdkFrameClock *clock)
{
  if (self->autoscroll_id != 0 && self->dragged != NULL)
    update_drop_at_pointer (self);
}

void
pr_ranking_page_stop_autoscroll (PrRankingPage *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->autoscroll_id);
  self->autoscroll_id = 0;
  self->autoscroll_time = 0;
  /* A window going away disposes its frame clock, handlers and all. */
  if (self->autoscroll_clock != NULL && g_signal_handler_is_connected (self->autoscroll_clock, self->autoscroll_layout_id))
    g_signal_handler_disconnect (self->autoscroll_clock, self->autoscroll_layout_id);
  self->autoscroll_layout_id = 0;
  g_clear_object (&self->autoscroll_clock);
}

static void
start_autoscroll (PrRankingPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->scroller));

  if (self->autoscroll_id != 0 || clock == NULL)
    return;
  self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller), autoscroll_tick_cb,
                                                      self, NULL);
  self->autoscroll_clock = g_object_ref (clock);
  self->autoscroll_layout_id = g_signal_connect_object (clock, "layout", G_CALLBACK (autoscroll_layout_cb),
                                                        self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/* Pixels per second for a pointer at @y of a scroller @height high:
 * negative upwards, 0 outside the edge zones. */
double
pr_ranking_page_autoscroll_speed (double y,
                                  double height)
{
  double edge = MIN (AUTOSCROLL_EDGE, height / 4);
  double depth;

  if (edge <= 0)
    return 0;
  if (y < edge)
    depth = (edge - y) / edge;
  else if (y > height - edge)
    depth = -(y - (height - edge)) / edge;
  else
    return 0;
  depth = CLAMP (depth, -1, 1);
  return -(depth > 0 ? 1 : -1) *
         (AUTOSCROLL_MIN_SPEED + (AUTOSCROLL_MAX_SPEED - AUTOSCROLL_MIN_SPEED) * depth * depth);
}

/* Near the top or bottom edge of the list a drag scrolls it, so a person
 * can be carried from the end of a long list to its top. */
static void
scroller_drag_motion_cb (GtkDropControllerMotion *motion,
                         double                   x,
                         double                   y,
                         PrRankingPage           *self)
{
  self->pointer_y = y;
  self->autoscroll_speed = pr_ranking_page_autoscroll_speed (y, gtk_widget_get_height (GTK_WIDGET (self->scroller)));
  if (self->autoscroll_speed == 0)
    pr_ranking_page_stop_autoscroll (self);
  else
    start_autoscroll (self);
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
