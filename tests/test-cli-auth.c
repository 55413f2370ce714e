/* test-cli-auth.c — the red team's reproductions of issue #20, by CLI
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs the real peer-rank-cli on a round of three made with
 * `round create`, where Ana has voted.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "cli-fixture.h"
#include "store-fixture.h"

#define PASSPHRASE "a long organizer passphrase"

static char *tmp;

typedef struct {
  char *dir, *inv, *pass, *ballot, *round_file, *journal;
} Round;

static void
round_free (Round *r)
{
  g_free (r->dir);
  g_free (r->inv);
  g_free (r->pass);
  g_free (r->ballot);
  g_free (r->round_file);
  g_free (r->journal);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Round, round_free)

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static Round *
round_new (const char *name)
{
  Round *r = g_new0 (Round, 1);
  g_autofree char *roster = g_build_filename (tmp, "roster.txt", NULL);
  g_autofree char *ana = NULL;

  r->dir = g_build_filename (tmp, name, NULL);
  r->inv = g_strconcat (r->dir, "-inv", NULL);
  r->pass = g_build_filename (tmp, "pass", NULL);
  r->ballot = g_strconcat (r->dir, "-ana.json", NULL);
  r->round_file = g_build_filename (r->dir, "round.json", NULL);
  r->journal = g_build_filename (r->dir, "journal.jsonl", NULL);
  ana = g_build_filename (r->inv, "ana.json", NULL);
  g_assert_true (g_file_set_contents (roster, "Ana\nDev Patel\nCid\n", -1, NULL));
  g_assert_true (g_file_set_contents (r->pass, PASSPHRASE "\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "round", "create", r->dir, "--title", "T", "--roster",
                            roster, "--invitations", r->inv, "--passphrase-file", r->pass), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", ana, "--rank", "m02",
                            "--out", r->ballot), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", r->dir, r->ballot, "--passphrase-file",
                            r->pass), ==, 0);
  return r;
}

/* Reproduction 1: a non-voter's key swapped for one whose seed the
 * attacker holds; the forged ballot is never counted. */
