/* pr-ranking-page-seal.c — the ranking page seals, saves and copies the ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>

#include "pr-chooser.h"
#include "pr-output.h"
#include "pr-ranking-page-private.h"
#include "pr-seal.h"
#include "pr-sequence.h"

/* The invitation is shared with sealing threads, which may outlive a
 * page that moves on to another invitation. */
typedef struct _PrSharedInvitation {
  PrInvitation *invitation;
} SharedInvitation;

static void
shared_invitation_clear (gpointer data)
{
  SharedInvitation *shared = data;

  pr_invitation_free (shared->invitation);
}

typedef struct {
  SharedInvitation *shared;
  guint16          *ranking;
  gsize             n_ranked;
  char             *path;          /* NULL: copy as text */
  GBytes           *bytes;         /* set: already sealed, only replace @path */
  gboolean          replacing;
  /* Results. */
  char             *fingerprint;
  gboolean          exists;
} SealJob;

static void
seal_job_free (SealJob *job)
{
  g_atomic_rc_box_release_full (job->shared, shared_invitation_clear);
  sodium_memzero (job->ranking, job->n_ranked * sizeof (guint16));
  g_free (job->ranking);
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->fingerprint);
  g_free (job);
}

/* The process's umask, read without changing it (umask() would, for
 * every thread at once). */
static mode_t
current_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;
  unsigned int mask = 022;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    sscanf (line + strlen ("\nUmask:"), "%o", &mask);
  return (mode_t) mask;
}

/* A ballot is sealed (only the organizer can open it), so it is made
 * like the person's other files, as their umask says: another account
 * can then take it from a shared folder. pr_output_write() makes 0600. */
static void
share_as_umask (const char *path)
{
  if (g_chmod (path, 0666 & ~current_umask ()) != 0)
    g_warning ("Could not set the permissions of %s: %s", path, g_strerror (errno));
}

