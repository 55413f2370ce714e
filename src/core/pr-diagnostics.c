/* pr-diagnostics.c — influence of single ballots and integrity flags
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two views for an organizer who must defend a result:
 *
 * Influence is case-deletion diagnostics (R. D. Cook, "Detection of
 * influential observation in linear regression", Technometrics 19(1),
 * 1977) applied to a ranking: leave one ballot out, fit again, and see
 * how far each person's position moves (the same leave-one-out refits
 * as the jackknife of Quenouille, 1949, and Tukey, 1958). For each person
 * it gives the largest move any single ballot causes and how many ballots
 * move them at all: a position that one ballot can change by three places
 * rests on that ballot.
 *
 * Integrity flags look for the two patterns peer-assessment studies name
 * as the signature of gaming (e.g. T. Walsh, "The PeerRank method for peer
 * assessment", ECAI 2014; J. R. Wright, C. Thornton, K. Leyton-Brown,
 * "Mechanical TA: partially automated high-stakes peer grading", SIGCSE
 * 2015): raters who rank each other far above where everyone else puts
 * them (reciprocal boosting, in pairs or triangles), and raters whose
 * order is close to the reverse of the consensus (Kendall's τ-b, as the
 * agreement view shows, at or below −0.5: most pairs inverted). A rater's
 * lift of a teammate is measured against the consensus order of the very
 * people on that rater's ballot, as a share of the ballot's length, so a
 * ballot of three and a ballot of thirty are judged alike. They are flags
 * to look at, never exclusions: friends who work together closely can
 * rightly rank each other first.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pr-diagnostics.h"
#include "pr-stats.h"

/* ---- influence ---- */

typedef struct {
  PrProfile            *profile;
  PrMethod              method;
  PrTreatment           treatment;
  const guint          *reference;  /* positions on all ballots */
  const double         *start;      /* Plackett–Luce warm start, or NULL */
  guint                 first, last; /* distinct orders [first, last) */
  GCancellable         *cancellable;
  guint                *max_shift;  /* per candidate, this worker's */
  guint                *n_moving;
} Work;

static PrMethodResult *
fit (PrProfile    *profile,
     PrMethod      method,
     PrTreatment   treatment,
     const double *start)
{
  if (method == PR_METHOD_PLACKETT_LUCE)
    return pr_plackett_luce_fit (profile, start, FALSE);
  return pr_method_run (method, profile, treatment);
}

static gpointer
influence_worker (gpointer data)
{
  Work *work = data;
  guint n_orders = pr_profile_get_n_orders (work->profile);
  guint n = pr_profile_get_n_candidates (work->profile);
  g_autofree guint *counts = g_new (guint, n_orders);

  for (guint k = 0; k < n_orders; k++)
    pr_profile_get_order (work->profile, k, NULL, NULL, &counts[k]);
  for (guint k = work->first; k < work->last; k++)
    {
      g_autoptr(PrProfile) without = NULL;
      g_autoptr(PrMethodResult) result = NULL;
      guint copies = counts[k];

      if (g_cancellable_is_cancelled (work->cancellable))
        break;
      counts[k]--;
      without = pr_profile_new_reweighted (work->profile, counts);
      counts[k]++;
      result = fit (without, work->method, work->treatment, work->start);
      for (guint c = 0; c < n; c++)
        {
          guint shift = (guint) ABS ((int) result->position[c] - (int) work->reference[c]);

          work->max_shift[c] = MAX (work->max_shift[c], shift);
          if (shift > 0)
            work->n_moving[c] += copies;
        }
    }
  return NULL;
}

static const double *
warm_start (PrMethod              method,
            const PrMethodResult *full,
            guint                 n)
{
  if (method != PR_METHOD_PLACKETT_LUCE || full == NULL || full->score == NULL)
    return NULL;
  for (guint c = 0; c < n; c++)
    if (!isfinite (full->score[c]))
      return NULL;
  return full->score;
}

static void
run_workers (Work  *works,
             guint  n_workers)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_workers);

  /* The first share runs here; the others in their own threads. */
  for (guint w = 1; w < n_workers; w++)
    threads[w] = g_thread_new ("pr-influence", influence_worker, &works[w]);
  influence_worker (&works[0]);
  for (guint w = 1; w < n_workers; w++)
    g_thread_join (threads[w]);
}

