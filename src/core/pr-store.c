/* pr-store.c — the organizer's round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The round folder's life cycle: create, open, unlock, re-issue, stage and
 * flush imported ballots, recover, decide, close — and what the journal's
 * lines mean (which ballot counts). Its neighbours:
 *   pr-journal.c      the journal's line format, reading, repair, appending
 *   pr-store-check.c  every inconsistency between the journal and ballots/
 *   pr-store-key.c    backup, new passphrase and restore of organizer.key
 *   pr-output.c       where commands may write outside the store
 *   pr-import.c       the parallel import pipeline on top of the store
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-atomic.h"
#include "pr-ballot-error.h"
#include "pr-format.h"
#include "pr-journal.h"
#include "pr-json.h"
#include "pr-keyfile.h"
#include "pr-store.h"

#define HEX_LEN (PR_HASH_LEN * 2)
/* More revocations of one member than anyone would make by hand. */
#define MAX_REVOKED 1000

G_DEFINE_QUARK (pr-store-error-quark, pr_store_error)

typedef struct {
  char            fingerprint[HEX_LEN + 1];
  char            digest[HEX_LEN + 1];
  guint           member;
  guint64         sequence;
  guint           epoch;
  PrBallotStatus  status;
  gint64          time;
  gboolean        organizer_accepted;
  gboolean        organizer_refused;
} Entry;

typedef struct {
  guint8      key[PR_SIGN_PUBLIC_LEN];
  GByteArray *revoked;  /* PR_SIGN_PUBLIC_LEN bytes per key */
  char       *email;
} Voter;

struct _PrStore {
  char          *dir;
  char          *round_path;
  char          *key_path;
  char          *ballots_dir;
  char          *journal_path;

  PrManifest    *manifest;
  Voter         *voters;
  guint          n_voters;

  GArray        *entries;         /* Entry, in journal order */
  GHashTable    *by_fingerprint;  /* hex → index + 1 */
  GHashTable    *by_digest;       /* hex → index + 1 */
  int           *counted;         /* per member: entry index or -1 */
  GArray       **by_member;       /* per member: guint entry indices */

  guint8         round_digest[PR_HASH_LEN];  /* of round.json as loaded or written */
  gboolean       round_known;
  PrJournal     *journal;
  gboolean       round_changed;   /* the journal names another round hash */
  gboolean       closed;
  gint64         closed_time;
  PrAtomicBatch *batch;
  guint          n_staged;
  gboolean       broken;
  GError        *broken_error;    /* why, when known: reported by flush */
};

static gboolean become_writer (PrStore  *store,
                               GError  **error);

static const char * const status_tokens[] = {
  "accepted", "revised", "duplicate", "stale", "conflict", "flagged", "rejected",
};

static const char * const status_descriptions[] = {
  N_("Accepted: this is the member’s counted ballot."),
  N_("Revised: this newer ballot replaces the member’s earlier one."),
  N_("Already imported; nothing changed."),
  N_("Older than the member’s counted ballot: kept, not counted."),
  N_("Same sequence number as another ballot of this member but different content: "
     "both kept, the earlier one still counts until you decide."),
  N_("Dated more than 48 hours in the future: kept, not counted until you accept it."),
  N_("Rejected."),
};

const char *
pr_ballot_status_to_string (PrBallotStatus status)
{
  g_return_val_if_fail (status < PR_BALLOT_N_STATUSES, "unknown");
  return status_tokens[status];
}

gboolean
pr_ballot_status_from_string (const char     *text,
                              PrBallotStatus *out)
{
  for (guint i = 0; i < PR_BALLOT_N_STATUSES; i++)
    {
      if (g_strcmp0 (text, status_tokens[i]) == 0)
        {
          *out = (PrBallotStatus) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pr_ballot_status_describe (PrBallotStatus status)
{
  g_return_val_if_fail (status < PR_BALLOT_N_STATUSES, "");
  return _(status_descriptions[status]);
}

static void
voter_clear (Voter *voter)
{
  g_clear_pointer (&voter->revoked, g_byte_array_unref);
  g_clear_pointer (&voter->email, g_free);
}

static PrStore *
store_new (const char *dir)
{
  PrStore *store = g_new0 (PrStore, 1);

  store->dir = g_strdup (dir);
  store->round_path = g_build_filename (dir, PR_STORE_ROUND_FILE, NULL);
  store->key_path = g_build_filename (dir, PR_STORE_KEY_FILE, NULL);
  store->ballots_dir = g_build_filename (dir, PR_STORE_BALLOTS_DIR, NULL);
  store->journal_path = g_build_filename (dir, PR_STORE_JOURNAL_FILE, NULL);
  store->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  store->by_fingerprint = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->by_digest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->journal = pr_journal_new (store->journal_path);
  store->batch = pr_atomic_batch_new (store->ballots_dir);
  return store;
}

/* Takes ownership of @manifest and sizes the per-member tables. */
static void
store_set_manifest (PrStore    *store,
                    PrManifest *manifest)
{
  store->manifest = manifest;
  store->n_voters = pr_manifest_get_n_members (manifest);
  store->voters = g_new0 (Voter, store->n_voters);
  store->counted = g_new (int, store->n_voters);
  store->by_member = g_new (GArray *, store->n_voters);
  for (guint i = 0; i < store->n_voters; i++)
    {
      store->voters[i].revoked = g_byte_array_new ();
      store->counted[i] = -1;
      store->by_member[i] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
}

void
pr_store_free (PrStore *store)
{
  if (store == NULL)
    return;
  for (guint i = 0; i < store->n_voters; i++)
    {
      voter_clear (&store->voters[i]);
      g_array_unref (store->by_member[i]);
    }
  g_free (store->by_member);
  g_free (store->voters);
  g_free (store->counted);
  g_clear_pointer (&store->manifest, pr_manifest_unref);
  g_array_unref (store->entries);
  g_hash_table_unref (store->by_fingerprint);
  g_hash_table_unref (store->by_digest);
  pr_journal_free (store->journal);
  pr_atomic_batch_free (store->batch);
  g_clear_error (&store->broken_error);
  g_free (store->dir);
  g_free (store->round_path);
  g_free (store->key_path);
  g_free (store->ballots_dir);
  g_free (store->journal_path);
  g_free (store);
}

const char *
pr_store_get_dir (PrStore *store)
{
  return store->dir;
}

PrManifest *
pr_store_get_manifest (PrStore *store)
{
  return store->manifest;
}

const char *
pr_store_get_email (PrStore *store,
                    guint    index)
{
  g_return_val_if_fail (index < store->n_voters, NULL);
  return store->voters[index].email;
}

guint
pr_store_get_epoch (PrStore *store,
                    guint    index)
{
  g_return_val_if_fail (index < store->n_voters, 0);
  return store->voters[index].revoked->len / PR_SIGN_PUBLIC_LEN;
}

const guint8 *
pr_store_get_member_key (PrStore *store,
                         guint    index)
{
  g_return_val_if_fail (index < store->n_voters, NULL);
  return store->voters[index].key;
}

char *
pr_store_get_key_path (PrStore *store)
{
  return g_strdup (store->key_path);
}

char *
pr_store_get_ballot_path (PrStore    *store,
                          const char *fingerprint_hex)
{
  g_autofree char *name = g_strconcat (fingerprint_hex, ".json", NULL);

  return g_build_filename (store->ballots_dir, name, NULL);
}

/* ---- round.json ---- */

static GBytes *
round_to_bytes (PrStore *store)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  pr_json_writer_begin_object (writer);
  pr_json_writer_header (writer, PR_FORMAT_ROUND, PR_ROUND_VERSION);
  pr_json_writer_key (writer, "round");
  pr_manifest_write (store->manifest, writer);
  pr_json_writer_key (writer, "voters");
  pr_json_writer_begin_array (writer);
  for (guint i = 0; i < store->n_voters; i++)
    {
      Voter *voter = &store->voters[i];

      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "id", pr_manifest_get_member_id (store->manifest, i));
      pr_json_writer_member_base64 (writer, "key", voter->key, PR_SIGN_PUBLIC_LEN);
      pr_json_writer_key (writer, "revoked");
      pr_json_writer_begin_array (writer);
      for (guint k = 0; k < voter->revoked->len; k += PR_SIGN_PUBLIC_LEN)
        pr_json_writer_base64 (writer, voter->revoked->data + k, PR_SIGN_PUBLIC_LEN);
      pr_json_writer_end_array (writer);
      pr_json_writer_member_string (writer, "email", voter->email != NULL ? voter->email : "");
      pr_json_writer_end_object (writer);
    }
  pr_json_writer_end_array (writer);
  pr_json_writer_end_object (writer);
  return pr_json_writer_get_bytes (writer, TRUE);
}

static void
remember_round (PrStore      *store,
                const guint8 *data,
                gsize         len)
{
  pr_crypto_hash (data, len, store->round_digest);
  store->round_known = TRUE;
}

static gboolean
write_round (PrStore  *store,
             GError  **error)
{
  g_autoptr(GBytes) bytes = round_to_bytes (store);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (!pr_atomic_write (store->round_path, data, len, error))
    return FALSE;
  remember_round (store, data, len);
  return TRUE;
}

/* Whether round.json is still what this store loaded or last wrote: a
 * re-issue in another process rewrites it without touching the journal. */
static gboolean
round_unchanged (PrStore *store)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 digest[PR_HASH_LEN];

  if (!store->round_known)
    return TRUE;  /* being created */
  bytes = pr_atomic_read (store->round_path, PR_ROUND_MAX_SIZE, TRUE, NULL);
  if (bytes == NULL)
    return FALSE;
  pr_crypto_hash (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), digest);
  return memcmp (digest, store->round_digest, PR_HASH_LEN) == 0;
}

