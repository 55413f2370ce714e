/* pr-plackett-luce.c — Plackett–Luce log-worths by damped Newton's method
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pr-plackett-luce.h"
#include "pr-plackett-luce-private.h"

/* DESIGN §5 `plackett_luce` (Plackett 1975, Luce 1959; sub-rankings as in
 * Hunter 2004): a ballot o_1 > … > o_k (k ≥ 2) has likelihood
 * Π_{j<k} exp θ_{o_j} / W_j with W_j = Σ_{l≥j} exp θ_{o_l}. We minimise
 *   F(θ) = −Σ_ballots loglik(θ) + α·Σθᵢ²
 * with α = 0 when the "a beat b" graph over all candidates is strongly
 * connected (the MLE exists; Hunter 2004, Assumption 1) and α = 0.01
 * otherwise. The reported log-worths are centred to mean 0; their
 * standard errors are the square roots of diag(C M C) with
 * M = (H + 2αI + [α = 0]·11ᵀ/n)⁻¹ and C = I − 11ᵀ/n, i.e. the
 * pseudo-inverse of the information matrix for α = 0 (Hunter 2004, §5),
 * projected onto centred log-worths.
 *
 * Numerics. Every stage is evaluated through W_j scaled by the largest
 * θ at or below it, built from the bottom of the ballot, and through the
 * stage probabilities p_{j,l} = exp θ_l / W_j ≤ 1. An earlier version
 * shifted a whole ballot by its largest θ: when an optimum is very spread
 * (a small team whose ballots mostly agree puts log-worths 17 apart, and
 * a long Newton step from θ = 0 lands much further out), the sums W_j of
 * the lower stages underflowed to 0, F came out as −∞, the line search
 * took that as a decrease, and the Hessian filled with ∞·0 = NaN that no
 * ridge could factorise. Here F, the gradient and the curvature stay
 * finite for any finite θ, a trial point with a non-finite value is
 * rejected, steps are capped in length, and a step that cannot be taken
 * is retried with Levenberg–Marquardt damping (a ridge that grows until
 * the step becomes a short gradient step, which always lowers F). A fit
 * that still gets stuck stops with `converged` FALSE, which the text and
 * JSON output report; nothing here aborts.
 *
 * Solving for the step: with few people, the dense Hessian (plus 11ᵀ/n
 * when α = 0, which pins the mean) is factorised by Cholesky; with many,
 * whose dense factorisation would cost n³/3 per step, conjugate
 * gradients with a diagonal preconditioner solve it from
 * Hessian–vector products, each O(Σ ballot lengths) (truncated Newton:
 * Nocedal & Wright 2006, §7.1). Both meet the same gradient tolerance. */

#define PL_ALPHA_PENALISED 0.01

/* Log-worths spanning at most this evaluate without an exp() per ballot
 * position (stages_fast()): exp(−600) ≈ 2.7e−261 is still a normal
 * double. Wider optima (a long chain of people who always beat the next)
 * take the scaled path. */
#define PL_FAST_SPREAD 600.0

/* Largest change of one log-worth in one step: a step is shortened to
 * it, so no trial point lies absurdly far out, while 200 steps still
 * span the widest optimum a profile can have (a chain of 4,096 people,
 * each beating the next 2^30 times to once, is 85,000 wide). A cap of
 * 16 left a chain of 1,000 people short of its optimum. */
#define PL_STEP_MAX 1024.0

/* Levenberg–Marquardt ridge, relative to the largest curvature. */
#define PL_DAMPING_FIRST 1e-6
#define PL_DAMPING_MAX   1e12

/* The distinct ballots with k ≥ 2 and, at the current θ, per ballot
 * position (flat, at offset[b] + i): s, the chance of the person at i to
 * win stage i (for the last person: to win stage k − 2, so that q_l = s_l
 * = p_{m_l, l} with m_l = min (l, k − 2)); and rho_i = W_i / W_{i−1}. The
 * stage sums S_m = Σ_{j≤m} W_m / W_j, T_m = Σ_{j≤m} (W_m / W_j)² follow
 * from rho in O(k) (stage_sums()) and are formed per ballot where needed,
 * in scratch of the longest ballot's length: storing them for every
 * position cost more in memory traffic than forming them again. */
typedef struct {
  double *s, *rho;
  double *S, *T;  /* scratch: one ballot's stage sums */
  double *e;      /* per person: exp(θ − max θ), for stages_fast() */
} Cache;

