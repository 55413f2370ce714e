/* test-integrity.c — the round folder is never overwritten or miscounted
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test is one reproduction of issue #8, run through the real
 * peer-rank-cli on a round of four where A voted twice and D once.
 */

/* posix_openpt() and friends, for a terminal to run the CLI on. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pr-sequence.h"
#include "cli-fixture.h"
#include "store-fixture.h"

static char *tmp;
static char *pass_file;

typedef struct {
  char      *dir;         /* the round folder */
  char      *inv_dir;     /* invitations */
  char      *outbox;      /* the ballot files as members sent them */
  char      *a1, *a2, *d1; /* their paths */
  char      *a1_hex, *a2_hex, *d1_hex;
  GPtrArray *invitations;
} Round;

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static char *
seal_to (Round      *r,
         const char *name,
         guint       voter,
         guint64     sequence,
         const int  *ranks)
{
  g_autoptr(GBytes) bytes = fixture_seal (r->invitations, voter, sequence, ranks);
  guint8 fingerprint[PR_HASH_LEN];

  fixture_write (r->outbox, name, bytes);
  pr_ballot_fingerprint (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), fingerprint);
  return pr_crypto_fingerprint_hex (fingerprint);
}

/* A round of four: A (m01) ranks twice, D (m04) once; all imported. */
static Round *
round_new (const char *name)
{
  Round *r = g_new0 (Round, 1);
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const int a1[] = { 1, 2, -1 }, a2[] = { 2, 1, 3, -1 }, d1[] = { 0, 1, -1 };

  r->dir = g_build_filename (tmp, name, NULL);
  r->inv_dir = g_strconcat (r->dir, "-invitations", NULL);
  r->outbox = g_strconcat (r->dir, "-outbox", NULL);
  store = fixture_round (r->dir, 4, 1, &r->invitations);
  g_assert_true (pr_store_write_invitations (r->inv_dir, r->invitations, &error));
  g_assert_no_error (error);
  /* It holds the writer's lock. */
  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (g_mkdir (r->outbox, 0700), ==, 0);
  r->a1_hex = seal_to (r, "a1.json", 0, 10, a1);
  r->a2_hex = seal_to (r, "a2.json", 0, 20, a2);
  r->d1_hex = seal_to (r, "d1.json", 3, 15, d1);
  r->a1 = g_build_filename (r->outbox, "a1.json", NULL);
  r->a2 = g_build_filename (r->outbox, "a2.json", NULL);
  r->d1 = g_build_filename (r->outbox, "d1.json", NULL);
  g_assert_cmpint (run_cli (&out, NULL, "import", r->dir, r->a1, r->a2, r->d1,
                            "--passphrase-file", pass_file, "--json"), ==, 0);
  return r;
}

static void
round_free (Round *r)
{
  g_free (r->dir);
  g_free (r->inv_dir);
  g_free (r->outbox);
  g_free (r->a1);
  g_free (r->a2);
  g_free (r->d1);
  g_free (r->a1_hex);
  g_free (r->a2_hex);
  g_free (r->d1_hex);
  g_ptr_array_unref (r->invitations);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Round, round_free)

static char *
stored (Round      *r,
        const char *hex)
{
  g_autofree char *name = g_strconcat (hex, ".json", NULL);

  return g_build_filename (r->dir, PR_STORE_BALLOTS_DIR, name, NULL);
}

/* The number of ballots `tally` counts, or -1 when it fails. */
static int
tally_count (Round  *r,
             char  **err)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) result = NULL;

  int status = run_cli (&out, err, "tally", r->dir, "--passphrase-file", pass_file, "--method",
                        "borda", "--format", "json");

  /* A round folder that cannot be counted is exit 2, never 0 or 1. */
  if (status != 0)
    {
      g_assert_cmpint (status, ==, 2);
      return -1;
    }
  result = parse_object (out);
  return (int) json_object_get_int_member (result, "ballots");
}

/* 1. export and other outputs never replace the key or write inside the
 *    round folder, even with --force. */
