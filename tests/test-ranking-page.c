/* test-ranking-page.c — the associate's ranking page, driven as a person does
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "pr-application.h"
#include "pr-draft.h"
#include "pr-test-display.h"
#include "ranking-page-fixture.h"

/* One application for the whole program, as in test-window.c. */
static PrApplication *the_app;
static const char *self_path;

/* Presses @accel on the row of @member after focusing it, and checks
 * the focus stayed on that row (how a screen reader hears the move). */
static void
press_on_row (PageFixture *f,
              guint        member,
              const char  *accel)
{
  PrRankingRow *row = pr_ranking_page_get_row (f->page, member);

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  g_assert_true (press_key (GTK_WIDGET (row), accel));
  g_assert_true (focused_row (f) == row);
}

/* Whether a key on @member's row did anything. */
static gboolean
press_on_row_handled (PageFixture *f,
                      guint        member,
                      const char  *accel)
{
  PrRankingRow *row = pr_ranking_page_get_row (f->page, member);

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  return press_key (GTK_WIDGET (row), accel);
}

static void
test_open_shows_round (void)
{
  PageFixture f;
  PrManifest *manifest;

  page_fixture_init (&f, the_app, 5, 1);
  manifest = pr_store_get_manifest (f.store);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  g_assert_cmpstr (pr_window_get_page (f.window), ==, "ranking");
  g_assert_cmpstr (pr_ranking_page_get_title (f.page), ==, pr_manifest_get_title (manifest));

  /* Everyone but the voter, all not ranked, in roster order. */
  assert_screen (&f, "|1,2,3,4");
  g_assert_null (pr_ranking_page_get_row (f.page, VOTER));
  for (guint m = 1; m < 5; m++)
    assert_label (&f, m, "not ranked");

  page_fixture_clear (&f);
}

static void
write_manifest_invitation (const char *path,
                           const char *deadline)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Ana López", "Bo Chen", "Chidi Okafor", NULL };
  guint8 public_key[PR_KX_PUBLIC_LEN];
  g_autoptr(PrSecret) secret = pr_crypto_kx_keypair (public_key);
  g_autoptr(PrManifest) manifest = pr_manifest_new (NULL, "Deadline round", "", deadline, "Olga Organizer",
                                                    1, 2, names, public_key, &error);
  g_autoptr(PrInvitation) invitation = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  invitation = pr_invitation_new (manifest, 0);
  bytes = pr_invitation_to_bytes (invitation);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL));
}

/* The header tells when the deadline has passed, and only then. */
static void
test_deadline (void)
{
  PageFixture f;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) future = g_date_time_add_days (now, 2);
  g_autofree char *past_day = g_date_time_format (past, "%Y-%m-%d");
  g_autofree char *future_day = g_date_time_format (future, "%Y-%m-%d");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *days[] = { past_day, today, future_day };
  const gboolean passed[] = { TRUE, FALSE, FALSE };

  page_fixture_init (&f, the_app, 3, 1);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *path = g_build_filename (f.dir, "deadline.json", NULL);

      write_manifest_invitation (path, days[i]);
      g_assert_true (page_fixture_open (f.window, path));
      g_assert_cmpint (pr_ranking_page_get_deadline_passed (f.page), ==, passed[i]);
      g_assert_nonnull (strstr (pr_ranking_page_get_details (f.page), "Olga Organizer"));
      g_assert_nonnull (strstr (pr_ranking_page_get_details (f.page), "Deadline"));
    }

  page_fixture_clear (&f);
}

/* DESIGN §1's keys, on the focused row, with the labels a screen reader
 * reads after each move. */