static void
test_voter_key_swap (void)
{
  g_autoptr(Round) r = round_new ("swap");
  g_autofree char *round = read_text (r->round_file);
  g_autofree char *dev = g_build_filename (r->inv, "dev-patel.json", NULL);
  g_autofree char *invitation = read_text (dev);
  g_autofree char *forged_inv = g_build_filename (tmp, "forged-inv.json", NULL);
  g_autofree char *forged = g_build_filename (tmp, "forged.json", NULL);
  g_autoptr(JsonObject) inv = parse_object (invitation);
  g_autoptr(JsonObject) rj = parse_object (round);
  const char *old_key = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (rj, "voters"), 1), "key");
  guint8 seed[32], pk[32], sk[64];
  g_autofree char *seed64 = NULL, *pk64 = NULL;
  GString *text = g_string_new (round);
  GString *inv_text = g_string_new (invitation);
  g_autofree char *out = NULL, *err = NULL;

  randombytes_buf (seed, sizeof seed);
  crypto_sign_seed_keypair (pk, sk, seed);
  seed64 = g_base64_encode (seed, sizeof seed);
  pk64 = g_base64_encode (pk, sizeof pk);
  g_string_replace (inv_text, json_object_get_string_member (inv, "seed"), seed64, 1);
  g_assert_true (g_file_set_contents (forged_inv, inv_text->str, -1, NULL));
  g_assert_cmpuint (g_string_replace (text, old_key, pk64, 1), ==, 1);
  g_assert_true (g_file_set_contents (r->round_file, text->str, -1, NULL));
  g_string_free (text, TRUE);
  g_string_free (inv_text, TRUE);

  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", forged_inv, "--rank",
                            "m01", "--out", forged), ==, 0);
  g_assert_cmpint (run_cli (&out, &err, "import", r->dir, forged, "--passphrase-file", r->pass),
                   ==, 2);
  g_assert_null (strstr (out, "accepted"));
  g_assert_nonnull (strstr (err, "round.json"));
  g_assert_nonnull (strstr (err, "m02 (Dev Patel)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "tally", r->dir, "--passphrase-file", r->pass), ==, 2);
  g_assert_nonnull (strstr (err, "round.json"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "check", r->dir, "--passphrase-file", r->pass),
                   ==, 2);
}

/* Reproduction 2: a journal status edited without the passphrase. */
static void
test_journal_status (void)
{
  g_autoptr(Round) r = round_new ("status");
  g_autofree char *journal = read_text (r->journal);
  GString *text = g_string_new (journal);
  g_autofree char *err = NULL;

  g_assert_cmpuint (g_string_replace (text, "\"accepted\"", "\"stale\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (r->journal, text->str, -1, NULL));
  g_string_free (text, TRUE);
  g_assert_cmpint (run_cli (NULL, &err, "tally", r->dir, "--passphrase-file", r->pass), ==, 2);
  g_assert_nonnull (strstr (err, "journal.jsonl, line 2"));
}

/* Reproduction 3: every state change needs the passphrase; without a
 * terminal and without it, exit 2 and nothing written. */
static void
test_changes_need_passphrase (void)
{
  g_autoptr(Round) r = round_new ("locked");
  g_autofree char *journal = read_text (r->journal);
  g_autofree char *round = read_text (r->round_file);
  g_autofree char *out_inv = g_build_filename (tmp, "locked-new.json", NULL);
  const char *commands[][5] = {
    { "round", "close", r->dir, NULL },
    { "round", "reopen", r->dir, NULL },
    { "round", "reissue", r->dir, "m02", NULL },
    { "round", "receipts", r->dir, NULL },
    { "accept", r->dir, "0000000000", NULL },
    { "refuse", r->dir, "0000000000", NULL },
    { "round", "upgrade", r->dir, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *journal_after = NULL, *round_after = NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      for (guint k = 0; commands[i][k] != NULL; k++)
        g_ptr_array_add (args, (gpointer) commands[i][k]);
      if (g_str_equal (commands[i][1], "reissue"))
        {
          g_ptr_array_add (args, "--out");
          g_ptr_array_add (args, out_inv);
        }
      g_ptr_array_add (args, NULL);
      g_assert_cmpint (run_cli_argv (&out, &err, (const char * const *) args->pdata), ==, 2);
      g_assert_nonnull (strstr (err, "passphrase"));
      journal_after = read_text (r->journal);
      round_after = read_text (r->round_file);
      g_assert_cmpstr (journal, ==, journal_after);
      g_assert_cmpstr (round, ==, round_after);
      g_assert_false (g_file_test (out_inv, G_FILE_TEST_EXISTS));
    }
}

/* Reproduction 3, continued: a closed round refuses a re-issue. */
static void
test_closed_refuses_reissue (void)
{
  g_autoptr(Round) r = round_new ("closed");
  g_autofree char *out_inv = g_build_filename (tmp, "closed-new.json", NULL);
  g_autofree char *receipts = NULL, *again = NULL, *err = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "round", "close", r->dir, "--passphrase-file", r->pass),
                   ==, 0);
  g_assert_cmpint (run_cli (&receipts, NULL, "round", "receipts", r->dir, "--passphrase-file",
                            r->pass), ==, 0);
  g_assert_cmpuint (strlen (receipts), ==, 20);
  g_assert_cmpint (run_cli (NULL, &err, "round", "reissue", r->dir, "m01", "--out", out_inv,
                            "--passphrase-file", r->pass), ==, 2);
  g_assert_nonnull (strstr (err, "closed"));
  g_assert_false (g_file_test (out_inv, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (&again, NULL, "round", "receipts", r->dir, "--passphrase-file",
                            r->pass), ==, 0);
  g_assert_cmpstr (receipts, ==, again);
}

/* Reproduction 4: files recovery cannot use no longer block the count,
 * and the advice given works. */
static void
test_recovery_ends (void)
{
  g_autoptr(Round) r = round_new ("recover");
  g_autofree char *garbage = g_strdup_printf ("%s/ballots/%064d.json", r->dir, 5);
  g_autofree char *fifo = g_strdup_printf ("%s/ballots/%063d9.json", r->dir, 0);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (garbage, "garbage", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "tally", r->dir, "--passphrase-file", r->pass), ==, 2);
  g_assert_nonnull (strstr (err, "peer-rank-cli import"));
  g_assert_cmpint (run_cli (&out, NULL, "import", r->dir, "--passphrase-file", r->pass), ==, 0);
  g_assert_nonnull (strstr (out, "unusable/"));
  g_assert_cmpint (run_cli (NULL, NULL, "tally", r->dir, "--passphrase-file", r->pass), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "check", r->dir, "--passphrase-file", r->pass),
                   ==, 0);
}

/* Reproduction 5: a re-issue does not make round check cry wolf. */
static void
test_check_after_reissue (void)
{
  g_autoptr(Round) r = round_new ("check");
  g_autofree char *out_inv = g_build_filename (tmp, "check-new.json", NULL);
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "round", "reissue", r->dir, "m01", "--out", out_inv,
                            "--passphrase-file", r->pass), ==, 0);
  g_assert_cmpint (run_cli (&out, NULL, "round", "check", r->dir, "--passphrase-file", r->pass),
                   ==, 0);
  g_assert_nonnull (strstr (out, "consistent"));
  g_assert_null (strstr (out, ".."));
}

