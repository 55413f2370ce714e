/* fuzz-keyfile.c — libFuzzer target: organizer key file bytes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "pr-keyfile.h"

#define FUZZ_PASSPHRASE "fuzz"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const FuzzRound *round = fuzz_round ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrSecret) secret = NULL;

  if (!pr_keyfile_check (data, size, &error))
    {
      g_assert (error != NULL && error->domain == PR_BALLOT_ERROR);
      return 0;
    }

  /* Argon2 itself is not under test and would make every run slow: only
   * files with the smallest limits (the corpus's) are decrypted. Larger
   * limits that pass the check are within what we accept by design. */
  if (g_strstr_len ((const char *) data, size, "\"opslimit\":1,\"memlimit\":8192,") == NULL)
    return 0;
  secret = pr_keyfile_read (data, size, FUZZ_PASSPHRASE, strlen (FUZZ_PASSPHRASE),
                            pr_manifest_get_public_key (round->manifest), &error);
  if (secret != NULL)
    g_assert (pr_crypto_kx_key_matches (secret, pr_manifest_get_public_key (round->manifest)));
  else
    g_assert (error != NULL && error->domain == PR_BALLOT_ERROR);
  return 0;
}
