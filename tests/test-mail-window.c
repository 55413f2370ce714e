/* test-mail-window.c — the window by mail: Send Invitations through the
 * Email portal or xdg-email, one reminder per member, a watched folder,
 * mail files dropped on the round, and the associate's receipt check —
 * driven through the real pages' actions
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>

#include "mail-fixture.h"
#include "pr-application.h"
#include "pr-draft.h"
#include "pr-file-kind.h"
#include "pr-ranking-page-private.h"
#include "pr-report-item.h"
#include "pr-round-page-mail.h"
#include "pr-round-page-private.h"
#include "pr-store-mail.h"
#include "pr-test-display.h"
#include "pr-window-private.h"
#include "store-fixture.h"

typedef struct {
  PrWindow    *window;
  PrRoundPage *page;
  char        *tmp;
  char        *round_dir;
  char        *inv_dir;
  char        *record_dir;   /* what the fake mail handlers recorded */
  char        *bin_dir;      /* a fake xdg-email */
  char        *old_path;
  GSubprocess *portal;
  GPtrArray   *invitations;
} Fixture;

static PrApplication *the_app;

/* Bo and Eero have no address. */
static const char * const names[] = { "Ana López", "Bo Chen", "Chidi Okafor", "Dana Weiß",
                                      "Eero Mäkinen", "Fatima Zahra", NULL };
static const char * const emails[] = { "ana@example.org", "", "chidi@example.org",
                                       "dana@example.org", "", "fatima+team@example.org", NULL };
static const char * const files[] = { "ana-lopez.json", "bo-chen.json", "chidi-okafor.json",
                                      "dana-weiss.json", "eero-makinen.json", "fatima-zahra.json" };

/* ---- waiting ---- */

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_until (Fixture   *f,
            Condition  condition,
            guint      seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!condition (f) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  return condition (f);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
}

static gboolean
dialog_shown (Fixture *f)
{
  return pr_round_page_get_dialog (f->page) != NULL && !pr_round_page_is_mailing (f->page);
}

static gboolean
not_mailing (Fixture *f)
{
  return !pr_round_page_is_mailing (f->page);
}

/* ---- the fixture ---- */

static void
make_round (Fixture *f)
{
  PrStoreParams params = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;

  params.title = "Sprint 12 review";
  params.deadline = "2030-01-31";
  params.min_ranked = 1;
  params.min_raters = 2;
  params.names = names;
  params.emails = emails;
  params.passphrase = FIXTURE_PASSPHRASE;
  params.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  params.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  store = pr_store_create_with_invitations (f->round_dir, &params, f->inv_dir, &f->invitations, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmp = fixture_tmpdir ();
  f->round_dir = g_build_filename (f->tmp, "round", NULL);
  f->inv_dir = g_build_filename (f->tmp, "invitations", NULL);
  f->record_dir = g_build_filename (f->tmp, "record", NULL);
  f->bin_dir = g_build_filename (f->tmp, "bin", NULL);
  f->old_path = g_strdup (g_getenv ("PATH"));
  g_assert_cmpint (g_mkdir (f->record_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->bin_dir, 0700), ==, 0);
  make_round (f);
  f->window = pr_window_new (GTK_APPLICATION (the_app), pr_application_get_settings (the_app));
  f->page = PR_ROUND_PAGE (pr_window_get_round_page (f->window));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->portal != NULL)
    {
      g_subprocess_send_signal (f->portal, SIGTERM);
      g_subprocess_wait (f->portal, NULL, NULL);
      g_clear_object (&f->portal);
    }
  g_setenv ("PATH", f->old_path, TRUE);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->window);
  g_ptr_array_unref (f->invitations);
  fixture_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->round_dir);
  g_free (f->inv_dir);
  g_free (f->record_dir);
  g_free (f->bin_dir);
  g_free (f->old_path);
}

