/* pr-round-page.c — the organizer's round: unlock, participation,
 * collecting ballots, decisions and closing
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "pr-decision-row.h"
#include "pr-import.h"
#include "pr-invitation.h"
#include "pr-markup.h"
#include "pr-output.h"
#include "pr-report-item.h"
#include "pr-round-page-mail.h"
#include "pr-round-page-private.h"



G_DEFINE_FINAL_TYPE (PrRoundPage, pr_round_page, ADW_TYPE_BIN)

guint pr_round_page_signals[PR_ROUND_PAGE_N_SIGNALS];

/* The page does not know its window: whoever shows it shows its
 * messages ("toast" signal). */
void
pr_round_page_toast (PrRoundPage *self,
                     const char  *message)
{
  if (g_signal_has_handler_pending (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_TOAST], 0,
                                    FALSE))
    g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_TOAST], 0, message);
  else
    g_message ("%s", message);
}

/* A message with a button that runs the page's action @action_name
 * ("toast-action" signal): what the organizer is told to do next, with
 * the means to do it. */
void
pr_round_page_toast_action (PrRoundPage *self,
                            const char  *message,
                            const char  *button_label,
                            const char  *action_name)
{
  if (g_signal_has_handler_pending (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_TOAST_ACTION],
                                    0, FALSE))
    g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_TOAST_ACTION], 0, message,
                   button_label, action_name);
  else
    pr_round_page_toast (self, message);
}

/* ---- opening ---- */

/* The folder to open, and why its key must be restored (when it must). */
typedef struct {
  GFile *folder;
  char  *key_problem;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->folder);
  g_free (data->key_problem);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GFile *folder = data->folder;
  g_autofree char *path = g_file_get_path (folder);
  GError *error = NULL;
  PrStore *store;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only round folders on this computer can be opened."));
      return;
    }
  store = pr_store_open (path, &error);
  if (store != NULL)
    {
      g_task_return_pointer (task, store, (GDestroyNotify) pr_store_free);
      return;
    }
  /* A round whose key file is missing or damaged is opened to have its
   * key restored from the backup copy (a NULL store, no error). The
   * error comes only once round.json was found sound: anything else
   * wrong with the folder is not for a backup copy to mend. */
  if (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_KEY_FILE))
    {
      data->key_problem = g_strdup (error->message);
      g_error_free (error);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_error (task, error);
}

/* Another round may come only when nothing is under way for this one:
 * no unlocking, import (running, waiting or queued), change or mail. */
static gboolean
check_round_can_go (PrRoundPage  *self,
                    GError      **error)
{
  if (!self->unlocking && !pr_round_page_store_is_lent (self) && !pr_round_page_has_jobs (self) &&
      !self->waiting_writer && self->queued_input == NULL && !pr_round_page_is_mailing (self))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("Wait until the round’s import, changes, messages or unlocking have finished, then open the round again."));
  return FALSE;
}

