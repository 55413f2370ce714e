/* pr-round-page-key.c — the organizer's round page: restoring the key,
 * changing its passphrase, backing it up
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "pr-atomic.h"
#include "pr-chooser.h"
#include "pr-crypto.h"
#include "pr-import.h"
#include "pr-invitation.h"
#include "pr-markup.h"
#include "pr-keyfile.h"
#include "pr-output.h"
#include "pr-report-item.h"
#include "pr-round-page-private.h"

/* ---- the key: restoring it, changing its passphrase ---- */

/* A round whose key file is missing or damaged: the locked page asks for
 * the passphrase and the backup copy made when the round was created. */
void
pr_round_page_show_restore (PrRoundPage *self,
              GFile       *folder,
              const char  *problem)
{
  /* TRANSLATORS: %s says what is wrong with the key file; it may not end
   * in a full stop, so what to do starts a paragraph of its own */
  g_autofree char *description = g_strdup_printf (_("%s\n\nType the round’s passphrase, then choose the backup copy of the key you saved when you created the round."),
                                                  problem);

  pr_round_page_forget_results (self);
  pr_round_page_unwatch_folder (self);
  pr_round_page_withdraw_offer (self);
  pr_round_page_clear_store (self);
  g_clear_pointer (&self->queued_input, pr_import_input_free);
  g_clear_handle_id (&self->start_id, g_source_remove);
  pr_round_page_clear_members (self);
  g_set_object (&self->folder, folder);
  g_free (self->title);
  self->title = g_file_get_basename (folder);
  pr_status_page_set_text (self->locked_page, _("The Round’s Key Needs Restoring"), description);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), FALSE);
  gtk_widget_set_visible (self->restore_button, TRUE);
  gtk_widget_set_visible (self->unlock_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_stack_set_visible_child_name (self->lock_stack, "locked");
  pr_round_page_update_actions (self);
}

typedef struct {
  char     *dir;
  char     *backup;
  PrSecret *passphrase;
  PrSecret *new_passphrase;   /* changing only */
} KeyJob;

static void
key_job_free (KeyJob *job)
{
  g_free (job->dir);
  g_free (job->backup);
  pr_secret_free (job->passphrase);
  pr_secret_free (job->new_passphrase);
  g_free (job);
}

/* The key restored and the round opened: unlocked, or (opener NULL) a
 * step to offer first, why in @offer. */
typedef struct {
  PrStore        *store;
  PrBallotOpener *opener;
  GError         *offer;
} Unlocked;

static void
unlocked_free (Unlocked *unlocked)
{
  g_clear_pointer (&unlocked->opener, pr_ballot_opener_unref);
  g_clear_pointer (&unlocked->store, pr_store_free);
  g_clear_error (&unlocked->offer);
  g_free (unlocked);
}

static PrSecret *
secret_from_text (const char *text)
{
  return pr_secret_new_from_data ((const guint8 *) text, strlen (text) + 1);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KeyJob *job = task_data;
  const char *passphrase = (const char *) pr_secret_get_data (job->passphrase);
  Unlocked *unlocked = g_new0 (Unlocked, 1);
  GError *error = NULL;

  if (!pr_store_restore_key (job->dir, job->backup, passphrase, &error) ||
      (unlocked->store = pr_store_open (job->dir, &error)) == NULL ||
      ((unlocked->opener = pr_store_unlock (unlocked->store, passphrase, &error)) == NULL &&
       !g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_LEGACY) &&
       !g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_ROLLED_BACK)))
    {
      unlocked_free (unlocked);
      g_task_return_error (task, error);
      return;
    }
  /* The key is back; the round needs a step the page offers, as when
   * unlocking. */
  unlocked->offer = error;
  g_task_return_pointer (task, unlocked, (GDestroyNotify) unlocked_free);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;
  Unlocked *unlocked = g_task_propagate_pointer (G_TASK (result), &error);

  self->unlocking = FALSE;
  if (self->disposed)
    {
      g_clear_pointer (&unlocked, unlocked_free);
      return;
    }
  gtk_spinner_set_spinning (self->unlock_spinner, FALSE);
  if (unlocked == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The key could not be restored: %s"), error->message);

      gtk_label_set_text (self->unlock_message, message);
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
      pr_round_page_update_actions (self);
      g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_UNLOCKED], 0, FALSE);
      return;
    }

  pr_round_page_set_store (self, g_steal_pointer (&unlocked->store));
  if (unlocked->opener == NULL)
    {
      KeyJob *job = g_task_get_task_data (G_TASK (result));

      pr_round_page_show_locked (self);
      pr_round_page_toast (self, _("The key was restored from its backup copy."));
      if (g_error_matches (unlocked->offer, PR_STORE_ERROR, PR_STORE_ERROR_LEGACY))
        pr_round_page_offer_protect (self, g_steal_pointer (&job->passphrase));
      else
        pr_round_page_offer_rollback (self, g_steal_pointer (&job->passphrase), unlocked->offer->message);
      unlocked_free (unlocked);
      pr_round_page_update_actions (self);
      g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_UNLOCKED], 0, FALSE);
      return;
    }
  pr_round_page_toast (self, _("The key was restored from its backup copy and the round is unlocked."));
  pr_round_page_show_unlocked (self, g_steal_pointer (&unlocked->opener));
  unlocked_free (unlocked);
}

