/* pr-journal.c — the import journal of a round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
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

struct _PrJournal {
  char     *path;
  gboolean  exists;
  gboolean  torn;
  gsize     valid_len;      /* up to the last complete line */
  gsize     size_at_load;   /* what another writer must not have changed */
  int       lock_fd;        /* flock'ed while this process writes */
  GString  *queued;         /* lines not written yet */
};

PrJournal *
pr_journal_new (const char *path)
{
  PrJournal *journal = g_new0 (PrJournal, 1);

  journal->path = g_strdup (path);
  journal->lock_fd = -1;
  journal->queued = g_string_new (NULL);
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
parse_round (JsonObject    *object,
             PrJournalLine *line,
             GError       **error)
{
  static const PrJsonMember members[] = {
    { "round", PR_JSON_TYPE_STRING }, { "time", PR_JSON_TYPE_INT },
  };

  if (!pr_json_check_members (object, members, G_N_ELEMENTS (members), error) ||
      !pr_json_get_int_in (object, "time", 0, G_MAXINT64, &line->time, error))
    return FALSE;
  if (!pr_crypto_fingerprint_from_hex (json_object_get_string_member (object, "round"),
                                       line->round_hash))
    return bad_value (error);
  line->kind = PR_JOURNAL_LINE_ROUND;
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
  line->kind = PR_JOURNAL_LINE_BALLOT;
  if (!parse_ballot (object, manifest, &line->entry, error))
    return FALSE;
  line->time = line->entry.time;
  return TRUE;
}

gboolean
pr_journal_load (PrJournal         *journal,
                 PrManifest        *manifest,
                 PrJournalLineFunc  func,
                 gpointer           user_data,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;
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
      PrJournalLine line = { 0 };

      if (data[i] != '\n')
        continue;
      line_no++;
      if (!parse_line (data + start, i - start, manifest, &line, &local_error))
        {
          g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                       _("Line %u of the import journal is damaged: %s"), line_no,
                       local_error->message);
          return FALSE;
        }
      if (!func (&line, user_data, error))
        return FALSE;
      start = i + 1;
    }
  journal->valid_len = start;
  journal->size_at_load = len;
  journal->torn = start < len;
  return TRUE;
}

/* ---- writing ---- */

static GBytes *
round_line (const guint8 round_hash[PR_HASH_LEN],
            gint64       time)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autofree char *hex = pr_crypto_fingerprint_hex (round_hash);

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "round", hex);
  pr_json_writer_member_int (writer, "time", time);
  pr_json_writer_end_object (writer);
  return pr_json_writer_get_bytes (writer, TRUE);
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
  return TRUE;
}

/* A journal made anew (a new round, or one whose journal was deleted)
 * starts with the round line, so that an edit of round.json is named. */
static gboolean
start (PrJournal     *journal,
       const guint8   round_hash[PR_HASH_LEN],
       GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (journal->path);
  g_autoptr(GBytes) line = round_line (round_hash, g_get_real_time () / G_USEC_PER_SEC);

  if (!write_text (journal, g_bytes_get_data (line, NULL), g_bytes_get_size (line), error))
    return FALSE;
  journal->exists = TRUE;
  return pr_atomic_fsync_dir (dir, error);
}

gboolean
pr_journal_lock (PrJournal     *journal,
                 const guint8   round_hash[PR_HASH_LEN],
                 GError       **error)
{
  struct stat st;
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
  if (flock (fd, LOCK_EX | LOCK_NB) != 0 || fstat (fd, &st) != 0 ||
      (guint64) st.st_size != journal->size_at_load)
    {
      close (fd);
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY,
                           _("Another Peer Rank is importing into this round, or did since it "
                             "was opened; wait for it to finish and open the round again."));
      return FALSE;
    }
  journal->lock_fd = fd;
  if (!journal->exists)
    return start (journal, round_hash, error);
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
  bytes = pr_json_writer_get_bytes (writer, TRUE);
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
  g_autoptr(GBytes) bytes = pr_json_writer_get_bytes (writer, TRUE);

  g_return_val_if_fail (journal->lock_fd >= 0, FALSE);

  return pr_journal_commit (journal, error) &&
         write_text (journal, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
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