static void
test_keys (void)
{
  PageFixture f;

  page_fixture_init (&f, the_app, 5, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));

  /* Alt+Up anywhere in "Not ranked" ranks the person last: ranking by
   * keys takes one press, not one per person above. */
  press_on_row (&f, 3, "<Alt>Up");
  assert_screen (&f, "3|1,2,4");
  assert_label (&f, 3, "position 1 of 1");
  /* "Not ranked" has no order: no down, and no up/down buttons. */
  g_assert_false (press_on_row_handled (&f, 2, "<Alt>Down"));
  assert_screen (&f, "3|1,2,4");
  g_assert_false (gtk_widget_get_visible (button_widget (pr_ranking_page_get_row (f.page, 2), "row.move-down")));
  press_on_row (&f, 1, "<Alt>Up");
  assert_screen (&f, "3,1|2,4");
  assert_label (&f, 1, "position 2 of 2");
  /* Its buttons follow: it can go up and down (out), and be un-ranked. */
  g_assert_true (button_sensitive (pr_ranking_page_get_row (f.page, 1), "row.move-up"));
  g_assert_true (button_sensitive (pr_ranking_page_get_row (f.page, 1), "row.move-down"));
  g_assert_true (button_sensitive (pr_ranking_page_get_row (f.page, 1), "row.unrank"));
  g_assert_false (button_sensitive (pr_ranking_page_get_row (f.page, 3), "row.move-up"));
  press_on_row (&f, 1, "<Alt>Up");
  assert_screen (&f, "1,3|2,4");
  assert_label (&f, 1, "position 1 of 2");
  press_on_row (&f, 3, "<Alt>Home");
  assert_screen (&f, "3,1|2,4");
  assert_label (&f, 3, "position 1 of 2");
  assert_label (&f, 1, "position 2 of 2");
  press_on_row (&f, 4, "<Alt>End");
  assert_screen (&f, "3,1,4|2");
  assert_label (&f, 4, "position 3 of 3");
  press_on_row (&f, 4, "<Alt>Down");        /* from the bottom of ranked: not ranked */
  assert_screen (&f, "3,1|2,4");
  assert_label (&f, 4, "not ranked");
  press_on_row (&f, 3, "<Alt>Down");
  assert_screen (&f, "1,3|2,4");
  press_on_row (&f, 1, "Delete");           /* back at its place by name */
  assert_screen (&f, "3|1,2,4");
  assert_label (&f, 1, "not ranked");
  assert_label (&f, 3, "position 1 of 1");

  /* The keypad keys work too. */
  press_on_row (&f, 2, "<Alt>KP_Home");
  assert_screen (&f, "2,3|1,4");
  /* One Tab stop per row: none of its buttons takes the focus. */
  g_assert_false (gtk_widget_get_focusable (button_widget (pr_ranking_page_get_row (f.page, 2), "row.move-up")));

  page_fixture_clear (&f);
}

/* The buttons and the per-row menu a touchpad or touch user has. */
static void
test_buttons_and_menu (void)
{
  PageFixture f;
  AdwMessageDialog *dialog;

  page_fixture_init (&f, the_app, 6, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));

  /* The + button ranks a person last. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 4)), "row.rank", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 2)), "row.rank", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 5)), "row.rank", NULL));
  assert_screen (&f, "4,2,5|1,3");
  /* Move to Top, Move Up, Move Down. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 5)), "row.move-first", NULL));
  assert_screen (&f, "5,4,2|1,3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 5)), "row.move-down", NULL));
  assert_screen (&f, "4,5,2|1,3");

  /* Move to Position… asks for the place; 1 is the top. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "row.choose-position", NULL));
  dialog = pr_ranking_page_get_dialog (f.page);
  g_assert_nonnull (dialog);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog)), 2);
  respond (&f, "move");
  assert_screen (&f, "4,3,5,2|1");
  assert_label (&f, 3, "position 2 of 4");

  /* Don't Rank. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 4)), "row.unrank", NULL));
  assert_screen (&f, "3,5,2|1,4");
  /* Up from the first place does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "row.move-up", NULL);
  assert_screen (&f, "3,5,2|1,4");

  page_fixture_clear (&f);
}

static void
test_undo_redo (void)
{
  PageFixture f;

  page_fixture_init (&f, the_app, 4, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));

  press_on_row (&f, 2, "<Alt>Up");
  press_on_row (&f, 3, "<Alt>Up");
  press_on_row (&f, 3, "<Alt>Up");
  assert_screen (&f, "3,2|1");
  g_assert_true (press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "<Control>z"));
  assert_screen (&f, "2,3|1");
  g_assert_true (press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "<Control>z"));
  assert_screen (&f, "2|1,3");
  assert_label (&f, 3, "not ranked");
  g_assert_true (press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "<Control><Shift>z"));
  assert_screen (&f, "2,3|1");
  assert_label (&f, 2, "position 1 of 2");

  /* Start Over puts everyone back, and can be undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "ranking.start-over", NULL));
  assert_screen (&f, "|1,2,3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "ranking.undo", NULL));
  assert_screen (&f, "2,3|1");

  page_fixture_clear (&f);
}

static gboolean
press_copy (PageFixture *f,
            gpointer     data)
{
  return press_key (GTK_WIDGET (pr_ranking_page_get_row (f->page, 1)), "<Control><Shift>c");
}

/* Ctrl+Shift+C seals the order on screen; the organizer's import of the
 * pasted text counts exactly that order. */
