/* pr-results-page.c — the aggregate ranking of a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pr-results-page.h"

struct _PrResultsPage
{
  AdwBin               parent_instance;

  GtkLabel            *title_label;
  GtkLabel            *summary_label;
  GtkLabel            *coverage_label;
  AdwPreferencesGroup *ranking_group;
  GtkListBox          *ranking_list;
  GtkLabel            *agreement_label;

  guint                n_rows;
};

G_DEFINE_FINAL_TYPE (PrResultsPage, pr_results_page, ADW_TYPE_BIN)

GtkWidget *
pr_results_page_new (void)
{
  return g_object_new (PR_TYPE_RESULTS_PAGE, NULL);
}

guint
pr_results_page_get_n_rows (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), 0);

  return self->n_rows;
}

/* DESIGN §6: Plackett–Luce reads as "the chance to be ranked above a
 * typical teammate", one whose log-worth is the mean — 0 after centring —
 * so P = 1 / (1 + e^−θ), as peer-rank-cli's text table shows it too.
 * NAN for people nobody ranked. */
static double
chance_above_typical (const PrMethodResult *pl,
                      const PrCoverage     *coverage,
                      guint                 c)
{
  if (coverage->raters[c] == 0 || isnan (pl->score[c]))
    return NAN;

  return 1.0 / (1.0 + exp (-pl->score[c]));
}

/* What the bar shows: the chance above for Plackett–Luce, the normalised
 * score for Borda (already 0…1), nothing for the order-only methods. */
static double
bar_value (const PrResults *results,
           guint            c)
{
  const PrMethodResult *r = results->method[results->options.primary];

  switch (results->options.primary)
    {
    case PR_METHOD_PLACKETT_LUCE:
      return chance_above_typical (r, results->coverage, c);
    case PR_METHOD_BORDA:
      return r->score[c];
    case PR_METHOD_COPELAND:
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return NAN;
    }
}

static char *
describe_methods (const PrResults *results,
                  guint            c)
{
  g_autoptr(GString) text = g_string_new (_("Position by method:"));

  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      if (!pr_results_shows (results, m))
        continue;
      g_string_append_printf (text, "\n%s: %u", pr_method_get_label (m),
                              results->method[m]->position[c]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_raters (const PrResults *results,
                 guint            c)
{
  guint raters = results->coverage->raters[c];
  g_autofree char *count = NULL;

  if (raters == 0)
    return g_strdup (_("No raters: nobody ranked this person"));

  count = g_strdup_printf (ngettext ("%u rater", "%u raters", raters), raters);
  if (results->bootstrap == NULL)
    return g_steal_pointer (&count);

  if (results->bootstrap->low[c] == results->bootstrap->high[c])
    /* TRANSLATORS: "5 raters · position 3 in 90 % of resamples" */
    return g_strdup_printf (_("%s · position %u in 90 %% of resamples"), count,
                            results->bootstrap->low[c]);

  /* TRANSLATORS: "5 raters · positions 2–4 in 90 % of resamples" */
  return g_strdup_printf (_("%s · positions %u–%u in 90 %% of resamples"), count,
                          results->bootstrap->low[c], results->bootstrap->high[c]);
}

static void
add_suffix_icon (AdwActionRow *row,
                 const char   *icon_name,
                 const char   *tooltip)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (icon, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  adw_action_row_add_suffix (row, icon);
}

static void
add_bar (AdwActionRow *row,
         double        value)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  g_autofree char *percent = g_strdup_printf ("%.0f %%", 100 * value);
  GtkWidget *label = gtk_label_new (percent);

  /* One colour: a chance is not "good" or "bad" past a threshold. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), value);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* The bar repeats the number for sighted people; one reading is enough. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (row, bar);
  adw_action_row_add_suffix (row, label);
}

static GtkWidget *
create_row (const PrResults *results,
            guint            c)
{
  PrProfile *profile = results->profile;
  guint raters = results->coverage->raters[c];
  guint min_raters = pr_profile_get_min_raters (profile);
  const PrMethodResult *primary = results->method[results->options.primary];
  g_autofree char *subtitle = describe_raters (results, c);
  g_autofree char *position = raters > 0 ? g_strdup_printf ("%u", primary->position[c]) : g_strdup ("–");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *prefix = gtk_label_new (position);
  double value = bar_value (results, c);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pr_profile_get_name (profile, c));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_label_set_width_chars (GTK_LABEL (prefix), 3);
  gtk_widget_add_css_class (prefix, "title-3");
  gtk_widget_add_css_class (prefix, "numeric");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);

  if (raters > 0 && raters < min_raters)
    {
      g_autofree char *tip = g_strdup_printf (ngettext ("Only %u rater, fewer than the round’s minimum of %u: this position rests on little information",
                                                        "Only %u raters, fewer than the round’s minimum of %u: this position rests on little information",
                                                        raters), raters, min_raters);

      add_suffix_icon (ADW_ACTION_ROW (row), "dialog-warning-symbolic", tip);
    }
  if (raters > 0 && pr_results_position_varies (results, c))
    {
      g_autofree char *tip = describe_methods (results, c);

      add_suffix_icon (ADW_ACTION_ROW (row), "view-list-ordered-symbolic", tip);
    }
  if (!isnan (value))
    add_bar (ADW_ACTION_ROW (row), value);

  return row;
}

/* Candidates by their position under the primary method; people nobody
 * ranked go last (under ignore semantics some methods place them first,
 * which must never read as winning). */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PrResults *results = user_data;
  const PrMethodResult *primary = results->method[results->options.primary];
  guint ca = *(const guint *) a, cb = *(const guint *) b;
  gboolean none_a = results->coverage->raters[ca] == 0;
  gboolean none_b = results->coverage->raters[cb] == 0;

  if (none_a != none_b)
    return none_a ? 1 : -1;
  if (primary->position[ca] != primary->position[cb])
    return primary->position[ca] < primary->position[cb] ? -1 : 1;

  return ca < cb ? -1 : ca > cb;
}

static void
update_coverage (PrResultsPage   *self,
                 const PrResults *results)
{
  const PrCoverage *coverage = results->coverage;
  guint min_raters = pr_profile_get_min_raters (results->profile);
  g_autoptr(GString) text = g_string_new (NULL);

  if (coverage->n_below > 0)
    g_string_append_printf (text,
                            ngettext ("%u person has fewer than %u raters; their position rests on little information.",
                                      "%u people have fewer than %u raters; their positions rest on little information.",
                                      coverage->n_below),
                            coverage->n_below, min_raters);
  if (!coverage->strongly_connected)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              _("The ballots compare the team only in %u separate groups, so positions across groups are not comparable."),
                              coverage->n_components);
    }

  gtk_label_set_text (self->coverage_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->coverage_label), text->len > 0);
}

