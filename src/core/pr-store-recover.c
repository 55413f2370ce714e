/* pr-store-recover.c — recovery of unjournaled ballots and the stored copies
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ballots in ballots/ that the journal does not name are recovered with
 * the opener; every read of a stored ballot checks it is the file the
 * journal names; a damaged copy is restored from the original file.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "pr-atomic.h"
#include "pr-envelope.h"
#include "pr-ballot-error.h"
#include "pr-journal.h"
#include "pr-store-private.h"

/* ---- recovery ---- */

static gboolean
is_ballot_name (const char *name,
                char        fingerprint[HEX_LEN + 1])
{
  if (strlen (name) != HEX_LEN + 5 || !g_str_has_suffix (name, ".json"))
    return FALSE;
  g_strlcpy (fingerprint, name, HEX_LEN + 1);
  return _pr_store_is_hex_fingerprint (fingerprint);
}

static GPtrArray *
list_unjournaled (PrStore *store)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (store->ballots_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      char fingerprint[HEX_LEN + 1];

      if (is_ballot_name (name, fingerprint) &&
          !g_hash_table_contains (store->by_fingerprint, fingerprint))
        g_ptr_array_add (names, g_strdup (fingerprint));
    }
  return names;
}

guint
pr_store_count_unjournaled (PrStore *store)
{
  g_autoptr(GPtrArray) names = list_unjournaled (store);

  return names->len;
}

typedef struct {
  GBytes       *bytes;
  char         *path;
  PrBallotInfo  info;
} Orphan;

static void
orphan_free (gpointer data)
{
  Orphan *orphan = data;

  g_bytes_unref (orphan->bytes);
  g_free (orphan->path);
  g_free (orphan);
}

static int
compare_orphans (gconstpointer a,
                 gconstpointer b)
{
  const Orphan *x = *(const Orphan * const *) a;
  const Orphan *y = *(const Orphan * const *) b;

  if (x->info.sequence != y->info.sequence)
    return x->info.sequence < y->info.sequence ? -1 : 1;
  return memcmp (x->info.fingerprint, y->info.fingerprint, PR_HASH_LEN);
}

/* Opens one unjournaled file; NULL when it no longer opens (it is left
 * where it is and does not count). */
static Orphan *
open_orphan (PrStore        *store,
             PrBallotOpener *opener,
             const char     *fingerprint)
{
  g_autofree char *path = pr_store_get_ballot_path (store, fingerprint);
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_ENVELOPE_MAX_SIZE, TRUE, NULL);
  g_autofree Orphan *orphan = g_new0 (Orphan, 1);
  PrSecret *workspace;
  char found[HEX_LEN + 1];

  if (bytes == NULL)
    return NULL;
  workspace = pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener));
  if (!pr_ballot_open (opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       workspace, &orphan->info, NULL))
    return NULL;
  pr_secret_wipe (workspace);
  orphan->info.ranking = NULL;
  orphan->info.n_ranked = 0;
  _pr_store_fill_hex (found, orphan->info.fingerprint);
  if (strcmp (found, fingerprint) != 0)
    return NULL;
  orphan->bytes = g_steal_pointer (&bytes);
  orphan->path = g_steal_pointer (&path);
  return g_steal_pointer (&orphan);
}

static gboolean
set_io_error (const char  *path,
              int          saved,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO, _("%s cannot be moved aside: %s"),
               display, g_strerror (saved));
  return FALSE;
}

/* A file recovery cannot use (it does not open to a ballot of this
 * round, or its key was revoked and no journal line says it came
 * before) would block counting for good: it is moved to unusable/,
 * kept as evidence, and no longer stands for a ballot. */
