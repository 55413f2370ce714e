/* pr-cli-import.c — peer-rank-cli import
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pr-cli-import.h"
#include "pr-cli-passphrase.h"
#include "pr-cli-common.h"
#include "pr-import.h"
#include "pr-json.h"
#include "pr-text.h"

typedef struct {
  char     *passphrase_file;
  gboolean  json;
  int       threads;
} Args;

/* What --json prints: the files reported so far, which are in the round
 * folder even when a later group could not be written. */
typedef struct {
  PrManifest *manifest;
  GPtrArray  *files;   /* JsonFile */
  guint       counts[PR_BALLOT_N_STATUSES];
  GPtrArray  *skipped; /* PrImportSkipped, the report's; NULL until known */
} Collected;

typedef struct {
  char           *path;
  PrBallotStatus  status;
  const char     *error_class;
  const char     *code;
  char           *message;
  int             member;
  char           *fingerprint;
  char           *mail_from;
  char           *mail_date;
  char           *mail_attachment;
} JsonFile;

static void
json_file_free (gpointer data)
{
  JsonFile *file = data;

  g_free (file->path);
  g_free (file->message);
  g_free (file->fingerprint);
  g_free (file->mail_from);
  g_free (file->mail_date);
  g_free (file->mail_attachment);
  g_free (file);
}

/* Results are valid only during the call: copied. */
static void
collect_result (const PrImportResult *r,
                gpointer              user_data)
{
  Collected *collected = user_data;
  JsonFile *file = g_new0 (JsonFile, 1);

  *file = (JsonFile) { g_strdup (r->path), r->status, r->error_class, r->code,
                       g_strdup (r->message), r->member, g_strdup (r->fingerprint),
                       g_strdup (r->mail_from), g_strdup (r->mail_date),
                       g_strdup (r->mail_attachment) };
  g_ptr_array_add (collected->files, file);
  collected->counts[r->status]++;
}

static void
print_json (Collected    *collected,
            const GError *failure)
{
  PrManifest *manifest = collected->manifest;
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  pr_json_writer_begin_object (writer);
  pr_json_writer_key (writer, "files");
  pr_json_writer_begin_array (writer);
  for (guint i = 0; i < collected->files->len; i++)
    {
      JsonFile *r = g_ptr_array_index (collected->files, i);

      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "path", r->path);
      pr_json_writer_member_string (writer, "status", pr_ballot_status_to_string (r->status));
      if (r->error_class != NULL)
        pr_json_writer_member_string (writer, "class", r->error_class);
      pr_json_writer_member_string (writer, "code", r->code);
      pr_json_writer_member_string (writer, "message", r->message);
      if (r->member >= 0)
        pr_json_writer_member_string (writer, "member", pr_manifest_get_member_id (manifest, r->member));
      if (r->fingerprint != NULL)
        pr_json_writer_member_string (writer, "fingerprint", r->fingerprint);
      /* Found in a mail file: which message, and which attachment. */
      if (r->mail_from != NULL)
        pr_json_writer_member_string (writer, "from", r->mail_from);
      if (r->mail_date != NULL)
        pr_json_writer_member_string (writer, "date", r->mail_date);
      if (r->mail_attachment != NULL)
        pr_json_writer_member_string (writer, "attachment", r->mail_attachment);
      pr_json_writer_end_object (writer);
    }
  pr_json_writer_end_array (writer);
  pr_json_writer_key (writer, "counts");
  pr_json_writer_begin_object (writer);
  for (guint s = 0; s < PR_BALLOT_N_STATUSES; s++)
    pr_json_writer_member_int (writer, pr_ballot_status_to_string (s), collected->counts[s]);
  pr_json_writer_end_object (writer);
  /* Folder entries not read, so a ballot saved without .json is seen. */
  pr_json_writer_key (writer, "skipped");
  pr_json_writer_begin_array (writer);
  for (guint i = 0; collected->skipped != NULL && i < collected->skipped->len; i++)
    {
      PrImportSkipped *s = g_ptr_array_index (collected->skipped, i);

      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "path", s->path);
      pr_json_writer_member_string (writer, "reason", s->reason);
      pr_json_writer_end_object (writer);
    }
  pr_json_writer_end_array (writer);
  if (failure != NULL)
    pr_json_writer_member_string (writer, "error", failure->message);
  pr_json_writer_end_object (writer);
  bytes = pr_json_writer_get_bytes (writer, TRUE);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
}

/* Text lines are printed as each group of files is made durable, so a
 * line on the screen means the ballot is in the round folder. */
/* "PATH" or, for a ballot found in mail, "FILE#M/P [sender date name]":
 * which message it came in. */
