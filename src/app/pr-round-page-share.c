/* pr-round-page-share.c — the round folder shared with another Peer
 * Rank: noticing its changes and waiting for its writes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two organizers may keep one round open, on one computer or on two that
 * share the folder (DESIGN §3). A file monitor on the round folder
 * notices when the other changes round.json or the journal; the page
 * then catches up on its jobs' worker (pr_store_catch_up()) and shows
 * the new counts. An import or a change that meets the other's write in
 * progress waits for it and tries again.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-round-page-private.h"

/* Changes come in bursts (a ballot file each, then the journal): the page
 * catches up once they have settled. */
#define SETTLE_MS 300
/* While the other writes, the page tries again this often. */
#define RETRY_MS  1000

static gboolean catch_up_cb (gpointer data);

static void
schedule (PrRoundPage *self,
          guint        delay_ms)
{
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  self->catch_up_id = g_timeout_add (delay_ms, catch_up_cb, self);
}

/* The worker catches up before running a job: this one has nothing else
 * to do. */
static gboolean
nothing_job (PrStore         *store,
             PrBallotOpener  *opener,
             gpointer         data,
             GError         **error)
{
  return TRUE;
}

static void
caught_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (pr_round_page_run_job_finish (self, result, &error) || self->disposed)
    return;
  if (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY))
    {
      schedule (self, RETRY_MS);  /* the other is still writing */
      return;
    }
  /* What the other wrote fails the checks: said once, in full, and
   * never over a dialog the organizer has open. */
  if (self->catch_up_failed)
    return;
  self->catch_up_failed = TRUE;
  if (self->dialog == NULL && g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_ROLLED_BACK))
    {
      /* An earlier copy put back: opened again, the page offers to accept it. */
      g_autofree char *problem = pr_round_page_dup_rollback_problem (error->message);
      g_autofree char *body = g_strdup_printf (_("%s\n\nNothing more is counted from it here. If you put back an earlier copy of the folder on purpose, open the round again to accept it."),
                                               problem);

      pr_round_page_show_error (self, _("The Round Folder Changed"), body);
    }
  else if (self->dialog == NULL)
    pr_round_page_show_error (self, _("The Round Folder Changed"), error->message);
  else
    pr_round_page_toast (self, _("The round folder was changed in a way that fails its checks: open the round again to see why."));
}

static gboolean
catch_up_cb (gpointer data)
{
  PrRoundPage *self = data;

  self->catch_up_id = 0;
  if (!self->unlocked)
    return G_SOURCE_REMOVE;
  /* An import or a job has the store: it catches up by itself first. */
  if (self->store == NULL)
    {
      schedule (self, RETRY_MS);
      return G_SOURCE_REMOVE;
    }
  if (pr_store_is_stale (self->store))
    pr_round_page_run_job_async (self, nothing_job, NULL, NULL, caught_up_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   PrRoundPage       *self)
{
  g_autofree char *name = g_file_get_basename (file);

  if (g_strcmp0 (name, PR_STORE_JOURNAL_FILE) != 0 && g_strcmp0 (name, PR_STORE_ROUND_FILE) != 0 &&
      (other_file == NULL || !g_file_has_parent (other_file, self->folder)))
    return;
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  schedule (self, SETTLE_MS);
}

void
pr_round_page_watch_folder (PrRoundPage *self)
{
  g_autoptr(GError) error = NULL;

  pr_round_page_unwatch_folder (self);
  self->catch_up_failed = FALSE;
  if (self->folder == NULL)
    return;
  self->monitor = g_file_monitor_directory (self->folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      /* Without one the page still catches up before each change. */
      g_debug ("The round folder is not watched: %s", error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self, 0);
}

void
pr_round_page_unwatch_folder (PrRoundPage *self)
{
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
}

void
pr_round_page_wait_for_writer (PrRoundPage *self)
{
  schedule (self, RETRY_MS);
}

void
pr_round_page_catch_up_now (PrRoundPage *self)
{
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  catch_up_cb (self);
}
