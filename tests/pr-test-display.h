/* pr-test-display.h — skip cleanly where there is no display; wait for
 * the window
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* Window tests need a display. Where there is none (a Flatpak build's
 * run-tests, a bare CI shell) the whole program is one TAP skip, which
 * meson counts as skipped — its TAP equivalent of exit status 77. */
static inline void
pr_test_require_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display (run under xvfb-run or ./build-aux/test)\n");
      exit (0);
    }
}

/* A signal handler (any signal without arguments) that sets the
 * gboolean it was connected with. */
static inline void
pr_test_set_flag (gpointer  instance,
                  gboolean *flag)
{
  *flag = TRUE;
}

/* The same for a signal that says whether it succeeded (a round page's
 * "unlocked"): it must have. */
static inline void
pr_test_set_flag_on_success (gpointer  instance,
                             gboolean  success,
                             gboolean *flag)
{
  g_assert_true (success);
  *flag = TRUE;
}

/* Runs the main loop until *@flag is set. */
static inline void
pr_test_wait_flag (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}
