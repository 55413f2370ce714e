/* pr-import.c — importing ballot files into a round, in parallel
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/resource.h>

#include "pr-atomic.h"
#include "pr-envelope.h"
#include "pr-file-kind.h"
#include "pr-import.h"
#include "pr-mail.h"

/* Files made durable and reported together (one syncfs(), one fsync of
 * ballots/ and one of the journal per group, each a journal commit of a
 * few milliseconds). Groups grow from the first size to the largest, so
 * that the first results show up at once and a large import pays for
 * few commits: 10,000 files on ext4 spent 1.2 s in 40 groups of 256 and
 * 0.4 s in 10 of 1024. */
#define GROUP_FIRST 64
#define GROUP_MAX 1024
/* Files handed to the workers ahead of the one being stored: bounds the
 * memory held by read but not yet stored files, and lets the workers go
 * on while a group is made durable. */
#define WINDOW 1024
/* Ballots taken from one pasted text, at most. */
#define PR_IMPORT_MAX_PASTED 1000

typedef struct {
  char    *path;   /* NULL for text */
  char    *label;
  GBytes  *text;
  gboolean found;  /* found in a folder: links are not followed */
} Source;

struct _PrImportInput {
  GArray             *sources;  /* Source */
  PrImportResultFunc  result_func;
  gpointer            result_data;
};

typedef struct {
  char            *display;
  char            *path;      /* NULL for text */
  gboolean         nofollow;  /* found inside a folder */
  GBytes          *bytes;     /* text, or the file once read */
  GError          *error;     /* set before or by the worker */
  PrBallotInfo     info;
  PrAtomicPending *prepared;  /* its copy, written ahead by the worker */
  gboolean         opened;
  gboolean         done;
  PrMailFound     *mail;      /* where in a mail file it was found */
} Item;

typedef struct {
  GMutex          lock;
  GCond           cond;
  PrStore        *store;
  GHashTable     *stored;  /* fingerprints (hex) stored before the import */
  PrBallotOpener *opener;
  GCancellable   *cancellable;
  Item           *awaited;  /* the item the importing thread waits for */
} Shared;

static void
source_clear (gpointer data)
{
  Source *source = data;

  g_free (source->path);
  g_free (source->label);
  g_clear_pointer (&source->text, g_bytes_unref);
}

PrImportInput *
pr_import_input_new (void)
{
  PrImportInput *input = g_new0 (PrImportInput, 1);

  input->sources = g_array_new (FALSE, TRUE, sizeof (Source));
  g_array_set_clear_func (input->sources, source_clear);
  return input;
}

void
pr_import_input_free (PrImportInput *input)
{
  if (input == NULL)
    return;
  g_array_unref (input->sources);
  g_free (input);
}

void
pr_import_input_add_path (PrImportInput *input,
                          const char    *path)
{
  Source source = { g_strdup (path), NULL, NULL };

  g_return_if_fail (input != NULL && path != NULL);
  g_array_append_val (input->sources, source);
}

void
pr_import_input_add_found (PrImportInput *input,
                           const char    *path)
{
  Source source = { g_strdup (path), NULL, NULL, TRUE };

  g_return_if_fail (input != NULL && path != NULL);
  g_array_append_val (input->sources, source);
}

void
pr_import_input_add_text (PrImportInput *input,
                          const char    *label,
                          GBytes        *text)
{
  Source source = { NULL, g_strdup (label), g_bytes_ref (text) };

  g_return_if_fail (input != NULL && label != NULL && text != NULL);
  g_array_append_val (input->sources, source);
}

void
pr_import_input_set_result_func (PrImportInput      *input,
                                 PrImportResultFunc  func,
                                 gpointer            user_data)
{
  g_return_if_fail (input != NULL);
  input->result_func = func;
  input->result_data = user_data;
}

guint
pr_import_input_get_n (PrImportInput *input)
{
  return input->sources->len;
}

