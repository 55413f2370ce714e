/* pr-store-check.h — every inconsistency between the journal and ballots/
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-store.h"

G_BEGIN_DECLS

typedef enum {
  PR_STORE_PROBLEM_JOURNAL_MISSING, /* no journal.jsonl although ballots are stored */
  PR_STORE_PROBLEM_JOURNAL_TORN,    /* the journal ends in a cut line */
  PR_STORE_PROBLEM_MISSING,         /* a journaled ballot's stored copy is missing */
  PR_STORE_PROBLEM_CHANGED,         /* its bytes are not the journaled file */
  PR_STORE_PROBLEM_MISMATCH,        /* it does not open, or not to the journaled member
                                     * and sequence (only checked with an opener) */
  PR_STORE_PROBLEM_UNJOURNALED,     /* a stored ballot the journal does not name */
  PR_STORE_PROBLEM_STRAY,           /* something in ballots/ that is no ballot copy */
  PR_STORE_PROBLEM_TEMPORARY,       /* a temporary file a killed writer left */
} PrStoreProblemKind;

typedef struct {
  PrStoreProblemKind  kind;
  char               *file;     /* relative to the round folder, display form */
  char               *message;  /* translated, says what to do */
  gboolean            counted;  /* it concerns a member's counted ballot */
} PrStoreProblem;

/* "missing", "changed", … (stable, untranslated). */
const char *pr_store_problem_kind_to_string (PrStoreProblemKind kind);

/* Checks the round folder: every journaled ballot's stored copy (present,
 * the journaled bytes, and with @opener (nullable) that it opens to the
 * journaled member, sequence and payload), and every file in ballots/.
 * Returns the problems found (PrStoreProblem, freed with the array), in
 * journal order, then ballots/ in name order; empty when consistent. */
GPtrArray  *pr_store_check_folder           (PrStore        *store,
                                             PrBallotOpener *opener);

G_END_DECLS