static gboolean
move_to_unusable (PrStore     *store,
                  const char  *fingerprint,
                  GPtrArray   *moved,
                  GError     **error)
{
  g_autofree char *name = g_strconcat (fingerprint, ".json", NULL);
  g_autofree char *from = g_build_filename (store->ballots_dir, name, NULL);
  g_autofree char *dir = g_build_filename (store->dir, PR_STORE_UNUSABLE_DIR, NULL);
  g_autofree char *to = g_build_filename (dir, name, NULL);

  if (g_mkdir (dir, 0700) != 0 && errno != EEXIST)
    return set_io_error (dir, errno, error);
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    {
      g_free (to);
      to = g_strdup_printf ("%s/%s.%" G_GINT64_FORMAT, dir, name, g_get_real_time ());
    }
  if (rename (from, to) != 0)
    return set_io_error (from, errno, error);
  g_ptr_array_add (moved, g_build_filename (PR_STORE_UNUSABLE_DIR, name, NULL));
  return pr_atomic_fsync_dir (dir, error) && pr_atomic_fsync_dir (store->ballots_dir, error);
}

/* The orphan is already in ballots/ under its name: only its journal
 * line is written (no second copy: recovery must work on a full disk),
 * after the file itself is made durable. */
static PrBallotStatus
stage_orphan (PrStore  *store,
              Orphan   *orphan,
              gint64    now,
              GError  **error)
{
  Entry entry = { 0 };

  if (memcmp (orphan->info.signer_key, store->voters[orphan->info.member_index].key,
              PR_SIGN_PUBLIC_LEN) != 0)
    return PR_BALLOT_STATUS_REJECTED;
  if (!pr_atomic_fsync_file (orphan->path, error))
    return PR_BALLOT_STATUS_REJECTED;
  _pr_store_fill_hex (entry.fingerprint, orphan->info.fingerprint);
  _pr_store_fill_hex (entry.digest, orphan->info.payload_digest);
  entry.member = orphan->info.member_index;
  entry.sequence = MIN (orphan->info.sequence, (guint64) G_MAXINT64);
  entry.epoch = pr_store_get_epoch (store, entry.member);
  entry.time = now;
  entry.status = _pr_store_classify (store, &entry, now);
  if (entry.status != PR_BALLOT_STATUS_DUPLICATE)
    {
      _pr_store_add_entry (store, &entry);
      _pr_store_queue_entry (store, &entry);
    }
  return entry.status;
}

static gboolean
journal_orphans (PrStore    *store,
                 GPtrArray  *orphans,
                 GPtrArray  *moved,
                 guint      *recovered,
                 GError    **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Oldest first, so that the newest of a member ends up counted. */
  g_ptr_array_sort (orphans, compare_orphans);
  for (guint i = 0; i < orphans->len; i++)
    {
      Orphan *orphan = g_ptr_array_index (orphans, i);
      g_autofree char *hex = pr_crypto_fingerprint_hex (orphan->info.fingerprint);
      g_autoptr(GError) local_error = NULL;

      if (stage_orphan (store, orphan, now, &local_error) != PR_BALLOT_STATUS_REJECTED)
        (*recovered)++;
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else if (!move_to_unusable (store, hex, moved, error))
        return FALSE;
    }
  return pr_journal_commit (store->journal, error);
}

gboolean
pr_store_recover (PrStore         *store,
                  PrBallotOpener  *opener,
                  guint           *n_recovered,
                  GPtrArray      **unusable_out,
                  GError         **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func (orphan_free);
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_free);
  guint recovered = 0;

  g_return_val_if_fail (store != NULL && opener != NULL, FALSE);

  /* Never clean temporary files another writer is using. */
  if (!pr_store_flush (store, error) || !_pr_store_become_writer (store, error))
    return FALSE;
  pr_atomic_clean_dir (store->ballots_dir);
  pr_atomic_clean_dir (store->dir);
  names = list_unjournaled (store);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      Orphan *orphan = open_orphan (store, opener, name);

      if (orphan != NULL)
        g_ptr_array_add (orphans, orphan);
      else if (!move_to_unusable (store, name, moved, error))
        return FALSE;
    }
  if (!journal_orphans (store, orphans, moved, &recovered, error))
    return FALSE;
  if (n_recovered != NULL)
    *n_recovered = recovered;
  if (unusable_out != NULL)
    *unusable_out = g_steal_pointer (&moved);
  return TRUE;
}
/* ---- integrity of the stored copies ---- */