static void
unlocked_cb (PrRoundPage *page,
             gboolean     success,
             gboolean    *done)
{
  g_assert_true (success);
  *done = TRUE;
}

static void
open_and_unlock (Fixture *f)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->round_dir);
  gboolean done = FALSE;
  gulong id;

  pr_window_open_file (f->window, folder);
  pr_test_wait (pr_round_page_get_store (f->page) != NULL, "the round folder to open");
  id = g_signal_connect (f->page, "unlocked", G_CALLBACK (unlocked_cb), &done);
  gtk_editable_set_text (pr_round_page_get_passphrase (f->page), FIXTURE_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.unlock", NULL));
  pr_test_wait_flag (&done);
  g_signal_handler_disconnect (f->page, id);
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

static char *
write_ballot (Fixture *f,
              guint    voter,
              guint    ranked)
{
  const int ranks[] = { (int) ranked, -1 };
  g_autoptr(GBytes) bytes = fixture_seal (f->invitations, voter, (guint64) fixture_now () - 10, ranks);
  g_autofree char *name = g_strdup_printf ("ballot-%u.json", voter);

  fixture_write (f->tmp, name, bytes);
  return g_build_filename (f->tmp, name, NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static void
assert_same_file (const char *path,
                  const char *expected)
{
  g_autoptr(GBytes) a = read_file (path);
  g_autoptr(GBytes) b = read_file (expected);

  g_assert_true (g_bytes_equal (a, b));
}

/* ---- the fake portal ---- */

static gboolean
portal_ready (Fixture *f)
{
  g_autofree char *ready = g_build_filename (f->record_dir, "ready", NULL);

  return g_file_test (ready, G_FILE_TEST_EXISTS);
}

static void
start_portal (Fixture *f)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "fake-email-portal", NULL);
  g_autoptr(GError) error = NULL;

  f->portal = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, f->record_dir, NULL);
  g_assert_no_error (error);
  g_assert_true (wait_until (f, portal_ready, 20));
}

static GPtrArray *
portal_calls (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->record_dir, "calls.jsonl", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return calls;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      g_ptr_array_add (calls, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }
  return calls;
}

static const char *
only_string (JsonObject *call,
             const char *member)
{
  JsonArray *array = json_object_get_array_member (call, member);

  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_array_get_string_element (array, 0);
}

static int
member_of (const char *email)
{
  for (guint i = 0; emails[i] != NULL; i++)
    if (g_str_equal (emails[i], email))
      return (int) i;
  return -1;
}

/* Send Invitations → Send All: one message per member with an address,
 * to that member alone, with their own invitation attached byte for
 * byte; the others are listed; the journal records each hand-over. */
static void
test_send_invitations_portal (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  AdwMessageDialog *dialog;
  PrStore *store;

  start_portal (f);
  open_and_unlock (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.send-invitations-from",
                                             "s", f->inv_dir));
  g_assert_true (wait_until (f, dialog_shown, 20));
  dialog = pr_round_page_get_dialog (f->page);
  g_assert_nonnull (strstr (pr_round_page_get_mail_status (f->page, 1), "No usable e-mail address"));
  g_assert_nonnull (strstr (pr_round_page_get_mail_status (f->page, 0), "ana@example.org"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send-all"));
  adw_message_dialog_response (dialog, "send-all");
  g_assert_true (pr_round_page_is_mailing (f->page));
  g_assert_true (wait_until (f, not_mailing, 60));

  calls = portal_calls (f);
  g_assert_cmpuint (calls->len, ==, 4);
  for (guint i = 0; i < calls->len; i++)
    {
      JsonObject *call = g_ptr_array_index (calls, i);
      int member = member_of (only_string (call, "addresses"));
      g_autofree char *invitation = NULL;

      g_assert_cmpint (member, >=, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "cc")), ==, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "bcc")), ==, 0);
      g_assert_nonnull (strstr (json_object_get_string_member (call, "subject"), "Sprint 12 review"));
      g_assert_nonnull (strstr (json_object_get_string_member (call, "body"), "2030-01-31"));
      invitation = g_build_filename (f->inv_dir, files[member], NULL);
      assert_same_file (only_string (call, "attachments"), invitation);
    }
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "4 invitations"));
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "2 members have no e-mail address"));
  /* Each send is journaled on the round page's worker. */
  pr_test_wait (!pr_round_page_has_jobs (f->page), "the sends to be journaled");
  store = pr_round_page_get_store (f->page);
  g_assert_cmpint (pr_store_get_mailed (store, 0, PR_JOURNAL_MAIL_INVITATION, NULL), >, 0);
  g_assert_cmpint (pr_store_get_mailed (store, 1, PR_JOURNAL_MAIL_INVITATION, NULL), ==, 0);
  g_assert_cmpint (pr_store_get_mailed (store, 5, PR_JOURNAL_MAIL_INVITATION, NULL), >, 0);
}

