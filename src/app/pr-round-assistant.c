/* pr-round-assistant.c — New Round: details, roster, passphrase, key
 * backup, fingerprint and invitations
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "pr-chooser.h"
#include "pr-crypto.h"
#include "pr-keyfile.h"
#include "pr-passphrase-meter.h"
#include "pr-round-assistant-private.h"
#include "pr-store.h"

#define MIN_PASSPHRASE 8

struct _PrRoundAssistant
{
  AdwWindow             parent_instance;

  GtkWidget            *back_button;
  GtkButton            *next_button;
  GtkLabel             *error_label;
  GtkStack             *steps;
  AdwEntryRow          *title_row;
  AdwEntryRow          *description_row;
  AdwEntryRow          *organizer_row;
  AdwActionRow         *deadline_row;
  GtkCalendar          *calendar;
  GtkSpinButton        *min_ranked_spin;
  GtkSpinButton        *min_raters_spin;
  PrRosterEditor       *roster_editor;
  GtkPasswordEntry     *passphrase_entry;
  GtkPasswordEntry     *confirm_entry;
  PrPassphraseMeter    *strength_meter;
  AdwActionRow         *folder_row;
  GtkSpinner           *creating_spinner;
  GtkLabel             *fingerprint_label;
  GtkLabel             *backup_label;
  AdwActionRow         *invitations_row;
  GtkLabel             *invitations_label;

  char                 *deadline;          /* "YYYY-MM-DD" or NULL */
  char                 *folder;            /* the round folder to create */
  gboolean              folder_chosen;
  char                 *invitations_folder;
  gboolean              invitations_chosen;
  guint64               opslimit;
  gsize                 memlimit;

  GCancellable         *cancellable;
  gboolean              busy;
  PrStore              *store;
  GPtrArray            *invitations;       /* secrets until written */
  gboolean              backed_up;
  gboolean              written;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *leave_dialog;
  gboolean              may_close;
  GCallback             chosen;            /* what the open chooser's answer goes to */
};

G_DEFINE_FINAL_TYPE (PrRoundAssistant, pr_round_assistant, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CREATED,
  SIGNAL_INVITATIONS_WRITTEN,
  SIGNAL_OPEN_ROUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_buttons (PrRoundAssistant *self);

static void
set_error (PrRoundAssistant *self,
           const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_step (PrRoundAssistant *self,
           const char       *step)
{
  set_error (self, NULL);
  gtk_stack_set_visible_child_name (self->steps, step);
  update_buttons (self);
}

/* ---- details ---- */

/* TRUE when @deadline ("YYYY-MM-DD") is before today, here. */
static gboolean
deadline_passed (const char *deadline)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return strcmp (deadline, today) < 0;
}

static void
set_deadline (PrRoundAssistant *self,
              const char       *deadline)
{
  g_autofree char *subtitle = NULL;
  gboolean passed;

  g_free (self->deadline);
  self->deadline = deadline != NULL && deadline[0] != '\0' ? g_strdup (deadline) : NULL;
  passed = self->deadline != NULL && deadline_passed (self->deadline);
  if (self->deadline == NULL)
    subtitle = g_strdup (_("No deadline"));
  else if (passed)
    /* TRANSLATORS: %s is a date, YYYY-MM-DD */
    subtitle = g_strdup_printf (_("%s — this date has passed: invitations will say the deadline is over"),
                                self->deadline);
  else
    subtitle = g_strdup (self->deadline);
  adw_action_row_set_subtitle (self->deadline_row, subtitle);
  if (passed)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_row), "warning");
}

static void
day_selected_cb (PrRoundAssistant *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  set_deadline (self, text);
}

static void
set_deadline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  const char *text = g_variant_get_string (parameter, NULL);
  int y, m, d;

  if (text[0] != '\0' && (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y)))
    {
      set_error (self, _("The deadline must be a date written as YYYY-MM-DD."));
      return;
    }
  set_deadline (self, text);
}

