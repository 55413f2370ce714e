/* pr-borda.c — normalised Borda with exact tie groups
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pr-borda.h"

/* DESIGN §5 asks for exact comparison when forming tie groups: floating
 * sums turn exact ties such as 1/3 + 1/6 = 1/2 into 0.49999999999999994.
 *
 * Per candidate c only integers are kept: m_c, the ballots with k ≥ 2
 * that rank c, and S_d(c) = Σ count·(k − i) over those with k − 1 = d, so
 * that score(c) = (Σ_d S_d(c)/d) / m_c. At the profile limits (4096
 * candidates, 2^30 ballots) S_d(c) ≤ d·m_c < 2^42, but a cross term
 * S_d(a)·m_b can reach 2^72, so nothing below assumes 64 bits suffice.
 *
 * Comparing a and b means the sign of Σ_d S_d(a)/d · m_b − Σ_d S_d(b)/d ·
 * m_a. A long double estimate of each score (a sum of at most n − 1
 * positive terms, then a division) has a relative error below
 * (n + 1)·2^−53 ≈ 5·10^−13 even where long double is only a double; when
 * two estimates differ by more than BORDA_MARGIN relative, their order is
 * certain. Ties and near ties are decided exactly: with L the least
 * common multiple of every denominator d in the profile, X_c =
 * Σ_d S_d(c)·(L/d) is an integer and the sign is that of X_a·m_b − X_b·m_a,
 * computed in base 2^32 (L = lcm(1..n) has about 1.44·n bits). This holds
 * for any number of people and ballots; printed scores stay doubles. */
#define BORDA_MARGIN 1e-9

typedef guint32 Limb;

/* Numbers are `cap` limbs, least significant first, unused limbs zero;
 * the caller sizes `cap` so that no result overflows. */
static void
big_mul_small (Limb    *a,
               guint    cap,
               guint32  y)
{
  guint64 carry = 0;

  for (guint i = 0; i < cap; i++)
    {
      guint64 t = (guint64) a[i] * y + carry;

      a[i] = (Limb) t;
      carry = t >> 32;
    }
  g_assert (carry == 0);
}

/* Returns a mod y; with `quotient` set, also stores a / y there. */
static guint32
big_div_small (const Limb *a,
               guint       cap,
               guint32     y,
               Limb       *quotient)
{
  guint64 rem = 0;

  for (guint i = cap; i-- > 0;)
    {
      guint64 t = (rem << 32) | a[i];

      if (quotient != NULL)
        quotient[i] = (Limb) (t / y);
      rem = t % y;
    }
  return (guint32) rem;
}

/* acc += x · y · 2^(32·shift). */
static void
big_add_mul (Limb       *acc,
             const Limb *x,
             guint       cap,
             guint32     y,
             guint       shift)
{
  guint64 carry = 0;

  for (guint i = 0; i + shift < cap; i++)
    {
      /* At most (2^32 − 1)² + 2·(2^32 − 1) = 2^64 − 1: no overflow. */
      guint64 t = (guint64) x[i] * y + acc[i + shift] + carry;

      acc[i + shift] = (Limb) t;
      carry = t >> 32;
    }
  g_assert (carry == 0);
}

static void
big_add_mul64 (Limb       *acc,
               const Limb *x,
               guint       cap,
               guint64     y)
{
  big_add_mul (acc, x, cap, (guint32) y, 0);
  if (y >> 32 != 0)
    big_add_mul (acc, x, cap, (guint32) (y >> 32), 1);
}

