/* test-keyfile.c — the organizer's key file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "ballot-fixture.h"
#include "pr-ballot-error.h"
#include "pr-keyfile.h"

#define PASS "correct horse battery staple"

typedef struct {
  guint8    public_key[PR_KX_PUBLIC_LEN];
  PrSecret *secret_key;
  GBytes   *file;
} KeyFixture;

static void
key_fixture_init (KeyFixture *k)
{
  g_autoptr(GError) error = NULL;

  k->secret_key = pr_crypto_kx_keypair (k->public_key);
  k->file = pr_keyfile_write (k->secret_key, PASS, strlen (PASS), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (k->file);
}

static void
key_fixture_clear (KeyFixture *k)
{
  pr_secret_free (k->secret_key);
  g_bytes_unref (k->file);
}

static PrSecret *
read_key (GBytes        *file,
          const char    *passphrase,
          const guint8  *public_key,
          GError       **error)
{
  return pr_keyfile_read (g_bytes_get_data (file, NULL), g_bytes_get_size (file), passphrase,
                          strlen (passphrase), public_key, error);
}

static void
test_round_trip (void)
{
  KeyFixture k;
  g_autoptr(PrSecret) back = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data;
  g_autofree char *expected = g_strdup_printf ("{\"format\":\"peer-rank-key\",\"version\":1,"
                                               "\"algorithm\":\"argon2id13\",\"opslimit\":%d,"
                                               "\"memlimit\":%d,\"salt\":\"",
                                               crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);

  key_fixture_init (&k);
  data = g_bytes_get_data (k.file, &len);
  g_assert_true (g_str_has_prefix (data, expected));
  g_assert_cmpint (data[len - 1], ==, '\n');
  g_assert_true (pr_keyfile_check ((const guint8 *) data, len, &error));
  g_assert_no_error (error);
  back = read_key (k.file, PASS, k.public_key, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (pr_secret_get_data (back), PR_KX_SECRET_LEN,
                   pr_secret_get_data (k.secret_key), PR_KX_SECRET_LEN);
  key_fixture_clear (&k);
}

/* INPUTS.md 33. */
static void
test_wrong_passphrase (void)
{
  KeyFixture k;
  g_autoptr(PrSecret) back = NULL;
  g_autoptr(GError) error = NULL;

  key_fixture_init (&k);
  back = read_key (k.file, "correct horse battery stapler", k.public_key, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==, "Wrong passphrase or damaged key file.");
  g_assert_null (back);
  g_clear_error (&error);
  back = read_key (k.file, "", k.public_key, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE);
  key_fixture_clear (&k);
}

static void
test_other_round (void)
{
  KeyFixture k;
  guint8 other_pk[PR_KX_PUBLIC_LEN];
  g_autoptr(PrSecret) other = pr_crypto_kx_keypair (other_pk);
  g_autoptr(PrSecret) back = NULL;
  g_autoptr(GError) error = NULL;

  key_fixture_init (&k);
  g_assert_true (pr_crypto_kx_key_matches (other, other_pk));
  back = read_key (k.file, PASS, other_pk, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_KEY_MISMATCH);
  g_assert_null (back);
  key_fixture_clear (&k);
}

/* Edits of a valid key file; each must fail before or at decryption. */
typedef struct {
  const char *name;
  const char *member;  /* value of this member is replaced */
  const char *value;   /* raw JSON */
  int         code;
} EditCase;

static const EditCase edits[] = {
  /* INPUTS.md 32: refused before hashing, so these return at once. */
  { "opslimit-11", "opslimit", "11", PR_BALLOT_ERROR_KEY_LIMITS },
  { "opslimit-huge", "opslimit", "9223372036854775807", PR_BALLOT_ERROR_KEY_LIMITS },
  { "opslimit-zero", "opslimit", "0", PR_BALLOT_ERROR_KEY_LIMITS },
  { "opslimit-negative", "opslimit", "-1", PR_BALLOT_ERROR_KEY_LIMITS },
  { "memlimit-2gib", "memlimit", "2147483648", PR_BALLOT_ERROR_KEY_LIMITS },
  { "memlimit-huge", "memlimit", "9223372036854775807", PR_BALLOT_ERROR_KEY_LIMITS },
  { "memlimit-tiny", "memlimit", "1024", PR_BALLOT_ERROR_KEY_LIMITS },
  { "opslimit-string", "opslimit", "\"2\"", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE },
  { "opslimit-float", "opslimit", "2.0", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE },
  { "algorithm", "algorithm", "\"argon2i13\"", PR_BALLOT_ERROR_KEY_ALGORITHM },
  { "salt-short", "salt", "\"AAAA\"", PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH },
  { "nonce-bad", "nonce", "\"!!!!\"", PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "ct-short", "ct", "\"AAAA\"", PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH },
  { "format", "format", "\"peer-rank-ballot\"", PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND },
  { "version", "version", "2", PR_BALLOT_ERROR_ENVELOPE_NEWER_VERSION },
};

