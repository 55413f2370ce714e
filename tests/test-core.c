/* test-core.c — core library set-up
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <sys/resource.h>

#include "pr-core.h"

static void
test_init_twice (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_core_init (&error));
  g_assert_no_error (error);
  g_assert_true (pr_core_init (&error));
  g_assert_no_error (error);
}

/* The soft limit on open files is raised to the hard one, so an import
 * can keep its large groups of written-ahead copies open. */
static void
test_raise_file_limit (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  if (limit.rlim_max <= 64)
    {
      g_test_skip ("the hard limit on open files is too low to lower the soft one");
      return;
    }
  limit.rlim_cur = 64;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);

  pr_core_raise_file_limit ();

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  g_assert_cmpuint (limit.rlim_cur, ==, limit.rlim_max);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/core/init-twice", test_init_twice);
  g_test_add_func ("/peer-rank/core/raise-file-limit", test_raise_file_limit);

  return g_test_run ();
}
