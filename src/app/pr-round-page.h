/* pr-round-page.h — the organizer's round: unlock, participation,
 * collecting ballots, decisions and closing
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PR_TYPE_ROUND_PAGE (pr_round_page_get_type ())

G_DECLARE_FINAL_TYPE (PrRoundPage, pr_round_page, PR, ROUND_PAGE, AdwBin)

/* Opens the round folder @folder (not its round.json) without the
 * passphrase, off the main loop; the page then asks for the passphrase.
 * Fails while an import runs in the round shown. */
void        pr_round_page_open_async    (PrRoundPage          *self,
                                         GFile                *folder,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    pr_round_page_open_finish   (PrRoundPage          *self,
                                         GAsyncResult         *result,
                                         GError              **error);
/* The round's title, NULL before a round was opened. */
const char *pr_round_page_get_title     (PrRoundPage          *self);
GFile      *pr_round_page_get_folder    (PrRoundPage          *self);
gboolean    pr_round_page_is_unlocked   (PrRoundPage          *self);
/* Imports ballot files or folders into the unlocked round: files that
 * arrive together (or while an import runs) become one import. */
void        pr_round_page_import_files  (PrRoundPage          *self,
                                         GFile               **files,
                                         guint                 n_files);

G_END_DECLS
