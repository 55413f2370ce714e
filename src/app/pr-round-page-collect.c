/* pr-round-page-collect.c — the organizer's round page: collecting
 * ballots (import, paste, drop)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "pr-atomic.h"
#include "pr-crypto.h"
#include "pr-import.h"
#include "pr-invitation.h"
#include "pr-keyfile.h"
#include "pr-output.h"
#include "pr-report-item.h"
#include "pr-round-page-private.h"

/* Files that arrive within this time of each other (a multi-file
 * double-click is routed file by file) become one import and one report. */
#define COALESCE_MS 150

/* How much less the import's threads get of the processor than the window. */
#define IMPORT_NICE 10

/* ---- collecting ---- */

/* The import runs pr_import_run() in a worker thread. Its results are
 * made into report items there and handed over in batches: the window
 * takes a bounded batch every DRAIN_MS, so however many files come in,
 * no single main-loop dispatch handles more than DRAIN_MAX of them. */
#define DRAIN_MS  40
#define DRAIN_MAX 2000
/* The list view creates a row widget for each of its first couple of
 * hundred lines: those come a few at a time, so that making them is
 * spread over several frames. */
#define DRAIN_FIRST      256
#define DRAIN_FIRST_MAX  24

typedef struct _Relay {
  GMutex      mutex;
  GPtrArray  *items;      /* PrReportItem, reported and not yet shown */
  guint       done;
  guint       total;
  PrManifest *manifest;
} Relay;

static void
relay_clear (Relay *relay)
{
  g_mutex_clear (&relay->mutex);
  g_ptr_array_unref (relay->items);
  pr_manifest_unref (relay->manifest);
}

static Relay *
relay_new (PrManifest *manifest)
{
  Relay *relay = g_atomic_rc_box_new0 (Relay);

  g_mutex_init (&relay->mutex);
  relay->items = g_ptr_array_new_with_free_func (g_object_unref);
  relay->manifest = pr_manifest_ref (manifest);
  return relay;
}

void
pr_round_page_relay_unref (Relay *relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify) relay_clear);
}

/* In the worker, in report order, once each result is durable. */
static void
relay_result_cb (const PrImportResult *result,
                 gpointer              user_data)
{
  Relay *relay = user_data;
  const char *name = NULL;
  PrReportItem *item;

  if (result->member >= 0 && (guint) result->member < pr_manifest_get_n_members (relay->manifest))
    name = pr_manifest_get_member_name (relay->manifest, (guint) result->member);
  item = pr_report_item_new (result, name);
  g_mutex_lock (&relay->mutex);
  g_ptr_array_add (relay->items, item);
  g_mutex_unlock (&relay->mutex);
}

static void
relay_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  Relay *relay = user_data;

  g_mutex_lock (&relay->mutex);
  relay->done = done;
  relay->total = total;
  g_mutex_unlock (&relay->mutex);
}

/* Moves at most @max reported items to the report; TRUE if more wait. */
static gboolean
drain (PrRoundPage *self,
       guint        max)
{
  Relay *relay = self->relay;
  guint done, total, n;
  gboolean more;
  g_autofree char *text = NULL;

  g_mutex_lock (&relay->mutex);
  n = MIN (max, relay->items->len);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->new_items, g_object_ref (g_ptr_array_index (relay->items, i)));
  g_ptr_array_remove_range (relay->items, 0, n);
  more = relay->items->len > 0;
  done = relay->done;
  total = relay->total;
  g_mutex_unlock (&relay->mutex);

  pr_report_view_append (self->report_view, self->new_items);
  if (total > 0)
    {
      /* TRANSLATORS: progress of an import: "120 of 10,000 files" */
      text = g_strdup_printf (ngettext ("%u of %u file", "%u of %u files", total), done, total);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return more;
}

static gboolean
drain_cb (gpointer data)
{
  PrRoundPage *self = data;
  guint shown = g_list_model_get_n_items (pr_report_view_get_items (self->report_view));

  drain (self, shown < DRAIN_FIRST ? DRAIN_FIRST_MAX : DRAIN_MAX);
  return G_SOURCE_CONTINUE;
}

/* What the import's worker is given: the store and the opener (lent),
 * the input (the page's running_input, left alone until the callback)
 * and the relay to the window. */