static void
test_copy_and_import (void)
{
  PageFixture f;
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) counted = NULL;
  g_autoptr(GArray) shown = NULL;
  AdwMessageDialog *dialog;

  page_fixture_init (&f, the_app, 6, 2);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_on_row (&f, 4, "<Alt>Up");          /* not ranked → ranked last */
  press_on_row (&f, 2, "<Alt>Up");
  press_on_row (&f, 5, "<Alt>End");
  press_on_row (&f, 2, "<Alt>Home");
  assert_screen (&f, "2,4,5|1,3");

  fingerprint = wait_sealed (&f, press_copy, NULL);
  g_assert_nonnull (fingerprint);
  text = read_clipboard (&f);
  g_assert_null (strchr (text, '\n'));
  g_assert_true (g_str_has_prefix (text, "{\"format\":\"peer-rank-ballot\""));

  /* The confirmation shows the fingerprint; the page remembers the send. */
  dialog = pr_ranking_page_get_dialog (f.page);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fingerprint));
  g_assert_nonnull (strstr (pr_ranking_page_get_sent_text (f.page), fingerprint));
  respond (&f, "close");

  bytes = g_bytes_new (text, strlen (text));
  g_assert_cmpint (import_and_count (&f, bytes, &counted), ==, PR_BALLOT_STATUS_ACCEPTED);
  shown = screen_ranking (&f);
  assert_same_ranking (counted, shown);

  /* The app and `peer-rank-cli ballot create` share one sequence counter
   * per invitation: a ballot made with the CLI now revises the app's, and
   * the app's next one revises the CLI's. */
  if (g_getenv ("PR_CLI") != NULL)
    {
      g_autofree char *cli_out = g_build_filename (f.dir, "cli-ballot.json", NULL);
      g_autoptr(GBytes) cli_bytes = NULL;
      g_autoptr(GArray) cli_counted = NULL;
      g_autoptr(GArray) again = NULL;
      g_autofree char *fp_again = NULL;
      g_autofree char *text_again = NULL;
      g_autoptr(GBytes) bytes_again = NULL;
      const char *argv[] = { g_getenv ("PR_CLI"), "ballot", "create", "--invitation", f.invitation_path,
                             "--rank", "m02", "--rank", "m03", "--out", cli_out, NULL };
      g_autoptr(GError) error = NULL;
      int status = -1;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      {
        g_autofree char *data = NULL;
        gsize len = 0;

        g_assert_true (g_file_get_contents (cli_out, &data, &len, NULL));
        cli_bytes = g_bytes_new_take (g_steal_pointer (&data), len);
      }
      g_assert_cmpint (import_and_count (&f, cli_bytes, &cli_counted), ==, PR_BALLOT_STATUS_REVISED);

      fp_again = wait_sealed (&f, press_copy, NULL);
      g_assert_nonnull (fp_again);
      respond (&f, "close");
      text_again = read_clipboard (&f);
      bytes_again = g_bytes_new (text_again, strlen (text_again));
      g_assert_cmpint (import_and_count (&f, bytes_again, &again), ==, PR_BALLOT_STATUS_REVISED);
      assert_same_ranking (again, shown);
    }

  page_fixture_clear (&f);
}