static gboolean
seal_job_write (SealJob  *job,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const void *data = g_bytes_get_data (job->bytes, &len);

  /* Replacing only what the person confirmed, and never a secret (the
   * invitation itself, say) or a file inside a round folder. */
  if (job->replacing)
    {
      if (!pr_output_write (job->path, data, len, TRUE, error))
        return FALSE;
      share_as_umask (job->path);
      return TRUE;
    }
  if (pr_output_write (job->path, data, len, FALSE, &local_error))
    {
      share_as_umask (job->path);
      return TRUE;
    }
  /* Never overwrite silently: the page asks first. */
  if (g_error_matches (local_error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_EXISTS))
    {
      job->exists = TRUE;
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Reserving the sequence number and writing the file touch the disk
 * (and fsync), so both run here rather than on the main loop. */
static void
seal_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SealJob *job = task_data;
  GError *error = NULL;

  if (job->bytes == NULL)
    {
      guint8 fingerprint[PR_HASH_LEN];

      job->bytes = pr_seal_ranking (job->shared->invitation, job->ranking, job->n_ranked, NULL,
                                    NULL, fingerprint, &error);
      if (job->bytes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      job->fingerprint = pr_crypto_fingerprint_short (fingerprint);
    }

  if (job->path != NULL && !seal_job_write (job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void seal_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
start_seal (PrRankingPage *self,
            SealJob       *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, seal_cb, NULL);

  g_task_set_source_tag (task, start_seal);
  pr_ranking_page_check_clock (self);
  g_task_set_task_data (task, job, (GDestroyNotify) seal_job_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.export", FALSE);
  g_task_run_in_thread (task, seal_thread);
}

static SealJob *
seal_job_new (PrRankingPage *self,
              const char    *path)
{
  SealJob *job = g_new0 (SealJob, 1);
  job->shared = g_atomic_rc_box_acquire (self->shared_invitation);
  job->n_ranked = pr_ranking_get_n_ranked (self->ranking);
  job->ranking = g_memdup2 (pr_ranking_get_order (self->ranking), MAX (job->n_ranked, 1) * sizeof (guint16));
  job->path = g_strdup (path);
  return job;
}

/* DESIGN §3: the rule is the round's; say it plainly before sealing
 * rather than failing inside the core. */
static gboolean
check_min_ranked (PrRankingPage *self)
{
  guint min_ranked = pr_manifest_get_min_ranked (pr_invitation_get_manifest (self->invitation));
  guint n_ranked = pr_ranking_get_n_ranked (self->ranking);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (n_ranked >= min_ranked)
    return TRUE;
  heading = g_strdup_printf (ngettext ("Rank at Least %u Person", "Rank at Least %u People", min_ranked),
                             min_ranked);
  body = g_strdup_printf (ngettext ("This round asks everyone to rank at least %u teammate; you have ranked %u. "
                                    "Move people up into “Ranked” first, then seal your ballot.",
                                    "This round asks everyone to rank at least %u teammates; you have ranked %u. "
                                    "Move people up into “Ranked” first, then seal your ballot.",
                                    min_ranked), min_ranked, n_ranked);
  pr_ranking_page_show_error (self, heading, body);
  return FALSE;
}

char *
pr_ranking_page_format_date (GDateTime *time)
{
  /* TRANSLATORS: a date with the year in full, as g_date_time_format()
   * spells it: "%B %-d, %Y" is "December 3, 2026"; put the day, month and
   * year in your language's order, e.g. "%-d. %B %Y" */
  return g_date_time_format (time, C_("date", "%B %-d, %Y"));
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *date = pr_ranking_page_format_date (time);
  g_autofree char *clock = g_date_time_format (time, "%H:%M");

  /* TRANSLATORS: a date and a time, e.g. "December 3, 2026 at 17:05" */
  return g_strdup_printf (_("%s at %s"), date, clock);
}

/* The hex of the invitation's signing key: a new invitation for the
 * same member (re-issued) has another. */
static char *
invitation_key (PrRankingPage *self)
{
  const guint8 *key = pr_invitation_get_public_key (self->invitation);
  char hex[PR_SIGN_PUBLIC_LEN * 2 + 1];

  sodium_bin2hex (hex, sizeof hex, key, PR_SIGN_PUBLIC_LEN);
  return g_strdup (hex);
}

/* What became of the last sealed ballot, said so that nobody believes a
 * vote stands when it does not. */
static char *
describe_sent (PrRankingPage *self,
               gboolean      *warning)
{
  gint64 sent = pr_draft_get_sent_time (self->draft);
  const char *fingerprint = pr_draft_get_sent_fingerprint (self->draft);
  const char *key = pr_draft_get_sent_key (self->draft);
  const char *how = pr_draft_get_sent_how (self->draft);
  const char *organizer = pr_manifest_get_organizer (pr_invitation_get_manifest (self->invitation));
  g_autofree char *current_key = invitation_key (self);
  g_autofree char *when = format_time (sent);

  if (organizer[0] == '\0')
    organizer = _("your organizer");
  *warning = TRUE;
  if (key != NULL && g_strcmp0 (key, current_key) != 0)
    return g_strdup_printf (_("This is a new invitation. The ballot you sealed on %s (fingerprint %s) was "
                              "made with your earlier invitation, which no longer counts: seal and send a new "
                              "ballot."), when, fingerprint);
  if (!pr_draft_sent_matches (self->draft, self->ranking))
    return g_strdup_printf (_("Changes not sent yet: your ranking differs from the ballot you sealed on %s "
                              "(fingerprint %s). Seal and send it again for your changes to count."),
                            when, fingerprint);
  if (g_strcmp0 (how, "clipboard") == 0)
    return g_strdup_printf (_("You copied a sealed ballot on %s (fingerprint %s). It counts once you paste it "
                              "into a message to %s and send it; a newer ballot you send replaces it."),
                            when, fingerprint, organizer);
  *warning = FALSE;
  return g_strdup_printf (_("You last sealed a ballot on %s (fingerprint %s) and saved it as a file. Send it to "
                            "%s if you have not yet; a newer ballot you send replaces it."),
                          when, fingerprint, organizer);
}

/* Why this computer's clock looks wrong, or NULL: it is behind a ballot
 * sealed here before, or so far ahead of one that the organizer would
 * flag it. Said on the page before anything is sealed with it. */
static char *
describe_clock (PrRankingPage *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 sent = pr_draft_get_sent_time (self->draft);
  g_autofree char *id = pr_seal_invitation_id (self->invitation);
  g_autofree char *when = NULL;
  guint64 last = 0;

  if (!pr_sequence_last (NULL, id, &last, NULL))
    last = 0;
  /* Sealing takes the clock: a ballot from the future means the clock is
   * behind now or was ahead then. A few minutes are just clocks. */
  if (MAX ((gint64) last, sent) > now + 10 * 60)
    {
      when = format_time (MAX ((gint64) last, sent));
      return g_strdup_printf (_("This computer’s clock looks wrong: a ballot was sealed here on %s, which is "
                                "later than the clock says now. Check the date and time before you seal, "
                                "or your organizer may see your ballot as dated wrongly."), when);
    }
  return NULL;
}

void
pr_ranking_page_check_clock (PrRankingPage *self)
{
  g_autofree char *text = describe_clock (self);

  gtk_label_set_label (self->clock_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), text != NULL);
}

gboolean
pr_ranking_page_has_unsent_changes (PrRankingPage *self)
{
  g_autofree char *current_key = NULL;

  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), FALSE);

  if (self->ranking == NULL)
    return FALSE;
  if (pr_draft_get_sent_time (self->draft) <= 0)
    return pr_ranking_get_n_ranked (self->ranking) > 0;
  current_key = invitation_key (self);
  if (pr_draft_get_sent_key (self->draft) != NULL &&
      g_strcmp0 (pr_draft_get_sent_key (self->draft), current_key) != 0)
    return TRUE;
  return !pr_draft_sent_matches (self->draft, self->ranking);
}

static void
close_response_cb (PrRankingPage    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  GtkWindow *window = pr_ranking_page_get_window (self);

  if (g_str_equal (response, "export"))
    gtk_widget_activate_action (GTK_WIDGET (self), "ranking.export", NULL);
  else if (g_str_equal (response, "close") && window != NULL)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (window);
    }
}

gboolean
pr_ranking_page_confirm_close (PrRankingPage *self)
{
  AdwMessageDialog *dialog;
  gboolean never_sent;

  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), TRUE);

  if (self->close_confirmed || !pr_ranking_page_has_unsent_changes (self))
    return TRUE;
  never_sent = pr_draft_get_sent_time (self->draft) <= 0;
  dialog = pr_ranking_page_show_dialog (self,
                                        never_sent ? _("Close Without Sending a Ballot?")
                                                   : _("Close Without Sending Your Changes?"),
                                        never_sent ? _("Your ranking is kept as a draft on this computer, but it "
                                                       "counts only once you seal it and send the ballot.")
                                                   : _("Your ranking differs from the last ballot you sealed. It "
                                                       "is kept as a draft on this computer, but the changes count "
                                                       "only once you seal and send a new ballot."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Open"), "close", _("_Close Anyway"),
                                    "export", _("_Export Ballot…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  return FALSE;
}

void
pr_ranking_page_update_sent (PrRankingPage *self)
{
  gint64 sent = pr_draft_get_sent_time (self->draft);
  gboolean warning = FALSE;

  g_clear_pointer (&self->sent_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), sent > 0);
  if (sent <= 0)
    return;
  self->sent_text = describe_sent (self, &warning);
  gtk_label_set_label (self->sent_label, self->sent_text);
  if (warning)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->sent_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->sent_label), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->sent_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->sent_label), "success");
    }
}

