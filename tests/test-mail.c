/* test-mail.c — invitations out by mail, ballots in from mail files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmime/gmime.h>

#include "pr-import.h"
#include "pr-invitation.h"
#include "pr-mail-compose.h"
#include "pr-mail-plan.h"
#include "pr-mail.h"
#include "pr-store-mail.h"
#include "mail-fixture.h"
#include "store-fixture.h"

typedef struct {
  char      *tmp;
  char      *round;
  PrStore   *store;
  GPtrArray *inv;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = fixture_tmpdir ();
  f->round = g_build_filename (f->tmp, "round", NULL);
  f->store = fixture_round (f->round, 4, 1, &f->inv);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->store, pr_store_free);
  g_ptr_array_unref (f->inv);
  fixture_remove_tree (f->tmp);
  g_free (f->round);
  g_free (f->tmp);
}

static GBytes *
ballot_of (Fixture *f,
           guint    voter,
           guint64  sequence)
{
  const int ranks[] = { (int) (voter + 1) % 4, -1 };

  return fixture_seal (f->inv, voter, sequence, ranks);
}

/* The ballot as a one-line string without its newline. */
static char *
ballot_text (GBytes *ballot)
{
  return g_strndup (g_bytes_get_data (ballot, NULL), g_bytes_get_size (ballot) - 1);
}

/* Quoted-printable with soft line breaks every 60 characters. */
static char *
quoted_printable (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *out = g_string_new (NULL);
  guint column = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\n')
        {
          g_string_append_c (out, '\n');
          column = 0;
          continue;
        }
      if (column >= 60)
        {
          g_string_append (out, "=\n");
          column = 0;
        }
      if (data[i] == '=' || data[i] < 32 || data[i] > 126)
        {
          g_string_append_printf (out, "=%02X", data[i]);
          column += 3;
        }
      else
        {
          g_string_append_c (out, (char) data[i]);
          column++;
        }
    }
  return g_string_free (out, FALSE);
}

static const char headers[] =
  "From: Ana Lopez <ana@example.org>\n"
  "To: Organizer <org@example.org>\n"
  "Subject: My ballot\n"
  "Date: Sun, 01 Mar 2026 10:15:00 +0100\n"
  "MIME-Version: 1.0\n";

/* A message with a text part and one attachment in @encoding. */
static char *
mail_with_attachment (GBytes     *ballot,
                      const char *encoding,
                      const char *type,
                      const char *filename)
{
  g_autofree char *content = g_str_equal (encoding, "base64") ? mail_fixture_base64_lines (ballot)
                             : g_str_equal (encoding, "quoted-printable") ? quoted_printable (ballot)
                             : ballot_text (ballot);

  return g_strdup_printf ("%s"
                          "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
                          "--outer\nContent-Type: text/plain; charset=utf-8\n\nHere it is.\n"
                          "--outer\nContent-Type: %s; name=\"%s\"\n"
                          "Content-Disposition: attachment; filename=\"%s\"\n"
                          "Content-Transfer-Encoding: %s\n\n%s\n"
                          "--outer--\n",
                          headers, type, filename, filename, encoding, content);
}

static GPtrArray *
extract (const char *mail)
{
  return pr_mail_extract ((const guint8 *) mail, strlen (mail));
}

static PrMailFound *
found_at (GPtrArray *found,
          guint      i)
{
  g_assert_cmpuint (i, <, found->len);
  return g_ptr_array_index (found, i);
}

/* The length without a final newline. */
static gsize
line_length (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return len > 0 && data[len - 1] == '\n' ? len - 1 : len;
}

static void
assert_ballot (PrMailFound *found,
               const char  *where,
               GBytes      *ballot)
{
  g_assert_no_error (found->error);
  g_assert_cmpstr (found->where, ==, where);
  g_assert_nonnull (found->bytes);
  /* A 7bit part's last line break belongs to the boundary after it: the
   * same ballot, as the import reads it (pr_envelope_unwrap()). */
  g_assert_cmpmem (g_bytes_get_data (found->bytes, NULL), line_length (found->bytes),
                   g_bytes_get_data (ballot, NULL), line_length (ballot));
}