typedef struct {
  guint         n;
  double        alpha;
  guint         n_ballots;
  const guint **order;
  guint        *len;
  double       *count;
  gsize        *offset;
  gsize         total;
  guint         max_len;  /* the longest ballot, at least 2 */
} Model;

static void
model_init (Model     *m,
            PrProfile *profile,
            double     alpha)
{
  guint n_orders = pr_profile_get_n_orders (profile);

  m->n = pr_profile_get_n_candidates (profile);
  m->alpha = alpha;
  m->n_ballots = 0;
  m->total = 0;
  m->max_len = 2;
  m->order = g_new0 (const guint *, n_orders + 1);
  m->len = g_new0 (guint, n_orders + 1);
  m->count = g_new0 (double, n_orders + 1);
  m->offset = g_new0 (gsize, n_orders + 1);
  for (guint o = 0; o < n_orders; o++)
    {
      guint len, count;
      const guint *order = pr_profile_get_order (profile, o, &len, NULL, &count);

      if (len < 2)
        continue;
      m->order[m->n_ballots] = order;
      m->len[m->n_ballots] = len;
      m->count[m->n_ballots] = count;
      m->offset[m->n_ballots] = m->total;
      m->total += len;
      m->max_len = MAX (m->max_len, len);
      m->n_ballots++;
    }
}

static void
model_clear (Model *m)
{
  g_free (m->order);
  g_free (m->len);
  g_free (m->count);
  g_free (m->offset);
}

static void
cache_init (Cache       *c,
            const Model *m)
{
  c->s = g_new0 (double, m->total + 1);
  c->rho = g_new0 (double, m->total + 1);
  c->S = g_new0 (double, m->max_len + 1);
  c->T = g_new0 (double, m->max_len + 1);
  c->e = g_new0 (double, m->n + 1);
}

static void
cache_clear (Cache *c)
{
  g_free (c->s);
  g_free (c->rho);
  g_free (c->S);
  g_free (c->T);
  g_free (c->e);
}

/* Whether every person reaches every other through "ranked above" on
 * the ballots: the graph of pr_pairwise_strongly_connected() without
 * forming N, since the edges o_j → o_{j+1} of each ballot have the same
 * reachability. Two searches from person 0, along the edges and against
 * them, in O(n + Σ k): refits in the bootstrap and for agreement do this
 * once each. */
static gboolean
model_strongly_connected (const Model *m)
{
  guint n = m->n;
  g_autofree guint *start = g_new0 (guint, 2 * (n + 1));
  g_autofree guint *edge = g_new0 (guint, 2 * m->total + 1);
  g_autofree guint *stack = g_new0 (guint, n + 1);
  g_autofree guint8 *seen = g_new0 (guint8, n + 1);

  if (n <= 1)
    return TRUE;
  /* Compressed adjacency: out-edges in [0, n], in-edges in [n + 1, 2n + 1]. */
  for (guint b = 0; b < m->n_ballots; b++)
    for (guint j = 0; j + 1 < m->len[b]; j++)
      {
        start[m->order[b][j] + 1]++;
        start[n + 1 + m->order[b][j + 1] + 1]++;
      }
  for (guint i = 1; i < 2 * (n + 1); i++)
    start[i] += start[i - 1];
  {
    g_autofree guint *fill = g_memdup2 (start, 2 * (n + 1) * sizeof (guint));

    for (guint b = 0; b < m->n_ballots; b++)
      for (guint j = 0; j + 1 < m->len[b]; j++)
        {
          edge[fill[m->order[b][j]]++] = m->order[b][j + 1];
          edge[fill[n + 1 + m->order[b][j + 1]]++] = m->order[b][j];
        }
  }
  for (guint side = 0; side < 2; side++)
    {
      const guint *at = start + side * (n + 1);
      guint top = 0, reached = 1;

      memset (seen, 0, n);
      seen[0] = 1;
      stack[top++] = 0;
      while (top > 0)
        {
          guint v = stack[--top];

          for (guint e = at[v]; e < at[v + 1]; e++)
            if (!seen[edge[e]])
              {
                seen[edge[e]] = 1;
                stack[top++] = edge[e];
                reached++;
              }
        }
      if (reached < n)
        return FALSE;
    }
  return TRUE;
}

/* One ballot's stages from the bottom, scaled: W_j is built as exp(M)·w
 * with M the largest θ seen so far, so 1 ≤ w ≤ k: nothing overflows, and
 * a person far below M only adds an exp() that underflows to 0, as its
 * share of W_j truly does. The stage chance s_j and its complement
 * W_{j+1}/W_j are each formed as a ratio without cancellation.
 * −log s_j = (M − θ_j) + log w; the logs of w are summed as the log of
 * their product, taken whenever the product grows large (w ≤ k keeps it
 * finite in between). Returns Σ_j −log s_j. */
