/* pr-profile.c — ballots as a canonical preference profile
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pr-profile.h"

/* One distinct ballot: who cast it (or PR_PROFILE_NO_VOTER), the order
 * best first, and how many identical ballots there are. */
typedef struct {
  guint voter;
  guint len;
  guint count;
  guint order[];
} PrOrder;

struct _PrProfile {
  gatomicrefcount  ref_count;
  guint            n;
  char           **ids;
  char           **names;
  guint            min_raters;
  guint            n_ballots;
  GPtrArray       *orders;     /* of PrOrder*, canonical once `sorted` */
  GHashTable      *index;      /* PrOrder* → itself, built on first add */
  gboolean         sorted;
  guint           *pairwise[2];
  guint           *raters;
};

G_DEFINE_QUARK (pr-profile-error-quark, pr_profile_error)
G_DEFINE_BOXED_TYPE (PrProfile, pr_profile, pr_profile_ref, pr_profile_unref)

/* Keep the total well inside guint so pairwise sums never wrap. */
#define MAX_BALLOTS (G_MAXUINT / 4)

const char *
pr_treatment_to_string (PrTreatment treatment)
{
  return treatment == PR_TREATMENT_BELOW ? "below" : "ignore";
}

gboolean
pr_treatment_from_string (const char  *text,
                          PrTreatment *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (text, "ignore") == 0)
    *out = PR_TREATMENT_IGNORE;
  else if (g_strcmp0 (text, "below") == 0)
    *out = PR_TREATMENT_BELOW;
  else
    return FALSE;
  return TRUE;
}

static guint
order_hash (gconstpointer key)
{
  const PrOrder *o = key;
  guint h = o->voter * 2654435761u + o->len;

  for (guint i = 0; i < o->len; i++)
    h = h * 31u + o->order[i];
  return h;
}

static gboolean
order_equal (gconstpointer a,
             gconstpointer b)
{
  const PrOrder *x = a;
  const PrOrder *y = b;

  return x->voter == y->voter && x->len == y->len
         && memcmp (x->order, y->order, x->len * sizeof (guint)) == 0;
}

/* Canonical order: voter, then length, then the order itself. */
static int
order_compare (gconstpointer a,
               gconstpointer b)
{
  const PrOrder *x = *(const PrOrder * const *) a;
  const PrOrder *y = *(const PrOrder * const *) b;

  if (x->voter != y->voter)
    return x->voter < y->voter ? -1 : 1;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  for (guint i = 0; i < x->len; i++)
    if (x->order[i] != y->order[i])
      return x->order[i] < y->order[i] ? -1 : 1;
  return 0;
}

static PrOrder *
order_new (guint        voter,
           const guint *order,
           guint        len,
           guint        count)
{
  PrOrder *o = g_malloc (sizeof (PrOrder) + len * sizeof (guint));

  o->voter = voter;
  o->len = len;
  o->count = count;
  memcpy (o->order, order, len * sizeof (guint));
  return o;
}

