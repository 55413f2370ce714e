/* pr-store.h — the organizer's round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-atomic.h"
#include "pr-ballot-status.h"
#include "pr-ballot.h"
#include "pr-format.h"
#include "pr-invitation.h"
#include "pr-manifest.h"
#include "pr-store-error.h"

G_BEGIN_DECLS

/* A round folder (DESIGN §3):
 *   round.json     {"format":"peer-rank-round","version":1,"round":{manifest},
 *                   "voters":[{"id":s,"key":b64,"revoked":[b64,…],"email":s},…]}
 *                  (voters in roster order; everything but "round" may change)
 *   organizer.key  the secret key under the passphrase (written once)
 *   ballots/       <fingerprint hex>.json, write-once copies of stored ballots
 *   journal.jsonl  the append-only import journal: what was stored, the
 *                  organizer's decisions, closing and reopening, and the
 *                  round hash the round was created with; its format and
 *                  writing are pr-journal.h's, what it means is the store's
 * Only the store writes in a round folder (outputs: pr-output.h). */
#define PR_STORE_ROUND_FILE    PR_ROUND_FILE
#define PR_STORE_KEY_FILE      "organizer.key"
#define PR_STORE_BALLOTS_DIR   "ballots"
#define PR_STORE_JOURNAL_FILE  "journal.jsonl"
/* Files recovery found in ballots/ and could not use are moved here. */
#define PR_STORE_UNUSABLE_DIR  "unusable"

/* Characters a new round's passphrase needs at least (the app and the
 * CLI ask for it; the demo round's "demo" is no secret). */
#define PR_STORE_MIN_PASSPHRASE 8

/* A sequence further than this after the import time is flagged. */
#define PR_STORE_FLAG_AHEAD_SECONDS (48 * 60 * 60)


typedef struct _PrStore PrStore;

/* What a new round needs. @emails (nullable) runs parallel to @names.
 * The key file is made with the given Argon2id limits: use
 * pr_keyfile_default_limits() for real rounds. */
typedef struct {
  const char         *title;
  const char         *description;   /* nullable */
  const char         *deadline;      /* nullable, "YYYY-MM-DD" */
  const char         *organizer;     /* nullable */
  guint               min_ranked;
  guint               min_raters;
  const char * const *names;
  const char * const *emails;        /* nullable */
  const char         *passphrase;
  guint64             opslimit;
  gsize               memlimit;
} PrStoreParams;

/* Creates the round folder @dir (must not exist or be empty) and returns
 * the open store; @invitations_out receives one PrInvitation per member in
 * roster order (secrets: write them out and drop them). */
PrStore        *pr_store_create          (const char          *dir,
                                          const PrStoreParams *params,
                                          GPtrArray          **invitations_out,
                                          GError             **error);
/* pr_store_create() that first writes the invitation files into @outdir
 * (as pr_store_write_invitations() does), then the round folder with
 * round.json last; on failure the files written are removed again, so
 * there is never a round without its invitations. PR_STORE_ERROR_INVALID
 * when @dir and @outdir are the same folder or one is inside the other. */
PrStore        *pr_store_create_with_invitations (const char          *dir,
                                                  const PrStoreParams *params,
                                                  const char          *outdir,
                                                  GPtrArray          **invitations_out,
                                                  GError             **error);
/* PR_STORE_ERROR_INVALID when @dir and @outdir (existing or not; links
 * resolved) are the same folder or one is inside the other. */
gboolean        pr_store_check_separate_dirs (const char          *dir,
                                              const char          *outdir,
                                              GError             **error);
/* Opens and validates a round folder without the passphrase; removes
 * temporary files a crashed writer left and a torn last journal line. */
PrStore        *pr_store_open            (const char          *dir,
                                          GError             **error);
void            pr_store_free            (PrStore             *store);

const char     *pr_store_get_dir         (PrStore             *store);
PrManifest     *pr_store_get_manifest    (PrStore             *store);
/* NULL or "" when the roster gave none. */
const char     *pr_store_get_email       (PrStore             *store,
                                          guint                index);
/* Number of keys revoked for member @index (its current epoch). */
guint           pr_store_get_epoch       (PrStore             *store,
                                          guint                index);
/* Member @index's current signing key (the one its latest invitation
 * holds; a re-issue replaces it), PR_SIGN_PUBLIC_LEN bytes. */
