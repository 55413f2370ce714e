/* pr-payload.c — the binary ballot inside the encryption
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "pr-ballot-error.h"
#include "pr-payload.h"

static const char signature_domain[] = "peer-rank-ballot-signature-v1";

gsize
pr_payload_max_size (guint n_members)
{
  g_return_val_if_fail (n_members >= 1 && n_members <= PR_MANIFEST_MAX_MEMBERS, 0);

  return PR_PAYLOAD_FIXED_LEN + 2 * (gsize) (n_members - 1);
}

gsize
pr_payload_block_size (guint n_members)
{
  /* sodium_pad always adds at least one byte. */
  gsize needed = pr_payload_max_size (n_members) + 1;

  return (needed + 15) / 16 * 16;
}

gsize
pr_payload_round_block_size (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, 0);
  return pr_payload_block_size (pr_manifest_get_n_members (manifest));
}

gsize
pr_payload_encoded_size (const PrPayload *payload)
{
  g_return_val_if_fail (payload != NULL, 0);

  return PR_PAYLOAD_FIXED_LEN + 2 * (gsize) payload->n_ranked;
}

static void
put_u16 (guint8  *out,
         guint16  value)
{
  out[0] = value & 0xff;
  out[1] = value >> 8;
}

static guint16
get_u16 (const guint8 *in)
{
  return (guint16) (in[0] | (in[1] << 8));
}

static void
put_u64 (guint8  *out,
         guint64  value)
{
  for (guint i = 0; i < 8; i++)
    out[i] = (value >> (8 * i)) & 0xff;
}

static guint64
get_u64 (const guint8 *in)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value |= (guint64) in[i] << (8 * i);
  return value;
}

/* Bytes 0 … 29+2k: everything but the signature. */
static gsize
encode_body (const PrPayload *payload,
             guint8          *out)
{
  out[0] = PR_PAYLOAD_VERSION;
  put_u16 (out + 1, payload->member_index);
  put_u64 (out + 3, payload->sequence);
  memcpy (out + 11, payload->nonce, PR_PAYLOAD_NONCE_LEN);
  put_u16 (out + 27, payload->n_ranked);
  for (guint i = 0; i < payload->n_ranked; i++)
    put_u16 (out + PR_PAYLOAD_HEADER_LEN + 2 * i, payload->ranking[i]);
  return PR_PAYLOAD_HEADER_LEN + 2 * (gsize) payload->n_ranked;
}

gsize
pr_payload_encode (const PrPayload *payload,
                   guint8          *out,
                   gsize            out_size)
{
  gsize body;

  g_return_val_if_fail (payload != NULL, 0);
  g_return_val_if_fail (payload->n_ranked <= PR_PAYLOAD_MAX_RANKED, 0);

  if (out_size < pr_payload_encoded_size (payload))
    return 0;
  body = encode_body (payload, out);
  memcpy (out + body, payload->signature, PR_SIGNATURE_LEN);
  return body + PR_SIGNATURE_LEN;
}

gboolean
pr_payload_decode (const guint8  *data,
                   gsize          len,
                   PrPayload     *out,
                   GError       **error)
{
  gsize needed;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (len < 1 || data[0] != PR_PAYLOAD_VERSION)
    {
      pr_ballot_error_set (error, len < 1 ? PR_BALLOT_ERROR_PAYLOAD_TRUNCATED
                                          : PR_BALLOT_ERROR_PAYLOAD_VERSION);
      return FALSE;
    }
  if (len < PR_PAYLOAD_FIXED_LEN)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_PAYLOAD_TRUNCATED);
      return FALSE;
    }

  out->n_ranked = get_u16 (data + 27);
  if (out->n_ranked > PR_PAYLOAD_MAX_RANKED)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_PAYLOAD_TOO_LONG);
      return FALSE;
    }
  /* The count is only believed once the bytes are known to be there. */
  needed = PR_PAYLOAD_FIXED_LEN + 2 * (gsize) out->n_ranked;
  if (len != needed)
    {
      pr_ballot_error_set (error, len < needed ? PR_BALLOT_ERROR_PAYLOAD_TRUNCATED
                                               : PR_BALLOT_ERROR_PAYLOAD_TRAILING);
      return FALSE;
    }

  out->member_index = get_u16 (data + 1);
  out->sequence = get_u64 (data + 3);
  memcpy (out->nonce, data + 11, PR_PAYLOAD_NONCE_LEN);
  for (guint i = 0; i < out->n_ranked; i++)
    out->ranking[i] = get_u16 (data + PR_PAYLOAD_HEADER_LEN + 2 * i);
  memcpy (out->signature, data + needed - PR_SIGNATURE_LEN, PR_SIGNATURE_LEN);
  return TRUE;
}

gboolean
pr_payload_pad (guint8 *buf,
                gsize   len,
                gsize   block_size)
{
  size_t padded = 0;

  g_return_val_if_fail (buf != NULL, FALSE);

  if (len >= block_size)
    return FALSE;
  if (sodium_pad (&padded, buf, len, block_size, block_size) != 0 || padded != block_size)
    return FALSE;
  return TRUE;
}

