/* pr-method-result.c — the methods and what each one gives: positions,
 * tie groups, scores
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pr-method-result.h"

static const struct {
  const char *token;
  const char *label;
} method_names[PR_N_METHODS] = {
  [PR_METHOD_BORDA] = { "borda", N_("Borda") },
  [PR_METHOD_COPELAND] = { "copeland", N_("Copeland") },
  [PR_METHOD_SCHULZE] = { "schulze", N_("Schulze") },
  [PR_METHOD_RANKED_PAIRS] = { "ranked_pairs", N_("Ranked pairs") },
  [PR_METHOD_KEMENY] = { "kemeny", N_("Kemeny") },
  [PR_METHOD_PLACKETT_LUCE] = { "plackett_luce", N_("Plackett–Luce") },
};

const char *
pr_method_to_string (PrMethod method)
{
  g_return_val_if_fail (method < PR_N_METHODS, NULL);

  return method_names[method].token;
}

gboolean
pr_method_from_string (const char *text,
                       PrMethod   *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      if (g_strcmp0 (text, method_names[m].token) == 0)
        {
          *out = m;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pr_method_get_label (PrMethod method)
{
  g_return_val_if_fail (method < PR_N_METHODS, NULL);

  return _(method_names[method].label);
}

PrMethodResult *
pr_method_result_new (PrMethod method,
                      guint    n)
{
  PrMethodResult *r = g_new0 (PrMethodResult, 1);

  r->method = method;
  r->n = n;
  r->group = g_new0 (guint, n + 1);
  r->position = g_new0 (guint, n + 1);
  r->exact = TRUE;
  r->converged = TRUE;
  return r;
}

void
pr_method_result_free (PrMethodResult *result)
{
  if (result == NULL)
    return;
  g_free (result->group);
  g_free (result->position);
  g_free (result->score);
  g_free (result->std_error);
  g_free (result->order);
  g_free (result);
}

/* Standard competition ranking: a group's position is one more than the
 * number of candidates in better groups (1, 2, 2, 4). */
void
pr_method_result_finish (PrMethodResult *r)
{
  g_autofree guint *size = g_new0 (guint, r->n + 1);
  g_autofree guint *first = g_new0 (guint, r->n + 1);
  guint seen = 0;

  r->n_groups = 0;
  for (guint c = 0; c < r->n; c++)
    {
      g_assert (r->group[c] < r->n);
      size[r->group[c]]++;
      r->n_groups = MAX (r->n_groups, r->group[c] + 1);
    }
  for (guint g = 0; g < r->n_groups; g++)
    {
      g_assert (size[g] > 0);
      first[g] = seen + 1;
      seen += size[g];
    }
  for (guint c = 0; c < r->n; c++)
    r->position[c] = first[r->group[c]];
}

guint
pr_method_result_get_group (const PrMethodResult *result,
                            guint                 g,
                            guint                *members)
{
  guint k = 0;

  g_return_val_if_fail (result != NULL && members != NULL, 0);

  for (guint c = 0; c < result->n; c++)
    if (result->group[c] == g)
      members[k++] = c;
  return k;
}

typedef struct {
  const double *score;
} ScoreSort;

static int
compare_by_score (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const ScoreSort *s = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  gboolean nx = isnan (s->score[x]);
  gboolean ny = isnan (s->score[y]);

  if (nx != ny)
    return nx ? 1 : -1;
  if (!nx && s->score[x] != s->score[y])
    return s->score[x] > s->score[y] ? -1 : 1;
  return x < y ? -1 : (x > y);
}

void
pr_method_result_group_scores (PrMethodResult *r,
                               double          tolerance)
{
  g_autofree guint *idx = g_new (guint, r->n + 1);
  ScoreSort s = { r->score };
  guint g = 0;

  for (guint c = 0; c < r->n; c++)
    idx[c] = c;
  g_qsort_with_data (idx, r->n, sizeof (guint), compare_by_score, &s);
  for (guint k = 0; k < r->n; k++)
    {
      if (k > 0)
        {
          double prev = r->score[idx[k - 1]];
          double cur = r->score[idx[k]];
          gboolean same = (isnan (prev) && isnan (cur))
                          || (!isnan (prev) && !isnan (cur) && prev - cur <= tolerance);

          if (!same)
            g++;
        }
      r->group[idx[k]] = g;
    }
  pr_method_result_finish (r);
}

/* Layering in O(n²): beaten[a] counts the remaining candidates that beat
 * a; a layer is every remaining candidate with none, and removing it
 * lowers the counts of those its members beat. */
PrMethodResult *
pr_method_result_from_relation (PrMethod      method,
                                const guint8 *beats,
                                guint         n)
{
  PrMethodResult *r = pr_method_result_new (method, n);
  g_autofree guint8 *placed = g_new0 (guint8, n + 1);
  g_autofree guint *beaten = g_new0 (guint, n + 1);
  g_autofree guint *layer = g_new0 (guint, n + 1);
  guint left = n;

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (b != a && beats[(gsize) b * n + a])
        beaten[a]++;
  for (guint g = 0; left > 0; g++)
    {
      guint taken = 0;

      for (guint a = 0; a < n; a++)
        if (!placed[a] && beaten[a] == 0)
          layer[taken++] = a;
      /* A cycle cannot happen for Schulze or ranked pairs; should a
       * relation have one anyway, the rest forms one last group. */
      if (taken == 0)
        for (guint a = 0; a < n; a++)
          if (!placed[a])
            layer[taken++] = a;
      for (guint i = 0; i < taken; i++)
        {
          r->group[layer[i]] = g;
          placed[layer[i]] = 1;
          left--;
        }
      for (guint i = 0; i < taken; i++)
        for (guint b = 0; b < n; b++)
          if (b != layer[i] && beats[(gsize) layer[i] * n + b] && !placed[b])
            beaten[b]--;
    }
  pr_method_result_finish (r);
  return r;
}

/* DESIGN §5 `copeland`: pairwise wins minus losses from N. */