static const char *
field_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
check_details (PrRoundAssistant *self)
{
  g_autofree char *title = g_strstrip (g_strdup (field_text (self->title_row)));

  if (title[0] == '\0')
    {
      set_error (self, _("Give the round a title, for example “Sprint 12 review”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return FALSE;
    }
  return TRUE;
}

/* ---- passphrase and folder ---- */

static void
passphrase_changed_cb (PrRoundAssistant *self)
{
  pr_passphrase_meter_update (self->strength_meter,
                              gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry)));
}

static char *
default_folder (PrRoundAssistant *self)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *base = g_build_filename (documents != NULL ? documents : g_get_home_dir (),
                                            _("Peer Rank"), NULL);
  g_autofree char *slug = pr_store_invitation_slug (field_text (self->title_row), "round");
  char *path = g_build_filename (base, slug, NULL);

  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS) && i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u", slug, i);

      g_free (path);
      path = g_build_filename (base, name, NULL);
    }
  return path;
}

static void
set_folder (PrRoundAssistant *self,
            const char       *path,
            gboolean          chosen)
{
  g_autofree char *display = g_filename_display_name (path);

  g_free (self->folder);
  self->folder = g_strdup (path);
  self->folder_chosen |= chosen;
  adw_action_row_set_subtitle (self->folder_row, display);
}

static void
set_invitations_folder (PrRoundAssistant *self,
                        const char       *path,
                        gboolean          chosen)
{
  g_autofree char *display = g_filename_display_name (path);

  g_free (self->invitations_folder);
  self->invitations_folder = g_strdup (path);
  self->invitations_chosen |= chosen;
  adw_action_row_set_subtitle (self->invitations_row, display);
}

static gboolean
check_passphrase (PrRoundAssistant *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));

  if (g_utf8_strlen (passphrase, -1) < MIN_PASSPHRASE)
    {
      set_error (self, _("The passphrase needs at least 8 characters."));
      return FALSE;
    }
  if (!g_str_equal (passphrase, confirm))
    {
      set_error (self, _("The two passphrases differ. Type the same passphrase twice."));
      return FALSE;
    }
  return TRUE;
}

/* ---- creating the round ---- */

typedef struct {
  char     *dir;
  char     *title;
  char     *description;
  char     *deadline;
  char     *organizer;
  guint     min_ranked;
  guint     min_raters;
  GStrv     names;
  GStrv     emails;        /* NULL when nobody has an address */
  PrSecret *passphrase;
  guint64   opslimit;
  gsize     memlimit;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->dir);
  g_free (data->title);
  g_free (data->description);
  g_free (data->deadline);
  g_free (data->organizer);
  g_strfreev (data->names);
  g_strfreev (data->emails);
  pr_secret_free (data->passphrase);
  g_free (data);
}

typedef struct {
  PrStore   *store;
  GPtrArray *invitations;
} Created;

static void
created_free (Created *created)
{
  g_clear_pointer (&created->store, pr_store_free);
  g_clear_pointer (&created->invitations, g_ptr_array_unref);
  g_free (created);
}

static char *
empty_to_null (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  PrStoreParams params = { 0 };
  GError *error = NULL;
  Created *created = g_new0 (Created, 1);
  g_autofree char *parent = g_path_get_dirname (data->dir);

  params.title = data->title;
  params.description = data->description;
  params.deadline = data->deadline;
  params.organizer = data->organizer;
  params.min_ranked = data->min_ranked;
  params.min_raters = data->min_raters;
  params.names = (const char * const *) data->names;
  params.emails = (const char * const *) data->emails;
  params.passphrase = (const char *) pr_secret_get_data (data->passphrase);
  params.opslimit = data->opslimit;
  params.memlimit = data->memlimit;

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved = errno;

      created_free (created);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("The folder “%s” could not be made: %s"), parent, g_strerror (saved));
      return;
    }
  created->store = pr_store_create (data->dir, &params, &created->invitations, &error);
  if (created->store == NULL)
    {
      created_free (created);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, created, (GDestroyNotify) created_free);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  Created *created = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy = FALSE;
  gtk_spinner_set_spinning (self->creating_spinner, FALSE);
  if (created == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The round could not be created: %s"), error->message);

      show_step (self, "key");
      set_error (self, message);
      g_signal_emit (self, signals[SIGNAL_CREATED], 0, FALSE);
      return;
    }

  self->store = g_steal_pointer (&created->store);
  self->invitations = g_steal_pointer (&created->invitations);
  created_free (created);
  gtk_label_set_text (self->fingerprint_label,
                      pr_manifest_get_fingerprint (pr_store_get_manifest (self->store)));
  gtk_label_set_text (self->backup_label, _("No backup copy saved yet."));
  if (!self->invitations_chosen)
    {
      g_autofree char *path = g_strconcat (self->folder, "-", _("invitations"), NULL);

      set_invitations_folder (self, path, FALSE);
    }
  show_step (self, "backup");
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, TRUE);
}

