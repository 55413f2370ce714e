/* pr-cli-tally.h — peer-rank-cli tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-profile.h"

G_BEGIN_DECLS

int        pr_cli_tally             (int          argc,
                                     char       **argv);

/* The counted ballots of a round folder as a profile (roster order,
 * member ids, the round's min_raters). Shared with `chart`. */
PrProfile *pr_cli_tally_load_round  (const char  *dir,
                                     const char  *passphrase_file,
                                     GError     **error);
/* The profile of --preflib FILE (@preflib) or of the round folder
 * @rest[0] (the caller checked there is one), refusing both at once,
 * with @min_raters as its minimum of raters (-1: the round's, or 0 for a
 * PrefLib file). Shared with `chart` and `report`. */
PrProfile *pr_cli_tally_load_source (const char  *preflib,
                                     char       **rest,
                                     const char  *passphrase_file,
                                     int          min_raters,
                                     GError     **error);

G_END_DECLS
