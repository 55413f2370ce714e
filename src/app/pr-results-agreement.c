/* pr-results-agreement.c — agreement between raters: Kendall's W and
 * each rater's τ
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pr-results-agreement.h"

struct _PrResultsAgreement
{
  GtkBox         parent_instance;

  GtkLabel      *agreement_label;
  GtkLabel      *raters_note;
  GtkWidget     *raters_scroller;
  GtkListView   *raters_view;
  GtkStringList *raters;
};

G_DEFINE_FINAL_TYPE (PrResultsAgreement, pr_results_agreement, GTK_TYPE_BOX)

static int
compare_tau (gconstpointer a,
             gconstpointer b)
{
  const PrRaterAgreement *x = *(PrRaterAgreement * const *) a;
  const PrRaterAgreement *y = *(PrRaterAgreement * const *) b;

  if (isnan (x->tau) != isnan (y->tau))
    return isnan (x->tau) ? 1 : -1;
  if (!isnan (x->tau) && x->tau != y->tau)
    return x->tau < y->tau ? -1 : 1;
  return strcmp (x->rater, y->rater);
}

static char *
describe_rater (const PrResults        *results,
                const PrRaterAgreement *rater)
{
  int c = pr_profile_find_id (results->profile, rater->rater);
  g_autofree char *who = c >= 0 ? g_strdup (pr_profile_get_name (results->profile, c))
                                /* TRANSLATORS: a ballot without a known voter, "#3" */
                                : g_strdup_printf (_("Ballot %s"), rater->rater);

  if (isnan (rater->tau))
    /* TRANSLATORS: a rater whose agreement is undefined */
    return g_strdup_printf (_("%s: τ undefined (fewer than two people in common)"), who);
  return g_strdup_printf (_("%s: τ = %.2f"), who, rater->tau);
}

static const char *
note (PrResultsAnalysis *analysis,
      gboolean           organizer)
{
  if (analysis->results->agreement == NULL)
    return analysis->agreement_refused
           ? _("Too many different ballots to compute agreement here; use peer-rank-cli tally --agreement.")
           : _("Agreement was not computed.");
  if (!organizer)
    return _("Each rater’s agreement with the consensus is shown to the organizer only.");
  return _("Each rater’s agreement with the consensus of everyone else (Kendall’s τ-b, from −1 reversed to 1 identical), lowest first.");
}

/* Lowest agreement first: that is what deserves a look. */
void
pr_results_agreement_show (PrResultsAgreement *self,
                           PrResultsAnalysis  *analysis,
                           gboolean            organizer)
{
  const PrAgreement *agreement = analysis->results->agreement;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  g_autofree char *w = NULL;

  g_return_if_fail (PR_IS_RESULTS_AGREEMENT (self));

  w = agreement != NULL && !isnan (agreement->kendall_w)
      ? g_strdup_printf ("%.3f", agreement->kendall_w) : g_strdup ("—");
  gtk_label_set_text (self->agreement_label, w);
  gtk_label_set_text (self->raters_note, note (analysis, organizer));
  for (guint k = 0; agreement != NULL && organizer && k < agreement->n_raters; k++)
    g_ptr_array_add (sorted, &agreement->raters[k]);
  g_ptr_array_sort (sorted, compare_tau);
  for (guint k = 0; k < sorted->len; k++)
    {
      g_autofree char *line = describe_rater (analysis->results, sorted->pdata[k]);

      g_strv_builder_add (lines, line);
    }
  strv = g_strv_builder_end (lines);
  gtk_string_list_splice (self->raters, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->raters)),
                          (const char * const *) strv);
  gtk_widget_set_visible (self->raters_scroller, sorted->len > 0);
}

GtkListView *
pr_results_agreement_get_view (PrResultsAgreement *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_AGREEMENT (self), NULL);
  return self->raters_view;
}

const char *
pr_results_agreement_get_text (PrResultsAgreement *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_AGREEMENT (self), NULL);
  return gtk_label_get_text (self->agreement_label);
}

static void
setup_rater_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_rater_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkStringObject *line = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (line));
}

static void
pr_results_agreement_dispose (GObject *object)
{
  PrResultsAgreement *self = PR_RESULTS_AGREEMENT (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_AGREEMENT);
  g_clear_object (&self->raters);

  G_OBJECT_CLASS (pr_results_agreement_parent_class)->dispose (object);
}

static void
pr_results_agreement_class_init (PrResultsAgreementClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_results_agreement_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pr-results-agreement.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsAgreement, agreement_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsAgreement, raters_note);
  gtk_widget_class_bind_template_child (widget_class, PrResultsAgreement, raters_scroller);
  gtk_widget_class_bind_template_child (widget_class, PrResultsAgreement, raters_view);
}

static void
pr_results_agreement_init (PrResultsAgreement *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_rater_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_rater_cb), NULL);
  self->raters = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->raters)));
  gtk_list_view_set_factory (self->raters_view, factory);
  gtk_list_view_set_model (self->raters_view, GTK_SELECTION_MODEL (selection));
  gtk_label_set_text (self->agreement_label, "—");
}
