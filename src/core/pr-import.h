/* pr-import.h — importing ballot files into a round, in parallel
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-ballot.h"
#include "pr-store.h"

G_BEGIN_DECLS

/* What to import: paths and pasted texts, in report order. A folder is
 * read one level deep when the import runs: entries ending in ".json",
 * ".eml" or ".mbox" whose name does not start with '.', in name order
 * (byte order); a
 * symbolic link inside it is rejected (fs), a non-regular "*.json" entry
 * is rejected (fs), other entries are ignored; a folder that cannot be
 * read is one rejected (fs) entry. A path given directly is followed if
 * it is a link; a missing one is rejected (fs). A mail file (".eml",
 * ".mbox") is read whole when the import starts and stands for what
 * pr_mail_extract() finds in it: one entry per ballot, or per message
 * without one; a mail file that is a Peer Rank file is read as one. */
typedef struct _PrImportInput PrImportInput;

PrImportInput *pr_import_input_new       (void);
void           pr_import_input_free      (PrImportInput *input);
void           pr_import_input_add_path  (PrImportInput *input,
                                          const char    *path);
/* A file found in a folder (by a watch): read as the folder's entries
 * are, without following a symbolic link (rejected, fs). */
void           pr_import_input_add_found (PrImportInput *input,
                                          const char    *path);
/* Pasted text; @label is what the report shows as its path. */
void           pr_import_input_add_text  (PrImportInput *input,
                                          const char    *label,
                                          GBytes        *text);
/* Moves the sources of @first (freed) before those of @input: an import
 * that has to wait goes first again. */
void           pr_import_input_prepend   (PrImportInput *input,
                                          PrImportInput *first);
guint          pr_import_input_get_n     (PrImportInput *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrImportInput, pr_import_input_free)

/* One line of the report. */
typedef struct {
  char           *path;         /* as given, or folder + name, for display:
                                 * always UTF-8 (g_filename_display_name()) */
  PrBallotStatus  status;
  int             error_code;   /* a PrBallotError when rejected, else -1 */
  const char     *error_class;  /* "fs", "envelope", … when rejected, else NULL */
  const char     *code;         /* stable token: the error's, or the status' */
  char           *message;      /* translated, for a person */
  int             member;       /* member index, -1 when unknown */
  char           *fingerprint;  /* short ballot fingerprint, NULL when unknown */
  /* Found in a mail file (@path is "FILE#MESSAGE/PART", pr-mail.h): the
   * message's sender and date (ISO 8601) and the attachment's name;
   * each NULL when unknown or not from mail. */
  char           *mail_from;
  char           *mail_date;
  char           *mail_attachment;
} PrImportResult;

/* A folder entry that was not read, and why (a person can act on it). */
typedef struct {
  char *path;                             /* folder + name, UTF-8 for display */
  char *reason;                           /* translated */
} PrImportSkipped;

typedef struct {
  GPtrArray *results;                     /* PrImportResult, in input order */
  GPtrArray *skipped;                     /* PrImportSkipped: folder entries not read */
  guint      counts[PR_BALLOT_N_STATUSES];
  gboolean   cancelled;                   /* stopped early; results are those done */
  guint      n_recovered;                 /* unjournaled ballots recovered first */
  GPtrArray *unusable;                    /* files recovery moved to unusable/ (char *) */
} PrImportReport;

void pr_import_report_free (PrImportReport *report);

/* Called for each result as soon as it is reported (durable), in input
 * order: by pr_import_run() in the thread running it (lets a command
 * line tool print as it goes), by pr_import_run_async() in the caller's
 * thread-default main context, with a copy of the result that is valid
 * only during the call. */
typedef void (*PrImportResultFunc) (const PrImportResult *result,
                                    gpointer              user_data);

void           pr_import_input_set_result_func (PrImportInput      *input,
                                                PrImportResultFunc  func,
                                                gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrImportReport, pr_import_report_free)

/* Called after each group of results has been made durable, with the
 * number of files reported so far and the total. */
typedef void (*PrImportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Imports synchronously on @n_threads workers (0: one per processor).
 * First recovers ballots a crash left unjournaled. Each file is opened on
 * a worker (each with one reusable secret buffer); statuses are decided
 * and files stored in input order; groups of files are made durable
 * together, then reported. Cancelling stops after the current group:
 * everything reported stays imported. NULL with @error only when the
 * round folder cannot be written (nothing after the last report was
 * imported), or with PR_STORE_ERROR_CLOSED when the round is closed and
 * @input is not empty (ballots left unjournaled are still recovered).
 * A duplicate whose stored copy is missing or damaged is stored again
 * (its result's code is "restored"). Import never modifies or deletes
 * its sources. An unlocked @store first catches up with what another
 * Peer Rank sharing the folder wrote (pr_store_catch_up(): fails with
 * PR_STORE_ERROR_BUSY, nothing imported, while it writes) and yields the
 * folder's lock when done. */
PrImportReport *pr_import_run    (PrStore              *store,
                                  PrBallotOpener       *opener,
                                  PrImportInput        *input,
                                  guint                 n_threads,
                                  PrImportProgressFunc  progress,
                                  gpointer              progress_data,
                                  GCancellable         *cancellable,
                                  GError              **error);

/* The same in a GTask thread. @opener is referenced; @store and @input
 * are NOT (no reference, no lock, no copy): the caller keeps both alive
 * and leaves them untouched until @callback has run — no other import,
 * re-issue, decision or query on @store meanwhile, since the worker
 * thread changes it. @progress and @input's result function are called
 * in the thread-default main context of the caller, in order; calls
 * queued before @callback may run just after it. */
void            pr_import_run_async  (PrStore              *store,
                                      PrBallotOpener       *opener,
                                      PrImportInput        *input,
                                      guint                 n_threads,
                                      PrImportProgressFunc  progress,
                                      gpointer              progress_data,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
PrImportReport *pr_import_run_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