PrInfluenceReport *
pr_influence_compute (PrProfile            *profile,
                      PrMethod              method,
                      PrTreatment           treatment,
                      const PrMethodResult *full,
                      guint                 n_threads,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(PrMethodResult) own = NULL;
  PrInfluenceReport *report;
  g_autofree Work *works = NULL;
  guint n, n_orders, n_workers;

  g_return_val_if_fail (profile != NULL && method < PR_N_METHODS, NULL);

  n = pr_profile_get_n_candidates (profile);
  /* Fill the profile's caches before threads read it. */
  n_orders = pr_profile_get_n_orders (profile);
  pr_profile_get_pairwise (profile, treatment);
  if (n_orders > PR_INFLUENCE_MAX_ORDERS)
    {
      g_set_error (error, PR_STATS_ERROR, PR_STATS_ERROR_TOO_LARGE,
                   _("Influence refits the ranking once per distinct ballot; %u distinct "
                     "ballots are more than the %u it takes on."), n_orders,
                   PR_INFLUENCE_MAX_ORDERS);
      return NULL;
    }
  if (full == NULL)
    full = own = fit (profile, method, treatment, NULL);
  if (n_threads == 0)
    n_threads = MAX (1, g_get_num_processors ());
  n_workers = MAX (1, MIN (n_threads, n_orders));
  works = g_new0 (Work, n_workers);
  for (guint w = 0; w < n_workers; w++)
    works[w] = (Work) { profile, method, treatment, full->position, warm_start (method, full, n),
                        (guint) ((guint64) n_orders * w / n_workers),
                        (guint) ((guint64) n_orders * (w + 1) / n_workers), cancellable,
                        g_new0 (guint, n), g_new0 (guint, n) };
  run_workers (works, n_workers);

  report = g_new0 (PrInfluenceReport, 1);
  report->method = method;
  report->n = n;
  report->people = g_new0 (PrInfluence, n);
  report->n_ballots = pr_profile_get_n_ballots (profile);
  for (guint w = 0; w < n_workers; w++)
    {
      for (guint c = 0; c < n; c++)
        {
          report->people[c].max_shift = MAX (report->people[c].max_shift, works[w].max_shift[c]);
          report->people[c].n_moving += works[w].n_moving[c];
        }
      g_free (works[w].max_shift);
      g_free (works[w].n_moving);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      pr_influence_report_free (report);
      return NULL;
    }
  return report;
}

void
pr_influence_report_free (PrInfluenceReport *report)
{
  if (report == NULL)
    return;
  g_free (report->people);
  g_free (report);
}

/* ---- integrity flags ---- */

static guint
place_in (const guint *order,
          guint        len,
          guint        candidate)
{
  for (guint i = 0; i < len; i++)
    if (order[i] == candidate)
      return i;
  return len;
}

/* Whether the consensus puts @x before @y (candidate order on ties). */
static gboolean
consensus_before (const PrMethodResult *consensus,
                  guint                 x,
                  guint                 y)
{
  guint px = consensus->position[x], py = consensus->position[y];

  return px != py ? px < py : x < y;
}

double
pr_integrity_boost (const guint          *order,
                    guint                 len,
                    guint                 candidate,
                    const PrMethodResult *consensus)
{
  guint u, v = 0;

  g_return_val_if_fail (order != NULL && consensus != NULL, 0.0);

  u = place_in (order, len, candidate);
  if (len < 2 || u == len)
    return 0.0;
  /* The place the consensus gives @candidate among the ballot's people. */
  for (guint i = 0; i < len; i++)
    v += order[i] != candidate && consensus_before (consensus, order[i], candidate);
  return ((double) v - (double) u) / (double) (len - 1);
}

/* The one ballot of each voter (a round counts one per member; in a
 * profile with several for one voter, the first in canonical order). */
static GHashTable *
ballots_by_voter (PrProfile *profile)
{
  GHashTable *by_voter = g_hash_table_new (NULL, NULL);

  for (guint k = 0; k < pr_profile_get_n_orders (profile); k++)
    {
      guint len, voter;

      pr_profile_get_order (profile, k, &len, &voter, NULL);
      if (voter != PR_PROFILE_NO_VOTER && len >= PR_FLAG_MIN_RANKED &&
          !g_hash_table_contains (by_voter, GUINT_TO_POINTER (voter + 1)))
        g_hash_table_insert (by_voter, GUINT_TO_POINTER (voter + 1), GUINT_TO_POINTER (k + 1));
    }
  return by_voter;
}

