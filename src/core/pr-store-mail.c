/* pr-store-mail.c — what the round's journal says was mailed to whom
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-store-mail.h"
#include "pr-store-private.h"

typedef struct {
  gint64 time;
  guint  epoch;
} Mailed;

/* One record per member and kind, made when the first line comes. */
static Mailed *
mailed_of (PrStore           *store,
           guint              index,
           PrJournalMailKind  kind)
{
  if (store->mailed == NULL)
    store->mailed = g_new0 (Mailed, (gsize) store->n_voters * PR_JOURNAL_MAIL_N_KINDS);
  return &((Mailed *) store->mailed)[index * PR_JOURNAL_MAIL_N_KINDS + kind];
}

void
_pr_store_apply_mail (PrStore             *store,
                      const PrJournalLine *line)
{
  Mailed *mailed;

  g_assert (line->kind == PR_JOURNAL_LINE_MAIL);
  if (line->entry.member >= store->n_voters || line->mail >= PR_JOURNAL_MAIL_N_KINDS)
    return;
  mailed = mailed_of (store, line->entry.member, line->mail);
  mailed->time = line->time;
  mailed->epoch = line->entry.epoch;
}

gboolean
pr_store_record_mail (PrStore            *store,
                      guint               index,
                      PrJournalMailKind   kind,
                      PrJournalVia        via,
                      GError            **error)
{
  PrJournalLine line = { .kind = PR_JOURNAL_LINE_MAIL, .mail = kind, .via = via };

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (index < store->n_voters, FALSE);
  g_return_val_if_fail (kind < PR_JOURNAL_MAIL_N_KINDS, FALSE);

  line.time = g_get_real_time () / G_USEC_PER_SEC;
  line.entry.member = index;
  line.entry.epoch = pr_store_get_epoch (store, index);
  if (!pr_store_flush (store, error) || !_pr_store_become_writer (store, error) ||
      !pr_journal_append_mail (store->journal, store->manifest, kind, index, line.entry.epoch,
                               via, line.time, error))
    return FALSE;
  _pr_store_apply_mail (store, &line);
  return TRUE;
}

gint64
pr_store_get_mailed (PrStore           *store,
                     guint              index,
                     PrJournalMailKind  kind,
                     guint             *epoch)
{
  Mailed *mailed;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (index < store->n_voters && kind < PR_JOURNAL_MAIL_N_KINDS, 0);

  if (store->mailed == NULL)
    return 0;
  mailed = mailed_of (store, index, kind);
  if (epoch != NULL)
    *epoch = mailed->epoch;
  return mailed->time;
}
