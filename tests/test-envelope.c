/* test-envelope.c — the outer JSON of ballot files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ballot-fixture.h"
#include "pr-ballot-error.h"
#include "pr-envelope.h"

static GBytes *
sample_envelope (void)
{
  guint8 id[PR_ROUND_ID_LEN], epk[PR_KX_PUBLIC_LEN], nonce[PR_AEAD_NONCE_LEN], ct[112];
  g_autoptr(PrEnvelope) envelope = NULL;

  for (guint i = 0; i < sizeof id; i++)
    id[i] = i;
  memset (epk, 0x11, sizeof epk);
  memset (nonce, 0x22, sizeof nonce);
  memset (ct, 0x33, sizeof ct);
  envelope = pr_envelope_new (id, epk, nonce, ct, sizeof ct);
  return pr_envelope_to_bytes (envelope);
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) bytes = sample_envelope ();
  g_autoptr(PrEnvelope) back = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0, canonical_len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *expected_start =
    "{\"format\":\"peer-rank-ballot\",\"version\":1,\"round\":\"AAECAwQFBgcICQoLDA0ODw==\",\"epk\":\"";

  g_assert_true (g_str_has_prefix (data, expected_start));
  g_assert_cmpint (data[len - 1], ==, '\n');
  g_assert_null (memchr (data, '\n', len - 1));

  back = pr_envelope_parse ((const guint8 *) data, len, &canonical_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (canonical_len, ==, len - 1);
  g_assert_cmpuint (back->ct_len, ==, 112);
  g_assert_cmpuint (back->epk[0], ==, 0x11);
  g_assert_cmpuint (back->nonce[23], ==, 0x22);
  g_assert_cmpuint (back->round_id[15], ==, 15);
  again = pr_envelope_to_bytes (back);
  g_assert_true (g_bytes_equal (bytes, again));

  /* A pasted ballot may lose its newline. */
  g_clear_pointer (&back, pr_envelope_free);
  back = pr_envelope_parse ((const guint8 *) data, len - 1, &canonical_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (canonical_len, ==, len - 1);
}

/* INPUTS.md cases 5–17 as edits of a valid envelope. */
typedef struct {
  const char *name;
  const char *from;
  const char *to;
  int         code;
  const char *named;
} EditCase;

static const EditCase edits[] = {
  { "version-2", "\"version\":1", "\"version\":2", PR_BALLOT_ERROR_ENVELOPE_NEWER_VERSION, NULL },
  { "version-string", "\"version\":1", "\"version\":\"1\"", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "version" },
  { "duplicate-member", "\"round\":", "\"round\":\"AAECAwQFBgcICQoLDA0ODw==\",\"round\":", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL, NULL },
  { "unknown-member", "\"ct\":", "\"name\":\"Ana\",\"ct\":", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER, "name" },
  { "missing-nonce", "\"nonce\":", "\"nonce_\":", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER, NULL },
  { "invitation", "peer-rank-ballot", "peer-rank-invitation", PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND, "invitation" },
  { "round-file", "peer-rank-ballot", "peer-rank-round", PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND, "round" },
  { "foreign", "peer-rank-ballot", "vote", PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK, NULL },
  { "base64-space", "\"ct\":\"", "\"ct\":\" ", PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, "ct" },
  { "base64-newline-escape", "\"ct\":\"", "\"ct\":\"\\n", PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, "ct" },
  { "base64-padding", "==\",\"epk\"", "\",\"epk\"", PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, "round" },
  { "epk-short", "\"epk\":\"", "\"epk\":\"AAAA", PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, "epk" },
  { "nonce-long", "\"nonce\":\"", "\"nonce\":\"AAAA", PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, "nonce" },
  { "round-short", "\"round\":\"", "\"round\":\"AAAA", PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, "round" },
  { "space", "\"epk\":", "\"epk\": ", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL, NULL },
  { "order", "\"format\":\"peer-rank-ballot\",\"version\":1", "\"version\":1,\"format\":\"peer-rank-ballot\"", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL, NULL },
  { "escaped-slash", "\"ct\":\"", "\"ct\":\"\\/", PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, NULL },
  { "truncated", "\"ct\":\"", "\"ct\":", PR_BALLOT_ERROR_ENVELOPE_SYNTAX, NULL },
  { "trailing-document", "}\n", "}{}\n", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL, NULL },
  { "nul", "\"ct\"", "\"c\\u0000t\"", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER, NULL },
  { "comment", "{\"format\"", "{/**/\"format\"", PR_BALLOT_ERROR_ENVELOPE_SYNTAX, NULL },
};

