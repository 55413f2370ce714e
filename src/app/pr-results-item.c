/* pr-results-item.c — one person of a tally, for the results page's tables
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pr-results-item.h"
#include "pr-results-table.h"

struct _PrResultsItem
{
  GObject         parent_instance;

  guint           candidate;
  guint           row;         /* in the results table's order */
  char           *id;
  char           *name;
  PrMethod        method;
  gboolean        placed;
  guint           position;
  double          score;
  gboolean        has_interval;
  guint           low, high;
  guint           raters;
  guint           min_raters;
  PrTableFlags    flags;
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

PrResultsItem *
pr_results_item_new (const PrResultsAnalysis *analysis,
                     const PrResultsTable    *table,
                     guint                    c)
{
  const PrResults *results = analysis->results;
  const PrTableRow *row = pr_results_table_get_row (table, c);
  PrResultsItem *self = g_object_new (PR_TYPE_RESULTS_ITEM, NULL);

  self->candidate = c;
  self->row = table->row_of[c];
  self->id = g_strdup (pr_profile_get_id (results->profile, c));
  self->name = g_strdup (pr_profile_get_name (results->profile, c));
  self->method = table->method;
  self->placed = row->placed;
  self->position = row->position;
  self->score = row->score;
  self->has_interval = row->has_interval;
  self->low = row->low;
  self->high = row->high;
  self->raters = row->raters;
  self->min_raters = table->min_raters;
  self->flags = row->flags;
  for (guint m = 0; m < PR_N_METHODS; m++)
    self->positions[m] = row->positions[m];
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

gboolean
pr_results_item_get_placed (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), FALSE);
  return self->placed;
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
                              guint         *high)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), FALSE);

  if (low != NULL)
    *low = self->low;
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

PrTableFlags
pr_results_item_get_flags (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), PR_TABLE_FLAG_NONE);
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

/* People the table does not place show no position (DESIGN §6): a
 * committee reads the position first. */
char *
pr_results_item_format_position (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  if (!self->placed)
    return g_strdup ("—");
  return g_strdup_printf ("%u", self->position);
}

char *
pr_results_item_format_score (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  return pr_results_table_format_score (self->method, self->score);
}

char *
pr_results_item_format_interval (PrResultsItem *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_ITEM (self), NULL);

  if (!self->has_interval)
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

  if (self->flags & PR_TABLE_FLAG_UNRANKED)
    g_string_append (text, _("Nobody ranked this person."));
  else if (self->flags & PR_TABLE_FLAG_FEW_RATERS)
    g_string_append_printf (text,
                            ngettext ("Only %u rater, fewer than the round’s minimum of %u.",
                                      "Only %u raters, fewer than the round’s minimum of %u.",
                                      self->raters),
                            self->raters, self->min_raters);
  if (self->flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* xgettext:no-c-format */
      g_string_append (text, _("Another method places them outside their 90 % interval."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
pr_results_item_compare_position (PrResultsItem *a,
                                  PrResultsItem *b)
{
  return a->row < b->row ? -1 : (a->row > b->row);
}
