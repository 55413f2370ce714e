/* test-testkit.c — replays tests/testkit/: every hostile input and its outcome
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-envelope.h"
#include "pr-import.h"
#include "pr-keyfile.h"
#include "pr-mail-compose.h"
#include "pr-mail.h"
#include "pr-payload.h"
#include "pr-roster.h"
#include "pr-store-check.h"
#include "mail-fixture.h"
#include "store-fixture.h"

typedef struct {
  char *file;      /* without the "@" */
  gboolean named;
  char *status;
  char *klass;
  char *code;
} Case;

typedef struct {
  PrManifest *manifest;
  GPtrArray  *inv;
  char       *cases;
  char       *named;
  char       *round;
  char       *rounds;   /* the round folder cases, copies of @round */
} Kit;

static Kit kit;
static GPtrArray *all_cases;
static GHashTable *results;   /* file name → PrImportResult */
static PrImportReport *report;

/* ---- building blocks ---- */

static GBytes *
valid (guint   voter,
       guint64 sequence,
       int     a,
       int     b)
{
  const int ranks[] = { a, b, -1 };

  return fixture_seal (kit.inv, voter, sequence, ranks);
}

static void
write_take (const char *dir,
            const char *name,
            GBytes     *bytes)
{
  fixture_write (dir, name, bytes);
  g_bytes_unref (bytes);
}

static void
put (const char *name,
     GBytes     *bytes)
{
  fixture_write (kit.cases, name, bytes);
}

static void
put_take (const char *name,
          GBytes     *bytes)
{
  put (name, bytes);
  g_bytes_unref (bytes);
}

/* A signed payload of @member (signed with @signer's key) ranking @ranks. */
static GBytes *
payload_ballot (guint      member,
                guint      signer,
                guint64    sequence,
                const int *ranks)
{
  g_autofree PrPayload *payload = g_new0 (PrPayload, 1);
  PrInvitation *invitation = g_ptr_array_index (kit.inv, signer);

  payload->member_index = (guint16) member;
  payload->sequence = sequence;
  pr_crypto_random (payload->nonce, PR_PAYLOAD_NONCE_LEN);
  while (ranks[payload->n_ranked] >= 0)
    {
      payload->ranking[payload->n_ranked] = (guint16) ranks[payload->n_ranked];
      payload->n_ranked++;
    }
  pr_payload_sign (payload, pr_manifest_get_id (kit.manifest), pr_manifest_get_hash (kit.manifest),
                   pr_invitation_get_signing_key (invitation));
  return pr_ballot_seal_payload (kit.manifest, payload);
}

typedef void (*Mutate) (PrEnvelope *envelope);

static GBytes *
mutate (GBytes *bytes,
        Mutate  func)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrEnvelope) envelope = pr_envelope_parse (g_bytes_get_data (bytes, NULL),
                                                      g_bytes_get_size (bytes), NULL, &error);

  g_assert_no_error (error);
  func (envelope);
  return pr_envelope_to_bytes (envelope);
}

static void flip_ct (PrEnvelope *e) { e->ct[e->ct_len / 2] ^= 0x10; }
static void flip_nonce (PrEnvelope *e) { e->nonce[3] ^= 0x01; }
static void flip_epk (PrEnvelope *e) { e->epk[7] ^= 0x04; }
static void flip_round (PrEnvelope *e) { e->round_id[0] ^= 0x80; }
static void zero_epk (PrEnvelope *e) { memset (e->epk, 0, sizeof e->epk); }
static void cut_ct (PrEnvelope *e) { e->ct_len -= 1; }

static void
extend_ct (PrEnvelope *e)
{
  e->ct = g_realloc (e->ct, e->ct_len + 16);
  memset (e->ct + e->ct_len, 0xaa, 16);
  e->ct_len += 16;
}

/* Encrypts raw plaintext of the block size to the round's key. */
static GBytes *
raw_block (const guint8 *payload,
           gsize         len,
           gboolean      pad)
{
  gsize block = pr_payload_round_block_size (kit.manifest);
  g_autofree guint8 *buf = g_malloc0 (block);

  if (payload != NULL)
    memcpy (buf, payload, MIN (len, block));
  if (pad)
    g_assert_true (pr_payload_pad (buf, len, block));
  else
    randombytes_buf (buf, block);
  return pr_ballot_seal_raw (kit.manifest, buf, block);
}

