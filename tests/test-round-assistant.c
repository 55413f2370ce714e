/* test-round-assistant.c — New Round, driven through the real dialog's
 * actions: details, roster, passphrase, key backup, invitations, then the
 * round opened, unlocked and fed a ballot sealed from a written invitation
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pr-application.h"
#include "pr-file-kind.h"
#include "pr-round-assistant-private.h"
#include "pr-round-page-private.h"
#include "pr-test-display.h"
#include "pr-window-private.h"
#include "store-fixture.h"

#define PASSPHRASE "violet tractor river spoon"

typedef struct {
  PrWindow         *window;
  PrRoundAssistant *assistant;
  char             *tmp;
  gboolean          closed;   /* the test closed the window (holding a reference) */
} Fixture;

static PrApplication *the_app;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmp = fixture_tmpdir ();
  f->window = pr_window_new (GTK_APPLICATION (the_app), pr_application_get_settings (the_app));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-round", NULL));
  f->assistant = PR_ROUND_ASSISTANT (pr_window_get_assistant (f->window));
  g_assert_nonnull (f->assistant);
  pr_round_assistant_set_key_limits (f->assistant, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (!f->closed)
    {
      g_object_ref (f->window);
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->window);
  fixture_remove_tree (f->tmp);
  g_free (f->tmp);
}

static gboolean
act (Fixture    *f,
     const char *action,
     GVariant   *parameter)
{
  /* GTK hands a widget action's parameter on without sinking it, so the
   * floating reference the caller made is ours to drop. */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  return gtk_widget_activate_action_variant (GTK_WIDGET (f->assistant), action, owned);
}

static void
set_field (Fixture    *f,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (pr_round_assistant_get_field (f->assistant, name), text);
}

static void
result_cb (gpointer  instance,
           gboolean  success,
           int      *out)
{
  *out = success;
}

static void
fill_details (Fixture *f)
{
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "details");
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "details");
  g_assert_nonnull (strstr (pr_round_assistant_get_error (f->assistant), "title"));

  set_field (f, "title", "  Sprint 12 review ");
  set_field (f, "description", "Who carried the sprint?");
  set_field (f, "organizer", "Olga Organizer");
  g_assert_true (act (f, "assistant.set-deadline", g_variant_new_string ("2026-13-40")));
  g_assert_nonnull (pr_round_assistant_get_error (f->assistant));
  /* A date already past is taken, and said. */
  g_assert_true (act (f, "assistant.set-deadline", g_variant_new_string ("2001-01-01")));
  g_assert_nonnull (strstr (pr_round_assistant_get_deadline_text (f->assistant), "passed"));
  g_assert_true (act (f, "assistant.set-deadline", g_variant_new_string ("9999-12-31")));
  g_assert_cmpstr (pr_round_assistant_get_deadline_text (f->assistant), ==, "9999-12-31");
  g_assert_true (act (f, "assistant.set-deadline", g_variant_new_string ("2026-12-31")));
  g_assert_cmpstr (pr_round_assistant_get_deadline (f->assistant), ==, "2026-12-31");
  gtk_spin_button_set_value (pr_round_assistant_get_spin (f->assistant, "min-ranked"), 2);
  gtk_spin_button_set_value (pr_round_assistant_get_spin (f->assistant, "min-raters"), 2);
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "roster");
}