static void
test_export_never_replaces_key (void)
{
  g_autoptr(Round) r = round_new ("export");
  g_autofree char *key = g_build_filename (r->dir, PR_STORE_KEY_FILE, NULL);
  g_autofree char *before = read_text (key);
  g_autofree char *after = NULL;
  g_autofree char *inside = g_build_filename (r->dir, "counted.soi", NULL);
  g_autofree char *outside = g_build_filename (tmp, "export-out.soi", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &err, "export", r->dir, "--preflib", key,
                            "--passphrase-file", pass_file), ==, 2);
  g_assert_nonnull (strstr (err, "inside the round folder"));
  g_assert_cmpint (run_cli (NULL, NULL, "export", r->dir, "--preflib", key, "--force",
                            "--passphrase-file", pass_file), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "export", r->dir, "--preflib", inside, "--force",
                            "--passphrase-file", pass_file), ==, 2);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  after = read_text (key);
  g_assert_cmpstr (before, ==, after);

  /* Outside: write-once unless --force. */
  g_assert_true (g_file_set_contents (outside, "old\n", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "export", r->dir, "--preflib", outside,
                            "--passphrase-file", pass_file), ==, 2);
  g_assert_nonnull (strstr (err, "--force"));
  g_assert_cmpint (run_cli (NULL, NULL, "export", r->dir, "--preflib", outside, "--force",
                            "--passphrase-file", pass_file), ==, 0);
  g_clear_pointer (&after, g_free);
  after = read_text (outside);
  g_assert_true (g_str_has_prefix (after, "# FILE NAME"));
}

/* 2. A ballot never replaces the invitation it was sealed from. */
static void
test_ballot_never_replaces_invitation (void)
{
  g_autoptr(Round) r = round_new ("ballot");
  g_autofree char *inv = g_build_filename (r->inv_dir, "person-b1.json", NULL);
  g_autofree char *before = read_text (inv);
  g_autofree char *after = NULL;
  g_autofree char *plain = g_build_filename (tmp, "ballot-out.json", NULL);
  g_autofree char *err = NULL;

  for (guint force = 0; force <= 1; force++)
    {
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli_argv (NULL, &err, (const char *const[]) {
                         "ballot", "create", "--invitation", inv, "--rank", "m01", "--out", inv,
                         force ? "--force" : NULL, NULL }), ==, 2);
      g_assert_nonnull (strstr (err, "invitation, a personal secret"));
    }
  after = read_text (inv);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (g_file_set_contents (plain, "notes\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", inv, "--rank", "m01",
                            "--out", plain), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", inv, "--rank", "m01",
                            "--out", plain, "--force"), ==, 0);
  g_clear_pointer (&after, g_free);
  after = read_text (plain);
  g_assert_true (g_str_has_prefix (after, "{\"format\":\"peer-rank-ballot\""));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &text, &len, NULL));
  g_assert_true (g_file_set_contents (to, text, (gssize) len, NULL));
}

/* 3. A stored ballot swapped for another member's, or for the member's
 *    older revision, is an error naming the file, never a silent count. */
static void
test_swapped_copy_is_named (void)
{
  g_autoptr(Round) r = round_new ("swap");
  g_autofree char *a2 = stored (r, r->a2_hex);
  g_autofree char *d1 = stored (r, r->d1_hex);
  g_autofree char *a1 = stored (r, r->a1_hex);
  const char *sources[] = { d1, a1 };

  g_assert_cmpint (tally_count (r, NULL), ==, 2);
  /* Receipts come only from a closed round. */
  g_assert_cmpint (run_cli (NULL, NULL, "round", "close", r->dir, "--passphrase-file", pass_file),
                   ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *err = NULL, *out = NULL;

      copy_file (sources[i], a2);
      g_assert_cmpint (tally_count (r, &err), ==, -1);
      g_assert_nonnull (strstr (err, r->a2_hex));
      g_assert_nonnull (strstr (err, "not the one the import journal names"));
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (NULL, &err, "round", "receipts", r->dir,
                                "--passphrase-file", pass_file), ==, 2);
      g_assert_nonnull (strstr (err, r->a2_hex));
      g_assert_cmpint (run_cli (&out, NULL, "round", "check", r->dir, "--json"), ==, 2);
      g_assert_nonnull (strstr (out, "\"kind\":\"changed\""));
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_cli (&out, NULL, "round", "show", r->dir), ==, 0);
      g_assert_nonnull (strstr (out, "changed or replaced"));
    }
}

/* A stored copy that hashes right but opens to another member cannot be
 * made without breaking BLAKE2b; the opened check still runs, through
 * round check with the passphrase on a consistent folder. */
static void
test_check_opens_every_ballot (void)
{
  g_autoptr(Round) r = round_new ("check");
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "round", "check", r->dir, "--passphrase-file",
                            pass_file), ==, 0);
  g_assert_nonnull (strstr (out, "3 journaled ballots, each present, intact and opening"));
}

