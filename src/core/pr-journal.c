/* pr-journal.c — the import journal of a round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-atomic.h"
#include "pr-ballot-error.h"
#include "pr-ballot-status.h"
#include "pr-journal.h"
#include "pr-json.h"
#include "pr-store-error.h"

/* A journal line is small; anything longer is damage. */
#define MAX_LINE 1024
/* More revocations of one member than anyone would make by hand. */
#define MAX_EPOCH 1000
/* ,"mac":"<64 hex>"} ends a line with a MAC. */
#define MAC_OPEN     ",\"mac\":\""
#define MAC_SUFFIX_LEN (sizeof MAC_OPEN - 1 + PR_STATE_MAC_LEN * 2 + 2)

/* What verifying needs of a loaded line. */
typedef struct {
  gsize              offset;
  gsize              prefix_len;   /* the bytes the MAC covers */
  gboolean           has_mac;
  guint8             mac[PR_STATE_MAC_LEN];
  PrJournalLineKind  kind;
  gboolean           has_voters;
  guint8             voters[PR_HASH_LEN];
  guint8             aux[PR_HASH_LEN];   /* UPGRADE: hash before; REISSUE: key */
  guint              member;
} Loaded;

struct _PrJournal {
  char           *path;
  gboolean        exists;
  gboolean        torn;
  gsize           valid_len;      /* up to the last complete line */
  gsize           size_at_load;   /* what another writer must not have changed */
  int             lock_fd;        /* flock'ed while this process writes */
  GString        *queued;         /* lines not written yet */
  GBytes         *loaded;         /* the file as loaded */
  GArray         *lines;          /* Loaded, per complete line */
  const PrSecret *key;            /* the state key (the store's), NULL: locked */
  guint8          round_hash[PR_HASH_LEN];
  gboolean        has_head;
  guint8          head[PR_STATE_MAC_LEN];  /* the last line's MAC */
  guint           n_appended;     /* complete lines written since loading */
  PrJournalWrittenFunc written_func;
  gpointer        written_data;
};

PrJournal *
pr_journal_new (const char *path)
{
  PrJournal *journal = g_new0 (PrJournal, 1);

  journal->path = g_strdup (path);
  journal->lock_fd = -1;
  journal->queued = g_string_new (NULL);
  journal->lines = g_array_new (FALSE, TRUE, sizeof (Loaded));
  return journal;
}

void
pr_journal_free (PrJournal *journal)
{
  if (journal == NULL)
    return;
  if (journal->lock_fd >= 0)
    close (journal->lock_fd);
  g_string_free (journal->queued, TRUE);
  g_clear_pointer (&journal->loaded, g_bytes_unref);
  g_array_unref (journal->lines);
  g_free (journal->path);
  g_free (journal);
}

gboolean
pr_journal_exists (PrJournal *journal)
{
  return journal->exists;
}

gboolean
pr_journal_is_torn (PrJournal *journal)
{
  return journal->torn;
}

/* ---- reading ---- */

static gboolean
is_hex (const char *text)
{
  guint8 bin[PR_HASH_LEN];

  return pr_crypto_fingerprint_from_hex (text, bin);
}

static gboolean
bad_value (GError **error)
{
  pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE);
  return FALSE;
}

static gboolean
parse_ballot (JsonObject     *object,
              PrManifest     *manifest,
              PrJournalEntry *entry,
              GError        **error)
{
  static const PrJsonMember members[] = {
    { "fingerprint", PR_JSON_TYPE_STRING }, { "digest", PR_JSON_TYPE_STRING },
    { "member", PR_JSON_TYPE_STRING }, { "sequence", PR_JSON_TYPE_INT },
    { "epoch", PR_JSON_TYPE_INT }, { "status", PR_JSON_TYPE_STRING },
    { "time", PR_JSON_TYPE_INT },
  };
  gint64 sequence, epoch, time;
  PrBallotStatus status;
  int member;

  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error) ||
      !pr_json_get_int_in (object, "sequence", 0, G_MAXINT64, &sequence, error) ||
      !pr_json_get_int_in (object, "epoch", 0, MAX_EPOCH, &epoch, error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &time, error))
    return FALSE;
  member = pr_manifest_find_member (manifest, json_object_get_string_member (object, "member"));
  if (member < 0 ||
      !is_hex (json_object_get_string_member (object, "fingerprint")) ||
      !is_hex (json_object_get_string_member (object, "digest")) ||
      !pr_ballot_status_from_string (json_object_get_string_member (object, "status"), &status) ||
      status == PR_BALLOT_STATUS_DUPLICATE || status == PR_BALLOT_STATUS_REJECTED)
    return bad_value (error);
  g_strlcpy (entry->fingerprint, json_object_get_string_member (object, "fingerprint"),
             sizeof entry->fingerprint);
  g_strlcpy (entry->digest, json_object_get_string_member (object, "digest"),
             sizeof entry->digest);
  entry->member = (guint) member;
  entry->sequence = (guint64) sequence;
  entry->epoch = (guint) epoch;
  entry->status = (int) status;
  entry->time = time;
  return TRUE;
}

