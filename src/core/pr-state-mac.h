/* pr-state-mac.h — the keyed MACs that bind a round folder's state to its key
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"

G_BEGIN_DECLS

/* What decides which ballots count — the voters' keys and revocations in
 * round.json and every journal line — carries a MAC under the state key,
 * which only the organizer's secret key gives (DESIGN §4): write access
 * to the round folder without the passphrase can damage the state, never
 * change it unnoticed. */
#define PR_STATE_KEY_LEN 32
#define PR_STATE_MAC_LEN 32

/* Domains: a MAC made for one purpose never verifies for another. */
#define PR_STATE_DOMAIN_VOTER    "peer-rank voter v2"
#define PR_STATE_DOMAIN_JOURNAL  "peer-rank journal v2"
#define PR_STATE_DOMAIN_ANCHOR   "peer-rank anchor v1"

/* The state key: crypto_kdf_derive_from_key() from the round's X25519
 * secret key (PR_KX_SECRET_LEN bytes), context "PRstate1", subkey 1. */
PrSecret *pr_state_key_derive (const PrSecret *organizer_secret);

/* Keyed BLAKE2b-256 under @key of @domain (with its NUL), @round_hash,
 * @chain (PR_STATE_MAC_LEN bytes, nullable: none) and @data. */
void      pr_state_mac        (const PrSecret *key,
                               const char     *domain,
                               const guint8    round_hash[PR_HASH_LEN],
                               const guint8   *chain,
                               const guint8   *data,
                               gsize           len,
                               guint8          out[PR_STATE_MAC_LEN]);

/* Whether @mac is pr_state_mac() of the same input (constant time). */
gboolean  pr_state_mac_verify (const PrSecret *key,
                               const char     *domain,
                               const guint8    round_hash[PR_HASH_LEN],
                               const guint8   *chain,
                               const guint8   *data,
                               gsize           len,
                               const guint8    mac[PR_STATE_MAC_LEN]);

G_END_DECLS