static void
restore_key_from (PrRoundPage *self,
                  const char  *backup)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  KeyJob *job;
  g_autoptr(GTask) task = NULL;

  if (self->manifest != NULL || self->folder == NULL || self->unlocking)
    return;
  if (text[0] == '\0')
    {
      gtk_label_set_text (self->unlock_message, _("Type the round’s passphrase first, then choose the backup copy."));
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
      return;
    }
  job = g_new0 (KeyJob, 1);
  job->dir = g_file_get_path (self->folder);
  job->backup = g_strdup (backup);
  job->passphrase = secret_from_text (text);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  self->unlocking = TRUE;
  gtk_spinner_set_spinning (self->unlock_spinner, TRUE);
  pr_round_page_update_actions (self);

  task = g_task_new (self, self->cancellable, restore_cb, NULL);
  g_task_set_source_tag (task, restore_key_from);
  g_task_set_task_data (task, job, (GDestroyNotify) key_job_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
restore_key_from_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  restore_key_from (PR_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
restore_chooser_response_cb (PrRoundPage          *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autofree char *path = pr_chooser_take_path (&self->chooser, response);

  if (path != NULL)
    restore_key_from (self, path);
}

static void
restore_key_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  GtkFileChooserNative *chooser = pr_round_page_new_chooser (self, _("Choose the Backup Copy of the Key"),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"));

  g_signal_connect_object (chooser, "response", G_CALLBACK (restore_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
change_job (PrStore         *store,
            PrBallotOpener  *opener,
            gpointer         data,
            GError         **error)
{
  KeyJob *job = data;
  guint64 opslimit;
  gsize memlimit;

  pr_keyfile_default_limits (&opslimit, &memlimit);
  return pr_store_change_passphrase (store, (const char *) pr_secret_get_data (job->passphrase),
                                     (const char *) pr_secret_get_data (job->new_passphrase),
                                     opslimit, memlimit, error);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  if (!pr_round_page_run_job_finish (self, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE))
        message = g_strdup (_("The passphrase was not changed: the current passphrase is not right."));
      else
        message = g_strdup_printf (_("The passphrase was not changed: %s"), error->message);
      pr_round_page_toast (self, message);
    }
  else
    pr_round_page_toast_action (self, _("The passphrase is changed. Your backup copy of the key still opens with the old one: save a new backup copy if you want it to use the new one."),
                                _("Back Up Key…"), "round.backup-key");
}

static void
change_passphrase (PrRoundPage *self,
                   const char  *old_passphrase,
                   const char  *new_passphrase)
{
  KeyJob *job;

  if (!self->unlocked)
    return;
  if (g_utf8_strlen (new_passphrase, -1) < 8)
    {
      pr_round_page_toast (self, _("The new passphrase needs at least 8 characters."));
      return;
    }
  job = g_new0 (KeyJob, 1);
  job->passphrase = secret_from_text (old_passphrase);
  job->new_passphrase = secret_from_text (new_passphrase);
  pr_round_page_run_key_job_async (self, change_job, job, (GDestroyNotify) key_job_free,
                                   change_cb, NULL);
}

static void
change_passphrase_to_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  const char *old_passphrase = NULL, *new_passphrase = NULL;

  g_variant_get (parameter, "(&s&s)", &old_passphrase, &new_passphrase);
  change_passphrase (PR_ROUND_PAGE (widget), old_passphrase, new_passphrase);
}

/* The fields are on the page, not in a dialog: GTK 4.8 calls a password
 * field back after its dialog is gone. They never keep a passphrase. */
static void
change_passphrase_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  GtkEditable *old_entry = GTK_EDITABLE (self->old_passphrase_entry);
  GtkEditable *new_entry = GTK_EDITABLE (self->new_passphrase_entry);
  GtkEditable *confirm_entry = GTK_EDITABLE (self->confirm_passphrase_entry);
  g_autofree char *old_passphrase = g_strdup (gtk_editable_get_text (old_entry));
  g_autofree char *new_passphrase = g_strdup (gtk_editable_get_text (new_entry));
  gboolean same = g_str_equal (new_passphrase, gtk_editable_get_text (confirm_entry));

  gtk_editable_set_text (old_entry, "");
  gtk_editable_set_text (new_entry, "");
  gtk_editable_set_text (confirm_entry, "");
  if (!same)
    pr_round_page_toast (self, _("The passphrase was not changed: the two new passphrases differ."));
  else
    change_passphrase (self, old_passphrase, new_passphrase);
  sodium_memzero (old_passphrase, strlen (old_passphrase));
  sodium_memzero (new_passphrase, strlen (new_passphrase));
}

/* ---- a backup copy of the key ---- */

static gboolean
backup_job (PrStore         *store,
            PrBallotOpener  *opener,
            gpointer         data,
            GError         **error)
{
  return pr_store_backup_key (store, data, error);
}

static void
backup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->disposed)
    return;
  if (!pr_round_page_run_job_finish (self, result, &error))
    message = g_strdup_printf (_("The backup copy could not be saved: %s"), error->message);
  else
    {
      g_autofree char *display = g_filename_display_name (path);

      message = g_strdup_printf (_("Backup copy saved to “%s”. Keep it somewhere safe, apart from this computer if you can."),
                                 display);
    }
  pr_round_page_toast (self, message);
}

