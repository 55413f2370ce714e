/* pr-seal.h — sealing an associate's ballot as the app and CLI do
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"
#include "pr-invitation.h"
#include "pr-manifest.h"

G_BEGIN_DECLS

/* The name the sequence counter knows an invitation by: the hex of its
 * public signing key, as `peer-rank-cli ballot create` uses. */
char   *pr_seal_invitation_id  (const PrInvitation *invitation);

/* Reserves the invitation's next sequence number in @sequence_dir (NULL:
 * the default folder, shared with the CLI) and seals @ranking (member
 * indices, best first) with it. @sequence_out and @fingerprint
 * (PR_HASH_LEN) are nullable. Returns the ballot file's bytes. */
GBytes *pr_seal_ranking        (const PrInvitation *invitation,
                                const guint16      *ranking,
                                gsize               n_ranked,
                                const char         *sequence_dir,
                                guint64            *sequence_out,
                                guint8             *fingerprint,
                                GError            **error);

/* "ballot-<first 8 hex digits of the round id>-<4 random hex digits>.json":
 * never the voter's name, and different each time so two exports do not
 * collide by accident. */
char   *pr_seal_default_name   (const PrManifest   *manifest);

G_END_DECLS
