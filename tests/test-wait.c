/* test-wait.c — the tests' waits on the main loop end, one way or another
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "pr-test-display.h"

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* What comes is waited for, by each form of the wait. */
static void
test_arrives (void)
{
  gboolean flag = FALSE;

  g_timeout_add (20, set_flag_cb, &flag);
  pr_test_wait_flag (&flag);
  g_assert_true (flag);

  flag = FALSE;
  g_timeout_add (20, set_flag_cb, &flag);
  pr_test_wait_until (is_set, &flag, "the flag");
  g_assert_true (flag);

  flag = FALSE;
  g_idle_add (set_flag_cb, &flag);
  pr_test_wait (flag, "the flag");
  /* Its deadline does not outlive it. */
  g_assert_false (g_main_context_pending (NULL));
}

/* What never comes fails the test, saying what was awaited, even with
 * nothing at all happening in the main loop meanwhile. */
static void
test_never_arrives (void)
{
  if (g_test_subprocess ())
    {
      gboolean never = FALSE;

      pr_test_wait_seconds (never, 1, "something that never comes");
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*gave up after 1 s waiting for something that never comes*test-wait.c*");
}

/* The same with the usual deadline, naming the flag and the test. */
static void
test_flag_never_set (void)
{
  if (!g_test_subprocess () && !g_test_slow ())
    {
      g_test_skip ("takes PR_TEST_WAIT_SECONDS; run with -m slow");
      return;
    }
  if (g_test_subprocess ())
    {
      gboolean finished = FALSE;

      pr_test_wait_flag (&finished);
      return;
    }
  g_test_trap_subprocess (NULL, 2 * PR_TEST_WAIT_SECONDS * G_USEC_PER_SEC, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*/peer-rank/wait/flag-never-set*waiting for &finished*");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/wait/arrives", test_arrives);
  g_test_add_func ("/peer-rank/wait/never-arrives", test_never_arrives);
  g_test_add_func ("/peer-rank/wait/flag-never-set", test_flag_never_set);

  return g_test_run ();
}
