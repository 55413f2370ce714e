/* pr-round-page-results.c — the results of the unlocked round, kept
 * current as ballots are imported and decided
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-markup.h"
#include "pr-round-page-private.h"
#include "pr-round-profile.h"

/* The counted ballots are read and opened in a worker thread from a
 * snapshot of the round (pr_store_snapshot_new()) and a copy of the
 * opener: nothing it reads is the store the page and its jobs change, so
 * decisions and imports never wait for the results, and any change
 * simply reads them again. The results page then tallies the profile in
 * a worker thread of its own. */
#define READ_STEP        16
#define READ_PROGRESS_MS 100

static void
show_message (PrRoundPage *self,
              const char  *title,
              const char  *description)
{
  pr_status_page_set_text (self->results_status, title, description);
  gtk_stack_set_visible_child_name (self->results_stack, "message");
}

static gboolean
showing_results (PrRoundPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "results") == 0;
}

/* @manifest: the snapshot's (the page's store may be a job's now). */
static void
show_profile (PrRoundPage *self,
              PrProfile   *profile,
              PrManifest  *manifest)
{
  guint counted = pr_profile_get_n_ballots (profile);
  guint members = pr_manifest_get_n_members (manifest);
  g_autofree char *summary = NULL;

  if (counted == 0)
    {
      show_message (self, _("No Ballot Counted Yet"),
                    _("The results appear here as soon as the first ballot is imported."));
      return;
    }
  /* TRANSLATORS: "5 of 8 members’ ballots counted · round fingerprint ABCD-…" */
  summary = g_strdup_printf (ngettext ("%u of %u member’s ballots counted · round fingerprint %s",
                                       "%u of %u members’ ballots counted · round fingerprint %s",
                                       members),
                             counted, members, pr_manifest_get_fingerprint (manifest));
  pr_results_page_set_profile (self->results_page, profile, pr_manifest_get_title (manifest),
                               pr_manifest_get_fingerprint (manifest), summary);
  gtk_stack_set_visible_child_name (self->results_stack, "results");
}

/* Never a smaller count: a round that cannot be counted as its journal
 * says shows why (with how to recover), not old results. */
static void
show_error (PrRoundPage  *self,
            const GError *error)
{
  show_message (self, _("The Results Cannot Be Computed"), error->message);
}

/* One reading: the worker's snapshot and opener, and how far it got. */
typedef struct _PrResultsRead {
  PrStore        *snapshot;
  PrBallotOpener *opener;
  guint           n_read;   /* atomic */
  guint           n_total;  /* atomic */
} PrResultsRead;

static void
read_job_free (PrResultsRead *job)
{
  g_clear_pointer (&job->snapshot, pr_store_free);
  g_clear_pointer (&job->opener, pr_ballot_opener_unref);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PrResultsRead *job = task_data;
  g_autoptr(PrRoundReader) reader = NULL;
  GError *error = NULL;
  PrProfile *profile;

  if (!pr_store_snapshot_read (job->snapshot, job->opener, &error) ||
      (reader = pr_round_reader_new (job->snapshot, job->opener, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_atomic_int_set (&job->n_total, pr_round_reader_get_n_ballots (reader));
  while (pr_round_reader_get_n_read (reader) < pr_round_reader_get_n_ballots (reader))
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      if (!pr_round_reader_read (reader, READ_STEP, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_atomic_int_set (&job->n_read, pr_round_reader_get_n_read (reader));
    }
  profile = pr_round_reader_finish (reader, &error);
  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, (GDestroyNotify) pr_profile_unref);
}

static gboolean
read_progress_cb (gpointer data)
{
  PrRoundPage *self = data;
  PrResultsRead *job = self->read_job;
  guint total = g_atomic_int_get (&job->n_total);

  if (total > 0 && !showing_results (self))
    {
      /* TRANSLATORS: progress while the round's ballots are opened */
      g_autofree char *text = g_strdup_printf (ngettext ("%u of %u ballot read",
                                                         "%u of %u ballots read", total),
                                               g_atomic_int_get (&job->n_read), total);

      show_message (self, _("Reading the Counted Ballots…"), text);
    }
  return G_SOURCE_CONTINUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = g_task_propagate_pointer (G_TASK (result), &error);
  PrResultsRead *job = g_task_get_task_data (G_TASK (result));

  /* Stopped (another reading, another round): nothing of it shows. */
  if (job != self->read_job)
    return;
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_object (&self->read_cancellable);
  self->read_job = NULL;
  if (self->disposed)
    return;
  if (profile == NULL)
    show_error (self, error);
  else
    show_profile (self, profile, pr_store_get_manifest (job->snapshot));
}

void
pr_round_page_stop_results (PrRoundPage *self)
{
  g_clear_handle_id (&self->read_id, g_source_remove);
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_job = NULL;  /* the task owns it */
}

/* Each round gets a results page of its own, so that nothing of the
 * last round shows while the next one's results are computed. */
static void
new_results_page (PrRoundPage *self)
{
  self->results_page = PR_RESULTS_PAGE (pr_results_page_new ());
  pr_results_page_set_organizer (self->results_page, TRUE);
  adw_bin_set_child (self->results_bin, GTK_WIDGET (self->results_page));
}

void
pr_round_page_forget_results (PrRoundPage *self)
{
  pr_round_page_stop_results (self);
  show_message (self, _("Reading the Counted Ballots…"), NULL);
  new_results_page (self);
}

void
pr_round_page_init_results (PrRoundPage *self)
{
  new_results_page (self);
}

void
pr_round_page_update_results (PrRoundPage *self)
{
  g_autoptr(GTask) task = NULL;
  PrResultsRead *job;

  pr_round_page_stop_results (self);
  /* Only with the store home: an import or a job reads again when it
   * has finished. */
  if (self->store == NULL || self->opener == NULL || self->disposed)
    return;
  job = g_new0 (PrResultsRead, 1);
  job->snapshot = pr_store_snapshot_new (self->store);
  job->opener = pr_ballot_opener_copy (self->opener);
  self->read_job = job;
  self->read_cancellable = g_cancellable_new ();
  /* Results shown stay until the new ones are ready. */
  if (!showing_results (self))
    show_message (self, _("Reading the Counted Ballots…"), NULL);
  self->read_id = g_timeout_add (READ_PROGRESS_MS, read_progress_cb, self);
  task = g_task_new (self, self->read_cancellable, read_cb, NULL);
  g_task_set_source_tag (task, pr_round_page_update_results);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

PrResultsPage *
pr_round_page_get_results_page (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->results_page;
}

const char *
pr_round_page_get_results_message (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  if (showing_results (self))
    return NULL;
  return adw_status_page_get_description (self->results_status);
}

gboolean
pr_round_page_is_reading_results (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), FALSE);
  return self->read_job != NULL;
}

void
pr_round_page_class_init_results (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, results_status);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, results_bin);
}
