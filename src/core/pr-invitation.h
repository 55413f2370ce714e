/* pr-invitation.h — one member's secret invitation to a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"
#include "pr-manifest.h"

G_BEGIN_DECLS

/* File: {"format":"peer-rank-invitation","version":1,"round":{manifest},
 *        "member":"m03","seed":b64(32)} — one line, canonical, "\n" at
 * the end. The seed is the member's Ed25519 signing seed: a secret. */
typedef struct _PrInvitation PrInvitation;

/* A fresh invitation for member @index with a random seed. */
PrInvitation   *pr_invitation_new            (PrManifest   *manifest,
                                              guint         index);
/* Strict parse (size cap PR_INVITATION_MAX_SIZE, PR_BALLOT_ERROR). */
PrInvitation   *pr_invitation_parse          (const guint8 *data,
                                              gsize         len,
                                              GError      **error);
void            pr_invitation_free           (PrInvitation *invitation);

/* Canonical bytes with a trailing newline. They contain the seed: write
 * them to the member's file and drop them. */
GBytes         *pr_invitation_to_bytes       (const PrInvitation *invitation);

PrManifest     *pr_invitation_get_manifest   (const PrInvitation *invitation);
guint           pr_invitation_get_member_index (const PrInvitation *invitation);
const char     *pr_invitation_get_member_id  (const PrInvitation *invitation);
/* The member's Ed25519 public key (what round.json keeps). */
const guint8   *pr_invitation_get_public_key (const PrInvitation *invitation);  /* PR_SIGN_PUBLIC_LEN */
/* The Ed25519 secret key (PR_SIGN_SECRET_LEN) in secret memory. */
const PrSecret *pr_invitation_get_signing_key (const PrInvitation *invitation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrInvitation, pr_invitation_free)

G_END_DECLS
