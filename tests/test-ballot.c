/* test-ballot.c — sealing and opening ballots, every failure class
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ballot-fixture.h"
#include "pr-ballot-error.h"

static GBytes *
seal (BallotFixture *f,
      guint          voter,
      const guint16 *ranking,
      gsize          n,
      guint64        sequence)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = pr_ballot_seal (f->invitations[voter], ranking, n, sequence, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static GBytes *
seal_default (BallotFixture *f)
{
  static const guint16 ranking[] = { 3, 0, 4 };

  return seal (f, 1, ranking, G_N_ELEMENTS (ranking), 1000);
}

/* Opens @bytes expecting @code (-1: success). */
static gboolean
open_expect (BallotFixture *f,
             GBytes        *bytes,
             int            code,
             PrBallotInfo  *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrSecret) ws = pr_secret_new (pr_ballot_opener_get_workspace_size (f->opener));
  PrBallotInfo local;
  gboolean ok;

  ok = pr_ballot_open (f->opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), ws,
                       info != NULL ? info : &local, &error);
  if (code < 0)
    g_assert_no_error (error);
  else
    g_assert_error (error, PR_BALLOT_ERROR, code);
  return ok;
}

static PrEnvelope *
parse_envelope (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PrEnvelope *envelope = pr_envelope_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                            NULL, &error);

  g_assert_no_error (error);
  return envelope;
}

static void
test_round_trip (void)
{
  BallotFixture f;
  static const guint16 ranking[] = { 3, 0, 4 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrSecret) ws = NULL;
  guint8 fingerprint[PR_HASH_LEN], again[PR_HASH_LEN];
  PrBallotInfo info;

  ballot_fixture_init (&f);
  bytes = pr_ballot_seal (f.invitations[1], ranking, 3, 1234, fingerprint, &error);
  g_assert_no_error (error);
  pr_ballot_fingerprint (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), again);
  g_assert_cmpmem (fingerprint, PR_HASH_LEN, again, PR_HASH_LEN);

  ws = pr_secret_new (pr_ballot_opener_get_workspace_size (f.opener));
  g_assert_true (pr_ballot_open (f.opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 ws, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.member_index, ==, 1);
  g_assert_cmpuint (info.sequence, ==, 1234);
  g_assert_cmpuint (info.n_ranked, ==, 3);
  g_assert_cmpmem (info.ranking, 6, ranking, 6);
  g_assert_cmpmem (info.fingerprint, PR_HASH_LEN, fingerprint, PR_HASH_LEN);

  /* Only the decoded payload stays in the workspace, until wiped. */
  pr_secret_wipe (ws);
  for (gsize i = 0; i < pr_secret_get_size (ws); i++)
    g_assert_cmpuint (pr_secret_get_data (ws)[i], ==, 0);
  ballot_fixture_clear (&f);
}

