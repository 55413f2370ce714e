/* pr-markup.h — text from files, paths, names and errors shown where
 * libadwaita 1.2 reads markup
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text as it is (libadwaita 1.2 parses toast titles as
 * markup: "R&D <notes>.json" would show nothing). */
AdwToast *pr_toast_new_text              (const char    *text);
/* Sets a status page's title and description as plain text. */
void      pr_status_page_set_text        (AdwStatusPage *page,
                                          const char    *title,
                                          const char    *description);
/* Sets a row's title and (nullable) subtitle as plain text. */
void      pr_action_row_set_text         (AdwActionRow  *row,
                                          const char    *title,
                                          const char    *subtitle);

G_END_DECLS