static void
record_sent (PrRankingPage *self,
             SealJob       *job)
{
  g_autofree char *key = invitation_key (self);

  pr_draft_set_sealed (self->draft, g_get_real_time () / G_USEC_PER_SEC, job->fingerprint,
                       job->path != NULL ? "file" : "clipboard", job->ranking, (guint) job->n_ranked, key);
  pr_ranking_page_save_draft (self);
  pr_ranking_page_update_sent (self);
}

static void
copy_fingerprint_cb (GtkButton *button,
                     GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), gtk_label_get_label (label));
}

/* The fingerprint to keep, selectable, with a button that copies it;
 * not while the clipboard holds the ballot itself (@on_clipboard), which
 * the copy would replace before it was pasted. */
static GtkWidget *
fingerprint_box (const char *fingerprint,
                 gboolean    on_clipboard)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (fingerprint);
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Ballot fingerprint"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy the ballot fingerprint"), -1);
  gtk_widget_set_tooltip_text (button, on_clipboard
                                       ? _("Paste your ballot first: copying the fingerprint would replace it "
                                           "on the clipboard")
                                       : _("Copy the ballot fingerprint"));
  gtk_widget_set_sensitive (button, !on_clipboard);
  g_signal_connect_object (button, "clicked", G_CALLBACK (copy_fingerprint_cb), label, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
show_sealed (PrRankingPage *self,
             SealJob       *job)
{
  const PrManifest *manifest = pr_invitation_get_manifest (self->invitation);
  const char *organizer = pr_manifest_get_organizer (manifest);
  g_autofree char *name = job->path != NULL ? g_filename_display_basename (job->path) : NULL;
  g_autofree char *how = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (organizer[0] == '\0')
    organizer = _("your organizer");
  if (name != NULL)
    how = g_strdup_printf (_("Saved as “%s”. Send this file to %s, by e-mail or chat."), name, organizer);
  else
    how = g_strdup_printf (_("The sealed ballot is on the clipboard. Paste it into a message to %s."),
                           organizer);
  body = g_strdup_printf (_("%s\n\nBallot fingerprint: %s\nKeep this to check your receipt when the round closes. "
                            "You may change your ranking and send again: the newest ballot replaces this one."),
                          how, job->fingerprint);
  dialog = pr_ranking_page_show_dialog (self, name != NULL ? _("Ballot Exported") : _("Ballot Copied"), body);
  adw_message_dialog_add_response (dialog, "close", _("_Done"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_extra_child (dialog, fingerprint_box (job->fingerprint, name == NULL));
}

static void
replace_response_cb (PrRankingPage    *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  SealJob *job;

  if (g_str_equal (response, "replace") && self->pending_bytes != NULL)
    {
      job = seal_job_new (self, self->pending_path);
      job->bytes = g_steal_pointer (&self->pending_bytes);
      job->fingerprint = g_steal_pointer (&self->pending_fingerprint);
      job->replacing = TRUE;
      start_seal (self, job);
    }
  g_clear_pointer (&self->pending_bytes, g_bytes_unref);
  g_clear_pointer (&self->pending_path, g_free);
  g_clear_pointer (&self->pending_fingerprint, g_free);
}

static void
ask_replace (PrRankingPage *self,
             SealJob       *job)
{
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
  AdwMessageDialog *dialog;

  dialog = pr_ranking_page_show_dialog (self, heading,
                        _("A file with this name already exists. Replacing it overwrites what it holds "
                          "with your new sealed ballot."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");

  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->pending_bytes, g_bytes_unref);
  g_free (self->pending_path);
  g_free (self->pending_fingerprint);
  self->pending_bytes = g_bytes_ref (job->bytes);
  self->pending_path = g_strdup (job->path);
  self->pending_fingerprint = g_strdup (job->fingerprint);
}

static void
clipboard_set (PrRankingPage *self,
               GBytes        *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *line = g_strndup (data, len);

  /* One line of JSON, without the file's final newline. */
  g_strchomp (line);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), line);
}

static void
seal_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PrRankingPage *self = PR_RANKING_PAGE (object);
  SealJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.copy", TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.export", TRUE);
      pr_ranking_page_show_error (self, _("The Ballot Could Not Be Sealed"), error->message);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.copy", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.export", TRUE);

  if (job->path != NULL && job->exists && !job->replacing)
    {
      ask_replace (self, job);
      return;
    }
  if (job->path == NULL)
    clipboard_set (self, job->bytes);

  record_sent (self, job);
  show_sealed (self, job);
  g_signal_emit_by_name (self, "sealed", job->fingerprint, job->path);
}

