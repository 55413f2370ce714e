/* pr-round-page-private.h — the round page's instance, shared by its
 * files (pr-round-page*.c), and what tests may see of it
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-import.h"
#include "pr-member-row.h"
#include "pr-passphrase-meter.h"
#include "pr-report-view.h"
#include "pr-results-page.h"
#include "pr-round-page.h"
#include "pr-store.h"

G_BEGIN_DECLS

/* A step unlocking offers to take first (pr-round-page-offer.c). */
typedef enum {
  PR_ROUND_OFFER_NONE,
  PR_ROUND_OFFER_PROTECT,   /* a round of an earlier Peer Rank */
  PR_ROUND_OFFER_ROLLBACK,  /* an earlier copy of the folder put back */
} PrRoundOffer;

struct _PrRoundPage
{
  AdwBin                parent_instance;

  GtkStack             *lock_stack;
  AdwStatusPage        *locked_page;
  GtkPasswordEntry     *passphrase_entry;
  GtkLabel             *unlock_message;
  GtkSpinner           *unlock_spinner;
  GtkWidget            *unlock_button;
  GtkWidget            *restore_button;
  GtkWidget            *protect_button;
  GtkWidget            *rollback_button;
  GtkPasswordEntry     *old_passphrase_entry;
  GtkPasswordEntry     *new_passphrase_entry;
  PrPassphraseMeter    *new_passphrase_meter;
  GtkPasswordEntry     *confirm_passphrase_entry;
  GtkWidget            *deadline_box;
  GtkLabel             *deadline_label;
  GtkWidget            *closed_box;
  GtkLabel             *closed_label;
  GtkStack             *view_stack;
  GtkLabel             *counts_label;
  GtkLabel             *status_counts_label;
  GtkLabel             *fingerprint_label;
  GtkListView          *members_view;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  PrReportView         *report_view;
  GtkLabel             *pending_label;
  GtkListBox           *pending_list;
  GtkLabel             *closing_label;
  GtkStack             *results_stack;
  AdwStatusPage        *results_status;
  AdwBin               *results_bin;
  PrResultsPage        *results_page;   /* results_bin's child, one per round */

  GFile                *folder;
  /* The round's store and its opener have one owner at a time: the page,
   * or the one worker (a job, an import, an unlocking) they are lent to
   * (pr_round_page_lend()). While they are lent these two are NULL, so
   * nothing on the main loop can reach them. */
  PrStore              *store;
  PrBallotOpener       *opener;   /* NULL until unlocked */
  /* What the page shows of the round meanwhile: its manifest (immutable,
   * shared) and what it last read when the store was home. */
  PrManifest           *manifest;  /* NULL when no round is open */
  gboolean              unlocked;
  gboolean              closed;
  char                 *title;
  GCancellable         *cancellable;
  gboolean              unlocking;
  gboolean              disposed;
  /* A step offered (Protect Round, Accept Earlier Copy) and the
   * passphrase typed, kept while it is offered (wiped when freed). */
  PrRoundOffer          offer;
  PrSecret             *offer_passphrase;

  /* The import running (its input must outlive it) and the next one. */
  gboolean              importing;
  gboolean              waiting_writer;  /* the next import waits for another Peer Rank */
  PrImportInput        *running_input;
  PrImportInput        *queued_input;
  GCancellable         *import_cancellable;
  guint                 start_id;
  guint                 drain_id;
  struct _Relay        *relay;
  gboolean              continue_report;
  GPtrArray            *new_items;
  guint                 n_pasted;

  /* Reading the counted ballots for the results, in a worker from a
   * snapshot (pr-round-page-results.c). */
  struct _PrResultsRead *read_job;
  GCancellable         *read_cancellable;
  guint                 read_id;

  GListStore           *members;         /* PrMemberItem, in roster order */
  GtkEventController   *drop_target;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *dialog;
  char                 *reissue_member;
  char                 *decide_fingerprint;  /* asked about, until answered */
  char                 *receipts_text;       /* shown in the receipts dialog */

  /* Changes to the round, one at a time on a worker (pr-round-page-jobs.c):
   * the running job (the store and opener are lent to it) and the next. */
  GTask                *job;
  GQueue                jobs;

  /* Another Peer Rank's changes to the folder (pr-round-page-share.c). */
  GFileMonitor         *monitor;
  guint                 catch_up_id;
  gboolean              catch_up_failed;  /* said once per round */

  /* Invitations and reminders by mail, a watched folder (pr-round-page-mail.c). */
  struct _PrRoundMail  *mail;
};

enum {
  PR_ROUND_PAGE_SIGNAL_UNLOCKED,
  PR_ROUND_PAGE_SIGNAL_IMPORT_FINISHED,
  PR_ROUND_PAGE_SIGNAL_CHANGED,
  PR_ROUND_PAGE_SIGNAL_TOAST,
  PR_ROUND_PAGE_SIGNAL_TOAST_ACTION,
  PR_ROUND_PAGE_N_SIGNALS
};

