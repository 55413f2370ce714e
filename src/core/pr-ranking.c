/* pr-ranking.c — an associate's order of their teammates, with undo
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pr-ranking.h"

/* One state of the order: what undo and redo go back to. */
typedef struct {
  guint16 *order;
  guint    n_slots;
  guint    n_ranked;
} Snapshot;

struct _PrRanking
{
  guint      n_members;
  guint      voter;
  guint      n_slots;
  guint      n_ranked;
  guint16   *order;     /* n_slots member indices */
  int       *slot_of;   /* n_members: slot of each member, -1 for the voter */
  guint     *name_rank; /* n_members: place of each member in name order */
  GQueue     undo;      /* Snapshot *, newest at the head */
  GQueue     redo;
};

/* A ranking is the ballot's secret: copies are wiped before they go. */
static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  sodium_memzero (snapshot->order, snapshot->n_slots * sizeof (guint16));
  g_free (snapshot->order);
  g_free (snapshot);
}

static void
clear_history (GQueue *queue)
{
  Snapshot *snapshot;

  while ((snapshot = g_queue_pop_head (queue)) != NULL)
    {
      snapshot_free (snapshot);
    }
}

static Snapshot *
snapshot_take (const PrRanking *self)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->order = g_memdup2 (self->order, self->n_slots * sizeof (guint16));
  snapshot->n_slots = self->n_slots;
  snapshot->n_ranked = self->n_ranked;
  return snapshot;
}

static void
update_slots (PrRanking *self)
{
  for (guint i = 0; i < self->n_members; i++)
    self->slot_of[i] = -1;
  for (guint slot = 0; slot < self->n_slots; slot++)
    self->slot_of[self->order[slot]] = (int) slot;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const guint *name_rank = user_data;
  guint x = name_rank[*(const guint16 *) a];
  guint y = name_rank[*(const guint16 *) b];

  return (x > y) - (x < y);
}

/* "Not ranked" has no order of its own: it is kept in name order, so a
 * person is found where the alphabet says and no move within it means
 * anything. */
static void
sort_unranked (PrRanking *self)
{
  g_qsort_with_data (self->order + self->n_ranked, (int) (self->n_slots - self->n_ranked),
                     sizeof (guint16), compare_names, self->name_rank);
  update_slots (self);
}

static void
fill_roster_order (PrRanking *self)
{
  guint slot = 0;

  for (guint i = 0; i < self->n_members; i++)
    if (i != self->voter)
      self->order[slot++] = (guint16) i;
  self->n_ranked = 0;
  sort_unranked (self);
}

PrRanking *
pr_ranking_new (guint n_members,
                guint voter)
{
  PrRanking *self;

  g_return_val_if_fail (n_members >= 2 && n_members <= G_MAXUINT16, NULL);
  g_return_val_if_fail (voter < n_members, NULL);

  self = g_new0 (PrRanking, 1);
  self->n_members = n_members;
  self->voter = voter;
  self->n_slots = n_members - 1;
  self->order = g_new0 (guint16, self->n_slots);
  self->slot_of = g_new0 (int, n_members);
  self->name_rank = g_new0 (guint, n_members);
  for (guint i = 0; i < n_members; i++)
    self->name_rank[i] = i;
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  fill_roster_order (self);
  return self;
}

void
pr_ranking_free (PrRanking *self)
{
  if (self == NULL)
    return;

  clear_history (&self->undo);
  clear_history (&self->redo);
  sodium_memzero (self->order, self->n_slots * sizeof (guint16));
  sodium_memzero (self->slot_of, self->n_members * sizeof (int));
  g_free (self->order);
  g_free (self->slot_of);
  g_free (self->name_rank);
  g_free (self);
}

guint
pr_ranking_get_n_members (const PrRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_members;
}

guint
pr_ranking_get_voter (const PrRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->voter;
}

guint
pr_ranking_get_n_slots (const PrRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_slots;
}

guint
pr_ranking_get_n_ranked (const PrRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_ranked;
}

guint
pr_ranking_get_member (const PrRanking *self,
                       guint            slot)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (slot < self->n_slots, 0);
  return self->order[slot];
}

const guint16 *
pr_ranking_get_order (const PrRanking *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->order;
}