static gboolean
parse_revoked (JsonArray  *array,
               Voter      *voter,
               GError    **error)
{
  guint n = json_array_get_length (array);

  if (n > MAX_REVOKED)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "revoked");
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      JsonNode *node = json_array_get_element (array, k);
      guint8 key[PR_SIGN_PUBLIC_LEN];
      gsize key_len = 0;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "revoked");
          return FALSE;
        }
      if (!pr_base64_decode (json_node_get_string (node), key, sizeof key, &key_len,
                             "revoked", error))
        return FALSE;
      if (key_len != sizeof key)
        {
          pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, "revoked");
          return FALSE;
        }
      g_byte_array_append (voter->revoked, key, sizeof key);
    }
  return TRUE;
}

static gboolean
parse_voter (PrStore    *store,
             guint       index,
             JsonNode   *node,
             GError    **error)
{
  static const PrJsonMember members[] = {
    { "id", PR_JSON_TYPE_STRING },
    { "key", PR_JSON_TYPE_STRING },
    { "revoked", PR_JSON_TYPE_ARRAY },
    { "email", PR_JSON_TYPE_STRING },
  };
  Voter *voter = &store->voters[index];
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "voters");
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member (object, "id"),
                 pr_manifest_get_member_id (store->manifest, index)) != 0)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "id");
      return FALSE;
    }
  if (!pr_json_get_base64 (object, "key", voter->key, PR_SIGN_PUBLIC_LEN, error))
    return FALSE;
  voter->email = g_strdup (json_object_get_string_member (object, "email"));
  return parse_revoked (json_object_get_array_member (object, "revoked"), voter, error);
}

static gboolean
parse_round_object (PrStore     *store,
                    JsonObject  *object,
                    GError     **error)
{
  static const PrJsonMember members[] = {
    { "format", PR_JSON_TYPE_STRING },
    { "version", PR_JSON_TYPE_INT },
    { "round", PR_JSON_TYPE_OBJECT },
    { "voters", PR_JSON_TYPE_ARRAY },
  };
  PrManifest *manifest;
  JsonArray *voters;

  if (!pr_json_check_header (object, PR_FORMAT_ROUND, PR_ROUND_VERSION, error) ||
      !pr_json_check_members (object, members, G_N_ELEMENTS (members), error))
    return FALSE;
  manifest = pr_manifest_from_json (json_object_get_member (object, "round"), error);
  if (manifest == NULL)
    return FALSE;
  store_set_manifest (store, manifest);
  voters = json_object_get_array_member (object, "voters");
  if (json_array_get_length (voters) != store->n_voters)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, "voters");
      return FALSE;
    }
  for (guint i = 0; i < store->n_voters; i++)
    {
      if (!parse_voter (store, i, json_array_get_element (voters, i), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_round (PrStore  *store,
            GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) canonical = NULL;
  const guint8 *data = NULL;
  gsize len = 0;

  bytes = pr_atomic_read (store->round_path, PR_ROUND_MAX_SIZE, TRUE, &local_error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &len);
      root = pr_json_parse (data, len, PR_ROUND_MAX_SIZE, &local_error);
    }
  if (root != NULL && parse_round_object (store, json_node_get_object (root), &local_error))
    {
      canonical = round_to_bytes (store);
      if (pr_json_check_canonical (data, len, canonical, &local_error))
        {
          remember_round (store, data, len);
          return TRUE;
        }
    }
  if (g_error_matches (local_error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND))
    {
      g_autofree char *display = g_filename_display_name (store->dir);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_A_ROUND,
                   _("%s is not a Peer Rank round folder (it has no round.json)."), display);
      return FALSE;
    }
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
               _("The round file round.json cannot be used: %s"), local_error->message);
  return FALSE;
}

/* ---- what the journal says ---- */

static gboolean
is_hex_fingerprint (const char *text)
{
  guint8 bin[PR_HASH_LEN];

  return pr_crypto_fingerprint_from_hex (text, bin);
}

static gboolean
is_candidate (PrStore     *store,
              const Entry *entry)
{
  if (entry->epoch != pr_store_get_epoch (store, entry->member) || entry->organizer_refused)
    return FALSE;
  return entry->status == PR_BALLOT_STATUS_ACCEPTED ||
         entry->status == PR_BALLOT_STATUS_REVISED ||
         entry->organizer_accepted;
}

/* The counted ballot is the candidate with the highest sequence; among
 * equal sequences the one journaled last (an organizer's choice). */
