/* test-ranking-drag.c — real mouse drags and key presses on the ranking page
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The X server gets the input from xdotool (XTEST), exactly as from a
 * person's mouse and keyboard; GTK receives it like any other. Needs an
 * X11 display (./build-aux/test provides Xvfb) and xdotool.
 */

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "pr-application.h"
#include "pr-test-display.h"
#include "ranking-page-fixture.h"

static PrApplication *the_app;
static char *xdotool;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

/* Runs xdotool with @args while this process keeps handling the events
 * it causes. */
static void
run_xdotool (GPtrArray *args)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_insert (args, 0, g_strdup (xdotool));
  g_ptr_array_add (args, NULL);
  child = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (child, NULL, wait_cb, &done);
  pr_test_wait (done, "xdotool to finish");
  g_assert_true (g_subprocess_get_successful (child));
  page_fixture_spin (200);
}

static void
add (GPtrArray  *args,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
add (GPtrArray  *args,
     const char *format,
     ...)
{
  va_list ap;

  va_start (ap, format);
  g_ptr_array_add (args, g_strdup_vprintf (format, ap));
  va_end (ap);
}

static char *
window_id (PageFixture *f)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

/* A point of @widget (its own coordinates) in the X window's. */
static void
window_point (PageFixture *f,
              GtkWidget   *widget,
              double       x,
              double       y,
              int         *out_x,
              int         *out_y)
{
  graphene_point_t in = GRAPHENE_POINT_INIT ((float) x, (float) y), out;
  double sx = 0, sy = 0;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (f->window), &in, &out));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  *out_x = (int) (out.x + sx);
  *out_y = (int) (out.y + sy);
}

/* Presses on @from and releases on @to at a person's pace: GTK 4 needs
 * several motion events before a drag starts, and a drop target only
 * hears where the pointer is when it moves, so the pointer lingers over
 * the target before the button goes up. */
static void
drag (PageFixture *f,
      GtkWidget   *from,
      double       from_x,
      double       from_y,
      GtkWidget   *to,
      double       to_x,
      double       to_y)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *wid = window_id (f);
  int x1, y1, x2, y2;
  const int steps = 12;

  window_point (f, from, from_x, from_y, &x1, &y1);
  window_point (f, to, to_x, to_y, &x2, &y2);
  add (args, "mousemove"), add (args, "--window"), add (args, "%s", wid), add (args, "%d", x1), add (args, "%d", y1);
  add (args, "sleep"), add (args, "0.3"), add (args, "mousedown"), add (args, "1"), add (args, "sleep"), add (args, "0.1");
  for (int i = 1; i <= steps; i++)
    {
      add (args, "mousemove"), add (args, "--window"), add (args, "%s", wid);
      add (args, "%d", x1 + (x2 - x1) * i / steps), add (args, "%d", y1 + (y2 - y1) * i / steps);
      add (args, "sleep"), add (args, "0.05");
    }
  for (int i = 0; i < 8; i++)
    {
      add (args, "mousemove"), add (args, "--window"), add (args, "%s", wid);
      add (args, "%d", x2 + i % 2), add (args, "%d", y2);
      add (args, "sleep"), add (args, "0.1");
    }
  add (args, "mouseup"), add (args, "1");
  run_xdotool (args);
}

/* The middle of the left edge of a row: where its handle is. */
static void
drag_row (PageFixture *f,
          guint        member,
          GtkWidget   *to,
          double       to_y)
{
  GtkWidget *row = GTK_WIDGET (pr_ranking_page_get_row (f->page, member));

  drag (f, row, 16, gtk_widget_get_height (row) / 2.0, to, 100, to_y);
}

/* Whole-row drag: onto a section's empty area (its end), onto the upper
 * half of a row (before it) and onto the lower half (after it). */
static void
test_mouse_drag (void)
{
  PageFixture f;
  GtkWidget *target;

  page_fixture_init (&f, the_app, 5, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  assert_screen (&f, "|1,2,3,4");

  /* Onto the "nobody is ranked yet" hint above "Not ranked". */
  target = gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (pr_ranking_page_get_row (f.page, 1)));
  g_assert_nonnull (target);
  drag_row (&f, 3, target, 10);
  assert_screen (&f, "3|1,2,4");
  assert_label (&f, 3, "position 1 of 1");

  /* Onto the upper half of Person D3's row: before it. */
  target = GTK_WIDGET (pr_ranking_page_get_row (f.page, 3));
  drag_row (&f, 2, target, gtk_widget_get_height (target) * 0.25);
  assert_screen (&f, "2,3|1,4");

  /* Onto the lower half of Person C2's row: after it. */
  target = GTK_WIDGET (pr_ranking_page_get_row (f.page, 2));
  drag_row (&f, 4, target, gtk_widget_get_height (target) * 0.75);
  assert_screen (&f, "2,4,3|1");
  assert_label (&f, 4, "position 2 of 3");

  /* Within a section, downwards: onto the lower half of the last. */
  target = GTK_WIDGET (pr_ranking_page_get_row (f.page, 3));
  drag_row (&f, 2, target, gtk_widget_get_height (target) * 0.75);
  assert_screen (&f, "4,3,2|1");

  /* Out of the ranking: onto any row of "Not ranked", where the person
   * goes to their place by name. */
  target = GTK_WIDGET (pr_ranking_page_get_row (f.page, 1));
  drag_row (&f, 3, target, gtk_widget_get_height (target) * 0.25);
  assert_screen (&f, "4,2|1,3");
  assert_label (&f, 3, "not ranked");
  /* Focus follows the person who moved. */
  g_assert_true (focused_row (&f) == pr_ranking_page_get_row (f.page, 3));

  page_fixture_clear (&f);
}

