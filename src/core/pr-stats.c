/* pr-stats.c — coverage, bootstrap, agreement and method sensitivity
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pr-stats.h"

G_DEFINE_QUARK (pr-stats-error-quark, pr_stats_error)

/* -- Coverage (DESIGN §5, §6) --------------------------------------------
 * raters: ballots that rank the person; below: people with fewer raters
 * than the round's min_raters; strongly connected / components: of the
 * "a beat b" graph with an edge a → b when some ballot ranks a above b
 * (ignore semantics whatever the treatment, as Plackett–Luce sees it).
 * When it is not strongly connected the MLE of Plackett–Luce does not
 * exist (Hunter 2004) and people in different components are not
 * comparable from the data alone. */

static guint
find_root (guint *parent,
           guint  x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

/* People compared directly or through others: union–find over every pair
 * some ballot compares, groups numbered by their first member. */
static void
coverage_groups (PrCoverage  *c,
                 const guint *N)
{
  g_autofree guint *parent = g_new (guint, c->n + 1);
  g_autofree guint *number = g_new (guint, c->n + 1);

  for (guint i = 0; i < c->n; i++)
    parent[i] = i;
  for (guint a = 0; a < c->n; a++)
    for (guint b = a + 1; b < c->n; b++)
      if (N[a * c->n + b] + N[b * c->n + a] > 0)
        parent[find_root (parent, a)] = find_root (parent, b);
  for (guint i = 0; i < c->n; i++)
    number[i] = G_MAXUINT;
  for (guint i = 0; i < c->n; i++)
    {
      guint root = find_root (parent, i);

      if (number[root] == G_MAXUINT)
        number[root] = c->n_comparison_groups++;
      c->comparison_group[i] = number[root];
    }
}

/* A component's role from the edges between it and the rest of its
 * comparison group: within a group the components form a DAG. The
 * largest component of each group is the body the others stand against:
 * it has no role of its own (nothing to say about most of the team). */
static void
coverage_roles (PrCoverage  *c,
                const guint *N)
{
  g_autofree gboolean *beats = g_new0 (gboolean, c->n_components + 1);
  g_autofree gboolean *beaten = g_new0 (gboolean, c->n_components + 1);
  g_autofree guint *size = g_new0 (guint, c->n_components + 1);
  g_autofree guint *body = g_new0 (guint, c->n_comparison_groups + 1);
  g_autofree guint *group_of = g_new0 (guint, c->n_components + 1);

  for (guint a = 0; a < c->n; a++)
    for (guint b = 0; b < c->n; b++)
      if (N[a * c->n + b] > 0 && c->component[a] != c->component[b])
        {
          beats[c->component[a]] = TRUE;
          beaten[c->component[b]] = TRUE;
        }
  for (guint i = 0; i < c->n; i++)
    {
      size[c->component[i]]++;
      group_of[c->component[i]] = c->comparison_group[i];
    }
  for (guint g = 0; g < c->n_comparison_groups; g++)
    body[g] = G_MAXUINT;
  for (guint k = 0; k < c->n_components; k++)
    if (body[group_of[k]] == G_MAXUINT || size[k] > size[body[group_of[k]]])
      body[group_of[k]] = k;
  for (guint k = 0; k < c->n_components; k++)
    {
      if ((!beats[k] && !beaten[k]) || (body[group_of[k]] == k && size[k] > 1))
        c->component_role[k] = PR_COMPONENT_MIXED;
      else if (!beaten[k])
        c->component_role[k] = PR_COMPONENT_ABOVE;
      else if (!beats[k])
        c->component_role[k] = PR_COMPONENT_BELOW;
      else
        c->component_role[k] = PR_COMPONENT_BETWEEN;
    }
}

PrCoverage *
pr_coverage_compute (PrProfile *profile)
{
  const guint *N;
  PrCoverage *c;
  guint n;

  g_return_val_if_fail (profile != NULL, NULL);

  n = pr_profile_get_n_candidates (profile);
  c = g_new0 (PrCoverage, 1);
  c->n = n;
  c->raters = g_new0 (guint, n + 1);
  c->below = g_new0 (guint, n + 1);
  c->component = g_new0 (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      c->raters[i] = pr_profile_get_raters (profile, i);
      if (c->raters[i] < pr_profile_get_min_raters (profile))
        c->below[c->n_below++] = i;
    }
  N = pr_profile_get_pairwise (profile, PR_TREATMENT_IGNORE);
  c->strongly_connected = pr_pairwise_strongly_connected (N, n, c->component, &c->n_components);
  c->component_role = g_new0 (PrComponentRole, c->n_components + 1);
  c->comparison_group = g_new0 (guint, n + 1);
  coverage_groups (c, N);
  coverage_roles (c, N);
  return c;
}

guint
pr_coverage_get_members (const PrCoverage *c,
                         guint             k,
                         gboolean          strongly,
                         guint            *members)
{
  guint size = 0;

  g_return_val_if_fail (c != NULL && members != NULL, 0);

  for (guint i = 0; i < c->n; i++)
    if ((strongly ? c->component[i] : c->comparison_group[i]) == k)
      members[size++] = i;
  return size;
}

void
pr_coverage_free (PrCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_free (coverage->raters);
  g_free (coverage->below);
  g_free (coverage->component);
  g_free (coverage->component_role);
  g_free (coverage->comparison_group);
  g_free (coverage);
}

/* -- Worker threads -------------------------------------------------------
 * Items are independent and write only their own slot, so which thread
 * takes which item never changes a result. */

typedef void (*ItemFunc) (guint    item,
                          gpointer user_data);

typedef struct {
  guint                n_items;
  gint                 next;
  ItemFunc             func;
  gpointer             user_data;
  GCancellable        *cancellable;
  PrStatsProgressFunc  progress;
  gpointer             progress_data;
  gint                 done;
  guint                reported;
  GMutex               lock;        /* one progress call at a time */
} Work;

/* About a hundred calls, in order, whichever worker finishes an item. */
static void
report_progress (Work *w)
{
  guint done = (guint) g_atomic_int_add (&w->done, 1) + 1;
  guint step = MAX (1, w->n_items / 100);

  if (w->progress == NULL || (done % step != 0 && done != w->n_items))
    return;
  g_mutex_lock (&w->lock);
  if (done > w->reported)
    {
      w->reported = done;
      w->progress (done, w->n_items, w->progress_data);
    }
  g_mutex_unlock (&w->lock);
}

static gpointer
worker (gpointer data)
{
  Work *w = data;

  for (;;)
    {
      guint item = (guint) g_atomic_int_add (&w->next, 1);

      if (item >= w->n_items || g_cancellable_is_cancelled (w->cancellable))
        return NULL;
      w->func (item, w->user_data);
      report_progress (w);
    }
}

static gboolean
run_parallel_with_progress (guint                n_items,
                            guint                n_threads,
                            ItemFunc             func,
                            gpointer             user_data,
                            PrStatsProgressFunc  progress,
                            gpointer             progress_data,
                            GCancellable        *cancellable,
                            GError             **error)
{
  Work w = { n_items, 0, func, user_data, cancellable, progress, progress_data, 0, 0, { 0 } };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX (n_items, 1));
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("pr-stats", worker, &w));
  worker (&w);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  g_mutex_clear (&w.lock);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
