/* pr-window-private.h — what tests may see of the main window
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-window.h"

G_BEGIN_DECLS

/* The title of the most recent toast, so tests can check what a person
 * was told; and the file chooser currently shown, if any. */
const char      *pr_window_get_last_toast   (PrWindow *self);
GtkNativeDialog *pr_window_get_file_chooser (PrWindow *self);
/* The most recent toast with a button (it may be gone from the window). */
AdwToast        *pr_window_get_last_action_toast (PrWindow *self);
const char      *pr_window_get_page         (PrWindow *self);
GtkWidget       *pr_window_get_results_page (PrWindow *self);
GtkWidget       *pr_window_get_ranking_page (PrWindow *self);
/* What the error page says about a file that could not be opened. */
const char      *pr_window_get_error_text   (PrWindow *self);
AdwStatusPage   *pr_window_get_error_page   (PrWindow *self);
GtkListBox      *pr_window_get_recent_list  (PrWindow *self);
/* The organizer's round page and the welcome page's Recent Rounds. */
GtkWidget       *pr_window_get_round_page   (PrWindow *self);
GtkListBox      *pr_window_get_recent_rounds_list (PrWindow *self);
/* The New Round assistant while it is open. */
GtkWindow       *pr_window_get_assistant    (PrWindow *self);

G_END_DECLS
