/* pr-window.h — the Peer Rank main window
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>


G_BEGIN_DECLS

#define PR_TYPE_WINDOW (pr_window_get_type ())

G_DECLARE_FINAL_TYPE (PrWindow, pr_window, PR, WINDOW, AdwApplicationWindow)

/* @settings (nullable: nothing is remembered) are the application's. */
PrWindow *pr_window_new       (GtkApplication *application,
                               GSettings      *settings);
void      pr_window_open_file (PrWindow       *self,
                               GFile          *file);
void      pr_window_toast     (PrWindow       *self,
                               const char     *title);

G_END_DECLS
