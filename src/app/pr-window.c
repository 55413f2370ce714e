/* pr-window.c — the Peer Rank main window
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "pr-atomic.h"
#include "pr-demo-session.h"
#include "pr-draft.h"
#include "pr-file-router.h"
#include "pr-mail.h"
#include "pr-markup.h"
#include "pr-format.h"
#include "pr-json.h"
#include "pr-ranking-page.h"
#include "pr-results-page.h"
#include "pr-round-assistant.h"
#include "pr-round-page-private.h"
#include "pr-window-private.h"

/* The built-in demo round is always the same, so what a newcomer sees
 * matches the screenshots and the documentation. */
#define DEMO_SEED 2026

typedef enum {
  CHOOSE_ANY,
  CHOOSE_INVITATION,
  CHOOSE_ROUND,
} ChooseMode;

struct _PrWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkStack             *stack;
  AdwStatusPage        *welcome_page;
  GtkSpinner           *loading_spinner;
  PrResultsPage        *results_page;
  PrRankingPage        *ranking_page;
  PrRoundPage          *round_page;
  PrRoundAssistant     *assistant;
  AdwStatusPage        *error_page;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkWidget            *recent_rounds_box;
  GtkListBox           *recent_rounds_list;

  GCancellable         *cancellable;
  GCancellable         *demo_cancellable;
  GtkFileChooserNative *chooser;
  char                 *last_toast;
  AdwToast             *last_action_toast;  /* the last toast with a button */
  gboolean              close_after_assistant;
};

