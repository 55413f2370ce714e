/* pr-demo.h — a seeded demo round with invitations and realistic ballots
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_DEMO_PASSPHRASE "demo"
#define PR_DEMO_MAX_MEMBERS 1000
#define PR_DEMO_MAX_BALLOTS 1000000

/* Writes @dir/round (a round folder), @dir/invitations (one per member)
 * and @dir/ballots (@n_ballots files "ballot-<round8>-<rand>.json" with
 * distinct names). @dir must not exist or be empty.
 *
 * The model, driven by a GRand seeded with @seed: each member has a true
 * contribution; a ballot ranks the 2–9 teammates its author knows (a
 * random subset; fewer in small teams), ordered by contribution plus
 * Gumbel noise (a Plackett–Luce draw). The first min (N, M) ballots come
 * from distinct members; the rest are revisions by random members, with
 * higher sequence numbers. The key file uses the minimal Argon2id limits:
 * a demo round is not meant to keep secrets. @passphrase NULL means
 * PR_DEMO_PASSPHRASE. Ciphertexts are random; names, rankings and the
 * order of sequences depend only on @seed (sequences count from a base a
 * week before now, so no demo ballot is flagged). */
gboolean pr_demo_generate (const char  *dir,
                           guint        n_members,
                           guint        n_ballots,
                           guint32      seed,
                           const char  *passphrase,
                           GError     **error);

G_END_DECLS
