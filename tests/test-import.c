/* test-import.c — the import pipeline: order, folders, threads, cancelling
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <unistd.h>

#include "pr-import.h"
#include "pr-test-display.h"
#include "store-fixture.h"

typedef struct {
  char           *tmp;
  char           *files;
  PrStore        *store;
  GPtrArray      *inv;
  PrBallotOpener *opener;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *round = NULL;

  f->tmp = fixture_tmpdir ();
  round = g_build_filename (f->tmp, "round", NULL);
  f->files = g_build_filename (f->tmp, "files", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
  f->store = fixture_round (round, 12, 1, &f->inv);
  f->opener = pr_store_unlock (f->store, FIXTURE_PASSPHRASE, NULL);
  g_assert_nonnull (f->opener);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pr_ballot_opener_unref (f->opener);
  pr_store_free (f->store);
  g_ptr_array_unref (f->inv);
  fixture_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->files);
}

static PrImportReport *
run (Fixture       *f,
     PrImportInput *input,
     guint          threads)
{
  g_autoptr(GError) error = NULL;
  PrImportReport *report = pr_import_run (f->store, f->opener, input, threads, NULL, NULL, NULL,
                                          &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static PrImportResult *
result_at (PrImportReport *report,
           guint           i)
{
  return g_ptr_array_index (report->results, i);
}

/* Writes @n ballots: voter i % 12, increasing sequences, named
 * f-NNNN.json; returns nothing, the files are in f->files. */
static void
write_ballots (Fixture *f,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      guint voter = i % 12;
      const int ranks[] = { (int) ((voter + 1) % 12), (int) ((voter + 2 + i % 5) % 12), -1 };
      g_autoptr(GBytes) bytes = fixture_seal (f->inv, voter, 1000 + i, ranks);
      g_autofree char *name = g_strdup_printf ("f-%04u.json", i);

      fixture_write (f->files, name, bytes);
    }
}

/* ballots/ holds exactly @n files, each a byte-for-byte copy of a
 * source file, and no temporary file. */
static void
assert_stored_copies (Fixture *f,
                      guint    n)
{
  g_autofree char *ballots = g_build_filename (pr_store_get_dir (f->store),
                                               PR_STORE_BALLOTS_DIR, NULL);
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) files = g_dir_open (f->files, 0, NULL);
  g_autoptr(GDir) stored = g_dir_open (ballots, 0, NULL);
  const char *name;
  guint count = 0;

  while ((name = g_dir_read_name (files)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->files, name, NULL);
      char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL))
        g_hash_table_add (sources, contents);
    }
  while ((name = g_dir_read_name (stored)) != NULL)
    {
      g_autofree char *path = g_build_filename (ballots, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_cmpint (name[0], !=, '.');
      g_assert_true (g_str_has_suffix (name, ".json"));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_hash_table_contains (sources, contents));
      count++;
    }
  g_assert_cmpuint (count, ==, n);
}

