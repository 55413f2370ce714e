/* pr-ranking-page.h — the associate ranks their teammates and seals a ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-invitation.h"

G_BEGIN_DECLS

#define PR_TYPE_RANKING_PAGE (pr_ranking_page_get_type ())

G_DECLARE_FINAL_TYPE (PrRankingPage, pr_ranking_page, PR, RANKING_PAGE, AdwBin)

GtkWidget  *pr_ranking_page_new            (void);
/* Shows @invitation (taken), read from @path, with the associate's draft
 * restored when there is one. */
void        pr_ranking_page_set_invitation (PrRankingPage *self,
                                            PrInvitation  *invitation,
                                            const char    *path);
const char *pr_ranking_page_get_title      (PrRankingPage *self);
/* Whether the window may close now: TRUE unless the ranking on screen
 * has not been sent, in which case the page asks and closes the window
 * itself if the person says so. */
gboolean    pr_ranking_page_confirm_close  (PrRankingPage *self);

G_END_DECLS
