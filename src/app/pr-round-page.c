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
#include "pr-window.h"

/* Files that arrive within this time of each other (a multi-file
 * double-click is routed file by file) become one import and one report. */
#define COALESCE_MS 150

/* How much less the import's threads get of the processor than the window. */
#define IMPORT_NICE 10

struct _PrRoundPage
{
  AdwBin                parent_instance;

  GtkStack             *lock_stack;
  AdwStatusPage        *locked_page;
  GtkPasswordEntry     *passphrase_entry;
  GtkLabel             *unlock_message;
  GtkSpinner           *unlock_spinner;
  GtkWidget            *unlock_button;
  GtkWidget            *restore_button;
  GtkPasswordEntry     *old_passphrase_entry;
  GtkPasswordEntry     *new_passphrase_entry;
  GtkPasswordEntry     *confirm_passphrase_entry;
  GtkWidget            *deadline_box;
  GtkLabel             *deadline_label;
  GtkWidget            *closed_box;
  GtkLabel             *closed_label;
  GtkStack             *view_stack;
  GtkLabel             *counts_label;
  GtkLabel             *status_counts_label;
  GtkLabel             *fingerprint_label;
  GtkListBox           *members_list;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  PrReportView         *report_view;
  GtkLabel             *pending_label;
  GtkListBox           *pending_list;
  GtkLabel             *closing_label;

  GFile                *folder;
  PrStore              *store;
  PrBallotOpener       *opener;
  char                 *title;
  GCancellable         *cancellable;
  gboolean              unlocking;
  gboolean              disposed;

  /* The import running (its input must outlive it) and the next one. */
  gboolean              importing;
  PrImportInput        *running_input;
  PrImportInput        *queued_input;
  GCancellable         *import_cancellable;
  guint                 start_id;
  guint                 drain_id;
  struct _Relay        *relay;
  gboolean              continue_report;
  GPtrArray            *new_items;
  guint                 n_pasted;

  GPtrArray            *member_status;   /* GtkLabel per member, borrowed */
  GtkEventController   *drop_target;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *dialog;
  char                 *reissue_member;
};

G_DEFINE_FINAL_TYPE (PrRoundPage, pr_round_page, ADW_TYPE_BIN)

enum {
  SIGNAL_UNLOCKED,
  SIGNAL_IMPORT_FINISHED,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh        (PrRoundPage *self);
static void show_restore   (PrRoundPage *self,
                            GFile       *folder,
                            const char  *problem);
static void update_actions (PrRoundPage *self);

static void
toast (PrRoundPage *self,
       const char  *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), PR_TYPE_WINDOW);

  if (window != NULL)
    pr_window_toast (PR_WINDOW (window), message);
  else
    g_message ("%s", message);
}

/* ---- opening ---- */

/* pr_store_open() names an unusable key file in a sentence of its own
 * (after round.json was read and found sound); anything else wrong with
 * the folder is not for a backup copy of the key to mend. */
static gboolean
is_key_file_error (const GError *error)
{
  g_autofree char *prefix = g_strdup_printf (_("The key file organizer.key cannot be used: %s"), "");

  return g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED) &&
         g_str_has_prefix (error->message, prefix);
}

static gboolean
key_file_usable (const char *dir)
{
  g_autofree char *round = g_build_filename (dir, PR_STORE_ROUND_FILE, NULL);
  g_autofree char *key = g_build_filename (dir, PR_STORE_KEY_FILE, NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_test (round, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  bytes = pr_atomic_read (key, PR_KEYFILE_MAX_SIZE, TRUE, NULL);
  return bytes != NULL && pr_keyfile_check (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *folder = g_object_get_data (G_OBJECT (task), "pr-folder");
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
   * key restored from the backup copy (a NULL store, no error). */
  if (is_key_file_error (error) && !key_file_usable (path))
    {
      g_task_set_task_data (task, g_strdup (error->message), g_free);
      g_error_free (error);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_error (task, error);
}

void
pr_round_page_open_async (PrRoundPage         *self,
                          GFile               *folder,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PR_IS_ROUND_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_round_page_open_async);
  if (self->importing || self->unlocking)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("Wait until the current import or unlocking has finished, then open the round again."));
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "pr-folder", g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

static void
show_locked (PrRoundPage *self)
{
  PrManifest *manifest = pr_store_get_manifest (self->store);
  g_autofree char *description = NULL;

  /* TRANSLATORS: %s is the round fingerprint, e.g. "3F2A-91C0-…" */
  description = g_strdup_printf (_("Round fingerprint %s. Enter the passphrase chosen when the round was created to collect ballots and decide."),
                                 pr_manifest_get_fingerprint (manifest));
  adw_status_page_set_title (self->locked_page, pr_manifest_get_title (manifest));
  adw_status_page_set_description (self->locked_page, description);
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

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  store = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  key_problem = g_task_get_task_data (G_TASK (result));
  if (store == NULL && (self->importing || self->unlocking))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("Wait until the current import or unlocking has finished, then open the round again."));
      return FALSE;
    }
  if (store == NULL)
    {
      show_restore (self, G_FILE (g_object_get_data (G_OBJECT (result), "pr-folder")), key_problem);
      return TRUE;
    }
  if (self->importing || self->unlocking)
    {
      pr_store_free (store);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("Wait until the current import or unlocking has finished, then open the round again."));
      return FALSE;
    }

  g_clear_pointer (&self->opener, pr_ballot_opener_unref);
  g_clear_pointer (&self->store, pr_store_free);
  g_clear_pointer (&self->queued_input, pr_import_input_free);
  g_clear_handle_id (&self->start_id, g_source_remove);
  self->store = store;
  /* Another round: its member rows are made anew. */
  g_ptr_array_set_size (self->member_status, 0);
  g_set_object (&self->folder, G_FILE (g_object_get_data (G_OBJECT (result), "pr-folder")));
  g_free (self->title);
  self->title = g_strdup (pr_manifest_get_title (pr_store_get_manifest (store)));
  pr_report_view_clear (self->report_view);
  show_locked (self);
  update_actions (self);
  return TRUE;
}

