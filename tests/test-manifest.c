/* test-manifest.c — round manifests and invitations
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ballot-fixture.h"
#include "pr-ballot-error.h"
#include "pr-roster.h"

static void
test_manifest_new (void)
{
  BallotFixture f;
  const PrManifest *m;
  char fingerprint_re[] = "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$";

  ballot_fixture_init (&f);
  m = f.manifest;
  g_assert_cmpstr (pr_manifest_get_title (m), ==, "Sprint 12 review");
  g_assert_cmpstr (pr_manifest_get_description (m), ==, "Who carried the sprint?");
  g_assert_cmpstr (pr_manifest_get_deadline (m), ==, "2026-12-01");
  g_assert_cmpstr (pr_manifest_get_organizer (m), ==, "Olga Organizer");
  g_assert_cmpuint (pr_manifest_get_min_ranked (m), ==, 2);
  g_assert_cmpuint (pr_manifest_get_min_raters (m), ==, 3);
  g_assert_cmpuint (pr_manifest_get_n_members (m), ==, 5);
  g_assert_cmpstr (pr_manifest_get_member_id (m, 0), ==, "m01");
  g_assert_cmpstr (pr_manifest_get_member_id (m, 4), ==, "m05");
  g_assert_cmpstr (pr_manifest_get_member_name (m, 3), ==, "Dana Weiß");
  g_assert_cmpint (pr_manifest_find_member (m, "m03"), ==, 2);
  g_assert_cmpint (pr_manifest_find_member (m, "m06"), ==, -1);
  g_assert_cmpint (pr_manifest_lookup_member (m, "Bo Chen"), ==, 1);
  g_assert_cmpint (pr_manifest_lookup_member (m, "m02"), ==, 1);
  g_assert_cmpint (pr_manifest_lookup_member (m, "bo chen"), ==, -1);
  g_assert_cmpmem (pr_manifest_get_public_key (m), PR_KX_PUBLIC_LEN, f.public_key, PR_KX_PUBLIC_LEN);
  g_assert_true (g_regex_match_simple (fingerprint_re, pr_manifest_get_fingerprint (m), 0, 0));
  g_assert_cmpuint (pr_payload_round_block_size (m), ==, pr_payload_block_size (5));
  ballot_fixture_clear (&f);
}

static void
test_manifest_hash (void)
{
  BallotFixture f;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PrManifest) back = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  guint8 hash[PR_HASH_LEN];
  gsize len = 0;
  const guint8 *data;

  ballot_fixture_init (&f);
  bytes = pr_manifest_to_bytes (f.manifest);
  data = g_bytes_get_data (bytes, &len);
  pr_crypto_hash (data, len, hash);
  g_assert_cmpmem (hash, PR_HASH_LEN, pr_manifest_get_hash (f.manifest), PR_HASH_LEN);
  g_assert_true (g_str_has_prefix ((const char *) data, "{\"id\":\""));

  root = pr_json_parse (data, len, PR_ROUND_MAX_SIZE, &error);
  g_assert_no_error (error);
  back = pr_manifest_from_json (root, &error);
  g_assert_no_error (error);
  again = pr_manifest_to_bytes (back);
  g_assert_true (g_bytes_equal (bytes, again));
  g_assert_cmpmem (pr_manifest_get_hash (back), PR_HASH_LEN, hash, PR_HASH_LEN);
  g_assert_cmpstr (pr_manifest_get_fingerprint (back), ==, pr_manifest_get_fingerprint (f.manifest));
  ballot_fixture_clear (&f);
}

/* Any change of the manifest changes the hash. */
static void
test_manifest_hash_covers_fields (void)
{
  const char *names[] = { "A", "B", "C", NULL };
  const char *names2[] = { "A", "C", "B", NULL };
  guint8 id[PR_ROUND_ID_LEN] = { 1 }, id2[PR_ROUND_ID_LEN] = { 2 };
  guint8 pk[PR_KX_PUBLIC_LEN] = { 3 }, pk2[PR_KX_PUBLIC_LEN] = { 4 };
  PrManifest *m[8];
  guint n = 0;

  m[n++] = pr_manifest_new (id, "T", "", "", "", 1, 2, names, pk, NULL);
  m[n++] = pr_manifest_new (id2, "T", "", "", "", 1, 2, names, pk, NULL);
  m[n++] = pr_manifest_new (id, "U", "", "", "", 1, 2, names, pk, NULL);
  m[n++] = pr_manifest_new (id, "T", "d", "", "", 1, 2, names, pk, NULL);
  m[n++] = pr_manifest_new (id, "T", "", "2027-01-01", "", 1, 2, names, pk, NULL);
  m[n++] = pr_manifest_new (id, "T", "", "", "", 2, 2, names, pk, NULL);
  m[n++] = pr_manifest_new (id, "T", "", "", "", 1, 2, names2, pk, NULL);
  m[n++] = pr_manifest_new (id, "T", "", "", "", 1, 2, names, pk2, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (m[i]);
      for (guint j = 0; j < i; j++)
        g_assert_true (memcmp (pr_manifest_get_hash (m[i]), pr_manifest_get_hash (m[j]), PR_HASH_LEN) != 0);
    }
  for (guint i = 0; i < n; i++)
    pr_manifest_unref (m[i]);
}