void
pr_import_input_prepend (PrImportInput *input,
                         PrImportInput *first)
{
  g_return_if_fail (input != NULL && first != NULL);

  g_array_prepend_vals (input->sources, first->sources->data, first->sources->len);
  /* The sources moved: @first frees nothing of theirs. */
  g_array_set_clear_func (first->sources, NULL);
  pr_import_input_free (first);
}

static void
result_free (gpointer data)
{
  PrImportResult *result = data;

  g_free (result->path);
  g_free (result->message);
  g_free (result->fingerprint);
  g_free (result->mail_from);
  g_free (result->mail_date);
  g_free (result->mail_attachment);
  g_free (result);
}

void
pr_import_report_free (PrImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->results);
  g_clear_pointer (&report->unusable, g_ptr_array_unref);
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_free (report);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->display);
  g_free (item->path);
  g_clear_pointer (&item->bytes, g_bytes_unref);
  g_clear_pointer (&item->prepared, pr_atomic_pending_free);
  g_clear_error (&item->error);
  g_clear_pointer (&item->mail, pr_mail_found_free);
  g_free (item);
}

/* ---- expanding the input ---- */

static Item *
item_new (const char *display,
          const char *path,
          gboolean    nofollow)
{
  Item *item = g_new0 (Item, 1);

  item->display = g_strdup (display);
  item->path = g_strdup (path);
  item->nofollow = nofollow;
  item->info.member_index = G_MAXUINT;
  return item;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
skipped_free (gpointer data)
{
  PrImportSkipped *skipped = data;

  g_free (skipped->path);
  g_free (skipped->reason);
  g_free (skipped);
}

/* Why a folder entry is not read as a ballot. */
static char *
skip_reason (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (name[0] == '.')
    return g_strdup (_("Hidden file (its name starts with a dot): not read."));
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_strdup (_("A folder: folders inside a folder are not read. Import it by itself."));
  return g_strdup (_("Not a ballot file name: ballots end in .json, mail files in .eml or .mbox. "
                       "Add .json to its name to import it as a ballot."));
}

static GPtrArray *
list_folder (const char  *dir,
             GPtrArray   *skipped,
             GError     **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GPtrArray *names;
  const char *name;

  if (d == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      PrImportSkipped *skip;
      g_autofree char *path = NULL;

      if (name[0] != '.' && (g_str_has_suffix (name, ".json") ||
                             pr_mail_file_kind (name) != PR_MAIL_FILE_NONE))
        {
          g_ptr_array_add (names, g_strdup (name));
          continue;
        }
      /* Said, not silently dropped: a ballot saved without its extension
       * would otherwise never be counted and nobody would know. */
      path = g_build_filename (dir, name, NULL);
      skip = g_new0 (PrImportSkipped, 1);
      skip->path = g_filename_display_name (path);
      skip->reason = skip_reason (dir, name);
      g_ptr_array_add (skipped, skip);
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* A folder that cannot be listed is one rejected entry, never an empty
 * folder: the organizer would not notice ballots they meant to import. */
static void
add_unreadable_folder (GPtrArray    *items,
                       const char   *dir,
                       const GError *cause)
{
  Item *item = item_new (dir, dir, FALSE);
  PrBallotError code = PR_BALLOT_ERROR_FS_READ;

  if (g_error_matches (cause, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
      g_error_matches (cause, G_FILE_ERROR, G_FILE_ERROR_PERM))
    code = PR_BALLOT_ERROR_FS_PERMISSION;
  else if (g_error_matches (cause, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    code = PR_BALLOT_ERROR_FS_NOT_FOUND;
  /* GLib's message names the folder and the system's reason. */
  g_set_error (&item->error, PR_BALLOT_ERROR, code,
               _("%s. None of the files in this folder were imported."), cause->message);
  g_ptr_array_add (items, item);
}

static PrBallotError fs_code (const GError *error,
                              gboolean      nofollow);

/* An entry of what a mail file holds: the ballot's bytes are read
 * already (or the error says why there is none). */
static Item *
mail_item (const char  *display,
           PrMailFound *found)
{
  g_autofree char *label = found->where != NULL ? g_strdup_printf ("%s#%s", display, found->where)
                                                : g_strdup (display);
  Item *item = item_new (label, NULL, FALSE);

  if (found->bytes != NULL)
    item->bytes = pr_envelope_unwrap (found->bytes);
  item->error = g_steal_pointer (&found->error);
  item->mail = found;
  return item;
}

/* A mail file stands for the ballots in it; read here, at once, since
 * how many entries it makes depends on what it holds. */
static void
expand_mail (GPtrArray  *items,
             const char *path,
             gboolean    nofollow)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_MAIL_MAX_SIZE, nofollow, &error);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *display = NULL;
  const guint8 *data;
  gsize len;
  Item *item;

  if (bytes == NULL || pr_file_kind_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                       != PR_FILE_KIND_UNKNOWN)
    {
      /* Unreadable, or a Peer Rank file with a mail name: a file. */
      item = item_new (path, path, nofollow);
      if (bytes != NULL)
        item->bytes = pr_envelope_unwrap (bytes);
      else if (fs_code (error, nofollow) == PR_BALLOT_ERROR_FS_SYMLINK)
        pr_ballot_error_set (&item->error, PR_BALLOT_ERROR_FS_SYMLINK);
      else
        g_set_error_literal (&item->error, PR_BALLOT_ERROR, fs_code (error, nofollow), error->message);
      g_ptr_array_add (items, item);
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  found = pr_mail_extract (data, len);
  display = g_filename_display_name (path);
  /* The entries move to the items, which free them. */
  g_ptr_array_set_free_func (found, NULL);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (items, mail_item (display, g_ptr_array_index (found, i)));
}

/* Whether @text starts as a mail message does: an mbox's "From " line,
 * or a header field ("Name: value") and a blank line after the headers. */
static gboolean
looks_like_mail (const char *text,
                 gsize       len)
{
  gsize i = 0;

  if (len >= 5 && memcmp (text, "From ", 5) == 0)
    return TRUE;
  while (i < len && text[i] > ' ' && text[i] < 127 && text[i] != ':')
    i++;
  if (i == 0 || i >= len || text[i] != ':')
    return FALSE;
  return g_strstr_len (text, (gssize) len, "\n\n") != NULL ||
         g_strstr_len (text, (gssize) len, "\r\n\r\n") != NULL;
}

/* Pasted text: a ballot as it is, or text around ballots (a message
 * copied from a mail program, a ballot quoted in a reply, a ballot a mail
 * program wrapped over lines), whose ballots are found as in a mail's
 * text. Text with none is one entry, refused for what it is not. */
static void
expand_text (GPtrArray *items,
             Source    *source)
{
  const char *text = g_bytes_get_data (source->text, NULL);
  gsize len = g_bytes_get_size (source->text);
  PrFileKind kind = pr_file_kind_sniff ((const guint8 *) text, len);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  gboolean has_ballot = FALSE;
  Item *item;

  /* A whole message, attachments and all: as a mail file, if a ballot
   * is in it (text that only starts like one is searched below). */
  if (kind == PR_FILE_KIND_UNKNOWN && len <= PR_MAIL_MAX_SIZE && looks_like_mail (text, len))
    {
      found = pr_mail_extract ((const guint8 *) text, len);
      for (guint i = 0; i < found->len && !has_ballot; i++)
        has_ballot = ((PrMailFound *) g_ptr_array_index (found, i))->bytes != NULL;
    }
  if (!has_ballot && (kind == PR_FILE_KIND_UNKNOWN || kind == PR_FILE_KIND_BALLOT) &&
      len <= PR_MAIL_MAX_TEXT)
    pasted = pr_mail_find_pasted (text, len, PR_IMPORT_MAX_PASTED + 1);

  if (pasted != NULL && pasted->len > 0)
    {
      for (guint i = 0; i < pasted->len; i++)
        {
          /* "Pasted text 1", or "Pasted text 1@2" for the second of several. */
          g_autofree char *label = pasted->len == 1 ? g_strdup (source->label)
                                                    : g_strdup_printf ("%s@%u", source->label, i + 1);

          item = item_new (label, NULL, FALSE);
          if (i < PR_IMPORT_MAX_PASTED)
            item->bytes = pr_envelope_unwrap (g_ptr_array_index (pasted, i));
          else
            pr_ballot_error_set (&item->error, PR_BALLOT_ERROR_PASTED_TOO_MANY);
          g_ptr_array_add (items, item);
        }
      return;
    }
  if (found != NULL)
    {
      /* The entries move to the items, which free them. */
      g_ptr_array_set_free_func (found, NULL);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (items, mail_item (source->label, g_ptr_array_index (found, i)));
      return;
    }
  item = item_new (source->label, NULL, FALSE);
  item->bytes = pr_envelope_unwrap (source->text);
  g_ptr_array_add (items, item);
}

/* Folder entries are opened without following links (read_item()), so a
 * link is rejected however late it was swapped in; no lstat() here, where
 * 10,000 of them would be a serial 50 ms before the workers start. */
static int
compare_skipped (gconstpointer a,
                 gconstpointer b)
{
  const PrImportSkipped *x = *(PrImportSkipped * const *) a;
  const PrImportSkipped *y = *(PrImportSkipped * const *) b;

  return strcmp (x->path, y->path);
}

static void
expand_folder (GPtrArray  *items,
               GPtrArray  *skipped,
               const char *dir)
{
  g_autoptr(GError) error = NULL;
  guint first_skipped = skipped->len;
  g_autoptr(GPtrArray) names = list_folder (dir, skipped, &error);

  /* In name order, like the files read. */
  if (skipped->len > first_skipped)
    {
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();

      for (guint i = first_skipped; i < skipped->len; i++)
        g_ptr_array_add (mine, g_ptr_array_index (skipped, i));
      g_ptr_array_sort (mine, compare_skipped);
      for (guint i = 0; i < mine->len; i++)
        skipped->pdata[first_skipped + i] = g_ptr_array_index (mine, i);
    }

  if (names == NULL)
    {
      add_unreadable_folder (items, dir, error);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (pr_mail_file_kind (name) != PR_MAIL_FILE_NONE)
        expand_mail (items, path, TRUE);
      else
        g_ptr_array_add (items, item_new (path, path, TRUE));
    }
}

static GPtrArray *
expand_input (PrImportInput *input,
              GPtrArray     *skipped)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (item_free);

  for (guint i = 0; i < input->sources->len; i++)
    {
      Source *source = &g_array_index (input->sources, Source, i);

      if (source->path == NULL)
        expand_text (items, source);
      else if (!source->found && g_file_test (source->path, G_FILE_TEST_IS_DIR))
        expand_folder (items, skipped, source->path);
      else if (pr_mail_file_kind (source->path) != PR_MAIL_FILE_NONE)
        expand_mail (items, source->path, source->found);
      else
        g_ptr_array_add (items, item_new (source->path, source->path, source->found));
    }
  return items;
}

/* ---- the workers ---- */

static PrBallotError
fs_code (const GError *error,
         gboolean      nofollow)
{
  switch (error->code)
    {
    case PR_ATOMIC_ERROR_NOT_FOUND:
      return PR_BALLOT_ERROR_FS_NOT_FOUND;
    case PR_ATOMIC_ERROR_PERMISSION:
      return PR_BALLOT_ERROR_FS_PERMISSION;
    case PR_ATOMIC_ERROR_SYMLINK:
      /* Following a named link ends in ELOOP only for a loop. */
      return nofollow ? PR_BALLOT_ERROR_FS_SYMLINK : PR_BALLOT_ERROR_FS_LOOP;
    case PR_ATOMIC_ERROR_NOT_REGULAR:
      return PR_BALLOT_ERROR_FS_NOT_REGULAR;
    case PR_ATOMIC_ERROR_TOO_LARGE:
      return PR_BALLOT_ERROR_FS_TOO_LARGE;
    default:
      return PR_BALLOT_ERROR_FS_READ;
    }
}

static void
read_item (Item *item)
{
  g_autoptr(GError) error = NULL;

  g_autoptr(GBytes) bytes = pr_atomic_read (item->path, PR_ENVELOPE_MAX_SIZE, item->nofollow,
                                            &error);

  /* What is stored and fingerprinted is the ballot, not its transport. */
  item->bytes = bytes != NULL ? pr_envelope_unwrap (bytes) : NULL;
  if (item->bytes == NULL)
    {
      PrBallotError code = fs_code (error, item->nofollow);

      /* A link in a folder gets the sentence for it; otherwise keep the
       * file name and the system's reason: more useful than the generic
       * sentence, and it holds no file content. */
      if (code == PR_BALLOT_ERROR_FS_SYMLINK)
        pr_ballot_error_set (&item->error, code);
      else
        g_set_error_literal (&item->error, PR_BALLOT_ERROR, code, error->message);
    }
}

static void
open_item (Item           *item,
           PrBallotOpener *opener)
{
  PrSecret *workspace = pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener));
  gsize len;
  const guint8 *data = g_bytes_get_data (item->bytes, &len);

  item->opened = pr_ballot_open (opener, data, len, workspace, &item->info, &item->error);
  /* The import needs no ranking: wipe it at once. */
  pr_secret_wipe (workspace);
  item->info.ranking = NULL;
  item->info.n_ranked = 0;
}

/* Writes the copy of an opened ballot ahead, on a worker, so that the
 * thread that stores in order only links it; not for a ballot stored
 * before (importing a folder again), whose copy would be dropped. When it
 * cannot be written here, pr_store_stage_prepared() writes it. */
static void
prepare_item (Item   *item,
              Shared *shared)
{
  g_autofree char *hex = pr_crypto_fingerprint_hex (item->info.fingerprint);

  if (g_hash_table_contains (shared->stored, hex))
    return;
  item->prepared = pr_store_prepare (shared->store, g_bytes_get_data (item->bytes, NULL),
                                     g_bytes_get_size (item->bytes));
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Item *item = data;
  Shared *shared = user_data;

  if (item->error == NULL && !g_cancellable_is_cancelled (shared->cancellable))
    {
      if (item->bytes == NULL)
        read_item (item);
      if (item->error == NULL)
        open_item (item, shared->opener);
      if (item->opened)
        prepare_item (item, shared);
    }
  g_mutex_lock (&shared->lock);
  item->done = TRUE;
  /* A wake-up is a system call: only for the one item awaited. */
  if (shared->awaited == item)
    g_cond_broadcast (&shared->cond);
  g_mutex_unlock (&shared->lock);
}

/* ---- deciding and reporting ---- */

static PrImportResult *
make_result (Item           *item,
             PrBallotStatus  status,
             PrManifest     *manifest)
{
  PrImportResult *result = g_new0 (PrImportResult, 1);

  /* File names need not be UTF-8; the report is read by people and
   * written as JSON. */
  result->path = item->path != NULL ? g_filename_display_name (item->display)
                                    : g_utf8_make_valid (item->display, -1);
  result->status = status;
  result->member = item->info.member_index < pr_manifest_get_n_members (manifest)
                   ? (int) item->info.member_index : -1;
  result->error_code = -1;
  if (status == PR_BALLOT_STATUS_REJECTED)
    {
      gboolean ours = item->error->domain == PR_BALLOT_ERROR;

      result->error_code = ours ? item->error->code : PR_BALLOT_ERROR_FS_READ;
      result->error_class = pr_ballot_error_class (result->error_code);
      result->code = pr_ballot_error_token (result->error_code);
      result->message = g_strdup (item->error->message);
    }
  else
    {
      result->code = pr_ballot_status_to_string (status);
      result->message = g_strdup (pr_ballot_status_describe (status));
      result->fingerprint = pr_crypto_fingerprint_short (item->info.fingerprint);
    }
  if (item->mail != NULL)
    {
      result->mail_from = g_strdup (item->mail->from);
      result->mail_date = g_strdup (item->mail->date);
      result->mail_attachment = g_strdup (item->mail->attachment);
    }
  return result;
}

/* A duplicate whose stored copy is missing or damaged (deleted, cut, or
 * replaced by another file) is written again from the file being
 * imported, which is the very ballot the journal names: re-importing the
 * original repairs the round folder. The result says so. */
static void
restore_if_damaged (PrStore        *store,
                    Item           *item,
                    PrImportResult *result)
{
  g_autofree char *hex = pr_crypto_fingerprint_hex (item->info.fingerprint);
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data;

  if (!pr_store_has_ballot (store, hex) || pr_store_copy_is_intact (store, hex))
    return;
  data = g_bytes_get_data (item->bytes, &len);
  g_free (result->message);
  if (pr_store_restore_copy (store, hex, data, len, &error))
    {
      result->code = "restored";
      result->message = g_strdup (_("Already imported, but its stored copy in the round "
                                    "folder was missing or damaged: restored from this file."));
    }
  else
    {
      result->code = "restore-failed";
      result->message = g_strdup_printf (_("Already imported, but its stored copy in the round "
                                           "folder is missing or damaged and could not be "
                                           "restored: %s"), error->message);
    }
}

static PrImportResult *
decide (PrStore *store,
        Item    *item,
        gint64   now)
{
  PrManifest *manifest = pr_store_get_manifest (store);
  PrBallotStatus status = PR_BALLOT_STATUS_REJECTED;
  PrImportResult *result;

  if (item->opened)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (item->bytes, &len);

      status = pr_store_stage_prepared (store, data, len, g_steal_pointer (&item->prepared),
                                        &item->info, now, &item->error);
    }
  result = make_result (item, status, manifest);
  if (status == PR_BALLOT_STATUS_DUPLICATE)
    restore_if_damaged (store, item, result);
  g_clear_pointer (&item->bytes, g_bytes_unref);
  return result;
}

typedef struct {
  PrStore              *store;
  PrImportReport       *report;
  GPtrArray            *pending;   /* PrImportResult not yet reported */
  guint                 group;     /* size of the current group */
  guint                 group_max;
  guint                 window;
  guint                 total;
  PrImportProgressFunc  progress;
  gpointer              progress_data;
  PrImportResultFunc    result_func;
  gpointer              result_data;
} Run;

/* Makes the staged group durable, then reports it. */
static gboolean
report_group (Run     *run,
              GError **error)
{
  if (!pr_store_flush (run->store, error))
    return FALSE;
  for (guint i = 0; i < run->pending->len; i++)
    {
      PrImportResult *result = g_ptr_array_index (run->pending, i);

      run->report->counts[result->status]++;
      g_ptr_array_add (run->report->results, result);
      if (run->result_func != NULL)
        run->result_func (result, run->result_data);
    }
  run->group = MIN (run->group * 2, run->group_max);
  /* The results moved to the report. */
  g_ptr_array_set_free_func (run->pending, NULL);
  g_ptr_array_set_size (run->pending, 0);
  g_ptr_array_set_free_func (run->pending, result_free);
  if (run->progress != NULL)
    run->progress (run->report->results->len, run->total, run->progress_data);
  return TRUE;
}

static void
wait_done (Shared *shared,
           Item   *item)
{
  g_mutex_lock (&shared->lock);
  shared->awaited = item;
  while (!item->done)
    g_cond_wait (&shared->cond, &shared->lock);
  shared->awaited = NULL;
  g_mutex_unlock (&shared->lock);
}

/* Every file written ahead holds a descriptor until its group is
 * committed: at most the window plus a group. Stay well below the limit
 * on open files, whatever it is (raising the soft limit in main() lets
 * an import use the largest sizes). */
static void
plan_sizes (Run *run)
{
  struct rlimit limit;
  rlim_t budget = 2 * (GROUP_MAX + WINDOW);

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    budget = MIN (budget, limit.rlim_cur / 2);
  run->group_max = (guint) CLAMP (budget / 2, 16, GROUP_MAX);
  run->window = (guint) CLAMP (budget / 2, 16, WINDOW);
  run->group = MIN (GROUP_FIRST, run->group_max);
}

static gboolean
run_items (Run        *run,
           GPtrArray  *items,
           Shared     *shared,
           GThreadPool *pool,
           GError    **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint submitted = 0;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item;

      while (submitted < items->len && submitted < i + run->window)
        g_thread_pool_push (pool, g_ptr_array_index (items, submitted++), NULL);
      item = g_ptr_array_index (items, i);
      wait_done (shared, item);
      if (g_cancellable_is_cancelled (shared->cancellable))
        {
          run->report->cancelled = TRUE;
          break;
        }
      g_ptr_array_add (run->pending, decide (run->store, item, now));
      if (pr_store_get_n_staged (run->store) >= run->group && !report_group (run, error))
        return FALSE;
    }
  return report_group (run, error);
}