/* ---- the fake xdg-email ---- */

static void
install_xdg_email (Fixture *f)
{
  g_autofree char *script = g_build_filename (f->bin_dir, "xdg-email", NULL);
  g_autofree char *text = NULL;
  g_autofree char *path = g_strconcat (f->bin_dir, ":", f->old_path, NULL);

  text = g_strdup_printf ("#!/bin/sh\n"
                          "out=$(mktemp '%s/xdg-XXXXXX')\n"
                          "printf '%%s\\n' \"$@\" > \"$out\"\n"
                          "prev=\n"
                          "for a in \"$@\"; do\n"
                          "  [ \"$prev\" = --attach ] && cp \"$a\" \"$out.attachment\"\n"
                          "  prev=$a\n"
                          "done\n"
                          "exit 0\n", f->record_dir);
  g_assert_true (g_file_set_contents (script, text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_setenv ("PATH", path, TRUE);
}

/* What each xdg-email call got: its argument lines, by call file. */
static GHashTable *
xdg_calls (Fixture *f)
{
  GHashTable *calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) dir = g_dir_open (f->record_dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->record_dir, name, NULL);
      char *text = NULL;

      if (!g_str_has_prefix (name, "xdg-") || g_str_has_suffix (name, ".attachment"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_hash_table_insert (calls, g_steal_pointer (&path), text);
    }
  return calls;
}

/* Without a portal, xdg-email: one member's invitation from its row,
 * then Remind… writes to each member who has not voted, alone, with
 * no attachment. */
static void
test_xdg_email_and_remind (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GHashTable) calls = NULL;
  g_autofree char *ana_ballot = NULL;
  g_autofree char *invitation = g_build_filename (f->inv_dir, files[0], NULL);
  GHashTableIter iter;
  gpointer key, value;

  install_xdg_email (f);
  open_and_unlock (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.send-invitations-from",
                                             "s", f->inv_dir));
  g_assert_true (wait_until (f, dialog_shown, 20));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.send-invitation", "s", "m01"));
  g_assert_true (wait_until (f, not_mailing, 30));
  calls = xdg_calls (f);
  g_assert_cmpuint (g_hash_table_size (calls), ==, 1);
  g_hash_table_iter_init (&iter, calls);
  g_assert_true (g_hash_table_iter_next (&iter, &key, &value));
  g_assert_true (g_str_has_prefix (value, "--utf8\n--subject\nYour invitation to rank: Sprint 12 review\n--body\n"));
  g_assert_true (g_str_has_suffix (value, "\nana@example.org\n"));
  g_assert_nonnull (strstr (value, "\n--attach\n"));
  {
    g_autofree char *copy = g_strconcat (key, ".attachment", NULL);

    assert_same_file (copy, invitation);
  }
  g_clear_pointer (&calls, g_hash_table_unref);

  /* Ana votes; the others with an address get one reminder each. */
  ana_ballot = write_ballot (f, 0, 1);
  import_paths (f, (const char * const[]) { ana_ballot, NULL });
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.remind", NULL));
  g_assert_true (wait_until (f, not_mailing, 30));
  calls = xdg_calls (f);
  g_assert_cmpuint (g_hash_table_size (calls), ==, 4);
  g_hash_table_iter_init (&iter, calls);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (strstr (value, "--attach") != NULL)
        continue;  /* the invitation above */
      g_assert_true (g_str_has_prefix (value, "--utf8\n--subject\nReminder: Sprint 12 review\n"));
      g_assert_false (g_str_has_suffix (value, "\nana@example.org\n"));
      g_assert_true (g_str_has_suffix (value, "\nchidi@example.org\n") ||
                     g_str_has_suffix (value, "\ndana@example.org\n") ||
                     g_str_has_suffix (value, "\nfatima+team@example.org\n"));
    }
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "3 reminders"));
  pr_test_wait (!pr_round_page_has_jobs (f->page), "the sends to be journaled");
  g_assert_cmpint (pr_store_get_mailed (pr_round_page_get_store (f->page), 2, PR_JOURNAL_MAIL_REMINDER,
                                        NULL), >, 0);
}