G_DEFINE_FINAL_TYPE (PrWindow, pr_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_FILE_ROUTED,
  SIGNAL_RESULTS_SHOWN,
  SIGNAL_INVITATION_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void restore_window_state (PrWindow *self);
static void bind_results_settings (PrWindow *self);
static void assistant_destroyed_cb (PrWindow *self);
static void refresh_recent_rounds (PrWindow *self);
static void remember_folder      (PrWindow *self,
                                  GFile    *file);
static void show_page            (PrWindow   *self,
                                  const char *name,
                                  const char *subtitle);

PrWindow *
pr_window_new (PrApplication *application)
{
  PrWindow *self = g_object_new (PR_TYPE_WINDOW, "application", application, NULL);

  /* Not in constructed(): "application" is an ordinary property, set
   * only after construction has finished. */
  restore_window_state (self);
  bind_results_settings (self);
  refresh_recent_rounds (self);

  return self;
}

void
pr_window_toast (PrWindow   *self,
                 const char *title)
{
  AdwToast *toast;

  g_return_if_fail (PR_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  toast = pr_toast_new_text (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
toast_button_clicked_cb (AdwToast *toast,
                         PrWindow *self)
{
  const char *action_name = g_object_get_data (G_OBJECT (toast), "pr-action-name");

  gtk_widget_activate_action (GTK_WIDGET (self->round_page), action_name, NULL);
}

/* The round page's toast whose button runs one of the page's actions.
 * The button cannot name the action itself: the toast is not inside the
 * page, where the page's actions are found. */
static void
round_toast_action_cb (PrWindow   *self,
                       const char *title,
                       const char *button_label,
                       const char *action_name)
{
  AdwToast *toast;

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  toast = pr_toast_new_text (title);
  adw_toast_set_button_label (toast, button_label);
  /* Long enough to read the sentence and reach the button. */
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "pr-action-name", g_strdup (action_name), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_button_clicked_cb), self, 0);
  g_set_object (&self->last_action_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

AdwToast *
pr_window_get_last_action_toast (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return self->last_action_toast;
}

const char *
pr_window_get_last_toast (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return self->last_toast;
}

GtkNativeDialog *
pr_window_get_file_chooser (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return self->chooser != NULL ? GTK_NATIVE_DIALOG (self->chooser) : NULL;
}

const char *
pr_window_get_page (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
pr_window_get_results_page (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->results_page);
}

GtkWidget *
pr_window_get_ranking_page (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->ranking_page);
}

const char *
pr_window_get_error_text (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return adw_status_page_get_description (self->error_page);
}

AdwStatusPage *
pr_window_get_error_page (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return self->error_page;
}

GtkListBox *
pr_window_get_recent_list (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return self->recent_list;
}

GtkWidget *
pr_window_get_round_page (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->round_page);
}

GtkListBox *
pr_window_get_recent_rounds_list (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return self->recent_rounds_list;
}

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
  show_page (self, "error", NULL);
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
      g_signal_emit (self, signals[SIGNAL_INVITATION_OPENED], 0, FALSE);
      g_signal_emit (self, signals[SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_INVITATION);
      return;
    }

  remember_folder (self, file);
  pr_ranking_page_set_invitation (self->ranking_page, invitation, path);
  show_page (self, "ranking", pr_ranking_page_get_title (self->ranking_page));
  g_signal_emit (self, signals[SIGNAL_INVITATION_OPENED], 0, TRUE);
  g_signal_emit (self, signals[SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_INVITATION);
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

static void remember_round (PrWindow   *self,
                            GFile      *folder,
                            const char *title);

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
      g_signal_emit (self, signals[SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_ROUND);
      return;
    }

  remember_round (self, pr_round_page_get_folder (self->round_page),
                  pr_round_page_get_title (self->round_page));
  show_page (self, "round", pr_round_page_get_title (self->round_page));
  gtk_widget_grab_focus (GTK_WIDGET (pr_round_page_get_passphrase (self->round_page)));
  g_signal_emit (self, signals[SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_ROUND);
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
      show_page (self, "round", pr_round_page_get_title (self->round_page));
      g_signal_emit (self, signals[SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_ROUND);
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
      show_page (self, "round", pr_round_page_get_title (self->round_page));
      g_signal_emit (self, signals[SIGNAL_FILE_ROUTED], 0, file, (int) PR_FILE_KIND_BALLOT);
      return;
    }

  pr_window_toast (self, message);
  show_error_page (self, error != NULL ? _("Cannot Open This File") : _("Not an Invitation"), message);
  g_signal_emit (self, signals[SIGNAL_FILE_ROUTED], 0, file, (int) kind);
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
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app != NULL ? pr_application_get_settings (PR_APPLICATION (app)) : NULL;
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
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app != NULL ? pr_application_get_settings (PR_APPLICATION (app)) : NULL;
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

static void
assistant_open_round_cb (PrWindow         *self,
                         GFile            *folder,
                         PrRoundAssistant *assistant)
{
  pr_window_open_file (self, folder);
}

static void
new_round_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  PrRoundAssistant *assistant;

  if (self->assistant != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->assistant));
      return;
    }
  assistant = pr_round_assistant_new (GTK_WINDOW (self));
  g_set_weak_pointer (&self->assistant, assistant);
  g_signal_connect_object (assistant, "open-round", G_CALLBACK (assistant_open_round_cb), self,
                           G_CONNECT_SWAPPED);
  /* Not "destroy": that waits for the last reference, while a closed
   * window is unrealized at once. */
  g_signal_connect_object (assistant, "unrealize", G_CALLBACK (assistant_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (assistant));
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* The assistant was closed. The main window closes from an idle: the
 * assistant goes away while its question still emits "response". */
static void
assistant_destroyed_cb (PrWindow *self)
{
  /* Destroyed is gone, whoever still holds a reference. */
  g_clear_weak_pointer (&self->assistant);
  if (!self->close_after_assistant)
    return;
  self->close_after_assistant = FALSE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (self), g_object_unref);
}

GtkWindow *
pr_window_get_assistant (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  return self->assistant != NULL ? GTK_WINDOW (self->assistant) : NULL;
}

static void refresh_recent (PrWindow *self);

/* Out of the list, not forgotten: the draft keeps the order and the
 * ballots sealed, and comes back when the invitation is opened again.
 * The draft's path is the remove button's action target. */
static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!pr_draft_hide (g_variant_get_string (parameter, NULL), &error))
    g_warning ("Could not remove the invitation from the list: %s", error->message);
  refresh_recent (PR_WINDOW (widget));
}

