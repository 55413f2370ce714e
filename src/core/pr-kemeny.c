/* pr-kemeny.c — Kemeny–Young: blocks, dynamic programming over subsets
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-kemeny-private.h"
#include "pr-kemeny.h"

/* DESIGN §5 `kemeny` (Kemeny 1959; Young & Levenglick 1978): a linear
 * order minimising Σ over a placed above b of N[b][a] (the ballots
 * disagreeing with it), the lexicographically smallest among the optimal
 * ones in candidate order.
 *
 * The candidates first split into blocks (pr_kemeny_split) that every
 * optimal order keeps in line; each block is ordered on its own. A
 * block of up to `dp_max` people (all 25 when the whole profile has at
 * most 25) goes to the dynamic programme below, a larger one to the
 * integer programme of pr-kemeny-ilp.c, which proves its order optimal
 * or, at the time limit, returns the best order found and a lower bound.
 *
 * Dynamic programme (Held–Karp style, over subsets): for a set T of
 * candidates that fill the bottom |T| places, f(T) = min over c ∈ T of
 * f(T∖c) + Σ_{t ∈ T∖c} N[t][c] (c sits at the top of T, above every t).
 * f(all) is the optimum. Walking down from the full set and taking at each
 * step the smallest c that attains f(R) gives the lexicographically
 * smallest optimal order. The column sum over T∖c comes from two
 * half-tables (low bits, high bits) in O(1). Memory: 2^n entries of 4
 * bytes (8 when costs could pass 2^32): 128 MiB at n = 25. */

typedef struct {
  guint    n;
  guint    h;         /* bits in the low half */
  guint64 *lo;        /* lo[c << h | mask]: Σ N[t][c], t in the low mask */
  guint64 *hi;        /* hi[c << (n-h) | mask]: the same for high bits */
} HalfTables;

static void
half_tables_init (HalfTables  *t,
                  const guint *N,
                  guint        n)
{
  guint h = n / 2, w = n - h;

  t->n = n;
  t->h = h;
  t->lo = g_new0 (guint64, ((gsize) n << h) + 1);
  t->hi = g_new0 (guint64, ((gsize) n << w) + 1);
  for (guint c = 0; c < n; c++)
    {
      guint64 *lo = t->lo + ((gsize) c << h);
      guint64 *hi = t->hi + ((gsize) c << w);

      /* Each mask extends the one without its highest bit. */
      for (gsize m = 1; m < ((gsize) 1 << h); m++)
        {
          guint top = g_bit_nth_msf (m, -1);

          lo[m] = lo[m ^ ((gsize) 1 << top)] + N[top * n + c];
        }
      for (gsize m = 1; m < ((gsize) 1 << w); m++)
        {
          guint top = g_bit_nth_msf (m, -1);

          hi[m] = hi[m ^ ((gsize) 1 << top)] + N[(top + h) * n + c];
        }
    }
}

static inline guint64
column_sum (const HalfTables *t,
            guint             c,
            guint32           set)
{
  guint w = t->n - t->h;

  return t->lo[((gsize) c << t->h) | (set & ((1u << t->h) - 1))]
         + t->hi[((gsize) c << w) | (set >> t->h)];
}

/* The DP for one table width; the template keeps both loops tight. */
#define DEFINE_KEMENY_DP(name, type)                                      \
  static void                                                             \
  name (const HalfTables *t,                                              \
        type             *f,                                              \
        guint            *order)                                          \
  {                                                                       \
    guint32 full = (guint32) (((guint64) 1 << t->n) - 1);                 \
    guint32 rest = full;                                                  \
                                                                          \
    f[0] = 0;                                                             \
    for (guint32 set = 1; set <= full; set++)                             \
      {                                                                   \
        type best = (type) -1;                                            \
        for (guint32 bits = set; bits != 0; bits &= bits - 1)             \
          {                                                               \
            guint c = __builtin_ctz (bits);                               \
            guint32 without = set & ~(1u << c);                           \
            type v = f[without] + (type) column_sum (t, c, without);      \
            if (v < best)                                                 \
              best = v;                                                   \
          }                                                               \
        f[set] = best;                                                    \
      }                                                                   \
    for (guint place = 0; place < t->n; place++)                          \
      for (guint c = 0; c < t->n; c++)                                    \
        {                                                                 \
          guint32 without = rest & ~(1u << c);                            \
          if (!(rest & (1u << c)))                                        \
            continue;                                                     \
          if (f[without] + (type) column_sum (t, c, without) == f[rest])  \
            {                                                             \
              order[place] = c;                                           \
              rest = without;                                             \
              break;                                                      \
            }                                                             \
        }                                                                 \
  }

