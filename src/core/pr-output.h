/* pr-output.h — where commands may write their output files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_OUTPUT_ERROR (pr_output_error_quark ())

typedef enum {
  PR_OUTPUT_ERROR_EXISTS,        /* the file exists and replacing was not asked for */
  PR_OUTPUT_ERROR_INSIDE_ROUND,  /* the path lies inside a round folder */
  PR_OUTPUT_ERROR_SECRET,        /* the file is a Peer Rank secret or round file */
} PrOutputError;

GQuark   pr_output_error_quark (void);

/* Outputs (exports, charts, reports, ballots, invitations) are
 * write-once. @path may receive one unless:
 * - it lies inside a round folder (a folder, or a parent of one, holding
 *   a Peer Rank round.json): only the store writes there
 *   (PR_OUTPUT_ERROR_INSIDE_ROUND, whatever @replace says);
 * - it exists and is a Peer Rank invitation, key or round file: a secret
 *   is never replaced (PR_OUTPUT_ERROR_SECRET, whatever @replace says);
 * - it exists and @replace is FALSE (PR_OUTPUT_ERROR_EXISTS). */
gboolean pr_output_check       (const char  *path,
                                gboolean     replace,
                                GError     **error);

/* pr_output_check(), then writes @data durably: a new file is created
 * once (never seen half-written, never replacing a file that appeared
 * meanwhile); an existing one is replaced atomically when @replace. */
gboolean pr_output_write       (const char  *path,
                                const void  *data,
                                gsize        len,
                                gboolean     replace,
                                GError     **error);

G_END_DECLS
