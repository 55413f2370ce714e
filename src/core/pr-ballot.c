/* pr-ballot.c — sealing and opening ballots
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "pr-ballot.h"
#include "pr-format.h"
#include "pr-json.h"

#define AD_TAG_LEN  (sizeof PR_FORMAT_BALLOT)  /* the tag and its NUL */
#define AD_LEN      (AD_TAG_LEN + 1 + PR_ROUND_ID_LEN + PR_HASH_LEN + PR_KX_PUBLIC_LEN)
#define KEYS_LEN    (2 * crypto_kx_SESSIONKEYBYTES)

G_STATIC_ASSERT (crypto_kx_SESSIONKEYBYTES == PR_AEAD_KEY_LEN);
G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == PR_AEAD_NONCE_LEN);
G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_ABYTES == PR_AEAD_TAG_LEN);

/* Format tag ‖ version ‖ round id ‖ round hash ‖ epk: the organizer
 * builds this from its own round, so any change of the envelope or a
 * ballot replayed into another round fails authentication. */
static void
build_ad (const PrManifest *manifest,
          const guint8      epk[PR_KX_PUBLIC_LEN],
          guint8            ad[AD_LEN])
{
  guint8 *p = ad;

  memcpy (p, PR_FORMAT_BALLOT, AD_TAG_LEN);
  p += AD_TAG_LEN;
  *p++ = PR_ENVELOPE_VERSION;
  memcpy (p, pr_manifest_get_id (manifest), PR_ROUND_ID_LEN);
  p += PR_ROUND_ID_LEN;
  memcpy (p, pr_manifest_get_hash (manifest), PR_HASH_LEN);
  p += PR_HASH_LEN;
  memcpy (p, epk, PR_KX_PUBLIC_LEN);
}

guint64
pr_ballot_next_sequence (guint64 last)
{
  guint64 now = (guint64) MAX (g_get_real_time () / G_USEC_PER_SEC, 0);

  return MAX (last + 1, now);
}

void
pr_ballot_fingerprint (const guint8 *data,
                       gsize         len,
                       guint8        out[PR_HASH_LEN])
{
  g_return_if_fail (data != NULL || len == 0);

  if (len > 0 && data[len - 1] == '\n')
    len--;
  pr_crypto_hash (data, len, out);
}

/* Encrypts @plain to the organizer as a fresh crypto_kx client. */
static GBytes *
seal_plain (const PrManifest *manifest,
            const guint8     *plain,
            gsize             plain_len)
{
  g_autoptr(PrSecret) keys = pr_secret_new (PR_KX_SECRET_LEN + KEYS_LEN);
  guint8 *esk = pr_secret_get_data (keys);
  guint8 *rx = esk + PR_KX_SECRET_LEN;
  guint8 *tx = rx + crypto_kx_SESSIONKEYBYTES;
  guint8 epk[PR_KX_PUBLIC_LEN];
  guint8 nonce[PR_AEAD_NONCE_LEN];
  guint8 ad[AD_LEN];
  g_autofree guint8 *ct = g_malloc (plain_len + PR_AEAD_TAG_LEN);
  unsigned long long ct_len = 0;
  g_autoptr(PrEnvelope) envelope = NULL;

  crypto_kx_keypair (epk, esk);
  if (crypto_kx_client_session_keys (rx, tx, epk, esk, pr_manifest_get_public_key (manifest)) != 0)
    return NULL;
  pr_crypto_random (nonce, sizeof nonce);
  build_ad (manifest, epk, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (ct, &ct_len, plain, plain_len, ad, sizeof ad,
                                              NULL, nonce, tx);
  envelope = pr_envelope_new (pr_manifest_get_id (manifest), epk, nonce, ct, ct_len);
  return pr_envelope_to_bytes (envelope);
}

GBytes *
pr_ballot_seal_raw (const PrManifest *manifest,
                    const guint8     *plain,
                    gsize             plain_len)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (plain != NULL || plain_len == 0, NULL);

  return seal_plain (manifest, plain, plain_len);
}

GBytes *
pr_ballot_seal_payload (const PrManifest *manifest,
                        const PrPayload  *payload)
{
  gsize block;
  g_autoptr(PrSecret) buffer = NULL;
  gsize len;

  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  block = pr_payload_round_block_size (manifest);
  buffer = pr_secret_new (block);
  len = pr_payload_encode (payload, pr_secret_get_data (buffer), block);
  if (len == 0 || !pr_payload_pad (pr_secret_get_data (buffer), len, block))
    return NULL;
  return seal_plain (manifest, pr_secret_get_data (buffer), block);
}