static void
update_description (PrResultsPage   *self,
                    const PrResults *results)
{
  PrMethod primary = results->options.primary;
  g_autofree char *method = g_strdup_printf (_("Ordered by %s."), pr_method_get_label (primary));
  g_autofree char *bar = NULL;
  g_autofree char *text = NULL;

  if (primary == PR_METHOD_PLACKETT_LUCE)
    bar = g_strdup (_("The bar shows the chance to be ranked above a typical teammate."));
  else if (primary == PR_METHOD_BORDA)
    bar = g_strdup (_("The bar shows the mean normalised Borda score."));

  text = g_strjoin (" ", method, bar != NULL ? bar : "", NULL);
  adw_preferences_group_set_description (self->ranking_group, g_strstrip (text));
}

void
pr_results_page_set_results (PrResultsPage   *self,
                             const char      *title,
                             const char      *summary,
                             const PrResults *results)
{
  guint n;
  g_autofree guint *order = NULL;
  GtkWidget *child;

  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (results != NULL && results->method[results->options.primary] != NULL);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->summary_label, summary);
  update_coverage (self, results);
  update_description (self, results);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ranking_list))) != NULL)
    gtk_list_box_remove (self->ranking_list, child);

  n = pr_profile_get_n_candidates (results->profile);
  order = g_new (guint, n);
  for (guint c = 0; c < n; c++)
    order[c] = c;
  g_qsort_with_data (order, n, sizeof (guint), compare_rows, (gpointer) results);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->ranking_list, create_row (results, order[i]));
  self->n_rows = n;

  if (results->agreement != NULL && !isnan (results->agreement->kendall_w))
    {
      g_autofree char *w = g_strdup_printf ("%.2f", results->agreement->kendall_w);

      gtk_label_set_text (self->agreement_label, w);
    }
  else
    {
      gtk_label_set_text (self->agreement_label, "–");
    }
}

static void
pr_results_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_PAGE);

  G_OBJECT_CLASS (pr_results_page_parent_class)->dispose (object);
}

static void
pr_results_page_class_init (PrResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_results_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, ranking_group);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, ranking_list);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, agreement_label);
}

static void
pr_results_page_init (PrResultsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