static void
create_round (PrRoundAssistant *self)
{
  CreateData *data = g_new0 (CreateData, 1);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) emails = pr_roster_editor_dup_emails (self->roster_editor);
  gboolean any_email = FALSE;

  for (guint i = 0; emails[i] != NULL; i++)
    any_email |= emails[i][0] != '\0';
  data->dir = g_strdup (self->folder);
  data->title = g_strstrip (g_strdup (field_text (self->title_row)));
  data->description = empty_to_null (field_text (self->description_row));
  data->organizer = empty_to_null (field_text (self->organizer_row));
  data->deadline = g_strdup (self->deadline);
  data->min_ranked = (guint) gtk_spin_button_get_value_as_int (self->min_ranked_spin);
  data->min_raters = (guint) gtk_spin_button_get_value_as_int (self->min_raters_spin);
  data->names = pr_roster_editor_dup_names (self->roster_editor);
  data->emails = any_email ? g_steal_pointer (&emails) : NULL;
  data->passphrase = pr_secret_new_from_data ((const guint8 *) passphrase, strlen (passphrase) + 1);
  data->opslimit = self->opslimit;
  data->memlimit = self->memlimit;

  /* The fields never keep the passphrase (AT-SPI could read it). Focus
   * leaves them first: they are hidden with their step. */
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");

  self->busy = TRUE;
  gtk_spinner_set_spinning (self->creating_spinner, TRUE);
  show_step (self, "creating");

  task = g_task_new (self, self->cancellable, create_cb, NULL);
  g_task_set_source_tag (task, create_round);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

/* ---- the key's backup copy ---- */

static void
save_backup (PrRoundAssistant *self,
             const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = NULL;

  if (self->store == NULL)
    return;
  if (!pr_store_backup_key (self->store, path, &error))
    {
      message = g_strdup_printf (_("The backup copy could not be saved: %s"), error->message);
      set_error (self, message);
      return;
    }
  self->backed_up = TRUE;
  set_error (self, NULL);
  message = g_strdup_printf (_("Backup copy saved to “%s”. Keep it somewhere safe, apart from this computer if you can."),
                             display);
  gtk_label_set_text (self->backup_label, message);
  update_buttons (self);
}

static void
save_backup_to_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  save_backup (PR_ROUND_ASSISTANT (widget), g_variant_get_string (parameter, NULL));
}

typedef void (*ChosenFunc) (PrRoundAssistant *self,
                            const char       *path);

static void
chooser_response_cb (PrRoundAssistant     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  ChosenFunc func = (ChosenFunc) self->chosen;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  file = pr_chooser_take_file (&self->chooser, response);
  if (file == NULL)
    return;
  if ((path = g_file_get_path (file)) == NULL)
    {
      set_error (self, _("Choose a place on this computer."));
      return;
    }
  func (self, path);
}

