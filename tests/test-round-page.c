/* test-round-page.c — the organizer's round page, driven through its
 * actions and compared with peer-rank-cli on a copy of the same round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pr-application.h"
#include "pr-decision-row.h"
#include "pr-file-kind.h"
#include "pr-round-page-private.h"
#include "pr-test-display.h"
#include "pr-window-private.h"
#include "store-fixture.h"

typedef struct {
  PrWindow    *window;
  PrRoundPage *page;
  char        *tmp;
  char        *round_dir;
  char        *copy_dir;
  char        *ballots_dir;
  char        *passphrase_file;
  GPtrArray   *invitations;
} Fixture;

static PrApplication *the_app;
/* peer-rank-cli runs as on another computer: it works on copies of the
 * window's round, which this computer's anchor would take for a
 * rollback (DESIGN §4). */
static char *cli_home;

static GStrv
cli_envp (void)
{
  return g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", cli_home, TRUE);
}

static const char * const emails[] = {
  "ana@example.org", "", "chidi@example.org", "dana@example.org", "", "fatima+team@example.org", NULL,
};

static void
make_round (Fixture *f)
{
  const char *names[] = { "Ana López", "Bo Chen", "Chidi Okafor", "Dana Weiß", "Eero Mäkinen",
                          "Fatima Zahra", NULL };
  PrStoreParams params = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;

  params.title = "Sprint 12 review";
  params.deadline = "2020-01-31";
  params.min_ranked = 1;
  params.min_raters = 2;
  params.names = names;
  params.emails = emails;
  params.passphrase = FIXTURE_PASSPHRASE;
  params.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  params.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  store = pr_store_create (f->round_dir, &params, &f->invitations, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = fixture_tmpdir ();
  f->round_dir = g_build_filename (f->tmp, "round", NULL);
  f->copy_dir = g_build_filename (f->tmp, "copy", NULL);
  f->ballots_dir = g_build_filename (f->tmp, "ballots", NULL);
  f->passphrase_file = g_build_filename (f->tmp, "passphrase", NULL);
  g_mkdir (f->ballots_dir, 0700);
  g_file_set_contents (f->passphrase_file, FIXTURE_PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);
  make_round (f);

  f->window = pr_window_new (GTK_APPLICATION (the_app), pr_application_get_settings (the_app));
  f->page = PR_ROUND_PAGE (pr_window_get_round_page (f->window));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->window);

  g_ptr_array_unref (f->invitations);
  fixture_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->round_dir);
  g_free (f->copy_dir);
  g_free (f->ballots_dir);
  g_free (f->passphrase_file);
}

static void
file_routed_cb (PrWindow *window,
                GFile    *file,
                int       kind,
                int      *out)
{
  *out = kind;
}

static int
open_path (Fixture    *f,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  int routed = -1;
  gulong id = g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);

  pr_window_open_file (f->window, file);
  pr_test_wait (routed != -1, "the file to be routed");
  g_signal_handler_disconnect (f->window, id);
  return routed;
}

typedef struct {
  gboolean done;
  gboolean success;
} Unlocked;

static void
unlocked_cb (PrRoundPage *page,
             gboolean     success,
             Unlocked    *out)
{
  out->done = TRUE;
  out->success = success;
}

static gboolean
unlock (Fixture    *f,
        const char *passphrase)
{
  Unlocked out = { FALSE, FALSE };
  gulong id = g_signal_connect (f->page, "unlocked", G_CALLBACK (unlocked_cb), &out);

  gtk_editable_set_text (pr_round_page_get_passphrase (f->page), passphrase);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.unlock", NULL));
  pr_test_wait_flag (&out.done);
  g_signal_handler_disconnect (f->page, id);
  /* The field never keeps the passphrase (AT-SPI could read it). */
  g_assert_cmpstr (gtk_editable_get_text (pr_round_page_get_passphrase (f->page)), ==, "");
  return out.success;
}

static void
open_and_unlock (Fixture *f)
{
  g_autofree char *manifest = g_build_filename (f->round_dir, "round.json", NULL);

  g_assert_cmpint (open_path (f, manifest), ==, PR_FILE_KIND_ROUND);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "round");
  g_assert_true (unlock (f, FIXTURE_PASSPHRASE));
}

static void
import_paths (Fixture            *f,
              const char * const *paths)
{
  gboolean finished = FALSE;
  gulong id = g_signal_connect (f->page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.import-paths", "^as", paths));
  pr_test_wait_flag (&finished);
  g_signal_handler_disconnect (f->page, id);
}

/* Decisions, closing and re-issues run on the page's worker, one after
 * the other: waits until they are done. */
static void
wait_jobs (Fixture *f)
{
  pr_test_wait (!pr_round_page_has_jobs (f->page), "the round page's jobs");
}

static void
write_ballot (Fixture    *f,
              const char *name,
              guint       voter,
              guint64     sequence,
              const int  *ranks)
{
  g_autoptr(GBytes) bytes = fixture_seal (f->invitations, voter, sequence, ranks);

  fixture_write (f->ballots_dir, name, bytes);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, (gssize) len, &error);
  g_assert_no_error (error);
}

/* Good, revised, duplicate, stale, conflicting, flagged and hostile files. */
static void
write_ballots (Fixture *f)
{
  static const int r_bc[] = { 1, 2, -1 }, r_a[] = { 0, -1 }, r_ad[] = { 0, 3, -1 };
  static const int r_e[] = { 4, -1 }, r_f[] = { 5, 0, -1 }, r_b[] = { 1, -1 };
  static const char * const hostile[] = { "06-truncated.json", "12-unknown-member.json",
                                          "17a-epk-short.json", "47-not-peer-rank.json" };
  gint64 now = fixture_now ();
  g_autofree char *a = g_build_filename (f->ballots_dir, "a-ana.json", NULL);
  g_autofree char *a_copy = g_build_filename (f->ballots_dir, "b-ana-again.json", NULL);

  write_ballot (f, "a-ana.json", 0, now - 100, r_bc);
  copy_file (a, a_copy);
  write_ballot (f, "c-bo.json", 1, now - 90, r_a);
  write_ballot (f, "d-bo-revised.json", 1, now - 50, r_ad);
  write_ballot (f, "e-bo-older.json", 1, now - 70, r_e);
  write_ballot (f, "f-chidi.json", 2, now - 40, r_f);
  write_ballot (f, "g-chidi-conflict.json", 2, now - 40, r_b);
  write_ballot (f, "h-dana-future.json", 3, now + 72 * 3600, r_a);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *from = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "testkit", hostile[i], NULL);
      g_autofree char *name = g_strdup_printf ("z%u-%s", i, hostile[i]);
      g_autofree char *to = g_build_filename (f->ballots_dir, name, NULL);

      copy_file (from, to);
    }
}

