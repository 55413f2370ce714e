/* pr-window.c — the Peer Rank main window
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-markup.h"
#include "pr-window-private.h"

G_DEFINE_FINAL_TYPE (PrWindow, pr_window, ADW_TYPE_APPLICATION_WINDOW)

guint pr_window_signals[PR_WINDOW_N_SIGNALS];

static void assistant_destroyed_cb (PrWindow *self);

PrWindow *
pr_window_new (GtkApplication *application,
               GSettings      *settings)
{
  PrWindow *self = g_object_new (PR_TYPE_WINDOW, "application", application, NULL);

  g_set_object (&self->settings, settings);

  /* Not in constructed(): "application" is an ordinary property, set
   * only after construction has finished. */
  pr_window_restore_state (self);
  pr_window_bind_results_settings (self);
  pr_window_refresh_recent_rounds (self);

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

/* What a toast's button runs: one of the round page's actions. */
typedef struct {
  PrWindow *self;
  char     *action_name;
} ToastAction;

static void
toast_action_free (gpointer  data,
                   GClosure *closure)
{
  ToastAction *action = data;

  g_free (action->action_name);
  g_free (action);
}

static void
toast_button_clicked_cb (AdwToast    *toast,
                         ToastAction *action)
{
  gtk_widget_activate_action (GTK_WIDGET (action->self->round_page), action->action_name, NULL);
}

/* The round page's toast whose button runs one of the page's actions.
 * The button cannot name the action itself: the toast is not inside the
 * page, where the page's actions are found. The toast lives in the
 * window's overlay, so the window outlives it. */
static void
round_toast_action_cb (PrWindow   *self,
                       const char *title,
                       const char *button_label,
                       const char *action_name)
{
  ToastAction *action = g_new0 (ToastAction, 1);
  AdwToast *toast;

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  toast = pr_toast_new_text (title);
  adw_toast_set_button_label (toast, button_label);
  /* Long enough to read the sentence and reach the button. */
  adw_toast_set_timeout (toast, 10);
  action->self = self;
  action->action_name = g_strdup (action_name);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_button_clicked_cb), action,
                         toast_action_free, 0);
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

void
pr_window_show_page (PrWindow   *self,
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
      pr_window_refresh_recent (self);
      pr_window_refresh_recent_rounds (self);
    }
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
  pr_window_show_page (self, "welcome", NULL);
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
  pr_window_save_state (self);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_WINDOW);

  G_OBJECT_CLASS (pr_window_parent_class)->dispose (object);
}

static void
pr_window_finalize (GObject *object)
{
  PrWindow *self = PR_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->last_action_toast);

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
  pr_window_signals[PR_WINDOW_SIGNAL_FILE_ROUTED] =
    g_signal_new ("file-routed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_INT);

  /**
   * PrWindow::results-shown:
   *
   * Emitted when the results page has been filled and shown.
   */
  pr_window_signals[PR_WINDOW_SIGNAL_RESULTS_SHOWN] =
    g_signal_new ("results-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PrWindow::invitation-opened:
   * @success: whether the ranking page shows it
   *
   * Emitted when an invitation has been read and shown, or refused.
   */
  pr_window_signals[PR_WINDOW_SIGNAL_INVITATION_OPENED] =
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

  pr_window_class_init_open (widget_class);
  pr_window_class_init_recent (widget_class);
  pr_window_class_init_demo (widget_class);
  gtk_widget_class_install_action (widget_class, "win.new-round", NULL, new_round_action);
  gtk_widget_class_install_action (widget_class, "win.show-welcome", NULL, show_welcome_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.show-welcome", NULL);
}

static void
pr_window_init (PrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  pr_window_init_open (self);
  g_signal_connect_object (self->round_page, "toast", G_CALLBACK (pr_window_toast), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->round_page, "toast-action", G_CALLBACK (round_toast_action_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->round_page, "unlocked", G_CALLBACK (round_unlocked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-welcome", FALSE);
  pr_window_refresh_recent (self);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