static void
test_folder_rules (Fixture       *f,
                   gconstpointer  data)
{
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) a = fixture_seal (f->inv, 0, 10, r);
  g_autoptr(GBytes) b = fixture_seal (f->inv, 2, 10, r);
  g_autofree char *sub = g_build_filename (f->files, "sub.json", NULL);
  g_autofree char *link = g_build_filename (f->files, "link.json", NULL);
  g_autofree char *target = g_build_filename (f->files, "b.json", NULL);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  const char *expected[] = { "a.json", "b.json", "link.json", "sub.json" };

  fixture_write (f->files, "b.json", b);
  fixture_write (f->files, "a.json", a);
  fixture_write (f->files, ".hidden.json", a);
  fixture_write (f->files, "notes.txt", a);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
  pr_import_input_add_path (input, f->files);
  report = run (f, input, 2);
  g_assert_cmpuint (report->results->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (f->files, expected[i], NULL);

      g_assert_cmpstr (result_at (report, i)->path, ==, path);
    }
  g_assert_cmpint (result_at (report, 0)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 0)->member, ==, 0);
  g_assert_cmpint (result_at (report, 1)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 2)->status, ==, PR_BALLOT_STATUS_REJECTED);
  g_assert_cmpint (result_at (report, 2)->error_code, ==, PR_BALLOT_ERROR_FS_SYMLINK);
  g_assert_cmpstr (result_at (report, 2)->error_class, ==, "fs");
  g_assert_cmpint (result_at (report, 3)->error_code, ==, PR_BALLOT_ERROR_FS_NOT_REGULAR);
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_ACCEPTED], ==, 2);
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_REJECTED], ==, 2);
  /* What was not read is said, in name order, with why: a ballot saved
   * without .json is not silently left out (issue #15). */
  g_assert_cmpuint (report->skipped->len, ==, 2);
  {
    PrImportSkipped *hidden = g_ptr_array_index (report->skipped, 0);
    PrImportSkipped *notes = g_ptr_array_index (report->skipped, 1);

    g_assert_true (g_str_has_suffix (hidden->path, ".hidden.json"));
    g_assert_nonnull (strstr (hidden->reason, "Hidden"));
    g_assert_true (g_str_has_suffix (notes->path, "notes.txt"));
    g_assert_nonnull (strstr (notes->reason, ".json"));
  }
}

static void
test_named_paths (Fixture       *f,
                  gconstpointer  data)
{
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) a = fixture_seal (f->inv, 0, 10, r);
  g_autofree char *path = g_build_filename (f->files, "a.json", NULL);
  g_autofree char *link = g_build_filename (f->tmp, "link-to-a.json", NULL);
  g_autofree char *missing = g_build_filename (f->tmp, "missing.json", NULL);
  g_autofree char *loop = g_build_filename (f->tmp, "loop.json", NULL);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;

  fixture_write (f->files, "a.json", a);
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_assert_cmpint (symlink (loop, loop), ==, 0);
  pr_import_input_add_path (input, link);
  pr_import_input_add_path (input, missing);
  pr_import_input_add_path (input, path);
  pr_import_input_add_path (input, loop);
  report = run (f, input, 1);
  g_assert_cmpint (result_at (report, 0)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpstr (result_at (report, 0)->path, ==, link);
  g_assert_cmpint (result_at (report, 1)->error_code, ==, PR_BALLOT_ERROR_FS_NOT_FOUND);
  g_assert_cmpint (result_at (report, 2)->status, ==, PR_BALLOT_STATUS_DUPLICATE);
  g_assert_cmpint (result_at (report, 3)->error_code, ==, PR_BALLOT_ERROR_FS_LOOP);
}

/* Statuses and order do not depend on the number of workers; the
 * sources are left exactly as they were. */
#define N_FILES 240
#define N_FIRST ((N_FILES - 1) / 7 + 1)

