/* pr-round-page-actions.c — the organizer's round page: reminding,
 * re-issuing, deciding, closing and receipts
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
#include "pr-keyfile.h"
#include "pr-output.h"
#include "pr-report-item.h"
#include "pr-round-page-mail.h"
#include "pr-round-page-private.h"

/* Dialogs and choosers answer later: while an import or a job has the
 * store, what they would read or change must wait. */
static gboolean
store_is_busy (PrRoundPage *self)
{
  if (!pr_round_page_store_is_lent (self))
    return FALSE;
  pr_round_page_toast (self, _("Wait until the current import or change has finished, then try again."));
  return TRUE;
}

/* ---- reminding ---- */

char *
pr_round_page_dup_remind_uri (PrRoundPage *self)
{
  PrManifest *manifest;
  /* Bcc, never To: a reminder must not tell each member who else has
   * not voted (DESIGN §1). */
  g_autoptr(GString) uri = g_string_new ("mailto:?bcc=");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject_escaped = NULL;
  g_autofree char *body_escaped = NULL;
  guint n = 0;

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  if ((manifest = self->manifest) == NULL)
    return NULL;

  /* The votes as the page last read them. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->members)); i++)
    {
      g_autoptr(PrMemberItem) item = g_list_model_get_item (G_LIST_MODEL (self->members), i);
      const char *email = pr_member_item_get_email (item);
      g_autofree char *escaped = NULL;

      if (pr_member_item_get_voted (item) || email == NULL || email[0] == '\0')
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
  g_string_append_printf (uri, "&subject=%s&body=%s", subject_escaped, body_escaped);
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

      pr_round_page_toast (self, message);
    }
}

/* Where no mail program takes messages one by one (no portal, no
 * xdg-email): one message with everyone who has not voted in Bcc. */
void
pr_round_page_remind_by_uri (PrRoundPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *uri = pr_round_page_dup_remind_uri (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri == NULL)
    {
      pr_round_page_toast (self, _("Nobody who has not voted has an e-mail address in the roster."));
      return;
    }
  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, show_uri_cb, g_object_ref (self));
}

/* One message per member who has not voted (issue #17). */
static void
remind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pr_round_page_remind_each (PR_ROUND_PAGE (widget));
}

/* ---- re-issuing ---- */

typedef struct {
  char *member;
  char *path;
} Reissue;

static void
reissue_free (Reissue *reissue)
{
  g_free (reissue->member);
  g_free (reissue->path);
  g_free (reissue);
}

/* The opener was set up at unlocking; a re-issued invitation brings a new
 * key it must know, or the member's next ballot would be refused, and
 * the old key becomes a revoked one, as a fresh unlock would set it.
 * Runs on the jobs' worker. */
static gboolean
reissue_job (PrStore         *store,
             PrBallotOpener  *opener,
             gpointer         data,
             GError         **error)
{
  Reissue *reissue = data;
  g_autoptr(GBytes) bytes = NULL;
  guint index = 0;
  PrInvitation *invitation;
  PrManifest *manifest = pr_store_get_manifest (store);
  int found = pr_manifest_lookup_member (manifest, reissue->member);
  guint8 old_key[PR_SIGN_PUBLIC_LEN];

  if (found >= 0)
    memcpy (old_key, pr_store_get_member_key (store, (guint) found), PR_SIGN_PUBLIC_LEN);
  if (!pr_store_reissue_to_file (store, reissue->member, reissue->path, &index, error))
    return FALSE;
  if (found >= 0)
    pr_ballot_opener_add_revoked_key (opener, index, old_key);
  bytes = pr_atomic_read (reissue->path, PR_INVITATION_MAX_SIZE, FALSE, NULL);
  if (bytes != NULL)
    {
      gsize size = 0;
      guint8 *data_ = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);

      invitation = pr_invitation_parse (data_, size, NULL);
      sodium_memzero (data_, size);
      g_free (data_);
      if (invitation != NULL)
        {
          pr_ballot_opener_set_member_key (opener, index, pr_invitation_get_public_key (invitation));
          pr_invitation_free (invitation);
        }
    }
  return TRUE;
}

