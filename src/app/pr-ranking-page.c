/* pr-ranking-page.c — the associate ranks their teammates and seals a ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pr-ranking-page-private.h"


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
pr_ranking_page_get_list (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return self->list;
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
pr_ranking_page_get_clock_text (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->clock_label)) ? gtk_label_get_label (self->clock_label) : "";
}

const char *
pr_ranking_page_get_sent_text (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  return self->sent_text != NULL ? self->sent_text : "";
}

GtkWindow *
pr_ranking_page_get_window (PrRankingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Dialogs: one at a time, remembered (weakly) so tests can answer them. */
AdwMessageDialog *
pr_ranking_page_show_dialog (PrRankingPage *self,
                             const char    *heading,
                             const char    *body)
{
  AdwMessageDialog *dialog;

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (pr_ranking_page_get_window (self), heading, body));
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

const char *
pr_ranking_page_get_sent_fingerprint (PrRankingPage *self)
{
  g_return_val_if_fail (PR_IS_RANKING_PAGE (self), NULL);
  if (self->draft == NULL || pr_draft_get_sent_time (self->draft) <= 0)
    return NULL;
  return pr_draft_get_sent_fingerprint (self->draft);
}

void
pr_ranking_page_show_error (PrRankingPage *self,
                            const char    *heading,
                            const char    *message)
{
  AdwMessageDialog *dialog = pr_ranking_page_show_dialog (self, heading, message);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  /* Enter closes it, as it closes every answer the page gives. */
  adw_message_dialog_set_default_response (dialog, "close");
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


/* Shows every row at its place: the number, the buttons and the
 * accessible label (a row whose label did not change sends nothing). */
static void
place_rows (PrRankingPage *self)
{
  guint n_slots = pr_ranking_get_n_slots (self->ranking);
  guint n_ranked = pr_ranking_get_n_ranked (self->ranking);

  for (guint slot = 0; slot < n_slots; slot++)
    {
      PrRankingRow *row = self->rows[pr_ranking_get_member (self->ranking, slot)];
      gboolean ranked = slot < n_ranked;

      pr_ranking_row_set_place (row, ranked, ranked ? slot : slot - n_ranked, n_ranked,
                                n_slots - n_ranked);
    }
  gtk_widget_set_visible (self->all_ranked_box, n_ranked == n_slots);
  update_counts (self);
}

/* Scrolls the view so that @row shows with a little of its neighbours. */
static void
scroll_to_row (PrRankingPage *self,
               GtkWidget     *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;
  double top, bottom, margin;

  /* The viewport's child is the whole content, so these bounds do not
   * depend on where the view is scrolled to. */
  content = content != NULL && GTK_IS_VIEWPORT (content) ? gtk_viewport_get_child (GTK_VIEWPORT (content)) : content;
  if (content == NULL || !gtk_widget_compute_bounds (row, content, &bounds))
    return;
  margin = MIN (bounds.size.height, MAX (page - bounds.size.height, 0) / 2);
  top = bounds.origin.y - margin;
  bottom = bounds.origin.y + bounds.size.height + margin;
  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page);
}

static void
stop_reveal (PrRankingPage *self)
{
  /* A window going away disposes its frame clock, handlers and all. */
  if (self->layout_clock != NULL && g_signal_handler_is_connected (self->layout_clock, self->layout_id))
    g_signal_handler_disconnect (self->layout_clock, self->layout_id);
  self->layout_id = 0;
  g_clear_object (&self->layout_clock);
}

/* Runs after GTK has laid out the window for the frame (the surface
 * handles the clock's "layout" first), when the rows' places are new:
 * scrolling or focusing before that uses the old places. */
static void
reveal_after_layout_cb (PrRankingPage *self,
                        GdkFrameClock *clock)
{
  PrRankingRow *row;

  stop_reveal (self);
  if (self->reveal_member < 0 || (guint) self->reveal_member >= self->n_members)
    return;
  row = self->rows[self->reveal_member];
  self->reveal_member = -1;
  if (row == NULL || !gtk_widget_get_child_visible (GTK_WIDGET (row)))
    return;
  scroll_to_row (self, GTK_WIDGET (row));
  if (!gtk_widget_has_focus (GTK_WIDGET (row)) &&
      gtk_widget_get_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (row))),
                               PR_TYPE_RANKING_ROW) != GTK_WIDGET (row))
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