void
pr_round_page_open_async (PrRoundPage         *self,
                          GFile               *folder,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PR_IS_ROUND_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_round_page_open_async);
  if (!check_round_can_go (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  {
    OpenData *data = g_new0 (OpenData, 1);

    data->folder = g_object_ref (folder);
    g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  }
  g_task_run_in_thread (task, open_thread);
}

void
pr_round_page_show_locked (PrRoundPage *self)
{
  PrManifest *manifest = self->manifest;
  g_autofree char *description = NULL;

  pr_round_page_withdraw_offer (self);
  /* TRANSLATORS: %s is the round fingerprint, e.g. "3F2A-91C0-…" */
  description = g_strdup_printf (_("Round fingerprint %s. Enter the passphrase chosen when the round was created to collect ballots and decide."),
                                 pr_manifest_get_fingerprint (manifest));
  pr_status_page_set_text (self->locked_page, pr_manifest_get_title (manifest), description);
  gtk_widget_set_visible (self->restore_button, FALSE);
  gtk_widget_set_visible (self->unlock_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_stack_set_visible_child_name (self->lock_stack, "locked");
}

gboolean
pr_round_page_open_finish (PrRoundPage   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  PrStore *store;
  g_autoptr(GError) local_error = NULL;
  const char *key_problem;
  OpenData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  store = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  data = g_task_get_task_data (G_TASK (result));
  key_problem = data->key_problem;
  if (store == NULL && !check_round_can_go (self, error))
    return FALSE;
  if (store == NULL)
    {
      pr_round_page_show_restore (self, data->folder, key_problem);
      return TRUE;
    }
  if (!check_round_can_go (self, error))
    {
      pr_store_free (store);
      return FALSE;
    }

  pr_round_page_forget_results (self);
  pr_round_page_unwatch_folder (self);
  g_clear_pointer (&self->queued_input, pr_import_input_free);
  g_clear_handle_id (&self->start_id, g_source_remove);
  pr_round_page_set_store (self, store);
  /* Another round: its member rows are made anew. */
  pr_round_page_clear_members (self);
  g_set_object (&self->folder, data->folder);
  pr_report_view_clear (self->report_view);
  pr_round_page_show_locked (self);
  pr_round_page_update_actions (self);
  return TRUE;
}

/* ---- unlocking ---- */

void
pr_round_page_show_unlocked (PrRoundPage    *self,
                             PrBallotOpener *opener)
{
  g_assert (self->store != NULL && self->opener == NULL);
  self->opener = opener;
  self->unlocked = TRUE;
  pr_round_page_watch_folder (self);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), FALSE);
  gtk_stack_set_visible_child_name (self->lock_stack, "unlocked");
  pr_round_page_refresh (self);
  g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_UNLOCKED], 0, TRUE);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  PrSecret *passphrase;

  if (self->store == NULL || self->unlocked || self->unlocking)
    return;
  if (text[0] == '\0')
    {
      gtk_label_set_text (self->unlock_message, _("Enter the round’s passphrase first."));
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
      return;
    }

  passphrase = pr_secret_new_from_data ((const guint8 *) text, strlen (text) + 1);
  /* Typed again while a step was offered: the offer goes, and the page
   * asks anew (this clears the field, read already). */
  if (self->offer != PR_ROUND_OFFER_NONE)
    pr_round_page_show_locked (self);
  pr_round_page_unlock (self, PR_ROUND_OFFER_NONE, passphrase);
}

static void
new_passphrase_changed_cb (PrRoundPage *self)
{
  pr_passphrase_meter_update (self->new_passphrase_meter,
                              gtk_editable_get_text (GTK_EDITABLE (self->new_passphrase_entry)));
}

static void
passphrase_activate_cb (PrRoundPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "round.unlock", NULL);
}

/* ---- participation ---- */

/* What became of the conflicting and flagged ballots: the journal keeps
 * their status after the organizer decided, so they are counted here by
 * what is left to do. */
typedef struct {
  guint conflicts;    /* awaiting a decision */
  guint flagged;      /* awaiting a decision */
  guint accepted;     /* accepted by the organizer */
  guint refused;      /* refused by the organizer */
  guint moot;         /* undecided, but superseded or of a revoked key */
} Decisions;

static gboolean
needs_decision (PrBallotStatus status)
{
  return status == PR_BALLOT_STATUS_CONFLICT || status == PR_BALLOT_STATUS_FLAGGED;
}

static void
count_decisions (PrStore   *store,
                 Decisions *out)
{
  *out = (Decisions) { 0 };
  for (guint i = 0; i < pr_store_get_n_entries (store); i++)
    {
      PrStoreEntry entry;

      pr_store_get_entry (store, i, &entry);
      if (!needs_decision (entry.status))
        continue;
      if (entry.accepted)
        out->accepted++;
      else if (entry.refused)
        out->refused++;
      else if (!pr_store_is_pending (store, i))
        out->moot++;
      else if (entry.status == PR_BALLOT_STATUS_CONFLICT)
        out->conflicts++;
      else
        out->flagged++;
    }
}

/* " · 1 conflict awaits your decision · 1 accepted by you" */
static void
append_decisions (GString         *text,
                  const Decisions *d)
{
  if (d->conflicts > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u conflict awaits your decision",
                                              "%u conflicts await your decision", d->conflicts),
                              d->conflicts);
    }
  if (d->flagged > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u flagged ballot awaits your decision",
                                              "%u flagged ballots await your decision", d->flagged),
                              d->flagged);
    }
  if (d->accepted > 0)
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: conflicting or flagged ballots the organizer accepted */
      g_string_append_printf (text, ngettext ("%u accepted by you", "%u accepted by you",
                                              d->accepted), d->accepted);
    }
  if (d->refused > 0)
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: conflicting or flagged ballots the organizer refused */
      g_string_append_printf (text, ngettext ("%u refused by you", "%u refused by you", d->refused),
                              d->refused);
    }
  if (d->moot > 0)
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: conflicting or flagged ballots that a later ballot or a
       * re-issued invitation left with nothing to decide */
      g_string_append_printf (text, ngettext ("%u no longer needs a decision",
                                              "%u no longer need a decision", d->moot),
                              d->moot);
    }
}