typedef struct {
  const char *name;
  const char *title;
  const char *deadline;
  const char *organizer;
  guint       min_ranked;
  guint       min_raters;
  guint       n_names;
  GQuark      domain;
  int         code;
} NewCase;

static NewCase new_cases[] = {
  { "empty-title", "", "", "", 1, 0, 3, 0, PR_MANIFEST_ERROR_TITLE },
  { "multiline-title", "a\nb", "", "", 1, 0, 3, 0, PR_MANIFEST_ERROR_TITLE },
  { "bad-deadline", "T", "2026-02-30", "", 1, 0, 3, 0, PR_MANIFEST_ERROR_DEADLINE },
  { "deadline-format", "T", "1.12.2026", "", 1, 0, 3, 0, PR_MANIFEST_ERROR_DEADLINE },
  { "organizer-control", "T", "", "O\x01", 1, 0, 3, 0, PR_MANIFEST_ERROR_ORGANIZER },
  { "one-member", "T", "", "", 1, 0, 1, 0, PR_MANIFEST_ERROR_ROSTER_SIZE },
  { "min-ranked-zero", "T", "", "", 0, 0, 3, 0, PR_MANIFEST_ERROR_RULES },
  { "min-ranked-all", "T", "", "", 3, 0, 3, 0, PR_MANIFEST_ERROR_RULES },
  { "min-raters-all", "T", "", "", 1, 3, 3, 0, PR_MANIFEST_ERROR_RULES },
};

static void
test_manifest_new_invalid (gconstpointer data)
{
  const NewCase *c = data;
  const char *names[] = { "A", "B", "C", NULL };
  guint8 pk[PR_KX_PUBLIC_LEN] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrManifest) m = NULL;

  names[c->n_names] = NULL;
  m = pr_manifest_new (NULL, c->title, NULL, c->deadline, c->organizer, c->min_ranked,
                       c->min_raters, names, pk, &error);
  g_assert_error (error, PR_MANIFEST_ERROR, c->code);
  g_assert_null (m);
}

static void
test_manifest_new_bad_names (void)
{
  const char *dup[] = { "Ana", "Bo", "ANA", NULL };
  const char *control[] = { "Ana", "B\to", NULL };
  guint8 pk[PR_KX_PUBLIC_LEN] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrManifest) m = NULL;

  m = pr_manifest_new (NULL, "T", NULL, NULL, NULL, 1, 0, dup, pk, &error);
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE);
  g_assert_null (m);
  g_clear_error (&error);
  m = pr_manifest_new (NULL, "T", NULL, NULL, NULL, 1, 0, control, pk, &error);
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_CONTROL);
  g_assert_null (m);
}

/* Invitations. */

static void
test_invitation_round_trip (void)
{
  BallotFixture f;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PrInvitation) back = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const guint8 *data;

  ballot_fixture_init (&f);
  bytes = pr_invitation_to_bytes (f.invitations[2]);
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (g_str_has_prefix ((const char *) data, "{\"format\":\"peer-rank-invitation\",\"version\":1,\"round\":{"));
  g_assert_cmpint (data[len - 1], ==, '\n');
  g_assert_null (memchr (data, '\n', len - 1));

  back = pr_invitation_parse (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pr_invitation_get_member_index (back), ==, 2);
  g_assert_cmpstr (pr_invitation_get_member_id (back), ==, "m03");
  g_assert_cmpmem (pr_invitation_get_public_key (back), PR_SIGN_PUBLIC_LEN,
                   pr_invitation_get_public_key (f.invitations[2]), PR_SIGN_PUBLIC_LEN);
  g_assert_cmpmem (pr_manifest_get_hash (pr_invitation_get_manifest (back)), PR_HASH_LEN,
                   pr_manifest_get_hash (f.manifest), PR_HASH_LEN);
  g_assert_cmpuint (pr_secret_get_size (pr_invitation_get_signing_key (back)), ==, PR_SIGN_SECRET_LEN);
  again = pr_invitation_to_bytes (back);
  g_assert_true (g_bytes_equal (bytes, again));

  /* Without the trailing newline it is still the same file. */
  g_clear_pointer (&back, pr_invitation_free);
  back = pr_invitation_parse (data, len - 1, &error);
  g_assert_no_error (error);
  ballot_fixture_clear (&f);
}

static void
test_invitation_fresh_keys (void)
{
  BallotFixture f;

  ballot_fixture_init (&f);
  for (guint i = 0; i < f.n_members; i++)
    for (guint j = 0; j < i; j++)
      g_assert_true (memcmp (pr_invitation_get_public_key (f.invitations[i]),
                             pr_invitation_get_public_key (f.invitations[j]), PR_SIGN_PUBLIC_LEN) != 0);
  ballot_fixture_clear (&f);
}

typedef struct {
  const char *name;
  const char *from;  /* textual edit of a valid invitation */
  const char *to;
  int         code;
} EditCase;