static gboolean
parse_decision (JsonObject    *object,
                PrJournalLine *line,
                GError       **error)
{
  static const PrJsonMember members[] = {
    { "decision", PR_JSON_TYPE_STRING }, { "fingerprint", PR_JSON_TYPE_STRING },
    { "time", PR_JSON_TYPE_INT },
  };
  const char *decision;

  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &line->time, error))
    return FALSE;
  decision = json_object_get_string_member (object, "decision");
  if (!is_hex (json_object_get_string_member (object, "fingerprint")) ||
      (!g_str_equal (decision, "accept") && !g_str_equal (decision, "refuse")))
    return bad_value (error);
  line->kind = PR_JOURNAL_LINE_DECISION;
  line->decision = g_str_equal (decision, "accept") ? PR_JOURNAL_ACCEPT : PR_JOURNAL_REFUSE;
  g_strlcpy (line->entry.fingerprint, json_object_get_string_member (object, "fingerprint"),
             sizeof line->entry.fingerprint);
  return TRUE;
}

static gboolean
parse_event (JsonObject    *object,
             PrJournalLine *line,
             GError       **error)
{
  static const PrJsonMember members[] = {
    { "event", PR_JSON_TYPE_STRING }, { "time", PR_JSON_TYPE_INT },
  };
  const char *event;

  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &line->time, error))
    return FALSE;
  event = json_object_get_string_member (object, "event");
  if (!g_str_equal (event, "close") && !g_str_equal (event, "reopen"))
    return bad_value (error);
  line->kind = PR_JOURNAL_LINE_EVENT;
  line->event = g_str_equal (event, "close") ? PR_JOURNAL_CLOSE : PR_JOURNAL_REOPEN;
  return TRUE;
}

static gboolean
get_hash (JsonObject  *object,
          const char  *member,
          guint8       out[PR_HASH_LEN],
          GError     **error)
{
  if (!pr_crypto_fingerprint_from_hex (json_object_get_string_member (object, member), out))
    return bad_value (error);
  return TRUE;
}

static gboolean
parse_round (JsonObject    *object,
             PrJournalLine *line,
             GError       **error)
{
  static const PrJsonMember members[] = {
    { "round", PR_JSON_TYPE_STRING }, { "voters", PR_JSON_TYPE_STRING },
    { "time", PR_JSON_TYPE_INT },
  };
  /* Version 1 journals did not record the voters. */
  gboolean legacy = !json_object_has_member (object, "voters");
  const PrJsonMember legacy_members[] = { members[0], members[2] };

  if (!pr_json_check_members (object, legacy ? legacy_members : members, legacy ? 2 : 3, error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &line->time, error) ||
      !get_hash (object, "round", line->round_hash, error) ||
      (!legacy && !get_hash (object, "voters", line->voters, error)))
    return FALSE;
  line->kind = PR_JOURNAL_LINE_ROUND;
  line->has_voters = !legacy;
  return TRUE;
}

static gboolean
parse_reissue (JsonObject    *object,
               PrManifest    *manifest,
               PrJournalLine *line,
               GError       **error)
{
  static const PrJsonMember members[] = {
    { "reissue", PR_JSON_TYPE_STRING }, { "key", PR_JSON_TYPE_STRING },
    { "voters", PR_JSON_TYPE_STRING }, { "time", PR_JSON_TYPE_INT },
  };
  int member;

  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &line->time, error) ||
      !pr_json_get_base64 (object, "key", line->key, PR_SIGN_PUBLIC_LEN, error) ||
      !get_hash (object, "voters", line->voters, error))
    return FALSE;
  member = pr_manifest_find_member (manifest, json_object_get_string_member (object, "reissue"));
  if (member < 0)
    return bad_value (error);
  line->kind = PR_JOURNAL_LINE_REISSUE;
  line->entry.member = (guint) member;
  line->has_voters = TRUE;
  return TRUE;
}