extern guint pr_round_page_signals[PR_ROUND_PAGE_N_SIGNALS];

/* The store and the opener lent to a worker (see PrRoundPage). */
typedef struct {
  PrStore        *store;
  PrBallotOpener *opener;
} PrRoundLoan;

/* Takes the store and the opener from the page (which must hold them). */
PrRoundLoan          *pr_round_page_lend              (PrRoundPage          *self);
/* Gives them back (and frees @loan): the page holds them again. */
void                  pr_round_page_take_back         (PrRoundPage          *self,
                                                       PrRoundLoan          *loan);
void                  pr_round_loan_free              (PrRoundLoan          *loan);
/* A round is open: @store (taken) is the page's now, locked; its
 * manifest, title and "closed" are what the page shows. */
void                  pr_round_page_set_store         (PrRoundPage          *self,
                                                       PrStore              *store);
/* No round is open any more (another comes). */
void                  pr_round_page_clear_store       (PrRoundPage          *self);

/* A change to the round, run on the jobs' worker after catching up with
 * another Peer Rank's changes (pr-round-page-jobs.c). */
typedef gboolean (*PrRoundJobFunc) (PrStore         *store,
                                    PrBallotOpener  *opener,
                                    gpointer         data,
                                    GError         **error);
/* Queues a job (takes @data); @callback runs on the main loop when it has
 * finished, before the page refreshes. */