static void
copy_round (Fixture *f)
{
  const char *argv[] = { "cp", "-a", f->round_dir, f->copy_dir, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static JsonNode *
run_cli_json (const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = cli_envp ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  JsonNode *node;

  g_strv_builder_add (builder, g_getenv ("PR_CLI"));
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_spawn_sync (NULL, argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

/* The report, participation and counts equal what peer-rank-cli prints
 * for the same files imported into a copy of the same round. */
static void
test_import_matches_cli (Fixture       *f,
                         gconstpointer  data)
{
  const char *paths[] = { f->ballots_dir, NULL };
  g_autoptr(JsonNode) cli = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonArray *files, *members;
  JsonObject *counts;
  GListModel *items;
  PrStore *store;
  PrManifest *manifest;

  write_ballots (f);
  copy_round (f);
  open_and_unlock (f);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 0), ==, "Not voted");
  /* Results: none before the first ballot, then the counted ones. */
  pr_test_wait (!pr_round_page_is_reading_results (f->page), "the counted ballots to be read for the results");
  g_assert_cmpstr (pr_round_page_get_results_message (f->page), ==,
                   "The results appear here as soon as the first ballot is imported.");
  import_paths (f, paths);
  g_assert_true (pr_round_page_is_reading_results (f->page));
  pr_test_wait (!pr_round_page_is_reading_results (f->page), "the counted ballots to be read for the results");
  g_assert_null (pr_round_page_get_results_message (f->page));
  g_assert_true (pr_results_page_get_busy (pr_round_page_get_results_page (f->page)));

  {
    const char *args[] = { "import", f->copy_dir, f->ballots_dir, "--json",
                           "--passphrase-file", f->passphrase_file, NULL };
    cli = run_cli_json (args);
  }
  files = json_object_get_array_member (json_node_get_object (cli), "files");
  counts = json_object_get_object_member (json_node_get_object (cli), "counts");
  items = pr_report_view_get_items (pr_round_page_get_report_view (f->page));
  store = pr_round_page_get_store (f->page);
  manifest = pr_store_get_manifest (store);

  g_assert_cmpuint (json_array_get_length (files), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, json_array_get_length (files));
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      g_autoptr(PrReportItem) item = g_list_model_get_item (items, i);
      int member = pr_report_item_get_member (item);

      g_assert_cmpstr (pr_report_item_get_path (item), ==, member_string (file, "path"));
      g_assert_cmpstr (pr_ballot_status_to_string (pr_report_item_get_status (item)), ==,
                       member_string (file, "status"));
      g_assert_cmpstr (pr_report_item_get_code (item), ==, member_string (file, "code"));
      g_assert_cmpstr (pr_report_item_get_error_class (item), ==, member_string (file, "class"));
      g_assert_cmpstr (pr_report_item_get_message (item), ==, member_string (file, "message"));
      g_assert_cmpstr (member >= 0 ? pr_manifest_get_member_id (manifest, (guint) member) : NULL, ==,
                       member_string (file, "member"));
    }
  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    {
      const char *name = pr_ballot_status_to_string ((PrBallotStatus) s);
      guint shown = 0;

      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(PrReportItem) item = g_list_model_get_item (items, i);

          shown += pr_report_item_get_status (item) == s ? 1 : 0;
        }
      g_assert_cmpint (shown, ==, json_object_get_int_member (counts, name));
      g_assert_cmpuint (pr_store_count_status (store, (PrBallotStatus) s), <=, shown);
    }
  /* Every status the fixture aims at is there. */
  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    g_assert_cmpint (json_object_get_int_member (counts, pr_ballot_status_to_string ((PrBallotStatus) s)), >, 0);

  {
    const char *args[] = { "round", "show", f->copy_dir, "--json", NULL };
    show = run_cli_json (args);
  }
  members = json_object_get_array_member (json_node_get_object (show), "members");
  g_assert_cmpuint (json_array_get_length (members), ==, pr_manifest_get_n_members (manifest));
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      gboolean voted = json_object_get_boolean_member (member, "voted");

      g_assert_cmpstr (pr_round_page_get_member_status (f->page, i), ==, voted ? "Voted" : "Not voted");
    }
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "3 of 6 members have voted");
}

/* A wrong passphrase gets a calm message and another try. */
static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) round = g_file_new_for_path (f->round_dir);
  const char *paths[] = { f->ballots_dir, NULL };

  g_assert_cmpint (open_path (f, f->round_dir), ==, PR_FILE_KIND_ROUND);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "round");
  g_assert_true (GTK_IS_PASSWORD_ENTRY (pr_round_page_get_passphrase (f->page)));
  g_assert_false (pr_round_page_is_unlocked (f->page));
  /* Nothing can be imported before unlocking. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "round.import-paths", "^as", paths);
  g_assert_false (pr_round_page_is_importing (f->page));

  g_assert_false (unlock (f, "wrong horse"));
  g_assert_nonnull (strstr (pr_round_page_get_unlock_message (f->page), "does not open the round"));
  g_assert_false (pr_round_page_is_unlocked (f->page));

  g_assert_true (unlock (f, FIXTURE_PASSPHRASE));
  g_assert_true (pr_round_page_is_unlocked (f->page));
  g_assert_true (g_file_equal (pr_round_page_get_folder (f->page), round));

  /* Opening the unlocked round again keeps it unlocked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-welcome", NULL));
  g_assert_cmpint (open_path (f, f->round_dir), ==, PR_FILE_KIND_ROUND);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "round");
  g_assert_true (pr_round_page_is_unlocked (f->page));
}

/* A ballot opened while no round is unlocked is refused with what to do;
 * while one is, it is imported into it (DESIGN §1). */
static void
test_open_ballot (Fixture       *f,
                  gconstpointer  data)
{
  static const int ranks[] = { 1, -1 };
  g_autofree char *path = g_build_filename (f->ballots_dir, "ballot-1.json", NULL);
  gboolean finished = FALSE;
  GListModel *items;
  g_autoptr(PrReportItem) item = NULL;

  write_ballot (f, "ballot-1.json", 0, fixture_now (), ranks);
  g_assert_cmpint (open_path (f, path), ==, PR_FILE_KIND_BALLOT);
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "Open its round"));

  open_and_unlock (f);
  g_signal_connect (f->page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  g_assert_cmpint (open_path (f, path), ==, PR_FILE_KIND_BALLOT);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "round");
  pr_test_wait_flag (&finished);

  items = pr_report_view_get_items (pr_round_page_get_report_view (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  item = g_list_model_get_item (items, 0);
  g_assert_cmpint (pr_report_item_get_status (item), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 0), ==, "Voted");
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "1 of 6 members has voted");
}

