/* pr-crypto.c — secret buffers, hashes and fingerprints
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "pr-crypto.h"

struct _PrSecret {
  guint8 *data;
  gsize   size;
};

/* sodium_malloc places the buffer against a guard page, so its start is
 * only aligned when the size is a multiple of the alignment. */
#define SECRET_ALIGN 16

PrSecret *
pr_secret_new (gsize size)
{
  PrSecret *secret = g_new0 (PrSecret, 1);
  gsize alloc = MAX (SECRET_ALIGN, (size + SECRET_ALIGN - 1) / SECRET_ALIGN * SECRET_ALIGN);

  secret->data = sodium_malloc (alloc);
  if (secret->data == NULL)
    {
      /* Out of memory: callers ask for fixed key and block sizes, checked
       * before they get here. Stop as g_malloc() does, since a secret that
       * is not there can be neither used nor wiped. */
      g_printerr ("Could not allocate %" G_GSIZE_FORMAT " bytes of secret memory\n", alloc);
      g_abort ();
    }
  sodium_memzero (secret->data, alloc);
  secret->size = size;
  return secret;
}

PrSecret *
pr_secret_new_from_data (const guint8 *data,
                         gsize         size)
{
  PrSecret *secret = pr_secret_new (size);

  memcpy (secret->data, data, size);
  return secret;
}

void
pr_secret_free (PrSecret *secret)
{
  if (secret == NULL)
    return;

  /* sodium_free wipes the buffer before unmapping it. */
  sodium_free (secret->data);
  g_free (secret);
}

guint8 *
pr_secret_get_data (const PrSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return secret->data;
}

gsize
pr_secret_get_size (const PrSecret *secret)
{
  g_return_val_if_fail (secret != NULL, 0);

  return secret->size;
}

void
pr_secret_wipe (PrSecret *secret)
{
  g_return_if_fail (secret != NULL);

  sodium_memzero (secret->data, secret->size);
}

static GPrivate thread_buffer = G_PRIVATE_INIT ((GDestroyNotify) pr_secret_free);

PrSecret *
pr_secret_get_thread_buffer (gsize min_size)
{
  PrSecret *secret = g_private_get (&thread_buffer);

  if (secret == NULL || secret->size < min_size)
    {
      /* Grow to a round size so a few different rounds do not make a
       * buffer per call. g_private_replace frees the old one. */
      secret = pr_secret_new (MAX (min_size, 4096));
      g_private_replace (&thread_buffer, secret);
    }
  return secret;
}

void
pr_crypto_random (guint8 *out,
                  gsize   len)
{
  randombytes_buf (out, len);
}

void
pr_crypto_hash (const guint8 *data,
                gsize         len,
                guint8        out[PR_HASH_LEN])
{
  crypto_generichash (out, PR_HASH_LEN, data, len, NULL, 0);
}

PrSecret *
pr_crypto_kx_keypair (guint8 public_key[PR_KX_PUBLIC_LEN])
{
  PrSecret *secret = pr_secret_new (crypto_kx_SECRETKEYBYTES);

  crypto_kx_keypair (public_key, secret->data);
  return secret;
}

gboolean
pr_crypto_kx_key_matches (const PrSecret *secret_key,
                          const guint8    public_key[PR_KX_PUBLIC_LEN])
{
  guint8 derived[crypto_scalarmult_BYTES];
  gboolean matches;

  g_return_val_if_fail (secret_key != NULL, FALSE);
  g_return_val_if_fail (secret_key->size == PR_KX_SECRET_LEN, FALSE);

  if (crypto_scalarmult_base (derived, secret_key->data) != 0)
    return FALSE;
  matches = sodium_memcmp (derived, public_key, sizeof derived) == 0;
  sodium_memzero (derived, sizeof derived);
  return matches;
}

/* Crockford's base32 alphabet: no I, L, O or U, so a fingerprint read
 * aloud or typed back has no look-alike letters. */
static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

char *
pr_crypto_fingerprint_short (const guint8 hash[PR_HASH_LEN])
{
  GString *out = g_string_sized_new (20);
  guint bits = 0;
  guint value = 0;
  guint n_chars = 0;

  for (guint i = 0; i < PR_FINGERPRINT_SHORT_BYTES; i++)
    {
      value = (value << 8) | hash[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          if (n_chars > 0 && n_chars % 4 == 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, crockford[(value >> bits) & 0x1f]);
          n_chars++;
        }
    }

  return g_string_free (out, FALSE);
}

char *
pr_crypto_fingerprint_hex (const guint8 hash[PR_HASH_LEN])
{
  char *hex = g_malloc (PR_HASH_LEN * 2 + 1);

  sodium_bin2hex (hex, PR_HASH_LEN * 2 + 1, hash, PR_HASH_LEN);
  return hex;
}

gboolean
pr_crypto_fingerprint_from_hex (const char *text,
                                guint8      out[PR_HASH_LEN])
{
  gsize bin_len = 0;
  const char *end = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != PR_HASH_LEN * 2)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return sodium_hex2bin (out, PR_HASH_LEN, text, PR_HASH_LEN * 2, NULL, &bin_len, &end) == 0 &&
         bin_len == PR_HASH_LEN;
}
