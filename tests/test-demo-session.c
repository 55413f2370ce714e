/* test-demo-session.c — the demo round behind "Try the Demo Round"
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "pr-core.h"
#include "pr-demo-session.h"
#include "pr-results-json.h"

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_demo_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrDemoSession) session = pr_demo_session_run (2026, NULL, &error);
  guint total = 0;

  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpstr (session->title, !=, "");
  g_assert_cmpuint (strlen (session->fingerprint), >, 10);

  /* Every generated file was classified; more ballots than members means
   * revisions, so fewer are counted than were imported. */
  g_assert_cmpuint (session->n_files, ==, PR_DEMO_SESSION_BALLOTS);
  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    total += session->counts[s];
  g_assert_cmpuint (total, ==, PR_DEMO_SESSION_BALLOTS);
  g_assert_cmpuint (session->counts[PR_BALLOT_STATUS_REJECTED], ==, 0);
  g_assert_cmpuint (pr_profile_get_n_ballots (session->results->profile), <=, PR_DEMO_SESSION_MEMBERS);
  g_assert_cmpuint (pr_profile_get_n_ballots (session->results->profile), >, 0);

  g_assert_cmpuint (pr_profile_get_n_candidates (session->results->profile), ==, PR_DEMO_SESSION_MEMBERS);
  g_assert_nonnull (session->results->method[PR_METHOD_PLACKETT_LUCE]);
  g_assert_nonnull (session->results->bootstrap);
  g_assert_cmpuint (session->results->bootstrap->resamples, ==, PR_DEMO_SESSION_RESAMPLES);
  g_assert_nonnull (session->results->agreement);

  /* All six methods are shown, so sensitivity is over all six. */
  for (guint c = 0; c < PR_DEMO_SESSION_MEMBERS; c++)
    g_assert_cmpint (pr_results_position_varies (session->results, c), ==,
                     pr_position_varies (session->results->method, PR_N_METHODS, c));

  /* The scratch folder is gone again. */
  g_assert_cmpuint (count_entries (g_get_tmp_dir ()), ==, 0);
}

static void
test_demo_session_same_seed_same_results (void)
{
  g_autoptr(PrDemoSession) a = pr_demo_session_run (7, NULL, NULL);
  g_autoptr(PrDemoSession) b = pr_demo_session_run (7, NULL, NULL);
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  json_a = pr_results_to_json (a->results, NULL);
  json_b = pr_results_to_json (b->results, NULL);
  g_assert_cmpstr (json_a, ==, json_b);
}

static void
test_demo_session_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrDemoSession) session = NULL;

  g_cancellable_cancel (cancellable);
  session = pr_demo_session_run (1, cancellable, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (session);
  g_assert_cmpuint (count_entries (g_get_tmp_dir ()), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  const char *base = g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp";
  g_autofree char *tmp = g_build_filename (base, "test-demo-session-XXXXXX", NULL);
  int status;

  /* A private TMPDIR, so the test can check that nothing is left behind;
   * set before anything asks GLib for it, since GLib caches the answer. */
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/demo-session/run", test_demo_session);
  g_test_add_func ("/peer-rank/demo-session/same-seed", test_demo_session_same_seed_same_results);
  g_test_add_func ("/peer-rank/demo-session/cancelled", test_demo_session_cancelled);

  status = g_test_run ();
  g_rmdir (tmp);

  return status;
}