DEFINE_KEMENY_DP (kemeny_dp32, guint32)
DEFINE_KEMENY_DP (kemeny_dp64, guint64)

guint64
pr_kemeny_distance (const guint *N,
                    guint        n,
                    const guint *order)
{
  guint64 d = 0;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      d += N[order[j] * n + order[i]];
  return d;
}

guint64
pr_kemeny_pair_bound (const guint *N,
                      guint        n,
                      const guint *members,
                      guint        m)
{
  guint64 lb = 0;

  for (guint i = 0; i < m; i++)
    for (guint j = i + 1; j < m; j++)
      lb += MIN (N[members[i] * n + members[j]], N[members[j] * n + members[i]]);
  return lb;
}

static void
kemeny_exact (const guint *N,
              guint        n,
              guint       *order)
{
  HalfTables t;
  guint64 total = 0;

  for (gsize i = 0; i < (gsize) n * n; i++)
    total += N[i];
  half_tables_init (&t, N, n);
  if (total < G_MAXUINT32)
    {
      g_autofree guint32 *f = g_new (guint32, (gsize) 1 << n);

      kemeny_dp32 (&t, f, order);
    }
  else
    {
      g_autofree guint64 *f = g_new (guint64, (gsize) 1 << n);

      kemeny_dp64 (&t, f, order);
    }
  g_free (t.lo);
  g_free (t.hi);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : (x > y);
}

/* N restricted to `members`, in their order. */
static guint *
submatrix (const guint *N,
           guint        n,
           const guint *members,
           guint        m)
{
  guint *sub = g_new0 (guint, (gsize) m * m + 1);

  for (guint i = 0; i < m; i++)
    for (guint j = 0; j < m; j++)
      sub[(gsize) i * m + j] = N[members[i] * n + members[j]];
  return sub;
}

void
pr_kemeny_order_block (const guint *N,
                       guint        n,
                       guint       *members,
                       guint        m)
{
  g_autofree guint *sorted = NULL;
  g_autofree guint *sub = NULL;
  g_autofree guint *local = NULL;

  g_assert (m <= PR_KEMENY_EXACT_MAX);
  if (m < 2)
    return;
  /* The DP breaks ties by index: index order must be candidate order. */
  sorted = g_memdup2 (members, m * sizeof (guint));
  qsort (sorted, m, sizeof (guint), compare_uint);
  sub = submatrix (N, n, sorted, m);
  local = g_new0 (guint, m + 1);
  kemeny_exact (sub, m, local);
  for (guint k = 0; k < m; k++)
    members[k] = sorted[local[k]];
}

static int
compare_score (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const double *score = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (score[x] != score[y])
    return score[x] > score[y] ? -1 : 1;
  return x < y ? -1 : (x > y);
}

void
pr_kemeny_sort_by_score (guint        *members,
                         guint         m,
                         const double *score)
{
  g_qsort_with_data (members, m, sizeof (guint), compare_score, (gpointer) score);
}

/* Every pair has an edge one way or both ("a ties or beats b"), so the
 * strongly connected blocks come in one line, each beating every later
 * one strictly on every pair; every optimal order then keeps that line
 * (moving a block's members above the later ones lowers the distance
 * on each pair that changes), and its distance splits into the blocks'
 * own plus the fixed cost between them. With score 2 per strict win and
 * 1 per tie, the top k by score form blocks of their own exactly when
 * their scores add up to k(k − 1) + 2k(m − k), i.e. they win every pair
 * with the others (Landau's criterion for tournaments, with ties). */
