/* fuzz-invitation.c — libFuzzer target: invitation file bytes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "pr-invitation.h"
#include "pr-roster.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PrInvitation) invitation = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_round ();
  invitation = pr_invitation_parse (data, size, &error);
  if (invitation != NULL)
    {
      g_autoptr(GBytes) again = pr_invitation_to_bytes (invitation);
      PrManifest *manifest = pr_invitation_get_manifest (invitation);
      gsize len = g_bytes_get_size (again);

      /* Accepted means canonical: the bytes are exactly what we write. */
      g_assert (size == len || size == len - 1);
      g_assert (memcmp (g_bytes_get_data (again, NULL), data, len - 1) == 0);
      g_assert (pr_invitation_get_member_index (invitation) < pr_manifest_get_n_members (manifest));
      g_assert (pr_manifest_get_min_ranked (manifest) < pr_manifest_get_n_members (manifest));
      for (guint i = 0; i < pr_manifest_get_n_members (manifest); i++)
        g_assert (pr_roster_check_name (pr_manifest_get_member_name (manifest, i), NULL));
    }
  else
    g_assert (error != NULL && error->domain == PR_BALLOT_ERROR);
  return 0;
}