/* Without a workspace, the thread's buffer is used. */
static void
test_thread_buffer (void)
{
  BallotFixture f;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  PrBallotInfo info;

  ballot_fixture_init (&f);
  bytes = seal_default (&f);
  g_assert_true (pr_ballot_open (f.opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 NULL, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.member_index, ==, 1);
  ballot_fixture_clear (&f);
}

typedef struct {
  BallotFixture *f;
  GPtrArray     *ballots;
  gint           opened;
} ThreadData;

static gpointer
open_all_worker (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(PrSecret) ws = pr_secret_new (pr_ballot_opener_get_workspace_size (data->f->opener));

  for (guint i = 0; i < data->ballots->len; i++)
    {
      GBytes *bytes = g_ptr_array_index (data->ballots, i);
      g_autoptr(GError) error = NULL;
      PrBallotInfo info;

      if (pr_ballot_open (data->f->opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          i % 2 == 0 ? ws : NULL, &info, &error) &&
          info.member_index == i % data->f->n_members && info.sequence == i)
        g_atomic_int_inc (&data->opened);
      pr_secret_wipe (ws);
    }
  return NULL;
}

static void
test_threads (void)
{
  BallotFixture f;
  ThreadData data = { &f, g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), 0 };
  GThread *threads[3];

  ballot_fixture_init (&f);
  for (guint i = 0; i < 40; i++)
    {
      guint voter = i % f.n_members;
      guint16 ranking[] = { (voter + 1) % f.n_members, (voter + 2) % f.n_members };

      g_ptr_array_add (data.ballots, seal (&f, voter, ranking, 2, i));
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("opener", open_all_worker, &data);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  g_assert_cmpint (data.opened, ==, 40 * G_N_ELEMENTS (threads));
  g_ptr_array_unref (data.ballots);
  ballot_fixture_clear (&f);
}

/* Every ballot of a round has the same size. */
static void
test_constant_size (void)
{
  BallotFixture f;
  static const guint16 two[] = { 1, 2 };
  static const guint16 four[] = { 4, 3, 2, 1 };
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(PrEnvelope) envelope = NULL;

  ballot_fixture_init (&f);
  a = seal (&f, 0, two, 2, 1);
  b = seal (&f, 0, four, 4, G_MAXUINT64);
  g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  envelope = parse_envelope (a);
  g_assert_cmpuint (envelope->ct_len, ==, pr_payload_round_block_size (f.manifest) + PR_AEAD_TAG_LEN);
  ballot_fixture_clear (&f);
}

static void
test_seal_refuses_bad_rankings (void)
{
  BallotFixture f;
  const struct { guint16 ranking[4]; gsize n; int code; } cases[] = {
    { { 0, 0 }, 2, PR_BALLOT_ERROR_RANKING_DUPLICATE },
    { { 0, 9 }, 2, PR_BALLOT_ERROR_RANKING_UNKNOWN },
    { { 0, 1 }, 2, PR_BALLOT_ERROR_RANKING_SELF },
    { { 0 }, 1, PR_BALLOT_ERROR_RANKING_TOO_SHORT },
  };

  ballot_fixture_init (&f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = pr_ballot_seal (f.invitations[1], cases[i].ranking, cases[i].n, 1,
                                                NULL, &error);

      g_assert_error (error, PR_BALLOT_ERROR, cases[i].code);
      g_assert_null (bytes);
    }
  ballot_fixture_clear (&f);
}

/* INPUTS.md 19: one bit flipped anywhere in ct, nonce or epk. */
static void
flip_every_bit (BallotFixture *f,
                GBytes        *bytes,
                guint8       *(*field) (PrEnvelope *, gsize *))
{
  for (gsize byte = 0;; byte++)
    {
      g_autoptr(PrEnvelope) envelope = parse_envelope (bytes);
      gsize len = 0;
      guint8 *data = field (envelope, &len);

      if (byte >= len)
        break;
      for (guint bit = 0; bit < 8; bit++)
        {
          g_autoptr(GBytes) flipped = NULL;
          g_autoptr(GError) error = NULL;
          PrBallotInfo info;

          data[byte] ^= 1u << bit;
          flipped = pr_envelope_to_bytes (envelope);
          data[byte] ^= 1u << bit;
          g_assert_false (pr_ballot_open (f->opener, g_bytes_get_data (flipped, NULL),
                                          g_bytes_get_size (flipped), NULL, &info, &error));
          g_assert_nonnull (error);
          g_assert_cmpstr (pr_ballot_error_class (error->code), ==, "crypto");
        }
    }
}

static guint8 *
field_ct (PrEnvelope *envelope, gsize *len)
{
  *len = envelope->ct_len;
  return envelope->ct;
}

static guint8 *
field_nonce (PrEnvelope *envelope, gsize *len)
{
  *len = PR_AEAD_NONCE_LEN;
  return envelope->nonce;
}

static guint8 *
field_epk (PrEnvelope *envelope, gsize *len)
{
  *len = PR_KX_PUBLIC_LEN;
  return envelope->epk;
}

static void
test_bit_flips (void)
{
  BallotFixture f;
  g_autoptr(GBytes) bytes = NULL;

  ballot_fixture_init (&f);
  bytes = seal_default (&f);
  flip_every_bit (&f, bytes, field_ct);
  flip_every_bit (&f, bytes, field_nonce);
  flip_every_bit (&f, bytes, field_epk);
  g_assert_true (open_expect (&f, bytes, -1, NULL));
  ballot_fixture_clear (&f);
}

/* A low-order epk makes crypto_kx fail: a crypto error, not a crash or
 * a predictable key. */
static void
test_low_order_epk (void)
{
  BallotFixture f;
  g_autoptr(GBytes) bytes = NULL;
  static const guint8 points[][PR_KX_PUBLIC_LEN] = {
    { 0 },
    { 1 },
    { 0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a,
      0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00 },
    { 0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
  };

  ballot_fixture_init (&f);
  bytes = seal_default (&f);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(PrEnvelope) envelope = parse_envelope (bytes);
      g_autoptr(GBytes) low = NULL;

      memcpy (envelope->epk, points[i], PR_KX_PUBLIC_LEN);
      low = pr_envelope_to_bytes (envelope);
      g_assert_false (open_expect (&f, low, PR_BALLOT_ERROR_CRYPTO_KEY_EXCHANGE, NULL));
    }
  ballot_fixture_clear (&f);
}

/* INPUTS.md 20: cut or extended ct is refused before decrypting. */
static void
test_ct_size (void)
{
  BallotFixture f;
  g_autoptr(GBytes) bytes = NULL;
  const gssize deltas[] = { -1, -16, 1, 16, -(gssize) 200 };

  ballot_fixture_init (&f);
  bytes = seal_default (&f);
  for (guint i = 0; i < G_N_ELEMENTS (deltas); i++)
    {
      g_autoptr(PrEnvelope) envelope = parse_envelope (bytes);
      g_autoptr(PrEnvelope) changed = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autofree guint8 *ct = g_malloc0 (envelope->ct_len + 16);
      gsize len = deltas[i] < -(gssize) envelope->ct_len ? 0 : envelope->ct_len + deltas[i];

      memcpy (ct, envelope->ct, MIN (len, envelope->ct_len));
      changed = pr_envelope_new (envelope->round_id, envelope->epk, envelope->nonce, ct, len);
      out = pr_envelope_to_bytes (changed);
      g_assert_false (open_expect (&f, out, PR_BALLOT_ERROR_CRYPTO_SIZE, NULL));
    }
  ballot_fixture_clear (&f);
}

/* INPUTS.md 18 and 21: another round's ballot. */
static void
test_other_rounds (void)
{
  BallotFixture f, other;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) replay = NULL;
  g_autoptr(PrManifest) twin = NULL;
  g_autoptr(PrBallotOpener) twin_opener = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrEnvelope) envelope = NULL;
  PrBallotInfo info;
  const char *names[] = { "Ana López", "Bo Chen", "Chidi Okafor", "Dana Weiß", "Eero Mäkinen", NULL };

  ballot_fixture_init (&f);
  ballot_fixture_init (&other);
  bytes = seal_default (&other);
  g_assert_false (open_expect (&f, bytes, PR_BALLOT_ERROR_ROUTE_UNKNOWN_ROUND, NULL));

  /* The same organizer and even the same round id, but another manifest:
   * the round hash in the associated data does not match. */
  twin = pr_manifest_new (pr_manifest_get_id (f.manifest), "Sprint 13 review", "", "", "", 2, 3,
                          names, f.public_key, &error);
  g_assert_no_error (error);
  twin_opener = pr_ballot_opener_new (twin, f.secret_key, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < f.n_members; i++)
    pr_ballot_opener_set_member_key (twin_opener, i, pr_invitation_get_public_key (f.invitations[i]));
  replay = seal_default (&f);
  g_assert_false (pr_ballot_open (twin_opener, g_bytes_get_data (replay, NULL),
                                  g_bytes_get_size (replay), NULL, &info, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_CRYPTO_DAMAGED);

  /* Same ciphertext with the round id rewritten: route passes, crypto
   * fails. */
  envelope = parse_envelope (bytes);
  memcpy (envelope->round_id, pr_manifest_get_id (f.manifest), PR_ROUND_ID_LEN);
  g_clear_pointer (&replay, g_bytes_unref);
  replay = pr_envelope_to_bytes (envelope);
  g_assert_false (open_expect (&f, replay, PR_BALLOT_ERROR_CRYPTO_DAMAGED, NULL));

  ballot_fixture_clear (&other);
  ballot_fixture_clear (&f);
}