static void
choose (PrRoundAssistant     *self,
        const char           *title,
        GtkFileChooserAction  action,
        const char           *current_name,
        ChosenFunc            func)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                               action == GTK_FILE_CHOOSER_ACTION_SAVE
                                               ? _("_Save") : _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), current_name);
  self->chosen = G_CALLBACK (func);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_backup_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  g_autofree char *base = g_path_get_basename (self->folder);
  g_autofree char *name = g_strconcat (base, "-organizer.key", NULL);

  choose (self, _("Save a Backup Copy of the Key"), GTK_FILE_CHOOSER_ACTION_SAVE, name, save_backup);
}

static void
copy_fingerprint_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), gtk_label_get_text (self->fingerprint_label));
}

/* ---- folders ---- */

static void
folder_chosen (PrRoundAssistant *self,
               const char       *path)
{
  set_folder (self, path, TRUE);
}

static void
invitations_folder_chosen (PrRoundAssistant *self,
                           const char       *path)
{
  set_invitations_folder (self, path, TRUE);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  gboolean invitations = g_str_equal (action_name, "assistant.choose-invitations-folder");

  choose (self, invitations ? _("Folder for the Invitations") : _("Folder for the Round"),
          GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, NULL,
          invitations ? invitations_folder_chosen : folder_chosen);
}

static void
set_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  const char *path = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "assistant.set-invitations-folder"))
    set_invitations_folder (self, path, TRUE);
  else
    set_folder (self, path, TRUE);
}

/* ---- invitations ---- */

/* What the worker writes: its own copy of the places, and the
 * invitations, which nobody changes once made. */
typedef struct {
  char      *folder;
  char      *invitations_folder;
  GPtrArray *invitations;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->folder);
  g_free (job->invitations_folder);
  g_ptr_array_unref (job->invitations);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (!pr_store_check_separate_dirs (job->folder, job->invitations_folder, &error) ||
      !pr_store_write_invitations (job->invitations_folder, job->invitations, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (self->invitations_folder);
  g_autofree char *message = NULL;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      message = g_strdup_printf (_("The invitations could not be written: %s"), error->message);
      set_error (self, message);
      update_buttons (self);
      g_signal_emit (self, signals[SIGNAL_INVITATIONS_WRITTEN], 0, FALSE);
      return;
    }
  /* Written: the secrets need not stay in memory any longer. */
  self->written = TRUE;
  g_clear_pointer (&self->invitations, g_ptr_array_unref);
  message = g_strdup_printf (ngettext ("%u invitation was written to “%s”. Send each file to its member only.",
                                       "%u invitations were written to “%s”. Send each file to its member only.",
                                       pr_manifest_get_n_members (pr_store_get_manifest (self->store))),
                             pr_manifest_get_n_members (pr_store_get_manifest (self->store)), display);
  gtk_label_set_text (self->invitations_label, message);
  update_buttons (self);
  g_signal_emit (self, signals[SIGNAL_INVITATIONS_WRITTEN], 0, TRUE);
}

static void
write_invitations_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  if (!self->backed_up || self->invitations == NULL || self->busy)
    return;
  set_error (self, NULL);
  self->busy = TRUE;
  update_buttons (self);
  job = g_new0 (WriteJob, 1);
  job->folder = g_strdup (self->folder);
  job->invitations_folder = g_strdup (self->invitations_folder);
  job->invitations = g_ptr_array_ref (self->invitations);
  task = g_task_new (self, self->cancellable, write_cb, NULL);
  g_task_set_source_tag (task, write_invitations_action);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PrRoundAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The folder could not be shown: %s"), error->message);

      set_error (self, message);
    }
}

static void
show_invitations_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  g_autoptr(GFile) folder = g_file_new_for_path (self->invitations_folder);
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, show_uri_cb, g_object_ref (self));
}

/* ---- steps ---- */

