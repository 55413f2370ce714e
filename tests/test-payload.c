/* test-payload.c — the binary ballot payload
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ballot-fixture.h"
#include "pr-ballot-error.h"
#include "pr-payload.h"

static void
sample_payload (PrPayload *p)
{
  memset (p, 0, sizeof *p);
  p->member_index = 2;
  p->sequence = G_GUINT64_CONSTANT (0x0102030405060708);
  memset (p->nonce, 0x5a, sizeof p->nonce);
  p->n_ranked = 3;
  p->ranking[0] = 4;
  p->ranking[1] = 0;
  p->ranking[2] = 1;
  memset (p->signature, 0xee, sizeof p->signature);
}

static void
test_sizes (void)
{
  g_assert_cmpuint (pr_payload_max_size (2), ==, 95);
  for (guint n = 2; n <= PR_MANIFEST_MAX_MEMBERS; n++)
    {
      gsize block = pr_payload_block_size (n);

      g_assert_cmpuint (block, >, pr_payload_max_size (n));
      g_assert_cmpuint (block % 16, ==, 0);
      g_assert_cmpuint (block + PR_AEAD_TAG_LEN, <=, 4096);
    }
}

static void
test_encode_decode (void)
{
  PrPayload p, back;
  guint8 buf[256];
  gsize len;
  g_autoptr(GError) error = NULL;
  static const guint8 expected_head[] = {
    1, 2, 0, 8, 7, 6, 5, 4, 3, 2, 1,
  };

  sample_payload (&p);
  len = pr_payload_encode (&p, buf, sizeof buf);
  g_assert_cmpuint (len, ==, 93 + 6);
  g_assert_cmpuint (len, ==, pr_payload_encoded_size (&p));
  g_assert_cmpmem (buf, sizeof expected_head, expected_head, sizeof expected_head);
  g_assert_cmpuint (buf[27], ==, 3);
  g_assert_cmpuint (buf[29], ==, 4);
  g_assert_cmpuint (pr_payload_encode (&p, buf, len - 1), ==, 0);

  g_assert_true (pr_payload_decode (buf, len, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back.member_index, ==, 2);
  g_assert_cmpuint (back.sequence, ==, p.sequence);
  g_assert_cmpuint (back.n_ranked, ==, 3);
  g_assert_cmpmem (back.ranking, 6, p.ranking, 6);
  g_assert_cmpmem (back.nonce, 16, p.nonce, 16);
  g_assert_cmpmem (back.signature, 64, p.signature, 64);
}

static void
test_decode_strict (void)
{
  PrPayload p, back;
  guint8 buf[256];
  gsize len;
  const struct { const char *name; int byte; int value; gssize len_delta; int code; } cases[] = {
    { "version", 0, 2, 0, PR_BALLOT_ERROR_PAYLOAD_VERSION },
    { "count-too-big", 27, 4, 0, PR_BALLOT_ERROR_PAYLOAD_TRUNCATED },
    { "count-huge", 28, 0xff, 0, PR_BALLOT_ERROR_PAYLOAD_TOO_LONG },
    { "count-too-small", 27, 2, 0, PR_BALLOT_ERROR_PAYLOAD_TRAILING },
    { "cut", -1, 0, -1, PR_BALLOT_ERROR_PAYLOAD_TRUNCATED },
    { "extended", -1, 0, 1, PR_BALLOT_ERROR_PAYLOAD_TRAILING },
    { "empty", -1, 0, -99, PR_BALLOT_ERROR_PAYLOAD_TRUNCATED },
    { "header-only", -1, 0, -70, PR_BALLOT_ERROR_PAYLOAD_TRUNCATED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      sample_payload (&p);
      len = pr_payload_encode (&p, buf, sizeof buf);
      if (cases[i].byte >= 0)
        buf[cases[i].byte] = (guint8) cases[i].value;
      g_test_message ("case %s", cases[i].name);
      g_assert_false (pr_payload_decode (buf, len + cases[i].len_delta, &back, &error));
      g_assert_error (error, PR_BALLOT_ERROR, cases[i].code);
    }
}

static void
test_pad (void)
{
  guint8 buf[112];
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  memset (buf, 7, sizeof buf);
  g_assert_true (pr_payload_pad (buf, 95, 112));
  g_assert_true (pr_payload_unpad (buf, 112, &len, &error));
  g_assert_cmpuint (len, ==, 95);
  g_assert_true (pr_payload_pad (buf, 111, 112));
  g_assert_false (pr_payload_pad (buf, 112, 112));

  /* Padding that is all zeros has no 0x80 marker. */
  memset (buf, 0, sizeof buf);
  g_assert_false (pr_payload_unpad (buf, 112, &len, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_PAYLOAD_PADDING);
  g_clear_error (&error);
  memset (buf, 0x80, sizeof buf);
  buf[111] = 0x01;
  g_assert_false (pr_payload_unpad (buf, 112, &len, &error));
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_PAYLOAD_PADDING);
}