/* Pasted ballot text is imported like a file. */
static void
test_paste_text (Fixture       *f,
                 gconstpointer  data)
{
  static const int ranks[] = { 0, -1 };
  g_autoptr(GBytes) bytes = fixture_seal (f->invitations, 4, fixture_now (), ranks);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  gboolean finished = FALSE;
  GListModel *items;
  g_autoptr(PrReportItem) item = NULL;
  g_autoptr(PrReportItem) garbage = NULL;

  open_and_unlock (f);
  g_signal_connect (f->page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.import-text", "s", text));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.import-text", "s", "hello"));
  pr_test_wait_flag (&finished);

  items = pr_report_view_get_items (pr_round_page_get_report_view (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  item = g_list_model_get_item (items, 0);
  garbage = g_list_model_get_item (items, 1);
  g_assert_cmpint (pr_report_item_get_status (item), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpstr (pr_report_item_get_path (item), ==, "Pasted text 1");
  g_assert_cmpint (pr_report_item_get_status (garbage), ==, PR_BALLOT_STATUS_REJECTED);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 4), ==, "Voted");
}

/* Ctrl+V pastes a ballot's text from the clipboard into the round. */
static void
test_paste_clipboard (Fixture       *f,
                      gconstpointer  data)
{
  static const int ranks[] = { 0, 1, -1 };
  g_autoptr(GBytes) bytes = fixture_seal (f->invitations, 5, fixture_now (), ranks);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  gboolean finished = FALSE;
  g_autoptr(PrReportItem) item = NULL;

  open_and_unlock (f);
  g_signal_connect (f->page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->page)), text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.paste", NULL));
  pr_test_wait_flag (&finished);
  item = g_list_model_get_item (pr_report_view_get_items (pr_round_page_get_report_view (f->page)), 0);
  g_assert_cmpint (pr_report_item_get_status (item), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 5), ==, "Voted");
}

/* Files and folders dropped on the unlocked round are imported. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (f->ballots_dir);
  g_autoslist(GFile) list = g_slist_prepend (NULL, g_object_ref (folder));
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE, finished = FALSE;

  write_ballots (f);
  open_and_unlock (f);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_signal_connect (f->page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  pr_test_wait_flag (&finished);
  g_assert_cmpuint (g_list_model_get_n_items (pr_report_view_get_items (pr_round_page_get_report_view (f->page))), ==, 12);

  /* A round folder dropped here is opened as a round, not imported. */
  {
    g_autoptr(GFile) round = g_file_new_for_path (f->copy_dir);
    g_autoslist(GFile) rounds = g_slist_prepend (NULL, g_object_ref (round));
    g_auto(GValue) round_value = G_VALUE_INIT;
    int routed = -1;

    copy_round (f);
    g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);
    g_value_init (&round_value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&round_value, gdk_file_list_new_from_list (rounds));
    g_signal_emit_by_name (target, "drop", &round_value, 10.0, 10.0, &accepted);
    pr_test_wait (routed != -1, "the file to be routed");
    g_assert_cmpint (routed, ==, PR_FILE_KIND_ROUND);
    g_assert_false (pr_round_page_is_importing (f->page));
    g_assert_false (pr_round_page_is_unlocked (f->page));
    g_assert_true (g_file_equal (pr_round_page_get_folder (f->page), round));
  }
}

/* The report filters by status and copies what it shows. */
static void
test_report_filter (Fixture       *f,
                    gconstpointer  data)
{
  const char *paths[] = { f->ballots_dir, NULL };
  PrReportView *report;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  write_ballots (f);
  open_and_unlock (f);
  import_paths (f, paths);
  report = pr_round_page_get_report_view (f->page);

  g_assert_cmpuint (g_list_model_get_n_items (pr_report_view_get_shown (report)), ==, 12);
  pr_report_view_set_filter (report, PR_BALLOT_STATUS_REJECTED);
  g_assert_cmpuint (g_list_model_get_n_items (pr_report_view_get_shown (report)), ==, 4);
  text = pr_report_view_dup_text (report);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  for (guint i = 0; i < 4; i++)
    g_assert_true (g_str_has_prefix (lines[i], "rejected\t"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (report), "report.copy", NULL));
  pr_report_view_set_filter (report, -1);
  g_assert_cmpuint (g_list_model_get_n_items (pr_report_view_get_shown (report)), ==, 12);
}

static void
run_cli (const char * const *args,
         char              **out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = cli_envp ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_strv_builder_add (builder, g_getenv ("PR_CLI"));
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_spawn_sync (NULL, argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Conflicts and flagged ballots are decided on the page; closing asks
 * first, refuses further imports, and receipts then equal the CLI's. */
static void
test_decisions_and_closing (Fixture       *f,
                            gconstpointer  data)
{
  const char *paths[] = { f->ballots_dir, NULL };
  g_auto(GStrv) pending = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *receipts = NULL;
  g_autofree char *cli_receipts = NULL;
  g_autofree char *receipts_file = g_build_filename (f->tmp, "receipts.txt", NULL);
  g_autofree char *saved = NULL;
  PrStore *store;
  AdwMessageDialog *dialog;

  write_ballots (f);
  open_and_unlock (f);
  g_assert_true (pr_round_page_suggests_closing (f->page));
  import_paths (f, paths);
  store = pr_round_page_get_store (f->page);

  pending = pr_round_page_dup_pending (f->page);
  g_assert_cmpuint (g_strv_length (pending), ==, 2);
  /* One row per ballot, in the same order, whose buttons decide it. */
  for (guint i = 0; i < 2; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->page->pending_list, (int) i);
      GtkActionable *accept, *refuse;

      g_assert_true (PR_IS_DECISION_ROW (row));
      g_assert_cmpstr (pr_decision_row_get_fingerprint (PR_DECISION_ROW (row)), ==, pending[i]);
      accept = GTK_ACTIONABLE (pr_decision_row_get_accept_button (PR_DECISION_ROW (row)));
      refuse = GTK_ACTIONABLE (pr_decision_row_get_refuse_button (PR_DECISION_ROW (row)));
      g_assert_cmpstr (gtk_actionable_get_action_name (accept), ==, "round.accept");
      g_assert_cmpstr (gtk_actionable_get_action_name (refuse), ==, "round.refuse");
      g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (accept), NULL),
                       ==, pending[i]);
      g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (refuse), NULL),
                       ==, pending[i]);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " · imported "));
    }
  g_assert_null (gtk_list_box_get_row_at_index (f->page->pending_list, 2));
  /* Each decision says what it does and waits for the organizer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.accept", "s", pending[0]));
  dialog = pr_round_page_get_dialog (f->page);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Accept This Ballot?");
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (g_strv_length (pending), ==, 2);
  {
    g_auto(GStrv) still = pr_round_page_dup_pending (f->page);

    g_assert_cmpuint (g_strv_length (still), ==, 2);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.accept", "s", pending[0]));
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "accept");
  wait_jobs (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.refuse", "s", pending[1]));
  g_assert_cmpstr (adw_message_dialog_get_heading (pr_round_page_get_dialog (f->page)), ==,
                   "Refuse This Ballot?");
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "refuse");
  wait_jobs (f);
  after = pr_round_page_dup_pending (f->page);
  g_assert_cmpuint (g_strv_length (after), ==, 0);
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "refused"));

  /* Cancelling the confirmation keeps the round open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.close", NULL));
  dialog = pr_round_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_false (pr_store_is_closed (store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.close", NULL));
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "close");
  wait_jobs (f);
  g_assert_true (pr_store_is_closed (store));
  g_assert_false (pr_round_page_suggests_closing (f->page));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "round.import-paths", "^as", paths);
  g_assert_false (pr_round_page_is_importing (f->page));

  /* A ballot opened now is refused with the reason. */
  {
    g_autofree char *path = g_build_filename (f->ballots_dir, "a-ana.json", NULL);

    open_path (f, path);
    g_assert_false (pr_round_page_is_importing (f->page));
    g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "closed"));
  }

  receipts = pr_round_page_dup_receipts (f->page, NULL);
  {
    const char *args[] = { "round", "receipts", f->round_dir, "--passphrase-file",
                           f->passphrase_file, NULL };
    run_cli (args, &cli_receipts);
  }
  g_assert_cmpstr (receipts, ==, cli_receipts);
  g_assert_cmpuint (strlen (receipts), >, 0);
  /* Read (and saved) on the jobs' worker; the dialog copies what it shows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.receipts", NULL));
  g_assert_null (pr_round_page_get_store (f->page));
  wait_jobs (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (pr_round_page_get_dialog (f->page)), ==, "Receipts");
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "copy");
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "copied"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.save-receipts-to", "s", receipts_file));
  wait_jobs (f);
  g_file_get_contents (receipts_file, &saved, NULL, NULL);
  g_assert_cmpstr (saved, ==, receipts);
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "Receipts saved"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.reopen", NULL));
  wait_jobs (f);
  g_assert_false (pr_store_is_closed (store));
  /* An open round publishes no receipts (issue #20): they could change. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *none = pr_round_page_dup_receipts (f->page, &error);

    g_assert_null (none);
    g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_OPEN);
  }
}

/* While an import runs, each line of its report that reaches the page
 * finds the page without the store (the import's worker has it). */
