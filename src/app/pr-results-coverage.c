/* pr-results-coverage.c — who was ranked by enough people, and who is
 * compared with whom
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-results-columns.h"
#include "pr-results-coverage.h"
#include "pr-results-table.h"
#include "pr-results-text.h"

struct _PrResultsCoverage
{
  AdwBin      parent_instance;

  GtkListBox *coverage_list;
};

G_DEFINE_FINAL_TYPE (PrResultsCoverage, pr_results_coverage, ADW_TYPE_BIN)

/* "Hana Sato (2), …": names with their raters. */
static char *
join_with_raters (const PrResults *results,
                  const guint     *people,
                  guint            n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    g_string_append_printf (text, "%s%s (%u)", k > 0 ? ", " : "",
                            pr_profile_get_name (results->profile, people[k]),
                            results->coverage->raters[people[k]]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_raters (PrResultsCoverage    *self,
            const PrResults      *results,
            const PrResultsTable *table)
{
  const PrCoverage *coverage = results->coverage;
  guint lo = G_MAXUINT, hi = 0;
  g_autofree char *range = NULL;

  for (guint c = 0; c < coverage->n; c++)
    {
      lo = MIN (lo, coverage->raters[c]);
      hi = MAX (hi, coverage->raters[c]);
    }
  range = g_strdup_printf (_("From %u to %u; the round asks for at least %u."),
                           coverage->n > 0 ? lo : 0, hi, table->min_raters);
  gtk_list_box_append (self->coverage_list, pr_results_text_row (_("Raters per person"), range));
  if (coverage->n_below > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u person has fewer than %u raters and is not placed",
                                                          "%u people have fewer than %u raters and are not placed",
                                                          coverage->n_below),
                                                coverage->n_below, table->min_raters);
      g_autofree char *names = join_with_raters (results, coverage->below, coverage->n_below);

      gtk_list_box_append (self->coverage_list, pr_results_text_row (title, names));
    }
}

/* DESIGN §6: separate comparison groups are missing data. */
static void
add_groups (PrResultsCoverage *self,
            const PrResults   *results,
            guint             *members)
{
  const PrCoverage *coverage = results->coverage;
  g_autofree char *title = NULL;

  if (coverage->n_comparison_groups <= 1)
    {
      gtk_list_box_append (self->coverage_list,
                           pr_results_text_row (_("Everyone is compared with everyone"),
                                                _("Every person is compared with every other, directly or through others, so all positions rest on the ballots.")));
      return;
    }
  title = g_strdup_printf (ngettext ("No ballot compares these %u group with each other",
                                     "No ballot compares these %u groups with each other",
                                     coverage->n_comparison_groups),
                           coverage->n_comparison_groups);
  gtk_list_box_append (self->coverage_list,
                       pr_results_text_row (title, _("Positions across groups rest on no data.")));
  for (guint g = 0; g < coverage->n_comparison_groups; g++)
    {
      g_autofree char *group = g_strdup_printf (_("Group %u"), g + 1);
      g_autofree char *names = pr_results_join_names (results->profile, members,
                                                      pr_coverage_get_members (coverage, g, FALSE,
                                                                               members));

      gtk_list_box_append (self->coverage_list, pr_results_text_row (group, names));
    }
}

/* People who beat (or lost to) everyone they met: decisive data, an
 * order that is certain with a gap the ballots cannot size. */
static void
add_roles (PrResultsCoverage *self,
           const PrResults   *results,
           guint             *members)
{
  const PrCoverage *coverage = results->coverage;

  for (guint k = 0; k < coverage->n_components; k++)
    {
      guint n = pr_coverage_get_members (coverage, k, TRUE, members);
      g_autofree char *role = pr_results_describe_role (coverage->component_role[k], n);
      g_autofree char *names = NULL;

      if (role == NULL)
        continue;
      names = pr_results_join_names (results->profile, members, n);
      gtk_list_box_append (self->coverage_list, pr_results_text_row (names, role));
    }
}

void
pr_results_coverage_show (PrResultsCoverage    *self,
                          PrResultsAnalysis    *analysis,
                          const PrResultsTable *table)
{
  const PrResults *results = analysis->results;
  g_autofree guint *members = g_new0 (guint, results->coverage->n + 1);

  g_return_if_fail (PR_IS_RESULTS_COVERAGE (self));

  pr_results_clear_list_box (self->coverage_list);
  add_raters (self, results, table);
  add_groups (self, results, members);
  add_roles (self, results, members);
}

GtkListBox *
pr_results_coverage_get_list (PrResultsCoverage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_COVERAGE (self), NULL);
  return self->coverage_list;
}

static void
pr_results_coverage_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_COVERAGE);

  G_OBJECT_CLASS (pr_results_coverage_parent_class)->dispose (object);
}

static void
pr_results_coverage_class_init (PrResultsCoverageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_results_coverage_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pr-results-coverage.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsCoverage, coverage_list);
}

static void
pr_results_coverage_init (PrResultsCoverage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