typedef struct {
  const char *folder;
  const char *name;
} ExportTo;

/* Export Ballot…: the chooser a person sees (a save dialog offering the
 * core's default name), then what accepting it with a file does. */
static gboolean
export_to (PageFixture *f,
           gpointer     data)
{
  const ExportTo *to = data;
  g_autoptr(GFile) folder = g_file_new_for_path (to->folder);
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  GtkNativeDialog *chooser;

  if (!gtk_widget_activate_action (GTK_WIDGET (f->page), "ranking.export", NULL))
    return FALSE;
  chooser = pr_ranking_page_get_file_chooser (f->page);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_native_dialog_get_visible (chooser));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  /* The default name comes from the core and never names the voter. */
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_prefix (name, "ballot-"));
  g_assert_true (g_str_has_suffix (name, ".json"));
  g_assert_null (strstr (name, "Person"));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (pr_ranking_page_get_file_chooser (f->page));

  file = g_file_get_child (folder, to->name != NULL ? to->name : name);
  pr_ranking_page_export_to_file (f->page, file);
  return TRUE;
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static void
wait_for_dialog (PageFixture *f)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (pr_ranking_page_get_dialog (f->page) == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Export Ballot… writes the file, a revised export replaces the counted
 * ballot, and an existing file is replaced only when the person says so. */
static void
test_export (void)
{
  PageFixture f;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path = NULL;
  g_autofree char *invitation_id = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GArray) counted = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  ExportTo to = { NULL, "my-ballot.json" };
  guint64 last = 0;

  page_fixture_init (&f, the_app, 5, 1);
  to.folder = f.dir;
  path = g_build_filename (f.dir, "my-ballot.json", NULL);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_on_row (&f, 3, "<Alt>Home");
  press_on_row (&f, 1, "<Alt>End");

  first = wait_sealed (&f, export_to, &to);
  g_assert_nonnull (first);
  respond (&f, "close");
  before = read_bytes (path);
  g_assert_cmpint (import_and_count (&f, before, &counted), ==, PR_BALLOT_STATUS_ACCEPTED);
  shown = screen_ranking (&f);
  assert_same_ranking (counted, shown);

  /* The same name without its extension (the chooser confirmed
   * "my-ballot", not "my-ballot.json"): nothing is written until
   * "Replace". */
  press_on_row (&f, 4, "<Alt>Home");
  to.name = "my-ballot";
  g_assert_true (export_to (&f, &to));
  wait_for_dialog (&f);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (pr_ranking_page_get_dialog (f.page)), "Replace"));
  respond (&f, "cancel");
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  g_assert_true (export_to (&f, &to));
  wait_for_dialog (&f);
  {
    char *fp = NULL;
    gulong id = g_signal_connect (f.page, "sealed", G_CALLBACK (page_fixture_sealed_cb), &fp);

    respond (&f, "replace");
    pr_test_wait (fp != NULL, "the ballot to be sealed");
    g_signal_handler_disconnect (f.page, id);
    second = fp;
  }
  g_assert_cmpstr (first, !=, second);
  after = read_bytes (path);
  g_assert_false (g_bytes_equal (before, after));

  /* The organizer counts the newer ballot: the order now on screen. */
  g_clear_pointer (&counted, g_array_unref);
  g_clear_pointer (&shown, g_array_unref);
  g_assert_cmpint (import_and_count (&f, after, &counted), ==, PR_BALLOT_STATUS_REVISED);
  shown = screen_ranking (&f);
  assert_same_ranking (counted, shown);

  /* Three seals, three sequence numbers, in the counter `ballot create` uses. */
  invitation_id = pr_seal_invitation_id (g_ptr_array_index (f.invitations, VOTER));
  g_assert_true (pr_sequence_last (NULL, invitation_id, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, >, 0);

  /* The default name, when the person keeps it. */
  {
    ExportTo keep = { f.dir, NULL };
    g_autofree char *third = wait_sealed (&f, export_to, &keep);

    g_assert_nonnull (third);
    respond (&f, "close");
  }

  page_fixture_clear (&f);
}