/* ---- reading ballots out of mail ---- */

static void
test_attachment_encodings (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) ballot = ballot_of (f, 0, 100);
  const char *encodings[] = { "base64", "quoted-printable", "7bit" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autofree char *mail = mail_with_attachment (ballot, encodings[i], "application/json",
                                                    "ballot-1234.json");
      g_autoptr(GPtrArray) found = extract (mail);

      g_test_message ("encoding %s", encodings[i]);
      g_assert_cmpuint (found->len, ==, 1);
      assert_ballot (found_at (found, 0), "1/2", ballot);
      g_assert_cmpstr (found_at (found, 0)->attachment, ==, "ballot-1234.json");
      g_assert_cmpstr (found_at (found, 0)->from, ==, "Ana Lopez <ana@example.org>");
      g_assert_true (g_str_has_prefix (found_at (found, 0)->date, "2026-03-01T10:15:00"));
    }
}

/* A ballot saved as octet-stream without an extension is still found by
 * what it starts with; a picture beside it is no ballot and not reported. */
static void
test_attachment_sniffed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) ballot = ballot_of (f, 1, 100);
  g_autofree char *b64 = mail_fixture_base64_lines (ballot);
  g_autofree char *mail = g_strdup_printf ("%sContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                                           "--b\nContent-Type: image/png; name=\"me.png\"\n"
                                           "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
                                           "--b\nContent-Type: application/octet-stream; name=\"ballot\"\n"
                                           "Content-Transfer-Encoding: base64\n\n%s\n--b--\n",
                                           headers, b64);
  g_autoptr(GPtrArray) found = extract (mail);

  g_assert_cmpuint (found->len, ==, 1);
  assert_ballot (found_at (found, 0), "1/2", ballot);
}

static void
test_nested_multiparts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) a = ballot_of (f, 0, 100);
  g_autoptr(GBytes) b = ballot_of (f, 1, 100);
  g_autofree char *a64 = mail_fixture_base64_lines (a);
  g_autofree char *bqp = quoted_printable (b);
  g_autofree char *mail = g_strdup_printf (
    "%sContent-Type: multipart/mixed; boundary=\"l1\"\n\n"
    "--l1\nContent-Type: multipart/alternative; boundary=\"l2\"\n\n"
    "--l2\nContent-Type: text/plain\n\nTwo ballots.\n"
    "--l2\nContent-Type: text/html\n\n<p>Two ballots.</p>\n--l2--\n"
    "--l1\nContent-Type: multipart/mixed; boundary=\"l3\"\n\n"
    "--l3\nContent-Type: application/json; name=\"a.json\"\nContent-Transfer-Encoding: base64\n\n%s\n"
    "--l3\nContent-Type: text/plain; name=\"b.json\"\nContent-Disposition: attachment; filename=\"b.json\"\n"
    "Content-Transfer-Encoding: quoted-printable\n\n%s\n--l3--\n"
    "--l1--\n", headers, a64, bqp);
  g_autoptr(GPtrArray) found = extract (mail);

  g_assert_cmpuint (found->len, ==, 2);
  assert_ballot (found_at (found, 0), "1/2.1", a);
  assert_ballot (found_at (found, 1), "1/2.2", b);
  g_assert_cmpstr (found_at (found, 1)->attachment, ==, "b.json");
}

/* A reply forwarded to the organizer: the ballot sits inside the
 * attached message/rfc822. */
