/* store-fixture.h — round folders for the store, import and testkit tests
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "pr-ballot.h"
#include "pr-core.h"
#include "pr-round-anchor.h"
#include "pr-store.h"

#define FIXTURE_PASSPHRASE "correct horse"

static inline char *
fixture_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pr-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
fixture_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_chmod (path, 0700);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        fixture_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* Replaces @to with a copy of the folder @from (modes and times kept). */
static inline void
fixture_copy_tree (const char *from,
                   const char *to)
{
  const char *rm[] = { "rm", "-rf", to, NULL };
  const char *cp[] = { "cp", "-a", from, to, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL) && status == 0);
  g_assert_true (g_spawn_sync (NULL, (char **) cp, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL) && status == 0);
}

/* A round of @n members m01… in @dir, with the minimal Argon2 limits. */
static inline PrStore *
fixture_round (const char  *dir,
               guint        n,
               guint        min_ranked,
               GPtrArray  **invitations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  PrStoreParams params = { 0 };
  PrStore *store;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, g_strdup_printf ("Person %c%u", 'A' + (i % 26), i));
  g_ptr_array_add (names, NULL);
  params.title = "Fixture round";
  params.min_ranked = min_ranked;
  params.min_raters = 2;
  params.names = (const char * const *) names->pdata;
  params.passphrase = FIXTURE_PASSPHRASE;
  params.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  params.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  store = pr_store_create (dir, &params, invitations, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Seals a ballot of invitation @voter ranking @ranks (−1 terminated). */
static inline GBytes *
fixture_seal (GPtrArray *invitations,
              guint      voter,
              guint64    sequence,
              const int *ranks)
{
  g_autoptr(GError) error = NULL;
  guint16 ranking[64];
  gsize n = 0;
  GBytes *bytes;

  while (ranks[n] >= 0)
    {
      ranking[n] = (guint16) ranks[n];
      n++;
    }
  bytes = pr_ballot_seal (g_ptr_array_index (invitations, voter), ranking, n, sequence, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static inline void
fixture_write (const char *dir,
               const char *name,
               GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
}

/* Unlocks @store with the fixture's passphrase, as every change needs. */
static inline void
fixture_unlock (PrStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (opener);
}

/* The same for a folder older than the one this computer last saw (its
 * journal cut or deleted by the test): the organizer accepts it, as
 * after putting back a backup (DESIGN §4). */
static inline void
fixture_unlock_older (PrStore *store)
{
  g_autoptr(GError) error = NULL;
  guint rolled_back = 0;
  g_autoptr(PrBallotOpener) opener = pr_store_unlock_accepting_rollback (store, FIXTURE_PASSPHRASE,
                                                                         &rolled_back, &error);

  g_assert_no_error (error);
  g_assert_nonnull (opener);
  g_assert_cmpuint (rolled_back, >, 0);
}

/* Makes the round folder @dir one of an earlier Peer Rank: round.json
 * version 1 without MACs, a journal without MACs or voters; and, unless
 * @keep_anchor, none of the anchor that version never kept (DESIGN §4). */
static inline void
fixture_make_legacy (const char *dir,
                     gboolean    keep_anchor)
{
  g_autofree char *round_path = g_build_filename (dir, PR_STORE_ROUND_FILE, NULL);
  g_autofree char *journal_path = g_build_filename (dir, PR_STORE_JOURNAL_FILE, NULL);
  g_autoptr(PrStore) store = pr_store_open (dir, NULL);
  g_autofree char *round = NULL, *journal = NULL;
  g_autoptr(GRegex) mac = g_regex_new (",\"mac\":\"[^\"]*\"", 0, 0, NULL);
  g_autoptr(GRegex) voters = g_regex_new (",\"voters\":\"[0-9a-f]*\"", 0, 0, NULL);
  g_autofree char *round1 = NULL, *journal1 = NULL, *journal2 = NULL;
  g_autoptr(GString) v1 = NULL;

  g_assert_true (g_file_get_contents (round_path, &round, NULL, NULL));
  g_assert_true (g_file_get_contents (journal_path, &journal, NULL, NULL));
  round1 = g_regex_replace_literal (mac, round, -1, 0, "", 0, NULL);
  journal1 = g_regex_replace_literal (mac, journal, -1, 0, "", 0, NULL);
  journal2 = g_regex_replace_literal (voters, journal1, -1, 0, "", 0, NULL);
  v1 = g_string_new (round1);
  if (!keep_anchor)
    g_assert_true (pr_round_anchor_forget (pr_store_get_manifest (store), NULL));
  g_assert_cmpuint (g_string_replace (v1, "\"version\":2", "\"version\":1", 1), ==, 1);
  g_assert_true (g_file_set_contents (round_path, v1->str, (gssize) v1->len, NULL));
  g_assert_true (g_file_set_contents (journal_path, journal2, -1, NULL));
}

static inline gint64
fixture_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}
