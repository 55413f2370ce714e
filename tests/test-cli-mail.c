/* test-cli-mail.c — round mail, importing mail files and watch, as a
 * script runs them
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <signal.h>

#include "cli-fixture.h"
#include "mail-fixture.h"
#include "store-fixture.h"

typedef struct {
  char *tmp;
  char *round;
  char *inv;
  char *pass;
  char *sent;       /* where the fake sendmail leaves what it got */
  char *sendmail;   /* its command line */
} Fixture;

static const char roster_csv[] =
  "name,email\n"
  "Ana López,ana@example.org\n"
  "Ben Okafor,ben@example.org\n"
  "Cleo Wu,\n";

/* A round of three (Cleo has no address), made by the CLI. */
static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autofree char *roster = NULL;
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;

  f->tmp = fixture_tmpdir ();
  f->round = g_build_filename (f->tmp, "round", NULL);
  f->inv = g_build_filename (f->tmp, "invitations", NULL);
  f->pass = g_build_filename (f->tmp, "pass", NULL);
  f->sent = g_build_filename (f->tmp, "sent", NULL);
  roster = g_build_filename (f->tmp, "roster.csv", NULL);
  script = g_build_filename (f->tmp, "fake sendmail", NULL);
  g_assert_true (g_file_set_contents (roster, roster_csv, -1, NULL));
  g_assert_true (g_file_set_contents (f->pass, "a long passphrase\n", -1, NULL));
  g_assert_cmpint (g_mkdir (f->sent, 0700), ==, 0);
  /* Records its arguments and the message on its standard input. */
  text = g_strdup_printf ("#!/bin/sh\n"
                          "out=$(mktemp '%s/msg-XXXXXX')\n"
                          "printf '%%s\\n' \"$@\" > \"$out.args\"\n"
                          "cat > \"$out\"\n", f->sent);
  g_assert_true (g_file_set_contents (script, text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  f->sendmail = g_strdup_printf ("'%s' -t -F 'Round Organizer'", script);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "create", f->round, "--title", "Team Q3",
                            "--roster", roster, "--invitations", f->inv, "--deadline", "2026-04-01",
                            "--passphrase-file", f->pass), ==, 0);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  fixture_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->round);
  g_free (f->inv);
  g_free (f->pass);
  g_free (f->sent);
  g_free (f->sendmail);
}

/* The messages the fake sendmail got, parsed with GMime, by To. */
static GHashTable *
read_sent (Fixture *f)
{
  GHashTable *by_to = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GDir) dir = g_dir_open (f->sent, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->sent, name, NULL);
      g_autofree char *args = NULL;
      GMimeStream *stream;
      GMimeParser *parser;
      GMimeMessage *message;
      InternetAddressList *to;

      if (g_str_has_suffix (name, ".args"))
        {
          /* CMD was split like a shell command line. */
          g_assert_true (g_file_get_contents (path, &args, NULL, NULL));
          g_assert_cmpstr (args, ==, "-t\n-F\nRound Organizer\n");
          continue;
        }
      stream = g_mime_stream_fs_open (path, O_RDONLY, 0, NULL);
      parser = g_mime_parser_new_with_stream (stream);
      message = g_mime_parser_construct_message (parser, NULL);
      g_assert_nonnull (message);
      to = g_mime_message_get_to (message);
      g_assert_cmpint (internet_address_list_length (to), ==, 1);
      g_assert_cmpint (internet_address_list_length (g_mime_message_get_cc (message)), ==, 0);
      g_assert_cmpint (internet_address_list_length (g_mime_message_get_bcc (message)), ==, 0);
      g_hash_table_insert (by_to,
                           g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 0)))),
                           message);
      g_object_unref (parser);
      g_object_unref (stream);
    }
  return by_to;
}

static GBytes *
attachment_of (GMimeMessage *message)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);
  GMimePart *part;

  if (!GMIME_IS_MULTIPART (body))
    return NULL;
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body)), ==, 2);
  part = GMIME_PART (g_mime_multipart_get_part (GMIME_MULTIPART (body), 1));
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (GMIME_OBJECT (part)),
                                              "application", "vnd.peer-rank.invitation+json"));
  return mail_fixture_decoded (part);
}

