/* pr-keyfile.c — the organizer's secret key under a passphrase
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "pr-ballot-error.h"
#include "pr-format.h"
#include "pr-json.h"
#include "pr-keyfile.h"

#define ALGORITHM   "argon2id13"
#define SALT_LEN    crypto_pwhash_SALTBYTES
#define CT_LEN      (PR_KX_SECRET_LEN + PR_AEAD_TAG_LEN)
#define AD_LEN      (sizeof PR_FORMAT_KEY + 1)

G_STATIC_ASSERT (SALT_LEN == 16);

static const PrJsonMember keyfile_members[] = {
  { "format", PR_JSON_TYPE_STRING },
  { "version", PR_JSON_TYPE_INT },
  { "algorithm", PR_JSON_TYPE_STRING },
  { "opslimit", PR_JSON_TYPE_INT },
  { "memlimit", PR_JSON_TYPE_INT },
  { "salt", PR_JSON_TYPE_STRING },
  { "nonce", PR_JSON_TYPE_STRING },
  { "ct", PR_JSON_TYPE_STRING },
};

typedef struct {
  guint64 opslimit;
  guint64 memlimit;
  guint8  salt[SALT_LEN];
  guint8  nonce[PR_AEAD_NONCE_LEN];
  guint8  ct[CT_LEN];
} KeyFile;

void
pr_keyfile_default_limits (guint64 *opslimit,
                           gsize   *memlimit)
{
  if (opslimit != NULL)
    *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  if (memlimit != NULL)
    *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
}

static gboolean
limits_ok (guint64 opslimit,
           guint64 memlimit)
{
  return opslimit >= crypto_pwhash_argon2id_OPSLIMIT_MIN && opslimit <= PR_KEYFILE_OPSLIMIT_MAX &&
         memlimit >= crypto_pwhash_argon2id_MEMLIMIT_MIN && memlimit <= PR_KEYFILE_MEMLIMIT_MAX;
}

static void
build_ad (guint8 ad[AD_LEN])
{
  memcpy (ad, PR_FORMAT_KEY, sizeof PR_FORMAT_KEY);
  ad[sizeof PR_FORMAT_KEY] = PR_KEYFILE_VERSION;
}

/* Argon2id into a fresh secret; NULL (KEY_DERIVATION) when it fails,
 * which in practice means the memory limit could not be allocated. */
static PrSecret *
derive_key (const char     *passphrase,
            gsize           passphrase_len,
            const KeyFile  *file,
            GError        **error)
{
  g_autoptr(PrSecret) key = pr_secret_new (PR_AEAD_KEY_LEN);

  if (crypto_pwhash (pr_secret_get_data (key), PR_AEAD_KEY_LEN, passphrase, passphrase_len,
                     file->salt, file->opslimit, (size_t) file->memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_KEY_DERIVATION);
      return NULL;
    }
  return g_steal_pointer (&key);
}

static GBytes *
keyfile_to_bytes (const KeyFile *file)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  pr_json_writer_begin_object (writer);
  pr_json_writer_header (writer, PR_FORMAT_KEY, PR_KEYFILE_VERSION);
  pr_json_writer_member_string (writer, "algorithm", ALGORITHM);
  pr_json_writer_member_int (writer, "opslimit", (gint64) file->opslimit);
  pr_json_writer_member_int (writer, "memlimit", (gint64) file->memlimit);
  pr_json_writer_member_base64 (writer, "salt", file->salt, SALT_LEN);
  pr_json_writer_member_base64 (writer, "nonce", file->nonce, PR_AEAD_NONCE_LEN);
  pr_json_writer_member_base64 (writer, "ct", file->ct, CT_LEN);
  pr_json_writer_end_object (writer);
  return pr_json_writer_get_bytes (writer, TRUE);
}

