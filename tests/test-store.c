/* test-store.c — the round folder: statuses, revocation, crash recovery
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pr-atomic.h"
#include "pr-import.h"
#include "pr-output.h"
#include "pr-round-profile.h"
#include "pr-store-check.h"
#include "store-fixture.h"

static PrBallotStatus
stage (PrStore        *store,
       PrBallotOpener *opener,
       GBytes         *bytes,
       gint64          now)
{
  g_autoptr(GError) error = NULL;
  PrBallotInfo info;
  PrBallotStatus status;

  g_assert_true (pr_ballot_open (opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 NULL, &info, &error));
  g_assert_no_error (error);
  status = pr_store_stage (store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           &info, now, &error);
  g_assert_no_error (error);
  pr_secret_wipe (pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener)));
  return status;
}

static char *
counted_of (PrStore *store,
            guint    member)
{
  const char *hex = NULL;

  if (!pr_store_get_counted (store, member, &hex, NULL))
    return NULL;
  return g_strdup (hex);
}

static char *
hex_of (GBytes *bytes)
{
  guint8 fp[PR_HASH_LEN];
  gsize len = g_bytes_get_size (bytes);
  const guint8 *data = g_bytes_get_data (bytes, NULL);

  if (len > 0 && data[len - 1] == '\n')
    len--;
  pr_ballot_fingerprint (data, len, fp);
  return pr_crypto_fingerprint_hex (fp);
}

static void
test_create_open (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "round", NULL);
  g_autoptr(GPtrArray) invitations = NULL;
  g_autoptr(PrStore) store = fixture_round (dir, 4, 1, &invitations);
  g_autoptr(PrStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = pr_store_get_key_path (store);

  g_assert_cmpuint (invitations->len, ==, 4);
  g_assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));
  again = pr_store_open (dir, &error);
  g_assert_no_error (error);
  fixture_unlock (again);
  g_assert_cmpstr (pr_manifest_get_fingerprint (pr_store_get_manifest (again)), ==,
                   pr_manifest_get_fingerprint (pr_store_get_manifest (store)));
  for (guint i = 0; i < 4; i++)
    g_assert_false (pr_store_member_voted (again, i));
  fixture_remove_tree (tmp);
}

static void
test_create_not_empty (void)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "x", NULL);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "A", "B", NULL };
  PrStoreParams params = { "T", NULL, NULL, NULL, 1, 1, names, NULL, "pw",
                           crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  g_assert_null (pr_store_create (dir, &params, NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_EMPTY);
  fixture_remove_tree (dir);
}

/* Every status of DESIGN §4 from one member's ballots, then the same
 * state after reopening from the journal alone. */