static void
assert_attached (Fixture      *f,
                 GMimeMessage *message,
                 const char   *file)
{
  g_autofree char *path = g_build_filename (f->inv, file, NULL);
  g_autofree char *expected = NULL;
  gsize len = 0;
  g_autoptr(GBytes) attached = attachment_of (message);

  g_assert_true (g_file_get_contents (path, &expected, &len, NULL));
  g_assert_nonnull (attached);
  g_assert_cmpmem (g_bytes_get_data (attached, NULL), g_bytes_get_size (attached), expected, len);
}

static guint
count_lines (const char *text,
             const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* One message per member with an address, each with that member's own
 * invitation; the member without one is listed; the journal says who
 * was sent what. */
static void
test_sendmail (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(GHashTable) sent = NULL;
  g_autofree char *journal = g_build_filename (f->round, "journal.jsonl", NULL);
  g_autofree char *text = NULL;
  GMimeMessage *ana;

  g_assert_cmpint (run_cli (&out, NULL, "round", "mail", f->round, "--invitations", f->inv,
                            "--sendmail", f->sendmail, "--passphrase-file", f->pass), ==, 0);
  g_assert_nonnull (strstr (out, "Ana López <ana@example.org>: invitation sent"));
  g_assert_nonnull (strstr (out, "Cleo Wu: no usable e-mail address"));
  sent = read_sent (f);
  g_assert_cmpuint (g_hash_table_size (sent), ==, 2);
  ana = g_hash_table_lookup (sent, "ana@example.org");
  g_assert_nonnull (ana);
  g_assert_nonnull (strstr (g_mime_message_get_subject (ana), "Team Q3"));
  assert_attached (f, ana, "ana-lopez.json");
  assert_attached (f, g_hash_table_lookup (sent, "ben@example.org"), "ben-okafor.json");

  g_assert_true (g_file_get_contents (journal, &text, NULL, NULL));
  g_assert_cmpuint (count_lines (text, "{\"mail\":\"invitation\""), ==, 2);
  g_assert_nonnull (strstr (text, "\"member\":\"m01\",\"epoch\":0,\"via\":\"sendmail\""));
  g_assert_null (strstr (text, "m03\",\"epoch"));

  /* `round show --json` says when each member's invitation left, without
   * the passphrase; Cleo's never did, and nobody was reminded. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "show", f->round, "--json"), ==, 0);
  {
    g_autoptr(JsonNode) show = json_from_string (out, NULL);
    JsonArray *members;

    g_assert_nonnull (show);
    members = json_object_get_array_member (json_node_get_object (show), "members");
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *member = json_array_get_object_element (members, i);
        const char *mailed = json_object_get_string_member_with_default (member, "invitation_mailed", NULL);

        g_assert_true (json_object_has_member (member, "invitation_mailed"));
        if (i < 2)
          {
            g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (mailed, NULL);

            g_assert_nonnull (time);
            g_assert_cmpint (ABS (g_date_time_to_unix (time) - g_get_real_time () / G_USEC_PER_SEC), <, 600);
          }
        else
          g_assert_true (json_object_get_null_member (member, "invitation_mailed"));
        g_assert_true (json_object_get_null_member (member, "reminder_mailed"));
      }
  }
}

/* --only, .eml files written once, and reminders to non-voters only. */
static void
test_out_only_remind (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->tmp, "outbox", NULL);
  g_autofree char *ben = g_build_filename (folder, "ben-okafor.eml", NULL);
  g_autofree char *ana = g_build_filename (folder, "ana-lopez.eml", NULL);
  g_autofree char *ballot = g_build_filename (f->tmp, "ballot.json", NULL);
  g_autofree char *ana_inv = g_build_filename (f->inv, "ana-lopez.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) sent = NULL;
  struct stat st;

  g_assert_cmpint (run_cli (&out, NULL, "round", "mail", f->round, "--invitations", f->inv,
                            "--out", folder, "--only", "Ben Okafor", "--passphrase-file", f->pass), ==, 0);
  g_assert_true (g_file_get_contents (ben, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\r\nTo: Ben Okafor <ben@example.org>\r\n"));
  g_assert_cmpint (g_stat (ben, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (ana, G_FILE_TEST_EXISTS));
  /* Write-once: a second run does not replace it. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "mail", f->round, "--invitations", f->inv,
                            "--out", folder, "--only", "m02", "--passphrase-file", f->pass), ==, 1);

  /* Ana votes; the reminder goes to Ben only, without an attachment. */
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", ana_inv,
                            "--rank", "Ben Okafor", "--out", ballot), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", f->round, ballot, "--passphrase-file", f->pass), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "mail", f->round, "--remind",
                            "--sendmail", f->sendmail, "--passphrase-file", f->pass), ==, 0);
  sent = read_sent (f);
  g_assert_cmpuint (g_hash_table_size (sent), ==, 1);
  g_assert_null (attachment_of (g_hash_table_lookup (sent, "ben@example.org")));
  g_assert_nonnull (strstr (g_mime_message_get_subject (g_hash_table_lookup (sent, "ben@example.org")),
                            "Reminder"));

  /* Ben's reminder is listed; Ana, who voted, had none. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "show", f->round, "--json"), ==, 0);
  {
    g_autoptr(JsonNode) show = json_from_string (out, NULL);
    JsonArray *members = json_object_get_array_member (json_node_get_object (show), "members");

    g_assert_true (json_object_get_null_member (json_array_get_object_element (members, 0), "reminder_mailed"));
    g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (members, 1),
                                                     "reminder_mailed"));
  }
}

/* Usage errors and a missing passphrase: exit 2, nothing sent. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *inside = g_build_filename (f->round, "outbox", NULL);
  g_autofree char *journal = g_build_filename (f->round, "journal.jsonl", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GHashTable) sent = NULL;

  g_assert_true (g_file_get_contents (journal, &before, NULL, NULL));
  g_assert_cmpint (run_cli (NULL, &err, "round", "mail", f->round, "--invitations", f->inv,
                            "--sendmail", f->sendmail), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "mail", f->round, "--invitations", f->inv,
                            "--sendmail", f->sendmail, "--out", inside, "--passphrase-file", f->pass), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "mail", f->round, "--sendmail", f->sendmail,
                            "--passphrase-file", f->pass), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "mail", f->round, "--invitations", f->inv,
                            "--sendmail", "'unclosed", "--passphrase-file", f->pass), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "round", "mail", f->round, "--invitations", f->inv,
                            "--only", "Nobody", "--sendmail", f->sendmail,
                            "--passphrase-file", f->pass), ==, 2);
  g_assert_nonnull (strstr (err, "Nobody"));
  g_assert_cmpint (run_cli (NULL, NULL, "round", "mail", f->round, "--invitations", f->inv,
                            "--out", inside, "--passphrase-file", f->pass), ==, 2);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  sent = read_sent (f);
  g_assert_cmpuint (g_hash_table_size (sent), ==, 0);
  g_assert_true (g_file_get_contents (journal, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

/* A failing sendmail is a failure of that member (exit 1), said with
 * its message, and nothing is journaled for it. */
static void
test_sendmail_fails (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *journal = g_build_filename (f->round, "journal.jsonl", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "round", "mail", f->round, "--invitations", f->inv,
                            "--sendmail", "sh -c 'cat >/dev/null; echo relay refused >&2; exit 75'",
                            "--passphrase-file", f->pass), ==, 1);
  g_assert_nonnull (strstr (out, "relay refused"));
  g_assert_true (g_file_get_contents (journal, &text, NULL, NULL));
  g_assert_null (strstr (text, "\"mail\""));
}

/* import of .eml and .mbox, as JSON: FILE#MESSAGE/PART with the sender
 * and the date; a message without a ballot is one rejected entry. */
static void
test_import_mail (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *ana_inv = g_build_filename (f->inv, "ana-lopez.json", NULL);
  g_autofree char *ballot = g_build_filename (f->tmp, "ballot.json", NULL);
  g_autofree char *mbox = g_build_filename (f->tmp, "Ballots.mbox", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *out = NULL;
  g_autofree char *where = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonArray *files;
  JsonObject *first, *second;
  gsize len = 0;

  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", ana_inv,
                            "--rank", "Cleo Wu", "--out", ballot), ==, 0);
  g_assert_true (g_file_get_contents (ballot, &contents, &len, NULL));
  b64 = g_base64_encode ((const guchar *) contents, len);
  mail = g_strdup_printf ("From ana@example.org Sun Mar  1 10:15:00 2026\n"
                          "From: Ana <ana@example.org>\nDate: Sun, 01 Mar 2026 10:15:00 +0100\n"
                          "Subject: Re: Your invitation\nMIME-Version: 1.0\n"
                          "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
                          "--b\nContent-Type: text/plain\n\nHere.\n"
                          "--b\nContent-Type: application/json; name=\"ballot.json\"\n"
                          "Content-Transfer-Encoding: base64\n\n%s\n--b--\n\n"
                          "From ben@example.org Sun Mar  1 11:00:00 2026\n"
                          "From: Ben <ben@example.org>\nSubject: question\n\nWhen is the deadline?\n",
                          b64);
  g_assert_true (g_file_set_contents (mbox, mail, -1, NULL));
  g_assert_cmpint (run_cli (&out, NULL, "import", f->round, mbox, "--json",
                            "--passphrase-file", f->pass), ==, 1);
  report = parse_object (out);
  files = json_object_get_array_member (report, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 2);
  first = json_array_get_object_element (files, 0);
  second = json_array_get_object_element (files, 1);
  where = g_strdup_printf ("%s#1/2", mbox);
  g_assert_cmpstr (json_object_get_string_member (first, "path"), ==, where);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (first, "member"), ==, "m01");
  g_assert_cmpstr (json_object_get_string_member (first, "from"), ==, "Ana <ana@example.org>");
  g_assert_cmpstr (json_object_get_string_member (first, "date"), ==, "2026-03-01T10:15:00+01");
  g_assert_cmpstr (json_object_get_string_member (first, "attachment"), ==, "ballot.json");
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (second, "class"), ==, "envelope");
  g_assert_cmpstr (json_object_get_string_member (second, "code"), ==, "mail-no-ballot");
  g_assert_cmpstr (json_object_get_string_member (second, "from"), ==, "Ben <ben@example.org>");
  g_assert_false (json_object_has_member (second, "attachment"));
}