static GBytes *
encoded_payload (guint16 n_ranked_field,
                 gsize   extra)
{
  g_autofree PrPayload *payload = g_new0 (PrPayload, 1);
  guint8 buf[512];
  gsize len;

  payload->member_index = 0;
  payload->sequence = 77;
  payload->n_ranked = 2;
  payload->ranking[0] = 1;
  payload->ranking[1] = 2;
  pr_payload_sign (payload, pr_manifest_get_id (kit.manifest), pr_manifest_get_hash (kit.manifest),
                   pr_invitation_get_signing_key (g_ptr_array_index (kit.inv, 0)));
  len = pr_payload_encode (payload, buf, sizeof buf);
  g_assert_cmpuint (len, >, 0);
  buf[27] = n_ranked_field & 0xff;
  buf[28] = n_ranked_field >> 8;
  memset (buf + len, 0x5a, extra);
  return raw_block (buf, len + extra, TRUE);
}

/* ---- the generated cases ---- */

static void
gen_fs (void)
{
  g_autofree char *dir = g_build_filename (kit.cases, "01-directory.json", NULL);
  g_autofree char *loop = g_build_filename (kit.cases, "02a-symlink-loop.json", NULL);
  g_autofree char *named_loop = g_build_filename (kit.named, "02b-symlink-loop-named.json", NULL);
  g_autofree char *unreadable = g_build_filename (kit.cases, "03-unreadable.json", NULL);
  g_autofree char *big = g_build_filename (kit.cases, "04-100mb.json", NULL);
  g_autofree char *fifo = g_build_filename (kit.cases, "50-fifo.json", NULL);
  g_autofree char *target = g_build_filename (kit.named, "ballot-of-m06.json", NULL);
  g_autofree char *link = g_build_filename (kit.named, "54-named-link-to-ballot.json", NULL);
  FILE *f;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (symlink (loop, loop), ==, 0);
  g_assert_cmpint (symlink (named_loop, named_loop), ==, 0);
  put_take ("03-unreadable.json", valid (0, 100, 1, 2));
  g_assert_cmpint (g_chmod (unreadable, 0), ==, 0);
  f = fopen (big, "w");
  g_assert_cmpint (ftruncate (fileno (f), 100 * 1024 * 1024), ==, 0);
  fclose (f);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  write_take (kit.named, "ballot-of-m06.json", valid (5, 100, 0, 1));
  g_assert_cmpint (symlink (target, link), ==, 0);
}

static void
gen_envelope (void)
{
  g_autoptr(GBytes) ballot = valid (1, 100, 0, 2);
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *pretty = NULL;
  g_autofree char *crlf = NULL;
  g_autoptr(GBytes) invitation = pr_invitation_to_bytes (g_ptr_array_index (kit.inv, 0));
  g_autofree char *round_file = g_build_filename (kit.round, PR_STORE_ROUND_FILE, NULL);
  g_autofree char *round_text = NULL;
  gsize round_len = 0;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  write_take (kit.cases, "07a-deep-nesting.json", g_bytes_new_static (deep, 16000));
  write_take (kit.cases, "07b-deep-nesting-100k.json", g_bytes_new_static (deep, 100000));
  put ("14a-invitation-as-ballot.json", invitation);
  g_assert_true (g_file_get_contents (round_file, &round_text, &round_len, NULL));
  put_take ("14b-round-as-ballot.json", g_bytes_new (round_text, round_len));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (ballot, NULL),
                                             (gssize) g_bytes_get_size (ballot), NULL));
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  pretty = json_generator_to_data (generator, NULL);
  put_take ("37-pretty-printed.json", g_bytes_new (pretty, strlen (pretty)));
  crlf = g_strndup (g_bytes_get_data (ballot, NULL), g_bytes_get_size (ballot) - 1);
  put_take ("38-crlf-ending.json", g_bytes_new_take (g_strconcat (crlf, "\r\n", NULL),
                                                    strlen (crlf) + 2));
}

