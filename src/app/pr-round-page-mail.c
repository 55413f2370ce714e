/* pr-round-page-mail.c — the round page by mail: sending invitations,
 * reminding each member, and a watched folder as the ballot box
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pr-chooser.h"
#include "pr-mail-compose.h"
#include "pr-mail-handler.h"
#include "pr-mail-plan.h"
#include "pr-markup.h"
#include "pr-output.h"
#include "pr-round-page-mail.h"
#include "pr-round-page-private.h"
#include "pr-store-mail.h"

typedef struct {
  guint              member;
  PrJournalMailKind  kind;
} Handed;

typedef struct _PrRoundMail {
  char              *folder;       /* the invitations folder */
  GPtrArray         *plan;         /* PrMailRecipient: the invitations, as last read */
  GPtrArray         *reminders;    /* PrMailRecipient: the reminders under way */
  GCancellable      *cancellable;
  gboolean           planning;

  /* Messages handed to the mail program one after the other. */
  GArray            *queue;        /* member indices */
  guint              next;
  PrJournalMailKind  kind;
  guint              n_handed;
  gboolean           composing;

  GtkListBox        *list;         /* the Send Invitations dialog's rows, while shown */
  GPtrArray         *statuses;     /* char *, per member, what the dialog says */

  /* Invitations read while an import or a job had the store: the plan is
   * made from them when it is home again. */
  GPtrArray         *invitations;
  char              *invitations_folder;

  PrWatch           *watch;
  PrManifest        *watch_round;  /* the round the watch imports into */
  GtkWidget         *watch_box;
  GtkLabel          *watch_label;
} PrRoundMail;

/* ---- journaling what was handed over ---- */

static void compose_next (PrRoundPage *self);

static gboolean
record_job (PrStore         *store,
            PrBallotOpener  *opener,
            gpointer         data,
            GError         **error)
{
  Handed *handed = data;

  return pr_store_record_mail (store, handed->member, handed->kind, PR_JOURNAL_VIA_MAIL_CLIENT,
                               error);
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autoptr(GError) error = NULL;

  gboolean recorded = pr_round_page_run_job_finish (self, result, &error);

  if (self->disposed)
    return;
  if (!recorded)
    {
      g_autofree char *message = g_strdup_printf (_("The message was handed to the mail program, but the round’s journal could not record it: %s"),
                                                  error->message);

      pr_round_page_toast (self, message);
    }
  /* The next message once this one is recorded: what the list says is
   * read from the store, which the job had meanwhile. */
  compose_next (self);
}

/* Journaled on the jobs' worker, after an import that has the store;
 * the next message is handed over when it is. */
static void
record_then_next (PrRoundPage       *self,
                  guint              member,
                  PrJournalMailKind  kind)
{
  Handed *handed = g_new0 (Handed, 1);

  *handed = (Handed) { member, kind };
  pr_round_page_run_job_async (self, record_job, handed, g_free, record_cb, NULL);
}

/* ---- the dialog ---- */

static PrMailRecipient *
find_recipient (GPtrArray *plan,
                guint      member)
{
  for (guint i = 0; plan != NULL && i < plan->len; i++)
    {
      PrMailRecipient *recipient = g_ptr_array_index (plan, i);

      if (recipient->member == member)
        return recipient;
    }
  return NULL;
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (time);

  return date != NULL ? g_date_time_format (date, "%x %X") : g_strdup ("");
}

/* What a member's row says: the address and whether their invitation
 * can go, and when the current one was last handed over. */