static void
cut_last_line (const char *path)
{
  g_autofree char *text = read_text (path);
  char *end = text + strlen (text) - 1;

  g_assert_cmpint (*end, ==, '\n');
  while (end > text && end[-1] != '\n')
    end--;
  g_assert_true (g_file_set_contents (path, text, end - text, NULL));
}

/* 4. With the journal deleted or cut, tally refuses: on this computer,
 *    which saw the journal, as a folder older than the one it last
 *    opened, until the organizer accepts it (issue #20); then, as
 *    anywhere else, saying how to recover; the import then recovers
 *    every ballot. */
static void
test_cut_or_deleted_journal (void)
{
  for (guint deleted = 0; deleted <= 1; deleted++)
    {
      g_autoptr(Round) r = round_new (deleted ? "journal-deleted" : "journal-cut");
      g_autofree char *journal = g_build_filename (r->dir, PR_STORE_JOURNAL_FILE, NULL);
      g_autofree char *err = NULL, *out = NULL;
      g_autoptr(JsonObject) show = NULL;

      if (deleted)
        g_assert_cmpint (g_unlink (journal), ==, 0);
      else
        cut_last_line (journal);
      g_assert_cmpint (tally_count (r, &err), ==, -1);
      g_assert_nonnull (strstr (err, "older than the one last opened on this computer"));
      g_assert_nonnull (strstr (err, "--accept-rollback"));
      g_clear_pointer (&err, g_free);
      /* Accepted; the check still names the unjournaled ballots. */
      g_assert_cmpint (run_cli (&out, &err, "round", "check", r->dir, "--accept-rollback",
                                "--passphrase-file", pass_file), ==, 2);
      g_assert_nonnull (strstr (err, "It is accepted as it is"));
      g_assert_nonnull (strstr (out, "importing into the round recovers it"));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (tally_count (r, &err), ==, -1);
      g_assert_nonnull (strstr (err, "not in the import journal"));
      g_assert_nonnull (strstr (err, "peer-rank-cli import"));
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (NULL, &err, "export", r->dir, "--preflib",
                                deleted ? "/nonexistent/x.soi" : "/nonexistent/y.soi",
                                "--passphrase-file", pass_file), ==, 2);
      g_assert_cmpint (run_cli (&out, NULL, "round", "show", r->dir, "--json"), ==, 0);
      show = parse_object (out);
      g_assert_cmpint (json_object_get_int_member (show, "unjournaled"), >, 0);
      g_assert_cmpint (json_array_get_length (json_object_get_array_member (show, "problems")),
                       >, 0);

      /* Recovery: import with no files. */
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_cli (&out, NULL, "import", r->dir, "--passphrase-file", pass_file),
                       ==, 0);
      g_assert_nonnull (strstr (out, "recovered"));
      g_assert_cmpint (tally_count (r, NULL), ==, 2);
    }
}

/* 5. A counted copy deleted or damaged is restored by importing the
 *    original again; the damaged copy is kept aside. */
static void
test_restore_by_reimport (void)
{
  for (guint damaged = 0; damaged <= 1; damaged++)
    {
      g_autoptr(Round) r = round_new (damaged ? "restore-damaged" : "restore-deleted");
      g_autofree char *a2 = stored (r, r->a2_hex);
      g_autofree char *out = NULL;
      g_autoptr(JsonObject) report = NULL;
      JsonObject *entry;
      g_autofree char *ballots = NULL;
      g_autoptr(GDir) d = NULL;
      const char *name;
      guint aside = 0;

      if (damaged)
        g_assert_true (g_file_set_contents (a2, "{\"format\":\"peer-rank-ballot\"", -1, NULL));
      else
        g_assert_cmpint (g_unlink (a2), ==, 0);
      g_assert_cmpint (tally_count (r, NULL), ==, -1);
      g_assert_cmpint (run_cli (&out, NULL, "import", r->dir, r->a2, "--passphrase-file",
                                pass_file, "--json"), ==, 0);
      report = parse_object (out);
      entry = json_array_get_object_element (json_object_get_array_member (report, "files"), 0);
      g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "duplicate");
      g_assert_cmpstr (json_object_get_string_member (entry, "code"), ==, "restored");
      g_assert_nonnull (strstr (json_object_get_string_member (entry, "message"), "restored"));
      g_assert_cmpint (tally_count (r, NULL), ==, 2);
      g_assert_cmpint (run_cli (NULL, NULL, "round", "check", r->dir, "--passphrase-file",
                                pass_file), ==, 0);

      ballots = g_build_filename (r->dir, PR_STORE_BALLOTS_DIR, NULL);
      d = g_dir_open (ballots, 0, NULL);
      while ((name = g_dir_read_name (d)) != NULL)
        aside += strstr (name, ".damaged-") != NULL;
      g_assert_cmpuint (aside, ==, damaged);
    }
}