static void
update_buttons (PrRoundAssistant *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *step = gtk_stack_get_visible_child_name (self->steps);
  gboolean can_next = !self->busy;
  const char *label = _("_Next");

  if (g_str_equal (step, "key"))
    label = _("_Create Round");
  else if (g_str_equal (step, "backup"))
    can_next = self->backed_up;
  else if (g_str_equal (step, "invitations"))
    {
      label = _("_Open Round");
      can_next = self->written && !self->busy;
    }
  else if (g_str_equal (step, "creating"))
    can_next = FALSE;
  gtk_button_set_label (self->next_button, label);
  gtk_widget_action_set_enabled (widget, "assistant.next", can_next);
  gtk_widget_action_set_enabled (widget, "assistant.back",
                                 !self->busy && (g_str_equal (step, "roster") || g_str_equal (step, "key") ||
                                                 g_str_equal (step, "invitations")));
  gtk_widget_set_visible (self->back_button, !g_str_equal (step, "details") && !g_str_equal (step, "backup") &&
                                             !g_str_equal (step, "creating"));
  gtk_widget_action_set_enabled (widget, "assistant.save-backup", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "assistant.save-backup-to", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "assistant.write-invitations",
                                 self->backed_up && self->invitations != NULL && !self->busy && !self->written);
  gtk_widget_action_set_enabled (widget, "assistant.choose-invitations-folder", !self->written && !self->busy);
  gtk_widget_action_set_enabled (widget, "assistant.set-invitations-folder", !self->written && !self->busy);
  gtk_widget_action_set_enabled (widget, "assistant.show-invitations", self->written);
  gtk_widget_action_set_enabled (widget, "assistant.choose-folder", self->store == NULL && !self->busy);
  gtk_widget_action_set_enabled (widget, "assistant.set-folder", self->store == NULL && !self->busy);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  const char *step = gtk_stack_get_visible_child_name (self->steps);
  g_autoptr(GError) error = NULL;
  guint n;

  if (g_str_equal (step, "details") && check_details (self))
    show_step (self, "roster");
  else if (g_str_equal (step, "roster"))
    {
      if (!pr_roster_editor_validate (self->roster_editor, &error))
        {
          set_error (self, error->message);
          return;
        }
      /* Nobody ranks themself: both rules are at most the others' count. */
      n = pr_roster_editor_get_n (self->roster_editor);
      gtk_spin_button_set_range (self->min_ranked_spin, 1, n - 1);
      gtk_spin_button_set_range (self->min_raters_spin, 1, n - 1);
      if (!self->folder_chosen)
        {
          g_autofree char *folder = default_folder (self);

          set_folder (self, folder, FALSE);
        }
      show_step (self, "key");
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
    }
  else if (g_str_equal (step, "key") && check_passphrase (self))
    create_round (self);
  else if (g_str_equal (step, "backup") && self->backed_up)
    show_step (self, "invitations");
  else if (g_str_equal (step, "invitations") && self->written)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (self->folder);

      g_signal_emit (self, signals[SIGNAL_OPEN_ROUND], 0, folder);
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (widget);
  const char *step = gtk_stack_get_visible_child_name (self->steps);

  if (g_str_equal (step, "roster"))
    show_step (self, "details");
  else if (g_str_equal (step, "key"))
    show_step (self, "roster");
  else if (g_str_equal (step, "invitations"))
    show_step (self, "backup");
}

/* ---- accessors for tests ---- */

void
pr_round_assistant_set_key_limits (PrRoundAssistant *self,
                                   guint64           opslimit,
                                   gsize             memlimit)
{
  g_return_if_fail (PR_IS_ROUND_ASSISTANT (self));
  self->opslimit = opslimit;
  self->memlimit = memlimit;
}

const char *
pr_round_assistant_get_step (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return gtk_stack_get_visible_child_name (self->steps);
}

const char *
pr_round_assistant_get_error (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

GtkEditable *
pr_round_assistant_get_field (PrRoundAssistant *self,
                              const char       *name)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);

  if (g_str_equal (name, "title"))
    return GTK_EDITABLE (self->title_row);
  if (g_str_equal (name, "description"))
    return GTK_EDITABLE (self->description_row);
  if (g_str_equal (name, "organizer"))
    return GTK_EDITABLE (self->organizer_row);
  if (g_str_equal (name, "passphrase"))
    return GTK_EDITABLE (self->passphrase_entry);
  if (g_str_equal (name, "confirm"))
    return GTK_EDITABLE (self->confirm_entry);
  g_return_val_if_reached (NULL);
}