static char *
recipient_status (PrRoundPage     *self,
                  PrMailRecipient *recipient)
{
  guint epoch = 0;
  gint64 sent = pr_store_get_mailed (self->store, recipient->member, PR_JOURNAL_MAIL_INVITATION, &epoch);
  GString *text = g_string_new (recipient->email);
  const char *separator = text->len > 0 ? " · " : "";

  /* The row is narrow: the file's name is in its tooltip. */
  switch (recipient->state)
    {
    case PR_MAIL_NO_ADDRESS:
      g_string_append_printf (text, "%s%s", separator,
                              _("No usable e-mail address in the roster: hand the invitation over yourself"));
      break;
    case PR_MAIL_NO_INVITATION:
      g_string_append_printf (text, "%s%s", separator,
                              _("No current invitation in this folder: re-issue it"));
      break;
    case PR_MAIL_READY:
    case PR_MAIL_VOTED:
    default:
      if (sent > 0 && epoch == pr_store_get_epoch (self->store, recipient->member))
        {
          g_autofree char *when = format_time (sent);

          g_string_append (text, separator);
          g_string_append_printf (text, _("Handed to the mail program on %s"), when);
        }
      break;
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
recipient_row (PrRoundPage     *self,
               PrMailRecipient *recipient)
{
  PrManifest *manifest = self->manifest;
  const char *name = pr_manifest_get_member_name (manifest, recipient->member);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *send = gtk_button_new_with_mnemonic (_("_Send…"));
  g_autofree char *status = recipient_status (self, recipient);
  /* TRANSLATORS: the accessible name of a member's Send button */
  g_autofree char *label = g_strdup_printf (_("Send the invitation of %s"), name);

  pr_action_row_set_text (ADW_ACTION_ROW (row), name, status);
  if (recipient->file_name != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Invitation: %s"), recipient->file_name);

      gtk_widget_set_tooltip_text (row, tooltip);
    }
  g_ptr_array_index (self->mail->statuses, recipient->member) = g_steal_pointer (&status);
  gtk_widget_set_valign (send, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (send), "round.send-invitation");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (send), "s",
                                    pr_manifest_get_member_id (manifest, recipient->member));
  gtk_widget_set_sensitive (send, recipient->state == PR_MAIL_READY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (send), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (send), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), send);
  return row;
}

static void
fill_list (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;
  GtkWidget *child;

  /* What was handed over is read from the store: while a worker has it
   * the list stays as it is, and is filled again on the next refresh. */
  if (mail->list == NULL || mail->plan == NULL || self->store == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (mail->list))) != NULL)
    gtk_list_box_remove (mail->list, child);
  g_ptr_array_set_size (mail->statuses, 0);
  g_ptr_array_set_size (mail->statuses, (gint) pr_manifest_get_n_members (self->manifest));
  for (guint i = 0; i < mail->plan->len; i++)
    gtk_list_box_append (mail->list, recipient_row (self, g_ptr_array_index (mail->plan, i)));
}

static guint
count_state (GPtrArray   *plan,
             PrMailState  state)
{
  guint n = 0;

  for (guint i = 0; plan != NULL && i < plan->len; i++)
    n += ((PrMailRecipient *) g_ptr_array_index (plan, i))->state == state ? 1 : 0;
  return n;
}

static void start_queue (PrRoundPage       *self,
                         PrJournalMailKind  kind,
                         GPtrArray         *plan,
                         GArray            *members);
static void choose_folder (PrRoundPage *self);

static void
send_all (PrRoundPage *self)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->mail->plan->len; i++)
    {
      PrMailRecipient *recipient = g_ptr_array_index (self->mail->plan, i);

      if (recipient->state == PR_MAIL_READY)
        g_array_append_val (members, recipient->member);
    }
  start_queue (self, PR_JOURNAL_MAIL_INVITATION, self->mail->plan, members);
}

static void
dialog_response_cb (PrRoundPage      *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "folder"))
    choose_folder (self);
  else if (g_str_equal (response, "send-all") && self->mail->plan != NULL)
    send_all (self);
}

static void
dialog_destroy_cb (PrRoundPage *self,
                   GtkWidget   *dialog)
{
  if (self->dialog == ADW_MESSAGE_DIALOG (dialog))
    self->dialog = NULL;
  /* Also when the page goes, after its mail parts. */
  if (self->mail != NULL)
    self->mail->list = NULL;
}

