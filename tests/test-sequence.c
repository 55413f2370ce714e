/* test-sequence.c — per-invitation ballot sequence numbers
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pr-atomic.h"
#include "pr-core.h"
#include "pr-sequence.h"
#include "pr-store.h"

static void
test_monotonic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pr-seq-XXXXXX", NULL);
  guint64 now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  guint64 a = 0, b = 0, c = 0, last = 0;

  g_assert_true (pr_sequence_last (dir, "inv-1", &last, &error));
  g_assert_cmpuint (last, ==, 0);
  g_assert_true (pr_sequence_next (dir, "inv-1", &a, &error));
  g_assert_true (pr_sequence_next (dir, "inv-1", &b, &error));
  g_assert_true (pr_sequence_next (dir, "inv-2", &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a, >=, now);
  g_assert_cmpuint (b, >, a);
  g_assert_cmpuint (c, >=, now);
  g_assert_true (pr_sequence_last (dir, "inv-1", &last, &error));
  g_assert_cmpuint (last, ==, b);
}

static void
test_future_last (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pr-seq-XXXXXX", NULL);
  guint64 seq = 0, last = 0;
  guint64 future = (guint64) (g_get_real_time () / G_USEC_PER_SEC) + 100000;
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_true (pr_sequence_next (dir, "inv", &seq, &error));
  /* A clock that went backwards must not reuse a number. */
  d = g_dir_open (dir, 0, NULL);
  name = g_dir_read_name (d);
  {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", future);

    g_assert_true (g_file_set_contents (path, text, -1, NULL));
  }
  g_assert_true (pr_sequence_next (dir, "inv", &seq, &error));
  g_assert_cmpuint (seq, ==, future + 1);
  g_assert_true (pr_sequence_last (dir, "inv", &last, &error));
  g_assert_cmpuint (last, ==, future + 1);
}

/* One ballot sealed while the clock was days ahead must not push every
 * later one into the future, where the organizer's import flags it. */
static void
test_clock_was_ahead (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pr-seq-XXXXXX", NULL);
  guint64 seq = 0, now;
  g_autoptr(GDir) d = NULL;

  g_assert_true (pr_sequence_next (dir, "inv", &seq, &error));
  d = g_dir_open (dir, 0, NULL);
  {
    g_autofree char *path = g_build_filename (dir, g_dir_read_name (d), NULL);
    guint64 ahead = (guint64) (g_get_real_time () / G_USEC_PER_SEC) + 3 * PR_STORE_FLAG_AHEAD_SECONDS;
    g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", ahead);

    g_assert_true (g_file_set_contents (path, text, -1, NULL));
  }
  now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (pr_sequence_next (dir, "inv", &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seq, >=, now);
  g_assert_cmpuint (seq, <=, now + 5);
}

static void
test_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pr-seq-XXXXXX", NULL);
  guint64 seq = 0;
  g_autoptr(GDir) d = NULL;
  g_autofree char *path = NULL;

  g_assert_true (pr_sequence_next (dir, "inv", &seq, &error));
  d = g_dir_open (dir, 0, NULL);
  path = g_build_filename (dir, g_dir_read_name (d), NULL);
  g_assert_true (g_file_set_contents (path, "garbage", -1, NULL));
  g_assert_false (pr_sequence_next (dir, "inv", &seq, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_default_dir (void)
{
  g_autoptr(GError) error = NULL;
  const char *home = g_getenv ("XDG_DATA_HOME");
  g_autofree char *dir = NULL;
  g_autofree char *expected = g_build_filename (home, "peer-rank", "sequences", NULL);
  guint64 seq = 0;

  /* g_get_user_data_dir() reads XDG_DATA_HOME once, so set it before any use. */
  g_assert_cmpstr (g_get_user_data_dir (), ==, home);
  dir = pr_sequence_default_dir ();
  g_assert_cmpstr (dir, ==, expected);
  g_assert_true (pr_sequence_next (NULL, "inv", &seq, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_DIR));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("pr-xdg-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/sequence/monotonic", test_monotonic);
  g_test_add_func ("/peer-rank/sequence/future-last", test_future_last);
  g_test_add_func ("/peer-rank/sequence/clock-was-ahead", test_clock_was_ahead);
  g_test_add_func ("/peer-rank/sequence/damaged", test_damaged);
  g_test_add_func ("/peer-rank/sequence/default-dir", test_default_dir);

  return g_test_run ();
}
