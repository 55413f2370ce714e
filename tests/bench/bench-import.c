/* bench-import.c — the import against the bare crypto loop, 1 and 2 threads
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a demo round of 50 members with 10,000 ballot files, then
 * times, each phase in its own child process so that peak RSS
 * (getrusage ru_maxrss) belongs to that phase:
 *   bare-1, bare-2   key exchange + decrypt + verify of every ballot held
 *                    in memory (pr_ballot_open), on 1 and 2 threads
 *   empty            open the round, unlock the key, import no files
 *   import-1/-2      the full import of the folder into a fresh copy of
 *                    the round, on 1 and 2 worker threads
 * Targets (issue 3): import − empty ≤ 2 × bare-1; import-1 / import-2 ≥
 * 1.6; peak RSS of an import ≤ 100 MB above that of the empty import.
 * Usage: bench-import [MEMBERS BALLOTS]; TMPDIR picks the disk.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "pr-atomic.h"
#include "pr-core.h"
#include "pr-demo.h"
#include "pr-envelope.h"
#include "pr-import.h"

typedef struct {
  double seconds;
  long   max_rss_kb;
} Figure;

static GPtrArray *
read_all (const char *dir)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_ptr_array_add (all, pr_atomic_read (path, PR_ENVELOPE_MAX_SIZE, TRUE, NULL));
    }
  return all;
}

typedef struct {
  PrBallotOpener *opener;
  GPtrArray      *all;
  guint           first, step;
  guint           ok;
} BareSlice;

static gpointer
bare_slice (gpointer data)
{
  BareSlice *slice = data;
  PrSecret *ws = pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (slice->opener));

  for (guint i = slice->first; i < slice->all->len; i += slice->step)
    {
      GBytes *bytes = g_ptr_array_index (slice->all, i);
      PrBallotInfo info;

      slice->ok += pr_ballot_open (slice->opener, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), ws, &info, NULL);
      pr_secret_wipe (ws);
    }
  return NULL;
}

static double
phase_bare (const char *demo,
            guint       threads)
{
  g_autofree char *round = g_build_filename (demo, "round", NULL);
  g_autofree char *ballots = g_build_filename (demo, "ballots", NULL);
  g_autoptr(PrStore) store = pr_store_open (round, NULL);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, PR_DEMO_PASSPHRASE, NULL);
  g_autoptr(GPtrArray) all = read_all (ballots);
  BareSlice slices[2];
  GThread *workers[2];
  gint64 start = g_get_monotonic_time ();
  guint ok = 0;

  for (guint t = 0; t < threads; t++)
    {
      slices[t] = (BareSlice) { opener, all, t, threads, 0 };
      workers[t] = g_thread_new ("bare", bare_slice, &slices[t]);
    }
  for (guint t = 0; t < threads; t++)
    {
      g_thread_join (workers[t]);
      ok += slices[t].ok;
    }
  if (ok != all->len)
    g_error ("bare loop: %u of %u ballots opened", ok, all->len);
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static double
phase_import (const char *demo,
              const char *round,
              guint       threads,
              gboolean    files)
{
  g_autofree char *ballots = g_build_filename (demo, "ballots", NULL);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PrStore) store = pr_store_open (round, NULL);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, PR_DEMO_PASSPHRASE, NULL);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;

  if (opener == NULL)
    g_error ("cannot unlock %s", round);
  if (files)
    pr_import_input_add_path (input, ballots);
  report = pr_import_run (store, opener, input, threads, NULL, NULL, NULL, NULL);
  if (report == NULL || report->counts[PR_BALLOT_STATUS_REJECTED] != 0)
    g_error ("import failed");
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Child mode: run one phase, print "seconds max_rss_kb". */
static int
child_main (char **argv)
{
  const char *phase = argv[2], *demo = argv[3], *round = argv[4];
  guint threads = (guint) atoi (argv[5]);
  struct rusage usage;
  double seconds;

  if (g_str_equal (phase, "bare"))
    seconds = phase_bare (demo, threads);
  else
    seconds = phase_import (demo, round, threads, !g_str_equal (phase, "empty"));
  getrusage (RUSAGE_SELF, &usage);
  printf ("%.6f %ld\n", seconds, usage.ru_maxrss);
  return 0;
}