const guint8   *pr_store_get_member_key  (PrStore             *store,
                                          guint                index);
/* Path of organizer.key. */
char           *pr_store_get_key_path    (PrStore             *store);

/* Decrypts the key file, checks that round.json's voters and every
 * journal line carry their MACs and that the journal goes on from the
 * one this computer last saw (DESIGN §4), and returns an opener for
 * this round's ballots (member keys and revocations set); afterwards the
 * store may change the round. PR_STORE_ERROR_PASSPHRASE when the
 * passphrase is wrong or the key file damaged; PR_STORE_ERROR_TAMPERED
 * naming the file (and line) changed without the passphrase, or the
 * journal line this computer saw that is not the same any more;
 * PR_STORE_ERROR_ROLLED_BACK naming the journal line this computer saw
 * that the folder no longer has;
 * PR_STORE_ERROR_LEGACY for a round of an earlier Peer Rank not
 * upgraded yet (pr_store_upgrade()). Nothing is written in the folder,
 * except to finish a re-issue or upgrade a crash cut short; how far the
 * journal goes is recorded in the user data folder (pr-round-anchor.h),
 * as after every change to the journal. */
PrBallotOpener *pr_store_unlock          (PrStore             *store,
                                          const char          *passphrase,
                                          GError             **error);
/* pr_store_unlock() of a round folder put back from an earlier copy on
 * purpose. pr_store_unlock() refuses a journal shorter than, or not
 * going on from, the one this computer last saw (PR_STORE_ERROR_ROLLED_BACK
 * or PR_STORE_ERROR_TAMPERED, DESIGN §4); this takes the folder as it is and records it as the one
 * seen last. Everything else is checked as by pr_store_unlock(); the
 * record is dropped before round.json is, so that a round put back as
 * one of an earlier Peer Rank fails with PR_STORE_ERROR_LEGACY and can
 * then be upgraded. @rolled_back (nullable) receives the journal lines
 * this computer had seen when the folder was older, 0 when there was
 * nothing to accept. */
PrBallotOpener *pr_store_unlock_accepting_rollback (PrStore       *store,
                                                    const char    *passphrase,
                                                    guint         *rolled_back,
                                                    GError       **error);
/* What the messages of PR_STORE_ERROR_ROLLED_BACK and of a journal line
 * that is not the one seen end with: how to accept the copy with the
 * CLI (a window offers it in its own words). */
const char     *pr_store_get_rollback_advice       (void);

/* Protects a round made by an earlier Peer Rank (round.json version 1,
 * a journal without MACs): seals the voters as they are, binds the
 * journal so far with an "upgrade" line and rewrites round.json. Takes
 * the state as it is — only the organizer, who knows whether the round
 * was made with that version, should do this. Unlocks the store for
 * changes; an upgraded round is left as it is. */
gboolean        pr_store_upgrade         (PrStore             *store,
                                          const char          *passphrase,
                                          GError             **error);
/* Whether round.json is still version 1 (pr_store_upgrade()). */
gboolean        pr_store_is_legacy       (PrStore             *store);
/* Whether the store was created or unlocked: only then may it change. */
gboolean        pr_store_is_unlocked     (PrStore             *store);

/* The round's secret key from the key file at @key_path (NULL: the round
 * folder's organizer.key), which must open with @passphrase and belong
 * to this round (PR_STORE_ERROR_PASSPHRASE, PR_STORE_ERROR_DAMAGED). */
PrSecret       *pr_store_read_secret_key (PrStore             *store,
                                          const char          *key_path,
                                          const char          *passphrase,
                                          GError             **error);

/* Key file care (pr-store-key.c). A backup copy of organizer.key goes to
 * @path outside the round folder, write-once (PR_OUTPUT_ERROR_*). */
gboolean        pr_store_backup_key      (PrStore             *store,
                                          const char          *path,
                                          GError             **error);
/* Re-encrypts the secret key under @new_passphrase (the key file is
 * replaced atomically; the key itself, and so every ballot, is
 * unchanged). @old_passphrase must open it first. */
gboolean        pr_store_change_passphrase (PrStore           *store,
                                            const char        *old_passphrase,
                                            const char        *new_passphrase,
                                            guint64            opslimit,
                                            gsize              memlimit,
                                            GError           **error);