/* ---- unlocking ---- */

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PrRoundPage *self = source_object;
  PrSecret *passphrase = task_data;
  GError *error = NULL;
  PrBallotOpener *opener;

  /* The page touches the store only after this task has returned. */
  opener = pr_store_unlock (self->store, (const char *) pr_secret_get_data (passphrase), &error);
  if (opener == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, opener, (GDestroyNotify) pr_ballot_opener_unref);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;
  PrBallotOpener *opener;

  opener = g_task_propagate_pointer (G_TASK (result), &error);
  self->unlocking = FALSE;
  if (self->disposed)
    {
      g_clear_pointer (&opener, pr_ballot_opener_unref);
      return;
    }
  gtk_spinner_set_spinning (self->unlock_spinner, FALSE);
  /* AT-SPI can read what the field holds: it never keeps a passphrase. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");

  if (opener == NULL)
    {
      if (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE))
        gtk_label_set_text (self->unlock_message,
                            _("This passphrase does not open the round. Check for Caps Lock and try again."));
      else
        gtk_label_set_text (self->unlock_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
      update_actions (self);
      g_signal_emit (self, signals[SIGNAL_UNLOCKED], 0, FALSE);
      return;
    }

  self->opener = opener;
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), FALSE);
  gtk_stack_set_visible_child_name (self->lock_stack, "unlocked");
  refresh (self);
  g_signal_emit (self, signals[SIGNAL_UNLOCKED], 0, TRUE);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  g_autoptr(GTask) task = NULL;
  PrSecret *passphrase;

  if (self->store == NULL || self->opener != NULL || self->unlocking)
    return;
  if (text[0] == '\0')
    {
      gtk_label_set_text (self->unlock_message, _("Enter the round’s passphrase first."));
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
      return;
    }

  passphrase = pr_secret_new_from_data ((const guint8 *) text, strlen (text) + 1);
  self->unlocking = TRUE;
  gtk_spinner_set_spinning (self->unlock_spinner, TRUE);
  gtk_label_set_text (self->unlock_message, _("Unlocking…"));
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
  update_actions (self);

  task = g_task_new (self, self->cancellable, unlock_cb, NULL);
  g_task_set_source_tag (task, unlock_action);
  g_task_set_task_data (task, passphrase, (GDestroyNotify) pr_secret_free);
  g_task_run_in_thread (task, unlock_thread);
}

static void
passphrase_activate_cb (PrRoundPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "round.unlock", NULL);
}

/* ---- participation ---- */

static void
set_member_status (GtkWidget *label,
                   gboolean   voted)
{
  const char *classes[] = { voted ? "success" : "dim-label", NULL };

  gtk_label_set_text (GTK_LABEL (label), voted ? _("Voted") : _("Not voted"));
  gtk_widget_set_css_classes (label, classes);
}

static GtkWidget *
member_row_new (PrRoundPage *self,
                guint        index)
{
  PrManifest *manifest = pr_store_get_manifest (self->store);
  const char *email = pr_store_get_email (self->store, index);
  gboolean voted = pr_store_member_voted (self->store, index);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *reissue = gtk_button_new_with_mnemonic (_("Re-_issue…"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pr_manifest_get_member_name (manifest, index));
  if (email != NULL && email[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), email);
  set_member_status (status, voted);
  gtk_widget_set_valign (reissue, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reissue, "flat");
  gtk_widget_set_tooltip_text (reissue, _("Write a New Invitation for This Member; the Old One Stops Counting"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reissue), "round.reissue");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (reissue), "s",
                                    pr_manifest_get_member_id (manifest, index));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reissue);
  g_ptr_array_add (self->member_status, status);
  return row;
}

