/* pr-ranking-page.c — the associate ranks their teammates and seals a ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>

#include "pr-ballot.h"
#include "pr-chooser.h"
#include "pr-draft.h"
#include "pr-output.h"
#include "pr-ranking-page-private.h"
#include "pr-seal.h"

/* Auto-scroll while dragging: within this many pixels of the top or
 * bottom edge, the list scrolls, faster the closer the pointer is. */
#define AUTOSCROLL_EDGE      48.0
#define AUTOSCROLL_MAX_STEP  18.0

struct _PrRankingPage
{
  AdwBin                parent_instance;

  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkScrolledWindow    *scroller;
  GtkLabel             *title_label;
  GtkLabel             *details_label;
  GtkLabel             *deadline_passed_label;
  GtkLabel             *description_label;
  GtkLabel             *voter_label;
  GtkLabel             *fingerprint_label;
  GtkLabel             *sent_label;
  GtkLabel             *rules_label;
  GtkLabel             *ranked_count_label;
  GtkLabel             *ranked_placeholder;
  GtkLabel             *unranked_placeholder;
  GtkListBox           *ranked_list;
  GtkListBox           *unranked_list;
  GtkToggleButton      *search_button;

  PrInvitation         *invitation;
  char                 *path;
  PrRanking            *ranking;
  PrDraft              *draft;
  PrRankingRow        **rows;          /* by member index; NULL for the voter */
  guint                 n_members;
  char                 *search_key;
  char                 *sent_text;
  gboolean              draft_failed;
  gboolean              focus_on_map;

  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *dialog;
  /* A sealed ballot waiting for "Replace" before it overwrites a file. */
  GBytes               *pending_bytes;
  char                 *pending_path;
  char                 *pending_fingerprint;

  PrRankingRow         *drop_row;
  guint                 autoscroll_id;
  double                autoscroll_step;
};

G_DEFINE_FINAL_TYPE (PrRankingPage, pr_ranking_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SEALED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
pr_ranking_page_new (void)
{
  return g_object_new (PR_TYPE_RANKING_PAGE, NULL);
}

const char *
pr_ranking_page_get_title (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);

  if (self->invitation == NULL)
    return NULL;
  return pr_manifest_get_title (pr_invitation_get_manifest (self->invitation));
}

const PrRanking *
pr_ranking_page_get_ranking (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return self->ranking;
}

PrRankingRow *
pr_ranking_page_get_row (PrRankingPage *self,
                         guint          member)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return member < self->n_members ? self->rows[member] : NULL;
}

GtkListBox *
pr_ranking_page_get_list (PrRankingPage *self,
                          gboolean       ranked)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return ranked ? self->ranked_list : self->unranked_list;
}

GtkNativeDialog *
pr_ranking_page_get_file_chooser (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return self->chooser != NULL ? GTK_NATIVE_DIALOG (self->chooser) : NULL;
}

AdwMessageDialog *
pr_ranking_page_get_dialog (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return self->dialog;
}

GtkEditable *
pr_ranking_page_get_search_entry (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

gboolean
pr_ranking_page_get_deadline_passed (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->deadline_passed_label));
}

const char *
pr_ranking_page_get_details (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return gtk_label_get_label (self->details_label);
}

GtkScrolledWindow *
pr_ranking_page_get_scroller (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return self->scroller;
}

const char *
pr_ranking_page_get_sent_text (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return self->sent_text != NULL ? self->sent_text : "";
}

static GtkWindow *
get_window (PrRankingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Dialogs: one at a time, remembered (weakly) so tests can answer them. */
static AdwMessageDialog *
show_dialog (PrRankingPage *self,
             const char    *heading,
             const char    *body)
{
  AdwMessageDialog *dialog;

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, body));
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

AdwMessageDialog *
pr_ranking_page_show_dialog (PrRankingPage *self,
                             const char    *heading,
                             const char    *body)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return show_dialog (self, heading, body);
}

const char *
pr_ranking_page_get_sent_fingerprint (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  if (self->draft == NULL || pr_draft_get_sent_time (self->draft) <= 0)
    return NULL;
  return pr_draft_get_sent_fingerprint (self->draft);
}

static void
show_error (PrRankingPage *self,
            const char    *heading,
            const char    *message)
{
  AdwMessageDialog *dialog = show_dialog (self, heading, message);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
}