static void
refresh_counts (PrRoundPage *self)
{
  PrManifest *manifest = self->manifest;
  guint n = pr_manifest_get_n_members (manifest);
  guint voted = 0, stored = 0;
  g_autofree char *counts = NULL;
  g_autoptr(GString) statuses = g_string_new (NULL);
  g_autofree char *fingerprint = NULL;
  Decisions decisions;

  for (guint i = 0; i < n; i++)
    voted += pr_store_member_voted (self->store, i) ? 1 : 0;
  counts = g_strdup_printf (ngettext ("%u of %u members has voted", "%u of %u members have voted", voted),
                            voted, n);
  gtk_label_set_text (self->counts_label, counts);

  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    stored += pr_store_count_status (self->store, (PrBallotStatus) s);
  g_string_printf (statuses, ngettext ("%u ballot file stored", "%u ballot files stored", stored), stored);
  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    {
      guint count = pr_store_count_status (self->store, (PrBallotStatus) s);

      if (count > 0 && !needs_decision ((PrBallotStatus) s))
        g_string_append_printf (statuses, _(" · %u %s"), count, pr_report_status_label ((PrBallotStatus) s));
    }
  count_decisions (self->store, &decisions);
  append_decisions (statuses, &decisions);
  gtk_label_set_text (self->status_counts_label, statuses->str);

  /* TRANSLATORS: %s is the round fingerprint */
  fingerprint = g_strdup_printf (_("Round fingerprint %s"), pr_manifest_get_fingerprint (manifest));
  gtk_label_set_text (self->fingerprint_label, fingerprint);
}

/* ---- decisions ---- */

static void
refresh_pending (PrRoundPage *self)
{
  g_autoptr(GArray) pending = pr_store_list_pending (self->store);
  PrManifest *manifest = self->manifest;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list))) != NULL)
    gtk_list_box_remove (self->pending_list, child);
  for (guint i = 0; i < pending->len; i++)
    {
      PrStoreEntry entry;
      GtkWidget *row = pr_decision_row_new ();

      pr_store_get_entry (self->store, g_array_index (pending, guint, i), &entry);
      pr_decision_row_set_entry (PR_DECISION_ROW (row),
                                 pr_manifest_get_member_name (manifest, entry.member), &entry);
      gtk_list_box_append (self->pending_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), pending->len > 0);
  if (pending->len == 0)
    gtk_label_set_text (self->pending_label, _("No ballot awaits a decision."));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u ballot awaits your decision",
                                                         "%u ballots await your decision",
                                                         pending->len), pending->len);

      gtk_label_set_text (self->pending_label, text);
    }
}

/* ---- closing ---- */

/* Whether the round's deadline (YYYY-MM-DD, local time) has passed. */
static gboolean
deadline_passed (PrRoundPage *self)
{
  const char *deadline = pr_manifest_get_deadline (self->manifest);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int y, m, d;
  char today[11];

  if (deadline == NULL || sscanf (deadline, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_time_get_year (now),
              g_date_time_get_month (now), g_date_time_get_day_of_month (now));
  return strcmp (today, deadline) > 0;
}

gboolean
pr_round_page_suggests_closing (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), FALSE);

  return self->manifest != NULL && !self->closed && deadline_passed (self);
}

static void
refresh_closing (PrRoundPage *self)
{
  gboolean closed = self->closed;

  gtk_widget_set_visible (self->closed_box, closed);
  gtk_widget_set_visible (self->deadline_box, pr_round_page_suggests_closing (self));
  if (pr_round_page_suggests_closing (self))
    {
      g_autofree char *text = g_strdup_printf (_("The deadline (%s) has passed. Close the round so that no more ballots come in?"),
                                               pr_manifest_get_deadline (self->manifest));

      gtk_label_set_text (self->deadline_label, text);
    }
  if (closed)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (pr_store_get_closed_time (self->store));
      g_autofree char *when = time != NULL ? g_date_time_format (time, "%x %X") : g_strdup ("");
      g_autofree char *text = g_strdup_printf (_("This round was closed on %s: no ballots are imported until you reopen it."),
                                               when);

      gtk_label_set_text (self->closed_label, text);
      gtk_label_set_text (self->closing_label, text);
    }
  else
    gtk_label_set_text (self->closing_label,
                        _("Closing the round refuses further ballots until you reopen it; after closing you can publish receipts so everyone can check that their ballot was counted."));
}