/* Written on the jobs' worker, write-once: an older backup copy is
 * never replaced by accident. */
static void
backup_key_to (PrRoundPage *self,
               const char  *path)
{
  if (!self->unlocked)
    return;
  pr_round_page_run_key_job_async (self, backup_job, g_strdup (path), g_free, backup_cb,
                                   g_strdup (path));
}

static void
backup_key_to_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  backup_key_to (PR_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
backup_chooser_response_cb (PrRoundPage          *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autofree char *path = pr_chooser_take_path (&self->chooser, response);

  if (path != NULL)
    backup_key_to (self, path);
}

static void
backup_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  g_autofree char *base = g_file_get_basename (self->folder);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Dated: the copy made when the round was created keeps its name. */
  g_autofree char *name = g_strdup_printf ("%s-organizer-%s.key", base, date);
  GtkFileChooserNative *chooser;

  chooser = pr_round_page_new_chooser (self, _("Save a Backup Copy of the Key"),
                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
pr_round_page_class_init_key (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "round.restore-key", NULL, restore_key_action);
  gtk_widget_class_install_action (widget_class, "round.restore-key-from", "s", restore_key_from_action);
  gtk_widget_class_install_action (widget_class, "round.change-passphrase", NULL, change_passphrase_action);
  gtk_widget_class_install_action (widget_class, "round.change-passphrase-to", "(ss)", change_passphrase_to_action);
  gtk_widget_class_install_action (widget_class, "round.backup-key", NULL, backup_key_action);
  gtk_widget_class_install_action (widget_class, "round.backup-key-to", "s", backup_key_to_action);
}
