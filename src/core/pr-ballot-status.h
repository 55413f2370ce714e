/* pr-ballot-status.h — what happened to an imported ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PR_BALLOT_STATUS_ACCEPTED,
  PR_BALLOT_STATUS_REVISED,
  PR_BALLOT_STATUS_DUPLICATE,
  PR_BALLOT_STATUS_STALE,
  PR_BALLOT_STATUS_CONFLICT,
  PR_BALLOT_STATUS_FLAGGED,
  PR_BALLOT_STATUS_REJECTED,
  PR_BALLOT_N_STATUSES
} PrBallotStatus;

/* "accepted", "revised", … (stable, untranslated). */
const char *pr_ballot_status_to_string   (PrBallotStatus status);
gboolean    pr_ballot_status_from_string (const char     *text,
                                          PrBallotStatus *out);
/* A translated sentence saying what the status means for the organizer
 * (not for REJECTED: the error says why). */
const char *pr_ballot_status_describe    (PrBallotStatus status);

G_END_DECLS