void
pr_ranking_page_reveal (PrRankingPage *self,
                        int            member)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->reveal_member = member;
  if (clock == NULL || self->layout_id != 0)
    return;
  self->layout_clock = g_object_ref (clock);
  self->layout_id = g_signal_connect_object (clock, "layout", G_CALLBACK (reveal_after_layout_cb), self,
                                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

void
pr_ranking_page_commit_change (PrRankingPage *self,
                               int            member,
                               gboolean       full)
{
  place_rows (self);
  /* One person moved: only their row changes place among the others
   * (the sort reads the model), which keeps a move at 300 people cheap. */
  if (full || member < 0)
    gtk_list_box_invalidate_sort (self->list);
  else
    gtk_list_box_row_changed (GTK_LIST_BOX_ROW (self->rows[member]));
  gtk_list_box_invalidate_headers (self->list);
  pr_ranking_page_save_draft (self);
  pr_ranking_page_update_sent (self);
  if (member < 0)
    return;
  /* The label changed first, then the focus (or it stays): a screen
   * reader says the person's new place either way. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->rows[member])))
    gtk_widget_grab_focus (GTK_WIDGET (self->rows[member]));
  pr_ranking_page_reveal (self, member);
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  PrRankingPage *self = user_data;
  int sa, sb;

  if (self->ranking == NULL)
    return 0;
  sa = pr_ranking_get_slot (self->ranking, pr_ranking_row_get_member (PR_RANKING_ROW (a)));
  sb = pr_ranking_get_slot (self->ranking, pr_ranking_row_get_member (PR_RANKING_ROW (b)));
  return (sa > sb) - (sa < sb);
}

static GtkWidget *
section_header (PrRankingPage *self,
                gboolean       nobody_ranked)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Not ranked — I don’t know their work well enough"));

  if (nobody_ranked)
    {
      GtkWidget *empty = gtk_label_new (_("Nobody is ranked yet. Drag people here, or focus someone below "
                                          "and press Alt+↑."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_label_set_justify (GTK_LABEL (empty), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_add_css_class (empty, "ranked-placeholder");
      gtk_box_append (GTK_BOX (box), empty);
    }
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_widget_add_css_class (box, "section-header");
  /* The class says which header this is, so update_header() can tell
   * when the hint must come or go. */
  if (nobody_ranked)
    gtk_widget_add_css_class (box, "nobody-ranked");
  return box;
}

/* "Not ranked" starts with a heading above its first row (and, while
 * nobody is ranked, the hint where to put people). */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  PrRankingPage *self = user_data;
  GtkWidget *header = gtk_list_box_row_get_header (row);
  gboolean starts = !pr_ranking_row_get_ranked (PR_RANKING_ROW (row)) &&
                    (before == NULL || pr_ranking_row_get_ranked (PR_RANKING_ROW (before)));
  gboolean nobody = self->ranking != NULL && pr_ranking_get_n_ranked (self->ranking) == 0;

  if (!starts)
    {
      if (header != NULL)
        gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (header == NULL || gtk_widget_has_css_class (header, "nobody-ranked") != nobody)
    gtk_list_box_row_set_header (row, section_header (self, nobody));
}

/* -- moves -- */

/* Whom the Move to Position dialog moves, in which ranking. */
typedef struct
{
  GWeakRef         page;
  const PrRanking *ranking;
  guint            member;
} PositionRequest;

static void
position_request_free (gpointer data,
                       GClosure *closure)
{
  PositionRequest *request = data;

  g_weak_ref_clear (&request->page);
  g_free (request);
}

static void
position_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PositionRequest  *request)
{
  g_autoptr(PrRankingPage) self = g_weak_ref_get (&request->page);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));

  /* The page may be gone or show another invitation by now. */
  if (!g_str_equal (response, "move") || self == NULL || self->ranking == NULL ||
      request->ranking != self->ranking)
    return;
  if (pr_ranking_move (self->ranking, request->member, TRUE,
                       (guint) gtk_spin_button_get_value_as_int (spin) - 1))
    pr_ranking_page_commit_change (self, (int) request->member, FALSE);
}

static void
position_activate_cb (AdwMessageDialog *dialog,
                      GtkText          *text)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));

  gtk_spin_button_update (spin);
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
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
  AdwMessageDialog *dialog = pr_ranking_page_show_dialog (self, _("Move to Position"), body);
  GtkWidget *spin = gtk_spin_button_new_with_range (1, n_places, 1);
  PositionRequest *request;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             pr_ranking_is_ranked (self->ranking, member)
                             ? pr_ranking_get_position (self->ranking, member) + 1 : n_places);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Position"), -1);
  adw_message_dialog_set_extra_child (dialog, spin);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "move", _("_Move"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  request = g_new0 (PositionRequest, 1);
  g_weak_ref_init (&request->page, self);
  request->ranking = self->ranking;
  request->member = member;
  g_signal_connect_data (dialog, "response", G_CALLBACK (position_response_cb),
                         request, position_request_free, 0);
  /* Enter in the number moves, as the default button does. */
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                           G_CALLBACK (position_activate_cb), dialog, G_CONNECT_SWAPPED);
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
    pr_ranking_page_commit_change (self, (int) member, FALSE);
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
    pr_ranking_page_commit_change (self, row != NULL ? (int) pr_ranking_row_get_member (PR_RANKING_ROW (row)) : -1,
                                   TRUE);
}

static void
undo_start_over_cb (PrRankingPage *self,
                    AdwToast      *toast)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "ranking.undo", NULL);
}

/* Start Over is one step back away: the toast says so and offers it. */
static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (self->ranking == NULL || !pr_ranking_clear (self->ranking))
    return;
  pr_ranking_page_commit_change (self, -1, TRUE);
  if (overlay == NULL)
    return;
  toast = adw_toast_new (_("Everyone is back in “Not ranked”"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_start_over_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
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
  return pr_ranking_page_format_date (day);
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
      gtk_list_box_append (self->list, GTK_WIDGET (self->rows[i]));
    }
}