static void
test_opener_key_mismatch (void)
{
  BallotFixture f;
  guint8 pk[PR_KX_PUBLIC_LEN];
  g_autoptr(PrSecret) wrong = pr_crypto_kx_keypair (pk);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;

  ballot_fixture_init (&f);
  opener = pr_ballot_opener_new (f.manifest, wrong, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_KEY_MISMATCH);
  g_assert_null (opener);
  ballot_fixture_clear (&f);
}

/* Encodes @p, sets byte @offset to @value, pads and encrypts. */
static GBytes *
seal_edited_payload (BallotFixture   *f,
                     const PrPayload *p,
                     gsize            offset,
                     guint8           value)
{
  gsize block = pr_payload_round_block_size (f->manifest);
  g_autofree guint8 *plain = g_malloc0 (block);
  gsize len = pr_payload_encode (p, plain, block);

  g_assert_cmpuint (len, >, offset);
  plain[offset] = value;
  g_assert_true (pr_payload_pad (plain, len, block));
  return pr_ballot_seal_raw (f->manifest, plain, block);
}

/* Payload class: what decrypts but is not a payload. */
static void
test_payload_errors (void)
{
  BallotFixture f;
  gsize block;
  g_autofree guint8 *plain = NULL;
  PrPayload p = { 0 };

  ballot_fixture_init (&f);
  block = pr_payload_round_block_size (f.manifest);
  plain = g_malloc0 (block + 1);

  {
    /* All zeros: no padding marker. */
    g_autoptr(GBytes) bytes = pr_ballot_seal_raw (f.manifest, plain, block);
    g_assert_false (open_expect (&f, bytes, PR_BALLOT_ERROR_PAYLOAD_PADDING, NULL));
  }
  {
    /* The right size is checked before decrypting. */
    g_autoptr(GBytes) bytes = pr_ballot_seal_raw (f.manifest, plain, block + 1);
    g_assert_false (open_expect (&f, bytes, PR_BALLOT_ERROR_CRYPTO_SIZE, NULL));
  }

  p.member_index = 1;
  p.n_ranked = 2;
  p.ranking[0] = 0;
  p.ranking[1] = 2;
  pr_payload_sign (&p, pr_manifest_get_id (f.manifest), pr_manifest_get_hash (f.manifest),
                   pr_invitation_get_signing_key (f.invitations[1]));
  {
    /* INPUTS.md 22: a length field larger than the data. */
    g_autoptr(GBytes) bytes = seal_edited_payload (&f, &p, 27, 40);
    g_assert_false (open_expect (&f, bytes, PR_BALLOT_ERROR_PAYLOAD_TRUNCATED, NULL));
  }
  {
    g_autoptr(GBytes) bytes = seal_edited_payload (&f, &p, 0, 9);
    g_assert_false (open_expect (&f, bytes, PR_BALLOT_ERROR_PAYLOAD_VERSION, NULL));
  }
  {
    g_autoptr(GBytes) bytes = pr_ballot_seal_payload (f.manifest, &p);
    g_assert_true (open_expect (&f, bytes, -1, NULL));
  }
  ballot_fixture_clear (&f);
}