PrRosterEditor *
pr_round_assistant_get_roster (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return self->roster_editor;
}

GtkSpinButton *
pr_round_assistant_get_spin (PrRoundAssistant *self,
                             const char       *name)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return g_str_equal (name, "min-ranked") ? self->min_ranked_spin : self->min_raters_spin;
}

const char *
pr_round_assistant_get_strength (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return pr_passphrase_meter_get_text (self->strength_meter);
}

PrPassphraseMeter *
pr_round_assistant_get_strength_meter (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return self->strength_meter;
}

const char *
pr_round_assistant_get_fingerprint (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return gtk_label_get_text (self->fingerprint_label);
}

/* What the deadline row says. */
const char *
pr_round_assistant_get_deadline_text (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return adw_action_row_get_subtitle (self->deadline_row);
}

const char *
pr_round_assistant_get_deadline (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return self->deadline;
}

const char *
pr_round_assistant_get_folder (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return self->folder;
}

const char *
pr_round_assistant_get_invitations_folder (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return self->invitations_folder;
}

gboolean
pr_round_assistant_is_busy (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), FALSE);
  return self->busy;
}

/* ---- closing ---- */

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closed from an idle: the question is transient for the assistant and
 * still emitting "response"; the assistant must outlive it. */
static void
leave_response_cb (PrRoundAssistant *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  self->leave_dialog = NULL;
  if (g_str_equal (response, "leave"))
    {
      self->may_close = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (self), g_object_unref);
    }
}

/* Whether anything typed or made would be lost by closing now. */
static gboolean
has_typed_work (PrRoundAssistant *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] != '\0'
         || gtk_editable_get_text (GTK_EDITABLE (self->description_row))[0] != '\0'
         || pr_roster_editor_get_n (self->roster_editor) > 0;
}

/* What closing now would lose, as a dialog's heading and body; FALSE
 * when nothing would be. */
static gboolean
describe_loss (PrRoundAssistant  *self,
               const char       **heading,
               const char       **body)
{
  if (self->store == NULL && has_typed_work (self))
    {
      *heading = _("Discard the New Round?");
      *body = _("The details and the roster you entered are not saved anywhere yet.");
      return TRUE;
    }
  if (self->store != NULL && self->invitations != NULL && !self->written)
    {
      *heading = _("Leave Without Writing the Invitations?");
      *body = self->backed_up
              ? _("The round exists, but its invitations are not written yet. If you leave now, you will have to re-issue every member’s invitation from the round’s page.")
              : _("The round exists, but there is no backup copy of its key and its invitations are not written yet. If you leave now, you will have to re-issue every member’s invitation, and a lost key file cannot be restored.");
      return TRUE;
    }
  return FALSE;
}