static gboolean
parse_upgrade (JsonObject    *object,
               PrJournalLine *line,
               GError       **error)
{
  static const PrJsonMember members[] = {
    { "upgrade", PR_JSON_TYPE_STRING }, { "voters", PR_JSON_TYPE_STRING },
    { "time", PR_JSON_TYPE_INT },
  };

  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &line->time, error) ||
      !get_hash (object, "upgrade", line->round_hash, error) ||
      !get_hash (object, "voters", line->voters, error))
    return FALSE;
  line->kind = PR_JOURNAL_LINE_UPGRADE;
  line->has_voters = TRUE;
  return TRUE;
}

static const char * const mail_kinds[] = { "invitation", "reminder" };
static const char * const mail_vias[] = { "sendmail", "file", "mail-client" };

static int
find_word (const char * const *words,
           guint               n,
           const char         *word)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (words[i], word))
      return (int) i;
  return -1;
}

static gboolean
parse_mail (JsonObject    *object,
            PrManifest    *manifest,
            PrJournalLine *line,
            GError       **error)
{
  static const PrJsonMember members[] = {
    { "mail", PR_JSON_TYPE_STRING }, { "member", PR_JSON_TYPE_STRING },
    { "epoch", PR_JSON_TYPE_INT }, { "via", PR_JSON_TYPE_STRING },
    { "time", PR_JSON_TYPE_INT },
  };
  gint64 epoch;
  int member, kind, via;

  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error) ||
      !pr_json_get_int_in (object, "epoch", 0, MAX_EPOCH, &epoch, error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &line->time, error))
    return FALSE;
  member = pr_manifest_find_member (manifest, json_object_get_string_member (object, "member"));
  kind = find_word (mail_kinds, G_N_ELEMENTS (mail_kinds),
                    json_object_get_string_member (object, "mail"));
  via = find_word (mail_vias, G_N_ELEMENTS (mail_vias),
                   json_object_get_string_member (object, "via"));
  if (member < 0 || kind < 0 || via < 0)
    return bad_value (error);
  line->kind = PR_JOURNAL_LINE_MAIL;
  line->entry.member = (guint) member;
  line->entry.epoch = (guint) epoch;
  line->mail = (PrJournalMailKind) kind;
  line->via = (PrJournalVia) via;
  return TRUE;
}

static gboolean
parse_line (const guint8   *data,
            gsize           len,
            PrManifest     *manifest,
            PrJournalLine  *line,
            GError        **error)
{
  g_autoptr(JsonNode) root = pr_json_parse (data, len, MAX_LINE, error);
  JsonObject *object;

  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "decision"))
    return parse_decision (object, line, error);
  if (json_object_has_member (object, "event"))
    return parse_event (object, line, error);
  if (json_object_has_member (object, "round"))
    return parse_round (object, line, error);
  if (json_object_has_member (object, "reissue"))
    return parse_reissue (object, manifest, line, error);
  if (json_object_has_member (object, "upgrade"))
    return parse_upgrade (object, line, error);
  if (json_object_has_member (object, "mail"))
    return parse_mail (object, manifest, line, error);
  line->kind = PR_JOURNAL_LINE_BALLOT;
  if (!parse_ballot (object, manifest, &line->entry, error))
    return FALSE;
  line->time = line->entry.time;
  return TRUE;
}

/* Splits off the ,"mac":"…"} a line ends in: @loaded gets the MAC and
 * the bytes it covers; the object without it goes to @object. */