/* -- the view of the model -- */

static void
update_counts (PrRankingPage *self)
{
  guint n_ranked = pr_ranking_get_n_ranked (self->ranking);
  guint min_ranked = pr_manifest_get_min_ranked (pr_invitation_get_manifest (self->invitation));
  g_autofree char *count = NULL;

  /* TRANSLATORS: how many people are ranked and how many the round asks for */
  count = g_strdup_printf (ngettext ("%u ranked (at least %u needed)", "%u ranked (at least %u needed)",
                                     n_ranked), n_ranked, min_ranked);
  gtk_label_set_label (self->ranked_count_label, count);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.undo", pr_ranking_can_undo (self->ranking));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.redo", pr_ranking_can_redo (self->ranking));
}

static void
update_placeholders (PrRankingPage *self)
{
  gboolean searching = self->search_key != NULL && self->search_key[0] != '\0';

  gtk_label_set_label (self->ranked_placeholder,
                       searching ? _("No ranked teammate matches the search.")
                                 : _("Nobody is ranked yet. Drag people here, or focus someone below and press Alt+↑."));
  gtk_label_set_label (self->unranked_placeholder,
                       searching ? _("No unranked teammate matches the search.")
                                 : _("Everyone is ranked. Drag people here to leave them out."));
}

/* Puts every row in its section at its place. A row that changes section
 * is moved to the other list; within a list the sort function orders
 * rows, which keeps the focus on a moved row. */
static void
sync_rows (PrRankingPage *self)
{
  guint n_slots = pr_ranking_get_n_slots (self->ranking);
  guint n_ranked = pr_ranking_get_n_ranked (self->ranking);

  for (guint slot = 0; slot < n_slots; slot++)
    {
      PrRankingRow *row = self->rows[pr_ranking_get_member (self->ranking, slot)];
      gboolean ranked = slot < n_ranked;
      GtkListBox *list = ranked ? self->ranked_list : self->unranked_list;
      GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (row));

      if (parent != GTK_WIDGET (list))
        {
          g_object_ref (row);
          if (parent != NULL)
            gtk_list_box_remove (GTK_LIST_BOX (parent), GTK_WIDGET (row));
          gtk_list_box_append (list, GTK_WIDGET (row));
          g_object_unref (row);
        }
      pr_ranking_row_set_place (row, ranked, ranked ? slot : slot - n_ranked, n_ranked,
                                n_slots - n_ranked);
      if (parent != GTK_WIDGET (list))
        pr_ranking_row_rebind_actions (row);
    }
  gtk_list_box_invalidate_sort (self->ranked_list);
  gtk_list_box_invalidate_sort (self->unranked_list);
  update_counts (self);
}

static void
save_draft (PrRankingPage *self)
{
  g_autoptr(GError) error = NULL;

  pr_draft_set_ranking (self->draft, self->ranking);
  if (pr_draft_save (self->draft, &error))
    {
      self->draft_failed = FALSE;
      return;
    }
  /* Tell once, not on every move: the ranking still works, it is only
   * not kept. */
  g_warning_once ("Draft not saved: %s", error->message);
  if (!self->draft_failed)
    show_error (self, _("Your Ranking Is Not Being Saved"), error->message);
  self->draft_failed = TRUE;
}

/* After every change: show it, keep it, and keep the focus on the person
 * who moved so a screen reader reads their new label. */
static void
commit_change (PrRankingPage *self,
               int            focus_member)
{
  sync_rows (self);
  save_draft (self);
  if (focus_member >= 0 && self->rows[focus_member] != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->rows[focus_member]));
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  guint pa = pr_ranking_row_get_position (PR_RANKING_ROW (a));
  guint pb = pr_ranking_row_get_position (PR_RANKING_ROW (b));

  return (pa > pb) - (pa < pb);
}

static gboolean
filter_rows (GtkListBoxRow *row,
             gpointer       user_data)
{
  PrRankingPage *self = user_data;

  if (self->search_key == NULL || self->search_key[0] == '\0')
    return TRUE;
  return strstr (pr_ranking_row_get_search_key (PR_RANKING_ROW (row)), self->search_key) != NULL;
}