static void
gen_route_crypto (void)
{
  g_autoptr(GBytes) ballot = valid (1, 100, 0, 2);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Other A", "Other B", "Other C", NULL };
  g_autoptr(PrManifest) other_id = NULL;
  g_autoptr(PrManifest) same_id = NULL;
  g_autoptr(PrInvitation) other_inv = NULL;
  g_autoptr(PrInvitation) same_inv = NULL;
  const guint16 ranking[] = { 1, 2 };

  put_take ("18-unknown-round.json", mutate (ballot, flip_round));
  put_take ("19a-flip-ct.json", mutate (ballot, flip_ct));
  put_take ("19b-flip-nonce.json", mutate (ballot, flip_nonce));
  put_take ("19c-flip-epk.json", mutate (ballot, flip_epk));
  put_take ("20a-ct-truncated.json", mutate (ballot, cut_ct));
  put_take ("20b-ct-extended.json", mutate (ballot, extend_ct));
  put_take ("39-low-order-epk.json", mutate (ballot, zero_epk));

  /* The same organizer key in another round, and a forged manifest that
   * reuses this round's id: the first is routed away, the second fails
   * the associated data (round hash). */
  other_id = pr_manifest_new (NULL, "Another round", NULL, NULL, NULL, 2, 1, names,
                              pr_manifest_get_public_key (kit.manifest), &error);
  g_assert_no_error (error);
  same_id = pr_manifest_new (pr_manifest_get_id (kit.manifest), "Forged round", NULL, NULL, NULL,
                             2, 1, names, pr_manifest_get_public_key (kit.manifest), &error);
  g_assert_no_error (error);
  other_inv = pr_invitation_new (other_id, 0);
  same_inv = pr_invitation_new (same_id, 0);
  put_take ("21a-other-round-same-organizer.json",
            pr_ballot_seal (other_inv, ranking, 2, 100, NULL, &error));
  put_take ("21b-same-id-other-manifest.json",
            pr_ballot_seal (same_inv, ranking, 2, 100, NULL, &error));
  g_assert_no_error (error);
}

static void
gen_payload_eligibility_ranking (void)
{
  const int ok[] = { 1, 2, -1 }, dup[] = { 1, 1, -1 }, unknown[] = { 1, 9, -1 };
  const int self[] = { 0, 1, -1 }, shorter[] = { 1, -1 };

  put_take ("22-length-field-too-large.json", encoded_payload (0x00ff, 0));
  put_take ("51-trailing-payload-bytes.json", encoded_payload (2, 3));
  put_take ("52-bad-padding.json", raw_block (NULL, 0, FALSE));
  put_take ("23-member-out-of-range.json", payload_ballot (6, 0, 100, ok));
  put_take ("24-signed-by-other-member.json", payload_ballot (0, 1, 100, ok));
  put_take ("25-ranking-duplicate.json", payload_ballot (0, 0, 100, dup));
  put_take ("26-ranking-unknown.json", payload_ballot (0, 0, 100, unknown));
  put_take ("27-ranking-self.json", payload_ballot (0, 0, 100, self));
  put_take ("28-ranking-too-short.json", payload_ballot (0, 0, 100, shorter));
}

static void
gen_outcomes (void)
{
  g_autofree PrPayload *payload = g_new0 (PrPayload, 1);
  g_autoptr(GBytes) original = NULL;

  /* 29a and 29c share one signed payload, encrypted twice. */
  payload->member_index = 2;
  payload->sequence = 100;
  payload->n_ranked = 2;
  payload->ranking[0] = 0;
  payload->ranking[1] = 1;
  pr_crypto_random (payload->nonce, PR_PAYLOAD_NONCE_LEN);
  pr_payload_sign (payload, pr_manifest_get_id (kit.manifest), pr_manifest_get_hash (kit.manifest),
                   pr_invitation_get_signing_key (g_ptr_array_index (kit.inv, 2)));
  original = pr_ballot_seal_payload (kit.manifest, payload);
  put ("29a-original.json", original);
  put ("29b-same-file-again.json", original);
  put_take ("29c-same-payload-reencrypted.json", pr_ballot_seal_payload (kit.manifest, payload));
  fixture_write (kit.named, "29d-original-named-again.json", original);
  put_take ("30a-newer.json", valid (3, 200, 0, 1));
  put_take ("30b-older.json", valid (3, 100, 0, 1));
  put_take ("34-same-sequence-other-content.json", valid (3, 200, 1, 0));
  put_take ("35-dated-far-ahead.json", valid (4, (guint64) fixture_now () + 3 * 24 * 3600, 0, 1));
  put_take ("36-revision.json", valid (2, 150, 1, 0));
}

/* ---- the round folder cases (issue #20) ---- */

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* The journal's complete lines, each without its newline. */
static GStrv
journal_lines (const char *dir)
{
  g_autofree char *text = read_file (dir, PR_STORE_JOURNAL_FILE);

  g_assert_true (g_str_has_suffix (text, "\n"));
  text[strlen (text) - 1] = '\0';
  return g_strsplit (text, "\n", -1);
}

