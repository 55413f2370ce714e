/* pr-kemeny-ilp.c — exact Kemeny–Young for large blocks: an integer
 * programme with lazy 3-cycle constraints on GLPK
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glpk.h>
#include <math.h>
#include <string.h>

#include "pr-kemeny-private.h"
#include "pr-kemeny.h"

/* The linear ordering formulation (Grötschel, Jünger & Reinelt 1984; for
 * Kemeny: Conitzer, Davenport & Kalagnanam 2006). One 0/1 variable x_ij
 * per pair i < j, 1 when i is placed above j; the distance is
 *   Σ_{i<j} N[i][j] + x_ij (N[j][i] − N[i][j]),
 * and x is a linear order exactly when every triple i < j < k has
 *   0 ≤ x_ij + x_jk − x_ik ≤ 1   (no 3-cycle, either way round).
 * There are n³/6 such rows, 34,220 at n = 60; they are added lazily, only
 * those the current solution violates: the LP relaxation is solved again
 * (dual simplex from the last basis) until it violates none. On real
 * elections that relaxation mostly has an integral optimum, which is then
 * the optimal order. Otherwise GLPK's branch and bound runs with the same
 * separation at every node (GLP_IROWGEN) and a rounding heuristic
 * (GLP_IHEUR), looking for an order better than the local search's.
 *
 * Row 1 is the objective itself, free except while branching: there it
 * caps the distance (an order no longer than a limit), so a node whose
 * relaxation cannot meet the cap is dropped as infeasible. Distances are
 * integers, so a node whose bound is within 1 of the best order found
 * cannot improve on it either: tol_obj prunes those.
 *
 * The tie-break of DESIGN §5 (the lexicographically smallest optimal
 * order) costs more: once the optimum D is known, the order is built
 * from the top. At each place, the candidates left split into blocks
 * (pr_kemeny_split); the top one goes to the DP when it is small;
 * otherwise its members are tried in candidate order, each fixed on top
 * (x fixed above everyone left) and kept as soon as the relaxation, or
 * the branch and bound, finds an order of distance D with it there. The
 * member the last optimal order has on top needs no test. Should time
 * run out on the way, the order is still an optimal one (`exact`), with
 * the tie-break applied to its top places only. */

#define ILP_EPS 1e-6

typedef struct {
  const guint *N;
  guint        n;
  guint        dp_max;
  gint64       deadline;
  gboolean     out_of_time;
  glp_prob    *P;
  double       constant;  /* the distance when every x is 0 */
  int         *col;       /* col[i * n + j], i < j: x_ij's column */
  double      *x;         /* x[i * n + j], both ways: i above j */
  guint       *scratch;   /* an order */
  double      *values;    /* an order as columns, for GLPK */
  double       bound;     /* branching: the best bound of open nodes */
  gboolean     duals;     /* the last LP solution bounds the current LP */
  gboolean     first;     /* branching: stop at the first order found */
  guint        fixed;     /* branching: places fixed at the top */
} Ilp;

static void
ilp_init (Ilp         *ilp,
          const guint *N,
          guint        n,
          guint        dp_max,
          gint64       deadline)
{
  int k = 0;

  g_assert (n >= 2);
  memset (ilp, 0, sizeof *ilp);
  ilp->N = N;
  ilp->n = n;
  ilp->dp_max = dp_max;
  ilp->deadline = deadline;
  ilp->col = g_new0 (int, (gsize) n * n + 1);
  ilp->x = g_new0 (double, (gsize) n * n + 1);
  ilp->scratch = g_new0 (guint, n + 1);
  ilp->values = g_new0 (double, (gsize) n * n / 2 + 2);
  glp_term_out (GLP_OFF);
  ilp->P = glp_create_prob ();
  glp_set_obj_dir (ilp->P, GLP_MIN);
  glp_add_cols (ilp->P, (int) (n * (n - 1) / 2));
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        ilp->col[i * n + j] = ++k;
        glp_set_col_kind (ilp->P, k, GLP_BV);
        glp_set_obj_coef (ilp->P, k, (double) N[j * n + i] - (double) N[i * n + j]);
        ilp->constant += N[i * n + j];
      }
  glp_set_obj_coef (ilp->P, 0, ilp->constant);
}

/* Row 1: the objective without its constant, free until branching. */
static void
add_objective_row (Ilp *ilp)
{
  int n_cols = glp_get_num_cols (ilp->P);
  g_autofree int *index = g_new0 (int, n_cols + 1);
  g_autofree double *value = g_new0 (double, n_cols + 1);

  glp_add_rows (ilp->P, 1);
  for (int k = 1; k <= n_cols; k++)
    {
      index[k] = k;
      value[k] = glp_get_obj_coef (ilp->P, k);
    }
  glp_set_mat_row (ilp->P, 1, n_cols, index, value);
  glp_set_row_bnds (ilp->P, 1, GLP_FR, 0.0, 0.0);
}