gint64
pr_ranking_page_filter_now (PrRankingPage *self)
{
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), 0);

  g_free (self->search_key);
  self->search_key = pr_ranking_row_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_list_box_invalidate_filter (self->ranked_list);
  gtk_list_box_invalidate_filter (self->unranked_list);
  update_placeholders (self);
  return g_get_monotonic_time () - start;
}

static void
search_changed_cb (PrRankingPage  *self,
                   GtkSearchEntry *entry)
{
  gint64 usec = pr_ranking_page_filter_now (self);

  g_debug ("Filtered %u people in %" G_GINT64_FORMAT " µs", self->n_members - 1, usec);
}

/* The arrow keys walk through both sections as through one list: down
 * from the last ranked person to the first not ranked, and back up. */
static gboolean
keynav_failed_cb (GtkWidget        *widget,
                  GtkDirectionType  direction,
                  PrRankingPage    *self)
{
  GtkListBox *list = GTK_LIST_BOX (widget);
  GtkListBoxRow *row = NULL;

  if (direction == GTK_DIR_DOWN && list == self->ranked_list)
    row = gtk_list_box_get_row_at_index (self->unranked_list, 0);
  else if (direction == GTK_DIR_UP && list == self->unranked_list)
    {
      for (int i = 0; gtk_list_box_get_row_at_index (self->ranked_list, i) != NULL; i++)
        if (gtk_widget_get_child_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (self->ranked_list, i))))
          row = gtk_list_box_get_row_at_index (self->ranked_list, i);
    }
  if (row == NULL || !gtk_widget_get_child_visible (GTK_WIDGET (row)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* -- moves -- */

static void
position_response_cb (PrRankingPage    *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));
  guint member = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "member"));

  /* The page may show another invitation by now. */
  if (!g_str_equal (response, "move") || self->ranking == NULL ||
      g_object_get_data (G_OBJECT (dialog), "ranking") != self->ranking)
    return;
  pr_ranking_move (self->ranking, member, TRUE, (guint) gtk_spin_button_get_value_as_int (spin) - 1);
  commit_change (self, (int) member);
}