static void
consider_counted (PrStore *store,
                  guint    index)
{
  const Entry *entry = &g_array_index (store->entries, Entry, index);
  int current = store->counted[entry->member];

  if (!is_candidate (store, entry))
    return;
  if (current < 0 ||
      entry->sequence >= g_array_index (store->entries, Entry, current).sequence)
    store->counted[entry->member] = (int) index;
}

static void
recompute_counted (PrStore *store,
                   guint    member)
{
  GArray *mine = store->by_member[member];

  store->counted[member] = -1;
  for (guint i = 0; i < mine->len; i++)
    consider_counted (store, g_array_index (mine, guint, i));
}

static void
add_entry (PrStore     *store,
           const Entry *entry)
{
  guint index = store->entries->len;

  g_array_append_vals (store->entries, entry, 1);
  g_hash_table_replace (store->by_fingerprint, g_strdup (entry->fingerprint),
                        GUINT_TO_POINTER (index + 1));
  g_hash_table_replace (store->by_digest, g_strdup (entry->digest),
                        GUINT_TO_POINTER (index + 1));
  g_array_append_val (store->by_member[entry->member], index);
  consider_counted (store, index);
}

static Entry *
lookup_entry (PrStore    *store,
              const char *fingerprint_hex)
{
  gpointer found = g_hash_table_lookup (store->by_fingerprint, fingerprint_hex);

  return found != NULL ? &g_array_index (store->entries, Entry, GPOINTER_TO_UINT (found) - 1)
                       : NULL;
}

/* A decision names a stored ballot; the last decision about it holds. */
static void
apply_decision (PrStore           *store,
                Entry             *entry,
                PrJournalDecision  decision)
{
  entry->organizer_accepted = decision == PR_JOURNAL_ACCEPT;
  entry->organizer_refused = decision == PR_JOURNAL_REFUSE;
  recompute_counted (store, entry->member);
}

static void
apply_event (PrStore        *store,
             PrJournalEvent  event,
             gint64          time)
{
  store->closed = event == PR_JOURNAL_CLOSE;
  store->closed_time = store->closed ? time : 0;
}

static gboolean
apply_line (const PrJournalLine  *line,
            gpointer              user_data,
            GError              **error)
{
  PrStore *store = user_data;
  const PrJournalEntry *j = &line->entry;
  Entry entry = { 0 };
  Entry *known;

  switch (line->kind)
    {
    case PR_JOURNAL_LINE_ROUND:
      /* The round hash the round was created with: an edit of
       * round.json's manifest changes the hash, and then every genuine
       * ballot would fail to open as if damaged. */
      if (sodium_memcmp (line->round_hash, pr_manifest_get_hash (store->manifest),
                         PR_HASH_LEN) != 0)
        store->round_changed = TRUE;
      return TRUE;
    case PR_JOURNAL_LINE_DECISION:
      if ((known = lookup_entry (store, j->fingerprint)) == NULL)
        {
          pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE);
          return FALSE;
        }
      apply_decision (store, known, line->decision);
      return TRUE;
    case PR_JOURNAL_LINE_EVENT:
      apply_event (store, line->event, line->time);
      return TRUE;
    case PR_JOURNAL_LINE_BALLOT:
    default:
      break;
    }
  if (g_hash_table_contains (store->by_fingerprint, j->fingerprint))
    return TRUE;  /* journaled twice after a recovery: harmless */
  entry = (Entry) { .member = j->member, .sequence = j->sequence, .epoch = j->epoch,
                    .status = (PrBallotStatus) j->status, .time = j->time };
  g_strlcpy (entry.fingerprint, j->fingerprint, sizeof entry.fingerprint);
  g_strlcpy (entry.digest, j->digest, sizeof entry.digest);
  add_entry (store, &entry);
  return TRUE;
}

/* Lines are only ever reported after they were fsynced, so nothing
 * reported is lost; a torn tail is ignored (see pr-journal.h). */
static gboolean
load_journal (PrStore  *store,
              GError  **error)
{
  if (!pr_journal_load (store->journal, store->manifest, apply_line, store, error))
    return FALSE;
  if (store->round_changed)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_ROUND_CHANGED,
                           _("round.json was changed after the round was created: its round "
                             "hash is not the one the import journal recorded. Ballots are "
                             "bound to the round as created, so none can be opened; put back "
                             "the original round.json (from a backup copy of the round folder)."));
      return FALSE;
    }
  return TRUE;
}

/* ---- open and create ---- */

