/* pr-results-text.c — a tally as a table for a terminal
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "pr-results-table.h"
#include "pr-results-text.h"
#include "pr-results.h"

typedef struct {
  GPtrArray *cells;   /* of char*, row-major */
  guint      n_columns;
} Table;

static void
table_take (Table *t,
            char  *text)
{
  g_ptr_array_add (t->cells, text);
}

static void
table_add (Table      *t,
           const char *text)
{
  table_take (t, g_strdup (text));
}

static void
table_print (const Table *t,
             GString     *out)
{
  g_autofree gsize *width = g_new0 (gsize, t->n_columns);

  for (guint i = 0; i < t->cells->len; i++)
    width[i % t->n_columns] = MAX (width[i % t->n_columns],
                                   (gsize) g_utf8_strlen (g_ptr_array_index (t->cells, i), -1));
  for (guint i = 0; i < t->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (t->cells, i);
      guint col = i % t->n_columns;

      g_string_append (out, cell);
      if (col + 1 == t->n_columns)
        {
          /* No padding at the end of a line. */
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append_c (out, '\n');
          continue;
        }
      for (gsize pad = g_utf8_strlen (cell, -1); pad < width[col] + 2; pad++)
        g_string_append_c (out, ' ');
    }
}

char *
pr_results_format_flags (PrTableFlags flags)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (flags & PR_TABLE_FLAG_UNRANKED)
    g_strv_builder_add (words, _("nobody ranked them"));
  if (flags & PR_TABLE_FLAG_FEW_RATERS)
    g_strv_builder_add (words, _("too few raters"));
  if (flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD)
    g_strv_builder_add (words, _("depends on the method"));
  strv = g_strv_builder_end (words);
  return g_strjoinv (", ", strv);
}

static void
header_row (Table                *t,
            const PrResultsTable *table,
            gboolean              methods)
{
  table_add (t, C_("table column", "Pos."));
  table_add (t, C_("table column", "Name"));
  table_add (t, C_("table column", "Score"));
  /* xgettext:no-c-format */
  table_add (t, C_("table column", "90 % interval"));
  table_add (t, C_("table column", "Raters"));
  for (guint m = 0; methods && m < PR_N_METHODS; m++)
    if (table->methods & (1u << m))
      table_add (t, pr_method_get_label (m));
  table_add (t, C_("table column", "Flags"));
}

static void
table_row (Table                *t,
           const PrResults      *r,
           const PrResultsTable *table,
           const PrTableRow     *row)
{
  table_take (t, row->placed ? g_strdup_printf ("%u", row->position) : g_strdup ("—"));
  table_add (t, pr_profile_get_name (r->profile, row->candidate));
  table_take (t, pr_results_table_format_score (table->method, row->score));
  if (!row->has_interval)
    table_add (t, "—");
  else if (row->low == row->high)
    table_take (t, g_strdup_printf ("%u", row->low));
  else
    table_take (t, g_strdup_printf ("%u–%u", row->low, row->high));
  table_take (t, g_strdup_printf ("%u", row->raters));
  for (guint m = 0; row->placed && m < PR_N_METHODS; m++)
    if (table->methods & (1u << m))
      table_take (t, row->positions[m] != 0 ? g_strdup_printf ("%u", row->positions[m])
                                            : g_strdup ("—"));
  table_take (t, pr_results_format_flags (row->flags));
}

/* What the score means, in the words the window and the report use. */
const char *
pr_results_describe_score (PrMethod method)
{
  switch (method)
    {
    case PR_METHOD_PLACKETT_LUCE:
      return _("The score is the chance to be ranked above a typical teammate.");
    case PR_METHOD_BORDA:
      return _("The score is the mean normalised Borda score (1: always ranked first).");
    case PR_METHOD_COPELAND:
      return _("The score is pairwise wins minus losses.");
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return _("This method gives an order, no score.");
    }
}

char *
pr_results_describe_kemeny (const PrMethodResult *kemeny)
{
  g_return_val_if_fail (kemeny != NULL && kemeny->method == PR_METHOD_KEMENY, NULL);

  if (kemeny->exact)
    return g_strdup_printf (_("The Kemeny order is proven the best: it disagrees with %" PRIu64
                              " pairwise preferences on the ballots, and no order disagrees "
                              "with fewer."),
                            kemeny->distance);
  return g_strdup_printf (_("The Kemeny order is approximate, not proven the best: it disagrees "
                            "with %" PRIu64 " pairwise preferences on the ballots, and no order "
                            "can disagree with fewer than %" PRIu64 "."),
                          kemeny->distance, kemeny->lower_bound);
}

char *
pr_results_join_names (PrProfile   *profile,
                       const guint *people,
                       guint        n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    g_string_append_printf (text, "%s%s", k > 0 ? ", " : "", pr_profile_get_name (profile, people[k]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
pr_results_describe_role (PrComponentRole role,
                          guint           n_people)
{
  switch (role)
    {
    case PR_COMPONENT_ABOVE:
      return g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                    "Ranked above everyone they were compared with: this order is certain, how far ahead is not.",
                                    "Ranked above everyone else they were compared with: this order is certain, how far ahead is not.",
                                    n_people));
    case PR_COMPONENT_BELOW:
      return g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                    "Ranked below everyone they were compared with: this order is certain, how far behind is not.",
                                    "Ranked below everyone else they were compared with: this order is certain, how far behind is not.",
                                    n_people));
    case PR_COMPONENT_BETWEEN:
      return g_strdup (_("Every ballot that compares them with the others agrees on the order: it is certain, the size of the gaps is not."));
    case PR_COMPONENT_MIXED:
    default:
      return NULL;
    }
}