static void
choose_position (PrRankingPage *self,
                 PrRankingRow  *row)
{
  guint member = pr_ranking_row_get_member (row);
  guint n_places = pr_ranking_get_n_ranked (self->ranking) +
                   (pr_ranking_is_ranked (self->ranking, member) ? 0 : 1);
  g_autofree char *body = g_strdup_printf (_("Choose the place for %s, from 1 (greatest contribution) to %u."),
                                           pr_ranking_row_get_name (row), n_places);
  AdwMessageDialog *dialog = show_dialog (self, _("Move to Position"), body);
  GtkWidget *spin = gtk_spin_button_new_with_range (1, n_places, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             pr_ranking_is_ranked (self->ranking, member)
                             ? pr_ranking_get_position (self->ranking, member) + 1 : n_places);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Position"), -1);
  adw_message_dialog_set_extra_child (dialog, spin);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "move", _("_Move"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  g_object_set_data (G_OBJECT (dialog), "member", GUINT_TO_POINTER (member));
  g_object_set_data (G_OBJECT (dialog), "ranking", self->ranking);
  g_signal_connect_object (dialog, "response", G_CALLBACK (position_response_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (spin);
}

static void
row_move_cb (PrRankingPage *self,
             int            move,
             PrRankingRow  *row)
{
  guint member = pr_ranking_row_get_member (row);
  gboolean changed = FALSE;

  switch ((PrRankingRowMove) move)
    {
    case PR_RANKING_ROW_MOVE_UP:
      changed = pr_ranking_move_up (self->ranking, member);
      break;
    case PR_RANKING_ROW_MOVE_DOWN:
      changed = pr_ranking_move_down (self->ranking, member);
      break;
    case PR_RANKING_ROW_MOVE_FIRST:
      changed = pr_ranking_move_first (self->ranking, member);
      break;
    case PR_RANKING_ROW_MOVE_LAST:
    case PR_RANKING_ROW_RANK:
      changed = pr_ranking_move_last_ranked (self->ranking, member);
      break;
    case PR_RANKING_ROW_UNRANK:
      changed = pr_ranking_unrank (self->ranking, member);
      break;
    case PR_RANKING_ROW_CHOOSE_POSITION:
      choose_position (self, row);
      return;
    default:
      g_assert_not_reached ();
    }
  if (changed)
    commit_change (self, (int) member);
}

/* -- drag and drop -- */

static void stop_autoscroll (PrRankingPage *self);

static void
set_drop_row (PrRankingPage *self,
              PrRankingRow  *row,
              int            side)
{
  if (self->drop_row != NULL && self->drop_row != row)
    pr_ranking_row_set_drop_side (self->drop_row, -1);
  g_set_weak_pointer (&self->drop_row, row);
  if (row != NULL)
    pr_ranking_row_set_drop_side (row, side);
}

/* Which row a drop at @y lands on and on which half: the upper half
 * puts the person before the row, the lower half after it. NULL for
 * the list's empty area (the section's end). */
static PrRankingRow *
drop_place (GtkListBox *list,
            double      y,
            int        *side)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (list, (int) y);
  graphene_rect_t bounds;

  *side = 1;
  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (list), &bounds))
    return NULL;
  *side = y < bounds.origin.y + bounds.size.height / 2 ? 0 : 1;
  return PR_RANKING_ROW (row);
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                PrRankingPage *self)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  int side;
  PrRankingRow *row = drop_place (list, y, &side);

  set_drop_row (self, row, side);
  /* Over the empty area: the person goes to the section's end. */
  if (row == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (list), "drop-end");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (list), "drop-end");
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               PrRankingPage *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  gtk_widget_remove_css_class (list, "drop-end");
  set_drop_row (self, NULL, -1);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PrRankingPage *self)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  gboolean ranked = list == self->ranked_list;
  PrRankingRow *dragged = g_value_get_object (value);
  guint member, position = G_MAXUINT;
  PrRankingRow *row;
  int side;

  set_drop_row (self, NULL, -1);
  gtk_widget_remove_css_class (GTK_WIDGET (list), "drop-end");
  stop_autoscroll (self);
  if (dragged == NULL || self->ranking == NULL)
    return FALSE;
  member = pr_ranking_row_get_member (dragged);
  if (member >= self->n_members || self->rows[member] != dragged)
    return FALSE;

  row = drop_place (list, y, &side);
  if (row != NULL)
    {
      position = pr_ranking_row_get_position (row) + (guint) side;
      /* The model places the person after taking them out: a place below
       * their old one in the same section moves up by one. */
      if (pr_ranking_is_ranked (self->ranking, member) == ranked &&
          pr_ranking_get_position (self->ranking, member) < position)
        position--;
    }
  if (pr_ranking_move (self->ranking, member, ranked, position))
    commit_change (self, (int) member);
  return TRUE;
}

static void
setup_drop_target (PrRankingPage *self,
                   GtkListBox    *list)
{
  GtkDropTarget *target = gtk_drop_target_new (PR_TYPE_RANKING_ROW, GDK_ACTION_MOVE);

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect_object (target, "motion", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (list), GTK_EVENT_CONTROLLER (target));
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  PrRankingPage *self = PR_RANKING_PAGE (user_data);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + self->autoscroll_step);
  return G_SOURCE_CONTINUE;
}

static void
stop_autoscroll (PrRankingPage *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->autoscroll_id);
  self->autoscroll_id = 0;
}

/* Near the top or bottom edge of the list a drag scrolls it, so a person
 * can be carried from the end of a long list to its top. */
static void
scroller_drag_motion_cb (GtkDropControllerMotion *motion,
                         double                   x,
                         double                   y,
                         PrRankingPage           *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  double step = 0;

  if (y < AUTOSCROLL_EDGE)
    step = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - y) / AUTOSCROLL_EDGE;
  else if (y > height - AUTOSCROLL_EDGE)
    step = AUTOSCROLL_MAX_STEP * (y - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;

  self->autoscroll_step = step;
  if (step == 0)
    stop_autoscroll (self);
  else if (self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller),
                                                        autoscroll_tick_cb, self, NULL);
}

static void
scroller_drag_leave_cb (GtkDropControllerMotion *motion,
                        PrRankingPage           *self)
{
  stop_autoscroll (self);
}

