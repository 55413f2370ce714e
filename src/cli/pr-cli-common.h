/* pr-cli-common.h — what peer-rank-cli's subcommands share: exit
 * statuses, errors and outputs (the dispatcher, pr-cli.h, includes the
 * subcommands; they include only this)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, DESIGN §7: 2 wins over 1. */
enum {
  PR_CLI_EXIT_OK       = 0,
  PR_CLI_EXIT_REJECTED = 1,
  PR_CLI_EXIT_USAGE    = 2,
};

void     pr_cli_print_error  (const char *format,
                              ...) G_GNUC_PRINTF (1, 2);

/* Whether @path may receive a command's output (pr_output_check()); if
 * not, prints why (suggesting --force when the file only exists). */
gboolean pr_cli_check_output (const char *path,
                              gboolean    force);

G_END_DECLS