GBytes *
pr_ballot_seal (const PrInvitation *invitation,
                const guint16      *ranking,
                gsize               n_ranked,
                guint64             sequence,
                guint8             *fingerprint,
                GError            **error)
{
  PrManifest *manifest;
  g_autoptr(PrSecret) secret = NULL;
  PrPayload *payload;
  GBytes *bytes;

  g_return_val_if_fail (invitation != NULL, NULL);
  g_return_val_if_fail (ranking != NULL || n_ranked == 0, NULL);

  manifest = pr_invitation_get_manifest (invitation);
  if (!pr_payload_check_ranking (pr_invitation_get_member_index (invitation), ranking, n_ranked,
                                 pr_manifest_get_n_members (manifest),
                                 pr_manifest_get_min_ranked (manifest), error))
    return NULL;

  /* The ranking is a secret until it is encrypted. */
  secret = pr_secret_new (sizeof (PrPayload));
  payload = (PrPayload *) (gpointer) pr_secret_get_data (secret);
  payload->member_index = (guint16) pr_invitation_get_member_index (invitation);
  payload->sequence = sequence;
  pr_crypto_random (payload->nonce, PR_PAYLOAD_NONCE_LEN);
  payload->n_ranked = (guint16) n_ranked;
  memcpy (payload->ranking, ranking, n_ranked * sizeof (guint16));
  pr_payload_sign (payload, pr_manifest_get_id (manifest), pr_manifest_get_hash (manifest),
                   pr_invitation_get_signing_key (invitation));

  bytes = pr_ballot_seal_payload (manifest, payload);
  if (bytes == NULL)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_CRYPTO_KEY_EXCHANGE);
      return NULL;
    }
  if (fingerprint != NULL)
    pr_ballot_fingerprint (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), fingerprint);
  return bytes;
}

/* Opening. */

struct _PrBallotOpener {
  gatomicrefcount  ref;
  PrManifest      *manifest;
  PrSecret        *secret_key;
  guint            n_members;
  guint8          *member_keys;  /* n_members × PR_SIGN_PUBLIC_LEN */
  gboolean        *has_key;
  GByteArray     **revoked;      /* per member, NULL or keys back to back */
  gsize            block_size;
};

PrBallotOpener *
pr_ballot_opener_new (PrManifest      *manifest,
                      const PrSecret  *secret_key,
                      GError         **error)
{
  PrBallotOpener *opener;

  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);

  if (pr_secret_get_size (secret_key) != PR_KX_SECRET_LEN ||
      !pr_crypto_kx_key_matches (secret_key, pr_manifest_get_public_key (manifest)))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_KEY_MISMATCH);
      return NULL;
    }

  opener = g_new0 (PrBallotOpener, 1);
  g_atomic_ref_count_init (&opener->ref);
  opener->manifest = pr_manifest_ref (manifest);
  opener->secret_key = pr_secret_new_from_data (pr_secret_get_data (secret_key), PR_KX_SECRET_LEN);
  opener->n_members = pr_manifest_get_n_members (manifest);
  opener->member_keys = g_malloc0 ((gsize) opener->n_members * PR_SIGN_PUBLIC_LEN);
  opener->has_key = g_new0 (gboolean, opener->n_members);
  opener->revoked = g_new0 (GByteArray *, opener->n_members);
  opener->block_size = pr_payload_round_block_size (manifest);
  return opener;
}

PrBallotOpener *
pr_ballot_opener_copy (PrBallotOpener *opener)
{
  PrBallotOpener *copy;

  g_return_val_if_fail (opener != NULL, NULL);

  copy = pr_ballot_opener_new (opener->manifest, opener->secret_key, NULL);
  g_assert (copy != NULL);  /* the key matched when @opener was made */
  memcpy (copy->member_keys, opener->member_keys, (gsize) opener->n_members * PR_SIGN_PUBLIC_LEN);
  memcpy (copy->has_key, opener->has_key, opener->n_members * sizeof (gboolean));
  for (guint i = 0; i < opener->n_members; i++)
    if (opener->revoked[i] != NULL)
      {
        copy->revoked[i] = g_byte_array_new ();
        g_byte_array_append (copy->revoked[i], opener->revoked[i]->data, opener->revoked[i]->len);
      }
  return copy;
}