static void
setup_autoscroll (PrRankingPage *self)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  g_signal_connect_object (motion, "enter", G_CALLBACK (scroller_drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "motion", G_CALLBACK (scroller_drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (scroller_drag_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), motion);
}

/* -- sealing -- */

/* The invitation is shared with sealing threads, which may outlive a
 * page that moves on to another invitation. */
typedef struct {
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
    return pr_output_write (job->path, data, len, TRUE, error);
  if (pr_output_write (job->path, data, len, FALSE, &local_error))
    return TRUE;
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
  SharedInvitation *shared = g_object_get_data (G_OBJECT (self), "shared-invitation");

  job->shared = g_atomic_rc_box_acquire (shared);
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
  show_error (self, heading, body);
  return FALSE;
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *date = g_date_time_format (time, "%x");
  g_autofree char *clock = g_date_time_format (time, "%H:%M");

  /* TRANSLATORS: a date and a time, e.g. "12/03/2026 at 17:05" */
  return g_strdup_printf (_("%s at %s"), date, clock);
}

static void
update_sent (PrRankingPage *self)
{
  gint64 sent = pr_draft_get_sent_time (self->draft);
  g_autofree char *when = NULL;

  g_clear_pointer (&self->sent_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), sent > 0);
  if (sent <= 0)
    return;
  when = format_time (sent);
  self->sent_text = g_strdup_printf (_("You last sealed a ballot on %s (fingerprint %s). "
                                       "If you send a new one, it replaces that one."),
                                     when, pr_draft_get_sent_fingerprint (self->draft));
  gtk_label_set_label (self->sent_label, self->sent_text);
}

static void
record_sent (PrRankingPage *self,
             const char    *fingerprint)
{
  g_autoptr(GError) error = NULL;

  pr_draft_set_sent (self->draft, g_get_real_time () / G_USEC_PER_SEC, fingerprint);
  pr_draft_set_ranking (self->draft, self->ranking);
  if (!pr_draft_save (self->draft, &error))
    g_warning ("Could not record the ballot as sent: %s", error->message);
  update_sent (self);
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
  dialog = show_dialog (self, name != NULL ? _("Ballot Exported") : _("Ballot Copied"), body);
  adw_message_dialog_add_response (dialog, "close", _("_Done"));
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

  dialog = show_dialog (self, heading,
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
      show_error (self, _("The Ballot Could Not Be Sealed"), error->message);
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

  record_sent (self, job->fingerprint);
  show_sealed (self, job);
  g_signal_emit (self, signals[SIGNAL_SEALED], 0, job->fingerprint, job->path);
}

static void
copy_action (GtkWidget  *widget,
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

  g_return_if_fail (PR_IS_RANKING_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->ranking == NULL || !check_min_ranked (self))
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("The Ballot Could Not Be Saved"),
                  _("Choose a folder on this computer to save the ballot in."));
      return;
    }
  start_seal (self, seal_job_new (self, path));
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
static void
export_action (GtkWidget  *widget,
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

  self->chooser = gtk_file_chooser_native_new (_("Export Ballot"), get_window (self),
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

/* Undo and redo keep the focus where it is: the person who moved back
 * is found by the focus moving with their row. */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, PR_TYPE_RANKING_ROW) : NULL;
  gboolean changed;

  if (self->ranking == NULL)
    return;
  if (g_str_equal (action_name, "ranking.undo"))
    changed = pr_ranking_undo (self->ranking);
  else
    changed = pr_ranking_redo (self->ranking);
  if (changed)
    commit_change (self, row != NULL ? (int) pr_ranking_row_get_member (PR_RANKING_ROW (row)) : -1);
}

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);

  if (self->ranking != NULL && pr_ranking_clear (self->ranking))
    commit_change (self, -1);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* -- the invitation -- */

static char *
describe_deadline (const char *deadline,
                   gboolean   *passed)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint y = 0, m = 0, d = 0;

  *passed = FALSE;
  if (deadline == NULL || sscanf (deadline, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      (day = g_date_time_new_local ((int) y, (int) m, (int) d, 0, 0, 0)) == NULL)
    return NULL;
  /* The deadline day itself still counts. */
  *passed = g_date_time_difference (now, day) >= G_TIME_SPAN_DAY;
  return g_date_time_format (day, "%x");
}