run_parallel (guint          n_items,
              guint          n_threads,
              ItemFunc       func,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  return run_parallel_with_progress (n_items, n_threads, func, user_data, NULL, NULL,
                                     cancellable, error);
}

/* Runs the primary method, warm-starting Plackett–Luce. */
static PrMethodResult *
run_primary (PrMethod              primary,
             PrProfile            *profile,
             PrTreatment           treatment,
             const PrMethodResult *start)
{
  if (primary == PR_METHOD_PLACKETT_LUCE)
    return pr_plackett_luce_fit (profile, start != NULL ? start->score : NULL, FALSE);
  return pr_method_run (primary, profile, treatment);
}

/* -- Bootstrap (DESIGN §5; Efron & Tibshirani 1993, ch. 6) ---------------
 * Resample r draws B ballots with replacement from the B counted ones,
 * using a Mersenne Twister seeded from (S mod 2³², S div 2³², r, tag), so
 * it depends on nothing but S and r. Per person we report the median and
 * the 5th and 95th percentiles of the position over the resamples by the
 * nearest-rank rule: the p-th percentile of R sorted values is the value
 * at 1-based rank ⌈p·R/100⌉. */

typedef struct {
  PrProfile            *profile;
  PrMethod              primary;
  PrTreatment           treatment;
  const PrMethodResult *start;
  guint64               seed;
  guint                 n;
  guint                 n_orders;
  guint                *cumulative;  /* ballots in orders 0..o */
  guint                *positions;   /* [r * n + c] */
} Bootstrap;