/* Scrolls the page to its end and returns where it is. */
static double
scroll_to_end (PageFixture *f)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (pr_ranking_page_get_scroller (f->page));

  page_fixture_spin (300);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  page_fixture_spin (300);
  return gtk_adjustment_get_value (adjustment);
}

typedef struct {
  double lowest;
  gint64 first_change;   /* when the list first moved, µs */
  gint64 at_top;         /* when it reached the top, µs */
} Track;

static void
track_cb (GtkAdjustment *adjustment,
          Track         *track)
{
  double value = gtk_adjustment_get_value (adjustment);
  gint64 now = g_get_monotonic_time ();

  if (track->first_change == 0)
    track->first_change = now;
  if (value <= 0 && track->at_top == 0)
    track->at_top = now;
  track->lowest = MIN (track->lowest, value);
}

/* Holds the pointer at (@x2, @y2) of the window for @hold_steps tenths
 * of a second after dragging there from (@x1, @y1); then releases it,
 * after Escape when @cancel. */
static void
drag_and_hold (PageFixture *f,
               int          x1,
               int          y1,
               int          x2,
               int          y2,
               guint        hold_steps,
               gboolean     cancel)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *wid = window_id (f);

  add (args, "mousemove"), add (args, "--window"), add (args, "%s", wid), add (args, "%d", x1), add (args, "%d", y1);
  add (args, "sleep"), add (args, "0.3"), add (args, "mousedown"), add (args, "1"), add (args, "sleep"), add (args, "0.1");
  for (int i = 1; i <= 12; i++)
    {
      add (args, "mousemove"), add (args, "--window"), add (args, "%s", wid);
      add (args, "%d", x1 + (x2 - x1) * i / 12), add (args, "%d", y1 + (y2 - y1) * i / 12);
      add (args, "sleep"), add (args, "0.05");
    }
  for (guint i = 0; i < hold_steps; i++)
    {
      add (args, "mousemove"), add (args, "--window"), add (args, "%s", wid);
      add (args, "%d", x2 + i % 2), add (args, "%d", y2);
      add (args, "sleep"), add (args, "0.1");
    }
  if (cancel)
    add (args, "key"), add (args, "Escape");
  add (args, "mouseup"), add (args, "1");
  run_xdotool (args);
}

/* Near the top edge of the list a drag scrolls it, faster the nearer the
 * edge: a person at the end of 300 can be carried to the top within a
 * few seconds. */
static void
test_autoscroll (void)
{
  PageFixture f;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  GtkWidget *row;
  Track track = { 0 };
  double before, after, seconds;
  int x1, y1, x2, y2;

  page_fixture_init (&f, the_app, 300, 1);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 800, 600);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  scroller = pr_ranking_page_get_scroller (f.page);
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  before = scroll_to_end (&f);
  g_assert_cmpfloat (before, >, 10000);
  track.lowest = before;
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (track_cb), &track);

  /* The last person on screen, dragged up to the very edge and held. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (pr_ranking_page_get_list (f.page), 298));
  window_point (&f, row, 16, gtk_widget_get_height (row) / 2.0, &x1, &y1);
  window_point (&f, GTK_WIDGET (scroller), 100, 2, &x2, &y2);
  drag_and_hold (&f, x1, y1, x2, y2, 80, TRUE);

  g_signal_handlers_disconnect_by_func (adjustment, track_cb, &track);
  g_assert_cmpint (track.at_top, >, 0);
  seconds = (track.at_top - track.first_change) / (double) G_USEC_PER_SEC;
  g_test_message ("crossed %.0f px (300 people) in %.2f s: %.0f px/s", before, seconds, before / seconds);
  /* "A few seconds", not the minute it took at 18 px a frame. */
  g_assert_cmpfloat (seconds, <, 8);
  /* Once the drag is over, the scrolling stops. */
  page_fixture_spin (1000);
  after = gtk_adjustment_get_value (adjustment);
  page_fixture_spin (500);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, after);

  page_fixture_clear (&f);
}

/* The line at the moment of the drop, read as a person sees it: the row
 * drawn with the line above (0) or below (1) it. */
typedef struct {
  PrRankingPage *page;
  int            member;
  int            side;
  double         value;
} Line;