/* Runs @script with sh in a private mount namespace (as root, or mapped
 * to root in a user namespace). FALSE when the machine allows neither. */
static gboolean
run_in_namespace (const char  *script,
                  int         *status_out)
{
  const char *flags = getuid () == 0 ? "-m" : "-rm";
  const char *argv[] = { "unshare", flags, "sh", "-c", script, NULL };
  const char *probe[] = { "unshare", flags, "sh", "-c",
                          "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || "
                          "mount -t tmpfs -o size=64k tmpfs \"$TMPDIR\"", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) probe, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL) ||
      !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return FALSE;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  *status_out = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return TRUE;
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = read_text (path);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* 6. A full disk: the error says "No space left on device", and --json
 *    prints what was journaled before the failure, then fails. */
static void
test_full_disk (void)
{
  g_autoptr(Round) r = round_new ("full");
  g_autofree char *mnt = g_build_filename (tmp, "full-mnt", NULL);
  g_autofree char *back = g_build_filename (tmp, "full-back", NULL);
  g_autofree char *json = g_build_filename (tmp, "full.json", NULL);
  g_autofree char *errf = g_build_filename (tmp, "full.err", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL, *err = NULL, *journal = NULL;
  g_autoptr(JsonObject) report = NULL;
  const int ranks[] = { 1, 2, 3, -1 };
  guint reported;
  int status = -1;

  /* 100 revisions of A's ballot. */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("rev-%03u.json", i);

      g_free (seal_to (r, name, 0, 100 + i, ranks));
    }
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  /* Small groups (the open-file limit sizes them) on one worker, and
   * room for about 40 more files once the round is on the disk. */
  script = g_strdup_printf ("set -e; mount -t tmpfs -o size=2m tmpfs '%s'; "
                            "cp -a '%s' '%s/round'; "
                            "cat /dev/zero > '%s/fill' 2>/dev/null || true; "
                            "truncate -s -163840 '%s/fill'; "
                            "ulimit -n 64; "
                            "'%s' import '%s/round' '%s' --passphrase-file '%s' --threads 1 "
                            "--json > '%s' 2> '%s' || echo $? > '%s.status'; "
                            "cp -a '%s/round' '%s'",
                            mnt, r->dir, mnt, mnt, mnt, g_getenv ("PR_CLI"), mnt, r->outbox,
                            pass_file, json, errf, json, mnt, back);
  if (!run_in_namespace (script, &status))
    {
      g_test_skip ("This machine allows no tmpfs mount in a private namespace "
                   "(unshare -m / -rm); the full-disk test needs one.");
      return;
    }
  g_assert_cmpint (status, ==, 0);
  out = read_text (json);
  err = read_text (errf);
  g_assert_nonnull (strstr (err, "No space left on device"));
  g_assert_null (strstr (err, "Input/output error"));
  {
    g_autofree char *status_file = g_strconcat (json, ".status", NULL);
    g_autofree char *code = read_text (status_file);

    g_assert_cmpstr (code, ==, "2\n");
  }
  report = parse_object (out);
  g_assert_nonnull (strstr (json_object_get_string_member (report, "error"),
                            "No space left on device"));
  reported = json_array_get_length (json_object_get_array_member (report, "files"));
  /* Some groups made it, not all; exactly those are journaled (the
   * three first imports and the round line come before them; the three
   * files already imported are duplicates, which write no line). */
  g_assert_cmpuint (reported, >, 3);
  g_assert_cmpuint (reported, <, 103);
  journal = g_build_filename (back, PR_STORE_JOURNAL_FILE, NULL);
  g_assert_cmpuint (count_lines (journal), ==, 1 + 3 + (reported - 3));
}