static void
test_threads_same_report (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  g_autofree char *round2 = g_build_filename (f->tmp, "round2", NULL);
  g_autofree char *first = g_build_filename (f->files, "f-0000.json", NULL);
  g_autoptr(GPtrArray) inv2 = NULL;
  g_autofree char *before = NULL, *after = NULL;
  GStatBuf st1, st2;

  write_ballots (f, N_FILES);
  /* Shuffle the sequences' arrival: the newest of each member first. */
  for (int i = N_FILES - 1; i >= 0; i -= 7)
    {
      g_autofree char *path = g_strdup_printf ("%s/f-%04d.json", f->files, i);

      pr_import_input_add_path (input, path);
    }
  pr_import_input_add_path (input, f->files);
  g_assert_true (g_file_get_contents (first, &before, NULL, NULL));
  g_assert_cmpint (g_stat (first, &st1), ==, 0);
  report = run (f, input, 2);
  g_assert_cmpuint (report->results->len, ==, N_FIRST + N_FILES);
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_DUPLICATE], ==, N_FIRST);
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_REJECTED], ==, 0);
  g_assert_true (g_file_get_contents (first, &after, NULL, NULL));
  g_assert_cmpint (g_stat (first, &st2), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (st1.st_mtime, ==, st2.st_mtime);
  for (guint m = 0; m < 12; m++)
    g_assert_true (pr_store_member_voted (f->store, m));
  /* Duplicates are not stored; their copies written ahead are gone. */
  assert_stored_copies (f, N_FILES);

  /* The same input on one worker, into a fresh round: no rejection,
   * same order of paths. */
  {
    g_autoptr(PrStore) store2 = fixture_round (round2, 12, 1, &inv2);
    g_autoptr(PrBallotOpener) opener2 = pr_store_unlock (store2, FIXTURE_PASSPHRASE, NULL);
    g_autoptr(PrImportReport) report2 = pr_import_run (store2, opener2, input, 1, NULL, NULL,
                                                       NULL, NULL);

    /* Other round: every file is rejected at the route stage. */
    g_assert_cmpuint (report2->results->len, ==, report->results->len);
    for (guint i = 0; i < report->results->len; i++)
      {
        g_assert_cmpstr (result_at (report2, i)->path, ==, result_at (report, i)->path);
        g_assert_cmpint (result_at (report2, i)->status, ==, PR_BALLOT_STATUS_REJECTED);
      }
  }
}

static void
test_pasted_text (Fixture       *f,
                  gconstpointer  data)
{
  const int r[] = { 3, 4, -1 };
  g_autoptr(GBytes) a = fixture_seal (f->inv, 5, 10, r);
  g_autoptr(GBytes) junk = g_bytes_new_static ("hello", 5);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;

  pr_import_input_add_text (input, "pasted 1", a);
  pr_import_input_add_text (input, "pasted 2", junk);
  g_assert_cmpuint (pr_import_input_get_n (input), ==, 2);
  report = run (f, input, 2);
  g_assert_cmpint (result_at (report, 0)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 0)->member, ==, 5);
  g_assert_nonnull (result_at (report, 0)->fingerprint);
  g_assert_cmpstr (result_at (report, 1)->path, ==, "pasted 2");
  g_assert_cmpstr (result_at (report, 1)->error_class, ==, "envelope");
  g_assert_true (pr_store_member_voted (f->store, 5));
}

/* Text around ballots: a reply quoting two ballots ("> "), wrapped,
 * with prose around them, and a whole message copied from a mail program
 * with a ballot attached in base64: each ballot is found, as in mail. */