/* The import proper, under the journal's lock. */
static gboolean
import_locked (PrStore         *store,
               PrBallotOpener  *opener,
               PrImportInput   *input,
               guint            n_threads,
               Run             *run,
               Shared          *shared,
               PrImportReport  *report,
               GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  GThreadPool *pool;
  gboolean ok;

  if (!pr_store_recover (store, opener, &report->n_recovered, &report->unusable, error))
    return FALSE;
  /* Recovery above only journals ballots received before the close. */
  if (pr_store_is_closed (store) && pr_import_input_get_n (input) > 0)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_CLOSED,
                           _("The round is closed: no more ballots can be imported. Reopen the "
                             "round first if ballots are still due."));
      return FALSE;
    }
  items = expand_input (input, report->skipped);
  run->total = items->len;
  plan_sizes (run);
  shared->stored = pr_store_dup_fingerprints (store);
  if (n_threads == 0)
    n_threads = MAX (1, g_get_num_processors ());
  g_mutex_init (&shared->lock);
  g_cond_init (&shared->cond);
  pool = g_thread_pool_new (worker, shared, (int) n_threads, TRUE, NULL);
  ok = run_items (run, items, shared, pool, error);
  /* Drop what was queued, wait for what is running. */
  g_thread_pool_free (pool, TRUE, TRUE);
  g_mutex_clear (&shared->lock);
  g_cond_clear (&shared->cond);
  g_hash_table_unref (shared->stored);
  return ok;
}

