/* pr-keyfile.h — the organizer's secret key under a passphrase
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"

G_BEGIN_DECLS

/* File: {"format":"peer-rank-key","version":1,"algorithm":"argon2id13",
 *        "opslimit":n,"memlimit":n,"salt":b64(16),"nonce":b64(24),
 *        "ct":b64(32+16)}
 * Key = crypto_pwhash (Argon2id 1.3) of the passphrase with the stored
 * limits and salt; ct = XChaCha20-Poly1305 of the X25519 secret key with
 * associated data "peer-rank-key" ‖ 0x00 ‖ version byte. */

/* Limits refused on load before any hashing (DESIGN §4). */
#define PR_KEYFILE_OPSLIMIT_MAX  10
#define PR_KEYFILE_MEMLIMIT_MAX  (G_GUINT64_CONSTANT (1) << 30)

/* The default for real rounds: crypto_pwhash_OPSLIMIT_MODERATE and
 * crypto_pwhash_MEMLIMIT_MODERATE (~0.8 s, 256 MiB). Tests and the demo
 * pass crypto_pwhash_OPSLIMIT_MIN / crypto_pwhash_MEMLIMIT_MIN. */
void      pr_keyfile_default_limits (guint64        *opslimit,
                                     gsize          *memlimit);

/* Encrypts @secret_key (PR_KX_SECRET_LEN) under @passphrase. Returns the
 * file's canonical bytes with a newline; KEY_LIMITS if the limits are
 * outside what pr_keyfile_read() accepts, KEY_DERIVATION if Argon2 fails
 * (out of memory). */
GBytes   *pr_keyfile_write    (const PrSecret *secret_key,
                               const char     *passphrase,
                               gsize           passphrase_len,
                               guint64         opslimit,
                               gsize           memlimit,
                               GError        **error);

/* Strict parse, limits checked before hashing (KEY_LIMITS), decryption
 * (KEY_WRONG_PASSPHRASE: "wrong passphrase or damaged key file"), then the
 * key must belong to @public_key (KEY_MISMATCH). Returns the secret key. */
PrSecret *pr_keyfile_read     (const guint8   *data,
                               gsize           len,
                               const char     *passphrase,
                               gsize           passphrase_len,
                               const guint8    public_key[PR_KX_PUBLIC_LEN],
                               GError        **error);

/* Only the structural checks and limits of pr_keyfile_read(), no hashing:
 * lets a caller reject a bad key file before asking for a passphrase. */
gboolean  pr_keyfile_check    (const guint8   *data,
                               gsize           len,
                               GError        **error);

G_END_DECLS