static void
owner_items_changed_cb (GListModel *items,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Fixture    *f)
{
  if (!f->page->importing)
    return;
  g_assert_null (pr_round_page_get_store (f->page));
  g_assert_true (pr_round_page_is_unlocked (f->page));
}

/* The store has one owner at a time (issue #16): while an unlocking, a
 * job or an import has it, the page has none; it shows what it read last
 * and waits for it to come back. */
static void
test_one_owner (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { f->ballots_dir, NULL };
  g_autofree char *manifest = g_build_filename (f->round_dir, "round.json", NULL);
  g_autofree char *counts = NULL;
  g_autofree char *remind = NULL;
  g_autofree char *remind_lent = NULL;
  g_autoptr(GError) error = NULL;
  Unlocked out = { FALSE, FALSE };
  GListModel *items;
  gulong id;

  write_ballots (f);
  g_assert_cmpint (open_path (f, manifest), ==, PR_FILE_KIND_ROUND);
  g_assert_nonnull (pr_round_page_get_store (f->page));

  /* Unlocking has it until it has finished. */
  id = g_signal_connect (f->page, "unlocked", G_CALLBACK (unlocked_cb), &out);
  gtk_editable_set_text (pr_round_page_get_passphrase (f->page), FIXTURE_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.unlock", NULL));
  g_assert_null (pr_round_page_get_store (f->page));
  g_assert_false (pr_round_page_is_unlocked (f->page));
  pr_test_wait_flag (&out.done);
  g_signal_handler_disconnect (f->page, id);
  g_assert_true (out.success);
  g_assert_nonnull (pr_round_page_get_store (f->page));

  /* An import has it while it runs. */
  items = pr_report_view_get_items (pr_round_page_get_report_view (f->page));
  id = g_signal_connect (items, "items-changed", G_CALLBACK (owner_items_changed_cb), f);
  import_paths (f, paths);
  g_signal_handler_disconnect (items, id);
  g_assert_nonnull (pr_round_page_get_store (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (items), >, 0);

  /* A job has it: the page shows and offers what it read last. */
  counts = g_strdup (pr_round_page_get_counts_text (f->page));
  remind = pr_round_page_dup_remind_uri (f->page);
  g_assert_nonnull (remind);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.close", NULL));
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "close");
  g_assert_true (pr_round_page_has_jobs (f->page));
  g_assert_null (pr_round_page_get_store (f->page));
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, counts);
  remind_lent = pr_round_page_dup_remind_uri (f->page);
  g_assert_cmpstr (remind_lent, ==, remind);
  g_assert_null (pr_round_page_dup_receipts (f->page, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  wait_jobs (f);
  g_assert_nonnull (pr_round_page_get_store (f->page));
  g_assert_true (pr_store_is_closed (pr_round_page_get_store (f->page)));
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, counts);
}

/* A conflict counts as one until the organizer decides it; then as
 * decided, never again as a conflict. */
static void
test_decided_counts (Fixture       *f,
                     gconstpointer  data)
{
  static const int r_f[] = { 5, 0, -1 }, r_b[] = { 1, -1 };
  const char *paths[] = { f->ballots_dir, NULL };
  gint64 now = fixture_now ();
  g_auto(GStrv) pending = NULL;
  g_auto(GStrv) after = NULL;
  const char *text;

  write_ballot (f, "f-chidi.json", 2, now - 40, r_f);
  write_ballot (f, "g-chidi-conflict.json", 2, now - 40, r_b);
  open_and_unlock (f);
  import_paths (f, paths);

  pending = pr_round_page_dup_pending (f->page);
  g_assert_cmpuint (g_strv_length (pending), ==, 1);
  g_assert_cmpstr (pr_round_page_get_status_counts_text (f->page), ==,
                   "2 ballot files stored · 1 Accepted · 1 conflict awaits your decision");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.accept", "s", pending[0]));
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "accept");
  wait_jobs (f);
  after = pr_round_page_dup_pending (f->page);
  g_assert_cmpuint (g_strv_length (after), ==, 0);
  text = pr_round_page_get_status_counts_text (f->page);
  g_assert_cmpstr (text, ==, "2 ballot files stored · 1 Accepted · 1 accepted by you");
  g_assert_null (strstr (text, "onflict"));
  g_assert_null (strstr (text, "decision"));
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "1 of 6 members has voted");
}

/* Two organizers on one round folder (issue #16): what another process
 * imports shows here without reopening, with no false alarm about
 * ballots missing from the journal, and an import meeting the other's
 * write in progress waits for it and then goes through. */
