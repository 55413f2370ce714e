/* pr-journal.h — the import journal of a round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"
#include "pr-manifest.h"
#include "pr-state-mac.h"

G_BEGIN_DECLS

/* journal.jsonl: append-only, one canonical JSON object per line, each
 * line fsynced before what it records is reported.
 *   {"round":hex,"voters":hex,"time":n}         the first line: the round
 *                                               hash the round was made with
 *                                               and the digest of round.json's
 *                                               "voters" (version 1: no "voters")
 *   {"fingerprint":hex,"digest":hex,"member":s,"sequence":n,
 *    "epoch":n,"status":s,"time":n}             a stored ballot
 *   {"decision":"accept"|"refuse","fingerprint":hex,"time":n}
 *                                               the organizer's decision about
 *                                               a flagged or conflicting ballot
 *   {"event":"close"|"reopen","time":n}         the round closed or reopened
 *   {"reissue":s,"key":b64,"voters":hex,"time":n}
 *                                               member s got a new signing key;
 *                                               "voters" as round.json has it now
 *   {"upgrade":hex,"voters":hex,"time":n}       a version 1 round was upgraded:
 *                                               BLAKE2b-256 of the journal's bytes
 *                                               before this line
 *   {"mail":"invitation"|"reminder","member":s,"epoch":n,
 *    "via":"sendmail"|"file"|"mail-client","time":n}
 *                                               a message to member s was handed
 *                                               on (who was sent what, when, how;
 *                                               never its content); "epoch": the
 *                                               invitation's (its revoked keys)
 * Every line but those of a version 1 journal before its upgrade line ends
 * in ,"mac":hex}: the MAC chain (PR_STATE_DOMAIN_JOURNAL) over the line's
 * bytes before ,"mac" and the previous line's MAC (none for the first
 * line with a MAC), under the state key (pr-state-mac.h).
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
  PR_JOURNAL_LINE_REISSUE,
  PR_JOURNAL_LINE_UPGRADE,
  PR_JOURNAL_LINE_MAIL,
} PrJournalLineKind;

typedef enum {
  PR_JOURNAL_ACCEPT,
  PR_JOURNAL_REFUSE,
} PrJournalDecision;

typedef enum {
  PR_JOURNAL_CLOSE,
  PR_JOURNAL_REOPEN,
} PrJournalEvent;

/* What a MAIL line records was sent, and how it left. */
typedef enum {
  PR_JOURNAL_MAIL_INVITATION,
  PR_JOURNAL_MAIL_REMINDER,
  PR_JOURNAL_MAIL_N_KINDS
} PrJournalMailKind;

typedef enum {
  PR_JOURNAL_VIA_SENDMAIL,      /* piped to a sendmail-like command */
  PR_JOURNAL_VIA_FILE,          /* written as an .eml file */
  PR_JOURNAL_VIA_MAIL_CLIENT,   /* handed to the mail client to send */
} PrJournalVia;

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
  guint8             round_hash[PR_HASH_LEN];  /* ROUND; UPGRADE: the bytes before */
  gboolean           has_voters;    /* ROUND (not in version 1), REISSUE, UPGRADE */
  guint8             voters[PR_HASH_LEN];
  guint8             key[PR_SIGN_PUBLIC_LEN];  /* REISSUE, with entry.member */
  PrJournalMailKind  mail;          /* MAIL, with entry.member and entry.epoch */
  PrJournalVia       via;           /* MAIL */
  gboolean           has_mac;
} PrJournalLine;

/* What pr_journal_verify() found. */
typedef struct {
  gboolean  authenticated;   /* every line has a valid MAC (or is bound by the upgrade) */
  gboolean  has_voters;      /* a line records round.json's voters */
  guint8    voters[PR_HASH_LEN];
  guint     voters_line;     /* the line that does (1-based) */
  /* The last line recording voters is a re-issue: the member, the new
   * key and the voters before it (to finish a re-issue cut short). */
  gboolean  last_is_reissue;
  guint     reissue_member;
  guint8    reissue_key[PR_SIGN_PUBLIC_LEN];
  gboolean  has_voters_before;
  guint8    voters_before[PR_HASH_LEN];
} PrJournalState;

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

/* Checks every loaded line's MAC under @key: PR_STORE_ERROR_TAMPERED
 * naming the first line that was changed, added or removed without the
 * key; a version 1 journal without an upgrade line is not authenticated
 * (@state->authenticated FALSE, no error). Afterwards lines are appended
 * with MACs chained to the last one. @key stays the caller's and must
 * outlive the journal. */
