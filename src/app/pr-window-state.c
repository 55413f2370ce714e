/* pr-window-state.c — what the main window keeps between runs: its size
 * and the results pages' method, treatment and resamples
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-round-page-private.h"
#include "pr-window-private.h"

/* Both results pages (the demo's, the round's) show what the organizer
 * chose last: method, treatment, resamples. */
void
pr_window_bind_results_settings (PrWindow *self)
{
  GSettings *settings = pr_window_get_settings (self);

  if (settings == NULL)
    return;
  pr_results_page_bind_settings (self->results_page, settings);
  pr_results_page_bind_settings (pr_round_page_get_results_page (self->round_page), settings);
}

GSettings *
pr_window_get_settings (PrWindow *self)
{
  return self->settings;
}

void
pr_window_restore_state (PrWindow *self)
{
  GSettings *settings = self->settings;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

void
pr_window_save_state (PrWindow *self)
{
  GSettings *settings = self->settings;
  int width, height;

  if (settings == NULL)
    return;

  /* The default size is what the window is un-maximized, which is what
   * the next start should use. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  /* Not g_settings_delay(): the application's one GSettings would stay
   * in delay-apply mode, and other windows' writes would wait. */
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}