void                  pr_round_page_run_job_async     (PrRoundPage          *self,
                                                       PrRoundJobFunc        func,
                                                       gpointer              data,
                                                       GDestroyNotify        data_free,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* The same for a job on the key file alone (a backup copy, a new
 * passphrase): no catching up, no journal lock. */
void                  pr_round_page_run_key_job_async (PrRoundPage          *self,
                                                       PrRoundJobFunc        func,
                                                       gpointer              data,
                                                       GDestroyNotify        data_free,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean              pr_round_page_run_job_finish    (PrRoundPage          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* Starts the next job if the store is free (after an import). */
void                  pr_round_page_run_jobs          (PrRoundPage          *self);
gboolean              pr_round_page_has_jobs          (PrRoundPage          *self);
/* Whether an import, a job or an unlocking has the store now. */
gboolean              pr_round_page_store_is_lent     (PrRoundPage          *self);
void                  pr_round_page_cancel_jobs       (PrRoundPage          *self);

/* Watching the folder for another Peer Rank's changes, and catching up
 * with them (pr-round-page-share.c). */
void                  pr_round_page_watch_folder      (PrRoundPage          *self);
void                  pr_round_page_unwatch_folder    (PrRoundPage          *self);
/* Another Peer Rank writes now: catch up (and carry on) in a moment. */
void                  pr_round_page_wait_for_writer   (PrRoundPage          *self);
/* For tests: catch up now if the folder changed, as the monitor would. */
void                  pr_round_page_catch_up_now      (PrRoundPage          *self);
/* The page's one message dialog (one shown before is closed), still to
 * be given its responses and presented. */
AdwMessageDialog     *pr_round_page_new_dialog        (PrRoundPage          *self,
                                                       const char           *heading,
                                                       const char           *body);
/* Asks before an act: Cancel (the default, and what Escape answers) or
 * @label (@response, styled @appearance); @callback (swapped: the page
 * first) gets the answer. */
void                  pr_round_page_confirm           (PrRoundPage          *self,
                                                       const char           *heading,
                                                       const char           *body,
                                                       const char           *response,
                                                       const char           *label,
                                                       AdwResponseAppearance appearance,
                                                       GCallback             callback);
/* A dialog with @body in full, for what a toast would cut short. */
void                  pr_round_page_show_error        (PrRoundPage          *self,
                                                       const char           *heading,
                                                       const char           *body);

/* Shared by the page's files. */
void                  pr_round_page_toast             (PrRoundPage          *self,
                                                       const char           *message);
/* A toast whose button runs the page's action @action_name. */
void                  pr_round_page_toast_action      (PrRoundPage          *self,
                                                       const char           *message,
                                                       const char           *button_label,
                                                       const char           *action_name);
void                  pr_round_page_update_actions    (PrRoundPage          *self);
void                  pr_round_page_refresh           (PrRoundPage          *self);
void                  pr_round_page_show_restore      (PrRoundPage          *self,
                                                       GFile                *folder,
                                                       const char           *problem);
/* The locked page asking for the passphrase of the open store. */
void                  pr_round_page_show_locked       (PrRoundPage          *self);
/* Takes @opener: the round is unlocked and shown. */
void                  pr_round_page_show_unlocked     (PrRoundPage          *self,
                                                       PrBallotOpener       *opener);
/* Unlocking met a round of an earlier Peer Rank: explains it and offers
 * Protect Round with @passphrase (taken), the one just typed. */
void                  pr_round_page_offer_protect     (PrRoundPage          *self,
                                                       PrSecret             *passphrase);
/* Unlocking met an earlier copy of the folder (@problem says how it
 * knows): offers Accept Earlier Copy with @passphrase (taken). */
void                  pr_round_page_offer_rollback    (PrRoundPage          *self,
                                                       PrSecret             *passphrase,
                                                       const char           *problem);
/* @message of PR_STORE_ERROR_ROLLED_BACK (or TAMPERED) without the
 * CLI's advice at its end. */
char                 *pr_round_page_dup_rollback_problem (const char        *message);
/* Unlocks the round on a worker that has the store (and takes
 * @passphrase), after @step if one was offered (PR_ROUND_OFFER_NONE:
 * none); then shows it unlocked, or offers a step, or says why not
 * ("unlocked" signal either way). */
void                  pr_round_page_unlock            (PrRoundPage          *self,
                                                       PrRoundOffer          step,
                                                       PrSecret             *passphrase);
/* Takes an offer back (Unlock again) and wipes the passphrase. */
void                  pr_round_page_withdraw_offer    (PrRoundPage          *self);
void                  pr_round_page_start_import_soon (PrRoundPage          *self);
GtkFileChooserNative *pr_round_page_new_chooser       (PrRoundPage          *self,
                                                       const char           *title,
                                                       GtkFileChooserAction  action,
                                                       const char           *accept);
void                  pr_round_page_relay_unref       (struct _Relay        *relay);
void                  pr_round_page_init_collect      (PrRoundPage          *self);
void                  pr_round_page_class_init_collect (GtkWidgetClass      *widget_class);
void                  pr_round_page_class_init_actions (GtkWidgetClass      *widget_class);
void                  pr_round_page_class_init_key    (GtkWidgetClass       *widget_class);
void                  pr_round_page_class_init_offer  (GtkWidgetClass       *widget_class);
void                  pr_round_page_class_init_results (GtkWidgetClass      *widget_class);
void                  pr_round_page_init_results      (PrRoundPage          *self);
void                  pr_round_page_init_members      (PrRoundPage          *self);
void                  pr_round_page_refresh_members   (PrRoundPage          *self);
/* Empties the list (another round comes). */
void                  pr_round_page_clear_members     (PrRoundPage          *self);
/* Reads the counted ballots again and shows their results. */
void                  pr_round_page_update_results    (PrRoundPage          *self);
/* Stops reading them (before the store changes hands or an import
 * starts; the next refresh reads them again). */
void                  pr_round_page_stop_results      (PrRoundPage          *self);
/* Stops reading them and stops showing them: another round comes. */
void                  pr_round_page_forget_results    (PrRoundPage          *self);

/* For tests. */

/* NULL while a job, an import or an unlocking has the store. */
PrStore         *pr_round_page_get_store          (PrRoundPage *self);
PrReportView    *pr_round_page_get_report_view    (PrRoundPage *self);
gboolean         pr_round_page_is_importing       (PrRoundPage *self);
/* The confirmation or receipts dialog shown, if any. */
AdwMessageDialog *pr_round_page_get_dialog        (PrRoundPage *self);
/* What the locked page says under the passphrase field. */
const char      *pr_round_page_get_unlock_message (PrRoundPage *self);
GtkEditable     *pr_round_page_get_passphrase     (PrRoundPage *self);
/* What the participation list shows for member @index ("Voted" …). */
PrMemberRow     *pr_round_page_find_member_row    (PrRoundPage *self,
                                                  guint        index);
const char      *pr_round_page_get_member_status  (PrRoundPage *self,
                                                   guint        index);
const char      *pr_round_page_get_counts_text    (PrRoundPage *self);
/* What the page says of the stored ballots ("3 ballot files stored · …"). */
const char      *pr_round_page_get_status_counts_text (PrRoundPage *self);
/* Fingerprints (hex) of the ballots listed under Decisions. */
GStrv            pr_round_page_dup_pending        (PrRoundPage *self);
/* The mailto: URI Remind opens; NULL when nobody left has an address. */
char            *pr_round_page_dup_remind_uri     (PrRoundPage *self);
/* The receipts text Publish Receipts shows. */
char            *pr_round_page_dup_receipts       (PrRoundPage *self,
                                                   GError     **error);
gboolean         pr_round_page_suggests_closing   (PrRoundPage *self);
GtkNativeDialog *pr_round_page_get_file_chooser   (PrRoundPage *self);
PrResultsPage   *pr_round_page_get_results_page   (PrRoundPage *self);
/* What the Results tab says instead of results (none counted yet, or
 * why they cannot be computed); NULL when it shows results. */
const char      *pr_round_page_get_results_message (PrRoundPage *self);
/* Whether the counted ballots are being read for the results. */
gboolean         pr_round_page_is_reading_results (PrRoundPage *self);

G_END_DECLS