/* Puts the backup copy at @backup_path back as organizer.key of the
 * round folder @dir (which pr_store_open() may refuse because its key
 * file is missing or damaged), after checking that the copy opens with
 * @passphrase and belongs to the round. */
gboolean        pr_store_restore_key     (const char          *dir,
                                          const char          *backup_path,
                                          const char          *passphrase,
                                          GError             **error);

/* Issues a fresh invitation for the member with id or exact name
 * @member and revokes the old key; round.json is rewritten atomically.
 * @index_out (nullable) receives the member's index. */
PrInvitation   *pr_store_reissue         (PrStore             *store,
                                          const char          *member,
                                          guint               *index_out,
                                          GError             **error);
/* The same, writing the new invitation to @path (write-once, mode 0600)
 * BEFORE round.json revokes the old key: when @path cannot be written
 * nothing changes, and when round.json cannot be written the new file
 * is removed again. Use this rather than writing the result of
 * pr_store_reissue() yourself. */
gboolean        pr_store_reissue_to_file (PrStore             *store,
                                          const char          *member,
                                          const char          *path,
                                          guint               *index_out,
                                          GError             **error);

/* Import, step 1: decides the status of an opened ballot (@data: the
 * file's bytes) imported at unix time @now, updates the state in memory
 * and queues the file and its journal line. DUPLICATE writes nothing.
 * REJECTED (PR_BALLOT_ERROR_ELIGIBILITY_REVOKED, nothing queued) when
 * @info->signer_key is no longer the member's key: the opener was made
 * before a re-issue. Call from one thread, in report order. */
PrBallotStatus  pr_store_stage           (PrStore             *store,
                                          const guint8        *data,
                                          gsize                len,
                                          const PrBallotInfo  *info,
                                          gint64               now,
                                          GError             **error);
/* Import, step 0 (optional, any thread, also while the store is used
 * elsewhere): writes a ballot's bytes ahead into an unnamed file in
 * ballots/ for pr_store_stage_prepared(), so that the thread staging it
 * only has to link it. NULL when it could not be written: stage the
 * bytes with pr_store_stage() then. */
PrAtomicPending *pr_store_prepare        (PrStore             *store,
                                          const guint8        *data,
                                          gsize                len);
/* A copy of the set of fingerprints (hex) of the stored ballots, to read
 * from any thread (the store's own changes as ballots are staged):
 * workers skip writing ahead a ballot that is already stored. */
GHashTable     *pr_store_dup_fingerprints (PrStore            *store);
/* pr_store_stage() of a ballot whose bytes @prepared (taken; nullable)
 * already holds; @data and @len are the same bytes. @prepared is
 * dropped unless the ballot is stored. */
PrBallotStatus  pr_store_stage_prepared  (PrStore             *store,
                                          const guint8        *data,
                                          gsize                len,
                                          PrAtomicPending     *prepared,
                                          const PrBallotInfo  *info,
                                          gint64               now,
                                          GError             **error);
/* Number of ballots staged since the last flush. */
guint           pr_store_get_n_staged    (PrStore             *store);
/* Import, step 2: writes the staged files, fsyncs them and ballots/ once,
 * then appends and fsyncs their journal lines. After a failure the store
 * refuses further work (PR_STORE_ERROR_BROKEN): reopen the folder. */
gboolean        pr_store_flush           (PrStore             *store,
                                          GError             **error);

/* Ballots in ballots/ without a journal line (a crash between writing
 * the files and the journal). */
guint           pr_store_count_unjournaled (PrStore           *store);
/* Opens those ballots with @opener and journals them (oldest sequence
 * first, import time now; the files stay as they are). A file that does
 * not open to a ballot of this round, or whose key was revoked, is moved
 * to unusable/ so that it no longer blocks counting; @unusable_out
 * (nullable) receives their paths relative to the round folder.
 * @n_recovered (nullable) gets how many were journaled. */
gboolean        pr_store_recover         (PrStore             *store,
                                          PrBallotOpener      *opener,
                                          guint               *n_recovered,
                                          GPtrArray          **unusable_out,
                                          GError             **error);

/* A round folder shared with another Peer Rank (pr-store-share.c): two
 * organizers may keep one round open, on one computer or on two sharing
 * the folder. Whether another process changed round.json or the journal
 * since this store read or wrote them (a stat and one hash of
 * round.json). */