static void
refresh_counts (PrRoundPage *self)
{
  PrManifest *manifest = pr_store_get_manifest (self->store);
  guint n = pr_manifest_get_n_members (manifest);
  guint voted = 0, stored = 0;
  g_autofree char *counts = NULL;
  g_autoptr(GString) statuses = g_string_new (NULL);
  g_autofree char *fingerprint = NULL;

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

      if (count > 0)
        g_string_append_printf (statuses, _(" · %u %s"), count, pr_report_status_label ((PrBallotStatus) s));
    }
  gtk_label_set_text (self->status_counts_label, statuses->str);

  /* TRANSLATORS: %s is the round fingerprint */
  fingerprint = g_strdup_printf (_("Round fingerprint %s"), pr_manifest_get_fingerprint (manifest));
  gtk_label_set_text (self->fingerprint_label, fingerprint);
}

/* The roster never changes within a round: the rows are made once and
 * only their status changes, so that a refresh after an import costs
 * the window next to nothing. */
static void
refresh_members (PrRoundPage *self)
{
  guint n = pr_manifest_get_n_members (pr_store_get_manifest (self->store));
  GtkWidget *child;

  if (self->member_status->len == n)
    {
      for (guint i = 0; i < n; i++)
        set_member_status (g_ptr_array_index (self->member_status, i),
                           pr_store_member_voted (self->store, i));
      return;
    }

  g_ptr_array_set_size (self->member_status, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->members_list))) != NULL)
    gtk_list_box_remove (self->members_list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->members_list, member_row_new (self, i));
}

/* ---- decisions ---- */

static char *
short_fingerprint (const char *hex)
{
  guint8 hash[PR_HASH_LEN];

  if (!pr_crypto_fingerprint_from_hex (hex, hash))
    return g_strdup (hex);
  return pr_crypto_fingerprint_short (hash);
}

static GtkWidget *
pending_row_new (PrRoundPage        *self,
                 const PrStoreEntry *entry)
{
  PrManifest *manifest = pr_store_get_manifest (self->store);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *accept = gtk_button_new_with_mnemonic (_("_Accept"));
  GtkWidget *refuse = gtk_button_new_with_mnemonic (_("_Refuse"));
  g_autofree char *fingerprint = short_fingerprint (entry->fingerprint);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (entry->time);
  g_autofree char *when = time != NULL ? g_date_time_format (time, "%x %X") : g_strdup ("");
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: "Conflict · ballot 3F2A-… · imported 12/03/2026 10:00 — <what it means>" */
  subtitle = g_strdup_printf (_("%s · ballot %s · imported %s — %s"),
                              pr_report_status_label (entry->status), fingerprint, when,
                              pr_ballot_status_describe (entry->status));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 pr_manifest_get_member_name (manifest, entry->member));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  for (GtkWidget *b = accept; b != NULL; b = b == accept ? refuse : NULL)
    {
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", entry->fingerprint);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
    }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (accept), "round.accept");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (refuse), "round.refuse");
  gtk_widget_set_tooltip_text (accept, _("Count This Ballot if It Is the Member’s Latest"));
  gtk_widget_set_tooltip_text (refuse, _("Keep This Ballot Stored but Never Count It"));
  return row;
}

static void
refresh_pending (PrRoundPage *self)
{
  g_autoptr(GArray) pending = pr_store_list_pending (self->store);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list))) != NULL)
    gtk_list_box_remove (self->pending_list, child);
  for (guint i = 0; i < pending->len; i++)
    {
      PrStoreEntry entry;

      pr_store_get_entry (self->store, g_array_index (pending, guint, i), &entry);
      gtk_list_box_append (self->pending_list, pending_row_new (self, &entry));
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
  const char *deadline = pr_manifest_get_deadline (pr_store_get_manifest (self->store));
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

  return self->store != NULL && !pr_store_is_closed (self->store) && deadline_passed (self);
}