static gboolean
check_state_files (PrStore  *store,
                   GError  **error)
{
  const char *paths[] = { store->round_path, store->key_path, store->ballots_dir,
                          store->journal_path };
  g_autoptr(GError) local_error = NULL;
  struct stat st;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      if (!pr_atomic_check_no_link (paths[i], &local_error))
        {
          g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_SYMLINK, local_error->message);
          return FALSE;
        }
    }
  if (stat (store->ballots_dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                   _("The round folder has no ballots folder; it is incomplete or damaged."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_key_file (PrStore  *store,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (store->key_path, PR_KEYFILE_MAX_SIZE, TRUE,
                                            &local_error);

  if (bytes != NULL &&
      pr_keyfile_check (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error))
    return TRUE;
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_KEY_FILE,
               _("The key file organizer.key cannot be used: %s"), local_error->message);
  return FALSE;
}

PrStore *
pr_store_open (const char  *dir,
               GError     **error)
{
  g_autoptr(PrStore) store = NULL;
  struct stat st;

  g_return_val_if_fail (dir != NULL, NULL);

  if (stat (dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_A_ROUND,
                   _("%s is not a folder."), display);
      return NULL;
    }
  store = store_new (dir);
  if (!pr_atomic_check_no_link (store->round_path, NULL))
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_SYMLINK,
                           _("round.json is a symbolic link; Peer Rank does not follow links "
                             "in a round folder."));
      return NULL;
    }
  if (!load_round (store, error) ||
      !check_state_files (store, error) ||
      !check_key_file (store, error) ||
      !load_journal (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

static gboolean
prepare_empty_dir (const char  *dir,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (dir);
  g_autoptr(GDir) d = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL || g_dir_read_name (d) != NULL)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_EMPTY,
                   _("%s is not empty; choose a new or empty folder."), display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_key_file (PrStore             *store,
                const PrSecret      *secret,
                const PrStoreParams *params,
                GError             **error)
{
  g_autoptr(GBytes) bytes = pr_keyfile_write (secret, params->passphrase,
                                              strlen (params->passphrase),
                                              params->opslimit, params->memlimit, error);
  gsize len;
  const guint8 *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return pr_atomic_create_once (store->key_path, data, len, error);
}

static GPtrArray *
make_invitations (PrStore             *store,
                  const PrStoreParams *params)
{
  GPtrArray *invitations = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_invitation_free);

  for (guint i = 0; i < store->n_voters; i++)
    {
      PrInvitation *invitation = pr_invitation_new (store->manifest, i);

      memcpy (store->voters[i].key, pr_invitation_get_public_key (invitation),
              PR_SIGN_PUBLIC_LEN);
      if (params->emails != NULL && params->emails[i] != NULL)
        store->voters[i].email = g_strdup (params->emails[i]);
      g_ptr_array_add (invitations, invitation);
    }
  return invitations;
}

static gboolean
write_new_folder (PrStore  *store,
                  GError  **error)
{
  if (g_mkdir (store->ballots_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("Could not create the ballots folder: %s"), g_strerror (saved));
      return FALSE;
    }
  /* The journal is made with its round line. */
  if (!become_writer (store, error))
    return FALSE;
  /* round.json last: its presence marks a complete round folder. */
  return write_round (store, error) && pr_atomic_fsync_dir (store->dir, error);
}

/* The absolute form of @path with symbolic links resolved as far as it
 * exists (the rest may not exist yet). */
static char *
resolve_path (const char *path)
{
  g_autofree char *head = g_canonicalize_filename (path, NULL);
  g_autofree char *tail = g_strdup ("");

  for (;;)
    {
      char *real = realpath (head, NULL);
      g_autofree char *base = NULL;
      char *parent;

      if (real != NULL)
        {
          char *resolved = g_build_filename (real, tail, NULL);

          free (real);
          return resolved;
        }
      if (strcmp (head, "/") == 0)
        return g_build_filename (head, tail, NULL);
      base = g_path_get_basename (head);
      parent = g_path_get_dirname (head);
      g_free (g_steal_pointer (&head));
      head = parent;
      g_free (g_steal_pointer (&tail));
      tail = g_build_filename (base, tail, NULL);
    }
}

static gboolean
is_within (const char *path,
           const char *dir)
{
  gsize len = strlen (dir);

  if (strncmp (path, dir, len) != 0)
    return FALSE;
  return path[len] == '\0' || path[len] == '/' || (len > 0 && dir[len - 1] == '/');
}

gboolean
pr_store_check_separate_dirs (const char  *dir,
                              const char  *outdir,
                              GError     **error)
{
  g_autofree char *a = resolve_path (dir);
  g_autofree char *b = resolve_path (outdir);

  if (!is_within (a, b) && !is_within (b, a))
    return TRUE;
  g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID,
                       _("The round folder and the invitations folder must be two separate "
                         "folders, neither inside the other: the invitations are secrets for "
                         "the members, the round folder is yours."));
  return FALSE;
}

/* Undoes a round folder that could not be completed: everything in it
 * is ours, since it was empty. */
static void
remove_new_folder (PrStore *store)
{
  g_unlink (store->round_path);
  g_unlink (store->key_path);
  g_unlink (store->journal_path);
  pr_atomic_clean_dir (store->dir);
  g_rmdir (store->ballots_dir);
}

static void
remove_files (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_unlink (g_ptr_array_index (paths, i));
}

static gboolean write_invitations (const char  *outdir,
                                   GPtrArray   *invitations,
                                   GPtrArray   *written,
                                   GError     **error);

/* Invitations (when @outdir is given) first, then the key file, then the
 * folder with round.json last: a round never exists without its
 * invitations, and a failure leaves neither. */
static PrStore *
create (const char           *dir,
        const PrStoreParams  *params,
        const char           *outdir,
        GPtrArray           **invitations_out,
        GError              **error)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrSecret) secret = NULL;
  g_autoptr(GPtrArray) invitations = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  guint8 public_key[PR_KX_PUBLIC_LEN];
  PrManifest *manifest;

  secret = pr_crypto_kx_keypair (public_key);
  manifest = pr_manifest_new (NULL, params->title, params->description, params->deadline,
                              params->organizer, params->min_ranked, params->min_raters,
                              params->names, public_key, error);
  if (manifest == NULL || !prepare_empty_dir (dir, error))
    {
      g_clear_pointer (&manifest, pr_manifest_unref);
      return NULL;
    }
  store = store_new (dir);
  store_set_manifest (store, manifest);
  invitations = make_invitations (store, params);
  if (outdir != NULL && !write_invitations (outdir, invitations, written, error))
    {
      remove_files (written);
      return NULL;
    }
  if (!write_key_file (store, secret, params, error) || !write_new_folder (store, error))
    {
      remove_files (written);
      remove_new_folder (store);
      return NULL;
    }
  if (invitations_out != NULL)
    *invitations_out = g_steal_pointer (&invitations);
  return g_steal_pointer (&store);
}

PrStore *
pr_store_create (const char           *dir,
                 const PrStoreParams  *params,
                 GPtrArray           **invitations_out,
                 GError              **error)
{
  g_return_val_if_fail (dir != NULL && params != NULL && params->passphrase != NULL, NULL);

  return create (dir, params, NULL, invitations_out, error);
}

PrStore *
pr_store_create_with_invitations (const char           *dir,
                                  const PrStoreParams  *params,
                                  const char           *outdir,
                                  GPtrArray           **invitations_out,
                                  GError              **error)
{
  g_return_val_if_fail (dir != NULL && params != NULL && params->passphrase != NULL, NULL);
  g_return_val_if_fail (outdir != NULL, NULL);

  if (!pr_store_check_separate_dirs (dir, outdir, error))
    return NULL;
  return create (dir, params, outdir, invitations_out, error);
}

/* ---- keys ---- */

PrSecret *
pr_store_read_secret_key (PrStore     *store,
                          const char  *key_path,
                          const char  *passphrase,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PrSecret *secret = NULL;

  g_return_val_if_fail (store != NULL && passphrase != NULL, NULL);

  bytes = pr_atomic_read (key_path != NULL ? key_path : store->key_path, PR_KEYFILE_MAX_SIZE,
                          key_path == NULL, &local_error);
  if (bytes != NULL)
    secret = pr_keyfile_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              passphrase, strlen (passphrase),
                              pr_manifest_get_public_key (store->manifest), &local_error);
  if (secret == NULL)
    {
      gboolean wrong = g_error_matches (local_error, PR_BALLOT_ERROR,
                                        PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE);

      g_set_error_literal (error, PR_STORE_ERROR,
                           wrong ? PR_STORE_ERROR_PASSPHRASE : PR_STORE_ERROR_DAMAGED,
                           local_error->message);
    }
  return secret;
}

PrBallotOpener *
pr_store_unlock (PrStore     *store,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(PrSecret) secret = NULL;
  PrBallotOpener *opener;

  g_return_val_if_fail (store != NULL && passphrase != NULL, NULL);

  if ((secret = pr_store_read_secret_key (store, NULL, passphrase, error)) == NULL)
    return NULL;
  opener = pr_ballot_opener_new (store->manifest, secret, error);
  if (opener == NULL)
    return NULL;
  for (guint i = 0; i < store->n_voters; i++)
    {
      Voter *voter = &store->voters[i];

      pr_ballot_opener_set_member_key (opener, i, voter->key);
      for (guint k = 0; k < voter->revoked->len; k += PR_SIGN_PUBLIC_LEN)
        pr_ballot_opener_add_revoked_key (opener, i, voter->revoked->data + k);
    }
  return opener;
}