static void
test_forwarded (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) ballot = ballot_of (f, 2, 100);
  g_autofree char *b64 = mail_fixture_base64_lines (ballot);
  g_autofree char *mail = g_strdup_printf (
    "%sContent-Type: multipart/mixed; boundary=\"fw\"\n\n"
    "--fw\nContent-Type: text/plain\n\nForwarding Dev's ballot.\n"
    "--fw\nContent-Type: message/rfc822\n\n"
    "From: Dev <dev@example.org>\nSubject: ballot\nMIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"in\"\n\n"
    "--in\nContent-Type: text/plain\n\nMine.\n"
    "--in\nContent-Type: application/json; name=\"ballot.json\"\n"
    "Content-Transfer-Encoding: base64\n\n%s\n--in--\n"
    "\n--fw--\n", headers, b64);
  g_autoptr(GPtrArray) found = extract (mail);

  g_assert_cmpuint (found->len, ==, 1);
  assert_ballot (found_at (found, 0), "1/2.2", ballot);
  /* The message in the file is the one that carried it. */
  g_assert_cmpstr (found_at (found, 0)->from, ==, "Ana Lopez <ana@example.org>");
}

/* Pasted into the text: on one line, wrapped by the mail client and
 * quoted in a reply, or in HTML with entities. */
static void
test_pasted (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) ballot = ballot_of (f, 3, 100);
  g_autofree char *line = ballot_text (ballot);
  g_autoptr(GString) wrapped = g_string_new ("> ");
  g_autofree char *html = NULL;
  g_autofree char *mail = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) escaped = g_string_new (NULL);

  for (gsize i = 0; line[i] != '\0'; i++)
    {
      if (i > 0 && i % 50 == 0)
        g_string_append (wrapped, "\n> ");
      g_string_append_c (wrapped, line[i]);
    }
  for (gsize i = 0; line[i] != '\0'; i++)
    g_string_append (escaped, line[i] == '"' ? "&quot;" : (char[]) { line[i], 0 });
  mail = g_strdup_printf ("%sContent-Type: text/plain\n\nHello,\n\n%s\n\nThanks, Ana\n", headers, line);
  found = extract (mail);
  g_assert_cmpuint (found->len, ==, 1);
  assert_ballot (found_at (found, 0), "1/1", ballot);
  g_assert_null (found_at (found, 0)->attachment);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_free (mail);

  mail = g_strdup_printf ("%sContent-Type: text/plain\n\nOn Monday you wrote:\n%s\n", headers,
                          wrapped->str);
  found = extract (mail);
  g_assert_cmpuint (found->len, ==, 1);
  assert_ballot (found_at (found, 0), "1/1", ballot);
  g_clear_pointer (&found, g_ptr_array_unref);

  html = g_strdup_printf ("%sContent-Type: text/html\n\n<html><body><p>Here:</p><p>%s</p></body></html>\n",
                          headers, escaped->str);
  found = extract (html);
  g_assert_cmpuint (found->len, ==, 1);
  assert_ballot (found_at (found, 0), "1/1", ballot);
}

/* The same ballot in the text and attached, or in both versions of a
 * multipart/alternative, is one entry; two ballots pasted into one
 * text part are two. */
static void
test_duplicates_and_several (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) a = ballot_of (f, 0, 100);
  g_autoptr(GBytes) b = ballot_of (f, 1, 100);
  g_autofree char *la = ballot_text (a), *lb = ballot_text (b), *a64 = mail_fixture_base64_lines (a);
  g_autofree char *mail = g_strdup_printf (
    "%sContent-Type: multipart/mixed; boundary=\"m\"\n\n"
    "--m\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
    "--alt\nContent-Type: text/plain\n\n%s\n\nand\n\n%s\n"
    "--alt\nContent-Type: text/html\n\n<p>%s</p>\n--alt--\n"
    "--m\nContent-Type: application/json; name=\"a.json\"\nContent-Transfer-Encoding: base64\n\n%s\n"
    "--m--\n", headers, la, lb, la, a64);
  g_autoptr(GPtrArray) found = extract (mail);

  g_assert_cmpuint (found->len, ==, 2);
  assert_ballot (found_at (found, 0), "1/1.1", a);
  assert_ballot (found_at (found, 1), "1/1.1@2", b);
}