static void
test_pasted_in_text (Fixture       *f,
                     gconstpointer  data)
{
  const int r[] = { 3, 4, -1 }, s_[] = { 0, 2, -1 }, t[] = { 3, 4, -1 };
  g_autoptr(GBytes) a = fixture_seal (f->inv, 0, 10, r);
  g_autoptr(GBytes) b = fixture_seal (f->inv, 1, 10, s_);
  g_autoptr(GBytes) c = fixture_seal (f->inv, 2, 10, t);
  g_autofree char *a_text = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_autofree char *b_text = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_autofree char *b_wrapped = NULL;
  g_autofree char *c_base64 = g_base64_encode (g_bytes_get_data (c, NULL), g_bytes_get_size (c));
  g_autofree char *reply = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GBytes) reply_bytes = NULL;
  g_autoptr(GBytes) message_bytes = NULL;
  g_autoptr(GBytes) prose = g_bytes_new_static ("Thanks, I will send it tomorrow.", 32);
  g_autoptr(GBytes) wrapped_bytes = NULL;
  g_autoptr(GBytes) named_bytes = NULL;
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;

  /* The second ballot wrapped at 60 characters, as a mail program might. */
  {
    GString *wrapped = g_string_new (NULL);

    for (gsize i = 0; b_text[i] != '\0' && b_text[i] != '\n'; i++)
      {
        g_string_append_c (wrapped, b_text[i]);
        if (i % 60 == 59)
          g_string_append (wrapped, "\n> ");
      }
    b_wrapped = g_string_free (wrapped, FALSE);
  }
  g_strchomp (a_text);
  reply = g_strdup_printf ("Here are the two ballots:\n\n> %s\n>\n> %s\n\nBest, Olga\n", a_text, b_wrapped);
  reply_bytes = g_bytes_new_take (reply, strlen (reply));
  reply = NULL;
  message = g_strdup_printf ("From: Chidi <chidi@example.org>\r\n"
                             "Subject: my ballot\r\n"
                             "MIME-Version: 1.0\r\n"
                             "Content-Type: multipart/mixed; boundary=\"xyz\"\r\n\r\n"
                             "--xyz\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n"
                             "--xyz\r\nContent-Type: application/json\r\n"
                             "Content-Disposition: attachment; filename=\"ballot.json\"\r\n"
                             "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--xyz--\r\n",
                             c_base64);
  message_bytes = g_bytes_new_take (message, strlen (message));
  message = NULL;

  /* A ballot a mail program wrapped, pasted alone; and two ballots after
   * names, which only looks like the start of a message. */
  {
    g_autofree char *plain = g_strdup (b_wrapped);
    g_auto(GStrv) parts = NULL;

    parts = g_strsplit (plain, "\n> ", -1);
    g_free (plain);
    plain = g_strjoinv ("\n", parts);
    wrapped_bytes = g_bytes_new_take (plain, strlen (plain));
    plain = NULL;
  }
  {
    g_autofree char *c_text = g_strndup (g_bytes_get_data (c, NULL), g_bytes_get_size (c));
    g_autofree char *named = g_strdup_printf ("Ana: %s\nChidi: %s\n\nThanks", a_text, g_strchomp (c_text));

    named_bytes = g_bytes_new (named, strlen (named));
  }

  pr_import_input_add_text (input, "reply", reply_bytes);
  pr_import_input_add_text (input, "message", message_bytes);
  pr_import_input_add_text (input, "prose", prose);
  pr_import_input_add_text (input, "wrapped", wrapped_bytes);
  pr_import_input_add_text (input, "named", named_bytes);
  report = run (f, input, 3);
  g_assert_cmpuint (report->results->len, ==, 7);
  g_assert_cmpstr (result_at (report, 0)->path, ==, "reply@1");
  g_assert_cmpint (result_at (report, 0)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 0)->member, ==, 0);
  g_assert_cmpstr (result_at (report, 1)->path, ==, "reply@2");
  g_assert_cmpint (result_at (report, 1)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 1)->member, ==, 1);
  g_assert_true (g_str_has_prefix (result_at (report, 2)->path, "message#"));
  g_assert_cmpint (result_at (report, 2)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (result_at (report, 2)->member, ==, 2);
  /* Text with no ballot is refused as before, for what it is not. */
  g_assert_cmpstr (result_at (report, 3)->path, ==, "prose");
  g_assert_cmpint (result_at (report, 3)->status, ==, PR_BALLOT_STATUS_REJECTED);
  g_assert_cmpstr (result_at (report, 3)->error_class, ==, "envelope");
  /* The wrapped ballot is Ben's again: a duplicate, not a broken file. */
  g_assert_cmpstr (result_at (report, 4)->path, ==, "wrapped");
  g_assert_cmpint (result_at (report, 4)->status, ==, PR_BALLOT_STATUS_DUPLICATE);
  g_assert_cmpstr (result_at (report, 5)->path, ==, "named@1");
  g_assert_cmpint (result_at (report, 5)->status, ==, PR_BALLOT_STATUS_DUPLICATE);
  g_assert_cmpstr (result_at (report, 6)->path, ==, "named@2");
  g_assert_cmpint (result_at (report, 6)->status, ==, PR_BALLOT_STATUS_DUPLICATE);
}