static void
refresh_closing (PrRoundPage *self)
{
  gboolean closed = pr_store_is_closed (self->store);

  gtk_widget_set_visible (self->closed_box, closed);
  gtk_widget_set_visible (self->deadline_box, pr_round_page_suggests_closing (self));
  if (pr_round_page_suggests_closing (self))
    {
      g_autofree char *text = g_strdup_printf (_("The deadline (%s) has passed. Close the round so that no more ballots come in?"),
                                               pr_manifest_get_deadline (pr_store_get_manifest (self->store)));

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

static void
refresh (PrRoundPage *self)
{
  if (self->store == NULL || self->opener == NULL || self->disposed)
    return;
  refresh_counts (self);
  refresh_members (self);
  refresh_pending (self);
  refresh_closing (self);
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
update_actions (PrRoundPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean unlocked = self->opener != NULL;
  gboolean idle = unlocked && !self->importing;
  gboolean closed = self->store != NULL && pr_store_is_closed (self->store);

  gtk_widget_action_set_enabled (widget, "round.unlock", self->store != NULL && !unlocked && !self->unlocking);
  gtk_widget_action_set_enabled (widget, "round.copy-fingerprint", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "round.restore-key", self->store == NULL && self->folder != NULL &&
                                                              !self->unlocking);
  gtk_widget_action_set_enabled (widget, "round.restore-key-from", self->store == NULL && self->folder != NULL &&
                                                                   !self->unlocking);
  gtk_widget_action_set_enabled (widget, "round.change-passphrase", idle);
  gtk_widget_action_set_enabled (widget, "round.change-passphrase-to", idle);
  for (const char * const *a = (const char * const []) { "round.import-files", "round.import-folder",
                                                         "round.import-paths", "round.paste",
                                                         "round.import-text", NULL }; *a != NULL; a++)
    gtk_widget_action_set_enabled (widget, *a, unlocked && !closed);
  gtk_widget_action_set_enabled (widget, "round.cancel-import", self->importing);
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
}

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

static void
relay_unref (Relay *relay)
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
      text = g_strdup_printf (_("%u of %u files"), done, total);
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

static void start_import_soon (PrRoundPage *self);

typedef struct {
  PrRoundPage    *self;
  Relay          *relay;
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
  /* The store, the opener and the input are the worker's until the
   * callback: nothing on the page reads or changes them meanwhile. */
  run->report = pr_import_run (run->self->store, run->self->opener, run->self->running_input, 0,
                               relay_progress_cb, run->relay, run->cancellable, &run->error);
  return NULL;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportRun run = { source_object, task_data, cancellable, NULL, NULL };
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
      toast (self, message);
    }
  else if (report->cancelled)
    toast (self, _("Import cancelled. The files listed were imported."));
  else if (report->n_recovered > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u ballot left over from an interrupted import was recovered first.",
                                                            "%u ballots left over from an interrupted import were recovered first.",
                                                            report->n_recovered),
                                                  report->n_recovered);
      toast (self, message);
    }
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrImportReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&self->drain_id, g_source_remove);
  self->importing = FALSE;
  g_clear_pointer (&self->running_input, pr_import_input_free);
  g_clear_object (&self->import_cancellable);
  if (self->disposed)
    {
      g_clear_pointer (&self->relay, relay_unref);
      return;
    }

  /* Everything the worker reported is in the relay by now. */
  while (drain (self, G_MAXUINT))
    ;
  g_clear_pointer (&self->relay, relay_unref);
  gtk_widget_set_visible (self->progress_box, FALSE);
  report_finished (self, report, error);
  refresh (self);
  g_signal_emit (self, signals[SIGNAL_IMPORT_FINISHED], 0);
  /* Files that came in meanwhile continue this report. */
  if (self->queued_input != NULL)
    {
      self->continue_report = TRUE;
      start_import_soon (self);
    }
}

static gboolean
start_import (gpointer data)
{
  PrRoundPage *self = data;
  g_autoptr(GTask) task = NULL;

  self->start_id = 0;
  if (self->importing || self->queued_input == NULL || self->opener == NULL)
    return G_SOURCE_REMOVE;
  if (pr_store_is_closed (self->store))
    {
      g_clear_pointer (&self->queued_input, pr_import_input_free);
      toast (self, _("This round is closed: reopen it to import more ballots."));
      return G_SOURCE_REMOVE;
    }

  if (!self->continue_report)
    pr_report_view_clear (self->report_view);
  self->continue_report = FALSE;
  self->running_input = g_steal_pointer (&self->queued_input);
  self->importing = TRUE;
  self->import_cancellable = g_cancellable_new ();
  self->relay = relay_new (pr_store_get_manifest (self->store));
  pr_import_input_set_result_func (self->running_input, relay_result_cb, self->relay);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading the files…"));
  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_stack_set_visible_child_name (self->view_stack, "collect");
  update_actions (self);

  self->drain_id = g_timeout_add (DRAIN_MS, drain_cb, self);
  task = g_task_new (self, self->import_cancellable, import_cb, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->relay), (GDestroyNotify) relay_unref);
  g_task_run_in_thread (task, import_thread);
  return G_SOURCE_REMOVE;
}