/* Eligibility and ranking classes via hand-made payloads. */
typedef struct {
  const char *name;
  guint       member_index;
  guint       signer;       /* index of the invitation that signs */
  guint16     ranking[4];
  gsize       n_ranked;
  int         code;
  guint       known_member; /* info.member_index after the failure */
} PayloadCase;

static const PayloadCase payload_cases[] = {
  { "ok", 1, 1, { 0, 2 }, 2, -1, 1 },
  { "member-out-of-range", 7, 1, { 0, 2 }, 2, PR_BALLOT_ERROR_ELIGIBILITY_UNKNOWN_MEMBER, G_MAXUINT },
  { "member-huge", 0xffff, 1, { 0, 2 }, 2, PR_BALLOT_ERROR_ELIGIBILITY_UNKNOWN_MEMBER, G_MAXUINT },
  { "wrong-signer", 1, 2, { 0, 3 }, 2, PR_BALLOT_ERROR_ELIGIBILITY_BAD_SIGNATURE, G_MAXUINT },
  { "duplicate", 1, 1, { 0, 2, 0 }, 3, PR_BALLOT_ERROR_RANKING_DUPLICATE, 1 },
  { "unknown", 1, 1, { 0, 5 }, 2, PR_BALLOT_ERROR_RANKING_UNKNOWN, 1 },
  { "self", 1, 1, { 0, 1 }, 2, PR_BALLOT_ERROR_RANKING_SELF, 1 },
  { "too-short", 1, 1, { 0 }, 1, PR_BALLOT_ERROR_RANKING_TOO_SHORT, 1 },
  { "empty", 1, 1, { 0 }, 0, PR_BALLOT_ERROR_RANKING_TOO_SHORT, 1 },
};

