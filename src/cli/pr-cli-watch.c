/* pr-cli-watch.c — peer-rank-cli watch: a folder as the round's ballot box
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "pr-cli-common.h"
#include "pr-cli-import.h"
#include "pr-cli-passphrase.h"
#include "pr-cli-watch.h"
#include "pr-import.h"
#include "pr-mail.h"
#include "pr-output.h"
#include "pr-text.h"
#include "pr-watch.h"

typedef struct {
  char     *passphrase_file;
  int       settle_ms;
  int       rescan_ms;
  gboolean  no_monitor;
} Args;

typedef struct {
  PrStore        *store;
  PrBallotOpener *opener;
  PrWatch        *watch;
  GMainLoop      *loop;
  GCancellable   *cancellable;
  PrImportInput  *running;     /* the import under way, NULL when none */
  GPtrArray      *queued;      /* paths that became ready meanwhile */
  GHashTable     *handed;      /* paths imported before (read again when changed) */
  GHashTable     *reread;      /* display paths of this import's files read again */
  guint           counts[PR_BALLOT_N_STATUSES];
  guint           n_quiet;     /* duplicates of files read again, not listed */
  gboolean        stopping;
  int             status;
} Watch;

/* A changed mbox is read whole again: the ballots imported from it
 * before are duplicates, counted but not listed again. */
static gboolean
is_quiet (Watch                *w,
          const PrImportResult *r)
{
  GHashTableIter iter;
  gpointer key;

  if (r->status != PR_BALLOT_STATUS_DUPLICATE)
    return FALSE;
  g_hash_table_iter_init (&iter, w->reread);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gsize n = strlen (key);

      if (strncmp (r->path, key, n) == 0 && (r->path[n] == '\0' || r->path[n] == '#'))
        return TRUE;
    }
  return FALSE;
}

/* Whether @r's file is a sync tool's conflict copy (its name before
 * any "#MESSAGE/PART"). */
static gboolean
is_conflict_copy (const PrImportResult *r)
{
  g_autofree char *name = pr_mail_display_name (r->path);
  char *hash = strrchr (name, '#');
  gboolean conflict = FALSE;

  if (hash != NULL && pr_mail_file_kind (name) == PR_MAIL_FILE_NONE)
    *hash = '\0';
  pr_watch_classify_name (name, &conflict);
  return conflict;
}

static void
result_cb (const PrImportResult *r,
           gpointer              user_data)
{
  Watch *w = user_data;

  w->counts[r->status]++;
  if (is_quiet (w, r))
    {
      w->n_quiet++;
      return;
    }
  pr_cli_import_print_result (r, pr_store_get_manifest (w->store));
  if (is_conflict_copy (r))
    printf ("  %s\n", _("(a sync tool’s conflict copy: read like any file, the ballot in it decides)"));
}

static void start_import (Watch *w);

static void
stop (Watch *w,
      int    status)
{
  w->status = MAX (w->status, status);
  w->stopping = TRUE;
  pr_watch_stop (w->watch);
  if (w->running == NULL)
    g_main_loop_quit (w->loop);
  else
    g_cancellable_cancel (w->cancellable);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Watch *w = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrImportReport) report = pr_import_run_finish (result, &error);

  g_clear_pointer (&w->running, pr_import_input_free);
  if (w->n_quiet > 0)
    printf (ngettext ("(%u ballot imported before from a file read again is not listed.)\n",
                      "(%u ballots imported before from files read again are not listed.)\n",
                      w->n_quiet), w->n_quiet);
  w->n_quiet = 0;
  fflush (stdout);
  if (report == NULL)
    {
      /* A closed round, a busy or broken round folder: nothing more can
       * be imported until someone looks. */
      pr_cli_print_error ("%s", error->message);
      stop (w, PR_CLI_EXIT_USAGE);
      return;
    }
  if (w->stopping)
    g_main_loop_quit (w->loop);
  else
    start_import (w);
}

static void
start_import (Watch *w)
{
  if (w->running != NULL || w->queued->len == 0 || w->stopping)
    return;
  w->running = pr_import_input_new ();
  g_hash_table_remove_all (w->reread);
  for (guint i = 0; i < w->queued->len; i++)
    {
      const char *path = g_ptr_array_index (w->queued, i);

      if (g_hash_table_contains (w->handed, path))
        g_hash_table_add (w->reread, g_filename_display_name (path));
      else
        g_hash_table_add (w->handed, g_strdup (path));
      /* Inside a watched folder links are not followed, as in an import. */
      pr_import_input_add_found (w->running, path);
    }
  g_ptr_array_set_size (w->queued, 0);
  pr_import_input_set_result_func (w->running, result_cb, w);
  pr_import_run_async (w->store, w->opener, w->running, 0, NULL, NULL, w->cancellable, import_cb, w);
}