static void
show_send_dialog (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint ready = count_state (mail->plan, PR_MAIL_READY);
  g_autofree char *folder = g_filename_display_name (mail->folder);
  g_autofree char *body = NULL;
  g_autofree char *send_all_label = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *dialog;

  /* TRANSLATORS: %s is the folder holding the invitation files */
  body = g_strdup_printf (_("Each member with an e-mail address gets one message, to them alone, with their own invitation from “%s” attached. Your mail program opens each message: check it, then send it."),
                          folder);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Send Invitations"), body);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroy_cb), self, G_CONNECT_SWAPPED);

  mail->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (mail->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (mail->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (mail->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Members"), -1);
  fill_list (self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (mail->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  /* TRANSLATORS: %u is how many members get a message */
  send_all_label = g_strdup_printf (ngettext ("_Send %u", "_Send All %u", ready), ready);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"),
                                    "folder", _("Other _Folder…"), "send-all", send_all_label, NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send-all", ready > 0);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send-all",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- reading the invitations folder (a worker) ---- */

typedef struct {
  PrManifest *manifest;
  GBytes     *keys;
  char       *folder;
} ReadFolder;

static void
read_folder_free (gpointer data)
{
  ReadFolder *read = data;

  pr_manifest_unref (read->manifest);
  g_bytes_unref (read->keys);
  g_free (read->folder);
  g_free (read);
}

static void
read_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ReadFolder *read = task_data;
  GError *error = NULL;
  GPtrArray *invitations = pr_mail_find_invitations (read->manifest, read->keys, read->folder, &error);

  if (invitations == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, invitations, (GDestroyNotify) g_ptr_array_unref);
}

static void
read_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  ReadFolder *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) invitations = g_task_propagate_pointer (G_TASK (result), &error);

  /* The mail parts go with the page. */
  if (self->disposed)
    return;
  self->mail->planning = FALSE;
  pr_round_page_update_actions (self);
  /* Another round may have come meanwhile. */
  if (self->manifest != read->manifest)
    return;
  if (invitations == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The invitations could not be read: %s"), error->message);

      pr_round_page_toast (self, message);
      return;
    }
  g_clear_pointer (&self->mail->invitations, g_ptr_array_unref);
  self->mail->invitations = g_steal_pointer (&invitations);
  g_free (self->mail->invitations_folder);
  self->mail->invitations_folder = g_strdup (read->folder);
  /* An import or a job may have the store now: then when it is home. */
  pr_round_page_refresh_mail (self);
}

static void stop_watching (PrRoundPage *self,
                           const char  *why);

/* Another round comes: what was read or planned for this one goes. */
void
pr_round_page_forget_mail (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;

  if (mail == NULL)
    return;
  g_clear_pointer (&mail->invitations, g_ptr_array_unref);
  g_clear_pointer (&mail->invitations_folder, g_free);
  g_clear_pointer (&mail->plan, g_ptr_array_unref);
  g_clear_pointer (&mail->reminders, g_ptr_array_unref);
  g_clear_pointer (&mail->folder, g_free);
  stop_watching (self, NULL);
}

/* Shows the dialog for invitations read, or what the dialog shown says
 * after a change to the round; only with the store home. */
void
pr_round_page_refresh_mail (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;

  if (mail == NULL || self->store == NULL)
    return;
  if (mail->invitations == NULL)
    {
      fill_list (self);
      return;
    }
  g_free (mail->folder);
  mail->folder = g_steal_pointer (&mail->invitations_folder);
  g_clear_pointer (&mail->plan, g_ptr_array_unref);
  mail->plan = pr_mail_plan_from (self->store, PR_JOURNAL_MAIL_INVITATION, mail->invitations, NULL);
  g_clear_pointer (&mail->invitations, g_ptr_array_unref);
  pr_round_page_update_actions (self);
  show_send_dialog (self);
}

static void
read_folder (PrRoundPage *self,
             const char  *folder)
{
  g_autoptr(GTask) task = NULL;
  ReadFolder *read;

  if (self->store == NULL || !self->unlocked)
    {
      pr_round_page_toast (self, _("Wait until the current import or change has finished, then try again."));
      return;
    }
  task = g_task_new (self, self->cancellable, read_folder_cb, NULL);
  read = g_new0 (ReadFolder, 1);
  read->manifest = pr_manifest_ref (self->manifest);
  read->keys = pr_mail_dup_member_keys (self->store);
  read->folder = g_strdup (folder);
  self->mail->planning = TRUE;
  pr_round_page_update_actions (self);
  g_task_set_source_tag (task, read_folder);
  g_task_set_task_data (task, read, read_folder_free);
  g_task_run_in_thread (task, read_folder_thread);
}

static void
folder_chosen_cb (PrRoundPage          *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autofree char *path = pr_chooser_take_path (&self->chooser, response);

  if (path != NULL && self->unlocked)
    read_folder (self, path);
}

static void
choose_folder (PrRoundPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = pr_round_page_new_chooser (self, _("Choose the Folder with the Invitations"),
                                       GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (folder_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Where the new round assistant puts the invitations unless told:
 * beside the round folder, "<round>-invitations". */
static char *
default_folder (PrRoundPage *self)
{
  g_autofree char *round = self->folder != NULL ? g_file_get_path (self->folder) : NULL;

  if (round == NULL)
    return NULL;
  return g_strconcat (round, "-", _("invitations"), NULL);
}

static void
send_invitations_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  g_autofree char *folder = self->mail->folder != NULL ? g_strdup (self->mail->folder)
                                                        : default_folder (self);

  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    read_folder (self, folder);
  else
    choose_folder (self);
}

static void
send_invitations_from_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  read_folder (PR_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
choose_invitations_folder_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  choose_folder (PR_ROUND_PAGE (widget));
}

/* ---- handing messages to the mail program, one after the other ---- */

static void
finish_queue (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;
  guint no_address = count_state (mail->kind == PR_JOURNAL_MAIL_INVITATION ? mail->plan : mail->reminders,
                                  PR_MAIL_NO_ADDRESS);
  g_autoptr(GString) text = g_string_new (NULL);

  mail->composing = FALSE;
  if (mail->kind == PR_JOURNAL_MAIL_INVITATION)
    g_string_printf (text, ngettext ("%u invitation was handed to your mail program: send it from there.",
                                     "%u invitations were handed to your mail program: send them from there.",
                                     mail->n_handed), mail->n_handed);
  else
    g_string_printf (text, ngettext ("%u reminder was handed to your mail program: send it from there.",
                                     "%u reminders were handed to your mail program: send them from there.",
                                     mail->n_handed), mail->n_handed);
  if (mail->kind == PR_JOURNAL_MAIL_INVITATION && no_address > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u member has no e-mail address: hand them their invitation yourself.",
                                              "%u members have no e-mail address: hand them their invitations yourself.",
                                              no_address), no_address);
    }
  pr_round_page_toast (self, text->str);
  fill_list (self);
  pr_round_page_update_actions (self);
}

/* Without any mail program, a reminder still goes out as the single
 * Bcc message it was before; an invitation cannot (a mailto: URI has
 * no attachment). */
static void
no_mail_program (PrRoundPage  *self,
                 const GError *error)
{
  g_autofree char *message = NULL;

  self->mail->composing = FALSE;
  pr_round_page_update_actions (self);
  if (self->mail->kind == PR_JOURNAL_MAIL_REMINDER && self->mail->n_handed == 0)
    {
      pr_round_page_remind_by_uri (self);
      return;
    }
  message = g_strdup_printf (_("%s Attach each invitation by hand, or run “peer-rank-cli round mail”."),
                             error->message);
  pr_round_page_toast (self, message);
}

static void
compose_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PrRoundPage) self = user_data;
  PrRoundMail *mail = self->mail;
  g_autoptr(GError) error = NULL;
  guint member;

  pr_mail_handler_compose_finish (result, NULL, &error);
  if (self->disposed || mail == NULL)
    return;
  member = g_array_index (mail->queue, guint, mail->next - 1);
  if (error == NULL)
    {
      mail->n_handed++;
      record_then_next (self, member, mail->kind);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    no_mail_program (self, error);
  else
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup_printf (_("Stopped: %u of %u messages were handed to the mail program."),
                                   mail->n_handed, mail->queue->len);
      else
        message = g_strdup_printf (_("Stopped after %u of %u messages: %s"), mail->n_handed,
                                   mail->queue->len, error->message);
      mail->composing = FALSE;
      pr_round_page_toast (self, message);
      fill_list (self);
      pr_round_page_update_actions (self);
    }
}

static void
compose_next (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;
  PrManifest *manifest = self->manifest;
  GPtrArray *plan = mail->kind == PR_JOURNAL_MAIL_INVITATION ? mail->plan : mail->reminders;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PrMailRecipient *recipient;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  if (mail->next >= mail->queue->len)
    {
      finish_queue (self);
      return;
    }
  recipient = find_recipient (plan, g_array_index (mail->queue, guint, mail->next++));
  g_assert (recipient != NULL && recipient->state == PR_MAIL_READY);
  subject = pr_mail_compose_subject (manifest, mail->kind);
  body = pr_mail_compose_body (manifest, recipient->member, mail->kind, recipient->file_name);
  pr_mail_handler_compose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, recipient->email,
                                 subject, body,
                                 mail->kind == PR_JOURNAL_MAIL_INVITATION ? recipient->invitation : NULL,
                                 mail->cancellable, compose_cb, g_object_ref (self));
}

