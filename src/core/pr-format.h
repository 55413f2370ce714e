/* pr-format.h — file format tags shared by every Peer Rank file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every file we write is canonical JSON whose first member is "format"
 * with one of these tags, so desktop MIME sniffing (the MIME XML in data/) and
 * pr_file_kind_sniff() can tell them apart from the first bytes. */
#define PR_FORMAT_ROUND       "peer-rank-round"
#define PR_FORMAT_INVITATION  "peer-rank-invitation"
#define PR_FORMAT_BALLOT      "peer-rank-ballot"
#define PR_FORMAT_KEY         "peer-rank-key"
/* Kept in the user data folder, never opened by hand (pr-round-anchor.h). */
#define PR_FORMAT_ANCHOR      "peer-rank-anchor"

/* The file that makes a folder a round folder (pr-store.h says what else
 * it holds); pr-output.h knows it too, to keep outputs out of rounds. */
#define PR_ROUND_FILE         "round.json"

#define PR_MIME_ROUND       "application/x-peer-rank-round"
#define PR_MIME_INVITATION  "application/x-peer-rank-invitation"
#define PR_MIME_BALLOT      "application/x-peer-rank-ballot"

G_END_DECLS