gboolean
pr_store_restore_key (const char  *dir,
                      const char  *backup_path,
                      const char  *passphrase,
                      GError     **error)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrSecret) secret = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (dir != NULL && backup_path != NULL && passphrase != NULL, FALSE);

  /* round.json alone says which key belongs to the round. */
  store = store_new (dir);
  if (!pr_atomic_check_no_link (store->key_path, error) || !load_round (store, error))
    return FALSE;
  /* Only a copy that opens and belongs to this round replaces anything. */
  if ((secret = pr_store_read_secret_key (store, backup_path, passphrase, error)) == NULL ||
      (bytes = pr_atomic_read (backup_path, PR_KEYFILE_MAX_SIZE, FALSE, error)) == NULL)
    return FALSE;
  return pr_atomic_write (store->key_path, g_bytes_get_data (bytes, NULL),
                          g_bytes_get_size (bytes), error);
}

static int
lookup_member (PrStore     *store,
               const char  *member,
               GError     **error)
{
  int index = pr_manifest_lookup_member (store->manifest, member);

  if (index < 0)
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER,
                 _("No member of this round has the id or name “%s”."), member);
  return index;
}

static gboolean
write_invitation_file (PrInvitation  *invitation,
                       const char    *path,
                       GError       **error)
{
  g_autoptr(GBytes) bytes = pr_invitation_to_bytes (invitation);

  return pr_atomic_create_once (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                error);
}

/* The new invitation is written (when @path is given) before round.json
 * revokes the old key, and removed again when round.json cannot be
 * written: a member is never left with no valid invitation. */
static PrInvitation *
reissue (PrStore     *store,
         const char  *member,
         const char  *path,
         guint       *index_out,
         GError     **error)
{
  g_autoptr(PrInvitation) invitation = NULL;
  guint8 old_key[PR_SIGN_PUBLIC_LEN];
  Voter *voter;
  int index;

  if ((index = lookup_member (store, member, error)) < 0 || !become_writer (store, error))
    return NULL;
  voter = &store->voters[index];
  invitation = pr_invitation_new (store->manifest, (guint) index);
  if (path != NULL && !write_invitation_file (invitation, path, error))
    return NULL;
  memcpy (old_key, voter->key, sizeof old_key);
  g_byte_array_append (voter->revoked, old_key, sizeof old_key);
  memcpy (voter->key, pr_invitation_get_public_key (invitation), PR_SIGN_PUBLIC_LEN);
  if (!write_round (store, error))
    {
      /* Keep memory as the disk says. */
      g_byte_array_set_size (voter->revoked, voter->revoked->len - PR_SIGN_PUBLIC_LEN);
      memcpy (voter->key, old_key, sizeof old_key);
      if (path != NULL)
        g_unlink (path);
      return NULL;
    }
  recompute_counted (store, (guint) index);
  if (index_out != NULL)
    *index_out = (guint) index;
  return g_steal_pointer (&invitation);
}

PrInvitation *
pr_store_reissue (PrStore     *store,
                  const char  *member,
                  guint       *index_out,
                  GError     **error)
{
  g_return_val_if_fail (store != NULL && member != NULL, NULL);

  return reissue (store, member, NULL, index_out, error);
}

gboolean
pr_store_reissue_to_file (PrStore     *store,
                          const char  *member,
                          const char  *path,
                          guint       *index_out,
                          GError     **error)
{
  g_autoptr(PrInvitation) invitation = NULL;

  g_return_val_if_fail (store != NULL && member != NULL && path != NULL, FALSE);

  invitation = reissue (store, member, path, index_out, error);
  return invitation != NULL;
}

/* ---- import ---- */

static PrBallotStatus
classify (PrStore     *store,
          const Entry *entry,
          gint64       now)
{
  guint epoch = pr_store_get_epoch (store, entry->member);
  int counted = store->counted[entry->member];
  GArray *mine = store->by_member[entry->member];

  if (g_hash_table_contains (store->by_fingerprint, entry->fingerprint) ||
      g_hash_table_contains (store->by_digest, entry->digest))
    return PR_BALLOT_STATUS_DUPLICATE;
  if (now >= 0 && entry->sequence > (guint64) now + PR_STORE_FLAG_AHEAD_SECONDS)
    return PR_BALLOT_STATUS_FLAGGED;
  for (guint i = 0; i < mine->len; i++)
    {
      const Entry *other = &g_array_index (store->entries, Entry, g_array_index (mine, guint, i));

      if (other->epoch == epoch && other->sequence == entry->sequence)
        return PR_BALLOT_STATUS_CONFLICT;
    }
  if (counted < 0)
    return PR_BALLOT_STATUS_ACCEPTED;
  if (entry->sequence > g_array_index (store->entries, Entry, counted).sequence)
    return PR_BALLOT_STATUS_REVISED;
  return PR_BALLOT_STATUS_STALE;
}

static void
fill_hex (char         out[HEX_LEN + 1],
          const guint8 hash[PR_HASH_LEN])
{
  g_autofree char *hex = pr_crypto_fingerprint_hex (hash);

  g_strlcpy (out, hex, HEX_LEN + 1);
}

PrAtomicPending *
pr_store_prepare (PrStore      *store,
                  const guint8 *data,
                  gsize         len)
{
  g_return_val_if_fail (store != NULL && data != NULL, NULL);

  /* ballots_dir never changes once the store is open. */
  return pr_atomic_pending_new (store->ballots_dir, data, len, NULL);
}

GHashTable *
pr_store_dup_fingerprints (PrStore *store)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (store != NULL, set);

  g_hash_table_iter_init (&iter, store->by_fingerprint);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (set, g_strdup (key));
  return set;
}

static void
queue_entry (PrStore     *store,
             const Entry *entry)
{
  PrJournalEntry line = { .member = entry->member, .sequence = entry->sequence,
                          .epoch = entry->epoch, .status = (int) entry->status,
                          .time = entry->time };

  g_strlcpy (line.fingerprint, entry->fingerprint, sizeof line.fingerprint);
  g_strlcpy (line.digest, entry->digest, sizeof line.digest);
  pr_journal_queue_entry (store->journal, store->manifest, &line);
}

/* Queues the file of a ballot to be stored as NAME. */
static void
queue_file (PrStore         *store,
            const char      *name,
            const guint8    *data,
            gsize            len,
            PrAtomicPending *prepared)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (store->broken)
    {
      pr_atomic_pending_free (prepared);
      return;
    }
  if (prepared != NULL)
    ok = pr_atomic_batch_adopt (store->batch, name, prepared, &local_error);
  else
    ok = pr_atomic_batch_add (store->batch, name, data, len, &local_error);
  if (!ok)
    {
      /* Kept to say why when the group is flushed. */
      store->broken = TRUE;
      store->broken_error = g_steal_pointer (&local_error);
    }
}

