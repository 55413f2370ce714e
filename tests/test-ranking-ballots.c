/* test-ranking-ballots.c — an associate never believes a vote stands when
 * it does not
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page keeps each sealed ballot (when, how, what it ranked, with
 * which invitation) and says when the order on screen is not what counts:
 * changes not sent, a copy not yet pasted, a re-issued invitation, a
 * clock that makes ballots look dated wrongly. Needs a display.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pr-application.h"
#include "pr-draft.h"
#include "pr-test-display.h"
#include "ranking-page-fixture.h"

static PrApplication *the_app;

static gboolean
press_copy (PageFixture *f,
            gpointer     data)
{
  return gtk_widget_activate_action (GTK_WIDGET (f->page), "ranking.copy", NULL);
}

/* What accepting the Export Ballot chooser with FOLDER/@data does. */
static gboolean
export_as (PageFixture *f,
           gpointer     data)
{
  g_autofree char *path = g_build_filename (f->dir, data, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pr_ranking_page_export_to_file (f->page, file);
  return TRUE;
}

static void
assert_sent_says (PageFixture *f,
                  const char  *words)
{
  const char *text = pr_ranking_page_get_sent_text (f->page);

  if (strstr (text, words) == NULL)
    g_error ("the page says \"%s\", not \"%s\"", text, words);
}

/* After a seal, any change is "not sent yet" until sealed again; the
 * same order again is what counts; closing the window asks first. */
static void
test_unsent_changes (void)
{
  PageFixture f;
  g_autofree char *fingerprint = NULL;
  AdwMessageDialog *dialog;

  page_fixture_init (&f, the_app, 5, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  /* Ranked but never sent: closing asks. */
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 2)), "<Alt>Up");
  g_assert_true (pr_ranking_page_has_unsent_changes (f.page));

  fingerprint = wait_sealed (&f, export_as, "ballot.json");
  g_assert_nonnull (fingerprint);
  respond (&f, "close");
  assert_sent_says (&f, "saved it as a file");
  g_assert_false (pr_ranking_page_has_unsent_changes (f.page));

  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 4)), "<Alt>Up");
  assert_sent_says (&f, "Changes not sent yet");
  assert_sent_says (&f, fingerprint);
  g_assert_true (pr_ranking_page_has_unsent_changes (f.page));
  /* Back to the sealed order: nothing to send. */
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 4)), "Delete");
  assert_sent_says (&f, "saved it as a file");

  /* A change, then closing the window: it asks; "Keep Open" keeps it. */
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "<Alt>Up");
  gtk_window_close (GTK_WINDOW (f.window));
  page_fixture_spin (50);
  dialog = pr_ranking_page_get_dialog (f.page);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Close Without"));
  respond (&f, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.window)));

  page_fixture_clear (&f);
}

/* Copy as Text says the ballot counts once pasted and sent; an export
 * afterwards says the file. */
static void
test_copy_then_export (void)
{
  PageFixture f;
  g_autofree char *copied = NULL;
  g_autofree char *exported = NULL;

  page_fixture_init (&f, the_app, 5, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 1)), "<Alt>Up");

  copied = wait_sealed (&f, press_copy, NULL);
  g_assert_nonnull (copied);
  respond (&f, "close");
  assert_sent_says (&f, "once you paste it");
  assert_sent_says (&f, copied);

  exported = wait_sealed (&f, export_as, "after-copy.json");
  g_assert_nonnull (exported);
  respond (&f, "close");
  assert_sent_says (&f, "saved it as a file");
  assert_sent_says (&f, exported);
  g_assert_null (strstr (pr_ranking_page_get_sent_text (f.page), copied));

  page_fixture_clear (&f);
}

/* A ballot saved without .json gets it (a folder import reads only .json
 * files), asked about when that name exists, and is written as the
 * person's umask says: it is sealed, others may read it. */