/* pr_import_run() with the result function given apart from @input. */
static PrImportReport *
import_run (PrStore              *store,
            PrBallotOpener       *opener,
            PrImportInput        *input,
            guint                 n_threads,
            PrImportResultFunc    result_func,
            gpointer              result_data,
            PrImportProgressFunc  progress,
            gpointer              progress_data,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autoptr(PrImportReport) report = g_new0 (PrImportReport, 1);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (result_free);
  Shared shared = { .store = store, .opener = opener, .cancellable = cancellable };
  Run run = { .store = store, .report = report, .pending = pending, .progress = progress,
              .progress_data = progress_data, .result_func = result_func,
              .result_data = result_data };
  gboolean ok;

  report->results = g_ptr_array_new_with_free_func (result_free);
  report->skipped = g_ptr_array_new_with_free_func (skipped_free);
  /* Another Peer Rank sharing the folder may have imported or decided
   * since the store read it: go on from there, under the lock. */
  if (pr_store_is_unlocked (store) && !pr_store_catch_up (store, opener, NULL, error))
    return NULL;
  ok = import_locked (store, opener, input, n_threads, &run, &shared, report, error);
  /* Also after a failure, which leaves the store broken: another Peer
   * Rank must not wait for a lock nobody will use again. */
  if (pr_store_is_unlocked (store))
    pr_store_yield (store);
  return ok ? g_steal_pointer (&report) : NULL;
}


