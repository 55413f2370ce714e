/* test-state-auth.c — nobody changes what counts without the passphrase
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue #20: round.json's voters and every journal line are bound to the
 * organizer's key. Each test is a reproduction, or the property that a
 * random edit without the passphrase is refused or changes nothing that
 * counts.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pr-envelope.h"
#include "pr-journal.h"
#include "pr-roster.h"
#include "pr-round-anchor.h"
#include "pr-state-mac.h"
#include "pr-store-check.h"
#include "pr-text.h"
#include "store-fixture.h"

typedef struct {
  char      *dir;
  GPtrArray *invitations;
  char      *round_path;
  char      *journal_path;
} Round;

static void
round_free (Round *r)
{
  fixture_remove_tree (r->dir);
  g_free (r->dir);
  g_free (r->round_path);
  g_free (r->journal_path);
  g_clear_pointer (&r->invitations, g_ptr_array_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Round, round_free)

static void
stage_flush (PrStore        *store,
             PrBallotOpener *opener,
             GBytes         *bytes)
{
  g_autoptr(GError) error = NULL;
  PrBallotInfo info;

  g_assert_true (pr_ballot_open (opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 NULL, &info, &error));
  pr_store_stage (store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &info,
                  fixture_now (), &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_flush (store, &error));
}

/* A round of four: m01 voted twice (sequences 100, 200), m03 once,
 * m02 not at all. */
static Round *
round_new (void)
{
  Round *r = g_new0 (Round, 1);
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  const int a[] = { 1, 2, -1 }, b[] = { 2, 1, -1 }, c[] = { 0, -1 };

  r->dir = fixture_tmpdir ();
  r->round_path = g_build_filename (r->dir, PR_STORE_ROUND_FILE, NULL);
  r->journal_path = g_build_filename (r->dir, PR_STORE_JOURNAL_FILE, NULL);
  store = fixture_round (r->dir, 4, 1, &r->invitations);
  opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) bytes = fixture_seal (r->invitations, i == 2 ? 2 : 0,
                                              i == 1 ? 200 : 100, i == 0 ? a : i == 1 ? b : c);

      stage_flush (store, opener, bytes);
    }
  return r;
}

static char *
read_text (const char *path,
           gsize      *len)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, len, NULL));
  return text;
}

static void
write_text (const char *path,
            const char *text,
            gssize      len)
{
  g_assert_true (g_file_set_contents (path, text, len, NULL));
}

/* Opens and unlocks; NULL with @error when either refuses. */
static PrStore *
open_unlocked (const char  *dir,
               GError     **error)
{
  g_autoptr(PrStore) store = pr_store_open (dir, error);
  g_autoptr(PrBallotOpener) opener = NULL;

  if (store == NULL || (opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, error)) == NULL)
    return NULL;
  return g_steal_pointer (&store);
}

/* Per member, the counted ballot's fingerprint or "-", and the epochs. */
static char *
what_counts (PrStore *store)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pr_manifest_get_n_members (pr_store_get_manifest (store)); i++)
    {
      const char *hex = NULL;

      const guint8 *key = pr_store_get_member_key (store, i);

      g_string_append_printf (text, "%s:%u:%02x%02x%02x%02x ",
                              pr_store_get_counted (store, i, &hex, NULL) ? hex : "-",
                              pr_store_get_epoch (store, i), key[0], key[1], key[2], key[3]);
    }
  g_string_append_printf (text, "closed:%d", pr_store_is_closed (store));
  return g_string_free (text, FALSE);
}

/* The red team's first reproduction: a non-voter's key in round.json is
 * replaced by one whose seed the attacker holds. */