static void
split_mac (const guint8 *data,
           gsize         len,
           Loaded       *loaded,
           GByteArray   *object)
{
  gsize prefix = len - MAC_SUFFIX_LEN;
  g_autofree char *hex = NULL;

  g_byte_array_set_size (object, 0);
  loaded->prefix_len = len;
  if (len > MAC_SUFFIX_LEN && memcmp (data + prefix, MAC_OPEN, sizeof MAC_OPEN - 1) == 0 &&
      memcmp (data + len - 2, "\"}", 2) == 0)
    {
      hex = g_strndup ((const char *) data + prefix + sizeof MAC_OPEN - 1, PR_STATE_MAC_LEN * 2);
      loaded->has_mac = pr_crypto_fingerprint_from_hex (hex, loaded->mac);
    }
  if (loaded->has_mac)
    {
      loaded->prefix_len = prefix;
      g_byte_array_append (object, data, prefix);
      g_byte_array_append (object, (const guint8 *) "}", 1);
    }
  else
    g_byte_array_append (object, data, len);
}

static void
remember_line (PrJournal           *journal,
               Loaded              *loaded,
               const PrJournalLine *line)
{
  loaded->kind = line->kind;
  loaded->has_voters = line->has_voters;
  memcpy (loaded->voters, line->voters, PR_HASH_LEN);
  if (line->kind == PR_JOURNAL_LINE_UPGRADE)
    memcpy (loaded->aux, line->round_hash, PR_HASH_LEN);
  else if (line->kind == PR_JOURNAL_LINE_REISSUE)
    memcpy (loaded->aux, line->key, PR_SIGN_PUBLIC_LEN);
  loaded->member = line->entry.member;
  g_array_append_vals (journal->lines, loaded, 1);
}

static gboolean
load_line (PrJournal          *journal,
           const guint8       *data,
           gsize               start,
           gsize               end,
           guint               line_no,
           PrManifest         *manifest,
           GByteArray         *object,
           PrJournalLineFunc   func,
           gpointer            user_data,
           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  PrJournalLine line = { 0 };
  Loaded loaded = { .offset = start };

  split_mac (data + start, end - start, &loaded, object);
  if (!parse_line (object->data, object->len, manifest, &line, &local_error))
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                   _("Line %u of the import journal is damaged: %s"), line_no,
                   local_error->message);
      return FALSE;
    }
  line.has_mac = loaded.has_mac;
  remember_line (journal, &loaded, &line);
  return func (&line, user_data, error);
}

gboolean
pr_journal_load (PrJournal         *journal,
                 PrManifest        *manifest,
                 PrJournalLineFunc  func,
                 gpointer           user_data,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) object = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize len, start = 0;
  guint line_no = 0;

  bytes = pr_atomic_read (journal->path, G_MAXINT32, TRUE, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                   _("The import journal cannot be read: %s"), local_error->message);
      return FALSE;
    }
  journal->exists = TRUE;
  data = g_bytes_get_data (bytes, &len);
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] != '\n')
        continue;
      if (!load_line (journal, data, start, i, ++line_no, manifest, object, func, user_data,
                      error))
        return FALSE;
      start = i + 1;
    }
  journal->valid_len = start;
  journal->size_at_load = len;
  journal->torn = start < len;
  journal->loaded = g_steal_pointer (&bytes);
  return TRUE;
}

/* ---- verifying ---- */

gboolean
pr_journal_set_tampered_error (guint     line_no,
                               GError  **error)
{
  /* TRANSLATORS: journal.jsonl is a file name; keep it */
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED,
               _("journal.jsonl, line %u: this line of the import journal was changed, added "
                 "or removed without the passphrase (its authentication code does not match). "
                 "Nothing is counted from this round until the journal is put back as it was, "
                 "from a backup copy of the round folder; or move journal.jsonl out of the "
                 "folder, accept the folder without it with “peer-rank-cli round check "
                 "--accept-rollback” and run “peer-rank-cli import” on the round with no "
                 "files, which journals every stored ballot again (decisions and closing must "
                 "then be made again)."),
               line_no);
  return FALSE;
}

/* A version 1 journal has no MACs up to its upgrade line, whose
 * "upgrade" hash binds every byte before it. */
static gboolean
legacy_prefix_ends (PrJournal    *journal,
                    const Loaded *loaded)
{
  const guint8 *data = g_bytes_get_data (journal->loaded, NULL);
  guint8 hash[PR_HASH_LEN];

  pr_crypto_hash (data, loaded->offset, hash);
  return loaded->kind == PR_JOURNAL_LINE_UPGRADE && loaded->has_mac &&
         sodium_memcmp (hash, loaded->aux, PR_HASH_LEN) == 0;
}

