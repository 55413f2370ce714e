/* pr-window-open.c — opening files in the main window: the choosers,
 * dropped files, and routing invitations, rounds and ballots to their page
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "pr-file-router.h"
#include "pr-mail.h"
#include "pr-markup.h"
#include "pr-format.h"
#include "pr-round-page-private.h"
#include "pr-window-private.h"

typedef enum {
  CHOOSE_ANY,
  CHOOSE_INVITATION,
  CHOOSE_ROUND,
} ChooseMode;

static void remember_folder      (PrWindow *self,
                                  GFile    *file);

static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "");
}

/* The views behind each kind come with later releases; until then a
 * person is told plainly what the file is and what to do with it. */
static char *
describe_route (PrFileKind  kind,
                const char *name)
{
  switch (kind)
    {
    case PR_FILE_KIND_INVITATION:
      return g_strdup_printf (_("“%s” is an invitation."), name);
    case PR_FILE_KIND_ROUND:
      return g_strdup_printf (_("“%s” is a round. Managing rounds in the app is not available in this version yet; use peer-rank-cli."), name);
    case PR_FILE_KIND_BALLOT:
      return g_strdup_printf (_("“%s” is a sealed ballot. Open its round to import it."), name);
    case PR_FILE_KIND_KEY:
      return g_strdup_printf (_("“%s” is an organizer key. Open the round folder that holds it instead."), name);
    case PR_FILE_KIND_UNKNOWN:
    default:
      return g_strdup_printf (_("“%s” is not a Peer Rank file."), name);
    }
}

/* A file that cannot be shown gets a page saying why and what to do, so
 * a double-click never ends on a blank or unchanged window. */
static void
show_error_page (PrWindow   *self,
                 const char *title,
                 const char *message)
{
  pr_status_page_set_text (self->error_page, title, message);
  pr_window_show_page (self, "error", NULL);
}

/* The invitation holds the associate's secret seed: its bytes are
 * wiped once parsed. Runs in a worker thread (the file may be on a slow
 * share). */
static void
load_invitation_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  PrInvitation *invitation = NULL;
  GBytes *bytes;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only files on this computer can be opened; copy the invitation here first."));
      return;
    }
  bytes = pr_atomic_read (path, PR_INVITATION_MAX_SIZE, FALSE, &error);
  if (bytes != NULL)
    {
      gsize size = 0;
      guint8 *data = g_bytes_unref_to_data (bytes, &size);

      invitation = pr_invitation_parse (data, size, &error);
      sodium_memzero (data, size);
      g_free (data);
    }
  if (invitation == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, invitation, (GDestroyNotify) pr_invitation_free);
}

static void
load_invitation_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PrWindow *self = PR_WINDOW (object);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_file_display_name (file);
  g_autofree char *path = g_file_get_path (file);
  PrInvitation *invitation;

  invitation = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (invitation == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is an invitation, but it cannot be read: %s"),
                                                  name, error->message);

      pr_window_toast (self, message);
      show_error_page (self, _("This Invitation Cannot Be Opened"), message);
      g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_INVITATION_OPENED], 0, FALSE);
      g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_INVITATION);
      return;
    }

  remember_folder (self, file);
  pr_ranking_page_set_invitation (self->ranking_page, invitation, path);
  pr_window_show_page (self, "ranking", pr_ranking_page_get_title (self->ranking_page));
  g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_INVITATION_OPENED], 0, TRUE);
  g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_INVITATION);
}

static void
load_invitation (PrWindow *self,
                 GFile    *file)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, load_invitation_cb, NULL);

  g_task_set_source_tag (task, load_invitation);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_invitation_thread);
}

typedef struct {
  PrWindow *self;
  GFile    *file;
} OpenRound;

static void
open_round_free (OpenRound *open)
{
  g_object_unref (open->self);
  g_object_unref (open->file);
  g_free (open);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenRound, open_round_free)

static void
open_round_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OpenRound) open = user_data;
  PrWindow *self = open->self;
  GFile *file = open->file;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_file_display_name (file);

  if (!pr_round_page_open_finish (self->round_page, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("“%s” is a round, but it cannot be opened: %s"), name, error->message);
      pr_window_toast (self, message);
      show_error_page (self, _("This Round Cannot Be Opened"), message);
      g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_ROUND);
      return;
    }

  pr_window_remember_round (self, pr_round_page_get_folder (self->round_page),
                  pr_round_page_get_title (self->round_page));
  pr_window_show_page (self, "round", pr_round_page_get_title (self->round_page));
  gtk_widget_grab_focus (GTK_WIDGET (pr_round_page_get_passphrase (self->round_page)));
  g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_ROUND);
}

