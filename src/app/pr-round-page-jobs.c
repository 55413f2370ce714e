/* pr-round-page-jobs.c — the organizer's changes to the round, run one
 * at a time, in order, on a worker
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A decision, closing or reopening, a re-issue: each is a job. Jobs wait
 * in a queue and run one after the other (and never beside an import) in
 * a worker thread, which first catches up with what another Peer Rank
 * sharing the folder wrote (pr_store_catch_up()), then makes the change
 * and yields the folder's lock. The disk's syncs never hold up the
 * window; the page refreshes when the job has finished.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-round-page-private.h"

typedef struct {
  PrRoundJobFunc       func;
  gpointer             data;
  GDestroyNotify       data_free;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  PrStore             *store;   /* the page's, lent while the job runs */
  PrBallotOpener      *opener;
  gboolean             journal; /* it changes the journal or round.json */
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (!job->journal)
    ok = job->func (job->store, job->opener, job->data, &error);
  else
    {
      ok = pr_store_catch_up (job->store, job->opener, NULL, &error) &&
           job->func (job->store, job->opener, job->data, &error);
      if (pr_store_get_n_staged (job->store) == 0)
        pr_store_yield (job->store);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void run_next (PrRoundPage *self);

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (G_TASK (result) == self->job)
    g_clear_object (&self->job);
  /* Called on a disposed page too, to free what it was given. */
  if (job->callback != NULL)
    job->callback (object, result, job->user_data);
  if (self->disposed)
    return;
  pr_round_page_refresh (self);
  run_next (self);
}

static void
run_next (PrRoundPage *self)
{
  GTask *task;
  Job *job;

  if (self->job != NULL || self->importing || self->store == NULL || self->opener == NULL)
    return;
  if ((task = g_queue_pop_head (&self->jobs)) == NULL)
    {
      /* Files dropped meanwhile wait for the jobs, as jobs wait for them. */
      if (self->queued_input != NULL)
        pr_round_page_start_import_soon (self);
      return;
    }
  job = g_task_get_task_data (task);
  job->store = self->store;
  job->opener = self->opener;
  self->job = task;  /* the queue's reference */
  pr_round_page_update_actions (self);
  g_task_run_in_thread (task, job_thread);
}

static void
queue_job (PrRoundPage         *self,
           gboolean             journal,
           PrRoundJobFunc       func,
           gpointer             data,
           GDestroyNotify       data_free,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task;
  Job *job = g_new0 (Job, 1);

  *job = (Job) { func, data, data_free, callback, user_data, NULL, NULL, journal };
  task = g_task_new (self, NULL, job_done_cb, NULL);
  g_task_set_source_tag (task, pr_round_page_run_job_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_queue_push_tail (&self->jobs, task);
  run_next (self);
}

void
pr_round_page_run_job_async (PrRoundPage         *self,
                             PrRoundJobFunc       func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  queue_job (self, TRUE, func, data, data_free, callback, user_data);
}

void
pr_round_page_run_key_job_async (PrRoundPage         *self,
                                 PrRoundJobFunc       func,
                                 gpointer             data,
                                 GDestroyNotify       data_free,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  queue_job (self, FALSE, func, data, data_free, callback, user_data);
}

gboolean
pr_round_page_run_job_finish (PrRoundPage   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pr_round_page_run_jobs (PrRoundPage *self)
{
  run_next (self);
}

gboolean
pr_round_page_has_jobs (PrRoundPage *self)
{
  return self->job != NULL || !g_queue_is_empty (&self->jobs);
}

gboolean
pr_round_page_store_is_lent (PrRoundPage *self)
{
  return self->importing || pr_round_page_has_jobs (self);
}

/* Jobs not started yet are cancelled (their callbacks see
 * G_IO_ERROR_CANCELLED); the one running finishes. */
void
pr_round_page_cancel_jobs (PrRoundPage *self)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->jobs)) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The change was not made: the round’s window was closed first."));
      g_object_unref (task);
    }
}