static void
start_queue (PrRoundPage       *self,
             PrJournalMailKind  kind,
             GPtrArray         *plan,
             GArray            *members)
{
  PrRoundMail *mail = self->mail;

  if (mail->composing || members->len == 0)
    return;
  g_array_set_size (mail->queue, 0);
  g_array_append_vals (mail->queue, members->data, members->len);
  mail->next = 0;
  mail->n_handed = 0;
  mail->kind = kind;
  mail->composing = TRUE;
  g_assert (plan == mail->plan || plan == mail->reminders);
  pr_round_page_update_actions (self);
  compose_next (self);
}

static void
send_invitation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  int index = pr_manifest_lookup_member (self->manifest, g_variant_get_string (parameter, NULL));
  PrMailRecipient *recipient = index >= 0 ? find_recipient (self->mail->plan, (guint) index) : NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  if (recipient == NULL || recipient->state != PR_MAIL_READY)
    return;
  g_array_append_val (members, recipient->member);
  start_queue (self, PR_JOURNAL_MAIL_INVITATION, self->mail->plan, members);
}

static void
send_all_invitations_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  send_all (PR_ROUND_PAGE (widget));
}

void
pr_round_page_remind_each (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  if (mail->composing || self->store == NULL)
    return;
  g_clear_pointer (&mail->reminders, g_ptr_array_unref);
  mail->reminders = pr_mail_plan_from (self->store, PR_JOURNAL_MAIL_REMINDER, NULL, NULL);
  for (guint i = 0; i < mail->reminders->len; i++)
    {
      PrMailRecipient *recipient = g_ptr_array_index (mail->reminders, i);

      if (recipient->state == PR_MAIL_READY)
        g_array_append_val (members, recipient->member);
    }
  if (members->len == 0)
    {
      pr_round_page_toast (self, _("Nobody who has not voted has an e-mail address in the roster."));
      return;
    }
  start_queue (self, PR_JOURNAL_MAIL_REMINDER, mail->reminders, members);
}

