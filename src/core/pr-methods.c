/* pr-methods.c — Copeland, Schulze, ranked pairs, and running any method
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pr-methods.h"

PrMethodResult *
pr_copeland (const guint *N,
             guint        n)
{
  PrMethodResult *r = pr_method_result_new (PR_METHOD_COPELAND, n);

  r->score = g_new0 (double, n + 1);
  for (guint a = 0; a < n; a++)
    {
      int net = 0;

      for (guint b = 0; b < n; b++)
        {
          if (N[a * n + b] > N[b * n + a])
            net++;
          else if (N[a * n + b] < N[b * n + a])
            net--;
        }
      r->score[a] = net;
    }
  /* Integer scores: a zero tolerance groups exactly equal ones. */
  pr_method_result_group_scores (r, 0.0);
  return r;
}

/* Paths from j through i: to[k] = max (to[k], min (p[j][i], from_i[k]))
 * for every k, without branches so the loop stays tight. Running it over
 * k = i and k = j too changes nothing off the diagonal: p[j][i] cannot
 * exceed itself, and a diagonal entry p[j][j] > 0 (a cycle back to j)
 * never widens a path to someone else, nor is it read for "beats". */
static void
widen_through (guint       *restrict to,
               const guint *restrict from_i,
               guint                 to_i,
               guint                 n)
{
  for (guint k = 0; k < n; k++)
    {
      guint via = MIN (to_i, from_i[k]);

      to[k] = MAX (to[k], via);
    }
}

/* DESIGN §5 `schulze` (Schulze 2011, winning votes): d[a][b] = N[a][b]
 * when a wins the pair, else 0; p = strongest (widest) paths by
 * Floyd–Warshall; a beats b iff p[a][b] > p[b][a]. */
PrMethodResult *
pr_schulze (const guint *N,
            guint        n)
{
  g_autofree guint *p = g_new0 (guint, (gsize) n * n + 1);
  g_autofree guint8 *beats = g_new0 (guint8, (gsize) n * n + 1);

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (a != b && N[a * n + b] > N[b * n + a])
        p[a * n + b] = N[a * n + b];
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (j != i && p[(gsize) j * n + i] != 0)
        widen_through (p + (gsize) j * n, p + (gsize) i * n, p[(gsize) j * n + i], n);
  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      beats[a * n + b] = p[a * n + b] > p[b * n + a];
  return pr_method_result_from_relation (PR_METHOD_SCHULZE, beats, n);
}

typedef struct {
  guint winner;
  guint loser;
  guint margin;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *x = a;
  const Pair *y = b;

  if (x->margin != y->margin)
    return x->margin > y->margin ? -1 : 1;
  if (x->winner != y->winner)
    return x->winner < y->winner ? -1 : 1;
  return x->loser < y->loser ? -1 : (x->loser > y->loser);
}

/* The transitive closure of the locked pairs as bitsets, kept both ways:
 * reach[a] holds everyone a reaches, reached_by[b] everyone who reaches
 * b. Locking w → l joins every ancestor of w (and w) to every descendant
 * of l (and l), one word at a time; a pair the closure already implies
 * changes nothing and is passed over. With 500 people this is some
 * thousands of word operations per locked pair, where updating a byte
 * matrix row by row cost n² per pair. */
typedef struct {
  guint    n;
  guint    words;
  guint64 *reach;
  guint64 *reached_by;
  guint64 *from;   /* scratch: ancestors of the winner, with it */
  guint64 *to;     /* scratch: descendants of the loser, with it */
} Closure;

static inline gboolean
bit_get (const guint64 *set,
         guint          i)
{
  return (set[i / 64] >> (i % 64)) & 1;
}

static inline void
bit_set (guint64 *set,
         guint    i)
{
  set[i / 64] |= (guint64) 1 << (i % 64);
}

static void
closure_init (Closure *c,
              guint    n)
{
  c->n = n;
  c->words = (n + 63) / 64;
  c->reach = g_new0 (guint64, (gsize) n * c->words + 1);
  c->reached_by = g_new0 (guint64, (gsize) n * c->words + 1);
  c->from = g_new0 (guint64, c->words + 1);
  c->to = g_new0 (guint64, c->words + 1);
}

static void
closure_clear (Closure *c)
{
  g_free (c->reach);
  g_free (c->reached_by);
  g_free (c->from);
  g_free (c->to);
}

/* ORs `bits` into row r of every member of `members`. */
static void
join_rows (guint64       *rows,
           guint          words,
           const guint64 *members,
           const guint64 *bits)
{
  for (guint w = 0; w < words; w++)
    for (guint64 m = members[w]; m != 0; m &= m - 1)
      {
        guint64 *row = rows + (gsize) (w * 64 + (guint) __builtin_ctzll (m)) * words;

        for (guint k = 0; k < words; k++)
          row[k] |= bits[k];
      }
}