static void
fill_header (PrRankingPage *self)
{
  const PrManifest *manifest = pr_invitation_get_manifest (self->invitation);
  guint voter = pr_invitation_get_member_index (self->invitation);
  guint min_ranked = pr_manifest_get_min_ranked (manifest);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *deadline = NULL;
  g_autofree char *rules = NULL;
  gboolean passed = FALSE;

  gtk_label_set_label (self->title_label, pr_manifest_get_title (manifest));
  if (pr_manifest_get_organizer (manifest)[0] != '\0')
    g_string_append_printf (details, _("Organized by %s"), pr_manifest_get_organizer (manifest));
  deadline = describe_deadline (pr_manifest_get_deadline (manifest), &passed);
  if (deadline != NULL)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append_printf (details, _("Deadline %s"), deadline);
    }
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_passed_label), passed);
  gtk_label_set_label (self->description_label, pr_manifest_get_description (manifest));
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          pr_manifest_get_description (manifest)[0] != '\0');
  gtk_label_set_label (self->voter_label, pr_manifest_get_member_name (manifest, voter));
  gtk_label_set_label (self->fingerprint_label, pr_manifest_get_fingerprint (manifest));

  rules = g_strdup_printf (ngettext ("Order your teammates from greatest to least contribution. Rank at least "
                                     "%u person; leave out anyone whose work you don’t know well enough. "
                                     "Drag a row, use its buttons, or focus it and press Alt+↑ or Alt+↓.",
                                     "Order your teammates from greatest to least contribution. Rank at least "
                                     "%u people; leave out anyone whose work you don’t know well enough. "
                                     "Drag a row, use its buttons, or focus it and press Alt+↑ or Alt+↓.",
                                     min_ranked), min_ranked);
  gtk_label_set_label (self->rules_label, rules);
}

static void
shared_invitation_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, shared_invitation_clear);
}

static void
clear_rows (PrRankingPage *self)
{
  for (guint i = 0; i < self->n_members; i++)
    {
      GtkWidget *row = GTK_WIDGET (self->rows[i]);
      GtkWidget *parent = row != NULL ? gtk_widget_get_parent (row) : NULL;

      if (parent != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (parent), row);
    }
  g_clear_pointer (&self->rows, g_free);
  self->n_members = 0;
}

static void
create_rows (PrRankingPage *self)
{
  const PrManifest *manifest = pr_invitation_get_manifest (self->invitation);
  guint voter = pr_invitation_get_member_index (self->invitation);

  self->n_members = pr_manifest_get_n_members (manifest);
  self->rows = g_new0 (PrRankingRow *, self->n_members);
  for (guint i = 0; i < self->n_members; i++)
    {
      if (i == voter)
        continue;
      self->rows[i] = pr_ranking_row_new (i, pr_manifest_get_member_name (manifest, i));
      g_signal_connect_object (self->rows[i], "move", G_CALLBACK (row_move_cb), self, G_CONNECT_SWAPPED);
    }
}

/* A draft that cannot be read is not fatal: the associate starts from
 * scratch and is told why. */
static void
restore_draft (PrRankingPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!pr_draft_load (self->draft, &error))
    show_error (self, _("Your Draft Could Not Be Restored"), error->message);
  else if (pr_draft_has_order (self->draft) && !pr_draft_apply (self->draft, self->ranking))
    show_error (self, _("Your Draft Could Not Be Restored"),
                _("The saved draft names people who are not in this round; your ranking starts afresh."));
}

/* A keyboard or screen reader user starts on the first person: the one
 * ranked first, else the first not ranked. */
static void
focus_first_row (PrRankingPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->ranked_list, 0);

  self->focus_on_map = FALSE;
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->unranked_list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
pr_ranking_page_map (GtkWidget *widget)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);

  GTK_WIDGET_CLASS (pr_ranking_page_parent_class)->map (widget);
  if (self->focus_on_map)
    focus_first_row (self);
}