/* 6b. A folder that cannot be written: the system's reason, not EIO. */
static void
test_unwritable_folder (void)
{
  g_autoptr(Round) r = round_new ("readonly");
  g_autofree char *err = NULL;
  g_autofree char *script = NULL;
  g_autofree char *errf = g_build_filename (tmp, "readonly.err", NULL);
  const int ranks[] = { 2, 3, -1 };
  int status = -1;

  g_free (seal_to (r, "b1.json", 1, 30, ranks));
  if (getuid () != 0)
    {
      g_autofree char *ballots = g_build_filename (r->dir, PR_STORE_BALLOTS_DIR, NULL);
      g_autofree char *b1 = g_build_filename (r->outbox, "b1.json", NULL);

      g_assert_cmpint (g_chmod (ballots, 0500), ==, 0);
      g_assert_cmpint (run_cli (NULL, &err, "import", r->dir, b1, "--passphrase-file",
                                pass_file, "--threads", "1"), ==, 2);
      g_assert_nonnull (strstr (err, "Permission denied"));
      g_chmod (ballots, 0700);
      return;
    }
  /* Root ignores permissions: a read-only bind mount refuses even root. */
  script = g_strdup_printf ("mount --bind '%s' '%s' && mount -o remount,ro,bind '%s' && "
                            "'%s' import '%s' '%s/b1.json' --passphrase-file '%s' 2> '%s' "
                            "> /dev/null",
                            r->dir, r->dir, r->dir, g_getenv ("PR_CLI"), r->dir, r->outbox,
                            pass_file, errf);
  if (!run_in_namespace (script, &status))
    {
      g_test_skip ("Running as root, and no private mount namespace to make a read-only "
                   "folder in.");
      return;
    }
  err = read_text (errf);
  g_assert_nonnull (strstr (err, "Read-only file system"));
  g_assert_null (strstr (err, "Input/output error"));
}

/* 7. Six seals at once from one invitation: six different sequences,
 *    so the import sees no conflict. */
static void
test_concurrent_seals (void)
{
  g_autoptr(Round) r = round_new ("concurrent");
  g_autofree char *inv = g_build_filename (r->inv_dir, "person-c2.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GPid pids[6];
  JsonObject *counts;

  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      g_autofree char *file = g_strdup_printf ("c%u.json", i);
      char *path = g_build_filename (r->outbox, file, NULL);
      const char *argv[] = { g_getenv ("PR_CLI"), "ballot", "create", "--invitation", inv,
                             "--rank", "m01", "--out", path, NULL };
      g_autoptr(GError) error = NULL;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                    G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pids[i], &error));
      g_assert_no_error (error);
      g_ptr_array_add (paths, path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_spawn_close_pid (pids[i]);
    }
  {
    const char *argv[16] = { "import", r->dir, "--passphrase-file", pass_file, "--json" };

    for (guint i = 0; i < paths->len; i++)
      argv[5 + i] = g_ptr_array_index (paths, i);
    g_assert_cmpint (run_cli_argv (&out, NULL, argv), ==, 0);
  }
  report = parse_object (out);
  counts = json_object_get_object_member (report, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "conflict"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "accepted") +
                   json_object_get_int_member (counts, "revised") +
                   json_object_get_int_member (counts, "stale"), ==, 6);
}

/* The same in one process: threads locking the counter. */
static gpointer
next_sequence (gpointer data)
{
  guint64 sequence = 0;

  g_assert_true (pr_sequence_next (data, "one-invitation", &sequence, NULL));
  return GSIZE_TO_POINTER ((gsize) sequence);
}

static void
test_concurrent_sequence_threads (void)
{
  g_autofree char *dir = g_build_filename (tmp, "sequences", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GThread *threads[16];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("seq", next_sequence, dir);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (g_hash_table_add (seen, g_thread_join (threads[i])));
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (threads));
}

/* 7b. A long bootstrap says how far it is on a terminal, and only there. */
static void
test_bootstrap_progress (void)
{
  g_autofree char *soi = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "tally",
                                           "pl-abort-12-people.soi", NULL);
  const char *argv[] = { g_getenv ("PR_CLI"), "tally", "--preflib", soi, "--bootstrap", "10001",
                         "--seed", "1", "--method", "borda", "--format", "json", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *err = NULL;
  int master, slave, null_fd, status = 0;
  char buf[4096];
  ssize_t n;
  GPid pid;

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);
  null_fd = open ("/dev/null", O_RDWR);
  g_assert_true (g_spawn_async_with_fds (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                         NULL, NULL, &pid, null_fd, null_fd, slave, &error));
  g_assert_no_error (error);
  close (slave);
  close (null_fd);
  /* EIO once the child's end of the terminal is closed. */
  while ((n = read (master, buf, sizeof buf)) > 0)
    g_string_append_len (seen, buf, n);
  close (master);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_nonnull (strstr (seen->str, "Bootstrap: "));
  g_assert_nonnull (strstr (seen->str, "10001 of 10001 resamples (100 %)"));

  /* Not on a pipe: the result alone. */
  g_assert_cmpint (run_cli (NULL, &err, "tally", "--preflib", soi, "--bootstrap", "10001",
                            "--seed", "1", "--method", "borda", "--format", "json"), ==, 0);
  g_assert_null (strstr (err, "Bootstrap"));
}

