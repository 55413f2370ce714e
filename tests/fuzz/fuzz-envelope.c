/* fuzz-envelope.c — libFuzzer target: ballot file bytes → open
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "pr-envelope.h"
#include "pr-json.h"

/* Whatever parses must re-serialise to the same bytes (the canonical
 * form is the file format), and opening must fail cleanly or succeed. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const FuzzRound *round = fuzz_round ();
  g_autoptr(PrEnvelope) envelope = NULL;
  g_autoptr(GError) error = NULL;
  PrBallotInfo info;
  gsize canonical_len = 0;

  envelope = pr_envelope_parse (data, size, &canonical_len, &error);
  if (envelope != NULL)
    {
      g_autoptr(GBytes) again = pr_envelope_to_bytes (envelope);

      g_assert (canonical_len + 1 == g_bytes_get_size (again));
      g_assert (memcmp (g_bytes_get_data (again, NULL), data, canonical_len) == 0);
    }
  else
    g_assert (error != NULL && error->domain == PR_BALLOT_ERROR);
  g_clear_error (&error);

  if (pr_ballot_open (round->opener, data, size, round->workspace, &info, &error))
    g_assert (info.member_index < FUZZ_MEMBERS);
  else
    g_assert (error != NULL && error->domain == PR_BALLOT_ERROR);
  pr_secret_wipe (round->workspace);
  return 0;
}