static void
cancel_on_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelling stops after a group; what was reported is in the store. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  g_autoptr(PrStore) again = NULL;
  g_autoptr(GError) error = NULL;
  guint stored;

  write_ballots (f, 300);
  pr_import_input_add_path (input, f->files);
  report = pr_import_run (f->store, f->opener, input, 2, cancel_on_progress, cancellable,
                          cancellable, &error);
  g_assert_no_error (error);
  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->results->len, >, 0);
  g_assert_cmpuint (report->results->len, <, 300);
  again = pr_store_open (pr_store_get_dir (f->store), &error);
  g_assert_no_error (error);
  stored = 0;
  for (guint s = 0; s < PR_BALLOT_STATUS_DUPLICATE; s++)
    stored += pr_store_count_status (again, s);
  for (guint s = PR_BALLOT_STATUS_STALE; s < PR_BALLOT_STATUS_REJECTED; s++)
    stored += pr_store_count_status (again, s);
  g_assert_cmpuint (stored, ==, report->results->len);
  /* Files written ahead of the cancellation are not left behind. */
  assert_stored_copies (f, stored);
}

/* Importing the same folder again stores nothing and leaves nothing. */
static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) first = NULL;
  g_autoptr(PrImportReport) second = NULL;

  write_ballots (f, 40);
  pr_import_input_add_path (input, f->files);
  first = run (f, input, 2);
  g_assert_cmpuint (first->counts[PR_BALLOT_STATUS_DUPLICATE], ==, 0);
  assert_stored_copies (f, 40);
  second = run (f, input, 2);
  g_assert_cmpuint (second->counts[PR_BALLOT_STATUS_DUPLICATE], ==, 40);
  assert_stored_copies (f, 40);
}

typedef struct {
  GMainLoop      *loop;
  PrImportReport *report;
  guint           progress_calls;
  guint           last_done;
  guint           result_calls;
  guint           results_elsewhere;
  char           *last_path;
} AsyncState;

/* Must run in the main context's thread, in input (name) order. */
static void
async_result (const PrImportResult *result,
              gpointer              user_data)
{
  AsyncState *state = user_data;

  state->result_calls++;
  if (!g_main_context_is_owner (g_main_context_default ()))
    state->results_elsewhere++;
  if (state->last_path != NULL)
    g_assert_cmpstr (state->last_path, <, result->path);
  g_free (state->last_path);
  state->last_path = g_strdup (result->path);
}

static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncState *state = user_data;

  state->progress_calls++;
  g_assert_cmpuint (done, >=, state->last_done);
  g_assert_cmpuint (done, <=, total);
  state->last_done = done;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->report = pr_import_run_finish (result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, 0, 0, 0, 0, NULL };

  write_ballots (f, 120);
  pr_import_input_add_path (input, f->files);
  pr_import_input_set_result_func (input, async_result, &state);
  pr_import_run_async (f->store, f->opener, input, 2, async_progress, &state, NULL, async_done,
                       &state);
  pr_test_wait (state.report != NULL, "the import to finish");
  /* Progress calls queued before the callback have run by now or run
   * in the next iterations. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_nonnull (state.report);
  g_assert_cmpuint (state.report->results->len, ==, 120);
  g_assert_cmpuint (state.progress_calls, >=, 1);
  g_assert_cmpuint (state.last_done, ==, 120);
  g_assert_cmpuint (state.result_calls, ==, 120);
  g_assert_cmpuint (state.results_elsewhere, ==, 0);
  g_free (state.last_path);
  pr_import_report_free (state.report);
  g_main_loop_unref (state.loop);
}

/* File names need not be UTF-8; the report's paths always are. */
static void
test_non_utf8_name (Fixture       *f,
                    gconstpointer  data)
{
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) a = fixture_seal (f->inv, 0, 10, r);
  g_autoptr(GBytes) b = fixture_seal (f->inv, 2, 10, r);
  g_autofree char *named = g_build_filename (f->tmp, "named\xfe.json", NULL);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;

  fixture_write (f->files, "bad\xff.json", a);
  fixture_write (f->tmp, "named\xfe.json", b);
  pr_import_input_add_path (input, f->files);
  pr_import_input_add_path (input, named);
  report = run (f, input, 2);
  g_assert_cmpuint (report->results->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (g_utf8_validate (result_at (report, i)->path, -1, NULL));
      g_assert_cmpint (result_at (report, i)->status, ==, PR_BALLOT_STATUS_ACCEPTED);
    }
  g_assert_true (g_str_has_suffix (result_at (report, 0)->path, "bad\xef\xbf\xbd.json"));
  g_assert_true (g_str_has_suffix (result_at (report, 1)->path, "named\xef\xbf\xbd.json"));
}

