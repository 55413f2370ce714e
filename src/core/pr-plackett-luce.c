/* pr-plackett-luce.c — Plackett–Luce log-worths by Newton's method
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pr-methods-private.h"

/* DESIGN §5 `plackett_luce` (Plackett 1975, Luce 1959; sub-rankings as in
 * Hunter 2004): a ballot o_1 > … > o_k (k ≥ 2) has likelihood
 * Π_{j<k} exp θ_{o_j} / Σ_{l≥j} exp θ_{o_l}. We minimise
 *   F(θ) = −Σ_ballots loglik(θ) + α·Σθᵢ²
 * with α = 0 when the "a beat b" graph over all candidates is strongly
 * connected (the MLE exists; Hunter 2004, Assumption 1) and α = 0.01
 * otherwise. Newton's method with a backtracking line search; with α = 0
 * F is shift-invariant, so the Hessian gets the projector 11ᵀ/n added,
 * which makes it invertible and keeps each step mean-free. The reported
 * log-worths are centred to mean 0; their standard errors are the square
 * roots of diag(C M C) with M = (H + 2αI + [α = 0]·11ᵀ/n)⁻¹ and
 * C = I − 11ᵀ/n, i.e. the pseudo-inverse of the information matrix for
 * α = 0 (Hunter 2004, §5), projected onto centred log-worths. */

#define PL_ALPHA_PENALISED 0.01

typedef struct {
  guint   n;
  double *e;   /* exp(θ − max) along one ballot */
  double *A;   /* prefix sums of 1/W_j */
  double *B;   /* prefix sums of 1/W_j² */
} Scratch;

/* Adds one ballot's −loglik (times `count`) and its gradient and, if H is
 * set, Hessian. */
static double
add_ballot (const guint  *o,
            guint         k,
            double        count,
            const double *theta,
            guint         n,
            Scratch      *s,
            double       *g,
            double       *H)
{
  double top = -INFINITY, W = 0.0, value = 0.0, a = 0.0, b = 0.0;

  for (guint i = 0; i < k; i++)
    top = MAX (top, theta[o[i]]);
  for (guint i = 0; i < k; i++)
    s->e[i] = exp (theta[o[i]] - top);
  /* W_j = Σ_{l ≥ j} e_l, walked from the bottom; stage j < k − 1 adds
   * log W_j − (θ_{o_j} − top) to −loglik. */
  for (guint j = k; j-- > 0;)
    {
      W += s->e[j];
      if (j < k - 1)
        value += log (W) - (theta[o[j]] - top);
      s->A[j] = j < k - 1 ? 1.0 / W : 0.0;
      s->B[j] = j < k - 1 ? 1.0 / (W * W) : 0.0;
    }
  for (guint j = 0; j < k; j++)
    {
      a += s->A[j];
      b += s->B[j];
      s->A[j] = a;
      s->B[j] = b;
    }
  for (guint i = 0; i < k; i++)
    {
      g[o[i]] += count * (s->e[i] * s->A[i] - (i < k - 1 ? 1.0 : 0.0));
      if (H == NULL)
        continue;
      H[o[i] * n + o[i]] += count * s->e[i] * s->A[i];
      for (guint t = i; t < k; t++)
        {
          double v = count * s->e[i] * s->e[t] * s->B[i];

          H[o[i] * n + o[t]] -= v;
          if (t != i)
            H[o[t] * n + o[i]] -= v;
        }
    }
  return count * value;
}

static double
evaluate (PrProfile    *profile,
          const double *theta,
          double        alpha,
          double       *g,
          double       *H)
{
  guint n = pr_profile_get_n_candidates (profile);
  double value = 0.0;
  Scratch s = { n, g_new (double, n + 1), g_new (double, n + 1), g_new (double, n + 1) };

  memset (g, 0, n * sizeof (double));
  if (H != NULL)
    memset (H, 0, (gsize) n * n * sizeof (double));
  for (guint o = 0; o < pr_profile_get_n_orders (profile); o++)
    {
      guint len, count;
      const guint *order = pr_profile_get_order (profile, o, &len, NULL, &count);

      if (len >= 2)
        value += add_ballot (order, len, count, theta, n, &s, g, H);
    }
  for (guint i = 0; i < n; i++)
    {
      value += alpha * theta[i] * theta[i];
      g[i] += 2.0 * alpha * theta[i];
      if (H != NULL)
        H[i * n + i] += 2.0 * alpha;
    }
  g_free (s.e);
  g_free (s.A);
  g_free (s.B);
  return value;
}