gboolean
pr_payload_unpad (const guint8  *buf,
                  gsize          block_size,
                  gsize         *len,
                  GError       **error)
{
  size_t unpadded = 0;

  g_return_val_if_fail (buf != NULL, FALSE);
  g_return_val_if_fail (len != NULL, FALSE);

  if (block_size == 0 || sodium_unpad (&unpadded, buf, block_size, block_size) != 0)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_PAYLOAD_PADDING);
      return FALSE;
    }
  *len = unpadded;
  return TRUE;
}

/* The signed message is a BLAKE2b-512 digest of a domain tag, the round
 * and the payload body, so a signature can never be replayed in another
 * round or be mistaken for one made for another purpose. */
static void
signed_digest (const PrPayload *payload,
               const guint8     round_id[PR_ROUND_ID_LEN],
               const guint8     round_hash[PR_HASH_LEN],
               guint8           digest[crypto_generichash_BYTES_MAX])
{
  crypto_generichash_state state;
  guint8 body[PR_PAYLOAD_HEADER_LEN + 2 * PR_PAYLOAD_MAX_RANKED];
  gsize body_len = encode_body (payload, body);

  crypto_generichash_init (&state, NULL, 0, crypto_generichash_BYTES_MAX);
  crypto_generichash_update (&state, (const guint8 *) signature_domain, sizeof signature_domain);
  crypto_generichash_update (&state, round_id, PR_ROUND_ID_LEN);
  crypto_generichash_update (&state, round_hash, PR_HASH_LEN);
  crypto_generichash_update (&state, body, body_len);
  crypto_generichash_final (&state, digest, crypto_generichash_BYTES_MAX);
  sodium_memzero (body, body_len);
  sodium_memzero (&state, sizeof state);
}

void
pr_payload_sign (PrPayload      *payload,
                 const guint8    round_id[PR_ROUND_ID_LEN],
                 const guint8    round_hash[PR_HASH_LEN],
                 const PrSecret *signing_key)
{
  guint8 digest[crypto_generichash_BYTES_MAX];

  g_return_if_fail (payload != NULL);
  g_return_if_fail (signing_key != NULL);
  g_return_if_fail (pr_secret_get_size (signing_key) == PR_SIGN_SECRET_LEN);
  g_return_if_fail (payload->n_ranked <= PR_PAYLOAD_MAX_RANKED);

  signed_digest (payload, round_id, round_hash, digest);
  crypto_sign_detached (payload->signature, NULL, digest, sizeof digest,
                        pr_secret_get_data (signing_key));
  sodium_memzero (digest, sizeof digest);
}

gboolean
pr_payload_verify (const PrPayload *payload,
                   const guint8     round_id[PR_ROUND_ID_LEN],
                   const guint8     round_hash[PR_HASH_LEN],
                   const guint8     public_key[PR_SIGN_PUBLIC_LEN])
{
  guint8 digest[crypto_generichash_BYTES_MAX];
  gboolean valid;

  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (payload->n_ranked <= PR_PAYLOAD_MAX_RANKED, FALSE);

  signed_digest (payload, round_id, round_hash, digest);
  valid = crypto_sign_verify_detached (payload->signature, digest, sizeof digest, public_key) == 0;
  sodium_memzero (digest, sizeof digest);
  return valid;
}

static int
first_ranking_problem (guint           voter,
                       const guint16  *ranking,
                       gsize           n_ranked,
                       guint           n_members,
                       guint8         *seen)
{
  for (gsize i = 0; i < n_ranked; i++)
    {
      guint person = ranking[i];

      if (person >= n_members)
        return PR_BALLOT_ERROR_RANKING_UNKNOWN;
      if (person == voter)
        return PR_BALLOT_ERROR_RANKING_SELF;
      if (seen[person])
        return PR_BALLOT_ERROR_RANKING_DUPLICATE;
      seen[person] = 1;
    }
  return -1;
}

gboolean
pr_payload_check_ranking (guint           voter,
                          const guint16  *ranking,
                          gsize           n_ranked,
                          guint           n_members,
                          guint           min_ranked,
                          GError        **error)
{
  guint8 seen[PR_MANIFEST_MAX_MEMBERS] = { 0 };
  int problem;

  g_return_val_if_fail (ranking != NULL || n_ranked == 0, FALSE);
  g_return_val_if_fail (n_members <= PR_MANIFEST_MAX_MEMBERS, FALSE);

  problem = first_ranking_problem (voter, ranking, n_ranked, n_members, seen);
  /* The seen-set is a fragment of the ranking: wipe it on every path. */
  sodium_memzero (seen, sizeof seen);
  if (problem < 0 && n_ranked < min_ranked)
    problem = PR_BALLOT_ERROR_RANKING_TOO_SHORT;
  if (problem >= 0)
    {
      pr_ballot_error_set (error, problem);
      return FALSE;
    }
  return TRUE;
}