gboolean   pr_journal_verify      (PrJournal       *journal,
                                   const PrSecret  *key,
                                   const guint8     round_hash[PR_HASH_LEN],
                                   PrJournalState  *state,
                                   GError         **error);
/* Sets PR_STORE_ERROR_TAMPERED naming line @line_no of journal.jsonl. */
gboolean   pr_journal_set_tampered_error (guint      line_no,
                                          GError   **error);
/* The number of complete lines: loaded, then appended. */
guint      pr_journal_get_n_lines (PrJournal       *journal);
/* The MAC that loaded line @line_no (1-based) ends in; FALSE when the
 * line has none or was not loaded. */
gboolean   pr_journal_get_line_mac (PrJournal      *journal,
                                    guint           line_no,
                                    guint8          mac[PR_STATE_MAC_LEN]);
/* The MAC of the last line, verified or written (FALSE: none yet). */
gboolean   pr_journal_get_head    (PrJournal       *journal,
                                   guint8           head[PR_STATE_MAC_LEN]);
/* Called after appended lines were made durable: what
 * pr_journal_get_n_lines() and pr_journal_get_head() say now. */
typedef void (*PrJournalWrittenFunc) (PrJournal *journal,
                                      gpointer   user_data);
void       pr_journal_set_written_func (PrJournal            *journal,
                                        PrJournalWrittenFunc  func,
                                        gpointer              user_data);
/* The key for a new journal (nothing loaded to verify). */
void       pr_journal_set_key     (PrJournal       *journal,
                                   const PrSecret  *key,
                                   const guint8     round_hash[PR_HASH_LEN]);
/* BLAKE2b-256 of the loaded journal's complete lines (for an upgrade). */
void       pr_journal_hash_loaded (PrJournal       *journal,
                                   guint8           out[PR_HASH_LEN]);

/* Becomes the journal's only writer: an exclusive flock, held until
 * pr_journal_release() or the journal is freed. PR_STORE_ERROR_BUSY when
 * another process holds it or the file changed since it was loaded. A journal that did not exist is
 * created with its round line for @voters (the digest of round.json's
 * voters). Needs the key (pr_journal_verify() or pr_journal_set_key()). */
gboolean   pr_journal_lock        (PrJournal       *journal,
                                   const guint8     voters[PR_HASH_LEN],
                                   GError         **error);

/* Sharing a round folder with another process (pr-store-share.c): takes
 * the journal's exclusive flock without checking what it holds (a
 * process reads it again under the lock), PR_STORE_ERROR_BUSY saying so
 * when another process holds it; pr_journal_release() lets it go. */
gboolean   pr_journal_hold        (PrJournal       *journal,
                                   GError         **error);
void       pr_journal_release     (PrJournal       *journal);
gboolean   pr_journal_is_held     (PrJournal       *journal);
/* Sets PR_STORE_ERROR_BUSY saying that another process changed the round
 * since it was read here (what to do: open it again). */
gboolean   pr_journal_set_stale_error (GError      **error);
/* Hands the lock @from holds to @to, a journal of the same file read
 * again under it. */
void       pr_journal_move_lock   (PrJournal       *to,
                                   PrJournal       *from);
/* Whether the file is no longer what was read or written here (another
 * process appended, cut or replaced it). One stat. */
gboolean   pr_journal_changed_on_disk (PrJournal   *journal);

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
gboolean   pr_journal_append_mail     (PrJournal         *journal,
                                       PrManifest        *manifest,
                                       PrJournalMailKind  kind,
                                       guint              member,
                                       guint              epoch,
                                       PrJournalVia       via,
                                       gint64             time,
                                       GError           **error);
gboolean   pr_journal_append_reissue  (PrJournal         *journal,
                                       PrManifest        *manifest,
                                       guint              member,
                                       const guint8       key[PR_SIGN_PUBLIC_LEN],
                                       const guint8       voters[PR_HASH_LEN],
                                       gint64             time,
                                       GError           **error);
/* Binds the loaded version 1 journal (its hash) and the voters of the
 * upgraded round.json; the first line with a MAC. */
gboolean   pr_journal_append_upgrade  (PrJournal         *journal,
                                       const guint8       voters[PR_HASH_LEN],
                                       gint64             time,
                                       GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrJournal, pr_journal_free)

G_END_DECLS
