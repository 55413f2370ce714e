/* fuzz-round.c — libFuzzer target: round.json and its voters' MACs
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is round.json of a round folder whose organizer.key is the
 * fuzz round's (minimal Argon2 limits): opened and unlocked, it is
 * refused with a store error or verifies. A round.json of the fuzz
 * round's key is also sealed again by the store itself, which must then
 * always unlock: what the store writes, it reads (DESIGN §4). Sealing
 * needs the store's own writer, hence its private header.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "pr-keyfile.h"
#include "pr-store-private.h"

#define FUZZ_PASSPHRASE "fuzz round"

static const char *
round_dir (const FuzzRound *round)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autofree char *ballots = NULL;
      g_autofree char *key = NULL;
      g_autoptr(GBytes) bytes = NULL;

      dir = g_dir_make_tmp ("pr-fuzz-round-XXXXXX", NULL);
      g_assert (dir != NULL);
      ballots = g_build_filename (dir, PR_STORE_BALLOTS_DIR, NULL);
      g_assert (g_mkdir (ballots, 0700) == 0);
      bytes = pr_keyfile_write (round->organizer_sk, FUZZ_PASSPHRASE, strlen (FUZZ_PASSPHRASE),
                                crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, NULL);
      g_assert (bytes != NULL);
      key = g_build_filename (dir, PR_STORE_KEY_FILE, NULL);
      g_assert (g_file_set_contents (key, g_bytes_get_data (bytes, NULL),
                                     (gssize) g_bytes_get_size (bytes), NULL));
    }
  return dir;
}

/* The store's refusals are its own errors; a journal is never made. */
static PrStore *
open_and_unlock (const FuzzRound  *round,
                 GError          **error)
{
  g_autoptr(PrStore) store = pr_store_open (round_dir (round), error);
  g_autoptr(PrBallotOpener) opener = NULL;

  if (store == NULL)
    return NULL;
  if ((opener = pr_store_unlock (store, FUZZ_PASSPHRASE, error)) == NULL)
    return NULL;
  g_assert (!pr_store_has_journal (store));
  return g_steal_pointer (&store);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const FuzzRound *round;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;

  fuzz_private_data_home ();
  round = fuzz_round ();
  if (size > 64 * 1024)
    return 0;
  path = g_build_filename (round_dir (round), PR_STORE_ROUND_FILE, NULL);
  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  store = open_and_unlock (round, &error);
  if (store == NULL)
    g_assert (error != NULL && error->domain == PR_STORE_ERROR);
  g_clear_error (&error);
  g_clear_pointer (&store, pr_store_free);

  /* Sealed again by the store, when it is this key's round. */
  store = pr_store_open (round_dir (round), NULL);
  if (store == NULL ||
      memcmp (pr_manifest_get_public_key (pr_store_get_manifest (store)),
              pr_manifest_get_public_key (round->manifest), PR_KX_PUBLIC_LEN) != 0)
    return 0;
  _pr_store_set_state_key (store, round->organizer_sk);
  g_assert (_pr_store_write_round (store, NULL));
  g_clear_pointer (&store, pr_store_free);
  store = open_and_unlock (round, &error);
  g_assert (store != NULL && !pr_store_is_legacy (store));
  return 0;
}