static void
ilp_clear (Ilp *ilp)
{
  glp_delete_prob (ilp->P);
  /* GLPK keeps one environment per thread: free this thread's. */
  glp_free_env ();
  g_free (ilp->col);
  g_free (ilp->x);
  g_free (ilp->scratch);
  g_free (ilp->values);
}

/* Milliseconds left; 0 (and out_of_time) once the deadline passed. */
static int
remaining_ms (Ilp *ilp)
{
  gint64 left = ilp->deadline - g_get_monotonic_time ();

  if (left <= 0)
    {
      ilp->out_of_time = TRUE;
      return 0;
    }
  return (int) MIN (left / 1000 + 1, G_MAXINT);
}

static void
read_x (Ilp      *ilp,
        glp_prob *P,
        gboolean  mip)
{
  guint n = ilp->n;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        int k = ilp->col[i * n + j];
        double v = mip ? glp_mip_col_val (P, k) : glp_get_col_prim (P, k);

        ilp->x[i * n + j] = v;
        ilp->x[j * n + i] = 1.0 - v;
      }
}

/* Adds to P (NULL: only counts) a row for every triple x violates. */
static guint
separate (Ilp      *ilp,
          glp_prob *P)
{
  static const double coef[4] = { 0.0, 1.0, 1.0, -1.0 };
  guint n = ilp->n, found = 0;
  const double *x = ilp->x;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      for (guint k = j + 1; k < n; k++)
        {
          double s = x[i * n + j] + x[j * n + k] - x[i * n + k];
          int index[4] = { 0, ilp->col[i * n + j], ilp->col[j * n + k], ilp->col[i * n + k] };
          int row;

          if (s <= 1.0 + ILP_EPS && s >= -ILP_EPS)
            continue;
          found++;
          if (P == NULL)
            continue;
          row = glp_add_rows (P, 1);
          glp_set_mat_row (P, row, 3, index, coef);
          glp_set_row_bnds (P, row, GLP_DB, 0.0, 1.0);
        }
  return found;
}

/* Drops the 3-cycle rows the last solution does not need (basic, so
 * inactive): most rows added on the way end up so, and each makes every
 * later simplex slower. Removing basic rows keeps the basis valid; should
 * one be needed again, separation adds it back. */
static void
purge (Ilp *ilp)
{
  int m = glp_get_num_rows (ilp->P), n_drop = 0;
  g_autofree int *drop = g_new0 (int, m + 1);

  for (int i = 2; i <= m; i++)
    if (glp_get_row_stat (ilp->P, i) == GLP_BS)
      drop[++n_drop] = i;
  if (n_drop > 0)
    glp_del_rows (ilp->P, n_drop, drop);
}

static gboolean
is_integral (const Ilp *ilp)
{
  for (guint i = 0; i < ilp->n; i++)
    for (guint j = i + 1; j < ilp->n; j++)
      if (fabs (ilp->x[i * ilp->n + j] - round (ilp->x[i * ilp->n + j])) > ILP_EPS)
        return FALSE;
  return TRUE;
}

/* The LP relaxation with every violated triple added. FALSE when out of
 * time or infeasible (the distance cap of row 1 cannot be met); `z` then
 * keeps the last optimum found, still a lower bound. */
static gboolean
relax (Ilp    *ilp,
       double *z)
{
  glp_smcp parm;

  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.meth = GLP_DUALP;
  do
    {
      int ret;

      parm.tm_lim = remaining_ms (ilp);
      if (ilp->out_of_time)
        return FALSE;
      ret = glp_simplex (ilp->P, &parm);
      /* A basis left unusable by deleted rows: start from a standard one. */
      if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND)
        {
          glp_std_basis (ilp->P);
          ret = glp_simplex (ilp->P, &parm);
        }
      ilp->duals = ret == 0 && glp_get_status (ilp->P) == GLP_OPT;
      if (!ilp->duals)
        return FALSE;
      *z = glp_get_obj_val (ilp->P);
      read_x (ilp, ilp->P, FALSE);
    }
  while (separate (ilp, ilp->P) > 0);
  purge (ilp);
  return TRUE;
}

/* Candidates by how many they are placed above in x: the order itself
 * when x is one, a rounding when x is fractional. */