static void
ask_before_leaving (PrRoundAssistant *self,
                    const char       *heading,
                    const char       *body,
                    gboolean          can_leave)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  self->leave_dialog = ADW_MESSAGE_DIALOG (dialog);
  if (can_leave)
    {
      adw_message_dialog_add_responses (self->leave_dialog, "stay", _("_Stay"), "leave",
                                        _("_Leave"), NULL);
      adw_message_dialog_set_response_appearance (self->leave_dialog, "leave",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    adw_message_dialog_add_response (self->leave_dialog, "stay", _("_Wait"));
  adw_message_dialog_set_default_response (self->leave_dialog, "stay");
  adw_message_dialog_set_close_response (self->leave_dialog, "stay");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The one way out (Escape, the close button, closing the main window,
 * Ctrl+Q): typed details, a round without invitations or a backup, and
 * a key being made are never lost without the organizer's word. */
static gboolean
pr_round_assistant_close_request (GtkWindow *window)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (window);
  const char *heading = NULL, *body = NULL;

  if (self->leave_dialog != NULL)
    return TRUE;
  if (self->busy)
    {
      ask_before_leaving (self, _("Not While the Round Is Being Made"),
                          _("The key and the invitations are being written. The assistant can close as soon as they are done."),
                          FALSE);
      return TRUE;
    }
  if (self->may_close || !describe_loss (self, &heading, &body))
    return GTK_WINDOW_CLASS (pr_round_assistant_parent_class)->close_request (window);
  ask_before_leaving (self, heading, body, TRUE);
  return TRUE;
}

AdwMessageDialog *
pr_round_assistant_get_leave_dialog (PrRoundAssistant *self)
{
  g_return_val_if_fail (PR_IS_ROUND_ASSISTANT (self), NULL);
  return self->leave_dialog;
}

/* ---- life cycle ---- */

PrRoundAssistant *
pr_round_assistant_new (GtkWindow *parent)
{
  return g_object_new (PR_TYPE_ROUND_ASSISTANT, "transient-for", parent, NULL);
}

static void
pr_round_assistant_dispose (GObject *object)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->leave_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->leave_dialog));
  self->leave_dialog = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_ROUND_ASSISTANT);

  G_OBJECT_CLASS (pr_round_assistant_parent_class)->dispose (object);
}

/* A running task holds a reference, so the store and the invitations
 * are only freed once nothing works on them. */
static void
pr_round_assistant_finalize (GObject *object)
{
  PrRoundAssistant *self = PR_ROUND_ASSISTANT (object);

  g_clear_pointer (&self->store, pr_store_free);
  g_clear_pointer (&self->invitations, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->deadline);
  g_free (self->folder);
  g_free (self->invitations_folder);

  G_OBJECT_CLASS (pr_round_assistant_parent_class)->finalize (object);
}

static void
pr_round_assistant_class_init (PrRoundAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_round_assistant_dispose;
  object_class->finalize = pr_round_assistant_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = pr_round_assistant_close_request;

  /**
   * PrRoundAssistant::created:
   * @success: whether the round folder was created
   */
  signals[SIGNAL_CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * PrRoundAssistant::invitations-written:
   * @success: whether every invitation was written
   */
  signals[SIGNAL_INVITATIONS_WRITTEN] =
    g_signal_new ("invitations-written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * PrRoundAssistant::open-round:
   * @folder: the new round folder
   *
   * Emitted when the organizer is done and wants to open the round.
   */
  signals[SIGNAL_OPEN_ROUND] =
    g_signal_new ("open-round", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  g_type_ensure (PR_TYPE_PASSPHRASE_METER);
  g_type_ensure (PR_TYPE_ROSTER_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-round-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, steps);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, title_row);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, description_row);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, organizer_row);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, calendar);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, min_ranked_spin);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, min_raters_spin);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, roster_editor);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, strength_meter);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, folder_row);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, creating_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, backup_label);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, invitations_row);
  gtk_widget_class_bind_template_child (widget_class, PrRoundAssistant, invitations_label);

  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.set-deadline", "s", set_deadline_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "assistant.set-folder", "s", set_folder_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy-fingerprint", NULL, copy_fingerprint_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-backup", NULL, save_backup_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-backup-to", "s", save_backup_to_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose-invitations-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "assistant.set-invitations-folder", "s", set_folder_action);
  gtk_widget_class_install_action (widget_class, "assistant.write-invitations", NULL, write_invitations_action);
  gtk_widget_class_install_action (widget_class, "assistant.show-invitations", NULL, show_invitations_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pr_round_assistant_init (PrRoundAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Paths and typed dates are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->deadline_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->folder_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->invitations_row), FALSE);

  self->cancellable = g_cancellable_new ();
  pr_keyfile_default_limits (&self->opslimit, &self->memlimit);
  set_deadline (self, NULL);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->passphrase_entry, "changed", G_CALLBACK (passphrase_changed_cb), self,
                           G_CONNECT_SWAPPED);
  passphrase_changed_cb (self);
  update_buttons (self);
  /* Typing starts with the title, not on the Next button. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
}