gboolean        pr_store_is_stale        (PrStore             *store);
/* Becomes the folder's writer for now (the journal's lock, held until
 * pr_store_yield()) and reads again what another process changed,
 * checked with the state key this store was unlocked with as unlocking
 * checks it; @opener (nullable) learns re-issued and revoked keys.
 * @changed (nullable) says whether anything was read again. Unlocked
 * stores only, with nothing staged. PR_STORE_ERROR_BUSY, saying so, when
 * another process writes right now; PR_STORE_ERROR_TAMPERED and the
 * others as pr_store_unlock() when what was read fails the checks (the
 * store then stays as it was). Call from the thread that owns the store;
 * @opener must not be in use elsewhere. */
gboolean        pr_store_catch_up        (PrStore             *store,
                                          PrBallotOpener      *opener,
                                          gboolean            *changed,
                                          GError             **error);
/* Lets another process write in the folder: drops the lock the first
 * change (or pr_store_catch_up()) took. The next change takes it again. */
void            pr_store_yield           (PrStore             *store);
/* Whether another process holds the journal's lock right now. */
gboolean        pr_store_is_writing_elsewhere (PrStore        *store);

/* A copy of the round for another thread to read while @store goes on
 * changing (the window reads the counted ballots in one): made here, from
 * an unlocked store, without touching the disk; pr_store_snapshot_read()
 * then reads the folder as it is into it, in any thread, checked as
 * pr_store_catch_up() checks, and sets @opener's member and revoked keys
 * from it (use a copy of the store's opener, pr_ballot_opener_copy()).
 * Free it with pr_store_free(). */
PrStore        *pr_store_snapshot_new    (PrStore             *store);
gboolean        pr_store_snapshot_read   (PrStore             *snapshot,
                                          PrBallotOpener      *opener,
                                          GError             **error);

/* The organizer accepts a flagged or conflicting ballot: it becomes the
 * member's counted ballot if its sequence is the highest. Journaled.
 * PR_STORE_ERROR_UNKNOWN_MEMBER when no stored ballot has that
 * fingerprint, PR_STORE_ERROR_NOT_PENDING when it awaits no decision
 * (see pr_store_is_pending()). */
gboolean        pr_store_accept          (PrStore             *store,
                                          const char          *fingerprint_hex,
                                          GError             **error);
/* The organizer refuses a flagged or conflicting ballot: it stays in
 * ballots/ and never counts. Journaled; errors as pr_store_accept(). */
gboolean        pr_store_refuse          (PrStore             *store,
                                          const char          *fingerprint_hex,
                                          GError             **error);
/* Whether journal entry @index (see pr_store_get_entry()) awaits a
 * decision: conflict or flagged, of the member's current key, neither
 * accepted nor refused yet. */
gboolean        pr_store_is_pending      (PrStore             *store,
                                          guint                index);
/* Entry indices of the ballots awaiting a decision, in journal order. */
GArray         *pr_store_list_pending    (PrStore             *store);

/* Closing a round refuses further imports (PR_STORE_ERROR_CLOSED, "the
 * round is closed") until it is reopened; both are journaled with their
 * time. Closing a closed round or reopening an open one does nothing. */
gboolean        pr_store_close           (PrStore             *store,
                                          GError             **error);
gboolean        pr_store_reopen          (PrStore             *store,
                                          GError             **error);
gboolean        pr_store_is_closed       (PrStore             *store);
/* Unix time of the last close, 0 when the round is open. */
gint64          pr_store_get_closed_time (PrStore             *store);

/* A journaled ballot, as the journal names it. */
typedef struct {
  const char     *fingerprint;   /* hex; valid while the store is */
  const char     *digest;        /* hex of the payload digest */
  guint           member;
  guint64         sequence;
  guint           epoch;
  PrBallotStatus  status;        /* as journaled */
  gint64          time;          /* import time, unix seconds */
  gboolean        accepted;      /* the organizer accepted it */
  gboolean        refused;       /* the organizer refused it: never counts */
} PrStoreEntry;

/* The journaled ballots in journal order. */
guint           pr_store_get_n_entries   (PrStore             *store);
void            pr_store_get_entry       (PrStore             *store,
                                          guint                index,
                                          PrStoreEntry        *entry);
/* Whether journal.jsonl exists; FALSE means every stored ballot is
 * unjournaled (see pr_store_count_unjournaled()). */