static void
write_lines (const char *dir,
             GStrv       lines)
{
  g_autofree char *joined = g_strjoinv ("\n", lines);
  g_autofree char *text = g_strconcat (joined, "\n", NULL);

  write_file (dir, PR_STORE_JOURNAL_FILE, text);
}

/* Replaces the first @old in @name of @dir by @new. */
static void
replace_once (const char *dir,
              const char *name,
              const char *old,
              const char *new)
{
  g_autofree char *text = read_file (dir, name);
  g_autoptr(GString) edited = g_string_new (text);

  g_assert_cmpuint (g_string_replace (edited, old, new, 1), ==, 1);
  write_file (dir, name, edited->str);
}

/* The value of the @index-th "@member":"…" in @text. */
static char *
nth_value (const char *text,
           const char *member,
           guint       index)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\":\"([^\"]*)\"", member);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  for (guint i = 0; i < index; i++)
    g_assert_true (g_match_info_next (match, NULL));
  g_assert_true (g_match_info_matches (match));
  return g_match_info_fetch (match, 1);
}

/* Each edit returns what the refusal must name. */
typedef char *(*EditFolder) (const char *dir);

static char *
voter_key_swapped (const char *dir)
{
  g_autofree char *round = read_file (dir, PR_STORE_ROUND_FILE);
  g_autofree char *key = nth_value (round, "key", 1);
  guint8 other[PR_SIGN_PUBLIC_LEN];
  g_autofree char *forged = NULL;

  pr_crypto_random (other, sizeof other);
  forged = g_base64_encode (other, sizeof other);
  replace_once (dir, PR_STORE_ROUND_FILE, key, forged);
  return g_strdup ("member m02");
}

static char *
voter_mac_edited (const char *dir)
{
  g_autofree char *round = read_file (dir, PR_STORE_ROUND_FILE);
  g_autofree char *mac = nth_value (round, "mac", 2);
  g_autofree char *edited = g_strdup (mac);

  edited[0] = edited[0] == 'A' ? 'B' : 'A';
  replace_once (dir, PR_STORE_ROUND_FILE, mac, edited);
  return g_strdup ("member m03");
}

static char *
voter_mac_removed (const char *dir)
{
  g_autofree char *round = read_file (dir, PR_STORE_ROUND_FILE);
  g_autofree char *mac = nth_value (round, "mac", 0);
  g_autofree char *member = g_strdup_printf (",\"mac\":\"%s\"", mac);

  replace_once (dir, PR_STORE_ROUND_FILE, member, "");
  return g_strdup ("round.json");
}

static char *
journal_line_mac_edited (const char *dir)
{
  g_auto(GStrv) lines = journal_lines (dir);
  char *hex = strstr (lines[1], ",\"mac\":\"") + 8;

  *hex = *hex == '0' ? '1' : '0';
  write_lines (dir, lines);
  return g_strdup ("journal.jsonl, line 2:");
}

static char *
journal_status_edited (const char *dir)
{
  g_auto(GStrv) lines = journal_lines (dir);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) line = g_string_new (lines[i]);

      if (g_string_replace (line, "\"status\":\"accepted\"", "\"status\":\"stale\"", 1) == 0)
        continue;
      g_free (lines[i]);
      lines[i] = g_string_free (g_steal_pointer (&line), FALSE);
      write_lines (dir, lines);
      return g_strdup_printf ("journal.jsonl, line %u:", i + 1);
    }
  g_assert_not_reached ();
}

static char *
journal_lines_reordered (const char *dir)
{
  g_auto(GStrv) lines = journal_lines (dir);
  char *second = lines[1];

  lines[1] = lines[2];
  lines[2] = second;
  write_lines (dir, lines);
  return g_strdup ("journal.jsonl, line 2:");
}

static char *
journal_line_repeated (const char *dir)
{
  g_auto(GStrv) lines = journal_lines (dir);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) repeated = NULL;

  g_strv_builder_add (builder, lines[0]);
  g_strv_builder_add (builder, lines[1]);
  g_strv_builder_addv (builder, (const char **) lines + 1);
  repeated = g_strv_builder_end (builder);
  write_lines (dir, repeated);
  return g_strdup ("journal.jsonl, line 3:");
}