static void
test_shared_folder (Fixture       *f,
                    gconstpointer  data)
{
  static const int r_ana[] = { 1, -1 }, r_bo[] = { 0, -1 };
  g_autofree char *ana = g_build_filename (f->ballots_dir, "ana.json", NULL);
  g_autofree char *bo = g_build_filename (f->ballots_dir, "bo.json", NULL);
  const char *paths_bo[] = { bo, NULL };
  gboolean finished = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) other = NULL;
  g_autoptr(PrBallotOpener) other_opener = NULL;
  g_autoptr(GFile) round = g_file_new_for_path (f->round_dir);
  const char *message;
  gulong id;

  write_ballot (f, "ana.json", 0, fixture_now (), r_ana);
  write_ballot (f, "bo.json", 1, fixture_now (), r_bo);
  open_and_unlock (f);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 0), ==, "Not voted");

  /* The other organizer imports with the command line tool. */
  {
    const char *args[] = { "import", f->round_dir, ana, "--passphrase-file", f->passphrase_file,
                           NULL };
    g_autofree char *out = NULL;  /* kept out of the TAP stream */

    run_cli (args, &out);
  }
  pr_test_wait (g_strcmp0 (pr_round_page_get_member_status (f->page, 0), "Voted") == 0,
                "the page to notice the other organizer's import");
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "1 of 6 members has voted");
  pr_test_wait (!pr_round_page_is_reading_results (f->page), "the results");
  message = pr_round_page_get_results_message (f->page);
  g_assert_true (message == NULL || strstr (message, "journal") == NULL);

  /* The other holds the folder now: the import here waits, and says so. */
  other = pr_store_open (f->round_dir, &error);
  g_assert_no_error (error);
  other_opener = pr_store_unlock (other, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_catch_up (other, other_opener, NULL, &error));
  g_assert_no_error (error);
  id = g_signal_connect (f->page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.import-paths", "^as",
                                             paths_bo));
  pr_test_wait (strstr (gtk_progress_bar_get_text (f->page->progress_bar) ?: "",
                        "Waiting for another Peer Rank") != NULL,
                "the import to wait for the other writer");
  g_assert_false (finished);
  pr_store_yield (other);
  pr_test_wait_flag (&finished);
  g_signal_handler_disconnect (f->page, id);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 1), ==, "Voted");
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "2 of 6 members have voted");

  /* The other's view is stale now: it must catch up before it writes. */
  g_assert_true (pr_store_is_stale (other));
  g_assert_true (pr_store_catch_up (other, other_opener, NULL, &error));
  g_assert_true (pr_store_member_voted (other, 1));

  /* A change asked for while the other still writes waits for it; this
   * round stays open here meanwhile (another cannot take its place). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.close", NULL));
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "close");
  g_assert_true (pr_round_page_has_jobs (f->page));
  copy_round (f);
  g_assert_cmpint (open_path (f, f->copy_dir), ==, PR_FILE_KIND_ROUND);
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window) ?: "", "Wait until the round’s import, changes"));
  g_assert_true (g_file_equal (pr_round_page_get_folder (f->page), round));
  g_assert_true (pr_round_page_has_jobs (f->page));
  pr_store_yield (other);
  wait_jobs (f);
  g_assert_true (pr_store_is_closed (pr_round_page_get_store (f->page)));
  g_assert_true (pr_store_catch_up (other, other_opener, NULL, &error));
  g_assert_true (pr_store_is_closed (other));
  pr_store_yield (other);
}

/* Remind writes to those who have not voted, with the roster's addresses. */
static void
test_remind (Fixture       *f,
             gconstpointer  data)
{
  static const int ranks[] = { 1, -1 };
  const char *paths[] = { NULL, NULL };
  g_autofree char *path = g_build_filename (f->ballots_dir, "ballot-ana.json", NULL);
  g_autofree char *uri = NULL;

  write_ballot (f, "ballot-ana.json", 0, fixture_now (), ranks);
  paths[0] = path;
  open_and_unlock (f);
  import_paths (f, paths);
  uri = pr_round_page_dup_remind_uri (f->page);
  g_assert_nonnull (uri);
  /* Bcc: nobody sees who else has not voted. */
  g_assert_true (g_str_has_prefix (uri, "mailto:?bcc=chidi@example.org,dana@example.org,fatima+team@example.org&subject="));
  g_assert_null (strstr (uri, "=ana@"));
  g_assert_null (strstr (uri, ",ana@"));
}

/* A re-issued invitation is written where asked; the old one stops
 * counting and the new one is accepted at once. */
static void
test_reissue (Fixture       *f,
              gconstpointer  data)
{
  static const int ranks[] = { 0, -1 };
  g_autofree char *out = g_build_filename (f->tmp, "bo-new.json", NULL);
  g_autofree char *ballot = g_build_filename (f->ballots_dir, "bo-old.json", NULL);
  g_autofree char *ballot_new = g_build_filename (f->ballots_dir, "bo-new.json", NULL);
  const char *paths[] = { ballot, NULL };
  const char *paths_new[] = { ballot_new, NULL };
  PrManifest *manifest;
  g_autofree char *data_new = NULL;
  gsize len = 0;
  PrInvitation *invitation;
  GListModel *items;
  guint16 ranking[] = { 0 };
  g_autoptr(GBytes) sealed = NULL;

  write_ballot (f, "bo-old.json", 1, fixture_now (), ranks);
  open_and_unlock (f);
  import_paths (f, paths);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 1), ==, "Voted");
  manifest = pr_store_get_manifest (pr_round_page_get_store (f->page));

  /* Bo's row on screen: named for a screen reader, and its Re-issue
   * button asks where to write the new invitation. */
  {
    PrMemberRow *row = pr_round_page_find_member_row (f->page, 1);
    GtkWidget *button;
    GtkNativeDialog *chooser;

    g_assert_nonnull (row);
    g_assert_cmpstr (pr_member_row_get_status (row), ==, "Voted");
    button = GTK_WIDGET (pr_member_row_get_reissue_button (row));
    /* Bo has voted: re-issuing says his ballot stops counting, and asks. */
    g_signal_emit_by_name (button, "clicked");
    g_assert_null (pr_round_page_get_file_chooser (f->page));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (pr_round_page_get_dialog (f->page)),
                              "stops counting"));
    adw_message_dialog_response (pr_round_page_get_dialog (f->page), "cancel");
    g_assert_null (pr_round_page_get_file_chooser (f->page));
    g_signal_emit_by_name (button, "clicked");
    adw_message_dialog_response (pr_round_page_get_dialog (f->page), "reissue");
    chooser = pr_round_page_get_file_chooser (f->page);
    g_assert_nonnull (chooser);
    {
      g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

      g_assert_cmpstr (name, ==, "bo-chen.json");
    }
    g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
    g_assert_null (pr_round_page_get_file_chooser (f->page));
    g_assert_cmpstr (pr_round_page_get_member_status (f->page, 1), ==, "Voted");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.reissue-to", "(ss)",
                                             pr_manifest_get_member_id (manifest, 1), out));
  wait_jobs (f);
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 1), ==, "Not voted");

  g_file_get_contents (out, &data_new, &len, NULL);
  invitation = pr_invitation_parse ((const guint8 *) data_new, len, NULL);
  g_assert_nonnull (invitation);
  sealed = pr_ballot_seal (invitation, ranking, 1, (guint64) fixture_now () + 1, NULL, NULL);
  pr_invitation_free (invitation);
  fixture_write (f->ballots_dir, "bo-new.json", sealed);
  import_paths (f, paths_new);
  items = pr_report_view_get_items (pr_round_page_get_report_view (f->page));
  {
    g_autoptr(PrReportItem) item = g_list_model_get_item (items, g_list_model_get_n_items (items) - 1);

    g_assert_cmpint (pr_report_item_get_status (item), !=, PR_BALLOT_STATUS_REJECTED);
  }
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 1), ==, "Voted");

  /* A later ballot made with the old invitation is refused as made with
   * a re-issued one, as the CLI says after a fresh unlock. */
  {
    static const int later[] = { 2, -1 };
    g_autofree char *old = g_build_filename (f->ballots_dir, "bo-old-again.json", NULL);
    const char *paths_old[] = { old, NULL };
    g_autoptr(GBytes) again = fixture_seal (f->invitations, 1, (guint64) fixture_now () + 5, later);
    g_autoptr(PrReportItem) item = NULL;

    fixture_write (f->ballots_dir, "bo-old-again.json", again);
    import_paths (f, paths_old);
    item = g_list_model_get_item (pr_report_view_get_items (pr_round_page_get_report_view (f->page)), 0);
    g_assert_cmpint (pr_report_item_get_status (item), ==, PR_BALLOT_STATUS_REJECTED);
    g_assert_cmpstr (pr_report_item_get_code (item), ==, "revoked-key");
    g_assert_cmpstr (pr_round_page_get_member_status (f->page, 1), ==, "Voted");
  }
}

