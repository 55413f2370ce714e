/* pr-crypto.h — secret buffers, hashes and fingerprints
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_ROUND_ID_LEN       16  /* random round id */
#define PR_HASH_LEN           32  /* BLAKE2b-256: round hash, fingerprints, digests */
#define PR_KX_PUBLIC_LEN      32  /* X25519 (crypto_kx) public key */
#define PR_KX_SECRET_LEN      32
#define PR_SIGN_PUBLIC_LEN    32  /* Ed25519 public key */
#define PR_SIGN_SEED_LEN      32  /* Ed25519 seed kept in an invitation */
#define PR_SIGN_SECRET_LEN    64  /* Ed25519 secret key (seed ‖ public key) */
#define PR_SIGNATURE_LEN      64
#define PR_AEAD_NONCE_LEN     24  /* XChaCha20-Poly1305 */
#define PR_AEAD_TAG_LEN       16
#define PR_AEAD_KEY_LEN       32

/* Bytes of the hash shown as a fingerprint: 10 bytes = 80 bits = 16
 * Crockford base32 characters in four groups, e.g. "7K3M-9QXA-B2C4-D5E6". */
#define PR_FINGERPRINT_SHORT_BYTES 10

/* A secret in sodium_malloc memory (guard pages, mlock'ed, wiped and
 * freed by sodium_free). g_autoptr(PrSecret) frees it on every path. The
 * data is 16-byte aligned; allocating is slow (several system calls), so
 * workers reuse one buffer each (pr_secret_get_thread_buffer). */
typedef struct _PrSecret PrSecret;

/* Aborts like g_malloc when the memory cannot be allocated (libsodium
 * locks it when the limits allow and goes on otherwise). The buffer
 * starts zeroed. */
PrSecret     *pr_secret_new            (gsize           size);
PrSecret     *pr_secret_new_from_data  (const guint8   *data,
                                        gsize           size);
void          pr_secret_free           (PrSecret       *secret);
guint8       *pr_secret_get_data       (const PrSecret *secret);
gsize         pr_secret_get_size       (const PrSecret *secret);
/* sodium_memzero of the whole buffer. */
void          pr_secret_wipe           (PrSecret       *secret);
/* The calling thread's scratch buffer, at least @min_size bytes, grown
 * when needed; owned by the thread (freed when it exits). Do not free it,
 * do not keep it across calls into code that may also use it. */
PrSecret     *pr_secret_get_thread_buffer (gsize        min_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrSecret, pr_secret_free)

/* Random bytes (randombytes_buf). */
void          pr_crypto_random         (guint8         *out,
                                        gsize           len);

/* BLAKE2b-256 (crypto_generichash, no key). */
void          pr_crypto_hash           (const guint8   *data,
                                        gsize           len,
                                        guint8          out[PR_HASH_LEN]);

/* A fresh crypto_kx (X25519) keypair; the secret key is returned as a
 * PR_KX_SECRET_LEN secret. */
PrSecret     *pr_crypto_kx_keypair     (guint8          public_key[PR_KX_PUBLIC_LEN]);

/* TRUE when @secret_key (PR_KX_SECRET_LEN) belongs to @public_key. */
gboolean      pr_crypto_kx_key_matches (const PrSecret *secret_key,
                                        const guint8    public_key[PR_KX_PUBLIC_LEN]);

/* "7K3M-9QXA-B2C4-D5E6": the first PR_FINGERPRINT_SHORT_BYTES of @hash in
 * Crockford base32 (0-9, A-Z without I L O U), groups of 4 joined by '-'.
 * Used for the round fingerprint and a ballot's short fingerprint. */
char         *pr_crypto_fingerprint_short (const guint8 hash[PR_HASH_LEN]);

/* 64 lowercase hex digits: ballot file names and receipts. */
char         *pr_crypto_fingerprint_hex   (const guint8 hash[PR_HASH_LEN]);

/* Parses the hex form back; FALSE unless exactly 64 hex digits. */
gboolean      pr_crypto_fingerprint_from_hex (const char *text,
                                              guint8      out[PR_HASH_LEN]);

G_END_DECLS