/* ---- watch ---- */

typedef struct {
  GString  *out;
  gboolean  done;
} Reader;

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Reader *reader = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object),
                                                                     result, NULL, NULL);

  if (line == NULL)
    {
      reader->done = TRUE;
      return;
    }
  g_string_append_printf (reader->out, "%s\n", line);
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL,
                                       read_line_cb, reader);
}

static gboolean
wait_for (Reader     *reader,
          const char *needle,
          guint       seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (strstr (reader->out->str, needle) == NULL && !reader->done &&
         g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  return strstr (reader->out->str, needle) != NULL;
}

/* Reads what is left up to the end: no read may outlive its reader. */
static void
drain (Reader *reader)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!reader->done && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  g_assert_true (reader->done);
}

/* The folder's ballots come in as they arrive: one written in pieces
 * is read once, whole; the rescan finds files without events; SIGTERM
 * ends it with 0. */
static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *box = g_build_filename (f->tmp, "box", NULL);
  g_autofree char *ana_inv = g_build_filename (f->inv, "ana-lopez.json", NULL);
  g_autofree char *ben_inv = g_build_filename (f->inv, "ben-okafor.json", NULL);
  g_autofree char *a = g_build_filename (f->tmp, "a.json", NULL);
  g_autofree char *b = g_build_filename (f->tmp, "b.json", NULL);
  g_autofree char *in_box = g_build_filename (box, "ballot-ana.json", NULL);
  g_autofree char *b_in_box = g_build_filename (box, "ballot-ben.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  Reader reader = { g_string_new (NULL), FALSE };
  gsize len = 0;

  g_assert_cmpint (g_mkdir (box, 0700), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", ana_inv,
                            "--rank", "Ben Okafor", "--out", a), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", ben_inv,
                            "--rank", "Cleo Wu", "--out", b), ==, 0);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("PR_CLI"),
                              "watch", f->round, box, "--passphrase-file", f->pass,
                              "--settle", "600", "--rescan", "300", "--no-monitor", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, read_line_cb, &reader);
  g_assert_true (wait_for (&reader, "Watching", 30));

  /* In three pieces, 200 ms apart: never read half-written. */
  g_assert_true (g_file_get_contents (a, &contents, &len, NULL));
  mail_fixture_append (in_box, (guint8 *) contents, len / 3);
  g_usleep (200000);
  mail_fixture_append (in_box, (guint8 *) contents + len / 3, len / 3);
  g_usleep (200000);
  mail_fixture_append (in_box, (guint8 *) contents + 2 * (len / 3), len - 2 * (len / 3));
  g_assert_true (wait_for (&reader, "ballot-ana.json: accepted (Ana López)", 20));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (b, &contents, &len, NULL));
  mail_fixture_append (b_in_box, (guint8 *) contents, len);
  g_assert_true (wait_for (&reader, "ballot-ben.json: accepted (Ben Okafor)", 20));

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  drain (&reader);
  g_test_message ("%s", reader.out->str);
  g_assert_cmpuint (count_lines (reader.out->str, "ballot-ana.json"), ==, 1);
  g_assert_null (strstr (reader.out->str, ": rejected"));
  g_assert_nonnull (strstr (reader.out->str, "2 accepted"));
  g_string_free (reader.out, TRUE);
}

