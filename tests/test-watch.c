/* test-watch.c — a watched folder hands over each complete file once
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <utime.h>

#include "pr-watch.h"
#include "store-fixture.h"

typedef struct {
  char      *dir;
  PrWatch   *watch;
  GPtrArray *handed;     /* every path handed over, in order */
  GPtrArray *contents;   /* what each file held when handed over */
} Fixture;

static void
ready_cb (PrWatch            *watch,
          const char * const *paths,
          Fixture            *f)
{
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      g_file_get_contents (paths[i], &text, NULL, NULL);
      g_ptr_array_add (f->handed, g_path_get_basename (paths[i]));
      g_ptr_array_add (f->contents, g_steal_pointer (&text));
    }
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->dir = fixture_tmpdir ();
  f->watch = pr_watch_new ((const char * const[]) { f->dir, NULL });
  f->handed = g_ptr_array_new_with_free_func (g_free);
  f->contents = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->watch, "files-ready", G_CALLBACK (ready_cb), f);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_assert_finalize_object (f->watch);
  g_ptr_array_unref (f->handed);
  g_ptr_array_unref (f->contents);
  fixture_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @n files were handed over, at most @ms. */
static void
run_until (Fixture *f,
           guint    n,
           guint    ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &done);

  while (!done && f->handed->len < n)
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (id);
}

static void
append (Fixture    *f,
        const char *name,
        const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  FILE *file = fopen (path, "a");

  g_assert_nonnull (file);
  fputs (text, file);
  fclose (file);
}

static void
test_names (void)
{
  const struct {
    const char  *name;
    PrWatchName  kind;
    gboolean     conflict;
  } cases[] = {
    { "ballot-1a2b-c3d4.json", PR_WATCH_NAME_BALLOT, FALSE },
    { "Ballot.JSON", PR_WATCH_NAME_BALLOT, FALSE },
    { "Re: my ballot.eml", PR_WATCH_NAME_MAIL, FALSE },
    { "Inbox.mbox", PR_WATCH_NAME_MAIL, FALSE },
    { "notes.txt", PR_WATCH_NAME_IGNORED, FALSE },
    /* still being written by a sync tool or a browser */
    { ".syncthing.ballot.json.tmp", PR_WATCH_NAME_IGNORED, FALSE },
    { ".ballot.json.~3f2a", PR_WATCH_NAME_IGNORED, FALSE },
    { "ballot.json.part", PR_WATCH_NAME_IGNORED, FALSE },
    { "ballot.json.crdownload", PR_WATCH_NAME_IGNORED, FALSE },
    { "~$ballot.json", PR_WATCH_NAME_IGNORED, FALSE },
    { "ballot.json~", PR_WATCH_NAME_IGNORED, FALSE },
    /* conflict copies: read, and marked */
    { "ballot.sync-conflict-20260301-101010-ABCDEFG.json", PR_WATCH_NAME_BALLOT, TRUE },
    { "ballot (conflicted copy 2026-03-01 101010).json", PR_WATCH_NAME_BALLOT, TRUE },
    { "ballot_conflict-20260301-101010.json", PR_WATCH_NAME_BALLOT, TRUE },
    { "ballot.json.conflict", PR_WATCH_NAME_BALLOT, TRUE },
    { "Inbox.mbox.conflict-1", PR_WATCH_NAME_MAIL, TRUE },
    { "conflict-notes.txt", PR_WATCH_NAME_IGNORED, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean conflict = !cases[i].conflict;

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (pr_watch_classify_name (cases[i].name, &conflict), ==, cases[i].kind);
      g_assert_cmpint (conflict, ==, cases[i].conflict);
    }
}

/* A file written in pieces, each sooner than the settle time after the
 * last, is handed over once, whole. */
static void
test_pieces (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pr_watch_set_timing (f->watch, 400, 60000);
  g_assert_true (pr_watch_start (f->watch, &error));
  g_assert_no_error (error);
  run_for (50);
  append (f, "ballot.json", "{\"format\":");
  run_for (150);
  append (f, "ballot.json", "\"peer-rank-ballot\",");
  run_for (150);
  g_assert_cmpuint (f->handed->len, ==, 0);
  g_assert_cmpuint (pr_watch_get_n_waiting (f->watch), ==, 1);
  append (f, "ballot.json", "\"version\":1}\n");
  run_until (f, 1, 3000);
  g_assert_cmpuint (f->handed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->handed, 0), ==, "ballot.json");
  g_assert_cmpstr (g_ptr_array_index (f->contents, 0), ==,
                   "{\"format\":\"peer-rank-ballot\",\"version\":1}\n");
  /* Nothing more while it stays as it is. */
  run_for (900);
  g_assert_cmpuint (f->handed->len, ==, 1);
  g_assert_cmpuint (pr_watch_get_n_waiting (f->watch), ==, 0);

  /* Changed again (a mailbox that grew): handed over again, once. */
  append (f, "ballot.json", "more\n");
  run_until (f, 2, 3000);
  run_for (600);
  g_assert_cmpuint (f->handed->len, ==, 2);
  pr_watch_stop (f->watch);
}

