/* pr-payload.h — the binary ballot inside the encryption
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"
#include "pr-manifest.h"

G_BEGIN_DECLS

/* Layout (little endian), unpadded:
 *   0  u8   version (1)
 *   1  u16  member index (roster position of the voter)
 *   3  u64  sequence (max(last + 1, unix time))
 *  11  16   random ballot nonce
 *  27  u16  k, number of ranked people
 *  29  k × u16 member indices, best first
 *  29+2k 64 Ed25519 signature
 * = 93 + 2k bytes. The signature covers
 *   BLAKE2b-512("peer-rank-ballot-signature-v1" ‖ 0x00 ‖ round id ‖
 *               round hash ‖ bytes 0 … 29+2k)
 * so it is domain separated and bound to one round. The payload is padded
 * with sodium_pad to the round's block size P = round_up(93 + 2(n−1) + 1,
 * 16) for n members, so every ballot of a round has the same size.
 * A decoded payload holds a ranking: keep it in secret memory. */
#define PR_PAYLOAD_VERSION      1
#define PR_PAYLOAD_NONCE_LEN    16
#define PR_PAYLOAD_HEADER_LEN   29
#define PR_PAYLOAD_FIXED_LEN    (PR_PAYLOAD_HEADER_LEN + PR_SIGNATURE_LEN)
#define PR_PAYLOAD_MAX_RANKED   (PR_MANIFEST_MAX_MEMBERS - 1)

typedef struct {
  guint16 member_index;
  guint64 sequence;
  guint8  nonce[PR_PAYLOAD_NONCE_LEN];
  guint16 n_ranked;
  guint16 ranking[PR_PAYLOAD_MAX_RANKED];
  guint8  signature[PR_SIGNATURE_LEN];
} PrPayload;

/* Largest unpadded payload for a roster of @n_members. */
gsize     pr_payload_max_size     (guint            n_members);
/* The round's block size P (> pr_payload_max_size). */
gsize     pr_payload_block_size   (guint            n_members);
/* Padded payload size P of the ballots of @manifest's round. */
gsize     pr_payload_round_block_size (const PrManifest *manifest);
/* 93 + 2k. */
gsize     pr_payload_encoded_size (const PrPayload *payload);

/* Writes the unpadded bytes (signature included) to @out, which has room
 * for @out_size bytes; returns the length, 0 if it does not fit. */
gsize     pr_payload_encode       (const PrPayload *payload,
                                   guint8          *out,
                                   gsize            out_size);
/* Strict decoding of unpadded bytes: version, lengths (never trusted) and
 * no trailing bytes; PR_BALLOT_ERROR payload codes. */
gboolean  pr_payload_decode       (const guint8    *data,
                                   gsize            len,
                                   PrPayload       *out,
                                   GError         **error);

/* sodium_pad @buf (room for @block_size bytes) holding @len bytes to
 * exactly @block_size; FALSE if @len >= @block_size. */
gboolean  pr_payload_pad          (guint8          *buf,
                                   gsize            len,
                                   gsize            block_size);
/* sodium_unpad of exactly @block_size bytes; PAYLOAD_PADDING on error. */
gboolean  pr_payload_unpad        (const guint8    *buf,
                                   gsize            block_size,
                                   gsize           *len,
                                   GError         **error);

/* Signs in place with an Ed25519 secret key (PR_SIGN_SECRET_LEN). */
void      pr_payload_sign         (PrPayload       *payload,
                                   const guint8     round_id[PR_ROUND_ID_LEN],
                                   const guint8     round_hash[PR_HASH_LEN],
                                   const PrSecret  *signing_key);
gboolean  pr_payload_verify       (const PrPayload *payload,
                                   const guint8     round_id[PR_ROUND_ID_LEN],
                                   const guint8     round_hash[PR_HASH_LEN],
                                   const guint8     public_key[PR_SIGN_PUBLIC_LEN]);

/* Ranking rules: every index < @n_members (RANKING_UNKNOWN), not the
 * voter (RANKING_SELF), no repeats (RANKING_DUPLICATE), at least
 * @min_ranked people (RANKING_TOO_SHORT). */
gboolean  pr_payload_check_ranking (guint           voter,
                                    const guint16  *ranking,
                                    gsize           n_ranked,
                                    guint           n_members,
                                    guint           min_ranked,
                                    GError        **error);

G_END_DECLS
