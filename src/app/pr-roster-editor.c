/* pr-roster-editor.c — the members of a new round, edited by hand,
 * pasted or imported from a spreadsheet's CSV
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-atomic.h"
#include "pr-chooser.h"
#include "pr-manifest.h"
#include "pr-roster-editor.h"
#include "pr-roster.h"

/* A roster is short and edited by hand, so it is a GtkListBox of rows,
 * each holding its own entries; the order of the rows is the roster's. */
struct _PrRosterEditor
{
  AdwBin                parent_instance;

  GtkLabel             *count_label;
  GtkListBox           *list;
  GtkTextView          *paste_view;
  GtkLabel             *refused_label;
  GtkWidget            *undo_clear_button;

  char                 *refused;
  GStrv                 cleared_names;   /* what Remove All took, for Undo */
  GStrv                 cleared_emails;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (PrRosterEditor, pr_roster_editor, ADW_TYPE_BIN)

/* A row is a box of the name entry, the email entry and its buttons
 * (row_new()); the entries are its first two children. */
static GtkEditable *
row_name_entry (GtkListBoxRow *row)
{
  return GTK_EDITABLE (gtk_widget_get_first_child (gtk_list_box_row_get_child (row)));
}

static GtkEditable *
row_email_entry (GtkListBoxRow *row)
{
  return GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (row_name_entry (row))));
}

static void
update_count (PrRosterEditor *self)
{
  guint n = pr_roster_editor_get_n (self);
  g_autofree char *text = g_strdup_printf (ngettext ("%u member", "%u members", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.clear", n > 0);
}

static void
set_refused (PrRosterEditor *self,
             const char     *text)
{
  g_free (self->refused);
  self->refused = g_strdup (text);
  gtk_label_set_text (self->refused_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_label), text[0] != '\0');
}

guint
pr_roster_editor_get_n (PrRosterEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (PR_IS_ROSTER_EDITOR (self), 0);

  while (gtk_list_box_get_row_at_index (self->list, (int) n) != NULL)
    n++;
  return n;
}

/* Moving re-inserts the row; focus goes to the same button on its new
 * place, so a keyboard user can press it again. */
static void
move_row (PrRosterEditor *self,
          GtkListBoxRow  *row,
          int             delta,
          GtkWidget      *focus)
{
  int index = gtk_list_box_row_get_index (row);
  int target = index + delta;

  if (target < 0 || (guint) target >= pr_roster_editor_get_n (self))
    return;
  g_object_ref (row);
  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  gtk_list_box_insert (self->list, GTK_WIDGET (row), target);
  g_object_unref (row);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
remove_row (PrRosterEditor *self,
            GtkListBoxRow  *row)
{
  int index = gtk_list_box_row_get_index (row);
  GtkListBoxRow *next;

  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  next = gtk_list_box_get_row_at_index (self->list, index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->list, index - 1);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row_name_entry (next)));
  update_count (self);
}

static GtkListBoxRow *
button_row (GtkButton *button)
{
  return GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW));
}

static void
up_clicked_cb (GtkButton      *button,
               PrRosterEditor *self)
{
  move_row (self, button_row (button), -1, GTK_WIDGET (button));
}

static void
down_clicked_cb (GtkButton      *button,
                 PrRosterEditor *self)
{
  move_row (self, button_row (button), 1, GTK_WIDGET (button));
}

static void
remove_clicked_cb (GtkButton      *button,
                   PrRosterEditor *self)
{
  remove_row (self, button_row (button));
}

static GtkWidget *
row_button_new (PrRosterEditor *self,
                const char     *icon,
                GCallback       clicked,
                const char     *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", clicked, self, 0);
  return button;
}