static char *
journal_macs_stripped (const char *dir)
{
  g_autofree char *journal = read_file (dir, PR_STORE_JOURNAL_FILE);
  g_autoptr(GRegex) mac = g_regex_new (",\"mac\":\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *stripped = g_regex_replace_literal (mac, journal, -1, 0, "", 0, NULL);

  write_file (dir, PR_STORE_JOURNAL_FILE, stripped);
  /* Here: not the line this computer saw; elsewhere: not authenticated
   * though round.json is (so not taken for an old round). */
  return g_strdup ("journal.jsonl, line ");
}

static char *
journal_truncated (const char *dir)
{
  g_auto(GStrv) lines = journal_lines (dir);
  guint n = g_strv_length (lines);

  g_clear_pointer (&lines[n - 1], g_free);
  write_lines (dir, lines);
  /* Here: the line this computer saw; elsewhere: the ballot it named. */
  return g_strdup (strstr (dir, "elsewhere") != NULL ? "not in the import journal"
                                                     : "which this computer saw, is missing");
}

static char *
journal_deleted (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, PR_STORE_JOURNAL_FILE, NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  return g_strdup ("(the journal has 0 lines)");
}

static char *
rolled_back (const char *dir)
{
  return g_strdup ("which this computer saw, is missing");
}

static char *
made_legacy (const char *dir)
{
  /* The anchor is the original round's too: kept. */
  fixture_make_legacy (dir, TRUE);
  return g_strdup ("earlier Peer Rank");
}

static const struct {
  const char *file;
  EditFolder  edit;
  gboolean    before_import;  /* a copy of the folder before the kit's import */
} round_cases[] = {
  { "60a-voter-key-swapped.round", voter_key_swapped, FALSE },
  { "60b-voter-mac-edited.round", voter_mac_edited, FALSE },
  { "60c-voter-mac-removed.round", voter_mac_removed, FALSE },
  { "61a-journal-line-mac-edited.round", journal_line_mac_edited, FALSE },
  { "61b-journal-status-edited.round", journal_status_edited, FALSE },
  { "61c-journal-lines-reordered.round", journal_lines_reordered, FALSE },
  { "61d-journal-line-repeated.round", journal_line_repeated, FALSE },
  { "61e-journal-macs-stripped.round", journal_macs_stripped, FALSE },
  { "61f-journal-macs-stripped-elsewhere.round", journal_macs_stripped, FALSE },
  { "62a-journal-truncated.round", journal_truncated, FALSE },
  { "62b-journal-truncated-elsewhere.round", journal_truncated, FALSE },
  { "62c-journal-deleted.round", journal_deleted, FALSE },
  { "63a-folder-rolled-back.round", rolled_back, TRUE },
  { "63b-folder-rolled-back-elsewhere.round", rolled_back, TRUE },
  { "64-legacy-elsewhere.round", made_legacy, FALSE },
};

/* file name → what the refusal must name */
static GHashTable *round_names;

/* Copies the fixture round for each case, before the import when the
 * case wants it, after it otherwise (@imported), and edits the copy. */
static void
gen_rounds (gboolean imported)
{
  if (round_names == NULL)
    round_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (round_cases); i++)
    {
      g_autofree char *dir = g_build_filename (kit.rounds, round_cases[i].file, NULL);

      if (round_cases[i].before_import == imported)
        continue;
      fixture_copy_tree (kit.round, dir);
      if (imported)
        g_hash_table_insert (round_names, (gpointer) round_cases[i].file,
                             round_cases[i].edit (dir));
    }
  for (guint i = 0; imported && i < G_N_ELEMENTS (round_cases); i++)
    {
      g_autofree char *dir = g_build_filename (kit.rounds, round_cases[i].file, NULL);

      if (round_cases[i].before_import)
        g_hash_table_insert (round_names, (gpointer) round_cases[i].file,
                             round_cases[i].edit (dir));
    }
}

/* ---- mail files (issue #17) ---- */

static GBytes *
mail_with (const char *type,
           const char *name,
           GBytes     *attached)
{
  g_autofree char *b64 = mail_fixture_base64_lines (attached);
  char *text = g_strdup_printf ("From: Ana <ana@example.org>\nSubject: ballot\nMIME-Version: 1.0\n"
                                "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
                                "--b\nContent-Type: text/plain\n\nHere.\n"
                                "--b\nContent-Type: %s; name=\"%s\"\nContent-Transfer-Encoding: base64\n\n"
                                "%s\n--b--\n", type, name, b64);

  return g_bytes_new_take (text, strlen (text));
}

