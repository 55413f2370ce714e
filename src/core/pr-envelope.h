/* pr-envelope.h — the outer JSON of a sealed ballot file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"

G_BEGIN_DECLS

/* One line of canonical JSON and a newline:
 * {"format":"peer-rank-ballot","version":1,"round":b64(16),
 *  "epk":b64(32),"nonce":b64(24),"ct":b64(P+16)}
 * Nothing else: no name, no ranking, no time in the clear. */

/* Upper bound of ct for any round (largest block size + tag). */
#define PR_ENVELOPE_MAX_CT  4096

typedef struct {
  guint8  round_id[PR_ROUND_ID_LEN];
  guint8  epk[PR_KX_PUBLIC_LEN];
  guint8  nonce[PR_AEAD_NONCE_LEN];
  guint8 *ct;
  gsize   ct_len;
} PrEnvelope;

/* Strict parse (size cap PR_ENVELOPE_MAX_SIZE; PR_BALLOT_ERROR envelope
 * and fs codes). Lengths of round, epk and nonce are checked here, before
 * any crypto. @canonical_len (nullable) receives the length of the
 * canonical bytes (@len without a trailing newline): what the ballot
 * fingerprint hashes. */
PrEnvelope *pr_envelope_parse    (const guint8     *data,
                                  gsize             len,
                                  gsize            *canonical_len,
                                  GError          **error);
/* Canonical bytes with the trailing newline. */
GBytes     *pr_envelope_to_bytes (const PrEnvelope *envelope);
PrEnvelope *pr_envelope_new      (const guint8     *round_id,
                                  const guint8     *epk,
                                  const guint8     *nonce,
                                  const guint8     *ct,
                                  gsize             ct_len);
void        pr_envelope_free     (PrEnvelope       *envelope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrEnvelope, pr_envelope_free)

/* A ballot file as a mail gateway or an editor may have re-saved it: a
 * UTF-8 byte order mark before it and a CRLF (or CR) line ending after
 * it are dropped; anything else is left for the strict parser. The
 * signature and the fingerprint cover the content, not the transport.
 * Returns a new reference (the same bytes when nothing was dropped). */
GBytes     *pr_envelope_unwrap      (GBytes        *bytes);

G_END_DECLS