/* The round's minimum is explained before anything is sealed. */
static void
test_min_ranked (void)
{
  PageFixture f;
  g_autofree char *invitation_id = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  guint64 last = 0;

  page_fixture_init (&f, the_app, 5, 2);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_on_row (&f, 2, "<Alt>Home");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f.window)), "before");

  g_assert_true (press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 2)), "<Control><Shift>c"));
  page_fixture_spin (100);
  dialog = pr_ranking_page_get_dialog (f.page);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Rank at Least 2"));
  respond (&f, "close");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "ranking.export", NULL));
  g_assert_null (pr_ranking_page_get_file_chooser (f.page));
  respond (&f, "close");

  /* Nothing sealed: no sequence number used, the clipboard untouched. */
  invitation_id = pr_seal_invitation_id (g_ptr_array_index (f.invitations, VOTER));
  g_assert_true (pr_sequence_last (NULL, invitation_id, &last, &error));
  g_assert_cmpuint (last, ==, 0);
  {
    g_autofree char *text = read_clipboard (&f);

    g_assert_cmpstr (text, ==, "before");
  }

  page_fixture_clear (&f);
}

typedef struct {
  const char *contents;
  const char *expect;
} BadFile;

static const BadFile bad_files[] = {
  { "{\"format\":\"peer-rank-invitation\",\"version\":1,\"round\":{}}\n", "is an invitation, but it cannot be read" },
  { "{\"format\":\"peer-rank-invitation\",\"version\":99}\n", "is an invitation, but it cannot be read" },
  { "PK\x03\x04 not json at all", "is not a Peer Rank file" },
  { "{\"format\":\"peer-rank-ballot\",\"version\":1}", "is a sealed ballot" },
};

/* Damaged, foreign and wrong-kind files get a page saying so. */
static void
test_bad_files (void)
{
  PageFixture f;

  page_fixture_init (&f, the_app, 3, 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.json", i);
      g_autofree char *path = g_build_filename (f.dir, name, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad_files[i].contents, strlen (bad_files[i].contents));

      fixture_write (f.dir, name, bytes);
      g_assert_false (page_fixture_open (f.window, path));
      g_assert_cmpstr (pr_window_get_page (f.window), ==, "error");
      g_assert_nonnull (strstr (pr_window_get_error_text (f.window), bad_files[i].expect));
      g_assert_nonnull (strstr (pr_window_get_error_text (f.window), name));
    }
  /* A good one after them opens as usual. */
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  g_assert_cmpstr (pr_window_get_page (f.window), ==, "ranking");

  page_fixture_clear (&f);
}

/* The draft comes back when the invitation is opened again; Start Over
 * clears it; the welcome page lists the invitation. */