/* The passphrase can be changed; the key, and so every ballot, stays. */
static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  gboolean changed = FALSE;
  gulong id;

  open_and_unlock (f);
  /* The new passphrase's meter is honest about a weak one. */
  gtk_editable_set_text (GTK_EDITABLE (f->page->new_passphrase_entry), "password2026");
  g_assert_cmpint (pr_passphrase_meter_get_strength (f->page->new_passphrase_meter), ==,
                   PR_PASSPHRASE_WEAK);
  g_assert_true (g_str_has_prefix (pr_passphrase_meter_get_text (f->page->new_passphrase_meter), "Weak"));
  gtk_editable_set_text (GTK_EDITABLE (f->page->new_passphrase_entry), "violet tractor river spoon");
  g_assert_cmpint (pr_passphrase_meter_get_strength (f->page->new_passphrase_meter), ==,
                   PR_PASSPHRASE_STRONG);
  gtk_editable_set_text (GTK_EDITABLE (f->page->new_passphrase_entry), "");
  id = g_signal_connect (f->page, "changed", G_CALLBACK (pr_test_set_flag), &changed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.change-passphrase-to", "(ss)",
                                             "not the passphrase", "purple elephant dance"));
  pr_test_wait_flag (&changed);
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "not right"));
  changed = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.change-passphrase-to", "(ss)",
                                             FIXTURE_PASSPHRASE, "purple elephant dance"));
  pr_test_wait_flag (&changed);
  g_signal_handler_disconnect (f->page, id);
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "is changed"));

  /* The toast that asks for a new backup copy offers to make it. */
  {
    AdwToast *toast = pr_window_get_last_action_toast (f->window);
    g_autofree char *backup = g_build_filename (f->tmp, "new-backup.key", NULL);
    g_autofree char *key = g_build_filename (f->round_dir, "organizer.key", NULL);
    g_autofree char *key_data = NULL, *backup_data = NULL;
    gsize key_len = 0, backup_len = 0;
    GtkNativeDialog *chooser;

    g_assert_nonnull (toast);
    g_assert_nonnull (strstr (adw_toast_get_title (toast), "is changed"));
    g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Back Up Key…");
    g_assert_null (pr_round_page_get_file_chooser (f->page));
    g_signal_emit_by_name (toast, "button-clicked");
    chooser = pr_round_page_get_file_chooser (f->page);
    g_assert_nonnull (chooser);
    {
      g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

      g_assert_true (g_str_has_suffix (name, ".key"));
    }
    g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
    g_assert_null (pr_round_page_get_file_chooser (f->page));

    /* What the chooser would save: the key as it is now. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.backup-key-to", "s", backup));
    wait_jobs (f);
    g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "Backup copy saved"));
    g_assert_true (g_file_get_contents (key, &key_data, &key_len, NULL));
    g_assert_true (g_file_get_contents (backup, &backup_data, &backup_len, NULL));
    g_assert_cmpmem (backup_data, backup_len, key_data, key_len);
    /* Write-once: an earlier copy is never replaced. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.backup-key-to", "s", backup));
    wait_jobs (f);
    g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "could not be saved"));
  }

  /* The fields on the page, left empty, change nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.change-passphrase", NULL));
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "at least 8"));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrStore) store = pr_store_open (f->round_dir, &error);
    PrBallotOpener *opener;

    g_assert_no_error (error);
    g_assert_null (pr_store_unlock (store, FIXTURE_PASSPHRASE, &error));
    g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
    g_clear_error (&error);
    opener = pr_store_unlock (store, "purple elephant dance", &error);
    g_assert_no_error (error);
    pr_ballot_opener_unref (opener);
  }
}

static void
back_up_key (Fixture    *f,
             const char *backup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (f->round_dir, &error);

  g_assert_no_error (error);
  g_assert_true (pr_store_backup_key (store, backup, &error));
  g_assert_no_error (error);
}

/* A round whose key file is lost opens to have its key restored from
 * the backup copy, then unlocks. */
static void
test_restore_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->tmp, "backup.key", NULL);
  g_autofree char *key = g_build_filename (f->round_dir, "organizer.key", NULL);
  Unlocked out = { FALSE, FALSE };

  back_up_key (f, backup);
  g_assert_cmpint (g_unlink (key), ==, 0);

  g_assert_cmpint (open_path (f, f->round_dir), ==, PR_FILE_KIND_ROUND);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "round");
  g_assert_false (pr_round_page_is_unlocked (f->page));
  g_assert_null (pr_round_page_get_store (f->page));

  g_signal_connect (f->page, "unlocked", G_CALLBACK (unlocked_cb), &out);
  gtk_editable_set_text (pr_round_page_get_passphrase (f->page), "wrong horse");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.restore-key-from", "s", backup));
  pr_test_wait_flag (&out.done);
  g_assert_false (out.success);
  g_assert_nonnull (strstr (pr_round_page_get_unlock_message (f->page), "could not be restored"));
  g_assert_false (g_file_test (key, G_FILE_TEST_EXISTS));

  out.done = FALSE;
  gtk_editable_set_text (pr_round_page_get_passphrase (f->page), FIXTURE_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.restore-key-from", "s", backup));
  pr_test_wait_flag (&out.done);
  g_assert_true (out.success);
  g_assert_cmpstr (gtk_editable_get_text (pr_round_page_get_passphrase (f->page)), ==, "");
  g_assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));
  g_assert_true (pr_round_page_is_unlocked (f->page));
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 0), ==, "Not voted");
}

