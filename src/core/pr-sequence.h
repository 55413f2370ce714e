/* pr-sequence.h — the last ballot sequence number used per invitation
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder the sequence numbers live in:
 * g_get_user_data_dir()/peer-rank/sequences. */
char     *pr_sequence_default_dir (void);

/* Reserves the next sequence number for the invitation identified by
 * INVITATION_ID (any string naming one invitation, e.g. the hex of its
 * public signing key): max (last + 1, unix time now), but never more than
 * PR_STORE_FLAG_AHEAD_SECONDS ahead of now (then now: the last one was
 * sealed with a clock that was ahead). The number is
 * stored durably in DIR (NULL: the default folder) before it is
 * returned, so two ballots of one invitation never share a number. */
gboolean  pr_sequence_next        (const char  *dir,
                                   const char  *invitation_id,
                                   guint64     *sequence_out,
                                   GError     **error);

/* The last number reserved for INVITATION_ID, 0 when none. */
gboolean  pr_sequence_last        (const char  *dir,
                                   const char  *invitation_id,
                                   guint64     *last_out,
                                   GError     **error);

G_END_DECLS
