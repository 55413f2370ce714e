/* pr-store-share.c — a round folder shared with another Peer Rank
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two organizers may keep one round open, on one computer or on two
 * that share the folder. Each change is made under the journal's lock
 * and from the state the folder holds then: a store catches up with
 * what the other wrote (round.json and the journal read again and
 * checked with the state key it was unlocked with), makes its change and
 * yields the lock again.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pr-store-private.h"

/* How often a snapshot is read again when the journal grew meanwhile. */
#define SNAPSHOT_TRIES 3

gboolean
pr_store_is_stale (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);

  return pr_journal_changed_on_disk (store->journal) || !_pr_store_round_unchanged (store);
}

/* Exchanges what two stores of one folder hold; each keeps its address
 * (the journals call back their own store). */
static void
exchange (PrStore *a,
          PrStore *b)
{
  PrStore tmp = *a;

  *a = *b;
  *b = tmp;
  pr_journal_set_written_func (a->journal, _pr_store_journal_written, a);
  pr_journal_set_written_func (b->journal, _pr_store_journal_written, b);
}

/* The same, but @a keeps its manifest (@b's is the same round), which
 * callers may hold on to. */
static void
swap_stores (PrStore *a,
             PrStore *b)
{
  PrManifest *b_manifest = b->manifest;

  b->manifest = a->manifest;
  exchange (a, b);
  b->manifest = b_manifest;
}

static gboolean
read_again (PrStore         *store,
            PrBallotOpener  *opener,
            GError         **error)
{
  g_autoptr(PrStore) fresh = NULL;

  if ((fresh = pr_store_open (store->dir, error)) == NULL)
    return FALSE;
  if (memcmp (pr_manifest_get_hash (fresh->manifest), pr_manifest_get_hash (store->manifest),
              PR_HASH_LEN) != 0)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_ROUND_CHANGED,
                           _("round.json now describes another round than the one opened here. "
                             "Open the round folder again."));
      return FALSE;
    }
  /* The lock goes with the journal read under it (a re-issue cut short
   * is finished while checking, and that writes). */
  pr_journal_move_lock (fresh->journal, store->journal);
  if (!_pr_store_authenticate_with_state_key (fresh, store->state_key, error))
    return FALSE;
  swap_stores (store, fresh);
  if (opener != NULL)
    _pr_store_set_opener_keys (store, opener);
  return TRUE;
}

gboolean
pr_store_catch_up (PrStore         *store,
                   PrBallotOpener  *opener,
                   gboolean        *changed,
                   GError         **error)
{
  g_return_val_if_fail (store != NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;
  if (store->state_key == NULL)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED,
                           _("This change to the round needs its passphrase."));
      return FALSE;
    }
  if (store->broken || store->n_staged > 0)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BROKEN,
                           store->broken_error != NULL
                           ? store->broken_error->message
                           : _("An import into this round did not finish; open the round again."));
      return FALSE;
    }
  if (!pr_journal_hold (store->journal, error))
    return FALSE;
  if (!pr_store_is_stale (store))
    return TRUE;
  if (!read_again (store, opener, error))
    {
      pr_journal_release (store->journal);
      return FALSE;
    }
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

void
pr_store_yield (PrStore *store)
{
  g_return_if_fail (store != NULL);
  /* A broken store never writes again (pr_store_catch_up() refuses it):
   * what it staged is given up, and the lock with it. */
  g_return_if_fail (store->n_staged == 0 || store->broken);

  pr_journal_release (store->journal);
}

gboolean
pr_store_is_writing_elsewhere (PrStore *store)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (pr_journal_is_held (store->journal) ||
      !g_file_test (store->journal_path, G_FILE_TEST_EXISTS))
    return FALSE;
  if (pr_journal_hold (store->journal, &error))
    {
      pr_journal_release (store->journal);
      return FALSE;
    }
  return g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY);
}

PrStore *
pr_store_snapshot_new (PrStore *store)
{
  PrStore *snapshot;

  g_return_val_if_fail (store != NULL && store->state_key != NULL, NULL);

  snapshot = _pr_store_store_new (store->dir);
  snapshot->snapshot_key = pr_secret_new_from_data (pr_secret_get_data (store->state_key),
                                                    pr_secret_get_size (store->state_key));
  return snapshot;
}

gboolean
pr_store_snapshot_read (PrStore         *snapshot,
                        PrBallotOpener  *opener,
                        GError         **error)
{
  g_autoptr(PrSecret) key = NULL;

  g_return_val_if_fail (snapshot != NULL && snapshot->snapshot_key != NULL, FALSE);
  g_return_val_if_fail (opener != NULL, FALSE);

  key = g_steal_pointer (&snapshot->snapshot_key);
  /* Read without the lock: a line this program (or another) appended
   * meanwhile can put the record of what this computer saw ahead of the
   * journal read. That is no rollback: read again. */
  for (guint tries = 0; ; tries++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PrStore) fresh = NULL;

      if (_pr_store_load (snapshot, &local_error) &&
          _pr_store_authenticate_with_state_key (snapshot, key, &local_error))
        break;
      if (tries >= SNAPSHOT_TRIES || !pr_store_is_stale (snapshot))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      fresh = _pr_store_store_new (snapshot->dir);
      exchange (snapshot, fresh);
    }
  /* Finishing a re-issue cut short takes the lock: not for the reading. */
  pr_journal_release (snapshot->journal);
  _pr_store_set_opener_keys (snapshot, opener);
  return TRUE;
}