static void
test_voter_key_swap (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (r->dir, NULL);
  g_autofree char *text = read_text (r->round_path, NULL);
  guint8 attacker[PR_SIGN_PUBLIC_LEN];
  g_autofree char *key = NULL;
  g_autofree char *old = g_base64_encode (pr_store_get_member_key (store, 1), PR_SIGN_PUBLIC_LEN);
  GString *edited = g_string_new (text);

  pr_crypto_random (attacker, sizeof attacker);
  key = g_base64_encode (attacker, sizeof attacker);
  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpuint (g_string_replace (edited, old, key, 1), ==, 1);
  write_text (r->round_path, edited->str, (gssize) edited->len);
  g_string_free (edited, TRUE);

  store = pr_store_open (r->dir, &error);
  g_assert_no_error (error);
  g_assert_null (pr_store_unlock (store, FIXTURE_PASSPHRASE, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "round.json"));
  g_assert_nonnull (strstr (error->message, "m02"));
  /* Locked: nothing can be written either. */
  g_clear_error (&error);
  g_assert_false (pr_store_close (store, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED);
}

/* An older, genuinely sealed round.json put back would undo a re-issue:
 * one step back is taken for a re-issue a crash cut short and finished
 * again (nothing changes), two steps back are named. */
static void
test_voter_rollback (void)
{
  g_autoptr(Round) r = round_new ();
  g_autofree char *before = read_text (r->round_path, NULL);
  g_autofree char *middle = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = open_unlocked (r->dir, &error);
  g_autoptr(PrInvitation) first = NULL;
  g_autoptr(PrInvitation) second = NULL;

  g_assert_no_error (error);
  first = pr_store_reissue (store, "m02", NULL, &error);
  g_assert_no_error (error);
  middle = read_text (r->round_path, NULL);
  second = pr_store_reissue (store, "m02", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, pr_store_free);

  write_text (r->round_path, middle, -1);
  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pr_store_get_epoch (store, 1), ==, 2);
  g_assert_cmpmem (pr_store_get_member_key (store, 1), PR_SIGN_PUBLIC_LEN,
                   pr_invitation_get_public_key (second), PR_SIGN_PUBLIC_LEN);
  g_clear_pointer (&store, pr_store_free);

  write_text (r->round_path, before, -1);
  g_assert_null (open_unlocked (r->dir, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "round.json"));
  g_assert_nonnull (strstr (error->message, "line 6"));
}

/* The second reproduction: statuses swapped between two revisions. */
static void
test_journal_status_swap (void)
{
  g_autoptr(Round) r = round_new ();
  g_autofree char *text = read_text (r->journal_path, NULL);
  g_autoptr(GError) error = NULL;
  GString *edited = g_string_new (text);

  g_assert_cmpuint (g_string_replace (edited, "\"status\":\"revised\"", "\"status\":\"stale\"\"", 1),
                    ==, 1);
  g_string_replace (edited, "\"stale\"\"", "\"stale\"", 1);
  write_text (r->journal_path, edited->str, (gssize) edited->len);
  g_string_free (edited, TRUE);
  g_assert_null (open_unlocked (r->dir, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "journal.jsonl, line 3"));
}

/* Lines removed, repeated or swapped are named as well. */
static void
test_journal_lines (void)
{
  g_autoptr(Round) r = round_new ();
  gsize len = 0;
  g_autofree char *text = read_text (r->journal_path, &len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *orders[][5] = {
    { lines[0], lines[2], lines[1], lines[3], NULL },   /* swapped */
    { lines[0], lines[1], lines[3], NULL },             /* removed */
    { lines[0], lines[1], lines[2], lines[3], lines[3] },  /* repeated */
    { lines[1], lines[2], lines[3], NULL },             /* first removed */
  };

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrStore) store = NULL;
      g_autofree char *joined = g_strjoinv ("\n", (char **) orders[i]);
      g_autofree char *edited = g_strconcat (joined, "\n", NULL);

      write_text (r->journal_path, edited, -1);
      store = open_unlocked (r->dir, &error);
      g_assert_null (store);
      g_assert_true (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED) ||
                     g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED));
    }
  /* Put back as it was, it opens again. */
  write_text (r->journal_path, text, (gssize) len);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrStore) store = open_unlocked (r->dir, &error);

    g_assert_no_error (error);
  }
}