guint
pr_kemeny_split (const guint *N,
                 guint        n,
                 guint       *members,
                 guint        m,
                 guint       *starts)
{
  g_autofree double *score = g_new0 (double, n + 1);
  guint64 sum = 0;
  guint n_blocks = 0;

  for (guint i = 0; i < m; i++)
    for (guint j = 0; j < m; j++)
      {
        guint a = members[i], b = members[j];

        if (i != j)
          score[a] += N[a * n + b] > N[b * n + a] ? 2 : N[a * n + b] == N[b * n + a];
      }
  pr_kemeny_sort_by_score (members, m, score);
  starts[0] = 0;
  for (guint k = 1; k <= m; k++)
    {
      sum += (guint64) score[members[k - 1]];
      if (sum == (guint64) k * (k - 1) + 2 * (guint64) k * (m - k))
        starts[++n_blocks] = k;
    }
  for (guint b = 0; b < n_blocks; b++)
    qsort (members + starts[b], starts[b + 1] - starts[b], sizeof (guint), compare_uint);
  return n_blocks;
}

/* Best move of the candidate at place i to another place from `first`
 * on: returns the change in distance (negative improves) and the target
 * place. */
static gint64
best_insertion (const guint *N,
                guint        n,
                const guint *order,
                guint        first,
                guint        i,
                guint       *target)
{
  guint x = order[i];
  gint64 best = 0, delta = 0;

  *target = i;
  for (guint j = i + 1; j < n; j++)
    {
      guint y = order[j];

      delta += (gint64) N[x * n + y] - (gint64) N[y * n + x];
      if (delta < best)
        best = delta, *target = j;
    }
  delta = 0;
  for (guint j = i; j-- > first;)
    {
      guint y = order[j];

      delta += (gint64) N[y * n + x] - (gint64) N[x * n + y];
      if (delta < best)
        best = delta, *target = j;
    }
  return best;
}

/* The distance strictly falls with every move, so this ends. */
guint64
pr_kemeny_improve (const guint *N,
                   guint        n,
                   guint       *order,
                   guint        first)
{
  gboolean improved = TRUE;

  while (improved)
    {
      improved = FALSE;
      for (guint i = first; i < n; i++)
        {
          guint j, x = order[i];

          if (best_insertion (N, n, order, first, i, &j) >= 0)
            continue;
          if (j > i)
            memmove (order + i, order + i + 1, (j - i) * sizeof (guint));
          else
            memmove (order + j + 1, order + j, (i - j) * sizeof (guint));
          order[j] = x;
          improved = TRUE;
        }
    }
  return pr_kemeny_distance (N, n, order);
}

/* The start of the exact search above the DP, and its answer should
 * time run out: the order by net pairwise margin (ties by candidate
 * order), improved until no single candidate can move for the better (a
 * local optimum under insertion moves). */
void
pr_kemeny_local_search (const guint *N,
                        guint        n,
                        guint       *order)
{
  g_autofree double *net = g_new0 (double, n + 1);

  /* Exact in a double: ballots are fewer than 2^32, n below 2^20. */
  for (guint a = 0; a < n; a++)
    {
      order[a] = a;
      for (guint b = 0; b < n; b++)
        net[a] += (double) N[a * n + b] - (double) N[b * n + a];
    }
  pr_kemeny_sort_by_score (order, n, net);
  pr_kemeny_improve (N, n, order, 0);
}