/* ---- a watched folder ---- */

/* Files found complete in the watched folder go into the import queue,
 * as dropped files do, read as a folder's entries are (no links). */
static void
files_ready_cb (PrWatch            *watch,
                const char * const *paths,
                PrRoundPage        *self)
{
  if (self->manifest != self->mail->watch_round || !self->unlocked)
    {
      stop_watching (self, NULL);
      return;
    }
  /* As last read; an import says if it was closed meanwhile. */
  if (self->closed)
    {
      stop_watching (self, _("The round is closed: the folder is no longer watched."));
      return;
    }
  if (self->queued_input == NULL)
    self->queued_input = pr_import_input_new ();
  for (guint i = 0; paths[i] != NULL; i++)
    pr_import_input_add_found (self->queued_input, paths[i]);
  /* The report goes on: a watch adds to what it showed. */
  self->continue_report = TRUE;
  pr_round_page_start_import_soon (self);
}

static void
show_watch (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;

  gtk_widget_set_visible (mail->watch_box, mail->watch != NULL);
  if (mail->watch != NULL)
    {
      const char * const *folders = pr_watch_get_folders (mail->watch);
      g_autofree char *display = g_filename_display_name (folders[0]);
      /* TRANSLATORS: %s is the folder being watched for ballots */
      g_autofree char *text = g_strdup_printf (_("Watching “%s”: ballots and mail files that arrive there are imported."),
                                               display);

      gtk_label_set_text (mail->watch_label, text);
    }
}

