/* pr-ranking-row.h — one teammate in the associate's ranking
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What a row asks its page to do: the row's actions and keys emit
 * PrRankingRow::move with one of these. */
typedef enum {
  PR_RANKING_ROW_MOVE_UP,
  PR_RANKING_ROW_MOVE_DOWN,
  PR_RANKING_ROW_MOVE_FIRST,
  PR_RANKING_ROW_MOVE_LAST,
  PR_RANKING_ROW_UNRANK,
  PR_RANKING_ROW_RANK,
  PR_RANKING_ROW_CHOOSE_POSITION,
} PrRankingRowMove;

#define PR_TYPE_RANKING_ROW (pr_ranking_row_get_type ())

G_DECLARE_FINAL_TYPE (PrRankingRow, pr_ranking_row, PR, RANKING_ROW, GtkListBoxRow)

PrRankingRow *pr_ranking_row_new            (guint          member,
                                             const char    *name);
guint         pr_ranking_row_get_member     (PrRankingRow  *self);
const char   *pr_ranking_row_get_name       (PrRankingRow  *self);
/* The name folded for search: lower case, without accents, ø as o
 * (pr_ranking_row_fold()), then a line break and the name as file names
 * spell it (ø as oe). */
const char   *pr_ranking_row_get_search_key (PrRankingRow  *self);

/* Shows the row at 0-based @position of its section: ranked among
 * @n_ranked, or not ranked. Updates the number, the buttons and the
 * accessible label (DESIGN §1: "NAME, position K of N" or "NAME, not
 * ranked"). @n_unranked tells whether the row is the last not ranked. */
void          pr_ranking_row_set_place      (PrRankingRow  *self,
                                             gboolean       ranked,
                                             guint          position,
                                             guint          n_ranked,
                                             guint          n_unranked);
gboolean      pr_ranking_row_get_ranked     (PrRankingRow  *self);
guint         pr_ranking_row_get_position   (PrRankingRow  *self);
/* The accessible label last set, as a screen reader reads it. */
const char   *pr_ranking_row_get_label      (PrRankingRow  *self);

/* Where a drag hovering over the row would drop: -1 none, 0 before the
 * row (upper half), 1 after it (lower half). */
void          pr_ranking_row_set_drop_side  (PrRankingRow  *self,
                                             int            side);

/* Folds @text for search: lower case, no accents, ø as o, ß as ss. */
char         *pr_ranking_row_fold           (const char    *text);

G_END_DECLS