static const EditCase invitation_edits[] = {
  { "newer-version", "\"version\":1", "\"version\":2", PR_BALLOT_ERROR_ENVELOPE_NEWER_VERSION },
  { "version-string", "\"version\":1", "\"version\":\"1\"", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE },
  { "ballot-format", "peer-rank-invitation", "peer-rank-ballot", PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND },
  { "unknown-member", "\"member\":", "\"extra\":1,\"member\":", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER },
  { "missing-seed", ",\"seed\":", ",\"seedx\":", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER },
  { "member-unknown", "\"member\":\"m03\"", "\"member\":\"m09\"", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "member-number", "\"member\":\"m03\"", "\"member\":3", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE },
  { "seed-short", "\"seed\":\"", "\"seed\":\"AAAA", PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH },
  { "seed-space", "\"seed\":\"", "\"seed\":\" ", PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "whitespace", "\"member\":", "\"member\": ", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL },
  { "duplicate-key", "\"member\":\"m03\"", "\"member\":\"m01\",\"member\":\"m03\"", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL },
  { "escaped-char", "Sprint 12", "Sprint 1\\u0032", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL },
  { "member-order", "\"format\":\"peer-rank-invitation\",\"version\":1", "\"version\":1,\"format\":\"peer-rank-invitation\"", PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL },
  { "manifest-id", "{\"id\":\"m01\"", "{\"id\":\"x01\"", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "min-ranked-range", "\"min_ranked\":2", "\"min_ranked\":5", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "min-raters-negative", "\"min_raters\":3", "\"min_raters\":-1", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "rules-extra", "\"min_raters\":3", "\"min_raters\":3,\"x\":1", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER },
  { "bad-deadline", "2026-12-01", "2026-13-01", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "empty-title", "Sprint 12 review", "", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "duplicate-name", "Bo Chen", "ana lópez", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "control-name", "Bo Chen", "Bo\\u0007Chen", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "member-not-object", "{\"id\":\"m01\",\"name\":\"Ana López\"}", "\"m01\"", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE },
  { "members-short", "{\"id\":\"m01\",\"name\":\"Ana López\"},", "", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE },
  { "round-not-object", "\"round\":{", "\"round\":[{", PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "public-key-short", "\"public_key\":\"", "\"public_key\":\"AAAA", PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH },
  { "truncated", "\"seed\":", "\"seed", PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  /* Found by fuzz-invitation: json-glib unescapes a lone surrogate into
   * invalid UTF-8. */
  { "lone-surrogate-title", "Sprint 12", "Sprint \\ud800x", PR_BALLOT_ERROR_ENVELOPE_ENCODING },
  { "lone-surrogate-name", "Bo Chen", "Bo \\udc00x", PR_BALLOT_ERROR_ENVELOPE_ENCODING },
  { "lone-surrogate-member", "\"member\":\"m03\"", "\"member\":\"\\ud83dx\"", PR_BALLOT_ERROR_ENVELOPE_ENCODING },
};

static void
test_invitation_edit (gconstpointer data)
{
  const EditCase *c = data;
  BallotFixture f;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(PrInvitation) back = NULL;
  g_autoptr(GError) error = NULL;

  ballot_fixture_init (&f);
  bytes = pr_invitation_to_bytes (f.invitations[2]);
  edited = bytes_replace (bytes, c->from, c->to);
  back = pr_invitation_parse (g_bytes_get_data (edited, NULL), g_bytes_get_size (edited), &error);
  g_assert_error (error, PR_BALLOT_ERROR, c->code);
  g_assert_null (back);
  ballot_fixture_clear (&f);
}

static void
test_invitation_not_an_invitation (void)
{
  const char *cases[] = { "", "[]", "{\"format\":\"peer-rank-invitation\"}", "{}" };
  const int codes[] = { PR_BALLOT_ERROR_ENVELOPE_EMPTY, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT,
                        PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER, PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrInvitation) inv = pr_invitation_parse ((const guint8 *) cases[i], strlen (cases[i]), &error);

      g_assert_error (error, PR_BALLOT_ERROR, codes[i]);
      g_assert_null (inv);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/manifest/new", test_manifest_new);
  g_test_add_func ("/peer-rank/manifest/hash", test_manifest_hash);
  g_test_add_func ("/peer-rank/manifest/hash-covers-fields", test_manifest_hash_covers_fields);
  for (guint i = 0; i < G_N_ELEMENTS (new_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/manifest/invalid/%s", new_cases[i].name);
      g_test_add_data_func (path, &new_cases[i], test_manifest_new_invalid);
    }
  g_test_add_func ("/peer-rank/manifest/invalid/names", test_manifest_new_bad_names);
  g_test_add_func ("/peer-rank/invitation/round-trip", test_invitation_round_trip);
  g_test_add_func ("/peer-rank/invitation/fresh-keys", test_invitation_fresh_keys);
  g_test_add_func ("/peer-rank/invitation/not-an-invitation", test_invitation_not_an_invitation);
  for (guint i = 0; i < G_N_ELEMENTS (invitation_edits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/invitation/edit/%s", invitation_edits[i].name);
      g_test_add_data_func (path, &invitation_edits[i], test_invitation_edit);
    }

  return g_test_run ();
}
