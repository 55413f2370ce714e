/* pr-journal.h — the import journal of a round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"
#include "pr-manifest.h"

G_BEGIN_DECLS

/* journal.jsonl: append-only, one canonical JSON object per line, each
 * line fsynced before what it records is reported.
 *   {"round":hex,"time":n}                      the first line: the round
 *                                               hash the round was made with
 *   {"fingerprint":hex,"digest":hex,"member":s,"sequence":n,
 *    "epoch":n,"status":s,"time":n}             a stored ballot
 *   {"decision":"accept"|"refuse","fingerprint":hex,"time":n}
 *                                               the organizer's decision about
 *                                               a flagged or conflicting ballot
 *   {"event":"close"|"reopen","time":n}         the round closed or reopened
 * Every complete line must parse; bytes after the last newline are a write
 * torn by a crash (or a cut file): ignored when read, cut off before the
 * next append. "epoch" is the number of the member's revoked keys when the
 * ballot was stored: only ballots of the current epoch count. */

#define PR_JOURNAL_HEX_LEN (PR_HASH_LEN * 2)

typedef enum {
  PR_JOURNAL_LINE_ROUND,
  PR_JOURNAL_LINE_BALLOT,
  PR_JOURNAL_LINE_DECISION,
  PR_JOURNAL_LINE_EVENT,
} PrJournalLineKind;

typedef enum {
  PR_JOURNAL_ACCEPT,
  PR_JOURNAL_REFUSE,
} PrJournalDecision;

typedef enum {
  PR_JOURNAL_CLOSE,
  PR_JOURNAL_REOPEN,
} PrJournalEvent;

/* A stored ballot's line. @status is a PrBallotStatus (never duplicate or
 * rejected: those are not stored). */
typedef struct {
  char     fingerprint[PR_JOURNAL_HEX_LEN + 1];
  char     digest[PR_JOURNAL_HEX_LEN + 1];
  guint    member;
  guint64  sequence;
  guint    epoch;
  int      status;
  gint64   time;
} PrJournalEntry;

/* One parsed line; which members are set depends on @kind. */
typedef struct {
  PrJournalLineKind  kind;
  gint64             time;
  PrJournalEntry     entry;         /* BALLOT */
  PrJournalDecision  decision;      /* DECISION, with entry.fingerprint */
  PrJournalEvent     event;         /* EVENT */
  guint8             round_hash[PR_HASH_LEN];  /* ROUND */
} PrJournalLine;

typedef struct _PrJournal PrJournal;

PrJournal *pr_journal_new         (const char      *path);
void       pr_journal_free        (PrJournal       *journal);

/* Called for each line in file order; FALSE (with @error) stops reading. */
typedef gboolean (*PrJournalLineFunc) (const PrJournalLine  *line,
                                       gpointer              user_data,
                                       GError              **error);

/* Reads the journal (a missing one is empty: see pr_journal_exists()).
 * Member ids are resolved with @manifest. PR_STORE_ERROR_DAMAGED naming
 * the line when one cannot be used. */
gboolean   pr_journal_load        (PrJournal        *journal,
                                   PrManifest       *manifest,
                                   PrJournalLineFunc func,
                                   gpointer          user_data,
                                   GError          **error);
gboolean   pr_journal_exists      (PrJournal       *journal);
gboolean   pr_journal_is_torn     (PrJournal       *journal);

/* Becomes the journal's only writer: an exclusive flock, held until the
 * journal is freed. PR_STORE_ERROR_BUSY when another process holds it or
 * the file changed since it was loaded. A journal that did not exist is
 * created with its round line for @round_hash. */
gboolean   pr_journal_lock        (PrJournal       *journal,
                                   const guint8     round_hash[PR_HASH_LEN],
                                   GError         **error);

/* Queues a stored ballot's line; pr_journal_commit() writes what is queued
 * (after cutting off a torn tail) and fsyncs it. */
void       pr_journal_queue_entry (PrJournal            *journal,
                                   PrManifest           *manifest,
                                   const PrJournalEntry *entry);
gboolean   pr_journal_has_queued  (PrJournal       *journal);
gboolean   pr_journal_commit      (PrJournal       *journal,
                                   GError         **error);

/* Writes one decision or event line at once (after what is queued). */
gboolean   pr_journal_append_decision (PrJournal         *journal,
                                       PrJournalDecision  decision,
                                       const char        *fingerprint_hex,
                                       gint64             time,
                                       GError           **error);
gboolean   pr_journal_append_event    (PrJournal         *journal,
                                       PrJournalEvent     event,
                                       gint64             time,
                                       GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrJournal, pr_journal_free)

G_END_DECLS
