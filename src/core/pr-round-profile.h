/* pr-round-profile.h — the counted ballots of a round folder, for tallying
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-profile.h"
#include "pr-store.h"

G_BEGIN_DECLS

/* Opens each member's counted ballot (DESIGN §4: the highest valid
 * sequence per member among non-revoked keys) with the key unlocked by
 * @passphrase. @rankings_out receives one GArray of guint (member
 * indices, best first) per counted ballot, in roster order of the voters;
 * @voters_out (nullable) a GArray of guint with each ballot's voter. The
 * rankings are decrypted data: wipe them when done if they matter.
 * Fails with PR_STORE_ERROR_UNJOURNALED when ballots/ holds ballots the
 * journal does not name (see pr_store_check_complete()), and with
 * PR_STORE_ERROR_MISMATCH, naming the file, when a counted ballot's
 * stored copy is missing, changed, or opens to another member or
 * sequence than the journal's (see pr_store_read_ballot()). */
gboolean   pr_store_load_counted  (PrStore     *store,
                                   const char  *passphrase,
                                   GPtrArray  **rankings_out,
                                   GArray     **voters_out,
                                   GError     **error);

/* The counted ballots of the round folder @dir as a profile: candidates
 * are the roster (member ids and names, roster order), each ballot is
 * added with its voter, and min_raters comes from the round's rules. */
PrProfile *pr_round_profile_load  (const char  *dir,
                                   const char  *passphrase,
                                   GError     **error);

/* The same from an open @store and an @opener it unlocked (the app keeps
 * the opener, not the passphrase). Reads the store: not while an import
 * runs on it. */
PrProfile *pr_round_profile_new   (PrStore         *store,
                                   PrBallotOpener  *opener,
                                   GError         **error);

/* Reads a round's counted ballots a few at a time, so that a program
 * whose main loop owns the store can read between events (the window
 * does). The store must not change while a reader is used: make a new
 * reader after any change. (A member whose ballot stopped counting
 * meanwhile makes pr_round_reader_read() fail with PR_STORE_ERROR_BUSY;
 * a ballot counted since is not noticed.) */
typedef struct _PrRoundReader PrRoundReader;

/* Checks that the journal names every stored ballot (see
 * pr_store_check_complete()) and lists the counted ones. @store is
 * borrowed and must outlive the reader. */
PrRoundReader *pr_round_reader_new         (PrStore         *store,
                                            PrBallotOpener  *opener,
                                            GError         **error);
/* Opens up to @max_ballots more counted ballots (errors as
 * pr_store_load_counted()). */
gboolean       pr_round_reader_read        (PrRoundReader   *reader,
                                            guint            max_ballots,
                                            GError         **error);
guint          pr_round_reader_get_n_read  (PrRoundReader   *reader);
guint          pr_round_reader_get_n_ballots (PrRoundReader *reader);
/* The profile, as pr_round_profile_new() makes it, once every ballot
 * was read. */
PrProfile     *pr_round_reader_finish      (PrRoundReader   *reader,
                                            GError         **error);
void           pr_round_reader_free        (PrRoundReader   *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrRoundReader, pr_round_reader_free)

G_END_DECLS