static char *
recent_subtitle (const PrDraftSummary *summary)
{
  g_autofree char *ranked = g_strdup_printf (ngettext ("%u ranked", "%u ranked", summary->n_ranked),
                                             summary->n_ranked);
  g_autofree char *display = NULL;

  /* Said in words, before anyone tries to open it. */
  if (!g_file_test (summary->invitation_path, G_FILE_TEST_IS_REGULAR))
    {
      display = g_filename_display_name (summary->invitation_path);
      /* TRANSLATORS: "3 ranked · the invitation is no longer at /home/…/inv.json" */
      return g_strdup_printf (_("%s · the invitation is no longer at %s"), ranked, display);
    }
  if (summary->sent_time > 0)
    {
      g_autoptr(GDateTime) sent = g_date_time_new_from_unix_local (summary->sent_time);
      /* TRANSLATORS: a date with the year in full, as g_date_time_format()
       * spells it: "%B %-d, %Y" is "December 3, 2026"; put the day, month
       * and year in your language's order, e.g. "%-d. %B %Y" */
      g_autofree char *date = g_date_time_format (sent, C_("date", "%B %-d, %Y"));

      /* TRANSLATORS: "3 ranked · sent December 3, 2026" */
      return g_strdup_printf (_("%s · sent %s"), ranked, date);
    }
  /* TRANSLATORS: "3 ranked · not sent yet" */
  return g_strdup_printf (_("%s · not sent yet"), ranked);
}

static GtkWidget *
recent_row_new (PrWindow             *self,
                const PrDraftSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  g_autofree char *subtitle = recent_subtitle (summary);
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s” from Recent Invitations"), summary->title);
  gboolean exists = g_file_test (summary->invitation_path, G_FILE_TEST_IS_REGULAR);

  pr_action_row_set_text (ADW_ACTION_ROW (row), summary->title, subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.forget-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", summary->draft_path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  if (exists)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-path");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", summary->invitation_path);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), exists);
  return row;
}

/* The drafts tell which invitations this person opened: an associate in
 * two teams finds both here. */
static void
refresh_recent (PrWindow *self)
{
  g_autoptr(GPtrArray) drafts = pr_draft_list (NULL);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; i < drafts->len && shown < 5; i++)
    {
      const PrDraftSummary *summary = g_ptr_array_index (drafts, i);

      if (summary->invitation_path == NULL)
        continue;
      gtk_list_box_append (self->recent_list, recent_row_new (self, summary));
      shown++;
    }
  gtk_widget_set_visible (self->recent_box, shown > 0);
}

static GSettings *get_settings (PrWindow *self);

/* Both results pages (the demo's, the round's) show what the organizer
 * chose last: method, treatment, resamples. */
static void
bind_results_settings (PrWindow *self)
{
  GSettings *settings = get_settings (self);

  if (settings == NULL)
    return;
  pr_results_page_bind_settings (self->results_page, settings);
  pr_results_page_bind_settings (pr_round_page_get_results_page (self->round_page), settings);
}

static GSettings *
get_settings (PrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? pr_application_get_settings (PR_APPLICATION (app)) : NULL;
}

#define MAX_RECENT_ROUNDS 5

/* The title a recent round had when last opened, or NULL; @titles is
 * the recent-round-titles dictionary. */
static char *
lookup_round_title (GVariant   *titles,
                    const char *path)
{
  char *title = NULL;

  if (!g_variant_lookup (titles, path, "s", &title))
    return NULL;
  return title;
}

/* The organizer's rounds, most recent first, so that coming back to a
 * round is one click on the welcome page; each with its title (the
 * folders are often all called "round"). */