static void
bootstrap_one (guint    r,
               gpointer user_data)
{
  Bootstrap *b = user_data;
  guint32 seeds[4] = { (guint32) b->seed, (guint32) (b->seed >> 32), r, 0x50526273 };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  g_autofree guint *counts = g_new0 (guint, b->n_orders + 1);
  guint total = pr_profile_get_n_ballots (b->profile);
  g_autoptr(PrProfile) sample = NULL;
  g_autoptr(PrMethodResult) result = NULL;

  for (guint k = 0; k < total; k++)
    {
      guint pick = (guint) g_rand_int_range (rand, 0, (gint32) total);
      guint lo = 0, hi = b->n_orders - 1;

      /* The first order whose cumulative count exceeds the pick. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (b->cumulative[mid] > pick)
            hi = mid;
          else
            lo = mid + 1;
        }
      counts[lo]++;
    }
  sample = pr_profile_new_reweighted (b->profile, counts);
  result = run_primary (b->primary, sample, b->treatment, b->start);
  memcpy (b->positions + (gsize) r * b->n, result->position, b->n * sizeof (guint));
}

guint
pr_nearest_rank (const guint *sorted,
                 guint        count,
                 guint        percent)
{
  guint rank = (guint) (((guint64) percent * count + 99) / 100);

  return sorted[MAX (rank, 1) - 1];
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : (x > y);
}

static void
bootstrap_summarise (Bootstrap   *b,
                     PrBootstrap *out)
{
  g_autofree guint *column = g_new0 (guint, out->resamples + 1);

  for (guint c = 0; c < b->n; c++)
    {
      for (guint r = 0; r < out->resamples; r++)
        column[r] = b->positions[(gsize) r * b->n + c];
      qsort (column, out->resamples, sizeof (guint), compare_uint);
      out->median[c] = pr_nearest_rank (column, out->resamples, 50);
      out->low[c] = pr_nearest_rank (column, out->resamples, 5);
      out->high[c] = pr_nearest_rank (column, out->resamples, 95);
    }
}

PrBootstrap *
pr_bootstrap_run (PrProfile            *profile,
                  PrMethod              primary,
                  PrTreatment           treatment,
                  const PrMethodResult *start,
                  guint                 resamples,
                  guint64               seed,
                  guint                 n_threads,
                  GCancellable         *cancellable,
                  GError              **error)
{
  return pr_bootstrap_run_with_progress (profile, primary, treatment, start, resamples, seed,
                                         n_threads, NULL, NULL, cancellable, error);
}

PrBootstrap *
pr_bootstrap_run_with_progress (PrProfile            *profile,
                                PrMethod              primary,
                                PrTreatment           treatment,
                                const PrMethodResult *start,
                                guint                 resamples,
                                guint64               seed,
                                guint                 n_threads,
                                PrStatsProgressFunc   progress,
                                gpointer              progress_data,
                                GCancellable         *cancellable,
                                GError              **error)
{
  Bootstrap b = { profile, primary, treatment, start, seed, 0, };
  g_autoptr(PrBootstrap) out = g_new0 (PrBootstrap, 1);
  g_autofree guint *cumulative = NULL;
  g_autofree guint *positions = NULL;

  g_return_val_if_fail (profile != NULL && resamples > 0, NULL);

  b.n = pr_profile_get_n_candidates (profile);
  b.n_orders = pr_profile_get_n_orders (profile);
  pr_profile_get_pairwise (profile, PR_TREATMENT_IGNORE);
  b.cumulative = cumulative = g_new0 (guint, b.n_orders + 1);
  for (guint o = 0, sum = 0; o < b.n_orders; o++)
    {
      guint count;

      pr_profile_get_order (profile, o, NULL, NULL, &count);
      sum += count;
      cumulative[o] = sum;
    }
  b.positions = positions = g_new0 (guint, (gsize) resamples * b.n + 1);
  out->resamples = resamples;
  out->seed = seed;
  out->n = b.n;
  out->median = g_new0 (guint, b.n + 1);
  out->low = g_new0 (guint, b.n + 1);
  out->high = g_new0 (guint, b.n + 1);
  if (b.n_orders == 0)
    {
      /* No ballots: every resample is empty, everyone tied first. */
      for (guint c = 0; c < b.n; c++)
        out->median[c] = out->low[c] = out->high[c] = 1;
      for (gsize k = 0; k < (gsize) resamples * b.n; k++)
        positions[k] = 1;
      out->positions = g_steal_pointer (&positions);
      return g_steal_pointer (&out);
    }
  if (!run_parallel_with_progress (resamples, n_threads, bootstrap_one, &b, progress,
                                   progress_data, cancellable, error))
    return NULL;
  bootstrap_summarise (&b, out);
  out->positions = g_steal_pointer (&positions);
  return g_steal_pointer (&out);
}