/* No portal and no xdg-email: the person is told how else to send, and
 * nothing is journaled as sent. */
static void
test_no_mail_program (Fixture       *f,
                      gconstpointer  data)
{
  g_setenv ("PATH", f->bin_dir, TRUE);
  open_and_unlock (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.send-invitations-from",
                                             "s", f->inv_dir));
  g_assert_true (wait_until (f, dialog_shown, 20));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.send-all-invitations", NULL));
  g_assert_true (wait_until (f, not_mailing, 30));
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "No mail program could be reached"));
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "peer-rank-cli round mail"));
  pr_test_wait (!pr_round_page_has_jobs (f->page), "the sends to be journaled");
  g_assert_cmpint (pr_store_get_mailed (pr_round_page_get_store (f->page), 0, PR_JOURNAL_MAIL_INVITATION,
                                        NULL), ==, 0);
}

/* ---- a watched folder ---- */

static gboolean
member_2_voted (Fixture *f)
{
  PrStore *store = pr_round_page_get_store (f->page);

  /* NULL while an import or a job has it. */
  return store != NULL && pr_store_member_voted (store, 2);
}

static gboolean
member_3_voted (Fixture *f)
{
  PrStore *store = pr_round_page_get_store (f->page);

  /* NULL while an import or a job has it. */
  return store != NULL && pr_store_member_voted (store, 3);
}

/* Watch a Folder…: a ballot written there in pieces and a mail file
 * saved there are imported, each once, whole. */
