/* pr-window-demo.c — the built-in demo round, shown on the results page
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-demo-session.h"
#include "pr-window-private.h"

/* The built-in demo round is always the same, so what a newcomer sees
 * matches the screenshots and the documentation. */
#define DEMO_SEED 2026

static char *
describe_demo (const PrDemoSession *session)
{
  guint counted = pr_profile_get_n_ballots (session->results->profile);
  g_autofree char *files = g_strdup_printf (ngettext ("%u ballot file imported", "%u ballot files imported",
                                                      session->n_files), session->n_files);

  /* TRANSLATORS: "16 ballot files imported, 12 counted · round fingerprint ABCD-…" */
  return g_strdup_printf (_("%s, %u counted · round fingerprint %s"), files, counted,
                          session->fingerprint);
}

/* The task does not keep the window alive: disposing the window cancels
 * the task, and a cancelled task reports so here before @self is used. */
static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PrWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrDemoSession) session = NULL;
  g_autofree char *summary = NULL;

  session = pr_demo_session_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->demo_cancellable);

  if (session == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The demo round could not be prepared: %s"),
                                                  error->message);

      pr_window_show_page (self, "welcome", NULL);
      pr_window_toast (self, message);
      return;
    }

  summary = describe_demo (session);
  /* The demo's newcomer is its organizer: they may see per-rater data. */
  pr_results_page_set_organizer (self->results_page, TRUE);
  pr_results_page_take_results (self->results_page, session->title, session->fingerprint, summary,
                                g_steal_pointer (&session->results));
  pr_window_show_page (self, "results", _("Demo Round"));
  g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_RESULTS_SHOWN], 0);
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  self->demo_cancellable = g_cancellable_new ();

  pr_window_show_page (self, "loading", NULL);
  pr_demo_session_run_async (DEMO_SEED, self->demo_cancellable, demo_cb, self);
}

void
pr_window_class_init_demo (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
}
