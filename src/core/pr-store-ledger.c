/* pr-store-ledger.c — what the journal's lines mean
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which ballot of a member counts, staging and flushing imported ballots,
 * the organizer's decisions, closing and reopening, and the queries on
 * the journaled ballots.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "pr-atomic.h"
#include "pr-ballot-error.h"
#include "pr-journal.h"
#include "pr-store-private.h"

/* ---- what the journal says ---- */

gboolean
_pr_store_is_hex_fingerprint (const char *text)
{
  guint8 bin[PR_HASH_LEN];

  return pr_crypto_fingerprint_from_hex (text, bin);
}

static gboolean
is_candidate (PrStore     *store,
              const Entry *entry)
{
  if (entry->epoch != pr_store_get_epoch (store, entry->member) || entry->organizer_refused)
    return FALSE;
  return entry->status == PR_BALLOT_STATUS_ACCEPTED ||
         entry->status == PR_BALLOT_STATUS_REVISED ||
         entry->organizer_accepted;
}

/* The counted ballot is the candidate with the highest sequence; among
 * equal sequences the one journaled last (an organizer's choice). */
static void
consider_counted (PrStore *store,
                  guint    index)
{
  const Entry *entry = &g_array_index (store->entries, Entry, index);
  int current = store->counted[entry->member];

  if (!is_candidate (store, entry))
    return;
  if (current < 0 ||
      entry->sequence >= g_array_index (store->entries, Entry, current).sequence)
    store->counted[entry->member] = (int) index;
}

void
_pr_store_recompute_counted (PrStore *store,
                   guint    member)
{
  GArray *mine = store->by_member[member];

  store->counted[member] = -1;
  for (guint i = 0; i < mine->len; i++)
    consider_counted (store, g_array_index (mine, guint, i));
}

void
_pr_store_add_entry (PrStore     *store,
           const Entry *entry)
{
  guint index = store->entries->len;

  g_array_append_vals (store->entries, entry, 1);
  g_hash_table_replace (store->by_fingerprint, g_strdup (entry->fingerprint),
                        GUINT_TO_POINTER (index + 1));
  g_hash_table_replace (store->by_digest, g_strdup (entry->digest),
                        GUINT_TO_POINTER (index + 1));
  g_array_append_val (store->by_member[entry->member], index);
  consider_counted (store, index);
}

Entry *
_pr_store_lookup_entry (PrStore    *store,
              const char *fingerprint_hex)
{
  gpointer found = g_hash_table_lookup (store->by_fingerprint, fingerprint_hex);

  return found != NULL ? &g_array_index (store->entries, Entry, GPOINTER_TO_UINT (found) - 1)
                       : NULL;
}

/* A decision names a stored ballot; the last decision about it holds. */
static void
apply_decision (PrStore           *store,
                Entry             *entry,
                PrJournalDecision  decision)
{
  entry->organizer_accepted = decision == PR_JOURNAL_ACCEPT;
  entry->organizer_refused = decision == PR_JOURNAL_REFUSE;
  _pr_store_recompute_counted (store, entry->member);
}

static void
apply_event (PrStore        *store,
             PrJournalEvent  event,
             gint64          time)
{
  store->closed = event == PR_JOURNAL_CLOSE;
  store->closed_time = store->closed ? time : 0;
}

static gboolean
apply_line (const PrJournalLine  *line,
            gpointer              user_data,
            GError              **error)
{
  PrStore *store = user_data;
  const PrJournalEntry *j = &line->entry;
  Entry entry = { 0 };
  Entry *known;

  switch (line->kind)
    {
    case PR_JOURNAL_LINE_ROUND:
      /* The round hash the round was created with: an edit of
       * round.json's manifest changes the hash, and then every genuine
       * ballot would fail to open as if damaged. */
      if (sodium_memcmp (line->round_hash, pr_manifest_get_hash (store->manifest),
                         PR_HASH_LEN) != 0)
        store->round_changed = TRUE;
      return TRUE;
    case PR_JOURNAL_LINE_DECISION:
      if ((known = _pr_store_lookup_entry (store, j->fingerprint)) == NULL)
        {
          pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE);
          return FALSE;
        }
      apply_decision (store, known, line->decision);
      return TRUE;
    case PR_JOURNAL_LINE_EVENT:
      apply_event (store, line->event, line->time);
      return TRUE;
    case PR_JOURNAL_LINE_MAIL:
      _pr_store_apply_mail (store, line);
      return TRUE;
    case PR_JOURNAL_LINE_REISSUE:
    case PR_JOURNAL_LINE_UPGRADE:
      /* What they record is checked when unlocking (pr-store-auth.c). */
      return TRUE;
    case PR_JOURNAL_LINE_BALLOT:
    default:
      break;
    }
  if (g_hash_table_contains (store->by_fingerprint, j->fingerprint))
    return TRUE;  /* journaled twice after a recovery: harmless */
  entry = (Entry) { .member = j->member, .sequence = j->sequence, .epoch = j->epoch,
                    .status = (PrBallotStatus) j->status, .time = j->time };
  g_strlcpy (entry.fingerprint, j->fingerprint, sizeof entry.fingerprint);
  g_strlcpy (entry.digest, j->digest, sizeof entry.digest);
  _pr_store_add_entry (store, &entry);
  return TRUE;
}