void
pr_ranking_page_set_invitation (PrRankingPage *self,
                                PrInvitation  *invitation,
                                const char    *path)
{
  const PrManifest *manifest;
  SharedInvitation *shared;

  g_return_if_fail (PR_IS_RANKING_PAGE (self));
  g_return_if_fail (invitation != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* Nothing asked about the previous invitation still applies. */
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->pending_bytes, g_bytes_unref);
  clear_rows (self);
  g_clear_pointer (&self->ranking, pr_ranking_free);
  g_clear_pointer (&self->draft, pr_draft_free);

  shared = g_atomic_rc_box_new0 (SharedInvitation);
  shared->invitation = invitation;
  g_object_set_data_full (G_OBJECT (self), "shared-invitation", shared,
                          shared_invitation_release);
  self->invitation = invitation;
  g_free (self->path);
  self->path = g_strdup (path);
  manifest = pr_invitation_get_manifest (invitation);

  self->ranking = pr_ranking_new (pr_manifest_get_n_members (manifest),
                                  pr_invitation_get_member_index (invitation));
  self->draft = pr_draft_new (NULL, (PrManifest *) manifest, pr_invitation_get_member_index (invitation));
  restore_draft (self);
  pr_draft_set_invitation_path (self->draft, path);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  pr_ranking_page_filter_now (self);
  fill_header (self);
  update_sent (self);
  create_rows (self);
  sync_rows (self);
  save_draft (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  self->focus_on_map = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_first_row (self);
}

static void
pr_ranking_page_dispose (GObject *object)
{
  PrRankingPage *self = PR_RANKING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  stop_autoscroll (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->drop_row);
  clear_rows (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_RANKING_PAGE);

  G_OBJECT_CLASS (pr_ranking_page_parent_class)->dispose (object);
}

static void
pr_ranking_page_finalize (GObject *object)
{
  PrRankingPage *self = PR_RANKING_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ranking, pr_ranking_free);
  g_clear_pointer (&self->draft, pr_draft_free);
  g_free (self->path);
  g_free (self->search_key);
  g_free (self->sent_text);
  g_clear_pointer (&self->pending_bytes, g_bytes_unref);
  g_free (self->pending_path);
  g_free (self->pending_fingerprint);

  G_OBJECT_CLASS (pr_ranking_page_parent_class)->finalize (object);
}

/* Page-wide keys work wherever the focus is in the window while the page
 * is shown, not only inside the list; a hidden page lets them pass. */
static gboolean
page_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  PrRankingPage *self = PR_RANKING_PAGE (user_data);
  const char *action = g_variant_get_string (args, NULL);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->ranking == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

static void
setup_shortcuts (PrRankingPage *self)
{
  static const struct {
    const char *trigger;
    const char *action;
  } keys[] = {
    { "<Control><Shift>c", "ranking.copy" },
    { "<Control>s", "ranking.export" },
    { "<Control>z", "ranking.undo" },
    { "<Control><Shift>z", "ranking.redo" },
    { "<Control>f", "ranking.search" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                                gtk_callback_action_new (page_shortcut_cb, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].action));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
pr_ranking_page_class_init (PrRankingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_ranking_page_dispose;
  object_class->finalize = pr_ranking_page_finalize;
  widget_class->map = pr_ranking_page_map;

  /**
   * PrRankingPage::sealed:
   * @fingerprint: the ballot's short fingerprint
   * @path: (nullable): where it was saved, %NULL when it was copied
   *
   * A ballot was sealed and saved or put on the clipboard.
   */
  signals[SIGNAL_SEALED] =
    g_signal_new ("sealed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (PR_TYPE_RANKING_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-ranking-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, deadline_passed_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, voter_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, sent_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, rules_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, ranked_count_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, ranked_placeholder);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, unranked_placeholder);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, ranked_list);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, unranked_list);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, search_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "ranking.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "ranking.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "ranking.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "ranking.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "ranking.start-over", NULL, start_over_action);
  gtk_widget_class_install_action (widget_class, "ranking.search", NULL, search_action);
  pr_ranking_page_class_init_receipt (widget_class);
}

static void
pr_ranking_page_init (PrRankingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < 2; i++)
    {
      GtkListBox *list = i == 0 ? self->ranked_list : self->unranked_list;

      gtk_list_box_set_sort_func (list, sort_rows, NULL, NULL);
      gtk_list_box_set_filter_func (list, filter_rows, self, NULL);
      g_signal_connect_object (list, "keynav-failed", G_CALLBACK (keynav_failed_cb), self, 0);
      setup_drop_target (self, list);
    }
  setup_autoscroll (self);
  setup_shortcuts (self);
  update_placeholders (self);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.redo", FALSE);
}