/* DESIGN §6 coverage: separate comparison groups are missing data;
 * people who beat (or lost to) everyone they met are decisive data. */
static void
coverage_notes (GString         *out,
                const PrResults *r)
{
  const PrCoverage *c = r->coverage;
  g_autofree guint *members = g_new (guint, c->n + 1);

  if (c->n_comparison_groups > 1)
    {
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "No ballot compares these %u group with each other; positions across groups rest on no data:\n",
                                           "No ballot compares these %u groups with each other; positions across groups rest on no data:\n",
                                           c->n_comparison_groups),
                              c->n_comparison_groups);
      for (guint k = 0; k < c->n_comparison_groups; k++)
        {
          g_autofree char *names = pr_results_join_names (r->profile, members, pr_coverage_get_members (c, k, FALSE, members));

          g_string_append_printf (out, "  %u. %s\n", k + 1, names);
        }
    }
  for (guint k = 0; k < c->n_components; k++)
    {
      guint size = pr_coverage_get_members (c, k, TRUE, members);
      g_autofree char *role = pr_results_describe_role (c->component_role[k], size);
      g_autofree char *names = NULL;

      if (role == NULL)
        continue;
      names = pr_results_join_names (r->profile, members, size);
      g_string_append_printf (out, "%s: %s\n", names, role);
    }
}

static void
method_notes (GString         *out,
              const PrResults *r)
{
  const PrMethodResult *kemeny = r->method[PR_METHOD_KEMENY];
  const PrMethodResult *pl = r->method[PR_METHOD_PLACKETT_LUCE];

  if (kemeny != NULL && pr_results_shows (r, PR_METHOD_KEMENY))
    {
      g_autofree char *proof = pr_results_describe_kemeny (kemeny);

      g_string_append_printf (out, "%s\n", proof);
    }
  /* The JSON says so in plackett_luce's "converged". */
  if (pl != NULL && !pl->converged)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Plackett–Luce: the fit stopped after %u step without "
                                         "converging; its log-worths are approximate.\n",
                                         "Plackett–Luce: the fit stopped after %u steps without "
                                         "converging; its log-worths are approximate.\n",
                                         pl->iterations),
                            pl->iterations);
  if (r->agreement != NULL && !isnan (r->agreement->kendall_w))
    g_string_append_printf (out, _("Agreement between raters (Kendall’s W): %.3f\n"),
                            r->agreement->kendall_w);
}

static void
table_notes (GString              *out,
             const PrResults      *r,
             const PrResultsTable *table)
{
  g_string_append_printf (out, "%s\n", pr_results_describe_score (table->method));
  if (r->bootstrap != NULL)
    g_string_append_printf (out, _("The interval holds the position in 90 %% of %u resamples of the ballots; “depends on the method” means some method places the person outside it.\n"),
                            r->bootstrap->resamples);
}

static void
print_rows (GString              *out,
            const PrResults      *r,
            const PrResultsTable *table,
            gboolean              placed)
{
  Table t = { g_ptr_array_new_with_free_func (g_free), 0 };

  header_row (&t, table, placed);
  t.n_columns = t.cells->len;
  for (guint k = 0; k < table->n; k++)
    if (table->rows[k].placed == placed)
      table_row (&t, r, table, &table->rows[k]);
  table_print (&t, out);
  g_ptr_array_unref (t.cells);
}

char *
pr_results_to_text (const PrResults      *r,
                    const PrResultsTable *table)
{
  g_autoptr(PrResultsTable) own = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (r != NULL, NULL);

  if (table == NULL)
    table = own = pr_results_get_table (r);
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u ballot; unranked people: %s; order by %s.\n\n",
                                       "%u ballots; unranked people: %s; order by %s.\n\n",
                                       pr_profile_get_n_ballots (r->profile)),
                          pr_profile_get_n_ballots (r->profile),
                          r->options.treatment == PR_TREATMENT_BELOW
                          ? _("ranked below") : _("no information"),
                          pr_method_get_label (table->method));
  if (table->n_placed > 0)
    print_rows (out, r, table, TRUE);
  if (table->n_placed < table->n)
    {
      g_autofree char *unplaced = pr_results_unplaced_text (table->min_raters);

      g_string_append_printf (out, "\n%s\n", pr_results_unplaced_title ());
      g_string_append_printf (out, "%s\n", unplaced);
      print_rows (out, r, table, FALSE);
    }
  g_string_append_c (out, '\n');
  table_notes (out, r, table);
  coverage_notes (out, r);
  method_notes (out, r);
  return g_string_free (out, FALSE);
}

const char *
pr_results_unplaced_title (void)
{
  return _("Too few raters to place");
}

char *
pr_results_unplaced_text (guint min_raters)
{
  if (min_raters <= 1)
    return g_strdup (_("Nobody ranked them: they get no position."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Ranked by nobody or by fewer than %u person, the round’s minimum: they get no position. Their interval says where they might fall among the people placed.",
                                       "Ranked by nobody or by fewer than %u people, the round’s minimum: they get no position. Their interval says where they might fall among the people placed.",
                                       min_raters),
                          min_raters);
}