void
pr_ranking_page_copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);

  if (self->ranking == NULL || !check_min_ranked (self))
    return;
  start_seal (self, seal_job_new (self, NULL));
}

void
pr_ranking_page_export_to_file (PrRankingPage *self,
                                GFile         *file)
{
  g_autofree char *path = NULL;
  gboolean confirmed;
  SealJob *job;

  g_return_if_fail (PR_IS_RANKING_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->ranking == NULL || !check_min_ranked (self))
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      pr_ranking_page_show_error (self, _("The Ballot Could Not Be Saved"),
                                  _("Choose a folder on this computer to save the ballot in."));
      return;
    }
  /* A ballot is found by its extension: a folder import reads only
   * .json files. */
  confirmed = g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON");
  if (!confirmed)
    {
      char *with_extension = g_strconcat (path, ".json", NULL);

      g_free (path);
      path = with_extension;
    }
  /* The chooser has asked before replacing the name it was given; a name
   * it did not see (the extension added) is asked about here. */
  job = seal_job_new (self, path);
  job->replacing = confirmed;
  start_seal (self, job);
}

static void
chooser_response_cb (PrRankingPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (chooser == self->chooser);

  file = pr_chooser_take_file (&self->chooser, response);
  if (file != NULL)
    pr_ranking_page_export_to_file (self, file);
}

/* The chooser starts beside the invitation: that is where an associate
 * found it and where they will look for the ballot. */
void
pr_ranking_page_export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->ranking == NULL || !check_min_ranked (self))
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_("Export Ballot"), pr_ranking_page_get_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = pr_seal_default_name (pr_invitation_get_manifest (self->invitation));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (self->path != NULL)
    {
      g_autoptr(GFile) invitation = g_file_new_for_path (self->path);

      folder = g_file_get_parent (invitation);
    }
  if (folder != NULL && g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
pr_ranking_page_release_invitation (PrRankingPage *self)
{
  if (self->shared_invitation != NULL)
    g_atomic_rc_box_release_full (g_steal_pointer (&self->shared_invitation), shared_invitation_clear);
  self->invitation = NULL;
}

void
pr_ranking_page_share_invitation (PrRankingPage *self,
                                  PrInvitation  *invitation)
{
  SharedInvitation *shared = g_atomic_rc_box_new0 (SharedInvitation);

  pr_ranking_page_release_invitation (self);
  shared->invitation = invitation;
  self->shared_invitation = shared;
  self->invitation = invitation;
}
