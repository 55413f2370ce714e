/* pr-cli-round.h — peer-rank-cli round create|show|reissue|receipts
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int   pr_cli_round            (int          argc,
                               char       **argv);

/* Invitation file name for a member: a lowercase ASCII slug of @name
 * ("Ana López" → "ana-lopez"), @member_id when the slug is empty; the
 * caller adds "-2", "-3" … on collision and ".json". */
char *pr_cli_round_slug       (const char  *name,
                               const char  *member_id);

/* Writes one invitation file per member into @outdir (created; must not
 * exist or be empty), named by pr_cli_round_slug() with "-N" on collision. */
gboolean pr_cli_round_write_invitations (const char  *outdir,
                                         GPtrArray   *invitations,
                                         GError     **error);

G_END_DECLS