static void
reissue_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  g_autofree char *path = user_data;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gboolean ok = pr_round_page_run_job_finish (self, result, &error);

  if (self->disposed)
    return;
  if (!ok)
    message = g_strdup_printf (_("The invitation could not be re-issued: %s"), error->message);
  else
    message = g_strdup_printf (_("A new invitation was written to “%s”; the old one no longer counts. Send it to its member only, privately."),
                               display);
  pr_round_page_toast (self, message);
}

static void
do_reissue (PrRoundPage *self,
            const char  *member,
            const char  *path)
{
  Reissue *reissue = g_new0 (Reissue, 1);

  reissue->member = g_strdup (member);
  reissue->path = g_strdup (path);
  pr_round_page_run_job_async (self, reissue_job, reissue, (GDestroyNotify) reissue_free,
                               reissue_cb, g_strdup (path));
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

  file = pr_chooser_take_file (&self->chooser, response);
  if (file == NULL || member == NULL || !self->unlocked || store_is_busy (self))
    return;
  if ((path = g_file_get_path (file)) == NULL)
    {
      pr_round_page_toast (self, _("Choose a place on this computer for the invitation."));
      return;
    }
  do_reissue (self, member, path);
}

static void choose_reissue_file (PrRoundPage *self,
                                 const char  *member);

static void
reissue_response_cb (PrRoundPage      *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  g_autofree char *member = g_steal_pointer (&self->reissue_member);

  if (g_str_equal (response, "reissue") && member != NULL && self->unlocked &&
      !store_is_busy (self))
    choose_reissue_file (self, member);
}

/* A member who voted loses their counted ballot with the old
 * invitation: that is said, and asked, first. */
static void
reissue_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);
  const char *member = g_variant_get_string (parameter, NULL);
  PrManifest *manifest = self->manifest;
  int index = pr_manifest_lookup_member (manifest, member);
  g_autoptr(PrMemberItem) item = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *name;

  if (index < 0)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->members), (guint) index);
  if (item == NULL || !pr_member_item_get_voted (item))
    {
      choose_reissue_file (self, member);
      return;
    }
  name = pr_manifest_get_member_name (manifest, (guint) index);
  heading = g_strdup_printf (_("Re-issue %s’s Invitation?"), name);
  body = g_strdup_printf (_("%s has voted. Their ballot stops counting as soon as the new invitation is written: they must vote again with it."),
                          name);
  g_free (self->reissue_member);
  self->reissue_member = g_strdup (member);
  pr_round_page_confirm (self, heading, body, "reissue", _("_Re-issue"), ADW_RESPONSE_DESTRUCTIVE,
                         G_CALLBACK (reissue_response_cb));
}

