/* pr-round-anchor.h — how far this computer has seen a round's journal
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-crypto.h"
#include "pr-journal.h"
#include "pr-manifest.h"
#include "pr-state-mac.h"

G_BEGIN_DECLS

/* The MAC chain of journal.jsonl names any line changed inside the round
 * folder, but not a whole folder put back from an earlier copy: that
 * journal is a genuine, shorter chain. So this computer keeps, outside
 * the folder, how many lines it last saw and the MAC of the last one
 * (DESIGN §4), one file per round in the user data folder:
 *   g_get_user_data_dir()/peer-rank/rounds/<round id hex>.json
 *   {"format":"peer-rank-anchor","version":1,"lines":n,"head":hex,"mac":hex}
 * "mac" is keyed under the state key (PR_STATE_DOMAIN_ANCHOR, over the
 * round hash, the line count and the head), so nobody without the
 * passphrase writes one that holds. */
typedef struct {
  guint   n_lines;                  /* complete journal lines, at least 1 */
  guint8  head[PR_STATE_MAC_LEN];   /* the MAC line @n_lines ends in */
} PrRoundAnchor;

/* Where the anchor of @manifest's round lives (it may not exist). */
char     *pr_round_anchor_path   (PrManifest          *manifest);

/* Reads the anchor of @manifest's round into @anchor. FALSE when there
 * is none that verifies under @key: never written on this computer, or
 * unreadable, damaged or not made with this key — no better than none,
 * since whoever could write it could as well delete it. */
gboolean  pr_round_anchor_read   (const PrSecret      *key,
                                  PrManifest          *manifest,
                                  PrRoundAnchor       *anchor);

/* Replaces the anchor atomically (mode 0600, folders 0700). */
gboolean  pr_round_anchor_write  (const PrSecret      *key,
                                  PrManifest          *manifest,
                                  const PrRoundAnchor *anchor,
                                  GError             **error);

/* The anchor of @journal as it is now (its complete lines, loaded and
 * appended, and the last one's MAC); FALSE when no line has a MAC yet
 * (a journal not verified, or of an earlier Peer Rank). */
gboolean  pr_round_anchor_from_journal (PrJournal     *journal,
                                        PrRoundAnchor *anchor);

/* Whether the loaded, verified @journal goes on from @anchor: it has
 * line @anchor->n_lines and that line ends in @anchor->head (so the
 * chain up to there is the one seen). FALSE for a shorter journal — a
 * rollback the chain alone cannot tell — or another one. */
gboolean  pr_round_anchor_holds  (const PrRoundAnchor *anchor,
                                  PrJournal           *journal);

/* Removes the anchor: the next unlock takes the folder as it is. */
gboolean  pr_round_anchor_forget (PrManifest          *manifest,
                                  GError             **error);

G_END_DECLS