GBytes *
pr_keyfile_write (const PrSecret  *secret_key,
                  const char      *passphrase,
                  gsize            passphrase_len,
                  guint64          opslimit,
                  gsize            memlimit,
                  GError         **error)
{
  KeyFile file = { opslimit, memlimit, { 0 }, { 0 }, { 0 } };
  g_autoptr(PrSecret) key = NULL;
  guint8 ad[AD_LEN];

  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (pr_secret_get_size (secret_key) == PR_KX_SECRET_LEN, NULL);
  g_return_val_if_fail (passphrase != NULL || passphrase_len == 0, NULL);

  if (!limits_ok (opslimit, memlimit))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_KEY_LIMITS);
      return NULL;
    }
  pr_crypto_random (file.salt, SALT_LEN);
  pr_crypto_random (file.nonce, PR_AEAD_NONCE_LEN);
  key = derive_key (passphrase, passphrase_len, &file, error);
  if (key == NULL)
    return NULL;

  build_ad (ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (file.ct, NULL, pr_secret_get_data (secret_key),
                                              PR_KX_SECRET_LEN, ad, sizeof ad, NULL, file.nonce,
                                              pr_secret_get_data (key));
  return keyfile_to_bytes (&file);
}

/* Everything but the hashing: structure, limits, canonical form. */
static gboolean
parse_keyfile (const guint8  *data,
               gsize          len,
               KeyFile       *file,
               GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) canonical = NULL;
  JsonObject *object;
  gint64 opslimit, memlimit;

  root = pr_json_parse (data, len, PR_KEYFILE_MAX_SIZE, error);
  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);
  if (!pr_json_check_header (object, PR_FORMAT_KEY, PR_KEYFILE_VERSION, error) ||
      !pr_json_check_members (object, keyfile_members, G_N_ELEMENTS (keyfile_members), error))
    return FALSE;
  if (!g_str_equal (json_object_get_string_member (object, "algorithm"), ALGORITHM))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_KEY_ALGORITHM);
      return FALSE;
    }
  opslimit = json_object_get_int_member (object, "opslimit");
  memlimit = json_object_get_int_member (object, "memlimit");
  if (opslimit < 0 || memlimit < 0 || !limits_ok ((guint64) opslimit, (guint64) memlimit))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_KEY_LIMITS);
      return FALSE;
    }
  file->opslimit = (guint64) opslimit;
  file->memlimit = (guint64) memlimit;
  if (!pr_json_get_base64 (object, "salt", file->salt, SALT_LEN, error) ||
      !pr_json_get_base64 (object, "nonce", file->nonce, PR_AEAD_NONCE_LEN, error) ||
      !pr_json_get_base64 (object, "ct", file->ct, CT_LEN, error))
    return FALSE;

  canonical = keyfile_to_bytes (file);
  return pr_json_check_canonical (data, len, canonical, error);
}

gboolean
pr_keyfile_check (const guint8  *data,
                  gsize          len,
                  GError       **error)
{
  KeyFile file;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  return parse_keyfile (data, len, &file, error);
}

PrSecret *
pr_keyfile_read (const guint8  *data,
                 gsize          len,
                 const char    *passphrase,
                 gsize          passphrase_len,
                 const guint8   public_key[PR_KX_PUBLIC_LEN],
                 GError       **error)
{
  KeyFile file;
  g_autoptr(PrSecret) key = NULL;
  g_autoptr(PrSecret) secret_key = NULL;
  guint8 ad[AD_LEN];

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (passphrase != NULL || passphrase_len == 0, NULL);
  g_return_val_if_fail (public_key != NULL, NULL);

  if (!parse_keyfile (data, len, &file, error))
    return NULL;
  key = derive_key (passphrase, passphrase_len, &file, error);
  if (key == NULL)
    return NULL;

  build_ad (ad);
  secret_key = pr_secret_new (PR_KX_SECRET_LEN);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (pr_secret_get_data (secret_key), NULL, NULL,
                                                  file.ct, CT_LEN, ad, sizeof ad, file.nonce,
                                                  pr_secret_get_data (key)) != 0)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE);
      return NULL;
    }
  if (!pr_crypto_kx_key_matches (secret_key, public_key))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_KEY_MISMATCH);
      return NULL;
    }
  return g_steal_pointer (&secret_key);
}
