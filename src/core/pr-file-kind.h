/* pr-file-kind.h — tell Peer Rank files apart from their first bytes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PR_FILE_KIND_UNKNOWN,
  PR_FILE_KIND_ROUND,
  PR_FILE_KIND_INVITATION,
  PR_FILE_KIND_BALLOT,
  PR_FILE_KIND_KEY,
} PrFileKind;

/* How many leading bytes pr_file_kind_sniff() needs at most. */
#define PR_FILE_KIND_SNIFF_LEN 64

PrFileKind   pr_file_kind_sniff   (const guint8 *data,
                                   gsize         len);
const char  *pr_file_kind_to_string (PrFileKind kind);

G_END_DECLS