static double
stages_scaled (const guint  *o,
               guint         k,
               const double *theta,
               double       *s,
               double       *rho)
{
  double top = theta[o[k - 1]], w = 1.0, product = 1.0, value = 0.0;

  for (guint j = k - 1; j-- > 0;)
    {
      double a = theta[o[j]], below, next;

      if (a <= top)
        {
          double x = exp (a - top);

          next = w + x;
          s[j] = x / next;
          below = w;
          value += top - a;
        }
      else
        {
          below = w * exp (top - a);
          next = below + 1.0;
          s[j] = 1.0 / next;
          top = a;
        }
      rho[j + 1] = below / next;
      w = next;
      product *= w;
      if (product > 1e250)
        {
          value += log (product);
          product = 1.0;
        }
    }
  return value + log (product);
}

/* The same from worths e_i = exp(θ_i − M), M the largest θ, computed
 * once per evaluation instead of an exp() per ballot position: used
 * while the log-worths span at most PL_FAST_SPREAD, so every e_i is a
 * normal number above 1e−261. The stage chances are ratios of them, as
 * accurate as above. Their −log is summed as −log Π s_j (never as
 * log W_j − log e_j: for people far below M both are large and cancel),
 * the product taken whenever it falls below 1e−200, a chance below
 * 1e−100 on its own. */
static double
stages_fast (const guint  *o,
             guint         k,
             const double *e,
             double       *s,
             double       *rho)
{
  double w = e[o[k - 1]], product = 1.0, value = 0.0;

  for (guint j = k - 1; j-- > 0;)
    {
      double x = e[o[j]], next = w + x;

      s[j] = x / next;
      rho[j + 1] = w / next;
      w = next;
      if (s[j] < 1e-100)
        value -= log (s[j]);
      else if ((product *= s[j]) < 1e-200)
        {
          value -= log (product);
          product = 1.0;
        }
    }
  return value - log (product);
}

/* One ballot's −loglik (times its count) and gradient; fills the cache.
 * `e` (NULL: none) holds the worths for stages_fast(). */
static double
add_ballot (const Model  *m,
            guint         b,
            const double *theta,
            const double *e,
            double       *g,
            Cache        *c)
{
  const guint *o = m->order[b];
  guint k = m->len[b];
  double count = m->count[b], value, S = 1.0;
  double *s = c->s + m->offset[b], *rho = c->rho + m->offset[b];

  value = e != NULL ? stages_fast (o, k, e, s, rho) : stages_scaled (o, k, theta, s, rho);
  /* The last person's chance at stage k − 2 is 1 − s_{k−2}. */
  s[k - 1] = rho[k - 1];
  /* ∂/∂θ_l = q_l S_{m_l} − [l < k − 1], S running along. */
  for (guint l = 0; l < k; l++)
    {
      if (l > 0 && l + 1 < k)
        S = 1.0 + rho[l] * S;
      g[o[l]] += count * (s[l] * S - (l + 1 < k ? 1.0 : 0.0));
    }
  return count * value;
}

/* The worths of stages_fast() in c->e, or NULL when the log-worths span
 * too much for them. */
static const double *
worths (const Model  *m,
        const double *theta,
        Cache        *c)
{
  double top = theta[0], bottom = theta[0];

  for (guint i = 1; i < m->n; i++)
    {
      top = MAX (top, theta[i]);
      bottom = MIN (bottom, theta[i]);
    }
  if (!(top - bottom <= PL_FAST_SPREAD))
    return NULL;
  for (guint i = 0; i < m->n; i++)
    c->e[i] = exp (theta[i] - top);
  return c->e;
}

/* F(θ) and its gradient; the cache then describes θ. */
static double
evaluate (const Model  *m,
          const double *theta,
          double       *g,
          Cache        *c)
{
  double value = 0.0;
  const double *e = m->n > 0 ? worths (m, theta, c) : NULL;

  memset (g, 0, m->n * sizeof (double));
  for (guint b = 0; b < m->n_ballots; b++)
    value += add_ballot (m, b, theta, e, g, c);
  for (guint i = 0; i < m->n; i++)
    {
      value += m->alpha * theta[i] * theta[i];
      g[i] += 2.0 * m->alpha * theta[i];
    }
  return value;
}