/* A key restored for a round of an earlier Peer Rank: the page offers
 * Protect Round next, with the passphrase typed for the restore. */
static void
test_restore_key_legacy (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->tmp, "backup.key", NULL);
  g_autofree char *key = g_build_filename (f->round_dir, "organizer.key", NULL);
  Unlocked out = { FALSE, FALSE };
  gulong id;

  back_up_key (f, backup);
  fixture_make_legacy (f->round_dir, FALSE);
  g_assert_cmpint (g_unlink (key), ==, 0);
  g_assert_cmpint (open_path (f, f->round_dir), ==, PR_FILE_KIND_ROUND);

  id = g_signal_connect (f->page, "unlocked", G_CALLBACK (unlocked_cb), &out);
  gtk_editable_set_text (pr_round_page_get_passphrase (f->page), FIXTURE_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.restore-key-from", "s", backup));
  pr_test_wait_flag (&out.done);
  g_assert_false (out.success);
  g_assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "restored"));
  g_assert_cmpstr (adw_status_page_get_title (f->page->locked_page), ==,
                   "This Round Is Not Protected Yet");
  g_assert_true (gtk_widget_get_visible (f->page->protect_button));
  g_assert_false (gtk_widget_get_visible (f->page->restore_button));

  out.done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.protect", NULL));
  pr_test_wait_flag (&out.done);
  g_signal_handler_disconnect (f->page, id);
  g_assert_true (out.success);
  g_assert_true (pr_round_page_is_unlocked (f->page));
  g_assert_false (pr_store_is_legacy (pr_round_page_get_store (f->page)));
}

/* Another round opened while the results of the first are being read:
 * the reading stops before the first round's store goes (here for a
 * round whose key needs restoring), and nothing of the first round's
 * results is shown for the second. */
static void
test_other_round_while_reading (Fixture       *f,
                                gconstpointer  data)
{
  const char *paths[] = { f->ballots_dir, NULL };
  g_autofree char *copy_key = g_build_filename (f->copy_dir, "organizer.key", NULL);
  PrResultsPage *first;
  gint64 until;

  write_ballots (f);
  copy_round (f);
  g_assert_cmpint (g_unlink (copy_key), ==, 0);
  open_and_unlock (f);
  first = pr_round_page_get_results_page (f->page);
  import_paths (f, paths);
  g_assert_true (pr_round_page_is_reading_results (f->page));

  g_assert_cmpint (open_path (f, f->copy_dir), ==, PR_FILE_KIND_ROUND);
  g_assert_null (pr_round_page_get_store (f->page));
  g_assert_false (pr_round_page_is_reading_results (f->page));
  g_assert_true (pr_round_page_get_results_page (f->page) != first);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->results_stack), ==, "message");
  /* Whatever was scheduled for the first round finds nothing to read. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (pr_round_page_is_reading_results (f->page));
}

/* A round of an earlier Peer Rank (issue #20): unlocking explains it and
 * offers Protect Round, which upgrades it with the passphrase already
 * typed, as `peer-rank-cli round upgrade` does, and unlocks it. */
static void
test_protect_legacy (Fixture       *f,
                     gconstpointer  data)
{
  static const int ranks[] = { 1, 2, -1 };
  g_autoptr(GBytes) ballot = fixture_seal (f->invitations, 0, 100, ranks);
  g_autofree char *manifest = g_build_filename (f->round_dir, "round.json", NULL);
  Unlocked out = { FALSE, FALSE };
  gulong id;

  /* Ana voted before the round was made one of the earlier format. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrStore) store = pr_store_open (f->round_dir, &error);
    g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, &error);
    PrBallotInfo info;

    g_assert_true (pr_ballot_open (opener, g_bytes_get_data (ballot, NULL),
                                   g_bytes_get_size (ballot), NULL, &info, &error));
    pr_store_stage (store, g_bytes_get_data (ballot, NULL), g_bytes_get_size (ballot), &info,
                    fixture_now (), &error);
    g_assert_true (pr_store_flush (store, &error));
  }
  fixture_make_legacy (f->round_dir, FALSE);

  g_assert_cmpint (open_path (f, manifest), ==, PR_FILE_KIND_ROUND);
  /* A wrong passphrase is only that. */
  g_assert_false (unlock (f, "wrong passphrase"));
  g_assert_false (gtk_widget_get_visible (f->page->protect_button));
  g_assert_false (unlock (f, FIXTURE_PASSPHRASE));
  g_assert_cmpstr (adw_status_page_get_title (f->page->locked_page), ==,
                   "This Round Is Not Protected Yet");
  g_assert_nonnull (strstr (adw_status_page_get_description (f->page->locked_page),
                            "earlier version of Peer Rank"));
  g_assert_true (gtk_widget_get_visible (f->page->protect_button));
  g_assert_false (gtk_widget_get_visible (f->page->unlock_button));
  g_assert_true (pr_store_is_legacy (pr_round_page_get_store (f->page)));

  id = g_signal_connect (f->page, "unlocked", G_CALLBACK (unlocked_cb), &out);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.protect", NULL));
  pr_test_wait_flag (&out.done);
  g_signal_handler_disconnect (f->page, id);
  g_assert_true (out.success);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->lock_stack), ==, "unlocked");
  g_assert_false (pr_store_is_legacy (pr_round_page_get_store (f->page)));
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "protected"));
  g_assert_cmpstr (pr_round_page_get_member_status (f->page, 0), ==, "Voted");
  g_assert_false (gtk_widget_get_visible (f->page->protect_button));

  /* The CLI finds the round protected and consistent. */
  {
    const char *args[] = { "round", "check", f->round_dir, "--passphrase-file",
                           f->passphrase_file, NULL };
    g_autofree char *report = NULL;

    run_cli (args, &report);
    g_assert_nonnull (strstr (report, "consistent"));
  }
}

/* A backup of the folder put back: unlocking says what is missing and
 * offers to accept the copy, which asks first and gives up what came
 * after it. */
