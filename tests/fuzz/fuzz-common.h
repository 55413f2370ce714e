/* fuzz-common.h — a fixed round shared by the fuzz targets
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "pr-ballot.h"
#include "pr-core.h"
#include "pr-crypto.h"
#include "pr-manifest.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define FUZZ_MEMBERS 5

/* Deterministic keys, so a crash reproduces from its input alone. */
typedef struct {
  PrManifest     *manifest;
  PrSecret       *organizer_sk;
  PrBallotOpener *opener;
  PrSecret       *member_sk[FUZZ_MEMBERS];   /* Ed25519, PR_SIGN_SECRET_LEN */
  PrSecret       *workspace;
} FuzzRound;

/* GLib raises SIGTRAP for fatal messages, which libFuzzer does not
 * catch: abort instead, so the input is saved as a crash. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

/* Where a target may write what Peer Rank keeps per user (anchors):
 * a folder of this run, set before anything asks for the data folder. */
static inline void
fuzz_private_data_home (void)
{
  g_autofree char *home = NULL;

  if (g_getenv ("PR_FUZZ_DATA_HOME") != NULL)
    return;
  home = g_dir_make_tmp ("pr-fuzz-home-XXXXXX", NULL);
  g_assert (home != NULL);
  g_setenv ("PR_FUZZ_DATA_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
}

static inline const FuzzRound *
fuzz_round (void)
{
  static FuzzRound round;
  static gboolean ready;
  static const char * const names[] = { "Ana", "Bo", "Chidi", "Dana", "Eero", NULL };
  guint8 seed[32], pk[PR_KX_PUBLIC_LEN], id[PR_ROUND_ID_LEN];

  if (ready)
    return &round;

  /* Anything our code logs at warning level or above is a bug. */
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_assert (pr_core_init (NULL));
  memset (seed, 7, sizeof seed);
  memset (id, 9, sizeof id);
  round.organizer_sk = pr_secret_new (PR_KX_SECRET_LEN);
  crypto_kx_seed_keypair (pk, pr_secret_get_data (round.organizer_sk), seed);
  round.manifest = pr_manifest_new (id, "Fuzz round", "", "", "", 2, 3, names, pk, NULL);
  g_assert (round.manifest != NULL);
  round.opener = pr_ballot_opener_new (round.manifest, round.organizer_sk, NULL);
  g_assert (round.opener != NULL);
  for (guint i = 0; i < FUZZ_MEMBERS; i++)
    {
      guint8 sign_pk[PR_SIGN_PUBLIC_LEN];

      memset (seed, 0x40 + i, sizeof seed);
      round.member_sk[i] = pr_secret_new (PR_SIGN_SECRET_LEN);
      crypto_sign_seed_keypair (sign_pk, pr_secret_get_data (round.member_sk[i]), seed);
      pr_ballot_opener_set_member_key (round.opener, i, sign_pk);
    }
  /* Member 4's first invitation was re-issued: its old key is revoked. */
  {
    guint8 old_pk[PR_SIGN_PUBLIC_LEN];
    g_autoptr(PrSecret) old_sk = pr_secret_new (PR_SIGN_SECRET_LEN);

    memset (seed, 0x30, sizeof seed);
    crypto_sign_seed_keypair (old_pk, pr_secret_get_data (old_sk), seed);
    pr_ballot_opener_add_revoked_key (round.opener, 4, old_pk);
  }
  round.workspace = pr_secret_new (pr_ballot_opener_get_workspace_size (round.opener));
  ready = TRUE;
  return &round;
}
