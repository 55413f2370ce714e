/* test-atomic.c — durable, atomic and write-once writes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-atomic.h"

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pr-atomic-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_write_replace (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "round.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_atomic_write (path, "one", 3, &error));
  g_assert_no_error (error);
  g_assert_true (pr_atomic_write (path, "second", 6, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second");
  /* No temporary file is left behind. */
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_tree (dir);
}

static void
test_write_refuses_link (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *target = g_build_filename (dir, "target", NULL);
  g_autofree char *path = g_build_filename (dir, "round.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (target, "keep", -1, NULL));
  g_assert_cmpint (symlink (target, path), ==, 0);
  g_assert_false (pr_atomic_write (path, "evil", 4, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_SYMLINK);
  g_clear_error (&error);
  g_assert_false (pr_atomic_append (path, "evil", 4, TRUE, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_SYMLINK);
  g_clear_error (&error);
  g_assert_null (pr_atomic_read (path, 100, TRUE, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_SYMLINK);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep");
  remove_tree (dir);
}

static void
test_create_once (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ballot", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_atomic_create_once (path, "first", 5, &error));
  g_assert_no_error (error);
  g_assert_false (pr_atomic_create_once (path, "other", 5, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "first");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_tree (dir);
}

/* A writer killed half-way through a write-once file leaves nothing in
 * the folder (it may be the user's own, e.g. a re-issued invitation):
 * the bytes live in an unnamed file until they are linked. */
static void
test_create_once_killed (void)
{
  g_autofree char *dir = make_tmpdir ();
  pid_t pid;
  int status = 0;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PrAtomicPending *pending = pr_atomic_pending_new (dir, "half written", 12, NULL);

      if (pending != NULL)
        kill (getpid (), SIGKILL);
      _exit (3);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_tree (dir);
}

static void
test_append (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "journal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_atomic_append (path, "a\n", 2, FALSE, &error));
  g_assert_true (pr_atomic_append (path, "b\n", 2, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a\nb\n");
  remove_tree (dir);
}

/* A write cut short (a full disk; here the file size limit, which
 * stops write() part way the same way) leaves the file as it was. Runs
 * in a child, as the limit and SIGXFSZ belong to the process. */
static void
test_append_partial (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "journal", NULL);
  g_autofree char *contents = NULL;
  int status = 0;
  pid_t pid;

  g_assert_true (pr_atomic_append (path, "first\n", 6, TRUE, NULL));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 10, 10 };
      g_autoptr(GError) error = NULL;
      gboolean ok;

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (4);
      ok = pr_atomic_append (path, "second line\n", 12, TRUE, &error);
      _exit (ok ? 3 : strstr (error->message, g_strerror (EFBIG)) != NULL ? 0 : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "first\n");
  remove_tree (dir);
}

static void
test_read_checks (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *big = g_build_filename (dir, "big", NULL);
  g_autofree char *small = g_build_filename (dir, "small", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  FILE *f;

  /* A sparse 100 MB file: the cap must refuse it before reading. */
  f = fopen (big, "w");
  g_assert_cmpint (ftruncate (fileno (f), 100 * 1024 * 1024), ==, 0);
  fclose (f);
  g_assert_null (pr_atomic_read (big, 65536, FALSE, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (pr_atomic_read (dir, 65536, FALSE, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_REGULAR);
  g_clear_error (&error);
  g_assert_null (pr_atomic_read (missing, 65536, FALSE, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (small, "", 0, NULL));
  bytes = pr_atomic_read (small, 10, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  remove_tree (dir);
}

static void
test_fifo_not_blocking (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (pr_atomic_read (fifo, 100, TRUE, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_REGULAR);
  remove_tree (dir);
}

static void
test_batch (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *existing = g_build_filename (dir, "b", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PrAtomicBatch) batch = pr_atomic_batch_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  g_assert_true (pr_atomic_batch_add (batch, "a", "A", 1, &error));
  g_assert_true (pr_atomic_batch_add (batch, "b", "B", 1, &error));
  g_assert_true (pr_atomic_batch_add (batch, "c", "C", 1, &error));
  g_assert_cmpuint (pr_atomic_batch_size (batch), ==, 3);
  g_assert_true (pr_atomic_batch_commit (batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pr_atomic_batch_size (batch), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 3);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");

  /* A batch dropped without commit leaves nothing behind. */
  g_assert_true (pr_atomic_batch_add (batch, "d", "D", 1, &error));
  g_clear_pointer (&batch, pr_atomic_batch_free);
  g_assert_cmpuint (count_entries (dir), ==, 3);
  remove_tree (dir);
}

typedef struct {
  const char *dir;
  guint       first;
  GPtrArray  *pending;  /* PrAtomicPending, one per name */
} PendingJob;

static const char * const pending_names[] = { "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7" };

/* Writes ahead every other name, as the import's workers do. */
static gpointer
make_pending (gpointer data)
{
  PendingJob *job = data;

  for (guint i = job->first; i < G_N_ELEMENTS (pending_names); i += 2)
    {
      g_autoptr(GError) error = NULL;
      PrAtomicPending *pending = pr_atomic_pending_new (job->dir, pending_names[i],
                                                        strlen (pending_names[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (pending);
      g_ptr_array_index (job->pending, i) = pending;
    }
  return NULL;
}

static guint
count_visible (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    n += name[0] != '.';
  return n;
}

static void
test_pending (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *existing = g_build_filename (dir, "p2", NULL);
  g_autoptr(PrAtomicBatch) batch = pr_atomic_batch_new (dir);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  PendingJob jobs[2];
  GThread *threads[2];

  g_ptr_array_set_size (pending, G_N_ELEMENTS (pending_names));
  for (guint t = 0; t < 2; t++)
    {
      jobs[t] = (PendingJob) { dir, t, pending };
      threads[t] = g_thread_new ("pending", make_pending, &jobs[t]);
    }
  for (guint t = 0; t < 2; t++)
    g_thread_join (threads[t]);
  g_assert_cmpuint (count_visible (dir), ==, 0);

  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  /* p0 … p5 adopted (p2 exists already), p6 and p7 dropped. */
  for (guint i = 0; i < 6; i++)
    g_assert_true (pr_atomic_batch_adopt (batch, pending_names[i],
                                          g_ptr_array_index (pending, i), &error));
  pr_atomic_pending_free (g_ptr_array_index (pending, 6));
  pr_atomic_pending_free (g_ptr_array_index (pending, 7));
  g_assert_true (pr_atomic_batch_add (batch, "q", "Q", 1, &error));
  g_assert_cmpuint (pr_atomic_batch_size (batch), ==, 7);
  g_assert_true (pr_atomic_batch_commit (batch, &error));
  g_assert_no_error (error);

  /* Exactly the committed names, no temporary file left. */
  g_assert_cmpuint (count_entries (dir), ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (pending_names); i++)
    {
      g_autofree char *path = g_build_filename (dir, pending_names[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_cmpint (g_file_get_contents (path, &contents, NULL, NULL), ==, i < 6);
      if (i < 6)
        g_assert_cmpstr (contents, ==, i == 2 ? "old" : pending_names[i]);
    }
  remove_tree (dir);
}

static void
test_pending_errors (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(PrAtomicBatch) batch = pr_atomic_batch_new (dir);
  g_autoptr(GError) error = NULL;
  PrAtomicPending *pending;

  pending = pr_atomic_pending_new (missing, "x", 1, &error);
  g_assert_null (pending);
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A pending file dropped before its batch is committed leaves nothing. */
  pending = pr_atomic_pending_new (dir, "x", 1, &error);
  g_assert_no_error (error);
  g_assert_true (pr_atomic_batch_adopt (batch, "x", pending, &error));
  g_clear_pointer (&batch, pr_atomic_batch_free);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_tree (dir);
}

static void
test_clean_dir (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *tmp = g_build_filename (dir, ".pr-tmp-abcdef", NULL);
  g_autofree char *keep = g_build_filename (dir, "keep", NULL);

  g_assert_true (g_file_set_contents (tmp, "half", -1, NULL));
  g_assert_true (g_file_set_contents (keep, "x", -1, NULL));
  pr_atomic_clean_dir (dir);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (keep, G_FILE_TEST_EXISTS));
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/atomic/write-replace", test_write_replace);
  g_test_add_func ("/peer-rank/atomic/write-refuses-link", test_write_refuses_link);
  g_test_add_func ("/peer-rank/atomic/create-once", test_create_once);
  g_test_add_func ("/peer-rank/atomic/create-once-killed", test_create_once_killed);
  g_test_add_func ("/peer-rank/atomic/append", test_append);
  g_test_add_func ("/peer-rank/atomic/append-partial", test_append_partial);
  g_test_add_func ("/peer-rank/atomic/read-checks", test_read_checks);
  g_test_add_func ("/peer-rank/atomic/fifo-not-blocking", test_fifo_not_blocking);
  g_test_add_func ("/peer-rank/atomic/batch", test_batch);
  g_test_add_func ("/peer-rank/atomic/pending", test_pending);
  g_test_add_func ("/peer-rank/atomic/pending-errors", test_pending_errors);
  g_test_add_func ("/peer-rank/atomic/clean-dir", test_clean_dir);

  return g_test_run ();
}