static void
stop_watching (PrRoundPage *self,
               const char  *why)
{
  PrRoundMail *mail = self->mail;

  if (mail->watch == NULL)
    return;
  pr_watch_stop (mail->watch);
  g_clear_object (&mail->watch);
  g_clear_pointer (&mail->watch_round, pr_manifest_unref);
  if (why != NULL)
    pr_round_page_toast (self, why);
  if (!self->disposed)
    {
      show_watch (self);
      pr_round_page_update_actions (self);
    }
}

static void
watch_folder (PrRoundPage *self,
              const char  *folder)
{
  PrRoundMail *mail = self->mail;
  g_autofree char *probe = g_build_filename (folder, "probe.json", NULL);
  g_autoptr(PrWatch) watch = pr_watch_new ((const char * const[]) { folder, NULL });
  g_autoptr(GError) error = NULL;

  if (!self->unlocked || self->closed)
    return;
  /* Never the round folder itself: only the store writes there. */
  if (!pr_output_check (probe, TRUE, &error) || !pr_watch_start (watch, &error))
    {
      g_autofree char *message = g_strdup_printf (_("This folder cannot be watched: %s"), error->message);

      pr_round_page_toast (self, message);
      return;
    }
  stop_watching (self, NULL);
  g_signal_connect_object (watch, "files-ready", G_CALLBACK (files_ready_cb), self, 0);
  mail->watch = g_steal_pointer (&watch);
  mail->watch_round = pr_manifest_ref (self->manifest);
  show_watch (self);
  gtk_stack_set_visible_child_name (self->view_stack, "collect");
  pr_round_page_update_actions (self);
}

static void
watch_chosen_cb (PrRoundPage          *self,
                 int                   response,
                 GtkFileChooserNative *chooser)
{
  g_autofree char *path = pr_chooser_take_path (&self->chooser, response);

  if (path != NULL)
    watch_folder (self, path);
}