gboolean        pr_store_has_journal     (PrStore             *store);
/* Whether the journal ended in a torn line when it was read (a crash,
 * or the file was cut): the next write cuts it off. */
gboolean        pr_store_journal_is_torn (PrStore             *store);

/* Reads the stored copy of the journaled ballot @fingerprint_hex and
 * checks it is the file the journal names: its fingerprint (the hash of
 * its bytes) must be @fingerprint_hex (PR_STORE_ERROR_MISMATCH when the
 * file is missing, unreadable or another file). With @opener, it is
 * also opened into @workspace (nullable: the thread's buffer) and must
 * open to the journaled member, sequence and payload digest; @info
 * (nullable) receives what it opened to. The error names the file. */
GBytes         *pr_store_read_ballot     (PrStore             *store,
                                          const char          *fingerprint_hex,
                                          PrBallotOpener      *opener,
                                          PrSecret            *workspace,
                                          PrBallotInfo        *info,
                                          GError             **error);
/* Whether the stored copy of a journaled ballot is there and intact
 * (its bytes hash to @fingerprint_hex); TRUE for one staged and not
 * flushed yet. */
gboolean        pr_store_copy_is_intact  (PrStore             *store,
                                          const char          *fingerprint_hex);
/* Writes the stored copy of the journaled ballot @fingerprint_hex again
 * from @data (the same file, imported again): a damaged copy is moved
 * aside to "<fingerprint>.json.damaged-<time>" first, never rewritten
 * in place. PR_STORE_ERROR_MISMATCH when @data is not that ballot. */
gboolean        pr_store_restore_copy    (PrStore             *store,
                                          const char          *fingerprint_hex,
                                          const guint8        *data,
                                          gsize                len,
                                          GError             **error);
/* Fails with PR_STORE_ERROR_UNJOURNALED, saying how to recover, when
 * ballots/ holds ballots the journal does not name or the journal is
 * missing while ballots are stored: counting then would count fewer
 * ballots than were imported. */
gboolean        pr_store_check_complete  (PrStore             *store,
                                          GError             **error);

/* The receipts of a closed round: the short fingerprints of the counted
 * ballots, sorted (DESIGN §4). Only from a store unlocked with the
 * passphrase (PR_STORE_ERROR_LOCKED), closed (PR_STORE_ERROR_OPEN) and
 * complete (pr_store_check_complete()), after each counted ballot was
 * read again with @opener and found to be what the journal names: a
 * published list never names a ballot that was not counted. */
GPtrArray      *pr_store_dup_receipts    (PrStore             *store,
                                          PrBallotOpener      *opener,
                                          GError             **error);

/* Whether member @index has a counted ballot. */
gboolean        pr_store_member_voted    (PrStore             *store,
                                          guint                index);
/* The counted ballot of member @index: its fingerprint (hex) and
 * sequence; FALSE when none. */
gboolean        pr_store_get_counted     (PrStore             *store,
                                          guint                index,
                                          const char         **fingerprint_hex,
                                          guint64             *sequence);
/* How many stored ballots have @status (as journaled; REVISED and
 * ACCEPTED ballots later superseded keep their status). */
guint           pr_store_count_status    (PrStore             *store,
                                          PrBallotStatus       status);
/* Whether a ballot with this fingerprint (hex) is stored and journaled. */
gboolean        pr_store_has_ballot      (PrStore             *store,
                                          const char          *fingerprint_hex);
/* Path of a stored ballot file. */
char           *pr_store_get_ballot_path (PrStore             *store,
                                          const char          *fingerprint_hex);

/* Invitation file name for a member: a lowercase ASCII slug of @name
 * ("Ana López" → "ana-lopez"), @member_id when the slug is empty. */
char           *pr_store_invitation_slug (const char          *name,
                                          const char          *member_id);
/* Creates @dir if needed; fails unless it is empty afterwards. */
gboolean        pr_store_ensure_empty_dir (const char         *dir,
                                           GError            **error);
/* Writes one invitation file per member into @outdir (created; must not
 * exist or be empty): slug + ".json", "-2", "-3" … before ".json" on
 * collision. Files are written once, mode 0600; on failure the ones
 * already written are removed. */
gboolean        pr_store_write_invitations (const char        *outdir,
                                            GPtrArray         *invitations,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrStore, pr_store_free)

G_END_DECLS