static void
test_edit (gconstpointer data)
{
  const EditCase *c = data;
  g_autoptr(GBytes) bytes = sample_envelope ();
  g_autoptr(GBytes) edited = bytes_replace (bytes, c->from, c->to);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrEnvelope) envelope = pr_envelope_parse (g_bytes_get_data (edited, NULL),
                                                      g_bytes_get_size (edited), NULL, &error);

  g_assert_error (error, PR_BALLOT_ERROR, c->code);
  g_assert_null (envelope);
  if (c->named != NULL)
    g_assert_nonnull (strstr (error->message, c->named));
}

typedef struct {
  const char *name;
  const char *bytes;
  gsize       len;
  int         code;
} RawCase;

static const RawCase raw_cases[] = {
  { "empty", "", 0, PR_BALLOT_ERROR_ENVELOPE_EMPTY },
  { "truncated", "{\"format\":\"peer-rank-ballot\",\"vers", 33, PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "nul", "{\"format\"\0:1}", 13, PR_BALLOT_ERROR_ENVELOPE_ENCODING },
  { "latin1", "{\"format\":\"b\xe9\"}", 15, PR_BALLOT_ERROR_ENVELOPE_ENCODING },
  { "array", "[]", 2, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT },
  { "number", "7", 1, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT },
  { "null", "null", 4, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT },
  { "missing-members", "{\"format\":\"peer-rank-ballot\",\"version\":1}", 41, PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER },
};

static void
test_raw (gconstpointer data)
{
  const RawCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrEnvelope) envelope = pr_envelope_parse ((const guint8 *) c->bytes, c->len, NULL, &error);

  g_assert_error (error, PR_BALLOT_ERROR, c->code);
  g_assert_null (envelope);
}

/* INPUTS.md case 10: a member of the wrong type is named. */
static void
test_wrong_types (void)
{
  const char *members[] = { "round", "epk", "nonce", "ct" };
  const char *values[] = { "123", "null", "true", "[]", "{}" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    for (guint j = 0; j < G_N_ELEMENTS (values); j++)
      {
        g_autoptr(GBytes) bytes = sample_envelope ();
        g_autofree char *value = bytes_member_value (bytes, members[i]);
        g_autofree char *from = g_strdup_printf ("\"%s\":\"%s\"", members[i], value);
        g_autofree char *to = g_strdup_printf ("\"%s\":%s", members[i], values[j]);
        g_autoptr(GBytes) edited = bytes_replace (bytes, from, to);
        g_autoptr(GError) error = NULL;
        g_autoptr(PrEnvelope) envelope = pr_envelope_parse (g_bytes_get_data (edited, NULL),
                                                            g_bytes_get_size (edited), NULL, &error);
        g_autofree char *quoted = g_strdup_printf ("“%s”", members[i]);

        g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE);
        g_assert_nonnull (strstr (error->message, quoted));
        g_assert_null (envelope);
      }
}

static void
test_deep (void)
{
  gsize n = 100000;
  g_autofree guint8 *data = g_malloc (n);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrEnvelope) envelope = NULL;

  memset (data, '[', n);
  /* Under the size cap the depth check must still catch it. */
  envelope = pr_envelope_parse (data, PR_ENVELOPE_MAX_SIZE, NULL, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_TOO_DEEP);
  g_clear_error (&error);
  envelope = pr_envelope_parse (data, n, NULL, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_FS_TOO_LARGE);
}

static void
test_ct_too_long (void)
{
  guint8 zero[PR_ROUND_ID_LEN + PR_KX_PUBLIC_LEN + PR_AEAD_NONCE_LEN] = { 0 };
  g_autofree guint8 *ct = g_malloc0 (PR_ENVELOPE_MAX_CT + 3);
  g_autoptr(PrEnvelope) big = pr_envelope_new (zero, zero, zero, ct, PR_ENVELOPE_MAX_CT + 3);
  g_autoptr(GBytes) bytes = pr_envelope_to_bytes (big);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrEnvelope) back = pr_envelope_parse (g_bytes_get_data (bytes, NULL),
                                                  g_bytes_get_size (bytes), NULL, &error);

  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH);
  g_assert_null (back);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/envelope/round-trip", test_round_trip);
  g_test_add_func ("/peer-rank/envelope/deep", test_deep);
  g_test_add_func ("/peer-rank/envelope/wrong-types", test_wrong_types);
  g_test_add_func ("/peer-rank/envelope/ct-too-long", test_ct_too_long);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/envelope/edit/%s", edits[i].name);
      g_test_add_data_func (path, &edits[i], test_edit);
    }
  for (guint i = 0; i < G_N_ELEMENTS (raw_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/envelope/raw/%s", raw_cases[i].name);
      g_test_add_data_func (path, &raw_cases[i], test_raw);
    }

  return g_test_run ();
}