/* Typed, pasted and imported names; each refused CSV line is named. */
static void
fill_roster (Fixture *f)
{
  PrRosterEditor *roster = pr_round_assistant_get_roster (f->assistant);
  g_autofree char *csv = g_build_filename (f->tmp, "team.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) emails = NULL;
  const char *pasted = "Ana López\nBo Chen\n\n";
  const char *table = "Name;Email\nChidi Okafor;chidi@example.org\nana lópez;\nDana Weiß;dana@example\n"
                      "Eero Mäkinen;not an address\nFatima Zahra;fatima@example.org\n;x@example.org\n";
  guint added = 0;

  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "roster");
  g_assert_nonnull (pr_round_assistant_get_error (f->assistant));

  g_assert_true (pr_roster_editor_add_text (roster, pasted, strlen (pasted), FALSE, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_file_set_contents (csv, table, -1, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.import-csv-from", "s", csv));
  /* The file's good lines are added; a bad address (line 5) and an
   * empty name (line 7) are refused, each with its line. */
  g_assert_cmpuint (pr_roster_editor_get_n (roster), ==, 6);
  g_assert_nonnull (strstr (pr_roster_editor_get_refused (roster), "Line 5:"));
  g_assert_nonnull (strstr (pr_roster_editor_get_refused (roster), "Line 7:"));
  g_assert_null (strstr (pr_roster_editor_get_refused (roster), "Line 3:"));

  /* Remove All takes everyone and the stale refusals; Undo puts the
   * same members back in the same order. */
  {
    g_auto(GStrv) before = pr_roster_editor_dup_names (roster);
    g_auto(GStrv) after = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.clear", NULL));
    g_assert_cmpuint (pr_roster_editor_get_n (roster), ==, 0);
    g_assert_cmpstr (pr_roster_editor_get_refused (roster), ==, "");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.undo-clear", NULL));
    after = pr_roster_editor_dup_names (roster);
    g_assert_cmpstrv (after, before);
    /* Undo is spent. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.undo-clear", NULL));
    g_assert_cmpuint (pr_roster_editor_get_n (roster), ==, 6);
  }

  /* The editor's own check catches a duplicate across sources. */
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_nonnull (strstr (pr_round_assistant_get_error (f->assistant), "same name"));
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "roster");

  /* Rename, reorder, remove and add by hand. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.remove", "u", 3));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.rename", "(us)", 1, "Bo Chen-Li"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.move-up", "u", 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.add", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.rename", "(us)", 5, "Gus Grant"));
  names = pr_roster_editor_dup_names (roster);
  emails = pr_roster_editor_dup_emails (roster);
  {
    const char *expected[] = { "Ana López", "Chidi Okafor", "Bo Chen-Li", "Dana Weiß", "Fatima Zahra",
                               "Gus Grant", NULL };
    const char *expected_emails[] = { "", "chidi@example.org", "", "dana@example", "fatima@example.org", "",
                                      NULL };

    g_assert_cmpstrv (names, expected);
    g_assert_cmpstrv (emails, expected_emails);
  }
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "key");
}

static void
wait_result (Fixture    *f,
             const char *signal)
{
  int result = -1;
  gulong id = g_signal_connect (f->assistant, signal, G_CALLBACK (result_cb), &result);

  pr_test_wait (result != -1, "the assistant to answer");
  g_signal_handler_disconnect (f->assistant, id);
  if (result != TRUE)
    g_test_message ("%s failed: %s", signal, pr_round_assistant_get_error (f->assistant));
  g_assert_cmpint (result, ==, TRUE);
}

/* The meter's level and words for @passphrase: weak fills the bar only to
 * its "low" (red) level, only strong reaches "full" (green). */
static void
check_meter (Fixture              *f,
             const char           *passphrase,
             PrPassphraseStrength  strength,
             const char           *word)
{
  PrPassphraseMeter *meter = pr_round_assistant_get_strength_meter (f->assistant);
  GtkLevelBar *bar = pr_passphrase_meter_get_bar (meter);
  double low = 0, high = 0, full = 0, value;

  set_field (f, "passphrase", passphrase);
  g_assert_cmpint (pr_passphrase_meter_get_strength (meter), ==, strength);
  g_assert_true (g_str_has_prefix (pr_round_assistant_get_strength (f->assistant), word));
  g_assert_true (gtk_level_bar_get_offset_value (bar, GTK_LEVEL_BAR_OFFSET_LOW, &low));
  g_assert_true (gtk_level_bar_get_offset_value (bar, GTK_LEVEL_BAR_OFFSET_HIGH, &high));
  g_assert_true (gtk_level_bar_get_offset_value (bar, GTK_LEVEL_BAR_OFFSET_FULL, &full));
  value = gtk_level_bar_get_value (bar);
  if (strength == PR_PASSPHRASE_WEAK)
    g_assert_cmpfloat (value, <=, low);
  else if (strength == PR_PASSPHRASE_FAIR)
    g_assert_true (value > low && value <= high);
  else
    g_assert_cmpfloat (value, >, high);
  g_assert_cmpfloat (value >= full, ==, strength == PR_PASSPHRASE_STRONG);
}

static void
create (Fixture    *f,
        const char *round_dir)
{
  g_assert_true (act (f, "assistant.set-folder", g_variant_new_string (round_dir)));
  set_field (f, "passphrase", "short");
  g_assert_nonnull (strstr (pr_round_assistant_get_strength (f->assistant), "Too short"));
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_nonnull (strstr (pr_round_assistant_get_error (f->assistant), "at least 8"));
  check_meter (f, "Password123!", PR_PASSPHRASE_WEAK, "Weak");
  check_meter (f, "aaaaaaaaaaaaaaaaaaaa", PR_PASSPHRASE_WEAK, "Weak");
  check_meter (f, "k8#Qz!v2", PR_PASSPHRASE_FAIR, "Fair");
  set_field (f, "passphrase", PASSPHRASE);
  g_assert_nonnull (strstr (pr_round_assistant_get_strength (f->assistant), "Strong"));
  check_meter (f, PASSPHRASE, PR_PASSPHRASE_STRONG, "Strong");
  set_field (f, "confirm", PASSPHRASE "!");
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_nonnull (strstr (pr_round_assistant_get_error (f->assistant), "differ"));
  set_field (f, "confirm", PASSPHRASE);
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "creating");
  /* Not while the key is being made. */
  gtk_window_close (GTK_WINDOW (f->assistant));
  g_assert_nonnull (pr_round_assistant_get_leave_dialog (f->assistant));
  g_assert_cmpstr (adw_message_dialog_get_heading (pr_round_assistant_get_leave_dialog (f->assistant)),
                   ==, "Not While the Round Is Being Made");
  g_assert_false (adw_message_dialog_has_response (pr_round_assistant_get_leave_dialog (f->assistant),
                                                   "leave"));
  adw_message_dialog_response (pr_round_assistant_get_leave_dialog (f->assistant), "stay");
  g_assert_true (pr_window_get_assistant (f->window) == GTK_WINDOW (f->assistant));
  /* The fields never keep the passphrase. */
  g_assert_cmpstr (gtk_editable_get_text (pr_round_assistant_get_field (f->assistant, "passphrase")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (pr_round_assistant_get_field (f->assistant, "confirm")), ==, "");
  wait_result (f, "created");
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "backup");
}

static void
file_routed_cb (PrWindow *window,
                GFile    *file,
                int       kind,
                int      *out)
{
  *out = kind;
}

static void
unlocked_cb (PrRoundPage *page,
             gboolean     success,
             int         *out)
{
  *out = success;
}

/* Once created, the round opens on the round page; a ballot sealed from
 * one of the written invitations is accepted there. */
static void
open_and_import (Fixture    *f,
                 const char *invitations_dir)
{
  PrRoundPage *page = PR_ROUND_PAGE (pr_window_get_round_page (f->window));
  g_autofree char *invitation_path = g_build_filename (invitations_dir, "ana-lopez.json", NULL);
  g_autofree char *ballot = g_build_filename (f->tmp, "ballot.json", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  PrInvitation *invitation;
  guint16 ranking[] = { 1, 2 };
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GFile) file = NULL;
  int routed = -1, unlocked = -1;
  gboolean finished = FALSE;
  g_autoptr(PrReportItem) item = NULL;

  g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);
  g_assert_true (act (f, "assistant.next", NULL));
  pr_test_wait (routed != -1, "the new round to be opened");
  g_assert_cmpint (routed, ==, PR_FILE_KIND_ROUND);
  g_assert_null (pr_window_get_assistant (f->window));
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "round");

  g_signal_connect (page, "unlocked", G_CALLBACK (unlocked_cb), &unlocked);
  gtk_editable_set_text (pr_round_page_get_passphrase (page), PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "round.unlock", NULL));
  pr_test_wait (unlocked != -1, "the new round to unlock");
  g_assert_cmpint (unlocked, ==, TRUE);

  g_file_get_contents (invitation_path, &data, &len, NULL);
  invitation = pr_invitation_parse ((const guint8 *) data, len, NULL);
  g_assert_nonnull (invitation);
  sealed = pr_ballot_seal (invitation, ranking, 2, (guint64) fixture_now (), NULL, NULL);
  pr_invitation_free (invitation);
  g_assert_nonnull (sealed);
  fixture_write (f->tmp, "ballot.json", sealed);
  g_signal_connect (page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  file = g_file_new_for_path (ballot);
  pr_round_page_import_files (page, &file, 1);
  pr_test_wait_flag (&finished);
  item = g_list_model_get_item (pr_report_view_get_items (pr_round_page_get_report_view (page)), 0);
  g_assert_cmpint (pr_report_item_get_status (item), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpstr (pr_round_page_get_member_status (page, 0), ==, "Voted");
}

static void
test_create_round (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *round_dir = g_build_filename (f->tmp, "rounds", "sprint-12", NULL);
  g_autofree char *inside = g_build_filename (round_dir, "copy.key", NULL);
  g_autofree char *backup = g_build_filename (f->tmp, "usb", "sprint-12.key", NULL);
  g_autofree char *usb = g_build_filename (f->tmp, "usb", NULL);
  g_autofree char *invitations = g_build_filename (f->tmp, "invitations", NULL);
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  PrManifest *manifest;
  guint n_files = 0;

  fill_details (f);
  fill_roster (f);
  create (f, round_dir);

  store = pr_store_open (round_dir, &error);
  g_assert_no_error (error);
  manifest = pr_store_get_manifest (store);
  g_assert_cmpstr (pr_round_assistant_get_fingerprint (f->assistant), ==, pr_manifest_get_fingerprint (manifest));
  g_assert_cmpstr (pr_manifest_get_title (manifest), ==, "Sprint 12 review");
  g_assert_cmpstr (pr_manifest_get_description (manifest), ==, "Who carried the sprint?");
  g_assert_cmpstr (pr_manifest_get_organizer (manifest), ==, "Olga Organizer");
  g_assert_cmpstr (pr_manifest_get_deadline (manifest), ==, "2026-12-31");
  g_assert_cmpuint (pr_manifest_get_min_ranked (manifest), ==, 2);
  g_assert_cmpuint (pr_manifest_get_n_members (manifest), ==, 6);
  g_assert_cmpstr (pr_manifest_get_member_name (manifest, 2), ==, "Bo Chen-Li");
  g_assert_cmpstr (pr_store_get_email (store, 1), ==, "chidi@example.org");
  g_assert_true (act (f, "assistant.copy-fingerprint", NULL));

  /* No invitations before a backup copy of the key exists elsewhere. */
  act (f, "assistant.write-invitations", NULL);
  g_assert_false (pr_round_assistant_is_busy (f->assistant));
  act (f, "assistant.next", NULL);
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "backup");
  g_assert_true (act (f, "assistant.save-backup-to", g_variant_new_string (inside)));
  g_assert_nonnull (pr_round_assistant_get_error (f->assistant));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_mkdir (usb, 0700);
  g_assert_true (act (f, "assistant.save-backup-to", g_variant_new_string (backup)));
  g_assert_null (pr_round_assistant_get_error (f->assistant));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "invitations");

  /* Closing before the invitations are written asks first. */
  gtk_window_close (GTK_WINDOW (f->assistant));
  g_assert_true (pr_window_get_assistant (f->window) == GTK_WINDOW (f->assistant));
  g_assert_nonnull (pr_round_assistant_get_leave_dialog (f->assistant));
  adw_message_dialog_response (pr_round_assistant_get_leave_dialog (f->assistant), "stay");
  g_assert_true (pr_window_get_assistant (f->window) == GTK_WINDOW (f->assistant));

  act (f, "assistant.next", NULL);
  g_assert_cmpstr (pr_round_assistant_get_step (f->assistant), ==, "invitations");
  g_assert_true (act (f, "assistant.set-invitations-folder", g_variant_new_string (invitations)));
  g_assert_true (act (f, "assistant.write-invitations", NULL));
  wait_result (f, "invitations-written");
  dir = g_dir_open (invitations, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 6);

  open_and_import (f, invitations);
}

