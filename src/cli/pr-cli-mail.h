/* pr-cli-mail.h — peer-rank-cli round mail
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int pr_cli_round_mail (int    argc,
                       char **argv);

G_END_DECLS
