/* pr-store-private.h — what the store's files share
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-journal.h"
#include "pr-json.h"
#include "pr-state-mac.h"
#include "pr-store.h"

G_BEGIN_DECLS

#define HEX_LEN (PR_HASH_LEN * 2)
/* More revocations of one member than anyone would make by hand. */
#define MAX_REVOKED 1000

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
  guint8      mac[PR_STATE_MAC_LEN];  /* round.json version 2 */
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
  gint64         round_version;   /* 1: no MACs yet (an earlier Peer Rank's round) */
  PrSecret      *state_key;       /* set once unlocked or created: changes need it */
  PrJournal     *journal;
  gboolean       round_changed;   /* the journal names another round hash */
  gboolean       closed;
  gint64         closed_time;
  PrAtomicBatch *batch;
  guint          n_staged;
  gboolean       broken;
  GError        *broken_error;    /* why, when known: reported by flush */
  gpointer       mailed;          /* pr-store-mail.c: per member and kind */
  PrSecret      *snapshot_key;    /* a snapshot not read yet: the state key to check it with */
};

/* pr-store.c */
PrStore  *_pr_store_store_new          (const char   *dir);
void      _pr_store_store_set_manifest (PrStore      *store,
                                        PrManifest   *manifest);
gboolean  _pr_store_load_round         (PrStore      *store,
                                        GError      **error);
gboolean  _pr_store_write_round        (PrStore      *store,
                                        GError      **error);
gboolean  _pr_store_become_writer      (PrStore      *store,
                                        GError      **error);
gboolean  _pr_store_round_unchanged    (PrStore      *store);
/* Reads round.json and the journal of a new store (pr_store_open()). */
gboolean  _pr_store_load               (PrStore      *store,
                                        GError      **error);
gboolean  _pr_store_load_journal       (PrStore      *store,
                                        GError      **error);
void      _pr_store_write_voter        (PrStore      *store,
                                        PrJsonWriter *writer,
                                        guint         index,
                                        gboolean      with_mac);
void      _pr_store_write_voters       (PrStore      *store,
                                        PrJsonWriter *writer,
                                        gboolean      with_macs);

/* pr-store-auth.c */
void      _pr_store_set_state_key      (PrStore      *store,
                                        PrSecret     *secret);
void      _pr_store_seal_voter         (PrStore      *store,
                                        guint         index);
void      _pr_store_voters_digest      (PrStore      *store,
                                        guint8        out[PR_HASH_LEN]);
gboolean  _pr_store_authenticate       (PrStore      *store,
                                        PrSecret     *secret,
                                        gboolean      accept_rollback,
                                        guint        *rolled_back,
                                        GError      **error);
void      _pr_store_journal_written    (PrJournal    *journal,
                                        gpointer      user_data);
/* Checks a store read anew with the state key of the one it replaces,
 * as pr_store_unlock() checks one with the passphrase's. */
gboolean  _pr_store_authenticate_with_state_key (PrStore        *store,
                                                 const PrSecret *state_key,
                                                 GError        **error);

/* pr-store-key.c */
void      _pr_store_set_opener_keys    (PrStore        *store,
                                        PrBallotOpener *opener);

/* pr-store-ledger.c */
gboolean  _pr_store_is_hex_fingerprint (const char   *text);
void      _pr_store_recompute_counted  (PrStore      *store,
                                        guint         member);
void      _pr_store_add_entry          (PrStore      *store,
                                        const Entry  *entry);
Entry    *_pr_store_lookup_entry       (PrStore      *store,
                                        const char   *fingerprint_hex);
void      _pr_store_fill_hex           (char          out[HEX_LEN + 1],
                                        const guint8  hash[PR_HASH_LEN]);
PrBallotStatus _pr_store_classify      (PrStore      *store,
                                        const Entry  *entry,
                                        gint64        now);
void      _pr_store_queue_entry        (PrStore      *store,
                                        const Entry  *entry);

/* pr-store-mail.c */
void      _pr_store_apply_mail         (PrStore             *store,
                                        const PrJournalLine *line);

/* pr-store-invite.c */
void      _pr_store_remove_files       (GPtrArray    *paths);
gboolean  _pr_store_write_invitations  (const char   *outdir,
                                        GPtrArray    *invitations,
                                        GPtrArray    *written,
                                        GError      **error);

G_END_DECLS
