/* bench-ranking-moves.c — main-loop time of one move on the associate's
 * ranking page at 300 people
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts nothing. The window is the real one showing a
 * real 300-member invitation; each move is the row's own action (what its
 * key, button or menu item runs) on the focused row, as a keyboard user
 * makes it. Per move, two parts of the window's own
 * thread's processor time: the move itself (model, rows, labels, draft
 * file), and the frame that shows it (layout and drawing, timed from the
 * frame clock's "before-paint" to its "after-paint"). Their sum is the
 * time the main loop could not answer a person; the budget is
 * 16 ms.
 */

#include "config.h"

#include <time.h>

#include "pr-application.h"
#include "../ranking-page-fixture.h"

#define N_PEOPLE 300
#define N_MOVES  60

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct {
  gint64   before;
  gint64   laid_out;
  gint64   frame;
  gint64   layout;
  gint64   longest;     /* the longest single frame */
  guint    n_frames;
  gboolean painted;
} Frame;

static void
before_paint_cb (GdkFrameClock *clock,
                 Frame         *frame)
{
  frame->before = thread_cpu_usec ();
}

/* Connected after the window's own handler: the layout is done. */
static void
layout_cb (GdkFrameClock *clock,
           Frame         *frame)
{
  if (frame->before != 0)
    frame->laid_out = thread_cpu_usec ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frame         *frame)
{
  if (frame->before == 0)
    return;
  frame->longest = MAX (frame->longest, thread_cpu_usec () - frame->before);
  frame->n_frames++;
  frame->frame += thread_cpu_usec () - frame->before;
  if (frame->laid_out != 0)
    frame->layout += frame->laid_out - frame->before;
  frame->before = frame->laid_out = 0;
  frame->painted = TRUE;
}

/* Runs the main loop until a frame has been drawn and nothing is left
 * to do (the page scrolls to the moved person after that frame's layout,
 * which can ask for one more). */
static void
wait_frames (GdkFrameClock *clock,
             Frame         *frame)
{
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  frame->painted = FALSE;
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (!frame->painted && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *values)
{
  g_array_sort (values, compare_int64);
  printf ("%-30s median %6.2f ms   90%% %6.2f ms   max %6.2f ms\n", what,
          g_array_index (values, gint64, values->len / 2) / 1000.0,
          g_array_index (values, gint64, values->len * 9 / 10) / 1000.0,
          g_array_index (values, gint64, values->len - 1) / 1000.0);
}

/* The move for step @i, always one that changes something: rank someone
 * not ranked (Alt+Up), else take them to the top (Alt+Home), one down
 * (Alt+Down) or out (Delete), in turn. */
static const char *
move_for (PageFixture *f,
          guint        i,
          guint       *member)
{
  static const char *ranked_moves[] = { "row.move-first", "row.move-down", "row.unrank" };
  const PrRanking *ranking = pr_ranking_page_get_ranking (f->page);

  *member = 1 + (i * 37) % (N_PEOPLE - 1);
  if (!pr_ranking_is_ranked (ranking, *member))
    return "row.rank";
  if (pr_ranking_get_position (ranking, *member) == 0)
    return "row.unrank";
  return ranked_moves[i % G_N_ELEMENTS (ranked_moves)];
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("pr-bench-moves-XXXXXX", NULL);
  g_autoptr(PrApplication) app = NULL;
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) layouts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) focuses = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_frames = 0;
  PageFixture f;
  GdkFrameClock *clock;
  Frame frame = { 0 };

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();
  adw_init ();
  if (gdk_display_get_default () == NULL)
    {
      printf ("needs a display\n");
      return 0;
    }
  app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  page_fixture_init (&f, app, N_PEOPLE, 1);
  if (!page_fixture_open (f.window, f.invitation_path))
    return 1;
  /* Half the roster ranked, as in a real round. */
  for (guint m = 1; m < N_PEOPLE; m += 2)
    gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, m)), "row.rank", NULL);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f.window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &frame);
  g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), &frame);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), &frame);
  wait_frames (clock, &frame);

  for (guint i = 0; i < N_MOVES; i++)
    {
      guint member;
      const char *action = move_for (&f, i, &member);
      gint64 start, move, shown, stall, focus;

      /* A keyboard user first goes to the person (arrow keys, search),
       * which is GTK's focus handling, timed apart. */
      frame.frame = 0;
      start = thread_cpu_usec ();
      gtk_widget_grab_focus (GTK_WIDGET (pr_ranking_page_get_row (f.page, member)));
      wait_frames (clock, &frame);
      focus = thread_cpu_usec () - start;
      g_array_append_val (focuses, focus);

      frame.frame = frame.layout = frame.longest = 0;
      frame.n_frames = 0;
      start = thread_cpu_usec ();
      gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, member)), action, NULL);
      move = thread_cpu_usec () - start;
      wait_frames (clock, &frame);
      shown = frame.frame;
      stall = move + frame.longest;
      g_array_append_val (stalls, stall);
      if (g_getenv ("PR_BENCH_VERBOSE"))
        printf ("  %-18s member %3u: move %5.2f ms, frames %5.2f ms (%u)\n", action, member, move / 1000.0,
                shown / 1000.0, frame.n_frames);
      n_frames += frame.n_frames;
      g_array_append_val (moves, move);
      g_array_append_val (frames, shown);
      g_array_append_val (layouts, frame.layout);
      move += shown;
      g_array_append_val (totals, move);
    }

  printf ("%u moves at %u people (%u ranked at the start):\n", N_MOVES, N_PEOPLE, N_PEOPLE / 2);
  report ("the move (model, rows, draft)", moves);
  report ("the frames showing it", frames);
  report ("  of which layout", layouts);
  report ("all of it per move", totals);
  printf ("(%.1f frames a move: the view scrolls to the person, GTK animates focus scrolling)\n",
          n_frames / (double) N_MOVES);
  report ("longest stall: move + frame", stalls);
  report ("(going to the person first)", focuses);

  page_fixture_clear (&f);
  fixture_remove_tree (data_home);
  return 0;
}