static void
remember_round (PrWindow   *self,
                GFile      *folder,
                const char *title)
{
  GSettings *settings = get_settings (self);
  g_autofree char *path = g_file_get_path (folder);
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  g_autoptr(GVariant) old_titles = NULL;
  GVariantBuilder titles;
  guint n = 1;

  if (settings == NULL || path == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-rounds");
  old_titles = g_settings_get_value (settings, "recent-round-titles");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_ROUNDS; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  paths = g_strv_builder_end (builder);

  /* Only the rounds still listed keep a title. */
  g_variant_builder_init (&titles, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *known = i == 0 ? NULL : lookup_round_title (old_titles, paths[i]);
      const char *shown = i == 0 ? title : known;

      if (shown != NULL && shown[0] != '\0')
        g_variant_builder_add (&titles, "{ss}", paths[i], shown);
    }
  g_settings_set_value (settings, "recent-round-titles", g_variant_builder_end (&titles));
  g_settings_set_strv (settings, "recent-rounds", (const char * const *) paths);
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

static void
refresh_recent_rounds (PrWindow *self)
{
  GSettings *settings = get_settings (self);
  g_auto(GStrv) paths = settings != NULL ? g_settings_get_strv (settings, "recent-rounds") : NULL;
  g_autoptr(GVariant) titles = settings != NULL ? g_settings_get_value (settings, "recent-round-titles") : NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_rounds_list))) != NULL)
    gtk_list_box_remove (self->recent_rounds_list, child);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *title = lookup_round_title (titles, paths[i]);
      g_autofree char *subtitle = g_filename_display_name (paths[i]);
      GtkWidget *row = adw_action_row_new ();

      if (title == NULL)
        title = g_filename_display_name (base);
      pr_action_row_set_text (ADW_ACTION_ROW (row), title, subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-path");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", paths[i]);
      gtk_list_box_append (self->recent_rounds_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->recent_rounds_box, shown > 0);
}

static void
show_page (PrWindow   *self,
           const char *name,
           const char *subtitle)
{
  gboolean welcome = g_str_equal (name, "welcome");

  gtk_stack_set_visible_child_name (self->stack, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (self->back_button, !welcome);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-welcome", !welcome);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  if (welcome)
    {
      refresh_recent (self);
      refresh_recent_rounds (self);
    }
}

static char *
describe_demo (const PrDemoSession *session)
{
  guint counted = pr_profile_get_n_ballots (session->results->profile);
  g_autofree char *files = g_strdup_printf (ngettext ("%u ballot file imported", "%u ballot files imported",
                                                      session->n_files), session->n_files);

  /* TRANSLATORS: "16 ballot files imported, 12 counted · round fingerprint ABCD-…" */
  return g_strdup_printf (_("%s, %u counted · round fingerprint %s"), files, counted,
                          session->fingerprint);
}

/* The task does not keep the window alive: disposing the window cancels
 * the task, and a cancelled task reports so here before @self is used. */
static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PrWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrDemoSession) session = NULL;
  g_autofree char *summary = NULL;

  session = pr_demo_session_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->demo_cancellable);

  if (session == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The demo round could not be prepared: %s"),
                                                  error->message);

      show_page (self, "welcome", NULL);
      pr_window_toast (self, message);
      return;
    }

  summary = describe_demo (session);
  /* The demo's newcomer is its organizer: they may see per-rater data. */
  pr_results_page_set_organizer (self->results_page, TRUE);
  pr_results_page_take_results (self->results_page, session->title, session->fingerprint, summary,
                                g_steal_pointer (&session->results));
  show_page (self, "results", _("Demo Round"));
  g_signal_emit (self, signals[SIGNAL_RESULTS_SHOWN], 0);
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  self->demo_cancellable = g_cancellable_new ();

  show_page (self, "loading", NULL);
  pr_demo_session_run_async (DEMO_SEED, self->demo_cancellable, demo_cb, self);
}

static void
show_welcome_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  /* Leaving the loading page cancels the work behind it. */
  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  show_page (self, "welcome", NULL);
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

/* A round restored from its key's backup learns its title only once
 * unlocked. */
static void
round_unlocked_cb (PrWindow    *self,
                   gboolean     success,
                   PrRoundPage *page)
{
  if (success && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "round") == 0)
    adw_window_title_set_subtitle (self->window_title, pr_round_page_get_title (page));
}