/* The property: a random single-byte or single-line edit of round.json
 * or the journal, without the passphrase, is refused when the round is
 * unlocked, or changes nothing that counts. */
static void
test_random_edits (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20);
  const char *files[] = { r->round_path, r->journal_path };
  g_autofree char *expected = NULL;
  guint refused = 0, same = 0;

  {
    g_autoptr(PrStore) store = open_unlocked (r->dir, NULL);

    expected = what_counts (store);
  }
  for (guint n = 0; n < 300; n++)
    {
      const char *path = files[n % 2];
      gsize len = 0;
      g_autofree char *orig = read_text (path, &len);
      g_autofree char *edited = g_memdup2 (orig, len);
      gsize edited_len = len;
      g_autoptr(GError) error = NULL;
      g_autoptr(PrStore) store = NULL;

      if (n % 3 != 2)
        edited[g_rand_int_range (rand, 0, (gint32) len)] ^= (char) g_rand_int_range (rand, 1, 256);
      else
        {
          /* Drop one line (the file's last line included). */
          g_auto(GStrv) lines = g_strsplit (orig, "\n", -1);
          guint n_lines = g_strv_length (lines) - 1;
          guint drop = (guint) g_rand_int_range (rand, 0, (gint32) MAX (n_lines, 1));
          GString *out = g_string_new (NULL);

          for (guint i = 0; i < n_lines; i++)
            if (i != drop)
              g_string_append_printf (out, "%s\n", lines[i]);
          edited_len = out->len;
          g_free (edited);
          edited = g_string_free (out, FALSE);
        }
      write_text (path, edited, (gssize) edited_len);
      store = open_unlocked (r->dir, &error);
      /* Refused, or counting refuses (a stored ballot no longer named). */
      if (store == NULL || !pr_store_check_complete (store, NULL))
        refused++;
      else
        {
          g_autofree char *counts = what_counts (store);

          /* Accepted: then nothing that counts may differ. */
          g_assert_cmpstr (counts, ==, expected);
          same++;
        }
      write_text (path, orig, (gssize) len);
    }
  g_assert_cmpuint (refused, >, 200);
  g_test_message ("%u refused, %u changed nothing", refused, same);
}

