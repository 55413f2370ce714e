/* test-round-kill.c — a kill during an import in the window loses
 * nothing the window reported, and neither does Cancel
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program runs itself as the child ("--child ROUND BALLOTS"): the
 * real window opens the round, unlocks it and imports the folder, and
 * prints each report line as it appears. The parent kills it with
 * SIGKILL partway, then checks with the core that every file the child
 * reported as stored is in the round's journal.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "pr-application.h"
#include "pr-crypto.h"
#include "pr-round-page-private.h"
#include "pr-test-display.h"
#include "pr-window-private.h"
#include "store-fixture.h"

#define N_BALLOTS 3000
#define KILL_AFTER 400

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PrReportItem) item = g_list_model_get_item (model, i);

      printf ("%s\t%s\n", pr_ballot_status_to_string (pr_report_item_get_status (item)),
              pr_report_item_get_path (item));
    }
  fflush (stdout);
}

static void
routed_cb (PrWindow *window,
           GFile    *file,
           int       kind,
           gboolean *flag)
{
  *flag = TRUE;
}

/* The child: a real window, driven through its actions. */
static int
run_child (const char *round,
           const char *ballots)
{
  g_autoptr(GFile) file = g_file_new_for_path (round);
  const char *paths[] = { ballots, NULL };
  PrApplication *app;
  PrWindow *window;
  PrRoundPage *page;
  gboolean routed = FALSE, unlocked = FALSE, finished = FALSE;

  gtk_init ();
  adw_init ();
  app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = pr_window_new (GTK_APPLICATION (app), pr_application_get_settings (app));
  page = PR_ROUND_PAGE (pr_window_get_round_page (window));
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect (window, "file-routed", G_CALLBACK (routed_cb), &routed);
  pr_window_open_file (window, file);
  pr_test_wait_flag (&routed);
  g_signal_connect (page, "unlocked", G_CALLBACK (pr_test_set_flag_on_success), &unlocked);
  gtk_editable_set_text (pr_round_page_get_passphrase (page), "demo");
  gtk_widget_activate_action (GTK_WIDGET (page), "round.unlock", NULL);
  pr_test_wait_flag (&unlocked);
  g_signal_connect (pr_report_view_get_items (pr_round_page_get_report_view (page)), "items-changed",
                    G_CALLBACK (items_changed_cb), NULL);
  g_signal_connect (page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  printf ("ready\n");
  fflush (stdout);
  gtk_widget_activate_action (GTK_WIDGET (page), "round.import-paths", "^as", paths);
  pr_test_wait_flag (&finished);
  printf ("finished\n");
  return 0;
}

static void
make_demo (const char *dir)
{
  g_autofree char *n = g_strdup_printf ("%d", N_BALLOTS);
  const char *argv[] = { g_getenv ("PR_CLI"), "demo", dir, "--members", "40", "--ballots", n, "--seed", "4", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
is_stored (const char *status)
{
  return !g_str_equal (status, "rejected") && !g_str_equal (status, "duplicate");
}

static void
test_kill_during_import (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *demo = g_build_filename (tmp, "demo", NULL);
  g_autofree char *round = g_build_filename (demo, "round", NULL);
  g_autofree char *ballots = g_build_filename (demo, "ballots", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--child", round, ballots, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PrStore) store = NULL;
  GPid pid = 0;
  int out = -1, status = 0;
  FILE *stream;
  char line[4096];
  gboolean finished = FALSE;
  guint stored = 0;

  make_demo (demo);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, NULL, &out,
                                           NULL, &error));
  g_assert_no_error (error);
  stream = fdopen (out, "r");
  while (fgets (line, sizeof line, stream) != NULL)
    {
      g_strchomp (line);
      if (g_str_equal (line, "finished"))
        finished = TRUE;
      else if (!g_str_equal (line, "ready"))
        g_ptr_array_add (reported, g_strdup (line));
      if (reported->len >= KILL_AFTER)
        {
          kill (pid, SIGKILL);
          break;
        }
    }
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  fclose (stream);
  g_assert_false (finished);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpuint (reported->len, >=, KILL_AFTER);
  g_test_message ("killed after %u reported files", reported->len);

  /* Every file reported as stored is in the journal. */
  store = pr_store_open (round, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reported->len; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_ptr_array_index (reported, i), "\t", 2);
      g_autofree char *data = NULL;
      gsize len = 0;
      guint8 hash[PR_HASH_LEN];
      g_autofree char *hex = NULL;

      if (!is_stored (fields[0]))
        continue;
      g_file_get_contents (fields[1], &data, &len, &error);
      g_assert_no_error (error);
      pr_ballot_fingerprint ((const guint8 *) data, len, hash);
      hex = pr_crypto_fingerprint_hex (hash);
      g_assert_true (pr_store_has_ballot (store, hex));
      stored++;
    }
  g_assert_cmpuint (stored, >, 0);
  g_assert_cmpuint (pr_store_get_n_entries (store), >=, stored);
  fixture_remove_tree (tmp);
}

typedef struct {
  PrRoundPage *page;
  gboolean     cancelled;
} CancelAt;

/* Cancels once the first lines are in the report. */
static void
cancel_items_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 CancelAt   *at)
{
  if (!at->cancelled && g_list_model_get_n_items (model) > 0)
    {
      at->cancelled = TRUE;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (at->page), "round.cancel-import", NULL));
    }
}