static void
setup_drop_target (PrWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
restore_window_state (PrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app != NULL ? pr_application_get_settings (PR_APPLICATION (app)) : NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (PrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app != NULL ? pr_application_get_settings (PR_APPLICATION (app)) : NULL;
  int width, height;

  if (settings == NULL)
    return;

  /* The default size is what the window is un-maximized, which is what
   * the next start should use. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  /* Not g_settings_delay(): the application's one GSettings would stay
   * in delay-apply mode, and other windows' writes would wait. */
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

/* The organizer answered the assistant's question: staying keeps both
 * windows open. */
static void
assistant_answered_cb (PrWindow         *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  if (!g_str_equal (response, "leave"))
    self->close_after_assistant = FALSE;
}

static gboolean
pr_window_close_request (GtkWindow *window)
{
  PrWindow *self = PR_WINDOW (window);

  /* An associate with a ranking they have not sent is asked first. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->ranking_page)) &&
      !pr_ranking_page_confirm_close (self->ranking_page))
    return TRUE;
  /* The assistant decides first (one close path, DESIGN §1): it may hold
   * typed details or a round without invitations. */
  if (self->assistant != NULL)
    {
      AdwMessageDialog *question;

      self->close_after_assistant = TRUE;
      gtk_window_close (GTK_WINDOW (self->assistant));
      if (self->assistant != NULL)
        {
          question = pr_round_assistant_get_leave_dialog (self->assistant);
          if (question != NULL)
            g_signal_connect_object (question, "response", G_CALLBACK (assistant_answered_cb),
                                     self, G_CONNECT_SWAPPED);
          else
            self->close_after_assistant = FALSE;
          return TRUE;
        }
    }
  save_window_state (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (pr_window_parent_class)->close_request (window);
}

static void
pr_window_dispose (GObject *object)
{
  PrWindow *self = PR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->assistant != NULL)
    gtk_window_destroy (GTK_WINDOW (self->assistant));
  g_clear_weak_pointer (&self->assistant);
  g_clear_object (&self->last_action_toast);

  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_WINDOW);

  G_OBJECT_CLASS (pr_window_parent_class)->dispose (object);
}

static void
pr_window_finalize (GObject *object)
{
  PrWindow *self = PR_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (pr_window_parent_class)->finalize (object);
}

static void
pr_window_class_init (PrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pr_window_dispose;
  object_class->finalize = pr_window_finalize;
  window_class->close_request = pr_window_close_request;

  /**
   * PrWindow::file-routed:
   * @file: the file that was opened
   * @kind: its #PrFileKind, or %PR_FILE_KIND_UNKNOWN on error
   *
   * Emitted once a file opened in the window has been recognised.
   */
  signals[SIGNAL_FILE_ROUTED] =
    g_signal_new ("file-routed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_INT);

  /**
   * PrWindow::results-shown:
   *
   * Emitted when the results page has been filled and shown.
   */
  signals[SIGNAL_RESULTS_SHOWN] =
    g_signal_new ("results-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PrWindow::invitation-opened:
   * @success: whether the ranking page shows it
   *
   * Emitted when an invitation has been read and shown, or refused.
   */
  signals[SIGNAL_INVITATION_OPENED] =
    g_signal_new ("invitation-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (PR_TYPE_RESULTS_PAGE);
  g_type_ensure (PR_TYPE_RANKING_PAGE);
  g_type_ensure (PR_TYPE_ROUND_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, results_page);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, ranking_page);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, round_page);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, recent_rounds_box);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, recent_rounds_list);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-invitation", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-round", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-path", "s", open_path_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
  gtk_widget_class_install_action (widget_class, "win.new-round", NULL, new_round_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-welcome", NULL, show_welcome_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.show-welcome", NULL);
}

static void
pr_window_init (PrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  setup_drop_target (self);
  g_signal_connect_object (self->round_page, "toast", G_CALLBACK (pr_window_toast), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->round_page, "toast-action", G_CALLBACK (round_toast_action_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->round_page, "unlocked", G_CALLBACK (round_unlocked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-welcome", FALSE);
  refresh_recent (self);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