PrImportReport *
pr_import_run (PrStore              *store,
               PrBallotOpener       *opener,
               PrImportInput        *input,
               guint                 n_threads,
               PrImportProgressFunc  progress,
               gpointer              progress_data,
               GCancellable         *cancellable,
               GError              **error)
{
  g_return_val_if_fail (store != NULL && opener != NULL && input != NULL, NULL);

  return import_run (store, opener, input, n_threads, input->result_func, input->result_data,
                     progress, progress_data, cancellable, error);
}

/* ---- async ---- */

typedef struct {
  PrStore              *store;
  PrBallotOpener       *opener;
  PrImportInput        *input;
  guint                 n_threads;
  PrImportProgressFunc  progress;
  gpointer              progress_data;
  PrImportResultFunc    result_func;
  gpointer              result_data;
  GMainContext         *context;
} AsyncData;

typedef struct {
  PrImportResultFunc  func;
  gpointer            data;
  PrImportResult     *result;  /* a copy: the report may be gone by then */
} ResultCall;

typedef struct {
  PrImportProgressFunc progress;
  gpointer             progress_data;
  guint                done;
  guint                total;
} ProgressCall;

static void
async_data_free (gpointer data)
{
  AsyncData *async = data;

  g_main_context_unref (async->context);
  pr_ballot_opener_unref (async->opener);
  g_free (async);
}