/* On a file system that sends no events, the rescans find new files;
 * files already there and left alone are handed over at the start. */
static void
test_rescan_without_events (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_build_filename (f->dir, "a-old.json", NULL);
  struct utimbuf past = { 1000000000, 1000000000 };

  append (f, "a-old.json", "old\n");
  g_assert_cmpint (utime (old, &past), ==, 0);
  pr_watch_set_timing (f->watch, 300, 250);
  pr_watch_set_monitor (f->watch, FALSE);
  g_assert_true (pr_watch_start (f->watch, &error));
  run_until (f, 1, 200);
  g_assert_cmpuint (f->handed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->handed, 0), ==, "a-old.json");

  append (f, "b-new.eml", "From: x\n\nhi\n");
  append (f, ".b-new.json.tmp", "partial");
  append (f, "b-notes.txt", "not ours");
  run_until (f, 2, 3000);
  g_assert_cmpuint (f->handed->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->handed, 1), ==, "b-new.eml");
  run_for (700);
  g_assert_cmpuint (f->handed->len, ==, 2);
  pr_watch_stop (f->watch);
}

/* A sync tool writes under a hidden name and renames the file into
 * place: only the final name is handed over, at once (its time is old). */
static void
test_renamed_into_place (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_build_filename (f->dir, ".syncthing.c.json.tmp", NULL);
  g_autofree char *final = g_build_filename (f->dir, "c.sync-conflict-20260301-101010-ABC.json", NULL);
  struct utimbuf past = { 1000000000, 1000000000 };

  pr_watch_set_timing (f->watch, 5000, 60000);
  g_assert_true (pr_watch_start (f->watch, &error));
  run_for (50);
  append (f, ".syncthing.c.json.tmp", "whole\n");
  g_assert_cmpint (utime (tmp, &past), ==, 0);
  run_for (100);
  g_assert_cmpint (g_rename (tmp, final), ==, 0);
  run_until (f, 1, 3000);
  g_assert_cmpuint (f->handed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->handed, 0), ==, "c.sync-conflict-20260301-101010-ABC.json");
  pr_watch_stop (f->watch);
}

/* A folder named relative to the current one: what the monitor reports
 * and what a rescan lists is the same file, handed over once. */
static void
test_relative_folder (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *parent = g_path_get_dirname (f->dir);
  g_autofree char *name = g_path_get_basename (f->dir);
  g_autoptr(PrWatch) watch = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chdir (parent), ==, 0);
  watch = pr_watch_new ((const char * const[]) { name, NULL });
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_cmpstr (pr_watch_get_folders (watch)[0], ==, f->dir);
  g_signal_connect (watch, "files-ready", G_CALLBACK (ready_cb), f);
  pr_watch_set_timing (watch, 200, 150);
  g_assert_true (pr_watch_start (watch, &error));
  run_for (50);
  append (f, "ballot.json", "whole\n");
  run_until (f, 1, 3000);
  run_for (800);
  g_assert_cmpuint (f->handed->len, ==, 1);
  pr_watch_stop (watch);
}

static void
test_not_a_folder (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autoptr(PrWatch) watch = pr_watch_new ((const char * const[]) { missing, NULL });
  g_autoptr(GError) error = NULL;

  g_assert_false (pr_watch_start (watch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_false (pr_watch_is_running (watch));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/watch/names", test_names);
  g_test_add ("/peer-rank/watch/pieces", Fixture, NULL, set_up, test_pieces, tear_down);
  g_test_add ("/peer-rank/watch/rescan-without-events", Fixture, NULL, set_up,
              test_rescan_without_events, tear_down);
  g_test_add ("/peer-rank/watch/renamed-into-place", Fixture, NULL, set_up,
              test_renamed_into_place, tear_down);
  g_test_add ("/peer-rank/watch/relative-folder", Fixture, NULL, set_up, test_relative_folder,
              tear_down);
  g_test_add ("/peer-rank/watch/not-a-folder", Fixture, NULL, set_up, test_not_a_folder, tear_down);
  return g_test_run ();
}