static void
start_import_soon (PrRoundPage *self)
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
  if (self->opener == NULL)
    {
      toast (self, _("Unlock the round with its passphrase first, then import ballots."));
      return FALSE;
    }
  if (pr_store_is_closed (self->store) && !self->importing)
    {
      toast (self, _("This round is closed: reopen it to import more ballots."));
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

          toast (self, message);
        }
    }
  if (self->queued_input != NULL)
    start_import_soon (self);
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
  start_import_soon (self);
}

static void
import_text (PrRoundPage *self,
             const char  *text)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *label = NULL;

  if (text == NULL || text[0] == '\0')
    {
      toast (self, _("The clipboard holds no text. Copy the ballot’s text first."));
      return;
    }
  if (!check_can_import (self))
    return;
  bytes = g_bytes_new (text, strlen (text));
  /* TRANSLATORS: what the import report shows as the "file" of a pasted ballot */
  label = g_strdup_printf (_("Pasted text %u"), ++self->n_pasted);
  pr_import_input_add_text (queued_input (self), label, bytes);
  start_import_soon (self);
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

      toast (self, message);
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

static GtkFileChooserNative *
new_chooser (PrRoundPage          *self,
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

  chooser = new_chooser (self, folder ? _("Import a Folder of Ballots") : _("Import Ballots"),
                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Import"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folder)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Ballots"));
      gtk_file_filter_add_pattern (filter, "*.json");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->opener == NULL)
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (list, l->data);
  pr_round_page_import_files (self, (GFile **) list->pdata, list->len);
  return list->len > 0;
}

/* ---- reminding ---- */

char *
pr_round_page_dup_remind_uri (PrRoundPage *self)
{
  PrManifest *manifest;
  g_autoptr(GString) uri = g_string_new ("mailto:");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject_escaped = NULL;
  g_autofree char *body_escaped = NULL;
  guint n = 0;

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  if (self->store == NULL)
    return NULL;

  manifest = pr_store_get_manifest (self->store);
  for (guint i = 0; i < pr_manifest_get_n_members (manifest); i++)
    {
      const char *email = pr_store_get_email (self->store, i);
      g_autofree char *escaped = NULL;

      if (pr_store_member_voted (self->store, i) || email == NULL || email[0] == '\0')
        continue;
      escaped = g_uri_escape_string (email, "@!$'()*+;=", FALSE);
      g_string_append_printf (uri, "%s%s", n++ > 0 ? "," : "", escaped);
    }
  if (n == 0)
    return NULL;

  /* TRANSLATORS: subject of the reminder e-mail; %s is the round's title */
  subject = g_strdup_printf (_("Reminder: %s"), pr_manifest_get_title (manifest));
  body = g_strdup_printf (_("Hello,\n\nyour ranking for “%s” has not arrived yet. Please open your invitation in Peer Rank, order your teammates and send me the sealed ballot.\n\nThe round fingerprint is %s.\n"),
                          pr_manifest_get_title (manifest), pr_manifest_get_fingerprint (manifest));
  subject_escaped = g_uri_escape_string (subject, NULL, FALSE);
  body_escaped = g_uri_escape_string (body, NULL, FALSE);
  g_string_append_printf (uri, "?subject=%s&body=%s", subject_escaped, body_escaped);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PrRoundPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("No e-mail program could be opened: %s"), error->message);

      toast (self, message);
    }
}

static void
remind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  g_autofree char *uri = pr_round_page_dup_remind_uri (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri == NULL)
    {
      toast (self, _("Nobody who has not voted has an e-mail address in the roster."));
      return;
    }
  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, show_uri_cb, g_object_ref (self));
}

/* ---- re-issuing ---- */

/* The opener was set up at unlocking; a re-issued invitation brings a new
 * key it must know, or the member's next ballot would be refused. */
static gboolean
reissue_to (PrRoundPage  *self,
            const char   *member,
            const char   *path,
            GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  guint index = 0;
  PrInvitation *invitation;

  if (!pr_store_reissue_to_file (self->store, member, path, &index, error))
    return FALSE;
  bytes = pr_atomic_read (path, PR_INVITATION_MAX_SIZE, FALSE, NULL);
  if (bytes != NULL)
    {
      gsize size = 0;
      guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);

      invitation = pr_invitation_parse (data, size, NULL);
      sodium_memzero (data, size);
      g_free (data);
      if (invitation != NULL)
        {
          pr_ballot_opener_set_member_key (self->opener, index, pr_invitation_get_public_key (invitation));
          pr_invitation_free (invitation);
        }
    }
  return TRUE;
}

static void
do_reissue (PrRoundPage *self,
            const char  *member,
            const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (!reissue_to (self, member, path, &error))
    message = g_strdup_printf (_("The invitation could not be re-issued: %s"), error->message);
  else
    message = g_strdup_printf (_("A new invitation was written to “%s”; the old one no longer counts. Send it to its member only, privately."),
                               display);
  toast (self, message);
  refresh (self);
}