static void
note_voters (PrJournalState *state,
             const Loaded   *loaded,
             guint           line_no)
{
  if (!loaded->has_voters)
    return;
  state->has_voters_before = state->has_voters;
  memcpy (state->voters_before, state->voters, PR_HASH_LEN);
  state->has_voters = TRUE;
  memcpy (state->voters, loaded->voters, PR_HASH_LEN);
  state->voters_line = line_no;
  state->last_is_reissue = loaded->kind == PR_JOURNAL_LINE_REISSUE;
  state->reissue_member = loaded->member;
  memcpy (state->reissue_key, loaded->aux, PR_SIGN_PUBLIC_LEN);
}

static gboolean
verify_lines (PrJournal       *journal,
              guint            first,
              PrJournalState  *state,
              GError         **error)
{
  const guint8 *data = g_bytes_get_data (journal->loaded, NULL);

  for (guint i = first; i < journal->lines->len; i++)
    {
      const Loaded *loaded = &g_array_index (journal->lines, Loaded, i);

      /* The round line comes first, and only there. */
      if (!loaded->has_mac || (loaded->kind == PR_JOURNAL_LINE_ROUND) != (i == 0) ||
          (loaded->kind == PR_JOURNAL_LINE_UPGRADE) != (i == first && first > 0) ||
          !pr_state_mac_verify (journal->key, PR_STATE_DOMAIN_JOURNAL, journal->round_hash,
                                journal->has_head ? journal->head : NULL,
                                data + loaded->offset, loaded->prefix_len, loaded->mac))
        return pr_journal_set_tampered_error (i + 1, error);
      memcpy (journal->head, loaded->mac, PR_STATE_MAC_LEN);
      journal->has_head = TRUE;
      note_voters (state, loaded, i + 1);
    }
  state->authenticated = TRUE;
  return TRUE;
}

/* Where the MAC chain starts (@first): 0 for a journal made with MACs,
 * the upgrade line for an upgraded version 1 journal, G_MAXUINT for a
 * version 1 journal not upgraded. FALSE naming the line where a version
 * 1 journal's lines end other than in a sound upgrade line. */
static gboolean
find_chain_start (PrJournal  *journal,
                  guint      *first,
                  GError    **error)
{
  *first = G_MAXUINT;
  if (g_array_index (journal->lines, Loaded, 0).has_mac)
    {
      *first = 0;
      return TRUE;
    }
  for (guint i = 1; i < journal->lines->len; i++)
    {
      const Loaded *loaded = &g_array_index (journal->lines, Loaded, i);

      if (!loaded->has_mac && loaded->kind != PR_JOURNAL_LINE_UPGRADE)
        continue;
      if (!legacy_prefix_ends (journal, loaded))
        return pr_journal_set_tampered_error (i + 1, error);
      *first = i;
      break;
    }
  return TRUE;
}

gboolean
pr_journal_verify (PrJournal       *journal,
                   const PrSecret  *key,
                   const guint8     round_hash[PR_HASH_LEN],
                   PrJournalState  *state,
                   GError         **error)
{
  guint first;

  g_return_val_if_fail (journal != NULL && key != NULL && state != NULL, FALSE);

  *state = (PrJournalState) { 0 };
  pr_journal_set_key (journal, key, round_hash);
  if (journal->lines->len == 0)
    {
      /* Nothing to check: a new journal starts when written. */
      state->authenticated = TRUE;
      return TRUE;
    }
  if (!find_chain_start (journal, &first, error))
    return FALSE;
  if (first == G_MAXUINT)
    return TRUE;  /* version 1, not upgraded */
  return verify_lines (journal, first, state, error);
}

guint
pr_journal_get_n_lines (PrJournal *journal)
{
  return journal->lines->len + journal->n_appended;
}

gboolean
pr_journal_get_line_mac (PrJournal *journal,
                         guint      line_no,
                         guint8     mac[PR_STATE_MAC_LEN])
{
  const Loaded *loaded;

  if (line_no == 0 || line_no > journal->lines->len)
    return FALSE;
  loaded = &g_array_index (journal->lines, Loaded, line_no - 1);
  if (!loaded->has_mac)
    return FALSE;
  memcpy (mac, loaded->mac, PR_STATE_MAC_LEN);
  return TRUE;
}