static void
files_ready_cb (PrWatch            *watch,
                const char * const *paths,
                Watch              *w)
{
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (w->queued, g_strdup (paths[i]));
  start_import (w);
}

static gboolean
signal_cb (gpointer data)
{
  stop (data, PR_CLI_EXIT_OK);
  return G_SOURCE_CONTINUE;
}

static void
print_totals (Watch *w)
{
  printf (_("%u accepted, %u revised, %u duplicate, %u stale, %u conflict, %u flagged, "
            "%u rejected.\n"),
          w->counts[0], w->counts[1], w->counts[2], w->counts[3], w->counts[4], w->counts[5],
          w->counts[6]);
}

/* Watched folders are the ballots' way in: never the round folder. */
static gboolean
check_folders (char    **folders,
               GError  **error)
{
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *probe = g_build_filename (folders[i], "probe.json", NULL);

      if (!pr_output_check (probe, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
open_round (Watch       *w,
            Args        *a,
            const char  *dir,
            GError     **error)
{
  if ((w->store = pr_cli_open_unlocked (dir, a->passphrase_file, &w->opener, error)) == NULL)
    return FALSE;
  if (pr_store_is_closed (w->store))
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_CLOSED,
                           _("The round is closed: no more ballots can be imported. Reopen the "
                             "round first if ballots are still due."));
      return FALSE;
    }
  return TRUE;
}

static void
watch_clear (Watch *w)
{
  g_clear_object (&w->watch);
  g_clear_pointer (&w->opener, pr_ballot_opener_unref);
  g_clear_pointer (&w->store, pr_store_free);
  g_clear_pointer (&w->loop, g_main_loop_unref);
  g_clear_object (&w->cancellable);
  g_clear_pointer (&w->queued, g_ptr_array_unref);
  g_clear_pointer (&w->handed, g_hash_table_unref);
  g_clear_pointer (&w->reread, g_hash_table_unref);
}

static int
watch_run (Args  *a,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) folders = NULL;
  Watch w = { 0 };
  guint sigint, sigterm;

  for (int i = 2; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);
  folders = g_strv_builder_end (builder);
  if (!check_folders (folders, &error) || !open_round (&w, a, argv[1], &error))
    {
      pr_cli_print_error ("%s", error->message);
      watch_clear (&w);
      return PR_CLI_EXIT_USAGE;
    }
  w.watch = pr_watch_new ((const char * const *) folders);
  pr_watch_set_timing (w.watch, a->settle_ms > 0 ? (guint) a->settle_ms : PR_WATCH_SETTLE_MS,
                       a->rescan_ms > 0 ? (guint) a->rescan_ms : PR_WATCH_RESCAN_MS);
  pr_watch_set_monitor (w.watch, !a->no_monitor);
  w.loop = g_main_loop_new (NULL, FALSE);
  w.cancellable = g_cancellable_new ();
  w.queued = g_ptr_array_new_with_free_func (g_free);
  w.handed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.reread = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (w.watch, "files-ready", G_CALLBACK (files_ready_cb), &w);
  if (!pr_watch_start (w.watch, &error))
    {
      pr_cli_print_error ("%s", error->message);
      watch_clear (&w);
      return PR_CLI_EXIT_USAGE;
    }
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_name (folders[i]);
      g_autofree char *escaped = pr_text_escape_terminal (display);

      printf (_("Watching %s: ballots and mail files are imported as they arrive. Stop with Ctrl+C.\n"),
              escaped);
    }
  fflush (stdout);
  sigint = g_unix_signal_add (SIGINT, signal_cb, &w);
  sigterm = g_unix_signal_add (SIGTERM, signal_cb, &w);
  g_main_loop_run (w.loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  print_totals (&w);
  watch_clear (&w);
  return w.status;
}

int
pr_cli_watch (int    argc,
              char **argv)
{
  Args a = { 0 };
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a.passphrase_file,
      N_("Passphrase from the first line of F"), "F" },
    { "settle", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &a.settle_ms,
      N_("How long a file must stay unchanged to be read (milliseconds)"), "MS" },
    { "rescan", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &a.rescan_ms,
      N_("How often the folders are listed again (milliseconds)"), "MS" },
    { "no-monitor", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &a.no_monitor,
      N_("Find new files by listing the folders only"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR FOLDER…");
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      pr_cli_print_error ("%s", error->message);
      status = PR_CLI_EXIT_USAGE;
    }
  else if (argc < 3)
    {
      pr_cli_print_error (_("Usage: watch DIR FOLDER… [--passphrase-file F]"));
      status = PR_CLI_EXIT_USAGE;
    }
  else
    status = watch_run (&a, argc, argv);
  g_free (a.passphrase_file);
  return status;
}