static PrProfile *
profile_alloc (guint n)
{
  PrProfile *self = g_new0 (PrProfile, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n = n;
  self->ids = g_new0 (char *, n + 1);
  self->names = g_new0 (char *, n + 1);
  self->min_raters = 3;
  self->orders = g_ptr_array_new_with_free_func (g_free);
  self->sorted = TRUE;
  return self;
}

PrProfile *
pr_profile_new (const char * const *ids,
                const char * const *names,
                guint               n)
{
  PrProfile *self;

  g_return_val_if_fail (ids != NULL || n == 0, NULL);
  g_return_val_if_fail (n <= PR_PROFILE_MAX_CANDIDATES, NULL);

  self = profile_alloc (n);
  for (guint i = 0; i < n; i++)
    {
      self->ids[i] = g_strdup (ids[i]);
      self->names[i] = g_strdup (names != NULL ? names[i] : ids[i]);
    }
  return self;
}

PrProfile *
pr_profile_ref (PrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
invalidate (PrProfile *self)
{
  g_clear_pointer (&self->pairwise[0], g_free);
  g_clear_pointer (&self->pairwise[1], g_free);
  g_clear_pointer (&self->raters, g_free);
}

void
pr_profile_unref (PrProfile *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  invalidate (self);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_ptr_array_unref (self->orders);
  g_strfreev (self->ids);
  g_strfreev (self->names);
  g_free (self);
}

static gboolean
validate_ranking (PrProfile    *self,
                  guint         voter,
                  const guint  *order,
                  guint         len,
                  GError      **error)
{
  g_autofree guint8 *seen = NULL;

  if (len == 0)
    {
      g_set_error_literal (error, PR_PROFILE_ERROR, PR_PROFILE_ERROR_EMPTY,
                           _("The ranking names no one."));
      return FALSE;
    }
  if (voter != PR_PROFILE_NO_VOTER && voter >= self->n)
    {
      g_set_error_literal (error, PR_PROFILE_ERROR, PR_PROFILE_ERROR_VOTER,
                           _("The ballot’s voter is not a candidate of this profile."));
      return FALSE;
    }
  seen = g_new0 (guint8, self->n);
  for (guint i = 0; i < len; i++)
    {
      if (order[i] >= self->n)
        {
          g_set_error (error, PR_PROFILE_ERROR, PR_PROFILE_ERROR_INDEX,
                       _("Position %u of the ranking names an unknown person."), i + 1);
          return FALSE;
        }
      if (order[i] == voter)
        {
          g_set_error_literal (error, PR_PROFILE_ERROR, PR_PROFILE_ERROR_VOTER,
                               _("The ballot ranks its own voter."));
          return FALSE;
        }
      if (seen[order[i]]++)
        {
          g_set_error (error, PR_PROFILE_ERROR, PR_PROFILE_ERROR_DUPLICATE,
                       _("“%s” appears twice in the ranking."), self->names[order[i]]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
ensure_index (PrProfile *self)
{
  if (self->index != NULL)
    return;
  self->index = g_hash_table_new (order_hash, order_equal);
  for (guint i = 0; i < self->orders->len; i++)
    {
      PrOrder *o = g_ptr_array_index (self->orders, i);

      g_hash_table_add (self->index, o);
    }
}

gboolean
pr_profile_add_ballot (PrProfile    *self,
                       guint         voter,
                       const guint  *order,
                       guint         len,
                       guint         count,
                       GError      **error)
{
  g_autofree PrOrder *key = NULL;
  PrOrder *found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (order != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_ranking (self, voter, order, len, error))
    return FALSE;
  if (count > MAX_BALLOTS - self->n_ballots)
    {
      g_set_error_literal (error, PR_PROFILE_ERROR, PR_PROFILE_ERROR_TOO_MANY,
                           _("There are too many ballots to count."));
      return FALSE;
    }
  if (count == 0)
    return TRUE;

  ensure_index (self);
  key = order_new (voter, order, len, count);
  found = g_hash_table_lookup (self->index, key);
  if (found != NULL)
    found->count += count;
  else
    {
      PrOrder *o = g_steal_pointer (&key);

      g_ptr_array_add (self->orders, o);
      g_hash_table_add (self->index, o);
      self->sorted = FALSE;
    }
  self->n_ballots += count;
  invalidate (self);
  return TRUE;
}

gboolean
pr_profile_add_ranking (PrProfile    *self,
                        const guint  *order,
                        guint         len,
                        GError      **error)
{
  return pr_profile_add_ballot (self, PR_PROFILE_NO_VOTER, order, len, 1, error);
}

void
pr_profile_set_min_raters (PrProfile *self,
                           guint      min_raters)
{
  g_return_if_fail (self != NULL);

  self->min_raters = min_raters;
}

guint
pr_profile_get_min_raters (PrProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->min_raters;
}

guint
pr_profile_get_n_candidates (PrProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

const char *
pr_profile_get_id (PrProfile *self,
                   guint      candidate)
{
  g_return_val_if_fail (self != NULL && candidate < self->n, NULL);

  return self->ids[candidate];
}

const char *
pr_profile_get_name (PrProfile *self,
                     guint      candidate)
{
  g_return_val_if_fail (self != NULL && candidate < self->n, NULL);

  return self->names[candidate];
}

int
pr_profile_find_id (PrProfile  *self,
                    const char *id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->n; i++)
    if (g_strcmp0 (self->ids[i], id) == 0)
      return (int) i;
  return -1;
}

guint
pr_profile_get_n_ballots (PrProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_ballots;
}

static void
ensure_sorted (PrProfile *self)
{
  if (self->sorted)
    return;
  g_ptr_array_sort (self->orders, order_compare);
  self->sorted = TRUE;
}

guint
pr_profile_get_n_orders (PrProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  /* Sorting here, before anyone reads an order, makes every later read
   * free of writes, so worker threads may share a profile once this ran. */
  ensure_sorted (self);
  return self->orders->len;
}

const guint *
pr_profile_get_order (PrProfile *self,
                      guint      index,
                      guint     *len,
                      guint     *voter,
                      guint     *count)
{
  const PrOrder *o;

  g_return_val_if_fail (self != NULL && index < self->orders->len, NULL);

  ensure_sorted (self);
  o = g_ptr_array_index (self->orders, index);
  if (len != NULL)
    *len = o->len;
  if (voter != NULL)
    *voter = o->voter;
  if (count != NULL)
    *count = o->count;
  return o->order;
}

PrProfile *
pr_profile_new_reweighted (PrProfile   *self,
                           const guint *counts)
{
  PrProfile *copy;

  g_return_val_if_fail (self != NULL && counts != NULL, NULL);

  ensure_sorted (self);
  copy = pr_profile_new ((const char * const *) self->ids,
                         (const char * const *) self->names, self->n);
  copy->min_raters = self->min_raters;
  /* A subsequence of a sorted list is sorted: no index, no sort needed. */
  for (guint i = 0; i < self->orders->len; i++)
    {
      const PrOrder *o = g_ptr_array_index (self->orders, i);

      if (counts[i] == 0)
        continue;
      g_ptr_array_add (copy->orders, order_new (o->voter, o->order, o->len, counts[i]));
      copy->n_ballots += counts[i];
    }
  return copy;
}

/* Under `below`, each ranked person also beats every person the ballot
 * leaves out, except the voter (DESIGN §5). */
static void
add_below (PrProfile     *self,
           const PrOrder *o,
           guint         *N,
           guint8        *ranked)
{
  for (guint i = 0; i < o->len; i++)
    ranked[o->order[i]] = 1;
  for (guint b = 0; b < self->n; b++)
    {
      if (ranked[b] || b == o->voter)
        continue;
      for (guint i = 0; i < o->len; i++)
        N[o->order[i] * self->n + b] += o->count;
    }
  for (guint i = 0; i < o->len; i++)
    ranked[o->order[i]] = 0;
}

const guint *
pr_profile_get_pairwise (PrProfile   *self,
                         PrTreatment  treatment)
{
  guint t = treatment == PR_TREATMENT_BELOW ? 1 : 0;
  g_autofree guint8 *ranked = NULL;
  guint *N;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->pairwise[t] != NULL)
    return self->pairwise[t];

  N = g_new0 (guint, (gsize) self->n * self->n + 1);
  ranked = g_new0 (guint8, self->n + 1);
  for (guint k = 0; k < self->orders->len; k++)
    {
      const PrOrder *o = g_ptr_array_index (self->orders, k);

      for (guint i = 0; i < o->len; i++)
        for (guint j = i + 1; j < o->len; j++)
          N[o->order[i] * self->n + o->order[j]] += o->count;
      if (t == 1)
        add_below (self, o, N, ranked);
    }
  self->pairwise[t] = N;
  return N;
}

guint
pr_profile_get_raters (PrProfile *self,
                       guint      candidate)
{
  g_return_val_if_fail (self != NULL && candidate < self->n, 0);

  if (self->raters == NULL)
    {
      self->raters = g_new0 (guint, self->n + 1);
      for (guint k = 0; k < self->orders->len; k++)
        {
          const PrOrder *o = g_ptr_array_index (self->orders, k);

          for (guint i = 0; i < o->len; i++)
            self->raters[o->order[i]] += o->count;
        }
    }
  return self->raters[candidate];
}

void
pr_profile_fill_caches (PrProfile   *self,
                        PrTreatment  treatment)
{
  g_return_if_fail (self != NULL);

  pr_profile_get_n_orders (self);
  pr_profile_get_pairwise (self, PR_TREATMENT_IGNORE);
  pr_profile_get_pairwise (self, treatment);
  if (self->n > 0)
    pr_profile_get_raters (self, 0);
}