void
pr_bootstrap_free (PrBootstrap *bootstrap)
{
  if (bootstrap == NULL)
    return;
  g_free (bootstrap->median);
  g_free (bootstrap->low);
  g_free (bootstrap->high);
  g_free (bootstrap->positions);
  g_free (bootstrap);
}

/* -- Kendall's W for incomplete rankings ----------------------------------
 * Brueckl (2011, after Kendall 1962 and Taylor 1987), exactly as R's
 * irrNA::kendallNA computes it for data with gaps:
 *   W = (1 + ρ̄·(k̄ − 1)) / k̄
 * - ρ̄ is the mean of Spearman's ρ over all pairs of raters, each ρ
 *   computed on the people both ranked (re-ranked 1..c within that common
 *   set) and weighted by c − 1, its degrees of freedom (Taylor 1987);
 *   pairs sharing fewer than two people have weight 0.
 * - k̄ is the number of ratings divided by the number of ALL people in
 *   the profile, rated or not: kendallNA's `kq`, the row mean of the
 *   non-missing counts, where a person nobody ranked counts 0 (irrNA
 *   keeps such rows). A ballot ranking one person orders no one and is
 *   not a rater (kendallNA drops columns with fewer than two scores).
 * For complete rankings this is the classical W = 12S / (m²(n³ − n)).
 * Like the reference, W is not clamped: with k̄ < 1 and ρ̄ < 0 it can
 * exceed 1. */

typedef struct {
  guint        n_orders;
  guint        n;
  const guint **order;
  guint       *len;
  guint       *count;
  int         *pos;     /* [o * n + c]: place of c in order o, or -1 */
} Orders;

static void
orders_init (Orders    *o,
             PrProfile *profile)
{
  o->n = pr_profile_get_n_candidates (profile);
  o->n_orders = pr_profile_get_n_orders (profile);
  o->order = g_new0 (const guint *, o->n_orders + 1);
  o->len = g_new0 (guint, o->n_orders + 1);
  o->count = g_new0 (guint, o->n_orders + 1);
  o->pos = g_new (int, (gsize) o->n_orders * o->n + 1);
  memset (o->pos, 0xff, ((gsize) o->n_orders * o->n + 1) * sizeof (int));
  for (guint k = 0; k < o->n_orders; k++)
    {
      o->order[k] = pr_profile_get_order (profile, k, &o->len[k], NULL, &o->count[k]);
      for (guint i = 0; i < o->len[k]; i++)
        o->pos[(gsize) k * o->n + o->order[k][i]] = (int) i;
    }
}

static void
orders_clear (Orders *o)
{
  g_free (o->order);
  g_free (o->len);
  g_free (o->count);
  g_free (o->pos);
}

/* Spearman's ρ of orders u and v on their common people; returns c. */
static guint
common_rho (const Orders *o,
            guint         u,
            guint         v,
            guint        *rank_u,
            double       *rho)
{
  const int *pos_v = o->pos + (gsize) v * o->n;
  const int *pos_u = o->pos + (gsize) u * o->n;
  guint c = 0, cv = 0;
  guint64 d2 = 0;

  for (guint i = 0; i < o->len[u]; i++)
    if (pos_v[o->order[u][i]] >= 0)
      rank_u[o->order[u][i]] = ++c;
  if (c < 2)
    return c;
  for (guint i = 0; i < o->len[v]; i++)
    {
      guint p = o->order[v][i];

      if (pos_u[p] >= 0)
        {
          gint64 d = (gint64) rank_u[p] - (gint64) ++cv;

          d2 += (guint64) (d * d);
        }
    }
  *rho = 1.0 - 6.0 * (double) d2 / ((double) c * ((double) c * c - 1.0));
  return c;
}

