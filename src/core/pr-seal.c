/* pr-seal.c — sealing an associate's ballot as the app and CLI do
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-ballot.h"
#include "pr-seal.h"
#include "pr-sequence.h"

char *
pr_seal_invitation_id (const PrInvitation *invitation)
{
  g_return_val_if_fail (invitation != NULL, NULL);

  return pr_crypto_fingerprint_hex (pr_invitation_get_public_key (invitation));
}

GBytes *
pr_seal_ranking (const PrInvitation *invitation,
                 const guint16      *ranking,
                 gsize               n_ranked,
                 const char         *sequence_dir,
                 guint64            *sequence_out,
                 guint8             *fingerprint,
                 GError            **error)
{
  g_autofree char *invitation_id = NULL;
  GBytes *bytes;
  guint64 sequence = 0;

  g_return_val_if_fail (invitation != NULL, NULL);
  g_return_val_if_fail (ranking != NULL || n_ranked == 0, NULL);

  invitation_id = pr_seal_invitation_id (invitation);
  if (!pr_sequence_next (sequence_dir, invitation_id, &sequence, error))
    return NULL;
  bytes = pr_ballot_seal (invitation, ranking, n_ranked, sequence, fingerprint, error);
  if (bytes != NULL && sequence_out != NULL)
    *sequence_out = sequence;
  return bytes;
}

char *
pr_seal_default_name (const PrManifest *manifest)
{
  const guint8 *id;
  guint8 random[2];

  g_return_val_if_fail (manifest != NULL, NULL);

  id = pr_manifest_get_id (manifest);
  pr_crypto_random (random, sizeof random);
  return g_strdup_printf ("ballot-%02x%02x%02x%02x-%02x%02x.json",
                          id[0], id[1], id[2], id[3], random[0], random[1]);
}