static int
big_compare (const Limb *a,
             const Limb *b,
             guint       cap)
{
  for (guint i = cap; i-- > 0;)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

static guint32
gcd32 (guint32 a,
       guint32 b)
{
  while (b != 0)
    {
      guint32 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

typedef struct {
  guint          n;
  guint64       *sums;    /* S_d(c) at c·n + d */
  guint64       *count;   /* m_c */
  long double   *approx;  /* estimate of each score */
  guint          cap;     /* limbs per exact number; 0 until needed */
  Limb          *quot;    /* L / d at d·cap */
  Limb          *x;       /* X_c at c·cap, once have_x[c] */
  guint8        *have_x;
  Limb          *scratch; /* two numbers */
} Borda;

static void
borda_clear (Borda *b)
{
  g_free (b->sums);
  g_free (b->count);
  g_free (b->approx);
  g_free (b->quot);
  g_free (b->x);
  g_free (b->have_x);
  g_free (b->scratch);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Borda, borda_clear)

/* Per candidate, m_c and S_d(c) for each d. */
static void
borda_sums (Borda     *b,
            PrProfile *profile)
{
  guint n = b->n;

  for (guint o = 0; o < pr_profile_get_n_orders (profile); o++)
    {
      guint len, cnt;
      const guint *order = pr_profile_get_order (profile, o, &len, NULL, &cnt);

      if (len < 2)
        continue;
      for (guint i = 0; i < len; i++)
        {
          b->sums[(gsize) order[i] * n + (len - 1)] += (guint64) cnt * (len - 1 - i);
          b->count[order[i]] += cnt;
        }
    }
  /* Sums in a fixed order (d ascending) of positive terms. */
  for (guint c = 0; c < n; c++)
    {
      long double sum = 0.0L;

      for (guint d = 1; d < n; d++)
        sum += (long double) b->sums[(gsize) c * n + d] / d;
      b->approx[c] = b->count[c] > 0 ? sum / b->count[c] : 0.0L;
    }
}

/* L = lcm of the denominators in use, and L / d for each of them. */
static void
borda_prepare_exact (Borda *b)
{
  guint n = b->n, lcap = 1, len;
  g_autofree guint8 *used = g_new0 (guint8, n + 1);
  g_autofree Limb *lcm = NULL;

  for (guint c = 0; c < n; c++)
    for (guint d = 1; d < n; d++)
      if (b->sums[(gsize) c * n + d] != 0 && !used[d])
        {
          used[d] = 1;
          lcap++;   /* each factor d / g < 2^32 adds at most one limb */
        }
  lcm = g_new0 (Limb, lcap);
  lcm[0] = 1;
  for (guint d = 1; d < n; d++)
    if (used[d])
      big_mul_small (lcm, lcap, d / gcd32 (big_div_small (lcm, lcap, d, NULL), d));
  for (len = lcap; len > 1 && lcm[len - 1] == 0; len--)
    ;
  /* X_c ≤ L·m_c < L·2^64 and X_c·m < L·2^128: four limbs over L's, and
   * one for the carry out of the top. */
  b->cap = len + 5;
  b->quot = g_new0 (Limb, (gsize) n * b->cap);
  for (guint d = 1; d < n; d++)
    if (used[d])
      big_div_small (lcm, len, d, b->quot + (gsize) d * b->cap);
  b->x = g_new0 (Limb, (gsize) n * b->cap);
  b->have_x = g_new0 (guint8, n);
  b->scratch = g_new (Limb, 2 * (gsize) b->cap);
}

static const Limb *
borda_exact_x (Borda *b,
               guint  c)
{
  Limb *x;

  if (b->cap == 0)
    borda_prepare_exact (b);
  x = b->x + (gsize) c * b->cap;
  if (!b->have_x[c])
    {
      for (guint d = 1; d < b->n; d++)
        {
          guint64 s = b->sums[(gsize) c * b->n + d];

          if (s != 0)
            big_add_mul64 (x, b->quot + (gsize) d * b->cap, b->cap, s);
        }
      b->have_x[c] = 1;
    }
  return x;
}

/* Sign of score(a) − score(c), both with m > 0. */
static int
borda_compare_scores (Borda *b,
                      guint  a,
                      guint  c)
{
  long double va = b->approx[a], vc = b->approx[c];
  const Limb *xa, *xc;
  Limb *p, *q;

  if (fabsl (va - vc) > BORDA_MARGIN * MAX (va, vc))
    return va < vc ? -1 : 1;
  xa = borda_exact_x (b, a);
  xc = borda_exact_x (b, c);
  p = b->scratch;
  q = b->scratch + b->cap;
  memset (b->scratch, 0, 2 * (gsize) b->cap * sizeof (Limb));
  big_add_mul64 (p, xa, b->cap, b->count[c]);
  big_add_mul64 (q, xc, b->cap, b->count[a]);
  return big_compare (p, q, b->cap);
}

/* Best first; people with no score last; then candidate order. */
static int
compare_borda (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Borda *s = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  int c;

  if ((s->count[x] == 0) != (s->count[y] == 0))
    return s->count[x] == 0 ? 1 : -1;
  if (s->count[x] != 0 && (c = borda_compare_scores (s, y, x)) != 0)
    return c;
  return x < y ? -1 : (x > y);
}

/* DESIGN §5 `borda`: on a ballot ranking k ≥ 2 people the one at 1-based
 * position i scores (k−i)/(k−1); a person's score is the mean over the
 * ballots ranking them; people with no score are null, last, tied. */
PrMethodResult *
pr_borda (PrProfile *profile)
{
  guint n = pr_profile_get_n_candidates (profile);
  PrMethodResult *r = pr_method_result_new (PR_METHOD_BORDA, n);
  g_auto(Borda) b = { n, g_new0 (guint64, (gsize) n * n + 1),
                      g_new0 (guint64, n + 1), g_new0 (long double, n + 1),
                      0, NULL, NULL, NULL, NULL };
  g_autofree guint *idx = g_new (guint, n + 1);

  borda_sums (&b, profile);
  r->score = g_new (double, n + 1);
  for (guint c = 0; c < n; c++)
    {
      r->score[c] = b.count[c] > 0 ? (double) b.approx[c] : NAN;
      idx[c] = c;
    }
  g_qsort_with_data (idx, n, sizeof (guint), compare_borda, &b);
  for (guint k = 1; k < n; k++)
    {
      guint x = idx[k - 1], y = idx[k];
      gboolean same = b.count[x] == 0 ? b.count[y] == 0
                      : b.count[y] != 0 && borda_compare_scores (&b, x, y) == 0;

      r->group[y] = r->group[x] + (same ? 0 : 1);
      /* Equal scores print equal, whichever way they were summed. */
      if (same)
        r->score[y] = r->score[x];
    }
  pr_method_result_finish (r);
  return r;
}