/* One block, in place; returns its gap (0: proven optimal). */
static guint64
solve_block (const guint *N,
             guint        n,
             guint       *members,
             guint        m,
             guint        dp_max,
             gint64       deadline)
{
  g_autofree guint *sub = NULL;
  g_autofree guint *local = NULL;
  g_autofree guint *copy = NULL;
  guint64 gap;

  if (m <= dp_max)
    {
      pr_kemeny_order_block (N, n, members, m);
      return 0;
    }
  sub = submatrix (N, n, members, m);
  local = g_new0 (guint, m + 1);
  copy = g_memdup2 (members, m * sizeof (guint));
  gap = pr_kemeny_ilp (sub, m, dp_max, deadline, local);
  for (guint k = 0; k < m; k++)
    members[k] = copy[local[k]];
  return gap;
}

/* Owns `order`. The lower bound is the distance less the blocks' gaps,
 * and never below the pairwise bound. */
static PrMethodResult *
result_from_order (const guint *N,
                   guint        n,
                   guint       *order,
                   guint64      gap)
{
  PrMethodResult *r = pr_method_result_new (PR_METHOD_KEMENY, n);

  r->order = order;
  for (guint place = 0; place < n; place++)
    r->group[order[place]] = place;
  r->distance = pr_kemeny_distance (N, n, order);
  r->lower_bound = MAX (r->distance - MIN (gap, r->distance),
                        pr_kemeny_pair_bound (N, n, order, n));
  /* An order that meets a lower bound is optimal, however it was found. */
  r->exact = r->lower_bound == r->distance;
  pr_method_result_finish (r);
  return r;
}

PrMethodResult *
pr_kemeny_search (const guint *N,
                  guint        n,
                  guint        dp_max,
                  double       seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (MAX (seconds, 0.0) * G_USEC_PER_SEC);
  guint *order = g_new0 (guint, n + 1);
  g_autofree guint *starts = g_new0 (guint, n + 2);
  guint n_blocks;
  guint64 gap = 0;

  g_return_val_if_fail (N != NULL || n == 0, NULL);

  dp_max = CLAMP (dp_max, 1, PR_KEMENY_EXACT_MAX);
  for (guint c = 0; c < n; c++)
    order[c] = c;
  n_blocks = pr_kemeny_split (N, n, order, n, starts);
  for (guint b = 0; b < n_blocks; b++)
    gap += solve_block (N, n, order + starts[b], starts[b + 1] - starts[b], dp_max, deadline);
  return result_from_order (N, n, order, gap);
}

PrMethodResult *
pr_kemeny (const guint *N,
           guint        n)
{
  g_return_val_if_fail (N != NULL || n == 0, NULL);

  return pr_kemeny_search (N, n,
                           n <= PR_KEMENY_EXACT_MAX ? PR_KEMENY_EXACT_MAX : PR_KEMENY_BLOCK_DP_MAX,
                           PR_KEMENY_TIME_LIMIT);
}

/* Next permutation in lexicographic order; FALSE after the last. */
static gboolean
next_permutation (guint *p,
                  guint  n)
{
  guint i, j;

  if (n < 2)
    return FALSE;
  for (i = n - 1; i > 0 && p[i - 1] >= p[i]; i--)
    ;
  if (i == 0)
    return FALSE;
  for (j = n - 1; p[j] <= p[i - 1]; j--)
    ;
  { guint t = p[i - 1]; p[i - 1] = p[j]; p[j] = t; }
  for (j = n - 1; i < j; i++, j--)
    { guint t = p[i]; p[i] = p[j]; p[j] = t; }
  return TRUE;
}

PrMethodResult *
pr_kemeny_brute_force (const guint *N,
                       guint        n)
{
  g_autofree guint *p = g_new0 (guint, n + 1);
  guint *best = g_new0 (guint, n + 1);
  guint64 best_d = G_MAXUINT64;

  g_return_val_if_fail (n <= 9, NULL);

  for (guint i = 0; i < n; i++)
    p[i] = i;
  /* Lexicographic enumeration: the first optimum found is the smallest. */
  do
    {
      guint64 d = pr_kemeny_distance (N, n, p);

      if (d < best_d)
        {
          best_d = d;
          memcpy (best, p, n * sizeof (guint));
        }
    }
  while (next_permutation (p, n));
  return result_from_order (N, n, best, 0);
}