static void
order_from_x (Ilp   *ilp,
              guint *order)
{
  guint n = ilp->n;
  g_autofree double *score = g_new0 (double, n + 1);

  for (guint i = 0; i < n; i++)
    {
      order[i] = i;
      for (guint j = 0; j < n; j++)
        if (j != i)
          score[i] += ilp->x[i * n + j];
    }
  pr_kemeny_sort_by_score (order, n, score);
}

/* The order as column values, in ilp->values. */
static void
order_values (Ilp         *ilp,
              const guint *order)
{
  guint n = ilp->n;
  g_autofree guint *place = g_new0 (guint, n + 1);

  for (guint k = 0; k < n; k++)
    place[order[k]] = k;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      ilp->values[ilp->col[i * n + j]] = place[i] < place[j];
}

static void
branch_callback (glp_tree *tree,
                 void     *info)
{
  Ilp *ilp = info;
  glp_prob *P = glp_ios_get_prob (tree);
  int best;

  switch (glp_ios_reason (tree))
    {
    case GLP_IROWGEN:
      read_x (ilp, P, FALSE);
      separate (ilp, P);
      break;
    case GLP_IHEUR:
      read_x (ilp, P, FALSE);
      order_from_x (ilp, ilp->scratch);
      /* The rounding keeps the fixed places (see test_top()); so must the moves. */
      pr_kemeny_improve (ilp->N, ilp->n, ilp->scratch, ilp->fixed);
      order_values (ilp, ilp->scratch);
      glp_ios_heur_sol (tree, ilp->values);
      break;
    case GLP_ISELECT:
      /* The open nodes' best bound only rises: keep the latest. */
      if ((best = glp_ios_best_node (tree)) != 0)
        ilp->bound = MAX (ilp->bound, glp_ios_node_bound (tree, best));
      break;
    case GLP_IBINGO:
      if (ilp->first)
        glp_ios_terminate (tree);
      break;
    default:
      break;
    }
}

/* The branch and bound's order, checked: an integral x without a 3-cycle.
 * Returns its distance, G_MAXUINT64 when there is none. */
static guint64
take_solution (Ilp   *ilp,
               guint *order)
{
  int status = glp_mip_status (ilp->P);

  if (status != GLP_OPT && status != GLP_FEAS)
    return G_MAXUINT64;
  read_x (ilp, ilp->P, TRUE);
  if (!is_integral (ilp) || separate (ilp, NULL) > 0)
    return G_MAXUINT64;
  order_from_x (ilp, order);
  return pr_kemeny_distance (ilp->N, ilp->n, order);
}

static void
init_branch_parm (Ilp       *ilp,
                  glp_iocp  *parm,
                  guint64    limit)
{
  glp_init_iocp (parm);
  parm->msg_lev = GLP_MSG_OFF;
  parm->cb_func = branch_callback;
  parm->cb_info = ilp;
  /* Its roundings need not be orders: only ours are offered. */
  parm->sr_heur = GLP_OFF;
  /* Prune nodes within 0.99 of the best order (integer distances). */
  parm->tol_obj = 0.99 / (1.0 + (double) limit);
}

/* Looks for orders of distance at most `limit`, with the `first` one
 * found enough. Puts the best found in `order` and its distance in
 * `value` (G_MAXUINT64 when none). Returns whether the search finished:
 * then there is none better than `value` (nor any, for G_MAXUINT64). */
static gboolean
branch (Ilp     *ilp,
        guint64  limit,
        gboolean first,
        guint   *order,
        guint64 *value)
{
  glp_iocp parm;
  gboolean finished = FALSE;
  double z = 0.0;
  int ret;

  *value = G_MAXUINT64;
  ilp->first = first;
  glp_set_row_bnds (ilp->P, 1, GLP_UP, 0.0, (double) limit - ilp->constant + 0.5);
  if (!relax (ilp, &z))
    {
      /* No relaxation meets the cap: no order does. */
      finished = !ilp->out_of_time && glp_get_status (ilp->P) == GLP_NOFEAS;
      goto done;
    }
  ilp->bound = z;
  init_branch_parm (ilp, &parm, limit);
  parm.tm_lim = remaining_ms (ilp);
  if (ilp->out_of_time)
    goto done;
  ret = glp_intopt (ilp->P, &parm);
  ilp->duals = FALSE;
  finished = ret == 0 && (glp_mip_status (ilp->P) == GLP_OPT
                          || glp_mip_status (ilp->P) == GLP_NOFEAS);
  *value = take_solution (ilp, order);
done:
  glp_set_row_bnds (ilp->P, 1, GLP_FR, 0.0, 0.0);
  return finished;
}