typedef struct {
  PrRoundLoan   *loan;
  PrImportInput *input;
  Relay         *relay;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  /* Given back before; only a page gone leaves it here. */
  g_clear_pointer (&data->loan, pr_round_loan_free);
  pr_round_page_relay_unref (data->relay);
  g_free (data);
}

typedef struct {
  ImportTask     *data;
  GCancellable   *cancellable;
  PrImportReport *report;
  GError         *error;
} ImportRun;

/* A thread of its own, at a lower scheduling priority, so that the
 * import's workers (which inherit it) never take the processor from the
 * window, even on a busy two-core machine. */
static gpointer
import_run_thread (gpointer data)
{
  ImportRun *run = data;

#ifdef __linux__
  /* On Linux the nice value is per thread; an error only means the
   * import competes with the window as any thread would. */
  (void) setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), IMPORT_NICE);
#endif
  run->report = pr_import_run (run->data->loan->store, run->data->loan->opener, run->data->input, 0,
                               relay_progress_cb, run->data->relay, run->cancellable, &run->error);
  return NULL;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportRun run = { task_data, cancellable, NULL, NULL };
  GThread *thread = g_thread_new ("pr-import", import_run_thread, &run);

  g_thread_join (thread);
  if (run.report == NULL)
    g_task_return_error (task, run.error);
  else
    g_task_return_pointer (task, run.report, (GDestroyNotify) pr_import_report_free);
}

static void
report_finished (PrRoundPage    *self,
                 PrImportReport *report,
                 GError         *error)
{
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The import stopped: %s The files listed were imported."),
                                                  error->message);
      pr_round_page_toast (self, message);
    }
  else if (report->cancelled)
    pr_round_page_toast (self, _("Import cancelled. The files listed were imported."));
  else if (report->n_recovered > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u ballot left over from an interrupted import was recovered first.",
                                                            "%u ballots left over from an interrupted import were recovered first.",
                                                            report->n_recovered),
                                                  report->n_recovered);
      pr_round_page_toast (self, message);
    }
  if (error == NULL && report->unusable != NULL && report->unusable->len > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u file in the ballots folder could not be used as a ballot and was moved to the “unusable” folder; it does not count.",
                                                            "%u files in the ballots folder could not be used as ballots and were moved to the “unusable” folder; they do not count.",
                                                            report->unusable->len),
                                                  report->unusable->len);
      pr_round_page_toast (self, message);
    }
}

static gboolean start_import (gpointer data);

/* While another Peer Rank holds the folder, an import waits and tries
 * again; the progress bar says why. */
#define WAIT_WRITER_MS 1000

static gboolean
pr_round_page_wait_import (PrRoundPage *self)
{
  PrImportInput *input = g_steal_pointer (&self->running_input);

  if (input == NULL)
    return FALSE;
  if (self->queued_input != NULL)
    pr_import_input_prepend (self->queued_input, input);
  else
    self->queued_input = input;
  g_clear_pointer (&self->relay, pr_round_page_relay_unref);
  self->continue_report = TRUE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar,
                             _("Waiting for another Peer Rank to finish writing to this round…"));
  g_clear_handle_id (&self->start_id, g_source_remove);
  self->start_id = g_timeout_add (WAIT_WRITER_MS, start_import, self);
  self->waiting_writer = TRUE;
  pr_round_page_update_actions (self);
  return TRUE;
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrImportReport) report = g_task_propagate_pointer (G_TASK (result), &error);
  ImportTask *data = g_task_get_task_data (G_TASK (result));

  /* Home again before anything else runs. */
  pr_round_page_take_back (self, g_steal_pointer (&data->loan));
  g_clear_handle_id (&self->drain_id, g_source_remove);
  self->importing = FALSE;
  g_clear_object (&self->import_cancellable);
  if (self->disposed)
    {
      g_clear_pointer (&self->running_input, pr_import_input_free);
      g_clear_pointer (&self->relay, pr_round_page_relay_unref);
      return;
    }
  /* Another Peer Rank writes to the round right now (nothing was
   * imported): the files wait for it, first in line (issue #16). */
  if (report == NULL && g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY) &&
      pr_round_page_wait_import (self))
    return;
  g_clear_pointer (&self->running_input, pr_import_input_free);

  /* Everything the worker reported is in the relay by now. */
  while (drain (self, G_MAXUINT))
    ;
  g_clear_pointer (&self->relay, pr_round_page_relay_unref);
  gtk_widget_set_visible (self->progress_box, FALSE);
  report_finished (self, report, error);
  pr_round_page_refresh (self);
  g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_IMPORT_FINISHED], 0);
  /* Changes asked for meanwhile come first; files that came in
   * meanwhile continue this report. */
  if (self->queued_input != NULL)
    self->continue_report = TRUE;
  if (pr_round_page_has_jobs (self))
    pr_round_page_run_jobs (self);
  else if (self->queued_input != NULL)
    pr_round_page_start_import_soon (self);
}