char *
pr_cli_import_describe_path (const PrImportResult *r)
{
  GString *text = g_string_new (r->path);
  const char *parts[] = { r->mail_from, r->mail_date, r->mail_attachment };
  gboolean open = FALSE;
  char *escaped;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || parts[i][0] == '\0')
        continue;
      g_string_append (text, open ? " " : " [");
      g_string_append (text, parts[i]);
      open = TRUE;
    }
  if (open)
    g_string_append_c (text, ']');
  escaped = pr_text_escape_terminal (text->str);
  g_string_free (text, TRUE);
  return escaped;
}

void
pr_cli_import_print_result (const PrImportResult *r,
                            PrManifest           *manifest)
{
  const char *member = r->member >= 0 ? pr_manifest_get_member_name (manifest, r->member) : NULL;
  /* A file name is anyone's text: no escape sequence or line break in it
   * reaches the terminal (JSON output escapes them already). */
  g_autofree char *path = pr_cli_import_describe_path (r);
  g_autofree char *message = r->message != NULL ? pr_text_escape_terminal (r->message) : NULL;

  if (r->status == PR_BALLOT_STATUS_REJECTED)
    printf ("%s: %s (%s, %s): %s\n", path, pr_ballot_status_to_string (r->status),
            r->error_class, r->code, message);
  else
    printf ("%s: %s%s%s%s\n", path, pr_ballot_status_to_string (r->status),
            member != NULL ? " (" : "", member != NULL ? member : "", member != NULL ? ")" : "");
  fflush (stdout);
}

static void
print_result (const PrImportResult *r,
              gpointer              user_data)
{
  pr_cli_import_print_result (r, user_data);
}

static void
print_summary (PrImportReport *report)
{
  for (guint i = 0; i < report->skipped->len; i++)
    {
      PrImportSkipped *s = g_ptr_array_index (report->skipped, i);

      /* TRANSLATORS: a folder entry the import did not read, and why */
      printf (_("%s: skipped: %s\n"), s->path, s->reason);
    }
  if (report->n_recovered > 0)
    printf (_("%u ballots left by an interrupted import were recovered first.\n"),
            report->n_recovered);
  for (guint i = 0; report->unusable != NULL && i < report->unusable->len; i++)
    {
      g_autofree char *file = pr_text_escape_terminal (g_ptr_array_index (report->unusable, i));

      printf (_("%s could not be used as a ballot of this round and was moved out of the "
                "ballots folder; it does not count.\n"), file);
    }
  printf (_("%u accepted, %u revised, %u duplicate, %u stale, %u conflict, %u flagged, "
            "%u rejected.\n"),
          report->counts[0], report->counts[1], report->counts[2], report->counts[3],
          report->counts[4], report->counts[5], report->counts[6]);
  if (report->counts[PR_BALLOT_STATUS_CONFLICT] + report->counts[PR_BALLOT_STATUS_FLAGGED] > 0)
    printf (_("Conflicting and flagged ballots are kept but not counted until you decide "
              "about them (“peer-rank-cli review”, or in Peer Rank).\n"));
  if (report->cancelled)
    printf (_("The import was stopped; the files above were imported.\n"));
}

static int
import_run (Args  *a,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (json_file_free);
  Collected collected = { NULL, files, { 0 } };

  if ((store = pr_store_open (argv[1], &error)) == NULL ||
      (passphrase = pr_cli_passphrase_get (a->passphrase_file, FALSE, &error)) == NULL ||
      (opener = pr_store_unlock (store, passphrase, &error)) == NULL)
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  for (int i = 2; i < argc; i++)
    pr_import_input_add_path (input, argv[i]);
  collected.manifest = pr_store_get_manifest (store);
  if (a->json)
    pr_import_input_set_result_func (input, collect_result, &collected);
  else
    pr_import_input_set_result_func (input, print_result, collected.manifest);
  report = pr_import_run (store, opener, input, (guint) MAX (a->threads, 0), NULL, NULL, NULL,
                          &error);
  if (report == NULL)
    {
      /* What was reported before the failure is in the round folder. */
      if (a->json)
        print_json (&collected, error);
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  collected.skipped = report->skipped;
  if (a->json)
    print_json (&collected, NULL);
  else
    print_summary (report);
  return report->counts[PR_BALLOT_STATUS_REJECTED] > 0 ? PR_CLI_EXIT_REJECTED : PR_CLI_EXIT_OK;
}

int
pr_cli_import (int    argc,
               char **argv)
{
  Args a = { 0 };
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a.passphrase_file,
      N_("Passphrase from the first line of F"), "F" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &a.json, N_("Print the report as JSON"), NULL },
    { "threads", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &a.threads,
      N_("Worker threads (default: one per processor)"), "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR [PATH…]");
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      pr_cli_print_error ("%s", error->message);
      status = PR_CLI_EXIT_USAGE;
    }
  else if (argc < 2)
    {
      pr_cli_print_error (_("Usage: import DIR [PATH…] [--passphrase-file F] [--json]"));
      status = PR_CLI_EXIT_USAGE;
    }
  else
    status = import_run (&a, argc, argv);
  g_free (a.passphrase_file);
  return status;
}