double
pr_plackett_luce_objective (PrProfile    *profile,
                            const double *theta,
                            double        alpha,
                            double       *gradient)
{
  guint n;
  g_autofree double *g = NULL;

  g_return_val_if_fail (profile != NULL && theta != NULL, NAN);

  n = pr_profile_get_n_candidates (profile);
  g = g_new0 (double, n + 1);
  if (gradient == NULL)
    gradient = g;
  return evaluate (profile, theta, alpha, gradient, NULL);
}

/* In-place Cholesky A = L Lᵀ (lower triangle); FALSE if not positive
 * definite. */
static gboolean
cholesky (double *A,
          guint   n)
{
  for (guint j = 0; j < n; j++)
    {
      double d = A[j * n + j];

      for (guint k = 0; k < j; k++)
        d -= A[j * n + k] * A[j * n + k];
      if (!(d > 0.0) || !isfinite (d))
        return FALSE;
      d = sqrt (d);
      A[j * n + j] = d;
      for (guint i = j + 1; i < n; i++)
        {
          double v = A[i * n + j];

          for (guint k = 0; k < j; k++)
            v -= A[i * n + k] * A[j * n + k];
          A[i * n + j] = v / d;
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
        x[i] -= L[i * n + k] * x[k];
      x[i] /= L[i * n + i];
    }
  for (guint i = n; i-- > 0;)
    {
      for (guint k = i + 1; k < n; k++)
        x[i] -= L[k * n + i] * x[k];
      x[i] /= L[i * n + i];
    }
}

/* Factorises H + 11ᵀ/n (α = 0) or H, adding a growing ridge should
 * rounding leave it indefinite. */
static void
factorise (double  *H,
           guint    n,
           double   alpha,
           double  *work)
{
  double ridge = 0.0;

  for (guint attempt = 0; attempt < 60; attempt++)
    {
      memcpy (work, H, (gsize) n * n * sizeof (double));
      for (guint i = 0; i < n; i++)
        {
          work[i * n + i] += ridge;
          if (alpha == 0.0)
            for (guint j = 0; j < n; j++)
              work[i * n + j] += 1.0 / n;
        }
      if (cholesky (work, n))
        return;
      ridge = ridge == 0.0 ? 1e-12 : ridge * 10.0;
    }
  /* Unreachable for finite data: a ridge of 1e47 is positive definite. */
  g_assert_not_reached ();
}

typedef struct {
  guint   n;
  double  alpha;
  double *g, *H, *g2, *H2, *L, *step, *trial;
} Newton;

static void
newton_init (Newton *nt,
             guint   n,
             double  alpha)
{
  gsize nn = (gsize) n * n + 1;

  nt->n = n;
  nt->alpha = alpha;
  nt->g = g_new0 (double, n + 1);
  nt->g2 = g_new0 (double, n + 1);
  nt->step = g_new0 (double, n + 1);
  nt->trial = g_new0 (double, n + 1);
  nt->H = g_new0 (double, nn);
  nt->H2 = g_new0 (double, nn);
  nt->L = g_new0 (double, nn);
}

static void
newton_clear (Newton *nt)
{
  g_free (nt->g);
  g_free (nt->g2);
  g_free (nt->step);
  g_free (nt->trial);
  g_free (nt->H);
  g_free (nt->H2);
  g_free (nt->L);
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

/* Newton's method with Armijo backtracking. It stops when the gradient
 * is at rounding level or the Newton decrement −gᵀΔ (twice the predicted
 * decrease) is below rounding of F: closer than that no step can show a
 * decrease. Only the full step computes the Hessian with the trial; a
 * shortened step that is accepted gets it afterwards. Returns the steps. */
static gboolean
line_search (Newton    *nt,
             PrProfile *profile,
             double    *theta,
             double    *F,
             double     slope)
{
  guint n = nt->n;
  double t = 1.0;

  for (guint halvings = 0; halvings < 40; halvings++, t *= 0.5)
    {
      double Ft;

      for (guint i = 0; i < n; i++)
        nt->trial[i] = theta[i] + t * nt->step[i];
      if (nt->alpha == 0.0)
        centre (nt->trial, n);
      Ft = evaluate (profile, nt->trial, nt->alpha, nt->g2, halvings == 0 ? nt->H2 : NULL);
      /* Near the optimum F is flat to rounding: a full Newton step that
       * does not raise F beyond that is taken (it is then exact). */
      if (Ft <= *F + 1e-4 * t * slope
          || (halvings == 0 && Ft <= *F + 1e-14 * (1.0 + fabs (*F))))
        {
          if (halvings > 0)
            evaluate (profile, nt->trial, nt->alpha, nt->g2, nt->H2);
          memcpy (theta, nt->trial, n * sizeof (double));
          *F = Ft;
          { double *x = nt->g; nt->g = nt->g2; nt->g2 = x; }
          { double *x = nt->H; nt->H = nt->H2; nt->H2 = x; }
          return TRUE;
        }
    }
  return FALSE;
}

/* Returns the steps taken; `converged` is FALSE only when the cap ran
 * out first. A step that cannot lower F beyond rounding also ends the
 * search: F is then at its minimum to machine precision. */
static guint
newton_minimise (Newton    *nt,
                 PrProfile *profile,
                 double    *theta,
                 guint      max_iterations,
                 gboolean  *converged)
{
  guint n = nt->n, it;
  double tol = 1e-10 * (1.0 + pr_profile_get_n_ballots (profile));
  double F = evaluate (profile, theta, nt->alpha, nt->g, nt->H);

  *converged = FALSE;
  for (it = 0; it < max_iterations; it++)
    {
      double gmax = 0.0, slope = 0.0;

      for (guint i = 0; i < n; i++)
        gmax = MAX (gmax, fabs (nt->g[i]));
      if (gmax <= tol)
        break;
      factorise (nt->H, n, nt->alpha, nt->L);
      for (guint i = 0; i < n; i++)
        nt->step[i] = -nt->g[i];
      cholesky_solve (nt->L, n, nt->step);
      for (guint i = 0; i < n; i++)
        slope += nt->g[i] * nt->step[i];
      if (-slope <= 1e-22 * (1.0 + fabs (F)) || !line_search (nt, profile, theta, &F, slope))
        break;
    }
  /* Out of steps: converged only if the last one reached the tolerance. */
  if (it == max_iterations)
    {
      double gmax = 0.0;

      for (guint i = 0; i < n; i++)
        gmax = MAX (gmax, fabs (nt->g[i]));
      *converged = gmax <= tol;
    }
  else
    *converged = TRUE;
  return it;
}

/* Standard errors of the centred log-worths: sqrt diag(C M C), where M
 * is the inverse of the factorised matrix (see the comment at the top). */
static void
standard_errors (Newton        *nt,
                 const guint8  *has_data,
                 double        *se)
{
  guint n = nt->n;
  g_autofree double *M = g_new0 (double, (gsize) n * n + 1);
  g_autofree double *row_mean = g_new0 (double, n + 1);
  double grand = 0.0;

  factorise (nt->H, n, nt->alpha, nt->L);
  for (guint j = 0; j < n; j++)
    {
      double *col = M + (gsize) j * n;

      col[j] = 1.0;
      cholesky_solve (nt->L, n, col);  /* M is symmetric: column j = row j */
    }
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < n; j++)
        row_mean[i] += M[(gsize) i * n + j];
      row_mean[i] /= n;
      grand += row_mean[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      double v = M[(gsize) i * n + i] - 2.0 * row_mean[i] + grand;

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

  connected = pr_pairwise_strongly_connected (pr_profile_get_pairwise (profile, PR_TREATMENT_IGNORE),
                                              n, NULL, NULL);
  r->alpha = connected ? 0.0 : PL_ALPHA_PENALISED;
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
  newton_init (&nt, n, r->alpha);
  r->iterations = newton_minimise (&nt, profile, r->score, max_iterations, &r->converged);
  if (std_errors)
    standard_errors (&nt, has_data, r->std_error);
  else
    for (guint i = 0; i < n; i++)
      r->std_error[i] = NAN;
  newton_clear (&nt);
  for (guint i = 0; i < n; i++)
    if (!has_data[i])
      r->score[i] = 0.0;
  centre (r->score, n);
  pr_method_result_group_scores (r, PR_PLACKETT_LUCE_TIE);
  return r;
}
