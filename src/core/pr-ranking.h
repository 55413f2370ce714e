/* pr-ranking.h — an associate's order of their teammates, with undo
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The associate's working order: every member of the roster but the voter,
 * as one sequence whose first n_ranked entries are ranked (best first)
 * and whose rest are "not ranked", always in name order (roster order
 * until pr_ranking_set_names() says otherwise).
 * A move takes one member out and puts it at a position of either
 * section; every move that changes something can be undone and redone.
 * The model knows members only by roster index, so it serves the app,
 * the draft file and the sealing alike. */
typedef struct _PrRanking PrRanking;

/* The history keeps at most this many moves to undo. */
#define PR_RANKING_MAX_UNDO 500

/* Everyone but @voter unranked. */
PrRanking     *pr_ranking_new            (guint          n_members,
                                          guint          voter);
void           pr_ranking_free           (PrRanking     *ranking);
/* The members' names (@names[i] for member i), which order "Not ranked"
 * as the locale collates them. */
void           pr_ranking_set_names      (PrRanking          *ranking,
                                          const char * const *names);

guint          pr_ranking_get_n_members  (const PrRanking *ranking);
guint          pr_ranking_get_voter      (const PrRanking *ranking);
/* Number of people shown: n_members − 1. */
guint          pr_ranking_get_n_slots    (const PrRanking *ranking);
guint          pr_ranking_get_n_ranked   (const PrRanking *ranking);
/* The member index at slot @slot (ranked first, then not ranked). */
guint          pr_ranking_get_member     (const PrRanking *ranking,
                                          guint            slot);
/* All slots, ranked first: pr_ranking_get_n_slots() entries. The first
 * pr_ranking_get_n_ranked() are the ballot's ranking. */
const guint16 *pr_ranking_get_order      (const PrRanking *ranking);
/* Slot of @member, or -1 for the voter or an index out of range. */
int            pr_ranking_get_slot       (const PrRanking *ranking,
                                          guint            member);
gboolean       pr_ranking_is_ranked      (const PrRanking *ranking,
                                          guint            member);
/* 0-based position of @member inside its own section. */
guint          pr_ranking_get_position   (const PrRanking *ranking,
                                          guint            member);

/* The 0-based place @member has, or would have, in "Not ranked". */
guint          pr_ranking_get_name_place (const PrRanking *ranking,
                                          guint            member);

/* Puts @member at @position (0-based, clamped to the section's end)
 * of the ranked section when @ranked, else at its place by name in the
 * not-ranked one (@position is ignored there).
 * Returns FALSE when nothing changed (no history entry then). */
gboolean       pr_ranking_move           (PrRanking     *ranking,
                                          guint          member,
                                          gboolean       ranked,
                                          guint          position);
/* The keyboard's moves (DESIGN §1): one place up — from anywhere in
 * "not ranked" to the last ranked place; one place down — from the last
 * ranked place out of the ranking (nothing for a person not ranked);
 * first place; last ranked place; out of the ranking. */
gboolean       pr_ranking_move_up        (PrRanking     *ranking,
                                          guint          member);
gboolean       pr_ranking_move_down      (PrRanking     *ranking,
                                          guint          member);
gboolean       pr_ranking_move_first     (PrRanking     *ranking,
                                          guint          member);
gboolean       pr_ranking_move_last_ranked (PrRanking   *ranking,
                                            guint        member);
gboolean       pr_ranking_unrank         (PrRanking     *ranking,
                                          guint          member);
/* Everyone unranked again (undoable). */
gboolean       pr_ranking_clear          (PrRanking     *ranking);

gboolean       pr_ranking_can_undo       (const PrRanking *ranking);
gboolean       pr_ranking_can_redo       (const PrRanking *ranking);
gboolean       pr_ranking_undo           (PrRanking     *ranking);
gboolean       pr_ranking_redo           (PrRanking     *ranking);

/* Replaces the order (e.g. from a draft): @order holds @n_slots distinct
 * members other than the voter, the first @n_ranked ranked. Members
 * missing from @order are appended to "not ranked"; FALSE (nothing
 * changed) when @order names the voter, an unknown or a repeated member.
 * Clears the history. */
gboolean       pr_ranking_set_order      (PrRanking     *ranking,
                                          const guint16 *order,
                                          guint          n_slots,
                                          guint          n_ranked);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrRanking, pr_ranking_free)

G_END_DECLS