/* Runs @func in @context's thread, after what was queued before it.
 * Not g_main_context_invoke_full(): from a thread without a context of
 * its own, that calls @func at once, in the calling thread, whenever the
 * default context is free for a moment — out of order and in the wrong
 * thread. */
static void
in_context (GMainContext   *context,
            GSourceFunc     func,
            gpointer        data,
            GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[peer-rank] import relay");
  g_source_attach (source, context);
}

static gboolean
progress_in_context (gpointer data)
{
  ProgressCall *call = data;

  call->progress (call->done, call->total, call->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_relay (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncData *async = user_data;
  ProgressCall *call = g_new (ProgressCall, 1);

  *call = (ProgressCall) { async->progress, async->progress_data, done, total };
  in_context (async->context, progress_in_context, call, g_free);
}

static PrImportResult *
result_copy (const PrImportResult *result)
{
  PrImportResult *copy = g_new (PrImportResult, 1);

  *copy = *result;
  copy->path = g_strdup (result->path);
  copy->message = g_strdup (result->message);
  copy->fingerprint = g_strdup (result->fingerprint);
  copy->mail_from = g_strdup (result->mail_from);
  copy->mail_date = g_strdup (result->mail_date);
  copy->mail_attachment = g_strdup (result->mail_attachment);
  return copy;
}

static void
result_call_free (gpointer data)
{
  ResultCall *call = data;

  result_free (call->result);
  g_free (call);
}

static gboolean
result_in_context (gpointer data)
{
  ResultCall *call = data;

  call->func (call->result, call->data);
  return G_SOURCE_REMOVE;
}

/* Results go to the caller's main context in order, like progress. */
static void
result_relay (const PrImportResult *result,
              gpointer              user_data)
{
  AsyncData *async = user_data;
  ResultCall *call = g_new (ResultCall, 1);

  *call = (ResultCall) { async->result_func, async->result_data, result_copy (result) };
  in_context (async->context, result_in_context, call, result_call_free);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *async = task_data;
  GError *error = NULL;
  PrImportReport *report;

  report = import_run (async->store, async->opener, async->input, async->n_threads,
                       async->result_func != NULL ? result_relay : NULL, async,
                       async->progress != NULL ? progress_relay : NULL, async,
                       cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) pr_import_report_free);
}

void
pr_import_run_async (PrStore              *store,
                     PrBallotOpener       *opener,
                     PrImportInput        *input,
                     guint                 n_threads,
                     PrImportProgressFunc  progress,
                     gpointer              progress_data,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  AsyncData *async = g_new0 (AsyncData, 1);

  g_return_if_fail (store != NULL && opener != NULL && input != NULL);

  *async = (AsyncData) { store, pr_ballot_opener_ref (opener), input, n_threads, progress,
                         progress_data, input->result_func, input->result_data,
                         g_main_context_ref_thread_default () };
  g_task_set_source_tag (task, pr_import_run_async);
  g_task_set_task_data (task, async, async_data_free);
  /* A cancelled import still returns the report of what was done. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

PrImportReport *
pr_import_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_import_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