/* Fixes (or frees) x so that `top` is above everyone after it in
 * `order` from place `placed` on. */
static void
fix_top (Ilp         *ilp,
         const guint *order,
         guint        placed,
         guint        top,
         gboolean     fix)
{
  guint n = ilp->n;

  for (guint k = placed; k < n; k++)
    {
      guint r = order[k];
      int column = ilp->col[MIN (top, r) * n + MAX (top, r)];
      double v = top < r ? 1.0 : 0.0;

      if (r == top)
        continue;
      if (fix)
        glp_set_col_bnds (ilp->P, column, GLP_FX, v, v);
      else
        glp_set_col_bnds (ilp->P, column, GLP_DB, 0.0, 1.0);
    }
}

/* Whether an order of distance D (the optimum) has `c` at place
 * `placed` below order[0 .. placed); if so, `order` becomes one and c
 * stays fixed there. */
static gboolean
test_top (Ilp     *ilp,
          guint64  D,
          guint   *order,
          guint    placed,
          guint    c)
{
  gboolean found = FALSE;
  guint64 value;
  double z;

  fix_top (ilp, order, placed, c, TRUE);
  if (relax (ilp, &z) && z <= (double) D + ILP_EPS)
    {
      /* The relaxation's order, or its rounding improved below c (the
       * fixed places stay: they outscore everyone after them). */
      order_from_x (ilp, ilp->scratch);
      found = pr_kemeny_improve (ilp->N, ilp->n, ilp->scratch, placed + 1) == D;
      if (!found && !is_integral (ilp))
        {
          ilp->fixed = placed + 1;
          branch (ilp, D, TRUE, ilp->scratch, &value);
          ilp->fixed = 0;
          found = value == D;
        }
    }
  if (found)
    memcpy (order, ilp->scratch, ilp->n * sizeof (guint));
  else
    {
      fix_top (ilp, order, placed, c, FALSE);
      /* That solution had c fixed: it bounds nothing now. */
      ilp->duals = FALSE;
    }
  return found;
}

/* Without a solver: c on top of the current optimal order of the rest,
 * then improved below c. Keeps it when that is still optimal. */
static gboolean
move_to_top (Ilp     *ilp,
             guint64  D,
             guint   *order,
             guint    placed,
             guint    c)
{
  guint n = ilp->n, k = placed + 1;

  memcpy (ilp->scratch, order, placed * sizeof (guint));
  ilp->scratch[placed] = c;
  for (guint i = placed; i < n; i++)
    if (order[i] != c)
      ilp->scratch[k++] = order[i];
  if (pr_kemeny_improve (ilp->N, n, ilp->scratch, placed + 1) != D)
    return FALSE;
  memcpy (order, ilp->scratch, n * sizeof (guint));
  fix_top (ilp, order, placed, c, TRUE);
  return TRUE;
}

/* A lower bound on the distance with c fixed on top, from the last LP
 * solution (valid while ilp->duals): each column fixed away from its
 * value costs at least its reduced cost per unit. */
static double
top_bound (Ilp         *ilp,
           const guint *order,
           guint        placed,
           guint        c)
{
  guint n = ilp->n;
  double bound = glp_get_obj_val (ilp->P);

  for (guint k = placed; k < n; k++)
    {
      guint r = order[k];
      int column = ilp->col[MIN (c, r) * n + MAX (c, r)];
      double v = c < r ? 1.0 : 0.0;

      if (r != c)
        bound += glp_get_col_dual (ilp->P, column) * (v - glp_get_col_prim (ilp->P, column));
    }
  return bound;
}

/* Places the smallest member of the top block (in candidate order) that
 * some optimal order has on top. Members the LP bound rules out are not
 * tried; the current order's top member needs no test. */
static void
choose_top (Ilp         *ilp,
            guint64      D,
            guint       *order,
            guint        placed,
            const guint *block,
            guint        size)
{
  g_autofree double *bound = g_new0 (double, size + 1);
  double z;
  guint k;

  for (k = 0; k < size && block[k] != order[placed]; k++)
    ;
  /* Bounds for all members at once, from one solution of this LP: each
   * failed test leaves a solution with its member fixed, no bound here. */
  if (k > 0 && (ilp->duals || relax (ilp, &z)))
    for (guint i = 0; i < k; i++)
      bound[i] = top_bound (ilp, order, placed, block[i]);
  for (guint i = 0; i < k && !ilp->out_of_time; i++)
    {
      if (bound[i] > (double) D + ILP_EPS * (1.0 + (double) D))
        continue;
      if (move_to_top (ilp, D, order, placed, block[i])
          || test_top (ilp, D, order, placed, block[i]))
        return;
    }
  fix_top (ilp, order, placed, order[placed], TRUE);
}