/* Lines are only ever reported after they were fsynced, so nothing
 * reported is lost; a torn tail is ignored (see pr-journal.h). */
gboolean
_pr_store_load_journal (PrStore  *store,
              GError  **error)
{
  if (!pr_journal_load (store->journal, store->manifest, apply_line, store, error))
    return FALSE;
  if (store->round_changed)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_ROUND_CHANGED,
                           _("round.json was changed after the round was created: its round "
                             "hash is not the one the import journal recorded. Ballots are "
                             "bound to the round as created, so none can be opened; put back "
                             "the original round.json (from a backup copy of the round folder)."));
      return FALSE;
    }
  return TRUE;
}
/* ---- import ---- */

PrBallotStatus
_pr_store_classify (PrStore     *store,
          const Entry *entry,
          gint64       now)
{
  guint epoch = pr_store_get_epoch (store, entry->member);
  int counted = store->counted[entry->member];
  GArray *mine = store->by_member[entry->member];

  if (g_hash_table_contains (store->by_fingerprint, entry->fingerprint) ||
      g_hash_table_contains (store->by_digest, entry->digest))
    return PR_BALLOT_STATUS_DUPLICATE;
  if (now >= 0 && entry->sequence > (guint64) now + PR_STORE_FLAG_AHEAD_SECONDS)
    return PR_BALLOT_STATUS_FLAGGED;
  for (guint i = 0; i < mine->len; i++)
    {
      const Entry *other = &g_array_index (store->entries, Entry, g_array_index (mine, guint, i));

      if (other->epoch == epoch && other->sequence == entry->sequence)
        return PR_BALLOT_STATUS_CONFLICT;
    }
  if (counted < 0)
    return PR_BALLOT_STATUS_ACCEPTED;
  if (entry->sequence > g_array_index (store->entries, Entry, counted).sequence)
    return PR_BALLOT_STATUS_REVISED;
  return PR_BALLOT_STATUS_STALE;
}

void
_pr_store_fill_hex (char         out[HEX_LEN + 1],
          const guint8 hash[PR_HASH_LEN])
{
  g_autofree char *hex = pr_crypto_fingerprint_hex (hash);

  g_strlcpy (out, hex, HEX_LEN + 1);
}

PrAtomicPending *
pr_store_prepare (PrStore      *store,
                  const guint8 *data,
                  gsize         len)
{
  g_return_val_if_fail (store != NULL && data != NULL, NULL);

  /* ballots_dir never changes once the store is open. */
  return pr_atomic_pending_new (store->ballots_dir, data, len, NULL);
}

GHashTable *
pr_store_dup_fingerprints (PrStore *store)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (store != NULL, set);

  g_hash_table_iter_init (&iter, store->by_fingerprint);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (set, g_strdup (key));
  return set;
}

void
_pr_store_queue_entry (PrStore     *store,
             const Entry *entry)
{
  PrJournalEntry line = { .member = entry->member, .sequence = entry->sequence,
                          .epoch = entry->epoch, .status = (int) entry->status,
                          .time = entry->time };

  g_strlcpy (line.fingerprint, entry->fingerprint, sizeof line.fingerprint);
  g_strlcpy (line.digest, entry->digest, sizeof line.digest);
  pr_journal_queue_entry (store->journal, store->manifest, &line);
}

/* Queues the file of a ballot to be stored as NAME. */
static void
queue_file (PrStore         *store,
            const char      *name,
            const guint8    *data,
            gsize            len,
            PrAtomicPending *prepared)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (store->broken)
    {
      pr_atomic_pending_free (prepared);
      return;
    }
  if (prepared != NULL)
    ok = pr_atomic_batch_adopt (store->batch, name, prepared, &local_error);
  else
    ok = pr_atomic_batch_add (store->batch, name, data, len, &local_error);
  if (!ok)
    {
      /* Kept to say why when the group is flushed. */
      store->broken = TRUE;
      store->broken_error = g_steal_pointer (&local_error);
    }
}