static void
test_payload_case (gconstpointer data)
{
  const PayloadCase *c = data;
  BallotFixture f;
  PrPayload p = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  PrBallotInfo info;

  ballot_fixture_init (&f);
  p.member_index = (guint16) c->member_index;
  p.sequence = 77;
  p.n_ranked = (guint16) c->n_ranked;
  memcpy (p.ranking, c->ranking, sizeof c->ranking);
  pr_payload_sign (&p, pr_manifest_get_id (f.manifest), pr_manifest_get_hash (f.manifest),
                   pr_invitation_get_signing_key (f.invitations[c->signer]));
  bytes = pr_ballot_seal_payload (f.manifest, &p);
  g_assert_nonnull (bytes);
  g_assert_cmpint (open_expect (&f, bytes, c->code, &info), ==, c->code < 0);
  g_assert_cmpuint (info.member_index, ==, c->known_member);
  if (c->code >= 0)
    {
      g_assert_null (info.ranking);
      g_assert_cmpuint (info.n_ranked, ==, 0);
    }
  ballot_fixture_clear (&f);
}

/* Re-issuing revokes the old key; a member without a key is not
 * eligible. */
static void
test_revoked (void)
{
  BallotFixture f;
  static const guint16 ranking[] = { 0, 2 };
  g_autoptr(PrInvitation) reissued = NULL;
  g_autoptr(GBytes) old_ballot = NULL;
  g_autoptr(GBytes) new_ballot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrBallotOpener) partial = NULL;
  PrBallotInfo info;

  ballot_fixture_init (&f);
  old_ballot = seal (&f, 1, ranking, 2, 5);
  reissued = pr_invitation_new (f.manifest, 1);
  pr_ballot_opener_add_revoked_key (f.opener, 1, pr_invitation_get_public_key (f.invitations[1]));
  pr_ballot_opener_set_member_key (f.opener, 1, pr_invitation_get_public_key (reissued));
  new_ballot = pr_ballot_seal (reissued, ranking, 2, 6, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (open_expect (&f, old_ballot, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED, &info));
  g_assert_cmpuint (info.member_index, ==, 1);
  g_assert_true (open_expect (&f, new_ballot, -1, &info));
  g_assert_cmpuint (info.sequence, ==, 6);

  partial = pr_ballot_opener_new (f.manifest, f.secret_key, &error);
  g_assert_no_error (error);
  g_assert_false (pr_ballot_open (partial, g_bytes_get_data (new_ballot, NULL),
                                  g_bytes_get_size (new_ballot), NULL, &info, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ELIGIBILITY_UNKNOWN_MEMBER);
  ballot_fixture_clear (&f);
}

/* Same payload = same digest (duplicate); new encryption = new
 * fingerprint. */
static void
test_digests (void)
{
  BallotFixture f;
  PrPayload p = { 0 };
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  PrBallotInfo ia, ib, ic;

  ballot_fixture_init (&f);
  p.member_index = 0;
  p.sequence = 10;
  p.n_ranked = 2;
  p.ranking[0] = 1;
  p.ranking[1] = 2;
  pr_payload_sign (&p, pr_manifest_get_id (f.manifest), pr_manifest_get_hash (f.manifest),
                   pr_invitation_get_signing_key (f.invitations[0]));
  a = pr_ballot_seal_payload (f.manifest, &p);
  b = pr_ballot_seal_payload (f.manifest, &p);
  p.ranking[1] = 3;
  pr_payload_sign (&p, pr_manifest_get_id (f.manifest), pr_manifest_get_hash (f.manifest),
                   pr_invitation_get_signing_key (f.invitations[0]));
  c = pr_ballot_seal_payload (f.manifest, &p);
  g_assert_true (open_expect (&f, a, -1, &ia));
  g_assert_true (open_expect (&f, b, -1, &ib));
  g_assert_true (open_expect (&f, c, -1, &ic));
  g_assert_cmpmem (ia.payload_digest, PR_HASH_LEN, ib.payload_digest, PR_HASH_LEN);
  g_assert_true (memcmp (ia.fingerprint, ib.fingerprint, PR_HASH_LEN) != 0);
  g_assert_true (memcmp (ia.payload_digest, ic.payload_digest, PR_HASH_LEN) != 0);
  g_assert_cmpuint (ia.sequence, ==, ic.sequence);
  ballot_fixture_clear (&f);
}

/* Envelope errors surface unchanged, and the workspace is wiped after a
 * failure. */
static void
test_failure_wipes (void)
{
  BallotFixture f;
  static const guint16 self[] = { 1, 0 };
  PrPayload p = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PrSecret) ws = NULL;
  g_autoptr(GError) error = NULL;
  PrBallotInfo info;

  ballot_fixture_init (&f);
  p.member_index = 1;
  p.n_ranked = 2;
  memcpy (p.ranking, self, sizeof self);
  pr_payload_sign (&p, pr_manifest_get_id (f.manifest), pr_manifest_get_hash (f.manifest),
                   pr_invitation_get_signing_key (f.invitations[1]));
  bytes = pr_ballot_seal_payload (f.manifest, &p);
  ws = pr_secret_new (pr_ballot_opener_get_workspace_size (f.opener));
  g_assert_false (pr_ballot_open (f.opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  ws, &info, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_RANKING_SELF);
  for (gsize i = 0; i < pr_secret_get_size (ws); i++)
    g_assert_cmpuint (pr_secret_get_data (ws)[i], ==, 0);

  g_clear_error (&error);
  g_assert_false (pr_ballot_open (f.opener, (const guint8 *) "{}", 2, ws, &info, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK);
  ballot_fixture_clear (&f);
}

static void
test_next_sequence (void)
{
  guint64 now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  guint64 future = now + 1000000;

  g_assert_cmpuint (pr_ballot_next_sequence (0), >=, now);
  g_assert_cmpuint (pr_ballot_next_sequence (future), ==, future + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/ballot/round-trip", test_round_trip);
  g_test_add_func ("/peer-rank/ballot/thread-buffer", test_thread_buffer);
  g_test_add_func ("/peer-rank/ballot/threads", test_threads);
  g_test_add_func ("/peer-rank/ballot/constant-size", test_constant_size);
  g_test_add_func ("/peer-rank/ballot/seal-refuses-bad-rankings", test_seal_refuses_bad_rankings);
  g_test_add_func ("/peer-rank/ballot/bit-flips", test_bit_flips);
  g_test_add_func ("/peer-rank/ballot/low-order-epk", test_low_order_epk);
  g_test_add_func ("/peer-rank/ballot/ct-size", test_ct_size);
  g_test_add_func ("/peer-rank/ballot/other-rounds", test_other_rounds);
  g_test_add_func ("/peer-rank/ballot/opener-key-mismatch", test_opener_key_mismatch);
  g_test_add_func ("/peer-rank/ballot/payload-errors", test_payload_errors);
  for (guint i = 0; i < G_N_ELEMENTS (payload_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/ballot/payload/%s", payload_cases[i].name);
      g_test_add_data_func (path, &payload_cases[i], test_payload_case);
    }
  g_test_add_func ("/peer-rank/ballot/revoked", test_revoked);
  g_test_add_func ("/peer-rank/ballot/digests", test_digests);
  g_test_add_func ("/peer-rank/ballot/failure-wipes", test_failure_wipes);
  g_test_add_func ("/peer-rank/ballot/next-sequence", test_next_sequence);

  return g_test_run ();
}
