/* bench-window-import.c — the longest main-loop stall of the organizer's
 * window while 10,000 ballot files are imported into an unlocked round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts nothing. The round and its ballots come from
 * `peer-rank-cli demo` (PR_CLI); the window is the real one: open the
 * round, unlock it, import the folder through round.import-paths, while
 * a high-priority 1 ms timer records the longest gap between its runs —
 * the longest time the main loop could not answer a person. Then the
 * same while the Results tab reads the counted ballots again and the
 * results are computed.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>

#include "pr-application.h"
#include "pr-round-page-private.h"
#include "pr-window-private.h"

#define N_FILES 10000

/* Two figures per gap between ticks: its wall-clock length (what a
 * person sees, including time the scheduler gave to other processes on
 * a busy machine) and the processor time the window's own thread spent
 * in it (the work the window did without answering). */
typedef struct {
  gint64 last;
  gint64 last_cpu;
  gint64 longest;
  gint64 longest_cpu;
  guint  ticks;
} Stall;

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (stall->last != 0)
    {
      stall->longest = MAX (stall->longest, now - stall->last);
      stall->longest_cpu = MAX (stall->longest_cpu, cpu - stall->last_cpu);
    }
  stall->last = now;
  stall->last_cpu = cpu;
  stall->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
measure_idle (Stall *stall)
{
  guint id = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, stall, NULL);
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
flag_cb (gpointer  instance,
         gboolean *flag)
{
  *flag = TRUE;
}

static void
routed_cb (PrWindow *window,
           GFile    *file,
           int       kind,
           gboolean *flag)
{
  *flag = TRUE;
}

static void
unlocked_cb (PrRoundPage *page,
             gboolean     success,
             int         *out)
{
  *out = success;
}

static char *
make_demo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-bench-window-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "demo", NULL);
  g_autofree char *n = g_strdup_printf ("%d", N_FILES);
  /* PR_BENCH_MEMBERS=1000 makes a round with many counted ballots. */
  const char *members = g_getenv ("PR_BENCH_MEMBERS") != NULL ? g_getenv ("PR_BENCH_MEMBERS") : "60";
  const char *argv[] = { g_getenv ("PR_CLI"), "demo", out, "--members", members, "--ballots", n,
                         "--seed", "10", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (argv[0] == NULL ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "peer-rank-cli demo failed: %s\n", error != NULL ? error->message : "PR_CLI not set");
      exit (1);
    }
  return g_steal_pointer (&out);
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *demo = NULL;
  g_autofree char *round = NULL;
  g_autofree char *ballots = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GFile) round_file = NULL;
  PrApplication *app;
  PrWindow *window;
  PrRoundPage *page;
  Stall stall = { 0 };
  Stall idle = { 0 };
  Stall results = { 0 };
  Stall unlocking = { 0 };
  gboolean routed = FALSE, finished = FALSE, computed = FALSE;
  int unlocked = -1;
  const char *paths[] = { NULL, NULL };
  gint64 start, end;
  guint id;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("bench-window-import: skipped, no display (run under xvfb-run)\n");
      return 0;
    }
  /* Xvfb has no GPU: GL would be drawn by llvmpipe, whose own threads
   * compete with the import for the processor. Cairo draws in the
   * window's thread, so its cost is counted as the window's work. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  adw_init ();
  demo = make_demo ();
  round = g_build_filename (demo, "round", NULL);
  ballots = g_build_filename (demo, "ballots", NULL);
  paths[0] = ballots;

  app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = pr_window_new (GTK_APPLICATION (app), pr_application_get_settings (app));
  page = PR_ROUND_PAGE (pr_window_get_round_page (window));
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect (window, "file-routed", G_CALLBACK (routed_cb), &routed);
  round_file = g_file_new_for_path (round);
  pr_window_open_file (window, round_file);
  while (!routed)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (page, "unlocked", G_CALLBACK (unlocked_cb), &unlocked);
  gtk_editable_set_text (pr_round_page_get_passphrase (page), "demo");
  gtk_widget_activate_action (GTK_WIDGET (page), "round.unlock", NULL);
  /* Unlocking (the key derivation runs in a thread), then showing the
   * participation list and the results: 2 s measured from the start. */
  measure_idle (&unlocking);
  if (unlocked != TRUE)
    {
      fprintf (stderr, "the demo round did not unlock\n");
      return 1;
    }

  measure_idle (&idle);
  g_signal_connect (page, "import-finished", G_CALLBACK (flag_cb), &finished);
  g_signal_connect (pr_round_page_get_results_page (page), "computed", G_CALLBACK (flag_cb), &computed);
  id = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &stall, NULL);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (page), "round.import-paths", "^as", paths);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();
  g_source_remove (id);

  /* The Results tab shown, as a person would look at it next. */
  gtk_stack_set_visible_child_name (page->view_stack, "results");
  id = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &results, NULL);
  computed = FALSE;
  while (!computed)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);

  printf ("unlocking and showing the round (%s members): longest stall %.1f ms wall clock, "
          "%.1f ms of the window's own work\n",
          g_getenv ("PR_BENCH_MEMBERS") != NULL ? g_getenv ("PR_BENCH_MEMBERS") : "60",
          unlocking.longest / 1000.0, unlocking.longest_cpu / 1000.0);
  printf ("files imported: %u (%u in the report)\n", N_FILES,
          g_list_model_get_n_items (pr_report_view_get_items (pr_round_page_get_report_view (page))));
  printf ("import time in the window: %.2f s\n", (end - start) / 1e6);
  printf ("longest main-loop stall: %.1f ms wall clock, %.1f ms of the window's own work "
          "(1 ms timer, %u ticks)\n", stall.longest / 1000.0, stall.longest_cpu / 1000.0, stall.ticks);
  printf ("results after it: %u ballots counted, ready %.2f s after the import; longest stall "
          "%.1f ms wall clock, %.1f ms of the window's own work\n",
          pr_profile_get_n_ballots (pr_results_page_get_analysis (pr_round_page_get_results_page (page))->results->profile),
          (g_get_monotonic_time () - end) / 1e6, results.longest / 1000.0, results.longest_cpu / 1000.0);
  printf ("the same window idle for 2 s: %.1f ms wall clock, %.1f ms of its own work "
          "(the machine's scheduling noise)\n", idle.longest / 1000.0, idle.longest_cpu / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
  parent = g_path_get_dirname (demo);
  remove_tree (parent);
  return 0;
}
