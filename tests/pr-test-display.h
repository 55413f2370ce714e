/* pr-test-display.h — skip cleanly where there is no display; wait for
 * the window, never for ever
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

/* ---- waiting, with a deadline ----
 *
 * A test that waits for something that never comes must fail saying what
 * it waited for, not hang until meson kills it without a word. Every wait
 * on the main loop goes through these. */

/* Long enough for a slow, busy CI machine running sanitizers. */
#define PR_TEST_WAIT_SECONDS 30

typedef struct {
  guint    id;
  gboolean expired;
} PrTestDeadline;

static inline gboolean
pr_test_deadline_expire_cb (gpointer data)
{
  PrTestDeadline *deadline = data;

  deadline->expired = TRUE;
  deadline->id = 0;
  return G_SOURCE_REMOVE;
}

/* A deadline @seconds from now: its timeout also wakes a main loop that
 * has nothing else to do, so a blocking iteration never outlasts it. */
static inline void
pr_test_deadline_start (PrTestDeadline *deadline,
                        guint           seconds)
{
  deadline->expired = FALSE;
  deadline->id = g_timeout_add_seconds (seconds, pr_test_deadline_expire_cb, deadline);
}

static inline void
pr_test_deadline_stop (PrTestDeadline *deadline)
{
  g_clear_handle_id (&deadline->id, g_source_remove);
}

/* One blocking iteration of the main loop; FALSE once the deadline has
 * passed. */
static inline gboolean
pr_test_deadline_iterate (PrTestDeadline *deadline)
{
  if (!deadline->expired)
    g_main_context_iteration (NULL, TRUE);
  return !deadline->expired;
}

G_GNUC_NORETURN static inline void
pr_test_timed_out (const char *what,
                   guint       seconds,
                   const char *where)
{
  g_error ("%s: gave up after %u s waiting for %s (%s)",
           g_test_get_path () != NULL ? g_test_get_path () : g_get_prgname (),
           seconds, what, where);
}

/* Runs the main loop until @condition (an expression) holds; after
 * @seconds the test fails, saying it was waiting for @what. */
#define pr_test_wait_seconds(condition, seconds, what) \
  G_STMT_START { \
    PrTestDeadline pr_test_deadline_; \
    pr_test_deadline_start (&pr_test_deadline_, (seconds)); \
    while (!(condition)) \
      if (!pr_test_deadline_iterate (&pr_test_deadline_)) \
        pr_test_timed_out ((what), (seconds), G_STRLOC); \
    pr_test_deadline_stop (&pr_test_deadline_); \
  } G_STMT_END

/* The same after PR_TEST_WAIT_SECONDS. */
#define pr_test_wait(condition, what) \
  pr_test_wait_seconds ((condition), PR_TEST_WAIT_SECONDS, (what))

typedef gboolean (*PrTestCondition) (gpointer data);

/* The same with a callback: runs the main loop until @condition (@data)
 * returns TRUE. */
static inline void
pr_test_wait_until (PrTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  pr_test_wait (condition (data), what);
}

static inline void
pr_test_wait_flag_at (gboolean   *flag,
                      const char *what,
                      const char *where)
{
  PrTestDeadline deadline;

  pr_test_deadline_start (&deadline, PR_TEST_WAIT_SECONDS);
  while (!*flag)
    if (!pr_test_deadline_iterate (&deadline))
      pr_test_timed_out (what, PR_TEST_WAIT_SECONDS, where);
  pr_test_deadline_stop (&deadline);
}

/* Runs the main loop until *@flag is set (by a signal handler, a
 * callback); fails the test after PR_TEST_WAIT_SECONDS, naming the flag. */
#define pr_test_wait_flag(flag) pr_test_wait_flag_at ((flag), #flag, G_STRLOC)