static void
test_no_extension (void)
{
  PageFixture f;
  g_autofree char *fingerprint = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bare = NULL;
  struct stat st;
  mode_t old_mask = umask (022);

  page_fixture_init (&f, the_app, 5, 1);
  path = g_build_filename (f.dir, "my-ballot.json", NULL);
  bare = g_build_filename (f.dir, "my-ballot", NULL);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 1)), "<Alt>Up");

  fingerprint = wait_sealed (&f, export_as, "my-ballot");
  g_assert_nonnull (fingerprint);
  respond (&f, "close");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (bare, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* "my-ballot" again: the chooser never saw "my-ballot.json", so the
   * page asks before replacing it. */
  g_assert_true (export_as (&f, "my-ballot"));
  pr_test_wait (pr_ranking_page_get_dialog (f.page) != NULL, "the page to ask before replacing the file");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (pr_ranking_page_get_dialog (f.page)), "Replace"));
  respond (&f, "cancel");

  /* The full name, which the chooser confirmed: replaced at once. */
  g_clear_pointer (&fingerprint, g_free);
  fingerprint = wait_sealed (&f, export_as, "my-ballot.json");
  g_assert_nonnull (fingerprint);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (pr_ranking_page_get_dialog (f.page)), "Exported"));
  respond (&f, "close");

  umask (old_mask);
  page_fixture_clear (&f);
}

/* The organizer re-issues the invitation: opened, the new one says the
 * earlier ballot no longer counts, and that ballot is rejected. */
static void
test_reissued (void)
{
  PageFixture f;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrInvitation) fresh = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *fresh_path = NULL;

  page_fixture_init (&f, the_app, 5, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 3)), "<Alt>Up");
  fingerprint = wait_sealed (&f, press_copy, NULL);
  g_assert_nonnull (fingerprint);
  respond (&f, "close");

  fresh = pr_store_reissue (f.store, pr_manifest_get_member_id (pr_store_get_manifest (f.store), VOTER),
                            NULL, &error);
  g_assert_no_error (error);
  bytes = pr_invitation_to_bytes (fresh);
  fresh_path = g_build_filename (f.dir, "reissued.json", NULL);
  g_assert_true (g_file_set_contents (fresh_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  g_assert_true (page_fixture_open (f.window, fresh_path));
  assert_sent_says (&f, "no longer counts");
  assert_sent_says (&f, fingerprint);
  g_assert_true (pr_ranking_page_has_unsent_changes (f.page));
  /* The draft order is still there to seal again. */
  g_assert_true (pr_ranking_is_ranked (pr_ranking_page_get_ranking (f.page), 3));

  /* Sealing with the new invitation: the page says it counts again. */
  g_clear_pointer (&fingerprint, g_free);
  fingerprint = wait_sealed (&f, export_as, "new.json");
  g_assert_nonnull (fingerprint);
  respond (&f, "close");
  g_assert_null (strstr (pr_ranking_page_get_sent_text (f.page), "no longer counts"));
  g_assert_false (pr_ranking_page_has_unsent_changes (f.page));

  page_fixture_clear (&f);
}

/* A ballot sealed while the clock was days ahead: the page says the clock
 * looks wrong before sealing, and the next ballot is dated by the clock
 * as it is now, so the organizer counts it instead of flagging it. */
static void
test_wrong_clock (void)
{
  PageFixture f;
  g_autofree char *id = NULL;
  g_autofree char *dir = pr_sequence_default_dir ();
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) counted = NULL;
  guint64 seq = 0, now;

  page_fixture_init (&f, the_app, 5, 1);
  id = pr_seal_invitation_id (g_ptr_array_index (f.invitations, VOTER));
  /* Reserve once to create the counter, then push it three days ahead. */
  g_assert_true (pr_sequence_next (NULL, id, &seq, NULL));
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint64 ahead = (guint64) (g_get_real_time () / G_USEC_PER_SEC) + 3 * 24 * 3600;
    g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", ahead);

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        guint64 last = 0;

        if (g_str_has_prefix (name, ".") || !pr_sequence_last (NULL, id, &last, NULL) || last != seq)
          continue;
        g_file_set_contents (path, value, -1, NULL);
      }
    g_assert_true (pr_sequence_last (NULL, id, &seq, NULL));
    g_assert_cmpuint (seq, ==, ahead);
  }

  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  g_assert_nonnull (strstr (pr_ranking_page_get_clock_text (f.page), "clock looks wrong"));

  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 2)), "<Alt>Up");
  now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  fingerprint = wait_sealed (&f, press_copy, NULL);
  g_assert_nonnull (fingerprint);
  respond (&f, "close");
  g_assert_true (pr_sequence_last (NULL, id, &seq, NULL));
  g_assert_cmpuint (seq, <=, now + 60);
  text = read_clipboard (&f);
  bytes = g_bytes_new (text, strlen (text));
  g_assert_cmpint (import_and_count (&f, bytes, &counted), ==, PR_BALLOT_STATUS_ACCEPTED);

  page_fixture_clear (&f);
}