static void
gen_mail (void)
{
  GString *deep = g_string_new ("From: x@example.org\n");
  g_autoptr(GBytes) invitation = pr_invitation_to_bytes (g_ptr_array_index (kit.inv, 0));
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autofree char *cases_29a = g_build_filename (kit.cases, "29a-original.json", NULL);
  g_autofree char *line = NULL, *b64 = NULL, *flipped64 = NULL, *big = g_strnfill (100000, 'x');
  g_autoptr(GBytes) big_bytes = g_bytes_new_static (big, strlen (big));
  g_autofree char *mbox = NULL, *forwarded = NULL;
  g_autofree char *link = g_build_filename (kit.cases, "80-mail-symlink.eml", NULL);
  g_autofree char *target = g_build_filename (kit.named, "ballot-of-m06.json", NULL);
  g_autofree char *dir = g_build_filename (kit.cases, "81-mail-directory.mbox", NULL);
  g_autofree char *huge = g_build_filename (kit.cases, "82-mail-too-large.mbox", NULL);
  gsize len = 0;
  FILE *f;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (deep, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  put_take ("72-mail-deep-nesting.eml", g_string_free_to_bytes (deep));
  put_take ("75-mail-invitation-attached.eml", mail_with (PR_MAIL_INVITATION_TYPE, "ana.json", invitation));
  put_take ("76-mail-huge-attachment.eml", mail_with ("application/json", "big.json", big_bytes));
  /* 29a again, attached and pasted: the ballot, not its transport, counts. */
  g_assert_true (g_file_get_contents (cases_29a, &line, &len, NULL));
  original = g_bytes_new (line, len);
  b64 = mail_fixture_base64_lines (original);
  mbox = g_strdup_printf ("From ana@example.org Sun Mar  1 10:00:00 2026\n"
                          "From: Ana <ana@example.org>\nMIME-Version: 1.0\n"
                          "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nmine\n"
                          "--b\nContent-Type: application/json; name=\"b.json\"\n"
                          "Content-Transfer-Encoding: base64\n\n%s\n--b--\n\n"
                          "From ana@example.org Sun Mar  1 10:05:00 2026\n"
                          "From: Ana <ana@example.org>\nContent-Type: text/plain\n\nPasted:\n\n%s\n"
                          "From bo@example.org Sun Mar  1 10:10:00 2026\n"
                          "From: Bo <bo@example.org>\n\nNo ballot, sorry.\n", b64, line);
  put_take ("77-mail-duplicate.mbox", g_bytes_new (mbox, strlen (mbox)));
  /* A damaged ballot inside a forwarded message. */
  flipped = mutate (original, flip_ct);
  flipped64 = mail_fixture_base64_lines (flipped);
  forwarded = g_strdup_printf ("From: Org <org@example.org>\nMIME-Version: 1.0\n"
                               "Content-Type: multipart/mixed; boundary=\"fw\"\n\n"
                               "--fw\nContent-Type: text/plain\n\nForwarded.\n"
                               "--fw\nContent-Type: message/rfc822\n\n"
                               "From: Ana <ana@example.org>\nMIME-Version: 1.0\n"
                               "Content-Type: multipart/mixed; boundary=\"in\"\n\n"
                               "--in\nContent-Type: text/plain\n\nmine\n"
                               "--in\nContent-Type: application/json; name=\"b.json\"\n"
                               "Content-Transfer-Encoding: base64\n\n%s\n--in--\n\n--fw--\n", flipped64);
  put_take ("78-mail-forwarded-flipped.eml", g_bytes_new (forwarded, strlen (forwarded)));
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  f = fopen (huge, "w");
  g_assert_cmpint (ftruncate (fileno (f), PR_MAIL_MAX_SIZE + 1), ==, 0);
  fclose (f);
}

static void
copy_static (const char *srcdir)
{
  g_autoptr(GDir) d = g_dir_open (srcdir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (srcdir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".eml") &&
          !g_str_has_suffix (name, ".mbox"))
        continue;
      g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
      write_take (kit.cases, name, g_bytes_new_take (g_steal_pointer (&contents), len));
    }
}

/* ---- expected.txt ---- */

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->file);
  g_free (c->status);
  g_free (c->klass);
  g_free (c->code);
  g_free (c);
}