/* Cancel stops the import early; what was reported stays imported. */
static void
test_cancel (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *demo = g_build_filename (tmp, "demo", NULL);
  g_autofree char *round = g_build_filename (demo, "round", NULL);
  g_autofree char *ballots = g_build_filename (demo, "ballots", NULL);
  g_autoptr(GFile) file = NULL;
  const char *paths[] = { NULL, NULL };
  PrApplication *app;
  PrWindow *window;
  PrRoundPage *page;
  gboolean routed = FALSE, unlocked = FALSE, finished = FALSE;
  CancelAt at = { NULL, FALSE };
  GListModel *items;
  PrStore *store;
  guint n;

  make_demo (demo);
  file = g_file_new_for_path (round);
  paths[0] = ballots;
  app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = pr_window_new (GTK_APPLICATION (app), pr_application_get_settings (app));
  page = PR_ROUND_PAGE (pr_window_get_round_page (window));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (window, "file-routed", G_CALLBACK (routed_cb), &routed);
  pr_window_open_file (window, file);
  pr_test_wait_flag (&routed);
  g_signal_connect (page, "unlocked", G_CALLBACK (pr_test_set_flag_on_success), &unlocked);
  gtk_editable_set_text (pr_round_page_get_passphrase (page), "demo");
  gtk_widget_activate_action (GTK_WIDGET (page), "round.unlock", NULL);
  pr_test_wait_flag (&unlocked);

  at.page = page;
  items = pr_report_view_get_items (pr_round_page_get_report_view (page));
  g_signal_connect (items, "items-changed", G_CALLBACK (cancel_items_cb), &at);
  g_signal_connect (page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  gtk_widget_activate_action (GTK_WIDGET (page), "round.import-paths", "^as", paths);
  pr_test_wait_flag (&finished);

  n = g_list_model_get_n_items (items);
  g_test_message ("cancelled after %u of %u files", n, N_BALLOTS);
  g_assert_true (at.cancelled);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_BALLOTS);
  g_assert_nonnull (strstr (pr_window_get_last_toast (window), "cancelled"));
  store = pr_round_page_get_store (page);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrReportItem) item = g_list_model_get_item (items, i);
      const char *status = pr_ballot_status_to_string (pr_report_item_get_status (item));
      g_autofree char *data = NULL;
      gsize len = 0;
      guint8 hash[PR_HASH_LEN];
      g_autofree char *hex = NULL;

      if (!is_stored (status))
        continue;
      g_assert_true (g_file_get_contents (pr_report_item_get_path (item), &data, &len, NULL));
      pr_ballot_fingerprint ((const guint8 *) data, len, hash);
      hex = pr_crypto_fingerprint_hex (hash);
      g_assert_true (pr_store_has_ballot (store, hex));
    }

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
  g_object_unref (app);
  fixture_remove_tree (tmp);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  pr_test_require_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_true (pr_core_init (NULL));
  g_test_add_func ("/peer-rank/round-kill/kill-during-import", test_kill_during_import);
  g_test_add_func ("/peer-rank/round-kill/cancel", test_cancel);
  return g_test_run ();
}