static void
test_statuses (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 4, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(GError) error = NULL;
  gint64 now = fixture_now ();
  const int r1[] = { 1, 2, -1 }, r2[] = { 2, 1, -1 }, r3[] = { 3, -1 };
  g_autoptr(GBytes) b100 = fixture_seal (inv, 0, 100, r1);
  g_autoptr(GBytes) b200 = fixture_seal (inv, 0, 200, r2);
  g_autoptr(GBytes) b150 = fixture_seal (inv, 0, 150, r3);
  g_autoptr(GBytes) b200x = fixture_seal (inv, 0, 200, r3);
  g_autoptr(GBytes) bfuture = fixture_seal (inv, 0, (guint64) now + 3 * 24 * 3600, r1);
  g_autofree char *hex200 = hex_of (b200);
  g_autofree char *hexfuture = hex_of (bfuture);
  g_autofree char *counted = NULL;
  g_autoptr(PrStore) again = NULL;

  g_assert_nonnull (opener);
  g_assert_cmpint (stage (store, opener, b100, now), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_cmpint (stage (store, opener, b100, now), ==, PR_BALLOT_STATUS_DUPLICATE);
  g_assert_cmpint (stage (store, opener, b200, now), ==, PR_BALLOT_STATUS_REVISED);
  g_assert_cmpint (stage (store, opener, b150, now), ==, PR_BALLOT_STATUS_STALE);
  g_assert_cmpint (stage (store, opener, b200x, now), ==, PR_BALLOT_STATUS_CONFLICT);
  g_assert_cmpint (stage (store, opener, bfuture, now), ==, PR_BALLOT_STATUS_FLAGGED);
  g_assert_cmpuint (pr_store_get_n_staged (store), ==, 5);
  g_assert_true (pr_store_flush (store, &error));
  g_assert_no_error (error);
  counted = counted_of (store, 0);
  g_assert_cmpstr (counted, ==, hex200);
  g_assert_false (pr_store_member_voted (store, 1));

  /* The first store keeps the round locked for writing until freed. */
  g_clear_pointer (&store, pr_store_free);
  again = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (again);
  g_clear_pointer (&counted, g_free);
  counted = counted_of (again, 0);
  g_assert_cmpstr (counted, ==, hex200);
  g_assert_cmpuint (pr_store_count_status (again, PR_BALLOT_STATUS_STALE), ==, 1);
  g_assert_cmpuint (pr_store_count_status (again, PR_BALLOT_STATUS_CONFLICT), ==, 1);
  g_assert_cmpuint (pr_store_count_status (again, PR_BALLOT_STATUS_FLAGGED), ==, 1);

  /* The organizer accepts the flagged ballot: its sequence is highest. */
  g_assert_true (pr_store_accept (again, hexfuture, &error));
  g_assert_no_error (error);
  g_clear_pointer (&counted, g_free);
  counted = counted_of (again, 0);
  g_assert_cmpstr (counted, ==, hexfuture);
  g_clear_pointer (&again, pr_store_free);
  again = pr_store_open (tmp, &error);
  g_clear_pointer (&counted, g_free);
  counted = counted_of (again, 0);
  g_assert_cmpstr (counted, ==, hexfuture);
  g_assert_false (pr_store_accept (again, "00", &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER);
  fixture_remove_tree (tmp);
}

static gpointer
prepare_in_thread (gpointer data)
{
  gpointer *args = data;
  GBytes *bytes = args[1];

  return pr_store_prepare (args[0], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A copy written ahead on another thread is linked in when the ballot is
 * stored and dropped when it is a duplicate; staging without one still
 * writes the copy itself. */
static void
test_stage_prepared (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *ballots = g_build_filename (tmp, PR_STORE_BALLOTS_DIR, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 4, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(GError) error = NULL;
  const int r[] = { 2, 3, -1 };
  GBytes *ballot[2] = { fixture_seal (inv, 0, 100, r), fixture_seal (inv, 1, 100, r) };
  PrBallotStatus expected[] = { PR_BALLOT_STATUS_ACCEPTED, PR_BALLOT_STATUS_DUPLICATE };
  g_autoptr(GHashTable) stored = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gpointer args[2] = { store, ballot[0] };
      PrAtomicPending *prepared = g_thread_join (g_thread_new ("prepare", prepare_in_thread, args));
      PrBallotInfo info;

      g_assert_nonnull (prepared);
      g_assert_true (pr_ballot_open (opener, g_bytes_get_data (ballot[0], NULL),
                                     g_bytes_get_size (ballot[0]), NULL, &info, NULL));
      g_assert_cmpint (pr_store_stage_prepared (store, g_bytes_get_data (ballot[0], NULL),
                                                g_bytes_get_size (ballot[0]), prepared, &info,
                                                fixture_now (), &error), ==, expected[i]);
      g_assert_no_error (error);
    }
  g_assert_cmpint (stage (store, opener, ballot[1], fixture_now ()), ==,
                   PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (store, &error));
  g_assert_no_error (error);
  stored = pr_store_dup_fingerprints (store);
  g_assert_cmpuint (g_hash_table_size (stored), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *hex = hex_of (ballot[i]);
      g_autofree char *path = pr_store_get_ballot_path (store, hex);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpmem (contents, len, g_bytes_get_data (ballot[i], NULL),
                       g_bytes_get_size (ballot[i]));
      g_assert_true (pr_store_has_ballot (store, hex));
      g_assert_true (g_hash_table_contains (stored, hex));
      g_bytes_unref (ballot[i]);
    }
  {
    g_autoptr(GDir) d = g_dir_open (ballots, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  pr_secret_wipe (pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener)));
  fixture_remove_tree (tmp);
}

static void
test_reissue_revokes (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrBallotOpener) opener2 = NULL;
  g_autoptr(PrInvitation) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inv2 = g_ptr_array_new ();
  g_autoptr(PrStore) again = NULL;
  const int r[] = { 2, -1 };
  g_autoptr(GBytes) old = fixture_seal (inv, 1, 100, r);
  g_autoptr(GBytes) later_old = NULL;
  g_autoptr(GBytes) new_ballot = NULL;
  PrBallotInfo info;
  guint index = 99;

  g_assert_cmpint (stage (store, opener, old, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (store, NULL));
  g_assert_true (pr_store_member_voted (store, 1));

  g_assert_cmpmem (pr_store_get_member_key (store, 1), PR_SIGN_PUBLIC_LEN,
                   pr_invitation_get_public_key (g_ptr_array_index (inv, 1)), PR_SIGN_PUBLIC_LEN);
  fresh = pr_store_reissue (store, "Person B1", &index, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);
  /* The member's key is the new invitation's now. */
  g_assert_cmpmem (pr_store_get_member_key (store, 1), PR_SIGN_PUBLIC_LEN,
                   pr_invitation_get_public_key (fresh), PR_SIGN_PUBLIC_LEN);
  g_assert_cmpuint (pr_store_get_epoch (store, 1), ==, 1);
  g_assert_false (pr_store_member_voted (store, 1));
  g_assert_null (pr_store_reissue (store, "nobody", NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER);
  g_clear_error (&error);

  /* The old key is refused, the new one counts, also after reopening. */
  g_clear_pointer (&store, pr_store_free);
  again = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (again);
  g_assert_false (pr_store_member_voted (again, 1));
  opener2 = pr_store_unlock (again, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  later_old = fixture_seal (inv, 1, 300, r);
  g_assert_false (pr_ballot_open (opener2, g_bytes_get_data (later_old, NULL),
                                  g_bytes_get_size (later_old), NULL, &info, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED);
  g_ptr_array_add (inv2, NULL);
  g_ptr_array_add (inv2, fresh);
  new_ballot = fixture_seal (inv2, 1, 50, r);
  g_assert_cmpint (stage (again, opener2, new_ballot, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (again, NULL));
  g_assert_true (pr_store_member_voted (again, 1));
  fixture_remove_tree (tmp);
}

/* An opener made before a re-issue still verifies the old key; the
 * store refuses what it signed, directly and through the import. */
static void
test_reissue_stale_opener (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *drop = g_build_filename (tmp, "old.json", NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) stale = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrInvitation) fresh = NULL;
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 2, -1 };
  g_autoptr(GBytes) old = fixture_seal (inv, 1, 100, r);
  PrImportResult *result;
  PrBallotInfo info;

  g_assert_nonnull (stale);
  fresh = pr_store_reissue (store, "m02", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pr_ballot_open (stale, g_bytes_get_data (old, NULL), g_bytes_get_size (old),
                                 NULL, &info, &error));
  g_assert_no_error (error);
  pr_secret_wipe (pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (stale)));
  g_assert_cmpint (pr_store_stage (store, g_bytes_get_data (old, NULL), g_bytes_get_size (old),
                                   &info, fixture_now (), &error), ==, PR_BALLOT_STATUS_REJECTED);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED);
  g_clear_error (&error);
  g_assert_cmpuint (pr_store_get_n_staged (store), ==, 0);

  fixture_write (tmp, "old.json", old);
  pr_import_input_add_path (input, drop);
  report = pr_import_run (store, stale, input, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  result = g_ptr_array_index (report->results, 0);
  g_assert_cmpint (result->status, ==, PR_BALLOT_STATUS_REJECTED);
  g_assert_cmpint (result->error_code, ==, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED);
  g_assert_cmpstr (result->error_class, ==, "eligibility");
  g_assert_cmpint (result->member, ==, 1);
  g_assert_false (pr_store_member_voted (store, 1));
  g_assert_cmpuint (pr_store_count_status (store, PR_BALLOT_STATUS_ACCEPTED), ==, 0);
  fixture_remove_tree (tmp);
}

/* The new invitation is written before the old key is revoked: when it
 * cannot be written, nothing changes. */
static void
test_reissue_to_file_unwritable (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *round = g_build_filename (tmp, "round", NULL);
  g_autofree char *out = g_build_filename (tmp, "missing", "new.json", NULL);
  g_autofree char *ok = g_build_filename (tmp, "new.json", NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (round, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrStore) again = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 2, -1 };
  g_autoptr(GBytes) ballot = fixture_seal (inv, 1, 100, r);
  guint index = 99;

  g_assert_cmpint (stage (store, opener, ballot, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (store, NULL));
  g_assert_false (pr_store_reissue_to_file (store, "m02", out, NULL, &error));
  g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (pr_store_get_epoch (store, 1), ==, 0);
  g_assert_true (pr_store_member_voted (store, 1));
  g_clear_pointer (&store, pr_store_free);
  again = pr_store_open (round, &error);
  g_assert_no_error (error);
  fixture_unlock (again);
  g_assert_cmpuint (pr_store_get_epoch (again, 1), ==, 0);
  g_assert_true (pr_store_member_voted (again, 1));

  g_assert_true (pr_store_reissue_to_file (again, "m02", ok, &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (g_file_test (ok, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (pr_store_get_epoch (again, 1), ==, 1);
  g_assert_false (pr_store_member_voted (again, 1));
  fixture_remove_tree (tmp);
}

/* When round.json cannot be written (here: a file size limit that the
 * invitation and a journal line fit under and round.json does not), the
 * re-issue is journaled and the new invitation kept: the next unlock
 * finishes it, so the member is never left without a valid invitation
 * and round.json never disagrees with the journal for good. */
static void
test_reissue_to_file_round_fails (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *tmp = fixture_tmpdir ();
      g_autofree char *round = g_build_filename (tmp, "round", NULL);
      g_autofree char *out = g_build_filename (tmp, "new.json", NULL);
      g_autofree char *round_file = g_build_filename (round, PR_STORE_ROUND_FILE, NULL);
      g_autoptr(GPtrArray) inv = NULL;
      g_autoptr(PrStore) store = fixture_round (round, 24, 1, &inv);
      g_autoptr(GBytes) inv_bytes = pr_invitation_to_bytes (g_ptr_array_index (inv, 0));
      g_autoptr(PrStore) again = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit limit;
      GStatBuf st;

      g_assert_cmpint (g_stat (round_file, &st), ==, 0);
      g_assert_cmpint (g_bytes_get_size (inv_bytes) + 1024, <, st.st_size);
      signal (SIGXFSZ, SIG_IGN);
      /* Only the soft limit: it is raised again below. */
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      limit.rlim_cur = g_bytes_get_size (inv_bytes) + 512;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (pr_store_reissue_to_file (store, "m02", out, NULL, &error));
      g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_IO);
      g_clear_error (&error);
      g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
      g_clear_pointer (&store, pr_store_free);
      limit.rlim_cur = limit.rlim_max;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      again = pr_store_open (round, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pr_store_get_epoch (again, 1), ==, 0);
      fixture_unlock (again);
      g_assert_cmpuint (pr_store_get_epoch (again, 1), ==, 1);
      g_clear_pointer (&again, pr_store_free);
      again = pr_store_open (round, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pr_store_get_epoch (again, 1), ==, 1);
      fixture_remove_tree (tmp);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_torn_journal (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *journal = g_build_filename (tmp, PR_STORE_JOURNAL_FILE, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrStore) again = NULL;
  g_autoptr(PrStore) third = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) a = fixture_seal (inv, 0, 100, r);
  g_autoptr(GBytes) b = fixture_seal (inv, 2, 100, r);

  g_assert_cmpint (stage (store, opener, a, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (store, NULL));
  g_assert_true (pr_atomic_append (journal, "{\"fingerprint\":\"ab", 18, TRUE, NULL));
  g_clear_pointer (&store, pr_store_free);

  again = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (again);
  g_assert_true (pr_store_member_voted (again, 0));
  g_assert_cmpint (stage (again, opener, b, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (again, &error));
  g_assert_no_error (error);
  third = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (third);
  g_assert_true (pr_store_member_voted (third, 0));
  g_assert_true (pr_store_member_voted (third, 2));
  fixture_remove_tree (tmp);
}

/* One writer at a time, and no writing from a stale view. */
static void
test_one_writer (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrStore) other = NULL;
  g_autoptr(PrStore) stale = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) a = fixture_seal (inv, 0, 100, r);
  g_autoptr(GBytes) b = fixture_seal (inv, 2, 100, r);

  other = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (other);
  g_assert_cmpint (stage (other, opener, a, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_false (pr_store_flush (other, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_clear_pointer (&other, pr_store_free);

  /* Opened before another writer added a line: refused too. */
  stale = pr_store_open (tmp, &error);
  fixture_unlock (stale);
  g_assert_cmpint (stage (store, opener, a, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (store, &error));
  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (stage (stale, opener, b, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_false (pr_store_flush (stale, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  fixture_remove_tree (tmp);
}

static PrStore *
open_unlocked (const char      *dir,
               PrBallotOpener **opener)
{
  g_autoptr(GError) error = NULL;
  PrStore *store = pr_store_open (dir, &error);

  g_assert_no_error (error);
  *opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  return store;
}

/* Two organizers keep one round open (issue #16): each change is made
 * under the lock from what the folder holds then, and neither sees a
 * false alarm about the other's ballots. */
static void
test_shared_folder (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) created = fixture_round (tmp, 4, 1, &inv);
  g_autoptr(PrBallotOpener) opener_a = NULL, opener_b = NULL;
  g_autoptr(PrStore) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrInvitation) fresh = NULL;
  const int r[] = { 3, -1 };
  g_autoptr(GBytes) first = fixture_seal (inv, 0, 100, r);
  g_autoptr(GBytes) second = fixture_seal (inv, 2, 100, r);
  g_autoptr(GBytes) old_key = fixture_seal (inv, 1, 100, r);
  gboolean changed = TRUE;
  PrBallotInfo info;

  g_clear_pointer (&created, pr_store_free);
  a = open_unlocked (tmp, &opener_a);
  b = open_unlocked (tmp, &opener_b);

  /* Nothing changed: catching up reads nothing again. */
  g_assert_true (pr_store_catch_up (b, opener_b, &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  pr_store_yield (b);

  g_assert_true (pr_store_catch_up (a, opener_a, NULL, &error));
  g_assert_cmpint (stage (a, opener_a, first, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (a, &error));
  g_assert_no_error (error);
  pr_store_yield (a);

  /* B's view is stale: no alarm about "unjournaled" ballots, and no
   * write from it. */
  g_assert_true (pr_store_is_stale (b));
  g_assert_false (pr_store_member_voted (b, 0));
  g_assert_false (pr_store_check_complete (b, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (pr_store_close (b, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "open the round again"));
  g_clear_error (&error);

  g_assert_true (pr_store_catch_up (b, opener_b, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_false (pr_store_is_stale (b));
  g_assert_true (pr_store_member_voted (b, 0));
  g_assert_true (pr_store_check_complete (b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage (b, opener_b, second, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_true (pr_store_flush (b, &error));

  /* B still holds the lock: A is told so, honestly, and changes nothing. */
  g_assert_true (pr_store_is_writing_elsewhere (a));
  g_assert_false (pr_store_catch_up (a, opener_a, &changed, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "right now"));
  g_clear_error (&error);
  g_assert_false (pr_store_member_voted (a, 2));
  pr_store_yield (b);
  g_assert_false (pr_store_is_writing_elsewhere (a));

  /* A re-issue by A reaches B's opener: the old invitation's ballot is
   * refused there as revoked. */
  g_assert_true (pr_store_catch_up (a, opener_a, &changed, &error));
  g_assert_true (changed);
  g_assert_true (pr_store_member_voted (a, 2));
  fresh = pr_store_reissue (a, "m02", NULL, &error);
  g_assert_no_error (error);
  pr_store_yield (a);
  g_assert_true (pr_store_catch_up (b, opener_b, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpuint (pr_store_get_epoch (b, 1), ==, 1);
  g_assert_false (pr_ballot_open (opener_b, g_bytes_get_data (old_key, NULL),
                                  g_bytes_get_size (old_key), NULL, &info, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED);
  g_clear_error (&error);
  pr_store_yield (b);

  /* A line added without the passphrase is named, and B stays as it was. */
  {
    g_autofree char *journal = g_build_filename (tmp, PR_STORE_JOURNAL_FILE, NULL);
    FILE *f = fopen (journal, "a");

    g_assert_nonnull (f);
    fputs ("{\"event\":\"close\",\"time\":1}\n", f);
    fclose (f);
  }
  g_assert_false (pr_store_catch_up (b, opener_b, &changed, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_assert_false (changed);
  g_clear_error (&error);
  g_assert_true (pr_store_member_voted (b, 2));
  g_assert_false (pr_store_is_closed (b));
  /* The lock was let go: A is not kept out by B's failure. */
  g_assert_false (pr_store_is_writing_elsewhere (a));
  fixture_remove_tree (tmp);
}

/* A re-issue in another process rewrites only round.json: a store
 * opened before it must not write from its stale view, or it would put
 * the revoked key back. */
static void
test_reissue_race (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) created = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrStore) a = NULL, b = NULL, c = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(PrInvitation) fresh = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 0, -1 };
  g_autoptr(GBytes) ballot = fixture_seal (inv, 2, 100, r);

  g_clear_pointer (&created, pr_store_free);
  a = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (a);
  b = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (b);
  opener = pr_store_unlock (b, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  fresh = pr_store_reissue (a, "m01", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&a, pr_store_free);

  g_assert_null (pr_store_reissue (b, "m02", NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (stage (b, opener, ballot, fixture_now ()), ==, PR_BALLOT_STATUS_ACCEPTED);
  g_assert_false (pr_store_flush (b, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_clear_pointer (&b, pr_store_free);

  c = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (c);
  g_assert_cmpuint (pr_store_get_epoch (c, 0), ==, 1);
  g_assert_cmpuint (pr_store_get_epoch (c, 1), ==, 0);
  g_assert_false (pr_store_member_voted (c, 2));
  /* A fresh view may write again. */
  g_clear_pointer (&fresh, pr_invitation_free);
  fresh = pr_store_reissue (c, "m02", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pr_store_get_epoch (c, 0), ==, 1);
  g_assert_cmpuint (pr_store_get_epoch (c, 1), ==, 1);
  fixture_remove_tree (tmp);
}

static void
test_damaged_journal_line (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *journal = g_build_filename (tmp, PR_STORE_JOURNAL_FILE, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_atomic_append (journal, "garbage\n{}\n", 11, TRUE, NULL));
  g_assert_null (pr_store_open (tmp, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED);
  fixture_remove_tree (tmp);
}

/* A crash after the ballot files were made durable but before their
 * journal lines: the next import with the key journals them. */
static void
test_recover_unjournaled (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *ballots = g_build_filename (tmp, PR_STORE_BALLOTS_DIR, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrStore) again = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 0, -1 };
  g_autoptr(GBytes) older = fixture_seal (inv, 1, 100, r);
  g_autoptr(GBytes) newer = fixture_seal (inv, 1, 200, r);
  g_autofree char *older_hex = hex_of (older);
  g_autofree char *newer_hex = hex_of (newer);
  g_autofree char *older_name = g_strconcat (older_hex, ".json", NULL);
  g_autofree char *newer_name = g_strconcat (newer_hex, ".json", NULL);
  g_autofree char *counted = NULL;
  guint n = 0;

  fixture_write (ballots, newer_name, newer);
  fixture_write (ballots, older_name, older);
  fixture_write (ballots, ".pr-tmp-half", older);
  g_clear_pointer (&store, pr_store_free);
  again = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (again);
  g_assert_cmpuint (pr_store_count_unjournaled (again), ==, 2);
  g_assert_false (pr_store_member_voted (again, 1));
  g_assert_true (pr_store_recover (again, opener, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (pr_store_count_unjournaled (again), ==, 0);
  counted = counted_of (again, 1);
  g_assert_cmpstr (counted, ==, newer_hex);
  g_assert_cmpuint (pr_store_count_status (again, PR_BALLOT_STATUS_REVISED), ==, 1);
  fixture_remove_tree (tmp);
}

/* Stages and flushes @bytes; returns its hex fingerprint. */
static char *
store_one (PrStore        *store,
           PrBallotOpener *opener,
           GBytes         *bytes)
{
  g_autoptr(GError) error = NULL;

  stage (store, opener, bytes, fixture_now ());
  g_assert_true (pr_store_flush (store, &error));
  g_assert_no_error (error);
  return hex_of (bytes);
}

/* pr_store_read_ballot(): the file must be the journaled one and open
 * to the journaled member and sequence. */
static void
test_read_ballot_checks (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(GError) error = NULL;
  const int r0[] = { 1, -1 }, r1[] = { 0, 2, -1 };
  g_autoptr(GBytes) a = fixture_seal (inv, 0, 100, r0);
  g_autoptr(GBytes) b = fixture_seal (inv, 1, 100, r1);
  g_autofree char *a_hex = store_one (store, opener, a);
  g_autofree char *b_hex = store_one (store, opener, b);
  g_autofree char *a_path = pr_store_get_ballot_path (store, a_hex);
  g_autofree char *b_path = pr_store_get_ballot_path (store, b_hex);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *b_text = NULL;
  gsize b_len = 0;
  PrBallotInfo info;

  read = pr_store_read_ballot (store, a_hex, opener, NULL, &info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpuint (info.member_index, ==, 0);
  g_assert_cmpuint (info.sequence, ==, 100);
  g_assert_true (pr_store_copy_is_intact (store, a_hex));
  g_clear_pointer (&read, g_bytes_unref);

  /* B's file in A's place: another file, named. */
  g_assert_true (g_file_get_contents (b_path, &b_text, &b_len, NULL));
  g_assert_true (g_file_set_contents (a_path, b_text, (gssize) b_len, NULL));
  read = pr_store_read_ballot (store, a_hex, opener, NULL, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, a_hex));
  g_clear_error (&error);
  g_assert_false (pr_store_copy_is_intact (store, a_hex));
  problems = pr_store_check_folder (store, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpint (((PrStoreProblem *) g_ptr_array_index (problems, 0))->kind, ==,
                   PR_STORE_PROBLEM_CHANGED);
  g_assert_true (((PrStoreProblem *) g_ptr_array_index (problems, 0))->counted);

  /* Missing, and a fingerprint the journal does not have. */
  g_assert_cmpint (g_unlink (a_path), ==, 0);
  g_assert_null (pr_store_read_ballot (store, a_hex, NULL, NULL, NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_null (pr_store_read_ballot (store, "00", NULL, NULL, NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_MISMATCH);
  g_clear_error (&error);

  /* Re-importing the original restores it; another ballot is refused. */
  g_assert_false (pr_store_restore_copy (store, a_hex, g_bytes_get_data (b, NULL),
                                         g_bytes_get_size (b), &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_true (pr_store_restore_copy (store, a_hex, g_bytes_get_data (a, NULL),
                                        g_bytes_get_size (a), &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_copy_is_intact (store, a_hex));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = pr_store_check_folder (store, opener);
  g_assert_cmpuint (problems->len, ==, 0);
  fixture_remove_tree (tmp);
}

/* Everything in ballots/ that is not a journaled copy is named. */
static void
test_check_folder_kinds (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *ballots = g_build_filename (tmp, PR_STORE_BALLOTS_DIR, NULL);
  g_autofree char *journal = g_build_filename (tmp, PR_STORE_JOURNAL_FILE, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) orphan = fixture_seal (inv, 0, 100, r);
  g_autofree char *orphan_name = NULL;
  g_autofree char *orphan_hex = hex_of (orphan);
  const PrStoreProblemKind expected[] = {
    PR_STORE_PROBLEM_JOURNAL_MISSING, PR_STORE_PROBLEM_TEMPORARY, PR_STORE_PROBLEM_UNJOURNALED,
    PR_STORE_PROBLEM_STRAY,
  };

  orphan_name = g_strconcat (orphan_hex, ".json", NULL);
  fixture_write (ballots, orphan_name, orphan);
  fixture_write (ballots, ".pr-tmp-left", orphan);
  fixture_write (ballots, "notes.txt", orphan);
  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (g_unlink (journal), ==, 0);
  store = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock_older (store);
  problems = pr_store_check_folder (store, NULL);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      PrStoreProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpint (problem->kind, ==, expected[i]);
      g_assert_cmpstr (pr_store_problem_kind_to_string (problem->kind), !=, "unknown");
      g_assert_true (problem->message != NULL && problem->message[0] != '\0');
    }
  g_assert_false (pr_store_check_complete (store, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNJOURNALED);
  fixture_remove_tree (tmp);
}

/* The round hash in the journal's first line names an edited manifest. */
static void
test_round_changed (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *round = g_build_filename (tmp, PR_STORE_ROUND_FILE, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;

  g_clear_pointer (&store, pr_store_free);
  g_assert_true (g_file_get_contents (round, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\"min_ranked\":1", "\"min_ranked\":2", 1), ==, 1);
  g_assert_true (g_file_set_contents (round, edited->str, -1, NULL));
  store = pr_store_open (tmp, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_ROUND_CHANGED);
  fixture_remove_tree (tmp);
}

/* A write error keeps the system's reason. */
static void
test_broken_error_cause (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *ballots = g_build_filename (tmp, PR_STORE_BALLOTS_DIR, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(GError) error = NULL;
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) a = fixture_seal (inv, 0, 100, r);

  if (getuid () == 0)
    {
      g_test_skip ("Root ignores folder permissions; test-integrity covers a read-only mount.");
      fixture_remove_tree (tmp);
      return;
    }
  g_assert_cmpint (g_chmod (ballots, 0500), ==, 0);
  stage (store, opener, a, fixture_now ());
  g_assert_false (pr_store_flush (store, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
  g_chmod (ballots, 0700);
  fixture_remove_tree (tmp);
}

/* Backup, passphrase change and restore of organizer.key. */
static void
test_key_care (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *outside = fixture_tmpdir ();
  g_autofree char *backup = g_build_filename (outside, "organizer-backup.key", NULL);
  g_autofree char *inside = g_build_filename (tmp, "copy.key", NULL);
  g_autofree char *key = g_build_filename (tmp, PR_STORE_KEY_FILE, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(GError) error = NULL;
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) ballot = fixture_seal (inv, 0, 100, r);
  g_autofree char *hex = NULL;
  g_autoptr(GBytes) read = NULL;

  opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  hex = store_one (store, opener, ballot);
  g_clear_pointer (&opener, pr_ballot_opener_unref);

  /* A backup goes outside the round folder, once. */
  g_assert_false (pr_store_backup_key (store, inside, &error));
  g_assert_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_INSIDE_ROUND);
  g_clear_error (&error);
  g_assert_true (pr_store_backup_key (store, backup, &error));
  g_assert_no_error (error);
  g_assert_false (pr_store_backup_key (store, backup, &error));
  g_assert_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_SECRET);
  g_clear_error (&error);

  /* A new passphrase: the old one no longer opens, ballots still do. */
  g_assert_false (pr_store_change_passphrase (store, "wrong", "new passphrase",
                                              crypto_pwhash_OPSLIMIT_MIN,
                                              crypto_pwhash_MEMLIMIT_MIN, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (pr_store_change_passphrase (store, FIXTURE_PASSPHRASE, "new passphrase",
                                             crypto_pwhash_OPSLIMIT_MIN,
                                             crypto_pwhash_MEMLIMIT_MIN, &error));
  g_assert_no_error (error);
  g_assert_null (pr_store_unlock (store, FIXTURE_PASSPHRASE, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  opener = pr_store_unlock (store, "new passphrase", &error);
  g_assert_no_error (error);
  read = pr_store_read_ballot (store, hex, opener, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_clear_pointer (&read, g_bytes_unref);
  g_clear_pointer (&opener, pr_ballot_opener_unref);

  /* The key file lost: the folder cannot be opened; the backup (under
   * the passphrase it was made with) puts it back. */
  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (g_unlink (key), ==, 0);
  g_assert_null (pr_store_open (tmp, &error));
  g_clear_error (&error);
  g_assert_false (pr_store_restore_key (tmp, backup, "new passphrase", &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (pr_store_restore_key (tmp, backup, FIXTURE_PASSPHRASE, &error));
  g_assert_no_error (error);
  store = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (store);
  opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  read = pr_store_read_ballot (store, hex, opener, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture_remove_tree (tmp);
  fixture_remove_tree (outside);
}

static void
test_symlinked_state (gconstpointer data)
{
  const char *name = data;
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "round", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *moved = g_build_filename (tmp, "moved", NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (dir, 3, 1, &inv);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_rename (path, moved), ==, 0);
  g_assert_cmpint (symlink (moved, path), ==, 0);
  g_assert_null (pr_store_open (dir, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_SYMLINK);
  fixture_remove_tree (tmp);
}

static void
test_unusable_folder (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *round = g_build_filename (tmp, PR_STORE_ROUND_FILE, NULL);
  g_autofree char *key = g_build_filename (tmp, PR_STORE_KEY_FILE, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_null (pr_store_open (tmp, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_A_ROUND);
  g_clear_error (&error);
  store = fixture_round (tmp, 3, 1, &inv);

  /* Not canonical: a space after the first comma. */
  g_assert_true (g_file_get_contents (round, &contents, &len, NULL));
  {
    g_autofree char *spaced = g_strdup_printf ("{\"format\":\"peer-rank-round\", %s",
                                               contents + strlen ("{\"format\":\"peer-rank-round\","));
    g_assert_true (g_file_set_contents (round, spaced, -1, NULL));
  }
  g_assert_null (pr_store_open (tmp, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (round, contents, (gssize) len, NULL));
  g_clear_pointer (&store, pr_store_free);
  store = pr_store_open (tmp, &error);
  g_assert_no_error (error);
  fixture_unlock (store);

  g_assert_true (g_file_set_contents (key, "{}", -1, NULL));
  g_clear_pointer (&store, pr_store_free);
  g_assert_null (pr_store_open (tmp, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_KEY_FILE);
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (key), ==, 0);
  g_assert_null (pr_store_open (tmp, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_KEY_FILE);
  fixture_remove_tree (tmp);
}

static void
test_wrong_passphrase (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *key = g_build_filename (tmp, PR_STORE_KEY_FILE, NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 3, 1, &inv);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (g_file_get_contents (key, &before, NULL, NULL));
  g_assert_null (pr_store_unlock (store, "not it", &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
  g_assert_true (g_file_get_contents (key, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  fixture_remove_tree (tmp);
}

static void
test_load_counted (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (tmp, 4, 1, &inv);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(GPtrArray) rankings = NULL;
  g_autoptr(GArray) voters = NULL;
  g_autoptr(PrProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  const int r0[] = { 3, 1, -1 }, r0b[] = { 1, 3, 2, -1 }, r2[] = { 0, -1 };
  g_autoptr(GBytes) a = fixture_seal (inv, 0, 10, r0);
  g_autoptr(GBytes) b = fixture_seal (inv, 0, 20, r0b);
  g_autoptr(GBytes) c = fixture_seal (inv, 2, 10, r2);
  GArray *first;

  stage (store, opener, a, fixture_now ());
  stage (store, opener, b, fixture_now ());
  stage (store, opener, c, fixture_now ());
  g_assert_true (pr_store_flush (store, NULL));
  g_assert_true (pr_store_load_counted (store, FIXTURE_PASSPHRASE, &rankings, &voters, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rankings->len, ==, 2);
  g_assert_cmpuint (g_array_index (voters, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (voters, guint, 1), ==, 2);
  first = g_ptr_array_index (rankings, 0);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpuint (g_array_index (first, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (first, guint, 2), ==, 2);
  g_assert_false (pr_store_load_counted (store, "wrong", &rankings, NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
  g_clear_error (&error);

  profile = pr_round_profile_load (tmp, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pr_profile_get_n_candidates (profile), ==, 4);
  g_assert_cmpuint (pr_profile_get_n_ballots (profile), ==, 2);
  g_assert_cmpstr (pr_profile_get_id (profile, 0), ==, "m01");

  /* From the open store and its opener (the app's way): the same. */
  {
    g_autoptr(PrProfile) same = pr_round_profile_new (store, opener, &error);
    const guint *x, *y;

    g_assert_no_error (error);
    g_assert_cmpuint (pr_profile_get_n_ballots (same), ==, 2);
    g_assert_cmpuint (pr_profile_get_min_raters (same), ==, pr_profile_get_min_raters (profile));
    x = pr_profile_get_pairwise (profile, PR_TREATMENT_IGNORE);
    y = pr_profile_get_pairwise (same, PR_TREATMENT_IGNORE);
    g_assert_cmpmem (x, 16 * sizeof (guint), y, 16 * sizeof (guint));
  }

  /* A ballot at a time (the window's way): the same again, and a copy
   * changed between two slices is named, never skipped. */
  {
    g_autoptr(PrRoundReader) reader = pr_round_reader_new (store, opener, &error);
    g_autoptr(PrRoundReader) again = NULL;
    g_autoptr(PrProfile) same = NULL;
    const char *hex = NULL;
    g_autofree char *name = NULL, *path = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (pr_round_reader_get_n_ballots (reader), ==, 2);
    g_assert_cmpuint (pr_round_reader_get_n_read (reader), ==, 0);
    g_assert_true (pr_round_reader_read (reader, 1, &error));
    g_assert_cmpuint (pr_round_reader_get_n_read (reader), ==, 1);
    g_assert_true (pr_round_reader_read (reader, 1, &error));
    g_assert_true (pr_round_reader_read (reader, 1, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pr_round_reader_get_n_read (reader), ==, 2);
    same = pr_round_reader_finish (reader, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (pr_profile_get_pairwise (profile, PR_TREATMENT_IGNORE), 16 * sizeof (guint),
                     pr_profile_get_pairwise (same, PR_TREATMENT_IGNORE), 16 * sizeof (guint));

    again = pr_round_reader_new (store, opener, &error);
    g_assert_true (pr_round_reader_read (again, 1, &error));
    g_assert_true (pr_store_get_counted (store, 2, &hex, NULL));
    name = g_strconcat (hex, ".json", NULL);
    path = g_build_filename (tmp, PR_STORE_BALLOTS_DIR, name, NULL);
    g_assert_cmpint (g_chmod (path, 0600), ==, 0);
    g_assert_true (g_file_set_contents (path, g_bytes_get_data (a, NULL), (gssize) g_bytes_get_size (a), NULL));
    g_assert_false (pr_round_reader_read (again, 1, &error));
    g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_MISMATCH);
    g_assert_nonnull (strstr (error->message, hex));
  }
  fixture_remove_tree (tmp);
}

typedef struct {
  const char *name;
  const char *id;
  const char *slug;
} SlugCase;

static const SlugCase slug_cases[] = {
  { "Ana López", "m01", "ana-lopez" },
  { "  Jean-Luc  O'Neill ", "m02", "jean-luc-oneill" },
  { "Çelik Öz", "m03", "celik-oz" },
  { "李", "m04", "m04" },
  { "ÆSIR 42", "m05", "aesir-42" },
};

static void
test_slug (gconstpointer data)
{
  const SlugCase *c = data;
  g_autofree char *slug = pr_store_invitation_slug (c->name, c->id);

  g_assert_cmpstr (slug, ==, c->slug);
}

static void
test_invitation_files (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *round = g_build_filename (tmp, "round", NULL);
  g_autofree char *out = g_build_filename (tmp, "inv", NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Ana", "ana!", "ANA", "李", NULL };
  PrStoreParams params = { "T", NULL, NULL, NULL, 1, 1, names, NULL, "pw",
                           crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };
  g_autoptr(PrStore) store = pr_store_create (round, &params, &inv, &error);
  const char *expected[] = { "ana.json", "ana-2.json", "ana-3.json", "m04.json" };

  /* "Ana" and "ANA" are duplicates after case folding: refused. */
  g_assert_null (store);
  g_assert_nonnull (error);
  g_clear_error (&error);
  names[2] = "Anna";
  expected[2] = "anna.json";
  store = pr_store_create (round, &params, &inv, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_write_invitations (out, inv, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (out, expected[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_false (pr_store_write_invitations (out, inv, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  fixture_remove_tree (tmp);
}

typedef struct {
  const char *dir;
  const char *outdir;
  gboolean    separate;
} DirsCase;

/* Relative to a fresh folder holding "real" and "alias" → "real". */
static const DirsCase dirs_cases[] = {
  { "round", "round", FALSE },
  { "round", "round/inv", FALSE },
  { "round/inv", "round", FALSE },
  { "round", "./round/../round/", FALSE },
  { "real/r", "alias/r", FALSE },
  { "alias", "real/new/inv", FALSE },
  { "round", "inv", TRUE },
  { "round", "round2", TRUE },
  { "real/a", "alias/b", TRUE },
};

static void
test_separate_dirs (gconstpointer data)
{
  const DirsCase *c = data;
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *real = g_build_filename (tmp, "real", NULL);
  g_autofree char *alias = g_build_filename (tmp, "alias", NULL);
  g_autofree char *dir = g_build_filename (tmp, c->dir, NULL);
  g_autofree char *outdir = g_build_filename (tmp, c->outdir, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
  g_assert_cmpint (symlink (real, alias), ==, 0);
  g_assert_cmpint (pr_store_check_separate_dirs (dir, outdir, &error), ==, c->separate);
  if (c->separate)
    g_assert_no_error (error);
  else
    g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID);
  fixture_remove_tree (tmp);
}

/* Invitations first, round.json last; when round.json cannot be written
 * (a file size limit the other files fit under), neither the invitations
 * nor the round's files are left, and the same folders work again. */
static void
test_create_with_invitations_fails (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *tmp = fixture_tmpdir ();
      g_autofree char *round = g_build_filename (tmp, "round", NULL);
      g_autofree char *out = g_build_filename (tmp, "inv", NULL);
      g_autofree char *first = g_build_filename (out, "person-a0.json", NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) inv = NULL;
      g_autoptr(PrStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) d = NULL;
      g_autofree char *contents = NULL;
      PrStoreParams params = { 0 };
      struct rlimit limit;
      rlim_t saved;
      gsize inv_len = 0;

      for (guint i = 0; i < 24; i++)
        g_ptr_array_add (names, g_strdup_printf ("Person %c%u", 'A' + i, i));
      g_ptr_array_add (names, NULL);
      params = (PrStoreParams) { "T", NULL, NULL, NULL, 1, 1, (const char * const *) names->pdata,
                                 NULL, "pw", crypto_pwhash_OPSLIMIT_MIN,
                                 crypto_pwhash_MEMLIMIT_MIN };
      store = pr_store_create_with_invitations (round, &params, out, &inv, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (first, &contents, &inv_len, NULL));
      g_clear_pointer (&store, pr_store_free);
      g_clear_pointer (&inv, g_ptr_array_unref);
      fixture_remove_tree (round);
      fixture_remove_tree (out);

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      saved = limit.rlim_cur;
      limit.rlim_cur = inv_len + 512;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_null (pr_store_create_with_invitations (round, &params, out, &inv, &error));
      g_assert_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_IO);
      g_clear_error (&error);
      g_assert_null (inv);
      d = g_dir_open (out, 0, NULL);
      g_assert_null (g_dir_read_name (d));
      g_clear_pointer (&d, g_dir_close);
      d = g_dir_open (round, 0, NULL);
      g_assert_null (g_dir_read_name (d));

      limit.rlim_cur = saved;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      store = pr_store_create_with_invitations (round, &params, out, &inv, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
      fixture_remove_tree (tmp);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/store/create-open", test_create_open);
  g_test_add_func ("/peer-rank/store/create-not-empty", test_create_not_empty);
  g_test_add_func ("/peer-rank/store/statuses", test_statuses);
  g_test_add_func ("/peer-rank/store/stage-prepared", test_stage_prepared);
  g_test_add_func ("/peer-rank/store/reissue-revokes", test_reissue_revokes);
  g_test_add_func ("/peer-rank/store/reissue-stale-opener", test_reissue_stale_opener);
  g_test_add_func ("/peer-rank/store/reissue-to-file-unwritable", test_reissue_to_file_unwritable);
  g_test_add_func ("/peer-rank/store/reissue-to-file-round-fails", test_reissue_to_file_round_fails);
  g_test_add_func ("/peer-rank/store/torn-journal", test_torn_journal);
  g_test_add_func ("/peer-rank/store/one-writer", test_one_writer);
  g_test_add_func ("/peer-rank/store/reissue-race", test_reissue_race);
  g_test_add_func ("/peer-rank/store/shared-folder", test_shared_folder);
  g_test_add_func ("/peer-rank/store/damaged-journal-line", test_damaged_journal_line);
  g_test_add_func ("/peer-rank/store/recover-unjournaled", test_recover_unjournaled);
  g_test_add_func ("/peer-rank/store/read-ballot-checks", test_read_ballot_checks);
  g_test_add_func ("/peer-rank/store/check-folder-kinds", test_check_folder_kinds);
  g_test_add_func ("/peer-rank/store/round-changed", test_round_changed);
  g_test_add_func ("/peer-rank/store/broken-error-cause", test_broken_error_cause);
  g_test_add_func ("/peer-rank/store/key-care", test_key_care);
  g_test_add_data_func ("/peer-rank/store/symlink/round", PR_STORE_ROUND_FILE, test_symlinked_state);
  g_test_add_data_func ("/peer-rank/store/symlink/key", PR_STORE_KEY_FILE, test_symlinked_state);
  g_test_add_data_func ("/peer-rank/store/symlink/journal", PR_STORE_JOURNAL_FILE, test_symlinked_state);
  g_test_add_data_func ("/peer-rank/store/symlink/ballots", PR_STORE_BALLOTS_DIR, test_symlinked_state);
  g_test_add_func ("/peer-rank/store/unusable-folder", test_unusable_folder);
  g_test_add_func ("/peer-rank/store/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/peer-rank/store/load-counted", test_load_counted);
  for (guint i = 0; i < G_N_ELEMENTS (slug_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/store/slug/%u", i);

      g_test_add_data_func (path, &slug_cases[i], test_slug);
    }
  g_test_add_func ("/peer-rank/store/invitation-files", test_invitation_files);
  g_test_add_func ("/peer-rank/store/create-with-invitations-fails",
                   test_create_with_invitations_fails);
  for (guint i = 0; i < G_N_ELEMENTS (dirs_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/store/separate-dirs/%u", i);

      g_test_add_data_func (path, &dirs_cases[i], test_separate_dirs);
    }

  return g_test_run ();
}