/* Reproduction 6: a file name with escape sequences and a newline. */
static void
test_escaped_names (void)
{
  g_autoptr(Round) r = round_new ("escape");
  g_autofree char *name = g_build_filename (tmp, "x\033]0;pwned\007\ndrop-y: accepted (Eve).json",
                                            NULL);
  g_autofree char *contents = read_text (r->ballot);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (name, contents, -1, NULL));
  g_assert_cmpint (run_cli (&out, NULL, "import", r->dir, name, "--passphrase-file", r->pass),
                   ==, 0);
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\007'));
  g_assert_nonnull (strstr (out, "\\x1b]0;pwned\\x07\\x0adrop-y: accepted (Eve).json: duplicate"));
  /* One line per file, then the summary. */
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }
}

/* Reproduction 7: receipts only with the passphrase, from a closed,
 * complete round; a cut journal publishes nothing. */
static void
test_receipts_cut_journal (void)
{
  g_autoptr(Round) r = round_new ("receipts");
  g_autofree char *journal = NULL, *cut = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "round", "close", r->dir, "--passphrase-file", r->pass),
                   ==, 0);
  /* Round line, Ana's ballot, the close: cut after the ballot. */
  journal = read_text (r->journal);
  lines = g_strsplit (journal, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  cut = g_strconcat (lines[0], "\n", lines[1], "\n", NULL);
  g_assert_true (g_file_set_contents (r->journal, cut, -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "round", "receipts", r->dir, "--passphrase-file",
                            r->pass), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_unlink (r->journal) == 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "receipts", r->dir, "--passphrase-file",
                            r->pass), ==, 2);
  g_assert_cmpstr (out, ==, "");
}

/* Item 8: a passphrase shorter than the app's minimum is refused. */
static void
test_short_passphrase (void)
{
  g_autofree char *roster = g_build_filename (tmp, "roster.txt", NULL);
  g_autofree char *dir = g_build_filename (tmp, "short", NULL);
  g_autofree char *inv = g_build_filename (tmp, "short-inv", NULL);
  g_autofree char *pass = g_build_filename (tmp, "short-pass", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (pass, "x\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, &err, "round", "create", dir, "--title", "T", "--roster",
                            roster, "--invitations", inv, "--passphrase-file", pass), ==, 2);
  g_assert_nonnull (strstr (err, "8 characters"));
  {
    g_autofree char *round_file = g_build_filename (dir, "round.json", NULL);

    g_assert_false (g_file_test (round_file, G_FILE_TEST_EXISTS));
  }
}