void
pr_round_page_refresh (PrRoundPage *self)
{
  /* Only with the store home: a job or an import refreshes when done. */
  if (self->store == NULL || self->opener == NULL || self->disposed)
    return;
  self->closed = pr_store_is_closed (self->store);
  refresh_counts (self);
  pr_round_page_refresh_members (self);
  refresh_pending (self);
  refresh_closing (self);
  pr_round_page_refresh_mail (self);
  pr_round_page_update_results (self);
  pr_round_page_update_actions (self);
  g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_CHANGED], 0);
}

void
pr_round_page_update_actions (PrRoundPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->manifest != NULL;
  gboolean unlocked = self->unlocked;
  /* The store is home: no import, job or unlocking has it. */
  gboolean idle = unlocked && self->store != NULL;
  gboolean closed = self->closed;

  gtk_widget_action_set_enabled (widget, "round.unlock", open && !unlocked && !self->unlocking);
  gtk_widget_action_set_enabled (widget, "round.protect", open && !unlocked && !self->unlocking &&
                                                          self->offer == PR_ROUND_OFFER_PROTECT);
  gtk_widget_action_set_enabled (widget, "round.accept-rollback", open && !unlocked && !self->unlocking &&
                                                                  self->offer == PR_ROUND_OFFER_ROLLBACK);
  gtk_widget_action_set_enabled (widget, "round.copy-fingerprint", open);
  gtk_widget_action_set_enabled (widget, "round.restore-key", !open && self->folder != NULL &&
                                                              !self->unlocking);
  gtk_widget_action_set_enabled (widget, "round.restore-key-from", !open && self->folder != NULL &&
                                                                   !self->unlocking);
  gtk_widget_action_set_enabled (widget, "round.change-passphrase", idle);
  gtk_widget_action_set_enabled (widget, "round.change-passphrase-to", idle);
  gtk_widget_action_set_enabled (widget, "round.backup-key", idle);
  gtk_widget_action_set_enabled (widget, "round.backup-key-to", idle);
  for (const char * const *a = (const char * const []) { "round.import-files", "round.import-folder",
                                                         "round.import-paths", "round.paste",
                                                         "round.import-text", NULL }; *a != NULL; a++)
    gtk_widget_action_set_enabled (widget, *a, unlocked && !closed);
  gtk_widget_action_set_enabled (widget, "round.cancel-import", self->importing || self->waiting_writer);
  for (const char * const *a = (const char * const []) { "round.remind", "round.reissue",
                                                         "round.reissue-to", "round.accept",
                                                         "round.refuse", NULL }; *a != NULL; a++)
    gtk_widget_action_set_enabled (widget, *a, idle);
  gtk_widget_action_set_enabled (widget, "round.close", idle && !closed);
  gtk_widget_action_set_enabled (widget, "round.reopen", idle && closed);
  gtk_widget_action_set_enabled (widget, "round.receipts", idle && closed);
  gtk_widget_action_set_enabled (widget, "round.save-receipts-to", idle && closed);
  if (self->drop_target != NULL)
    gtk_event_controller_set_propagation_phase (self->drop_target,
                                                unlocked ? GTK_PHASE_BUBBLE : GTK_PHASE_NONE);
  pr_round_page_update_mail_actions (self);
}

/* ---- accessors ---- */

const char *
pr_round_page_get_title (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->title;
}

GFile *
pr_round_page_get_folder (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->folder;
}

gboolean
pr_round_page_is_unlocked (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), FALSE);
  return self->unlocked;
}

PrStore *
pr_round_page_get_store (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->store;
}

PrReportView *
pr_round_page_get_report_view (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->report_view;
}

gboolean
pr_round_page_is_importing (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), FALSE);
  return self->importing || self->start_id != 0;
}

AdwMessageDialog *
pr_round_page_get_dialog (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->dialog;
}

const char *
pr_round_page_get_unlock_message (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->unlock_message))
         ? gtk_label_get_text (self->unlock_message) : NULL;
}

GtkEditable *
pr_round_page_get_passphrase (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return GTK_EDITABLE (self->passphrase_entry);
}

const char *
pr_round_page_get_counts_text (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return gtk_label_get_text (self->counts_label);
}

const char *
pr_round_page_get_status_counts_text (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return gtk_label_get_text (self->status_counts_label);
}