PrBallotStatus
pr_store_stage_prepared (PrStore            *store,
                         const guint8       *data,
                         gsize               len,
                         PrAtomicPending    *prepared,
                         const PrBallotInfo *info,
                         gint64              now,
                         GError            **error)
{
  g_autoptr(PrAtomicPending) owned = prepared;
  g_autofree char *name = NULL;
  Entry entry = { 0 };

  g_return_val_if_fail (store != NULL && info != NULL, PR_BALLOT_STATUS_REJECTED);
  g_return_val_if_fail (info->member_index < store->n_voters, PR_BALLOT_STATUS_REJECTED);

  /* The opener may predate a re-issue: only the current key counts. */
  if (memcmp (info->signer_key, store->voters[info->member_index].key, PR_SIGN_PUBLIC_LEN) != 0)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED);
      return PR_BALLOT_STATUS_REJECTED;
    }
  fill_hex (entry.fingerprint, info->fingerprint);
  fill_hex (entry.digest, info->payload_digest);
  entry.member = info->member_index;
  /* Sequences beyond what the journal stores as a JSON integer are
   * clamped; they are flagged anyway. */
  entry.sequence = MIN (info->sequence, (guint64) G_MAXINT64);
  entry.epoch = pr_store_get_epoch (store, info->member_index);
  entry.time = now;
  entry.status = classify (store, &entry, now);
  if (entry.status == PR_BALLOT_STATUS_DUPLICATE)
    return entry.status;

  name = g_strconcat (entry.fingerprint, ".json", NULL);
  queue_file (store, name, data, len, g_steal_pointer (&owned));
  add_entry (store, &entry);
  queue_entry (store, &entry);
  store->n_staged++;
  return entry.status;
}

PrBallotStatus
pr_store_stage (PrStore            *store,
                const guint8       *data,
                gsize               len,
                const PrBallotInfo *info,
                gint64              now,
                GError            **error)
{
  return pr_store_stage_prepared (store, data, len, NULL, info, now, error);
}

guint
pr_store_get_n_staged (PrStore *store)
{
  return store->n_staged;
}

/* The first cause is the one reported, every time: the system's own
 * words ("No space left on device", "Permission denied"). */
static gboolean
set_broken_error (PrStore  *store,
                  GError   *cause,
                  GError  **error)
{
  store->broken = TRUE;
  if (store->broken_error == NULL && cause != NULL)
    store->broken_error = g_error_copy (cause);
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BROKEN,
               _("Writing to the round folder failed (%s); nothing after the files reported "
                 "so far was imported. Fix the cause and import again."),
               store->broken_error != NULL ? store->broken_error->message
                                           : _("the cause is unknown"));
  return FALSE;
}

/* One writer per round folder: the journal is flock'ed from the first
 * write on, and a journal that grew or a round.json that changed since
 * the folder was opened means another process wrote: the state in
 * memory is stale. */
static gboolean
become_writer (PrStore  *store,
               GError  **error)
{
  if (!pr_journal_lock (store->journal, pr_manifest_get_hash (store->manifest), error))
    return FALSE;
  if (!round_unchanged (store))
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY,
                           _("Another Peer Rank is importing into this round, or did since it "
                             "was opened; wait for it to finish and open the round again."));
      return FALSE;
    }
  return TRUE;
}

gboolean
pr_store_flush (PrStore  *store,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (store->broken)
    return set_broken_error (store, NULL, error);
  if (store->n_staged == 0)
    return TRUE;
  if (!become_writer (store, error))
    return FALSE;
  /* Files first, then the journal: a line is never written for a ballot
   * that is not on disk, and a crash in between leaves unjournaled files
   * that pr_store_recover() picks up. */
  if (!pr_atomic_batch_commit (store->batch, &local_error) ||
      !pr_journal_commit (store->journal, &local_error))
    return set_broken_error (store, local_error, error);
  store->n_staged = 0;
  return TRUE;
}

/* ---- recovery ---- */

static gboolean
is_ballot_name (const char *name,
                char        fingerprint[HEX_LEN + 1])
{
  if (strlen (name) != HEX_LEN + 5 || !g_str_has_suffix (name, ".json"))
    return FALSE;
  g_strlcpy (fingerprint, name, HEX_LEN + 1);
  return is_hex_fingerprint (fingerprint);
}

static GPtrArray *
list_unjournaled (PrStore *store)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (store->ballots_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      char fingerprint[HEX_LEN + 1];

      if (is_ballot_name (name, fingerprint) &&
          !g_hash_table_contains (store->by_fingerprint, fingerprint))
        g_ptr_array_add (names, g_strdup (fingerprint));
    }
  return names;
}

guint
pr_store_count_unjournaled (PrStore *store)
{
  g_autoptr(GPtrArray) names = list_unjournaled (store);

  return names->len;
}

typedef struct {
  GBytes       *bytes;
  PrBallotInfo  info;
} Orphan;

static void
orphan_free (gpointer data)
{
  Orphan *orphan = data;

  g_bytes_unref (orphan->bytes);
  g_free (orphan);
}

static int
compare_orphans (gconstpointer a,
                 gconstpointer b)
{
  const Orphan *x = *(const Orphan * const *) a;
  const Orphan *y = *(const Orphan * const *) b;

  if (x->info.sequence != y->info.sequence)
    return x->info.sequence < y->info.sequence ? -1 : 1;
  return memcmp (x->info.fingerprint, y->info.fingerprint, PR_HASH_LEN);
}

/* Opens one unjournaled file; NULL when it no longer opens (it is left
 * where it is and does not count). */
static Orphan *
open_orphan (PrStore        *store,
             PrBallotOpener *opener,
             const char     *fingerprint)
{
  g_autofree char *path = pr_store_get_ballot_path (store, fingerprint);
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_ENVELOPE_MAX_SIZE, TRUE, NULL);
  g_autofree Orphan *orphan = g_new0 (Orphan, 1);
  PrSecret *workspace;
  char found[HEX_LEN + 1];

  if (bytes == NULL)
    return NULL;
  workspace = pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener));
  if (!pr_ballot_open (opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       workspace, &orphan->info, NULL))
    return NULL;
  pr_secret_wipe (workspace);
  orphan->info.ranking = NULL;
  orphan->info.n_ranked = 0;
  fill_hex (found, orphan->info.fingerprint);
  if (strcmp (found, fingerprint) != 0)
    return NULL;
  orphan->bytes = g_steal_pointer (&bytes);
  return g_steal_pointer (&orphan);
}