/* 8. An edited round.json is named, exit 2, for import, tally and show. */
static void
test_changed_manifest (void)
{
  g_autoptr(Round) r = round_new ("edited");
  g_autofree char *round = g_build_filename (r->dir, PR_STORE_ROUND_FILE, NULL);
  g_autofree char *text = read_text (round);
  g_autoptr(GString) edited = g_string_new (text);
  g_autofree char *err = NULL;
  const char *const commands[][6] = {
    { "import", r->dir, r->d1, "--passphrase-file", pass_file, NULL },
    { "tally", r->dir, "--passphrase-file", pass_file, NULL },
    { "round", "show", r->dir, NULL },
    { "round", "check", r->dir, NULL },
  };

  g_assert_cmpuint (g_string_replace (edited, "Fixture round", "Fixture round!", 1), ==, 1);
  g_assert_true (g_file_set_contents (round, edited->str, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli_argv (NULL, &err, commands[i]), ==, 2);
      g_assert_nonnull (strstr (err, "round.json was changed after the round was created"));
    }

  /* The same for a name and a rule. */
  g_string_assign (edited, text);
  g_assert_cmpuint (g_string_replace (edited, "Person A0", "Person Z0", 1), ==, 1);
  g_assert_true (g_file_set_contents (round, edited->str, -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "round", "show", r->dir), ==, 2);
  g_assert_nonnull (strstr (err, "round.json was changed"));
}

/* Reissue with an existing output: refused, --force replaces a plain
 * file, and no temporary file is ever left beside it. */
static void
test_reissue_outputs (void)
{
  g_autoptr(Round) r = round_new ("reissue");
  g_autofree char *old = g_build_filename (r->inv_dir, "person-b1.json", NULL);
  g_autofree char *plain = g_build_filename (r->inv_dir, "notes.txt", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_cmpint (run_cli (NULL, &err, "round", "reissue", r->dir, "m02", "--out", old,
                            "--force", "--passphrase-file", pass_file), ==, 2);
  g_assert_nonnull (strstr (err, "invitation"));
  g_assert_true (g_file_set_contents (plain, "notes\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "round", "reissue", r->dir, "m02", "--out", plain,
                            "--passphrase-file", pass_file), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "reissue", r->dir, "m02", "--out", plain,
                            "--force", "--passphrase-file", pass_file), ==, 0);
  d = g_dir_open (r->inv_dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));
  tmp = g_dir_make_tmp ("pr-integrity-XXXXXX", NULL);
  pass_file = g_build_filename (tmp, "pass", NULL);
  g_assert_true (g_file_set_contents (pass_file, FIXTURE_PASSPHRASE "\n", -1, NULL));
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TMPDIR", tmp, TRUE);

  g_test_add_func ("/peer-rank/integrity/export-never-replaces-key", test_export_never_replaces_key);
  g_test_add_func ("/peer-rank/integrity/ballot-never-replaces-invitation",
                   test_ballot_never_replaces_invitation);
  g_test_add_func ("/peer-rank/integrity/swapped-copy-is-named", test_swapped_copy_is_named);
  g_test_add_func ("/peer-rank/integrity/check-opens-every-ballot", test_check_opens_every_ballot);
  g_test_add_func ("/peer-rank/integrity/cut-or-deleted-journal", test_cut_or_deleted_journal);
  g_test_add_func ("/peer-rank/integrity/restore-by-reimport", test_restore_by_reimport);
  g_test_add_func ("/peer-rank/integrity/full-disk", test_full_disk);
  g_test_add_func ("/peer-rank/integrity/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/peer-rank/integrity/concurrent-seals", test_concurrent_seals);
  g_test_add_func ("/peer-rank/integrity/concurrent-sequence-threads",
                   test_concurrent_sequence_threads);
  g_test_add_func ("/peer-rank/integrity/bootstrap-progress", test_bootstrap_progress);
  g_test_add_func ("/peer-rank/integrity/changed-manifest", test_changed_manifest);
  g_test_add_func ("/peer-rank/integrity/reissue-outputs", test_reissue_outputs);

  status = g_test_run ();
  if (status == 0)
    fixture_remove_tree (tmp);
  return status;
}