PrBallotStatus
pr_store_stage_prepared (PrStore            *store,
                         const guint8       *data,
                         gsize               len,
                         PrAtomicPending    *prepared,
                         const PrBallotInfo *info,
                         gint64              now,
                         GError            **error)
{
  g_autoptr(PrAtomicPending) owned = prepared;
  g_autofree char *name = NULL;
  Entry entry = { 0 };

  g_return_val_if_fail (store != NULL && info != NULL, PR_BALLOT_STATUS_REJECTED);
  g_return_val_if_fail (info->member_index < store->n_voters, PR_BALLOT_STATUS_REJECTED);

  /* Lines are sealed with the state key: an opener alone is not enough. */
  if (store->state_key == NULL)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED,
                           _("This change to the round needs its passphrase."));
      return PR_BALLOT_STATUS_REJECTED;
    }
  /* The opener may predate a re-issue: only the current key counts. */
  if (memcmp (info->signer_key, store->voters[info->member_index].key, PR_SIGN_PUBLIC_LEN) != 0)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ELIGIBILITY_REVOKED);
      return PR_BALLOT_STATUS_REJECTED;
    }
  _pr_store_fill_hex (entry.fingerprint, info->fingerprint);
  _pr_store_fill_hex (entry.digest, info->payload_digest);
  entry.member = info->member_index;
  /* Sequences beyond what the journal stores as a JSON integer are
   * clamped; they are flagged anyway. */
  entry.sequence = MIN (info->sequence, (guint64) G_MAXINT64);
  entry.epoch = pr_store_get_epoch (store, info->member_index);
  entry.time = now;
  entry.status = _pr_store_classify (store, &entry, now);
  if (entry.status == PR_BALLOT_STATUS_DUPLICATE)
    return entry.status;

  name = g_strconcat (entry.fingerprint, ".json", NULL);
  queue_file (store, name, data, len, g_steal_pointer (&owned));
  _pr_store_add_entry (store, &entry);
  _pr_store_queue_entry (store, &entry);
  store->n_staged++;
  return entry.status;
}

PrBallotStatus
pr_store_stage (PrStore            *store,
                const guint8       *data,
                gsize               len,
                const PrBallotInfo *info,
                gint64              now,
                GError            **error)
{
  return pr_store_stage_prepared (store, data, len, NULL, info, now, error);
}

guint
pr_store_get_n_staged (PrStore *store)
{
  return store->n_staged;
}

/* The first cause is the one reported, every time: the system's own
 * words ("No space left on device", "Permission denied"). */
static gboolean
set_broken_error (PrStore  *store,
                  GError   *cause,
                  GError  **error)
{
  store->broken = TRUE;
  if (store->broken_error == NULL && cause != NULL)
    store->broken_error = g_error_copy (cause);
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_BROKEN,
               _("Writing to the round folder failed (%s); nothing after the files reported "
                 "so far was imported. Fix the cause and import again."),
               store->broken_error != NULL ? store->broken_error->message
                                           : _("the cause is unknown"));
  return FALSE;
}


gboolean
pr_store_flush (PrStore  *store,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (store->broken)
    return set_broken_error (store, NULL, error);
  if (store->n_staged == 0)
    return TRUE;
  if (!_pr_store_become_writer (store, error))
    return FALSE;
  /* Files first, then the journal: a line is never written for a ballot
   * that is not on disk, and a crash in between leaves unjournaled files
   * that pr_store_recover() picks up. */
  if (!pr_atomic_batch_commit (store->batch, &local_error) ||
      !pr_journal_commit (store->journal, &local_error))
    return set_broken_error (store, local_error, error);
  store->n_staged = 0;
  return TRUE;
}
/* ---- decisions and queries ---- */

gboolean
pr_store_is_pending (PrStore *store,
                     guint    index)
{
  const Entry *entry;
  int counted;

  g_return_val_if_fail (store != NULL && index < store->entries->len, FALSE);

  entry = &g_array_index (store->entries, Entry, index);
  if ((entry->status != PR_BALLOT_STATUS_CONFLICT && entry->status != PR_BALLOT_STATUS_FLAGGED) ||
      entry->organizer_accepted || entry->organizer_refused ||
      entry->epoch != pr_store_get_epoch (store, entry->member))
    return FALSE;
  /* One below the counted ballot could never count: nothing to decide. */
  counted = store->counted[entry->member];
  return counted < 0 ||
         entry->sequence >= g_array_index (store->entries, Entry, counted).sequence;
}

GArray *
pr_store_list_pending (PrStore *store)
{
  GArray *pending = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (store != NULL, pending);

  for (guint i = 0; i < store->entries->len; i++)
    if (pr_store_is_pending (store, i))
      g_array_append_val (pending, i);
  return pending;
}