static void
test_accept_rollback (Fixture       *f,
                      gconstpointer  data)
{
  static const int ranks[] = { 1, -1 };
  g_autofree char *path = g_build_filename (f->ballots_dir, "ballot-ana.json", NULL);
  const char *paths[] = { path, NULL };
  Unlocked out = { FALSE, FALSE };
  gulong id;

  write_ballot (f, "ballot-ana.json", 0, fixture_now (), ranks);
  copy_round (f);  /* the backup, made before Ana voted */
  open_and_unlock (f);
  import_paths (f, paths);
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "1 of 6 members has voted");

  g_assert_cmpint (open_path (f, f->copy_dir), ==, PR_FILE_KIND_ROUND);
  g_assert_false (unlock (f, FIXTURE_PASSPHRASE));
  g_assert_cmpstr (adw_status_page_get_title (f->page->locked_page), ==,
                   "This Round Folder Is an Earlier Copy");
  g_assert_nonnull (strstr (adw_status_page_get_description (f->page->locked_page),
                            "which this computer saw, is missing"));
  g_assert_true (gtk_widget_get_visible (f->page->rollback_button));
  g_assert_false (gtk_widget_get_visible (f->page->unlock_button));
  g_assert_false (gtk_widget_get_visible (f->page->protect_button));

  /* Asked first; cancelling leaves it locked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.accept-rollback", NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (pr_round_page_get_dialog (f->page)), ==,
                   "Accept the Earlier Copy?");
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "cancel");
  g_assert_false (pr_round_page_is_unlocked (f->page));
  g_assert_true (gtk_widget_get_visible (f->page->rollback_button));

  /* Another passphrase typed takes the offer back and asks anew. */
  g_assert_false (unlock (f, "wrong horse"));
  g_assert_nonnull (strstr (pr_round_page_get_unlock_message (f->page), "does not open the round"));
  g_assert_cmpstr (adw_status_page_get_title (f->page->locked_page), !=,
                   "This Round Folder Is an Earlier Copy");
  g_assert_false (gtk_widget_get_visible (f->page->rollback_button));
  g_assert_true (gtk_widget_get_visible (f->page->unlock_button));
  g_assert_false (unlock (f, FIXTURE_PASSPHRASE));
  g_assert_true (gtk_widget_get_visible (f->page->rollback_button));

  id = g_signal_connect (f->page, "unlocked", G_CALLBACK (unlocked_cb), &out);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.accept-rollback", NULL));
  adw_message_dialog_response (pr_round_page_get_dialog (f->page), "accept");
  pr_test_wait_flag (&out.done);
  g_signal_handler_disconnect (f->page, id);
  g_assert_true (out.success);
  g_assert_true (pr_round_page_is_unlocked (f->page));
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "earlier copy is accepted"));
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "0 of 6 members have voted");
  g_assert_false (gtk_widget_get_visible (f->page->rollback_button));
  g_assert_true (gtk_widget_get_visible (f->page->unlock_button));

  /* Ana's ballot comes in again. */
  import_paths (f, paths);
  g_assert_cmpstr (pr_round_page_get_counts_text (f->page), ==, "1 of 6 members has voted");
}

/* Opened rounds are listed on the welcome page, most recent first. */
static void
test_recent_rounds (Fixture       *f,
                    gconstpointer  data)
{
  GtkListBox *list = pr_window_get_recent_rounds_list (f->window);
  GtkListBoxRow *row;
  int routed = -1;

  g_assert_cmpint (open_path (f, f->round_dir), ==, PR_FILE_KIND_ROUND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-welcome", NULL));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  /* The round's title, not its folder's name ("round"). */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Sprint 12 review");
  g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);
  g_signal_emit_by_name (row, "activate");
  pr_test_wait (routed != -1, "the file to be routed");
  g_assert_cmpint (routed, ==, PR_FILE_KIND_ROUND);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "round");
}

int
main (int    argc,
      char **argv)
{
  int status;

  pr_test_require_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_true (pr_core_init (NULL));

  the_app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (the_app), NULL, NULL);

  g_test_add ("/peer-rank/round-page/wrong-passphrase", Fixture, NULL, fixture_setup, test_wrong_passphrase, fixture_teardown);
  g_test_add ("/peer-rank/round-page/import-matches-cli", Fixture, NULL, fixture_setup, test_import_matches_cli, fixture_teardown);
  g_test_add ("/peer-rank/round-page/open-ballot", Fixture, NULL, fixture_setup, test_open_ballot, fixture_teardown);
  g_test_add ("/peer-rank/round-page/paste-text", Fixture, NULL, fixture_setup, test_paste_text, fixture_teardown);
  g_test_add ("/peer-rank/round-page/paste-clipboard", Fixture, NULL, fixture_setup, test_paste_clipboard, fixture_teardown);
  g_test_add ("/peer-rank/round-page/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);
  g_test_add ("/peer-rank/round-page/report-filter", Fixture, NULL, fixture_setup, test_report_filter, fixture_teardown);
  g_test_add ("/peer-rank/round-page/decisions-and-closing", Fixture, NULL, fixture_setup, test_decisions_and_closing, fixture_teardown);
  g_test_add ("/peer-rank/round-page/remind", Fixture, NULL, fixture_setup, test_remind, fixture_teardown);
  g_test_add ("/peer-rank/round-page/reissue", Fixture, NULL, fixture_setup, test_reissue, fixture_teardown);
  g_test_add ("/peer-rank/round-page/one-owner", Fixture, NULL, fixture_setup, test_one_owner, fixture_teardown);
  g_test_add ("/peer-rank/round-page/decided-counts", Fixture, NULL, fixture_setup, test_decided_counts, fixture_teardown);
  g_test_add ("/peer-rank/round-page/shared-folder", Fixture, NULL, fixture_setup, test_shared_folder, fixture_teardown);
  g_test_add ("/peer-rank/round-page/change-passphrase", Fixture, NULL, fixture_setup, test_change_passphrase, fixture_teardown);
  g_test_add ("/peer-rank/round-page/restore-key", Fixture, NULL, fixture_setup, test_restore_key, fixture_teardown);
  g_test_add ("/peer-rank/round-page/restore-key-legacy", Fixture, NULL, fixture_setup, test_restore_key_legacy, fixture_teardown);
  g_test_add ("/peer-rank/round-page/other-round-while-reading", Fixture, NULL, fixture_setup,
              test_other_round_while_reading, fixture_teardown);
  g_test_add ("/peer-rank/round-page/recent-rounds", Fixture, NULL, fixture_setup, test_recent_rounds, fixture_teardown);
  g_test_add ("/peer-rank/round-page/accept-rollback", Fixture, NULL, fixture_setup, test_accept_rollback, fixture_teardown);
  g_test_add ("/peer-rank/round-page/protect-legacy", Fixture, NULL, fixture_setup, test_protect_legacy, fixture_teardown);

  cli_home = g_dir_make_tmp ("pr-cli-home-XXXXXX", NULL);
  status = g_test_run ();
  fixture_remove_tree (cli_home);
  g_free (cli_home);
  g_clear_object (&the_app);
  return status;
}