static void
test_no_ballot (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mail = g_strdup_printf ("%sContent-Type: text/plain\n\nI will vote tomorrow. {not json}\n",
                                           headers);
  g_autoptr(GPtrArray) found = extract (mail);
  g_autoptr(GPtrArray) empty = extract ("");

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (found_at (found, 0)->where, ==, "1");
  g_assert_null (found_at (found, 0)->bytes);
  g_assert_error (found_at (found, 0)->error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_MAIL_NO_BALLOT);
  g_assert_cmpstr (pr_ballot_error_class (found_at (found, 0)->error->code), ==, "envelope");
  g_assert_cmpstr (found_at (found, 0)->from, ==, "Ana Lopez <ana@example.org>");

  g_assert_cmpuint (empty->len, ==, 1);
  g_assert_null (found_at (empty, 0)->where);
  g_assert_error (found_at (empty, 0)->error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_MAIL_EMPTY);
}

/* A damaged ballot in the text is reported (the strict parser will say
 * what is wrong), not silently skipped. */
static void
test_damaged_pasted (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) ballot = ballot_of (f, 0, 100);
  g_autofree char *line = ballot_text (ballot);
  g_autofree char *cut = g_strndup (line, strlen (line) / 2);
  g_autofree char *mail = g_strdup_printf ("%sContent-Type: text/plain\n\n%s\n\nAna\n", headers, cut);
  g_autoptr(GPtrArray) found = extract (mail);

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_no_error (found_at (found, 0)->error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (found_at (found, 0)->bytes, NULL),
                                   "{\"format\":\"peer-rank-ballot\""));
}

static void
test_mbox (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) a = ballot_of (f, 0, 100);
  g_autoptr(GBytes) b = ballot_of (f, 1, 100);
  g_autofree char *one = mail_with_attachment (a, "base64", "application/json", "a.json");
  g_autofree char *three = mail_with_attachment (b, "quoted-printable", "text/plain", "b.json");
  g_autofree char *mbox = g_strdup_printf ("From ana@example.org Sun Mar  1 10:15:00 2026\n%s\n"
                                           "From dev@example.org Sun Mar  1 11:00:00 2026\n%s"
                                           "Content-Type: text/plain\n\nNo ballot here.\n\n"
                                           "From eve@example.org Sun Mar  1 12:00:00 2026\n%s\n",
                                           one, headers, three);
  g_autoptr(GPtrArray) found = extract (mbox);

  g_assert_cmpuint (found->len, ==, 3);
  assert_ballot (found_at (found, 0), "1/2", a);
  g_assert_cmpstr (found_at (found, 1)->where, ==, "2");
  g_assert_error (found_at (found, 1)->error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_MAIL_NO_BALLOT);
  assert_ballot (found_at (found, 2), "3/2", b);
}

/* Parts nested past the limit are not searched, and the message says
 * so instead of "no ballot". No crash at any depth. */