/* Journals the organizer's decision, then applies it. */
static gboolean
decide (PrStore           *store,
        const char        *fingerprint_hex,
        PrJournalDecision  decision,
        GError           **error)
{
  gpointer found = g_hash_table_lookup (store->by_fingerprint, fingerprint_hex);
  guint index;

  if (found == NULL)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER,
                   _("No stored ballot has the fingerprint %s."), fingerprint_hex);
      return FALSE;
    }
  index = GPOINTER_TO_UINT (found) - 1;
  if (!pr_store_is_pending (store, index))
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_PENDING,
                   _("The ballot %s awaits no decision: only a conflicting or flagged ballot "
                     "that could still count can be accepted or refused, once."),
                   fingerprint_hex);
      return FALSE;
    }
  if (!pr_store_flush (store, error) || !_pr_store_become_writer (store, error) ||
      !pr_journal_append_decision (store->journal, decision, fingerprint_hex,
                                   g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;
  apply_decision (store, &g_array_index (store->entries, Entry, index), decision);
  return TRUE;
}

gboolean
pr_store_accept (PrStore     *store,
                 const char  *fingerprint_hex,
                 GError     **error)
{
  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);

  return decide (store, fingerprint_hex, PR_JOURNAL_ACCEPT, error);
}

gboolean
pr_store_refuse (PrStore     *store,
                 const char  *fingerprint_hex,
                 GError     **error)
{
  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);

  return decide (store, fingerprint_hex, PR_JOURNAL_REFUSE, error);
}

static gboolean
set_closed (PrStore  *store,
            gboolean  closed,
            GError  **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (store->closed == closed)
    return TRUE;
  if (!pr_store_flush (store, error) || !_pr_store_become_writer (store, error) ||
      !pr_journal_append_event (store->journal, closed ? PR_JOURNAL_CLOSE : PR_JOURNAL_REOPEN,
                                now, error))
    return FALSE;
  apply_event (store, closed ? PR_JOURNAL_CLOSE : PR_JOURNAL_REOPEN, now);
  return TRUE;
}

gboolean
pr_store_close (PrStore  *store,
                GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return set_closed (store, TRUE, error);
}

gboolean
pr_store_reopen (PrStore  *store,
                 GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return set_closed (store, FALSE, error);
}

gboolean
pr_store_is_closed (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return store->closed;
}

gint64
pr_store_get_closed_time (PrStore *store)
{
  g_return_val_if_fail (store != NULL, 0);
  return store->closed_time;
}

gboolean
pr_store_member_voted (PrStore *store,
                       guint    index)
{
  g_return_val_if_fail (index < store->n_voters, FALSE);
  return store->counted[index] >= 0;
}

gboolean
pr_store_get_counted (PrStore     *store,
                      guint        index,
                      const char **fingerprint_hex,
                      guint64     *sequence)
{
  const Entry *entry;

  g_return_val_if_fail (index < store->n_voters, FALSE);
  if (store->counted[index] < 0)
    return FALSE;
  entry = &g_array_index (store->entries, Entry, store->counted[index]);
  if (fingerprint_hex != NULL)
    *fingerprint_hex = entry->fingerprint;
  if (sequence != NULL)
    *sequence = entry->sequence;
  return TRUE;
}

gboolean
pr_store_has_ballot (PrStore    *store,
                     const char *fingerprint_hex)
{
  g_return_val_if_fail (store != NULL && fingerprint_hex != NULL, FALSE);
  return g_hash_table_contains (store->by_fingerprint, fingerprint_hex);
}

guint
pr_store_count_status (PrStore        *store,
                       PrBallotStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < store->entries->len; i++)
    n += g_array_index (store->entries, Entry, i).status == status;
  return n;
}

guint
pr_store_get_n_entries (PrStore *store)
{
  g_return_val_if_fail (store != NULL, 0);
  return store->entries->len;
}

void
pr_store_get_entry (PrStore      *store,
                    guint         index,
                    PrStoreEntry *out)
{
  const Entry *entry;

  g_return_if_fail (store != NULL && out != NULL);
  g_return_if_fail (index < store->entries->len);

  entry = &g_array_index (store->entries, Entry, index);
  *out = (PrStoreEntry) { entry->fingerprint, entry->digest, entry->member, entry->sequence,
                          entry->epoch, entry->status, entry->time, entry->organizer_accepted,
                          entry->organizer_refused };
}

gboolean
pr_store_has_journal (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return pr_journal_exists (store->journal);
}

gboolean
pr_store_journal_is_torn (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return pr_journal_is_torn (store->journal);
}