GStrv
pr_round_page_dup_pending (PrRoundPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  /* Not while a worker has the store: an empty list would mean nothing. */
  g_return_val_if_fail (self->store != NULL || self->manifest == NULL, NULL);

  if (self->store != NULL)
    {
      g_autoptr(GArray) pending = pr_store_list_pending (self->store);

      for (guint i = 0; i < pending->len; i++)
        {
          PrStoreEntry entry;

          pr_store_get_entry (self->store, g_array_index (pending, guint, i), &entry);
          g_strv_builder_add (builder, entry.fingerprint);
        }
    }
  return g_strv_builder_end (builder);
}

GtkNativeDialog *
pr_round_page_get_file_chooser (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->chooser != NULL ? GTK_NATIVE_DIALOG (self->chooser) : NULL;
}

/* ---- life cycle ---- */

static void
pr_round_page_dispose (GObject *object)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->start_id, g_source_remove);
  g_clear_handle_id (&self->drain_id, g_source_remove);
  pr_round_page_stop_results (self);
  pr_round_page_cancel_jobs (self);
  pr_round_page_unwatch_folder (self);
  pr_round_page_dispose_mail (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));

  /* lock_stack is both AdwBin's child and a template child: AdwBin must
   * let go of it before the template drops it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_ROUND_PAGE);

  G_OBJECT_CLASS (pr_round_page_parent_class)->dispose (object);
}

/* The store and the import's input are freed only here: a running
 * import holds a reference to the page until it has finished. */
static void
pr_round_page_finalize (GObject *object)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);

  g_clear_pointer (&self->opener, pr_ballot_opener_unref);
  g_clear_pointer (&self->store, pr_store_free);
  g_clear_pointer (&self->manifest, pr_manifest_unref);
  g_clear_pointer (&self->offer_passphrase, pr_secret_free);
  g_clear_pointer (&self->running_input, pr_import_input_free);
  g_clear_pointer (&self->queued_input, pr_import_input_free);
  g_clear_pointer (&self->relay, pr_round_page_relay_unref);
  g_clear_pointer (&self->new_items, g_ptr_array_unref);
  g_clear_object (&self->members);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_free (self->title);
  g_free (self->reissue_member);
  g_free (self->decide_fingerprint);
  g_free (self->receipts_text);

  G_OBJECT_CLASS (pr_round_page_parent_class)->finalize (object);
}

static void
pr_round_page_class_init (PrRoundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_round_page_dispose;
  object_class->finalize = pr_round_page_finalize;

  /**
   * PrRoundPage::unlocked:
   * @success: whether the passphrase opened the round
   */
  pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * PrRoundPage::import-finished:
   *
   * Emitted when an import has finished (or stopped) and its whole
   * report is shown.
   */
  pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PrRoundPage::changed:
   *
   * Emitted when participation, decisions or the round's state were shown anew.
   */
  pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PrRoundPage::toast:
   * @message: a sentence for the organizer, plain text
   *
   * Emitted for a short message the window shows as a toast.
   */
  pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PrRoundPage::toast-action:
   * @message: a sentence for the organizer, plain text
   * @button_label: the label of the toast's button
   * @action_name: the page's action the button runs ("round.…", no parameter)
   *
   * Emitted for a message the window shows as a toast with a button.
   */
  pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_TOAST_ACTION] =
    g_signal_new ("toast-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (PR_TYPE_PASSPHRASE_METER);
  g_type_ensure (PR_TYPE_REPORT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-round-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, locked_page);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, unlock_message);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, unlock_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, protect_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, rollback_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, old_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, new_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, new_passphrase_meter);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, confirm_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, deadline_box);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, closed_box);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, closed_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, status_counts_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, members_view);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, report_view);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, pending_list);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, closing_label);

  gtk_widget_class_install_action (widget_class, "round.unlock", NULL, unlock_action);
  pr_round_page_class_init_collect (widget_class);
  pr_round_page_class_init_actions (widget_class);
  pr_round_page_class_init_key (widget_class);
  pr_round_page_class_init_offer (widget_class);
  pr_round_page_class_init_results (widget_class);
  pr_round_page_class_init_mail (widget_class);

}

static void
pr_round_page_init (PrRoundPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->new_items = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->passphrase_entry, "activate", G_CALLBACK (passphrase_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_passphrase_entry, "changed",
                           G_CALLBACK (new_passphrase_changed_cb), self, G_CONNECT_SWAPPED);

  pr_round_page_init_collect (self);
  pr_round_page_init_members (self);
  pr_round_page_init_results (self);
  pr_round_page_init_mail (self);

  pr_round_page_update_actions (self);
}