int
pr_ranking_get_slot (const PrRanking *self,
                     guint            member)
{
  g_return_val_if_fail (self != NULL, -1);
  return member < self->n_members ? self->slot_of[member] : -1;
}

gboolean
pr_ranking_is_ranked (const PrRanking *self,
                      guint            member)
{
  int slot = pr_ranking_get_slot (self, member);

  return slot >= 0 && (guint) slot < self->n_ranked;
}

guint
pr_ranking_get_position (const PrRanking *self,
                         guint            member)
{
  int slot = pr_ranking_get_slot (self, member);

  g_return_val_if_fail (slot >= 0, 0);
  return (guint) slot < self->n_ranked ? (guint) slot : (guint) slot - self->n_ranked;
}

/* Records the state before a change; a new change forgets what could
 * be redone, as in every editor. */
static void
push_undo (PrRanking *self)
{
  g_queue_push_head (&self->undo, snapshot_take (self));
  while (g_queue_get_length (&self->undo) > PR_RANKING_MAX_UNDO)
    snapshot_free (g_queue_pop_tail (&self->undo));
  clear_history (&self->redo);
}

/* Where @member ends up as a slot of the whole order, computed on the
 * order without @member: at @position of "Ranked", or at its place by
 * name in "Not ranked". */
static guint
target_slot (const PrRanking *self,
             guint            member,
             gboolean         was_ranked,
             gboolean         ranked,
             guint            position)
{
  guint n_ranked = self->n_ranked - (was_ranked ? 1 : 0);
  guint before = 0;

  if (ranked)
    return MIN (position, n_ranked);
  for (guint slot = self->n_ranked; slot < self->n_slots; slot++)
    if (self->order[slot] != member && self->name_rank[self->order[slot]] < self->name_rank[member])
      before++;
  return n_ranked + before;
}

guint
pr_ranking_get_name_place (const PrRanking *self,
                           guint            member)
{
  int slot = pr_ranking_get_slot (self, member);

  g_return_val_if_fail (slot >= 0, 0);
  return target_slot (self, member, (guint) slot < self->n_ranked, FALSE, 0) -
         (self->n_ranked - ((guint) slot < self->n_ranked ? 1 : 0));
}

gboolean
pr_ranking_move (PrRanking *self,
                 guint      member,
                 gboolean   ranked,
                 guint      position)
{
  int from;
  gboolean was_ranked;
  guint to;

  g_return_val_if_fail (self != NULL, FALSE);
  from = pr_ranking_get_slot (self, member);
  g_return_val_if_fail (from >= 0, FALSE);

  was_ranked = (guint) from < self->n_ranked;
  to = target_slot (self, member, was_ranked, ranked, position);
  if (to == (guint) from && was_ranked == !!ranked)
    return FALSE;

  push_undo (self);
  if (to > (guint) from)
    memmove (self->order + from, self->order + from + 1, (to - from) * sizeof (guint16));
  else if (to < (guint) from)
    memmove (self->order + to + 1, self->order + to, (from - to) * sizeof (guint16));
  self->order[to] = (guint16) member;
  self->n_ranked += (ranked ? 1 : 0) - (was_ranked ? 1 : 0);
  update_slots (self);
  return TRUE;
}

gboolean
pr_ranking_move_up (PrRanking *self,
                    guint      member)
{
  guint position = pr_ranking_get_position (self, member);

  if (!pr_ranking_is_ranked (self, member))
    return pr_ranking_move (self, member, TRUE, G_MAXUINT);
  if (position == 0)
    return FALSE;
  return pr_ranking_move (self, member, TRUE, position - 1);
}

gboolean
pr_ranking_move_down (PrRanking *self,
                      guint      member)
{
  guint position = pr_ranking_get_position (self, member);

  if (!pr_ranking_is_ranked (self, member))
    return FALSE;
  if (position + 1 == self->n_ranked)
    return pr_ranking_unrank (self, member);
  return pr_ranking_move (self, member, TRUE, position + 1);
}

gboolean
pr_ranking_move_first (PrRanking *self,
                       guint      member)
{
  return pr_ranking_move (self, member, TRUE, 0);
}

gboolean
pr_ranking_move_last_ranked (PrRanking *self,
                             guint      member)
{
  return pr_ranking_move (self, member, TRUE, G_MAXUINT);
}

