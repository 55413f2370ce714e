/* pr-markup.c — text from files, paths, names and errors shown where
 * libadwaita 1.2 reads markup
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-markup.h"

AdwToast *
pr_toast_new_text (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

/* A status page's description is markup in 1.2; its title is not. */
void
pr_status_page_set_text (AdwStatusPage *page,
                         const char    *title,
                         const char    *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  if (description != NULL)
    escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_title (page, title);
  adw_status_page_set_description (page, escaped);
}

void
pr_action_row_set_text (AdwActionRow *row,
                        const char   *title,
                        const char   *subtitle)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}
