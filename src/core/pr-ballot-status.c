/* pr-ballot-status.c — what happened to an imported ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pr-ballot-status.h"

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