/* ---- the anchor (DESIGN §4) ---- */

/* The red team's rollback by CLI: a complete copy of the round folder
 * taken, a ballot imported and the round closed, the copy put back.
 * Refused on this computer; counted on another one, which never saw
 * the newer folder; accepted here only on purpose, with the passphrase. */
static void
test_rollback_folder (void)
{
  g_autoptr(Round) r = round_new ("rollback");
  g_autofree char *backup = g_strconcat (r->dir, "-backup", NULL);
  g_autofree char *cid = g_build_filename (r->inv, "cid.json", NULL);
  g_autofree char *cid_ballot = g_strconcat (r->dir, "-cid.json", NULL);
  g_autofree char *other = g_build_filename (tmp, "other-computer", NULL);
  g_auto(GStrv) other_env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", other, TRUE);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *after = NULL;

  fixture_copy_tree (r->dir, backup);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", cid, "--rank", "m01",
                            "--out", cid_ballot), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", r->dir, cid_ballot, "--passphrase-file",
                            r->pass), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "close", r->dir, "--passphrase-file", r->pass),
                   ==, 0);
  fixture_copy_tree (backup, r->dir);
  journal = read_text (r->journal);

  g_assert_cmpint (run_cli (NULL, &err, "tally", r->dir, "--passphrase-file", r->pass), ==, 2);
  g_assert_nonnull (strstr (err, "older than the one last opened on this computer"));
  g_assert_nonnull (strstr (err, "journal.jsonl, line 4, which this computer saw, is missing"));
  g_assert_nonnull (strstr (err, "round check --accept-rollback"));
  g_clear_pointer (&err, g_free);
  /* Nothing is recovered or written from it either. */
  g_assert_cmpint (run_cli (NULL, &err, "import", r->dir, "--passphrase-file", r->pass), ==, 2);
  g_assert_nonnull (strstr (err, "older than the one last opened"));
  g_clear_pointer (&err, g_free);
  after = read_text (r->journal);
  g_assert_cmpstr (after, ==, journal);

  /* Another computer never saw the newer folder. */
  g_assert_cmpint (run_cli_env (other_env, &out, NULL, "tally", r->dir, "--passphrase-file",
                                r->pass, "--format", "json"), ==, 0);
  g_assert_nonnull (strstr (out, "\"ballots\":1"));
  g_clear_pointer (&out, g_free);

  /* Accepting needs the passphrase: without one nothing changes. */
  g_assert_cmpint (run_cli (NULL, &err, "round", "check", r->dir, "--accept-rollback"), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "tally", r->dir, "--passphrase-file", r->pass), ==, 2);
  g_assert_cmpint (run_cli (&out, &err, "round", "check", r->dir, "--accept-rollback",
                            "--passphrase-file", r->pass), ==, 0);
  g_assert_nonnull (strstr (err, "which saw 4 lines of its import journal"));
  g_assert_nonnull (strstr (err, "It is accepted as it is"));
  g_assert_nonnull (strstr (out, "consistent"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "tally", r->dir, "--passphrase-file", r->pass, "--format",
                            "json"), ==, 0);
  g_assert_nonnull (strstr (out, "\"ballots\":1"));
  g_assert_cmpint (run_cli (NULL, &err, "round", "check", r->dir, "--accept-rollback",
                            "--passphrase-file", r->pass), ==, 0);
  g_assert_nonnull (strstr (err, "nothing to accept"));
}

/* Issue #20, smaller items: a roster name that is also a member id is
 * refused when the round is made, so `--rank m02` always means m02. */