/* The boost voter @from gives @to, or −2 when @from did not rank @to. */
static double
boost_of (PrProfile            *profile,
          GHashTable           *by_voter,
          guint                 from,
          guint                 to,
          const PrMethodResult *consensus)
{
  gpointer found = g_hash_table_lookup (by_voter, GUINT_TO_POINTER (from + 1));
  const guint *order;
  guint len;

  if (found == NULL)
    return -2.0;
  order = pr_profile_get_order (profile, GPOINTER_TO_UINT (found) - 1, &len, NULL, NULL);
  if (place_in (order, len, to) == len)
    return -2.0;
  return pr_integrity_boost (order, len, to, consensus);
}

static int
compare_flags (gconstpointer a,
               gconstpointer b)
{
  const PrIntegrityFlag *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->n_raters != y->n_raters)
    return x->n_raters > y->n_raters ? -1 : 1;
  for (guint i = 0; i < x->n_raters; i++)
    if (x->raters[i] != y->raters[i])
      return x->raters[i] < y->raters[i] ? -1 : 1;
  return 0;
}

/* mutual[a * n + b] = the smaller of the two boosts when both are at
 * least PR_FLAG_BOOST_MIN, else NAN. */
static double *
mutual_boosts (PrProfile            *profile,
               GHashTable           *by_voter,
               const PrMethodResult *consensus,
               guint                 n)
{
  double *mutual = g_new (double, (gsize) n * n);

  for (guint i = 0; i < (guint64) n * n; i++)
    mutual[i] = NAN;
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        double ab = boost_of (profile, by_voter, a, b, consensus);
        double ba = ab >= PR_FLAG_BOOST_MIN ? boost_of (profile, by_voter, b, a, consensus) : -2;

        if (ab >= PR_FLAG_BOOST_MIN && ba >= PR_FLAG_BOOST_MIN)
          mutual[a * n + b] = mutual[b * n + a] = MIN (ab, ba);
      }
  return mutual;
}

static void
add_reciprocal_flags (GArray   *flags,
                      double   *mutual,
                      guint     n)
{
  g_autofree gboolean *in_triangle = g_new0 (gboolean, (gsize) n * n);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      for (guint c = b + 1; c < n && !isnan (mutual[a * n + b]); c++)
        {
          PrIntegrityFlag flag = { PR_INTEGRITY_RECIPROCAL, 3, { a, b, c }, 0 };

          if (isnan (mutual[a * n + c]) || isnan (mutual[b * n + c]))
            continue;
          flag.strength = MIN (mutual[a * n + b], MIN (mutual[a * n + c], mutual[b * n + c]));
          g_array_append_val (flags, flag);
          in_triangle[a * n + b] = in_triangle[a * n + c] = in_triangle[b * n + c] = TRUE;
        }
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      if (!isnan (mutual[a * n + b]) && !in_triangle[a * n + b])
        {
          PrIntegrityFlag flag = { PR_INTEGRITY_RECIPROCAL, 2, { a, b, 0 }, mutual[a * n + b] };

          g_array_append_val (flags, flag);
        }
}

static void
add_reversed_flags (GArray               *flags,
                    PrProfile            *profile,
                    GHashTable           *by_voter,
                    const PrMethodResult *consensus,
                    guint                 n)
{
  for (guint voter = 0; voter < n; voter++)
    {
      gpointer found = g_hash_table_lookup (by_voter, GUINT_TO_POINTER (voter + 1));
      const guint *order;
      guint len;
      double tau;

      if (found == NULL)
        continue;
      order = pr_profile_get_order (profile, GPOINTER_TO_UINT (found) - 1, &len, NULL, NULL);
      tau = pr_kendall_tau_b (order, len, consensus->position);
      if (!isnan (tau) && tau <= PR_FLAG_REVERSED_TAU)
        {
          PrIntegrityFlag flag = { PR_INTEGRITY_REVERSED, 1, { voter, 0, 0 }, tau };

          g_array_append_val (flags, flag);
        }
    }
}

GArray *
pr_integrity_flags_compute (PrProfile            *profile,
                            const PrMethodResult *consensus)
{
  GArray *flags = g_array_new (FALSE, TRUE, sizeof (PrIntegrityFlag));
  g_autoptr(GHashTable) by_voter = NULL;
  g_autofree double *mutual = NULL;
  guint n;

  g_return_val_if_fail (profile != NULL && consensus != NULL, flags);

  n = pr_profile_get_n_candidates (profile);
  by_voter = ballots_by_voter (profile);
  mutual = mutual_boosts (profile, by_voter, consensus, n);
  add_reciprocal_flags (flags, mutual, n);
  add_reversed_flags (flags, profile, by_voter, consensus, n);
  g_array_sort (flags, compare_flags);
  return flags;
}