/* Places the top block of the candidates left, ordered by the DP. Every
 * optimal order of them begins with that block, so `order` stays one. */
static guint
place_block (Ilp         *ilp,
             guint       *order,
             guint        placed,
             const guint *block,
             guint        size)
{
  memcpy (order + placed, block, size * sizeof (guint));
  pr_kemeny_order_block (ilp->N, ilp->n, order + placed, size);
  for (guint k = 0; k < size; k++)
    fix_top (ilp, order, placed + k, order[placed + k], TRUE);
  return size;
}

/* Turns `order`, optimal at distance D, into the lexicographically
 * smallest optimal order (see the top of the file). */
static void
lex_refine (Ilp     *ilp,
            guint64  D,
            guint   *order)
{
  guint n = ilp->n;
  g_autofree guint *rest = g_new0 (guint, n + 1);
  g_autofree guint *starts = g_new0 (guint, n + 2);
  guint placed = 0;

  while (placed < n && !ilp->out_of_time)
    {
      guint size;

      memcpy (rest, order + placed, (n - placed) * sizeof (guint));
      pr_kemeny_split (ilp->N, n, rest, n - placed, starts);
      size = starts[1];
      if (size <= ilp->dp_max)
        {
          placed += place_block (ilp, order, placed, rest, size);
          continue;
        }
      choose_top (ilp, D, order, placed, rest, size);
      placed++;
    }
}

/* When the local search meets the pairwise bound, the optimal orders are
 * those that follow every strict majority, and the smallest of them is
 * built greedily: each place takes the first candidate no one left beats. */
static void
consensus_order (const guint *N,
                 guint        n,
                 guint       *order)
{
  g_autofree guint *beaten = g_new0 (guint, n + 1);
  g_autofree guint8 *placed = g_new0 (guint8, n + 1);

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      beaten[a] += N[b * n + a] > N[a * n + b];
  for (guint k = 0; k < n; k++)
    {
      guint c = 0;

      while (placed[c] || beaten[c] > 0)
        c++;
      order[k] = c;
      placed[c] = 1;
      for (guint b = 0; b < n; b++)
        beaten[b] -= N[c * n + b] > N[b * n + c];
    }
}

/* The optimum D and an optimal order, or the gap at the time limit:
 * the root relaxation first, branching only when it is fractional. */
static guint64
solve (Ilp     *ilp,
       guint   *order,
       guint64  pair_bound,
       guint64 *D)
{
  guint64 ub = pr_kemeny_distance (ilp->N, ilp->n, order), value, lower;
  double z = 0.0;
  gboolean finished;

  add_objective_row (ilp);
  if (!relax (ilp, &z))
    finished = FALSE;
  else if (ceil (z - ILP_EPS) >= (double) ub)
    finished = TRUE;
  else if (is_integral (ilp))
    {
      order_from_x (ilp, order);
      *D = pr_kemeny_distance (ilp->N, ilp->n, order);
      return 0;
    }
  else
    {
      finished = branch (ilp, ub - 1, FALSE, ilp->scratch, &value);
      if (value < ub)
        {
          memcpy (order, ilp->scratch, ilp->n * sizeof (guint));
          ub = value;
        }
      if (!finished)
        z = MAX (z, ilp->bound);
    }
  *D = ub;
  if (finished)
    return 0;
  lower = MAX (pair_bound, (guint64) MAX (ceil (z - ILP_EPS), 0.0));
  return ub > lower ? ub - lower : 0;
}

guint64
pr_kemeny_ilp (const guint *N,
               guint        n,
               guint        dp_max,
               gint64       deadline,
               guint       *order)
{
  guint64 pair_bound, D = 0, gap;
  Ilp ilp;

  pr_kemeny_local_search (N, n, order);
  pair_bound = pr_kemeny_pair_bound (N, n, order, n);
  D = pr_kemeny_distance (N, n, order);
  if (D == pair_bound)
    {
      consensus_order (N, n, order);
      return 0;
    }
  /* Too many for the programme, or no time left: the local search's. */
  if (n > PR_KEMENY_ILP_MAX || g_get_monotonic_time () >= deadline)
    return D - pair_bound;
  ilp_init (&ilp, N, n, dp_max, deadline);
  gap = solve (&ilp, order, pair_bound, &D);
  if (gap == 0)
    lex_refine (&ilp, D, order);
  ilp_clear (&ilp);
  return gap;
}