static void
test_watch_folder (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *box = g_build_filename (f->tmp, "box", NULL);
  g_autofree char *chidi = write_ballot (f, 2, 0);
  g_autofree char *dana = write_ballot (f, 3, 0);
  g_autofree char *target = g_build_filename (box, "from-chidi.json", NULL);
  g_autofree char *eml = g_build_filename (box, "Re: invitation.eml", NULL);
  g_autoptr(GBytes) bytes = read_file (chidi);
  g_autoptr(GBytes) dana_bytes = read_file (dana);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (dana_bytes, NULL), g_bytes_get_size (dana_bytes));
  g_autofree char *mail = NULL;
  gsize len = g_bytes_get_size (bytes);
  GListModel *items;

  g_assert_cmpint (g_mkdir (box, 0700), ==, 0);
  open_and_unlock (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.watch-folder-at", "s", box));
  g_assert_nonnull (pr_round_page_get_watch (f->page));
  g_assert_nonnull (strstr (pr_round_page_get_watch_text (f->page), "box"));

  mail_fixture_append (target, g_bytes_get_data (bytes, NULL), len / 2);
  spin (500);
  mail_fixture_append (target, (const guint8 *) g_bytes_get_data (bytes, NULL) + len / 2, len - len / 2);
  g_assert_true (wait_until (f, member_2_voted, 30));

  mail = g_strdup_printf ("From: Dana <dana@example.org>\nSubject: ballot\nMIME-Version: 1.0\n"
                          "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nHi\n"
                          "--b\nContent-Type: application/json; name=\"ballot.json\"\n"
                          "Content-Transfer-Encoding: base64\n\n%s\n--b--\n", b64);
  g_assert_true (g_file_set_contents (eml, mail, -1, NULL));
  g_assert_true (wait_until (f, member_3_voted, 30));

  items = pr_report_view_get_items (pr_round_page_get_report_view (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  {
    g_autoptr(PrReportItem) first = g_list_model_get_item (items, 0);
    g_autoptr(PrReportItem) second = g_list_model_get_item (items, 1);

    g_assert_cmpstr (pr_report_item_get_path (first), ==, target);
    g_assert_cmpint (pr_report_item_get_status (first), ==, PR_BALLOT_STATUS_ACCEPTED);
    g_assert_true (g_str_has_suffix (pr_report_item_get_path (second), "invitation.eml#1/2"));
    g_assert_cmpint (pr_report_item_get_status (second), ==, PR_BALLOT_STATUS_ACCEPTED);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "round.stop-watching", NULL));
  g_assert_null (pr_round_page_get_watch (f->page));
}

/* A mailbox dropped on the round: one entry per ballot and per message
 * without one, named FILE#MESSAGE/PART. */
static void
test_drop_mailbox (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ballot = write_ballot (f, 1, 0);
  g_autoptr(GBytes) bytes = read_file (ballot);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *mbox = g_build_filename (f->tmp, "Inbox.mbox", NULL);
  g_autofree char *text = g_strdup_printf ("From bo@example.org Sun Mar  1 10:00:00 2026\n"
                                           "From: Bo <bo@example.org>\nMIME-Version: 1.0\n"
                                           "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
                                           "--b\nContent-Type: text/plain\n\nMine\n"
                                           "--b\nContent-Type: application/octet-stream; name=\"b.json\"\n"
                                           "Content-Transfer-Encoding: base64\n\n%s\n--b--\n\n"
                                           "From x@example.org Sun Mar  1 11:00:00 2026\n"
                                           "From: X <x@example.org>\n\nNothing here.\n", b64);
  g_autoptr(GFile) file = g_file_new_for_path (mbox);
  gboolean finished = FALSE;
  GListModel *items;
  g_autoptr(PrReportItem) first = NULL;
  g_autoptr(PrReportItem) second = NULL;

  g_assert_true (g_file_set_contents (mbox, text, -1, NULL));
  open_and_unlock (f);
  g_signal_connect (f->page, "import-finished", G_CALLBACK (pr_test_set_flag), &finished);
  pr_round_page_import_files (f->page, (GFile *[]) { file }, 1);
  pr_test_wait_flag (&finished);
  items = pr_report_view_get_items (pr_round_page_get_report_view (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  first = g_list_model_get_item (items, 0);
  second = g_list_model_get_item (items, 1);
  g_assert_true (g_str_has_suffix (pr_report_item_get_path (first), "Inbox.mbox#1/2"));
  g_assert_cmpint (pr_report_item_get_status (first), ==, PR_BALLOT_STATUS_ACCEPTED);
  /* The report names the message it came in: its sender (and date). */
  g_assert_nonnull (pr_report_item_get_mail_origin (first));
  g_assert_true (g_str_has_prefix (pr_report_item_get_mail_origin (first), "Bo <bo@example.org>"));
  g_assert_true (g_str_has_suffix (pr_report_item_get_path (second), "Inbox.mbox#2"));
  g_assert_cmpstr (pr_report_item_get_code (second), ==, "mail-no-ballot");
}

/* ---- the associate's receipt ---- */

static void
opened_cb (PrWindow *window,
           gboolean  success,
           gboolean *done)
{
  g_assert_true (success);
  *done = TRUE;
}

static const char *
dialog_heading (PrRankingPage *page)
{
  AdwMessageDialog *dialog = pr_ranking_page_get_dialog (page);

  g_assert_nonnull (dialog);
  return adw_message_dialog_get_heading (dialog);
}

/* The ranking page says whether the receipts list the last ballot the
 * associate sealed: from text, pasted into its dialog, or a file. */
static void
test_receipt_check (Fixture       *f,
                    gconstpointer  data)
{
  PrInvitation *invitation = g_ptr_array_index (f->invitations, 2);
  g_autofree char *path = g_build_filename (f->inv_dir, files[2], NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PrDraft) draft = pr_draft_new (NULL, pr_invitation_get_manifest (invitation), 2);
  const char *mine = "7DKE-M2QX-3F2A-91C0", *other = "ABCD-EFGH-JKMN-PQRS";
  g_autofree char *counted = g_strdup_printf ("Receipts:\n1. %s\n2. %s\n", other, "7dke-m2qx-3f2a-91c0");
  g_autofree char *missing = g_strdup_printf ("%s\n", other);
  g_autofree char *receipts_file = g_build_filename (f->tmp, "receipts.txt", NULL);
  g_autoptr(GError) error = NULL;
  PrRankingPage *page;
  AdwMessageDialog *dialog;
  GtkTextBuffer *buffer;
  gboolean done = FALSE;

  pr_draft_set_sent (draft, fixture_now () - 60, mine);
  g_assert_true (pr_draft_save (draft, &error));
  g_signal_connect (f->window, "invitation-opened", G_CALLBACK (opened_cb), &done);
  pr_window_open_file (f->window, file);
  pr_test_wait_flag (&done);
  page = PR_RANKING_PAGE (pr_window_get_ranking_page (f->window));
  g_assert_cmpstr (pr_ranking_page_get_sent_fingerprint (page), ==, mine);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ranking.check-receipt-text", "s", counted));
  g_assert_cmpstr (dialog_heading (page), ==, "Your Ballot Was Counted");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ranking.check-receipt-text", "s", missing));
  g_assert_cmpstr (dialog_heading (page), ==, "Your Ballot Is Not Listed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ranking.check-receipt-text", "s",
                                             "The results are out, thanks!"));
  g_assert_cmpstr (dialog_heading (page), ==, "No Receipts Found");
  g_assert_true (g_file_set_contents (receipts_file, counted, -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ranking.check-receipt-file", "s",
                                             receipts_file));
  g_assert_cmpstr (dialog_heading (page), ==, "Your Ballot Was Counted");

  /* Pasted into the dialog, as a person does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ranking.check-receipt", NULL));
  dialog = pr_ranking_page_get_dialog (page);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Check Your Receipt");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (adw_message_dialog_get_extra_child (dialog)))));
  gtk_text_buffer_set_text (buffer, missing, -1);
  adw_message_dialog_response (dialog, "check");
  g_assert_cmpstr (dialog_heading (page), ==, "Your Ballot Is Not Listed");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  pr_test_require_display ();
  /* Drafts go to a folder of this run only. */
  data_home = g_dir_make_tmp ("pr-mail-window-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_true (pr_core_init (NULL));

  the_app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (the_app), NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/peer-rank/mail-window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("send-invitations-portal", test_send_invitations_portal);
  ADD ("xdg-email-and-remind", test_xdg_email_and_remind);
  ADD ("no-mail-program", test_no_mail_program);
  ADD ("watch-folder", test_watch_folder);
  ADD ("drop-mailbox", test_drop_mailbox);
  ADD ("receipt-check", test_receipt_check);
#undef ADD

  status = g_test_run ();
  g_clear_object (&the_app);
  fixture_remove_tree (data_home);
  return status;
}