static Figure
run_phase (const char *self,
           const char *phase,
           const char *demo,
           const char *round,
           guint       threads)
{
  g_autofree char *out = NULL;
  g_autofree char *t = g_strdup_printf ("%u", threads);
  const char *argv[] = { self, "--child", phase, demo, round, t, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;
  Figure figure = { 0, 0 };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  if (error != NULL || !g_spawn_check_wait_status (status, NULL) ||
      sscanf (out, "%lf %ld", &figure.seconds, &figure.max_rss_kb) != 2)
    g_error ("phase %s failed", phase);
  return figure;
}

/* A fresh copy of the empty demo round (round.json, key, journal). */
static char *
copy_round (const char *demo,
            const char *name)
{
  g_autofree char *src = g_build_filename (demo, "round", NULL);
  char *dst = g_build_filename (demo, name, NULL);
  g_autofree char *cmd = g_strdup_printf ("cp -r '%s' '%s'", src, dst);

  if (system (cmd) != 0)
    g_error ("cannot copy the round");
  return dst;
}

int
main (int    argc,
      char **argv)
{
  guint members = 50, ballots = 10000;
  g_autofree char *tmp = NULL, *demo = NULL, *r_empty = NULL, *r1 = NULL, *r2 = NULL;
  g_autofree char *cmd = NULL;
  g_autoptr(GError) error = NULL;
  Figure bare1, bare2, empty, imp1, imp2;
  gint64 start;

  if (!pr_core_init (NULL))
    return 1;
  if (argc == 6 && g_str_equal (argv[1], "--child"))
    return child_main (argv);
  if (argc == 3)
    {
      members = (guint) atoi (argv[1]);
      ballots = (guint) atoi (argv[2]);
    }
  tmp = g_dir_make_tmp ("pr-bench-XXXXXX", NULL);
  demo = g_build_filename (tmp, "demo", NULL);
  start = g_get_monotonic_time ();
  if (!pr_demo_generate (demo, members, ballots, 1, NULL, &error))
    g_error ("%s", error->message);
  printf ("generated %u ballots for %u members in %s: %.2f s\n", ballots, members, tmp,
          (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  r_empty = copy_round (demo, "round-empty");
  r1 = copy_round (demo, "round-1");
  r2 = copy_round (demo, "round-2");

  bare1 = run_phase (argv[0], "bare", demo, "-", 1);
  bare2 = run_phase (argv[0], "bare", demo, "-", 2);
  empty = run_phase (argv[0], "empty", demo, r_empty, 1);
  imp1 = run_phase (argv[0], "import", demo, r1, 1);
  imp2 = run_phase (argv[0], "import", demo, r2, 2);

  printf ("bare loop (kx + decrypt + verify), 1 thread:  %8.3f s  %6ld KB peak\n", bare1.seconds, bare1.max_rss_kb);
  printf ("bare loop (kx + decrypt + verify), 2 threads: %8.3f s  %6ld KB peak\n", bare2.seconds, bare2.max_rss_kb);
  printf ("import of no files (open + key):             %8.3f s  %6ld KB peak\n", empty.seconds, empty.max_rss_kb);
  printf ("full import, 1 thread:                       %8.3f s  %6ld KB peak\n", imp1.seconds, imp1.max_rss_kb);
  printf ("full import, 2 threads:                      %8.3f s  %6ld KB peak\n", imp2.seconds, imp2.max_rss_kb);
  printf ("(import-1 − empty) / bare-1 = %.2f  (target ≤ 2)\n", (imp1.seconds - empty.seconds) / bare1.seconds);
  printf ("(import-2 − empty) / bare-1 = %.2f\n", (imp2.seconds - empty.seconds) / bare1.seconds);
  printf ("import-1 / import-2 = %.2f  (target ≥ 1.6)\n", imp1.seconds / imp2.seconds);
  printf ("bare-1 / bare-2 = %.2f\n", bare1.seconds / bare2.seconds);
  printf ("peak RSS above empty import: %ld KB (1 thread), %ld KB (2 threads)  (target ≤ 100 MB)\n",
          imp1.max_rss_kb - empty.max_rss_kb, imp2.max_rss_kb - empty.max_rss_kb);

  cmd = g_strdup_printf ("rm -rf '%s'", tmp);
  return system (cmd) == 0 ? 0 : 1;
}