/* A folder that cannot be listed (mode 000, as a user without
 * privileges: root reads it anyway, so a root test run drops to nobody
 * in a subprocess) is one rejected fs entry, not an empty folder. */
static void
test_unreadable_folder (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *tmp = NULL;
      g_autofree char *round = NULL, *locked = NULL;
      g_autoptr(GPtrArray) inv = NULL;
      g_autoptr(PrStore) store = NULL;
      g_autoptr(PrBallotOpener) opener = NULL;
      g_autoptr(PrImportInput) input = pr_import_input_new ();
      g_autoptr(PrImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      const int r[] = { 1, -1 };
      g_autoptr(GBytes) ballot = NULL;
      PrImportResult *result;

      if (geteuid () == 0)
        g_assert_true (setgid (65534) == 0 && setuid (65534) == 0);
      tmp = fixture_tmpdir ();
      /* Where this user may record the rounds it opens (DESIGN §4). */
      g_setenv ("XDG_DATA_HOME", tmp, TRUE);
      round = g_build_filename (tmp, "round", NULL);
      locked = g_build_filename (tmp, "locked", NULL);
      store = fixture_round (round, 3, 1, &inv);
      opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
      ballot = fixture_seal (inv, 0, 10, r);
      g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
      fixture_write (locked, "a.json", ballot);
      g_assert_cmpint (g_chmod (locked, 0), ==, 0);

      pr_import_input_add_path (input, locked);
      report = pr_import_run (store, opener, input, 1, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->results->len, ==, 1);
      result = g_ptr_array_index (report->results, 0);
      g_assert_cmpstr (result->path, ==, locked);
      g_assert_cmpint (result->status, ==, PR_BALLOT_STATUS_REJECTED);
      g_assert_cmpint (result->error_code, ==, PR_BALLOT_ERROR_FS_PERMISSION);
      g_assert_cmpstr (result->error_class, ==, "fs");
      g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_REJECTED], ==, 1);
      g_assert_false (pr_store_member_voted (store, 0));
      fixture_remove_tree (tmp);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->files, "big.json", NULL);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  FILE *file = fopen (big, "w");

  g_assert_cmpint (ftruncate (fileno (file), 100 * 1024 * 1024), ==, 0);
  fclose (file);
  pr_import_input_add_path (input, big);
  report = run (f, input, 2);
  g_assert_cmpint (result_at (report, 0)->error_code, ==, PR_BALLOT_ERROR_FS_TOO_LARGE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

#define ADD(path, func) \
  g_test_add ("/peer-rank/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("folder-rules", test_folder_rules);
  ADD ("named-paths", test_named_paths);
  ADD ("threads-same-report", test_threads_same_report);
  ADD ("pasted-text", test_pasted_text);
  ADD ("pasted-in-text", test_pasted_in_text);
  ADD ("cancel", test_cancel);
  ADD ("reimport", test_reimport);
  ADD ("async", test_async);
  ADD ("non-utf8-name", test_non_utf8_name);
  g_test_add_func ("/peer-rank/import/unreadable-folder", test_unreadable_folder);
  ADD ("too-large", test_too_large);
#undef ADD

  return g_test_run ();
}
