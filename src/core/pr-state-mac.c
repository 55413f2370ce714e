/* pr-state-mac.c — the keyed MACs that bind a round folder's state to its key
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pr-state-mac.h"

G_STATIC_ASSERT (PR_STATE_KEY_LEN == crypto_kdf_KEYBYTES);
G_STATIC_ASSERT (PR_KX_SECRET_LEN == crypto_kdf_KEYBYTES);
G_STATIC_ASSERT (PR_STATE_MAC_LEN <= crypto_generichash_BYTES_MAX);

#define STATE_CONTEXT  "PRstate1"  /* crypto_kdf_CONTEXTBYTES characters */
#define STATE_SUBKEY   1

PrSecret *
pr_state_key_derive (const PrSecret *organizer_secret)
{
  g_autoptr(PrSecret) key = pr_secret_new (PR_STATE_KEY_LEN);

  g_return_val_if_fail (organizer_secret != NULL, NULL);
  g_return_val_if_fail (pr_secret_get_size (organizer_secret) >= PR_KX_SECRET_LEN, NULL);

  /* A subkey, not the secret key itself: the X25519 key is only ever
   * used for the key exchange, the state key only for these MACs. */
  if (crypto_kdf_derive_from_key (pr_secret_get_data (key), PR_STATE_KEY_LEN, STATE_SUBKEY,
                                  STATE_CONTEXT, pr_secret_get_data (organizer_secret)) != 0)
    g_error ("crypto_kdf_derive_from_key failed");
  return g_steal_pointer (&key);
}

void
pr_state_mac (const PrSecret *key,
              const char     *domain,
              const guint8    round_hash[PR_HASH_LEN],
              const guint8   *chain,
              const guint8   *data,
              gsize           len,
              guint8          out[PR_STATE_MAC_LEN])
{
  crypto_generichash_state state;

  g_return_if_fail (key != NULL && domain != NULL && round_hash != NULL);

  crypto_generichash_init (&state, pr_secret_get_data (key), PR_STATE_KEY_LEN,
                           PR_STATE_MAC_LEN);
  crypto_generichash_update (&state, (const guint8 *) domain, strlen (domain) + 1);
  crypto_generichash_update (&state, round_hash, PR_HASH_LEN);
  if (chain != NULL)
    crypto_generichash_update (&state, chain, PR_STATE_MAC_LEN);
  crypto_generichash_update (&state, data, len);
  crypto_generichash_final (&state, out, PR_STATE_MAC_LEN);
  /* The state holds the key. */
  sodium_memzero (&state, sizeof state);
}

gboolean
pr_state_mac_verify (const PrSecret *key,
                     const char     *domain,
                     const guint8    round_hash[PR_HASH_LEN],
                     const guint8   *chain,
                     const guint8   *data,
                     gsize           len,
                     const guint8    mac[PR_STATE_MAC_LEN])
{
  guint8 expected[PR_STATE_MAC_LEN];
  gboolean ok;

  pr_state_mac (key, domain, round_hash, chain, data, len, expected);
  ok = sodium_memcmp (expected, mac, PR_STATE_MAC_LEN) == 0;
  sodium_memzero (expected, sizeof expected);
  return ok;
}