static gboolean
start_import (gpointer data)
{
  PrRoundPage *self = data;
  g_autoptr(GTask) task = NULL;
  ImportTask *import;

  self->start_id = 0;
  /* The progress box shows again if the import starts. */
  if (self->waiting_writer)
    {
      self->waiting_writer = FALSE;
      gtk_widget_set_visible (self->progress_box, FALSE);
    }
  if (self->importing || self->queued_input == NULL || self->store == NULL || !self->unlocked)
    return G_SOURCE_REMOVE;
  /* Changes asked for meanwhile go first: the import starts when they
   * are done (pr-round-page-jobs.c). */
  if (pr_round_page_has_jobs (self))
    {
      pr_round_page_run_jobs (self);
      return G_SOURCE_REMOVE;
    }
  if (self->closed)
    {
      g_clear_pointer (&self->queued_input, pr_import_input_free);
      pr_round_page_toast (self, _("This round is closed: reopen it to import more ballots."));
      return G_SOURCE_REMOVE;
    }

  if (!self->continue_report)
    pr_report_view_clear (self->report_view);
  self->continue_report = FALSE;
  self->running_input = g_steal_pointer (&self->queued_input);
  /* Refresh reads them again when the import is done. */
  pr_round_page_stop_results (self);
  self->importing = TRUE;
  self->import_cancellable = g_cancellable_new ();
  self->relay = relay_new (self->manifest);
  pr_import_input_set_result_func (self->running_input, relay_result_cb, self->relay);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading the files…"));
  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_stack_set_visible_child_name (self->view_stack, "collect");
  pr_round_page_update_actions (self);

  self->drain_id = g_timeout_add (DRAIN_MS, drain_cb, self);
  import = g_new0 (ImportTask, 1);
  import->loan = pr_round_page_lend (self);  /* the worker's now */
  import->input = self->running_input;
  import->relay = g_atomic_rc_box_acquire (self->relay);
  task = g_task_new (self, self->import_cancellable, import_cb, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, import, (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, import_thread);
  return G_SOURCE_REMOVE;
}

void
pr_round_page_start_import_soon (PrRoundPage *self)
{
  if (self->start_id == 0 && !self->importing)
    self->start_id = g_timeout_add (COALESCE_MS, start_import, self);
}

static PrImportInput *
queued_input (PrRoundPage *self)
{
  if (self->queued_input == NULL)
    self->queued_input = pr_import_input_new ();
  return self->queued_input;
}

static gboolean
check_can_import (PrRoundPage *self)
{
  if (!self->unlocked)
    {
      pr_round_page_toast (self, _("Unlock the round with its passphrase first, then import ballots."));
      return FALSE;
    }
  /* As last read: while an import or a job has the store, the files wait
   * in line, and the import says then if the round was closed meanwhile. */
  if (self->closed)
    {
      pr_round_page_toast (self, _("This round is closed: reopen it to import more ballots."));
      return FALSE;
    }
  return TRUE;
}

void
pr_round_page_import_files (PrRoundPage  *self,
                            GFile       **files,
                            guint         n_files)
{
  g_return_if_fail (PR_IS_ROUND_PAGE (self));

  if (n_files == 0 || !check_can_import (self))
    return;
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        pr_import_input_add_path (queued_input (self), path);
      else
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("“%s” is not on this computer; copy it here first."), uri);

          pr_round_page_toast (self, message);
        }
    }
  if (self->queued_input != NULL)
    pr_round_page_start_import_soon (self);
}