PrBallotOpener *
pr_ballot_opener_ref (PrBallotOpener *opener)
{
  g_return_val_if_fail (opener != NULL, NULL);

  g_atomic_ref_count_inc (&opener->ref);
  return opener;
}

void
pr_ballot_opener_unref (PrBallotOpener *opener)
{
  g_return_if_fail (opener != NULL);

  if (!g_atomic_ref_count_dec (&opener->ref))
    return;
  for (guint i = 0; i < opener->n_members; i++)
    g_clear_pointer (&opener->revoked[i], g_byte_array_unref);
  g_free (opener->revoked);
  g_free (opener->has_key);
  g_free (opener->member_keys);
  pr_secret_free (opener->secret_key);
  pr_manifest_unref (opener->manifest);
  g_free (opener);
}

PrManifest *
pr_ballot_opener_get_manifest (PrBallotOpener *opener)
{
  g_return_val_if_fail (opener != NULL, NULL);
  return opener->manifest;
}

void
pr_ballot_opener_set_member_key (PrBallotOpener *opener,
                                 guint           index,
                                 const guint8    public_key[PR_SIGN_PUBLIC_LEN])
{
  g_return_if_fail (opener != NULL);
  g_return_if_fail (index < opener->n_members);

  memcpy (opener->member_keys + (gsize) index * PR_SIGN_PUBLIC_LEN, public_key, PR_SIGN_PUBLIC_LEN);
  opener->has_key[index] = TRUE;
}

void
pr_ballot_opener_add_revoked_key (PrBallotOpener *opener,
                                  guint           index,
                                  const guint8    public_key[PR_SIGN_PUBLIC_LEN])
{
  g_return_if_fail (opener != NULL);
  g_return_if_fail (index < opener->n_members);

  if (opener->revoked[index] == NULL)
    opener->revoked[index] = g_byte_array_new ();
  g_byte_array_append (opener->revoked[index], public_key, PR_SIGN_PUBLIC_LEN);
}

void
pr_ballot_opener_clear_revoked_keys (PrBallotOpener *opener,
                                     guint           index)
{
  g_return_if_fail (opener != NULL);
  g_return_if_fail (index < opener->n_members);

  if (opener->revoked[index] != NULL)
    g_byte_array_set_size (opener->revoked[index], 0);
}

/* Workspace: session keys, then the padded plaintext, then the decoded
 * payload, each 16-byte aligned. */
static gsize
plain_offset (void)
{
  return KEYS_LEN;
}

static gsize
payload_offset (PrBallotOpener *opener)
{
  return plain_offset () + (opener->block_size + 15) / 16 * 16;
}

gsize
pr_ballot_opener_get_workspace_size (PrBallotOpener *opener)
{
  g_return_val_if_fail (opener != NULL, 0);

  return payload_offset (opener) + sizeof (PrPayload);
}

static gboolean
decrypt (PrBallotOpener    *opener,
         const PrEnvelope  *envelope,
         guint8            *ws,
         GError           **error)
{
  guint8 *rx = ws;
  guint8 *tx = ws + crypto_kx_SESSIONKEYBYTES;
  guint8 ad[AD_LEN];
  unsigned long long plain_len = 0;
  int status;

  /* client tx = server rx. A low-order epk makes the exchange fail. */
  if (crypto_kx_server_session_keys (rx, tx, pr_manifest_get_public_key (opener->manifest),
                                     pr_secret_get_data (opener->secret_key), envelope->epk) != 0)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_CRYPTO_KEY_EXCHANGE);
      return FALSE;
    }
  build_ad (opener->manifest, envelope->epk, ad);
  status = crypto_aead_xchacha20poly1305_ietf_decrypt (ws + plain_offset (), &plain_len, NULL,
                                                       envelope->ct, envelope->ct_len,
                                                       ad, sizeof ad, envelope->nonce, rx);
  sodium_memzero (ws, KEYS_LEN);
  if (status != 0 || plain_len != opener->block_size)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_CRYPTO_DAMAGED);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decode (PrBallotOpener  *opener,
        guint8          *ws,
        PrPayload       *payload,
        PrBallotInfo    *info,
        GError         **error)
{
  guint8 *plain = ws + plain_offset ();
  gsize len = 0;
  gboolean ok;

  ok = pr_payload_unpad (plain, opener->block_size, &len, error) &&
       pr_payload_decode (plain, len, payload, error);
  if (ok)
    pr_crypto_hash (plain, len, info->payload_digest);
  sodium_memzero (plain, opener->block_size);
  return ok;
}