/* Ballot b's stage sums S and T into c's scratch. */
static void
stage_sums (const Model *m,
            const Cache *c,
            guint        b)
{
  const double *rho = c->rho + m->offset[b];
  double *restrict S = c->S, *restrict T = c->T;
  double sum = 1.0, squares = 1.0;

  S[0] = T[0] = 1.0;
  for (guint j = 1; j + 1 < m->len[b]; j++)
    {
      sum = 1.0 + rho[j] * sum;
      squares = 1.0 + rho[j] * rho[j] * squares;
      S[j] = sum;
      T[j] = squares;
    }
}

/* Adds ballot b's share of the Hessian's diagonal,
 * H_ll = Σ_{j≤m_l} p_{j,l} − p_{j,l}² = q_l S_{m_l} − q_l² T_{m_l},
 * to d[o_l · stride], its stage sums already formed. */
static void
ballot_diagonal (const Model *m,
                 const Cache *c,
                 guint        b,
                 double      *d,
                 gsize        stride)
{
  const double *s = c->s + m->offset[b];
  guint k = m->len[b];

  for (guint l = 0; l < k; l++)
    {
      guint j = MIN (l, k - 2);

      d[m->order[b][l] * stride] += m->count[b] * MAX (s[l] * c->S[j] - s[l] * s[l] * c->T[j], 0.0);
    }
}

static void
hessian_diagonal (const Model *m,
                  const Cache *c,
                  double      *d)
{
  memset (d, 0, m->n * sizeof (double));
  for (guint b = 0; b < m->n_ballots; b++)
    {
      stage_sums (m, c, b);
      ballot_diagonal (m, c, b, d, 1);
    }
}

/* Ballot b's off-diagonal share, added once per pair to H[o_l][o_t]:
 * H_lt = −q_l T_l p_{l,t} for l < t, where p_{l,t} = p_{l+1,t} ρ_{l+1}
 * walks up from p_{m_t,t} = q_t: products of numbers in [0, 1], which
 * may underflow to 0 but never overflow. Overwrites c->T. */
static void
ballot_pairs (const Model *m,
              const Cache *c,
              guint        b,
              double      *H)
{
  const guint *o = m->order[b];
  const double *s = c->s + m->offset[b], *rho = c->rho + m->offset[b];
  double *a = c->T;
  guint n = m->n, k = m->len[b];

  for (guint l = 0; l + 1 < k; l++)
    a[l] *= m->count[b] * s[l];
  for (guint t = 1; t < k; t++)
    {
      double p = s[t], *column = H + o[t];
      guint top = MIN (t, k - 2);

      /* l = top first (for t = k − 1 it is t − 1), then up. */
      if (top < t)
        column[(gsize) o[top] * n] -= a[top] * p;
      for (guint l = top; l-- > 0;)
        {
          p *= rho[l + 1];
          column[(gsize) o[l] * n] -= a[l] * p;
        }
    }
}

/* The dense Hessian of −loglik: each pair added in one direction, then
 * the matrix symmetrised (half the scattered writes). */