static void
import_paths_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  g_autofree const char **paths = g_variant_get_strv (parameter, NULL);

  if (!check_can_import (self))
    return;
  for (guint i = 0; paths[i] != NULL; i++)
    pr_import_input_add_path (queued_input (self), paths[i]);
  pr_round_page_start_import_soon (self);
}

static void
import_text (PrRoundPage *self,
             const char  *text)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *label = NULL;

  if (text == NULL || text[0] == '\0')
    {
      pr_round_page_toast (self, _("The clipboard holds no text. Copy the ballot’s text first."));
      return;
    }
  if (!check_can_import (self))
    return;
  bytes = g_bytes_new (text, strlen (text));
  /* TRANSLATORS: what the import report shows as the "file" of a pasted ballot */
  label = g_strdup_printf (_("Pasted text %u"), ++self->n_pasted);
  pr_import_input_add_text (queued_input (self), label, bytes);
  pr_round_page_start_import_soon (self);
}

static void
import_text_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  import_text (PR_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
paste_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PrRoundPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (self->disposed)
    return;
  if (text == NULL && error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      g_autofree char *message = g_strdup_printf (_("The clipboard could not be read: %s"), error->message);

      pr_round_page_toast (self, message);
      return;
    }
  import_text (self, text);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_cb,
                                 g_object_ref (widget));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);

  g_clear_pointer (&self->queued_input, pr_import_input_free);
  g_cancellable_cancel (self->import_cancellable);
  /* Waiting for another Peer Rank: nothing runs, the wait ends. */
  if (self->waiting_writer)
    {
      self->waiting_writer = FALSE;
      g_clear_handle_id (&self->start_id, g_source_remove);
      gtk_widget_set_visible (self->progress_box, FALSE);
      pr_round_page_toast (self, _("Import cancelled. The files listed were imported."));
      pr_round_page_update_actions (self);
    }
}

static void
import_chooser_response_cb (PrRoundPage          *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (list, g_list_model_get_item (files, i));
  pr_round_page_import_files (self, (GFile **) list->pdata, list->len);
}

GtkFileChooserNative *
pr_round_page_new_chooser (PrRoundPage          *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  return self->chooser;
}

static void
import_choose_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  gboolean folder = g_str_equal (action_name, "round.import-folder");
  GtkFileChooserNative *chooser;

  chooser = pr_round_page_new_chooser (self, folder ? _("Import a Folder of Ballots") : _("Import Ballots"),
                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Import"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folder)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Ballots"));
      gtk_file_filter_add_pattern (filter, "*.json");
      /* Mail saved from a mail program: the ballots in it are read. */
      gtk_file_filter_add_suffix (filter, "eml");
      gtk_file_filter_add_suffix (filter, "mbox");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A round folder or its round.json: a stat, not a read. */
static gboolean
is_round (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) manifest = NULL;

  if (g_strcmp0 (name, PR_STORE_ROUND_FILE) == 0)
    return TRUE;
  manifest = g_file_get_child (file, PR_STORE_ROUND_FILE);
  return g_file_query_file_type (manifest, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_REGULAR;
}

static gboolean
drop_cb (PrRoundPage   *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !self->unlocked)
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      /* Another round dropped here is opened (by the window's action),
       * not read as ballots. */
      if (path == NULL || !is_round (l->data)
          || !gtk_widget_activate_action (GTK_WIDGET (self), "win.open-path", "s", path))
        g_ptr_array_add (list, l->data);
    }
  pr_round_page_import_files (self, (GFile **) list->pdata, list->len);
  return files != NULL;
}

void
pr_round_page_init_collect (PrRoundPage *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  /* Files dropped on an unlocked round are imported; on a locked one the
   * window routes them as usual. */
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  self->drop_target = GTK_EVENT_CONTROLLER (target);
  gtk_widget_add_controller (GTK_WIDGET (self), self->drop_target);
}

void
pr_round_page_class_init_collect (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "round.import-files", NULL, import_choose_action);
  gtk_widget_class_install_action (widget_class, "round.import-folder", NULL, import_choose_action);
  gtk_widget_class_install_action (widget_class, "round.import-paths", "as", import_paths_action);
  gtk_widget_class_install_action (widget_class, "round.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "round.import-text", "s", import_text_action);
  gtk_widget_class_install_action (widget_class, "round.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "round.paste", NULL);
}