static void
test_roster_name_is_member_id (void)
{
  g_autofree char *roster = g_build_filename (tmp, "roster-m02.txt", NULL);
  g_autofree char *dir = g_build_filename (tmp, "name-is-id", NULL);
  g_autofree char *inv = g_build_filename (tmp, "name-is-id-inv", NULL);
  g_autofree char *round_file = g_build_filename (dir, "round.json", NULL);
  g_autofree char *pass = g_build_filename (tmp, "pass", NULL);
  g_autofree char *err = NULL, *out = NULL;
  g_autoptr(Round) r = NULL;

  g_assert_true (g_file_set_contents (roster, "Ana\nm02\nCid\n", -1, NULL));
  g_assert_true (g_file_set_contents (pass, PASSPHRASE "\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, &err, "round", "create", dir, "--title", "T", "--roster",
                            roster, "--invitations", inv, "--passphrase-file", pass), ==, 2);
  g_assert_nonnull (strstr (err, "“m02” is also a member id"));
  g_assert_false (g_file_test (round_file, G_FILE_TEST_EXISTS));

  /* With names that are names, Ana's `--rank m02` (round_new) ranks Dev
   * Patel, m02, and nobody else. */
  r = round_new ("rank-by-id");
  g_assert_cmpint (run_cli (&out, NULL, "tally", r->dir, "--passphrase-file", r->pass,
                            "--method", "borda", "--format", "json"), ==, 0);
  g_assert_nonnull (strstr (out, "\"raters\":{\"m01\":0,\"m02\":1,\"m03\":0}"));
}

/* Issue #20, smaller items: the demo makes rounds of two and three
 * members, which import and count. */
static void
test_demo_small (void)
{
  g_autofree char *pass = g_build_filename (tmp, "demo-pass", NULL);

  g_assert_true (g_file_set_contents (pass, "demo\n", -1, NULL));
  for (guint members = 2; members <= 3; members++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/demo-%u", tmp, members);
      g_autofree char *round = g_build_filename (dir, "round", NULL);
      g_autofree char *ballots = g_build_filename (dir, "ballots", NULL);
      g_autofree char *n = g_strdup_printf ("%u", members);
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *expected = g_strdup_printf ("%u accepted", members);

      g_assert_cmpint (run_cli (&out, &err, "demo", dir, "--members", n, "--ballots", n), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_cli (&out, NULL, "import", round, ballots, "--passphrase-file", pass),
                       ==, 0);
      g_assert_nonnull (strstr (out, expected));
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_cli (&out, NULL, "tally", round, "--passphrase-file", pass,
                                "--format", "json"), ==, 0);
      g_free (expected);
      expected = g_strdup_printf ("\"ballots\":%u", members);
      g_assert_nonnull (strstr (out, expected));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  tmp = g_dir_make_tmp ("pr-cli-auth-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/peer-rank/cli-auth/voter-key-swap", test_voter_key_swap);
  g_test_add_func ("/peer-rank/cli-auth/journal-status", test_journal_status);
  g_test_add_func ("/peer-rank/cli-auth/changes-need-passphrase", test_changes_need_passphrase);
  g_test_add_func ("/peer-rank/cli-auth/closed-refuses-reissue", test_closed_refuses_reissue);
  g_test_add_func ("/peer-rank/cli-auth/recovery-ends", test_recovery_ends);
  g_test_add_func ("/peer-rank/cli-auth/check-after-reissue", test_check_after_reissue);
  g_test_add_func ("/peer-rank/cli-auth/escaped-names", test_escaped_names);
  g_test_add_func ("/peer-rank/cli-auth/receipts-cut-journal", test_receipts_cut_journal);
  g_test_add_func ("/peer-rank/cli-auth/short-passphrase", test_short_passphrase);
  g_test_add_func ("/peer-rank/cli-auth/rollback-folder", test_rollback_folder);
  g_test_add_func ("/peer-rank/cli-auth/roster-name-is-member-id", test_roster_name_is_member_id);
  g_test_add_func ("/peer-rank/cli-auth/demo-small", test_demo_small);
  status = g_test_run ();
  {
    const char *rm[] = { "rm", "-rf", tmp, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  return status;
}