gboolean
pr_store_recover (PrStore         *store,
                  PrBallotOpener  *opener,
                  guint           *n_recovered,
                  GError         **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func (orphan_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint recovered = 0;

  g_return_val_if_fail (store != NULL && opener != NULL, FALSE);

  /* Never clean temporary files another writer is using. */
  if (!become_writer (store, error))
    return FALSE;
  pr_atomic_clean_dir (store->ballots_dir);
  pr_atomic_clean_dir (store->dir);
  names = list_unjournaled (store);
  for (guint i = 0; i < names->len; i++)
    {
      Orphan *orphan = open_orphan (store, opener, g_ptr_array_index (names, i));

      if (orphan != NULL)
        g_ptr_array_add (orphans, orphan);
    }
  /* Oldest first, so that the newest of a member ends up counted. */
  g_ptr_array_sort (orphans, compare_orphans);
  for (guint i = 0; i < orphans->len; i++)
    {
      Orphan *orphan = g_ptr_array_index (orphans, i);

      /* One signed with a key revoked since is left where it is. */
      if (pr_store_stage (store, g_bytes_get_data (orphan->bytes, NULL),
                          g_bytes_get_size (orphan->bytes), &orphan->info, now,
                          NULL) != PR_BALLOT_STATUS_REJECTED)
        recovered++;
    }
  if (n_recovered != NULL)
    *n_recovered = recovered;
  return pr_store_flush (store, error);
}

/* ---- decisions and queries ---- */

gboolean
pr_store_is_pending (PrStore *store,
                     guint    index)
{
  const Entry *entry;
  int counted;

  g_return_val_if_fail (store != NULL && index < store->entries->len, FALSE);

  entry = &g_array_index (store->entries, Entry, index);
  if ((entry->status != PR_BALLOT_STATUS_CONFLICT && entry->status != PR_BALLOT_STATUS_FLAGGED) ||
      entry->organizer_accepted || entry->organizer_refused ||
      entry->epoch != pr_store_get_epoch (store, entry->member))
    return FALSE;
  /* One below the counted ballot could never count: nothing to decide. */
  counted = store->counted[entry->member];
  return counted < 0 ||
         entry->sequence >= g_array_index (store->entries, Entry, counted).sequence;
}

GArray *
pr_store_list_pending (PrStore *store)
{
  GArray *pending = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (store != NULL, pending);

  for (guint i = 0; i < store->entries->len; i++)
    if (pr_store_is_pending (store, i))
      g_array_append_val (pending, i);
  return pending;
}

/* Journals the organizer's decision, then applies it. */
static gboolean
decide (PrStore           *store,
        const char        *fingerprint_hex,
        PrJournalDecision  decision,
        GError           **error)
{
  gpointer found = g_hash_table_lookup (store->by_fingerprint, fingerprint_hex);
  guint index;

  if (found == NULL)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER,
                   _("No stored ballot has the fingerprint %s."), fingerprint_hex);
      return FALSE;
    }
  index = GPOINTER_TO_UINT (found) - 1;
  if (!pr_store_is_pending (store, index))
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_PENDING,
                   _("The ballot %s awaits no decision: only a conflicting or flagged ballot "
                     "that could still count can be accepted or refused, once."),
                   fingerprint_hex);
      return FALSE;
    }
  if (!pr_store_flush (store, error) || !become_writer (store, error) ||
      !pr_journal_append_decision (store->journal, decision, fingerprint_hex,
                                   g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;
  apply_decision (store, &g_array_index (store->entries, Entry, index), decision);
  return TRUE;
}

gboolean
pr_store_accept (PrStore     *store,
                 const char  *fingerprint_hex,
                 GError     **error)
{
  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);

  return decide (store, fingerprint_hex, PR_JOURNAL_ACCEPT, error);
}

gboolean
pr_store_refuse (PrStore     *store,
                 const char  *fingerprint_hex,
                 GError     **error)
{
  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);

  return decide (store, fingerprint_hex, PR_JOURNAL_REFUSE, error);
}

static gboolean
set_closed (PrStore  *store,
            gboolean  closed,
            GError  **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (store->closed == closed)
    return TRUE;
  if (!pr_store_flush (store, error) || !become_writer (store, error) ||
      !pr_journal_append_event (store->journal, closed ? PR_JOURNAL_CLOSE : PR_JOURNAL_REOPEN,
                                now, error))
    return FALSE;
  apply_event (store, closed ? PR_JOURNAL_CLOSE : PR_JOURNAL_REOPEN, now);
  return TRUE;
}

gboolean
pr_store_close (PrStore  *store,
                GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return set_closed (store, TRUE, error);
}

gboolean
pr_store_reopen (PrStore  *store,
                 GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return set_closed (store, FALSE, error);
}

gboolean
pr_store_is_closed (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return store->closed;
}

gint64
pr_store_get_closed_time (PrStore *store)
{
  g_return_val_if_fail (store != NULL, 0);
  return store->closed_time;
}

gboolean
pr_store_member_voted (PrStore *store,
                       guint    index)
{
  g_return_val_if_fail (index < store->n_voters, FALSE);
  return store->counted[index] >= 0;
}

gboolean
pr_store_get_counted (PrStore     *store,
                      guint        index,
                      const char **fingerprint_hex,
                      guint64     *sequence)
{
  const Entry *entry;

  g_return_val_if_fail (index < store->n_voters, FALSE);
  if (store->counted[index] < 0)
    return FALSE;
  entry = &g_array_index (store->entries, Entry, store->counted[index]);
  if (fingerprint_hex != NULL)
    *fingerprint_hex = entry->fingerprint;
  if (sequence != NULL)
    *sequence = entry->sequence;
  return TRUE;
}

gboolean
pr_store_has_ballot (PrStore    *store,
                     const char *fingerprint_hex)
{
  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);
  return g_hash_table_contains (store->by_fingerprint, fingerprint_hex);
}

guint
pr_store_count_status (PrStore        *store,
                       PrBallotStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < store->entries->len; i++)
    n += g_array_index (store->entries, Entry, i).status == status;
  return n;
}

guint
pr_store_get_n_entries (PrStore *store)
{
  g_return_val_if_fail (store != NULL, 0);
  return store->entries->len;
}

void
pr_store_get_entry (PrStore      *store,
                    guint         index,
                    PrStoreEntry *out)
{
  const Entry *entry;

  g_return_if_fail (store != NULL && out != NULL);
  g_return_if_fail (index < store->entries->len);

  entry = &g_array_index (store->entries, Entry, index);
  *out = (PrStoreEntry) { entry->fingerprint, entry->digest, entry->member, entry->sequence,
                          entry->epoch, entry->status, entry->time, entry->organizer_accepted,
                          entry->organizer_refused };
}

gboolean
pr_store_has_journal (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return pr_journal_exists (store->journal);
}

gboolean
pr_store_journal_is_torn (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return pr_journal_is_torn (store->journal);
}

/* ---- integrity of the stored copies ---- */

static gboolean
set_mismatch (PrStore     *store,
              const char  *fingerprint_hex,
              const char  *why,
              GError     **error)
{
  g_autofree char *path = pr_store_get_ballot_path (store, fingerprint_hex);
  g_autofree char *display = g_filename_display_name (path);

  /* TRANSLATORS: %s is a file, the second %s says what is wrong with it */
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_MISMATCH,
               _("The stored ballot %s is not the one the import journal names: %s. Import the "
                 "original ballot file again to restore it, or run “peer-rank-cli round check” "
                 "to see every problem."),
               display, why);
  return FALSE;
}

/* The stored copy's bytes when they hash to the fingerprint; else NULL
 * with @why set to a translated reason. */