double
pr_kendall_w (PrProfile *profile,
              double    *mean_rho,
              double    *mean_k)
{
  Orders o;
  g_autofree guint *rank_u = NULL;
  double sum = 0.0, weight = 0.0, ratings = 0.0, rho = 0.0, k;
  g_autofree guint *per_person = NULL;

  g_return_val_if_fail (profile != NULL, NAN);

  orders_init (&o, profile);
  rank_u = g_new0 (guint, o.n + 1);
  per_person = g_new0 (guint, o.n + 1);
  for (guint u = 0; u < o.n_orders; u++)
    {
      if (o.len[u] < 2)
        continue;
      for (guint i = 0; i < o.len[u]; i++)
        per_person[o.order[u][i]] += o.count[u];
      /* Identical ballots agree perfectly: ρ = 1 on all of theirs. */
      weight += (o.len[u] - 1.0) * ((double) o.count[u] * (o.count[u] - 1.0) / 2.0);
      sum += (o.len[u] - 1.0) * ((double) o.count[u] * (o.count[u] - 1.0) / 2.0);
      for (guint v = u + 1; v < o.n_orders; v++)
        {
          guint c;

          if (o.len[v] < 2 || (c = common_rho (&o, u, v, rank_u, &rho)) < 2)
            continue;
          weight += (c - 1.0) * o.count[u] * (double) o.count[v];
          sum += rho * (c - 1.0) * o.count[u] * (double) o.count[v];
        }
    }
  for (guint p = 0; p < o.n; p++)
    ratings += per_person[p];
  /* Over everyone, unrated people counting 0 (irrNA's `kq`). */
  k = o.n > 0 ? ratings / o.n : NAN;
  orders_clear (&o);
  rho = weight > 0.0 ? sum / weight : NAN;
  if (mean_rho != NULL)
    *mean_rho = rho;
  if (mean_k != NULL)
    *mean_k = k;
  if (weight <= 0.0 || !(k > 0.0))
    return NAN;
  return (1.0 + rho * (k - 1.0)) / k;
}

/* Kendall's τ-b (Kendall 1945): (C − D) / √((n₀ − n₁)(n₀ − n₂)) over the
 * n₀ pairs of the rater's people, n₁ = 0 pairs tied by the (strict)
 * rater and n₂ pairs tied in the consensus. */
double
pr_kendall_tau_b (const guint *order,
                  guint        len,
                  const guint *position)
{
  gint64 concordant = 0, discordant = 0, tied = 0, pairs;

  g_return_val_if_fail (order != NULL || len == 0, NAN);

  for (guint i = 0; i < len; i++)
    for (guint j = i + 1; j < len; j++)
      {
        /* The rater puts order[i] above order[j]. */
        guint a = position[order[i]], b = position[order[j]];

        if (a < b)
          concordant++;
        else if (a > b)
          discordant++;
        else
          tied++;
      }
  pairs = (gint64) len * (len - 1) / 2;
  if (pairs == 0 || pairs == tied)
    return NAN;
  return (double) (concordant - discordant) / sqrt ((double) pairs * (double) (pairs - tied));
}

/* -- Agreement with the leave-one-out consensus (DESIGN §5) ---------------
 * For each ballot: the primary method on every other ballot gives the
 * consensus positions; the rater's τ-b against them on the people the
 * rater ranked says how far the rater agrees with everyone else.
 * Identical ballots share one fit. */

typedef struct {
  PrProfile            *profile;
  PrMethod              primary;
  PrTreatment           treatment;
  const PrMethodResult *start;
  guint                 n_orders;
  double               *tau;   /* per distinct order */
} LeaveOneOut;