static void
reissue_to_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *member = NULL, *path = NULL;

  g_variant_get (parameter, "(&s&s)", &member, &path);
  do_reissue (PR_ROUND_PAGE (widget), member, path);
}

static void
reissue_chooser_response_cb (PrRoundPage          *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *member = g_steal_pointer (&self->reissue_member);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || member == NULL || self->opener == NULL || self->importing)
    return;
  if ((path = g_file_get_path (file)) == NULL)
    {
      toast (self, _("Choose a place on this computer for the invitation."));
      return;
    }
  do_reissue (self, member, path);
}

static void
reissue_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  const char *member = g_variant_get_string (parameter, NULL);
  PrManifest *manifest = pr_store_get_manifest (self->store);
  int index = pr_manifest_lookup_member (manifest, member);
  g_autofree char *slug = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (index < 0)
    return;
  slug = pr_store_invitation_slug (pr_manifest_get_member_name (manifest, (guint) index), member);
  name = g_strconcat (slug, ".json", NULL);
  chooser = new_chooser (self, _("Save the New Invitation"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_free (self->reissue_member);
  self->reissue_member = g_strdup (member);
  g_signal_connect_object (chooser, "response", G_CALLBACK (reissue_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- decisions ---- */

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  const char *fingerprint = g_variant_get_string (parameter, NULL);
  gboolean accept = g_str_equal (action_name, "round.accept");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = accept ? pr_store_accept (self->store, fingerprint, &error)
              : pr_store_refuse (self->store, fingerprint, &error);
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("The decision could not be recorded: %s"), error->message);

      toast (self, message);
    }
  else
    toast (self, accept ? _("Ballot accepted; the decision is recorded in the round’s journal.")
                        : _("Ballot refused; it stays stored but never counts."));
  refresh (self);
}

/* ---- closing and receipts ---- */

static void
dialog_destroy_cb (PrRoundPage *self,
                   GtkWidget   *dialog)
{
  if (self->dialog == ADW_MESSAGE_DIALOG (dialog))
    self->dialog = NULL;
}

static AdwMessageDialog *
new_dialog (PrRoundPage *self,
            const char  *heading,
            const char  *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroy_cb), self, G_CONNECT_SWAPPED);
  return self->dialog;
}