static GtkWidget *
row_new (PrRosterEditor *self,
         const char     *name,
         const char     *email)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_entry = gtk_entry_new ();
  GtkWidget *email_entry = gtk_entry_new ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("Name"));
  gtk_entry_set_max_length (GTK_ENTRY (name_entry), PR_ROSTER_MAX_NAME);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_widget_set_hexpand (name_entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (email_entry), _("Email (optional)"));
  gtk_entry_set_input_purpose (GTK_ENTRY (email_entry), GTK_INPUT_PURPOSE_EMAIL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (email_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Email (optional)"), -1);
  gtk_widget_set_hexpand (email_entry, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (name_entry), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (email_entry), email != NULL ? email : "");

  gtk_box_append (GTK_BOX (box), name_entry);
  gtk_box_append (GTK_BOX (box), email_entry);
  gtk_box_append (GTK_BOX (box), row_button_new (self, "go-up-symbolic", G_CALLBACK (up_clicked_cb), _("Move Up")));
  gtk_box_append (GTK_BOX (box), row_button_new (self, "go-down-symbolic", G_CALLBACK (down_clicked_cb),
                                                  _("Move Down")));
  gtk_box_append (GTK_BOX (box), row_button_new (self, "user-trash-symbolic", G_CALLBACK (remove_clicked_cb),
                                                  _("Remove")));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
pr_roster_editor_add (PrRosterEditor *self,
                      const char     *name,
                      const char     *email)
{
  g_return_if_fail (PR_IS_ROSTER_EDITOR (self));

  gtk_list_box_append (self->list, row_new (self, name, email));
  update_count (self);
}

gboolean
pr_roster_editor_add_text (PrRosterEditor  *self,
                           const char      *text,
                           gsize            len,
                           gboolean         csv,
                           guint           *n_added,
                           GError         **error)
{
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(PrRoster) roster = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);

  g_return_val_if_fail (PR_IS_ROSTER_EDITOR (self), FALSE);

  roster = pr_roster_parse_lenient ((const guint8 *) text, len, csv, &refused, error);
  if (roster == NULL)
    return FALSE;
  for (guint i = 0; i < pr_roster_get_n (roster); i++)
    pr_roster_editor_add (self, pr_roster_get_name (roster, i), pr_roster_get_email (roster, i));
  for (guint i = 0; i < refused->len; i++)
    g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "",
                            ((GError *) g_ptr_array_index (refused, i))->message);
  set_refused (self, lines->str);
  if (n_added != NULL)
    *n_added = pr_roster_get_n (roster);
  return TRUE;
}

const char *
pr_roster_editor_get_refused (PrRosterEditor *self)
{
  g_return_val_if_fail (PR_IS_ROSTER_EDITOR (self), NULL);
  return self->refused;
}

static GStrv
dup_column (PrRosterEditor *self,
            GtkEditable    *(*entry) (GtkListBoxRow *row))
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      g_autofree char *text = g_strdup (gtk_editable_get_text (entry (row)));

      g_strv_builder_add (builder, g_strstrip (text));
    }
  return g_strv_builder_end (builder);
}

GStrv
pr_roster_editor_dup_names (PrRosterEditor *self)
{
  g_return_val_if_fail (PR_IS_ROSTER_EDITOR (self), NULL);
  return dup_column (self, row_name_entry);
}

GStrv
pr_roster_editor_dup_emails (PrRosterEditor *self)
{
  g_return_val_if_fail (PR_IS_ROSTER_EDITOR (self), NULL);
  return dup_column (self, row_email_entry);
}

gboolean
pr_roster_editor_validate (PrRosterEditor  *self,
                           GError         **error)
{
  g_auto(GStrv) names = pr_roster_editor_dup_names (self);
  g_auto(GStrv) emails = pr_roster_editor_dup_emails (self);
  guint n = g_strv_length (names);

  g_return_val_if_fail (PR_IS_ROSTER_EDITOR (self), FALSE);

  if (n < PR_MANIFEST_MIN_MEMBERS || n > PR_MANIFEST_MAX_MEMBERS)
    {
      g_set_error (error, PR_ROSTER_ERROR, n < PR_MANIFEST_MIN_MEMBERS ? PR_ROSTER_ERROR_TOO_FEW : PR_ROSTER_ERROR_TOO_MANY,
                   _("A round needs between %d and %d members."), PR_MANIFEST_MIN_MEMBERS, PR_MANIFEST_MAX_MEMBERS);
      return FALSE;
    }
  if (!pr_roster_check_names ((const char * const *) names, NULL, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!pr_roster_check_email (emails[i], &local_error))
        {
          /* TRANSLATORS: "Dana Weiß: The email address is not …" */
          g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_EMAIL, _("%s: %s"), names[i],
                       local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (widget);
  GtkListBoxRow *row;

  pr_roster_editor_add (self, NULL, NULL);
  row = gtk_list_box_get_row_at_index (self->list, (int) pr_roster_editor_get_n (self) - 1);
  gtk_widget_grab_focus (GTK_WIDGET (row_name_entry (row)));
}

static void
add_pasted_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->paste_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!pr_roster_editor_add_text (self, text, strlen (text), FALSE, NULL, &error))
    set_refused (self, error->message);
  else
    gtk_text_buffer_set_text (buffer, "", -1);
}