static gboolean
drop_hook (GSignalInvocationHint *hint,
           guint                  n_values,
           const GValue          *values,
           gpointer               user_data)
{
  Line *line = user_data;
  GtkListBox *list = pr_ranking_page_get_list (line->page);
  GtkListBoxRow *row;

  line->member = -1;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      if (gtk_widget_has_css_class (GTK_WIDGET (row), "drop-before"))
        line->side = 0;
      else if (gtk_widget_has_css_class (GTK_WIDGET (row), "drop-after"))
        line->side = 1;
      else
        continue;
      line->member = (int) pr_ranking_row_get_member (PR_RANKING_ROW (row));
    }
  line->value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (pr_ranking_page_get_scroller (line->page)));
  return TRUE;
}

/* Released while the list is still scrolling under the pointer: the
 * person lands next to the row the line was drawn at, on its side. */
static void
test_drop_while_scrolling (void)
{
  PageFixture f;
  GtkScrolledWindow *scroller;
  GtkListBox *list;
  GtkWidget *row;
  PrRankingRow *dragged;
  Line line = { NULL, -1, -1, 0 };
  guint hook;
  double before;
  int x1, y1, x2, y2, index, target_index;

  page_fixture_init (&f, the_app, 80, 1);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 800, 600);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  for (guint m = 1; m < 80; m++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, m)), "row.rank", NULL));
  scroller = pr_ranking_page_get_scroller (f.page);
  before = scroll_to_end (&f);

  list = pr_ranking_page_get_list (f.page);
  dragged = PR_RANKING_ROW (gtk_list_box_get_row_at_index (list, 78));
  row = GTK_WIDGET (dragged);
  line.page = f.page;
  hook = g_signal_add_emission_hook (g_signal_lookup ("drop", GTK_TYPE_DROP_TARGET), 0, drop_hook, &line, NULL);

  /* Into the edge zone, not to the edge: slow enough to be still well
   * inside the list when the button goes up. */
  window_point (&f, row, 16, gtk_widget_get_height (row) / 2.0, &x1, &y1);
  window_point (&f, GTK_WIDGET (scroller), 100, 40, &x2, &y2);
  drag_and_hold (&f, x1, y1, x2, y2, 8, FALSE);
  g_signal_remove_emission_hook (g_signal_lookup ("drop", GTK_TYPE_DROP_TARGET), hook);

  g_test_message ("scrolled from %.0f to %.0f; the line was %s member %d", before, line.value,
                  line.side == 0 ? "before" : "after", line.member);
  g_assert_cmpfloat (line.value, <, before - 100);
  g_assert_cmpint (line.member, >, 0);
  g_assert_cmpint (line.member, !=, (int) pr_ranking_row_get_member (dragged));
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (dragged));
  target_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (pr_ranking_page_get_row (f.page, (guint) line.member)));
  g_assert_cmpint (index, ==, line.side == 0 ? target_index - 1 : target_index + 1);
  g_assert_true (focused_row (&f) == dragged);

  page_fixture_clear (&f);
}

/* Real key presses on the focused row. */
static void
test_real_keys (void)
{
  PageFixture f;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *wid = NULL;
  PrRankingRow *row;

  page_fixture_init (&f, the_app, 4, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  wid = window_id (&f);
  row = pr_ranking_page_get_row (f.page, 3);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));

  /* XTEST keys go to the window under the pointer. */
  add (args, "mousemove"), add (args, "--window"), add (args, "%s", wid), add (args, "5"), add (args, "5");
  add (args, "sleep"), add (args, "0.2");
  add (args, "key"), add (args, "--delay"), add (args, "150"), add (args, "alt+Up"), add (args, "alt+Up");
  add (args, "alt+Up"), add (args, "alt+End");
  run_xdotool (args);
  assert_screen (&f, "3|1,2");
  assert_label (&f, 3, "position 1 of 1");
  g_assert_true (focused_row (&f) == row);

  g_ptr_array_set_size (args, 0);
  add (args, "key"), add (args, "--delay"), add (args, "150"), add (args, "Delete"), add (args, "ctrl+z");
  run_xdotool (args);
  assert_screen (&f, "3|1,2");

  page_fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  pr_test_require_display ();
  data_home = g_dir_make_tmp ("pr-ranking-drag-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  xdotool = g_find_program_in_path ("xdotool");
  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip_printf ("needs xdotool and an X11 display");
      fixture_remove_tree (data_home);
      return g_test_run ();
    }

  the_app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (the_app), NULL, NULL);

  g_test_add_func ("/peer-rank/ranking-drag/mouse", test_mouse_drag);
  g_test_add_func ("/peer-rank/ranking-drag/autoscroll", test_autoscroll);
  g_test_add_func ("/peer-rank/ranking-drag/drop-while-scrolling", test_drop_while_scrolling);
  g_test_add_func ("/peer-rank/ranking-drag/keys", test_real_keys);

  status = g_test_run ();
  g_clear_object (&the_app);
  g_free (xdotool);
  fixture_remove_tree (data_home);

  return status;
}