static GBytes *
replace_member (GBytes     *file,
                const char *member,
                const char *value)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (file, &len);
  g_autofree char *text = g_strndup (data, len);
  g_autofree char *key = g_strdup_printf ("\"%s\":", member);
  const char *start = strstr (text, key);
  const char *end;
  GString *out = g_string_new (NULL);

  g_assert_nonnull (start);
  start += strlen (key);
  end = start;
  if (*end == '"')
    end = strchr (end + 1, '"') + 1;
  else
    while (*end != ',' && *end != '}')
      end++;
  g_string_append_len (out, text, start - text);
  g_string_append (out, value);
  g_string_append (out, end);
  return g_string_free_to_bytes (out);
}

static void
test_edit (gconstpointer data)
{
  const EditCase *c = data;
  KeyFixture k;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(PrSecret) back = NULL;
  g_autoptr(GError) error = NULL;

  key_fixture_init (&k);
  edited = replace_member (k.file, c->member, c->value);
  g_assert_false (pr_keyfile_check (g_bytes_get_data (edited, NULL), g_bytes_get_size (edited), &error));
  g_assert_error (error, PR_BALLOT_ERROR, c->code);
  g_clear_error (&error);
  back = read_key (edited, PASS, k.public_key, &error);
  g_assert_error (error, PR_BALLOT_ERROR, c->code);
  g_assert_null (back);
  key_fixture_clear (&k);
}

/* A flipped bit in salt, nonce or ct gives the passphrase message. */
static void
test_damaged (void)
{
  KeyFixture k;
  const char *members[] = { "salt", "nonce", "ct" };

  key_fixture_init (&k);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *value = bytes_member_value (k.file, members[i]);
      g_autofree char *changed = g_strdup (value);
      g_autofree char *quoted = NULL;
      g_autoptr(GBytes) edited = NULL;
      g_autoptr(PrSecret) back = NULL;
      g_autoptr(GError) error = NULL;

      /* 'A' ↔ 'B' changes one bit of the first byte and keeps base64 canonical. */
      changed[0] = changed[0] == 'A' ? 'B' : 'A';
      quoted = g_strdup_printf ("\"%s\"", changed);
      edited = replace_member (k.file, members[i], quoted);
      back = read_key (edited, PASS, k.public_key, &error);
      g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE);
      g_assert_null (back);
    }
  key_fixture_clear (&k);
}

static void
test_not_canonical (void)
{
  KeyFixture k;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(PrSecret) back = NULL;
  g_autoptr(GError) error = NULL;

  key_fixture_init (&k);
  edited = bytes_replace (k.file, "\"algorithm\":", "\"algorithm\" :");
  back = read_key (edited, PASS, k.public_key, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL);
  key_fixture_clear (&k);
}

static void
test_write_limits (void)
{
  guint8 pk[PR_KX_PUBLIC_LEN];
  g_autoptr(PrSecret) sk = pr_crypto_kx_keypair (pk);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  guint64 ops;
  gsize mem;

  file = pr_keyfile_write (sk, PASS, strlen (PASS), 11, crypto_pwhash_MEMLIMIT_MIN, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_KEY_LIMITS);
  g_assert_null (file);

  pr_keyfile_default_limits (&ops, &mem);
  g_assert_cmpuint (ops, ==, crypto_pwhash_OPSLIMIT_MODERATE);
  g_assert_cmpuint (mem, ==, crypto_pwhash_MEMLIMIT_MODERATE);
  g_assert_cmpuint (ops, <=, PR_KEYFILE_OPSLIMIT_MAX);
  g_assert_cmpuint (mem, <=, PR_KEYFILE_MEMLIMIT_MAX);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/keyfile/round-trip", test_round_trip);
  g_test_add_func ("/peer-rank/keyfile/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/peer-rank/keyfile/other-round", test_other_round);
  g_test_add_func ("/peer-rank/keyfile/damaged", test_damaged);
  g_test_add_func ("/peer-rank/keyfile/not-canonical", test_not_canonical);
  g_test_add_func ("/peer-rank/keyfile/write-limits", test_write_limits);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/keyfile/edit/%s", edits[i].name);
      g_test_add_data_func (path, &edits[i], test_edit);
    }

  return g_test_run ();
}