/* A round is its folder: round.json opens the folder holding it. */
static void
open_round (PrWindow *self,
            GFile    *file)
{
  g_autoptr(GFile) folder = NULL;
  OpenRound *open = g_new0 (OpenRound, 1);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    folder = g_object_ref (file);
  else
    folder = g_file_get_parent (file);
  if (folder == NULL)
    folder = g_object_ref (file);
  /* The round unlocked here already: no need to ask for the passphrase again. */
  if (pr_round_page_is_unlocked (self->round_page) && pr_round_page_get_folder (self->round_page) != NULL &&
      g_file_equal (folder, pr_round_page_get_folder (self->round_page)))
    {
      g_free (open);
      pr_window_show_page (self, "round", pr_round_page_get_title (self->round_page));
      g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_ROUND);
      return;
    }
  /* The callback names the file as it was opened, not its folder. */
  open->self = g_object_ref (self);
  open->file = g_object_ref (file);
  pr_round_page_open_async (self->round_page, folder, self->cancellable, open_round_cb, open);
}

/* Mail saved from a mail program: imported for the ballots in it. */
static gboolean
is_mail_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && pr_mail_file_kind (name) != PR_MAIL_FILE_NONE;
}

static void
sniff_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PrWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_file_display_name (file);
  g_autofree char *message = NULL;
  PrFileKind kind;

  kind = pr_file_router_sniff_finish (file, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
  else
    message = describe_route (kind, name);

  /* An invitation is routed once it has been read (or refused). */
  if (error == NULL && kind == PR_FILE_KIND_INVITATION)
    {
      load_invitation (self, file);
      return;
    }
  if (error == NULL && kind == PR_FILE_KIND_ROUND)
    {
      open_round (self, file);
      return;
    }
  /* Ballots, and folders of them, go into the round unlocked here
   * (DESIGN §1); without one the person is told to open a round first. */
  if (pr_round_page_is_unlocked (self->round_page) &&
      ((error == NULL && kind == PR_FILE_KIND_BALLOT) ||
       (error == NULL && kind == PR_FILE_KIND_UNKNOWN && is_mail_file (file)) ||
       (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
        g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)))
    {
      pr_round_page_import_files (self->round_page, &file, 1);
      pr_window_show_page (self, "round", pr_round_page_get_title (self->round_page));
      g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_BALLOT);
      return;
    }

  pr_window_toast (self, message);
  show_error_page (self, error != NULL ? _("Cannot Open This File") : _("Not an Invitation"), message);
  g_signal_emit (self, pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED], 0, file, (int) kind);
}

void
pr_window_open_file (PrWindow *self,
                     GFile    *file)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  pr_file_router_sniff_async (file, self->cancellable, sniff_cb, g_object_ref (self));
}

/* The next chooser starts where the last file came from; for a round
 * folder that is the folder holding the rounds. */
static void
remember_folder (PrWindow *self,
                 GFile    *file)
{
  GSettings *settings = self->settings;
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *path = NULL;

  if (settings == NULL || folder == NULL || (path = g_file_get_path (folder)) == NULL)
    return;

  g_settings_set_string (settings, "last-folder", path);
}

static void
chooser_response_cb (PrWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;

  g_assert (chooser == self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      remember_folder (self, file);
      pr_window_open_file (self, file);
    }
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  /* Without our MIME types installed (an uninstalled build) the type of
   * our files is plain JSON; the pattern keeps them visible. */
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
set_start_folder (PrWindow       *self,
                  GtkFileChooser *chooser)
{
  GSettings *settings = self->settings;
  g_autofree char *path = settings != NULL ? g_settings_get_string (settings, "last-folder") : NULL;
  g_autoptr(GFile) folder = NULL;

  if (path == NULL || path[0] == '\0' || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return;

  folder = g_file_new_for_path (path);
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
choose_files (PrWindow   *self,
              ChooseMode  mode)
{
  static const struct {
    const char *title;
    GtkFileChooserAction action;
  } modes[] = {
    [CHOOSE_ANY] = { N_("Open"), GTK_FILE_CHOOSER_ACTION_OPEN },
    [CHOOSE_INVITATION] = { N_("Open Invitation"), GTK_FILE_CHOOSER_ACTION_OPEN },
    [CHOOSE_ROUND] = { N_("Open Round Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER },
  };
  GtkFileChooser *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_(modes[mode].title), GTK_WINDOW (self),
                                               modes[mode].action, _("_Open"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (mode == CHOOSE_INVITATION)
    add_filter (chooser, _("Invitations"), PR_MIME_INVITATION);
  else if (mode == CHOOSE_ANY)
    {
      gtk_file_chooser_set_select_multiple (chooser, TRUE);
      add_filter (chooser, _("Peer Rank Files"), NULL);
    }
  set_start_folder (self, chooser);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* win.open, win.open-invitation and win.open-round: one chooser each. */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChooseMode mode = CHOOSE_ANY;

  if (g_str_equal (action_name, "win.open-invitation"))
    mode = CHOOSE_INVITATION;
  else if (g_str_equal (action_name, "win.open-round"))
    mode = CHOOSE_ROUND;

  choose_files (PR_WINDOW (widget), mode);
}

/* A recent invitation's or round's row: the path is its action target. */
static void
open_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  pr_window_open_file (PR_WINDOW (widget), file);
}

void
pr_window_class_init_open (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-invitation", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-round", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-path", "s", open_path_action);
}

static gboolean
drop_cb (PrWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    pr_window_open_file (self, l->data);

  return files != NULL;
}

void
pr_window_init_open (PrWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