static void
answer (Fixture    *f,
        const char *heading,
        const char *response)
{
  AdwMessageDialog *question = pr_round_assistant_get_leave_dialog (f->assistant);

  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  adw_message_dialog_response (question, response);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* One close path: Escape, Ctrl+Q and closing the main window all ask
 * before typed details are lost, and leaving closes what was asked to. */
static void
test_close_paths (Fixture       *f,
                  gconstpointer  data)
{
  /* Nothing typed: Escape just closes. */
  g_assert_true (act (f, "window.close", NULL));
  g_assert_null (pr_window_get_assistant (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-round", NULL));
  f->assistant = PR_ROUND_ASSISTANT (pr_window_get_assistant (f->window));

  set_field (f, "title", "R&D review");
  g_assert_true (act (f, "window.close", NULL));
  answer (f, "Discard the New Round?", "stay");
  g_assert_true (pr_window_get_assistant (f->window) == GTK_WINDOW (f->assistant));

  /* Ctrl+Q: the application does not end while the assistant asks. */
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "quit", NULL);
  answer (f, "Discard the New Round?", "stay");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (pr_window_get_assistant (f->window) == GTK_WINDOW (f->assistant));

  /* Closing the main window asks through the assistant; leaving closes
   * both. */
  f->closed = TRUE;
  g_object_ref (f->window);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_realized (GTK_WIDGET (f->window)));
  answer (f, "Discard the New Round?", "leave");
  pr_test_wait (!gtk_widget_get_realized (GTK_WIDGET (f->window)), "the assistant to close");
  g_assert_null (pr_window_get_assistant (f->window));
}

/* The invitations folder must not be the round folder or inside it. */
static void
test_invitations_apart (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *round_dir = g_build_filename (f->tmp, "round", NULL);
  g_autofree char *inside = g_build_filename (round_dir, "invitations", NULL);
  g_autofree char *backup = g_build_filename (f->tmp, "round.key", NULL);
  PrRosterEditor *roster = pr_round_assistant_get_roster (f->assistant);
  int result = -1;

  set_field (f, "title", "Apart");
  g_assert_true (act (f, "assistant.next", NULL));
  pr_roster_editor_add (roster, "Ana", NULL);
  pr_roster_editor_add (roster, "Bo", "bo@example.org");
  g_assert_true (act (f, "assistant.next", NULL));
  set_field (f, "passphrase", PASSPHRASE);
  set_field (f, "confirm", PASSPHRASE);
  g_assert_true (act (f, "assistant.set-folder", g_variant_new_string (round_dir)));
  g_assert_true (act (f, "assistant.next", NULL));
  wait_result (f, "created");
  g_assert_true (act (f, "assistant.save-backup-to", g_variant_new_string (backup)));
  g_assert_true (act (f, "assistant.next", NULL));
  g_assert_true (act (f, "assistant.set-invitations-folder", g_variant_new_string (inside)));
  g_signal_connect (f->assistant, "invitations-written", G_CALLBACK (result_cb), &result);
  g_assert_true (act (f, "assistant.write-invitations", NULL));
  pr_test_wait (result != -1, "the assistant to answer");
  g_assert_cmpint (result, ==, FALSE);
  g_assert_nonnull (pr_round_assistant_get_error (f->assistant));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
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

  g_test_add ("/peer-rank/round-assistant/create-round", Fixture, NULL, fixture_setup, test_create_round, fixture_teardown);
  g_test_add ("/peer-rank/round-assistant/invitations-apart", Fixture, NULL, fixture_setup, test_invitations_apart, fixture_teardown);
  g_test_add ("/peer-rank/round-assistant/close-paths", Fixture, NULL, fixture_setup, test_close_paths, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&the_app);
  return status;
}