static void
test_too_deep (Fixture       *f,
               gconstpointer  data)
{
  GString *mail = g_string_new (headers);
  g_autoptr(GPtrArray) found = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (mail, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (mail, "Content-Type: text/plain\n\nhello\n");
  found = pr_mail_extract ((const guint8 *) mail->str, mail->len);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_error (found_at (found, 0)->error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_MAIL_TOO_COMPLEX);
  g_string_free (mail, TRUE);
}

/* A sender's name cannot carry terminal escapes or reorder text. */
static void
test_sender_cleaned (Fixture       *f,
                     gconstpointer  data)
{
  const char *mail = "From: =?utf-8?b?QW5hIOKArkx=?= \x1b[31m <ana@example.org>\n"
                     "Content-Type: text/plain\n\nnothing\n";
  g_autoptr(GPtrArray) found = extract (mail);
  const char *from = found_at (found, 0)->from;

  g_assert_nonnull (from);
  g_assert_true (g_utf8_validate (from, -1, NULL));
  g_assert_null (strchr (from, '\x1b'));
  g_assert_null (strstr (from, "\u202e"));
}

static void
test_display_name (void)
{
  const char *cases[][2] = {
    { "/home/ana/Inbox.mbox#3/2.1", "Inbox.mbox#3/2.1" },
    { "/home/ana/Re: x.eml#1/1@2", "Re: x.eml#1/1@2" },
    { "box/Inbox.mbox#12", "Inbox.mbox#12" },
    { "/a/b/ballot.json", "ballot.json" },
    { "/a/b/#1 ballot.json", "#1 ballot.json" },
    { "/a/b/c#d.eml", "c#d.eml" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = pr_mail_display_name (cases[i][0]);

      g_assert_cmpstr (name, ==, cases[i][1]);
    }
}

static void
test_file_kind (void)
{
  g_assert_cmpint (pr_mail_file_kind ("inbox.mbox"), ==, PR_MAIL_FILE_MBOX);
  g_assert_cmpint (pr_mail_file_kind ("/x/Re: ballot.EML"), ==, PR_MAIL_FILE_EML);
  g_assert_cmpint (pr_mail_file_kind ("ballot.json"), ==, PR_MAIL_FILE_NONE);
  g_assert_cmpint (pr_mail_file_kind ("ballot.eml.part"), ==, PR_MAIL_FILE_NONE);
}

/* ---- importing mail files ---- */

static PrImportReport *
import_paths (Fixture            *f,
              const char * const *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (f->store, FIXTURE_PASSPHRASE, &error);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  PrImportReport *report;

  g_assert_no_error (error);
  for (guint i = 0; paths[i] != NULL; i++)
    pr_import_input_add_path (input, paths[i]);
  report = pr_import_run (f->store, opener, input, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static PrImportResult *
result_at (PrImportReport *report,
           guint           i)
{
  g_assert_cmpuint (i, <, report->results->len);
  return g_ptr_array_index (report->results, i);
}

static void
test_import_mbox (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) a = ballot_of (f, 0, 100);
  g_autoptr(GBytes) b = ballot_of (f, 1, 100);
  g_autofree char *one = mail_with_attachment (a, "base64", "application/json", "a.json");
  g_autofree char *mbox = g_strdup_printf ("From ana@example.org Sun Mar  1 10:15:00 2026\n%s\n"
                                           "From x@example.org Sun Mar  1 10:16:00 2026\n%s"
                                           "Content-Type: text/plain\n\nnothing\n", one, headers);
  g_autofree char *eml = mail_with_attachment (b, "quoted-printable", "application/json", "b.json");
  g_autofree char *box = g_build_filename (f->tmp, "box", NULL);
  g_autofree char *mbox_path = g_build_filename (box, "Inbox.mbox", NULL);
  g_autofree char *eml_path = g_build_filename (box, "reply.eml", NULL);
  g_autoptr(PrImportReport) report = NULL;
  g_autofree char *where = NULL;

  g_assert_cmpint (g_mkdir (box, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mbox_path, mbox, -1, NULL));
  g_assert_true (g_file_set_contents (eml_path, eml, -1, NULL));

  /* The folder: both mail files, in name order. */
  report = import_paths (f, (const char * const[]) { box, NULL });
  g_assert_cmpuint (report->results->len, ==, 3);
  where = g_strdup_printf ("%s#1/2", mbox_path);
  g_assert_cmpstr (result_at (report, 0)->path, ==, where);
  g_assert_cmpint (result_at (report, 0)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 0)->member, ==, 0);
  g_assert_cmpstr (result_at (report, 0)->mail_from, ==, "Ana Lopez <ana@example.org>");
  g_assert_cmpstr (result_at (report, 0)->mail_attachment, ==, "a.json");
  g_assert_nonnull (result_at (report, 0)->mail_date);
  g_assert_cmpint (result_at (report, 1)->status, ==, PR_BALLOT_STATUS_REJECTED);
  g_assert_cmpstr (result_at (report, 1)->error_class, ==, "envelope");
  g_assert_cmpstr (result_at (report, 1)->code, ==, "mail-no-ballot");
  g_assert_true (g_str_has_suffix (result_at (report, 1)->path, "Inbox.mbox#2"));
  g_assert_cmpint (result_at (report, 2)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 2)->member, ==, 1);
  g_assert_true (pr_store_member_voted (f->store, 0));
  g_assert_true (pr_store_member_voted (f->store, 1));
  g_clear_pointer (&report, pr_import_report_free);

  /* Again, named directly: the same ballots are duplicates. */
  report = import_paths (f, (const char * const[]) { eml_path, NULL });
  g_assert_cmpuint (report->results->len, ==, 1);
  g_assert_cmpint (result_at (report, 0)->status, ==, PR_BALLOT_STATUS_DUPLICATE);
  g_assert_true (g_str_has_suffix (result_at (report, 0)->path, "reply.eml#1/2"));
}

/* A ballot file named .eml is a ballot file; a missing mail file is
 * an fs rejection like any missing file. */
static void
test_import_odd_files (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) a = ballot_of (f, 2, 100);
  g_autofree char *named = g_build_filename (f->tmp, "ballot.eml", NULL);
  g_autofree char *missing = g_build_filename (f->tmp, "gone.mbox", NULL);
  g_autoptr(PrImportReport) report = NULL;

  fixture_write (f->tmp, "ballot.eml", a);
  report = import_paths (f, (const char * const[]) { named, missing, NULL });
  g_assert_cmpuint (report->results->len, ==, 2);
  g_assert_cmpstr (result_at (report, 0)->path, ==, named);
  g_assert_cmpint (result_at (report, 0)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpstr (result_at (report, 1)->code, ==, "not-found");
}

/* ---- composing ---- */

static GMimeMessage *
parse_message (GByteArray *bytes)
{
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer ((const char *) bytes->data, bytes->len);
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

  g_object_unref (parser);
  g_object_unref (stream);
  g_assert_nonnull (message);
  return message;
}

static void
test_compose_invitation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) invitation = pr_invitation_to_bytes (g_ptr_array_index (f->inv, 1));
  PrManifest *manifest = pr_store_get_manifest (f->store);
  PrMailMessage m = { manifest, 1, "person.b@example.org", PR_JOURNAL_MAIL_INVITATION, invitation,
                      "person-b1.json", "Olga Org <olga@example.org>", TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) bytes = pr_mail_compose_message (&m, &error);
  GMimeMessage *message;
  InternetAddressList *to;
  GMimeMultipart *mixed;
  GMimePart *attachment;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) content = NULL;

  g_assert_no_error (error);
  text = g_strndup ((const char *) bytes->data, bytes->len);
  g_assert_nonnull (strstr (text, "\r\n"));
  g_clear_pointer (&text, g_free);
  message = parse_message (bytes);
  to = g_mime_message_get_to (message);
  g_assert_cmpint (internet_address_list_length (to), ==, 1);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 0))),
                   ==, "person.b@example.org");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_cc (message)), ==, 0);
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_bcc (message)), ==, 0);
  g_assert_nonnull (strstr (g_mime_message_get_subject (message), "Fixture round"));
  g_assert_nonnull (g_mime_message_get_date (message));
  g_assert_nonnull (g_mime_message_get_message_id (message));
  g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (message), "@example.org"));

  mixed = GMIME_MULTIPART (g_mime_message_get_mime_part (message));
  g_assert_cmpint (g_mime_multipart_get_count (mixed), ==, 2);
  text = g_mime_text_part_get_text (GMIME_TEXT_PART (g_mime_multipart_get_part (mixed, 0)));
  g_assert_nonnull (strstr (text, pr_manifest_get_fingerprint (manifest)));
  g_assert_nonnull (strstr (text, "Fixture round"));
  g_assert_nonnull (strstr (text, "person-b1.json"));
  attachment = GMIME_PART (g_mime_multipart_get_part (mixed, 1));
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (GMIME_OBJECT (attachment)),
                                              "application", "vnd.peer-rank.invitation+json"));
  g_assert_cmpstr (g_mime_part_get_filename (attachment), ==, "person-b1.json");
  g_assert_true (g_mime_part_is_attachment (attachment));
  content = mail_fixture_decoded (attachment);
  g_assert_true (g_bytes_equal (content, invitation));
  g_object_unref (message);
}