/* "Not ranked" is kept in the order of the names. */
static void
set_names (PrRankingPage *self)
{
  const PrManifest *manifest = pr_invitation_get_manifest (self->invitation);
  guint n = pr_manifest_get_n_members (manifest);
  g_autofree const char **names = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = pr_manifest_get_member_name (manifest, i);
  pr_ranking_set_names (self->ranking, names);
}

/* A draft that cannot be read is not fatal: the associate starts from
 * scratch and is told why; a damaged file is kept aside, never
 * overwritten by the next save. */
static void
restore_draft (PrRankingPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) aside_error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *message = NULL;

  if (pr_draft_load (self->draft, &error))
    {
      if (pr_draft_has_order (self->draft) && !pr_draft_apply (self->draft, self->ranking))
        pr_ranking_page_show_error (self, _("Your Draft Could Not Be Restored"),
                                    _("The saved draft names people who are not in this round; your ranking "
                                      "starts afresh."));
      return;
    }
  if (g_error_matches (error, PR_DRAFT_ERROR, PR_DRAFT_ERROR_DAMAGED) &&
      pr_draft_set_aside (self->draft, &aside, &aside_error))
    {
      g_autofree char *display = g_filename_display_name (aside);

      message = g_strdup_printf (_("%s It was kept as %s."), error->message, display);
    }
  else if (aside_error != NULL)
    message = g_strdup_printf ("%s %s", error->message, aside_error->message);
  pr_ranking_page_show_error (self, _("Your Draft Could Not Be Restored"),
                              message != NULL ? message : error->message);
}

/* A keyboard or screen reader user starts on the first person: the one
 * ranked first, else the first not ranked. */
static void
focus_first_row (PrRankingPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, 0);

  self->focus_on_map = FALSE;
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
  pr_ranking_page_flush_draft (self);
  clear_rows (self);
  g_clear_pointer (&self->ranking, pr_ranking_free);
  g_clear_pointer (&self->draft, pr_draft_free);

  pr_ranking_page_share_invitation (self, invitation);
  g_free (self->path);
  self->path = g_strdup (path);
  self->close_confirmed = FALSE;
  manifest = pr_invitation_get_manifest (invitation);

  self->ranking = pr_ranking_new (pr_manifest_get_n_members (manifest),
                                  pr_invitation_get_member_index (invitation));
  set_names (self);
  self->draft = pr_draft_new (NULL, (PrManifest *) manifest, pr_invitation_get_member_index (invitation));
  restore_draft (self);
  pr_draft_set_invitation_path (self->draft, path);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  pr_ranking_page_filter_now (self);
  fill_header (self);
  pr_ranking_page_update_sent (self);
  pr_ranking_page_check_clock (self);
  create_rows (self);
  place_rows (self);
  gtk_list_box_invalidate_sort (self->list);
  gtk_list_box_invalidate_headers (self->list);
  pr_ranking_page_save_draft (self);
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
  pr_ranking_page_stop_autoscroll (self);
  stop_reveal (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->receipt_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->receipt_chooser));
  g_clear_object (&self->receipt_chooser);
  g_clear_weak_pointer (&self->receipt_buffer);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->drop_row);
  g_clear_weak_pointer (&self->dragged);
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
  pr_ranking_page_release_invitation (self);
  g_free (self->path);
  g_free (self->search_key);
  g_free (self->sent_text);
  g_clear_pointer (&self->pending_bytes, g_bytes_unref);
  g_free (self->pending_path);
  g_free (self->pending_fingerprint);
  g_clear_pointer (&self->draft_pending, g_bytes_unref);
  g_free (self->draft_pending_path);

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
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, clock_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, rules_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, ranked_count_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, unranked_placeholder);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, all_ranked_box);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, list);
  gtk_widget_class_bind_template_child (widget_class, PrRankingPage, search_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed_cb",
                                                G_CALLBACK (pr_ranking_page_search_changed_cb));

  gtk_widget_class_install_action (widget_class, "ranking.copy", NULL, pr_ranking_page_copy_action);
  gtk_widget_class_install_action (widget_class, "ranking.export", NULL, pr_ranking_page_export_action);
  gtk_widget_class_install_action (widget_class, "ranking.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "ranking.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "ranking.start-over", NULL, start_over_action);
  gtk_widget_class_install_action (widget_class, "ranking.search", NULL, pr_ranking_page_search_action);
  pr_ranking_page_class_init_receipt (widget_class);
}

static void
pr_ranking_page_init (PrRankingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->reveal_member = -1;
  gtk_list_box_set_sort_func (self->list, sort_rows, self, NULL);
  gtk_list_box_set_filter_func (self->list, pr_ranking_page_filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  pr_ranking_page_setup_drop_targets (self);
  pr_ranking_page_setup_autoscroll (self);
  setup_shortcuts (self);
  pr_ranking_page_setup_search (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.redo", FALSE);
}

