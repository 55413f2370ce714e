/* fuzz-payload.c — libFuzzer target: decrypted payload bytes → open
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "pr-payload.h"

/* The first byte picks how the rest reaches the organizer, so the whole
 * path after decryption is explored:
 *   0: encrypted as it is (any length: the size check);
 *   1: padded to the block, then encrypted (padding, decoder, signature);
 *   2: decoded, re-signed with the claimed member's key when there is one,
 *      then sealed (eligibility and ranking rules). */
static GBytes *
seal_input (const FuzzRound *round,
            guint            mode,
            const guint8    *data,
            size_t           size)
{
  gsize block = pr_payload_round_block_size (round->manifest);

  if (mode == 0)
    return pr_ballot_seal_raw (round->manifest, data, size);

  if (mode == 1)
    {
      g_autoptr(PrSecret) plain = NULL;

      if (size >= block)
        return NULL;
      plain = pr_secret_new (block);
      memcpy (pr_secret_get_data (plain), data, size);
      g_assert (pr_payload_pad (pr_secret_get_data (plain), size, block));
      return pr_ballot_seal_raw (round->manifest, pr_secret_get_data (plain), block);
    }

  {
    g_autoptr(PrSecret) secret = pr_secret_new (sizeof (PrPayload));
    PrPayload *payload = (PrPayload *) (gpointer) pr_secret_get_data (secret);

    if (!pr_payload_decode (data, size, payload, NULL))
      return NULL;
    if (payload->member_index < FUZZ_MEMBERS)
      pr_payload_sign (payload, pr_manifest_get_id (round->manifest),
                       pr_manifest_get_hash (round->manifest),
                       round->member_sk[payload->member_index]);
    return pr_ballot_seal_payload (round->manifest, payload);
  }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const FuzzRound *round = fuzz_round ();
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  PrBallotInfo info;

  if (size < 1 || size > 4096)
    return 0;
  sealed = seal_input (round, data[0] % 3, data + 1, size - 1);
  if (sealed == NULL)
    return 0;

  if (pr_ballot_open (round->opener, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                      round->workspace, &info, &error))
    {
      g_assert (info.member_index < FUZZ_MEMBERS);
      g_assert (info.n_ranked >= 2 && info.n_ranked < FUZZ_MEMBERS);
      for (gsize i = 0; i < info.n_ranked; i++)
        g_assert (info.ranking[i] < FUZZ_MEMBERS && info.ranking[i] != info.member_index);
    }
  else
    {
      const char *klass = pr_ballot_error_class (error->code);

      /* Whatever was encrypted to the right key never fails before
       * decryption, except for its size. */
      g_assert (error->domain == PR_BALLOT_ERROR);
      g_assert (g_str_equal (klass, "payload") || g_str_equal (klass, "eligibility") ||
                g_str_equal (klass, "ranking") || error->code == PR_BALLOT_ERROR_CRYPTO_SIZE);
    }
  pr_secret_wipe (round->workspace);
  return 0;
}