static void
test_compose_reminder (Fixture       *f,
                       gconstpointer  data)
{
  PrManifest *manifest = pr_store_get_manifest (f->store);
  PrMailMessage m = { manifest, 2, "c@example.org", PR_JOURNAL_MAIL_REMINDER, NULL, NULL, NULL, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) bytes = pr_mail_compose_message (&m, &error);
  GMimeMessage *message;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup ((const char *) bytes->data, bytes->len);
  g_assert_null (strstr (text, "\r\n"));
  g_assert_null (strstr (text, "\nFrom:"));
  message = parse_message (bytes);
  g_assert_true (GMIME_IS_TEXT_PART (g_mime_message_get_mime_part (message)));
  g_assert_nonnull (strstr (g_mime_message_get_subject (message), "Reminder"));
  g_object_unref (message);
}

/* An address that would add a recipient or a header is refused. */
static void
test_compose_refuses (Fixture       *f,
                      gconstpointer  data)
{
  PrManifest *manifest = pr_store_get_manifest (f->store);
  const char *bad_to[] = { "a@b.org\nBcc: eve@example.org", "a@b.org, eve@example.org",
                           "Eve <eve@example.org>", "", "no-at-sign" };
  const char *bad_from[] = { "a@b.org, eve@c.org", "x\r\nBcc: eve@c.org", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_to); i++)
    {
      PrMailMessage m = { manifest, 0, bad_to[i], PR_JOURNAL_MAIL_REMINDER, NULL, NULL, NULL, FALSE };
      g_autoptr(GError) error = NULL;

      g_assert_false (pr_mail_address_is_usable (bad_to[i]));
      g_assert_null (pr_mail_compose_message (&m, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_from); i++)
    {
      PrMailMessage m = { manifest, 0, "a@b.org", PR_JOURNAL_MAIL_REMINDER, NULL, NULL, bad_from[i], FALSE };
      g_autoptr(GError) error = NULL;

      g_assert_null (pr_mail_compose_message (&m, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

/* ---- the plan and the journal ---- */

static void
write_invitation (Fixture    *f,
                  const char *dir,
                  const char *name,
                  PrInvitation *invitation)
{
  g_autoptr(GBytes) bytes = pr_invitation_to_bytes (invitation);

  fixture_write (dir, name, bytes);
}

/* Invitations are matched by what they hold, not by their names; a
 * re-issued (revoked) one is never sent. */
static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "invitations", NULL);
  g_autofree char *reissued = g_build_filename (dir, "zz-new.json", NULL);
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GError) error = NULL;
  PrMailRecipient *r;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  /* Swapped names: m01's invitation in a file named for m02 and back. */
  write_invitation (f, dir, "person-b1.json", g_ptr_array_index (f->inv, 0));
  write_invitation (f, dir, "person-a0.json", g_ptr_array_index (f->inv, 1));
  write_invitation (f, dir, "person-c2.json", g_ptr_array_index (f->inv, 2));
  write_invitation (f, dir, "person-d3.json", g_ptr_array_index (f->inv, 3));
  fixture_write (dir, "notes.json", g_bytes_new_static ("{}", 2));
  fixture_unlock (f->store);
  g_assert_true (pr_store_reissue_to_file (f->store, "m03", reissued, NULL, &error));
  g_assert_no_error (error);

  plan = pr_mail_plan (f->store, PR_JOURNAL_MAIL_INVITATION, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 4);
  r = g_ptr_array_index (plan, 0);
  /* The fixture roster has no addresses. */
  g_assert_cmpint (r->state, ==, PR_MAIL_NO_ADDRESS);
  g_assert_true (g_str_has_suffix (r->invitation, "person-b1.json"));
  r = g_ptr_array_index (plan, 1);
  g_assert_true (g_str_has_suffix (r->invitation, "person-a0.json"));
  r = g_ptr_array_index (plan, 2);
  g_assert_cmpstr (r->invitation, ==, reissued);
  g_assert_cmpstr (r->file_name, ==, "zz-new.json");
  g_clear_pointer (&plan, g_ptr_array_unref);

  g_assert_null (pr_mail_plan (f->store, PR_JOURNAL_MAIL_INVITATION, "/nonexistent/x", NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO);
}

static void
test_journal (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) again = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autofree char *journal = g_build_filename (f->round, PR_STORE_JOURNAL_FILE, NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  guint epoch = 99;

  /* Opened without the passphrase: nothing is written. */
  g_clear_pointer (&f->store, pr_store_free);
  f->store = pr_store_open (f->round, &error);
  g_assert_no_error (error);
  g_assert_false (pr_store_record_mail (f->store, 1, PR_JOURNAL_MAIL_INVITATION,
                                       PR_JOURNAL_VIA_SENDMAIL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  fixture_unlock (f->store);
  g_assert_true (pr_store_record_mail (f->store, 1, PR_JOURNAL_MAIL_INVITATION,
                                      PR_JOURNAL_VIA_SENDMAIL, &error));
  g_assert_true (pr_store_record_mail (f->store, 2, PR_JOURNAL_MAIL_REMINDER,
                                      PR_JOURNAL_VIA_MAIL_CLIENT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pr_store_get_mailed (f->store, 1, PR_JOURNAL_MAIL_INVITATION, &epoch), >, 0);
  g_assert_cmpuint (epoch, ==, 0);
  g_clear_pointer (&f->store, pr_store_free);

  /* Read back, and covered by the MAC chain. */
  again = pr_store_open (f->round, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pr_store_get_mailed (again, 1, PR_JOURNAL_MAIL_INVITATION, NULL), >, 0);
  g_assert_cmpint (pr_store_get_mailed (again, 2, PR_JOURNAL_MAIL_REMINDER, NULL), >, 0);
  g_assert_cmpint (pr_store_get_mailed (again, 0, PR_JOURNAL_MAIL_INVITATION, NULL), ==, 0);
  opener = pr_store_unlock (again, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&opener, pr_ballot_opener_unref);
  g_clear_pointer (&again, pr_store_free);

  g_assert_true (g_file_get_contents (journal, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "{\"mail\":\"invitation\",\"member\":\"m02\",\"epoch\":0,\"via\":\"sendmail\""));
  edited = g_strdup (text);
  memcpy (strstr (edited, "\"m02\",\"epoch\""), "\"m04\"", 5);
  g_assert_true (g_file_set_contents (journal, edited, -1, NULL));
  again = pr_store_open (f->round, &error);
  g_assert_no_error (error);
  g_assert_null (pr_store_unlock (again, FIXTURE_PASSPHRASE, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));
  pr_mail_init ();

#define ADD(path, func) \
  g_test_add ("/peer-rank/mail/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/peer-rank/mail/file-kind", test_file_kind);
  g_test_add_func ("/peer-rank/mail/display-name", test_display_name);
  ADD ("attachment-encodings", test_attachment_encodings);
  ADD ("attachment-sniffed", test_attachment_sniffed);
  ADD ("nested-multiparts", test_nested_multiparts);
  ADD ("forwarded", test_forwarded);
  ADD ("pasted", test_pasted);
  ADD ("duplicates-and-several", test_duplicates_and_several);
  ADD ("no-ballot", test_no_ballot);
  ADD ("damaged-pasted", test_damaged_pasted);
  ADD ("mbox", test_mbox);
  ADD ("too-deep", test_too_deep);
  ADD ("sender-cleaned", test_sender_cleaned);
  ADD ("import-mbox", test_import_mbox);
  ADD ("import-odd-files", test_import_odd_files);
  ADD ("compose-invitation", test_compose_invitation);
  ADD ("compose-reminder", test_compose_reminder);
  ADD ("compose-refuses", test_compose_refuses);
  ADD ("plan", test_plan);
  ADD ("journal", test_journal);
#undef ADD
  return g_test_run ();
}