static void
choose_reissue_file (PrRoundPage *self,
                     const char  *member)
{
  PrManifest *manifest = self->manifest;
  int index = pr_manifest_lookup_member (manifest, member);
  g_autofree char *slug = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (index < 0)
    return;
  slug = pr_store_invitation_slug (pr_manifest_get_member_name (manifest, (guint) index), member);
  name = g_strconcat (slug, ".json", NULL);
  chooser = pr_round_page_new_chooser (self, _("Save the New Invitation"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_free (self->reissue_member);
  self->reissue_member = g_strdup (member);
  g_signal_connect_object (chooser, "response", G_CALLBACK (reissue_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- decisions ---- */

static gboolean
accept_job (PrStore         *store,
            PrBallotOpener  *opener,
            gpointer         data,
            GError         **error)
{
  return pr_store_accept (store, data, error);
}

static gboolean
refuse_job (PrStore         *store,
            PrBallotOpener  *opener,
            gpointer         data,
            GError         **error)
{
  return pr_store_refuse (store, data, error);
}

static void
decide_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  gboolean accept = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  if (!pr_round_page_run_job_finish (self, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The decision could not be recorded: %s"), error->message);

      pr_round_page_toast (self, message);
    }
  else
    pr_round_page_toast (self, accept ? _("Ballot accepted; the decision is recorded in the round’s journal.")
                        : _("Ballot refused; it stays stored but never counts."));
}

static void
decide (PrRoundPage *self,
        const char  *fingerprint,
        gboolean     accept)
{
  pr_round_page_run_job_async (self, accept ? accept_job : refuse_job, g_strdup (fingerprint),
                               g_free, decide_cb, GINT_TO_POINTER (accept));
}

static void
decide_response_cb (PrRoundPage      *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autofree char *fingerprint = g_steal_pointer (&self->decide_fingerprint);

  if (fingerprint != NULL && self->unlocked && (g_str_equal (response, "accept") || g_str_equal (response, "refuse")))
    decide (self, fingerprint, g_str_equal (response, "accept"));
}

/* A decision is final and journaled: the dialog says what it does. */
static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);

  g_free (self->decide_fingerprint);
  self->decide_fingerprint = g_strdup (g_variant_get_string (parameter, NULL));
  if (g_str_equal (action_name, "round.accept"))
    pr_round_page_confirm (self, _("Accept This Ballot?"),
                           _("It counts from now on, in place of the member’s earlier ballot. The decision is recorded in the round’s journal and cannot be taken back."),
                           "accept", _("_Accept"), ADW_RESPONSE_SUGGESTED, G_CALLBACK (decide_response_cb));
  else
    pr_round_page_confirm (self, _("Refuse This Ballot?"),
                           _("It stays stored but never counts; the member’s earlier ballot, if any, keeps counting. The decision is recorded in the round’s journal and cannot be taken back."),
                           "refuse", _("_Refuse"), ADW_RESPONSE_DESTRUCTIVE, G_CALLBACK (decide_response_cb));
}

/* ---- closing and receipts ---- */

static void
dialog_destroy_cb (PrRoundPage *self,
                   GtkWidget   *dialog)
{
  if (self->dialog == ADW_MESSAGE_DIALOG (dialog))
    self->dialog = NULL;
}

AdwMessageDialog *
pr_round_page_new_dialog (PrRoundPage *self,
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

/* Asks before an act: Cancel (the default, and what Escape answers) or
 * @label (@response, styled @appearance); @callback (swapped: the page
 * first) gets the answer. */
void
pr_round_page_confirm (PrRoundPage           *self,
                       const char            *heading,
                       const char            *body,
                       const char            *response,
                       const char            *label,
                       AdwResponseAppearance  appearance,
                       GCallback              callback)
{
  AdwMessageDialog *dialog = pr_round_page_new_dialog (self, heading, body);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", callback, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A message too long for a toast, said in full. */
void
pr_round_page_show_error (PrRoundPage *self,
                          const char  *heading,
                          const char  *body)
{
  AdwMessageDialog *dialog = pr_round_page_new_dialog (self, heading, body);

  adw_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
set_closed_job (PrStore         *store,
                PrBallotOpener  *opener,
                gpointer         data,
                GError         **error)
{
  return GPOINTER_TO_INT (data) ? pr_store_close (store, error) : pr_store_reopen (store, error);
}

static void
set_closed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  gboolean closed = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  if (!pr_round_page_run_job_finish (self, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The round could not be changed: %s"), error->message);

      pr_round_page_toast (self, message);
    }
  else
    pr_round_page_toast (self, closed ? _("The round is closed. You can now publish receipts.")
                        : _("The round is open again: ballots can be imported."));
}

static void
set_closed (PrRoundPage *self,
            gboolean     closed)
{
  pr_round_page_run_job_async (self, set_closed_job, GINT_TO_POINTER (closed), NULL,
                               set_closed_cb, GINT_TO_POINTER (closed));
}

static void
close_response_cb (PrRoundPage      *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "close") && self->unlocked)
    set_closed (self, TRUE);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);

  /* Not destructive: Reopen undoes it. */
  pr_round_page_confirm (self, _("Close the Round?"),
                         _("No more ballots will be imported until you reopen it. Ballots already imported keep counting, and you can publish receipts."),
                         "close", _("C_lose Round"), ADW_RESPONSE_SUGGESTED, G_CALLBACK (close_response_cb));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_closed (PR_ROUND_PAGE (widget), FALSE);
}

/* Receipts as published: one per line. */
static char *
join_lines (GPtrArray *lines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (text, FALSE);
}

/* The same lines as `peer-rank-cli round receipts`, from the same
 * checks: an unlocked, closed round whose counted ballots are read
 * again; NULL with @error otherwise. */
char *
pr_round_page_dup_receipts (PrRoundPage  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) lines = NULL;

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);

  if (!self->unlocked)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED,
                           _("Receipts need the round’s passphrase, so that the list is checked "
                             "against the ballots."));
      return NULL;
    }
  if (self->store == NULL)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY,
                           _("Wait until the current import or change has finished, then try again."));
      return NULL;
    }
  if ((lines = pr_store_dup_receipts (self->store, self->opener, error)) == NULL)
    return NULL;
  return join_lines (lines);
}

