/* pr-ranking-page-private.h — what tests may see of the ranking page
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-draft.h"
#include "pr-ranking-page.h"
#include "pr-ranking-row.h"
#include "pr-ranking.h"

G_BEGIN_DECLS

const PrRanking  *pr_ranking_page_get_ranking     (PrRankingPage *self);
PrRankingRow     *pr_ranking_page_get_row         (PrRankingPage *self,
                                                   guint          member);
/* The one list of both sections: ranked first, then not ranked. */
GtkListBox       *pr_ranking_page_get_list        (PrRankingPage *self);
GtkNativeDialog  *pr_ranking_page_get_file_chooser (PrRankingPage *self);
/* The message dialog shown last, while it is open. */
AdwMessageDialog *pr_ranking_page_get_dialog      (PrRankingPage *self);
GtkEditable      *pr_ranking_page_get_search_entry (PrRankingPage *self);
/* Applies the search text now (as the entry does after typing stops)
 * and returns how long filtering both sections took, in microseconds. */
gint64            pr_ranking_page_filter_now      (PrRankingPage *self);
/* What accepting the Export Ballot chooser with @file does. */
void              pr_ranking_page_export_to_file  (PrRankingPage *self,
                                                   GFile         *file);
/* The header: "Organized by … · Deadline …", and whether it says the
 * deadline has passed. */
const char       *pr_ranking_page_get_details     (PrRankingPage *self);
gboolean          pr_ranking_page_get_deadline_passed (PrRankingPage *self);
GtkScrolledWindow *pr_ranking_page_get_scroller   (PrRankingPage *self);
/* Whether a draft write is waiting or under way. */
gboolean          pr_ranking_page_is_saving       (PrRankingPage *self);
/* Whether the order on screen is not what the last ballot sent counts
 * (or nothing was sent though someone is ranked): closing asks first. */
gboolean          pr_ranking_page_has_unsent_changes (PrRankingPage *self);
/* What the page says about the clock, "" when nothing. */
const char       *pr_ranking_page_get_clock_text  (PrRankingPage *self);
/* Text shown about the last ballot sent, "" when none. */
const char       *pr_ranking_page_get_sent_text   (PrRankingPage *self);

/* For the page's own files (pr-ranking-page-*.c) only. */

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
  GtkLabel             *clock_label;
  GtkLabel             *rules_label;
  GtkLabel             *ranked_count_label;
  GtkLabel             *unranked_placeholder;
  GtkWidget            *all_ranked_box;
  GtkListBox           *list;
  GtkToggleButton      *search_button;

  PrInvitation         *invitation;    /* owned by @shared_invitation */
  struct _PrSharedInvitation *shared_invitation;
  char                 *path;
  PrRanking            *ranking;
  PrDraft              *draft;
  PrRankingRow        **rows;          /* by member index; NULL for the voter */
  guint                 n_members;
  char                 *search_key;
  char                 *sent_text;
  gboolean              draft_failed;
  gboolean              draft_writing;
  GBytes               *draft_pending;
  char                 *draft_pending_path;
  guint64               draft_pending_serial;
  gboolean              focus_on_map;
  gboolean              close_confirmed;
  /* The person to bring into view (and focus) once the list is laid out
   * again after a move; -1 for none. */
  int                   reveal_member;
  GdkFrameClock        *layout_clock;
  gulong                layout_id;

  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *dialog;
  /* Checking the receipts (pr-ranking-page-receipt.c): the chooser of a
   * receipts file while it is open, and the pasted text's buffer while
   * Check Your Receipt asks (weak). */
  GtkFileChooserNative *receipt_chooser;
  GtkTextBuffer        *receipt_buffer;
  /* A sealed ballot waiting for "Replace" before it overwrites a file. */
  GBytes               *pending_bytes;
  char                 *pending_path;
  char                 *pending_fingerprint;

  /* Where a drag would drop now: shown by the line, used by the drop. */
  PrRankingRow         *drop_row;
  gboolean              drop_valid;
  gboolean              drop_ranked;
  guint                 drop_position;
  PrRankingRow         *dragged;
  guint                 autoscroll_id;
  double                autoscroll_speed;   /* px/s, negative upwards */
  gint64                autoscroll_time;    /* frame time of the last step */
  double                pointer_y;          /* in the scroller, during a drag */
  GdkFrameClock        *autoscroll_clock;
  gulong                autoscroll_layout_id;
};

GtkWindow        *pr_ranking_page_get_window      (PrRankingPage *self);
/* Dialogs: one at a time, remembered (weakly) so tests can answer them. */
AdwMessageDialog *pr_ranking_page_show_dialog     (PrRankingPage *self,
                                                   const char    *heading,
                                                   const char    *body);
void              pr_ranking_page_show_error      (PrRankingPage *self,
                                                   const char    *heading,
                                                   const char    *message);
/* After a change of the model: shows it, saves the draft and brings
 * @member (-1: nobody) into view with the focus once laid out. @full when
 * more than @member moved (undo, start over). */
/* pr-ranking-page-draft.c */
void              pr_ranking_page_save_draft      (PrRankingPage *self);
void              pr_ranking_page_flush_draft     (PrRankingPage *self);
void              pr_ranking_page_commit_change   (PrRankingPage *self,
                                                   int            member,
                                                   gboolean       full);

/* Brings @member's row into view with the focus once laid out. */
void              pr_ranking_page_reveal          (PrRankingPage *self,
                                                   int            member);

/* pr-ranking-page-dnd.c */
void              pr_ranking_page_setup_drop_targets (PrRankingPage *self);
void              pr_ranking_page_setup_autoscroll  (PrRankingPage *self);
void              pr_ranking_page_stop_autoscroll   (PrRankingPage *self);
/* Pixels per second for a pointer at @y of a list view @height high
 * during a drag: negative upwards, 0 away from the edges. */
double            pr_ranking_page_autoscroll_speed  (double         y,
                                                     double         height);

/* pr-ranking-page-search.c */
void              pr_ranking_page_setup_search    (PrRankingPage  *self);
gboolean          pr_ranking_page_filter_row      (GtkListBoxRow  *row,
                                                   gpointer        user_data);
void              pr_ranking_page_search_changed_cb (PrRankingPage  *self,
                                                     GtkSearchEntry *entry);
void              pr_ranking_page_search_action   (GtkWidget      *widget,
                                                   const char     *action_name,
                                                   GVariant       *parameter);

/* pr-ranking-page-seal.c */
void              pr_ranking_page_share_invitation (PrRankingPage *self,
                                                    PrInvitation  *invitation);
void              pr_ranking_page_release_invitation (PrRankingPage *self);
/* The short fingerprint of the last ballot sealed, NULL when none. */
const char       *pr_ranking_page_get_sent_fingerprint (PrRankingPage *self);

/* pr-ranking-page-receipt.c: checking the published receipts. */
void              pr_ranking_page_class_init_receipt (GtkWidgetClass *widget_class);
void              pr_ranking_page_update_sent     (PrRankingPage *self);
/* Shows whether this computer's clock looks wrong for sealing. */
void              pr_ranking_page_check_clock     (PrRankingPage *self);
/* @time as a date with the full year, in the locale's order. */
char             *pr_ranking_page_format_date     (GDateTime     *time);
void              pr_ranking_page_copy_action     (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
void              pr_ranking_page_export_action   (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);

G_END_DECLS