static void
hessian_dense (const Model *m,
               const Cache *c,
               double      *H)
{
  guint n = m->n;

  memset (H, 0, (gsize) n * n * sizeof (double));
  for (guint b = 0; b < m->n_ballots; b++)
    {
      stage_sums (m, c, b);
      ballot_diagonal (m, c, b, H, (gsize) n + 1);
      ballot_pairs (m, c, b, H);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      H[(gsize) i * n + j] = H[(gsize) j * n + i] = H[(gsize) i * n + j] + H[(gsize) j * n + i];
}

/* out = H v for the Hessian of −loglik, in O(Σ k):
 * U_j = Σ_{l≥j} p_{j,l} v_l (from the bottom), R_m = Σ_{j≤m} (W_m/W_j) U_j,
 * (H v)_l = q_l (S_{m_l} v_l − R_{m_l}). `work` holds max k doubles. */
static void
hessian_times (const Model  *m,
               const Cache  *c,
               const double *v,
               double       *out,
               double       *work)
{
  memset (out, 0, m->n * sizeof (double));
  for (guint b = 0; b < m->n_ballots; b++)
    {
      const guint *o = m->order[b];
      const double *s = c->s + m->offset[b], *rho = c->rho + m->offset[b];
      guint k = m->len[b];
      double u = v[o[k - 1]], r = 0.0;

      stage_sums (m, c, b);
      for (guint j = k - 1; j-- > 0;)
        {
          u = s[j] * v[o[j]] + rho[j + 1] * u;
          work[j] = u;
        }
      for (guint l = 0; l < k; l++)
        {
          guint j = MIN (l, k - 2);

          if (l <= k - 2)
            r = work[l] + (l > 0 ? rho[l] * r : 0.0);
          out[o[l]] += m->count[b] * s[l] * (c->S[j] * v[o[l]] - r);
        }
    }
}

double
pr_plackett_luce_objective (PrProfile    *profile,
                            const double *theta,
                            double        alpha,
                            double       *gradient)
{
  g_autofree double *g = NULL;
  Model m;
  Cache c;
  double value;

  g_return_val_if_fail (profile != NULL && theta != NULL, NAN);

  model_init (&m, profile, alpha);
  cache_init (&c, &m);
  g = g_new0 (double, m.n + 1);
  value = evaluate (&m, theta, gradient != NULL ? gradient : g, &c);
  cache_clear (&c);
  model_clear (&m);
  return value;
}

/* In-place Cholesky A = L Lᵀ (lower triangle); FALSE if not positive
 * definite (or not finite). */
static gboolean
cholesky (double *A,
          guint   n)
{
  for (guint j = 0; j < n; j++)
    {
      double d = A[(gsize) j * n + j];

      for (guint k = 0; k < j; k++)
        d -= A[(gsize) j * n + k] * A[(gsize) j * n + k];
      if (!(d > 0.0) || !isfinite (d))
        return FALSE;
      d = sqrt (d);
      A[(gsize) j * n + j] = d;
      for (guint i = j + 1; i < n; i++)
        {
          double v = A[(gsize) i * n + j];

          for (guint k = 0; k < j; k++)
            v -= A[(gsize) i * n + k] * A[(gsize) j * n + k];
          A[(gsize) i * n + j] = v / d;
        }
    }
  return TRUE;
}

static void
cholesky_solve (const double *L,
                guint         n,
                double       *x)
{
  for (guint i = 0; i < n; i++)
    {
      for (guint k = 0; k < i; k++)
        x[i] -= L[(gsize) i * n + k] * x[k];
      x[i] /= L[(gsize) i * n + i];
    }
  for (guint i = n; i-- > 0;)
    {
      for (guint k = i + 1; k < n; k++)
        x[i] -= L[(gsize) k * n + i] * x[k];
      x[i] /= L[(gsize) i * n + i];
    }
}

/* Factorises H + 2αI + ridge·I (+ 11ᵀ/n when α = 0) into L. */
static gboolean
factorise (const double *H,
           guint         n,
           double        alpha,
           double        ridge,
           double       *L)
{
  memcpy (L, H, (gsize) n * n * sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      L[(gsize) i * n + i] += 2.0 * alpha + ridge;
      if (alpha == 0.0)
        for (guint j = 0; j < n; j++)
          L[(gsize) i * n + j] += 1.0 / n;
    }
  return cholesky (L, n);
}

typedef struct {
  const Model *m;
  guint        n;
  gboolean     dense;
  Cache        cache, trial_cache;
  double      *g, *g2, *step, *trial;
  double      *H, *L;            /* dense only */
  double      *r, *z, *p, *Ap, *diag, *work;  /* conjugate gradients only */
} Newton;

/* Dense factorisation costs n³/3 per step; a conjugate gradient
 * iteration about a dozen operations per ballot position, and a few
 * dozen of them usually do. */
static gboolean
prefer_dense (const Model *m)
{
  double n = m->n;

  return n * n * n / 3.0 <= 300.0 * (double) m->total;
}

static void
newton_init (Newton      *nt,
             const Model *m)
{
  guint n = m->n;
  gsize nn = (gsize) n * n + 1;

  memset (nt, 0, sizeof *nt);
  nt->m = m;
  nt->n = n;
  nt->dense = prefer_dense (m);
  cache_init (&nt->cache, m);
  cache_init (&nt->trial_cache, m);
  nt->g = g_new0 (double, n + 1);
  nt->g2 = g_new0 (double, n + 1);
  nt->step = g_new0 (double, n + 1);
  nt->trial = g_new0 (double, n + 1);
  if (nt->dense)
    {
      nt->H = g_new0 (double, nn);
      nt->L = g_new0 (double, nn);
      return;
    }
  nt->r = g_new0 (double, n + 1);
  nt->z = g_new0 (double, n + 1);
  nt->p = g_new0 (double, n + 1);
  nt->Ap = g_new0 (double, n + 1);
  nt->diag = g_new0 (double, n + 1);
  nt->work = g_new0 (double, m->max_len + 1);
}

static void
newton_clear (Newton *nt)
{
  cache_clear (&nt->cache);
  cache_clear (&nt->trial_cache);
  g_free (nt->g);
  g_free (nt->g2);
  g_free (nt->step);
  g_free (nt->trial);
  g_free (nt->H);
  g_free (nt->L);
  g_free (nt->r);
  g_free (nt->z);
  g_free (nt->p);
  g_free (nt->Ap);
  g_free (nt->diag);
  g_free (nt->work);
}

static void
centre (double *theta,
        guint   n)
{
  double mean = 0.0;

  for (guint i = 0; i < n; i++)
    mean += theta[i];
  mean /= MAX (n, 1);
  for (guint i = 0; i < n; i++)
    theta[i] -= mean;
}

static double
max_abs (const double *x,
         guint         n)
{
  double v = 0.0;

  for (guint i = 0; i < n; i++)
    v = MAX (v, fabs (x[i]));
  return v;
}

static double
dot (const double *x,
     const double *y,
     guint         n)
{
  double v = 0.0;

  for (guint i = 0; i < n; i++)
    v += x[i] * y[i];
  return v;
}

/* (H + 2αI + ridge·I) v on the conjugate gradient path. */
static void
operator_times (Newton       *nt,
                double        ridge,
                const double *v,
                double       *out)
{
  hessian_times (nt->m, &nt->cache, v, out, nt->work);
  for (guint i = 0; i < nt->n; i++)
    out[i] += (2.0 * nt->m->alpha + ridge) * v[i];
}

/* Preconditioned conjugate gradients for (H + 2αI + ridge·I) Δ = −g,
 * stopped once the residual is below `goal` (max norm). With α = 0, H is
 * singular along 1 but −g and every H p are orthogonal to it, so the
 * iteration stays in the range of H. FALSE if the curvature along a
 * search direction is not positive and finite. */
static gboolean
solve_cg (Newton *nt,
          double  ridge,
          double  goal)
{
  guint n = nt->n;
  double rz;

  hessian_diagonal (nt->m, &nt->cache, nt->diag);
  for (guint i = 0; i < n; i++)
    {
      double d = nt->diag[i] + 2.0 * nt->m->alpha + ridge;

      nt->diag[i] = d > 0.0 ? 1.0 / d : 1.0;
      nt->step[i] = 0.0;
      nt->r[i] = -nt->g[i];
      nt->z[i] = nt->diag[i] * nt->r[i];
      nt->p[i] = nt->z[i];
    }
  rz = dot (nt->r, nt->z, n);
  for (guint it = 0; it < 2 * n + 20 && max_abs (nt->r, n) > goal; it++)
    {
      double curvature, a, rz_next;

      operator_times (nt, ridge, nt->p, nt->Ap);
      curvature = dot (nt->p, nt->Ap, n);
      if (!(curvature > 0.0) || !isfinite (curvature))
        return it > 0;
      a = rz / curvature;
      for (guint i = 0; i < n; i++)
        {
          nt->step[i] += a * nt->p[i];
          nt->r[i] -= a * nt->Ap[i];
          nt->z[i] = nt->diag[i] * nt->r[i];
        }
      rz_next = dot (nt->r, nt->z, n);
      for (guint i = 0; i < n; i++)
        nt->p[i] = nt->z[i] + rz_next / rz * nt->p[i];
      rz = rz_next;
    }
  return TRUE;
}

/* The step Δ solving the (damped) Newton system; FALSE if it cannot be
 * formed. The conjugate gradients solve only as far as needed: to a
 * residual below ‖g‖·min(0.1, ‖g‖) (superlinear convergence; Nocedal &
 * Wright 2006, Theorem 7.2), and never much below the tolerance. */
static gboolean
solve_step (Newton *nt,
            double  ridge,
            double  tol)
{
  guint n = nt->n;
  double gmax = max_abs (nt->g, n);

  if (!nt->dense)
    return solve_cg (nt, ridge, MAX (gmax * MIN (0.1, gmax), 0.1 * tol));
  hessian_dense (nt->m, &nt->cache, nt->H);
  if (!factorise (nt->H, n, nt->m->alpha, ridge, nt->L))
    return FALSE;
  for (guint i = 0; i < n; i++)
    nt->step[i] = -nt->g[i];
  cholesky_solve (nt->L, n, nt->step);
  return TRUE;
}

static void
swap (double **a,
      double **b)
{
  double *x = *a;

  *a = *b;
  *b = x;
}

/* Armijo backtracking on F along the step. A trial point whose F is not
 * finite is never taken. Near the optimum F is flat to rounding: a full
 * step that does not raise F beyond that is taken (it is then exact). */
static gboolean
line_search (Newton *nt,
             double *theta,
             double *F,
             double  slope)
{
  guint n = nt->n;
  double t = 1.0;

  for (guint halvings = 0; halvings < 40; halvings++, t *= 0.5)
    {
      double Ft;

      for (guint i = 0; i < n; i++)
        nt->trial[i] = theta[i] + t * nt->step[i];
      if (nt->m->alpha == 0.0)
        centre (nt->trial, n);
      Ft = evaluate (nt->m, nt->trial, nt->g2, &nt->trial_cache);
      if (!isfinite (Ft) || !isfinite (max_abs (nt->g2, n)))
        continue;
      if (Ft <= *F + 1e-4 * t * slope
          || (halvings == 0 && Ft <= *F + 1e-14 * (1.0 + fabs (*F))))
        {
          memcpy (theta, nt->trial, n * sizeof (double));
          *F = Ft;
          swap (&nt->g, &nt->g2);
          swap (&nt->cache.s, &nt->trial_cache.s);
          swap (&nt->cache.rho, &nt->trial_cache.rho);
          return TRUE;
        }
    }
  return FALSE;
}

/* The step from the current damping, shortened to PL_STEP_MAX; FALSE if
 * it is not a descent direction. Returns the slope gᵀΔ through `slope`. */
static gboolean
descent_step (Newton *nt,
              double  ridge,
              double  tol,
              double *slope)
{
  double longest;

  if (!solve_step (nt, ridge, tol))
    return FALSE;
  longest = max_abs (nt->step, nt->n);
  if (!isfinite (longest))
    return FALSE;
  if (longest > PL_STEP_MAX)
    for (guint i = 0; i < nt->n; i++)
      nt->step[i] *= PL_STEP_MAX / longest;
  *slope = dot (nt->g, nt->step, nt->n);
  return *slope < 0.0;
}

static double
damping_scale (Newton *nt)
{
  double scale;

  if (nt->dense)
    hessian_dense (nt->m, &nt->cache, nt->H);
  else
    hessian_diagonal (nt->m, &nt->cache, nt->diag);
  scale = 1.0;
  for (guint i = 0; i < nt->n; i++)
    scale = MAX (scale, nt->dense ? nt->H[(gsize) i * nt->n + i] : nt->diag[i]);
  return scale;
}

/* Damped Newton. Returns the steps taken (every solve counts, so the cap
 * bounds the work); `converged` says whether the gradient met the
 * tolerance, or a step could not lower F beyond rounding where the
 * gradient is already small. */
static guint
newton_minimise (Newton    *nt,
                 PrProfile *profile,
                 double    *theta,
                 guint      max_iterations,
                 gboolean  *converged)
{
  guint n = nt->n, it;
  double tol = 1e-10 * (1.0 + pr_profile_get_n_ballots (profile));
  double F = evaluate (nt->m, theta, nt->g, &nt->cache);
  double damping = 0.0;

  *converged = FALSE;
  for (it = 0; it < max_iterations; it++)
    {
      double slope = 0.0, gmax = max_abs (nt->g, n);
      gboolean descent;

      if (gmax <= tol)
        break;
      descent = descent_step (nt, damping * (damping > 0.0 ? damping_scale (nt) : 0.0), tol, &slope);
      if (descent && -slope <= 1e-22 * (1.0 + fabs (F)))
        {
          *converged = TRUE;
          return it;
        }
      if (descent && line_search (nt, theta, &F, slope))
        {
          damping = damping > PL_DAMPING_FIRST ? damping / 100.0 : 0.0;
          continue;
        }
      /* No progress: where the gradient is already tiny, F is at its
       * minimum to rounding; elsewhere damp the step harder. */
      if (gmax <= 1e3 * tol)
        {
          *converged = TRUE;
          return it + 1;
        }
      damping = damping == 0.0 ? PL_DAMPING_FIRST : damping * 100.0;
      if (damping > PL_DAMPING_MAX)
        return it + 1;
    }
  *converged = max_abs (nt->g, n) <= tol;
  return it;
}

/* Standard errors of the centred log-worths: sqrt diag(C M C) with M the
 * inverse of the factorised matrix (see the comment at the top):
 * diag(C M C)_i = M_ii − 2 (M1)_i / n + 1ᵀM1 / n². M_ii is the squared
 * norm of column i of L⁻¹. Should the matrix not factorise (it does for
 * every finite θ), the errors are left null: a documented fallback. */
static void
standard_errors (const Model  *m,
                 const Cache  *c,
                 const guint8 *has_data,
                 double       *se)
{
  guint n = m->n;
  g_autofree double *H = g_new0 (double, (gsize) n * n + 1);
  g_autofree double *L = g_new0 (double, (gsize) n * n + 1);
  g_autofree double *ones = g_new0 (double, n + 1);
  g_autofree double *x = g_new0 (double, n + 1);
  double grand = 0.0, ridge = 0.0;

  hessian_dense (m, c, H);
  for (guint attempt = 0; !factorise (H, n, m->alpha, ridge, L); attempt++)
    {
      /* Rounding can leave a nearly singular matrix indefinite. */
      if (attempt == 20)
        {
          for (guint i = 0; i < n; i++)
            se[i] = NAN;
          return;
        }
      ridge = ridge == 0.0 ? 1e-12 : ridge * 10.0;
    }
  for (guint i = 0; i < n; i++)
    ones[i] = 1.0;
  cholesky_solve (L, n, ones);
  for (guint i = 0; i < n; i++)
    grand += ones[i] / ((double) n * n);
  for (guint i = 0; i < n; i++)
    {
      double mii = 0.0, v;

      /* Forward substitution L x = e_i, from row i down. */
      for (guint r = i; r < n; r++)
        {
          double y = r == i ? 1.0 : 0.0;

          for (guint k = i; k < r; k++)
            y -= L[(gsize) r * n + k] * x[k];
          x[r] = y / L[(gsize) r * n + r];
          mii += x[r] * x[r];
        }
      v = mii - 2.0 * ones[i] / n + grand;
      se[i] = has_data[i] ? sqrt (MAX (v, 0.0)) : NAN;
    }
}

PrMethodResult *
pr_plackett_luce (PrProfile    *profile,
                  const double *start)
{
  return pr_plackett_luce_fit (profile, start, TRUE);
}

PrMethodResult *
pr_plackett_luce_fit (PrProfile    *profile,
                      const double *start,
                      gboolean      std_errors)
{
  return pr_plackett_luce_fit_capped (profile, start, std_errors,
                                      PR_PLACKETT_LUCE_MAX_ITERATIONS);
}

PrMethodResult *
pr_plackett_luce_fit_capped (PrProfile    *profile,
                             const double *start,
                             gboolean      std_errors,
                             guint         max_iterations)
{
  guint n = pr_profile_get_n_candidates (profile);
  PrMethodResult *r = pr_method_result_new (PR_METHOD_PLACKETT_LUCE, n);
  g_autofree guint8 *has_data = g_new0 (guint8, n + 1);
  gboolean connected;
  Newton nt;
  Model m;

  model_init (&m, profile, 0.0);
  connected = model_strongly_connected (&m);
  m.alpha = r->alpha = connected ? 0.0 : PL_ALPHA_PENALISED;
  for (guint o = 0; o < pr_profile_get_n_orders (profile); o++)
    {
      guint len;
      const guint *order = pr_profile_get_order (profile, o, &len, NULL, NULL);

      for (guint i = 0; len >= 2 && i < len; i++)
        has_data[order[i]] = 1;
    }
  r->score = g_new0 (double, n + 1);
  r->std_error = g_new0 (double, n + 1);
  if (start != NULL)
    memcpy (r->score, start, n * sizeof (double));
  /* A person on no k ≥ 2 ballot has θ = 0 before centring. */
  for (guint i = 0; i < n; i++)
    if (!has_data[i] || !isfinite (r->score[i]))
      r->score[i] = 0.0;
  if (r->alpha == 0.0)
    centre (r->score, n);
  newton_init (&nt, &m);
  r->iterations = newton_minimise (&nt, profile, r->score, max_iterations, &r->converged);
  if (std_errors)
    standard_errors (&m, &nt.cache, has_data, r->std_error);
  else
    for (guint i = 0; i < n; i++)
      r->std_error[i] = NAN;
  newton_clear (&nt);
  model_clear (&m);
  for (guint i = 0; i < n; i++)
    if (!has_data[i])
      r->score[i] = 0.0;
  centre (r->score, n);
  pr_method_result_group_scores (r, PR_PLACKETT_LUCE_TIE);
  return r;
}