static GPtrArray *
read_expected (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      Case *c;

      if (lines[i][0] == '#' || g_strstrip (lines[i])[0] == '\0')
        continue;
      f = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      c = g_new0 (Case, 1);
      c->named = f[0][0] == '@';
      c->file = g_strdup (f[0] + (c->named ? 1 : 0));
      c->status = g_strdup (f[1]);
      c->klass = g_strdup (f[2]);
      c->code = g_strdup (f[3]);
      g_ptr_array_add (cases, c);
    }
  return cases;
}

/* ---- the checks ---- */

static void
check_import_case (const Case *c)
{
  PrImportResult *r = g_hash_table_lookup (results, c->file);

  g_assert_nonnull (r);
  if (r == NULL)
    return;
  if (g_str_equal (c->file, "03-unreadable.json") && geteuid () == 0)
    {
      g_test_skip ("root reads files of mode 000");
      return;
    }
  g_assert_cmpstr (pr_ballot_status_to_string (r->status), ==, c->status);
  if (g_str_equal (c->klass, "-"))
    g_assert_null (r->error_class);
  else
    g_assert_cmpstr (r->error_class, ==, c->klass);
  if (!g_str_equal (c->code, "-"))
    g_assert_cmpstr (r->code, ==, c->code);
  g_assert_nonnull (r->message);
  g_assert_cmpstr (r->message, !=, "");
}

static const char *
roster_token (int code)
{
  switch (code)
    {
    case PR_ROSTER_ERROR_NAME_TOO_LONG: return "name-too-long";
    case PR_ROSTER_ERROR_NAME_CONTROL: return "name-control";
    case PR_ROSTER_ERROR_NAME_DUPLICATE: return "name-duplicate";
    default: return "other";
    }
}

static void
check_refused_case (const Case *c)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "testkit", c->file, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  if (g_str_equal (c->klass, "roster"))
    {
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_null (pr_roster_parse ((const guint8 *) data, len, g_str_has_suffix (c->file, ".csv"),
                                      &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == PR_ROSTER_ERROR);
      g_assert_cmpstr (roster_token (error->code), ==, c->code);
    }
  else if (g_str_has_suffix (c->file, ".key"))
    {
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_false (pr_keyfile_check ((const guint8 *) data, len, &error));
      g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_KEY_LIMITS);
      g_assert_cmpstr (pr_ballot_error_token (error->code), ==, c->code);
    }
  else
    {
      g_autofree char *key = g_build_filename (kit.round, PR_STORE_KEY_FILE, NULL);
      g_autofree char *before = NULL, *after = NULL;
      g_autoptr(PrStore) store = pr_store_open (kit.round, &error);

      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (key, &before, NULL, NULL));
      g_assert_null (pr_store_unlock (store, "wrong", &error));
      g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE);
      g_assert_cmpstr (error->message, ==,
                       pr_ballot_error_message (PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE));
      g_assert_true (g_file_get_contents (key, &after, NULL, NULL));
      g_assert_cmpstr (before, ==, after);
    }
}

static const char *
store_token (int code)
{
  switch (code)
    {
    case PR_STORE_ERROR_TAMPERED: return "tampered";
    case PR_STORE_ERROR_DAMAGED: return "damaged";
    case PR_STORE_ERROR_UNJOURNALED: return "unjournaled";
    case PR_STORE_ERROR_LEGACY: return "legacy";
    case PR_STORE_ERROR_ROLLED_BACK: return "rolled-back";
    default: return "other";
    }
}

/* Unlocks the edited copy (as on another computer: without this one's
 * anchor, for "elsewhere") and checks that nothing stored is left out. */
static void
check_round_case (const Case *c)
{
  g_autofree char *dir = g_build_filename (kit.rounds, c->file, NULL);
  g_autofree char *anchor = pr_round_anchor_path (kit.manifest);
  g_autofree char *aside = g_strconcat (anchor, ".aside", NULL);
  gboolean elsewhere = strstr (c->file, "elsewhere") != NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;

  if (elsewhere)
    g_assert_cmpint (g_rename (anchor, aside), ==, 0);
  if ((store = pr_store_open (dir, &error)) != NULL &&
      (opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, &error)) != NULL)
    pr_store_check_complete (store, &error);
  /* Back: what the unlock elsewhere recorded is not this computer's. */
  if (elsewhere)
    g_assert_cmpint (g_rename (aside, anchor), ==, 0);
  if (g_str_equal (c->status, "accepted"))
    {
      g_assert_no_error (error);
      return;
    }
  g_assert_nonnull (error);
  if (error == NULL)
    return;
  g_assert_true (error->domain == PR_STORE_ERROR);
  g_assert_cmpstr (store_token (error->code), ==, c->code);
  g_assert_nonnull (strstr (error->message, g_hash_table_lookup (round_names, c->file)));
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;

  if (g_str_has_suffix (c->file, ".round"))
    check_round_case (c);
  else if (g_str_equal (c->status, "refused"))
    check_refused_case (c);
  else
    check_import_case (c);
}