gboolean
pr_journal_get_head (PrJournal *journal,
                     guint8     head[PR_STATE_MAC_LEN])
{
  if (!journal->has_head)
    return FALSE;
  memcpy (head, journal->head, PR_STATE_MAC_LEN);
  return TRUE;
}

void
pr_journal_set_written_func (PrJournal            *journal,
                             PrJournalWrittenFunc  func,
                             gpointer              user_data)
{
  journal->written_func = func;
  journal->written_data = user_data;
}

void
pr_journal_set_key (PrJournal      *journal,
                    const PrSecret *key,
                    const guint8    round_hash[PR_HASH_LEN])
{
  journal->key = key;
  memcpy (journal->round_hash, round_hash, PR_HASH_LEN);
  journal->has_head = FALSE;
}

void
pr_journal_hash_loaded (PrJournal *journal,
                        guint8     out[PR_HASH_LEN])
{
  const guint8 *data = journal->loaded != NULL ? g_bytes_get_data (journal->loaded, NULL) : NULL;

  pr_crypto_hash (data != NULL ? data : (const guint8 *) "", journal->valid_len, out);
}

/* ---- writing ---- */

/* The line @writer holds (a finished object), with its MAC chained to
 * the previous line's, and a newline. */
static GBytes *
seal_line (PrJournal    *journal,
           PrJsonWriter *writer)
{
  g_autoptr(GBytes) object = pr_json_writer_get_bytes (writer, FALSE);
  gsize len;
  const guint8 *data = g_bytes_get_data (object, &len);
  guint8 mac[PR_STATE_MAC_LEN];
  g_autofree char *hex = NULL;
  GString *line;

  g_assert (journal->key != NULL && len > 1 && data[len - 1] == '}');
  pr_state_mac (journal->key, PR_STATE_DOMAIN_JOURNAL, journal->round_hash,
                journal->has_head ? journal->head : NULL, data, len - 1, mac);
  memcpy (journal->head, mac, PR_STATE_MAC_LEN);
  journal->has_head = TRUE;
  hex = pr_crypto_fingerprint_hex (mac);
  line = g_string_new_len ((const char *) data, (gssize) len - 1);
  g_string_append_printf (line, MAC_OPEN "%s\"}\n", hex);
  return g_string_free_to_bytes (line);
}

static GBytes *
round_line (PrJournal    *journal,
            const guint8  voters[PR_HASH_LEN],
            gint64        time)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autofree char *hex = pr_crypto_fingerprint_hex (journal->round_hash);
  g_autofree char *voters_hex = pr_crypto_fingerprint_hex (voters);

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "round", hex);
  pr_json_writer_member_string (writer, "voters", voters_hex);
  pr_json_writer_member_int (writer, "time", time);
  pr_json_writer_end_object (writer);
  return seal_line (journal, writer);
}

/* The cut-off tail of a torn journal goes before anything is appended. */
static gboolean
repair (PrJournal  *journal,
        GError    **error)
{
  if (!journal->torn)
    return TRUE;
  if (truncate (journal->path, (off_t) journal->valid_len) != 0)
    {
      int saved = errno;

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("The import journal cannot be repaired: %s"), g_strerror (saved));
      return FALSE;
    }
  journal->torn = FALSE;
  return TRUE;
}

static gboolean
write_text (PrJournal   *journal,
            const char  *text,
            gsize        len,
            GError     **error)
{
  if (!repair (journal, error))
    return FALSE;
  if (!pr_atomic_append (journal->path, text, len, TRUE, error))
    {
      /* The append cut its part back; should that have failed too, the
       * next write cuts the journal back to what was written before. */
      journal->torn = TRUE;
      return FALSE;
    }
  journal->valid_len += len;
  journal->size_at_load = journal->valid_len;
  for (gsize i = 0; i < len; i++)
    journal->n_appended += text[i] == '\n';
  /* Whatever was queued is written now: the head is the last line's. */
  if (journal->written_func != NULL)
    journal->written_func (journal, journal->written_data);
  return TRUE;
}

/* A journal made anew (a new round, or one whose journal was deleted)
 * starts with the round line, so that an edit of round.json is named. */
