/* pr-kemeny.c — Kemeny–Young by dynamic programming over subsets
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-methods-private.h"

/* DESIGN §5 `kemeny` (Kemeny 1959; Young & Levenglick 1978): a linear
 * order minimising Σ over a placed above b of N[b][a] (the ballots
 * disagreeing with it), the lexicographically smallest among the optimal
 * ones in candidate order.
 *
 * Exact method (Held–Karp style DP over subsets): for a set T of
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

static guint64
order_distance (const guint *N,
                guint        n,
                const guint *order)
{
  guint64 d = 0;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      d += N[order[j] * n + order[i]];
  return d;
}

static guint64
pairwise_lower_bound (const guint *N,
                      guint        n)
{
  guint64 lb = 0;

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      lb += MIN (N[a * n + b], N[b * n + a]);
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
compare_net (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const gint64 *net = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  if (net[x] != net[y])
    return net[x] > net[y] ? -1 : 1;
  return x < y ? -1 : (x > y);
}

/* Best move of the candidate at place i to another place: returns the
 * change in distance (negative improves) and the target place. */
static gint64
best_insertion (const guint *N,
                guint        n,
                const guint *order,
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
  for (guint j = i; j-- > 0;)
    {
      guint y = order[j];

      delta += (gint64) N[y * n + x] - (gint64) N[x * n + y];
      if (delta < best)
        best = delta, *target = j;
    }
  return best;
}

/* Heuristic above PR_KEMENY_EXACT_MAX: start from the order by net
 * pairwise margin (ties by candidate order), then apply improving
 * single-candidate insertions until none is left (a local optimum under
 * insertion moves). The distance strictly falls with every move, so
 * this ends. The result is reported with exact = false. */
static void
kemeny_local_search (const guint *N,
                     guint        n,
                     guint       *order)
{
  g_autofree gint64 *net = g_new0 (gint64, n + 1);
  gboolean improved = TRUE;

  for (guint a = 0; a < n; a++)
    {
      order[a] = a;
      for (guint b = 0; b < n; b++)
        net[a] += (gint64) N[a * n + b] - (gint64) N[b * n + a];
    }
  g_qsort_with_data (order, n, sizeof (guint), compare_net, net);
  while (improved)
    {
      improved = FALSE;
      for (guint i = 0; i < n; i++)
        {
          guint j, x = order[i];

          if (best_insertion (N, n, order, i, &j) >= 0)
            continue;
          if (j > i)
            memmove (order + i, order + i + 1, (j - i) * sizeof (guint));
          else
            memmove (order + j + 1, order + j, (i - j) * sizeof (guint));
          order[j] = x;
          improved = TRUE;
        }
    }
}

static PrMethodResult *
result_from_order (const guint *N,
                   guint        n,
                   guint       *order,
                   gboolean     exact)
{
  PrMethodResult *r = pr_method_result_new (PR_METHOD_KEMENY, n);

  r->order = order;
  for (guint place = 0; place < n; place++)
    r->group[order[place]] = place;
  r->distance = order_distance (N, n, order);
  r->exact = exact;
  /* The pairwise bound holds for every order; an exact optimum is its
   * own (tighter) bound. */
  r->lower_bound = exact ? r->distance : pairwise_lower_bound (N, n);
  pr_method_result_finish (r);
  return r;
}

PrMethodResult *
pr_kemeny (const guint *N,
           guint        n)
{
  guint *order = g_new0 (guint, n + 1);

  g_return_val_if_fail (N != NULL, NULL);

  if (n <= PR_KEMENY_EXACT_MAX)
    kemeny_exact (N, n, order);
  else
    kemeny_local_search (N, n, order);
  return result_from_order (N, n, order, n <= PR_KEMENY_EXACT_MAX);
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
      guint64 d = order_distance (N, n, p);

      if (d < best_d)
        {
          best_d = d;
          memcpy (best, p, n * sizeof (guint));
        }
    }
  while (next_permutation (p, n));
  return result_from_order (N, n, best, TRUE);
}
