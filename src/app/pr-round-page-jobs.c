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
 *
 * The store and its opener have one owner at a time. A job, an import
 * or an unlocking takes them from the page (pr_round_page_lend()) and
 * gives them back when it has finished; meanwhile the page's pointers
 * are NULL and it shows what it read last, with the round's manifest.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-round-page-mail.h"
#include "pr-round-page-private.h"

/* ---- the store's owner ---- */

PrRoundLoan *
pr_round_page_lend (PrRoundPage *self)
{
  PrRoundLoan *loan;

  g_assert (self->store != NULL);
  loan = g_new0 (PrRoundLoan, 1);
  loan->store = g_steal_pointer (&self->store);
  loan->opener = g_steal_pointer (&self->opener);
  return loan;
}

void
pr_round_page_take_back (PrRoundPage *self,
                         PrRoundLoan *loan)
{
  g_assert (self->store == NULL && self->opener == NULL);
  g_assert (loan->store != NULL);
  self->store = g_steal_pointer (&loan->store);
  self->opener = g_steal_pointer (&loan->opener);
  g_free (loan);
  self->closed = pr_store_is_closed (self->store);
}

void
pr_round_loan_free (PrRoundLoan *loan)
{
  g_clear_pointer (&loan->opener, pr_ballot_opener_unref);
  g_clear_pointer (&loan->store, pr_store_free);
  g_free (loan);
}

void
pr_round_page_set_store (PrRoundPage *self,
                         PrStore     *store)
{
  pr_round_page_clear_store (self);
  self->store = store;
  self->manifest = pr_manifest_ref (pr_store_get_manifest (store));
  self->closed = pr_store_is_closed (store);
  g_free (self->title);
  self->title = g_strdup (pr_manifest_get_title (self->manifest));
}

void
pr_round_page_clear_store (PrRoundPage *self)
{
  g_assert (!pr_round_page_store_is_lent (self));
  pr_round_page_forget_mail (self);
  g_clear_pointer (&self->opener, pr_ballot_opener_unref);
  g_clear_pointer (&self->store, pr_store_free);
  g_clear_pointer (&self->manifest, pr_manifest_unref);
  self->unlocked = FALSE;
  self->closed = FALSE;
}

gboolean
pr_round_page_store_is_lent (PrRoundPage *self)
{
  return self->manifest != NULL && self->store == NULL;
}

/* ---- jobs ---- */

/* A job that meets another Peer Rank's write waits up to 3 s for it. */
#define BUSY_TRIES   30
#define BUSY_WAIT_US (100 * 1000)

typedef struct {
  PrRoundJobFunc       func;
  gpointer             data;
  GDestroyNotify       data_free;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  PrRoundLoan         *loan;    /* while the job runs */
  gboolean             journal; /* it changes the journal or round.json */
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  /* Given back before; only a page gone leaves it here. */
  g_clear_pointer (&job->loan, pr_round_loan_free);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  PrStore *store = job->loan->store;
  PrBallotOpener *opener = job->loan->opener;
  GError *error = NULL;
  gboolean ok;

  if (!job->journal)
    ok = job->func (store, opener, job->data, &error);
  else
    {
      /* Another Peer Rank writing now is waited for, a while. */
      for (guint i = 0; !(ok = pr_store_catch_up (store, opener, NULL, &error)) &&
                        g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY) &&
                        i < BUSY_TRIES; i++)
        {
          g_clear_error (&error);
          g_usleep (BUSY_WAIT_US);
        }
      ok = ok && job->func (store, opener, job->data, &error);
      if (pr_store_get_n_staged (store) == 0)
        pr_store_yield (store);
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
  /* Home again before anything else runs (a job cancelled before it
   * started never had them). */
  if (job->loan != NULL)
    pr_round_page_take_back (self, g_steal_pointer (&job->loan));
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

  /* Only the page can lend the store: not while it is lent already. */
  if (self->store == NULL || self->opener == NULL)
    return;
  if ((task = g_queue_pop_head (&self->jobs)) == NULL)
    {
      /* Files dropped meanwhile wait for the jobs, as jobs wait for them. */
      if (self->queued_input != NULL)
        pr_round_page_start_import_soon (self);
      return;
    }
  job = g_task_get_task_data (task);
  job->loan = pr_round_page_lend (self);
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

  *job = (Job) { func, data, data_free, callback, user_data, NULL, journal };
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
