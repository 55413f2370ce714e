/* pr-cli-passphrase.h — the organizer's passphrase from a file or a prompt
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-store.h"

G_BEGIN_DECLS

/* A passphrase in ordinary memory that is wiped when freed. */
typedef char PrCliSecret;

void         pr_cli_secret_free     (PrCliSecret *secret);

/* The first line of FILE when FILE is not NULL; otherwise a prompt on the
 * terminal without echo (asked twice when CONFIRM); otherwise an error
 * saying how to give one. An empty passphrase is refused. */
PrCliSecret *pr_cli_passphrase_get  (const char  *file,
                                     gboolean     confirm,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrCliSecret, pr_cli_secret_free)

/* Opens the round folder @dir and unlocks it with the passphrase from
 * @passphrase_file (or the terminal, as pr_cli_passphrase_get()): every
 * change to a round needs it, and unlocking checks that nobody changed
 * the round without it. @opener_out (nullable) receives the opener. */
PrStore     *pr_cli_open_unlocked   (const char      *dir,
                                     const char      *passphrase_file,
                                     PrBallotOpener **opener_out,
                                     GError         **error);

G_END_DECLS