static gboolean
start (PrJournal     *journal,
       const guint8   voters[PR_HASH_LEN],
       GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (journal->path);
  g_autoptr(GBytes) line = NULL;

  journal->has_head = FALSE;
  line = round_line (journal, voters, g_get_real_time () / G_USEC_PER_SEC);

  if (!write_text (journal, g_bytes_get_data (line, NULL), g_bytes_get_size (line), error))
    return FALSE;
  journal->exists = TRUE;
  return pr_atomic_fsync_dir (dir, error);
}

static gboolean
set_busy_error (GError **error)
{
  g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY,
                       _("Another Peer Rank is writing to this round right now: an import, a "
                         "decision or a re-issue, on this computer or on another one that "
                         "shares the round folder. Nothing was changed here; try again when "
                         "it has finished."));
  return FALSE;
}

gboolean
pr_journal_set_stale_error (GError **error)
{
  g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY,
                       _("Another Peer Rank changed this round after it was read here (an "
                         "import, a decision or a re-issue, on this computer or on another one "
                         "that shares the round folder). Nothing was changed here; open the "
                         "round again to see its changes, then try again."));
  return FALSE;
}

#define HOLD_TRIES   20
#define HOLD_WAIT_US (10 * 1000)

gboolean
pr_journal_hold (PrJournal  *journal,
                 GError    **error)
{
  int fd;

  if (journal->lock_fd >= 0)
    return TRUE;
  fd = open (journal->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("The import journal cannot be opened: %s"), g_strerror (saved));
      return FALSE;
    }
  /* A moment's wait: another thread of this program may only be looking
   * (pr_store_is_writing_elsewhere()), or finishing a line. */
  for (guint tries = 0; flock (fd, LOCK_EX | LOCK_NB) != 0; tries++)
    {
      int saved = errno;

      if ((saved == EWOULDBLOCK || saved == EINTR) && tries < HOLD_TRIES)
        {
          g_usleep (HOLD_WAIT_US);
          continue;
        }
      close (fd);
      if (saved == EWOULDBLOCK || saved == EINTR)
        return set_busy_error (error);
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("The import journal cannot be locked: %s"), g_strerror (saved));
      return FALSE;
    }
  journal->lock_fd = fd;
  return TRUE;
}

void
pr_journal_release (PrJournal *journal)
{
  if (journal->lock_fd < 0)
    return;
  close (journal->lock_fd);
  journal->lock_fd = -1;
}

gboolean
pr_journal_is_held (PrJournal *journal)
{
  return journal->lock_fd >= 0;
}

void
pr_journal_move_lock (PrJournal *to,
                      PrJournal *from)
{
  g_return_if_fail (to->lock_fd < 0);

  to->lock_fd = from->lock_fd;
  from->lock_fd = -1;
}

gboolean
pr_journal_changed_on_disk (PrJournal *journal)
{
  struct stat st;

  if (lstat (journal->path, &st) != 0)
    return journal->exists;  /* gone since it was read */
  /* An empty file is no journal yet (pr_journal_hold() may make one). */
  if (!journal->exists)
    return st.st_size != 0;
  return (guint64) st.st_size != journal->size_at_load;
}

gboolean
pr_journal_lock (PrJournal     *journal,
                 const guint8   voters[PR_HASH_LEN],
                 GError       **error)
{
  g_return_val_if_fail (journal->key != NULL, FALSE);

  if (!pr_journal_hold (journal, error))
    return FALSE;
  /* Held now, but grown or gone since it was read: another process wrote
   * before this one took the lock, and the state in memory is stale. */
  if (pr_journal_changed_on_disk (journal))
    {
      pr_journal_release (journal);
      return pr_journal_set_stale_error (error);
    }
  /* Nothing in it yet: it starts with its round line. */
  if (!journal->exists || journal->size_at_load == 0)
    return start (journal, voters, error);
  return TRUE;
}