/* A draft that cannot be read is kept aside, never overwritten. */
static void
test_damaged_draft (void)
{
  PageFixture f;
  g_autoptr(PrDraft) draft = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean kept = FALSE;

  page_fixture_init (&f, the_app, 5, 1);
  draft = pr_draft_new (NULL, pr_store_get_manifest (f.store), VOTER);
  dir = g_path_get_dirname (pr_draft_get_path (draft));
  base = g_path_get_basename (pr_draft_get_path (draft));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (pr_draft_get_path (draft), "not a draft", -1, NULL));

  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  g_assert_nonnull (pr_ranking_page_get_dialog (f.page));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (pr_ranking_page_get_dialog (f.page)), "kept as"));
  respond (&f, "close");
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 2)), "<Alt>Up");
  page_fixture_wait_saved (f.page);

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, base) && strstr (name, ".damaged-") != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "not a draft");
        kept = TRUE;
      }
  g_assert_true (kept);

  page_fixture_clear (&f);
}

/* Recent Invitations says in words when a file is gone, and an entry
 * can be removed (its draft kept, hidden). */
static void
test_recent_missing_and_removed (void)
{
  PageFixture f;
  GtkListBox *recent;
  GtkListBoxRow *row;
  GtkWidget *remove = NULL;

  page_fixture_init (&f, the_app, 5, 1);
  g_assert_true (page_fixture_open (f.window, f.invitation_path));
  press_key (GTK_WIDGET (pr_ranking_page_get_row (f.page, 2)), "<Alt>Up");
  page_fixture_wait_saved (f.page);
  g_assert_cmpint (g_unlink (f.invitation_path), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-welcome", NULL));
  recent = pr_window_get_recent_list (f.window);
  row = gtk_list_box_get_row_at_index (recent, 0);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "no longer at"));
  g_assert_false (gtk_list_box_row_get_activatable (row));

  /* The row's remove button. */
  remove = find_descendant (GTK_WIDGET (row), is_button_for, NULL);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  /* Other tests' invitations may still be listed; this one is not. */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (recent, i)) != NULL; i++)
    g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "invitation-path"), !=, f.invitation_path);

  page_fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  char *data_home;
  int status;

  pr_test_require_display ();
  data_home = page_fixture_app_init (&argc, &argv, &the_app);

  g_test_add_func ("/peer-rank/ranking-ballots/unsent-changes", test_unsent_changes);
  g_test_add_func ("/peer-rank/ranking-ballots/copy-then-export", test_copy_then_export);
  g_test_add_func ("/peer-rank/ranking-ballots/no-extension", test_no_extension);
  g_test_add_func ("/peer-rank/ranking-ballots/reissued", test_reissued);
  g_test_add_func ("/peer-rank/ranking-ballots/wrong-clock", test_wrong_clock);
  g_test_add_func ("/peer-rank/ranking-ballots/damaged-draft", test_damaged_draft);
  g_test_add_func ("/peer-rank/ranking-ballots/recent-missing-and-removed", test_recent_missing_and_removed);

  status = g_test_run ();
  page_fixture_app_clear (&the_app, data_home);

  return status;
}