/* With events (inotify) and a folder named relative to the current
 * one: a ballot is reported once, though both an event and a rescan
 * see it. */
static void
test_watch_events (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *box = g_build_filename (f->tmp, "box", NULL);
  g_autofree char *ana_inv = g_build_filename (f->inv, "ana-lopez.json", NULL);
  g_autofree char *ballot = g_build_filename (box, "ballot.json", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  Reader reader = { g_string_new (NULL), FALSE };

  g_assert_cmpint (g_mkdir (box, 0700), ==, 0);
  g_subprocess_launcher_set_cwd (launcher, f->tmp);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PR_CLI"), "watch", f->round,
                                         "box", "--passphrase-file", f->pass, "--settle", "300",
                                         "--rescan", "200", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, read_line_cb, &reader);
  g_assert_true (wait_for (&reader, "Watching", 30));
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", ana_inv,
                            "--rank", "Cleo Wu", "--out", ballot), ==, 0);
  g_assert_true (wait_for (&reader, "ballot.json: accepted (Ana López)", 20));
  /* Events and rescans go on: nothing more to say about it. */
  g_usleep (1500000);
  g_subprocess_send_signal (process, SIGINT);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  drain (&reader);
  g_assert_cmpuint (count_lines (reader.out->str, "ballot.json:"), ==, 1);
  g_assert_nonnull (strstr (reader.out->str, "1 accepted, 0 revised, 0 duplicate"));
  g_string_free (reader.out, TRUE);
}

static void
test_watch_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ballots = g_build_filename (f->round, "ballots", NULL);
  g_autofree char *missing = g_build_filename (f->tmp, "missing", NULL);
  g_autofree char *err = NULL;

  /* The round folder is never the ballot box; a missing folder is said. */
  g_assert_cmpint (run_cli (NULL, NULL, "watch", f->round, ballots, "--passphrase-file", f->pass), ==, 2);
  g_assert_cmpint (run_cli (NULL, &err, "watch", f->round, missing, "--passphrase-file", f->pass), ==, 2);
  g_assert_nonnull (strstr (err, "missing"));
  g_assert_cmpint (run_cli (NULL, NULL, "watch", f->round), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

#define ADD(path, func) \
  g_test_add ("/peer-rank/cli-mail/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("sendmail", test_sendmail);
  ADD ("out-only-remind", test_out_only_remind);
  ADD ("refused", test_refused);
  ADD ("sendmail-fails", test_sendmail_fails);
  ADD ("import-mail", test_import_mail);
  ADD ("watch", test_watch);
  ADD ("watch-events", test_watch_events);
  ADD ("watch-refused", test_watch_refused);
#undef ADD
  return g_test_run ();
}