static void
test_draft_and_recent (void)
{
  PageFixture f;
  g_autofree char *fingerprint = NULL;
  GtkListBoxRow *recent;
  const char *title;

  page_fixture_init (&f, the_app, 5, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_on_row (&f, 4, "<Alt>Home");
  press_on_row (&f, 2, "<Alt>End");
  press_on_row (&f, 3, "<Alt>Up");
  assert_screen (&f, "4,2,3|1");

  page_fixture_close_window (&f);
  f.window = pr_window_new (GTK_APPLICATION (the_app), pr_application_get_settings (the_app));
  gtk_window_present (GTK_WINDOW (f.window));
  f.page = PR_RANKING_PAGE (pr_window_get_ranking_page (f.window));
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  assert_screen (&f, "4,2,3|1");
  assert_label (&f, 2, "position 2 of 3");
  g_assert_cmpstr (pr_ranking_page_get_sent_text (f.page), ==, "");

  fingerprint = wait_sealed (&f, press_copy, NULL);
  respond (&f, "close");

  /* The welcome page lists it: title, ranked count, sent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-welcome", NULL));
  recent = gtk_list_box_get_row_at_index (pr_window_get_recent_list (f.window), 0);
  g_assert_nonnull (recent);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent));
  g_assert_cmpstr (title, ==, pr_manifest_get_title (pr_store_get_manifest (f.store)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (recent)), "3 ranked"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (recent)), "sent"));

  /* Activating it opens the invitation again, showing the last send. */
  {
    int opened = -1;
    gulong id = g_signal_connect (f.window, "invitation-opened", G_CALLBACK (page_fixture_opened_cb), &opened);

    /* As a click or Enter does: the row is actionable. */
    g_assert_true (gtk_widget_activate (GTK_WIDGET (recent)));
    pr_test_wait (opened != -1, "the invitation to open again");
    g_signal_handler_disconnect (f.window, id);
  }
  g_assert_cmpstr (pr_window_get_page (f.window), ==, "ranking");
  g_assert_nonnull (strstr (pr_ranking_page_get_sent_text (f.page), fingerprint));
  g_assert_nonnull (strstr (pr_ranking_page_get_sent_text (f.page), "replaces"));

  /* Start Over clears the draft for good. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "ranking.start-over", NULL));
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  assert_screen (&f, "|1,2,3,4");

  page_fixture_clear (&f);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until the window has drawn a frame. */
static void
wait_frame (PageFixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  pr_test_wait (painted, "the window to draw a frame");
  g_signal_handler_disconnect (clock, id);
}

/* A long roster: the search filters both sections, fast. */
static void
test_search_300 (void)
{
  PageFixture f;
  GtkEditable *entry;
  gint64 usec, worst = 0, worst_filter = 0;
  guint visible = 0;
  gint64 start;
  const char *queries[] = { "person a", "PERSON B1", "z", "person", "" };

  page_fixture_init (&f, the_app, 300, 1);
  start = g_get_monotonic_time ();
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  g_test_message ("opening 300 members: %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);

  for (guint i = 1; i <= 20; i++)
    press_on_row (&f, i * 7, "<Alt>Home");
  g_assert_cmpuint (pr_ranking_get_n_ranked (pr_ranking_page_get_ranking (f.page)), >, 0);

  /* A move at 300 members, measured as a person's key press. */
  start = g_get_monotonic_time ();
  press_on_row (&f, 150, "<Alt>Home");
  g_test_message ("one move at 300 members: %" G_GINT64_FORMAT " us (with the draft write)",
                  g_get_monotonic_time () - start);

  g_assert_true (press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 1)), "<Control>f"));
  entry = pr_ranking_page_get_search_entry (f.page);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      gint64 frame;

      gtk_editable_set_text (entry, queries[q]);
      start = g_get_monotonic_time ();
      usec = pr_ranking_page_filter_now (f.page);
      wait_frame (&f);
      frame = g_get_monotonic_time () - start;
      worst = MAX (worst, frame);
      worst_filter = MAX (worst_filter, usec);
      g_test_message ("filter \"%s\" over 299 rows: %" G_GINT64_FORMAT " us to filter, %"
                      G_GINT64_FORMAT " us to the next frame drawn", queries[q], usec, frame);
    }

  /* "person b1" matches B1, B1x and B1xx in both sections: names are
   * "Person <letter><index>". */
  gtk_editable_set_text (entry, "person b1");
  pr_ranking_page_filter_now (f.page);
  for (guint m = 1; m < 300; m++)
    {
      PrRankingRow *row = pr_ranking_page_get_row (f.page, m);
      gboolean match = strstr (pr_ranking_row_get_search_key (row), "person b1") != NULL;

      g_assert_cmpint (gtk_widget_get_child_visible (GTK_WIDGET (row)), ==, match);
      visible += match;
    }
  g_assert_cmpuint (visible, >, 1);
  /* Accents do not matter. */
  g_assert_cmpstr (pr_ranking_row_get_search_key (pr_ranking_page_get_row (f.page, 1)), ==, "person b1\nperson b1");
  {
    g_autofree char *folded = pr_ranking_row_fold ("Ana LÓPEZ");
    g_autofree char *nordic = pr_ranking_row_fold ("Bjørn Łukasz Æsa Strauß");
    g_autofree char *han = pr_ranking_row_fold ("王芳");

    g_assert_cmpstr (folded, ==, "ana lopez");
    /* As file names spell them (issue #15), and what has no such
     * spelling stays itself. */
    g_assert_cmpstr (nordic, ==, "bjorn lukasz aesa strauss");
    g_assert_cmpstr (han, ==, "王芳");
    /* The row's key has the file name's spelling too. */
    {
      g_autoptr(PrRankingRow) row = g_object_ref_sink (pr_ranking_row_new (0, "Bjørn"));

      g_assert_cmpstr (pr_ranking_row_get_search_key (row), ==, "bjorn\nbjoern");
    }
  }

  /* How long filtering and drawing took is a figure, not a pass or fail
   * (a loaded machine is slower): tests/bench measures it. */
  g_test_message ("search among 300: filtering at most %" G_GINT64_FORMAT " µs, "
                  "drawing at most %" G_GINT64_FORMAT " µs", (gint64) worst_filter, (gint64) worst);

  page_fixture_clear (&f);
}