/* Reading the receipts opens every counted ballot again (the list is
 * checked against them), and saving them syncs a file: both on the jobs'
 * worker. */
typedef struct {
  char     *path;   /* where to save them; NULL to show them */
  char     *text;   /* the receipts read, one per line */
} Receipts;

static void
receipts_free (Receipts *receipts)
{
  g_free (receipts->path);
  g_free (receipts->text);
  g_free (receipts);
}

static gboolean
receipts_job (PrStore         *store,
              PrBallotOpener  *opener,
              gpointer         data,
              GError         **error)
{
  Receipts *receipts = data;
  g_autoptr(GPtrArray) lines = pr_store_dup_receipts (store, opener, error);

  if (lines == NULL)
    return FALSE;
  receipts->text = join_lines (lines);
  return receipts->path == NULL ||
         pr_output_write (receipts->path, receipts->text, strlen (receipts->text), TRUE, error);
}

static void show_receipts (PrRoundPage *self,
                           const char  *text);

static void
receipts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  Receipts *receipts = user_data;  /* the job's, until it is freed */
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pr_round_page_run_job_finish (self, result, &error))
    {
      if (self->disposed)
        return;
      if (receipts->text == NULL)
        message = g_strdup_printf (_("No receipts: %s"), error->message);
      else
        message = g_strdup_printf (_("The receipts could not be saved: %s"), error->message);
      pr_round_page_toast (self, message);
      return;
    }
  if (self->disposed)
    return;
  if (receipts->path == NULL)
    {
      show_receipts (self, receipts->text);
      return;
    }
  {
    g_autofree char *display = g_filename_display_name (receipts->path);

    message = g_strdup_printf (_("Receipts saved to “%s”."), display);
    pr_round_page_toast (self, message);
  }
}

/* Reads the receipts on the jobs' worker, then shows them, or saves them
 * to @path. */
static void
read_receipts (PrRoundPage *self,
               const char  *path)
{
  Receipts *receipts = g_new0 (Receipts, 1);

  receipts->path = g_strdup (path);
  pr_round_page_run_job_async (self, receipts_job, receipts, (GDestroyNotify) receipts_free,
                               receipts_cb, receipts);
}

static void
save_receipts_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  read_receipts (PR_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
receipts_chooser_response_cb (PrRoundPage          *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  g_autofree char *path = pr_chooser_take_path (&self->chooser, response);

  if (path != NULL)
    read_receipts (self, path);
}

static void
receipts_response_cb (PrRoundPage      *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_steal_pointer (&self->receipts_text);

  if (g_str_equal (response, "copy") && text != NULL)
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
      pr_round_page_toast (self, _("Receipts copied."));
    }
  else if (g_str_equal (response, "save"))
    {
      GtkFileChooserNative *chooser = pr_round_page_new_chooser (self, _("Save Receipts"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "receipts.txt");
      g_signal_connect_object (chooser, "response", G_CALLBACK (receipts_chooser_response_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

/* The receipts read, in a dialog that copies them (as shown) or saves them. */
static void
show_receipts (PrRoundPage *self,
               const char  *text)
{
  GtkWidget *label = gtk_label_new (text[0] != '\0' ? text : _("No ballot is counted."));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  AdwMessageDialog *dialog;

  dialog = pr_round_page_new_dialog (self, _("Receipts"),
                                     _("These are the fingerprints of the counted ballots. Publish them where everyone in the round can read them: each person checks that the fingerprint their app showed when they sealed their ballot is listed."));
  g_free (self->receipts_text);
  self->receipts_text = g_strdup (text);
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
receipts_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  read_receipts (PR_ROUND_PAGE (widget), NULL);
}

static void
copy_fingerprint_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          pr_manifest_get_fingerprint (self->manifest));
  pr_round_page_toast (self, _("Round fingerprint copied."));
}

void
pr_round_page_class_init_actions (GtkWidgetClass *widget_class)
{
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
}
