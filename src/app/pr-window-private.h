/* pr-window-private.h — the main window's instance, shared by its files
 * (pr-window*.c), and what tests may see of it
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-ranking-page.h"
#include "pr-results-page.h"
#include "pr-round-assistant.h"
#include "pr-round-page.h"
#include "pr-window.h"

G_BEGIN_DECLS

struct _PrWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkStack             *stack;
  AdwStatusPage        *welcome_page;
  GtkSpinner           *loading_spinner;
  PrResultsPage        *results_page;
  PrRankingPage        *ranking_page;
  PrRoundPage          *round_page;
  PrRoundAssistant     *assistant;
  AdwStatusPage        *error_page;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkWidget            *recent_rounds_box;
  GtkListBox           *recent_rounds_list;

  GCancellable         *cancellable;
  GCancellable         *demo_cancellable;
  GtkFileChooserNative *chooser;
  char                 *last_toast;
  GSettings            *settings;   /* the application's, NULL: nothing is remembered */
  AdwToast             *last_action_toast;  /* the last toast with a button */
  gboolean              close_after_assistant;
};

enum {
  PR_WINDOW_SIGNAL_FILE_ROUTED,
  PR_WINDOW_SIGNAL_RESULTS_SHOWN,
  PR_WINDOW_SIGNAL_INVITATION_OPENED,
  PR_WINDOW_N_SIGNALS
};

extern guint pr_window_signals[PR_WINDOW_N_SIGNALS];

/* Shared by the window's files. */
void       pr_window_show_page             (PrWindow   *self,
                                            const char *name,
                                            const char *subtitle);
/* The application's settings, or NULL while the window has none. */
GSettings *pr_window_get_settings          (PrWindow   *self);
/* Opening files, invitations and rounds (pr-window-open.c). */
void       pr_window_class_init_open       (GtkWidgetClass *widget_class);
void       pr_window_init_open             (PrWindow   *self);
/* The welcome page's Recent Invitations and Recent Rounds (pr-window-recent.c). */
void       pr_window_class_init_recent     (GtkWidgetClass *widget_class);
void       pr_window_refresh_recent        (PrWindow   *self);
void       pr_window_refresh_recent_rounds (PrWindow   *self);
void       pr_window_remember_round        (PrWindow   *self,
                                            GFile      *folder,
                                            const char *title);
/* The built-in demo round (pr-window-demo.c). */
void       pr_window_class_init_demo       (GtkWidgetClass *widget_class);
/* What the window keeps between runs (pr-window-state.c). */
void       pr_window_restore_state         (PrWindow   *self);
void       pr_window_save_state            (PrWindow   *self);
void       pr_window_bind_results_settings (PrWindow   *self);

/* For tests. */


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
