/* test-crypto.c — secret buffers, hashes and fingerprints
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-core.h"
#include "pr-crypto.h"

static void
test_secret_basics (void)
{
  g_autoptr(PrSecret) secret = pr_secret_new (37);
  g_autoptr(PrSecret) copy = NULL;
  guint8 *data = pr_secret_get_data (secret);

  g_assert_cmpuint (pr_secret_get_size (secret), ==, 37);
  g_assert_cmpuint (GPOINTER_TO_SIZE (data) % 16, ==, 0);
  for (guint i = 0; i < 37; i++)
    g_assert_cmpuint (data[i], ==, 0);
  memset (data, 0xaa, 37);
  copy = pr_secret_new_from_data (data, 37);
  g_assert_cmpmem (pr_secret_get_data (copy), 37, data, 37);
  pr_secret_wipe (secret);
  for (guint i = 0; i < 37; i++)
    g_assert_cmpuint (data[i], ==, 0);
}

static gpointer
thread_buffer_worker (gpointer user_data)
{
  PrSecret *a = pr_secret_get_thread_buffer (100);
  PrSecret *b = pr_secret_get_thread_buffer (50);
  PrSecret *c;

  /* Reused while big enough, grown when not. */
  g_assert_true (a == b);
  g_assert_cmpuint (pr_secret_get_size (a), >=, 100);
  c = pr_secret_get_thread_buffer (100000);
  g_assert_cmpuint (pr_secret_get_size (c), >=, 100000);
  /* Each thread has its own buffer. */
  g_assert_true (c != user_data && a != user_data);
  return NULL;
}

static void
test_secret_thread_buffer (void)
{
  PrSecret *mine = pr_secret_get_thread_buffer (10);
  GThread *t1 = g_thread_new ("one", thread_buffer_worker, mine);
  GThread *t2 = g_thread_new ("two", thread_buffer_worker, mine);

  g_thread_join (t1);
  g_thread_join (t2);
  g_assert_true (pr_secret_get_thread_buffer (10) == mine);
}

static void
test_hash_vector (void)
{
  /* BLAKE2b-256 of the empty string and of "abc" (RFC 7693 parameters,
   * 32-byte output). */
  guint8 out[PR_HASH_LEN];
  g_autofree char *hex = NULL;

  pr_crypto_hash ((const guint8 *) "", 0, out);
  hex = pr_crypto_fingerprint_hex (out);
  g_assert_cmpstr (hex, ==, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  g_clear_pointer (&hex, g_free);
  pr_crypto_hash ((const guint8 *) "abc", 3, out);
  hex = pr_crypto_fingerprint_hex (out);
  g_assert_cmpstr (hex, ==, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

static void
test_fingerprint_short (void)
{
  guint8 hash[PR_HASH_LEN];
  g_autofree char *zeros = NULL;
  g_autofree char *ones = NULL;
  g_autofree char *mixed = NULL;

  memset (hash, 0, sizeof hash);
  zeros = pr_crypto_fingerprint_short (hash);
  g_assert_cmpstr (zeros, ==, "0000-0000-0000-0000");
  memset (hash, 0xff, sizeof hash);
  ones = pr_crypto_fingerprint_short (hash);
  g_assert_cmpstr (ones, ==, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");

  /* 0x08 0x86 0x42 … : 00001 00010 00011 00100 … = 1 2 3 4 … */
  memset (hash, 0, sizeof hash);
  hash[0] = 0x08;
  hash[1] = 0x86;
  hash[2] = 0x42;
  hash[3] = 0x98;
  hash[4] = 0xe8;
  mixed = pr_crypto_fingerprint_short (hash);
  g_assert_cmpstr (mixed, ==, "1234-5678-0000-0000");
  for (const char *p = mixed; *p != '\0'; p++)
    g_assert_null (strchr ("ILOU", *p));
}

static void
test_fingerprint_hex (void)
{
  guint8 hash[PR_HASH_LEN], back[PR_HASH_LEN];
  g_autofree char *hex = NULL;
  g_autofree char *upper = NULL;

  pr_crypto_random (hash, sizeof hash);
  hex = pr_crypto_fingerprint_hex (hash);
  g_assert_cmpuint (strlen (hex), ==, 64);
  g_assert_true (pr_crypto_fingerprint_from_hex (hex, back));
  g_assert_cmpmem (hash, sizeof hash, back, sizeof back);

  upper = g_ascii_strup (hex, -1);
  g_assert_true (g_str_equal (hex, upper) || !pr_crypto_fingerprint_from_hex (upper, back));
  g_assert_false (pr_crypto_fingerprint_from_hex ("abc", back));
  g_assert_false (pr_crypto_fingerprint_from_hex ("zz5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8", back));
}

static void
test_kx_key_matches (void)
{
  guint8 pk[PR_KX_PUBLIC_LEN], other_pk[PR_KX_PUBLIC_LEN];
  g_autoptr(PrSecret) sk = pr_crypto_kx_keypair (pk);
  g_autoptr(PrSecret) other = pr_crypto_kx_keypair (other_pk);

  g_assert_true (pr_crypto_kx_key_matches (sk, pk));
  g_assert_true (pr_crypto_kx_key_matches (other, other_pk));
  g_assert_false (pr_crypto_kx_key_matches (sk, other_pk));
  g_assert_false (pr_crypto_kx_key_matches (other, pk));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/crypto/secret/basics", test_secret_basics);
  g_test_add_func ("/peer-rank/crypto/secret/thread-buffer", test_secret_thread_buffer);
  g_test_add_func ("/peer-rank/crypto/hash/vector", test_hash_vector);
  g_test_add_func ("/peer-rank/crypto/fingerprint/short", test_fingerprint_short);
  g_test_add_func ("/peer-rank/crypto/fingerprint/hex", test_fingerprint_hex);
  g_test_add_func ("/peer-rank/crypto/kx-key-matches", test_kx_key_matches);

  return g_test_run ();
}