static gboolean
key_is_revoked (PrBallotOpener  *opener,
                const PrPayload *payload)
{
  GByteArray *keys = opener->revoked[payload->member_index];
  const guint8 *id = pr_manifest_get_id (opener->manifest);
  const guint8 *hash = pr_manifest_get_hash (opener->manifest);

  if (keys == NULL)
    return FALSE;
  for (guint off = 0; off + PR_SIGN_PUBLIC_LEN <= keys->len; off += PR_SIGN_PUBLIC_LEN)
    if (pr_payload_verify (payload, id, hash, keys->data + off))
      return TRUE;
  return FALSE;
}

static gboolean
check_eligibility (PrBallotOpener   *opener,
                   const PrPayload  *payload,
                   PrBallotInfo     *info,
                   GError          **error)
{
  guint index = payload->member_index;

  if (index >= opener->n_members || !opener->has_key[index])
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ELIGIBILITY_UNKNOWN_MEMBER);
      return FALSE;
    }
  if (!pr_payload_verify (payload, pr_manifest_get_id (opener->manifest),
                          pr_manifest_get_hash (opener->manifest),
                          opener->member_keys + (gsize) index * PR_SIGN_PUBLIC_LEN))
    {
      /* A revoked key still proves whose ballot it was. */
      if (key_is_revoked (opener, payload))
        {
          info->member_index = index;
          info->sequence = payload->sequence;
          pr_ballot_error_set (error, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED);
        }
      else
        pr_ballot_error_set (error, PR_BALLOT_ERROR_ELIGIBILITY_BAD_SIGNATURE);
      return FALSE;
    }
  info->member_index = index;
  info->sequence = payload->sequence;
  memcpy (info->signer_key, opener->member_keys + (gsize) index * PR_SIGN_PUBLIC_LEN,
          PR_SIGN_PUBLIC_LEN);
  return TRUE;
}

static gboolean
open_envelope (PrBallotOpener    *opener,
               const PrEnvelope  *envelope,
               guint8            *ws,
               PrBallotInfo      *info,
               GError           **error)
{
  PrPayload *payload = (PrPayload *) (gpointer) (ws + payload_offset (opener));

  if (sodium_memcmp (envelope->round_id, pr_manifest_get_id (opener->manifest), PR_ROUND_ID_LEN) != 0)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ROUTE_UNKNOWN_ROUND);
      return FALSE;
    }
  /* Size first: a cut or extended ct never reaches the cipher. */
  if (envelope->ct_len != opener->block_size + PR_AEAD_TAG_LEN)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_CRYPTO_SIZE);
      return FALSE;
    }
  if (!decrypt (opener, envelope, ws, error) ||
      !decode (opener, ws, payload, info, error) ||
      !check_eligibility (opener, payload, info, error) ||
      !pr_payload_check_ranking (payload->member_index, payload->ranking, payload->n_ranked,
                                 opener->n_members, pr_manifest_get_min_ranked (opener->manifest),
                                 error))
    return FALSE;

  info->n_ranked = payload->n_ranked;
  info->ranking = payload->ranking;
  return TRUE;
}

gboolean
pr_ballot_open (PrBallotOpener  *opener,
                const guint8    *data,
                gsize            len,
                PrSecret        *workspace,
                PrBallotInfo    *info,
                GError         **error)
{
  g_autoptr(PrEnvelope) envelope = NULL;
  gsize canonical_len = 0;
  gsize needed;

  g_return_val_if_fail (opener != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  info->member_index = G_MAXUINT;
  needed = pr_ballot_opener_get_workspace_size (opener);
  if (workspace == NULL)
    workspace = pr_secret_get_thread_buffer (needed);
  g_return_val_if_fail (pr_secret_get_size (workspace) >= needed, FALSE);

  envelope = pr_envelope_parse (data, len, &canonical_len, error);
  if (envelope == NULL)
    return FALSE;
  pr_crypto_hash (data, canonical_len, info->fingerprint);

  if (!open_envelope (opener, envelope, pr_secret_get_data (workspace), info, error))
    {
      pr_secret_wipe (workspace);
      info->n_ranked = 0;
      info->ranking = NULL;
      return FALSE;
    }
  return TRUE;
}