/* -- a crash: the app is killed (SIGKILL) right after some moves -- */

/* The child: opens the invitation, makes the moves, says "ready" and
 * waits to be killed. */
static int
run_child (const char *invitation_path)
{
  PageFixture f = { 0 };

  gtk_init ();
  adw_init ();
  the_app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (the_app), NULL, NULL);

  f.window = pr_window_new (GTK_APPLICATION (the_app), pr_application_get_settings (the_app));
  gtk_window_present (GTK_WINDOW (f.window));
  f.page = PR_RANKING_PAGE (pr_window_get_ranking_page (f.window));
  if (!page_fixture_open (f.window, invitation_path))
    return 1;
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "<Alt>Home");
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 1)), "<Alt>End");
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 4)), "<Alt>Home");
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 1)), "<Alt>Up");
  page_fixture_wait_saved (f.page);
  printf ("ready\n");
  fflush (stdout);
  /* Not a wait: this child serves its window until the test kills it. */
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
test_draft_after_kill (void)
{
  PageFixture f;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  page_fixture_init (&f, the_app, 5, 1);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, "--child", f.invitation_path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* Every move before the kill is back. */
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  assert_screen (&f, "4,1,3|2");
  assert_label (&f, 1, "position 2 of 3");

  page_fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  self_path = argv[0];
  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);

  pr_test_require_display ();
  /* Drafts and sequence numbers go to a folder of this run only; the
   * killed child inherits it. */
  data_home = g_dir_make_tmp ("pr-ranking-page-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  the_app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (the_app), NULL, NULL);

  g_test_add_func ("/peer-rank/ranking-page/open", test_open_shows_round);
  g_test_add_func ("/peer-rank/ranking-page/deadline", test_deadline);
  g_test_add_func ("/peer-rank/ranking-page/keys", test_keys);
  g_test_add_func ("/peer-rank/ranking-page/buttons-and-menu", test_buttons_and_menu);
  g_test_add_func ("/peer-rank/ranking-page/undo-redo", test_undo_redo);
  g_test_add_func ("/peer-rank/ranking-page/copy-and-import", test_copy_and_import);
  g_test_add_func ("/peer-rank/ranking-page/export", test_export);
  g_test_add_func ("/peer-rank/ranking-page/min-ranked", test_min_ranked);
  g_test_add_func ("/peer-rank/ranking-page/bad-files", test_bad_files);
  g_test_add_func ("/peer-rank/ranking-page/draft-and-recent", test_draft_and_recent);
  g_test_add_func ("/peer-rank/ranking-page/search-300", test_search_300);
  g_test_add_func ("/peer-rank/ranking-page/draft-after-kill", test_draft_after_kill);

  status = g_test_run ();
  g_clear_object (&the_app);
  fixture_remove_tree (data_home);

  return status;
}