/* The file is small (capped by the core) and read in one go. */
static void
import_csv (PrRosterEditor *self,
            const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_ROSTER_MAX_SIZE, FALSE, &error);
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    {
      set_refused (self, error->message);
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!pr_roster_editor_add_text (self, data != NULL ? data : "", len, TRUE, NULL, &error))
    set_refused (self, error->message);
}

static void
import_csv_from_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  import_csv (PR_ROSTER_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

static void
chooser_response_cb (PrRosterEditor       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autofree char *path = pr_chooser_take_path (&self->chooser, response);

  if (path != NULL)
    import_csv (self, path);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import a Roster"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Spreadsheet (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Remove All keeps what it removed until Undo or the next Remove All,
 * so a roster imported into the wrong list is one click from gone and
 * one click from back. */
static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (widget);
  GtkListBoxRow *row;

  if (pr_roster_editor_get_n (self) == 0)
    return;
  g_strfreev (self->cleared_names);
  g_strfreev (self->cleared_emails);
  self->cleared_names = pr_roster_editor_dup_names (self);
  self->cleared_emails = pr_roster_editor_dup_emails (self);
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  set_refused (self, "");
  update_count (self);
  gtk_widget_set_visible (self->undo_clear_button, TRUE);
  gtk_widget_action_set_enabled (widget, "roster.undo-clear", TRUE);
  gtk_widget_grab_focus (self->undo_clear_button);
}

/* Puts the removed members back above any added since. */
static void
undo_clear_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (widget);

  if (self->cleared_names == NULL)
    return;
  for (guint i = 0; self->cleared_names[i] != NULL; i++)
    gtk_list_box_insert (self->list, row_new (self, self->cleared_names[i], self->cleared_emails[i]), (int) i);
  g_clear_pointer (&self->cleared_names, g_strfreev);
  g_clear_pointer (&self->cleared_emails, g_strfreev);
  update_count (self);
  gtk_widget_set_visible (self->undo_clear_button, FALSE);
  gtk_widget_action_set_enabled (widget, "roster.undo-clear", FALSE);
}

/* For tests and keyboard-free scripts: the same as the row buttons. */
static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (widget);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) g_variant_get_uint32 (parameter));

  if (row == NULL)
    return;
  if (g_str_equal (action_name, "roster.move-up"))
    move_row (self, row, -1, NULL);
  else if (g_str_equal (action_name, "roster.move-down"))
    move_row (self, row, 1, NULL);
  else
    remove_row (self, row);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (widget);
  guint index = 0;
  const char *name = NULL;
  GtkListBoxRow *row;

  g_variant_get (parameter, "(u&s)", &index, &name);
  if ((row = gtk_list_box_get_row_at_index (self->list, (int) index)) != NULL)
    gtk_editable_set_text (row_name_entry (row), name);
}

static void
pr_roster_editor_dispose (GObject *object)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_ROSTER_EDITOR);

  G_OBJECT_CLASS (pr_roster_editor_parent_class)->dispose (object);
}

static void
pr_roster_editor_finalize (GObject *object)
{
  PrRosterEditor *self = PR_ROSTER_EDITOR (object);

  g_free (self->refused);
  g_strfreev (self->cleared_names);
  g_strfreev (self->cleared_emails);

  G_OBJECT_CLASS (pr_roster_editor_parent_class)->finalize (object);
}

static void
pr_roster_editor_class_init (PrRosterEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_roster_editor_dispose;
  object_class->finalize = pr_roster_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-roster-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PrRosterEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, PrRosterEditor, list);
  gtk_widget_class_bind_template_child (widget_class, PrRosterEditor, paste_view);
  gtk_widget_class_bind_template_child (widget_class, PrRosterEditor, refused_label);
  gtk_widget_class_bind_template_child (widget_class, PrRosterEditor, undo_clear_button);

  gtk_widget_class_install_action (widget_class, "roster.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "roster.add-pasted", NULL, add_pasted_action);
  gtk_widget_class_install_action (widget_class, "roster.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "roster.import-csv-from", "s", import_csv_from_action);
  gtk_widget_class_install_action (widget_class, "roster.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "roster.undo-clear", NULL, undo_clear_action);
  gtk_widget_class_install_action (widget_class, "roster.move-up", "u", row_action);
  gtk_widget_class_install_action (widget_class, "roster.move-down", "u", row_action);
  gtk_widget_class_install_action (widget_class, "roster.remove", "u", row_action);
  gtk_widget_class_install_action (widget_class, "roster.rename", "(us)", rename_action);
}

static void
pr_roster_editor_init (PrRosterEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->refused = g_strdup ("");
  update_count (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.undo-clear", FALSE);
}