static void
lock_pair (Closure *c,
           guint    winner,
           guint    loser)
{
  gsize words = c->words;

  if (bit_get (c->reach + winner * words, loser))
    return;
  memcpy (c->from, c->reached_by + winner * words, words * sizeof (guint64));
  bit_set (c->from, winner);
  memcpy (c->to, c->reach + loser * words, words * sizeof (guint64));
  bit_set (c->to, loser);
  join_rows (c->reach, c->words, c->from, c->to);
  join_rows (c->reached_by, c->words, c->to, c->from);
}

/* DESIGN §5 `ranked_pairs` (Tideman 1987): pairs with margin > 0 taken by
 * (−margin, winner's order, loser's order); a pair whose loser already
 * reaches its winner is skipped; a beats b iff a reaches b. */
PrMethodResult *
pr_ranked_pairs (const guint *N,
                 guint        n)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autofree guint8 *beats = g_new0 (guint8, (gsize) n * n + 1);
  Closure c;

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (N[a * n + b] > N[b * n + a])
        {
          Pair pair = { a, b, N[a * n + b] - N[b * n + a] };

          g_array_append_val (pairs, pair);
        }
  g_array_sort (pairs, compare_pairs);
  closure_init (&c, n);
  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, i);

      if (!bit_get (c.reach + (gsize) pair->loser * c.words, pair->winner))
        lock_pair (&c, pair->winner, pair->loser);
    }
  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      beats[(gsize) a * n + b] = bit_get (c.reach + (gsize) a * c.words, b);
  closure_clear (&c);
  return pr_method_result_from_relation (PR_METHOD_RANKED_PAIRS, beats, n);
}

/* Kosaraju's algorithm on the adjacency matrix, iteratively. */
static void
scc_order (const guint *N,
           guint        n,
           gboolean     reverse,
           guint        start,
           guint8      *seen,
           guint       *out,
           guint       *n_out,
           guint       *stack,
           guint       *next)
{
  guint top = 0;

  stack[top++] = start;
  next[start] = 0;
  seen[start] = 1;
  while (top > 0)
    {
      guint v = stack[top - 1];

      for (; next[v] < n; next[v]++)
        {
          guint w = next[v];
          guint edge = reverse ? N[w * n + v] : N[v * n + w];

          if (edge > 0 && !seen[w])
            break;
        }
      if (next[v] < n)
        {
          guint w = next[v]++;

          seen[w] = 1;
          next[w] = 0;
          stack[top++] = w;
        }
      else
        {
          out[(*n_out)++] = v;
          top--;
        }
    }
}

gboolean
pr_pairwise_strongly_connected (const guint *N,
                                guint        n,
                                guint       *component,
                                guint       *n_components)
{
  g_autofree guint8 *seen = g_new0 (guint8, n + 1);
  g_autofree guint *finish = g_new0 (guint, n + 1);
  g_autofree guint *members = g_new0 (guint, n + 1);
  g_autofree guint *stack = g_new0 (guint, n + 1);
  g_autofree guint *next = g_new0 (guint, n + 1);
  g_autofree guint *raw = g_new0 (guint, n + 1);
  g_autofree guint *renumber = g_new0 (guint, n + 1);
  guint n_finish = 0, count = 0;

  for (guint v = 0; v < n; v++)
    if (!seen[v])
      scc_order (N, n, FALSE, v, seen, finish, &n_finish, stack, next);
  memset (seen, 0, n);
  for (guint i = n; i-- > 0;)
    {
      guint n_members = 0;

      if (seen[finish[i]])
        continue;
      scc_order (N, n, TRUE, finish[i], seen, members, &n_members, stack, next);
      for (guint k = 0; k < n_members; k++)
        raw[members[k]] = count;
      count++;
    }
  /* Number components by their first member in candidate order. */
  for (guint c = 0; c < count; c++)
    renumber[c] = G_MAXUINT;
  for (guint v = 0, k = 0; v < n; v++)
    if (renumber[raw[v]] == G_MAXUINT)
      renumber[raw[v]] = k++;
  if (component != NULL)
    for (guint v = 0; v < n; v++)
      component[v] = renumber[raw[v]];
  if (n_components != NULL)
    *n_components = count;
  return count <= 1;
}

PrMethodResult *
pr_method_run (PrMethod     method,
               PrProfile   *profile,
               PrTreatment  treatment)
{
  guint n;
  const guint *N;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (method < PR_N_METHODS, NULL);

  n = pr_profile_get_n_candidates (profile);
  N = pr_profile_get_pairwise (profile, treatment);
  switch (method)
    {
    case PR_METHOD_BORDA:
      return pr_borda (profile);
    case PR_METHOD_COPELAND:
      return pr_copeland (N, n);
    case PR_METHOD_SCHULZE:
      return pr_schulze (N, n);
    case PR_METHOD_RANKED_PAIRS:
      return pr_ranked_pairs (N, n);
    case PR_METHOD_KEMENY:
      return pr_kemeny (N, n);
    case PR_METHOD_PLACKETT_LUCE:
    case PR_N_METHODS:
    default:
      return pr_plackett_luce (profile, NULL);
    }
}
