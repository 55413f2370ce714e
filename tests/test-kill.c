/* test-kill.c — SIGKILL an importing peer-rank-cli and check the round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <stdlib.h>

#include "pr-demo.h"
#include "store-fixture.h"

#define N_MEMBERS 30
#define N_KILLS   8
#define CHUNK     80
#define N_BALLOTS (N_KILLS * CHUNK)

static char *tmp, *round_dir, *pass_file;
static char *chunks[N_KILLS];

static char *
fingerprint_of_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  guint8 fp[PR_HASH_LEN];

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  if (len > 0 && data[len - 1] == '\n')
    len--;
  pr_ballot_fingerprint ((const guint8 *) data, len, fp);
  return pr_crypto_fingerprint_hex (fp);
}

/* Imports @paths (NULL-terminated) into @round printing to @out, and
 * kills the import after @delay_ms (or lets it finish when @delay_ms is
 * negative). Returns the exit status, or -1 when it was killed. */
static int
run_import (const char          *round,
            const char * const  *paths,
            const char          *out,
            int                  delay_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("PR_CLI"));
  g_ptr_array_add (argv, "import");
  g_ptr_array_add (argv, (char *) round);
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) paths[i]);
  g_ptr_array_add (argv, "--passphrase-file");
  g_ptr_array_add (argv, pass_file);
  g_ptr_array_add (argv, NULL);
  /* A copy of the round is a fork for this computer's record of the
   * round (DESIGN §4): it is imported into as on another computer. */
  if (g_strcmp0 (round, round_dir) != 0)
    {
      g_autofree char *home = g_build_filename (tmp, "other-computer", NULL);

      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
    }
  /* The launcher opens the file without truncating it. */
  g_unlink (out);
  g_subprocess_launcher_set_stdout_file_path (launcher, out);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  if (delay_ms >= 0)
    {
      g_usleep ((gulong) delay_ms * 1000);
      g_subprocess_send_signal (child, SIGKILL);
    }
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (child))
    return -1;
  return g_subprocess_get_exit_status (child);
}

/* How long an uninterrupted import of one chunk takes here, into a copy
 * of the empty round: the kills are spread over that time. */
static int
measure_chunk_ms (const char *out)
{
  g_autofree char *probe = g_build_filename (tmp, "probe", NULL);
  g_autofree char *cmd = g_strdup_printf ("cp -r '%s' '%s'", round_dir, probe);
  const char *paths[] = { chunks[0], NULL };
  gint64 start;

  g_assert_cmpint (system (cmd), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_cmpint (run_import (probe, paths, out, -1), ==, 0);
  return (int) MAX (20, (g_get_monotonic_time () - start) / 1000);
}

/* Every line the killed import printed is a ballot in the folder, and
 * the folder opens. */
static guint
check_reported (const char *out)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (round_dir, &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strstr (lines[i], ".json: ");
      g_autofree char *path = NULL;
      g_autofree char *hex = NULL;

      if (colon == NULL)
        continue;
      path = g_strndup (lines[i], (gsize) (colon - lines[i]) + 5);
      g_assert_null (strstr (colon, ": rejected"));
      hex = fingerprint_of_file (path);
      g_assert_true (pr_store_has_ballot (store, hex));
      n++;
    }
  return n;
}

static guint
stored_total (PrStore *store)
{
  guint n = 0;

  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    if (s != PR_BALLOT_STATUS_DUPLICATE && s != PR_BALLOT_STATUS_REJECTED)
      n += pr_store_count_status (store, s);
  return n;
}

static void
test_kill (void)
{
  g_autofree char *out = g_build_filename (tmp, "out.txt", NULL);
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *all[N_KILLS + 1] = { NULL };
  int chunk_ms = measure_chunk_ms (out);
  guint killed = 0;

  g_test_message ("an uninterrupted import of %d ballots takes %d ms", CHUNK, chunk_ms);
  /* Each kill hits an import of fresh ballots (plus the earlier ones,
   * whose interrupted work it must recover first). */
  for (guint k = 0; k < N_KILLS; k++)
    {
      int delay = g_test_rand_int_range (chunk_ms / 20, chunk_ms * (int) (k + 1) * 5 / 4);
      int status;
      guint reported;

      all[k] = chunks[k];
      status = run_import (round_dir, all, out, delay);
      reported = check_reported (out);
      g_test_message ("kill %u after %d ms: %s, %u lines reported", k, delay,
                      status < 0 ? "killed" : "finished", reported);
      killed += status < 0;
    }
  g_test_message ("%u of %u imports were killed before they finished", killed, N_KILLS);

  /* A complete import afterwards: nothing rejected, every ballot stored
   * exactly once, every member counted, nothing left unjournaled. */
  g_assert_cmpint (run_import (round_dir, all, out, -1), ==, 0);
  check_reported (out);
  store = pr_store_open (round_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pr_store_count_unjournaled (store), ==, 0);
  g_assert_cmpuint (stored_total (store), ==, N_BALLOTS);
  for (guint i = 0; i < N_MEMBERS; i++)
    g_assert_true (pr_store_member_voted (store, i));

  /* Once more: all duplicates. */
  g_assert_cmpint (run_import (round_dir, all, out, -1), ==, 0);
  g_assert_true (g_file_get_contents (out, &summary, NULL, NULL));
  expected = g_strdup_printf ("0 accepted, 0 revised, %d duplicate", N_BALLOTS);
  g_assert_nonnull (strstr (summary, expected));
}

/* Spreads the demo's ballots over N_KILLS folders of CHUNK files. */
static void
make_chunks (const char *ballots)
{
  g_autoptr(GDir) d = g_dir_open (ballots, 0, NULL);
  const char *name;
  guint n = 0;

  for (guint k = 0; k < N_KILLS; k++)
    {
      chunks[k] = g_strdup_printf ("%s/chunk-%u", tmp, k);
      g_assert_cmpint (g_mkdir (chunks[k], 0700), ==, 0);
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (ballots, name, NULL);
      g_autofree char *to = g_build_filename (chunks[n % N_KILLS], name, NULL);

      g_assert_cmpint (g_rename (from, to), ==, 0);
      n++;
    }
  g_assert_cmpuint (n, ==, N_BALLOTS);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *ballots = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  tmp = fixture_tmpdir ();
  demo = g_build_filename (tmp, "demo", NULL);
  round_dir = g_build_filename (demo, "round", NULL);
  ballots = g_build_filename (demo, "ballots", NULL);
  pass_file = g_build_filename (tmp, "pass", NULL);
  g_assert_true (g_file_set_contents (pass_file, PR_DEMO_PASSPHRASE "\n", -1, NULL));
  g_assert_true (pr_demo_generate (demo, N_MEMBERS, N_BALLOTS, 5, NULL, &error));
  g_assert_no_error (error);
  make_chunks (ballots);

  g_test_add_func ("/peer-rank/kill/import", test_kill);
  status = g_test_run ();
  fixture_remove_tree (tmp);
  for (guint k = 0; k < N_KILLS; k++)
    g_free (chunks[k]);
  return status;
}
