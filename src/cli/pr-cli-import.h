/* pr-cli-import.h — peer-rank-cli import
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-import.h"

G_BEGIN_DECLS

int   pr_cli_import               (int                   argc,
                                   char                **argv);

/* The report line `import` prints for @r (shared with `watch`). */
void  pr_cli_import_print_result  (const PrImportResult *r,
                                   PrManifest           *manifest);
/* @r's path for a terminal; for a ballot found in mail with the
 * message's sender and date and the attachment's name. */
char *pr_cli_import_describe_path (const PrImportResult *r);

G_END_DECLS