static void
watch_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  GtkFileChooserNative *chooser;

  chooser = pr_round_page_new_chooser (self, _("Watch a Folder for Ballots"),
                                       GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Watch"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (watch_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
watch_folder_at_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  watch_folder (PR_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
stop_watching_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  stop_watching (PR_ROUND_PAGE (widget), _("The folder is no longer watched."));
}

/* ---- the page's parts ---- */

void
pr_round_page_update_mail_actions (PrRoundPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PrRoundMail *mail = self->mail;
  gboolean unlocked = self->unlocked;
  /* The store is home: no import or job has it. */
  gboolean idle = unlocked && self->store != NULL && mail != NULL &&
                  !mail->composing && !mail->planning;
  gboolean closed = self->closed;
  gboolean watching = mail != NULL && mail->watch != NULL;

  if (mail == NULL)
    return;
  for (const char * const *a = (const char * const []) { "round.send-invitations",
                                                         "round.send-invitations-from",
                                                         "round.choose-invitations-folder", NULL };
       *a != NULL; a++)
    gtk_widget_action_set_enabled (widget, *a, idle);
  gtk_widget_action_set_enabled (widget, "round.send-invitation", idle && mail->plan != NULL);
  gtk_widget_action_set_enabled (widget, "round.send-all-invitations", idle && mail->plan != NULL);
  gtk_widget_action_set_enabled (widget, "round.remind", idle);
  gtk_widget_action_set_enabled (widget, "round.watch-folder", unlocked && !closed);
  gtk_widget_action_set_enabled (widget, "round.watch-folder-at", unlocked && !closed);
  gtk_widget_action_set_enabled (widget, "round.stop-watching", watching);
  /* Locked again or closed: a watch stops (it could not import). */
  if (watching && (!unlocked || closed || self->manifest != mail->watch_round))
    stop_watching (self, closed ? _("The round is closed: the folder is no longer watched.") : NULL);
}

void
pr_round_page_init_mail (PrRoundPage *self)
{
  PrRoundMail *mail = g_new0 (PrRoundMail, 1);

  mail->cancellable = g_cancellable_new ();
  mail->queue = g_array_new (FALSE, FALSE, sizeof (guint));
  mail->statuses = g_ptr_array_new_with_free_func (g_free);
  mail->watch_box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), PR_TYPE_ROUND_PAGE,
                                                               "watch_box"));
  mail->watch_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (self), PR_TYPE_ROUND_PAGE,
                                                                "watch_label"));
  self->mail = mail;
}

void
pr_round_page_dispose_mail (PrRoundPage *self)
{
  PrRoundMail *mail = self->mail;

  if (mail == NULL)
    return;
  g_cancellable_cancel (mail->cancellable);
  if (mail->watch != NULL)
    pr_watch_stop (mail->watch);
  g_clear_object (&mail->watch);
  g_clear_object (&mail->cancellable);
  g_clear_pointer (&mail->plan, g_ptr_array_unref);
  g_clear_pointer (&mail->reminders, g_ptr_array_unref);
  g_clear_pointer (&mail->queue, g_array_unref);
  g_clear_pointer (&mail->statuses, g_ptr_array_unref);
  g_clear_pointer (&mail->invitations, g_ptr_array_unref);
  g_clear_pointer (&mail->watch_round, pr_manifest_unref);
  g_free (mail->invitations_folder);
  g_free (mail->folder);
  g_clear_pointer (&self->mail, g_free);
}

void
pr_round_page_class_init_mail (GtkWidgetClass *widget_class)
{
  /* Looked up by name (gtk_widget_get_template_child()), not bound to
   * the page's struct. */
  gtk_widget_class_bind_template_child_full (widget_class, "watch_box", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "watch_label", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "round.send-invitations", NULL, send_invitations_action);
  gtk_widget_class_install_action (widget_class, "round.send-invitations-from", "s",
                                   send_invitations_from_action);
  gtk_widget_class_install_action (widget_class, "round.choose-invitations-folder", NULL,
                                   choose_invitations_folder_action);
  gtk_widget_class_install_action (widget_class, "round.send-invitation", "s", send_invitation_action);
  gtk_widget_class_install_action (widget_class, "round.send-all-invitations", NULL,
                                   send_all_invitations_action);
  gtk_widget_class_install_action (widget_class, "round.watch-folder", NULL, watch_folder_action);
  gtk_widget_class_install_action (widget_class, "round.watch-folder-at", "s", watch_folder_at_action);
  gtk_widget_class_install_action (widget_class, "round.stop-watching", NULL, stop_watching_action);
}

/* ---- for tests ---- */

gboolean
pr_round_page_is_mailing (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), FALSE);
  return self->mail->composing || self->mail->planning;
}

const char *
pr_round_page_get_invitations_folder (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->mail->folder;
}

const char *
pr_round_page_get_mail_status (PrRoundPage *self,
                               guint        index)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return index < self->mail->statuses->len ? g_ptr_array_index (self->mail->statuses, index) : NULL;
}

PrWatch *
pr_round_page_get_watch (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->mail->watch;
}

const char *
pr_round_page_get_watch_text (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->mail->watch != NULL ? gtk_label_get_text (self->mail->watch_label) : NULL;
}