/* Every change needs the passphrase: an opened round refuses them. */
static void
test_changes_need_passphrase (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (r->dir, &error);
  gsize before_len = 0, after_len = 0;
  g_autofree char *before = read_text (r->journal_path, &before_len);
  g_autofree char *after = NULL;
  g_autofree char *round_before = read_text (r->round_path, NULL);
  g_autofree char *round_after = NULL;

  g_assert_no_error (error);
  g_assert_false (pr_store_close (store, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (pr_store_reopen (store, &error) && pr_store_is_closed (store));
  g_clear_error (&error);
  g_assert_null (pr_store_reissue (store, "m02", NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED);
  after = read_text (r->journal_path, &after_len);
  round_after = read_text (r->round_path, NULL);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpstr (round_before, ==, round_after);
}

/* A closed round refuses a re-issue: it would drop a counted ballot and
 * change published receipts. */
static void
test_closed_refuses_reissue (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = open_unlocked (r->dir, &error);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(GPtrArray) receipts = NULL;

  g_assert_true (pr_store_close (store, &error));
  receipts = pr_store_dup_receipts (store, opener, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 2);
  g_assert_null (pr_store_reissue (store, "m01", NULL, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_CLOSED);
  g_assert_true (pr_store_member_voted (store, 0));
  g_clear_error (&error);
  g_assert_true (pr_store_reopen (store, &error));
  g_clear_pointer (&receipts, g_ptr_array_unref);
  g_assert_null (pr_store_dup_receipts (store, opener, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_OPEN);
}

static void
test_upgrade (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autofree char *expected = NULL;

  {
    g_autoptr(PrStore) s = open_unlocked (r->dir, NULL);

    expected = what_counts (s);
  }
  fixture_make_legacy (r->dir, FALSE);
  g_assert_null (open_unlocked (r->dir, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_LEGACY);
  g_clear_error (&error);
  store = pr_store_open (r->dir, &error);
  g_assert_true (pr_store_is_legacy (store));
  g_assert_false (pr_store_upgrade (store, "wrong passphrase", &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (pr_store_upgrade (store, FIXTURE_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_close (store, &error));
  g_clear_pointer (&store, pr_store_free);

  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  g_assert_false (pr_store_is_legacy (store));
  g_assert_true (pr_store_is_closed (store));
  g_assert_true (pr_store_reopen (store, &error));
  {
    g_autofree char *counts = what_counts (store);

    g_assert_cmpstr (counts, ==, expected);
  }
  g_clear_pointer (&store, pr_store_free);
  /* Upgraded, its old lines are bound too: editing one is named. */
  {
    g_autofree char *journal = read_text (r->journal_path, NULL);
    GString *edited = g_string_new (journal);

    g_assert_cmpuint (g_string_replace (edited, "\"status\":\"revised\"", "\"status\":\"stale\"", 1),
                      ==, 1);
    write_text (r->journal_path, edited->str, (gssize) edited->len);
    g_string_free (edited, TRUE);
  }
  g_assert_null (open_unlocked (r->dir, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "line 5"));
}

/* Stripping the protection of an upgraded round is not taken for an old
 * round: round.json keeps MACs the journal no longer has. */
static void
test_downgrade_journal (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = read_text (r->journal_path, NULL);
  g_autoptr(GRegex) mac = g_regex_new (",\"mac\":\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *stripped = g_regex_replace_literal (mac, journal, -1, 0, "", 0, NULL);

  write_text (r->journal_path, stripped, -1);
  g_assert_null (open_unlocked (r->dir, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "journal.jsonl"));
}

/* The fourth reproduction: files recovery cannot use are moved aside,
 * reported, and counting goes on. */
static void
test_recovery_ends (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = open_unlocked (r->dir, &error);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autofree char *garbage = g_strdup_printf ("%s/ballots/%064d.json", r->dir, 7);
  g_autofree char *fifo = g_strdup_printf ("%s/ballots/%063d1.json", r->dir, 0);
  g_autoptr(GPtrArray) moved = NULL;
  guint n = 99;

  write_text (garbage, "not a ballot", -1);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpuint (pr_store_count_unjournaled (store), ==, 2);
  g_assert_false (pr_store_check_complete (store, &error));
  g_clear_error (&error);
  g_assert_true (pr_store_recover (store, opener, &n, &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (moved->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (moved, 0), "unusable/"));
  g_assert_cmpuint (pr_store_count_unjournaled (store), ==, 0);
  g_assert_true (pr_store_check_complete (store, &error));
  g_assert_false (g_file_test (garbage, G_FILE_TEST_EXISTS));
  {
    g_autofree char *aside = g_strdup_printf ("%s/unusable/%064d.json", r->dir, 7);

    g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  }
}

/* Recovery journals an orphan without writing it again. */
static void
test_recovery_keeps_file (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *journal = read_text (r->journal_path, &len);
  g_auto(GStrv) lines = g_strsplit (journal, "\n", -1);
  g_autofree char *cut = g_strconcat (lines[0], "\n", lines[1], "\n", lines[2], "\n", NULL);
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *path = NULL;
  GStatBuf before, after;
  guint n = 0;

  /* The journal was cut, and the organizer accepts the older folder:
   * m03's ballot is unjournaled. */
  write_text (r->journal_path, cut, -1);
  store = pr_store_open (r->dir, &error);
  g_assert_no_error (error);
  opener = pr_store_unlock_accepting_rollback (store, FIXTURE_PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pr_store_member_voted (store, 2));
  g_assert_cmpuint (pr_store_count_unjournaled (store), ==, 1);
  {
    g_autofree char *ballots = g_build_filename (r->dir, PR_STORE_BALLOTS_DIR, NULL);
    g_autoptr(GDir) d = g_dir_open (ballots, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (!pr_store_has_ballot (store, (hex = g_strndup (name, 64))))
        break;
      else
        g_clear_pointer (&hex, g_free);
  }
  path = pr_store_get_ballot_path (store, hex);
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  g_assert_true (pr_store_recover (store, opener, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_true (pr_store_member_voted (store, 2));
}

/* ---- the anchor: a whole folder put back (DESIGN §4) ---- */

/* The journal lines this computer's anchor of @dir's round names, 0
 * when it has none that verifies. */
static guint
anchored_lines (const char *dir)
{
  g_autoptr(PrStore) store = pr_store_open (dir, NULL);
  g_autoptr(PrSecret) secret = pr_store_read_secret_key (store, NULL, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrSecret) key = pr_state_key_derive (secret);
  PrRoundAnchor anchor;

  if (!pr_round_anchor_read (key, pr_store_get_manifest (store), &anchor))
    return 0;
  return anchor.n_lines;
}

static char *
anchor_path (const char *dir)
{
  g_autoptr(PrStore) store = pr_store_open (dir, NULL);

  return pr_round_anchor_path (pr_store_get_manifest (store));
}

static void
assert_rolled_back (const char *dir,
                    const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (dir, &error);

  g_assert_no_error (error);
  g_assert_null (pr_store_unlock (store, FIXTURE_PASSPHRASE, &error));
  /* A shorter journal may be a backup put back: the window offers to
   * accept it. A line that differs is never taken for one. */
  g_assert_nonnull (error);
  if (strstr (error->message, "which this computer saw, is missing") != NULL)
    g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_ROLLED_BACK);
  else
    g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "older than the one last opened on this computer"));
  g_assert_nonnull (strstr (error->message, what));
  g_assert_nonnull (strstr (error->message, "--accept-rollback"));
  /* Locked: nothing is written either. */
  g_clear_error (&error);
  g_assert_false (pr_store_reopen (store, &error) && pr_store_close (store, &error));
}

/* Every journal write and every unlock records how far the journal
 * goes, in a file of its own (0600) outside the folder. */
static void
test_anchor_follows (void)
{
  g_autoptr(Round) r = round_new ();
  g_autofree char *path = anchor_path (r->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  GStatBuf st;

  g_assert_cmpuint (anchored_lines (r->dir), ==, 4);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_str_has_prefix (path, r->dir));
  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_close (store, &error));
  g_assert_cmpuint (anchored_lines (r->dir), ==, 5);
  /* Another computer has none: unlocking there records one. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_clear_pointer (&store, pr_store_free);
  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anchored_lines (r->dir), ==, 5);
}

/* The red team's rollback: a complete copy of the folder taken, the
 * round goes on, the copy is put back. Refused here, fine on another
 * computer, and taken on purpose with the accept path. */
static void
test_anchor_rollback (void)
{
  g_autoptr(Round) r = round_new ();
  g_autofree char *backup = g_strconcat (r->dir, "-backup", NULL);
  g_autofree char *path = anchor_path (r->dir);
  g_autofree char *aside = g_strconcat (path, ".aside", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autofree char *before = NULL;
  const int d[] = { 1, 0, -1 };
  g_autoptr(GBytes) late = fixture_seal (r->invitations, 3, 300, d);
  guint rolled_back = 0;

  fixture_copy_tree (r->dir, backup);
  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  before = what_counts (store);
  opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  stage_flush (store, opener, late);
  g_assert_true (pr_store_close (store, &error));
  g_clear_pointer (&store, pr_store_free);
  g_clear_pointer (&opener, pr_ballot_opener_unref);

  fixture_copy_tree (backup, r->dir);
  assert_rolled_back (r->dir, "journal.jsonl, line 6, which this computer saw, is missing");
  /* As on another computer (no anchor), the copy opens. */
  g_assert_cmpint (g_rename (path, aside), ==, 0);
  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (g_rename (aside, path), ==, 0);
  assert_rolled_back (r->dir, "line 6");

  /* Accepted on purpose: the copy counts as it is, and opens again. */
  store = pr_store_open (r->dir, &error);
  opener = pr_store_unlock_accepting_rollback (store, FIXTURE_PASSPHRASE, &rolled_back, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rolled_back, ==, 6);
  {
    g_autofree char *counts = what_counts (store);

    g_assert_cmpstr (counts, ==, before);
  }
  g_clear_pointer (&store, pr_store_free);
  g_clear_pointer (&opener, pr_ballot_opener_unref);
  g_assert_cmpuint (anchored_lines (r->dir), ==, 4);
  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  /* Nothing to accept any more. */
  g_clear_pointer (&store, pr_store_free);
  store = pr_store_open (r->dir, &error);
  opener = pr_store_unlock_accepting_rollback (store, FIXTURE_PASSPHRASE, &rolled_back, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rolled_back, ==, 0);
  fixture_remove_tree (backup);
}

/* Two copies that went on apart: the one whose line differs from what
 * this computer saw is named. */
static void
test_anchor_fork (void)
{
  g_autoptr(Round) r = round_new ();
  g_autofree char *copy = g_strconcat (r->dir, "-copy", NULL);
  g_autofree char *path = anchor_path (r->dir);
  g_autofree char *aside = g_strconcat (path, ".aside", NULL);
  g_autoptr(GError) error = NULL;

  fixture_copy_tree (r->dir, copy);
  {
    g_autoptr(PrStore) store = open_unlocked (r->dir, &error);

    g_assert_no_error (error);
    g_assert_true (pr_store_close (store, &error));
  }
  /* The copy goes on elsewhere: another computer (its own anchor). */
  g_assert_cmpint (g_rename (path, aside), ==, 0);
  {
    g_autoptr(PrStore) store = open_unlocked (copy, &error);
    g_autoptr(PrInvitation) again = NULL;

    g_assert_no_error (error);
    again = pr_store_reissue (store, "m02", NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_rename (aside, path), ==, 0);
  assert_rolled_back (copy, "journal.jsonl, line 5, is not the line this computer saw there");
  fixture_remove_tree (copy);
}

/* The second way: the journal deleted and an earlier, genuinely
 * sealed round.json put back (before a re-issue). */
static void
test_anchor_deleted_journal (void)
{
  g_autoptr(Round) r = round_new ();
  g_autofree char *round = read_text (r->round_path, NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(PrStore) store = open_unlocked (r->dir, &error);
    g_autoptr(PrInvitation) again = pr_store_reissue (store, "m02", NULL, &error);

    g_assert_no_error (error);
  }
  write_text (r->round_path, round, -1);
  g_assert_cmpint (g_unlink (r->journal_path), ==, 0);
  assert_rolled_back (r->dir,
                      "line 5, which this computer saw, is missing (the journal has 0 lines)");
}

/* An anchor that does not verify (edited, or of another key) is no
 * anchor: the folder opens and a sound one replaces it. */
static void
test_anchor_forged (void)
{
  g_autoptr(Round) r = round_new ();
  g_autofree char *path = anchor_path (r->dir);
  g_autofree char *text = read_text (path, NULL);
  GString *edited = g_string_new (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;

  g_assert_cmpuint (g_string_replace (edited, "\"lines\":4", "\"lines\":9", 1), ==, 1);
  write_text (path, edited->str, (gssize) edited->len);
  g_string_free (edited, TRUE);
  g_assert_cmpuint (anchored_lines (r->dir), ==, 0);
  store = open_unlocked (r->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anchored_lines (r->dir), ==, 4);
}

/* A protected round stripped back to version 1 where this computer saw
 * it protected is a rollback; accepted, it is an old round to upgrade. */
static void
test_anchor_stripped (void)
{
  g_autoptr(Round) r = round_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  guint rolled_back = 0;

  fixture_make_legacy (r->dir, TRUE);
  assert_rolled_back (r->dir, "journal.jsonl, line 4, is not the line");
  store = pr_store_open (r->dir, &error);
  g_assert_false (pr_store_upgrade (store, FIXTURE_PASSPHRASE, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  opener = pr_store_unlock_accepting_rollback (store, FIXTURE_PASSPHRASE, &rolled_back, &error);
  g_assert_null (opener);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_LEGACY);
  g_clear_error (&error);
  g_assert_cmpuint (anchored_lines (r->dir), ==, 0);
  g_assert_true (pr_store_upgrade (store, FIXTURE_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (anchored_lines (r->dir), ==, 5);
}

static void
test_escape_terminal (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain-ballot.json", "plain-ballot.json" },
    { "a\033]0;title\007b", "a\\x1b]0;title\\x07b" },
    { "x\ny: accepted (Eve)", "x\\x0ay: accepted (Eve)" },
    { "r\xe2\x80\xaeotxt.json", "r\\u202eotxt.json" },
    { "zw\xe2\x80\x8bsp", "zw\\u200bsp" },
    { "bad\xff.json", "bad\\xff.json" },
    { "back\\slash", "back\\\\slash" },
    { "Ana López", "Ana López" },
    { "c1\xc2\x9b" "2J", "c1\\u009b2J" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = pr_text_escape_terminal (cases[i].in);

      g_assert_cmpstr (escaped, ==, cases[i].out);
    }
  g_assert_true (pr_text_has_hidden_chars ("Ti\xe2\x80\xaetle", NULL));
  g_assert_false (pr_text_has_hidden_chars ("line\nline", "\n"));
  g_assert_true (pr_text_has_hidden_chars ("line\nline", NULL));
}

/* Smaller items of issue #20: what a new round refuses, and a ballot's
 * transport (BOM, CRLF) dropped before its content is checked. */
static void
test_new_round_text (void)
{
  const char *names[] = { "Ana", "m02", "Cid", NULL };
  const char *fine[] = { "Ana", "m2x", "Cid", NULL };
  guint8 pk[PR_KX_PUBLIC_LEN] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrManifest) manifest = NULL;

  g_assert_null (pr_manifest_new (NULL, "T", "", "", "", 1, 1, names, pk, &error));
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (pr_manifest_new (NULL, "Ti\xe2\x80\xaeltle", "", "", "", 1, 1, fine, pk, &error));
  g_assert_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_TITLE);
  g_clear_error (&error);
  g_assert_null (pr_manifest_new (NULL, "T", "a\xe2\x80\x8b" "b", "", "", 1, 1, fine, pk, &error));
  g_assert_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_DESCRIPTION);
  g_clear_error (&error);
  g_assert_null (pr_manifest_new (NULL, "T", "", "", "Org\xe2\x81\xa6", 1, 1, fine, pk, &error));
  g_assert_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_ORGANIZER);
  g_clear_error (&error);
  manifest = pr_manifest_new (NULL, "T", "two\nlines\tand a tab", "", "", 1, 1, fine, pk, &error);
  g_assert_no_error (error);
}

static void
test_unwrap (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "{}\n", "{}\n" },
    { "{}", "{}" },
    { "{}\r\n", "{}\n" },
    { "\xef\xbb\xbf{}\r\n", "{}\n" },
    { "\xef\xbb\xbf{}", "{}" },
    { "{}\n\n", "{}\n\n" },   /* two newlines stay: the parser refuses them */
    { " {}\r\n", " {}\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) in = g_bytes_new_static (cases[i].in, strlen (cases[i].in));
      g_autoptr(GBytes) out = pr_envelope_unwrap (in);

      g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), cases[i].out,
                       strlen (cases[i].out));
    }
}

/* The MAC is keyed and domain-separated: another key or domain, or one
 * changed byte, never verifies. */
static void
test_state_mac (void)
{
  g_autoptr(PrSecret) sk1 = pr_secret_new (PR_KX_SECRET_LEN);
  g_autoptr(PrSecret) sk2 = pr_secret_new (PR_KX_SECRET_LEN);
  g_autoptr(PrSecret) k1 = NULL, k2 = NULL;
  guint8 hash[PR_HASH_LEN] = { 1 };
  guint8 mac[PR_STATE_MAC_LEN];
  guint8 data[] = "line";

  pr_crypto_random (pr_secret_get_data (sk1), PR_KX_SECRET_LEN);
  pr_crypto_random (pr_secret_get_data (sk2), PR_KX_SECRET_LEN);
  k1 = pr_state_key_derive (sk1);
  k2 = pr_state_key_derive (sk2);
  g_assert_cmpmem (pr_secret_get_data (k1), PR_STATE_KEY_LEN, pr_secret_get_data (k1),
                   PR_STATE_KEY_LEN);
  g_assert_false (memcmp (pr_secret_get_data (k1), pr_secret_get_data (sk1), PR_STATE_KEY_LEN) == 0);
  pr_state_mac (k1, PR_STATE_DOMAIN_JOURNAL, hash, NULL, data, 4, mac);
  g_assert_true (pr_state_mac_verify (k1, PR_STATE_DOMAIN_JOURNAL, hash, NULL, data, 4, mac));
  g_assert_false (pr_state_mac_verify (k2, PR_STATE_DOMAIN_JOURNAL, hash, NULL, data, 4, mac));
  g_assert_false (pr_state_mac_verify (k1, PR_STATE_DOMAIN_VOTER, hash, NULL, data, 4, mac));
  g_assert_false (pr_state_mac_verify (k1, PR_STATE_DOMAIN_JOURNAL, hash, mac, data, 4, mac));
  data[0] ^= 1;
  g_assert_false (pr_state_mac_verify (k1, PR_STATE_DOMAIN_JOURNAL, hash, NULL, data, 4, mac));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/state-auth/voter-key-swap", test_voter_key_swap);
  g_test_add_func ("/peer-rank/state-auth/voter-rollback", test_voter_rollback);
  g_test_add_func ("/peer-rank/state-auth/journal-status-swap", test_journal_status_swap);
  g_test_add_func ("/peer-rank/state-auth/journal-lines", test_journal_lines);
  g_test_add_func ("/peer-rank/state-auth/random-edits", test_random_edits);
  g_test_add_func ("/peer-rank/state-auth/changes-need-passphrase", test_changes_need_passphrase);
  g_test_add_func ("/peer-rank/state-auth/closed-refuses-reissue", test_closed_refuses_reissue);
  g_test_add_func ("/peer-rank/state-auth/upgrade", test_upgrade);
  g_test_add_func ("/peer-rank/state-auth/downgrade-journal", test_downgrade_journal);
  g_test_add_func ("/peer-rank/state-auth/recovery-ends", test_recovery_ends);
  g_test_add_func ("/peer-rank/state-auth/recovery-keeps-file", test_recovery_keeps_file);
  g_test_add_func ("/peer-rank/state-auth/anchor/follows", test_anchor_follows);
  g_test_add_func ("/peer-rank/state-auth/anchor/rollback", test_anchor_rollback);
  g_test_add_func ("/peer-rank/state-auth/anchor/fork", test_anchor_fork);
  g_test_add_func ("/peer-rank/state-auth/anchor/deleted-journal", test_anchor_deleted_journal);
  g_test_add_func ("/peer-rank/state-auth/anchor/forged", test_anchor_forged);
  g_test_add_func ("/peer-rank/state-auth/anchor/stripped", test_anchor_stripped);
  g_test_add_func ("/peer-rank/state-auth/escape-terminal", test_escape_terminal);
  g_test_add_func ("/peer-rank/state-auth/state-mac", test_state_mac);
  g_test_add_func ("/peer-rank/state-auth/new-round-text", test_new_round_text);
  g_test_add_func ("/peer-rank/state-auth/unwrap", test_unwrap);
  return g_test_run ();
}