static GBytes *
read_copy (PrStore     *store,
           const char  *fingerprint_hex,
           char       **why)
{
  g_autofree char *path = pr_store_get_ballot_path (store, fingerprint_hex);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_ENVELOPE_MAX_SIZE, TRUE, &local_error);
  guint8 found[PR_HASH_LEN];
  guint8 wanted[PR_HASH_LEN];

  if (bytes == NULL)
    {
      *why = g_error_matches (local_error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND)
               ? g_strdup (_("the file is missing"))
               : g_strdup (local_error->message);
      return NULL;
    }
  pr_ballot_fingerprint (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), found);
  if (!pr_crypto_fingerprint_from_hex (fingerprint_hex, wanted) ||
      sodium_memcmp (found, wanted, PR_HASH_LEN) != 0)
    {
      *why = g_strdup (_("its content was changed or replaced"));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* The ballot must open to what was journaled when it was imported: the
 * same member, sequence and payload. */
static gboolean
check_opened (PrStore            *store,
              const Entry        *entry,
              const PrBallotInfo *info,
              GError            **error)
{
  char digest[HEX_LEN + 1];

  fill_hex (digest, info->payload_digest);
  if (info->member_index == entry->member && info->sequence == entry->sequence &&
      strcmp (digest, entry->digest) == 0)
    return TRUE;
  return set_mismatch (store, entry->fingerprint,
                       _("it opens to another member, sequence or ranking"), error);
}

GBytes *
pr_store_read_ballot (PrStore         *store,
                      const char      *fingerprint_hex,
                      PrBallotOpener  *opener,
                      PrSecret        *workspace,
                      PrBallotInfo    *info,
                      GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *why = NULL;
  const Entry *entry;
  PrBallotInfo opened;

  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, NULL);

  if ((entry = lookup_entry (store, fingerprint_hex)) == NULL)
    {
      set_mismatch (store, fingerprint_hex, _("the journal has no such ballot"), error);
      return NULL;
    }
  if ((bytes = read_copy (store, fingerprint_hex, &why)) == NULL)
    {
      set_mismatch (store, fingerprint_hex, why, error);
      return NULL;
    }
  if (opener == NULL)
    return g_steal_pointer (&bytes);
  if (workspace == NULL)
    workspace = pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener));
  if (!pr_ballot_open (opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       workspace, &opened, &local_error))
    {
      set_mismatch (store, fingerprint_hex, local_error->message, error);
      return NULL;
    }
  if (!check_opened (store, entry, &opened, error))
    {
      pr_secret_wipe (workspace);
      return NULL;
    }
  if (info != NULL)
    *info = opened;
  return g_steal_pointer (&bytes);
}

gboolean
pr_store_copy_is_intact (PrStore    *store,
                         const char *fingerprint_hex)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *why = NULL;

  gpointer found;

  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);

  /* Staged and not flushed yet: its copy is on its way. */
  found = g_hash_table_lookup (store->by_fingerprint, fingerprint_hex);
  if (found != NULL && GPOINTER_TO_UINT (found) - 1 >= store->entries->len - store->n_staged)
    return TRUE;
  bytes = read_copy (store, fingerprint_hex, &why);
  return bytes != NULL;
}

/* A damaged copy is evidence: it is renamed, never deleted or rewritten. */
static gboolean
move_aside (const char  *path,
            GError     **error)
{
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%" G_GINT64_FORMAT, path,
                                            g_get_real_time ());
  struct stat st;

  if (lstat (path, &st) != 0)
    return TRUE;  /* missing: nothing to keep */
  if (rename (path, aside) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO, _("%s cannot be moved aside: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
pr_store_restore_copy (PrStore       *store,
                       const char    *fingerprint_hex,
                       const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *hex = NULL;
  guint8 fingerprint[PR_HASH_LEN];

  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL && data != NULL, FALSE);

  pr_ballot_fingerprint (data, len, fingerprint);
  hex = pr_crypto_fingerprint_hex (fingerprint);
  if (lookup_entry (store, fingerprint_hex) == NULL || strcmp (hex, fingerprint_hex) != 0)
    return set_mismatch (store, fingerprint_hex, _("the file given is another ballot"), error);
  if (pr_store_copy_is_intact (store, fingerprint_hex))
    return TRUE;
  if (!become_writer (store, error))
    return FALSE;
  path = pr_store_get_ballot_path (store, fingerprint_hex);
  return move_aside (path, error) && pr_atomic_create_once (path, data, len, error);
}

gboolean
pr_store_check_complete (PrStore  *store,
                         GError  **error)
{
  g_autofree char *display = NULL;
  guint n;

  g_return_val_if_fail (store != NULL, FALSE);

  n = pr_store_count_unjournaled (store);
  if (n == 0)
    return TRUE;
  display = g_filename_display_name (store->dir);
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNJOURNALED,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u stored ballot of %s is not in the import journal (an import "
                            "was interrupted, or the journal was cut or deleted), so a count "
                            "now would leave it out. Run “peer-rank-cli import %s” (or open the "
                            "round in Peer Rank) to recover it, then count again.",
                            "%u stored ballots of %s are not in the import journal (an import "
                            "was interrupted, or the journal was cut or deleted), so a count "
                            "now would leave them out. Run “peer-rank-cli import %s” (or open "
                            "the round in Peer Rank) to recover them, then count again.", n),
               n, display, display);
  return FALSE;
}

#define MAX_SLUG 48

/* ---- invitation files ---- */

char *
pr_store_invitation_slug (const char *name,
                   const char *member_id)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0' && slug->len < MAX_SLUG; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else if (*p != '\'')
        dash = TRUE;
    }
  if (slug->len == 0)
    g_string_append (slug, member_id);
  return g_string_free (slug, FALSE);
}

gboolean
pr_store_ensure_empty_dir (const char  *dir,
                  GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autofree char *display = g_filename_display_name (dir);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  if (g_dir_read_name (d) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s is not empty; choose a new or empty folder."), display);
      return FALSE;
    }
  return TRUE;
}

/* Adds the path of each file written to @written. */
static gboolean
write_invitations (const char  *outdir,
                   GPtrArray   *invitations,
                   GPtrArray   *written,
                   GError     **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!pr_store_ensure_empty_dir (outdir, error))
    return FALSE;
  for (guint i = 0; i < invitations->len; i++)
    {
      PrInvitation *invitation = g_ptr_array_index (invitations, i);
      PrManifest *manifest = pr_invitation_get_manifest (invitation);
      guint index = pr_invitation_get_member_index (invitation);
      g_autofree char *slug = pr_store_invitation_slug (pr_manifest_get_member_name (manifest, index),
                                                 pr_manifest_get_member_id (manifest, index));
      g_autofree char *name = g_strdup (slug);
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = pr_invitation_to_bytes (invitation);

      for (guint n = 2; g_hash_table_contains (used, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s-%u", slug, n);
        }
      g_hash_table_add (used, g_strdup (name));
      file = g_strconcat (name, ".json", NULL);
      path = g_build_filename (outdir, file, NULL);
      if (!pr_atomic_create_once (path, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), error))
        return FALSE;
      g_ptr_array_add (written, g_steal_pointer (&path));
    }
  return TRUE;
}

gboolean
pr_store_write_invitations (const char  *outdir,
                            GPtrArray   *invitations,
                            GError     **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);

  if (write_invitations (outdir, invitations, written, error))
    return TRUE;
  /* All or none. */
  remove_files (written);
  return FALSE;
}