static void
leave_one_out (guint    o,
               gpointer user_data)
{
  LeaveOneOut *l = user_data;
  g_autofree guint *counts = g_new0 (guint, l->n_orders + 1);
  g_autoptr(PrProfile) rest = NULL;
  g_autoptr(PrMethodResult) consensus = NULL;
  const guint *order;
  guint len;

  for (guint k = 0; k < l->n_orders; k++)
    pr_profile_get_order (l->profile, k, NULL, NULL, &counts[k]);
  counts[o]--;
  order = pr_profile_get_order (l->profile, o, &len, NULL, NULL);
  if (len < 2)
    {
      l->tau[o] = NAN;
      return;
    }
  rest = pr_profile_new_reweighted (l->profile, counts);
  consensus = run_primary (l->primary, rest, l->treatment, l->start);
  l->tau[o] = pr_kendall_tau_b (order, len, consensus->position);
}

/* Raters are listed in the profile's canonical order (pr-profile.c),
 * never in file or import order: ballots with a voter first, by the
 * voter's candidate order, then anonymous ones by length and then by the
 * order itself (candidate indices, best first); a distinct ballot cast
 * c times is c consecutive raters. An anonymous rater is labelled "#k",
 * k being its 1-based place in that whole list (after two named raters
 * the first anonymous one is "#3"), so the label follows the sorted
 * profile, not the order ballots arrived in. */
static void
agreement_raters (PrProfile   *profile,
                  const double *tau,
                  PrAgreement *out)
{
  guint n_orders = pr_profile_get_n_orders (profile), k = 0;

  out->n_raters = pr_profile_get_n_ballots (profile);
  out->raters = g_new0 (PrRaterAgreement, out->n_raters + 1);
  for (guint o = 0; o < n_orders; o++)
    {
      guint voter, count;

      pr_profile_get_order (profile, o, NULL, &voter, &count);
      for (guint i = 0; i < count; i++, k++)
        {
          out->raters[k].tau = tau[o];
          out->raters[k].rater = voter != PR_PROFILE_NO_VOTER
                                 ? g_strdup (pr_profile_get_id (profile, voter))
                                 : g_strdup_printf ("#%u", k + 1);
        }
    }
}

PrAgreement *
pr_agreement_compute (PrProfile            *profile,
                      PrMethod              primary,
                      PrTreatment           treatment,
                      const PrMethodResult *start,
                      guint                 n_threads,
                      GCancellable         *cancellable,
                      GError              **error)
{
  LeaveOneOut l = { profile, primary, treatment, start, 0, NULL };
  g_autoptr(PrAgreement) out = g_new0 (PrAgreement, 1);
  g_autofree double *tau = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  l.n_orders = pr_profile_get_n_orders (profile);
  if (l.n_orders > PR_AGREEMENT_MAX_ORDERS)
    {
      g_set_error (error, PR_STATS_ERROR, PR_STATS_ERROR_TOO_LARGE,
                   _("Agreement is limited to %u different ballots; this profile has %u."),
                   PR_AGREEMENT_MAX_ORDERS, l.n_orders);
      return NULL;
    }
  pr_profile_get_pairwise (profile, PR_TREATMENT_IGNORE);
  l.tau = tau = g_new0 (double, l.n_orders + 1);
  out->kendall_w = pr_kendall_w (profile, &out->mean_rho, &out->mean_k);
  if (!run_parallel (l.n_orders, n_threads, leave_one_out, &l, cancellable, error))
    return NULL;
  agreement_raters (profile, tau, out);
  return g_steal_pointer (&out);
}

void
pr_agreement_free (PrAgreement *agreement)
{
  if (agreement == NULL)
    return;
  for (guint i = 0; i < agreement->n_raters; i++)
    g_free (agreement->raters[i].rater);
  g_free (agreement->raters);
  g_free (agreement);
}

/* -- Method sensitivity (DESIGN §6) ----------------------------------------
 * A person's position "depends on the method" when any two of the
 * methods computed put them at different standard competition
 * positions. */
gboolean
pr_position_varies (PrMethodResult * const *results,
                    guint                   n_results,
                    guint                   candidate)
{
  g_return_val_if_fail (results != NULL || n_results == 0, FALSE);

  for (guint i = 1; i < n_results; i++)
    if (results[i]->position[candidate] != results[0]->position[candidate])
      return TRUE;
  return FALSE;
}