gboolean
pr_ranking_unrank (PrRanking *self,
                   guint      member)
{
  if (!pr_ranking_is_ranked (self, member))
    return FALSE;
  return pr_ranking_move (self, member, FALSE, 0);
}

gboolean
pr_ranking_clear (PrRanking *self)
{
  g_autoptr(PrRanking) fresh = NULL;
  gboolean same;

  g_return_val_if_fail (self != NULL, FALSE);

  fresh = pr_ranking_new (self->n_members, self->voter);
  memcpy (fresh->name_rank, self->name_rank, self->n_members * sizeof (guint));
  sort_unranked (fresh);
  same = self->n_ranked == 0 &&
         memcmp (fresh->order, self->order, self->n_slots * sizeof (guint16)) == 0;
  if (same)
    return FALSE;

  push_undo (self);
  fill_roster_order (self);
  return TRUE;
}

/* Collation keys, the roster order between equal names. */
static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  char **keys = user_data;
  guint16 x = *(const guint16 *) a;
  guint16 y = *(const guint16 *) b;
  int c = strcmp (keys[x], keys[y]);

  return c != 0 ? c : (x > y) - (x < y);
}

gboolean
pr_ranking_can_undo (const PrRanking *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->undo.length > 0;
}

gboolean
pr_ranking_can_redo (const PrRanking *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->redo.length > 0;
}

/* Swaps the current state with the newest entry of @from, keeping the
 * current one on @to. */
static gboolean
step (PrRanking *self,
      GQueue    *from,
      GQueue    *to)
{
  Snapshot *snapshot = g_queue_pop_head (from);

  if (snapshot == NULL)
    return FALSE;
  g_queue_push_head (to, snapshot_take (self));
  memcpy (self->order, snapshot->order, self->n_slots * sizeof (guint16));
  self->n_ranked = snapshot->n_ranked;
  snapshot_free (snapshot);
  sort_unranked (self);
  return TRUE;
}

gboolean
pr_ranking_undo (PrRanking *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return step (self, &self->undo, &self->redo);
}

gboolean
pr_ranking_redo (PrRanking *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return step (self, &self->redo, &self->undo);
}

gboolean
pr_ranking_set_order (PrRanking     *self,
                      const guint16 *order,
                      guint          n_slots,
                      guint          n_ranked)
{
  g_autofree gboolean *seen = NULL;
  guint slot = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (order != NULL || n_slots == 0, FALSE);

  if (n_ranked > n_slots || n_slots > self->n_slots)
    return FALSE;
  seen = g_new0 (gboolean, self->n_members);
  for (guint i = 0; i < n_slots; i++)
    {
      if (order[i] >= self->n_members || order[i] == self->voter || seen[order[i]])
        return FALSE;
      seen[order[i]] = TRUE;
    }

  for (guint i = 0; i < n_slots; i++)
    self->order[slot++] = order[i];
  for (guint i = 0; i < self->n_members; i++)
    if (i != self->voter && !seen[i])
      self->order[slot++] = (guint16) i;
  self->n_ranked = n_ranked;
  sort_unranked (self);
  clear_history (&self->undo);
  clear_history (&self->redo);
  return TRUE;
}

/* Sorts by the name as the search folds it (ø as o, ß as ss), so the order
 * does not depend on the locale, then by the locale's collation. The names
 * hold no control characters, so \1 sorts before any of them. */
static char *
name_key (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  g_autofree char *collated = g_utf8_collate_key (name, -1);

  return g_strconcat (lower, "\1", collated, NULL);
}

void
pr_ranking_set_names (PrRanking         *self,
                      const char * const *names)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree guint16 *members = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (names != NULL);

  keys = g_ptr_array_new_full (self->n_members, g_free);
  members = g_new (guint16, self->n_members);
  for (guint i = 0; i < self->n_members; i++)
    {
      g_ptr_array_add (keys, name_key (names[i]));
      members[i] = (guint16) i;
    }
  g_qsort_with_data (members, (int) self->n_members, sizeof (guint16), compare_keys, keys->pdata);
  for (guint i = 0; i < self->n_members; i++)
    self->name_rank[members[i]] = i;
  sort_unranked (self);
}
