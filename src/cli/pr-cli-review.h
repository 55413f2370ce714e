/* pr-cli-review.h — peer-rank-cli review|accept|refuse
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int pr_cli_review (int    argc,
                   char **argv);
int pr_cli_accept (int    argc,
                   char **argv);
int pr_cli_refuse (int    argc,
                   char **argv);

G_END_DECLS