static void
set_closed (PrRoundPage *self,
            gboolean     closed)
{
  g_autoptr(GError) error = NULL;

  if (!(closed ? pr_store_close (self->store, &error) : pr_store_reopen (self->store, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("The round could not be changed: %s"), error->message);

      toast (self, message);
    }
  else
    toast (self, closed ? _("The round is closed. You can now publish receipts.")
                        : _("The round is open again: ballots can be imported."));
  refresh (self);
}

static void
close_response_cb (PrRoundPage      *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "close") && self->opener != NULL && !self->importing)
    set_closed (self, TRUE);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  AdwMessageDialog *dialog;

  dialog = new_dialog (self, _("Close the Round?"),
                       _("No more ballots will be imported until you reopen it. Ballots already imported keep counting, and you can publish receipts."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "close", _("C_lose Round"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_closed (PR_ROUND_PAGE (widget), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The same lines as `peer-rank-cli round receipts`: the short
 * fingerprints of the counted ballots, sorted. */
char *
pr_round_page_dup_receipts (PrRoundPage *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);

  for (guint i = 0; self->store != NULL && i < pr_manifest_get_n_members (pr_store_get_manifest (self->store)); i++)
    {
      const char *hex = NULL;

      if (pr_store_get_counted (self->store, i, &hex, NULL))
        g_ptr_array_add (lines, short_fingerprint (hex));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (text, FALSE);
}

static void
save_receipts (PrRoundPage *self,
               const char  *path)
{
  g_autofree char *text = pr_round_page_dup_receipts (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = NULL;

  if (!pr_output_write (path, text, strlen (text), TRUE, &error))
    message = g_strdup_printf (_("The receipts could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Receipts saved to “%s”."), display);
  toast (self, message);
}

static void
save_receipts_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  save_receipts (PR_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
receipts_chooser_response_cb (PrRoundPage          *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    save_receipts (self, path);
}

static void
receipts_response_cb (PrRoundPage      *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = pr_round_page_dup_receipts (self);

  if (g_str_equal (response, "copy"))
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
      toast (self, _("Receipts copied."));
    }
  else if (g_str_equal (response, "save"))
    {
      GtkFileChooserNative *chooser = new_chooser (self, _("Save Receipts"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "receipts.txt");
      g_signal_connect_object (chooser, "response", G_CALLBACK (receipts_chooser_response_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

static void
receipts_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  g_autofree char *text = pr_round_page_dup_receipts (self);
  AdwMessageDialog *dialog;
  GtkWidget *label = gtk_label_new (text[0] != '\0' ? text : _("No ballot is counted."));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  dialog = new_dialog (self, _("Receipts"),
                       _("These are the fingerprints of the counted ballots. Publish them where everyone in the round can read them: each person checks that the fingerprint their app showed when they sealed their ballot is listed."));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "save", _("_Save…"),
                                    "copy", _("_Copy"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (receipts_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_fingerprint_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          pr_manifest_get_fingerprint (pr_store_get_manifest (self->store)));
  toast (self, _("Round fingerprint copied."));
}

/* ---- the key: restoring it, changing its passphrase ---- */

/* A round whose key file is missing or damaged: the locked page asks for
 * the passphrase and the backup copy made when the round was created. */
static void
show_restore (PrRoundPage *self,
              GFile       *folder,
              const char  *problem)
{
  g_autofree char *description = g_strdup_printf (_("%s Type the round’s passphrase, then choose the backup copy of the key you saved when you created the round."),
                                                  problem);

  g_clear_pointer (&self->opener, pr_ballot_opener_unref);
  g_clear_pointer (&self->store, pr_store_free);
  g_clear_pointer (&self->queued_input, pr_import_input_free);
  g_ptr_array_set_size (self->member_status, 0);
  g_set_object (&self->folder, folder);
  g_free (self->title);
  self->title = g_file_get_basename (folder);
  adw_status_page_set_title (self->locked_page, _("The Round’s Key Needs Restoring"));
  adw_status_page_set_description (self->locked_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), FALSE);
  gtk_widget_set_visible (self->restore_button, TRUE);
  gtk_widget_set_visible (self->unlock_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_stack_set_visible_child_name (self->lock_stack, "locked");
  update_actions (self);
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

typedef struct {
  PrStore        *store;
  PrBallotOpener *opener;
} Unlocked;

static void
unlocked_free (Unlocked *unlocked)
{
  g_clear_pointer (&unlocked->opener, pr_ballot_opener_unref);
  g_clear_pointer (&unlocked->store, pr_store_free);
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
      (unlocked->opener = pr_store_unlock (unlocked->store, passphrase, &error)) == NULL)
    {
      unlocked_free (unlocked);
      g_task_return_error (task, error);
      return;
    }
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
      update_actions (self);
      g_signal_emit (self, signals[SIGNAL_UNLOCKED], 0, FALSE);
      return;
    }

  self->store = g_steal_pointer (&unlocked->store);
  self->opener = g_steal_pointer (&unlocked->opener);
  unlocked_free (unlocked);
  g_free (self->title);
  self->title = g_strdup (pr_manifest_get_title (pr_store_get_manifest (self->store)));
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), FALSE);
  gtk_stack_set_visible_child_name (self->lock_stack, "unlocked");
  toast (self, _("The key was restored from its backup copy and the round is unlocked."));
  refresh (self);
  g_signal_emit (self, signals[SIGNAL_UNLOCKED], 0, TRUE);
}

static void
restore_key_from (PrRoundPage *self,
                  const char  *backup)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  KeyJob *job;
  g_autoptr(GTask) task = NULL;

  if (self->store != NULL || self->folder == NULL || self->unlocking)
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
  update_actions (self);

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
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    restore_key_from (self, path);
}

static void
restore_key_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  GtkFileChooserNative *chooser = new_chooser (self, _("Choose the Backup Copy of the Key"),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"));

  g_signal_connect_object (chooser, "response", G_CALLBACK (restore_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PrRoundPage *self = source_object;
  KeyJob *job = task_data;
  GError *error = NULL;
  guint64 opslimit;
  gsize memlimit;

  pr_keyfile_default_limits (&opslimit, &memlimit);
  if (!pr_store_change_passphrase (self->store, (const char *) pr_secret_get_data (job->passphrase),
                                   (const char *) pr_secret_get_data (job->new_passphrase),
                                   opslimit, memlimit, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;
  if (self->disposed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE))
        message = g_strdup (_("The passphrase was not changed: the current passphrase is not right."));
      else
        message = g_strdup_printf (_("The passphrase was not changed: %s"), error->message);
      toast (self, message);
    }
  else
    toast (self, _("The passphrase is changed. Your backup copy of the key still opens with the old one: save a new backup copy if you want it to use the new one."));
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  if (self->queued_input != NULL)
    start_import_soon (self);
}

static void
change_passphrase (PrRoundPage *self,
                   const char  *old_passphrase,
                   const char  *new_passphrase)
{
  KeyJob *job;
  g_autoptr(GTask) task = NULL;

  if (self->opener == NULL || self->importing)
    return;
  if (g_utf8_strlen (new_passphrase, -1) < 8)
    {
      toast (self, _("The new passphrase needs at least 8 characters."));
      return;
    }
  job = g_new0 (KeyJob, 1);
  job->passphrase = secret_from_text (old_passphrase);
  job->new_passphrase = secret_from_text (new_passphrase);
  /* The worker owns the store meanwhile, as during an import. */
  self->importing = TRUE;
  update_actions (self);
  task = g_task_new (self, self->cancellable, change_cb, NULL);
  g_task_set_source_tag (task, change_passphrase);
  g_task_set_task_data (task, job, (GDestroyNotify) key_job_free);
  g_task_run_in_thread (task, change_thread);
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
    toast (self, _("The passphrase was not changed: the two new passphrases differ."));
  else
    change_passphrase (self, old_passphrase, new_passphrase);
  sodium_memzero (old_passphrase, strlen (old_passphrase));
  sodium_memzero (new_passphrase, strlen (new_passphrase));
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
  return self->opener != NULL;
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
pr_round_page_get_member_status (PrRoundPage *self,
                                 guint        index)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  g_return_val_if_fail (index < self->member_status->len, NULL);
  return gtk_label_get_text (g_ptr_array_index (self->member_status, index));
}

const char *
pr_round_page_get_counts_text (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return gtk_label_get_text (self->counts_label);
}

GStrv
pr_round_page_dup_pending (PrRoundPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);

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
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_ptr_array_set_size (self->member_status, 0);

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
  g_clear_pointer (&self->running_input, pr_import_input_free);
  g_clear_pointer (&self->queued_input, pr_import_input_free);
  g_clear_pointer (&self->relay, relay_unref);
  g_clear_pointer (&self->new_items, g_ptr_array_unref);
  g_clear_pointer (&self->member_status, g_ptr_array_unref);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_free (self->title);
  g_free (self->reissue_member);

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
  signals[SIGNAL_UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * PrRoundPage::import-finished:
   *
   * Emitted when an import has finished (or stopped) and its whole
   * report is shown.
   */
  signals[SIGNAL_IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PrRoundPage::changed:
   *
   * Emitted when participation, decisions or the round's state were shown anew.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PR_TYPE_REPORT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-round-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, locked_page);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, unlock_message);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, unlock_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, old_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, new_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, confirm_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, deadline_box);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, closed_box);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, closed_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, status_counts_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, members_list);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, report_view);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, pending_list);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, closing_label);

  gtk_widget_class_install_action (widget_class, "round.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "round.import-files", NULL, import_choose_action);
  gtk_widget_class_install_action (widget_class, "round.import-folder", NULL, import_choose_action);
  gtk_widget_class_install_action (widget_class, "round.import-paths", "as", import_paths_action);
  gtk_widget_class_install_action (widget_class, "round.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "round.import-text", "s", import_text_action);
  gtk_widget_class_install_action (widget_class, "round.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "round.remind", NULL, remind_action);
  gtk_widget_class_install_action (widget_class, "round.reissue", "s", reissue_action);
  gtk_widget_class_install_action (widget_class, "round.reissue-to", "(ss)", reissue_to_action);
  gtk_widget_class_install_action (widget_class, "round.accept", "s", decide_action);
  gtk_widget_class_install_action (widget_class, "round.refuse", "s", decide_action);
  gtk_widget_class_install_action (widget_class, "round.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "round.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "round.receipts", NULL, receipts_action);
  gtk_widget_class_install_action (widget_class, "round.save-receipts-to", "s", save_receipts_to_action);
  gtk_widget_class_install_action (widget_class, "round.copy-fingerprint", NULL, copy_fingerprint_action);
  gtk_widget_class_install_action (widget_class, "round.restore-key", NULL, restore_key_action);
  gtk_widget_class_install_action (widget_class, "round.restore-key-from", "s", restore_key_from_action);
  gtk_widget_class_install_action (widget_class, "round.change-passphrase", NULL, change_passphrase_action);
  gtk_widget_class_install_action (widget_class, "round.change-passphrase-to", "(ss)", change_passphrase_to_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "round.paste", NULL);
}

static void
pr_round_page_init (PrRoundPage *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->new_items = g_ptr_array_new_with_free_func (g_object_unref);
  self->member_status = g_ptr_array_new ();
  g_signal_connect_object (self->passphrase_entry, "activate", G_CALLBACK (passphrase_activate_cb),
                           self, G_CONNECT_SWAPPED);

  /* Files dropped on an unlocked round are imported; on a locked one the
   * window routes them as usual. */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  self->drop_target = GTK_EVENT_CONTROLLER (target);
  gtk_widget_add_controller (GTK_WIDGET (self), self->drop_target);

  update_actions (self);
}