static void
test_sign_verify (void)
{
  BallotFixture f;
  PrPayload p;
  const guint8 *id, *hash;
  guint8 other[PR_HASH_LEN];

  ballot_fixture_init (&f);
  id = pr_manifest_get_id (f.manifest);
  hash = pr_manifest_get_hash (f.manifest);
  sample_payload (&p);
  pr_payload_sign (&p, id, hash, pr_invitation_get_signing_key (f.invitations[2]));
  g_assert_true (pr_payload_verify (&p, id, hash, pr_invitation_get_public_key (f.invitations[2])));

  /* Another member's key, another round id or hash, any changed field. */
  g_assert_false (pr_payload_verify (&p, id, hash, pr_invitation_get_public_key (f.invitations[1])));
  memcpy (other, hash, PR_HASH_LEN);
  other[0] ^= 1;
  g_assert_false (pr_payload_verify (&p, other, hash, pr_invitation_get_public_key (f.invitations[2])));
  g_assert_false (pr_payload_verify (&p, id, other, pr_invitation_get_public_key (f.invitations[2])));
  p.sequence++;
  g_assert_false (pr_payload_verify (&p, id, hash, pr_invitation_get_public_key (f.invitations[2])));
  p.sequence--;
  p.ranking[2] = 3;
  g_assert_false (pr_payload_verify (&p, id, hash, pr_invitation_get_public_key (f.invitations[2])));
  p.ranking[2] = 1;
  p.nonce[0] ^= 1;
  g_assert_false (pr_payload_verify (&p, id, hash, pr_invitation_get_public_key (f.invitations[2])));
  p.nonce[0] ^= 1;
  p.member_index = 1;
  g_assert_false (pr_payload_verify (&p, id, hash, pr_invitation_get_public_key (f.invitations[2])));
  p.member_index = 2;
  g_assert_true (pr_payload_verify (&p, id, hash, pr_invitation_get_public_key (f.invitations[2])));
  ballot_fixture_clear (&f);
}

typedef struct {
  const char *name;
  guint16     ranking[6];
  gsize       n;
  int         code;
} RankingCase;

static const RankingCase ranking_cases[] = {
  { "ok", { 0, 1 }, 2, -1 },
  { "ok-all", { 4, 3, 1, 0 }, 4, -1 },
  { "duplicate", { 0, 1, 0 }, 3, PR_BALLOT_ERROR_RANKING_DUPLICATE },
  { "unknown", { 0, 5 }, 2, PR_BALLOT_ERROR_RANKING_UNKNOWN },
  { "unknown-huge", { 0xffff, 1 }, 2, PR_BALLOT_ERROR_RANKING_UNKNOWN },
  { "self", { 0, 2 }, 2, PR_BALLOT_ERROR_RANKING_SELF },
  { "too-short", { 0 }, 1, PR_BALLOT_ERROR_RANKING_TOO_SHORT },
  { "empty", { 0 }, 0, PR_BALLOT_ERROR_RANKING_TOO_SHORT },
};

static void
test_ranking (gconstpointer data)
{
  const RankingCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pr_payload_check_ranking (2, c->ranking, c->n, 5, 2, &error);

  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, PR_BALLOT_ERROR, c->code);
      g_assert_false (ok);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/payload/sizes", test_sizes);
  g_test_add_func ("/peer-rank/payload/encode-decode", test_encode_decode);
  g_test_add_func ("/peer-rank/payload/decode-strict", test_decode_strict);
  g_test_add_func ("/peer-rank/payload/pad", test_pad);
  g_test_add_func ("/peer-rank/payload/sign-verify", test_sign_verify);
  for (guint i = 0; i < G_N_ELEMENTS (ranking_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/payload/ranking/%s", ranking_cases[i].name);
      g_test_add_data_func (path, &ranking_cases[i], test_ranking);
    }

  return g_test_run ();
}
