/* pr-ballot.h — sealing and opening ballots
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-ballot-error.h"
#include "pr-crypto.h"
#include "pr-envelope.h"
#include "pr-invitation.h"
#include "pr-manifest.h"
#include "pr-payload.h"

G_BEGIN_DECLS

/* Construction (DESIGN §4): the associate is the crypto_kx client with a
 * fresh keypair (epk) and encrypts the padded payload with its tx key;
 * XChaCha20-Poly1305, random 24-byte nonce, associated data =
 * "peer-rank-ballot" ‖ 0x00 ‖ version byte ‖ round id ‖ round hash ‖ epk.
 * The organizer is the server and decrypts with its rx key, taking round
 * id and hash from its own manifest. */

/* max(@last + 1, unix time now). */
guint64         pr_ballot_next_sequence (guint64 last);

/* Seals a ranking (member indices, best first) for the invitation's
 * member. Checks the ranking rules first (PR_BALLOT_ERROR ranking codes).
 * @fingerprint (nullable) receives the ballot fingerprint. Returns the
 * file bytes (one line and a newline). */
GBytes         *pr_ballot_seal          (const PrInvitation *invitation,
                                         const guint16      *ranking,
                                         gsize               n_ranked,
                                         guint64             sequence,
                                         guint8             *fingerprint,
                                         GError            **error);

/* Low level, for tests, the testkit and fuzzing: signs nothing and checks
 * nothing. Encrypts @plain (any length, normally P padded bytes) to the
 * manifest's organizer key exactly as pr_ballot_seal() does. */
GBytes         *pr_ballot_seal_raw      (const PrManifest   *manifest,
                                         const guint8       *plain,
                                         gsize               plain_len);
/* Low level: encodes, pads and encrypts @payload as it is (sign it first
 * with pr_payload_sign, or not). NULL if it does not fit the block. */
GBytes         *pr_ballot_seal_payload  (const PrManifest   *manifest,
                                         const PrPayload    *payload);

/* Ballot fingerprint: BLAKE2b-256 of the envelope's canonical bytes
 * (@data without one trailing newline). Show it with
 * pr_crypto_fingerprint_short(); name files with the hex form. */
void            pr_ballot_fingerprint   (const guint8       *data,
                                         gsize               len,
                                         guint8              out[PR_HASH_LEN]);

/* The organizer's side: manifest, secret key, and per member the current
 * signing key and revoked keys. Set up once, then read-only: pass it to
 * any number of worker threads (reference counted, atomically). */
typedef struct _PrBallotOpener PrBallotOpener;

/* Copies @secret_key (PR_KX_SECRET_LEN) into its own secret memory;
 * PR_BALLOT_ERROR_KEY_MISMATCH unless it matches the manifest's key. */
PrBallotOpener *pr_ballot_opener_new    (PrManifest         *manifest,
                                         const PrSecret     *secret_key,
                                         GError            **error);
PrBallotOpener *pr_ballot_opener_ref    (PrBallotOpener     *opener);
/* A new opener with @opener's key, member keys and revoked keys: one
 * another thread may use while @opener changes. */
PrBallotOpener *pr_ballot_opener_copy   (PrBallotOpener     *opener);
void            pr_ballot_opener_unref  (PrBallotOpener     *opener);
PrManifest     *pr_ballot_opener_get_manifest (PrBallotOpener *opener);
/* The member's current Ed25519 public key (from round.json). A member
 * without one is not eligible (ELIGIBILITY_UNKNOWN_MEMBER). */
void            pr_ballot_opener_set_member_key (PrBallotOpener *opener,
                                                 guint           index,
                                                 const guint8    public_key[PR_SIGN_PUBLIC_LEN]);
/* A key replaced by a re-issued invitation: ballots it signed are
 * ELIGIBILITY_REVOKED. */
void            pr_ballot_opener_add_revoked_key (PrBallotOpener *opener,
                                                  guint           index,
                                                  const guint8    public_key[PR_SIGN_PUBLIC_LEN]);
/* Forgets member @index's revoked keys (to set them again from a round
 * read anew). */
void            pr_ballot_opener_clear_revoked_keys (PrBallotOpener *opener,
                                                     guint           index);
/* Size of the secret workspace pr_ballot_open() needs. */
gsize           pr_ballot_opener_get_workspace_size (PrBallotOpener *opener);

typedef struct {
  guint           member_index;
  guint64         sequence;
  /* BLAKE2b-256 of the unpadded payload: equal digests = same ballot
   * (duplicate); same member and sequence, other digest = conflict. */
  guint8          payload_digest[PR_HASH_LEN];
  guint8          fingerprint[PR_HASH_LEN];
  /* The member key the signature was verified with: the store refuses
   * the ballot unless it is still the member's current key, so an
   * opener made before a re-issue cannot count a revoked key. */
  guint8          signer_key[PR_SIGN_PUBLIC_LEN];
  /* Points into the workspace (secret memory): valid until the workspace
   * is wiped or used again. */
  gsize           n_ranked;
  const guint16  *ranking;
} PrBallotInfo;

/* Opens a ballot file's bytes: envelope → route → crypto → payload →
 * eligibility → ranking, each failure a PR_BALLOT_ERROR of that class.
 * Thread-safe for a shared @opener. @workspace is the caller's reusable
 * secret buffer of at least pr_ballot_opener_get_workspace_size() bytes
 * (NULL: the calling thread's buffer); nothing is allocated in secret
 * memory per ballot. Keys and plaintext are wiped on every path; on
 * success only the decoded payload (ranking) is left in @workspace — wipe
 * it (pr_secret_wipe) when done with @info->ranking. On failure the
 * workspace is wiped and @info->member_index is G_MAXUINT unless the
 * signature or a revoked key proved who the voter is (ELIGIBILITY_REVOKED,
 * ranking errors). */
gboolean        pr_ballot_open          (PrBallotOpener     *opener,
                                         const guint8       *data,
                                         gsize               len,
                                         PrSecret           *workspace,
                                         PrBallotInfo       *info,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrBallotOpener, pr_ballot_opener_unref)

G_END_DECLS