static gboolean
set_mismatch (PrStore     *store,
              const char  *fingerprint_hex,
              const char  *why,
              GError     **error)
{
  g_autofree char *path = pr_store_get_ballot_path (store, fingerprint_hex);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *reason = g_strdup (why);
  gsize len = strlen (reason);

  /* The reason may be a sentence of its own: one period is enough. */
  if (len > 0 && reason[len - 1] == '.')
    reason[len - 1] = '\0';
  /* TRANSLATORS: %s is a file, the second %s says what is wrong with it */
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_MISMATCH,
               _("The stored ballot %s is not the one the import journal names: %s. Import the "
                 "original ballot file again to restore it, or run “peer-rank-cli round check” "
                 "to see every problem."),
               display, reason);
  return FALSE;
}

/* The stored copy's bytes when they hash to the fingerprint; else NULL
 * with @why set to a translated reason. */
static GBytes *
read_copy (PrStore     *store,
           const char  *fingerprint_hex,
           char       **why)
{
  g_autofree char *path = pr_store_get_ballot_path (store, fingerprint_hex);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_ENVELOPE_MAX_SIZE, TRUE, &local_error);
  guint8 found[PR_HASH_LEN];
  guint8 wanted[PR_HASH_LEN];

  if (bytes == NULL)
    {
      *why = g_error_matches (local_error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND)
               ? g_strdup (_("the file is missing"))
               : g_strdup (local_error->message);
      return NULL;
    }
  pr_ballot_fingerprint (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), found);
  if (!pr_crypto_fingerprint_from_hex (fingerprint_hex, wanted) ||
      sodium_memcmp (found, wanted, PR_HASH_LEN) != 0)
    {
      *why = g_strdup (_("its content was changed or replaced"));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* The ballot must open to what was journaled when it was imported: the
 * same member, sequence and payload. */
static gboolean
check_opened (PrStore            *store,
              const Entry        *entry,
              const PrBallotInfo *info,
              GError            **error)
{
  char digest[HEX_LEN + 1];

  _pr_store_fill_hex (digest, info->payload_digest);
  if (info->member_index == entry->member && info->sequence == entry->sequence &&
      strcmp (digest, entry->digest) == 0)
    return TRUE;
  return set_mismatch (store, entry->fingerprint,
                       _("it opens to another member, sequence or ranking"), error);
}

/* A ballot signed with a key revoked after it was journaled is still
 * the one the journal names (a revoked key proves whose it was); it
 * just no longer counts. */
static gboolean
journaled_before_revocation (PrStore      *store,
                             const Entry  *entry,
                             const GError *open_error)
{
  return g_error_matches (open_error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED) &&
         entry->epoch < pr_store_get_epoch (store, entry->member);
}

GBytes *
pr_store_read_ballot (PrStore         *store,
                      const char      *fingerprint_hex,
                      PrBallotOpener  *opener,
                      PrSecret        *workspace,
                      PrBallotInfo    *info,
                      GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *why = NULL;
  const Entry *entry;
  PrBallotInfo opened;

  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, NULL);

  if ((entry = _pr_store_lookup_entry (store, fingerprint_hex)) == NULL)
    {
      set_mismatch (store, fingerprint_hex, _("the journal has no such ballot"), error);
      return NULL;
    }
  if ((bytes = read_copy (store, fingerprint_hex, &why)) == NULL)
    {
      set_mismatch (store, fingerprint_hex, why, error);
      return NULL;
    }
  if (opener == NULL)
    return g_steal_pointer (&bytes);
  if (workspace == NULL)
    workspace = pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener));
  if (!pr_ballot_open (opener, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       workspace, &opened, &local_error) &&
      !journaled_before_revocation (store, entry, local_error))
    {
      set_mismatch (store, fingerprint_hex, local_error->message, error);
      return NULL;
    }
  if (!check_opened (store, entry, &opened, error))
    {
      pr_secret_wipe (workspace);
      return NULL;
    }
  if (info != NULL)
    *info = opened;
  return g_steal_pointer (&bytes);
}

gboolean
pr_store_copy_is_intact (PrStore    *store,
                         const char *fingerprint_hex)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *why = NULL;

  gpointer found;

  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);

  /* Staged and not flushed yet: its copy is on its way. */
  found = g_hash_table_lookup (store->by_fingerprint, fingerprint_hex);
  if (found != NULL && GPOINTER_TO_UINT (found) - 1 >= store->entries->len - store->n_staged)
    return TRUE;
  bytes = read_copy (store, fingerprint_hex, &why);
  return bytes != NULL;
}

