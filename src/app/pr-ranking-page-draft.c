/* pr-ranking-page-draft.c — the ranking page writes its draft in the background
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-ranking-page-private.h"

typedef struct {
  char   *path;
  GBytes *bytes;
  guint64 serial;
} DraftWrite;

/* Draft writes happen in threads and, when an invitation is opened, on
 * the main thread: each carries a serial, and one older than what was
 * last written is dropped, so a late thread never puts back an old
 * order. */
static GMutex draft_lock;
static guint64 draft_serial;
static GHashTable *draft_written;   /* path → last serial written there */

static gboolean
write_draft_locked (const char  *path,
                    GBytes      *bytes,
                    guint64      serial,
                    GError     **error)
{
  gboolean ok = TRUE;
  guint64 *last;

  g_mutex_lock (&draft_lock);
  if (draft_written == NULL)
    draft_written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  last = g_hash_table_lookup (draft_written, path);
  if (last == NULL || serial > *last)
    {
      ok = pr_draft_write (path, bytes, error);
      g_hash_table_insert (draft_written, g_strdup (path), g_memdup2 (&serial, sizeof serial));
    }
  g_mutex_unlock (&draft_lock);
  return ok;
}

static void
draft_write_free (DraftWrite *write)
{
  g_free (write->path);
  g_bytes_unref (write->bytes);
  g_free (write);
}

static void
draft_write_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  DraftWrite *write = task_data;
  GError *error = NULL;

  if (write_draft_locked (write->path, write->bytes, write->serial, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_draft_write (PrRankingPage *self);

static void
draft_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PrRankingPage *self = PR_RANKING_PAGE (object);
  GApplication *app = g_application_get_default ();
  g_autoptr(GError) error = NULL;

  self->draft_writing = FALSE;
  if (app != NULL)
    g_application_release (app);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    self->draft_failed = FALSE;
  else
    {
      /* Tell once, not on every move: the ranking still works, it is only
       * not kept. */
      g_warning_once ("Draft not saved: %s", error->message);
      if (!self->draft_failed && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        pr_ranking_page_show_error (self, _("Your Ranking Is Not Being Saved"), error->message);
      self->draft_failed = TRUE;
    }
  start_draft_write (self);
}

/* One write at a time, the newest contents last; the application stays
 * up until the last one is on disk. */
static void
start_draft_write (PrRankingPage *self)
{
  g_autoptr(GTask) task = NULL;
  GApplication *app = g_application_get_default ();
  DraftWrite *write;

  if (self->draft_writing || self->draft_pending == NULL)
    return;
  write = g_new0 (DraftWrite, 1);
  write->path = g_steal_pointer (&self->draft_pending_path);
  write->bytes = g_steal_pointer (&self->draft_pending);
  write->serial = self->draft_pending_serial;
  task = g_task_new (self, NULL, draft_written_cb, NULL);
  g_task_set_source_tag (task, start_draft_write);
  g_task_set_task_data (task, write, (GDestroyNotify) draft_write_free);
  self->draft_writing = TRUE;
  if (app != NULL)
    g_application_hold (app);
  g_task_run_in_thread (task, draft_write_thread);
}

/* The draft is written in a thread: the disk (and its flush) never holds
 * up a move. */
void
pr_ranking_page_save_draft (PrRankingPage *self)
{
  pr_draft_set_ranking (self->draft, self->ranking);
  g_clear_pointer (&self->draft_pending, g_bytes_unref);
  g_free (self->draft_pending_path);
  self->draft_pending = pr_draft_to_bytes (self->draft);
  self->draft_pending_path = g_strdup (pr_draft_get_path (self->draft));
  self->draft_pending_serial = ++draft_serial;
  start_draft_write (self);
}

/* Before a draft is read: what is still waiting is written now (a write
 * under way in a thread is older and then dropped). */
void
pr_ranking_page_flush_draft (PrRankingPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->draft_pending == NULL)
    return;
  if (!write_draft_locked (self->draft_pending_path, self->draft_pending, self->draft_pending_serial, &error))
    g_warning ("Draft not saved: %s", error->message);
  g_clear_pointer (&self->draft_pending, g_bytes_unref);
  g_clear_pointer (&self->draft_pending_path, g_free);
}

gboolean
pr_ranking_page_is_saving (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), FALSE);
  return self->draft_writing || self->draft_pending != NULL;
}