/* Nothing accepted changes: after the hostile folder, the counted
 * ballots are exactly those of the valid cases. */
static void
test_counted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (kit.round, &error);
  /* m02: 38-crlf-ending, a valid ballot whose line ending a mail gateway
   * changed (issue #20: the transport is not the content). */
  const gboolean voted[] = { FALSE, TRUE, TRUE, TRUE, FALSE, TRUE };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (voted); i++)
    {
      if (i == 0 && geteuid () == 0)
        continue;  /* 03-unreadable is a valid ballot of m01 that root can read */
      g_assert_cmpint (pr_store_member_voted (store, i), ==, voted[i]);
    }
  g_assert_cmpuint (report->results->len, ==, g_hash_table_size (results));
}

/* A result's case: its path inside the folder of cases (or of named
 * files), which for a ballot found in mail goes on after the file's
 * name: "77-mail-duplicate.mbox#1/2". */
static char *
case_name (const char *path)
{
  const char *dirs[] = { kit.cases, kit.named };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      gsize n = strlen (dirs[i]);

      if (strncmp (path, dirs[i], n) == 0 && path[n] == '/')
        return g_strdup (path + n + 1);
    }
  return g_path_get_basename (path);
}

static void
run_kit (void)
{
  g_autoptr(PrStore) store = pr_store_open (kit.round, NULL);
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, NULL);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(GError) error = NULL;

  pr_import_input_add_path (input, kit.cases);
  for (guint i = 0; i < all_cases->len; i++)
    {
      Case *c = g_ptr_array_index (all_cases, i);
      g_autofree char *path = g_build_filename (kit.named, c->file, NULL);

      if (c->named)
        pr_import_input_add_path (input, path);
    }
  report = pr_import_run (store, opener, input, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < report->results->len; i++)
    {
      PrImportResult *r = g_ptr_array_index (report->results, i);

      g_hash_table_insert (results, case_name (r->path), r);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *srcdir = NULL;
  g_autoptr(PrStore) store = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  tmp = fixture_tmpdir ();
  kit.round = g_build_filename (tmp, "round", NULL);
  kit.cases = g_build_filename (tmp, "cases", NULL);
  kit.named = g_build_filename (tmp, "named", NULL);
  kit.rounds = g_build_filename (tmp, "rounds", NULL);
  g_assert_cmpint (g_mkdir (kit.cases, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (kit.named, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (kit.rounds, 0700), ==, 0);
  store = fixture_round (kit.round, 6, 2, &kit.inv);
  kit.manifest = pr_manifest_ref (pr_store_get_manifest (store));
  g_clear_pointer (&store, pr_store_free);

  srcdir = g_test_build_filename (G_TEST_DIST, "testkit", NULL);
  expected = g_build_filename (srcdir, "expected.txt", NULL);
  all_cases = read_expected (expected);
  copy_static (srcdir);
  gen_fs ();
  gen_envelope ();
  gen_route_crypto ();
  gen_payload_eligibility_ranking ();
  gen_outcomes ();
  gen_rounds (FALSE);
  gen_mail ();
  run_kit ();
  gen_rounds (TRUE);

  for (guint i = 0; i < all_cases->len; i++)
    {
      Case *c = g_ptr_array_index (all_cases, i);
      g_autofree char *name = g_strdup_printf ("/peer-rank/testkit/%s", c->file);

      g_test_add_data_func (name, c, test_case);
    }
  /* Report every case that fails, not only the first. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/peer-rank/testkit/counted", test_counted);
  status = g_test_run ();

  pr_import_report_free (report);
  g_hash_table_unref (results);
  g_hash_table_unref (round_names);
  g_ptr_array_unref (all_cases);
  g_ptr_array_unref (kit.inv);
  pr_manifest_unref (kit.manifest);
  fixture_remove_tree (tmp);
  g_free (kit.round);
  g_free (kit.cases);
  g_free (kit.named);
  g_free (kit.rounds);
  return status;
}