/* A damaged copy is evidence: it is renamed, never deleted or rewritten. */
static gboolean
move_aside (const char  *path,
            GError     **error)
{
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%" G_GINT64_FORMAT, path,
                                            g_get_real_time ());
  struct stat st;

  if (lstat (path, &st) != 0)
    return TRUE;  /* missing: nothing to keep */
  if (rename (path, aside) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO, _("%s cannot be moved aside: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
pr_store_restore_copy (PrStore       *store,
                       const char    *fingerprint_hex,
                       const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *hex = NULL;
  guint8 fingerprint[PR_HASH_LEN];

  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL && data != NULL, FALSE);

  pr_ballot_fingerprint (data, len, fingerprint);
  hex = pr_crypto_fingerprint_hex (fingerprint);
  if (_pr_store_lookup_entry (store, fingerprint_hex) == NULL || strcmp (hex, fingerprint_hex) != 0)
    return set_mismatch (store, fingerprint_hex, _("the file given is another ballot"), error);
  if (pr_store_copy_is_intact (store, fingerprint_hex))
    return TRUE;
  if (!_pr_store_become_writer (store, error))
    return FALSE;
  path = pr_store_get_ballot_path (store, fingerprint_hex);
  return move_aside (path, error) && pr_atomic_create_once (path, data, len, error);
}

gboolean
pr_store_check_complete (PrStore  *store,
                         GError  **error)
{
  g_autofree char *display = NULL;
  guint n;

  g_return_val_if_fail (store != NULL, FALSE);

  n = pr_store_count_unjournaled (store);
  if (n == 0)
    return TRUE;
  /* Files another Peer Rank stored and journaled since this store read
   * the journal, or is storing right now, are no interrupted import. */
  if (pr_store_is_writing_elsewhere (store) || pr_store_is_stale (store))
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY,
                           _("Another Peer Rank is importing into this round, or has since it "
                             "was read here (on this computer or on another one that shares the "
                             "round folder). Read the round again when it has finished to count "
                             "its ballots too."));
      return FALSE;
    }
  display = g_filename_display_name (store->dir);
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNJOURNALED,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u stored ballot of %s is not in the import journal (an import "
                            "was interrupted, or the journal was cut or deleted), so a count "
                            "now would leave it out. Run “peer-rank-cli import %s” (or open the "
                            "round in Peer Rank) to recover it, then count again.",
                            "%u stored ballots of %s are not in the import journal (an import "
                            "was interrupted, or the journal was cut or deleted), so a count "
                            "now would leave them out. Run “peer-rank-cli import %s” (or open "
                            "the round in Peer Rank) to recover them, then count again.", n),
               n, display, display);
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
check_receipts_allowed (PrStore  *store,
                        GError  **error)
{
  if (store->state_key == NULL)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED,
                           _("Receipts need the round’s passphrase, so that the list is checked "
                             "against the ballots."));
      return FALSE;
    }
  if (!store->closed)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_OPEN,
                           _("The round is still open: close it first, so that the receipts "
                             "you publish cannot change afterwards."));
      return FALSE;
    }
  return pr_store_check_complete (store, error);
}

GPtrArray *
pr_store_dup_receipts (PrStore         *store,
                       PrBallotOpener  *opener,
                       GError         **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (store != NULL && opener != NULL, NULL);

  if (!check_receipts_allowed (store, error))
    return NULL;
  for (guint i = 0; i < store->n_voters; i++)
    {
      const char *hex = NULL;
      g_autoptr(GBytes) bytes = NULL;
      guint8 hash[PR_HASH_LEN];

      if (!pr_store_get_counted (store, i, &hex, NULL))
        continue;
      bytes = pr_store_read_ballot (store, hex, opener, NULL, NULL, error);
      pr_secret_wipe (pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener)));
      if (bytes == NULL || !pr_crypto_fingerprint_from_hex (hex, hash))
        return NULL;
      g_ptr_array_add (lines, pr_crypto_fingerprint_short (hash));
    }
  g_ptr_array_sort (lines, compare_strings);
  return g_steal_pointer (&lines);
}