void
pr_journal_queue_entry (PrJournal            *journal,
                        PrManifest           *manifest,
                        const PrJournalEntry *entry)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "fingerprint", entry->fingerprint);
  pr_json_writer_member_string (writer, "digest", entry->digest);
  pr_json_writer_member_string (writer, "member", pr_manifest_get_member_id (manifest, entry->member));
  pr_json_writer_member_int (writer, "sequence", (gint64) MIN (entry->sequence, G_MAXINT64));
  pr_json_writer_member_int (writer, "epoch", entry->epoch);
  pr_json_writer_member_string (writer, "status", pr_ballot_status_to_string (entry->status));
  pr_json_writer_member_int (writer, "time", entry->time);
  pr_json_writer_end_object (writer);
  bytes = seal_line (journal, writer);
  g_string_append_len (journal->queued, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

gboolean
pr_journal_has_queued (PrJournal *journal)
{
  return journal->queued->len > 0;
}

gboolean
pr_journal_commit (PrJournal  *journal,
                   GError    **error)
{
  g_return_val_if_fail (journal->lock_fd >= 0, FALSE);

  if (journal->queued->len == 0)
    return TRUE;
  if (!write_text (journal, journal->queued->str, journal->queued->len, error))
    return FALSE;
  g_string_truncate (journal->queued, 0);
  return TRUE;
}

static gboolean
append_now (PrJournal     *journal,
            PrJsonWriter  *writer,
            GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (journal->lock_fd >= 0, FALSE);

  /* Queued lines come first in the chain as in the file. */
  if (!pr_journal_commit (journal, error))
    return FALSE;
  bytes = seal_line (journal, writer);
  return write_text (journal, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

gboolean
pr_journal_append_decision (PrJournal          *journal,
                            PrJournalDecision   decision,
                            const char         *fingerprint_hex,
                            gint64              time,
                            GError            **error)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "decision",
                                decision == PR_JOURNAL_ACCEPT ? "accept" : "refuse");
  pr_json_writer_member_string (writer, "fingerprint", fingerprint_hex);
  pr_json_writer_member_int (writer, "time", time);
  pr_json_writer_end_object (writer);
  return append_now (journal, writer, error);
}

gboolean
pr_journal_append_event (PrJournal       *journal,
                         PrJournalEvent   event,
                         gint64           time,
                         GError         **error)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "event", event == PR_JOURNAL_CLOSE ? "close" : "reopen");
  pr_json_writer_member_int (writer, "time", time);
  pr_json_writer_end_object (writer);
  return append_now (journal, writer, error);
}

gboolean
pr_journal_append_mail (PrJournal          *journal,
                        PrManifest         *manifest,
                        PrJournalMailKind   kind,
                        guint               member,
                        guint               epoch,
                        PrJournalVia        via,
                        gint64              time,
                        GError            **error)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (mail_kinds), FALSE);
  g_return_val_if_fail ((guint) via < G_N_ELEMENTS (mail_vias), FALSE);

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "mail", mail_kinds[kind]);
  pr_json_writer_member_string (writer, "member", pr_manifest_get_member_id (manifest, member));
  pr_json_writer_member_int (writer, "epoch", epoch);
  pr_json_writer_member_string (writer, "via", mail_vias[via]);
  pr_json_writer_member_int (writer, "time", time);
  pr_json_writer_end_object (writer);
  return append_now (journal, writer, error);
}

gboolean
pr_journal_append_reissue (PrJournal     *journal,
                           PrManifest    *manifest,
                           guint          member,
                           const guint8   key[PR_SIGN_PUBLIC_LEN],
                           const guint8   voters[PR_HASH_LEN],
                           gint64         time,
                           GError       **error)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autofree char *hex = pr_crypto_fingerprint_hex (voters);

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "reissue", pr_manifest_get_member_id (manifest, member));
  pr_json_writer_member_base64 (writer, "key", key, PR_SIGN_PUBLIC_LEN);
  pr_json_writer_member_string (writer, "voters", hex);
  pr_json_writer_member_int (writer, "time", time);
  pr_json_writer_end_object (writer);
  return append_now (journal, writer, error);
}

gboolean
pr_journal_append_upgrade (PrJournal     *journal,
                           const guint8   voters[PR_HASH_LEN],
                           gint64         time,
                           GError       **error)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autofree char *hex = pr_crypto_fingerprint_hex (voters);
  g_autofree char *before = NULL;
  guint8 hash[PR_HASH_LEN];

  /* After the lock: a torn tail is not part of what is bound. */
  pr_journal_hash_loaded (journal, hash);
  before = pr_crypto_fingerprint_hex (hash);
  journal->has_head = FALSE;
  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "upgrade", before);
  pr_json_writer_member_string (writer, "voters", hex);
  pr_json_writer_member_int (writer, "time", time);
  pr_json_writer_end_object (writer);
  return append_now (journal, writer, error);
}
