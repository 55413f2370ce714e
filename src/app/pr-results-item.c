/* pr-results-item.c — one person of a tally, for the results page's tables
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pr-results-item.h"

struct _PrResultsItem
{
  GObject         parent_instance;

  guint           candidate;
  char           *id;
  char           *name;
  PrMethod        method;
  guint           position;
  double          score;
  gboolean        has_interval;
  guint           low, median, high;
  guint           raters;
  guint           min_raters;
  PrResultsFlags  flags;
  guint           positions[PR_N_METHODS];
  gboolean        has_influence;
  guint           max_shift;
  guint           n_moving;
};

G_DEFINE_FINAL_TYPE (PrResultsItem, pr_results_item, G_TYPE_OBJECT)

static void
pr_results_item_finalize (GObject *object)
{
  PrResultsItem *self = PR_RESULTS_ITEM (object);

  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (pr_results_item_parent_class)->finalize (object);
}

static void
pr_results_item_class_init (PrResultsItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pr_results_item_finalize;
}

static void
pr_results_item_init (PrResultsItem *self)
{
  self->score = NAN;
}

static PrResultsFlags
compute_flags (const PrResults *results,
               guint            c)
{
  PrResultsFlags flags = PR_RESULTS_FLAG_NONE;

  for (guint k = 0; k < results->coverage->n_below; k++)
    if (results->coverage->below[k] == c)
      flags |= PR_RESULTS_FLAG_THIN;
  if (results->coverage->raters[c] == 0)
    flags |= PR_RESULTS_FLAG_NO_RATERS;
  if (pr_results_position_varies (results, c))
    flags |= PR_RESULTS_FLAG_VARIES;
  return flags;
}

PrResultsItem *
pr_results_item_new (const PrResultsAnalysis *analysis,
                     guint                    c)
{
  const PrResults *results = analysis->results;
  const PrMethodResult *primary = results->method[results->options.primary];
  PrResultsItem *self = g_object_new (PR_TYPE_RESULTS_ITEM, NULL);

  self->candidate = c;
  self->id = g_strdup (pr_profile_get_id (results->profile, c));
  self->name = g_strdup (pr_profile_get_name (results->profile, c));
  self->method = results->options.primary;
  self->position = primary->position[c];
  self->score = primary->score != NULL ? primary->score[c] : NAN;
  if (results->bootstrap != NULL)
    {
      self->has_interval = TRUE;
      self->low = results->bootstrap->low[c];
      self->median = results->bootstrap->median[c];
      self->high = results->bootstrap->high[c];
    }
  self->raters = results->coverage->raters[c];
  self->min_raters = pr_profile_get_min_raters (results->profile);
  self->flags = compute_flags (results, c);
  for (guint m = 0; m < PR_N_METHODS; m++)
    self->positions[m] = results->method[m] != NULL ? results->method[m]->position[c] : 0;
  if (analysis->influence != NULL)
    {
      self->has_influence = TRUE;
      self->max_shift = analysis->influence->people[c].max_shift;
      self->n_moving = analysis->influence->people[c].n_moving;
    }
  return self;
}

guint
pr_results_item_get_candidate (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), 0);
  return self->candidate;
}

const char *
pr_results_item_get_id (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);
  return self->id;
}

const char *
pr_results_item_get_name (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);
  return self->name;
}

PrMethod
pr_results_item_get_method (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), PR_METHOD_PLACKETT_LUCE);
  return self->method;
}

guint
pr_results_item_get_position (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), 0);
  return self->position;
}

double
pr_results_item_get_score (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NAN);
  return self->score;
}

gboolean
pr_results_item_get_interval (PrResultsItem *self,
                              guint         *low,
                              guint         *median,
                              guint         *high)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), FALSE);

  if (low != NULL)
    *low = self->low;
  if (median != NULL)
    *median = self->median;
  if (high != NULL)
    *high = self->high;
  return self->has_interval;
}

guint
pr_results_item_get_raters (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), 0);
  return self->raters;
}

PrResultsFlags
pr_results_item_get_flags (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), PR_RESULTS_FLAG_NONE);
  return self->flags;
}

guint
pr_results_item_get_method_position (PrResultsItem *self,
                                     PrMethod       method)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), 0);
  g_return_val_if_fail (method < PR_N_METHODS, 0);
  return self->positions[method];
}

gboolean
pr_results_item_get_breakdown_allowed (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), FALSE);
  return self->raters > 0 && self->raters >= self->min_raters;
}

gboolean
pr_results_item_get_influence (PrResultsItem *self,
                               guint         *max_shift,
                               guint         *n_moving)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), FALSE);

  if (max_shift != NULL)
    *max_shift = self->max_shift;
  if (n_moving != NULL)
    *n_moving = self->n_moving;
  return self->has_influence;
}

/* People nobody ranked show no position: under ignore semantics some
 * methods put them in the top group, which must never read as winning
 * (DESIGN §5). */
char *
pr_results_item_format_position (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  if (self->raters == 0)
    return g_strdup ("–");
  return g_strdup_printf ("%u", self->position);
}

char *
pr_results_format_score (PrMethod method,
                         double   score)
{
  if (isnan (score))
    return g_strdup ("—");

  switch (method)
    {
    case PR_METHOD_PLACKETT_LUCE:
      /* DESIGN §6: the chance to be ranked above a typical teammate, one
       * whose log-worth is the mean (0 after centring). */
      return g_strdup_printf ("%.1f %%", 100.0 / (1.0 + exp (-score)));
    case PR_METHOD_BORDA:
      return g_strdup_printf ("%.3f", score);
    case PR_METHOD_COPELAND:
      return g_strdup_printf ("%.0f", score);
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return g_strdup ("—");
    }
}

char *
pr_results_item_format_score (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  if (self->raters == 0)
    return g_strdup ("—");
  return pr_results_format_score (self->method, self->score);
}

char *
pr_results_item_format_interval (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  if (!self->has_interval || self->raters == 0)
    return g_strdup ("—");
  if (self->low == self->high)
    return g_strdup_printf ("%u", self->low);
  return g_strdup_printf ("%u–%u", self->low, self->high);
}

char *
pr_results_item_format_raters (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  return g_strdup_printf ("%u", self->raters);
}

char *
pr_results_item_format_flags (PrResultsItem *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  if (self->flags & PR_RESULTS_FLAG_NO_RATERS)
    g_string_append (text, _("Nobody ranked this person."));
  else if (self->flags & PR_RESULTS_FLAG_THIN)
    g_string_append_printf (text,
                            ngettext ("Only %u rater, fewer than the round’s minimum of %u.",
                                      "Only %u raters, fewer than the round’s minimum of %u.",
                                      self->raters),
                            self->raters, self->min_raters);
  if (self->flags & PR_RESULTS_FLAG_VARIES && !(self->flags & PR_RESULTS_FLAG_NO_RATERS))
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _("The position depends on the method."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The table's own order: by the primary position, people nobody ranked
 * last, then candidate order (as `tally`'s text table breaks ties). */
int
pr_results_item_compare_position (PrResultsItem *a,
                                  PrResultsItem *b)
{
  gboolean none_a = a->raters == 0, none_b = b->raters == 0;

  if (none_a != none_b)
    return none_a ? 1 : -1;
  if (a->position != b->position)
    return a->position < b->position ? -1 : 1;
  return a->candidate < b->candidate ? -1 : (a->candidate > b->candidate);
}
